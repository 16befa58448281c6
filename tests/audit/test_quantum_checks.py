"""Tests of the helpers of the checks of Eqs. (21)-(37) (ctrnn.audit.quantum)."""
import sympy as sp

from ctrnn.audit import quantum as quantum_checks

x = sp.Symbol("x")


def test_zero_expr_sees_rational_and_trigonometric_zeros_and_nothing_else():
    # (x^2 - 1)/(x - 1) - (x + 1) = 0 by cancelling the factor x - 1 (by hand)
    assert quantum_checks._zero_expr((x ** 2 - 1) / (x - 1) - (x + 1))
    # sin^2 + cos^2 - 1 = 0: a trigonometric identity that cancel(expand) leaves
    # as it is, so only the simplify route can see it
    trig = sp.sin(x) ** 2 + sp.cos(x) ** 2 - 1
    assert sp.cancel(sp.expand(trig)) != 0
    assert quantum_checks._zero_expr(trig)
    assert quantum_checks._zero_expr(0)
    # not zero: a difference that vanishes at x = 1 only, and sin^2 + cos^2 - 2 = -1
    assert not quantum_checks._zero_expr(x - 1)
    assert not quantum_checks._zero_expr(sp.sin(x) ** 2 - sp.cos(x) ** 2 - 1 + 2 * sp.cos(x) ** 2 - 1)


def test_item_22_names_the_printed_operators_defect_from_its_adjoint():
    # The E2 part of printed (22) is T = -iE2 (y2 d/dy2 + 1)/2.  By hand, the formal
    # adjoint of y2 d/dy2 is -(d/dy2) y2 = -y2 d/dy2 - 1, so
    # (-i c y2 d)^+ = -i c y2 d - i c and T^+ = -iE2/2 y2 d - iE2/2 + iE2/2 = -iE2/2 y2 d:
    # T - T^+ = -iE2/2, a constant; the other terms (D1 y2, D2 y2^2, C2 d^2, C1 d with
    # its i) are symmetric.  The summary must state that constant.
    from ctrnn import audit
    v = audit.run("22")
    assert v.verdict == "erratum"
    assert v.summary.endswith("it differs from its adjoint by the constant $-iE_2/2$.")


def test_item_29_states_where_alpha_is_the_printed_equations_kummer_parameter():
    # the summary's "exactly ... when C2 > 0 and Delta > 0 (but not for C2 < 0)" is
    # the evidence: derived minus printed alpha is 0 for C2 = c > 0 and not for C2 = -c
    from ctrnn import audit
    ev = audit.run("29").evidence
    pos = next(v for k, v in ev.items() if k.startswith("printed $\\alpha$") and "c > 0" in k)
    neg = next(v for k, v in ev.items() if k.startswith("printed $\\alpha$") and "-c < 0" in k)
    assert pos == "0" and neg not in ("0", "")


def test_a_shifted_level_formula_is_not_the_printed_equations_levels():
    # (36) with 4m + 1 -> 4m + 5 (either sign of the shift) differs from the levels of the
    # printed (23): the summary must say so, whatever the sign of the difference
    from ctrnn import audit
    from ctrnn.paper import EQUATIONS
    from ctrnn.symbols import m
    eq = EQUATIONS[36]
    for shift in (4, -4):
        P = {**EQUATIONS, 36: sp.Eq(eq.lhs, eq.rhs.subs(m, m + sp.Rational(shift, 4)))}
        v = audit.run("36", P)
        assert v.verdict == "erratum"
        assert v.summary.startswith("(36)-(37) are not the even levels of the printed (23)"), shift
