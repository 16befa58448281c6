"""Tests of ctrnn.classical.symplectic: the implicit midpoint rule."""
import numpy as np
import pytest

from ctrnn import CTRNN2
from ctrnn.classical import dynamics
from ctrnn.classical import hamiltonian as ham
from ctrnn.classical.symplectic import implicit_midpoint

NET = CTRNN2.from_condition_13(tau1=1.0, tau2=2.0, w11=1.5, w12=2.0, w21=-2.0,
                               theta1=1.0, theta2=1.0, I1=0.5, I2=-2.0)


def test_midpoint_conserves_the_quadratic_hamiltonian_at_a_coarse_step():
    A, b = dynamics.linear_system(NET, (1, 1))
    _, y = implicit_midpoint(A, b, [0.0, 0.5], 400.0, 2000)     # h = 0.2
    # rounding only: 2000 steps of ~1e-16 relative error each
    assert ham.relative_drift(NET, y) < 1e-12


def test_explicit_euler_at_the_same_step_is_the_counterfactual():
    A, b = dynamics.linear_system(NET, (1, 1))
    y = np.empty((2, 2001))
    y[:, 0] = [0.0, 0.5]
    for k in range(2000):
        y[:, k + 1] = y[:, k] + 0.2 * (A @ y[:, k] + b)
    assert ham.relative_drift(NET, y) > 1.0


def test_midpoint_converges_to_the_exact_flow_at_second_order():
    A, b = dynamics.linear_system(NET, (1, 1))
    exact = dynamics.linear_flow(A, b, [0.0, 0.5], [10.0])[:, 0]
    errors = [np.abs(implicit_midpoint(A, b, [0.0, 0.5], 10.0, s)[1][:, -1] - exact).max()
              for s in (200, 400)]
    assert 3.5 < errors[0] / errors[1] < 4.5


@pytest.mark.parametrize("kwargs, error", [
    (dict(t_max=0.0), ValueError), (dict(steps=0), ValueError), (dict(steps=2.5), TypeError),
    (dict(y0=[0.0]), ValueError), (dict(A="A"), TypeError), (dict(steps=10 ** 8), ValueError)])
def test_bad_input_is_rejected(kwargs, error):
    args = dict(A=np.eye(2), b=[0.0, 0.0], y0=[1.0, 0.0], t_max=1.0, steps=10)
    args.update(kwargs)
    with pytest.raises(error):
        implicit_midpoint(**args)
