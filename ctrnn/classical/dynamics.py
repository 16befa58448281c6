"""Classical dynamics of the CTRNN: Eq. (1) for any n, Eqs. (2)-(10) for two neurons.

The two-neuron ReLU network (2)-(4) is piecewise linear. The signs of
``y1 + theta1`` and ``y2 + theta2`` split the plane into four regions; in
each one the flow is a linear system ``dy/dt = A y + b``. The paper writes
out two of them, Eqs. (5)-(6) (both neurons active) and Eqs. (7)-(8) (both
inactive). This module derives all four from the right-hand side (2)-(3)
symbolically, finds their equilibria, classifies them, and integrates the
network across the switching lines, either exactly (matrix exponential of
each region's linear system, switching times found by root finding) or with
``scipy.integrate.solve_ivp`` restarted at each switching event.

A region is a pair ``(a1, a2)``: ``a_i = 1`` when neuron i is active
(``y_i + theta_i >= 0``, so ``f = identity``) and ``0`` when it is inactive
(``f = 0``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import scipy.linalg
import scipy.optimize
import scipy.special
import sympy as sp
from scipy.integrate import solve_ivp

from ctrnn import _validation as V
from ctrnn import symbols as S
from ctrnn._validation import RTOL, vanishes
from ctrnn.classical.network import CTRNN2

#: The four regions of the ReLU plane, as (neuron 1 active, neuron 2 active).
REGIONS = ((1, 1), (1, 0), (0, 1), (0, 0))
#: Readable names of the regions.
REGION_NAMES = {
    (1, 1): "both active",
    (1, 0): "only neuron 1 active",
    (0, 1): "only neuron 2 active",
    (0, 0): "both inactive",
}
_EPS = float(np.finfo(float).eps)
#: solve_ivp methods accepted by :func:`simulate` besides ``"exact"``.
IVP_METHODS = ("RK45", "RK23", "DOP853", "Radau", "BDF", "LSODA")


# ----------------------------------------------------------------- validation
#: Cost limit of :func:`simulate`: the time span times the fastest rate of the
#: network (the largest ``|eigenvalue|`` of the four regions' matrices and
#: 1/min(tau1, tau2)).  The exact method scans each segment on a grid of step
#: 0.02 / rate, so the limit is 10**7 grid points, about 5 s on one core of the
#: build machine (measured: 10**6 points in 0.5 s); beyond it, simulate a
#: shorter span or rescale time.
MAX_SPAN_RATE = 2e5
#: Cost limit on ``max_switches`` of :func:`simulate` (each switch costs one
#: Brent root search, about 1 ms).
MAX_SWITCHES = 20_000


def _require_network(net) -> CTRNN2:
    """``net`` if it is a CTRNN2, else a TypeError."""
    return V.instance("net", net, CTRNN2, "ctrnn.CTRNN2")


def _require_region(region, name: str = "region") -> tuple:
    if isinstance(region, (str, bytes)) or not hasattr(region, "__iter__"):
        raise TypeError(f"{name} must be a pair (a1, a2), one of {REGIONS}, got {region!r}")
    items = tuple(region)
    if len(items) != 2 or not all(
            not isinstance(a, (bool, np.bool_)) and isinstance(a, (int, np.integer))
            for a in items):
        raise ValueError(f"{name} must be one of {REGIONS} (1 = neuron active, "
                         f"y_i + theta_i >= 0), got {region!r}")
    region = tuple(int(a) for a in items)
    if region not in REGIONS:
        raise ValueError(f"{name} must be one of {REGIONS} (1 = neuron active, "
                         f"y_i + theta_i >= 0), got {region!r}")
    return region


def _require_array(name, value, shape=None) -> np.ndarray:
    """A finite real array (see :func:`ctrnn._validation.array`)."""
    return V.array(name, value, shape=shape)


# ------------------------------------------------------------------- Eq. (1)
def logistic(z):
    """The logistic sigmoid ``1 / (1 + exp(-z))``, the field's standard activation.

    Parameters
    ----------
    z : array_like
        Argument.

    Returns
    -------
    ndarray
        Values in (0, 1), computed overflow-free with ``scipy.special.expit``.

    Raises
    ------
    TypeError
        If ``z`` is not real numbers.
    ValueError
        If ``z`` contains NaN (±inf give 0 and 1).
    """
    z = V.array("z", z, finite=False)
    if np.any(np.isnan(z)):
        raise ValueError("z must not contain NaN")
    return scipy.special.expit(z)


def ctrnn_rhs(t, y, tau, weights, theta, inputs, activation=logistic):
    """Right-hand side of the general CTRNN, Eq. (1), as printed.

    ``tau_i dy_i/dt = -y_i + sum_j w_ji sigma(y_j - theta_j) + I_i(t)``.

    Parameters
    ----------
    t : float
        Time; used only when ``inputs`` is callable.
    y : array_like, shape (n,) or (n, m)
        State; trailing axes are evaluated independently.
    tau : array_like, shape (n,)
        Time constants, strictly positive.
    weights : array_like, shape (n, n)
        ``weights[j, i]`` is w_ji, the weight from neuron j to neuron i.
    theta : array_like, shape (n,)
        Biases, entering as ``sigma(y_j - theta_j)`` (the sign printed in Eq. 1;
        Eqs. 2-3 use the opposite sign, see :func:`eq1_parameters`).
    inputs : array_like, shape (n,), or callable
        Constant inputs I_i, or a function ``inputs(t)`` returning them.
    activation : callable, optional
        The activation sigma; the logistic sigmoid by default.

    Returns
    -------
    ndarray
        dy/dt with the shape of ``y``.

    Raises
    ------
    TypeError
        If an argument is not real numbers or ``activation`` is not callable.
    ValueError
        If shapes disagree (also the activation's output), a time constant is
        not positive or a value is not finite.
    """
    V.real("t", t)
    V.function("activation", activation)
    tau = _require_array("tau", tau)
    if tau.ndim != 1 or tau.size == 0:
        raise ValueError(f"tau must be a non-empty 1-d array, got shape {tau.shape}")
    n = tau.size
    if np.any(tau <= 0):
        raise ValueError(f"tau must be positive (time constants of Eq. 1), got {tau}")
    weights = _require_array("weights", weights, (n, n))
    theta = _require_array("theta", theta, (n,))
    current = inputs(t) if callable(inputs) else inputs
    current = _require_array("inputs", current, (n,))
    y = _require_array("y", y)
    if y.shape[:1] != (n,):
        raise ValueError(f"y must have length n = {n} along its first axis, got shape {y.shape}")
    extra = (slice(None),) + (None,) * (y.ndim - 1)
    act = np.asarray(activation(y - theta[extra]), dtype=float)
    if act.shape != y.shape:
        raise ValueError(f"activation must return an array of the shape of its argument "
                         f"{y.shape} (Eq. 1 applies it elementwise), got {act.shape}")
    drive = np.einsum("ji,j...->i...", weights, act)
    return (-y + drive + current[extra]) / tau[extra]


def eq1_parameters(net):
    """Parameters of Eq. (1) that reproduce the two-neuron network (2)-(3).

    Eq. (1) writes ``sigma(y_j - theta_j)`` and Eqs. (2)-(3) ``f(y_j + theta_j)``,
    so the biases change sign; weights keep the paper's ``w_ji`` indexing.

    Parameters
    ----------
    net : CTRNN2
        The network of Eqs. (2)-(3).

    Returns
    -------
    dict
        ``tau``, ``weights`` (``weights[j, i] = w_ji``), ``theta`` (= minus the
        biases of Eqs. 2-3) and ``inputs``, ready for :func:`ctrnn_rhs`.
    """
    p = _require_network(net).params
    return {
        "tau": np.array([p["tau1"], p["tau2"]]),
        "weights": np.array([[p["w11"], p["w12"]], [p["w21"], p["w22"]]]),
        "theta": -np.array([p["theta1"], p["theta2"]]),
        "inputs": np.array([p["I1"], p["I2"]]),
    }


# ------------------------------------------------------- regions: symbolic
def rhs_symbolic(activation=None):
    """The right-hand sides (f1, f2) of Eqs. (2)-(3) as SymPy expressions.

    Parameters
    ----------
    activation : sympy function or Lambda, optional
        The activation; the undefined function ``f`` of Eqs. (2)-(3) by default.

    Returns
    -------
    tuple of sympy.Expr
        ``(dy1/dt, dy2/dt)`` in the symbols of :mod:`ctrnn.symbols`.
    """
    if activation is not None and not callable(activation):
        raise TypeError(f"activation must be a SymPy function or Lambda, got {activation!r}")
    act = S.f if activation is None else activation
    z1, z2 = S.y1 + S.theta1, S.y2 + S.theta2
    f1 = (-S.y1 + S.w11 * act(z1) + S.w21 * act(z2) + S.I1) / S.tau1
    f2 = (-S.y2 + S.w22 * act(z2) + S.w12 * act(z1) + S.I2) / S.tau2
    return f1, f2


def linear_system_symbolic(region):
    """The linear system ``dy/dt = A y + b`` of one region, derived from (2)-(3).

    ReLU (4) is the identity on an active neuron's argument and zero on an
    inactive one's; substituting that into (2)-(3) gives the region's system.
    Region (1, 1) is Eqs. (5)-(6), region (0, 0) Eqs. (7)-(8).

    Parameters
    ----------
    region : tuple
        One of :data:`REGIONS`.

    Returns
    -------
    A : sympy.Matrix, shape (2, 2)
    b : sympy.Matrix, shape (2, 1)

    Raises
    ------
    TypeError, ValueError
        If ``region`` is not one of :data:`REGIONS`.
    """
    return _linear_system_symbolic(_require_region(region))


@lru_cache(maxsize=None)
def _linear_system_symbolic(region):
    z1, z2 = S.y1 + S.theta1, S.y2 + S.theta2
    linear = {z1: z1 if region[0] else 0, z2: z2 if region[1] else 0}
    f1, f2 = (sp.expand(e.replace(S.f, lambda z: linear[z]))
              for e in rhs_symbolic())
    A, minus_b = sp.linear_eq_to_matrix([f1, f2], [S.y1, S.y2])
    return sp.ImmutableMatrix(A), sp.ImmutableMatrix(-minus_b)


@lru_cache(maxsize=None)
def _linear_system_numeric(region):
    A, b = _linear_system_symbolic(region)
    return sp.lambdify(S.PARAMETERS, (A, b), modules="numpy")


def linear_system(net, region):
    """Numerical ``(A, b)`` of one region's linear system ``dy/dt = A y + b``.

    Parameters
    ----------
    net : CTRNN2
        The network of Eqs. (2)-(3) with ReLU activation (4).
    region : tuple
        One of :data:`REGIONS`.

    Returns
    -------
    A : ndarray, shape (2, 2)
    b : ndarray, shape (2,)
    """
    net = _require_network(net)
    region = _require_region(region)
    A, b = _linear_system_numeric(region)(*net.params.values())
    return np.array(A, dtype=float), np.array(b, dtype=float).reshape(2)


def region_of(net, y):
    """The region containing the point ``y`` (closed on the active side).

    Parameters
    ----------
    net : CTRNN2
    y : array_like, shape (2,)

    Returns
    -------
    tuple
        ``(a1, a2)`` with ``a_i = 1`` if ``y_i + theta_i >= 0``.
    """
    net = _require_network(net)
    y = _require_array("y", y, (2,))
    return (int(y[0] + net.theta1 >= 0), int(y[1] + net.theta2 >= 0))


# ------------------------------------------------- equilibria and their type
def _singular(A):
    """Whether det A vanishes by the shared rule (:func:`ctrnn._validation.vanishes`)."""
    A = np.asarray(A, dtype=float)
    return vanishes(A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0],
                    abs(A[0, 0] * A[1, 1]) + abs(A[0, 1] * A[1, 0]))


def equilibrium(net, region):
    """Equilibrium ``y* = -A^{-1} b`` of a region's linear system.

    Parameters
    ----------
    net : CTRNN2
    region : tuple
        One of :data:`REGIONS`.

    Returns
    -------
    ndarray, shape (2,), or None
        The equilibrium, or None when A is singular (no isolated equilibrium).
    """
    A, b = linear_system(net, region)
    if _singular(A):
        return None
    return np.linalg.solve(A, -b)


def classify(A, tol=RTOL):
    """Type of the equilibrium of ``dy/dt = A y + b`` from the 2x2 matrix A.

    Parameters
    ----------
    A : array_like, shape (2, 2)
        Jacobian of a linear planar system.
    tol : float, optional
        Relative tolerance for a zero trace or determinant, compared with the
        sum of the magnitudes of their terms (the package's one rule,
        :func:`ctrnn._validation.vanishes`; default :data:`ctrnn._validation.RTOL`).

    Returns
    -------
    str
        One of "saddle", "centre", "stable focus", "unstable focus",
        "stable node", "unstable node", "degenerate" (singular A).
    """
    A = _require_array("A", A, (2, 2))
    tol = V.tolerance("tol", tol)
    tr = float(A[0, 0] + A[1, 1])
    det = float(A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0])
    if vanishes(det, abs(A[0, 0] * A[1, 1]) + abs(A[0, 1] * A[1, 0]), tol):
        return "degenerate"
    if det < 0:
        return "saddle"
    if vanishes(tr, abs(A[0, 0]) + abs(A[1, 1]), tol):
        return "centre"
    stability = "stable" if tr < 0 else "unstable"
    # (tr² - 4 det)/4 without its cancellation: a focus when the eigenvalues are
    # complex, also when tr² and 4 det agree to rounding (A = [[-1, 3e-240], [-1, -1]])
    first, cross = 0.25 * (A[0, 0] - A[1, 1]) ** 2, A[0, 1] * A[1, 0]
    focus = first + cross < 0 and not vanishes(first + cross, first + abs(cross), tol)
    return f"{stability} {'focus' if focus else 'node'}"


def region_analysis(net):
    """All four regions' linear systems, equilibria, eigenvalues and types.

    Parameters
    ----------
    net : CTRNN2

    Returns
    -------
    list of dict
        One dict per region of :data:`REGIONS` with keys ``region``, ``name``,
        ``A``, ``b``, ``divergence`` (trace of A), ``equilibrium`` (or None),
        ``inside`` (whether the equilibrium lies in its own region, so that it
        is an equilibrium of the network), ``eigenvalues`` and ``type``.
    """
    net = _require_network(net)
    rows = []
    for region in REGIONS:
        A, b = linear_system(net, region)
        eq = equilibrium(net, region)
        rows.append({
            "region": region,
            "name": REGION_NAMES[region],
            "A": A,
            "b": b,
            "divergence": float(np.trace(A)),
            "equilibrium": eq,
            "inside": bool(eq is not None and region_of(net, eq) == region),
            "eigenvalues": np.linalg.eigvals(A),
            "type": classify(A),
        })
    return rows


# ------------------------------------------------------------- simulation
@dataclass
class Trajectory:
    """A simulated trajectory of the two-neuron network.

    Attributes
    ----------
    t : ndarray, shape (N,)
        Output times.
    y : ndarray, shape (2, N)
        States at ``t``.
    switch_times : ndarray
        Times at which the trajectory crossed a switching line.
    regions : list of tuple
        The region of each segment between switches (one more than switches).
    """

    t: np.ndarray
    y: np.ndarray
    switch_times: np.ndarray
    regions: list


def _velocity(net, y):
    """dy/dt of Eqs. (2)-(3) with ReLU (4) at one state: ``net.rhs(0, y)``
    without its input checks (the same arithmetic)."""
    a1, a2 = np.maximum(y[0] + net.theta1, 0.0), np.maximum(y[1] + net.theta2, 0.0)
    dy1 = (-y[0] + net.w11 * a1 + net.w21 * a2 + net.I1) / net.tau1
    dy2 = (-y[1] + net.w22 * a2 + net.w12 * a1 + net.I2) / net.tau2
    return np.array([dy1, dy2])


def _entered_region(net, y, tol=1e-12, A_active=None):
    """Region a trajectory enters from ``y``.

    Off the switching lines, the region containing y. On a line
    ``y_i = -theta_i`` the side is chosen by the sign of dy_i/dt, and where
    that vanishes too (a tangential touch) by the sign of d2y_i/dt2.
    ``A_active``, if given, is the both-active matrix (:func:`linear_system`).
    """
    velocity = _velocity(net, y)
    if A_active is None:
        A_active = _region_system(net, (1, 1))[0]
    scale_v = tol * (1.0 + np.abs(velocity).max())
    out = []
    for i, theta in enumerate((net.theta1, net.theta2)):
        s = y[i] + theta
        if abs(s) > tol * max(1.0, abs(y[i]), abs(theta)):
            out.append(int(s > 0))
        elif abs(velocity[i]) > scale_v:
            out.append(int(velocity[i] > 0))
        else:
            # tangential: the normal velocity vanishes, so both sides' Jacobians
            # give the same acceleration along the normal
            accel = (A_active @ velocity)[i]
            out.append(int(accel >= 0))
    return tuple(out)


def _propagator(A, b, times):
    """Exact affine flow maps: y(t) = E(t) y0 + w(t) for dy/dt = A y + b.

    Closed form from Cayley-Hamilton for 2x2 matrices: with mu = tr(A)/2,
    N = A - mu I and N^2 = delta I (delta = mu^2 - det A),
    ``exp(A t) = exp(mu t) [c(t) I + s(t) N]``, where (c, s) is
    (cosh, sinh/sqrt(delta)), (cos, sin/sqrt(-delta)) or (1, t); for
    delta > 0 see :func:`_real_distinct_exponential`, which also avoids
    0 * inf = NaN for a stiff stable node.  The result is compared with a
    40-digit exponential over time constants 1e-4..1e4 and weights up to 1e6
    in the tests.
    """
    return _affine_flow(A, b)(times)


def _affine_flow(A, b):
    """``at(times) -> (E, w)`` of :func:`_propagator`, with A's constants computed once.

    Root finding evaluates the flow of one region at many single times; the
    constants (mu, delta, the equilibrium) do not depend on the time.
    """
    mu = 0.5 * np.trace(A)
    # delta = mu^2 - det A, written without the cancellation of mu^2 - det A
    delta = (0.5 * (A[0, 0] - A[1, 1])) ** 2 + A[0, 1] * A[1, 0]
    size = np.max(np.abs(A))
    singular = _singular(A)
    y_star = None if singular else np.linalg.solve(A, -b)
    N = A - mu * np.eye(2)

    def at(times, extent=0.0):
        # extent: choose the series or closed form as for times reaching |t| = extent
        t = np.atleast_1d(np.asarray(times, dtype=float))
        reach = max(np.max(np.abs(t), initial=0.0), extent)
        if size * reach < 1e-2:
            return _propagator_series(A, b, t)
        # overflow (a genuinely exploding flow) may give inf * 0 = NaN here; the
        # public callers reject non-finite states with a clear error
        with np.errstate(over="ignore", under="ignore", invalid="ignore"):
            if singular:
                return _singular_flow(A, b, t, reach)
            E = _exponential(A, mu, delta, N, t)
            w = y_star - E @ y_star
            # y* - E y* cancels when y* is large (A nearly singular): its
            # rounding error is about eps |y*| (1 + |E|); past 1e-12 of the
            # result, use the augmented 3x3 exponential instead (slow, rare).
            rounding = 8 * _EPS * np.abs(y_star).max() * (
                1.0 + np.abs(E).max(axis=(1, 2)))
            if np.all(rounding <= 1e-12 * (1.0 + np.abs(w).max(axis=1))):
                return E, w
            M = np.zeros((3, 3))
            M[:2, :2], M[:2, 2] = A, b
            phis = scipy.linalg.expm(t[:, None, None] * M[None])
            return phis[:, :2, :2], phis[:, :2, 2]

    def state(t, y0):
        """y(t), shape (2,), for one float t: ``(E @ y0 + w)`` of ``at([t])``.

        The same arithmetic as :func:`at` on a one-element array (so the same
        bits), without its array overhead; the rare series, singular and 3x3
        cases go through :func:`at` itself.
        """
        if singular or size * abs(t) < 1e-2:
            E, w = at(t)
            return E[0] @ y0 + w[0]
        with np.errstate(over="ignore", under="ignore", invalid="ignore"):
            E = _exponential(A, mu, delta, N, np.float64(t))
            w = y_star - E @ y_star
            rounding = 8 * _EPS * np.abs(y_star).max() * (1.0 + np.abs(E).max())
        if rounding <= 1e-12 * (1.0 + np.abs(w).max()):
            return E @ y0 + w
        E, w = at(t)
        return E[0] @ y0 + w[0]

    at.state = state
    return at


def _exponential(A, mu, delta, N, t):
    """exp(A t), shape t.shape + (2, 2), from mu = tr A / 2, delta and N = A - mu I.

    ``t`` is a 1-d array or a NumPy scalar (elementwise the same arithmetic).
    """
    if delta > 0:
        return _real_distinct_exponential(A, mu, math.sqrt(delta), t)
    growth = np.exp(mu * t)
    if delta < 0:
        w = math.sqrt(-delta)
        c, s = growth * np.cos(w * t), growth * np.sin(w * t) / w
    else:
        c, s = growth, growth * t
    return c[..., None, None] * np.eye(2) + s[..., None, None] * N


def _singular_flow(A, b, t, reach=None):
    """(E, w) for det A = 0: A^2 = tr(A) A, so exp(A t) = I + phi(t) A and
    int_0^t exp(A s) ds = t I + psi(t) A.

    The series serves when ``|tr A| reach < 1e-3``, ``reach`` being ``max |t|``
    unless given.
    """
    T = np.trace(A)
    x = T * t
    reach = np.abs(t).max() if reach is None else reach
    if abs(T) * reach < 1e-3:
        phi = t * (1 + x / 2 + x * x / 6 + x ** 3 / 24)
        psi = t * t * (0.5 + x / 6 + x * x / 24 + x ** 3 / 120)
    else:
        phi = np.expm1(x) / T
        psi = (phi - t) / T
    eye = np.eye(2)
    E = eye + phi[:, None, None] * A
    W = t[:, None, None] * eye + psi[:, None, None] * A
    return E, W @ b


def _real_distinct_exponential(A, mu, r, t):
    """exp(A t) for a 2x2 A with real eigenvalues mu +- r, r > 0, at times t.

    Two forms, each used where it has no cancellation:

    * ``r |t| <= 1``: ``exp(mu t) [cosh(r t) I + sinh(r t)/r (A - mu I)]``,
      with ``exp(mu t) cosh(r t)`` and ``exp(mu t) sinh(r t)`` formed as the
      single exponential ``exp(mu t + r |t|)`` times factors in [0, 1];
    * ``r |t| > 1``: Sylvester's formula
      ``[exp(l1 t) (A - l2 I) - exp(l2 t) (A - l1 I)] / (l1 - l2)``.  The
      first form would subtract two terms of size ``exp((mu + r)|t|)`` to
      get the slow mode (a stiff node run backwards: relative error
      ``eps exp(2 r |t|)``, 4e-9 for eigenvalues -1 and -200 at t = -0.09);
      here each eigenvalue has its own exponential, and neither multiplies
      an underflowing by an overflowing one.

    The eigenvalues are formed without cancellation: ``l1 = mu + sign(mu) r``
    and ``l2 = det A / l1``.  Each form is evaluated only at the times that
    use it.
    """
    u = r * np.abs(t)
    near = u <= 1.0
    if near.all():
        return _cosh_form(A, mu, r, t, u)
    if not near.any():
        return _sylvester_form(A, mu, r, t)
    out = np.empty(t.shape + (2, 2))
    out[near] = _cosh_form(A, mu, r, t[near], u[near])
    out[~near] = _sylvester_form(A, mu, r, t[~near])
    return out


def _cosh_form(A, mu, r, t, u):
    """exp(A t) = exp(mu t) [cosh(r t) I + sinh(r t)/r (A - mu I)], u = r |t| <= 1."""
    eye = np.eye(2)
    N = A - mu * eye
    lead = np.exp(mu * t + u)
    decay = -np.expm1(-2.0 * u)                    # 1 - exp(-2u), accurate for small u
    c = lead * (1.0 - 0.5 * decay)                 # exp(mu t) cosh(r t)
    s = np.sign(t) * lead * (0.5 * decay) / r      # exp(mu t) sinh(r t) / r
    return c[..., None, None] * eye + s[..., None, None] * N


def _sylvester_form(A, mu, r, t):
    """exp(A t) by Sylvester's formula, eigenvalues l1 = mu + sign(mu) r, l2 = det A / l1."""
    eye = np.eye(2)
    l1 = mu + math.copysign(r, mu)
    l2 = (A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0]) / l1
    return (np.exp(l1 * t)[..., None, None] * (A - l2 * eye)
            - np.exp(l2 * t)[..., None, None] * (A - l1 * eye)) / (l1 - l2)


def _propagator_series(A, b, t, order=10):
    """Taylor series of exp(A t) and its integral, for max|A| |t| < 1e-2."""
    E = np.broadcast_to(np.eye(2), (t.size, 2, 2)).copy()
    W = t[:, None, None] * np.eye(2)
    term = np.eye(2)
    for k in range(1, order + 1):
        term = term @ A
        E += term * (t ** k / math.factorial(k))[:, None, None]
        W += term * (t ** (k + 1) / math.factorial(k + 1))[:, None, None]
    return E, W @ b


def linear_flow(A, b, y0, times):
    """Exact solution of the linear system ``dy/dt = A y + b`` (any 2x2 A).

    Uses the closed-form matrix exponential of a 2x2 matrix (Cayley-Hamilton),
    valid also for singular A, where ``y* = -A^{-1} b`` does not exist.

    Parameters
    ----------
    A : array_like, shape (2, 2)
    b : array_like, shape (2,)
    y0 : array_like, shape (2,)
        State at time 0.
    times : float or array_like
        Times (any sign).

    Returns
    -------
    ndarray, shape (2, len(times))

    Raises
    ------
    TypeError
        If an argument is not real numbers.
    ValueError
        If a shape is wrong, a value is not finite, ``times`` has more than
        one dimension or more than :data:`ctrnn._validation.MAX_SAMPLES`
        entries, or the state overflows float64 (``|y|`` > 1.8e308: the flow grows
        faster than float64 can hold over ``times``).

    Notes
    -----
    Accurate for stiff systems: the closed form never multiplies an
    underflowing by an overflowing exponential.
    """
    A = _require_array("A", A, (2, 2))
    b = _require_array("b", b, (2,))
    y0 = _require_array("y0", y0, (2,))
    times = V.array("times", times, max_size=V.MAX_SAMPLES)
    if times.ndim > 1:
        raise ValueError(f"times must be a number or a 1-d array, got shape {times.shape}")
    states = _exact_flow(A, b, y0, times)
    if not np.all(np.isfinite(states)):
        raise ValueError("the flow overflows float64 over times (|y| > 1.8e308): the "
                         "largest eigenvalue of A times max|times| is too large; use "
                         "shorter times")
    return states


def _exact_flow(A, b, y0, times, flow=None):
    """States, shape (2, len(times)), of the exact flow from y0 at time 0.

    ``flow``, if given, is ``_affine_flow(A, b)`` computed once by the caller.
    """
    E, w = (flow or _affine_flow(A, b))(times)
    return (E @ y0 + w).T


def _first_exit(net, A, b, y0, region, horizon, chunk=2048, flow=None, rate=None):
    """First time in (0, horizon] at which the exact flow leaves ``region``.

    ``flow`` and ``rate``, if given, are ``_affine_flow(A, b)`` and the grid's
    rate (see :func:`_region_system`), computed once per network by the caller.
    """
    if rate is None:
        rate = max(float(np.abs(np.linalg.eigvals(A)).max()), 1.0 / min(net.tau1, net.tau2))
    h = min(0.02 / rate, horizon)
    theta = np.array([net.theta1, net.theta2])
    sign = np.where(np.array(region) == 1, 1.0, -1.0)[:, None]
    flow = flow or _affine_flow(A, b)
    if _centre_orbit_stays(A, b, y0, sign[:, 0], theta):
        return None
    start = 0.0
    while start < horizon:
        stop = min(horizon, start + chunk * h)
        grid = np.linspace(start, stop, max(2, int(math.ceil((stop - start) / h)) + 1))
        last = None                       # the state at the grid point before the block
        for lo, states in _grid_blocks(flow, y0, grid):
            s = sign * (states + theta[:, None])
            # a point counts as outside only beyond rounding of the switching line
            slack = 1e-12 * (1.0 + np.abs(theta)[:, None] + np.abs(states))
            outside = ~(s >= -slack)      # also catches overflow to nan
            if lo == 0:
                outside[:, 0] = False
            if outside.any():
                j = int(np.argmax(outside.any(axis=0)))
                i, k = int(np.argmax(outside[:, j])), lo + j
                before = (states[i, j - 1] if j else last[i]) + theta[i]
                after = states[i, j] + theta[i]
                if not np.isfinite(after) or np.sign(before) == np.sign(after):
                    return float(grid[k])
                root = _crossing(A, b, y0, flow, i, theta[i], grid[k - 1], grid[k],
                                 before, after)
                # a root at the start is the grazing touch we came from: move on
                return root if root > 1e-9 * h else float(grid[k])
            last = states[:, -1]
        start = stop
    return None


def _centre_orbit_stays(A, b, y0, sign, theta):
    """True when the orbit of ``y' = A y + b`` from ``y0`` is a closed ellipse
    inside the region ``sign * (y + theta) >= 0`` for all time.

    Only for a centre in floating point: ``trace A == 0.0`` exactly and
    ``det A > 0`` (the Hamiltonian case, Eq. 13).  Then ``A^2 = -det(A) 1``
    (Cayley-Hamilton), so about the equilibrium ``y* = -A^{-1} b``
    ``u(t) = cos(wt) u0 + sin(wt) A u0 / w`` with ``w^2 = det A``, and
    component i runs between ``y*_i -/+ R_i``, ``R_i = hypot(u0_i, (A u0)_i / w)``.
    The orbit stays when each switching line keeps a positive margin, so a
    scan of the grid over any horizon would find no exit; a tangent or
    leaving orbit (margin <= 0) is left to the scan.  The cost of the scan
    grows with the horizon; this test does not.
    """
    det = float(A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0])
    if float(A[0, 0] + A[1, 1]) != 0.0 or not det > 0.0:
        return False
    centre = -np.linalg.solve(A, b)
    u0 = np.asarray(y0, dtype=float) - centre
    radius = np.hypot(u0, (A @ u0) / math.sqrt(det))
    margin = sign * (centre + theta) - radius
    return bool(np.all(np.isfinite(margin)) and np.all(margin > 0.0))


def _grid_blocks(flow, y0, grid, first=64):
    """States of the exact flow on ``grid`` in blocks of doubling length.

    Yields ``(lo, states)``: ``states``, shape (2, n), are the states at
    ``grid[lo:lo + n]``. A scan that stops at the first exit from a region
    (:func:`_first_exit`) thus evaluates few points past it. Each point's
    state is that of :func:`_exact_flow` on the whole grid: the series or
    closed form is chosen by the grid's extent (``grid[-1] >= 0``); only the
    rare 3x3 fallback of a nearly singular A is decided block by block.
    """
    lo, n = 0, first
    while lo < grid.size:
        E, w = flow(grid[lo:lo + n], extent=float(grid[-1]))
        yield lo, (E @ y0 + w).T
        lo, n = lo + n, 2 * n


def _newton(g_and_slope, x0, xtol, rtol, maxiter):
    """Newton's method on floats, step for step that of ``scipy.optimize.newton``.

    Iterates ``x <- x - g(x) / g'(x)`` from ``x0`` and stops when ``g(x) = 0``
    or when a step is within ``xtol + rtol |x|`` (SciPy's test,
    ``numpy.isclose(x_new, x, rtol, xtol)``); without SciPy's per-call overhead,
    which dominated :func:`simulate` when each switch was refined through
    ``scipy.optimize.root_scalar``.

    Parameters
    ----------
    g_and_slope : callable
        ``g_and_slope(x) -> (g(x), g'(x))`` for a float x.
    x0 : float
        Starting point.
    xtol, rtol : float
        Absolute and relative step tolerances.
    maxiter : int
        Largest number of steps.

    Returns
    -------
    root : float
        The last iterate.
    converged : bool
        False when a derivative vanished or ``maxiter`` steps did not converge.
    """
    x = x0
    for _ in range(maxiter):
        value, slope = g_and_slope(x)
        if value == 0:
            return x, True
        if slope == 0:
            return x, False
        step = x - value / slope
        if abs(step - x) <= xtol + rtol * abs(x):
            return step, True
        x = step
    return x, False


def _crossing(A, b, y0, flow, i, theta_i, lo, hi, g_lo, g_hi):
    """The time in [lo, hi] where y_i(t) + theta_i changes sign (g_lo, g_hi at the ends).

    Newton's method (:func:`_newton`) on g(t) = y_i(t) + theta_i with
    g'(t) = (A y(t) + b)_i, started at the secant point: the bracket is a
    fiftieth of the fastest time scale, so g is nearly linear there and two or
    three steps reach rounding. If Newton fails to converge or leaves the
    bracket, Brent's method decides. y(t) is the exact flow at one time
    (``flow.state``, the arithmetic of :func:`_exact_flow`).
    """
    def g(t):
        return flow.state(t, y0)[i] + theta_i

    def g_and_slope(t):
        y = flow.state(t, y0)
        return y[i] + theta_i, (A @ y + b)[i]

    xtol, rtol = 1e-15, 4 * _EPS
    start = lo + (hi - lo) * g_lo / (g_lo - g_hi)
    with np.errstate(divide="ignore", invalid="ignore"):
        root, converged = _newton(g_and_slope, start, xtol, rtol, maxiter=8)
    if converged and lo <= root <= hi:
        return float(root)
    return scipy.optimize.brentq(g, lo, hi, xtol=xtol, rtol=rtol)


@lru_cache(maxsize=1024)
def _region_system_cached(params, region):
    A, b = _linear_system_numeric(region)(*np.frombuffer(params).tolist())
    A, b = np.array(A, dtype=float), np.array(b, dtype=float).reshape(2)
    A.flags.writeable = b.flags.writeable = False
    taus = np.frombuffer(params)[:2]
    rate = max(float(np.abs(np.linalg.eigvals(A)).max()), 1.0 / float(taus.min()))
    return A, b, _affine_flow(A, b), rate


def _region_system(net, region):
    """``(A, b, flow, rate)`` of one region of ``net``, computed once per network.

    ``(A, b)`` is :func:`linear_system` (read-only arrays), ``flow`` is
    ``_affine_flow(A, b)`` and ``rate`` the step rate of :func:`_first_exit`
    (largest ``|eigenvalue|`` of A and ``1 / min(tau1, tau2)``). The cache is
    keyed by the parameters' bits, so ``-0.0`` and ``0.0`` stay apart.
    """
    key = np.array(list(net.params.values()), dtype=float).tobytes()
    return _region_system_cached(key, region)


def _segment_exact(net, region, y0, t0, t_end, system=None):
    """``(states, t_stop, switched)`` of one segment of the exact flow.

    ``system`` is ``_region_system(net, region)`` if the caller has it.
    ``states(ts)`` are the states at the times ``ts`` (one time: shape (2,),
    by ``flow.state``, the same bits as the array path).
    """
    A, b, flow, rate = system or _region_system(net, region)
    t_exit = _first_exit(net, A, b, y0, region, t_end - t0, flow=flow, rate=rate)
    t_stop = t_end if t_exit is None else t0 + t_exit

    def states(ts):
        t = np.asarray(ts) - t0
        if t.ndim == 0:
            return flow.state(float(t), y0)
        return _exact_flow(A, b, y0, t, flow)
    return states, t_stop, t_exit is not None


def _segment_ivp(net, region, y0, t0, t_end, method, rtol, atol):
    A, b = linear_system(net, region)
    theta = (net.theta1, net.theta2)
    watched = [0, 1]
    while True:
        events = []
        for i in watched:
            def ev(t, y, i=i):
                return y[i] + theta[i]
            ev.terminal = True
            ev.direction = -1.0 if region[i] else 1.0
            events.append(ev)
        sol = solve_ivp(lambda t, y: A @ y + b, (t0, t_end), y0, method=method,
                        rtol=rtol, atol=atol, events=events, dense_output=True)
        if sol.status < 0:
            raise RuntimeError(f"solve_ivp failed: {sol.message}")
        switched = sol.status == 1
        if switched and sol.t[-1] - t0 <= 1e-12 * max(1.0, abs(t0)):
            # No progress: the state sits on an invariant switching line, where
            # both regions' systems agree; stop watching that line.
            fired = [k for k, te in enumerate(sol.t_events) if te.size]
            watched = [i for k, i in enumerate(watched) if k not in fired]
            continue
        return (lambda ts: sol.sol(np.asarray(ts))), float(sol.t[-1]), switched


def _validate_times(t_eval):
    t_eval = V.array("t_eval", t_eval, max_size=V.MAX_SAMPLES)
    if t_eval.ndim != 1 or t_eval.size < 2:
        raise ValueError("t_eval must be a 1-d array of at least two times")
    if t_eval[0] != 0 or np.any(np.diff(t_eval) <= 0):
        raise ValueError("t_eval must start at 0 and increase strictly")
    return t_eval


def simulate(net, y0, t_eval, method="exact", rtol=1e-3, atol=1e-6, max_switches=10_000):
    """Integrate the ReLU network (2)-(4) across the switching lines.

    Each region's flow is linear; the trajectory is followed region by region.
    With ``method="exact"`` each segment is the exact flow
    ``expm(t [[A, b], [0, 0]])`` and each switching time is found by bracketing
    on a fine grid (step 0.02 / fastest rate) and refining with Brent's method
    to machine precision. With a ``solve_ivp`` method name each segment is
    integrated numerically and stopped by terminal events on the switching lines.

    Parameters
    ----------
    net : CTRNN2
        The network (ReLU activation, Eq. 4).
    y0 : array_like, shape (2,)
        Initial state at t = 0.
    t_eval : array_like
        Output times, starting at 0 and strictly increasing.
    method : str, optional
        ``"exact"`` or one of ``RK45, RK23, DOP853, Radau, BDF, LSODA``.
    rtol, atol : float, optional
        Tolerances passed to ``solve_ivp`` (ignored by ``"exact"``); the defaults
        are solve_ivp's.
    max_switches : int, optional
        Safety bound on the number of region switches.

    Returns
    -------
    Trajectory
        States ``y`` of shape (2, len(t_eval)) at the times ``t``, the switching
        times and the regions visited.

    Raises
    ------
    TypeError
        If ``net`` is not a CTRNN2, an array is not real numbers, ``method``
        not a string, ``rtol``/``atol`` not numbers or ``max_switches`` not
        an integer (``bool`` is neither).
    ValueError
        If ``y0`` is not a finite 2-vector, ``t_eval`` not increasing from 0,
        an option is invalid, or a cost limit is exceeded:
        ``t_eval[-1]`` times the network's fastest rate (largest ``|eigenvalue|``
        of the four regions, and 1/min(tau1, tau2)) above
        :data:`MAX_SPAN_RATE` = 2e5, ``len(t_eval)`` above
        :data:`ctrnn._validation.MAX_SAMPLES` = 10**7, ``max_switches`` above
        :data:`MAX_SWITCHES` = 20000; or the trajectory overflows float64.
    RuntimeError
        If the trajectory switches regions more than ``max_switches`` times.

    Examples
    --------
    From the both-active region the orbit crosses y1 = -θ1 once by t = 10:

    >>> import numpy as np
    >>> from ctrnn import CTRNN2
    >>> net = CTRNN2(1.0, 2.0, 1.5, 2.0, -2.0, 0.0, theta1=1.0, theta2=1.0)
    >>> traj = simulate(net, [0.5, 0.0], np.linspace(0.0, 10.0, 5))
    >>> traj.regions, traj.switch_times.round(6)
    ([(1, 1), (0, 1)], array([0.986917]))
    """
    net = _require_network(net)
    y0 = _require_array("y0", y0, (2,))
    t_eval = _validate_times(t_eval)
    V.choice("method", method, ("exact",) + IVP_METHODS)
    rtol, atol = V.tolerance("rtol", rtol), V.tolerance("atol", atol)
    max_switches = V.integer("max_switches", max_switches, minimum=0, maximum=MAX_SWITCHES,
                             remedy="simulate a shorter span")
    t_end = float(t_eval[-1])
    systems = {r: _region_system(net, r) for r in REGIONS}
    rate = max(system[3] for system in systems.values())     # fastest_rate(net)
    V.cost("t_eval[-1] * rate", t_end * rate, MAX_SPAN_RATE,
           what=f"(rate = {rate:.3g}, the network's fastest rate)",
           remedy=f"simulate at most t_end = {MAX_SPAN_RATE / rate:.3g}, or rescale time")
    out = np.empty((2, t_eval.size))
    t0, y, switches, regions = 0.0, y0, [], []
    while True:
        region = _entered_region(net, y, A_active=systems[(1, 1)][0])
        regions.append(region)
        if method == "exact":
            flow, t_stop, switched = _segment_exact(net, region, y, t0, t_end,
                                                    systems[region])
        else:
            flow, t_stop, switched = _segment_ivp(net, region, y, t0, t_end,
                                                  method, rtol, atol)
        mask = (t_eval >= t0) & ((t_eval < t_stop) | (not switched))
        if mask.any():
            out[:, mask] = flow(t_eval[mask])
        if not switched:
            break
        if len(switches) >= max_switches:
            raise RuntimeError(f"more than max_switches = {max_switches} region switches")
        y = np.asarray(flow(t_stop)).reshape(2)
        t0 = t_stop
        switches.append(t_stop)
    if not np.all(np.isfinite(out)):
        raise ValueError("the trajectory overflows float64 (|y| > 1.8e308) before "
                         f"t_eval[-1] = {t_end:.6g}: it runs off to infinity in an "
                         "unstable region; simulate a shorter span")
    return Trajectory(t_eval, out, np.array(switches), regions)


def fastest_rate(net) -> float:
    """The network's fastest rate: the largest ``|eigenvalue|`` of the four regions'
    matrices A and 1/min(tau1, tau2), in 1/time.

    It sets the grid step 0.02 / rate of :func:`simulate`'s exact method and
    its cost limit :data:`MAX_SPAN_RATE`.

    Parameters
    ----------
    net : CTRNN2

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If ``net`` is not a CTRNN2.
    """
    net = _require_network(net)
    # each region's rate already includes 1 / min(tau1, tau2)
    return max(_region_system(net, r)[3] for r in REGIONS)


# ------------------------------------------------ Eqs. (9)-(10), both inactive
def inactive_solution(net, y0, t):
    """Closed-form solution (9)-(10) of the both-inactive system (7)-(8).

    ``y_i(t) = I_i + K_i exp(-t / tau_i)`` with ``K_i = y_i(0) - I_i`` (the
    paper's integration constants C1, C2 of Eqs. 9-10). It is the network's
    trajectory only while both neurons stay inactive.

    Parameters
    ----------
    net : CTRNN2
    y0 : array_like, shape (2,)
        Initial state at t = 0.
    t : array_like
        Times.

    Returns
    -------
    ndarray, shape (2, len(t))

    Raises
    ------
    TypeError
        If ``net`` is not a CTRNN2 or an array is not real numbers.
    ValueError
        If ``y0`` is not a finite 2-vector or ``t`` is not a finite number or
        1-d array of at most :data:`ctrnn._validation.MAX_SAMPLES` times.
    """
    net = _require_network(net)
    y0 = _require_array("y0", y0, (2,))
    t = np.atleast_1d(V.array("t", t, max_size=V.MAX_SAMPLES))
    if t.ndim != 1:
        raise ValueError(f"t must be a number or a 1-d array of times, got shape {t.shape}")
    inputs = np.array([net.I1, net.I2])
    taus = np.array([net.tau1, net.tau2])
    K = (y0 - inputs)[:, None]
    # np.where evaluates both branches: 0 * inf = NaN is discarded where K = 0
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        decay = np.exp(-t[None, :] / taus[:, None])
        # K = 0 is the constant solution for every t (no 0 * inf)
        out = inputs[:, None] + np.where(K == 0, 0.0, K * decay)
    if not np.all(np.isfinite(out)):
        raise ValueError("the solution (9)-(10) overflows float64 at the earliest times "
                         "(exp(-t/tau) > 1.8e308 for t < -709 tau); use later times")
    return out
