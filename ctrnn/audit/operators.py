"""How the audit reads the printed operators of Eqs. (22)-(23) as
:class:`~ctrnn.quantum.weyl.DifferentialOperator` objects, solves the printed
(23) with the same Kummer machinery as the derived equation, and diagonalizes
it on a box, so that printed and derived can be compared term by term.

The printed readers take ``equations``, the mapping of printed equations the
audit is judging (:data:`ctrnn.paper.equations.EQUATIONS` when None); results are
cached only for the paper as printed.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import scipy.linalg
import sympy as sp

from ctrnn.quantum.kummer import KummerSolution, derived_solution, kummer_solution
from ctrnn.quantum.weyl import DifferentialOperator
from ctrnn.symbols import C1, C2, D1, D2, E2, lam, psi, y2


# ---------------------------------------------------------------- operators
def _read_operator(action) -> tuple[DifferentialOperator, sp.Expr]:
    """Operator of second order read off its action on ψ(y2), and the remainder.

    ``action`` is an expression linear in ψ(y2), ψ' and ψ''; the remainder is
    what is left after the three terms are removed (zero for a pure action).
    """
    fx = psi(y2)
    expr = sp.expand(action)
    coeffs = {}
    for k in (2, 1):
        d = sp.Derivative(fx, (y2, k))
        coeffs[k] = expr.coeff(d)
        expr = sp.expand(expr - coeffs[k] * d)
    coeffs[0] = expr.coeff(fx)
    return DifferentialOperator(coeffs, y2), expr - coeffs[0] * fx


def _operator_from_equation(eq) -> DifferentialOperator:
    """Operator L of an equation L psi = lam psi (psi = psi(y2))."""
    op, rest = _read_operator(eq.lhs - eq.rhs + lam * psi(y2))
    if sp.simplify(rest) != 0:
        raise ValueError("equation is not of the form L psi = lambda psi")
    return op


def _printed_paper():
    from ctrnn.paper.equations import EQUATIONS

    return EQUATIONS


def _is_printed(equations) -> bool:
    """``equations`` is the paper as printed (possibly chained with its claims)."""
    eqs = _printed_paper()
    return (equations is None or equations is eqs
            or getattr(equations, "maps", (None,))[0] is eqs)


def printed_operator(equations=None) -> DifferentialOperator:
    """The operator on the left of the paper's Eq. (23), as printed in ``equations``."""
    if _is_printed(equations):
        return _printed_operator_cached()
    return _operator_from_equation(equations[23])


@lru_cache(maxsize=None)
def _printed_operator_cached() -> DifferentialOperator:
    return _operator_from_equation(_printed_paper()[23])


def printed_hamiltonian_operator(equations=None) -> DifferentialOperator:
    """The paper's Ĥ of Eq. (22) as printed in ``equations``, read off its action on ψ(y2)."""
    if _is_printed(equations):
        return _printed_hamiltonian_cached()
    return _read_operator(equations[22].rhs)[0]


@lru_cache(maxsize=None)
def _printed_hamiltonian_cached() -> DifferentialOperator:
    return _read_operator(_printed_paper()[22].rhs)[0]


def solution(which: str, root: int = 1, equations=None) -> KummerSolution:
    """:func:`~ctrnn.quantum.kummer.kummer_solution` of the "printed" (23) (of ``equations``) or the
    "derived" operator; cached except for a counterfactual paper."""
    if which not in ("printed", "derived"):
        raise ValueError(f"which must be 'printed' or 'derived', got {which!r}")
    if which == "derived":
        return derived_solution(root)
    if _is_printed(equations):
        return _printed_solution(root)
    return kummer_solution(printed_operator(equations), root)


@lru_cache(maxsize=None)
def _printed_solution(root: int = 1) -> KummerSolution:
    return kummer_solution(printed_operator(), root)


def printed_box_levels(values: dict, n: int, half_width: float, size: int) -> np.ndarray:
    """First ``n`` eigenvalues of the printed Eq. (23) on [-half_width, half_width].

    Second-order central differences with Dirichlet ends give a real
    tridiagonal matrix T (not symmetric, since (23) has a first-derivative
    term); when every product T[i, i+1] T[i+1, i] is positive, a diagonal
    similarity makes it symmetric with off-diagonal sqrt(T[i, i+1] T[i+1, i]),
    and ``scipy.linalg.eigvalsh_tridiagonal`` gives the eigenvalues.  No
    solution formula is used.  Levels are ordered by quantum number:
    descending when C2 > 0 (the operator is then bounded above), ascending
    when C2 < 0.

    Parameters
    ----------
    values : dict
        Numbers for C1, C2, D1, D2, E2 (SymPy symbols as keys).
    n : int
        Number of levels.
    half_width : float
        Half-width of the interval.
    size : int
        Number of interior grid points.

    Raises
    ------
    ValueError
        If the grid is too coarse for the symmetrization (a non-positive
        product of off-diagonal entries).
    """
    c1v, c2v, d1v, d2v, e2v = (float(values[s]) for s in (C1, C2, D1, D2, E2))
    grid = np.linspace(-half_width, half_width, size + 2)[1:-1]
    h = grid[1] - grid[0]
    drift = c1v - e2v * grid                               # coefficient of psi'
    diag = d1v * grid - d2v * grid ** 2 - e2v - 2.0 * c2v / h ** 2
    upper = c2v / h ** 2 + drift[:-1] / (2.0 * h)
    lower = c2v / h ** 2 - drift[1:] / (2.0 * h)
    prod = upper * lower
    if np.any(prod <= 0):
        raise ValueError("size is too small for half_width: the finite-difference "
                         "matrix of Eq. (23) cannot be symmetrized (use a finer grid)")
    off = np.sign(c2v) * np.sqrt(prod)
    k = min(n, size)
    wanted = (size - k, size - 1) if c2v > 0 else (0, k - 1)     # only the n extreme levels
    levels = scipy.linalg.eigvalsh_tridiagonal(diag, off, select="i", select_range=wanted)
    return (levels[::-1] if c2v > 0 else levels)[:n]
