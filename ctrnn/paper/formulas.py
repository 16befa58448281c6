"""The paper's formulas evaluated as printed.

ξ1, ξ2 of Eqs. (25)-(26) with the coefficients (19)-(20), the conditions
(38)-(40), the eigenfunctions (32)-(33), the general solution (24) and the
levels (36)-(37) -- all read from :data:`ctrnn.paper.equations.EQUATIONS`, never
corrected.  The audit compares them with :mod:`ctrnn.classical` and
:mod:`ctrnn.quantum`.

Every function takes ``equations``, a mapping of the shape of
:data:`ctrnn.paper.equations.EQUATIONS` (the paper as printed when None), so that the
audit can evaluate a counterfactual paper; results are cached only for the
paper as printed.
"""
from __future__ import annotations

import functools

import numpy as np
import sympy as sp

from ctrnn._validation import RTOL, hamiltonian_params
from ctrnn.symbols import C1, C2, D1, D2, E2, alpha, beta, m, x, xi1, xi2, y2

#: Relative tolerance for the signs of the printed real parts (module docstring).


def _eqs(equations):
    """``equations``, or the paper as printed when None."""
    if equations is None:
        from ctrnn.paper.equations import EQUATIONS

        return EQUATIONS
    return equations


def _default(equations) -> bool:
    from ctrnn.paper.equations import EQUATIONS

    return (equations is None or equations is EQUATIONS
            or getattr(equations, "maps", (None,))[0] is EQUATIONS)


# ------------------------------------------------------- the paper, printed
def _printed(number: int, side: str = "lhs", equations=None):
    """The paper's Eq. (number) as a NumPy function of the ten parameters.

    ``side`` picks ``lhs`` or ``rhs`` of the printed relation; (25) and (26)
    are first rewritten in the weights with the coefficients (19)-(20), as
    the paper does before printing (38)-(40).
    """
    if _default(equations):
        return _printed_cached(number, side)
    return _printed_uncached(number, side, equations)


@functools.lru_cache(maxsize=None)
def _printed_cached(number: int, side: str):
    return _printed_uncached(number, side, None)


def _printed_uncached(number: int, side: str, equations):
    from ctrnn.symbols import PARAMETERS
    expr = getattr(_eqs(equations)[number], side)
    expr = expr.subs(coefficient_substitution(equations))
    return sp.lambdify(PARAMETERS, expr, modules="numpy")


def coefficient_substitution(equations=None) -> dict:
    """``{C1: ..., C2: ..., D1: ..., D2: ..., E2: ...}`` from Eqs. (19)-(20) as printed.

    E2 is taken from the first form of Eq. (20), ``(w11 - 1)/tau1`` (the form
    the paper uses in (38)-(40)).
    """
    EQUATIONS = _eqs(equations)
    out = {}
    for number in (19, 20):
        eqs = EQUATIONS[number]
        for eq in (eqs if isinstance(eqs, (tuple, list)) else (eqs,)):
            for lhs, rhs in _pairs(eq):
                if lhs in (C1, C2, D1, D2, E2) and lhs not in out:
                    out[lhs] = rhs
    missing = {C1, C2, D1, D2, E2} - set(out)
    if missing:
        raise LookupError(f"Eqs. (19)-(20) of ctrnn.paper do not define {sorted(map(str, missing))}")
    return {k: sp.sympify(v) for k, v in out.items()}


def _pairs(eq):
    """(lhs, rhs) pairs of a relation; a chained equality yields its links."""
    args = getattr(eq, "args", ())
    if hasattr(eq, "lhs"):
        yield eq.lhs, eq.rhs
    elif args:
        for a in args:
            yield from _pairs(a)


def rederived_xi(equations=None):
    """ξ1 and ξ2 in the weights, re-derived as the paper does for (38)-(40).

    Eqs. (25) and (26) as printed, with C1, C2, D1, D2, E2 replaced by their
    definitions (19)-(20) (:func:`coefficient_substitution`).  Comparing the
    result with the printed left sides of (38)-(40) tests whether those are
    faithful translations.

    Returns
    -------
    xi1, xi2 : sympy expressions in the network parameters
    """
    EQUATIONS = _eqs(equations)
    sub = coefficient_substitution(equations)
    return EQUATIONS[25].rhs.subs(sub), EQUATIONS[26].rhs.subs(sub)


def _complex_args(p: dict) -> list:
    """The ten parameters of ``p`` in the order of :data:`ctrnn.symbols.PARAMETERS`."""
    from ctrnn.symbols import PARAMETERS
    return [np.asarray(p[s.name], dtype=complex) for s in PARAMETERS]


def _call(number: int, p: dict, side: str = "lhs", equations=None):
    args = _complex_args(p)
    return np.asarray(_printed(number, side, equations)(*args), dtype=complex) * np.ones(p["tau1"].shape)


def xi_printed(params, equations=None):
    """The paper's ξ1 and ξ2, Eqs. (25)-(26) with the coefficients (19)-(20).

    Parameters
    ----------
    params : CTRNN2 or mapping
        See :func:`~ctrnn._validation.hamiltonian_params`.
    equations : mapping, optional
        The printed equations (module docstring).

    Returns
    -------
    xi1, xi2 : complex ndarray
        Evaluated with the principal complex square root (module docstring).
    """
    p = hamiltonian_params(params)
    return _call(25, p, "rhs", equations), _call(26, p, "rhs", equations)


_SCALES: dict = {}


def _scale(number: int, p: dict, equations=None) -> np.ndarray:
    """Sum of the magnitudes of the terms of the printed left-hand side."""
    from ctrnn.symbols import PARAMETERS
    key = ("scale", number)
    if key in _SCALES and _default(equations):
        funcs = _SCALES[key]
    else:
        lhs = _eqs(equations)[number].lhs
        terms = sp.Add.make_args(sp.expand(lhs, deep=False))
        funcs = [sp.lambdify(PARAMETERS, t, modules="numpy") for t in terms]
        if _default(equations):
            _SCALES[key] = funcs
    args = _complex_args(p)
    return sum(np.abs(f(*args)) * np.ones(p["tau1"].shape) for f in funcs)


def printed_conditions(params, rtol: float = RTOL, equations=None) -> dict:
    """Where the paper's printed conditions (38)-(40) hold.

    Parameters
    ----------
    params : CTRNN2 or mapping
        See :func:`~ctrnn._validation.hamiltonian_params`.
    rtol : float, optional
        Relative tolerance for the sign of a real part (module docstring).
    equations : mapping, optional
        The printed equations (module docstring).

    Returns
    -------
    dict of bool ndarray
        ``"38"``: Re of the left side of (38) is positive (the paper's
        ``Real(xi1) > 0``); ``"39"``: Re of the left side of (39) is zero;
        ``"40"``: Re of the left side of (40) is positive; ``"paper"``: the
        paper's criterion, ``(38) or ((39) and (40))``.

    Raises
    ------
    ValueError
        On bad parameters (:func:`~ctrnn._validation.hamiltonian_params`) or ``rtol`` not in [0, 1).
    """
    if not (0 <= rtol < 1):
        raise ValueError(f"rtol must satisfy 0 <= rtol < 1, got {rtol!r}")
    p = hamiltonian_params(params)
    out = {str(k): _holds(k, p, rtol, equations) for k in (38, 39, 40)}
    out["paper"] = out["38"] | (out["39"] & out["40"])
    return out


#: Whether ``relation(value, 0)`` holds for a real part ``value`` decided at
#: ``tol`` (a difference within ``tol`` of zero counts as zero).
_RELATIONS = {
    sp.StrictGreaterThan: lambda v, tol: v > tol,
    sp.GreaterThan: lambda v, tol: v >= -tol,
    sp.StrictLessThan: lambda v, tol: v < -tol,
    sp.LessThan: lambda v, tol: v <= tol,
    sp.Equality: lambda v, tol: np.abs(v) <= tol,
    sp.Unequality: lambda v, tol: np.abs(v) > tol,
}


def _holds(number: int, p: dict, rtol: float, equations=None) -> np.ndarray:
    """Where the printed relation (38), (39) or (40) holds for the real parts of its sides.

    The relation is read from the printed equation (``>`` in (38), ``=`` in
    (39)), not assumed, so that a misprinted relation changes the result.
    """
    relation = _eqs(equations)[number]
    if type(relation) not in _RELATIONS:
        raise ValueError(f"Eq. ({number}) must be a relation (>, >=, <, <=, =, !=), "
                         f"got {type(relation).__name__}")
    value = (_call(number, p, equations=equations) - _call(number, p, "rhs", equations)).real
    return _RELATIONS[type(relation)](value, rtol * _scale(number, p, equations))


# ------------------------------------------------ the paper's eigenfunctions
def _printed_psi(n: int, equations=None):
    if _default(equations):
        return _printed_psi_cached(n)
    return _printed_psi_uncached(n, equations)


@functools.lru_cache(maxsize=None)
def _printed_psi_cached(n: int):
    return _printed_psi_uncached(n, None)


def _printed_psi_uncached(n: int, equations):
    from ctrnn.symbols import PARAMETERS
    EQUATIONS = _eqs(equations)
    number = 32 if n % 2 == 0 else 33
    expr = EQUATIONS[number].rhs.subs(m, n // 2)
    expr = expr.subs({xi1: EQUATIONS[25].rhs, xi2: EQUATIONS[26].rhs})
    expr = sp.expand_func(expr.subs(coefficient_substitution(equations)).doit())
    return sp.lambdify((*PARAMETERS, y2), expr, modules="numpy")


def paper_eigenfunction(params, n: int, y2, equations=None) -> np.ndarray:
    """The paper's eigenfunction ψ_n(y2), Eq. (32) (n even) or (33) (n odd), as printed.

    ξ1 and ξ2 come from Eqs. (25)-(26), the coefficients from (19)-(20);
    fractional powers and square roots of negative numbers take their
    principal complex values.

    Parameters
    ----------
    params : CTRNN2 or mapping
        One network (a mapping must describe a single network).
    n : int
        Quantum number n >= 0 (``n = 2m`` or ``2m + 1``).
    y2 : array_like
        Points at which to evaluate.
    equations : mapping, optional
        The printed equations (module docstring).

    Returns
    -------
    complex ndarray, the shape of ``y2``.  Not finite where the printed
    Hermite argument divides by zero (``C2 = 0`` or ``4 C2 D2 + E2**2 = 0``).

    Raises
    ------
    ValueError
        If ``n`` is not a non-negative integer, ``y2`` is not finite real, or
        ``params`` is bad or describes more than one network.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError(f"n must be a non-negative integer (quantum number of Eqs. (32)-(33)), got {n!r}")
    p = hamiltonian_params(params)
    if p["tau1"].size != 1:
        raise ValueError("params must describe a single network")
    try:
        y = np.asarray(y2, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"y2 must be real numbers, got {y2!r}") from None
    if not np.all(np.isfinite(y)):
        raise ValueError("y2 must be finite")
    from ctrnn.symbols import PARAMETERS
    args = [complex(p[s.name].ravel()[0]) for s in PARAMETERS]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out = _printed_psi(int(n), equations)(*args, y.astype(complex))
    return np.asarray(out, dtype=complex) * np.ones(y.shape)


# ---------------------------------------------------- the paper's solutions
def printed_general_solution(equations=None):
    """ψ of Eq. (24) with Ψ of (27)-(28), ξ1, ξ2 of (25)-(26), α, β of (29)-(30).

    Eq. (27) is written in x; it is evaluated at x = y2 as Eq. (24) requires.
    """
    eq = _eqs(equations)
    al = eq[29].rhs
    be = eq[30].rhs.subs(alpha, al)
    big_psi = eq[27].rhs.subs({alpha: al, beta: be}).subs(x, y2)
    return eq[24].rhs.subs(sp.Function("Psi")(y2), big_psi).subs(
        {xi1: eq[25].rhs, xi2: eq[26].rhs})


def printed_eigenfunction(k: int, equations=None):
    """ψ_k of Eq. (32) (k even, k = 2m) or (33) (k odd), with (25)-(26)."""
    eq = _eqs(equations)
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 0:
        raise ValueError(f"k must be a non-negative integer, got {k!r}")
    rhs = (eq[32] if k % 2 == 0 else eq[33]).rhs.subs(m, k // 2)
    return rhs.subs({xi1: eq[25].rhs, xi2: eq[26].rhs}).doit()


def printed_eigenvalue(k: int, equations=None):
    """λ_k of Eq. (36) (k = 2m even) or (37) (k = 2m + 1 odd)."""
    eq = _eqs(equations)
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 0:
        raise ValueError(f"k must be a non-negative integer, got {k!r}")
    return (eq[36] if k % 2 == 0 else eq[37]).rhs.subs(m, k // 2)


# ---------------------------------------------------- numbers for the figures
def _net_values(net) -> dict:
    c = net.hamiltonian_coefficients()
    return {C1: c["C1"], C2: c["C2"], D1: c["D1"], D2: c["D2"], E2: c["E2"]}


def paper_levels(net, n: int, equations=None) -> np.ndarray:
    """The paper's λ_k, k < n, from Eqs. (36)-(37) (complex when Δ < 0),
    interleaving even (k = 2m) and odd (k = 2m + 1) levels."""
    vals = _net_values(net)
    out = [complex(sp.N(printed_eigenvalue(k, equations).subs(vals))) for k in range(n)]
    return np.array(out)


def paper_eigenfunction_values(net, k: int, y2_values) -> np.ndarray:
    """ψ_k(y2) of Eqs. (32)-(33) with (25)-(26), principal branches, complex."""
    vals = _net_values(net)
    f = sp.lambdify(y2, printed_eigenfunction(k).subs(vals), "numpy")
    out = f(np.asarray(y2_values, dtype=complex))
    return np.broadcast_to(np.asarray(out, dtype=complex), np.shape(y2_values)).copy()
