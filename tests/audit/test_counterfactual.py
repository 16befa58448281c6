"""The audit can change its mind: pinned verdicts, counterfactual papers, the rule, the cache.

PINNED is the one table of expected verdicts, each with a reason a reviewer
can check against the paper.  MISPRINTS holds plausible misprints of confirmed
entries (flipped sign, dropped 1/2, swapped w12/w21 or tau1/tau2): each must
make its item not confirmed.  CORRECTIONS replaces an erratum's entry by its
corrected form (an equivalent SymPy object of the audit's ``corrected``
LaTeX): each must make its item confirmed or conditional.
"""
import pytest
import sympy as sp

from ctrnn import audit
from ctrnn import symbols as S
from ctrnn.audit import cache, rule
from ctrnn.paper import EQUATIONS
from ctrnn.paper.claims import p_tail, re_xi1
from ctrnn.paper.equations import I_, Hhat, i_idx, lam_e, lam_o, psi_even, psi_odd
from ctrnn.symbols import A1, A2, C1, C2, D1, D2, E2, alpha, beta, lam, m, psi, x, xi1, xi2, y2

#: item -> (expected verdict, one-line reason)
PINNED = {
    "1": ("confirmed", "(1) with n = 2 expands to (2)-(3) once the bias sign is read as +"),
    "1-bias": ("notation", "(1) prints y_j - theta_j, (2)-(3) print y_j + theta_j"),
    "2": ("confirmed", "ReLU network, neuron 1, as in (1)"),
    "3": ("confirmed", "ReLU network, neuron 2, as in (1)"),
    "4": ("confirmed", "max(0, z) is the ReLU"),
    "5": ("confirmed", "both active: f(z) = z"),
    "6": ("confirmed", "both active: f(z) = z"),
    "7": ("confirmed", "both inactive: f(z) = 0"),
    "8": ("confirmed", "both inactive: f(z) = 0"),
    "9": ("conditional", "solves (7) but describes the network only while both neurons stay inactive"),
    "9-names": ("notation", "C1, C2 reused for unrelated constants"),
    "10": ("conditional", "solves (8), same restriction as (9)"),
    "11": ("confirmed", "Hamilton's equations conserve H"),
    "12": ("confirmed", "mixed partials"),
    "13": ("confirmed", "divergence of (5)-(6) = 0"),
    "13-cases": ("confirmed", "three sign cases of (13)"),
    "14": ("confirmed", "tau1 solved from (13), w22 < 1 < w11"),
    "15": ("confirmed", "tau1 solved from (13), w11 < 1 < w22"),
    "15-free": ("confirmed", "the divergence has no w12, w21"),
    "16": ("confirmed", "integral of f1 over y2"),
    "17": ("conditional", "g depends on y1 alone only under (13)"),
    "17-ref": ("notation", "the text cites (8) where (6) is meant"),
    "18": ("confirmed", "H of (18)-(20) is the integrated H"),
    "18-region": ("conditional", "H conserved only in the both-active region"),
    "19": ("confirmed", "coefficients read off H"),
    "20": ("conditional", "second equality of (20) is (13)"),
    "fig1": ("erratum", "H is quadratic: a linear oscillator, not a nonlinear pendulum"),
    "21": ("notation", "[y1^, y2^] = -i: the conjugate convention"),
    "22": ("erratum", "Weyl ordering gives +C2 d^2 and -iE2(y2 d + 1/2)"),
    "23": ("erratum", "factors i dropped, D2 sign flipped"),
    "23-decay": ("erratum", "psi ~ |y2|^(-1/4) vanishes but is not square integrable"),
    "24": ("confirmed", "the Gaussian-times-Kummer form solves the correct equation"),
    "25": ("erratum", "printed xi1 is not the complex root"),
    "26": ("erratum", "printed xi2 is not the derived one"),
    "27": ("erratum", "O(1) residuals"),
    "28": ("erratum", "O(1) residuals"),
    "29": ("erratum", "alpha of the correct equation differs"),
    "30": ("confirmed", "beta = alpha + 1/2 for any such equation"),
    "31": ("confirmed", "the Kummer series"),
    "31-alpha-beta": ("erratum", "beta = alpha + 1/2 forbids alpha = beta = -m"),
    "31-discrete": ("conditional", "discrete iff Delta < 0, exception H^ = 0"),
    "32": ("erratum", "the printed eigenfunctions solve neither equation"),
    "33": ("erratum", "the printed eigenfunctions solve neither equation"),
    "34": ("confirmed", "Hermite as 1F1"),
    "35": ("confirmed", "Hermite as 1F1"),
    "36": ("erratum", "not levels of the correct H"),
    "36-printed": ("conditional", "levels of the printed (23) when C2 > 0, Delta > 0, sqrt(Delta) > E2"),
    "37": ("erratum", "not levels of the correct H"),
    "38": ("erratum", "selects saddles; the truth is the centre condition"),
    "38-alt": ("erratum", "Re xi1 = 0 never gives decay at both ends"),
    "38-printed": ("conditional", "(38) is decay for the printed (23) when C2 > 0, Delta > 0"),
    "38-psi": ("conditional", "(38) decides decay of the printed psi"),
    "38-real": ("notation", "Re(.) dropped from (38)-(40)"),
    "39": ("erratum", "a measure-zero branch without discrete spectrum"),
    "40": ("erratum", "depends on theta, I; the truth does not"),
    "40-conclusion": ("erratum", "the only constraint is the classical centre condition"),
}


def test_every_item_is_pinned_and_has_its_verdict():
    got = {v.equation: v.verdict for v in audit.run_all()}
    assert set(got) == set(PINNED)
    assert {e: got[e] for e in PINNED} == {e: w for e, (w, _) in PINNED.items()}


w11, w12, w21, w22, t1, t2 = S.w11, S.w12, S.w21, S.w22, S.tau1, S.tau2
swap_w = {w12: w21, w21: w12}
swap_tau = {t1: t2, t2: t1}


def _rhs(k, f):
    eq = EQUATIONS[k]
    return sp.Eq(eq.lhs, f(eq.rhs))


def _tuple(k, i, f):
    parts = list(EQUATIONS[k])
    parts[i] = sp.Eq(parts[i].lhs, f(parts[i].rhs))
    return sp.Tuple(*parts)


_P = psi(y2)
_dP, _d2P = sp.Derivative(_P, y2), sp.Derivative(_P, (y2, 2))

#: (item, misprint name, equation number, replacement)
MISPRINTS = [
    ("1", "sign of I_i flipped", 1, _rhs(1, lambda e: e.subs(I_[i_idx], -I_[i_idx]))),
    ("1", "w_ji -> w_ij", 1, _rhs(1, lambda e: e.replace(
        lambda a: isinstance(a, sp.Indexed) and a.base.name == "w",
        lambda a: a.base[a.indices[1], a.indices[0]]))),
    ("4", "max -> min", 4, _rhs(4, lambda e: sp.Min(*e.args))),
    ("11", "sign of the second equation flipped", 11, sp.Tuple(
        EQUATIONS[11][0], sp.Eq(EQUATIONS[11][1].lhs, -EQUATIONS[11][1].rhs))),
    ("12", "sign flipped", 12, sp.Eq(EQUATIONS[12].lhs, -EQUATIONS[12].rhs)),
    ("13-cases", "(15)'s tau1 formula with its sign flipped", 15, _tuple(15, 0, lambda e: -e)),
    ("13-cases", "(14) with w22 > 1", 14, sp.Tuple(EQUATIONS[14][0], sp.StrictGreaterThan(w22, 1),
                                                   EQUATIONS[14][2])),
    ("15", "w22 < 1 in (15)", 15, sp.Tuple(EQUATIONS[15][0], sp.StrictLessThan(w22, 1),
                                           EQUATIONS[15][2])),
    ("15-free", "(13) with a w12 term", 13, sp.Eq(EQUATIONS[13].lhs, EQUATIONS[13].rhs + w12)),
    ("2", "w21 and w12 swapped", 2, _rhs(2, lambda e: e.subs(swap_w, simultaneous=True))),
    ("2", "sign of I1 flipped", 2, _rhs(2, lambda e: e.subs(S.I1, -S.I1))),
    ("3", "tau2 -> tau1", 3, _rhs(3, lambda e: e.subs(t2, t1))),
    ("5", "w21 -> w12", 5, _rhs(5, lambda e: e.subs(w21, w12))),
    ("6", "sign of w22 flipped", 6, _rhs(6, lambda e: e.subs(w22, -w22))),
    ("7", "tau1 -> tau2", 7, _rhs(7, lambda e: e.subs(t1, t2))),
    ("8", "sign of I2 flipped", 8, _rhs(8, lambda e: e.subs(S.I2, -S.I2))),
    ("13", "sign flipped", 13, sp.Eq((w11 - 1) / t1, (w22 - 1) / t2)),
    ("13", "tau1/tau2 swapped", 13, sp.Eq((w11 - 1) / t2, (1 - w22) / t1)),
    ("14", "tau1 and tau2 swapped", 14, _tuple(14, 0, lambda e: e.subs(t2, t1))),
    ("16", "1/2 dropped", 16, _rhs(16, lambda e: e.subs(w21 / (2 * t1), w21 / t1))),
    ("16", "w21 -> w12", 16, _rhs(16, lambda e: e.subs(w21, w12))),
    ("17", "1/2 dropped", 17, _rhs(17, lambda e: e + w12 / (2 * t2) * S.y1 ** 2)),
    ("18", "sign of C2 flipped", 18, _rhs(18, lambda e: e.subs(S.C2, -S.C2))),
    ("19", "1/2 dropped in C2", 19, _tuple(19, 2, lambda e: 2 * e)),
    ("19", "w12/w21 swapped in D2", 19, _tuple(19, 3, lambda e: e.subs(w21, w12))),
    ("19", "tau1 -> tau2 in D1", 19, _tuple(19, 1, lambda e: e.subs(t1, t2))),
    ("24", "sign of xi2 flipped", 24, _rhs(24, lambda e: e.subs(S.xi2, -S.xi2))),
    ("31", "factorial dropped", 31, sp.Eq(EQUATIONS[31].lhs, EQUATIONS[31].rhs.replace(
        sp.factorial, lambda a: 1))),
    ("34", "(-1)^n dropped", 34, _rhs(34, lambda e: e.subs((-1) ** S.n, 1))),
    # a near miss: relative error n/(n + 1) < 1
    ("34", "n! -> (n + 1)!", 34, _rhs(34, lambda e: e.subs(sp.factorial(S.n),
                                                           sp.factorial(S.n + 1)))),
    ("35", "2x -> x", 35, _rhs(35, lambda e: e / 2)),
    ("30", "beta = alpha - 1/2", 30, sp.Eq(S.beta, S.alpha - sp.Rational(1, 2))),
    ("30", "beta = 2 alpha", 30, sp.Eq(S.beta, 2 * S.alpha)),
    ("18", "w12/w21 swapped in the y2^2 term", 18, _rhs(18, lambda e: e.subs(S.D2, S.C2))),
    ("24", "xi1 y2 -> xi1", 24, _rhs(24, lambda e: e.subs(S.xi1 * y2, S.xi1))),
]


def test_every_confirmed_item_has_misprints():
    confirmed = {e for e, (w, _) in PINNED.items() if w == "confirmed"}
    assert confirmed <= {m[0] for m in MISPRINTS}


@pytest.mark.parametrize("item, name, key, entry", MISPRINTS,
                         ids=[f"{m[0]}: {m[1]}" for m in MISPRINTS])
def test_a_misprint_makes_a_confirmed_item_not_confirmed(item, name, key, entry):
    assert entry != EQUATIONS[key], "the misprint must change the entry"
    v = audit.run(item, {**EQUATIONS, key: entry})
    assert v.verdict not in ("confirmed", "failed"), (item, name, v.summary)


def _corrected_38():
    return sp.StrictGreaterThan(-t2 * (w11 - 1) ** 2 - t1 * w12 * w21, 0)


# The corrected forms, as SymPy objects equivalent to the audit's `corrected` LaTeX.
_D = 4 * C2 * D2 + E2 ** 2
_sgn = sp.sign(C2)
_HSTAR = (D2 * C1 ** 2 + C1 * D1 * E2 - C2 * D1 ** 2) / _D
_YSTAR = (C1 * E2 - 2 * C2 * D1) / _D
_ELL = sp.sqrt(2 * sp.Abs(C2)) / (-_D) ** sp.Rational(1, 4)
_PHASE = (E2 * y2 ** 2 / 2 - C1 * y2) / (2 * C2)


def _level(k):
    return _HSTAR - _sgn * sp.sqrt(-_D) * (k + sp.Rational(1, 2))


def _eigenfunction(k):
    return sp.hermite(k, (y2 - _YSTAR) / _ELL) * sp.exp(
        -(y2 - _YSTAR) ** 2 / (2 * _ELL ** 2) + sp.I * _PHASE)


def _kummer_27():
    """(24)-(30) of the correctly quantized equation (derived solution, root +1)."""
    from ctrnn.quantum.kummer import derived_solution
    sol = derived_solution(1)
    zeta = sol.kappa * (x - sol.centre) ** 2
    odd = A2 * (x - sol.centre) * sp.hyper([beta], [sp.Rational(3, 2)], zeta)
    return {25: sp.Eq(xi1, sol.xi1), 26: sp.Eq(xi2, sol.xi2), 29: sp.Eq(alpha, sol.alpha),
            27: sp.Eq(S.Psi(x), A1 * sp.hyper([alpha], [sp.Rational(1, 2)], zeta) + odd),
            28: odd}


def _corrected_38():
    return sp.StrictGreaterThan(-t2 * (w11 - 1) ** 2 - t1 * w12 * w21, 0)


#: (item, replacement entries); an erratum whose correction spans several
#: entries (a solution and its parameters) replaces them together.
CORRECTIONS = [
    ("fig1", {"fig1": "linear oscillator"}),
    ("22", {22: sp.Eq(Hhat(_P), sp.I * C1 * _dP + C2 * _d2P + D1 * y2 * _P + D2 * y2 ** 2 * _P
                      - sp.I * E2 * (y2 * _dP + _P / 2))}),
    ("23", {23: sp.Eq(C2 * _d2P + sp.I * (C1 - E2 * y2) * _dP
                      + (D1 * y2 + D2 * y2 ** 2 - sp.I * E2 / 2) * _P, lam * _P)}),
    ("23-decay", {"23-decay": sp.StrictGreaterThan(p_tail, sp.Rational(1, 2))}),
    ("25", {25: sp.Eq(xi1, (sp.sqrt(-_D) - sp.I * _sgn * E2) / (4 * sp.Abs(C2)))}),
    ("26", {26: sp.Eq(xi2, (C1 * E2 - 2 * C2 * D1) / (2 * sp.Abs(C2) * sp.sqrt(-_D))
                      + sp.I * C1 / (2 * C2))}),
    ("27", _kummer_27()),
    ("28", _kummer_27()),
    ("29", {29: sp.Eq(alpha, sp.Rational(1, 4) + _sgn * (lam - _HSTAR) / (2 * sp.sqrt(-_D)))}),
    ("31-alpha-beta", {"31-alpha-beta": sp.Or(sp.And(sp.Eq(alpha, -m), sp.Eq(A2, 0)),
                                              sp.And(sp.Eq(beta, -m), sp.Eq(A1, 0)))}),
    ("32", {32: sp.Eq(psi_even(y2), _eigenfunction(2 * m)), 36: sp.Eq(lam_e, _level(2 * m))}),
    ("33", {33: sp.Eq(psi_odd(y2), _eigenfunction(2 * m + 1)), 37: sp.Eq(lam_o, _level(2 * m + 1))}),
    ("36", {36: sp.Eq(lam_e, _level(2 * m))}),
    ("37", {37: sp.Eq(lam_o, _level(2 * m + 1))}),
    ("38", {38: _corrected_38()}),
    ("38-alt", {"38-alt": sp.StrictGreaterThan(re_xi1, 0)}),
    ("39", {39: sp.Eq((w11 - 1) ** 2 + 1, 0, evaluate=False)}),  # branch dropped: never holds
    ("40", {40: _corrected_38()}),
    ("40-conclusion", {"40-conclusion": "classical centre"}),
]


def test_every_erratum_has_a_correction():
    errata = {e for e, (w, _) in PINNED.items() if w == "erratum"}
    assert errata == {c[0] for c in CORRECTIONS}


@pytest.mark.parametrize("item, entries", CORRECTIONS, ids=[c[0] for c in CORRECTIONS])
def test_the_corrected_form_makes_an_erratum_confirmed(item, entries):
    v = audit.run(item, {**EQUATIONS, **entries})
    assert v.verdict in ("confirmed", "conditional"), (item, v.summary, v.evidence.get("traceback"))


def test_the_rule():
    assert rule.decide(equal=True) == "confirmed"
    assert rule.decide(equal=False, equal_under={"c": True}) == "conditional"
    assert rule.decide(equal=False, equal_under={"c": False}) == "erratum"
    assert rule.decide(equal=False, equal_after={"rename": True}) == "notation"
    with pytest.raises(rule.EvidenceError, match="the stated fact"):
        rule.decide(equal=True, facts={"the stated fact": False})


def test_no_check_writes_a_verdict_word_or_imports_the_paper():
    import pathlib
    import re
    root = pathlib.Path(audit.__file__).parent
    for name in ("classical.py", "quantum.py", "constraints.py"):
        text = (root / name).read_text()
        assert not re.search(r'Verdict\(\s*[^)]*?,\s*"[^"]*",\s*"(confirmed|conditional|erratum|notation)"', text), name
        assert "from ctrnn.paper.equations import EQUATIONS" not in text, name
        assert "from ctrnn.paper import EQUATIONS" not in text, name


def test_a_source_change_invalidates_the_cache(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.py").write_text("X = 1\n")
    before = cache.source_hash(pkg)
    (pkg / "a.py").write_text("X = 2\n")
    assert cache.source_hash(pkg) != before


def test_a_counterfactual_paper_bypasses_the_cache(monkeypatch):
    calls = []
    monkeypatch.setattr(cache, "load", lambda e: calls.append(e))
    audit.run("13", {**EQUATIONS})
    assert calls == []


def test_a_wrong_truth_fails_the_audit(monkeypatch):
    """Planted bugs in the physics: the cross-checks make the check fail, not ship."""
    import ctrnn.audit.constraints as constraints
    import ctrnn.classical.hamiltonian as hamiltonian
    import ctrnn.classical.weights as weights
    import ctrnn.quantum.levels as levels

    paper = dict(EQUATIONS)                       # a copy: no cache is read or written
    spectrum = levels.spectrum
    monkeypatch.setattr(levels, "spectrum", lambda net, n: spectrum(net, n + 1)[1:])
    assert audit.run("36", paper).verdict == "failed"          # off-by-one level index
    monkeypatch.setattr(levels, "spectrum", spectrum)
    truth = weights.true_discrete_spectrum
    constraints._sample_truth.cache_clear()
    monkeypatch.setattr(weights, "true_discrete_spectrum", lambda p: ~truth(p))
    try:
        assert audit.run("38", paper).verdict == "failed"      # inverted truth
        assert audit.run("40-conclusion", paper).verdict == "failed"
    finally:
        monkeypatch.setattr(weights, "true_discrete_spectrum", truth)
        constraints._sample_truth.cache_clear()
    divergence = hamiltonian.divergence
    monkeypatch.setattr(hamiltonian, "divergence", lambda: -divergence())
    assert audit.run("13", paper).verdict == "failed"          # wrong sign of the divergence


def _bias_as_in_2_3():
    return _rhs(1, lambda e: e.replace(
        lambda a: isinstance(a, sp.Indexed) and a.base.name == "theta", lambda a: -a))


#: (notation item, replacement entries that undo the renaming, the sign
#: convention or the wrong cross-reference): each must make its item confirmed.
NOTATION_UNDONE = [
    ("1-bias", {1: _bias_as_in_2_3()}),
    ("17-ref", {8: EQUATIONS[6]}),               # (8) reads as the equation meant, (6)
    ("21", {21: sp.Tuple(EQUATIONS[21][0], sp.Eq(EQUATIONS[21][1].lhs,
                                                 -EQUATIONS[21][1].rhs))}),
]


@pytest.mark.parametrize("item, entries", NOTATION_UNDONE, ids=[c[0] for c in NOTATION_UNDONE])
def test_undoing_the_notation_makes_the_item_confirmed(item, entries):
    assert PINNED[item][0] == "notation"
    v = audit.run(item, {**EQUATIONS, **entries})
    assert v.verdict == "confirmed", (item, v.summary, v.evidence.get("traceback"))


#: Near misses of a corrected form (an erratum's correction with one slip): each
#: must stay an erratum, so a check's tolerance cannot be loose enough to let a
#: relative error below 1 through.
NEAR_MISSES = [
    ("36", {36: sp.Eq(lam_e, _level(2 * m) - _sgn * sp.sqrt(-_D) / 2)}),      # k + 1/2 -> k + 1
    ("37", {37: sp.Eq(lam_o, _level(2 * m + 1) * sp.Rational(11, 10))}),     # 10 % off
]


@pytest.mark.parametrize("item, entries", NEAR_MISSES, ids=[c[0] for c in NEAR_MISSES])
def test_a_near_miss_of_the_correction_stays_an_erratum(item, entries):
    v = audit.run(item, {**EQUATIONS, **entries})
    assert v.verdict == "erratum", (item, v.summary, v.evidence.get("traceback"))


def test_a_reversed_38_is_not_the_printed_equations_decay_condition():
    # (38) with < for >: it no longer agrees with the decay of the printed (23)'s
    # eigenfunctions, so 38-printed cannot stay conditional
    flipped = sp.StrictLessThan(EQUATIONS[38].lhs, EQUATIONS[38].rhs)
    v = audit.run("38-printed", {**EQUATIONS, 38: flipped})
    assert v.verdict == "erratum", v.summary
