"""Tests of ctrnn.CTRNN2: validation, the right-hand side and Eqs. (13), (19)-(20)."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctrnn import CTRNN2

finite = st.floats(-10, 10, allow_nan=False, allow_infinity=False)
positive = st.floats(0.05, 20, allow_nan=False, allow_infinity=False)
ARGS = ("tau1", "tau2", "w11", "w12", "w21", "w22", "theta1", "theta2", "I1", "I2")


@st.composite
def networks(draw):
    return CTRNN2(*(draw(positive) for _ in range(2)), *(draw(finite) for _ in range(8)))


@st.composite
def hamiltonian_networks(draw):
    tau1, tau2 = draw(positive), draw(positive)
    return CTRNN2.from_condition_13(tau1, tau2, *(draw(finite) for _ in range(7)))


@given(networks())
@settings(deadline=None)
def test_valid_networks_store_floats(net):
    assert all(isinstance(v, float) for v in net.params.values())
    assert list(net.params) == list(ARGS)


@pytest.mark.parametrize("name", ["tau1", "tau2"])
@given(bad=st.floats(-10, 0))
@settings(deadline=None)
def test_nonpositive_time_constant_is_rejected(name, bad):
    kwargs = dict(zip(ARGS, [1.0] * 6))
    kwargs[name] = bad
    with pytest.raises(ValueError, match=f"{name} must be positive"):
        CTRNN2(**kwargs)


@pytest.mark.parametrize("name", ARGS)
@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_nonfinite_argument_is_rejected_by_name(name, bad):
    kwargs = dict(zip(ARGS, [1.0] * 10))
    kwargs[name] = bad
    with pytest.raises(ValueError, match=f"{name} must be finite"):
        CTRNN2(**kwargs)


def test_non_numeric_argument_is_rejected_by_name():
    with pytest.raises(TypeError, match="w12 must be a real number"):
        CTRNN2(1, 1, 1, "strong", 1, 1)


@given(networks(), finite, finite)
@settings(deadline=None, max_examples=200)
def test_rhs_matches_eqs_2_3_with_relu(net, y1, y2):
    f = lambda z: max(z, 0.0)  # Eq. (4), written independently of ctrnn.relu
    a1, a2 = f(y1 + net.theta1), f(y2 + net.theta2)
    expected = [(-y1 + net.w11 * a1 + net.w21 * a2 + net.I1) / net.tau1,
                (-y2 + net.w22 * a2 + net.w12 * a1 + net.I2) / net.tau2]
    np.testing.assert_allclose(net.rhs(0.0, [y1, y2]), expected, rtol=1e-12, atol=1e-12)


@given(hamiltonian_networks())
@settings(deadline=None)
def test_hamiltonian_constructor_satisfies_eq_13(net):
    assert net.is_hamiltonian()
    lhs, rhs = (-1 + net.w11) / net.tau1, (1 - net.w22) / net.tau2
    assert math.isclose(lhs, rhs, rel_tol=1e-9, abs_tol=1e-9)


@given(hamiltonian_networks(), finite, finite)
@settings(deadline=None, max_examples=200)
def test_coefficients_generate_the_active_flow(net, y1, y2):
    """Hamilton's equations (11) of H (18) reproduce the both-active flow (5)-(6)."""
    c = net.hamiltonian_coefficients()
    # dH/dy2 and -dH/dy1 of H = -C1 y1 - C2 y1^2 + D1 y2 + D2 y2^2 + E2 y1 y2
    # evaluate the ReLU flow at a point shifted into the both-active region
    z1, z2 = abs(y1) - net.theta1, abs(y2) - net.theta2
    dy1 = c["D1"] + 2 * c["D2"] * z2 + c["E2"] * z1
    dy2 = c["C1"] + 2 * c["C2"] * z1 - c["E2"] * z2
    scale = 1 + sum(abs(v) for v in net.params.values()) ** 2
    np.testing.assert_allclose(net.rhs(0.0, [z1, z2]), [dy1, dy2], atol=1e-9 * scale)


def test_non_hamiltonian_network_is_refused_citing_eq_13():
    net = CTRNN2(1.0, 1.0, 2.0, 1.0, 1.0, 2.0)  # divergence (2-1)+(2-1) = 2
    assert not net.is_hamiltonian()
    assert net.divergence_active() == pytest.approx(2.0)
    with pytest.raises(ValueError, match=r"Eq\. \(13\)"):
        net.hamiltonian_coefficients()


def test_case_w11_w22_equal_one_is_hamiltonian_for_any_time_constants():
    # the first of the three cases listed after Eq. (13)
    assert CTRNN2(0.3, 7.0, 1.0, 2.0, -1.0, 1.0).is_hamiltonian()


def test_biases_and_inputs_default_to_zero():
    # Eqs. (2)-(3) with theta = I = 0 unless given (the Fig. 1 networks rely on it)
    net = CTRNN2(1.0, 2.0, 0.5, -2.0, -2.0, 0.5)
    assert (net.theta1, net.theta2, net.I1, net.I2) == (0.0, 0.0, 0.0, 0.0)
