"""When the two-neuron ReLU network is Hamiltonian: Eqs. (11)-(20), Fig. 1.

Everything here is derived from the right-hand side (2)-(3) with SymPy,
without using the paper's formulas: the divergence condition (12)-(13), the
case analysis (14)-(15), the Hamiltonian by integration (16)-(18) and its
coefficients (19)-(20). Numerical helpers evaluate H, classify the linear
Hamiltonian flow (centre, saddle or degenerate) and compare it with a
nonlinear pendulum (the caption of Fig. 1).
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import scipy.special
import sympy as sp
from scipy.integrate import solve_ivp

from ctrnn import _validation as V
from ctrnn import symbols as S
from ctrnn._validation import vanishes
from ctrnn.classical.dynamics import (
    REGIONS,
    _require_array,
    _require_network,
    _require_region,
    equilibrium,
    linear_flow,
    linear_system_symbolic,
    simulate,
)
from ctrnn.classical.network import CTRNN2

#: The region where both neurons are active, whose flow is Eqs. (5)-(6).
ACTIVE = (1, 1)


def _require_tolerance(name, value):
    return V.tolerance(name, value)


# ------------------------------------------------------ Eqs. (12)-(15)
def _active_rhs():
    A, b = linear_system_symbolic(ACTIVE)
    y = sp.Matrix([S.y1, S.y2])
    f1, f2 = (A * y + b)
    return f1, f2


def divergence(region=ACTIVE):
    """Divergence of a region's linear flow, derived from Eqs. (2)-(3).

    Parameters
    ----------
    region : tuple, optional
        One of :data:`ctrnn.classical.dynamics.REGIONS`; both active (Eqs. 5-6) by default.

    Returns
    -------
    sympy.Expr
        ``d f1/d y1 + d f2/d y2``.

    Notes
    -----
    Simplified once per region and cached (SymPy expressions are immutable).
    """
    return _divergence(_require_region(region))


@lru_cache(maxsize=None)
def _divergence(region):
    A, _ = linear_system_symbolic(region)
    return sp.simplify(A.trace())


def hamiltonian_condition():
    """Condition (12) derived from Hamilton's equations (11).

    If ``f1 = dH/dy2`` and ``f2 = -dH/dy1`` then equality of mixed partials of
    H gives ``df1/dy1 = d2H/dy1dy2 = -df2/dy2``; on the convex active region
    the converse holds too (Poincare lemma).

    Returns
    -------
    sympy.Eq
        ``Eq(df1/dy1, -df2/dy2)`` for the both-active flow (5)-(6), with the
        derivatives taken of the right-hand sides derived from (2)-(4).
    """
    f1, f2 = _active_rhs()
    return sp.Eq(sp.diff(f1, S.y1), -sp.diff(f2, S.y2), evaluate=False)


@lru_cache(maxsize=None)
def condition_13():
    """Condition (13) on the weights: the divergence of (5)-(6) vanishes.

    Returns
    -------
    sympy.Eq
        The equation of :func:`hamiltonian_condition` with each side simplified
        (computed once and cached).
    """
    cond = hamiltonian_condition()
    return sp.Eq(sp.simplify(cond.lhs), sp.simplify(cond.rhs), evaluate=False)


def _linear_factor_signs(expr):
    """Factors of a rational expression and their exponents (+1 numerator, -1 denominator)."""
    num, den = sp.fraction(sp.factor(expr))
    out = []
    for part, power in ((num, 1), (den, -1)):
        coeff, factors = sp.factor_list(part)
        out.append(("const", coeff, power))
        out.extend(("factor", fac, power * mult) for fac, mult in factors)
    return out


def tau1_cases():
    """Case analysis of condition (13) for tau1 > 0, derived from (13).

    If ``w22 = 1``, (13) forces ``w11 = 1`` (any tau1). Otherwise (13) solved
    for tau1 gives one expression, and tau1 > 0 (with tau2 > 0) selects the
    sign patterns of its factors.

    Returns
    -------
    list of tuple
        Each case is a tuple of SymPy relations that hold together. The first
        case is ``(Eq(w11, 1), Eq(w22, 1))``; the others are
        ``(Eq(tau1, expr), relation on w22, relation on w11)``.  Derived once
        and cached; each call returns a new list.
    """
    return list(_tau1_cases())


@lru_cache(maxsize=None)
def _tau1_cases():
    div = divergence(ACTIVE)
    # w22 = 1: the divergence reduces to (w11 - 1)/tau1, zero only for w11 = 1.
    w11_sol = sp.solve(div.subs(S.w22, 1), S.w11)
    cases = [(sp.Eq(S.w11, w11_sol[0]), sp.Eq(S.w22, 1))]
    (tau1_expr,) = sp.solve(div, S.tau1)
    ratio = sp.factor(tau1_expr / S.tau2)
    factors = [(fac, p) for kind, fac, p in _linear_factor_signs(ratio) if kind == "factor"]
    const = sp.Mul(*[c ** p for kind, c, p in _linear_factor_signs(ratio) if kind == "const"])
    if len(factors) != 2:
        raise RuntimeError(f"unexpected factor structure of tau1/tau2 = {ratio}")
    for signs in ((1, 1), (1, -1), (-1, 1), (-1, -1)):
        if sp.sign(const) * signs[0] * signs[1] <= 0:
            continue
        rels = []
        for (fac, _), sgn in zip(factors, signs):
            (var,) = fac.free_symbols
            rel = sp.solve_univariate_inequality(sgn * fac > 0, var, relational=True)
            rels.append(_bare_relation(rel, var))
        rels.sort(key=lambda r: str(r.lhs if r.lhs.is_Symbol else r.rhs), reverse=True)
        cases.append((sp.Eq(S.tau1, tau1_expr), *rels))
    return tuple(cases)


def _bare_relation(rel, var):
    """Drop the trivial bounds -oo < var < oo that SymPy adds to a solution set."""
    if isinstance(rel, sp.And):
        parts = [a for a in rel.args if not any(x in (sp.oo, -sp.oo) for x in a.args)]
        (rel,) = parts
    if rel.rhs == var:
        rel = rel.reversed
    return rel


def region_conditions():
    """For each ReLU region, the condition for its linear flow to be Hamiltonian.

    A planar linear flow on a convex region is Hamiltonian iff its divergence
    vanishes. The divergence is solved for the region's own self-weight.

    Returns
    -------
    dict
        region -> ``sympy.Eq`` (a weight fixed by the time constants), or
        ``sympy.false`` when the divergence cannot vanish for tau1, tau2 > 0.
        Derived once and cached; each call returns a new dict.
    """
    return dict(_region_conditions())


@lru_cache(maxsize=None)
def _region_conditions():
    out = {}
    for region in REGIONS:
        div = divergence(region)
        weights = [w for w in (S.w22, S.w11) if w in div.free_symbols]
        if not weights:
            if not (div.is_negative or div.is_positive):
                raise RuntimeError(f"cannot decide the sign of the divergence {div}")
            out[region] = sp.false
            continue
        target = weights[0]
        (sol,) = sp.solve(div, target)
        out[region] = sp.Eq(target, sp.simplify(sol))
    return out


def common_conditions(regions) -> tuple:
    """Weights for which the flows of several regions are Hamiltonian at once.

    Solves "divergence = 0" of every region in ``regions`` (:func:`divergence`)
    for the self-weights w11 and w22 together.

    Parameters
    ----------
    regions : sequence of tuple
        At least one of :data:`ctrnn.classical.dynamics.REGIONS`.

    Returns
    -------
    tuple of sympy.Eq
        ``(Eq(w11, ...), Eq(w22, ...))`` for the weights the solution fixes
        (the system is linear in them, so the solution is unique if it exists);
        empty if there is no solution.

    Raises
    ------
    TypeError
        If ``regions`` is not a sequence of pairs.
    ValueError
        If ``regions`` is empty or holds something that is not a region.
    """
    if isinstance(regions, (str, bytes)) or not hasattr(regions, "__iter__"):
        raise TypeError(f"regions must be a sequence of regions, got {regions!r}")
    regions = [_require_region(r, f"regions[{i}]") for i, r in enumerate(regions)]
    if not regions:
        raise ValueError("regions must hold at least one region")
    divs = [divergence(r) for r in regions]
    solutions = sp.solve(divs, [S.w11, S.w22], dict=True)
    if not solutions:
        return ()
    (sol,) = solutions
    return tuple(sp.Eq(w, sol[w]) for w in (S.w11, S.w22) if w in sol)


# ------------------------------------------------------ Eqs. (16)-(20)
@lru_cache(maxsize=None)
def integrate_hamiltonian():
    """Derive H of the both-active flow by integration, as in Eqs. (16)-(18).

    Steps: ``H = int f1 dy2 + g(y1)`` (16); ``-dH/dy1 = f2`` fixes ``g'(y1)``,
    which is a function of y1 alone only if the coefficient of y2 vanishes,
    i.e. condition (13); under (13), integrating gives g (17) and H (18).

    Returns
    -------
    dict
        ``H16`` (with the undefined function g(y1)), ``y2_coefficient`` (the
        obstruction in g', proportional to the divergence), ``g`` (17, zero
        integration constant), ``H18`` (the Hamiltonian, sympy.Expr).
    """
    f1, f2 = _active_rhs()
    g = S.g(S.y1)
    H16 = sp.integrate(sp.expand(f1), S.y2) + g
    gprime = sp.expand(-f2 - sp.diff(H16 - g, S.y1))
    y2_coeff = sp.simplify(gprime.coeff(S.y2))
    gprime_13 = gprime.subs(S.y2, 0)          # what is left when (13) holds
    g17 = sp.integrate(gprime_13, S.y1)
    H18 = sp.expand(H16.subs(g, g17))
    return {"H16": H16, "y2_coefficient": y2_coeff, "g": g17, "H18": H18}


@lru_cache(maxsize=None)
def coefficients_symbolic():
    """Coefficients of the derived H in the paper's names, cf. Eqs. (19)-(20).

    Reading H as ``-C1 y1 - C2 y1^2 + D1 y2 + D2 y2^2 + E2 y1 y2`` (the shape of
    Eq. 18), each coefficient is extracted from the derived polynomial.

    Returns
    -------
    dict
        ``C1, C2, D1, D2, E2`` -> sympy.Expr in the network's parameters.
    """
    poly = sp.Poly(integrate_hamiltonian()["H18"], S.y1, S.y2)
    c = {m: poly.coeff_monomial(m) for m in (S.y1, S.y1 ** 2, S.y2, S.y2 ** 2, S.y1 * S.y2)}
    if sp.expand(poly.as_expr() - sum(k * v for k, v in c.items())) != 0:
        raise RuntimeError("derived H has monomials outside the shape of Eq. (18)")
    return {
        "C1": sp.factor(-c[S.y1]),
        "C2": sp.factor(-c[S.y1 ** 2]),
        "D1": sp.factor(c[S.y2]),
        "D2": sp.factor(c[S.y2 ** 2]),
        "E2": sp.factor(c[S.y1 * S.y2]),
    }


def hamilton_residuals(H, region=ACTIVE):
    """Residuals of Hamilton's equations (11) of ``H`` against a region's flow.

    Parameters
    ----------
    H : sympy.Expr
        A function of ``y1, y2`` (and parameters).
    region : tuple, optional
        The region whose flow H should generate; both active by default.

    Returns
    -------
    tuple of sympy.Expr
        ``(dH/dy2 - f1, -dH/dy1 - f2)``, simplified; both zero iff H generates
        the flow.

    Raises
    ------
    TypeError
        If ``H`` is not a SymPy expression (strings are never parsed) or
        ``region`` not a pair.
    ValueError
        If ``region`` is not one of the four regions.
    """
    H = V.expression("H", H)
    if not isinstance(H, sp.Expr):
        raise TypeError(f"H must be a sympy expression, got {type(H).__name__}")
    return _hamilton_residuals(H, _require_region(region))


@lru_cache(maxsize=None)
def _hamilton_residuals(H, region):
    A, b = linear_system_symbolic(region)
    f1, f2 = A * sp.Matrix([S.y1, S.y2]) + b
    return (sp.simplify(sp.diff(H, S.y2) - f1), sp.simplify(-sp.diff(H, S.y1) - f2))


# ------------------------------------------------------------ numerics
@lru_cache(maxsize=None)
def _coefficient_function():
    coeffs = coefficients_symbolic()
    return sp.lambdify(S.PARAMETERS, [coeffs[k] for k in ("C1", "C2", "D1", "D2", "E2")])


def coefficients(net, require_hamiltonian=True, tol=1e-9):
    """Numerical coefficients C1, C2, D1, D2, E2 of the derived Hamiltonian.

    Parameters
    ----------
    net : CTRNN2
    require_hamiltonian : bool, optional
        If True (default) raise unless condition (13) holds. If False, return
        the coefficients of the formula anyway (E2 from the first equality of
        Eq. 20), e.g. to watch H fail to be conserved.
    tol : float, optional
        Tolerance of :meth:`ctrnn.classical.network.CTRNN2.is_hamiltonian`.

    Returns
    -------
    dict
        ``C1, C2, D1, D2, E2`` as floats.

    Raises
    ------
    TypeError
        If ``net`` is not a CTRNN2, ``require_hamiltonian`` not a bool or
        ``tol`` not a number.
    ValueError
        If ``require_hamiltonian`` and condition (13) fails, or a coefficient
        overflows float64 (weights or inputs near 1e154 and beyond: rescale
        the network).
    """
    net = _require_network(net)
    require_hamiltonian = V.boolean("require_hamiltonian", require_hamiltonian)
    _require_tolerance("tol", tol)
    if require_hamiltonian and not net.is_hamiltonian(tol):
        raise ValueError("net must satisfy the Hamiltonian condition (13): Eq. (13) requires "
                         "(w11 - 1)/tau1 + (w22 - 1)/tau2 = 0, got "
                         f"{net.divergence_active():.6g}")
    with np.errstate(over="ignore", invalid="ignore"):
        values = [float(v) for v in _coefficient_function()(*net.params.values())]
    out = dict(zip(("C1", "C2", "D1", "D2", "E2"), values))
    bad = [k for k, v in out.items() if not math.isfinite(v)]
    if bad:
        raise ValueError(f"the coefficients {bad} of H (Eqs. 19-20) overflow float64 for "
                         "this network (a product of weights, inputs and 1/tau exceeds "
                         "1.8e308); rescale the weights and inputs")
    return out


def hamiltonian_value(net, y, require_hamiltonian=True):
    """H(y1, y2) of Eq. (18) with the derived coefficients.

    Parameters
    ----------
    net : CTRNN2
    y : array_like, shape (2, ...)
        Points (y1, y2); trailing axes broadcast.
    require_hamiltonian : bool, optional
        See :func:`coefficients`.

    Returns
    -------
    ndarray
        H at the points.
    """
    c = coefficients(net, require_hamiltonian)
    y = _require_array("y", y)
    if y.shape[:1] != (2,):
        raise ValueError(f"y must have length 2 along its first axis, got shape {y.shape}")
    y1, y2 = y
    return (-c["C1"] * y1 - c["C2"] * y1 ** 2 + c["D1"] * y2 + c["D2"] * y2 ** 2
            + c["E2"] * y1 * y2)


def hamilton_system(net):
    """Hamilton's equations (11) of H (18) as a linear system ``dy/dt = A y + b``.

    ``dy1/dt = dH/dy2 = E2 y1 + 2 D2 y2 + D1`` and
    ``dy2/dt = -dH/dy1 = 2 C2 y1 - E2 y2 + C1``: trace 0 for every H of this shape.

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13).

    Returns
    -------
    A : ndarray, shape (2, 2)
    b : ndarray, shape (2,)
    """
    c = coefficients(net)
    A = np.array([[c["E2"], 2 * c["D2"]], [2 * c["C2"], -c["E2"]]])
    return A, np.array([c["D1"], c["C1"]])


def hamiltonian_flow(net, y0, t):
    """Exact trajectory of Hamilton's equations of H (18) on the whole plane.

    Inside the both-active region this is the network's flow (5)-(6); outside
    it is the continuation of the quadratic Hamiltonian, not the network.

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13).
    y0 : array_like, shape (2,)
    t : array_like
        Times.

    Returns
    -------
    ndarray, shape (2, len(t))
    """
    A, b = hamilton_system(net)
    return linear_flow(A, b, y0, t)


def discriminant(net):
    """The discriminant Δ = E2² + 4 C2 D2 of H (18): the one source of Δ.

    Hamilton's equations of (18) are linear with matrix
    ``[[E2, 2 D2], [2 C2, -E2]]`` (trace 0), whose eigenvalues are ±√Δ, so
    Δ = -det of that matrix.  In the weights, with Eqs. (19)-(20),
    Δ = (w11 - 1)²/τ1² + w12 w21/(τ1 τ2).  It also equals -4 det of the
    symmetric matrix of the quadratic part of H.  Δ < 0: a centre (and the
    Weyl-quantized Ĥ has a discrete spectrum); Δ > 0: a saddle (an inverted
    oscillator); Δ = 0: degenerate.  Whether Δ counts as zero is decided by
    :func:`discriminant_sign`.  The paper's ξ1, α and levels (25)-(37) are
    built from the same quantity, written 4 C2 D2 + E2².

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13).

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``net`` is not a CTRNN2 or violates condition (13).
    """
    c = coefficients(net)
    with np.errstate(over="ignore", invalid="ignore"):
        delta = float(np.float64(c["E2"]) ** 2 + 4 * np.float64(c["C2"]) * c["D2"])
    if not math.isfinite(delta):
        raise ValueError("the discriminant E2**2 + 4*C2*D2 (Eqs. 19-20) overflows float64 "
                         f"(E2 = {c['E2']:.3g}, C2 = {c['C2']:.3g}, D2 = {c['D2']:.3g}); "
                         "rescale the weights (|w| and 1/tau below about 1e150)")
    return delta


def discriminant_sign(net) -> int:
    """Sign of :func:`discriminant`, with Δ = 0 decided by the package's one rule.

    Δ counts as zero when ``|Δ| <= RTOL (E2² + 4|C2 D2|)``
    (:func:`ctrnn._validation.vanishes`): the classifiers of the flow
    (:func:`hamiltonian_case`, :func:`ctrnn.classical.dynamics.classify`,
    :func:`ctrnn.classical.weights.classical_type`) and of the spectrum
    (:func:`ctrnn.quantum.levels.has_discrete_spectrum`) all use it, so they
    never disagree.

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13).

    Returns
    -------
    int
        -1 (centre), 0 (degenerate) or +1 (saddle).

    Raises
    ------
    ValueError
        If ``net`` is not a CTRNN2 or violates condition (13).
    """
    c = coefficients(net)
    return int(_sign_rule(discriminant(net), c))


def discriminant_signs(p: dict) -> np.ndarray:
    """:func:`discriminant_sign` of many networks at once, as an int array.

    Parameters
    ----------
    p : dict
        Validated parameter arrays of Hamiltonian networks
        (:func:`ctrnn._validation.hamiltonian_params`, which includes ``w22``).

    Returns
    -------
    ndarray of int
        -1, 0 or +1 per network, by the same rule as :func:`discriminant_sign`.

    Raises
    ------
    ValueError
        If Δ overflows float64 for some network.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        values = _coefficient_function()(*(p[str(s)] for s in S.PARAMETERS))
        c = {k: np.broadcast_to(np.asarray(v, dtype=float), p["tau1"].shape)
             for k, v in zip(("C1", "C2", "D1", "D2", "E2"), values)}
        delta = c["E2"] ** 2 + 4 * c["C2"] * c["D2"]
    if not np.all(np.isfinite(delta)):
        raise ValueError("the discriminant E2**2 + 4*C2*D2 (Eqs. 19-20) overflows float64 "
                         "for some network; rescale the weights (|w| and 1/tau below about "
                         "1e150)")
    return _sign_rule(delta, c)


def _sign_rule(delta, c):
    """-1, 0, +1 for Δ, with Δ = 0 when ``|Δ| <= RTOL (E2² + 4|C2 D2|)``."""
    zero = vanishes(delta, c["E2"] ** 2 + 4 * np.abs(c["C2"] * c["D2"]))
    return np.where(zero, 0, np.where(np.asarray(delta) < 0, -1, 1))


def hamiltonian_case(net, tol=1e-12):
    """Which qualitatively distinct flow the quadratic H (18) generates.

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13).
    tol : float, optional
        Relative tolerance for a vanishing quadratic part (uniform motion) and
        for the rank test that tells shear from parabolic.  Whether Δ vanishes
        is decided by :func:`discriminant_sign`, the rule every classifier shares.

    Returns
    -------
    str
        ``"centre"`` (discriminant < 0: ellipses), ``"saddle"`` (> 0:
        hyperbolas), ``"parabolic"`` (= 0, no equilibrium: parabolas),
        ``"shear"`` (= 0, a line of equilibria: parallel lines) or
        ``"uniform"`` (H linear: uniform straight motion).
    """
    _require_tolerance("tol", tol)
    c = coefficients(net)
    quad = max(abs(c["E2"]), abs(c["C2"]), abs(c["D2"]))
    scale = max(quad, abs(c["C1"]), abs(c["D1"]), 1e-300)
    if quad <= tol * scale:
        return "uniform"
    sign = discriminant_sign(net)
    if sign:
        return "centre" if sign < 0 else "saddle"
    A, b = hamilton_system(net)
    rank_aug = np.linalg.matrix_rank(np.column_stack([A, b]), tol=tol * scale)
    return "shear" if rank_aug == 1 else "parabolic"


def equilibrium_energy(net):
    """H at the isolated equilibrium of the Hamiltonian flow.

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13) with non-zero discriminant.

    Returns
    -------
    float
    """
    if hamiltonian_case(net) not in ("centre", "saddle"):
        raise ValueError("net must have an isolated equilibrium (E2^2 + 4 C2 D2 != 0)")
    return float(hamiltonian_value(net, equilibrium(net, ACTIVE)))


def boundary_orbit_level(net):
    """Level of H (18) of the largest closed orbit that fits in the both-active region.

    For a centre, each switching line ``y_i = -theta_i`` touches exactly one
    level set of H tangentially: the stationary value of H along that line.
    Of the two, the one closer to the centre's value ``H(y*)`` bounds the
    largest orbit of the Hamiltonian flow that stays in the closed region.

    Parameters
    ----------
    net : CTRNN2
        A centre case whose equilibrium lies inside the both-active region.

    Returns
    -------
    float
    """
    if hamiltonian_case(net) != "centre":
        raise ValueError("net must be a centre case (E2^2 + 4 C2 D2 < 0)")
    y_star = equilibrium(net, ACTIVE)
    theta = np.array([net.theta1, net.theta2])
    if np.any(y_star + theta <= 0):
        raise ValueError("the centre must lie inside the both-active region y_i + theta_i > 0")
    c = coefficients(net)
    h_star = float(hamiltonian_value(net, y_star))
    levels = []
    for i in range(2):
        # H on the line y_i = -theta_i is a quadratic a u^2 + p u + q in the other variable u
        a = c["D2"] if i == 0 else -c["C2"]
        other = np.array([0.0, 0.0])
        other[i] = -theta[i]
        u = np.linspace(-1.0, 1.0, 3)
        pts = np.tile(other[:, None], (1, 3))
        pts[1 - i] = u
        vals = hamiltonian_value(net, pts)
        slope = (vals[2] - vals[0]) / 2.0
        u_stat = -slope / (2 * a)
        pts = other.copy()
        pts[1 - i] = u_stat
        levels.append(float(hamiltonian_value(net, pts)))
    return min(levels, key=lambda h: abs(h - h_star))


def _sample_times(t_max, samples) -> np.ndarray:
    """``samples`` equally spaced times in [0, t_max], validated."""
    _require_tolerance("t_max", t_max)
    samples = V.integer("samples", samples, minimum=2, maximum=V.MAX_SAMPLES,
                        remedy="sample fewer times")
    return np.linspace(0.0, t_max, samples)


def boundary_level_spread(net, initial_states, t_max=400.0, samples=401):
    """How far trajectories end from the boundary orbit's level of H (18).

    Each state is integrated with the exact piecewise-linear flow
    (:func:`ctrnn.classical.dynamics.simulate`) to ``t_max``; the result is the largest
    ``|H(y(t_max)) - h_b|`` with ``h_b`` = :func:`boundary_orbit_level`.

    Parameters
    ----------
    net : CTRNN2
        A centre case whose equilibrium lies inside the both-active region.
    initial_states : sequence of array_like, shape (2,)
        At least one initial state.
    t_max : float
        Final time, positive.
    samples : int
        Number of sample times in [0, t_max] (at least 2).

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``initial_states`` is empty, ``t_max`` is not positive, ``samples``
        is below 2, or ``net`` is not such a centre case.
    """
    if isinstance(initial_states, (str, bytes)) or not hasattr(initial_states, "__iter__"):
        raise TypeError(f"initial_states must be a sequence of states, got {initial_states!r}")
    states = [_require_array("initial_states[i]", y0, (2,)) for y0 in initial_states]
    V.cost("len(initial_states)", len(states), 1000, remedy="pass fewer states")
    if not states:
        raise ValueError("initial_states must hold at least one state")
    t = _sample_times(t_max, samples)
    level = boundary_orbit_level(net)
    finals = [float(hamiltonian_value(net, simulate(net, y0, t).y[:, -1])) for y0 in states]
    return max(abs(h - level) for h in finals)


def drift_comparison(net, y0, t_max=200.0, samples=2001, perturbation=0.1):
    """Relative drift of H (18) along one trajectory, three ways.

    Returns
    -------
    dict
        ``"exact"``: :func:`relative_drift` along the exact piecewise-linear
        flow of ``net``; ``"rk45"``: along ``solve_ivp``'s RK45 at default
        tolerances; ``"broken"``: along the exact flow of ``net`` with w22
        raised by ``perturbation``, which breaks condition (13) (H then from
        the first equality of Eq. (20), ``require_hamiltonian=False``).

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13).
    y0 : array_like, shape (2,)
        Initial state (not the equilibrium).
    t_max : float
        Final time, positive.
    samples : int
        Number of sample times in [0, t_max] (at least 2).
    perturbation : float
        Non-zero change of w22.

    Raises
    ------
    ValueError
        If ``t_max`` is not positive, ``samples`` is below 2, ``perturbation``
        is zero or not finite, or ``net`` does not satisfy (13).
    """
    runs = conservation_runs(net, y0, t_max, samples, perturbation)
    return {"exact": relative_drift(net, runs["exact"]),
            "rk45": relative_drift(net, runs["rk45"]),
            "broken": relative_drift(runs["network"], runs["broken"],
                                     require_hamiltonian=False)}


def conservation_runs(net, y0, t_max=200.0, samples=2001, perturbation=0.1):
    """The three trajectories :func:`drift_comparison` measures H (18) along.

    Computed once per argument set and shared (the conservation figure of
    :mod:`ctrnn.book.phase_plane` draws the same three runs that
    :func:`drift_comparison` summarises); the arrays are read-only.

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13).
    y0 : array_like, shape (2,)
        Initial state.
    t_max : float
        Final time, positive.
    samples : int
        Number of sample times in [0, t_max] (at least 2).
    perturbation : float
        Non-zero change of w22 that breaks condition (13).

    Returns
    -------
    dict
        ``"t"``: the sample times; ``"exact"`` and ``"rk45"``: states, shape
        (2, samples), of ``net`` by the exact piecewise-linear flow and by
        ``solve_ivp``'s RK45 at default tolerances; ``"broken"``: states of
        ``"network"``, the network with w22 raised by ``perturbation``, by the
        exact flow.

    Raises
    ------
    ValueError
        As :func:`drift_comparison`.
    """
    net = _require_network(net)
    y0 = _require_array("y0", y0, (2,))
    t = _sample_times(t_max, samples)
    V.real("perturbation", perturbation, nonzero=True)
    coefficients(net)
    return _conservation_runs(net, tuple(float(v) for v in y0), float(t[-1]), t.size,
                              float(perturbation))


@lru_cache(maxsize=8)
def _conservation_runs(net, y0, t_max, samples, perturbation):
    t = np.linspace(0.0, t_max, samples)
    broken = CTRNN2(**{**net.params, "w22": net.w22 + perturbation})
    out = {"t": t, "network": broken,
           "exact": simulate(net, y0, t).y,
           "rk45": simulate(net, y0, t, method="RK45").y,
           "broken": simulate(broken, y0, t).y}
    for value in out.values():
        if isinstance(value, np.ndarray):
            value.flags.writeable = False
    return out


def relative_drift(net, y, require_hamiltonian=True):
    """Largest relative change of H along a sampled trajectory.

    ``max_k |H(y_k) - H(y_0)| / |H(y_0) - H(y*)|``, where y* is the equilibrium:
    the drift relative to the orbit's energy above the equilibrium, which does
    not depend on the constant the paper drops from H. Without an isolated
    equilibrium the denominator is ``|H(y_0)|``.

    Parameters
    ----------
    net : CTRNN2
    y : array_like, shape (2, N)
        Trajectory samples, ``y[:, 0]`` the initial state.
    require_hamiltonian : bool, optional
        See :func:`coefficients`.

    Returns
    -------
    float
    """
    y = _require_array("y", y)
    if y.ndim != 2 or y.shape[0] != 2 or y.shape[1] < 2:
        raise ValueError(f"y must have shape (2, N) with N >= 2, got {y.shape}")
    h = hamiltonian_value(net, y, require_hamiltonian)
    try:
        ref = equilibrium_energy(net)
    except ValueError:
        ref = 0.0
    scale = abs(h[0] - ref)
    if scale == 0:
        raise ValueError("y[:, 0] must not be the equilibrium (zero energy scale)")
    return float(np.max(np.abs(h - h[0])) / scale)


# ---------------------------------------------------------------- Fig. 1
#: One network per qualitatively distinct case of H (18); tau1 = tau2 = 1 and
#: theta1 = theta2 = 1, so the active region is y1 >= -1, y2 >= -1.
FIG1_CASES = {
    "centre": dict(tau1=1, tau2=1, w11=1.5, w12=2.0, w21=-2.0, w22=0.5,
                   theta1=1, theta2=1, I1=0.5, I2=-2.5),
    "saddle": dict(tau1=1, tau2=1, w11=1.5, w12=2.0, w21=2.0, w22=0.5,
                   theta1=1, theta2=1, I1=-3.5, I2=-2.5),
    "parabolic": dict(tau1=1, tau2=1, w11=1.5, w12=0.5, w21=-0.5, w22=0.5,
                      theta1=1, theta2=1, I1=-0.75, I2=-1.25),
    "shear": dict(tau1=1, tau2=1, w11=1.5, w12=0.5, w21=-0.5, w22=0.5,
                  theta1=1, theta2=1, I1=-1.0, I2=-1.0),
    "uniform": dict(tau1=1, tau2=1, w11=1.0, w12=0.0, w21=0.0, w22=1.0,
                    theta1=1, theta2=1, I1=-0.5, I2=-0.75),
}


def fig1_networks():
    """The networks of :data:`FIG1_CASES`, keyed by case name.

    Returns
    -------
    dict
        case name -> :class:`ctrnn.classical.network.CTRNN2`.
    """
    return {name: CTRNN2(**p) for name, p in FIG1_CASES.items()}


# -------------------------------------------------- pendulum comparison
def orbit_period(net, y0, rtol=1e-12, atol=1e-12):
    """Period of the closed orbit through ``y0``, measured by integration.

    The both-active flow (5)-(6) is integrated with DOP853 and the period is
    the time between the first two upward crossings of the horizontal line
    through the equilibrium (events of ``solve_ivp``); nothing here uses the
    closed-form period.

    Parameters
    ----------
    net : CTRNN2
        A centre case (:func:`hamiltonian_case` is ``"centre"``).
    y0 : array_like, shape (2,)
        A point of the orbit, not the equilibrium.
    rtol, atol : float, optional
        Tolerances of ``solve_ivp``.

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If ``net`` is not a CTRNN2 or an argument is not numbers.
    ValueError
        If ``net`` is not a centre case, ``y0`` is the equilibrium (or not a
        finite 2-vector) or a tolerance is not positive.
    RuntimeError
        If the orbit does not cross the line through the equilibrium twice.
    """
    if hamiltonian_case(net) != "centre":
        raise ValueError("net must be a centre case (E2^2 + 4 C2 D2 < 0) to have closed orbits")
    y0 = _require_array("y0", y0, (2,))
    _require_tolerance("rtol", rtol)
    _require_tolerance("atol", atol)
    A, b = hamilton_system(net)
    y_star = equilibrium(net, ACTIVE)
    if np.allclose(y0, y_star, rtol=1e-9, atol=1e-12 * (1 + np.abs(y_star).max())):
        raise ValueError(f"y0 must not be the equilibrium {y_star.tolist()} of Eqs. (5)-(6): "
                         "it lies on no closed orbit (the orbit through it is a point)")

    horizon = 30.0 * math.pi / float(np.abs(np.linalg.eigvals(A)).max())
    # Stopping at the third crossing changes no step before it, so the times
    # are those of the full horizon; only if a crossing at t <= 1e-9 used up
    # the count is the whole horizon integrated.
    times = _upward_crossings(A, b, y0, y_star[1], horizon, rtol, atol, stop_after=3)
    if times.size < 2:
        times = _upward_crossings(A, b, y0, y_star[1], horizon, rtol, atol, stop_after=None)
    if times.size < 2:
        raise RuntimeError("orbit did not cross twice; is y0 on a closed orbit?")
    return float(times[1] - times[0])


def _upward_crossings(A, b, y0, level, horizon, rtol, atol, stop_after):
    """Times in (1e-9, horizon] at which the flow of Eq. (11), ``dy/dt = A y + b``,
    from ``y0`` crosses ``y2 = level`` upwards (DOP853 events); ``stop_after``
    crossings end the integration (None: integrate to ``horizon``)."""
    def crossing(t, y):
        return y[1] - level
    crossing.direction = 1.0
    crossing.terminal = stop_after or False
    sol = solve_ivp(lambda t, y: A @ y + b, (0.0, horizon), y0,
                    method="DOP853", rtol=rtol, atol=atol, events=crossing)
    times = sol.t_events[0]
    return times[times > 1e-9]


def linear_period(net):
    """Closed-form period ``2 pi / sqrt(-(E2^2 + 4 C2 D2))`` of a centre case.

    Parameters
    ----------
    net : CTRNN2

    Returns
    -------
    float
    """
    delta = discriminant(net)
    if not delta < 0:
        raise ValueError(f"net must be a centre case: E2^2 + 4 C2 D2 must be < 0, got {delta:.6g}")
    return 2 * math.pi / math.sqrt(-delta)


def pendulum_period(amplitude, omega=1.0):
    """Period of the nonlinear pendulum ``q'' = -omega^2 sin q`` at amplitude ``amplitude``.

    ``T = 4 K(m) / omega`` with ``m = sin^2(amplitude / 2)`` and K the complete
    elliptic integral of the first kind (``scipy.special.ellipk``).

    Parameters
    ----------
    amplitude : float or array_like
        Turning angle(s) in radians, in [0, pi).
    omega : float, optional
        Small-oscillation angular frequency, > 0.

    Returns
    -------
    float or ndarray
    """
    a = _require_array("amplitude", amplitude)
    if np.any(a < 0) or np.any(a >= math.pi):
        raise ValueError("amplitude must lie in [0, pi) (libration of the pendulum)")
    V.real("omega", omega, positive=True)
    return 4 * scipy.special.ellipk(np.sin(a / 2) ** 2) / omega
