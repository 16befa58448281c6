"""Checks of Eqs. (38)-(40), the alternative branch and the paper's conclusion.

Two questions per condition: (a) is the printed inequality a faithful
translation of ξ1, ξ2 (Eqs. 25-26 with the coefficients 19-20)? (b) is it the
right condition for the eigenfunctions to vanish at ±∞, for the paper's own
eigenfunctions (32)-(33) and for the correctly Weyl-quantized Ĥ
(:func:`ctrnn.quantum.levels.has_discrete_spectrum`)?
"""
from __future__ import annotations

import functools
from collections.abc import Mapping

import numpy as np
import sympy as sp

from ctrnn.audit import Verdict, check
from ctrnn.audit.rule import DERIVED, decide
from ctrnn.classical.network import CTRNN2
from ctrnn.classical.weights import (
    HAMILTONIAN_PARAMETERS,
    SEED,
    _free,
    _minus_det_jacobian,
    classical_type,
    hamiltonian_params,
    sample_hamiltonian_networks,
    true_discrete_spectrum,
)
from ctrnn.paper.formulas import (
    RTOL,
    _call,
    paper_eigenfunction,
    printed_conditions,
    rederived_xi,
    xi_printed,
)


def ground_state_tails(params, y2_ends=(-8.0, 8.0)) -> dict:
    """Re ξ1 of Eq. (25) and the size of the true and printed ground states far out.

    Parameters
    ----------
    params : CTRNN2 or mapping
        One Hamiltonian network with a discrete spectrum (Δ < 0).
    y2_ends : sequence of float
        Points far from the centre at which to compare (at least one).

    Returns
    -------
    dict
        ``"re_xi1"``: Re ξ1 (:func:`~ctrnn.paper.formulas.xi_printed`), rounded to 6 decimals;
        ``"true_log10_max"``: the largest log10 abs(ψ0) of the correct ground state
        (:func:`ctrnn.quantum.levels.eigenfunctions`) at ``y2_ends``, rounded to 3;
        ``"paper_log10_min"``: the smallest log10 abs(ψ0) of the paper's ψ0
        (:func:`~ctrnn.paper.formulas.paper_eigenfunction`, Eq. (32)) there, rounded to 3.

    Raises
    ------
    ValueError
        If ``y2_ends`` is empty or not finite, or ``params`` is bad, describes
        more than one network, or has no discrete spectrum.
    """
    from ctrnn.quantum import levels as quantum
    ends = np.asarray(y2_ends, dtype=float)
    if ends.ndim != 1 or ends.size == 0 or not np.all(np.isfinite(ends)):
        raise ValueError(f"y2_ends must be a non-empty sequence of finite numbers, got {y2_ends!r}")
    p = hamiltonian_params(params)
    if p["tau1"].size != 1:
        raise ValueError("params must describe a single network")
    net = params if isinstance(params, CTRNN2) else CTRNN2.from_condition_13(
        **{k: float(p[k].ravel()[0]) for k in HAMILTONIAN_PARAMETERS})
    true_log = np.log10(np.abs(quantum.eigenfunctions(net, 1, ends)[0]))
    paper_log = np.log10(np.abs(paper_eigenfunction(net, 0, ends)))
    return {"re_xi1": round(float(np.real(xi_printed(net)[0])), 6),
            "true_log10_max": round(float(true_log.max()), 3),
            "paper_log10_min": round(float(paper_log.min()), 3)}


# --------------------------------------------------------- parameter maps
#: The axis name :func:`condition_map` accepts besides the parameters: the
#: ratio of time constants (tau2 = ratio * tau1).
RATIO = "tau2/tau1"


def condition_map(x_name: str, x_values, y_name: str, y_values, fixed: Mapping,
                  rtol: float = RTOL) -> dict:
    """Evaluate the printed conditions and the truth on a parameter grid.

    Parameters
    ----------
    x_name, y_name : str
        Parameters varied along the axes: keys of
        :data:`~ctrnn._validation.HAMILTONIAN_PARAMETERS`, or ``"tau2/tau1"`` (then ``tau2`` is
        that ratio times ``fixed["tau1"]``).
    x_values, y_values : array_like, 1-D
        Grid values.
    fixed : mapping
        Values of the remaining parameters (``theta1, theta2, I1, I2``
        default to 0).
    rtol : float, optional
        Passed to :func:`~ctrnn.paper.formulas.printed_conditions`.

    Returns
    -------
    dict
        ``"x"``, ``"y"`` (2-D grids, rows along y); boolean grids ``"38"``,
        ``"39"``, ``"40"``, ``"paper"`` (:func:`~ctrnn.paper.formulas.printed_conditions`),
        ``"true"`` (:func:`~ctrnn.classical.weights.true_discrete_spectrum`), ``"centre"``
        (:func:`~ctrnn.classical.weights.classical_type`); float grids ``"Delta"`` (``-det J``, the
        radicand of (38)) and ``"re40"`` (the real part of the left side of
        (40)).

    Raises
    ------
    ValueError
        If an axis name is unknown or repeated, an axis parameter also
        appears in ``fixed``, the grids are not 1-D finite arrays, or the
        parameters are bad (:func:`~ctrnn._validation.hamiltonian_params`).
    """
    allowed = set(HAMILTONIAN_PARAMETERS) | {RATIO}
    for label, name in (("x_name", x_name), ("y_name", y_name)):
        if name not in allowed:
            raise ValueError(f"{label} must be one of {sorted(allowed)}, got {name!r}")
    if x_name == y_name:
        raise ValueError(f"x_name and y_name must differ, both are {x_name!r}")
    grids = []
    for label, values in (("x_values", x_values), ("y_values", y_values)):
        arr = np.asarray(values, dtype=float)
        if arr.ndim != 1 or arr.size < 2 or not np.all(np.isfinite(arr)):
            raise ValueError(f"{label} must be a 1-D array of at least two finite numbers")
        grids.append(arr)
    if not isinstance(fixed, Mapping):
        raise ValueError(f"fixed must be a mapping of parameter values, got {type(fixed).__name__}")
    clash = {x_name, y_name} & set(fixed)
    if clash:
        raise ValueError(f"fixed must not contain the axis parameters {sorted(clash)}")
    X, Y = np.meshgrid(*grids)
    params = dict(fixed)
    for name, grid in ((x_name, X), (y_name, Y)):
        if name == RATIO:
            if "tau1" not in params and "tau1" not in (x_name, y_name):
                raise ValueError("an axis tau2/tau1 needs tau1 in fixed")
            if "tau2" in params:
                raise ValueError("fixed must not give tau2 when an axis is tau2/tau1")
        params[name] = grid
    if RATIO in params:
        params["tau2"] = params.pop(RATIO) * params["tau1"]
    p = hamiltonian_params(params)
    out = {"x": X, "y": Y, **printed_conditions(_free(p), rtol=rtol)}
    out["true"] = true_discrete_spectrum(_free(p))
    out["centre"] = classical_type(_free(p)) == "centre"
    out["Delta"] = _minus_det_jacobian(p)[0]
    out["re40"] = _call(40, p).real
    return out


def monte_carlo(n: int = 100_000, seed: int = SEED) -> dict:
    """Agreement of the paper's criterion with the truth on random networks.

    Draws ``n`` networks with :func:`~ctrnn.classical.weights.sample_hamiltonian_networks` and
    compares the paper's criterion ``(38) or ((39) and (40))``
    (:func:`~ctrnn.paper.formulas.printed_conditions`) with the discreteness of the correctly
    quantized Ĥ (:func:`~ctrnn.classical.weights.true_discrete_spectrum`) and with the classical
    equilibrium type (:func:`~ctrnn.classical.weights.classical_type`).

    Parameters
    ----------
    n : int, optional
        Number of networks.
    seed : int, optional
        Seed of the generator.

    Returns
    -------
    dict
        ``n``, ``seed``; the confusion matrix as counts ``paper_and_true``,
        ``paper_only``, ``true_only``, ``neither``; ``agreement`` (fraction
        where the two agree); ``fraction_paper``, ``fraction_true``; counts
        ``n38``, ``n39``, ``n40`` of each printed condition;
        ``true_equals_centre`` (fraction where discreteness coincides with a
        classical centre); ``paper_saddle`` (fraction of the networks the
        paper accepts whose both-active equilibrium is a saddle);
        ``true_with_40`` (fraction of truly discrete networks satisfying (40)).

    Raises
    ------
    ValueError
        As :func:`~ctrnn.classical.weights.sample_hamiltonian_networks`.
    """
    p = sample_hamiltonian_networks(n, seed)
    printed = printed_conditions(p)
    truth = true_discrete_spectrum(p)
    kind = classical_type(p)
    paper = printed["paper"]
    out = {
        "n": int(n), "seed": int(seed),
        "paper_and_true": int(np.sum(paper & truth)),
        "paper_only": int(np.sum(paper & ~truth)),
        "true_only": int(np.sum(~paper & truth)),
        "neither": int(np.sum(~paper & ~truth)),
        "agreement": float(np.mean(paper == truth)),
        "fraction_paper": float(np.mean(paper)),
        "fraction_true": float(np.mean(truth)),
        "n38": int(np.sum(printed["38"])), "n39": int(np.sum(printed["39"])),
        "n40": int(np.sum(printed["40"])),
        "true_equals_centre": float(np.mean(truth == (kind == "centre"))),
        "paper_saddle": float(np.mean(kind[paper] == "saddle")) if paper.any() else float("nan"),
        "true_with_40": float(np.mean(printed["40"][truth])) if truth.any() else float("nan"),
    }
    return out

#: Seed and size of the small samples the checks draw (kept fast).
SEED = 38
N_SAMPLE = 4000

#: The corrected normalizability condition, in the weights.
CORRECTED = (r"\frac{(w_{11}-1)^2}{\tau_1^2}+\frac{w_{12}w_{21}}{\tau_1\tau_2}<0"
             r"\iff \tau_1 w_{12} w_{21} < -\tau_2 (w_{11}-1)^2")

#: A network on the set of (39) where (40) also holds: w21 = 0 makes
#: 4 C2 D2 = 0, and w11 > 1 makes sqrt(Delta) = E2 > 0, so xi1 = 0.
ALT_NETWORK = dict(tau1=1.0, tau2=1.0, w11=2.0, w12=1.0, w21=0.0)
#: A saddle where (38) holds (Delta = 1.75 > 0, E2 = -0.5 < sqrt(Delta)).
SADDLE_38 = dict(tau1=2.0, tau2=1.0, w11=0.0, w12=1.5, w21=2.0, theta1=0.3, I2=-0.2)
#: A centre (Delta = -1.75 < 0) where (38) fails.
CENTRE = dict(tau1=1.0, tau2=2.0, w11=1.5, w12=2.0, w21=-2.0, theta2=0.4, I1=0.5)


def _simplified(expr) -> str:
    """The difference, simplified (cheap expansion first, full simplify if needed)."""
    cheap = sp.expand(expr)
    return str(cheap if cheap == 0 else sp.simplify(expr))


def _tails(params, n: int, L: float, P=None) -> list[float]:
    """log10 |psi_n(-L)|, log10 |psi_n(+L)| of the printed eigenfunction."""
    values = np.abs(paper_eigenfunction(params, n, [-L, L], equations=P))
    with np.errstate(divide="ignore"):
        return [round(float(v), 2) for v in np.log10(values)]


@functools.lru_cache(maxsize=1)
def _sample_truth():
    """A seeded sample: parameters, truth, classical type (no printed equation)."""
    from ctrnn.classical.weights import (
        classical_type,
        sample_hamiltonian_networks,
        true_discrete_spectrum,
    )
    p = sample_hamiltonian_networks(N_SAMPLE, SEED)
    return p, true_discrete_spectrum(p), classical_type(p)


def _sample(P):
    """The seeded sample with the printed conditions of ``P`` evaluated on it."""
    p, truth, kind = _sample_truth()
    return p, printed_conditions(p, equations=P), truth, kind


def _xi_of_S(P):
    """xi1, xi2 of (25)-(26) as functions of S = 4 C2 D2 + E2**2 (a symbol)."""
    EQUATIONS = P
    from ctrnn.symbols import C2, D2, E2
    S = sp.Symbol("S", real=True)
    sub = {D2: (S - E2**2) / (4 * C2)}
    return S, sp.simplify(EQUATIONS[25].rhs.subs(sub)), sp.simplify(EQUATIONS[26].rhs.subs(sub))


@check("38", "Re(xi1) > 0 in the weights")
def _check_38(P):
    EQUATIONS = P
    from ctrnn.symbols import E2
    xi1, _ = rederived_xi(P)
    diff = _simplified(EQUATIONS[38].lhs - xi1)
    S, xi1_S, _ = _xi_of_S(P)
    s = sp.Symbol("s", positive=True)
    re_neg = sp.simplify(sp.re(xi1_S.subs(S, -s**2)))          # Delta = -s^2 < 0
    factor = sp.simplify(xi1_S.subs(S, s**2) - s * (s - E2))    # Delta = s^2 > 0
    p, printed, truth, kind = _sample(P)
    from ctrnn.classical.network import CTRNN2
    from ctrnn.quantum.levels import numerical_spectrum, spectrum
    centre = CTRNN2.from_condition_13(**CENTRE)
    levels = {"closed form": [round(float(v), 8) for v in spectrum(centre, 4)],
              "numerical": [round(float(v), 8) for v in numerical_spectrum(centre, 4)]}
    both = int(np.sum(printed["38"] & truth))
    missed = int(np.sum(~printed["38"] & truth))
    level_gap = max(abs(a - b) for a, b in zip(levels["closed form"], levels["numerical"]))
    return Verdict(
        "38", "", decide(equal=bool(np.all(printed["38"] == truth)), facts={
            "closed-form levels agree with numerical diagonalization to 1e-6": level_gap < 1e-6,
            "truth equals the classical centre (Monte Carlo, second route)":
                bool(np.all(truth == (kind == "centre")))}),
        r"Faithful translation of $\operatorname{Re}\xi_1 > 0$ (Eq. 25 with 19-20), but the "
        r"wrong condition: $\operatorname{Re}\xi_1 = \Delta < 0$ whenever "
        r"$\Delta = 4C_2D_2 + E_2^2 < 0$, which is exactly where the correctly quantized "
        r"$\hat H$ has a discrete spectrum; (38) holds only on saddles ($\Delta > 0$, "
        r"$\sqrt{\Delta} > E_2$)"
        + (" and never together with the truth." if both == 0 else
           f" and together with the truth on {both} of {N_SAMPLE} networks.")
        + " It is, however, the right condition for the paper's own (23) (38-printed).",
        corrected=CORRECTED,
        evidence={
            "lhs38_minus_xi1_from_25_19_20": diff,
            "Re_xi1_when_Delta_is_minus_s2": str(re_neg),
            "xi1_minus_s(s-E2)_when_Delta_is_s2": str(factor),
            "sample": f"{N_SAMPLE} networks, seed {SEED}, ctrnn.classical.weights.DISTRIBUTION",
            "printed_38_and_discrete": both,
            "discrete_but_38_fails": missed,
            "printed_38_on_classical_saddles": float(np.mean(kind[printed["38"]] == "saddle")),
            "network where (38) fails (w22 from Eq. 13)": CENTRE,
            "its first levels of the correct H (ctrnn.quantum)": levels,
        })


@check("38-printed", "(38) is the normalizability condition of the printed (23) when C2 > 0")
def _check_38_printed(P):
    from ctrnn.audit.operators import solution
    from ctrnn.symbols import C2, D2, E2
    p, printed, _, _ = _sample(P)
    c2 = p["w12"] / (2 * p["tau2"])
    d2 = p["w21"] / (2 * p["tau1"])
    e2 = (p["w11"] - 1) / p["tau1"]
    delta = 4 * c2 * d2 + e2 ** 2
    scope = (c2 > 0) & (delta > 0)
    # route 1: the Gaussian exponent xi1 of the printed (23)'s own Kummer solution
    xi1_23 = sp.lambdify((C2, D2, E2), solution("printed", 1, P).xi1, "numpy")
    with np.errstate(invalid="ignore"):
        decays = np.real(xi1_23(c2[scope].astype(complex), d2[scope].astype(complex),
                                e2[scope].astype(complex))) > 0
    # route 2: the stated condition sqrt(Delta) > E2
    stated = np.sqrt(delta[scope]) > e2[scope]
    agree = bool(np.all(printed["38"][scope] == decays))
    return Verdict(
        "38-printed", "", decide(equal=False, equal_under={
            "C2 > 0 and Delta > 0: (38) holds exactly where the printed (23)'s "
            "eigenfunctions decay (Re xi1 > 0)": agree and bool(scope.any()),
            "that is sqrt(Delta) > E2": bool(np.all(stated == decays))}),
        "For the paper's own (23), whose eigenvalues (36)-(37) are when $C_2 > 0$ and "
        r"$\Delta > 0$ (36-printed), the eigenfunctions decay exactly where "
        r"$\sqrt{\Delta} > E_2$, which is (38): on "
        f"{int(scope.sum())} sampled networks with $C_2 > 0$, " + r"$\Delta > 0$, (38) and "
        "decay agree on every one.  (38) is the right condition for the printed (23), not "
        r"for the correctly quantized $\hat H$ (item 38); for $C_2 < 0$ the mirror condition "
        r"$\sqrt{\Delta} > -E_2$ applies.",
        corrected=r"C_2 > 0,\ \Delta > 0,\ \sqrt{\Delta} > E_2 \ \text{(printed (23)); "
                  r"mirror } \sqrt{\Delta} > -E_2 \text{ for } C_2 < 0",
        evidence={"sample": f"{N_SAMPLE} networks, seed {SEED}",
                  "networks with C2 > 0 and Delta > 0": int(scope.sum()),
                  "of them (38) holds": int(np.sum(printed["38"][scope])),
                  "of them the printed (23)'s eigenfunctions decay": int(np.sum(decays)),
                  "(38) agrees with decay on all of them": agree})


@check("38-real", "the printed (38), (40) drop Real(.)")
def _check_38_real(P):
    S, xi1_S, xi2_S = _xi_of_S(P)
    s = sp.Symbol("s", positive=True)
    branches = {}
    for name, root in (("principal", sp.I * s), ("other", -sp.I * s)):
        branches[name] = [str(sp.simplify(sp.re(e.subs(sp.sqrt(S), root).subs(S, -s**2))))
                          for e in (xi1_S, xi2_S)]
    net_neg = CTRNN2.from_condition_13(**CENTRE)
    lhs = complex(_call(38, hamiltonian_params(net_neg), equations=P).ravel()[0])
    return Verdict(
        "38-real", "", decide(equal=abs(lhs.imag) <= RTOL * abs(lhs), equal_after={
            "Re(.) read in: the same on both branches of the square root":
                branches["principal"] == branches["other"]}),
        r"The text says $\mathrm{Real}(\xi_1)$, $\mathrm{Real}(\xi_2)$, but (38)-(40) are "
        r"printed without $\operatorname{Re}$; for $\Delta < 0$ their left sides are complex.  "
        r"Reading them as real parts is unambiguous: $\operatorname{Re}\xi_1 = \Delta$ and "
        r"$\operatorname{Re}\xi_2 = -C_1 E_2 - 4 C_2 D_1$ on either branch of the square root.",
        corrected=r"\mathrm{Re}\,\xi_1>0,\quad \mathrm{Re}\,\xi_1=0,\quad \mathrm{Re}\,\xi_2>0",
        evidence={r"$\operatorname{Re}\xi_1$, $\operatorname{Re}\xi_2$ at $\Delta = -s^2$, $\sqrt{\Delta} = +is$": branches["principal"],
                  r"$\operatorname{Re}\xi_1$, $\operatorname{Re}\xi_2$ at $\Delta = -s^2$, $\sqrt{\Delta} = -is$": branches["other"]})


@check("38-psi", "Re(xi1) > 0 decides the decay of the paper's eigenfunctions")
def _check_38_psi(P):
    tails, holds = {}, {}
    for label, params in (("saddle_38_holds", SADDLE_38), ("centre_38_fails", CENTRE)):
        holds[label] = bool(printed_conditions(params, equations=P)["38"])
        tails[label] = {f"n={n}": {f"L={L}": _tails(params, n, L, P) for L in (5, 10)}
                        for n in (0, 1, 2, 3)}
    def decays(label):
        t = tails[label]
        return all(t[f"n={n}"]["L=10"][j] < t[f"n={n}"]["L=5"][j] for n in range(4) for j in (0, 1))

    def grows(label):
        t = tails[label]
        return any(t[f"n={n}"]["L=10"][j] > t[f"n={n}"]["L=5"][j] for n in range(4) for j in (0, 1))

    return Verdict(
        "38-psi", "", decide(equal=False, equal_under={
            "(38) holds: the printed psi_n decay at both ends": holds["saddle_38_holds"]
            and decays("saddle_38_holds"),
            "(38) fails: some printed psi_n grows": (not holds["centre_38_fails"])
            and grows("centre_38_fails")}),
        "For the paper's own eigenfunctions (32)-(33), a polynomial in $y_2$ times "
        r"$e^{-\xi_1 y_2^2 - \xi_2 y_2}$, $\operatorname{Re}\xi_1 > 0$ is necessary and "
        r"sufficient for $\psi \to 0$ at both ends, provided the Hermite argument is defined "
        r"($C_2 \ne 0$ and $4C_2D_2 + E_2^2 \ne 0$).  The printed $\psi$ are, however, not "
        "eigenfunctions of the correctly quantized operator (wavefunction chapter).",
        corrected=DERIVED,
        evidence={r"$\log_{10}\lvert\psi_n(-L)\rvert$, $\log_{10}\lvert\psi_n(+L)\rvert$": tails, "(38) holds": holds,
                  "networks": {"saddle_38_holds": SADDLE_38, "centre_38_fails": CENTRE}})


@check("38-alt", "the alternative Re(xi1) = 0 and Re(xi2) > 0")
def _check_38_alt(P):
    from ctrnn.classical.weights import true_discrete_spectrum
    cond = printed_conditions(ALT_NETWORK, equations=P)
    xi1, xi2 = (complex(v) for v in xi_printed(ALT_NETWORK, P))
    y = sp.Symbol("y", real=True)
    k = sp.Symbol("k", positive=True)   # k = Re(xi2) > 0
    lim_minus = sp.limit(sp.exp(-k * y), y, -sp.oo)
    lim_plus = sp.limit(sp.exp(-k * y), y, sp.oo)
    # the claimed branch on a grid of (Re xi1, Re xi2): does |exp(-xi1 y^2 - xi2 y)| -> 0?
    claim = P["38-alt"]
    names = {s_.name: s_ for s_ in claim.free_symbols}      # (a, b) = (Re xi1, Re xi2)
    re_xi1 = names.get("a", sp.Symbol("a", real=True))
    re_xi2 = names.get("b", sp.Symbol("b", real=True))
    grid = [(a_, b_) for a_ in (-1, 0, sp.Rational(1, 2), 1) for b_ in (-1, 0, 1)]
    claimed = [(a_, b_) for a_, b_ in grid if bool(claim.subs({re_xi1: a_, re_xi2: b_}))]
    decay = {f"{a_}, {b_}": bool(sp.limit(sp.exp(-a_ * y**2 - b_ * y), y, sp.oo) == 0
                                  and sp.limit(sp.exp(-a_ * y**2 - b_ * y), y, -sp.oo) == 0)
             for a_, b_ in claimed}
    return Verdict(
        "38-alt", "", decide(equal=bool(claimed) and all(decay.values()), facts={
            "exp(-k y) vanishes at +oo and blows up at -oo": lim_plus == 0 and lim_minus == sp.oo}),
        r"With $\operatorname{Re}\xi_1 = 0$ the Gaussian factor has modulus "
        r"$e^{-\operatorname{Re}(\xi_2) y_2}$: $\operatorname{Re}\xi_2 > 0$ makes $\psi$ "
        r"vanish as $y_2 \to +\infty$ but blow up as $y_2 \to -\infty$, so the alternative "
        r"never gives $\psi \to 0$ as $\lvert y_2\rvert \to \infty$ (no sign of "
        r"$\operatorname{Re}\xi_2$ does).  The only decaying case of the paper's $\psi$ is "
        r"$\operatorname{Re}\xi_1 > 0$.",
        corrected=r"\psi\to 0 \text{ as } |y_2|\to\infty \iff \mathrm{Re}\,\xi_1>0"
                  r"\ (\text{no branch with } \mathrm{Re}\,\xi_1=0)",
        evidence={
            r"limits of $e^{-ky}$, $k > 0$, at $y \to -\infty, +\infty$": [str(lim_minus), str(lim_plus)],
            "claimed branch": str(claim),
            "decay of the Gaussian factor at the claimed grid points (Re xi1, Re xi2)": decay,
            "network (w22 from Eq. 13)": ALT_NETWORK,
            "conditions (38), (39), (40) there": [bool(cond[k_]) for k_ in ("38", "39", "40")],
            "xi1, xi2 there": [str(xi1), str(xi2)],
            r"$\log_{10}\lvert\psi_n(-L)\rvert$, $\log_{10}\lvert\psi_n(+L)\rvert$, $L = 10$": {
                f"n={n}": _tails(ALT_NETWORK, n, 10.0, P) for n in (0, 1, 2)},
            "discrete spectrum of the correct H there": bool(true_discrete_spectrum(ALT_NETWORK)),
        })


@check("39", "Re(xi1) = 0 in the weights")
def _check_39(P):
    from ctrnn.classical.weights import true_discrete_spectrum
    EQUATIONS = P
    xi1, _ = rederived_xi(P)
    diff = _simplified(EQUATIONS[39].lhs - xi1)
    # Points of the set: Delta = 0 (w12 w21 = -tau2 (w11-1)^2 / tau1) and w21 = 0, w11 >= 1.
    points = [dict(tau1=1.0, tau2=2.0, w11=2.0, w12=1.0, w21=-2.0),
              dict(tau1=1.0, tau2=1.0, w11=2.0, w12=1.0, w21=0.0),
              dict(tau1=0.5, tau2=3.0, w11=1.0, w12=0.0, w21=2.0)]
    on_set = [bool(printed_conditions(q, equations=P)["39"]) for q in points]
    discrete = [bool(true_discrete_spectrum(q)) for q in points]
    p, printed, truth, _ = _sample(P)
    return Verdict(
        "39", "", decide(equal=all(d for d, o in zip(discrete, on_set) if o)
                         and not np.any(printed["39"] & ~truth)),
        r"Faithful translation of $\xi_1 = 0$, but a useless branch: for $\Delta \ge 0$, "
        r"$\xi_1 = \sqrt{\Delta}(\sqrt{\Delta} - E_2)$ vanishes only on $\Delta = 0$ or on "
        r"$w_{12} w_{21} = 0$ with $w_{11} \ge 1$ (measure zero); there the correct $\hat H$ "
        r"has no discrete spectrum ($\Delta \ge 0$), and the paper's $\psi$ does not vanish "
        "at both ends (see 38-alt).  The branch must be dropped.",
        corrected=r"\text{drop: } \mathrm{Re}\,\xi_1=0 \text{ gives no normalizable "
                  r"eigenfunction; the condition is } " + CORRECTED,
        evidence={"lhs39_minus_xi1_from_25_19_20": diff,
                  "points on the set": points, "(39) holds there": on_set,
                  "discrete spectrum there": discrete,
                  "sample networks satisfying (39)": int(np.sum(printed["39"])),
                  "sample": f"{N_SAMPLE} networks, seed {SEED}"})


@check("40", "Re(xi2) > 0 in the weights")
def _check_40(P):
    from ctrnn.classical.weights import true_discrete_spectrum
    EQUATIONS = P
    _, xi2 = rederived_xi(P)
    diff = _simplified(EQUATIONS[40].lhs - xi2)
    p, printed, truth, _ = _sample(P)
    rng = np.random.default_rng(SEED + 40)
    q = dict(p)
    for key in ("theta1", "theta2", "I1", "I2"):
        q[key] = rng.normal(0.0, 3.0, N_SAMPLE)
    printed_q = printed_conditions(q, equations=P)
    truth_q = true_discrete_spectrum(q)
    return Verdict(
        "40", "", decide(equal=bool(np.all(printed["40"] == truth))),
        r"Faithful translation of $\operatorname{Re}\xi_2 > 0$ (Eq. 26 with 19-20), but "
        r"irrelevant to normalizability: it only enters through the branch "
        r"$\operatorname{Re}\xi_1 = 0$, which never gives decay (38-alt), and the true "
        r"condition does not involve the biases or inputs at all; redrawing $\theta$, $I$ "
        r"flips (40) on many networks but never changes whether the correct $\hat H$ has a "
        "discrete spectrum.",
        corrected=r"\text{no condition on } \xi_2 \ (\theta_1,\theta_2,I_1,I_2 "
                  r"\text{ free}); \text{ the condition is } " + CORRECTED,
        evidence={"lhs40_minus_xi2_from_26_19_20": diff,
                  "sample": f"{N_SAMPLE} networks, seed {SEED}; " + r"$\theta$, $I$ redrawn "
                            f"from $N(0, 3^2)$ with seed {SEED + 40}",
                  "(40) flipped by redrawing theta, I": int(np.sum(printed["40"] != printed_q["40"])),
                  "discreteness changed by redrawing theta, I": int(np.sum(truth != truth_q)),
                  "fraction of discrete networks satisfying (40)": float(np.mean(printed["40"][truth]))})


@check("40-conclusion", "weights 'motivated by an underlying quantum structure'")
def _check_conclusion(P):
    from ctrnn.classical.weights import centre_condition, hamiltonian_params
    p, printed, truth, kind = _sample(P)
    paper = printed["paper"]
    centre = centre_condition()
    from ctrnn.symbols import PARAMETERS
    q = hamiltonian_params(p)
    f = sp.lambdify(PARAMETERS, centre.lhs, modules="numpy")
    symbolic_centre = f(*(q[s.name] for s in PARAMETERS)) < 0
    from ctrnn.classical.dynamics import classify, linear_system
    from ctrnn.classical.network import CTRNN2
    names = ("tau1", "tau2", "w11", "w12", "w21", "w22", "theta1", "theta2", "I1", "I2")
    first = range(200)
    by_dynamics = [classify(linear_system(CTRNN2(*(q[k][i] for k in names)), (1, 1))[0])
                   for i in first]
    agree_dynamics = float(np.mean([a == b for a, b in zip(kind[:200], by_dynamics)]))
    # closed orbits belong to the network only if the both-active equilibrium is in that region
    from ctrnn.classical.dynamics import equilibrium
    inside = []
    for i in first:
        if kind[i] != "centre":
            continue
        net = CTRNN2(*(q[k][i] for k in names))
        ys = equilibrium(net, (1, 1))
        inside.append(bool(ys[0] + net.theta1 >= 0 and ys[1] + net.theta2 >= 0))
    frac_inside = float(np.mean(inside)) if inside else float("nan")
    claim = P["40-conclusion"]
    if claim not in ("quantum", "classical centre"):
        raise ValueError(f"the 40-conclusion claim must be 'quantum' or 'classical centre', got {claim!r}")
    classical = bool(np.all(truth == (kind == "centre")))
    # what the paper's criterion accepts, counted twice over: by classical type
    # (the types partition the sample) and against the truth (inclusion-exclusion)
    accepted = {t: int(np.sum(kind[paper] == t)) for t in ("saddle", "centre", "degenerate")}
    n, n_paper, n_truth = paper.size, int(np.sum(paper)), int(np.sum(truth))
    n_both = int(np.sum(paper & truth))
    agreement = float(np.mean(paper == truth))
    return Verdict(
        "40-conclusion", "", decide(
            equal=(claim == "quantum") and not classical,
            equal_under={"discreteness is the classical centre condition (Monte Carlo)":
                         claim == "classical centre" and classical,
                         "closed orbits only when the equilibrium lies in the both-active "
                         "region, which depends on theta and I": 0 < frac_inside < 1},
            facts={"classical_type agrees with dynamics.classify": agree_dynamics == 1.0,
                   "discreteness equals the symbolic centre condition":
                       bool(np.all(truth == symbolic_centre)),
                   "each accepted network has exactly one classical type":
                       sum(accepted.values()) == n_paper,
                   "agreement with the truth = (N - accepted - discrete + 2 both) / N":
                       abs(agreement - (n - n_paper - n_truth + 2 * n_both) / n) < 1e-12}),
        "Unsupported.  Corrected, the boundary conditions impose one inequality, "
        r"$\tau_1 w_{12} w_{21} < -\tau_2 (w_{11} - 1)^2$, which is exactly the classical "
        "condition "
        "for the both-active equilibrium to be a centre (closed orbits): it adds "
        "nothing beyond the classical phase portrait, leaves biases and inputs free "
        "and says nothing about training.  The closed orbits are the network's only if "
        "that equilibrium lies inside the both-active region (it does for "
        f"{frac_inside:.0%} of the sampled centres; it depends on " + r"$\theta$ and $I$), "
        "the only region where $H$ (18) generates the flow.  The printed conditions instead "
        "accept " + _accepted_text(accepted) + f" ({n_paper} of the {n} sampled networks)"
        + (r", where the correct $\hat H$ has no eigenfunctions at all." if n_both == 0 else
           f", of which {n_both} have a discrete spectrum."),
        corrected=r"\text{The only constraint, } " + CORRECTED + r", \text{ is the "
                  r"classical centre condition of (5)-(6); it carries no quantum information.}",
        evidence={
            "claim": claim,
            "sample": f"{N_SAMPLE} networks, seed {SEED}",
            "centre condition derived from (5)-(6), (13)": sp.sstr(centre),
            "discrete spectrum == classical centre (fraction)": float(np.mean(truth == (kind == "centre"))),
            "classical_type == dynamics.classify of region (1, 1), first 200 (fraction)":
                agree_dynamics,
            "discrete spectrum == symbolic centre condition (fraction)":
                float(np.mean(truth == symbolic_centre)),
            "centres among the first 200 with the equilibrium in the both-active region (fraction)":
                frac_inside,
            "paper's criterion accepts (fraction)": float(np.mean(paper)),
            "discrete spectrum (fraction)": float(np.mean(truth)),
            "paper's criterion and discrete spectrum (count)": int(np.sum(paper & truth)),
            "agreement of paper's criterion with truth (fraction)": agreement,
            "paper-accepted networks that are classical saddles (fraction)":
                accepted["saddle"] / n_paper if n_paper else float("nan"),
            "paper-accepted networks by classical type (count)": accepted,
        })


def _accepted_text(accepted: dict) -> str:
    """"only classical saddles" or the counts per classical type, in words."""
    plural = {"saddle": "saddles", "centre": "centres", "degenerate": "degenerate networks"}
    present = {t: c for t, c in accepted.items() if c}
    if not present:
        return "no network"
    if len(present) == 1:
        return f"only classical {plural[next(iter(present))]}"
    return ", ".join(f"{c} {plural[t]}" for t, c in present.items())
