"""Property-based tests (issue 18) of the public functions of ctrnn.classical.

For invalid inputs, hypothesis draws a wrong value for one argument and the
call must raise exactly TypeError (wrong type) or ValueError (wrong value)
with the argument named in the message.  For valid inputs, the documented
invariants.  ``deadline=None`` throughout (the machine is shared); the
example database lives in .hypothesis/, which is not committed.
"""
import math

import numpy as np
import pytest
import scipy.linalg
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ctrnn import CTRNN2, relu
from ctrnn.classical import dynamics as d
from ctrnn.classical import hamiltonian as h
from ctrnn.classical import weights as wts

CENTRE = h.fig1_networks()["centre"]
ARGS = ("tau1", "tau2", "w11", "w12", "w21", "w22", "theta1", "theta2", "I1", "I2")
finite = st.floats(-3, 3, allow_nan=False, allow_infinity=False)
positive = st.floats(0.2, 5, allow_nan=False, allow_infinity=False)

# ------------------------------------------------------------ bad values
NOT_NUMBERS = st.one_of(st.text(max_size=3), st.none(), st.booleans(),
                        st.complex_numbers(allow_nan=False, allow_infinity=False,
                                           min_magnitude=1e-3),
                        st.dictionaries(st.text(max_size=1), st.integers(), max_size=1))
NON_FINITE = st.sampled_from([math.nan, math.inf, -math.inf])
NON_POSITIVE = st.one_of(st.floats(max_value=0.0, allow_nan=False, allow_infinity=False),
                         NON_FINITE)
NOT_INTEGERS = st.one_of(st.floats(allow_nan=False), st.text(max_size=2), st.none(),
                         st.booleans())
NOT_ARRAYS = st.one_of(st.text(min_size=1, max_size=3), st.none(), st.booleans(),
                       st.lists(st.complex_numbers(min_magnitude=1e-3, allow_nan=False,
                                                   allow_infinity=False),
                                min_size=2, max_size=2))
NOT_NETWORKS = st.one_of(st.none(), st.text(max_size=3), st.integers(),
                         st.lists(st.floats(), max_size=3), st.just({"tau1": 1.0}))

#: kind -> (strategy, expected exception)
KINDS = {
    "not a number": (NOT_NUMBERS, TypeError),
    "not finite": (NON_FINITE, ValueError),
    "not positive": (NON_POSITIVE, ValueError),
    "not an integer": (NOT_INTEGERS, TypeError),
    "negative integer": (st.integers(max_value=-1), ValueError),
    "not an array": (NOT_ARRAYS, TypeError),
    "array with NaN": (st.just([math.nan, 0.0]), ValueError),
    "wrong shape": (st.lists(finite, min_size=3, max_size=5), ValueError),
    "not a network": (NOT_NETWORKS, TypeError),
    "not params": (st.one_of(st.none(), st.text(max_size=3), st.integers(),
                             st.lists(st.floats(), max_size=3)), TypeError),
    "not an expression": (st.one_of(st.text(max_size=3), st.none(),
                                    st.lists(st.integers(), max_size=2)), TypeError),
}


def _net_with(name):
    def call(bad):
        kwargs = dict(zip(ARGS, [1.0] * 10))
        kwargs[name] = bad
        return CTRNN2(**kwargs)
    return call


#: (function, argument, kind, call taking the bad value)
ROWS = [
    *[("CTRNN2", name, kind, _net_with(name)) for name in ARGS
      for kind in ("not a number", "not finite")],
    *[("CTRNN2", name, "not positive", _net_with(name)) for name in ("tau1", "tau2")],
    ("CTRNN2.from_condition_13", "tau1", "not positive",
     lambda b: CTRNN2.from_condition_13(b, 1.0, 1.0, 1.0, 1.0)),
    ("CTRNN2.from_condition_13", "w21", "not a number",
     lambda b: CTRNN2.from_condition_13(1.0, 1.0, 1.0, 1.0, b)),
    ("CTRNN2.rhs", "y", "not an array", lambda b: CENTRE.rhs(0.0, b)),
    ("CTRNN2.rhs", "y", "array with NaN", lambda b: CENTRE.rhs(0.0, b)),
    ("CTRNN2.rhs", "y", "wrong shape", lambda b: CENTRE.rhs(0.0, b)),
    ("CTRNN2.rhs", "t", "not a number", lambda b: CENTRE.rhs(b, [0.0, 0.0])),
    ("CTRNN2.is_hamiltonian", "tol", "not a number", lambda b: CENTRE.is_hamiltonian(b)),
    ("CTRNN2.is_hamiltonian", "tol", "not positive", lambda b: CENTRE.is_hamiltonian(b)),
    ("CTRNN2.hamiltonian_coefficients", "tol", "not positive",
     lambda b: CENTRE.hamiltonian_coefficients(b)),
    ("relu", "z", "not an array", relu),
    ("logistic", "z", "not an array", d.logistic),
    ("ctrnn_rhs", "y", "array with NaN",
     lambda b: d.ctrnn_rhs(0.0, b, [1.0, 1.0], np.eye(2), [0, 0], [0, 0])),
    ("ctrnn_rhs", "tau", "not an array",
     lambda b: d.ctrnn_rhs(0.0, [0, 0], b, np.eye(2), [0, 0], [0, 0])),
    ("ctrnn_rhs", "theta", "wrong shape",
     lambda b: d.ctrnn_rhs(0.0, [0, 0], [1, 1], np.eye(2), b, [0, 0])),
    ("ctrnn_rhs", "inputs", "array with NaN",
     lambda b: d.ctrnn_rhs(0.0, [0, 0], [1, 1], np.eye(2), [0, 0], b)),
    ("eq1_parameters", "net", "not a network", d.eq1_parameters),
    ("linear_system", "net", "not a network", lambda b: d.linear_system(b, (1, 1))),
    ("region_of", "y", "wrong shape", lambda b: d.region_of(CENTRE, b)),
    ("region_of", "y", "not an array", lambda b: d.region_of(CENTRE, b)),
    ("equilibrium", "net", "not a network", lambda b: d.equilibrium(b, (1, 1))),
    ("classify", "A", "not an array", d.classify),
    ("classify", "tol", "not a number", lambda b: d.classify(np.eye(2), b)),
    ("classify", "tol", "not positive", lambda b: d.classify(np.eye(2), b)),
    ("region_analysis", "net", "not a network", d.region_analysis),
    ("linear_flow", "b", "wrong shape", lambda b: d.linear_flow(np.eye(2), b, [0, 0], 1.0)),
    ("linear_flow", "y0", "array with NaN",
     lambda b: d.linear_flow(np.eye(2), [0, 0], b, 1.0)),
    ("linear_flow", "times", "not an array",
     lambda b: d.linear_flow(np.eye(2), [0, 0], [0, 0], b)),
    ("simulate", "net", "not a network", lambda b: d.simulate(b, [0, 0], [0.0, 1.0])),
    ("simulate", "y0", "wrong shape", lambda b: d.simulate(CENTRE, b, [0.0, 1.0])),
    ("simulate", "y0", "not an array", lambda b: d.simulate(CENTRE, b, [0.0, 1.0])),
    ("simulate", "rtol", "not a number",
     lambda b: d.simulate(CENTRE, [0, 0], [0.0, 1.0], method="RK45", rtol=b)),
    ("simulate", "atol", "not positive",
     lambda b: d.simulate(CENTRE, [0, 0], [0.0, 1.0], method="RK45", atol=b)),
    ("simulate", "max_switches", "not an integer",
     lambda b: d.simulate(CENTRE, [0, 0], [0.0, 1.0], max_switches=b)),
    ("simulate", "max_switches", "negative integer",
     lambda b: d.simulate(CENTRE, [0, 0], [0.0, 1.0], max_switches=b)),
    ("fastest_rate", "net", "not a network", d.fastest_rate),
    ("inactive_solution", "t", "not an array",
     lambda b: d.inactive_solution(CENTRE, [0, 0], b)),
    ("inactive_solution", "y0", "wrong shape",
     lambda b: d.inactive_solution(CENTRE, b, [0.0])),
    ("coefficients", "net", "not a network", h.coefficients),
    ("coefficients", "tol", "not positive", lambda b: h.coefficients(CENTRE, tol=b)),
    ("hamiltonian_value", "y", "array with NaN", lambda b: h.hamiltonian_value(CENTRE, b)),
    ("hamiltonian_value", "y", "not an array", lambda b: h.hamiltonian_value(CENTRE, b)),
    ("hamilton_system", "net", "not a network", h.hamilton_system),
    ("hamiltonian_flow", "y0", "wrong shape", lambda b: h.hamiltonian_flow(CENTRE, b, [0.0])),
    ("discriminant", "net", "not a network", h.discriminant),
    ("discriminant_sign", "net", "not a network", h.discriminant_sign),
    ("hamiltonian_case", "tol", "not positive", lambda b: h.hamiltonian_case(CENTRE, b)),
    ("equilibrium_energy", "net", "not a network", h.equilibrium_energy),
    ("boundary_orbit_level", "net", "not a network", h.boundary_orbit_level),
    ("boundary_level_spread", "t_max", "not positive",
     lambda b: h.boundary_level_spread(CENTRE, [[0.5, 0.0]], t_max=b)),
    ("boundary_level_spread", "samples", "not an integer",
     lambda b: h.boundary_level_spread(CENTRE, [[0.5, 0.0]], samples=b)),
    ("drift_comparison", "perturbation", "not a number",
     lambda b: h.drift_comparison(CENTRE, [0.5, 0.0], perturbation=b)),
    ("drift_comparison", "t_max", "not positive",
     lambda b: h.drift_comparison(CENTRE, [0.5, 0.0], t_max=b)),
    ("relative_drift", "y", "not an array", lambda b: h.relative_drift(CENTRE, b)),
    ("orbit_period", "y0", "wrong shape", lambda b: h.orbit_period(CENTRE, b)),
    ("orbit_period", "rtol", "not positive", lambda b: h.orbit_period(CENTRE, [0, 1], rtol=b)),
    ("linear_period", "net", "not a network", h.linear_period),
    ("pendulum_period", "amplitude", "not an array", h.pendulum_period),
    ("pendulum_period", "omega", "not positive", lambda b: h.pendulum_period(1.0, b)),
    ("pendulum_period", "omega", "not a number", lambda b: h.pendulum_period(1.0, b)),
    ("divergence", "region", "wrong shape", h.divergence),
    ("hamilton_residuals", "H", "not an expression", h.hamilton_residuals),
    ("common_conditions", "regions", "wrong shape", h.common_conditions),
    ("classical_type", "params", "not params", wts.classical_type),
    ("true_discrete_spectrum", "params", "not params", wts.true_discrete_spectrum),
    ("sample_hamiltonian_networks", "n", "not an integer", wts.sample_hamiltonian_networks),
    ("sample_hamiltonian_networks", "n", "negative integer", wts.sample_hamiltonian_networks),
]


@pytest.mark.parametrize("call, argument, kind", [(row[3], row[1], row[2]) for row in ROWS],
                         ids=[f"{r[0]}-{r[1]}-{r[2]}" for r in ROWS])
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_invalid_input_raises_exactly_type_or_value_error_naming_the_argument(
        call, argument, kind, data):
    strategy, expected = KINDS[kind]
    bad = data.draw(strategy)
    with pytest.raises(Exception) as info:
        call(bad)
    error = type(info.value)
    assert error in (TypeError, ValueError), f"{error.__name__}: {info.value}"
    assert argument in str(info.value), str(info.value)
    if expected is TypeError or kind in ("not finite", "array with NaN"):
        # a wrong type is a TypeError; a NaN/inf number a ValueError
        assert error is expected, f"{error.__name__}: {info.value}"


# ----------------------------------------------------------- valid inputs
@st.composite
def networks(draw):
    return CTRNN2(draw(positive), draw(positive), *(draw(finite) for _ in range(8)))


@st.composite
def hamiltonian_networks(draw):
    return CTRNN2.from_condition_13(draw(positive), draw(positive),
                                    *(draw(finite) for _ in range(7)))


@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=8))
@settings(deadline=None)
def test_relu_is_the_positive_part(z):
    z = np.array(z)
    np.testing.assert_array_equal(relu(z) - relu(-z), z)
    assert np.all(relu(z) >= 0)


@given(networks(), st.integers(0, 2 ** 31 - 1).map(np.int64))
@settings(deadline=None)
def test_network_accepts_numpy_scalars_and_keeps_its_parameters(net, k):
    again = CTRNN2(*(np.float64(v) for v in net.params.values()))
    assert again == net
    assert CTRNN2(**{**net.params, "w11": k}).w11 == float(k)


@given(networks(), st.lists(finite, min_size=2, max_size=2))
@settings(deadline=None)
def test_region_of_and_linear_system_give_the_rhs(net, y):
    region = d.region_of(net, y)
    A, b = d.linear_system(net, region)
    np.testing.assert_allclose(A @ y + b, net.rhs(0.0, y), rtol=1e-12, atol=1e-12)


@given(networks())
@settings(deadline=None)
def test_fastest_rate_bounds_every_region(net):
    rate = d.fastest_rate(net)
    assert rate >= 1.0 / min(net.tau1, net.tau2)
    for region in d.REGIONS:
        assert np.abs(np.linalg.eigvals(d.linear_system(net, region)[0])).max() <= rate


@given(st.lists(st.floats(-2, 2, allow_subnormal=False), min_size=4, max_size=4),
       st.floats(0.1, 10))
@settings(deadline=None)
def test_classify_does_not_depend_on_the_time_unit(entries, scale):
    A = np.array(entries).reshape(2, 2)
    assert d.classify(A) == d.classify(scale * A)


@given(networks(), st.lists(finite, min_size=2, max_size=2),
       st.lists(st.floats(0, 3), min_size=1, max_size=5))
@settings(deadline=None)
def test_inactive_solution_solves_the_inactive_system(net, y0, t):
    t = np.sort(np.array(t))
    A, b = d.linear_system(net, (0, 0))
    y = d.inactive_solution(net, y0, t)
    np.testing.assert_allclose(y, d.linear_flow(A, b, y0, t), rtol=1e-9, atol=1e-9)


@given(hamiltonian_networks(), st.lists(finite, min_size=2, max_size=2), st.floats(0, 3))
@settings(deadline=None)
def test_hamiltonian_flow_conserves_h(net, y0, t):
    y = h.hamiltonian_flow(net, y0, [0.0, t])
    assume(np.abs(y).max() < 1e6)
    values = h.hamiltonian_value(net, y)
    scale = 1 + np.abs(values).max() + np.abs(y).max() ** 2
    assert abs(values[1] - values[0]) <= 1e-9 * scale


@given(hamiltonian_networks())
@settings(deadline=None)
def test_discriminant_sign_case_and_period_agree(net):
    sign = h.discriminant_sign(net)
    delta = h.discriminant(net)
    assert sign == 0 or sign == np.sign(delta)
    M, _ = h.hamilton_system(net)
    assert np.trace(M) == pytest.approx(0.0, abs=1e-12 * (1 + np.abs(M).max()))
    if h.hamiltonian_case(net) == "centre":
        assert h.linear_period(net) * math.sqrt(-delta) == pytest.approx(2 * math.pi)
    np.testing.assert_allclose(M @ M, delta * np.eye(2), atol=1e-9 * (1 + abs(delta)))


@given(st.floats(0, 3.0), st.floats(0.1, 10))
@settings(deadline=None)
def test_pendulum_period_is_at_least_the_linear_one(amplitude, omega):
    assert h.pendulum_period(amplitude, omega) >= 2 * math.pi / omega * (1 - 1e-12)


@given(hamiltonian_networks())
@settings(deadline=None)
def test_classical_type_and_true_discreteness_follow_the_discriminant(net):
    delta = h.discriminant(net)
    sign = h.discriminant_sign(net)
    assert bool(wts.true_discrete_spectrum(net)) == (sign < 0)
    assume(sign != 0)
    assert str(wts.classical_type(net)) == ("centre" if delta < 0 else "saddle")


@given(st.integers(1, 50), st.integers(0, 2 ** 16))
@settings(deadline=None)
def test_sampled_networks_satisfy_condition_13(n, seed):
    p = wts.hamiltonian_params(wts.sample_hamiltonian_networks(n, seed))
    div = (p["w11"] - 1) / p["tau1"] + (p["w22"] - 1) / p["tau2"]
    assert np.all(np.abs(div) <= 1e-12 * (1 + np.abs(p["w11"] / p["tau1"])))
    assert np.all(p["tau1"] > 0) and np.all(p["tau2"] > 0)


@given(networks(), st.lists(finite, min_size=2, max_size=2), st.floats(0.0, 2.0))
@settings(max_examples=30, deadline=None)
def test_simulate_is_the_region_flow_until_the_first_switch(net, y0, t):
    traj = d.simulate(net, y0, [0.0, max(t, 1e-3)])
    A, b = d.linear_system(net, traj.regions[0])
    if traj.switch_times.size == 0:
        expected = d.linear_flow(A, b, y0, traj.t)[:, -1]
        scale = 1 + np.abs(expected).max()
        assert np.abs(traj.y[:, -1] - expected).max() <= 1e-9 * scale


@given(st.lists(st.floats(-2, 2, allow_subnormal=False), min_size=4, max_size=4),
       st.floats(-2, 2))
@settings(deadline=None)
def test_linear_flow_group_property(entries, t):
    A = np.array(entries).reshape(2, 2)
    E = d.linear_flow(A, [0.0, 0.0], [1.0, 0.0], [t])[:, 0]
    ref = scipy.linalg.expm(A * t)[:, 0]
    np.testing.assert_allclose(E, ref, rtol=1e-9, atol=1e-9 * (1 + np.abs(ref).max()))


@given(networks(), st.sampled_from(d.REGIONS))
@settings(max_examples=30, deadline=None)
def test_symbolic_region_systems_evaluate_to_the_numeric_ones(net, region):
    import sympy as sp

    from ctrnn import symbols as S
    A_sym, b_sym = d.linear_system_symbolic(region)
    values = dict(zip(S.PARAMETERS, net.params.values()))
    A, b = d.linear_system(net, region)
    np.testing.assert_allclose(np.array(A_sym.subs(values), dtype=float), A, rtol=1e-12)
    np.testing.assert_allclose(np.array(b_sym.subs(values), dtype=float).ravel(), b,
                               rtol=1e-12, atol=1e-12)
    if region == (1, 1):
        assert net.divergence_active() == pytest.approx(np.trace(A), rel=1e-12, abs=1e-12)
    f1, f2 = d.rhs_symbolic(sp.Lambda(S.y1, S.y1))       # identity activation
    assert sp.expand(f1.subs(S.theta1, 0).subs(S.theta2, 0)).has(S.w11)


@given(st.one_of(st.text(max_size=3), st.integers(), st.none().map(lambda _: 3.5)))
@settings(max_examples=10, deadline=None)
def test_rhs_symbolic_rejects_a_non_callable_activation(bad):
    with pytest.raises(TypeError, match="activation must be"):
        d.rhs_symbolic(activation=bad)
