"""The vectorized discreteness test agrees with the per-network one.

:func:`ctrnn.quantum.levels.discrete_spectrum_mask` (arrays, used by the weight
maps and the Monte Carlo) must decide exactly as
:func:`ctrnn.quantum.levels.has_discrete_spectrum` (one CTRNN2 at a time), also
on the boundary Δ = 0, where the package's zero rule decides.
"""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctrnn import CTRNN2
from ctrnn.classical import weights
from ctrnn.quantum import levels as lv

tau = st.floats(0.05, 20.0)
weight = st.floats(-6.0, 6.0)


def _per_network(p):
    p = weights.hamiltonian_params(p)
    return np.array([lv.has_discrete_spectrum(net) for net in weights._networks(p)])


@given(st.lists(st.tuples(tau, tau, weight, weight, weight), min_size=1, max_size=30),
       st.booleans())
@settings(max_examples=80, deadline=None)
def test_mask_equals_the_per_network_decision(rows, on_the_boundary):
    tau1, tau2, w11, w12, w21 = (np.array(c) for c in zip(*rows))
    if on_the_boundary:        # Δ = (w11-1)²/τ1² + w12 w21/(τ1 τ2) = 0 up to rounding
        w12 = np.where(np.abs(w12) < 0.1, 1.0, w12)
        w21 = -tau2 * (w11 - 1) ** 2 / (tau1 * w12)
    p = dict(tau1=tau1, tau2=tau2, w11=w11, w12=w12, w21=w21)
    mask = lv.discrete_spectrum_mask(p)
    assert mask.shape == tau1.shape
    assert np.array_equal(mask, _per_network(p))


def test_mask_matches_the_weight_formula_away_from_the_boundary():
    # second route: Δ < 0  <=>  w12 w21 < -τ2 (w11 - 1)²/τ1 (the quantization chapter)
    rng = np.random.default_rng(7)
    p = dict(tau1=rng.uniform(0.1, 5, 2000), tau2=rng.uniform(0.1, 5, 2000),
             w11=rng.uniform(-4, 4, 2000), w12=rng.uniform(-4, 4, 2000),
             w21=rng.uniform(-4, 4, 2000))
    margin = p["w12"] * p["w21"] + p["tau2"] * (p["w11"] - 1) ** 2 / p["tau1"]
    clear = np.abs(margin) > 1e-6
    assert np.array_equal(lv.discrete_spectrum_mask(p)[clear], (margin < 0)[clear])
    assert 0 < np.mean(margin < 0) < 1       # both outcomes occur


def test_mask_accepts_a_network_and_rejects_a_dissipative_one():
    net = CTRNN2.from_condition_13(1.0, 1.0, 1.5, -2.0, 1.5)
    assert lv.discrete_spectrum_mask(net) == lv.has_discrete_spectrum(net)
    with pytest.raises(ValueError, match="13"):
        lv.discrete_spectrum_mask(CTRNN2(1.0, 1.0, 1.5, -2.0, 1.5, 0.2))
