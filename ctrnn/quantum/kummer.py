r"""The eigenvalue problem (23) and its solutions (24)-(37), printed and derived.

Two second-order operators of the form

.. math::

    L\psi = a_2 \psi'' + (b_0 + b_1 y_2)\psi' + (c_0 + c_1 y_2 + c_2 y_2^2)\psi

appear in the audit: the paper's printed Eq. (23) (:func:`~ctrnn.audit.operators.printed_operator`)
and the eigenvalue equation of the correctly Weyl-quantized Ĥ
(:func:`derived_operator`).  For any such operator, the substitution
ψ = exp(-ξ1 y2² - ξ2 y2) Ψ turns Lψ = λψ into Kummer's equation when
ξ1 solves 4 a2 ξ1² - 2 b1 ξ1 + c2 = 0 and ξ2 = (2 b0 ξ1 - c1)/(4 a2 ξ1 - b1);
:func:`kummer_solution` derives ξ1, ξ2, the Kummer variable, α and the
eigenvalues from the coefficients alone, by this general rule.  The paper's
claimed solutions (24)-(37) are taken from :mod:`ctrnn.paper` and tested by
substitution with :func:`residual`.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import mpmath
import numpy as np
import sympy as sp

from ctrnn import _validation as V
from ctrnn.quantum.weyl import DifferentialOperator, hamiltonian_symbol, weyl_quantize
from ctrnn.symbols import A1, A2, C1, C2, D1, D2, E2, lam, psi, y2

_DELTA = E2 ** 2 + 4 * C2 * D2


def gauge_phase():
    """φ(y2) = (E2 y2²/2 - C1 y2)/(2 C2), with φ' = a(y2) = (E2 y2 - C1)/(2 C2)."""
    return (E2 * y2 ** 2 / 2 - C1 * y2) / (2 * C2)


def gauge_potential():
    """V(y2) = C2 a(y2)² + D1 y2 + D2 y2², the potential left after the gauge
    transformation ψ = exp(iφ) χ (:func:`gauge_phase`)."""
    a = sp.diff(gauge_phase(), y2)
    return C2 * a ** 2 + D1 * y2 + D2 * y2 ** 2


def completed_square_symbol():
    """H (18) written as -C2 (y1 - a(y2))² + V(y2) (equal to H as polynomials)."""
    from ctrnn.symbols import y1

    return -C2 * (y1 - sp.diff(gauge_phase(), y2)) ** 2 + gauge_potential()


def gauge_checks() -> dict:
    """Symbolic checks of the gauge transformation that removes the ψ' term.

    Returns
    -------
    dict
        ``"same_symbol"``: :func:`completed_square_symbol` equals H (18)
        (:func:`ctrnn.quantum.weyl.hamiltonian_symbol`) as a polynomial;
        ``"gauge_ok"``: for an arbitrary χ(y2), the Weyl-quantized Ĥ of
        Eq. (22) (:func:`derived_operator`) acting on exp(iφ) χ equals
        exp(iφ) (C2 χ'' + V χ), with φ = :func:`gauge_phase` and
        V = :func:`gauge_potential`; ``"potential_y2_squared"``: the y2²
        coefficient of V, factored (Δ/(4 C2) with Δ = E2² + 4 C2 D2).
    """
    chi = sp.Function("chi")(y2)
    phase, potential = sp.exp(sp.I * gauge_phase()), gauge_potential()
    same = sp.expand(completed_square_symbol() - hamiltonian_symbol()) == 0
    gauged = derived_operator().apply(phase * chi) / phase
    gauge_ok = sp.simplify(sp.expand(gauged - (C2 * chi.diff(y2, 2) + potential * chi))) == 0
    return {"same_symbol": bool(same), "gauge_ok": bool(gauge_ok),
            "potential_y2_squared": sp.factor(sp.Poly(potential, y2).coeff_monomial(y2 ** 2))}


@lru_cache(maxsize=None)
def derived_operator() -> DifferentialOperator:
    """Weyl quantization of H (18) in the representation (21) (:mod:`ctrnn.quantum.weyl`)."""
    return weyl_quantize(hamiltonian_symbol())


def eigen_equation(op: DifferentialOperator) -> sp.Eq:
    """The time-independent Schrödinger equation op ψ = λ ψ for ψ = ψ(y2).

    Raises
    ------
    TypeError
        If ``op`` is not a DifferentialOperator.
    """
    V.instance("op", op, DifferentialOperator)
    return sp.Eq(op.apply(psi(y2)), lam * psi(y2))


# --------------------------------------------------- general Kummer solution
@dataclass
class KummerSolution:
    """Solution of L ψ = λ ψ by ψ = exp(-ξ1 y2² - ξ2 y2) Ψ(ζ), ζ = κ (y2 - c)².

    Attributes
    ----------
    xi1, xi2, kappa, centre : sympy.Expr
        ξ1, ξ2, κ and the centre c of the Kummer variable.
    alpha : sympy.Expr
        First Kummer parameter of the even solution (β = α + 1/2 for the odd
        one), a function of λ.
    levels : sympy.Expr
        λ_n, for which the n-th solution is a polynomial times the Gaussian
        (α = -n/2 for even n, β = -(n-1)/2 for odd n); a function of n.
    psi : sympy.Expr
        The general solution with constants A1, A2.
    """

    xi1: sp.Expr
    xi2: sp.Expr
    kappa: sp.Expr
    centre: sp.Expr
    alpha: sp.Expr
    levels: sp.Expr
    psi: sp.Expr


def kummer_solution(op: DifferentialOperator, root: int = 1) -> KummerSolution:
    """Derive the Gaussian-times-Kummer solution of ``op`` ψ = λ ψ.

    Parameters
    ----------
    op : DifferentialOperator
        Second order with constant leading coefficient a2, linear first-order
        and quadratic zeroth-order coefficients in y2.
    root : {1, -1}
        Which root ξ1 = (b1 + root·sqrt(b1² - 4 a2 c2))/(4 a2) to take.

    Raises
    ------
    TypeError
        If ``op`` is not a DifferentialOperator or ``root`` not an integer.
    ValueError
        If ``op`` is not of that form or ``root`` is not ±1.
    """
    V.instance("op", op, DifferentialOperator)
    root = V.integer("root", root)
    if root not in (1, -1):
        raise ValueError(f"root must be 1 or -1, got {root!r}")
    a2 = op.coefficient(2)
    b = sp.Poly(op.coefficient(1), y2)
    c = sp.Poly(op.coefficient(0), y2)
    if a2.has(y2) or b.degree() > 1 or c.degree() > 2 or set(op.coeffs) - {0, 1, 2}:
        raise ValueError("op must be a2 d2 + (b0 + b1 y2) d + (c0 + c1 y2 + c2 y2**2)")
    b0, b1 = b.coeff_monomial(1), b.coeff_monomial(y2)
    c0, c1, c2 = c.coeff_monomial(1), c.coeff_monomial(y2), c.coeff_monomial(y2 ** 2)
    s1 = (b1 + root * sp.sqrt(b1 ** 2 - 4 * a2 * c2)) / (4 * a2)
    s2 = (2 * b0 * s1 - c1) / (4 * a2 * s1 - b1)
    big_b1 = b1 - 4 * a2 * s1                    # Psi' coefficient: B1 (y2 - centre)
    centre = -(b0 - 2 * a2 * s2) / big_b1
    const = a2 * (s2 ** 2 - 2 * s1) - b0 * s2 + c0
    kappa = -big_b1 / (2 * a2)
    al = (const - lam) / (2 * big_b1)
    n_ = sp.Symbol("n", integer=True, nonnegative=True)
    zeta = kappa * (y2 - centre) ** 2
    psi_expr = sp.exp(-s1 * y2 ** 2 - s2 * y2) * (
        A1 * sp.hyper([al], [sp.Rational(1, 2)], zeta)
        + A2 * (y2 - centre) * sp.hyper([al + sp.Rational(1, 2)], [sp.Rational(3, 2)], zeta))
    return KummerSolution(s1, s2, kappa, centre, al, const + big_b1 * n_, psi_expr)


# ----------------------------------------------------------------- residuals
def random_coefficients(rng, discriminant_sign: int, c2_sign: int = 1) -> dict:
    """Random C1, C2, D1, D2, E2 (as a SymPy substitution dict) with the
    requested signs of Δ = E2² + 4 C2 D2 and of C2.

    Parameters
    ----------
    rng : numpy.random.Generator
    discriminant_sign, c2_sign : {1, -1}

    Raises
    ------
    TypeError
        If ``rng`` is not a Generator or a sign not an integer.
    ValueError
        If a sign is not ±1.
    """
    V.instance("rng", rng, np.random.Generator, "numpy.random.Generator")
    V.integer("discriminant_sign", discriminant_sign)
    V.integer("c2_sign", c2_sign)
    if discriminant_sign not in (1, -1) or c2_sign not in (1, -1):
        raise ValueError("discriminant_sign and c2_sign must be 1 or -1")
    c1v, d1v, e2v = rng.uniform(-1.0, 1.0, 3)
    c2v = c2_sign * rng.uniform(0.3, 1.0)
    delta = discriminant_sign * rng.uniform(0.3, 1.5)
    d2v = (delta - e2v ** 2) / (4.0 * c2v)
    return {C1: float(c1v), C2: float(c2v), D1: float(d1v), D2: float(d2v), E2: float(e2v)}


@lru_cache(maxsize=64)
def _compiled(expr, names: tuple):
    """mpmath function of (y2, *names) for a SymPy expression (cached).

    ``docstring_limit=0``: the generated function's docstring (a second printing
    of the expression, a third of lambdify's time) is never read."""
    return sp.lambdify((y2,) + names, expr, "mpmath", docstring_limit=0)


def residual(op: DifferentialOperator, psi_expr, values: dict, points, eigenvalue=None,
             dps: int = 30) -> float:
    """Largest relative residual of a claimed solution of op ψ = λ ψ.

    r(y2) = abs(op ψ - λ ψ) / (Σ_k abs(c_k ψ^(k)) + abs(λ ψ)), evaluated at
    each point with mpmath at ``dps`` digits; the derivatives ψ^(k) are taken
    numerically by ``mpmath.diff`` at that precision.  An exact solution
    gives rounding level (about 10**-dps: the parameters are exact binary
    numbers), a
    wrong one O(1e-2 .. 1).

    Parameters
    ----------
    op : DifferentialOperator
    psi_expr : sympy.Expr
        The claimed solution, in y2.
    values : dict
        Numbers for every other symbol (SymPy symbols as keys), including λ
        unless ``eigenvalue`` is given.
    points : sequence of float
        Values of y2.
    eigenvalue : sympy.Expr, optional
        λ to use, possibly in terms of the other symbols (default ``values[lam]``).

    dps : int, optional
        Working precision in digits, 15..1000.

    Raises
    ------
    TypeError
        If ``op`` is not a DifferentialOperator, ``psi_expr``/``eigenvalue``
        not SymPy expressions, ``values`` not a mapping or ``dps`` not an integer.
    ValueError
        If ``values`` does not give a number for every symbol, a point is not
        finite, there are more than 10**4 points (the cost limit: each costs
        mpmath derivatives) or ``dps`` is out of range.
    """
    V.instance("op", op, DifferentialOperator)
    psi_expr = V.expression("psi_expr", psi_expr)
    if not isinstance(values, Mapping):
        raise TypeError(f"values must be a mapping symbol -> number, got {type(values).__name__}")
    points = V.array("points", points, max_size=10 ** 4).ravel()
    dps = V.integer("dps", dps, minimum=15, maximum=1000, remedy="use fewer digits")
    lam_expr = lam if eigenvalue is None else V.expression("eigenvalue", eigenvalue)
    keys = tuple(sorted(values, key=str))
    free = (sp.sympify(psi_expr).free_symbols | lam_expr.free_symbols
            | set().union(*[sp.sympify(c).free_symbols for c in op.coeffs.values()])) - {y2}
    missing = free - set(keys)
    if missing:
        raise ValueError(f"values must give every symbol; missing {sorted(map(str, missing))}")
    with mpmath.workdps(dps):
        args = [mpmath.mpmathify(float(values[k]) if not isinstance(values[k], complex)
                                 else values[k]) for k in keys]
        f_psi = _compiled(sp.sympify(psi_expr), keys)
        f_lam = _compiled(lam_expr, keys)
        f_c = {k: _compiled(sp.sympify(c), keys) for k, c in op.coeffs.items()}
        worst = mpmath.mpf(0)
        for p in points:
            p = mpmath.mpf(p)
            psi_k = {k: mpmath.diff(lambda t: f_psi(t, *args), p, k) for k in f_c}
            terms = [f_c[k](p, *args) * psi_k[k] for k in f_c]
            lam_term = f_lam(p, *args) * f_psi(p, *args)
            scale = sum(abs(t) for t in terms) + abs(lam_term)
            if scale == 0:
                continue
            worst = max(worst, abs(sum(terms) - lam_term) / scale)
    return float(worst)


@lru_cache(maxsize=None)
def derived_solution(root: int = 1) -> KummerSolution:
    """Cached :func:`kummer_solution` of the Weyl-quantized Ĥ, :func:`derived_operator`.

    Parameters
    ----------
    root : {1, -1}
        Which root ξ1 of the Gaussian factor (see :func:`kummer_solution`).
    """
    return kummer_solution(derived_operator(), V.integer("root", root))


def true_levels_symbolic():
    """λ_n = H(z*) - sign(C2) sqrt(-Δ) (n + 1/2) as a SymPy expression in n.

    H(z*) = (D2 C1² + C1 D1 E2 - C2 D1²)/Δ is the critical value of H (18).
    """
    n_ = sp.Symbol("n", integer=True, nonnegative=True)
    h_star = (D2 * C1 ** 2 + C1 * D1 * E2 - C2 * D1 ** 2) / _DELTA
    return h_star - sp.sign(C2) * sp.sqrt(-_DELTA) * (n_ + sp.Rational(1, 2))


def true_eigenfunction_symbolic(k: int, root_sign: int = 1):
    """ψ_k of the derived equation: the even/odd Kummer solution of
    :func:`kummer_solution` for the Weyl-quantized Ĥ at λ = λ_k, where the
    series terminates (a polynomial of degree k times the Gaussian).

    ``root_sign`` must be sign(C2) for a normalizable ψ_k.  Each (k, root_sign)
    is derived once per process (SymPy expressions are immutable).

    Returns
    -------
    tuple of sympy.Expr
        ψ_k(y2) and its level λ_k.

    Raises
    ------
    TypeError
        If ``k`` or ``root_sign`` is not an integer.
    ValueError
        If ``k`` is negative or ``root_sign`` not ±1.
    """
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError(f"k must be a non-negative integer, got {k!r}")
    if k < 0:
        raise ValueError(f"k must be a non-negative integer, got {k!r}")
    k = V.integer("k", k, maximum=V.MAX_LEVELS)
    root_sign = V.integer("root_sign", root_sign)
    if root_sign not in (1, -1):
        raise ValueError(f"root_sign must be 1 or -1, got {root_sign!r}")
    return _true_eigenfunction(int(k), int(root_sign))


@lru_cache(maxsize=None)
def _true_eigenfunction(k: int, root_sign: int):
    """:func:`true_eigenfunction_symbolic` for checked arguments, computed once each
    (the audit asks for each (k, sign) at every parameter set)."""
    sol = derived_solution(root_sign)
    n_ = sp.Symbol("n", integer=True, nonnegative=True)
    level = sol.levels.subs(n_, k)
    if k % 2 == 0:
        expr = sol.psi.subs({A1: 1, A2: 0})
    else:
        expr = sol.psi.subs({A1: 0, A2: 1})
    return expr.subs(lam, level), level
