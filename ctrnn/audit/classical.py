"""Checks of Eqs. (1)-(20) and Fig. 1: the network, its ODEs and its Hamiltonian.

Each check compares the printed form (:mod:`ctrnn.paper`) with an independent
derivation (:mod:`ctrnn.classical.dynamics`, :mod:`ctrnn.classical.hamiltonian`). Symbolic claims
are confirmed when the SymPy difference simplifies to 0 (or a claimed solution
leaves a zero residual). Numerical comparisons use double precision on fixed
random parameter sets; a difference counts as zero below ``ZERO = 1e-10``
relative to the size of the compared terms (rounding leaves ~1e-15; the
integrations used here are exact or run at rtol = atol = 1e-12, leaving
< 1e-10 over the times used).
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import sympy as sp

from ctrnn import symbols as S
from ctrnn.audit import Verdict, check
from ctrnn.audit.evidence import bound, latex_number, rounded
from ctrnn.audit.rule import DERIVED, decide, require, simplified
from ctrnn.classical.hamiltonian import condition_13
from ctrnn.classical.network import CTRNN2, relu


def inactive_closed_form(neuron: int = 1, equations=None):
    """The paper's Eq. (7) (or (8)) solved by SymPy, and the residual of its Eq. (9) (or (10)).

    Parameters
    ----------
    neuron : {1, 2}
        Neuron 1: the ODE (7) and its claimed solution (9); neuron 2: (8) and (10).
    equations : mapping, optional
        The printed equations (:data:`ctrnn.paper.equations.EQUATIONS` when None).

    Returns
    -------
    solution : sympy.Eq
        ``sp.dsolve`` of dy_i/dt = right side of the printed (7) or (8).
    residual : sympy.Expr
        d/dt of the printed (9) or (10) minus the right side of the ODE
        evaluated on it, simplified (zero when the claimed form solves the ODE).

    Raises
    ------
    ValueError
        If ``neuron`` is not 1 or 2.
    """
    if neuron not in (1, 2):
        raise ValueError(f"neuron must be 1 or 2, got {neuron!r}")
    EQUATIONS = _paper() if equations is None else equations

    state = (S.y1, S.y2)[neuron - 1]
    y_of_t = sp.Function(f"y{neuron}")(S.t)
    rhs, claimed = EQUATIONS[6 + neuron].rhs, EQUATIONS[8 + neuron].rhs
    solution = sp.dsolve(sp.Eq(sp.Derivative(y_of_t, S.t), rhs.subs(state, y_of_t)), y_of_t)
    residual = sp.simplify(sp.diff(claimed, S.t) - rhs.subs(state, claimed))
    return solution, residual


def condition_13_difference(equations=None):
    """The paper's Eq. (13) as printed minus :func:`~ctrnn.classical.hamiltonian.condition_13`, simplified.

    Both are written as ``lhs - rhs``; zero means the printed condition is
    the derived one.  ``equations``: the printed equations
    (:data:`ctrnn.paper.equations.EQUATIONS` when None).
    """
    EQUATIONS = _paper() if equations is None else equations

    printed, derived = EQUATIONS[13], condition_13()
    return sp.simplify((printed.lhs - printed.rhs) - (derived.lhs - derived.rhs))

#: A relative difference below this counts as zero (module docstring).
ZERO = 1e-10
_SEED = 20210218


def _paper():
    """The paper as printed, for the book's helpers called without ``equations``."""
    from ctrnn.audit import printed_equations

    return printed_equations()


_r = rounded
#: The rounding level of double-precision comparisons of the classical checks
#: (their spread is 1e-16 to 1e-15): stated as "< 1e-13" (:mod:`ctrnn.audit.evidence`).
ROUNDING = 1e-13


def _zero(expr) -> bool:
    """A symbolic difference is zero: ``cancel(expand(.))`` first (fast, proves
    polynomial and rational identities), ``simplify`` only if that fails."""
    expr = sp.sympify(expr)
    return expr == 0 or sp.cancel(sp.expand(expr)) == 0 or sp.simplify(expr) == 0


@lru_cache(maxsize=None)
def _random_networks(count: int = 5, hamiltonian: bool = False):
    """Fixed random networks (seeded); with ``hamiltonian`` w22 obeys (13)."""
    rng = np.random.default_rng(_SEED + hamiltonian)
    nets = []
    for _ in range(count):
        tau1, tau2 = rng.uniform(0.3, 3.0, 2)
        w11, w12, w21, w22, th1, th2, i1, i2 = rng.normal(0.0, 1.5, 8)
        if hamiltonian:
            nets.append(CTRNN2.from_condition_13(tau1, tau2, w11, w12, w21, th1, th2, i1, i2))
        else:
            nets.append(CTRNN2(tau1, tau2, w11, w12, w21, w22, th1, th2, i1, i2))
    return tuple(nets)


def _eq1_two_neurons(P, i: int, flip_bias: bool):
    """Right-hand side of Eq. (1) as printed in ``P``, for n = 2 and neuron i, in plain symbols."""
    eq = P[1]
    base = {b.name: b for b in eq.atoms(sp.IndexedBase)}
    tau_, y_, w_, theta_, I_ = (base[k] for k in ("tau", "y", "w", "theta", "I"))
    i_idx = next(s for s in eq.free_symbols if s.name == "i")
    rhs = (eq.rhs / tau_[i_idx]).subs(S.n, 2).subs(i_idx, i).doit()
    plain = {y_[1]: S.y1, y_[2]: S.y2, tau_[1]: S.tau1, tau_[2]: S.tau2,
             I_[1]: S.I1, I_[2]: S.I2, w_[1, 1]: S.w11, w_[1, 2]: S.w12,
             w_[2, 1]: S.w21, w_[2, 2]: S.w22,
             theta_[1]: -S.theta1 if flip_bias else S.theta1,
             theta_[2]: -S.theta2 if flip_bias else S.theta2}
    return rhs.subs(plain).replace(S.sigma, S.f)


# ------------------------------------------------------------- (1)-(4)
@check("1", "The general CTRNN")
def _check_1(P):
    from ctrnn.classical.dynamics import ctrnn_rhs, eq1_parameters, logistic

    diffs = [sp.simplify(_eq1_two_neurons(P, i, True) - P[k].rhs) for i, k in ((1, 2), (2, 3))]
    rng = np.random.default_rng(_SEED)
    worst = 0.0
    for net in _random_networks():
        y = rng.normal(0, 2, (2, 50))
        for act in (relu, logistic):
            a = ctrnn_rhs(0.0, y, activation=act, **eq1_parameters(net))
            b = net.rhs(0.0, y, activation=act)
            worst = max(worst, float(np.max(np.abs(a - b)) / np.max(np.abs(b))))
    return Verdict(
        "1", "II", decide(equal=all(d == 0 for d in diffs),
                          facts={"ctrnn_rhs (Eq. 1, any n) agrees with CTRNN2.rhs": worst < ZERO}),
        r"Eq. (1) is the standard CTRNN; with $n = 2$ and $\sigma = f$ it expands (SymPy) to "
        "exactly the right-hand sides of Eqs. (2)-(3), provided the bias is read with "
        r"the opposite sign (claim 1-bias). The index order $w_{ji}$ (sum over the "
        "presynaptic $j$) matches (2)-(3).",
        corrected=DERIVED,
        evidence={"eq1_n2_minus_eq2_eq3_with_theta_flipped": [str(d) for d in diffs],
                  "max_rel_diff_numeric_relu_logistic": bound(worst, ROUNDING),
                  "random_networks": 5, "points_per_network": 50})


@check("1-bias", "Sign of the bias in Eq. (1) versus Eqs. (2)-(3)")
def _check_1_bias(P):
    same = [sp.simplify(_eq1_two_neurons(P, i, False) - P[k].rhs) for i, k in ((1, 2), (2, 3))]
    flipped = [sp.simplify(_eq1_two_neurons(P, i, True) - P[k].rhs) for i, k in ((1, 2), (2, 3))]
    return Verdict(
        "1-bias", "II", decide(equal=all(d == 0 for d in same),
                               equal_after={"theta_j -> -theta_j": all(d == 0 for d in flipped)}),
        r"Eq. (1) prints $\sigma(y_j - \theta_j)$ but Eqs. (2)-(3) print $f(y_j + \theta_j)$: "
        r"with the same $\theta$ the two differ; renaming $\theta_j \to -\theta_j$ makes them "
        "identical. A sign convention; the rest of the paper (and this book) uses the "
        "$+$ sign of (2)-(3).",
        corrected=r"\tau_i\dot y_i=-y_i+\sum_{j=1}^{n}w_{ji}\,\sigma(y_j+\theta_j)+I_i(t)",
        evidence={"eq1_n2_minus_eq2_same_theta": str(same[0]),
                  "eq1_n2_minus_eq3_same_theta": str(same[1]),
                  "difference_after_theta_to_minus_theta": [str(d) for d in flipped]})


def _check_two_neuron(P, k: int, i: int):
    diff = sp.simplify(_eq1_two_neurons(P, i, True) - P[k].rhs)
    # numerical: the package's CTRNN2.rhs against the printed right-hand side
    fn = sp.lambdify((S.y1, S.y2, *S.PARAMETERS),
                     P[k].rhs.replace(S.f, lambda z: sp.Max(0, z)), "numpy")
    rng = np.random.default_rng(_SEED + k)
    worst = 0.0
    for net in _random_networks():
        y = rng.normal(0, 2, (2, 50))
        a = fn(y[0], y[1], *net.params.values())
        b = net.rhs(0.0, y)[i - 1]
        worst = max(worst, float(np.max(np.abs(a - b)) / max(1e-300, np.max(np.abs(b)))))
    return Verdict(
        str(k), "II", decide(equal=diff == 0 and worst < ZERO),
        f"Eq. ({k}) is Eq. (1) for $n = 2$, neuron {i}, with constant input and the bias "
        "sign of (2)-(3): the SymPy difference is 0, and `ctrnn.CTRNN2.rhs` agrees with the "
        "printed right-hand side (ReLU) at random points.",
        corrected=DERIVED,
        evidence={"difference_from_eq1": str(diff), "max_rel_diff_numeric": bound(worst, ROUNDING)})


@check("2", "Two-neuron network, neuron 1")
def _check_2(P):
    return _check_two_neuron(P, 2, 1)


@check("3", "Two-neuron network, neuron 2")
def _check_3(P):
    return _check_two_neuron(P, 3, 2)


@check("4", "ReLU")
def _check_4(P):
    eq = P[4]
    (z,) = eq.lhs.args
    pts = np.linspace(-3, 3, 61)
    printed = np.array([float(eq.rhs.subs(z, v)) for v in pts])
    worst = float(np.max(np.abs(printed - relu(pts))))
    piecewise = sp.Piecewise((z, z >= 0), (0, True))
    sym = sp.simplify(eq.rhs.rewrite(sp.Piecewise) - piecewise)
    return Verdict(
        "4", "II", decide(equal=worst == 0 and sym == 0),
        r"$f(z) = z^+ = \max(0, z)$ is the ReLU: identical to the piecewise definition "
        r"($z$ for $z \ge 0$, else 0) and to the package's `relu` at 61 points.",
        corrected=DERIVED,
        evidence={"max_abs_diff_numeric": worst, "max_minus_piecewise": str(sym)})


# ------------------------------------------------------------- (5)-(8)
def _check_region_equation(P, k: int, region: tuple, row: int):
    from ctrnn.classical.dynamics import linear_system_symbolic, region_of

    A, b = linear_system_symbolic(region)
    derived = (A * sp.Matrix([S.y1, S.y2]) + b)[row]
    diff = simplified(derived - P[k].rhs)
    fn = sp.lambdify((S.y1, S.y2, *S.PARAMETERS), P[k].rhs, "numpy")
    rng = np.random.default_rng(_SEED + k)
    worst, count = 0.0, 0
    for net in _random_networks():
        y = rng.normal(0, 3, (2, 400))
        inside = np.array([region_of(net, p) == region for p in y.T])
        y = y[:, inside]
        count += y.shape[1]
        a = fn(y[0], y[1], *net.params.values())
        b_ = net.rhs(0.0, y)[row]
        worst = max(worst, float(np.max(np.abs(a - b_), initial=0.0)
                                 / max(1e-300, np.max(np.abs(b_), initial=1.0))))
    ok = diff == 0 and worst < ZERO
    relation = {1: r"\ge", 0: "<"}
    cond = " and ".join(rf"$y_{i + 1} + \theta_{i + 1} {relation[a]} 0$"
                        for i, a in enumerate(region))
    return Verdict(
        str(k), "II", decide(equal=ok),
        f"Substituting ReLU (4) into Eqs. (2)-(3) where {cond} gives exactly Eq. ({k}) "
        f"(SymPy difference 0); the ReLU right-hand side agrees at {count} random points "
        "of that region.",
        corrected=DERIVED,
        evidence={"difference": str(diff), "max_rel_diff_numeric": bound(worst, ROUNDING),
                  "points_in_region": count})


@check("5", "Both neurons active, neuron 1")
def _check_5(P):
    return _check_region_equation(P, 5, (1, 1), 0)


@check("6", "Both neurons active, neuron 2")
def _check_6(P):
    return _check_region_equation(P, 6, (1, 1), 1)


@check("7", "Both neurons inactive, neuron 1")
def _check_7(P):
    return _check_region_equation(P, 7, (0, 0), 0)


@check("8", "Both neurons inactive, neuron 2")
def _check_8(P):
    return _check_region_equation(P, 8, (0, 0), 1)


# ------------------------------------------------------------ (9)-(10)
def _inactive_exit_evidence(i: int):
    """Simulate from the both-inactive region: closed form while inside, exit times.

    Neuron ``i`` (0 or 1) of the printed closed form is compared with the
    exact flow (:func:`ctrnn.classical.dynamics.simulate`) for networks where
    both neurons stay inactive, where neuron i leaves, and where only the
    other neuron leaves -- with its cross weight into neuron i nonzero and zero.
    """
    from ctrnn.classical.dynamics import inactive_solution, simulate

    base = dict(tau1=1.0, tau2=2.0, w11=0.7, w12=-0.4, w21=0.9, w22=0.3, theta1=0.5, theta2=0.5)
    stays = CTRNN2(**base, I1=-1.0, I2=-2.0)
    leaves = CTRNN2(**base, I1=1.0, I2=0.5)
    own, other = ("I1", "I2") if i == 0 else ("I2", "I1")
    cross = "w21" if i == 0 else "w12"           # weight from the other neuron into neuron i
    other_leaves = CTRNN2(**{**base, own: -1.0, other: 1.0})
    other_leaves_uncoupled = CTRNN2(**{**base, cross: 0.0, own: -1.0, other: 1.0})
    y0 = np.array([-3.0, -4.0])
    t = np.linspace(0.0, 10.0, 401)
    a = simulate(stays, y0, t).y
    err_stay = float(np.max(np.abs(a - inactive_solution(stays, y0, t))))
    traj = simulate(leaves, y0, t)
    exits = [tau * math.log((y0[j] - inp) / (-th - inp))
             for j, (tau, inp, th) in enumerate(((leaves.tau1, leaves.I1, leaves.theta1),
                                                 (leaves.tau2, leaves.I2, leaves.theta2)))]
    first = float(traj.switch_times[0])
    before = t < first
    err_before = float(np.max(np.abs(traj.y[:, before]
                                     - inactive_solution(leaves, y0, t[before]))))
    after = float(np.max(np.abs(traj.y[:, ~before] - inactive_solution(leaves, y0, t[~before]))))
    dev = {}
    for name, net in (("coupled", other_leaves), ("uncoupled", other_leaves_uncoupled)):
        y = simulate(net, y0, t).y[i]
        dev[name] = float(np.max(np.abs(y - inactive_solution(net, y0, t)[i])))
    evidence = {
        "network_staying": stays.params, "network_leaving": leaves.params, "y0": y0.tolist(),
        "max_err_closed_form_when_I_plus_theta_le_0": bound(err_stay, ROUNDING),
        f"exit_time_of_neuron_{i + 1}_predicted": _r(exits[i], 12),
        "first_switch_time_simulated": _r(first, 12),
        "max_err_before_exit": bound(err_before, ROUNDING),
        "max_deviation_after_exit": _r(after),
        f"only the other neuron leaves ({other} = 1): max deviation of y{i + 1}, "
        f"{cross} = {base[cross]}": _r(dev["coupled"]),
        f"only the other neuron leaves, {cross} = 0: max deviation of y{i + 1}":
            bound(dev["uncoupled"], ROUNDING),
    }
    checks = {
        "closed form exact while both stay inactive (I + theta <= 0)": err_stay < ZERO,
        "closed form exact before the first exit": err_before < ZERO,
        "first exit at the predicted time tau ln[(y(0) - I)/(-theta - I)]":
            abs(first - min(exits)) < 1e-9,
        "closed form wrong after the exit": after > 0.1,
        f"the other neuron's exit breaks y{i + 1} when {cross} != 0": dev["coupled"] > 0.1,
        f"... and does not when {cross} = 0": dev["uncoupled"] < ZERO,
    }
    return evidence, checks


def _check_closed_form(P, k: int, i: int):
    tau, inp = ((S.tau1, S.I1), (S.tau2, S.I2))[i - 1]
    sol = P[k].rhs
    solved, residual = inactive_closed_form(i, P)
    general = solved.rhs
    (c_name,) = general.free_symbols - {S.t, tau, inp}
    match = sp.solve(sp.Eq(general.subs(S.t, 0), sol.subs(S.t, 0)), c_name)
    dsolve_diff = sp.simplify(general.subs(c_name, match[0]) - sol) if match else sp.nan
    evidence, checks = _inactive_exit_evidence(i - 1)
    require({name: ok for name, ok in checks.items()})     # the truth, cross-checked
    solves = residual == 0 and dsolve_diff == 0
    j = 3 - i
    cross = "w21" if i == 1 else "w12"
    cross_tex = "w_{21}" if i == 1 else "w_{12}"
    return Verdict(
        str(k), "II", decide(equal=False, equal_under={
            f"Eq. ({k}) solves Eq. ({k - 2}) (zero residual, dsolve agrees)": solves,
            **checks}),
        f"Eq. ({k}) is the general solution of Eq. ({k - 2}) (zero residual; SymPy dsolve "
        "agrees). It describes the network only while both neurons stay inactive: for all "
        rf"$t \ge 0$ only if $I_{i} + \theta_{i} \le 0$ and $I_{j} + \theta_{j} \le 0$ (the "
        rf"second unless ${cross_tex} = 0$); otherwise $y_{i}$ reaches $-\theta_{i}$ at "
        rf"$t = \tau_{i} \ln\frac{{y_{i}(0) - I_{i}}}{{-\theta_{i} - I_{i}}}$, or neuron {j} "
        rf"becomes active and drives $y_{i}$ through ${cross_tex}$, as the simulations confirm.",
        corrected=rf"y_{i}(t) = I_{i} + (y_{i}(0) - I_{i})e^{{-t/\tau_{i}}}\ \text{{while }}"
                  rf"y_1 + \theta_1 < 0,\ y_2 + \theta_2 < 0",
        evidence={"residual_in_eq_%d" % (k - 2): str(residual),
                  "dsolve_minus_printed": str(dsolve_diff), **evidence})


@check("9", "Closed-form solution, neuron 1")
def _check_9(P):
    return _check_closed_form(P, 9, 1)


@check("10", "Closed-form solution, neuron 2")
def _check_10(P):
    return _check_closed_form(P, 10, 2)


@check("9-names", "The names C1, C2 in Eqs. (9)-(10) and (19)")
def _check_9_names(P):
    from ctrnn.classical.hamiltonian import coefficients_symbolic

    k1 = sp.solve(sp.Eq(P[9].rhs.subs(S.t, 0), S.y1), S.K1)[0]
    c1 = coefficients_symbolic()["C1"]
    differ = sp.simplify(k1 - c1) != 0
    renamed = sp.simplify(k1 - (S.y1 - S.I1)) == 0
    return Verdict(
        "9-names", "II", decide(equal=not differ,
                                equal_after={"C1 of (9) -> K1 = y1(0) - I1": renamed}),
        "Eqs. (9)-(10) call their integration constants $C_1$, $C_2$, and Eq. (19) reuses "
        "$C_1$, $C_2$ for unrelated coefficients of $H$; the constants are "
        "$y_i(0) - I_i$ (renamed $K_1$, $K_2$ here).",
        corrected=r"y_1(t)=I_1+K_1e^{-t/\tau_1},\quad y_2(t)=I_2+K_2e^{-t/\tau_2}",
        evidence={"integration_constant_of_eq9": str(k1), "C1_of_eq19": str(c1)})


# ---------------------------------------------------------- (11)-(15)
@check("11", "Hamilton's equations")
def _check_11(P):
    h = sp.Function("h")(S.y1, S.y2)
    e1, e2 = P[11]
    v1 = e1.rhs.subs(S.H(S.y1, S.y2), h).doit()
    v2 = e2.rhs.subs(S.H(S.y1, S.y2), h).doit()
    dH_dt = sp.simplify(sp.diff(h, S.y1) * v1 + sp.diff(h, S.y2) * v2)
    div = sp.simplify(sp.diff(v1, S.y1) + sp.diff(v2, S.y2))
    ok = dH_dt == 0 and div == 0
    return Verdict(
        "11", "II", decide(equal=ok),
        "Eq. (11) is Hamilton's equations with $(q, p) = (y_1, y_2)$: for any smooth $H$ the "
        "flow conserves $H$ ($dH/dt = 0$ identically) and is divergence-free.",
        corrected=DERIVED,
        evidence={"dH_dt": str(dH_dt), "divergence": str(div)})


@check("12", "Divergence-free condition")
def _check_12(P):
    from ctrnn.classical.hamiltonian import hamiltonian_condition

    printed = P[12].doit()
    mine = hamiltonian_condition()
    diff = sp.simplify((printed.lhs - printed.rhs) - (mine.lhs - mine.rhs))
    return Verdict(
        "12", "II", decide(equal=diff == 0),
        r"Necessary: mixed partials of $H$ give $\partial f_1/\partial y_1$ "
        r"$= \partial^2 H/\partial y_1 \partial y_2 = -\partial f_2/\partial y_2$. Sufficient on "
        "the convex both-active region (Poincaré lemma), as the explicit $H$ of (18) shows. "
        "The printed condition equals the derived one (difference 0).",
        corrected=DERIVED,
        evidence={"printed_minus_derived": str(diff),
                  "derived": sp.sstr(mine)})


@check("13", "Hamiltonian condition on the weights")
def _check_13(P):
    from ctrnn.classical.hamiltonian import condition_13, divergence

    from ctrnn.classical.dynamics import linear_system

    p, d = P[13], condition_13()
    diff = sp.simplify((p.lhs - p.rhs) - (d.lhs - d.rhs))
    # second route: the trace of the both-active Jacobian of random networks
    div_fn = sp.lambdify(S.PARAMETERS, divergence(), "numpy")
    traces = [abs(float(np.trace(linear_system(net, (1, 1))[0]))
                  - float(div_fn(*net.params.values()))) for net in _random_networks()]
    return Verdict(
        "13", "II", decide(equal=diff == 0, facts={
            "condition_13 is divergence = 0": _zero((d.lhs - d.rhs) - divergence()),
            "divergence equals the trace of the both-active Jacobian": max(traces) < ZERO}),
        r"The divergence of (5)-(6) is $(w_{11} - 1)/\tau_1 + (w_{22} - 1)/\tau_2$; it "
        "vanishes exactly when Eq. (13) holds (difference 0).",
        corrected=DERIVED,
        evidence={"printed_minus_derived": str(diff),
                  "divergence": str(divergence())})


@check("13-cases", "'This is true in three cases'")
def _check_13_cases(P):
    from ctrnn.classical.hamiltonian import tau1_cases

    cases = tau1_cases()
    # the text's three cases: w11 = w22 = 1, or (14), or (15) as printed
    printed = [sp.lambdify((S.tau1, S.tau2, S.w11, S.w22), sp.And(*P[k][1:]), "numpy")
               for k in (14, 15)]
    formulas = [sp.lambdify((S.tau2, S.w11, S.w22), P[k][0].rhs, "numpy") for k in (14, 15)]
    rng = np.random.default_rng(_SEED)
    hits = np.zeros(3, dtype=int)
    outside, formula_err = 0, 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        for _ in range(2000):
            tau1, tau2 = rng.uniform(0.1, 5, 2)
            w11 = rng.choice([1.0, rng.normal(1, 2)])
            w22 = 1 - tau2 * (w11 - 1) / tau1           # (13), derived
            member = [w11 == 1 and w22 == 1] + [bool(f(tau1, tau2, w11, w22)) for f in printed]
            if sum(member) != 1:
                outside += 1
                continue
            hits[int(np.argmax(member))] += 1
            if not member[0]:        # (14) or (15): its tau1 formula, checked
                g = formulas[int(np.argmax(member)) - 1]
                formula_err = max(formula_err, abs(float(g(tau2, w11, w22)) - tau1) / tau1)
    return Verdict(
        "13-cases", "II", decide(equal=len(cases) == 3 and outside == 0
                                 and formula_err < ZERO and bool(np.all(hits > 0))),
        r"With $\tau_1, \tau_2 > 0$, Eq. (13) holds exactly in the three cases of the text: "
        "$w_{11} = w_{22} = 1$, "
        "or (14), or (15) (derived by sign analysis; every one of 2000 random solutions of "
        "(13) lies in exactly one case).",
        corrected=DERIVED,
        evidence={"derived_cases": [sp.sstr(c) for c in cases],
                  "samples_per_case": hits.tolist(),
                  "samples in none or several printed cases": outside,
                  "max relative error of the printed tau1 formula": _r(formula_err)})


def _check_tau_case(P, k: int):
    from ctrnn.classical.hamiltonian import tau1_cases

    printed = P[k]
    derived = tau1_cases()[k - 13]
    formula = sp.simplify(printed[0].rhs - derived[0].rhs)
    same_rel = {sp.sstr(r) for r in printed[1:]} == {sp.sstr(r) for r in derived[1:]}
    ok = formula == 0 and same_rel
    return Verdict(
        str(k), "II", decide(equal=ok),
        r"Solving (13) for $\tau_1$ gives the printed formula (difference 0); $\tau_1 > 0$ "
        rf"for $\tau_2 > 0$ requires ${sp.latex(derived[1])}$, ${sp.latex(derived[2])}$ in this "
        "case, as printed.",
        corrected=DERIVED,
        evidence={"formula_difference": str(formula),
                  "printed_conditions": [sp.sstr(r) for r in printed[1:]],
                  "derived_conditions": [sp.sstr(r) for r in derived[1:]]})


@check("14", "First sign case")
def _check_14(P):
    return _check_tau_case(P, 14)


@check("15", "Second sign case")
def _check_15(P):
    return _check_tau_case(P, 15)


@check("15-free", "'w12 and w21 are not bound by these Hamiltonian conditions'")
def _check_15_free(P):
    from ctrnn.classical.hamiltonian import divergence

    div = divergence()
    free = not ({S.w12, S.w21, S.theta1, S.theta2, S.I1, S.I2} & div.free_symbols)
    return Verdict(
        "15-free", "II", decide(equal=free and not (
            {S.w12, S.w21} & (P[13].lhs - P[13].rhs).free_symbols)),
        r"The divergence of (5)-(6) does not contain $w_{12}$, $w_{21}$ (nor $\theta$, $I$): "
        "they are unconstrained.",
        corrected=DERIVED,
        evidence={"divergence": str(div), "its_symbols": sorted(map(str, div.free_symbols))})


# ---------------------------------------------------------- (16)-(20)
@check("16", "H by integrating (5) over y2")
def _check_16(P):
    from ctrnn.classical.hamiltonian import integrate_hamiltonian

    diff = sp.simplify(P[16].rhs - integrate_hamiltonian()["H16"])
    return Verdict(
        "16", "II", decide(equal=diff == 0),
        r"$\int f_1\, dy_2 + g(y_1)$ reproduces Eq. (16) exactly (difference 0); valid for any "
        "weights.",
        corrected=DERIVED,
        evidence={"printed_minus_derived": str(diff)})


@check("17", "The function g(y1)")
def _check_17(P):
    from ctrnn.classical.hamiltonian import integrate_hamiltonian

    from ctrnn.classical.hamiltonian import divergence

    d = integrate_hamiltonian()
    diff = sp.simplify(P[17].rhs - d["g"])
    coeff = d["y2_coefficient"]
    return Verdict(
        "17", "II", decide(equal=diff == S.const and _zero(coeff), equal_under={
            "under (13) the printed g equals the derived one up to the constant":
                diff == S.const,
            "the y2-term of g' is minus the divergence, zero exactly under (13)":
                _zero(coeff + divergence()) and not _zero(coeff)}),
        r"Requiring $-\partial H/\partial y_1 = f_2$ leaves $g'(y_1)$ with a $y_2$-term whose "
        "coefficient is minus the divergence; $g$ depends on $y_1$ alone only under Eq. (13), "
        "which the text uses silently. "
        "Under (13), integrating gives Eq. (17) exactly (difference = the constant).",
        corrected=DERIVED,
        evidence={"printed_minus_derived": str(diff),
                  "y2_coefficient_in_g_prime": str(d["y2_coefficient"])})


@check("17-ref", "'the negative right-hand-side of Eq. (8)'")
def _check_17_ref(P):
    from ctrnn.classical.hamiltonian import condition_13, integrate_hamiltonian

    H16_no_g = integrate_hamiltonian()["H16"].subs(S.g(S.y1), 0)
    # g' from each equation alike, under (13), where (6)'s y2-term vanishes (item 17)
    under_13 = {S.w22: sp.solve(condition_13(), S.w22)[0]}
    with8 = sp.expand((-P[8].rhs - sp.diff(H16_no_g, S.y1)).subs(under_13))
    with6 = sp.expand((-P[6].rhs - sp.diff(H16_no_g, S.y1)).subs(under_13))
    g8 = sp.integrate(with8, S.y1)
    g6 = sp.integrate(with6, S.y1)
    from8 = sp.simplify((P[17].rhs - S.const - g8).subs(under_13))
    from6 = sp.simplify((P[17].rhs - S.const - g6).subs(under_13))
    return Verdict(
        "17-ref", "II", decide(equal=from8 == 0,
                               equal_after={"cross-reference (8) -> (6)": from6 == 0}),
        r"The text derives (17) by equating $\partial H/\partial y_1$ with the negative "
        "right-hand side of "
        "Eq. (8), the both-inactive system; that gives a different g. Eq. (6) gives (17) "
        "exactly: a wrong cross-reference.",
        corrected=r"\text{... equating it with the negative right-hand side of Eq. (6) ...}",
        evidence={"g_prime_from_eq8": str(with8), "eq17_minus_g_from_eq8": str(from8),
                  "eq17_minus_g_from_eq6": str(from6)})


def _printed_H(P):
    """The printed H (18) with (19) and the first equality of (20) substituted."""
    subs = {e.lhs: e.rhs for e in P[19]}
    subs[P[20][0].lhs] = P[20][0].rhs
    return P[18].rhs.subs(subs)


@check("18", "The Hamiltonian")
def _check_18(P):
    from ctrnn.classical.hamiltonian import hamilton_residuals, integrate_hamiltonian

    from ctrnn.classical.hamiltonian import condition_13

    diff = simplified(_printed_H(P) - integrate_hamiltonian()["H18"])
    r1, r2 = hamilton_residuals(_printed_H(P))
    w22_13 = sp.solve(condition_13(), S.w22)[0]
    r2_13 = sp.simplify(r2.subs(S.w22, w22_13))
    return Verdict(
        "18", "II", decide(equal=diff == 0 and r1 == 0 and r2_13 == 0,
                           facts={"(6) follows only under (13)": r2 != 0 or diff != 0}),
        "Eq. (18) with (19)-(20) equals the $H$ derived by integration (difference 0). "
        "Hamilton's equations (11) of it give (5) identically and (6) exactly when (13) "
        "holds, the premise of the section.",
        corrected=DERIVED,
        evidence={"printed_minus_derived": str(diff), "residual_eq5": str(r1),
                  "residual_eq6": str(r2), "residual_eq6_under_13": str(r2_13)})


@check("18-region", "H (18) describes the network only in the both-active region")
def _check_18_region(P):
    from ctrnn.classical.dynamics import simulate
    from ctrnn.classical.hamiltonian import fig1_networks, hamiltonian_value

    net = fig1_networks()["centre"]
    h_printed = sp.lambdify((S.y1, S.y2, *S.PARAMETERS), _printed_H(P), "numpy")

    def printed_value(y):
        return np.asarray(h_printed(y[0], y[1], *net.params.values()), dtype=float) * np.ones(y.shape[1])

    t = np.linspace(0.0, 30.0, 3001)
    inside = simulate(net, [0.0, 0.5], t)
    leaving = simulate(net, [0.0, 1.6], t)
    h_in = printed_value(inside.y)
    h_out = printed_value(leaving.y)
    derived_gap = float(np.max(np.abs(hamiltonian_value(net, leaving.y) - h_out)))
    first = float(leaving.switch_times[0])
    before = t < first
    drift_in = float(np.max(np.abs(h_in - h_in[0])))
    drift_before = float(np.max(np.abs(h_out[before] - h_out[0])))
    change_after = float(np.max(np.abs(h_out - h_out[0])))
    rises = float(np.max(h_out) - h_out[0]) > float(h_out[0] - np.min(h_out))
    # one statement of the H change inside: its rounding level, or the decade above it
    inside_bound = max(ROUNDING, 10.0 ** math.ceil(math.log10(max(drift_in, drift_before, 1e-300))))
    return Verdict(
        "18-region", "II", decide(
            equal=inside.switch_times.size == 0 and change_after < ZERO,
            equal_under={"inside the both-active region H (18) is conserved":
                         inside.switch_times.size == 0 and drift_in < ZERO,
                         "... until the trajectory leaves it": drift_before < ZERO,
                         "... and not after": change_after > 1e-2},
            facts={"printed H (18) equals the derived H on the trajectory": derived_gap < ZERO}),
        r"$H$ (18) is conserved by the network only while $y_1 + \theta_1 \ge 0$ and "
        r"$y_2 + \theta_2 \ge 0$: a simulated trajectory of the centre network keeps $H$ to "
        f"${latex_number(inside_bound, '<')}$ inside, but after leaving the region "
        f"($t = {first:.3g}$) $H$ {'rises' if rises else 'falls'} by up to "
        f"{change_after:.3g}. Outside, the regions' flows have other divergences (see the chapter).",
        corrected=r"H \text{ of (18) is conserved only while } y_1+\theta_1 \ge 0,\ "
                  r"y_2+\theta_2 \ge 0",
        evidence={"network": net.params, "y0_inside": [0.0, 0.5], "y0_leaving": [0.0, 1.6],
                  "max_H_change_inside": bound(drift_in, ROUNDING),
                  "bound on the H change inside (one number, stated once)": inside_bound,
                  "first_exit_time": _r(first, 6),
                  "max_H_change_before_exit": bound(drift_before, ROUNDING),
                  "max_H_change_after_exit": _r(change_after),
                  "H rises after the exit": bool(rises),
                  "max |printed H - derived H| on the trajectory": _r(derived_gap),
                  "switches": int(leaving.switch_times.size)})


@check("19", "Coefficients C1, C2, D1, D2")
def _check_19(P):
    from ctrnn.classical.hamiltonian import coefficients_symbolic

    derived = coefficients_symbolic()
    diffs = {str(e.lhs): str(sp.simplify(e.rhs - derived[str(e.lhs)])) for e in P[19]}
    ok = all(v == "0" for v in diffs.values())
    return Verdict(
        "19", "II", decide(equal=ok),
        "Each coefficient read off the derived $H$ equals its printed definition (differences 0).",
        corrected=DERIVED,
        evidence={"printed_minus_derived": diffs})


@check("20", "Coefficient E2")
def _check_20(P):
    from ctrnn.classical.hamiltonian import coefficients_symbolic, divergence

    first, second = P[20]
    d1 = sp.simplify(first.rhs - coefficients_symbolic()["E2"])
    gap = sp.simplify(second.lhs - second.rhs)
    return Verdict(
        "20", "II", decide(equal=d1 == 0 and gap == 0, equal_under={
            "first equality: E2 equals the derived coefficient of y1 y2": d1 == 0,
            "second equality: its two sides differ by the divergence, zero under (13)":
                _zero(gap - divergence())}),
        r"$E_2 = (w_{11} - 1)/\tau_1$ matches the derived coefficient of $y_1 y_2$; the second "
        r"equality $(w_{11} - 1)/\tau_1 = -(w_{22} - 1)/\tau_2$ is not an identity: the two "
        "sides differ by the "
        "divergence, so it holds only under Eq. (13).",
        corrected=DERIVED,
        evidence={"first_equality_minus_derived": str(d1),
                  "second_equality_lhs_minus_rhs": str(gap)})


# -------------------------------------------------------------- Fig. 1
@check("fig1", "'similar behaviour to that of a classical nonlinear pendulum'")
def _check_fig1(P):
    from ctrnn.classical.hamiltonian import (
        fig1_networks,
        hamiltonian_case,
        integrate_hamiltonian,
        linear_period,
        orbit_period,
        pendulum_period,
    )

    H = _printed_H(P)
    hessian = sp.hessian(H, (S.y1, S.y2))
    derived_hessian = sp.hessian(integrate_hamiltonian()["H18"], (S.y1, S.y2))
    constant_hessian = not (hessian.free_symbols & {S.y1, S.y2})
    cases = {name: hamiltonian_case(net) for name, net in fig1_networks().items()}
    centre = fig1_networks()["centre"]
    amps = [0.1, 0.4, 0.8]
    periods = [orbit_period(centre, [0.0, a]) for a in amps]
    t_lin = linear_period(centre)
    spread = float((max(periods) - min(periods)) / t_lin)
    pend_amps = np.array([0.1, 1.5, 2.5])
    pend = pendulum_period(pend_amps) / (2 * math.pi)
    # what each kind of dynamics predicts, tested on the measured periods
    kinds = {"nonlinear pendulum": not constant_hessian and spread > 1e-3,
             "linear oscillator": constant_hessian and spread < 1e-9}
    claim = P["fig1"]
    if claim not in kinds:
        raise ValueError(f"the fig1 claim must be one of {sorted(kinds)}, got {claim!r}")
    return Verdict(
        "fig1", "II", decide(equal=kinds[claim], facts={
            "the centre's periods agree to better than 1e-9 (isochronous)": spread < 1e-9,
            "the printed H (18) has the derived Hessian": _zero(
                sp.Matrix(hessian - derived_hessian).norm()) if constant_hessian else True,
            "the integrated period equals 2 pi / sqrt(-Delta)":
                abs(periods[0] - t_lin) < 1e-9 * t_lin,
            "the pendulum's period grows more than 1.5-fold at 2.5 rad": pend[-1] > 1.5}),
        "$H$ (18) is quadratic (constant Hessian), so its flow is linear: one equilibrium, a "
        "centre with isochronous ellipses (a harmonic oscillator, the pendulum's small-angle "
        "limit) if $E_2^2 + 4C_2D_2 < 0$, a saddle with hyperbolas if $> 0$, or degenerate. A "
        "nonlinear pendulum has infinitely many equilibria, separatrices and amplitude-dependent "
        "periods; the centre's periods agree to better than $10^{-9}$ at three amplitudes "
        f"(measured by integration), the pendulum's grow {pend[-1]:.2f}-fold at 2.5 rad.",
        corrected=(r"\ddot y_i=(E_2^2+4C_2D_2)\,(y_i-y_i^{*}),\ i=1,2:\ "
                   r"\text{a harmonic oscillator if }E_2^2+4C_2D_2<0,"
                   r"\text{ an inverted (saddle) linear oscillator if }>0"),
        evidence={"claimed dynamics": claim, "hessian_of_H": sp.sstr(hessian), "fig1_cases": cases,
                  "centre_network": centre.params, "centre_amplitudes_y2": amps,
                  "centre_periods_measured": [_r(p, 12) for p in periods],
                  r"centre period $2\pi/\sqrt{-\Delta}$": _r(t_lin, 12),
                  "relative_period_spread": bound(spread, 1e-11),
                  "pendulum_amplitudes_rad": pend_amps.tolist(),
                  "pendulum_period_over_small_angle_period": [_r(p, 6) for p in pend]})
