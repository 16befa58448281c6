"""Planar linear flows as Hamiltonian flows of a non-constant symplectic form.

Liouville's theorem says that a Hamiltonian flow preserves the volume of its
symplectic form.  For a *constant* form ``omega = dy1 ^ dy2`` on the plane
this is Lebesgue area, so ``dy/dt = A y + b`` is Hamiltonian for it only if
``tr A = 0``: that is Eq. (13) of the paper.  For a non-constant form
``omega = rho(y) dy1 ^ dy2`` the flow is Hamiltonian, ``iota_f omega = dH``,
iff ``div(rho f) = 0``: ``rho`` is an *integrating factor* and ``1/rho`` an
inverse integrating factor.  For every planar linear field one is explicit,

    V(y) = u1 f2 - u2 f1 = u^T Q u,   u = y - z*,   Q = sym(J A),

(the wedge of position and velocity), with ``Q A + A^T Q = (tr A) Q``; then
``div(f / V) = 0`` wherever ``V != 0``.  ``V`` vanishes only at z* for a
focus and on the two eigen-lines through z* for a node, so on any simply
connected domain free of those sets the flow is Hamiltonian with a
single-valued H (:func:`first_integral`).

Hamilton's equations here are those of the paper's Eq. (11) with the density:
``rho dy1/dt = dH/dy2``, ``rho dy2/dt = -dH/dy1``.
"""
from __future__ import annotations

import math

import numpy as np
import sympy as sp

from ctrnn._validation import array, real

#: The canonical symplectic matrix of Eq. (11): dy/dt = J grad H.
J = np.array([[0.0, 1.0], [-1.0, 0.0]])


def _system(A, b):
    A = array("A", A, shape=(2, 2))
    b = array("b", b, shape=(2,))
    return A, b


def inverse_integrating_factor_symbolic():
    """SymPy proof that ``1/V``, ``V = u^T sym(J A) u``, is an integrating factor.

    For a general 2x2 matrix A and offset b with ``det A != 0`` (so that
    ``z* = -A^{-1} b`` exists), with ``u = y - z*`` and ``f = A u``:

    * ``Q = sym(J A)`` satisfies ``Q A + A^T Q - (tr A) Q = 0``;
    * ``V = u^T Q u`` equals ``u1 f2 - u2 f1``;
    * ``div(f / V) = 0``.

    Returns
    -------
    dict
        ``"lyapunov"`` (the 2x2 residual matrix), ``"wedge"`` and ``"divergence"``
        (expressions); each simplifies to 0.
    """
    a11, a12, a21, a22, y1, y2, z1, z2 = sp.symbols("a11 a12 a21 a22 y1 y2 z1 z2", real=True)
    A = sp.Matrix([[a11, a12], [a21, a22]])
    Jm = sp.Matrix([[0, 1], [-1, 0]])
    Q = (Jm * A + (Jm * A).T) / 2
    u = sp.Matrix([y1 - z1, y2 - z2])
    f = A * u
    V = (u.T * Q * u)[0]
    div = sp.diff(f[0] / V, y1) + sp.diff(f[1] / V, y2)
    return {"lyapunov": sp.simplify(Q * A + A.T * Q - A.trace() * Q),
            "wedge": sp.simplify(V - (u[0] * f[1] - u[1] * f[0])),
            "divergence": sp.simplify(div)}


def linear_factor(A, b):
    """The integrating-factor data of ``dy/dt = A y + b``.

    Parameters
    ----------
    A : array_like, shape (2, 2)
        Invertible (the equilibrium ``z* = -A^{-1} b`` exists).
    b : array_like, shape (2,)

    Returns
    -------
    dict
        ``equilibrium`` z*, ``Q`` (``sym(J A)``, with ``Q A + A^T Q = (tr A) Q``),
        ``kind`` (``"focus"``: complex eigenvalues ``alpha +- i beta``; ``"node"``:
        real distinct eigenvalues, including saddles), ``P`` (real basis with
        ``P^{-1} A P`` equal to ``[[alpha, -beta], [beta, alpha]]`` or
        ``diag(l1, l2)``) and ``eigenvalues`` (``(alpha, beta)`` or ``(l1, l2)``).

    Raises
    ------
    TypeError
        If A or b is not an array of real numbers.
    ValueError
        If the shapes are wrong, A is singular, or A has a repeated eigenvalue
        (then ``V`` vanishes identically or on a double line: a star or
        degenerate node, excluded).
    """
    A, b = _system(A, b)
    scale = np.abs(A).max()
    if scale == 0 or abs(np.linalg.det(A)) <= 1e-12 * scale ** 2:
        raise ValueError("A must be invertible, so that the equilibrium z* = -A^{-1} b exists")
    disc = (A[0, 0] - A[1, 1]) ** 2 + 4 * A[0, 1] * A[1, 0]
    if abs(disc) <= 1e-12 * scale ** 2:
        raise ValueError("A must have distinct eigenvalues (repeated ones make "
                         "V = u^T sym(J A) u vanish on a double line or everywhere)")
    z = -np.linalg.solve(A, b)
    Q = (J @ A + (J @ A).T) / 2
    values, vectors = np.linalg.eig(A)
    if disc < 0:
        w = vectors[:, np.argmax(values.imag)]
        P = np.column_stack([w.real, w.imag])
        B = np.linalg.solve(P, A @ P)
        alpha, beta = B[0, 0], B[1, 0]
        return {"equilibrium": z, "Q": Q, "kind": "focus", "P": P,
                "eigenvalues": (float(alpha), float(beta))}
    order = np.argsort(values.real)
    P = vectors[:, order].real
    return {"equilibrium": z, "Q": Q, "kind": "node", "P": P,
            "eigenvalues": tuple(float(v) for v in values.real[order])}


def density(A, b, y):
    """The symplectic density ``rho = 1 / (u^T Q u)`` with ``u = y - z*``.

    Parameters
    ----------
    A, b : array_like
        The linear system (see :func:`linear_factor`).
    y : array_like, shape (2, ...)
        Points; trailing axes broadcast.

    Returns
    -------
    ndarray, shape y.shape[1:]
        ``rho`` (``inf`` where ``V = 0``: at z* and, for a node, on its eigen-lines).
    """
    data = linear_factor(A, b)
    y = array("y", y)
    if y.shape[:1] != (2,):
        raise ValueError(f"y must have length 2 along its first axis, got shape {y.shape}")
    u = y - data["equilibrium"].reshape((2,) + (1,) * (y.ndim - 1))
    V = np.einsum("i...,ij,j...->...", u, data["Q"], u)
    with np.errstate(divide="ignore"):
        return 1.0 / V


def first_integral(A, b, y, cut=None):
    """The Hamiltonian H of ``dy/dt = A y + b`` for the form ``rho dy1 ^ dy2``.

    In the real eigenbasis ``v = P^{-1} (y - z*)`` (:func:`linear_factor`):

    * focus, eigenvalues ``alpha +- i beta``, polar ``v = r (cos phi, sin phi)``:
      ``H = (alpha / beta) phi - ln r``;
    * node, eigenvalues ``l1 != l2``: ``H = (l1 ln|v2| - l2 ln|v1|) / (l2 - l1)``.

    With ``rho = 1 / (u^T Q u)`` these satisfy ``rho dy1/dt = dH/dy2`` and
    ``rho dy2/dt = -dH/dy1`` (tested in ``tests/classical``).  For a focus the
    angle phi is single-valued only off a cut: the ray from z* in the
    direction ``cut``, across which H jumps by ``2 pi alpha / beta``; a domain
    that does not meet the ray (a quadrant not containing z*) carries a
    single-valued H.  For ``alpha = 0`` (``tr A = 0``, Eq. 13) H is single-valued
    on the whole punctured plane.

    Parameters
    ----------
    A, b : array_like
        The linear system.
    y : array_like, shape (2, ...)
    cut : array_like, shape (2,), optional
        Direction of the branch cut of a focus (default ``-P[:, 0]``).

    Returns
    -------
    ndarray, shape y.shape[1:]
    """
    data = linear_factor(A, b)
    y = array("y", y)
    if y.shape[:1] != (2,):
        raise ValueError(f"y must have length 2 along its first axis, got shape {y.shape}")
    ext = (2,) + (1,) * (y.ndim - 1)
    v = np.linalg.solve(data["P"], (y - data["equilibrium"].reshape(ext)).reshape(2, -1))
    v = v.reshape(y.shape)
    if data["kind"] == "node":
        l1, l2 = data["eigenvalues"]
        with np.errstate(divide="ignore"):
            return (l1 * np.log(np.abs(v[1])) - l2 * np.log(np.abs(v[0]))) / (l2 - l1)
    alpha, beta = data["eigenvalues"]
    if cut is None:
        cut_v = np.array([-1.0, 0.0])
    else:
        cut = array("cut", cut, shape=(2,))
        if not np.any(cut):
            raise ValueError("cut must be a non-zero direction")
        cut_v = np.linalg.solve(data["P"], cut)
    phi_cut = math.atan2(cut_v[1], cut_v[0])
    phi = np.mod(np.arctan2(v[1], v[0]) - phi_cut, 2 * np.pi) + phi_cut
    return (alpha / beta) * phi - 0.5 * np.log(v[0] ** 2 + v[1] ** 2)


def cut_away_from_quadrant(equilibrium, corner):
    """A branch-cut direction whose ray from z* misses the quadrant ``y >= corner``.

    The quadrant is convex; with p its point nearest to z* (componentwise
    ``max(z*, corner)``), the ray ``z* + t (z* - p)``, t >= 0, never meets it.

    Parameters
    ----------
    equilibrium, corner : array_like, shape (2,)

    Returns
    -------
    ndarray, shape (2,)

    Raises
    ------
    ValueError
        If z* lies in the closed quadrant (then every ray from it meets it).
    """
    z = array("equilibrium", equilibrium, shape=(2,))
    c = array("corner", corner, shape=(2,))
    d = z - np.maximum(z, c)
    if not np.any(d):
        raise ValueError("equilibrium must lie outside the quadrant y >= corner")
    return d


def hamilton_residual(A, b, y, cut=None, step=1e-6):
    """Largest ``|rho f - J grad H|`` over points y, relative to ``|rho f|``.

    The gradient of :func:`first_integral` is taken by central differences of
    step ``step`` (error ``O(step**2)`` from the third derivative, plus
    rounding ``O(eps / step)``: about 1e-9 at the default).

    Parameters
    ----------
    A, b : array_like
    y : array_like, shape (2, k)
    cut : array_like, optional
    step : float, optional

    Returns
    -------
    float
    """
    step = real("step", step, positive=True)
    y = array("y", y, ndim=2)
    if y.shape[0] != 2:
        raise ValueError(f"y must have shape (2, k), got {y.shape}")
    A_, b_ = _system(A, b)
    f = A_ @ y + b_[:, None]
    rho = density(A_, b_, y)
    grad = np.empty_like(y)
    for i in range(2):
        e = np.zeros((2, 1))
        e[i] = step
        grad[i] = (first_integral(A_, b_, y + e, cut) - first_integral(A_, b_, y - e, cut)) / (2 * step)
    lhs = rho * f
    rhs = J @ grad
    return float(np.max(np.abs(lhs - rhs)) / np.max(np.abs(lhs)))
