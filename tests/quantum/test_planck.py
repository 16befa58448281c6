"""Tests of ctrnn.quantum.planck: hbar restored (issue 13, item 8)."""
import math

import numpy as np
import pytest

from ctrnn import CTRNN2
from ctrnn.classical import relu_plane as rp
from ctrnn.quantum import planck
from ctrnn.quantum.levels import critical_point
from ctrnn.quantum.levels import spectrum as spectrum_hbar1


def _net():
    return CTRNN2.from_condition_13(tau1=1.0, tau2=2.0, w11=1.5, w12=2.0, w21=-1.5,
                                    theta1=0.0, theta2=0.0, I1=6.0, I2=-6.0)


def test_symbolic_scaling_and_vanishing_third_derivatives():
    assert planck.scaling_identity() == 0
    assert planck.third_derivatives() == [0, 0, 0, 0]


@pytest.mark.parametrize("hbar", [0.01, 0.3, 1.0, 10.0])
def test_diagonalization_with_explicit_hbar_matches_the_closed_form(hbar):
    # tolerance 1e-9 relative to |H*| = 27: the Fourier grid is spectrally accurate
    net = _net()
    assert np.allclose(planck.numerical_spectrum(net, 8, hbar), planck.spectrum(net, 8, hbar),
                       rtol=0, atol=1e-9 * 27)


def test_hbar_one_is_the_books_spectrum_and_hbar_scales_the_offsets():
    net = _net()
    assert np.allclose(planck.spectrum(net, 5, 1.0), spectrum_hbar1(net, 5), rtol=1e-14)
    h_star = critical_point(net)[1]
    for hbar in (0.1, 4.0):
        assert np.allclose(planck.spectrum(net, 5, hbar) - h_star,
                           hbar * (spectrum_hbar1(net, 5) - h_star), rtol=1e-12)
    # counterfactual: the spectrum of a different hbar is not the book's
    assert not np.allclose(planck.spectrum(net, 5, 2.0), spectrum_hbar1(net, 5))


def test_levels_in_the_conservative_disc_scale_as_one_over_hbar():
    net = rp.networks()["centre inside"]
    disc = rp.conservative_level_range(net)
    counts = [planck.levels_in_disc(net, disc, h) for h in (0.01, 0.02, 0.04)]
    assert counts[0] >= counts[1] >= counts[2] >= 1
    assert abs(counts[0] / counts[2] - 4) < 0.2
    # the count is the number of closed-form levels within the disc
    levels = planck.spectrum(net, 200, 0.01)
    h_star = critical_point(net)[1]
    depth = max(abs(disc[0] - h_star), abs(disc[1] - h_star))
    assert abs(np.count_nonzero(np.abs(levels - h_star) <= depth) - counts[0]) <= 1


def test_weight_outside_A_grows_with_hbar_and_largest_hbar_inverts_it():
    net = rp.networks()["centre inside"]
    weights = [planck.weight_outside_active_region(net, h) for h in (0.01, 0.1, 1.0)]
    assert weights[0] < weights[1] < weights[2] < 0.5
    h = planck.largest_hbar(net, 0.01)
    assert planck.weight_outside_active_region(net, h) == pytest.approx(0.01, rel=1e-6)


@pytest.mark.parametrize("call, error", [
    (lambda: planck.spectrum(_net(), 3, 0.0), ValueError),
    (lambda: planck.spectrum(_net(), 3, "1"), TypeError),
    (lambda: planck.spectrum(rp.networks()["saddle"], 3, 1.0), ValueError),
    (lambda: planck.numerical_spectrum(_net(), 100, 1.0, size=64), ValueError),
    (lambda: planck.largest_hbar(_net(), 0.7), ValueError),
    (lambda: planck.largest_hbar(rp.networks()["centre outside"], 0.01), ValueError),
])
def test_bad_input_is_rejected(call, error):
    with pytest.raises(error):
        call()


def test_weight_outside_A_of_a_negative_definite_form_with_a_small_diagonal():
    # H negative definite with its (1, 1) entry in (-1, 0): the form must be flipped by
    # the sign of that entry (not by comparing it with -1); second route: a Monte Carlo
    # of the Gaussian N(z*, hbar sqrt(det a) a^-1 / 2) of the positive form
    net = CTRNN2.from_condition_13(tau1=1.7, tau2=0.86, w11=1.75, w12=1.3, w21=-2.6,
                                   theta1=0.3, theta2=0.2, I1=1.0, I2=-1.0)
    a = planck.quadratic_form(net)
    assert np.all(np.linalg.eigvalsh(a) < 0) and -1 < a[0, 0] < 0
    pos = -a
    cov = 0.5 * math.sqrt(np.linalg.det(pos)) * np.linalg.inv(pos)
    z, _ = critical_point(net)
    y = np.random.default_rng(3).multivariate_normal(z, cov, 200_000)
    outside = np.mean((y[:, 0] < -net.theta1) | (y[:, 1] < -net.theta2))
    # binomial standard error of 200,000 draws is below 1.2e-3; 5e-3 is four of them
    assert planck.weight_outside_active_region(net, 1.0) == pytest.approx(outside, abs=5e-3)
