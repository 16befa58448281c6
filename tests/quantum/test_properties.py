"""Property-based tests (issue 18) of the public functions of ctrnn.quantum
(weyl, levels, kummer).

Invalid inputs: exactly TypeError (wrong type) or ValueError (wrong value),
with the argument named.  Valid inputs: the documented invariants, checked
against independent references (SciPy, mpmath, McCoy's formula).
``deadline=None`` throughout.
"""
import math

import mpmath
import numpy as np
import pytest
import scipy.special
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ctrnn import CTRNN2
from ctrnn.classical import hamiltonian
from ctrnn.quantum import kummer
from ctrnn.quantum import levels as lv
from ctrnn.quantum import weyl
from ctrnn.symbols import C1, C2, D1, D2, E2, y1, y2

DISCRETE = CTRNN2.from_condition_13(1.0, 1.0, 1.5, -2.0, 1.5, 0.2, -0.1, 0.3, -0.2)
VALUES = {"C1": 0.1, "C2": -0.5, "D1": 0.2, "D2": 0.5, "E2": 0.1}
OP = weyl.weyl_quantize(weyl.hamiltonian_symbol())
X6, P6 = lv.fourier_operators(0.0, 0.0, 4.0, 6)

NOT_NUMBERS = st.one_of(st.text(max_size=3), st.none(), st.booleans(),
                        st.lists(st.integers(), max_size=2))
NON_FINITE = st.sampled_from([math.nan, math.inf, -math.inf])
KINDS = {
    "not a number": (NOT_NUMBERS, TypeError),
    "not finite": (NON_FINITE, ValueError),
    "not positive": (st.one_of(st.floats(max_value=0.0, allow_nan=False,
                                         allow_infinity=False), NON_FINITE), ValueError),
    "not an integer": (st.one_of(st.floats(allow_nan=False), st.text(max_size=2), st.none(),
                                 st.booleans()), TypeError),
    "integer below 1": (st.integers(max_value=0), ValueError),
    "above the cost limit": (st.integers(10 ** 8, 10 ** 15), ValueError),
    "not an array": (st.one_of(st.text(min_size=1, max_size=3), st.none(),
                               st.lists(st.complex_numbers(min_magnitude=1e-3, allow_nan=False,
                                                           allow_infinity=False),
                                        min_size=1, max_size=2)), TypeError),
    "array with NaN": (st.lists(st.floats(-1, 1), min_size=1, max_size=3).map(
        lambda v: v + [math.nan]), ValueError),
    "not a matrix": (st.one_of(st.text(min_size=1, max_size=3), st.none(),
                               st.just([["a", "b"], ["c", "d"]])), TypeError),
    "not a network": (st.one_of(st.none(), st.text(max_size=3), st.integers(),
                                st.just({"tau1": 1.0})), TypeError),
    "not an expression": (st.one_of(st.text(max_size=4), st.none(),
                                    st.lists(st.integers(), max_size=2)), TypeError),
    "not a symbol": (st.one_of(st.text(max_size=2), st.none(), st.integers(),
                               st.just(y1 + y2)), TypeError),
    "not an operator": (st.one_of(st.text(max_size=2), st.none(), st.integers(),
                                  st.just(y2)), TypeError),
    "not a mapping": (st.one_of(st.none(), st.text(max_size=2), st.lists(st.integers())),
                      TypeError),
    "misspelt key": (st.sampled_from(["E3", "c1", "D0", "x"]).map(
        lambda k: {**VALUES, k: 1.0}), ValueError),
}

ROWS = [
    ("spectrum", "net", "not a network", lambda b: lv.spectrum(b, 3)),
    ("spectrum", "n", "not an integer", lambda b: lv.spectrum(DISCRETE, b)),
    ("spectrum", "n", "integer below 1", lambda b: lv.spectrum(DISCRETE, b)),
    ("spectrum", "n", "above the cost limit", lambda b: lv.spectrum(DISCRETE, b)),
    ("numerical_spectrum", "n", "not an integer", lambda b: lv.numerical_spectrum(DISCRETE, b)),
    ("numerical_spectrum", "n", "above the cost limit",
     lambda b: lv.numerical_spectrum(DISCRETE, b)),
    ("numerical_spectrum", "size", "not an integer",
     lambda b: lv.numerical_spectrum(DISCRETE, 3, size=b) if b is not None else 1 / 0),
    ("numerical_spectrum", "size", "above the cost limit",
     lambda b: lv.numerical_spectrum(DISCRETE, 3, size=b)),
    ("numerical_spectrum", "half_width", "not positive",
     lambda b: lv.numerical_spectrum(DISCRETE, 3, method="fourier", half_width=b)),
    ("numerical_spectrum", "tail", "not finite", lambda b: lv.numerical_spectrum(DISCRETE, 3,
                                                                                 tail=b)),
    ("has_discrete_spectrum", "net", "not a network", lv.has_discrete_spectrum),
    ("quadratic_form", "net", "not a network", lv.quadratic_form),
    ("critical_point", "net", "not a network", lv.critical_point),
    ("fourier_operators", "centre_x", "not a number", lambda b: lv.fourier_operators(b, 0, 1, 4)),
    ("fourier_operators", "centre_p", "not finite", lambda b: lv.fourier_operators(0, b, 1, 4)),
    ("fourier_operators", "half_width", "not positive",
     lambda b: lv.fourier_operators(0, 0, b, 4)),
    ("fourier_operators", "size", "not an integer", lambda b: lv.fourier_operators(0, 0, 1, b)),
    ("fourier_operators", "size", "integer below 1", lambda b: lv.fourier_operators(0, 0, 1, b)),
    ("fourier_operators", "size", "above the cost limit",
     lambda b: lv.fourier_operators(0, 0, 1, b)),
    ("hamiltonian_matrix", "net", "not a network", lambda b: lv.hamiltonian_matrix(b, X6, P6)),
    ("hamiltonian_matrix", "x_op", "not a matrix", lambda b: lv.hamiltonian_matrix(DISCRETE, b,
                                                                                   P6)),
    ("box_levels", "half_width", "not positive", lambda b: lv.box_levels(DISCRETE, b, 0.5)),
    ("box_levels", "spacing", "not positive", lambda b: lv.box_levels(DISCRETE, 5.0, b)),
    ("box_levels", "centre", "not a number", lambda b: lv.box_levels(DISCRETE, 5.0, 0.5, b)),
    ("spacing_near", "count", "not an integer", lambda b: lv.spacing_near(DISCRETE, 5, 0.5, b)),
    ("spacing_near", "reference", "not finite",
     lambda b: lv.spacing_near(DISCRETE, 5, 0.5, 4, b)),
    ("eigenfunctions", "n", "not an integer", lambda b: lv.eigenfunctions(DISCRETE, b, [0.0])),
    ("eigenfunctions", "y2", "array with NaN", lambda b: lv.eigenfunctions(DISCRETE, 2, b)),
    ("eigenfunctions", "y2", "not an array", lambda b: lv.eigenfunctions(DISCRETE, 2, b)),
    ("hermite_functions", "n", "integer below 1", lambda b: lv.hermite_functions(b, [0.0])),
    ("hermite_functions", "s", "array with NaN", lambda b: lv.hermite_functions(3, b)),
    ("DifferentialOperator", "coeffs", "not a mapping", weyl.DifferentialOperator),
    ("DifferentialOperator", "x", "not a symbol", lambda b: weyl.DifferentialOperator({0: 1}, b)),
    ("DifferentialOperator.apply", "expr", "not an expression", OP.apply),
    ("DifferentialOperator.coefficient", "k", "not an integer", OP.coefficient),
    ("position", "expr", "not an expression", weyl.position),
    ("momentum", "x", "not a symbol", lambda b: weyl.momentum(y2, b)),
    ("weyl_words", "a", "not an integer", lambda b: weyl.weyl_words(b, 1)),
    ("weyl_words", "a + b", "above the cost limit", lambda b: weyl.weyl_words(b, b)),
    ("weyl_quantize", "power", "above the cost limit", lambda b: weyl.weyl_quantize(y1 ** b)),
    ("weyl_quantize", "symbol", "not an expression", weyl.weyl_quantize),
    ("weyl_quantize", "p_var", "not a symbol", lambda b: weyl.weyl_quantize(y1 * y2, p_var=b)),
    ("mccoy_quantize", "symbol", "not an expression", weyl.mccoy_quantize),
    ("formal_adjoint", "op", "not an operator", weyl.formal_adjoint),
    ("is_formally_symmetric", "op", "not an operator", weyl.is_formally_symmetric),
    ("commutator_action", "second", "not an expression",
     lambda b: weyl.commutator_action(weyl.position, b) if not callable(b) else 1 / 0),
    ("weyl_matrix", "values", "not a mapping",
     lambda b: weyl.weyl_matrix(weyl.hamiltonian_symbol(), X6, P6, b)),
    ("weyl_matrix", "values", "misspelt key",
     lambda b: weyl.weyl_matrix(weyl.hamiltonian_symbol(), X6, P6, b)),
    ("weyl_matrix", "symbol", "not an expression", lambda b: weyl.weyl_matrix(b, X6, P6, {})),
    ("weyl_matrix", "x_op", "not a matrix",
     lambda b: weyl.weyl_matrix(weyl.hamiltonian_symbol(), b, P6, VALUES)),
    ("galerkin_matrix", "op", "not an operator", lambda b: weyl.galerkin_matrix(b, VALUES, 3)),
    ("galerkin_matrix", "values", "misspelt key", lambda b: weyl.galerkin_matrix(OP, b, 3)),
    ("galerkin_matrix", "size", "not an integer", lambda b: weyl.galerkin_matrix(OP, VALUES, b)),
    ("galerkin_matrix", "size", "above the cost limit",
     lambda b: weyl.galerkin_matrix(OP, VALUES, b)),
    ("eigen_equation", "op", "not an operator", kummer.eigen_equation),
    ("kummer_solution", "op", "not an operator", kummer.kummer_solution),
    ("kummer_solution", "root", "not an integer",
     lambda b: kummer.kummer_solution(kummer.derived_operator(), b)),
    ("random_coefficients", "rng", "not a network", lambda b: kummer.random_coefficients(b, 1)),
    ("residual", "op", "not an operator",
     lambda b: kummer.residual(b, sp.exp(-y2 ** 2), {}, [0.0])),
    ("residual", "psi_expr", "not an expression",
     lambda b: kummer.residual(kummer.derived_operator(), b, {}, [0.0])),
    ("residual", "points", "array with NaN",
     lambda b: kummer.residual(kummer.derived_operator(), sp.exp(-y2 ** 2),
                               {C1: 0, C2: 1, D1: 0, D2: 1, E2: 0, kummer.lam: 1}, b)),
    ("true_eigenfunction_symbolic", "k", "not an integer", kummer.true_eigenfunction_symbolic),
    ("derived_solution", "root", "not an integer",
     lambda b: kummer.derived_solution(b) if b not in (1, -1) else 1 / 0),
]


@pytest.mark.parametrize("call, argument, kind", [(r[3], r[1], r[2]) for r in ROWS],
                         ids=[f"{r[0]}-{r[1]}-{r[2]}" for r in ROWS])
@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_invalid_input_raises_exactly_type_or_value_error_naming_the_argument(
        call, argument, kind, data):
    strategy, expected = KINDS[kind]
    bad = data.draw(strategy)
    try:
        call(bad)
    except ZeroDivisionError:           # a draw the row excludes (valid for that argument)
        assume(False)
    except Exception as exc:            # noqa: BLE001 - the type is what is tested
        assert type(exc) in (TypeError, ValueError), f"{type(exc).__name__}: {exc}"
        assert argument in str(exc), str(exc)
        if expected is TypeError or kind in ("not finite", "array with NaN"):
            assert type(exc) is expected, f"{type(exc).__name__}: {exc}"
    else:
        pytest.fail(f"{bad!r} was accepted")


# ----------------------------------------------------------- valid inputs
finite = st.floats(-3, 3, allow_nan=False, allow_infinity=False)
positive = st.floats(0.2, 5, allow_nan=False, allow_infinity=False)


@st.composite
def discrete_networks(draw):
    """Hamiltonian networks with Delta = -m / (tau1 tau2), m in [0.1, 3], by construction."""
    tau1, tau2, w11 = draw(positive), draw(positive), draw(finite)
    w12 = draw(st.sampled_from([-1.0, 1.0])) * draw(st.floats(0.3, 3.0))
    m = draw(st.floats(0.1, 3.0))
    w21 = -(tau2 * (w11 - 1.0) ** 2 / tau1 + m) / w12
    return CTRNN2.from_condition_13(tau1, tau2, w11, w12, w21,
                                    *(draw(finite) for _ in range(4)))


@given(discrete_networks(), st.integers(1, 50))
@settings(deadline=None)
def test_spectrum_is_equally_spaced_by_sqrt_minus_delta(net, n):
    levels = lv.spectrum(net, n)
    omega = math.sqrt(-hamiltonian.discriminant(net))
    assert levels.shape == (n,)
    if n > 1:
        steps = np.diff(levels)
        sign = 1.0 if lv.quadratic_form(net)[0, 0] > 0 else -1.0
        np.testing.assert_allclose(steps, sign * omega, rtol=1e-9)


@given(discrete_networks())
@settings(max_examples=20, deadline=None)
def test_numerical_spectrum_equals_the_closed_form(net):
    # tolerance 1e-6 of the level spacing: the worst hypothesis found was 3e-7
    # (strongly squeezed oscillators, where the default Hermite basis is least apt)
    levels = lv.numerical_spectrum(net, 4)
    omega = math.sqrt(-hamiltonian.discriminant(net))
    assert np.abs(levels - lv.spectrum(net, 4)).max() <= 1e-6 * omega * (
        1 + abs(lv.critical_point(net)[1]) / omega)


@given(discrete_networks())
@settings(deadline=None)
def test_quadratic_form_and_critical_point(net):
    a = lv.quadratic_form(net)
    np.testing.assert_array_equal(a, a.T)
    delta = hamiltonian.discriminant(net)
    assert np.linalg.det(a) == pytest.approx(-delta / 4, rel=1e-9, abs=1e-12)
    z, value = lv.critical_point(net)
    assert hamiltonian.hamiltonian_value(net, z) == pytest.approx(value)
    assert lv.has_discrete_spectrum(net)


@given(st.integers(1, 300), st.lists(st.floats(-25, 25), min_size=1, max_size=6))
@settings(deadline=None)
def test_hermite_functions_match_scipy_where_scipy_is_accurate(n, s):
    s = np.array(s)
    got = lv.hermite_functions(n, s)
    k = np.arange(n)[:, None]
    with np.errstate(all="ignore"):
        log_norm = -0.5 * (k * np.log(2.0) + scipy.special.gammaln(k + 1) + 0.5 * np.log(np.pi))
        ref = np.exp(log_norm - s ** 2 / 2) * scipy.special.eval_hermite(k, s)
    ok = np.isfinite(ref) & (n < 150)
    np.testing.assert_allclose(got[ok], ref[ok], rtol=1e-9, atol=1e-12)
    assert np.all(np.isfinite(got))


@given(st.integers(150, 3000), st.floats(-70, 70))
@settings(max_examples=20, deadline=None)
def test_hermite_functions_far_out_match_mpmath(k, s):
    with mpmath.workdps(60):        # never the process-wide precision (see the audit's MPMATH_DPS)
        ref = float(mpmath.hermite(k, s) * mpmath.exp(-mpmath.mpf(s) ** 2 / 2)
                    / mpmath.sqrt(2 ** k * mpmath.factorial(k) * mpmath.sqrt(mpmath.pi)))
    got = lv.hermite_functions(k + 1, [s])[k, 0]
    # relative 1e-10 (the recurrence loses ~sqrt(k) eps); absolute floor at the
    # smallest normal number
    assert abs(got - ref) <= 1e-10 * abs(ref) + 1e-300


@given(discrete_networks())
@settings(max_examples=15, deadline=None)
def test_eigenfunctions_are_orthonormal(net):
    c = net.hamiltonian_coefficients()
    length = math.sqrt(2 * abs(c["C2"])) / (-hamiltonian.discriminant(net)) ** 0.25
    (_, centre), _ = lv.critical_point(net)
    y = np.linspace(centre - 30 * length, centre + 30 * length, 6001)
    psi = lv.eigenfunctions(net, 12, y)
    gram = (psi.conj() @ psi.T) * (y[1] - y[0])
    np.testing.assert_allclose(gram, np.eye(12), atol=1e-8)


@given(st.floats(-3, 3), st.floats(-3, 3), st.floats(0.5, 10), st.integers(2, 40))
@settings(deadline=None)
def test_fourier_operators_are_hermitian(cx, cp, half_width, size):
    x, p = lv.fourier_operators(cx, cp, half_width, size)
    np.testing.assert_allclose(x, x.conj().T)
    np.testing.assert_allclose(p, p.conj().T, atol=1e-12 * (1 + np.abs(p).max()))


@given(st.integers(0, 9), st.integers(0, 9))
@settings(deadline=None)
def test_weyl_words_are_the_distinct_orderings(a, b):
    words = weyl.weyl_words(np.int64(a), b)
    assert len(words) == math.comb(a + b, a) == len(set(words))
    assert words == sorted(words)


polynomials = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(-3, 3)),
                       min_size=1, max_size=3).map(
    lambda terms: sum((c * y1 ** a * y2 ** b for a, b, c in terms), sp.Integer(0)))


@given(polynomials)
@settings(max_examples=25, deadline=None)
def test_weyl_quantize_equals_mccoy_and_is_symmetric_for_real_symbols(symbol):
    op = weyl.weyl_quantize(symbol)
    assert (op - weyl.mccoy_quantize(symbol)).is_zero()
    assert weyl.is_formally_symmetric(op)
    assert (weyl.formal_adjoint(weyl.formal_adjoint(op)) - op).is_zero()


@given(st.floats(-2, 2), st.floats(0.5, 2), st.floats(-2, 2), st.floats(0.5, 2),
       st.floats(-2, 2))
@settings(max_examples=25, deadline=None)
def test_weyl_and_galerkin_matrices_are_hermitian(c1, c2, d1, d2, e2):
    values = {"C1": c1, "C2": -c2, "D1": d1, "D2": d2, "E2": e2}
    mat = weyl.weyl_matrix(weyl.hamiltonian_symbol(), X6, P6, values)
    np.testing.assert_allclose(mat, mat.conj().T, atol=1e-10 * (1 + np.abs(mat).max()))
    gal = weyl.galerkin_matrix(OP, values, 8)
    np.testing.assert_allclose(gal, gal.conj().T, atol=1e-10 * (1 + np.abs(gal).max()))


def test_position_momentum_commutator_is_i():
    assert sp.simplify(weyl.commutator_action(weyl.position, weyl.momentum)
                       - sp.I * sp.Function("f")(y2)) == 0


@given(st.integers(0, 6))
@settings(max_examples=7, deadline=None)
def test_true_eigenfunctions_solve_the_derived_equation(k):
    psi, level = kummer.true_eigenfunction_symbolic(k, root_sign=-1)
    values = {C1: 0.3, C2: -0.5, D1: 0.2, D2: 0.5, E2: 0.1}
    assert kummer.residual(kummer.derived_operator(), psi, values, [-1.0, 0.0, 0.7],
                           eigenvalue=level) < 1e-20


@given(st.integers(0, 2 ** 16), st.sampled_from([1, -1]), st.sampled_from([1, -1]))
@settings(deadline=None)
def test_random_coefficients_have_the_requested_signs(seed, dsign, csign):
    c = kummer.random_coefficients(np.random.default_rng(seed), dsign, csign)
    assert np.sign(c[E2] ** 2 + 4 * c[C2] * c[D2]) == dsign and np.sign(c[C2]) == csign
