"""Tests of ctrnn.quantum.leaves: quantization on the symplectic leaves of three neurons."""
import numpy as np
import pytest

from ctrnn.classical import n_neurons as nn
from ctrnn.classical import nambu
from ctrnn.quantum import leaves


def _example(seed):
    W, tau = nn.random_network(3, seed, "some form")
    A, _ = nn.linear_system(W, tau)
    b = A @ np.ones(3)
    P, _, _, _ = nn.poisson_structure(A, b)
    return A, b, nambu.kernel_vector(P)


def test_centre_leaves_have_discrete_equally_spaced_levels_with_the_frequency_of_A():
    A, b, c = _example(13)
    omega = np.max(np.abs(np.linalg.eigvals(A).imag))      # independent of the leaf construction
    rows = leaves.leaf_spectra(A, b, c, [-1.0, 0.0, 2.0], n=5)
    for row in rows:
        assert row["case"] == "centre"
        assert row["omega"] == pytest.approx(omega, rel=1e-10)
        assert np.allclose(np.abs(np.diff(row["levels"])), omega, rtol=1e-10)
        assert np.allclose(row["levels"], row["numerical"], atol=1e-8)
    # the offset H*(kappa) moves with the leaf
    assert len({round(r["levels"][0], 6) for r in rows}) == 3


def test_saddle_leaves_have_no_discrete_levels():
    A, b, c = _example(11)
    for row in leaves.leaf_spectra(A, b, c, [0.0, 1.0], n=3):
        assert row["case"] == "saddle" and row["levels"] is None


@pytest.mark.parametrize("kwargs, error", [
    (dict(kappas=[]), ValueError), (dict(kappas="x"), TypeError), (dict(kappas=[0.0], n=0), ValueError)])
def test_bad_input_is_rejected(kwargs, error):
    A, b, c = _example(13)
    with pytest.raises(error):
        leaves.leaf_spectra(A, b, c, **kwargs)
