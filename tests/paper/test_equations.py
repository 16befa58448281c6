"""Tests of ctrnn.paper: the transcription of Eqs. (1)-(40) as printed.

The structural tests check completeness and the alphabet.  The spot checks
test relations that the paper itself asserts between its numbered equations
(e.g. "Eqs. (19)-(20) and (25) imply (38)"); a slip in transcribing either
side would break them.  Where the paper's equations do NOT agree with each
other, the test asserts the disagreement that is actually there.
"""
import mpmath
import pytest
import sympy as sp
from sympy.core.function import AppliedUndef

from ctrnn.paper import equations as paper
from ctrnn.paper.equations import (
    ALPHABET_EXTRA,
    EQUATIONS,
    FUNCTIONS_EXTRA,
    LATEX,
    READINGS,
    printed,
)
from ctrnn.symbols import (
    A1,
    A2,
    C1,
    C2,
    D1,
    D2,
    E2,
    I1,
    I2,
    PAPER_FUNCTIONS,
    PAPER_SYMBOLS,
    alpha,
    beta,
    const,
    f,
    g,
    lam,
    m,
    n,
    psi,
    sigma,
    t,
    tau1,
    tau2,
    theta1,
    theta2,
    w11,
    w12,
    w21,
    w22,
    x,
    xi1,
    xi2,
    y1,
    y2,
)

NUMBERS = list(range(1, 41))
ALLOWED = PAPER_SYMBOLS | ALPHABET_EXTRA
#: SymPy lists an IndexedBase's label Symbol among the free symbols.
LABELS = {b.label: b for b in ALPHABET_EXTRA if isinstance(b, sp.IndexedBase)}


def _symbols_used(entry):
    """Free symbols, with Indexed objects reduced to their base and indices."""
    used = set()
    for s in entry.free_symbols:
        if s in LABELS:
            used.add(LABELS[s])
        elif isinstance(s, sp.Indexed):
            used.add(s.base)
            for index in s.indices:
                used |= index.free_symbols
        else:
            used.add(s)
    for summation in entry.atoms(sp.Sum):          # bound summation indices
        used |= {limit[0] for limit in summation.limits}
    return used


def _functions_used(entry):
    return {a.func.__name__ for a in entry.atoms(AppliedUndef)}


def _rel(number, k=None):
    entry = EQUATIONS[number]
    return entry if k is None else entry[k]


def _zero(expr):
    return sp.simplify(expr) == 0


# --- structure -------------------------------------------------------------

def test_exactly_the_numbers_1_to_40():
    assert sorted(EQUATIONS) == NUMBERS
    assert sorted(LATEX) == NUMBERS


def test_every_entry_is_sympy_and_relational_except_28():
    for number, entry in EQUATIONS.items():
        assert isinstance(entry, sp.Basic), number
        if number == 28:
            assert isinstance(entry, sp.Expr)
        elif isinstance(entry, sp.Tuple):
            assert all(isinstance(r, sp.core.relational.Relational)
                       for r in entry), number
        else:
            assert isinstance(entry, sp.core.relational.Relational), number


def test_compound_entries_are_tuples_of_the_printed_length():
    lengths = {11: 2, 14: 3, 15: 3, 19: 4, 20: 2, 21: 2}
    for number, length in lengths.items():
        assert isinstance(EQUATIONS[number], sp.Tuple)
        assert len(EQUATIONS[number]) == length


def test_inequalities_38_40_and_equality_39():
    assert isinstance(EQUATIONS[38], sp.StrictGreaterThan)
    assert isinstance(EQUATIONS[40], sp.StrictGreaterThan)
    assert isinstance(EQUATIONS[39], sp.Eq)
    assert EQUATIONS[38].rhs == 0 and EQUATIONS[39].rhs == 0
    assert EQUATIONS[40].rhs == 0


@pytest.mark.parametrize("number", NUMBERS)
def test_only_the_papers_alphabet(number):
    entry = EQUATIONS[number]
    assert _symbols_used(entry) <= ALLOWED
    assert _functions_used(entry) <= PAPER_FUNCTIONS | FUNCTIONS_EXTRA


def test_every_extra_name_is_used():
    used_symbols = set().union(*(_symbols_used(e) for e in EQUATIONS.values()))
    used_functions = set().union(*(_functions_used(e)
                                   for e in EQUATIONS.values()))
    assert ALPHABET_EXTRA <= used_symbols
    assert FUNCTIONS_EXTRA <= used_functions
    assert not ALPHABET_EXTRA & PAPER_SYMBOLS


def test_readings_and_latex_are_keyed_by_equation_number():
    assert set(READINGS) <= set(NUMBERS)
    assert all(isinstance(v, str) and v for v in READINGS.values())
    assert {9, 10, 22, 27, 28, 38, 39, 40} <= set(READINGS)


@pytest.mark.parametrize("number", NUMBERS)
def test_latex_is_balanced_and_free_of_alignment(number):
    source = LATEX[number]
    assert source.count("{") == source.count("}")
    assert source.count(r"\left") == source.count(r"\right")
    assert "&" not in source and r"\displaystyle" not in source
    assert r"\tag" not in source


def test_printed_returns_the_entry():
    for number in NUMBERS:
        assert printed(number) is EQUATIONS[number]


@pytest.mark.parametrize("bad", [0, 41, -3, "x", "13", 13.0, True, None])
def test_printed_rejects_bad_numbers(bad):
    with pytest.raises(ValueError, match="integer 1..40"):
        printed(bad)


# --- spot checks: relations the paper asserts between its equations ---------

def _coefficients(e2_from="w11"):
    """C1, C2, D1, D2, E2 in terms of the weights, from Eqs. (19)-(20)."""
    definitions = {r.lhs: r.rhs for r in EQUATIONS[19]}
    first, chain = EQUATIONS[20]
    definitions[E2] = first.rhs if e2_from == "w11" else chain.rhs
    return definitions


def test_19_20_25_give_38_and_39_exactly():
    """The paper: "Eqs. (19)-(20) and (25) imply" (38); (39) is its = 0 form."""
    xi1 = EQUATIONS[25].rhs.subs(_coefficients())
    assert _zero(xi1 - EQUATIONS[38].lhs)
    assert _zero(xi1 - EQUATIONS[39].lhs)


def test_19_20_26_give_40_exactly():
    """The paper: "using Eqs. (19)-(20) and (26)" gives (40)."""
    xi2 = EQUATIONS[26].rhs.subs(_coefficients())
    assert _zero(xi2 - EQUATIONS[40].lhs)


def test_12_evaluates_to_13():
    """Eq. (12) with f1, f2 the right sides of (5)-(6) is Eq. (13)."""
    lhs12, rhs12 = EQUATIONS[12].lhs.doit(), EQUATIONS[12].rhs.doit()
    assert _zero((lhs12 - rhs12) - (EQUATIONS[13].lhs - EQUATIONS[13].rhs))


def test_13_solved_for_tau1_is_the_formula_of_14_and_15():
    tau1_13 = sp.solve(EQUATIONS[13], tau1)
    assert len(tau1_13) == 1
    assert _zero(tau1_13[0] - EQUATIONS[14][0].rhs)
    assert EQUATIONS[14][0] == EQUATIONS[15][0]
    assert EQUATIONS[14][1:] == sp.Tuple(w22 < 1, w11 > 1)
    assert EQUATIONS[15][1:] == sp.Tuple(w22 > 1, w11 < 1)


def test_20_chain_is_13_rearranged():
    _, chain = EQUATIONS[20]
    assert _zero((chain.lhs - chain.rhs)
                 - (EQUATIONS[13].lhs - EQUATIONS[13].rhs))


def test_16_with_17_is_18_with_19_20_up_to_const():
    """The paper: substituting (17) into (16) gives (18), constant dropped."""
    h16 = EQUATIONS[16].rhs.subs(g(y1), EQUATIONS[17].rhs)
    h18 = EQUATIONS[18].rhs.subs(_coefficients())
    assert _zero(h16 - h18 - const)


def test_16_integrates_5_in_y2():
    """The paper: (16) is the integral of the right side of (5) in y2."""
    assert _zero(sp.diff(EQUATIONS[16].rhs, y2) - EQUATIONS[5].rhs)


def test_2_3_with_identity_and_zero_activation_give_5_8():
    identity = {f(y1 + theta1): y1 + theta1, f(y2 + theta2): y2 + theta2}
    off = {f(y1 + theta1): 0, f(y2 + theta2): 0}
    assert _zero(EQUATIONS[2].rhs.subs(identity) - EQUATIONS[5].rhs)
    assert _zero(EQUATIONS[3].rhs.subs(identity) - EQUATIONS[6].rhs)
    assert _zero(EQUATIONS[2].rhs.subs(off) - EQUATIONS[7].rhs)
    assert _zero(EQUATIONS[3].rhs.subs(off) - EQUATIONS[8].rhs)
    for k in (2, 3, 5, 6, 7, 8):
        assert EQUATIONS[k].lhs.args[1][0] == t


def test_1_for_two_neurons_is_2_3_only_with_the_bias_sign_flipped():
    """(1) prints sigma(y_j - theta_j), (2)-(3) print f(y_j + theta_j)."""
    ys = {paper.y_[1]: y1, paper.y_[2]: y2}
    names = {paper.theta_[1]: theta1, paper.theta_[2]: theta2,
             paper.I_[1]: I1, paper.I_[2]: I2}
    weights = {paper.w_[1, 1]: w11, paper.w_[1, 2]: w12,
               paper.w_[2, 1]: w21, paper.w_[2, 2]: w22}
    rhs1 = EQUATIONS[1].rhs.subs(n, 2).doit()
    for i, eq, tau in ((1, EQUATIONS[2], tau1), (2, EQUATIONS[3], tau2)):
        net = rhs1.subs(paper.i_idx, i).subs(ys).subs(weights).subs(names)
        flipped = net.subs({theta1: -theta1, theta2: -theta2})
        as_f = flipped.replace(sigma, f)
        assert _zero(as_f / tau - eq.rhs)
        assert not _zero(net.replace(sigma, f) / tau - eq.rhs)


def test_9_10_solve_7_8():
    for sol, ode in ((EQUATIONS[9], EQUATIONS[7]), (EQUATIONS[10], EQUATIONS[8])):
        y_now = y1 if sol is EQUATIONS[9] else y2
        residual = sp.diff(sol.rhs, t) - ode.rhs.subs(y_now, sol.rhs)
        assert _zero(residual)


def test_29_with_alpha_minus_m_gives_36():
    lam_even = sp.solve(EQUATIONS[29].subs(alpha, -m), lam)
    assert len(lam_even) == 1
    assert _zero(lam_even[0] - EQUATIONS[36].rhs)


def test_29_30_with_beta_minus_m_gives_37():
    alpha_odd = sp.solve(EQUATIONS[30].subs(beta, -m), alpha)[0]
    lam_odd = sp.solve(EQUATIONS[29].subs(alpha, alpha_odd), lam)
    assert len(lam_odd) == 1
    assert _zero(lam_odd[0] - EQUATIONS[37].rhs)


def test_28_is_the_A2_term_of_27():
    first_line = sp.expand(EQUATIONS[27].rhs - EQUATIONS[28])
    assert first_line.has(A1) and not first_line.has(A2)
    assert EQUATIONS[28].has(A2) and not EQUATIONS[28].has(A1)


def _kummer_arguments():
    return {h.args[2] for h in EQUATIONS[27].rhs.atoms(sp.hyper)}


def test_27_both_kummer_functions_share_one_argument():
    assert len(_kummer_arguments()) == 1
    params = {(h.ap[0], h.bq[0]) for h in EQUATIONS[27].rhs.atoms(sp.hyper)}
    assert params == {(alpha, sp.Rational(1, 2)), (beta, sp.Rational(3, 2))}


def test_27_odd_prefactor_squared_is_the_kummer_argument_times_S32():
    """The A2 prefactor of (28) is +-(4C2D2+E2^2)^(3/4) sqrt(z), z of (27)."""
    (z27,) = _kummer_arguments()
    (kummer,) = EQUATIONS[28].atoms(sp.hyper)
    prefactor = EQUATIONS[28] / (A2 * kummer)
    square = z27 * (4 * C2 * D2 + E2**2)**sp.Rational(3, 2)
    assert _zero(sp.expand(prefactor**2 - square))


def test_32_33_hermite_argument_squared_is_kummer_argument_over_2C2():
    """Not the same argument: (27)'s Kummer variable is 2 C2 times H's squared.

    Eqs. (32)-(33) are meant to follow from (27) via (34)-(35), which need
    the Kummer variable to equal the Hermite argument squared; as printed the
    two differ by the factor 2 C2 (so they agree only when C2 = 1/2).
    """
    (z27,) = _kummer_arguments()
    z27 = z27.subs(x, y2)
    (h32,) = EQUATIONS[32].rhs.atoms(sp.hermite)
    (h33,) = EQUATIONS[33].rhs.atoms(sp.hermite)
    assert h32.args[0] == 2 * m and h33.args[0] == 2 * m + 1
    assert h32.args[1] == h33.args[1]
    ratio = sp.simplify(z27 / h32.args[1]**2)
    assert _zero(ratio - 2 * C2)


@pytest.mark.parametrize("order", range(6))
def test_34_35_hold_for_small_n(order):
    for number in (34, 35):
        eq = EQUATIONS[number].subs(n, order)
        lhs = sp.expand(eq.lhs.doit())
        rhs = sp.expand(sp.hyperexpand(eq.rhs))
        assert _zero(lhs - rhs), (number, order)


@pytest.mark.parametrize("a_, b_, z_", [(-3, sp.Rational(1, 2), sp.Rational(2, 7)),
                                         (sp.Rational(1, 3), sp.Rational(3, 2),
                                          sp.Rational(-5, 4))])
def test_31_series_is_kummers_function(a_, b_, z_):
    eq = EQUATIONS[31].subs({paper.a: a_, paper.b: b_, paper.z: z_})
    series = sum(eq.rhs.function.subs(n, k) for k in range(60))
    expected = mpmath.hyp1f1(float(a_), float(b_), float(z_))
    assert float(series) == pytest.approx(float(expected), rel=1e-12)


def test_21_22_keep_the_printed_signs():
    """Guards the transcription of (22) as printed: -C2 d2/dy2^2, -i y2/2 d/dy2."""
    p = psi(y2)
    expr = EQUATIONS[22].rhs.expand()
    d1 = sp.Derivative(p, y2)
    d2 = sp.Derivative(p, (y2, 2))
    assert _zero(expr.coeff(d2) + C2)
    assert _zero(expr.coeff(d1) - (sp.I * C1 - sp.I * E2 * y2 / 2))
    assert _zero(expr.subs({d2: 0, d1: 0})
                 - (D1 * y2 + D2 * y2**2 - sp.I * E2 / 2) * p)


def test_23_keeps_the_printed_coefficients():
    """Guards (23) as printed: +C2 psi'', (C1 - E2 y2) psi', no factors of i."""
    p = psi(y2)
    d1 = sp.Derivative(p, y2)
    d2 = sp.Derivative(p, (y2, 2))
    expr = (EQUATIONS[23].lhs - EQUATIONS[23].rhs).expand()
    assert _zero(expr.coeff(d2) - C2)
    assert _zero(expr.coeff(d1) - (C1 - E2 * y2))
    assert _zero(expr.subs({d2: 0, d1: 0})
                 - (D1 * y2 - D2 * y2**2 - E2 - lam) * p)
    assert not expr.has(sp.I)


def test_24_32_33_share_the_printed_gaussian_factor():
    gauss = {a for k in (24, 32, 33) for a in EQUATIONS[k].rhs.atoms(sp.exp)}
    assert len(gauss) == 1
    (factor,) = gauss
    assert _zero(factor.args[0] + y2 * (xi1 * y2 + xi2))
