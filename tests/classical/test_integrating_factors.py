"""Tests of ctrnn.classical.integrating_factors: dissipative planar linear flows
are Hamiltonian for the non-constant form rho dy1^dy2 (issue 13, item 1)."""
import numpy as np
import pytest
from scipy.integrate import solve_ivp

from ctrnn import CTRNN2
from ctrnn.classical import dynamics, n_neurons
from ctrnn.classical import integrating_factors as itf


def _chapter_network():
    return CTRNN2(tau1=1.3, tau2=0.7, w11=0.4, w12=-1.2, w21=0.8, w22=2.0,
                  theta1=0.3, theta2=-0.5, I1=0.2, I2=0.1)


def test_symbolic_proof_every_residual_simplifies_to_zero():
    proof = itf.inverse_integrating_factor_symbolic()
    assert proof["lyapunov"].is_zero_matrix
    assert proof["wedge"] == 0
    assert proof["divergence"] == 0


def _random_systems(kind, count=20, seed=0):
    rng = np.random.default_rng(seed)
    out = []
    while len(out) < count:
        A, b = rng.normal(size=(2, 2)), rng.normal(size=2)
        disc = (A[0, 0] - A[1, 1]) ** 2 + 4 * A[0, 1] * A[1, 0]
        if (disc < -0.1 if kind == "focus" else disc > 0.1) and abs(np.linalg.det(A)) > 0.1:
            out.append((A, b))
    return out


@pytest.mark.parametrize("kind", ["focus", "node"])
def test_H_generates_the_flow_for_rho_on_random_systems(kind):
    # tolerance: central differences of step 1e-6 at points whose eigen-coordinates
    # are 0.5 .. 2 in size (truncation ~1e-11 relative, rounding ~1e-10); a wrong
    # H or rho gives O(1) (next test)
    rng = np.random.default_rng(1)
    for A, b in _random_systems(kind):
        data = itf.linear_factor(A, b)
        assert data["kind"] == kind
        v = rng.uniform(0.5, 2.0, (2, 10)) * rng.choice([-1.0, 1.0], (2, 10))
        if kind == "focus":
            v = v[:, :1]                      # one point, cut pointing away from it
        y = data["equilibrium"][:, None] + data["P"] @ v
        cut = -(data["P"] @ v[:, 0])
        assert itf.hamilton_residual(A, b, y, cut) < 1e-8


def test_a_constant_form_fails_where_rho_succeeds():
    # counterfactual: with rho = 1 the Hamiltonian field of any H is divergence-free,
    # so no H can give f when tr A != 0; dropping the angle term of H breaks it too
    A, b = n_neurons.linear_system(*n_neurons.ctrnn2_arrays(_chapter_network()))
    assert abs(np.trace(A)) > 0.5
    data = itf.linear_factor(A, b)
    alpha, beta = data["eigenvalues"]
    y = data["equilibrium"][:, None] + np.array([[1.0, 2.0], [0.5, -1.0]])
    cut = itf.cut_away_from_quadrant(data["equilibrium"], [-0.3, 0.5])
    assert itf.hamilton_residual(A, b, y, cut) < 1e-7
    bad = (A - np.trace(A) / 2 * np.eye(2), b)      # a different (trace-free) system
    f_bad_rho = itf.density(*bad, y) * (A @ y + b[:, None])
    f_good_rho = itf.density(A, b, y) * (A @ y + b[:, None])
    assert np.max(np.abs(f_bad_rho - f_good_rho)) > 0.1


def test_chapter_network_is_hamiltonian_on_the_whole_active_quadrant():
    net = _chapter_network()
    A, b = n_neurons.linear_system(*n_neurons.ctrnn2_arrays(net))
    corner = -np.array([net.theta1, net.theta2])
    data = itf.linear_factor(A, b)
    assert data["kind"] == "focus" and np.trace(A) > 0.9
    assert np.any(data["equilibrium"] < corner)                  # z* outside the quadrant
    cut = itf.cut_away_from_quadrant(data["equilibrium"], corner)
    # the ray z* + t cut never enters the quadrant
    ray = data["equilibrium"][:, None] + np.linspace(0, 100, 2001) * cut[:, None]
    assert not np.any(np.all(ray >= corner[:, None], axis=0))
    # H single-valued on the quadrant: conserved along an orbit segment inside it
    sol = solve_ivp(lambda t, y: A @ y + b, (0, 3), [1.5, 2.5], rtol=1e-12, atol=1e-12,
                    dense_output=True)
    Y = sol.sol(np.linspace(0, 3, 301))
    Y = Y[:, np.all(Y >= corner[:, None], axis=0)]
    assert Y.shape[1] > 50
    H = itf.first_integral(A, b, Y, cut)
    assert np.ptp(H) < 1e-9          # solve_ivp at rtol 1e-12 over ~1 time unit
    # while the area element dy1 dy2 is not conserved: tr A != 0
    assert abs(np.trace(A)) > 0.9


def test_both_inactive_node_is_hamiltonian_off_its_axes():
    net = _chapter_network()
    A, b = dynamics.linear_system(net, (0, 0))
    assert np.allclose(A, np.diag([-1 / 1.3, -1 / 0.7]))
    data = itf.linear_factor(A, b)
    assert data["kind"] == "node"
    y = data["equilibrium"][:, None] + np.array([[1.0, -2.0, 0.5], [0.7, 1.5, -3.0]])
    # rho is a multiple of 1 / |u1 u2|
    u = y - data["equilibrium"][:, None]
    ratio = itf.density(A, b, y) * u[0] * u[1]
    assert np.allclose(ratio, ratio[0])
    assert itf.hamilton_residual(A, b, y) < 1e-7


@pytest.mark.parametrize("call, error, match", [
    (lambda: itf.linear_factor([[1, 2], [2, 4]], [0, 0]), ValueError, "invertible"),
    (lambda: itf.linear_factor(np.eye(2), [0, 0]), ValueError, "distinct eigenvalues"),
    (lambda: itf.linear_factor("A", [0, 0]), TypeError, "A must be an array"),
    (lambda: itf.linear_factor(np.eye(3), [0, 0]), ValueError, "shape"),
    (lambda: itf.density(np.diag([1, 2]), [0, 0], [1, 2, 3]), ValueError, "length 2"),
    (lambda: itf.first_integral([[0.1, -1], [1, 0.1]], [0, 0], [1, 2], cut=[0, 0]), ValueError, "non-zero"),
    (lambda: itf.cut_away_from_quadrant([1, 1], [0, 0]), ValueError, "outside"),
    (lambda: itf.hamilton_residual(np.diag([1, 2]), [0, 0], [[1], [2]], step=0), ValueError, "step"),
])
def test_bad_input_is_rejected(call, error, match):
    with pytest.raises(error, match=match):
        call()
