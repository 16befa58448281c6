"""Tests of ctrnn.classical.dynamics: Eq. (1), the four ReLU regions, equilibria, simulation."""
import math

import mpmath
import numpy as np
import pytest
import scipy.linalg
import sympy as sp
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from ctrnn import CTRNN2, classical, relu
from ctrnn import symbols as S
from ctrnn.audit import classical as classical_checks
from ctrnn.book import odes
from ctrnn.book import text as book_text
from ctrnn.classical import dynamics as d

finite = st.floats(-3, 3, allow_nan=False, allow_infinity=False)
positive = st.floats(0.2, 5, allow_nan=False, allow_infinity=False)


@st.composite
def networks(draw):
    return CTRNN2(draw(positive), draw(positive), *(draw(finite) for _ in range(8)))


# ------------------------------------------------------------------ Eq. (1)
def test_logistic_values_and_symmetry():
    z = np.linspace(-40, 40, 81)
    s = classical.logistic(z)
    assert classical.logistic(0.0) == 0.5
    assert np.all((s >= 0) & (s <= 1))
    np.testing.assert_allclose(classical.logistic(-z), 1 - s, atol=1e-15)
    np.testing.assert_allclose(classical.logistic(1.0), 1 / (1 + math.exp(-1)), rtol=1e-15)


@given(networks(), st.lists(finite, min_size=2, max_size=2), st.sampled_from(["relu", "logistic"]))
@settings(deadline=None)
def test_eq1_with_flipped_bias_is_the_two_neuron_network(net, y, name):
    act = {"relu": relu, "logistic": classical.logistic}[name]
    a = classical.ctrnn_rhs(0.0, y, activation=act, **d.eq1_parameters(net))
    np.testing.assert_allclose(a, net.rhs(0.0, y, activation=act), rtol=1e-12, atol=1e-12)


def test_eq1_for_three_neurons_matches_an_explicit_sum():
    tau = np.array([1.0, 2.0, 0.5])
    W = np.array([[0.5, -1.0, 2.0], [1.5, 0.2, -0.3], [-2.0, 0.7, 1.1]])
    theta = np.array([0.1, -0.4, 0.3])
    inputs = np.array([0.2, -0.1, 0.5])
    y = np.array([0.3, -1.2, 0.8])
    expected = np.empty(3)
    for i in range(3):
        total = sum(W[j, i] / (1 + math.exp(-(y[j] - theta[j]))) for j in range(3))
        expected[i] = (-y[i] + total + inputs[i]) / tau[i]
    np.testing.assert_allclose(classical.ctrnn_rhs(0.0, y, tau, W, theta, inputs), expected, rtol=1e-14)
    timed = classical.ctrnn_rhs(2.0, y, tau, W, theta, lambda t: inputs * t / 2)
    np.testing.assert_allclose(timed, expected, rtol=1e-14)


def test_eq1_rejects_bad_input():
    ok = dict(tau=[1.0, 1.0], weights=np.eye(2), theta=[0, 0], inputs=[0, 0])
    with pytest.raises(ValueError, match="tau must be positive"):
        classical.ctrnn_rhs(0, [0, 0], **{**ok, "tau": [1.0, 0.0]})
    with pytest.raises(ValueError, match="weights must have shape"):
        classical.ctrnn_rhs(0, [0, 0], **{**ok, "weights": np.eye(3)})
    with pytest.raises(ValueError, match="y must have length"):
        classical.ctrnn_rhs(0, [0, 0, 0], **ok)
    with pytest.raises(ValueError, match="inputs must be finite"):
        classical.ctrnn_rhs(0, [0, 0], **{**ok, "inputs": [np.nan, 0]})
    with pytest.raises(TypeError, match="net must be a ctrnn.CTRNN2"):
        d.eq1_parameters("network")


# ---------------------------------------------------------------- regions
@given(networks(), st.sampled_from(d.REGIONS), st.floats(0.01, 4), st.floats(0.01, 4))
@settings(deadline=None)
def test_each_region_system_matches_the_relu_rhs_inside_it(net, region, u, v):
    # a point strictly inside the region: y_i + theta_i = +u or -u
    y = np.array([(u if region[0] else -u) - net.theta1, (v if region[1] else -v) - net.theta2])
    assert d.region_of(net, y) == region
    A, b = d.linear_system(net, region)
    np.testing.assert_allclose(A @ y + b, net.rhs(0.0, y), rtol=1e-12, atol=1e-12)


def test_symbolic_systems_are_eqs_5_to_8_and_the_mixed_regions():
    y = sp.Matrix([S.y1, S.y2])
    A, b = d.linear_system_symbolic((1, 1))
    assert sp.simplify(A.trace() - ((S.w11 - 1) / S.tau1 + (S.w22 - 1) / S.tau2)) == 0
    A, b = d.linear_system_symbolic((0, 0))
    assert sp.simplify((A * y + b)[0] - (S.I1 - S.y1) / S.tau1) == 0
    A, b = d.linear_system_symbolic((1, 0))   # only neuron 1 active: w21, w22 drop out
    assert not ({S.w21, S.w22} & (A.free_symbols | b.free_symbols))
    A, b = d.linear_system_symbolic((0, 1))
    assert not ({S.w11, S.w12} & (A.free_symbols | b.free_symbols))


def test_region_of_is_closed_on_the_active_side():
    net = CTRNN2(1, 1, 0, 0, 0, 0, theta1=1.0, theta2=-2.0)
    assert d.region_of(net, [-1.0, 2.0]) == (1, 1)
    assert d.region_of(net, [-1.5, 1.0]) == (0, 0)


@given(networks())
@settings(deadline=None)
def test_equilibria_solve_their_region_and_inside_ones_are_network_equilibria(net):
    for row in d.region_analysis(net):
        if row["equilibrium"] is None:
            continue
        eq = row["equilibrium"]
        scale = 1 + np.abs(row["A"]).max() * np.abs(eq).max() + np.abs(row["b"]).max()
        assert np.abs(row["A"] @ eq + row["b"]).max() <= 1e-9 * scale
        if row["inside"]:
            assert np.abs(net.rhs(0.0, eq)).max() <= 1e-9 * scale


def test_inactive_region_is_a_stable_node_at_the_inputs():
    net = CTRNN2(1.0, 3.0, 2, 1, -1, 0.5, theta1=0.5, theta2=0.5, I1=-2.0, I2=-1.0)
    row = [r for r in d.region_analysis(net) if r["region"] == (0, 0)][0]
    np.testing.assert_allclose(row["equilibrium"], [-2.0, -1.0])
    np.testing.assert_allclose(sorted(row["eigenvalues"].real), [-1.0, -1 / 3])
    assert row["inside"] and row["type"] == "stable node"
    assert row["divergence"] == pytest.approx(-1 - 1 / 3)


@pytest.mark.parametrize("A, kind", [
    ([[0, 1], [-1, 0]], "centre"), ([[1, 0], [0, -1]], "saddle"),
    ([[-1, 0], [0, -2]], "stable node"), ([[2, 0], [0, 1]], "unstable node"),
    ([[-1, 2], [-2, -1]], "stable focus"), ([[1, 2], [-2, 1]], "unstable focus"),
    ([[1, 2], [0.5, 1]], "degenerate"),
])
def test_classify_known_matrices(A, kind):
    assert d.classify(np.array(A, dtype=float)) == kind


def test_region_functions_reject_bad_input():
    net = CTRNN2(1, 1, 0, 0, 0, 0)
    with pytest.raises(ValueError, match="region must be one of"):
        d.linear_system(net, (2, 0))
    with pytest.raises(TypeError, match="region must be a pair"):
        d.equilibrium(net, "active")
    with pytest.raises(ValueError, match="A must have shape"):
        d.classify(np.eye(3))
    with pytest.raises(ValueError, match="tol must be a positive number"):
        d.classify(np.eye(2), tol=-1)
    with pytest.raises(ValueError, match="y must have shape"):
        d.region_of(net, [1.0])
    with pytest.raises(TypeError, match="net must be a ctrnn.CTRNN2"):
        d.region_analysis(None)


# -------------------------------------------------------------- simulation
# scipy.linalg.expm flushes subnormal entries (expm of a subnormal matrix is
# returned as exactly I), so the reference needs normal floats.
matrices = st.lists(st.floats(-2, 2, allow_nan=False, allow_subnormal=False),
                    min_size=4, max_size=4)


@given(matrices, st.lists(finite, min_size=4, max_size=4), st.floats(-3, 3),
       st.sampled_from(["generic", "nilpotent", "singular", "zero-trace"]))
@settings(deadline=None)
def test_linear_flow_matches_scipy_expm(entries, rest, t, kind):
    A = np.array(entries).reshape(2, 2)
    if kind == "nilpotent":
        A = np.array([[entries[0], entries[1]], [-entries[0] ** 2 / entries[1], -entries[0]]]) \
            if abs(entries[1]) > 0.1 else np.array([[0.0, entries[0]], [0.0, 0.0]])
    elif kind == "singular":
        A = np.outer(entries[:2], entries[2:])
    elif kind == "zero-trace":
        A[1, 1] = -A[0, 0]
    b, y0 = np.array(rest[:2]), np.array(rest[2:])
    M = np.zeros((3, 3))
    M[:2, :2], M[:2, 2] = A, b
    expected = (scipy.linalg.expm(M * t) @ np.append(y0, 1.0))[:2]
    got = d.linear_flow(A, b, y0, t)[:, 0]
    scale = 1 + np.abs(expected).max()
    assert np.abs(got - expected).max() <= 1e-9 * scale


def _log_uniform(low, high):
    return st.floats(math.log10(low), math.log10(high)).map(lambda e: 10.0 ** e)


@st.composite
def stiff_networks(draw):
    """Time constants 1e-4..1e4 and weights of magnitude 1e-3..1e6, either sign."""
    taus = [draw(_log_uniform(1e-4, 1e4)) for _ in range(2)]
    weights = [draw(st.sampled_from([-1.0, 1.0])) * draw(_log_uniform(1e-3, 1e6))
               for _ in range(4)]
    return CTRNN2(*taus, *weights, *(draw(finite) for _ in range(4)))


def _exact_affine_exponential(A, b, t, digits=40):
    """exp(t [[A, b], [0, 0]]) in mpmath at ``digits`` digits, as floats."""
    M = np.zeros((3, 3))
    M[:2, :2], M[:2, 2] = A, b
    with mpmath.workdps(digits):
        P = mpmath.expm(mpmath.matrix(M.tolist()) * mpmath.mpf(t))
        return np.array([[float(P[i, j]) for j in range(3)] for i in range(3)])


@given(stiff_networks(), st.sampled_from(d.REGIONS), st.floats(-30, 30),
       st.lists(finite, min_size=2, max_size=2))
@example(CTRNN2(1.0, 0.01, -1.0, -1.0, -1.0, -1.0, 0.0, 0.0, 0.0, 0.0), (0, 1), -18.0,
         [1.0, 0.0])     # found by hypothesis in CI: the old closed form was 4e-9 off
@example(CTRNN2(1e4, 1e-4, 1.0, 1.0, 1.0, -1.0, 0.0, 0.0, 0.0, 0.0), (1, 1), -27.0,
         [1.0, 0.5])     # scipy's expm is 1.7e-7 off here: it is no oracle
@settings(max_examples=300, deadline=None)
def test_linear_flow_of_stiff_networks_matches_the_exact_exponential(net, region, rate_t,
                                                                       y0):
    # The oracle is the augmented 3x3 exponential at 40 digits (mpmath), not
    # scipy.linalg.expm, which loses 1e-7 on strongly non-normal A.  The
    # tolerance is relative to the problem's condition kappa = max|Phi| (1 + |y0|):
    # a backward-stable evaluation errs by a modest multiple of eps * kappa; the
    # worst of 6,180 draws (random and corner networks) was 6.7e3 eps kappa
    # = 1.5e-12 kappa, so 1e-11 kappa leaves a factor 7.
    A, b = d.linear_system(net, region)
    t = rate_t / float(np.abs(np.linalg.eigvals(A)).max())
    phi = _exact_affine_exponential(A, b, t)
    assume(np.abs(phi).max() < 1e12)
    expected = phi[:2] @ np.append(y0, 1.0)
    got = d.linear_flow(A, b, y0, t)[:, 0]
    assert np.all(np.isfinite(got))
    kappa = 1 + np.abs(phi).max() * (1 + np.abs(y0).max())
    assert np.abs(got - expected).max() <= 1e-11 * kappa


def test_stiff_stable_node_of_the_issue_is_finite_and_right():
    # issue 18: exp(mu t) underflows while cosh(r t) overflows; 0 * inf gave NaN
    A = np.array([[-5e5, 1e5], [1e5, -5e5]])
    b = np.array([1.0, 2.0])
    y_star = np.linalg.solve(A, -b)
    got = d.linear_flow(A, b, [1.0, 1.0], [0.01, 1e-6])
    np.testing.assert_allclose(got[:, 0], y_star, rtol=1e-14)      # decayed: e^{-4000}
    M = np.zeros((3, 3))
    M[:2, :2], M[:2, 2] = A, b
    np.testing.assert_allclose(got[:, 1], (scipy.linalg.expm(M * 1e-6) @ [1, 1, 1])[:2],
                               rtol=1e-12)


def test_fast_network_of_the_issue_is_simulated():
    # issue 18: simulate died inside brentq ("function value is NaN")
    net = CTRNN2(1e-4, 1e-4, 0.5, 0.1, 0.1, 0.5)
    t = np.linspace(0.0, 0.01, 11)
    exact = classical.simulate(net, [1.0, -1.0], t)
    ref = classical.simulate(net, [1.0, -1.0], t, method="Radau", rtol=1e-10, atol=1e-14)
    assert np.all(np.isfinite(exact.y))
    np.testing.assert_allclose(exact.y, ref.y, atol=1e-8)


def test_overflowing_flow_is_an_error_not_inf():
    with pytest.raises(ValueError, match="overflows float64"):
        d.linear_flow(np.eye(2) * 1e3, [0.0, 0.0], [1.0, 1.0], [0.0, 10.0])


@settings(max_examples=15, deadline=None)
@given(networks(), st.lists(finite, min_size=2, max_size=2))
def test_exact_simulation_agrees_with_dop853_across_switches(net, y0):
    t = np.linspace(0.0, 3.0, 61)
    exact = classical.simulate(net, y0, t)
    assume(np.abs(exact.y).max() < 1e3)
    ref = classical.simulate(net, y0, t, method="DOP853", rtol=1e-12, atol=1e-12)
    scale = 1 + np.abs(ref.y).max()
    assert np.abs(exact.y - ref.y).max() <= 1e-7 * scale
    theta = np.array([net.theta1, net.theta2])
    for ts in exact.switch_times:      # every switch lies on a switching line
        y = classical.simulate(net, y0, np.array([0.0, ts])).y[:, -1]
        assert np.min(np.abs(y + theta)) <= 1e-8 * (1 + np.abs(y).max())
    assert len(exact.regions) == exact.switch_times.size + 1


def test_simulation_reaches_the_inside_equilibrium_of_a_stable_region():
    net = CTRNN2(1.0, 3.0, 2, 1, -1, 0.5, theta1=0.5, theta2=0.5, I1=-2.0, I2=-1.0)
    traj = classical.simulate(net, [3.0, 2.0], np.linspace(0, 60, 7))
    np.testing.assert_allclose(traj.y[:, -1], [-2.0, -1.0], atol=1e-6)
    assert traj.regions[-1] == (0, 0)


def test_inactive_solution_is_the_network_until_it_leaves():
    net = CTRNN2(1.0, 2.0, 0.7, -0.4, 0.9, 0.3, theta1=0.5, theta2=0.5, I1=1.0, I2=0.5)
    y0 = np.array([-3.0, -4.0])
    t = np.linspace(0.0, 0.9, 50)            # neuron 1 leaves at t = ln(4/1.5) = 0.98
    np.testing.assert_allclose(classical.simulate(net, y0, t).y, d.inactive_solution(net, y0, t),
                               rtol=1e-12, atol=1e-12)
    assert classical.simulate(net, y0, np.array([0.0, 2.0])).switch_times[0] == \
        pytest.approx(math.log(4 / 1.5), rel=1e-12)


def test_a_tangential_start_with_a_small_push_inward_enters_the_active_side():
    # tau = 1, w11 = 2, w21 = 0.5, w12 = w22 = 0, I = (-0.5, 2), theta = 0, from
    # (0, 1): on the line y1 = 0 with dy1/dt = 0.5 * 1 - 0.5 = 0 (tangential) and
    # d2y1/dt2 = 0.5 dy2/dt = 0.5 * (2 - 1) = 0.5 > 0, so neuron 1 turns on.  With
    # neuron 1 active the system is y1' = y1 + 0.5 (y2 - 1), y2' = 2 - y2, solved by
    # hand: y2 = 2 - exp(-t), y1 = (cosh t - 1)/2 >= 0 (it never leaves).  Inactive,
    # y1 would follow y1' = -y1 + 0.5 (y2 - 1) instead.
    net = CTRNN2(1.0, 1.0, 2.0, 0.0, 0.5, 0.0, I1=-0.5, I2=2.0)
    t = np.linspace(0.0, 2.0, 9)
    traj = classical.simulate(net, (0.0, 1.0), t)
    assert traj.regions == [(1, 1)]
    # the exact flow: rounding of the closed-form propagator, 1e-12 of |y| <= 2
    np.testing.assert_allclose(traj.y, [(np.cosh(t) - 1) / 2, 2 - np.exp(-t)],
                               rtol=0, atol=1e-12)


def test_linear_flow_takes_one_time_as_a_number_and_refuses_a_2d_array():
    # y1' = -y1 + 2 y2 + 1, y2' = -3 y2 + 3 from (2, 0), solved by hand:
    # y2 = 1 - exp(-3t), y1 = 3 + exp(-3t) - 2 exp(-t)
    A, b = np.array([[-1.0, 2.0], [0.0, -3.0]]), np.array([1.0, 3.0])
    t = 0.5
    expected = [3 + math.exp(-3 * t) - 2 * math.exp(-t), 1 - math.exp(-3 * t)]
    # one number gives one state, as a one-time array (the rounding of the closed form)
    np.testing.assert_allclose(d.linear_flow(A, b, [2.0, 0.0], t)[:, 0], expected, rtol=1e-13)
    with pytest.raises(ValueError, match="times must be a number or a 1-d array"):
        d.linear_flow(A, b, [2.0, 0.0], [[t]])


def test_simulation_rejects_bad_input():
    net = CTRNN2(1, 1, 0, 0, 0, 0)
    with pytest.raises(ValueError, match="t_eval must start at 0"):
        classical.simulate(net, [0, 0], [1.0, 2.0])
    with pytest.raises(ValueError, match="t_eval must be a 1-d array"):
        classical.simulate(net, [0, 0], [0.0])
    with pytest.raises(ValueError, match="method must be"):
        classical.simulate(net, [0, 0], [0.0, 1.0], method="Euler")
    with pytest.raises(ValueError, match="rtol must be a positive number"):
        classical.simulate(net, [0, 0], [0.0, 1.0], method="RK45", rtol=0)
    with pytest.raises(ValueError, match="y0 must have shape"):
        classical.simulate(net, [0, 0, 0], [0.0, 1.0])
    with pytest.raises(ValueError, match="y0 must have shape"):
        d.inactive_solution(net, [0], [0.0])
    with pytest.raises(ValueError, match="b must have shape"):
        d.linear_flow(np.eye(2), [0.0], [0, 0], 1.0)
    with pytest.raises(ValueError, match="max_switches must be"):
        classical.simulate(net, [0, 0], [0.0, 1.0], max_switches=-1)
    with pytest.raises(ValueError, match="z must not contain NaN"):
        classical.logistic([0.0, np.nan])
    with pytest.raises(TypeError, match="activation must be a SymPy function"):
        d.rhs_symbolic(activation=3)
    with pytest.raises(ValueError, match="digits must be an integer"):
        odes.region_table(net, digits=0)


def test_bias_convention_table_separates_the_two_readings():
    net = CTRNN2(1.0, 2.0, 0.5, -2.0, -2.0, 0.5, theta1=0.2, theta2=-0.3, I1=1.0, I2=1.0)
    y = np.random.default_rng(3).normal(0.0, 2.0, (2, 200))
    rows = odes.bias_convention_table(net, y).splitlines()[2:]
    for row in rows:
        printed, flipped = (cell.strip() for cell in row.split("|")[2:4])
        assert flipped == "< 1e-12" and float(printed) > 0.1
    with pytest.raises(ValueError, match="y must have shape"):
        odes.bias_convention_table(net, [0.0, 1.0])


# ------------------------------------------------ helpers the chapters call
def test_bound_label_picks_the_smallest_bound_above_the_value():
    assert book_text.bound_label(3e-13) == "1e-12"
    assert book_text.bound_label(5e-12) == "1e-10"
    assert book_text.bound_label(0.0, (1e-9, 1e-12)) == "1e-12"
    # the audit's bounds: "< 1e-12" is covered by 1e-12 itself, "< 1e-11" is not
    assert book_text.bound_label("< 1e-12") == "1e-12"
    assert book_text.bound_label("< 1e-11") == "1e-10"
    assert book_text.bound_label("<1e-13", (1e-13,)) == "1e-13"
    for text in ("1e-13", "> 1e-13", "< x", "about < 1e-13"):
        with pytest.raises(ValueError, match="bound '< X'"):
            book_text.bound_label(text)
    for value, bounds, match in ((2e-10, (1e-12, 1e-10), "below the largest"),
                                 (-1.0, (1e-12,), "non-negative"),
                                 (float("nan"), (1e-12,), "finite"),
                                 (1e-13, (), "bounds"), (1e-13, (0.0, 1.0), "bounds")):
        with pytest.raises(ValueError, match=match):
            book_text.bound_label(value, bounds)


def test_parameter_text_lists_every_parameter():
    net = CTRNN2(1.0, 2.0, 0.5, -2.0, -2.0, 0.5, theta1=0.25)
    text = book_text.parameter_text(net)
    assert text.startswith("tau1 = 1, tau2 = 2, w11 = 0.5, w12 = -2")
    assert "theta1 = 0.25" in text and text.count(" = ") == len(net.params)
    assert book_text.parameter_text({"a": 3}) == "a = 3"
    with pytest.raises(ValueError, match="params"):
        book_text.parameter_text({"a": "x"})


def test_linear_systems_latex_has_one_block_per_region():
    latex = odes.linear_systems_latex()
    # one block per region, in order, each headed by the region's name and holding its A
    heads = [latex.find(rf"\text{{{d.REGION_NAMES[r]}:}}") for r in d.REGIONS]
    assert all(h >= 0 for h in heads) and heads == sorted(heads)
    for start, end, region in zip(heads, heads[1:] + [len(latex)], d.REGIONS):
        A, b = d.linear_system_symbolic(region)
        assert sp.latex(A, mat_str="bmatrix", mat_delim="") in latex[start:end]


@pytest.mark.parametrize("neuron", [1, 2])
def test_inactive_closed_form_solves_the_inactive_odes(neuron):
    solution, residual = classical_checks.inactive_closed_form(neuron)
    tau, inp = ((S.tau1, S.I1), (S.tau2, S.I2))[neuron - 1]
    # an independent check: y = I + K exp(-t/tau) solves tau y' = -y + I
    y = solution.rhs
    assert sp.simplify(tau * sp.diff(y, S.t) + y - inp) == 0
    assert residual == 0
    with pytest.raises(ValueError, match="neuron"):
        classical_checks.inactive_closed_form(3)


def test_classify_sees_complex_eigenvalues_that_tr2_minus_4det_rounds_away():
    # eigenvalues -1 +- i 1.7e-120: tr² - 4 det rounds to 0 (the old test said
    # "node"); the cancellation-free (A11 - A22)²/4 + A12 A21 = -3e-240 < 0
    A = np.array([[-1.0, 3e-240], [-1.0, -1.0]])
    assert d.classify(A) == "stable focus"
    assert d.classify(A.T @ np.diag([1.0, 1.0])) == "stable focus"
    assert d.classify(np.array([[-1.0, 0.0], [-1.0, -1.0]])) == "stable node"   # a Jordan block


@pytest.mark.parametrize("eps", [1e-6, 1e-9, 1e-12])
def test_nearly_singular_system_keeps_full_accuracy(eps):
    # y* = -A^{-1} b = (1/eps, 0): the closed form's y* - E y* cancels to about
    # eps_machine / eps, so the flow must switch to the augmented exponential;
    # oracle and tolerance as in the stiff-network test above.
    A, b, y0 = np.array([[-eps, 0.0], [0.3, -1.0]]), np.array([1.0, 0.5]), np.array([0.2, -0.1])
    for t in (0.5, 3.0, 20.0):
        phi = _exact_affine_exponential(A, b, t)
        expected = phi[:2] @ np.append(y0, 1.0)
        kappa = 1 + np.abs(phi).max() * (1 + np.abs(y0).max())
        assert np.abs(d.linear_flow(A, b, y0, t)[:, 0] - expected).max() <= 1e-11 * kappa


def test_a_long_span_of_a_fast_network_is_refused_by_its_rate():
    # the limit is on t_end * rate (oscillations or e-foldings to follow), not on
    # t_end alone: a network 1e4 times faster is refused at a 1e4 times shorter span
    net = CTRNN2(1e-4, 1e-4, 0.5, 0.1, 0.1, 0.5)
    t_end = 2 * d.MAX_SPAN_RATE / d.fastest_rate(net)
    with pytest.raises(ValueError, match="t_eval"):
        classical.simulate(net, [1.0, -1.0], [0.0, t_end])


def test_singular_flow_series_is_accurate_at_the_edge_of_its_range():
    # det A = 0 with tr(A) t just below 1e-3: the Taylor series of phi and psi in
    # _singular_flow serves; its truncation error there is x^4/360 ~ 3e-15 relative,
    # so the 40-digit oracle must agree to 1e-14 (a wrong coefficient, 1/119 for 1/120
    # in psi, errs by 7e-14)
    T = 9.9e-4
    A, b = np.array([[0.0, 1.0], [0.0, T]]), np.array([0.0, 1.0])
    phi = _exact_affine_exponential(A, b, 1.0)
    got = d.linear_flow(A, b, np.zeros(2), 1.0)[:, 0]
    assert np.abs(got - phi[:2, 2]).max() <= 1e-14


def test_classify_is_not_fooled_by_a_zero_diagonal_entry():
    # det = -1: a saddle, whatever the scale the degeneracy test measures det against
    assert d.classify(np.array([[1.0, 1.0], [1.0, 0.0]])) == "saddle"
    assert d.classify(np.array([[0.0, -1.0], [1.0, 0.0]])) == "centre"


# ------------------------------------------------ fast paths of the exact flow
_FAST_CASES = [np.array([[0.5, 2.0], [-2.0, -0.5]]),      # focus (delta < 0)
               np.array([[-1.0, 0.3], [0.2, -200.0]]),    # stiff stable node
               np.array([[1.0, 2.0], [3.0, -1.0]]),       # saddle
               np.array([[1.0, 1.0], [0.0, 1.0]]),        # repeated eigenvalue
               np.array([[1.0, 2.0], [0.5, 1.0]])]        # singular


@pytest.mark.parametrize("A", _FAST_CASES)
def test_flow_state_has_the_bits_of_the_array_flow(A):
    b, y0 = np.array([0.3, -0.7]), np.array([1.2, -0.4])
    flow = d._affine_flow(A, b)
    for t in (0.0, 1e-4, 0.003, 0.2, 0.9, 1.7, 4.0, -0.6):
        assert np.array_equal(flow.state(t, y0), d._exact_flow(A, b, y0, [t])[:, 0])


@pytest.mark.parametrize("A", _FAST_CASES)
def test_grid_blocks_have_the_bits_of_one_evaluation(A):
    b, y0 = np.array([0.3, -0.7]), np.array([1.2, -0.4])
    flow = d._affine_flow(A, b)
    grid = np.linspace(0.0, 3.0, 301)
    blocks = list(d._grid_blocks(flow, y0, grid, first=16))
    assert [lo for lo, _ in blocks] == [0, 16, 48, 112, 240]
    assert np.array_equal(np.hstack([s for _, s in blocks]), d._exact_flow(A, b, y0, grid, flow))


def test_float_newton_matches_scipy_newton_step_for_step():
    import scipy.optimize
    for x0 in (0.5, 1.0, 3.0):
        root, converged = d._newton(lambda x: (math.cos(x) - x, -math.sin(x) - 1.0), x0,
                                    1e-15, 1e-15, 50)
        ref = scipy.optimize.newton(lambda x: math.cos(x) - x, x0,
                                    fprime=lambda x: -math.sin(x) - 1.0, tol=1e-15,
                                    rtol=1e-15, maxiter=50)
        assert converged and root == ref
    assert d._newton(lambda x: (x * x + 1.0, 2 * x), 0.5, 1e-15, 1e-15, 8)[1] is False
    assert d._newton(lambda x: (x * x + 1.0, 2 * x), 0.0, 1e-15, 1e-15, 8) == (0.0, False)


def test_switching_times_agree_with_a_tight_dop853_event():
    net = CTRNN2(1.0, 2.0, 1.5, 2.0, -2.0, 0.0, theta1=1.0, theta2=1.0)
    A, b = d.linear_system(net, (1, 1))
    t = d._first_exit(net, A, b, np.array([0.5, 0.0]), (1, 1), 10.0)

    def line(_, y):
        return y[0] + net.theta1
    line.terminal, line.direction = True, -1.0
    from scipy.integrate import solve_ivp
    sol = solve_ivp(lambda _, y: A @ y + b, (0.0, 10.0), [0.5, 0.0], method="DOP853",
                    rtol=1e-13, atol=1e-13, events=line)
    assert abs(t - sol.t_events[0][0]) < 1e-10


# ------------------------------------------- a centre's orbit inside its region
def _centre_cases(seed=7, count=60):
    """Networks of both-active centres (trace 0.0 exactly, det > 0) and starts
    around their equilibria, some orbits inside the region and some leaving."""
    from ctrnn.classical import dynamics as dyn
    rng = np.random.default_rng(seed)
    cases = []
    while len(cases) < count:
        net = CTRNN2.from_condition_13(1.0, 1.0, rng.uniform(1.2, 2.5), rng.uniform(-3, -0.5),
                                       rng.uniform(0.5, 3), rng.uniform(-1, 1), rng.uniform(-1, 1),
                                       rng.uniform(-3, 6), rng.uniform(-3, 6))
        A, b = dyn._region_system(net, (1, 1))[:2]
        if np.trace(A) != 0.0 or np.linalg.det(A) <= 0:
            continue
        centre = -np.linalg.solve(A, b)
        if not np.all(centre + [net.theta1, net.theta2] > 0.2):   # the centre is in the region
            continue
        cases.append((net, A, b, centre + rng.normal(0.0, rng.uniform(0.05, 2.0), 2)))
    return cases


def test_a_centre_orbit_inside_its_region_gives_the_scans_answer(monkeypatch):
    # the closed-form test returns "no exit" only where the grid scan over the
    # horizon finds none; the orbits that leave keep the scan's exit time
    from ctrnn.classical import dynamics as dyn
    inside = leaving = 0
    for net, A, b, y0 in _centre_cases():
        theta = np.array([net.theta1, net.theta2])
        if not np.all(y0 + theta > 0):
            continue
        fast = dyn._first_exit(net, A, b, y0, (1, 1), 60.0)
        with monkeypatch.context() as m:
            m.setattr(dyn, "_centre_orbit_stays", lambda *args: False)
            scanned = dyn._first_exit(net, A, b, y0, (1, 1), 60.0)
        assert fast == scanned
        inside, leaving = inside + (fast is None), leaving + (fast is not None)
    assert inside >= 5 and leaving >= 5          # both kinds were tested


def test_the_centre_orbits_extent_is_the_sampled_one():
    # R_i = hypot(u0_i, (A u0)_i / w) is each component's half-range on the orbit:
    # compared with the exact flow sampled over one period (tolerance: the sampling
    # step 2 pi / 4000 of the phase misses the extreme by at most R (1 - cos(pi/4000)))
    from ctrnn.classical import dynamics as dyn
    for net, A, b, y0 in _centre_cases(count=10):
        w = math.sqrt(np.linalg.det(A))
        ts = np.linspace(0.0, 2 * math.pi / w, 4001)
        states = dyn._exact_flow(A, b, y0, ts)
        states = states if states.shape[0] == ts.size else states.T
        centre = -np.linalg.solve(A, b)
        u0 = y0 - centre
        radius = np.hypot(u0, (A @ u0) / w)
        np.testing.assert_allclose(states.max(axis=0) - centre, radius, rtol=1e-6, atol=1e-12)
        np.testing.assert_allclose(centre - states.min(axis=0), radius, rtol=1e-6, atol=1e-12)


def test_the_centre_shortcut_declines_spirals_and_leaving_orbits():
    from ctrnn.classical import dynamics as dyn
    A = np.array([[0.0, -1.0], [1.0, 0.0]])
    b = np.zeros(2)
    up = np.array([1.0, 1.0])
    assert dyn._centre_orbit_stays(A, b, [0.5, 0.0], up, np.array([1.0, 1.0]))  # radius 0.5 < 1
    assert not dyn._centre_orbit_stays(A, b, [1.5, 0.0], up, np.array([1.0, 1.0]))  # crosses
    assert not dyn._centre_orbit_stays(A, b, [1.0, 0.0], up, np.array([1.0, 1.0]))  # tangent
    spiral = A + np.array([[1e-12, 0.0], [0.0, 0.0]])                     # trace not 0.0
    assert not dyn._centre_orbit_stays(spiral, b, [0.5, 0.0], up, np.array([1.0, 1.0]))
    saddle = np.array([[0.0, 1.0], [1.0, 0.0]])
    assert not dyn._centre_orbit_stays(saddle, b, [0.1, 0.0], up, np.array([1.0, 1.0]))
