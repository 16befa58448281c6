"""The FFT form of the Fourier-grid operators equals the dense matrices.

``ctrnn.quantum.dissipative`` evolves the Caldirola-Kanai Schrödinger equation by
applying q, p and their quadratic combinations with FFTs (large grids) or with
dense matrices formed once (small grids); these tests compare both forms with the
operator assembled from the matrices of :func:`ctrnn.quantum.levels.fourier_operators`.
"""
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ctrnn.quantum import dissipative as dq
from ctrnn.quantum import levels as lv

coefficient = st.floats(-5, 5, allow_nan=False)


@given(st.floats(-3, 3), st.floats(-3, 3), st.floats(0.5, 20), st.integers(2, 64),
       st.tuples(coefficient, coefficient, coefficient), st.integers(0, 2**32 - 1))
@settings(max_examples=60, deadline=None)
def test_fft_quadratic_equals_dense_quadratic(cx, cp, half_width, size, coeffs, seed):
    # Tolerance 1e-11 of the operator's scale: both are sums of O(size) rounded
    # terms of that scale (eps * size * scale < 1e-12 for size <= 64).
    x_op, p_op = lv.fourier_operators(cx, cp, half_width, size)
    x, k = lv.fourier_grid(cx, cp, half_width, size)
    assert np.array_equal(np.diag(x_op).real, x)
    u = np.random.default_rng(seed).normal(size=(size, 2)) @ np.array([1.0, 1j])
    dense = dq._quadratic_operator(coeffs, x_op, p_op) @ u
    fast = dq._grid_quadratic(x, k)(coeffs, u)
    scale = (1 + np.abs(x).max() + np.abs(k).max()) ** 2 * (1 + np.abs(coeffs).max())
    assert np.abs(fast - dense).max() <= 1e-11 * scale * np.abs(u).max()


def test_a_wrong_wavenumber_sign_is_caught():
    # planted bug: p applied with -k (the momentum of the mirrored state)
    x_op, p_op = lv.fourier_operators(0.0, 0.5, 4.0, 16)
    x, k = lv.fourier_grid(0.0, 0.5, 4.0, 16)
    u = np.exp(-x ** 2) * (1 + 0.3j * x)
    dense = dq._quadratic_operator((0.0, 1.0, 0.0), x_op, p_op) @ u
    assert not np.allclose(dq._grid_quadratic(x, -k)((0.0, 1.0, 0.0), u), dense)
    assert np.allclose(dq._grid_quadratic(x, k)((0.0, 1.0, 0.0), u), dense)


@given(st.floats(-3, 3), st.floats(-3, 3), st.floats(0.5, 20), st.integers(1, 40))
@settings(max_examples=40, deadline=None)
def test_momentum_matrix_is_the_dft_conjugated_wavenumber_diagonal(cx, cp, half_width, size):
    # second route: p = F^H diag(k) F with the unitary DFT matrix F built
    # explicitly; fourier_operators uses the circulant form ifft(k)[(j - l) mod N].
    _, p_op = lv.fourier_operators(cx, cp, half_width, size)
    _, k = lv.fourier_grid(cx, cp, half_width, size)
    j = np.arange(size)
    F = np.exp(-2j * np.pi * np.outer(j, j) / size) / np.sqrt(size)
    dense = F.conj().T @ (k[:, None] * F)
    assert np.abs(p_op - dense).max() <= 1e-12 * (1 + np.abs(k).max())


@given(st.floats(-3, 3), st.floats(0.5, 20), st.integers(2, 64),
       st.tuples(coefficient, coefficient, coefficient), st.integers(0, 2**32 - 1))
@settings(max_examples=60, deadline=None)
def test_dense_quadratic_formed_once_equals_the_operator(cx, half_width, size, coeffs, seed):
    # the Caldirola-Kanai evolution's dense form (matrices built once, coefficients
    # applied at each call) against _quadratic_operator assembled for these coefficients
    x_op, p_op = lv.fourier_operators(cx, 0.0, half_width, size)
    u = np.random.default_rng(seed).normal(size=(size, 2)) @ np.array([1.0, 1j])
    dense = dq._quadratic_operator(coeffs, x_op, p_op) @ u
    fast = dq._dense_quadratic(x_op, p_op)(coeffs, u)
    x, k = lv.fourier_grid(cx, 0.0, half_width, size)
    scale = (1 + np.abs(x).max() + np.abs(k).max()) ** 2 * (1 + np.abs(coeffs).max())
    assert np.abs(fast - dense).max() <= 1e-11 * scale * np.abs(u).max()
    # planted bug: alpha and delta exchanged
    swapped = dq._dense_quadratic(x_op, p_op)(coeffs[::-1], u)
    if abs(coeffs[0] - coeffs[2]) > 0.1:
        assert np.abs(swapped - dense).max() > 1e-9 * scale * np.abs(u).max()
