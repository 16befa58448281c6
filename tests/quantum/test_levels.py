"""Tests of ctrnn.quantum: the spectrum of the Weyl-quantized Hamiltonian (18)."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ctrnn import CTRNN2, quantum
from ctrnn.book import wavefunction
from ctrnn.classical import hamiltonian
from ctrnn.quantum import levels

#: Three discrete cases: C2 < 0 (bounded below), C2 > 0 (bounded above), and
#: a displaced, strongly coupled one.
DISCRETE = [
    CTRNN2.from_condition_13(1.0, 1.0, 1.5, -2.0, 1.5, 0.2, -0.1, 0.3, -0.2),
    CTRNN2.from_condition_13(0.7, 1.8, 0.4, 1.2, -0.9, -0.3, 0.5, 0.0, 0.4),
    CTRNN2.from_condition_13(2.0, 0.5, 2.2, -3.0, 0.9, 1.0, 0.7, -1.5, 2.0),
]
CONTINUOUS = CTRNN2.from_condition_13(1.0, 1.0, 1.5, 2.0, 1.5, 0.2, -0.1, 0.3, -0.2)
NOT_HAMILTONIAN = CTRNN2(1.0, 1.0, 1.5, -2.0, 1.5, 1.5)


def _relative_error(net, levels):
    spacing = np.sqrt(-hamiltonian.discriminant(net))
    return np.max(np.abs(levels - quantum.spectrum(net, len(levels)))) / spacing


def test_discriminant_in_the_weights():
    for net in DISCRETE + [CONTINUOUS]:
        p = net.params
        expected = ((p["w11"] - 1) ** 2 / p["tau1"] ** 2
                    + p["w12"] * p["w21"] / (p["tau1"] * p["tau2"]))
        assert hamiltonian.discriminant(net) == pytest.approx(expected, rel=1e-12)
        assert quantum.has_discrete_spectrum(net) == (expected < 0)


def test_plain_oscillator():
    """H = y1²/2 + y2²/2 (C2 = -1/2, D2 = 1/2, no linear or cross terms): n + 1/2."""
    net = CTRNN2.from_condition_13(1.0, 1.0, 1.0, -1.0, 1.0)
    assert net.hamiltonian_coefficients()["C2"] == -0.5
    assert np.allclose(quantum.spectrum(net, 5), np.arange(5) + 0.5)
    assert np.allclose(quantum.numerical_spectrum(net, 5), np.arange(5) + 0.5, atol=1e-12)


@pytest.mark.parametrize("net", DISCRETE)
@pytest.mark.parametrize("method", ["hermite", "fourier"])
def test_closed_form_agrees_with_diagonalization(net, method):
    levels = quantum.numerical_spectrum(net, 20, method=method)
    assert _relative_error(net, levels) < 1e-8


@pytest.mark.parametrize("net", [DISCRETE[0], DISCRETE[2]])
def test_finite_differences_converge_to_the_closed_form(net):
    coarse = _relative_error(net, quantum.numerical_spectrum(net, 5, method="fd", size=200))
    fine = _relative_error(net, quantum.numerical_spectrum(net, 5, method="fd", size=400))
    assert fine < coarse / 3            # second order: a factor ~4 per halving of h


@st.composite
def discrete_networks(draw):
    """Hamiltonian networks with Δ < 0: w12 w21 = -τ2 (w11 - 1)²/τ1 - margin."""
    tau1, tau2 = draw(st.floats(0.2, 3)), draw(st.floats(0.2, 3))
    w11 = draw(st.floats(-2, 4))
    w12 = draw(st.floats(0.2, 3)) * draw(st.sampled_from([-1, 1]))
    margin = draw(st.floats(0.05, 5))
    w21 = -(tau2 * (w11 - 1) ** 2 / tau1 + margin) / w12
    rest = [draw(st.floats(-3, 3)) for _ in range(4)]
    return CTRNN2.from_condition_13(tau1, tau2, w11, w12, w21, *rest)


@settings(max_examples=25, deadline=None)
@given(discrete_networks())
def test_property_closed_form_equals_numerical(net):
    assert _relative_error(net, quantum.numerical_spectrum(net, 20)) < 1e-8


@settings(max_examples=25, deadline=None)
@given(discrete_networks())
def test_levels_are_equally_spaced_and_ordered_by_definiteness(net):
    levels = quantum.spectrum(net, 6)
    steps = np.diff(levels)
    assert np.allclose(steps, steps[0])
    c2 = net.hamiltonian_coefficients()["C2"]
    assert np.sign(steps[0]) == -np.sign(c2)


def test_ground_energy_sits_half_a_quantum_from_the_critical_value():
    for net in DISCRETE:
        z, h_star = quantum.critical_point(net)
        a = levels.quadratic_form(net)
        c = net.hamiltonian_coefficients()
        grad = 2 * a @ z + np.array([-c["C1"], c["D1"]])
        assert np.allclose(grad, 0, atol=1e-12)
        level0 = quantum.spectrum(net, 1)[0]
        assert abs(level0 - h_star) == pytest.approx(0.5 * np.sqrt(-hamiltonian.discriminant(net)))


@pytest.mark.parametrize("net", DISCRETE[:2])
def test_eigenfunctions_are_orthonormal_eigenvectors(net):
    z, _ = quantum.critical_point(net)
    grid = np.linspace(z[1] - 25, z[1] + 25, 2048, endpoint=False)
    h = grid[1] - grid[0]
    psi = quantum.eigenfunctions(net, 4, grid)
    gram = psi.conj() @ psi.T * h
    assert np.allclose(gram, np.eye(4), atol=1e-10)
    # apply the Weyl operator spectrally and compare with lambda psi
    k = 2 * np.pi * np.fft.fftfreq(grid.size, d=h)
    c = net.hamiltonian_coefficients()
    levels = quantum.spectrum(net, 4)
    for j in range(4):
        d1 = np.fft.ifft(1j * k * np.fft.fft(psi[j]))
        d2 = np.fft.ifft(-(k ** 2) * np.fft.fft(psi[j]))
        h_psi = (c["C2"] * d2 + 1j * (c["C1"] - c["E2"] * grid) * d1
                 + (c["D1"] * grid + c["D2"] * grid ** 2 - 0.5j * c["E2"]) * psi[j])
        assert np.max(np.abs(h_psi - levels[j] * psi[j])) < 1e-8 * np.max(np.abs(h_psi))


def test_box_levels_separate_discrete_from_continuous():
    small = quantum.box_levels(DISCRETE[0], 8.0, 0.1)
    large = quantum.box_levels(DISCRETE[0], 16.0, 0.1)
    assert np.allclose(small[:5], large[:5], atol=1e-9)
    assert np.allclose(large[:5], quantum.spectrum(DISCRETE[0], 5), atol=1e-9)
    c_small = quantum.box_levels(CONTINUOUS, 8.0, 0.1)
    c_large = quantum.box_levels(CONTINUOUS, 16.0, 0.1)
    near = lambda lev: np.sort(lev[np.argsort(np.abs(lev))[:6]])  # noqa: E731
    assert np.mean(np.diff(near(c_large))) < 0.9 * np.mean(np.diff(near(c_small)))


def test_continuous_spectrum_raises():
    assert not quantum.has_discrete_spectrum(CONTINUOUS)
    for func in (quantum.spectrum, quantum.numerical_spectrum, quantum.eigenfunctions):
        args = (CONTINUOUS, 3) if func is not quantum.eigenfunctions else (CONTINUOUS, 3, [0.0])
        with pytest.raises(ValueError, match="no discrete"):
            func(*args)


def test_zero_discriminant_raises():
    # w12 w21 = -tau2 (w11-1)^2/tau1: Delta = 0 (linear potential)
    net = CTRNN2.from_condition_13(1.0, 1.0, 2.0, -1.0, 1.0)
    assert hamiltonian.discriminant(net) == 0
    with pytest.raises(ValueError, match="not negative"):
        quantum.spectrum(net, 2)


def test_not_hamiltonian_raises_citing_13():
    for func in (quantum.spectrum, quantum.numerical_spectrum):
        with pytest.raises(ValueError, match=r"Eq\. \(13\)"):
            func(NOT_HAMILTONIAN, 3)
    with pytest.raises(ValueError, match=r"Eq\. \(13\)"):
        hamiltonian.discriminant(NOT_HAMILTONIAN)


@pytest.mark.parametrize("n, error", [(0, ValueError), (-2, ValueError), (2.5, TypeError),
                                      (True, TypeError), ("3", TypeError)])
def test_bad_level_count(n, error):
    with pytest.raises(error, match="n must be a positive integer"):
        quantum.spectrum(DISCRETE[0], n)
    with pytest.raises(error, match="n must be a positive integer"):
        quantum.numerical_spectrum(DISCRETE[0], n)


def test_bad_options():
    net = DISCRETE[0]
    with pytest.raises(ValueError, match="method"):
        quantum.numerical_spectrum(net, 3, method="chebyshev")
    with pytest.raises(ValueError, match="size"):
        quantum.numerical_spectrum(net, 10, size=5)
    with pytest.raises(ValueError, match="half_width"):
        quantum.numerical_spectrum(net, 3, method="fourier", half_width=-1.0)
    with pytest.raises(ValueError, match="tail"):
        quantum.numerical_spectrum(net, 3, tail=float("nan"))
    with pytest.raises(TypeError, match="net must be"):
        quantum.spectrum("network", 3)
    with pytest.raises(ValueError, match="spacing"):
        quantum.box_levels(net, 5.0, 0.0)


def test_agreement_table_rows_match_the_weights_and_the_errors_are_small():
    nets = {"A": DISCRETE[0], "B": DISCRETE[1]}
    lines = wavefunction.agreement_table(nets, 12).splitlines()
    assert lines[0].startswith(r"| network | $\Delta$ | $C_2$ | $\lambda_0$ | max error, Hermite")
    assert len(lines) == 2 + len(nets)
    for line, (label, net) in zip(lines[2:], nets.items()):
        cells = [c.strip() for c in line.strip("|").split("|")]
        p = net.params
        delta = ((p["w11"] - 1) ** 2 / p["tau1"] ** 2
                 + p["w12"] * p["w21"] / (p["tau1"] * p["tau2"]))
        assert cells[0] == label
        assert float(cells[1]) == pytest.approx(delta, rel=1e-3)
        # errors are stated as bounds "< 1e-10" (their digits are rounding error)
        assert all(e.startswith("< ") and float(e[2:]) <= 1e-10 for e in cells[4:])


@pytest.mark.parametrize("nets,n,methods,match", [
    ({}, 5, ("hermite",), "nets"),
    ({"A": DISCRETE[0]}, 0, ("hermite",), "n must"),
    ({"A": DISCRETE[0]}, 5, (), "methods"),
    ({"A": CONTINUOUS}, 5, ("hermite",), "discrete"),
])
def test_agreement_table_rejects_bad_input(nets, n, methods, match):
    with pytest.raises(ValueError, match=match):
        wavefunction.agreement_table(nets, n, methods)


@pytest.mark.parametrize("net", DISCRETE + [CONTINUOUS])
@pytest.mark.parametrize("grid", [(0.0, 0.0, 4.0, 67), (0.3, -0.7, 9.0, 160)])
def test_hamiltonian_matrix_of_a_diagonal_position_is_the_dense_weyl_matrix(net, grid):
    # the diagonal x_op is multiplied as a sparse matrix: the same entries, bit for bit
    from ctrnn.quantum.weyl import hamiltonian_symbol, weyl_matrix
    x_op, p_op = levels.fourier_operators(*grid)
    c = hamiltonian.coefficients(net)
    dense = weyl_matrix(hamiltonian_symbol(), x_op, p_op, c)
    fast = levels.hamiltonian_matrix(net, x_op, p_op)
    assert type(fast) is np.ndarray and fast.dtype == dense.dtype
    assert np.array_equal(fast, dense)
    assert np.array_equal(levels.hamiltonian_matrix(net, x_op.astype(complex), p_op), dense)


def test_only_dense_diagonal_float_matrices_are_made_sparse():
    x_op, p_op = levels.fourier_operators(0.0, 0.0, 3.0, 8)
    sparse = levels._sparse_if_diagonal(x_op)
    assert hasattr(sparse, "tocsr") and np.array_equal(sparse.toarray(), x_op)
    for other in (p_op, x_op[:, :7], x_op.astype(int), levels._sparse_if_diagonal(x_op)):
        assert levels._sparse_if_diagonal(other) is other
    with pytest.raises(ValueError, match="finite"):
        levels.hamiltonian_matrix(DISCRETE[0], np.diag([1.0, np.nan, 0.0, 2.0, 0, 0, 0, 1.0]),
                                  p_op)
