"""Tests of ctrnn.classical.sigmoid: a sigmoid CTRNN is never Hamiltonian for a
constant symplectic or Poisson structure on any open set (issue 13, item 7)."""
import numpy as np
import pytest

from ctrnn.classical import sigmoid as sg


@pytest.mark.parametrize("n", [1, 2, 3])
def test_divergence_formula_is_the_trace_of_the_jacobian_of_eq_1(n):
    assert sg.divergence_symbolic(n)["difference"] == 0


def test_sigma_second_derivative_vanishes_only_at_zero():
    out = sg.second_derivative_zeros()
    assert out["zeros"] == [0]
    assert out["identity"] == 0


@pytest.mark.parametrize("n", [2, 3, 4])
def test_constant_poisson_structures_are_divergence_free(n):
    assert sg.constant_poisson_divergence(n) == 0


def _random_network(rng, n):
    return rng.uniform(0.5, 2.0, n), rng.normal(0, 3, (n, n)), rng.normal(size=n), rng.normal(size=n)


def test_numeric_divergence_matches_finite_differences_of_eq_1():
    # central differences of step 1e-6: error < 1e-8 on O(1) quantities
    rng = np.random.default_rng(0)
    for n in (1, 2, 3, 5, 8):
        tau, W, theta, I = _random_network(rng, n)
        y = rng.normal(0, 2, n)
        assert abs(sg.divergence(tau, W, theta, y) - sg.jacobian_trace(tau, W, theta, I, y)) < 1e-8


def test_random_networks_are_not_divergence_free_on_any_ball():
    # on every ball of radius 0.05 the divergence varies (so it is not identically
    # zero there) unless every w_ii = 0; the spread is bounded below by a quantity
    # of order radius * max |w_ii sigma''| / tau, far above rounding
    rng = np.random.default_rng(1)
    for _ in range(200):
        n = int(rng.integers(1, 7))
        tau, W, theta, _ = _random_network(rng, n)
        lo, hi = sg.divergence_range_on_ball(tau, W, theta, rng.normal(0, 2, n), 0.05, samples=400,
                                             seed=int(rng.integers(1000)))
        assert hi - lo > 1e-6 or not (lo <= 0 <= hi)


def test_zero_self_weights_give_the_constant_negative_divergence():
    # the only way for div f to be constant: w_ii = 0, and then it is -sum 1/tau_i < 0
    rng = np.random.default_rng(2)
    tau, W, theta, _ = _random_network(rng, 4)
    np.fill_diagonal(W, 0.0)
    lo, hi = sg.divergence_range_on_ball(tau, W, theta, np.zeros(4), 5.0)
    assert lo == pytest.approx(-np.sum(1 / tau), rel=1e-14)
    assert hi == pytest.approx(lo, rel=1e-14)


def test_a_sign_changing_divergence_still_vanishes_only_on_a_hypersurface():
    # w11 = 8 > 4 makes div = 8 sigma'(y1) - 1 - ... change sign: zero on a
    # line, but positive and negative values on a ball around that line
    tau, W, theta = np.ones(2), np.array([[8.0, 1.0], [-1.0, 0.0]]), np.zeros(2)
    # div = 8 s(1-s) - 2 = 0 at s(1-s) = 1/4 ... here 8/4 - 2 = 0 only at y1 = 0
    lo, hi = sg.divergence_range_on_ball(tau, W, theta, np.array([0.0, 0.0]), 0.5)
    assert lo < 0 and hi <= 1e-15
    W[0, 0] = 10.0
    lo, hi = sg.divergence_range_on_ball(tau, W, theta, np.array([0.5, 0.0]), 0.5)
    assert lo < 0 < hi


@pytest.mark.parametrize("call, error, match", [
    (lambda: sg.divergence([1, -1], np.eye(2), [0, 0], [0, 0]), ValueError, "tau must be positive"),
    (lambda: sg.divergence([1, 1], np.eye(3), [0, 0], [0, 0]), ValueError, "weights must have shape"),
    (lambda: sg.divergence([1, 1], np.eye(2), [0, 0], [0, 0, 0]), ValueError, "length n = 2"),
    (lambda: sg.divergence("tau", np.eye(2), [0, 0], [0, 0]), TypeError, "tau"),
    (lambda: sg.divergence_symbolic(0), ValueError, "n"),
    (lambda: sg.divergence_symbolic(2.5), TypeError, "n"),
    (lambda: sg.divergence_range_on_ball([1], [[1]], [0], [0], -1), ValueError, "radius"),
    (lambda: sg.constant_poisson_divergence(9), ValueError, "n"),
])
def test_bad_input_is_rejected(call, error, match):
    with pytest.raises(error, match=match):
        call()
