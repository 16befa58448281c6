"""Tests of the checks of Eqs. (1)-(20) and Fig. 1 (ctrnn.audit.classical)."""
import time

import pytest
import sympy as sp

from ctrnn import audit
from ctrnn import symbols as S
from ctrnn.audit import classical
from ctrnn.book import hamiltonian, odes
from ctrnn.paper import equations as paper

ITEMS = [str(k) for k in range(1, 21)] + ["fig1"]


def _fresh(equation):
    audit._CACHE.pop(equation, None)
    return audit.run(equation)


@pytest.mark.parametrize("equation", ITEMS)
def test_every_item_has_a_verdict_quickly(equation):
    start = time.perf_counter()
    v = _fresh(equation)
    assert time.perf_counter() - start < 5.0
    assert v.verdict in audit.VERDICTS, v.summary
    assert v.evidence
    if v.verdict == "erratum":
        assert v.corrected


def test_chapters_have_no_unchecked_or_failed_items():
    for chapter in ("odes", "hamiltonian"):
        states = {v.equation: v.verdict for v in audit.run_all(chapter)}
        assert set(states) >= set(audit.CHAPTERS[chapter][1])
        assert not {e for e, s in states.items() if s in ("unchecked", "failed")}


def test_extra_claims_are_registered_in_their_chapters():
    extra = {"1-bias": "odes", "9-names": "odes", "13-cases": "hamiltonian",
             "15-free": "hamiltonian", "17-ref": "hamiltonian", "18-region": "hamiltonian"}
    for claim, chapter in extra.items():
        assert claim in audit.ids(chapter)


def test_a_wrong_printed_equation_makes_its_check_fail(monkeypatch):
    # Flip the sign of (13) as printed: the check must not confirm it.
    P = {**paper.EQUATIONS, 13: sp.Eq((-1 + S.w11) / S.tau1, (S.w22 - 1) / S.tau2)}
    assert audit.run("13", P).verdict == "erratum"


def test_a_correct_cross_reference_would_not_be_flagged(monkeypatch):
    # If (17) were what Eq. (8) gives, the 17-ref check must not call it notation.
    g8 = sp.Function("g")(S.y1)
    P = {**paper.EQUATIONS, 17: sp.Eq(g8, S.const + S.y1 * S.y2)}
    assert audit.run("17-ref", P).verdict == "erratum"


def test_bias_claim_compares_against_the_printed_equation(monkeypatch):
    printed = paper.EQUATIONS[2]
    changed = sp.Eq(printed.lhs, printed.rhs.subs(S.theta1, -S.theta1))
    P = {**paper.EQUATIONS, 2: changed}
    assert audit.run("1-bias", P).verdict == "erratum"


def test_difference_table_reads_the_evidence_and_rejects_other_items():
    table = hamiltonian.difference_table(["16", "19"])
    assert "| (16) | `0` |" in table
    with pytest.raises(ValueError, match="items: check '4'"):
        hamiltonian.difference_table(["4"])


def test_bias_differences_latex_shows_two_nonzero_differences():

    parts = odes.bias_differences_latex().split(r",\qquad ")
    assert len(parts) == 2
    for part, k in zip(parts, (2, 3)):
        assert part.startswith(r"\text{(1)}") and rf"\text{{({k})}} = " in part
        assert not part.endswith("= 0")


def test_a_misprinted_region_equation_quotes_its_difference():
    # (5) printed with w21 -> w12: by hand, derived minus printed is
    # (w21 - w12)(y2 + theta2)/tau1, the only term of (5) that changes
    eq = paper.EQUATIONS[5]
    v = audit.run("5", {**paper.EQUATIONS, 5: sp.Eq(eq.lhs, eq.rhs.subs(S.w21, S.w12))})
    assert v.verdict == "erratum"
    names = {s.name: s for s in (S.w12, S.w21, S.y2, S.theta2, S.tau1)}
    quoted = sp.sympify(v.evidence["difference"], locals=names)
    assert sp.simplify(quoted - (S.w21 - S.w12) * (S.y2 + S.theta2) / S.tau1) == 0
    # the paper as printed: the quoted difference is zero
    assert audit.run("5").evidence["difference"] == "0"


def test_bias_item_quotes_the_same_theta_difference():
    # by hand: (1) with the same theta minus (2) is
    # [w11 (f(y1 - theta1) - f(y1 + theta1)) + w21 (f(y2 - theta2) - f(y2 + theta2))] / tau1
    v = audit.run("1-bias")
    f = S.f
    names = {s.name: s for s in (S.w11, S.w21, S.y1, S.y2, S.theta1, S.theta2, S.tau1)}
    quoted = sp.sympify(v.evidence["eq1_n2_minus_eq2_same_theta"], locals={**names, "f": f})
    by_hand = (S.w11 * (f(S.y1 - S.theta1) - f(S.y1 + S.theta1))
               + S.w21 * (f(S.y2 - S.theta2) - f(S.y2 + S.theta2))) / S.tau1
    assert sp.simplify(quoted - by_hand) == 0


@pytest.mark.parametrize("item, region", [
    ("5", r"$y_1 + \theta_1 \ge 0$ and $y_2 + \theta_2 \ge 0$"),
    ("8", r"$y_1 + \theta_1 < 0$ and $y_2 + \theta_2 < 0$")])
def test_region_items_name_their_region(item, region):
    assert f"where {region} gives exactly Eq. ({item})" in audit.run(item).summary


def test_a_misprinted_closed_form_quotes_its_residual():
    # (9) printed with tau2 for tau1: y1 = I1 + K1 exp(-t/tau2). By hand its residual in
    # (7), y1' - (I1 - y1)/tau1, is K1 exp(-t/tau2) (1/tau1 - 1/tau2)
    eq = paper.EQUATIONS[9]
    v = audit.run("9", {**paper.EQUATIONS, 9: sp.Eq(eq.lhs, eq.rhs.subs(S.tau1, S.tau2))})
    c1 = next(s for s in eq.rhs.free_symbols if s.name == "K1")      # the constant (9-names)
    names = {s.name: s for s in (c1, S.t, S.tau1, S.tau2, S.I1)}
    quoted = sp.sympify(v.evidence["residual_in_eq_7"], locals=names)
    by_hand = c1 * sp.exp(-S.t / S.tau2) * (1 / S.tau1 - 1 / S.tau2)
    assert sp.simplify(quoted - by_hand) == 0
