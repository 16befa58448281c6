r"""The dissipative both-active flow: its split and a time-dependent canonical form.

The both-active regime (5)-(6) of the network is the linear system
:math:`\dot y = A y + b`.  Condition (13) of the paper is :math:`\operatorname{tr} A = 0`;
a generic network violates it.  Write :math:`\gamma = \operatorname{tr} A / 2` and

.. math::

    A = A_0 + \gamma I,\qquad \operatorname{tr} A_0 = 0 .

The two parts commute, so :math:`e^{At} = e^{\gamma t} e^{A_0 t}`: the motion about the
equilibrium :math:`y^*` is the flow of the traceless :math:`A_0`, which is Hamiltonian in
the paper's convention (11), :math:`\dot x = J\nabla H_0` with
:math:`J = \begin{bmatrix}0&1\\-1&0\end{bmatrix}` and
:math:`H_0(x) = \tfrac12 x^{\mathsf T} S x`, :math:`S = -J A_0`, times the uniform
scaling :math:`e^{\gamma t}` (:func:`flow_split`, :func:`split_residuals`).

Along the dissipative flow :math:`dH_0/dt = (\operatorname{tr} A) H_0`, so
:math:`I = e^{-(\operatorname{tr}A)t} H_0(x)` is an exact invariant.  In the
Caldirola-Kanai coordinates :math:`q = x_1`, :math:`p = e^{-2\gamma t} x_2` the flow is
Hamilton's equations :math:`\dot q = \partial H/\partial p`,
:math:`\dot p = -\partial H/\partial q` of the explicitly time-dependent

.. math::

    H(q, p, t) = \tfrac12\bigl(-A_{21}e^{-2\gamma t}q^2 + 2A_{11}\,qp + A_{12}e^{2\gamma t}p^2\bigr),

and the invariant reads :math:`I = H - \gamma\,qp`
(:func:`caldirola_kanai_symbolic`, :func:`caldirola_kanai_residuals`).
In the uniformly rescaled coordinates :math:`z = e^{-\gamma t}x` it is :math:`H_0(z)`.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import sympy as sp

from ctrnn import _validation as V
from ctrnn._validation import vanishes
from ctrnn.classical.dynamics import _linear_system_numeric, _require_network, linear_system

#: The symplectic matrix of the paper's Hamilton equations (11): dx/dt = J grad H.
J = np.array([[0.0, 1.0], [-1.0, 0.0]])


def flow_split(net) -> dict:
    r"""The split :math:`A = A_0 + \gamma I` of the both-active system (5)-(6).

    Parameters
    ----------
    net : CTRNN2
        Any two-neuron network; Eq. (13) need not hold.

    Returns
    -------
    dict
        ``A``, ``b`` (the system :math:`\dot y = Ay + b`), ``gamma``
        (:math:`\operatorname{tr}A/2`), ``A0`` (traceless part), ``S`` (the
        symmetric matrix of :math:`H_0 = \tfrac12 x^{\mathsf T}Sx`, :math:`S = -JA_0`),
        ``equilibrium`` (:math:`y^* = -A^{-1}b`, or None when A is singular) and
        ``eigenvalues`` of A, ordered by decreasing imaginary part, then
        decreasing real part.

    Raises
    ------
    TypeError
        If ``net`` is not a CTRNN2.
    """
    net = _network(net)
    A, b = linear_system(net, (1, 1))
    gamma = 0.5 * float(np.trace(A))
    A0 = A - gamma * np.eye(2)
    S = -J @ A0
    det = A[0, 0] * A[1, 1] - A[0, 1] * A[1, 0]
    singular = vanishes(det, abs(A[0, 0] * A[1, 1]) + abs(A[0, 1] * A[1, 0]))
    eq = None if singular else np.linalg.solve(A, -b)
    return {"A": A, "b": b, "gamma": gamma, "A0": A0, "S": 0.5 * (S + S.T),
            "equilibrium": eq, "eigenvalues": eigenvalues(A)}


def eigenvalues(A) -> np.ndarray:
    r"""Eigenvalues of a real 2x2 matrix in closed form, :math:`\gamma \pm \sqrt{-\det A_0}`.

    Ordered by decreasing imaginary part, then decreasing real part, so that
    for complex eigenvalues :math:`\lambda_1 = \gamma + i\omega` with :math:`\omega > 0`.

    Parameters
    ----------
    A : array_like, shape (2, 2)

    Returns
    -------
    ndarray of complex, shape (2,)
    """
    A = np.asarray(A, dtype=float)
    gamma = 0.5 * (A[0, 0] + A[1, 1])
    disc = 0.25 * (A[0, 0] - A[1, 1]) ** 2 + A[0, 1] * A[1, 0]   # = -det A0
    root = np.sqrt(complex(disc))
    return np.array([gamma + root, gamma - root])


def _network(net):
    from ctrnn.classical.network import CTRNN2
    if not isinstance(net, CTRNN2):
        raise TypeError(f"net must be a ctrnn.CTRNN2, got {type(net).__name__}")
    return _require_network(net)


def discriminant(net) -> tuple[float, float]:
    r"""The generalised discriminant :math:`\Delta_A = -\det A_0` and the size of its terms.

    :math:`\Delta_A = (A_{11}-A_{22})^2/4 + A_{12}A_{21}`; the eigenvalues of A are
    :math:`\gamma\pm\sqrt{\Delta_A}`.  Under Eq. (13) it is the paper's
    :math:`\Delta = E_2^2 + 4C_2D_2`.

    Returns
    -------
    (float, float)
        :math:`\Delta_A` and :math:`(A_{11}-A_{22})^2/4 + |A_{12}A_{21}|` (for
        :func:`ctrnn._validation.vanishes`).
    """
    A, _ = linear_system(_network(net), (1, 1))
    first = 0.25 * (A[0, 0] - A[1, 1]) ** 2
    cross = A[0, 1] * A[1, 0]
    return float(first + cross), float(first + abs(cross))


#: The parameters that enter the both-active A (the biases and inputs enter only b).
MATRIX_PARAMETERS = ("tau1", "tau2", "w11", "w12", "w21", "w22")


def discriminants(params) -> tuple[np.ndarray, np.ndarray]:
    r""":func:`discriminant` of many networks at once: :math:`\Delta_A` and its size.

    The entries of A come from the same lambdified (5)-(6) as
    :func:`ctrnn.classical.dynamics.linear_system` evaluated on arrays, so every
    element equals :func:`discriminant` of its network exactly (the tests compare).

    Parameters
    ----------
    params : mapping
        Arrays (or numbers) that broadcast together for the keys of
        :data:`MATRIX_PARAMETERS`; the biases and inputs may be given and are unused.

    Returns
    -------
    (ndarray, ndarray)
        :math:`\Delta_A` and :math:`(A_{11}-A_{22})^2/4 + |A_{12}A_{21}|`, of the
        broadcast shape.

    Raises
    ------
    TypeError, ValueError
        If ``params`` is not a mapping with those keys, a value is not finite real
        numbers, a time constant is not positive or the arrays do not broadcast.

    Examples
    --------
    >>> delta, size = discriminants({"tau1": 1.0, "tau2": 2.0, "w11": 1.5, "w12": 2.0,
    ...                              "w21": [-2.0, 2.0], "w22": -0.4})
    >>> [bool(d < 0) for d in delta]
    [True, False]
    """
    p = V.mapping_keys("params", params, required=MATRIX_PARAMETERS,
                       allowed=MATRIX_PARAMETERS + ("theta1", "theta2", "I1", "I2"))
    arrays = {k: V.array(k, p[k]) for k in MATRIX_PARAMETERS}
    for k in ("tau1", "tau2"):
        if np.any(arrays[k] <= 0):
            raise ValueError(f"{k} must be positive (time constants satisfy tau > 0, "
                             "paper below Eq. 13)")
    try:
        arrays = dict(zip(arrays, np.broadcast_arrays(*arrays.values())))
    except ValueError as exc:
        raise ValueError(f"params: the arrays do not broadcast together ({exc})") from exc
    zero = np.zeros(arrays["tau1"].shape)
    A, _ = _linear_system_numeric((1, 1))(*(arrays[k] for k in MATRIX_PARAMETERS),
                                           zero, zero, zero, zero)
    first = 0.25 * (A[0, 0] - A[1, 1]) ** 2
    cross = A[0, 1] * A[1, 0]
    return first + cross, first + np.abs(cross)


def invariant_hamiltonian(net, y) -> np.ndarray:
    r"""The traceless part's Hamiltonian :math:`H_A(y) = \tfrac12(y-y^*)^{\mathsf T}S(y-y^*) + h^*`.

    :math:`h^* = -\tfrac12 y^{*\mathsf T} S y^*`, so that :math:`H_A` has no constant
    term; under Eq. (13) it is the paper's H (18).

    Parameters
    ----------
    net : CTRNN2
        A network whose both-active A is invertible.
    y : array_like, shape (2, ...)

    Returns
    -------
    ndarray
    """
    split = flow_split(net)
    if split["equilibrium"] is None:
        raise ValueError("net must have an isolated both-active equilibrium (det A != 0)")
    y = np.asarray(y, dtype=float)
    extra = (slice(None),) + (None,) * (y.ndim - 1)
    x = y - split["equilibrium"][extra]
    S, ys = split["S"], split["equilibrium"]
    quad = 0.5 * np.einsum("i...,ij,j...->...", x, S, x)
    return quad - 0.5 * ys @ S @ ys


# ----------------------------------------------------------- symbolic proofs
_t = sp.Symbol("t", real=True)
_entries = sp.symbols("a11 a12 a21 a22", real=True)


def _reduce(expr):
    r"""``expr`` expanded and cancelled over one denominator (``sympy.cancel``).

    For a rational function of its generators (the entries of A, t, and the
    exponentials, hyperbolic functions and square roots of them) this is 0 exactly
    when ``expr`` vanishes identically, so it proves the residuals of this module as
    ``sympy.simplify`` does, without simplify's search over forms.  Matrices are
    reduced entry by entry.
    """
    if isinstance(expr, sp.MatrixBase):
        return expr.applyfunc(_reduce)
    return sp.cancel(sp.expand(expr))


@lru_cache(maxsize=None)
def split_residuals() -> dict:
    r"""SymPy proof of the split :math:`e^{At} = e^{\gamma t}e^{A_0 t}` for a generic 2x2 A.

    With :math:`\kappa^2 = -\det A_0`, Cayley-Hamilton gives :math:`A_0^2 = \kappa^2 I`
    and :math:`e^{A_0t} = \cosh(\kappa t) I + \sinh(\kappa t) A_0/\kappa`.  The candidate
    :math:`M(t) = e^{\gamma t}e^{A_0t}` then solves :math:`M' = AM`, :math:`M(0) = I`, so it
    is :math:`e^{At}`.

    Returns
    -------
    dict of sympy.Matrix
        ``commutator`` :math:`[A_0, \gamma I]`, ``cayley_hamilton``
        :math:`A_0^2 - \kappa^2 I`, ``ode`` :math:`M' - AM`, ``initial``
        :math:`M(0) - I`, each reduced by ``_reduce`` (all zero).
    """
    a11, a12, a21, a22 = _entries
    A = sp.Matrix([[a11, a12], [a21, a22]])
    gamma = A.trace() / 2
    A0 = A - gamma * sp.eye(2)
    kappa = sp.sqrt(-A0.det())
    expA0 = sp.cosh(kappa * _t) * sp.eye(2) + sp.sinh(kappa * _t) / kappa * A0
    M = sp.exp(gamma * _t) * expA0
    return {
        "commutator": _reduce(A0 * gamma - gamma * A0),
        "cayley_hamilton": _reduce(A0 ** 2 - kappa ** 2 * sp.eye(2)),
        "ode": _reduce(M.diff(_t) - A * M),
        "initial": _reduce(M.subs(_t, 0) - sp.eye(2)),
    }


@lru_cache(maxsize=None)
def caldirola_kanai_symbolic() -> dict:
    r"""The Caldirola-Kanai Hamiltonian of :math:`\dot x = Ax` and its invariant, in SymPy.

    Returns
    -------
    dict
        ``q``, ``p``, ``t`` (symbols), ``x`` (the map :math:`(q, p, t) \mapsto x`,
        :math:`x_1 = q`, :math:`x_2 = e^{2\gamma t}p`), ``H`` (the time-dependent
        Hamiltonian), ``I`` (the invariant :math:`e^{-(\operatorname{tr}A)t}H_0(x)`
        written in q, p), ``H0`` (the function :math:`H_0(x_1, x_2)`) and the
        entries ``a11, a12, a21, a22`` of A.
    """
    a11, a12, a21, a22 = _entries
    q, p = sp.symbols("q p", real=True)
    x1, x2 = sp.symbols("x1 x2", real=True)
    gamma = (a11 + a22) / 2
    a = (a11 - a22) / 2
    H0 = sp.Rational(1, 2) * (-a21 * x1 ** 2 + 2 * a * x1 * x2 + a12 * x2 ** 2)
    x = (q, sp.exp(2 * gamma * _t) * p)
    H = sp.Rational(1, 2) * (-a21 * sp.exp(-2 * gamma * _t) * q ** 2 + 2 * a11 * q * p
                             + a12 * sp.exp(2 * gamma * _t) * p ** 2)
    I = sp.expand(sp.exp(-2 * gamma * _t) * H0.subs({x1: x[0], x2: x[1]}))
    return {"q": q, "p": p, "t": _t, "x": x, "H": H, "I": I, "H0": H0,
            "x_symbols": (x1, x2), "entries": _entries, "gamma": gamma}


@lru_cache(maxsize=None)
def caldirola_kanai_residuals() -> dict:
    r"""SymPy proof that the Caldirola-Kanai construction is right.

    Returns
    -------
    dict of sympy.Expr
        ``hamilton_x1``, ``hamilton_x2``: Hamilton's equations of H, mapped to
        x, minus :math:`\dot x = Ax`; ``invariant``:
        :math:`\partial I/\partial t + \{I, H\}`; ``H_minus_I``:
        :math:`H - I - \gamma qp`; ``H0_flow``: :math:`dH_0/dt - (\operatorname{tr}A)H_0`
        along :math:`\dot x = Ax`.  All reduce to 0 (``_reduce``).
    """
    ck = caldirola_kanai_symbolic()
    q, p, t, H, I = ck["q"], ck["p"], ck["t"], ck["H"], ck["I"]
    a11, a12, a21, a22 = ck["entries"]
    gamma = ck["gamma"]
    qdot, pdot = sp.diff(H, p), -sp.diff(H, q)
    x1, x2 = ck["x"]
    x1dot = sp.diff(x1, t) + sp.diff(x1, q) * qdot + sp.diff(x1, p) * pdot
    x2dot = sp.diff(x2, t) + sp.diff(x2, q) * qdot + sp.diff(x2, p) * pdot
    poisson = sp.diff(I, q) * sp.diff(H, p) - sp.diff(I, p) * sp.diff(H, q)
    X1, X2 = ck["x_symbols"]
    H0 = ck["H0"]
    flow = (a11 * X1 + a12 * X2, a21 * X1 + a22 * X2)
    return {
        "hamilton_x1": _reduce(x1dot - (a11 * x1 + a12 * x2)),
        "hamilton_x2": _reduce(x2dot - (a21 * x1 + a22 * x2)),
        "invariant": _reduce(sp.diff(I, t) + poisson),
        "H_minus_I": _reduce(H - I - gamma * q * p),
        "H0_flow": _reduce(sp.diff(H0, X1) * flow[0] + sp.diff(H0, X2) * flow[1]
                           - 2 * gamma * H0),
    }


def caldirola_kanai_coefficients(net, t) -> dict:
    r"""Numerical coefficients of the Caldirola-Kanai H and of the invariant I at time t.

    Both are :math:`\tfrac12(\alpha q^2 + 2\beta qp + \delta p^2)`; the dict gives
    ``H`` and ``I`` as triples :math:`(\alpha, \beta, \delta)`.

    Parameters
    ----------
    net : CTRNN2
    t : float

    Returns
    -------
    dict
    """
    return caldirola_kanai_from_matrix(flow_split(net)["A"], float(t))


def caldirola_kanai_from_matrix(A, t) -> dict:
    r""":func:`caldirola_kanai_coefficients` from the both-active matrix A itself.

    For callers that evaluate H(q, p, t) at many times (the Schrödinger equation of
    :func:`ctrnn.quantum.dissipative.evolve_caldirola_kanai` does at every step):
    A is derived from the network once.  With :math:`\gamma = \operatorname{tr}A/2`,
    :math:`H = (-A_{21}e^{-2\gamma t}, A_{11}, A_{12}e^{2\gamma t})` and
    :math:`I = H - (0, \gamma, 0)`.

    Parameters
    ----------
    A : ndarray, shape (2, 2)
        The matrix of :func:`flow_split`.
    t : float or ndarray
        Time; an array gives arrays of coefficients, one per time.

    Returns
    -------
    dict
        As :func:`caldirola_kanai_coefficients`.

    Examples
    --------
    >>> c = caldirola_kanai_from_matrix(np.array([[1.0, 2.0], [-3.0, 0.0]]), 0.0)
    >>> [float(v) for v in c["H"]], [float(v) for v in c["I"]]
    ([3.0, 1.0, 2.0], [3.0, 0.5, 2.0])
    """
    g = 0.5 * (A[0, 0] + A[1, 1])
    down, up = np.exp(-2 * g * t), np.exp(2 * g * t)
    H = (-A[1, 0] * down, A[0, 0], A[0, 1] * up)
    I = (-A[1, 0] * down, A[0, 0] - g, A[0, 1] * up)
    return {"H": H, "I": I, "gamma": g}


def to_caldirola_kanai(net, y, t) -> np.ndarray:
    r"""Network state y at time t to Caldirola-Kanai coordinates (q, p).

    :math:`q = y_1 - y_1^*`, :math:`p = e^{-2\gamma t}(y_2 - y_2^*)`.
    """
    split = flow_split(net)
    y = np.asarray(y, dtype=float)
    x = y - split["equilibrium"][:, None] if y.ndim == 2 else y - split["equilibrium"]
    scale = np.exp(-2 * split["gamma"] * np.asarray(t, dtype=float))
    return np.array([x[0], scale * x[1]])


def from_caldirola_kanai(net, z, t) -> np.ndarray:
    r"""Inverse of :func:`to_caldirola_kanai`: (q, p) at time t to the network state y."""
    split = flow_split(net)
    z = np.asarray(z, dtype=float)
    scale = np.exp(2 * split["gamma"] * np.asarray(t, dtype=float))
    x = np.array([z[0], scale * z[1]])
    return x + (split["equilibrium"][:, None] if x.ndim == 2 else split["equilibrium"])


def linear_flow(net, y0, t) -> np.ndarray:
    r"""Exact flow of the both-active system, :math:`y(t) = y^* + e^{\gamma t}e^{A_0t}(y_0 - y^*)`.

    Uses the split (:func:`flow_split`), continued to the whole plane.

    Parameters
    ----------
    net : CTRNN2
    y0 : array_like, shape (2,)
    t : array_like, shape (N,)

    Returns
    -------
    ndarray, shape (2, N)
    """
    import scipy.linalg
    split = flow_split(net)
    if split["equilibrium"] is None:
        raise ValueError("net must have an isolated both-active equilibrium (det A != 0)")
    ys = split["equilibrium"]
    x0 = np.asarray(y0, dtype=float) - ys
    t = np.atleast_1d(np.asarray(t, dtype=float))
    out = [np.exp(split["gamma"] * s) * (scipy.linalg.expm(split["A0"] * s) @ x0) for s in t]
    return np.array(out).T + ys[:, None]
