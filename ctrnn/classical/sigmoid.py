"""Sigmoid CTRNNs are never Hamiltonian for a constant structure, anywhere.

For Eq. (1) of the paper with the logistic sigmoid,
``tau_i dy_i/dt = -y_i + sum_j w_ji sigma(y_j - theta_j) + I_i``, the
divergence is

    div f = sum_i (w_ii sigma'(y_i - theta_i) - 1) / tau_i ,

a sum of functions of one variable each.  A flow that is Hamiltonian for a
constant symplectic form, or more generally ``dy/dt = P grad H`` with a
constant skew P (a constant Poisson structure, the odd-n case), has
``div f = sum_ij P_ij d_i d_j H = 0``.  On an open set, ``div f = 0`` forces
``d(div f)/dy_i = w_ii sigma''(y_i - theta_i) / tau_i = 0`` on an interval,
and ``sigma'' = sigma (1 - sigma)(1 - 2 sigma)`` vanishes only at 0, so every
``w_ii = 0``; then ``div f = -sum_i 1/tau_i < 0``, a contradiction.  The paper's
construction therefore needs ReLU: it lives on the linear pieces of the
activation, where sigma' is the constant 1 (or 0) and the divergence is the
constant ``sum_i (w_ii [i active] - 1)/tau_i`` that Eq. (13) sets to zero.
"""
from __future__ import annotations

import numpy as np
import sympy as sp

from ctrnn._validation import array, integer, real
from ctrnn.classical.dynamics import ctrnn_rhs, logistic


def _symbols(n):
    y = sp.symbols(f"y1:{n + 1}", real=True)
    theta = sp.symbols(f"theta1:{n + 1}", real=True)
    I = sp.symbols(f"I1:{n + 1}", real=True)
    tau = sp.symbols(f"tau1:{n + 1}", positive=True)
    W = sp.Matrix(n, n, lambda j, i: sp.Symbol(f"w{j + 1}{i + 1}", real=True))
    return y, theta, I, tau, W


def _sigma(x):
    return 1 / (1 + sp.exp(-x))


def divergence_symbolic(n):
    """div f of Eq. (1) with the logistic sigmoid, from the Jacobian (SymPy).

    Parameters
    ----------
    n : int
        Number of neurons, 1 ... 6.

    Returns
    -------
    dict
        ``"divergence"`` (the trace of the Jacobian of Eq. 1), ``"formula"``
        (``sum_i (w_ii sigma'(y_i - theta_i) - 1)/tau_i``) and ``"difference"``
        (their difference, simplified: 0).
    """
    n = integer("n", n, minimum=1, maximum=6)
    y, theta, I, tau, W = _symbols(n)
    f = [(-y[i] + sum(W[j, i] * _sigma(y[j] - theta[j]) for j in range(n)) + I[i]) / tau[i]
         for i in range(n)]
    div = sum(sp.diff(f[i], y[i]) for i in range(n))
    x = sp.Symbol("x", real=True)
    dsigma = sp.diff(_sigma(x), x)
    formula = sum((W[i, i] * dsigma.subs(x, y[i] - theta[i]) - 1) / tau[i] for i in range(n))
    return {"divergence": div, "formula": formula, "difference": sp.simplify(div - formula)}


def second_derivative_zeros():
    """The real zeros of sigma'' and the identity ``sigma'' = sigma(1-sigma)(1-2 sigma)``.

    Returns
    -------
    dict
        ``"zeros"`` (the real solutions of ``sigma''(x) = 0``: ``[0]``) and
        ``"identity"`` (the difference of the two sides, simplified: 0).
    """
    x = sp.Symbol("x", real=True)
    s = _sigma(x)
    d2 = sp.diff(s, x, 2)
    zeros = sp.solve(sp.numer(sp.together(d2)), x)
    return {"zeros": [z for z in zeros if z.is_real],
            "identity": sp.simplify(d2 - s * (1 - s) * (1 - 2 * s))}


def constant_poisson_divergence(n):
    """``div(P grad H)`` for a general constant skew P and a general H (SymPy): 0.

    Parameters
    ----------
    n : int
        Dimension, 2 ... 5.

    Returns
    -------
    sympy.Expr
        The divergence, simplified (0: a constant Poisson or symplectic
        structure preserves volume, whatever H).
    """
    n = integer("n", n, minimum=2, maximum=5)
    y = sp.symbols(f"y1:{n + 1}", real=True)
    H = sp.Function("H")(*y)
    P = sp.Matrix(n, n, lambda i, j: sp.Symbol(f"p{min(i, j) + 1}{max(i, j) + 1}")
                  * (1 if i < j else -1 if i > j else 0))
    grad = sp.Matrix([sp.diff(H, v) for v in y])
    field = P * grad
    return sp.simplify(sum(sp.diff(field[i], y[i]) for i in range(n)))


def divergence(tau, weights, theta, y):
    """div f of Eq. (1) with the logistic sigmoid, numerically.

    Parameters
    ----------
    tau : array_like, shape (n,)
        Positive time constants.
    weights : array_like, shape (n, n)
        ``weights[j, i]`` is w_ji.
    theta : array_like, shape (n,)
    y : array_like, shape (n, ...)

    Returns
    -------
    ndarray, shape y.shape[1:]
        ``sum_i (w_ii sigma'(y_i - theta_i) - 1)/tau_i``.

    Raises
    ------
    TypeError
        If an argument is not an array of real numbers.
    ValueError
        If shapes disagree or a time constant is not positive (Eq. 1).
    """
    tau = array("tau", tau, ndim=1, min_size=1)
    n = tau.size
    if np.any(tau <= 0):
        raise ValueError(f"tau must be positive (time constants of Eq. 1), got {tau}")
    weights = array("weights", weights, shape=(n, n))
    theta = array("theta", theta, shape=(n,))
    y = array("y", y)
    if y.shape[:1] != (n,):
        raise ValueError(f"y must have length n = {n} along its first axis, got shape {y.shape}")
    ext = (slice(None),) + (None,) * (y.ndim - 1)
    s = logistic(y - theta[ext])
    return np.sum((np.diag(weights)[ext] * s * (1 - s) - 1) / tau[ext], axis=0)


def jacobian_trace(tau, weights, theta, inputs, y, step=1e-6):
    """Trace of the Jacobian of :func:`ctrnn.classical.dynamics.ctrnn_rhs`, by central differences.

    An independent check of :func:`divergence` (truncation ``O(step**2)``,
    rounding ``O(eps/step)``: about 1e-9 at the default step).

    Parameters
    ----------
    tau, weights, theta, inputs : array_like
        As for :func:`ctrnn.classical.dynamics.ctrnn_rhs`.
    y : array_like, shape (n,)
    step : float, optional

    Returns
    -------
    float
    """
    y = array("y", y, ndim=1)
    total = 0.0
    for i in range(y.size):
        e = np.zeros_like(y)
        e[i] = step
        total += (ctrnn_rhs(0.0, y + e, tau, weights, theta, inputs)[i]
                  - ctrnn_rhs(0.0, y - e, tau, weights, theta, inputs)[i]) / (2 * step)
    return float(total)


def divergence_range_on_ball(tau, weights, theta, centre, radius, samples=2000, seed=0):
    """Smallest and largest div f over random points of a ball.

    A constant structure needs ``div f = 0`` on the whole ball; this shows how
    far from it a network is there.

    Parameters
    ----------
    tau, weights, theta : array_like
        As for :func:`divergence`.
    centre : array_like, shape (n,)
    radius : float
        Positive.
    samples : int, optional
        Points drawn uniformly in the ball (1 ... 10**6).
    seed : int, optional

    Returns
    -------
    tuple of float
        ``(min, max)`` of div f over the sample.
    """
    centre = array("centre", centre, ndim=1)
    radius = real("radius", radius, positive=True)
    samples = integer("samples", samples, minimum=1, maximum=10 ** 6)
    seed = integer("seed", seed, minimum=0)
    rng = np.random.default_rng(seed)
    n = centre.size
    d = rng.normal(size=(n, samples))
    d *= radius * rng.uniform(size=samples) ** (1 / n) / np.linalg.norm(d, axis=0)
    div = divergence(tau, weights, theta, centre[:, None] + d)
    return float(div.min()), float(div.max())
