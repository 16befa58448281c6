"""Odd n = 3: the rank-2 constant Poisson flow is Nambu mechanics, and its leaves.

A 3x3 skew matrix ``P = [[0, p12, p13], [-p12, 0, p23], [-p13, -p23, 0]]`` is
the cross-product matrix ``[c]_x`` of ``c = (-p23, p13, -p12)``: ``P v = c x v``
and ``P c = 0``.  A network flow ``dy/dt = A y + b = P grad H``
(:func:`ctrnn.classical.n_neurons.poisson_structure`) is therefore

    dy/dt = grad(c . y) x grad H ,

Nambu's mechanics with the two Hamiltonians ``C = c . y`` (the Casimir) and
``H`` -- the framework in which Floratos (2012), cited by the paper for odd n,
quantizes the Lorenz system.  The symplectic leaves are the planes
``c . y = kappa``; on each, the flow is a two-dimensional linear Hamiltonian
flow (:func:`leaf_system`), a network of the paper's type (:func:`leaf_network`)
that :mod:`ctrnn.quantum.leaves` quantizes.
"""
from __future__ import annotations

import numpy as np
import sympy as sp

from ctrnn._validation import array, real


def cross_matrix_symbolic():
    """SymPy: a general skew 3x3 P is ``[c]_x`` with ``c`` its kernel; Nambu form.

    Returns
    -------
    dict
        ``"cross"`` (``P v - c x v`` for a general v), ``"kernel"`` (``P c``),
        ``"nambu"`` (``P grad H - grad(c.y) x grad H`` for a general function
        H(y1, y2, y3)); each simplifies to the zero vector.
    """
    p12, p13, p23 = sp.symbols("p12 p13 p23", real=True)
    P = sp.Matrix([[0, p12, p13], [-p12, 0, p23], [-p13, -p23, 0]])
    c = sp.Matrix([-p23, p13, -p12])
    v = sp.Matrix(sp.symbols("v1:4", real=True))
    y = sp.symbols("y1:4", real=True)
    H = sp.Function("H")(*y)
    grad_H = sp.Matrix([sp.diff(H, s) for s in y])
    grad_C = sp.Matrix([sp.diff((c.T * sp.Matrix(y))[0], s) for s in y])
    return {"cross": sp.simplify(P * v - c.cross(v)),
            "kernel": sp.simplify(P * c),
            "nambu": sp.simplify(P * grad_H - grad_C.cross(grad_H))}


def kernel_vector(P):
    """``c`` with ``P = [c]_x`` for a skew 3x3 matrix P.

    Parameters
    ----------
    P : array_like, shape (3, 3)
        Skew-symmetric.

    Returns
    -------
    ndarray, shape (3,)

    Raises
    ------
    ValueError
        If P is not 3x3 and skew-symmetric (to 1e-12 of its size).
    """
    P = array("P", P, shape=(3, 3))
    if np.max(np.abs(P + P.T)) > 1e-12 * max(1.0, np.abs(P).max()):
        raise ValueError("P must be skew-symmetric (a constant Poisson tensor)")
    return np.array([P[2, 1], P[0, 2], P[1, 0]])


def nambu_residual(A, b, P, S, g, y):
    """Largest ``|A y + b - grad(c.y) x grad H|`` with ``H = y.S y / 2 + g.y``, ``c`` of P.

    Parameters
    ----------
    A : array_like (3, 3)
    b, g : array_like (3,)
    P, S : array_like (3, 3)
        A constant Poisson structure with ``A = P S``, ``b = P g``.
    y : array_like, shape (3, k)

    Returns
    -------
    float
    """
    A = array("A", A, shape=(3, 3))
    b = array("b", b, shape=(3,))
    S = array("S", S, shape=(3, 3))
    g = array("g", g, shape=(3,))
    y = array("y", y, ndim=2)
    if y.shape[0] != 3:
        raise ValueError(f"y must have shape (3, k), got {y.shape}")
    c = kernel_vector(P)
    grad_H = S @ y + g[:, None]
    nambu = np.cross(np.broadcast_to(c[:, None], y.shape), grad_H, axis=0)
    return float(np.max(np.abs(A @ y + b[:, None] - nambu)))


def leaf_basis(c):
    """Orthonormal ``E = [e1, e2]`` spanning ``c^perp`` with ``e1 x e2 = c / |c|``.

    Parameters
    ----------
    c : array_like, shape (3,)
        Non-zero.

    Returns
    -------
    ndarray, shape (3, 2)
    """
    c = array("c", c, shape=(3,))
    norm = np.linalg.norm(c)
    if norm == 0:
        raise ValueError("c must be non-zero (the kernel of a rank-2 Poisson tensor)")
    n = c / norm
    trial = np.eye(3)[np.argmin(np.abs(n))]
    e1 = np.cross(n, trial)
    e1 /= np.linalg.norm(e1)
    e2 = np.cross(n, e1)
    return np.column_stack([e1, e2])


def leaf_system(A, b, c, kappa):
    """The flow on the leaf ``c . y = kappa`` in coordinates ``y = y_p + E xi``.

    With ``y_p = kappa c / |c|**2`` and E from :func:`leaf_basis`,
    ``dxi/dt = A_L xi + b_L``, ``A_L = E^T A E``, ``b_L = E^T (A y_p + b)``.
    The leaf is invariant iff ``c^T A = 0`` and ``c . b = 0``.

    Parameters
    ----------
    A : array_like, shape (3, 3)
    b, c : array_like, shape (3,)
    kappa : float

    Returns
    -------
    dict
        ``A`` (A_L), ``b`` (b_L), ``E``, ``origin`` (y_p), ``leak`` (the
        largest normal velocity ``|c . (A y + b)| / |c|`` on the leaf: 0 for an
        invariant leaf, up to rounding).

    Raises
    ------
    ValueError
        If ``c^T A != 0`` or ``c . b != 0`` (to 1e-9 relative): no invariant leaves.
    """
    A = array("A", A, shape=(3, 3))
    b = array("b", b, shape=(3,))
    c = array("c", c, shape=(3,))
    kappa = real("kappa", kappa)
    E = leaf_basis(c)
    norm = np.linalg.norm(c)
    scale = max(1.0, np.abs(A).max(), np.abs(b).max())
    if np.max(np.abs(c @ A)) > 1e-9 * norm * scale or abs(c @ b) > 1e-9 * norm * scale:
        raise ValueError("the planes c.y = const must be invariant: c^T A = 0 and c.b = 0 "
                         "(c the kernel of the Poisson tensor)")
    y_p = kappa * c / norm ** 2
    return {"A": E.T @ A @ E, "b": E.T @ (A @ y_p + b), "E": E, "origin": y_p,
            "leak": float(max(abs(c @ (A @ y_p + b)), np.max(np.abs(c @ A @ E))) / norm)}


def leaf_network(A, b, c, kappa):
    """A two-neuron network (Eqs. 2-3) whose active flow is the leaf flow.

    ``tau = 1``, ``theta = 0``: its both-active flow is
    ``dxi/dt = (W^T - 1) xi + I``, so ``W = (A_L + 1)^T`` and ``I = b_L``
    (:func:`leaf_system`).  ``tr A_L = tr A - c.A c / |c|^2 = 0`` when
    ``tr A = 0`` and ``c^T A = 0``, so the network satisfies Eq. (13).

    Parameters
    ----------
    A, b, c, kappa
        As for :func:`leaf_system`.

    Returns
    -------
    CTRNN2
    """
    from ctrnn.classical.network import CTRNN2
    leaf = leaf_system(A, b, c, kappa)
    W = (leaf["A"] + np.eye(2)).T
    return CTRNN2(tau1=1.0, tau2=1.0, w11=W[0, 0], w12=W[0, 1], w21=W[1, 0], w22=W[1, 1],
                  theta1=0.0, theta2=0.0, I1=leaf["b"][0], I2=leaf["b"][1])
