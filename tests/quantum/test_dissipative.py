"""Tests of ctrnn.quantum.dissipative: the quantized invariant, the resonances of the
doubled system and Koopman-von Neumann."""
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ctrnn import CTRNN2, quantum
from ctrnn.classical import dissipation
from ctrnn.quantum import dissipative

FOCUS = CTRNN2(1.0, 2.0, 1.5, 2.0, -2.0, -0.4, I1=6.0, I2=-6.0)      # tr A = -0.2
SADDLE = CTRNN2(1.0, 1.0, 2.0, 1.0, 1.0, 0.0)
DEFECTIVE = CTRNN2(1.0, 1.0, 2.0, 1.0, 0.0, 2.0)                    # A = [[1, 0], [1, 1]]

weights = st.floats(-4, 4, allow_nan=False)
taus = st.floats(0.2, 5, allow_nan=False)
offsets = st.floats(-1, 1, allow_nan=False)


@st.composite
def hamiltonian_networks(draw):
    return CTRNN2.from_condition_13(draw(taus), draw(taus), draw(weights), draw(weights),
                                    draw(weights), draw(offsets), draw(offsets),
                                    draw(offsets), draw(offsets))


@st.composite
def centre_networks(draw):
    """Hamiltonian networks with a centre: tau1 w12 w21 < -tau2 (w11 - 1)**2."""
    tau1, tau2, w11 = draw(taus), draw(taus), draw(weights)
    w12 = draw(st.floats(0.1, 4)) * draw(st.sampled_from([-1.0, 1.0]))
    margin = draw(st.floats(0.05, 4))
    w21 = -(tau2 * (w11 - 1) ** 2 + tau1 * margin) / (tau1 * w12)
    return CTRNN2.from_condition_13(tau1, tau2, w11, w12, w21, draw(offsets), draw(offsets),
                                    draw(offsets), draw(offsets))


@st.composite
def networks(draw):
    return CTRNN2(draw(taus), draw(taus), draw(weights), draw(weights), draw(weights),
                  draw(weights), draw(offsets), draw(offsets), draw(offsets), draw(offsets))


# ------------------------------------------------------------ the invariant
@settings(max_examples=60, deadline=None)
@given(centre_networks(), st.integers(1, 6))
def test_invariant_spectrum_is_spectrum_under_13(net, n):
    omega = np.sqrt(-dissipation.discriminant(net)[0])
    assume(omega > 1e-6)
    inv, ref = dissipative.invariant_spectrum(net, n), quantum.spectrum(net, n)
    # two routes to h* and omega: agreement to rounding of the larger of them
    scale = omega * n + abs(ref[0])
    np.testing.assert_allclose(inv, ref, rtol=0, atol=1e-9 * scale)


@settings(max_examples=40, deadline=None)
@given(hamiltonian_networks())
def test_discreteness_agrees_with_hamiltonian_case(net):
    delta, size = dissipation.discriminant(net)
    assume(abs(delta) > 1e-6 * size)
    assert dissipative.has_discrete_invariant_spectrum(net) == quantum.has_discrete_spectrum(net)


@settings(max_examples=30, deadline=None)
@given(networks())
def test_discreteness_is_complex_eigenvalues(net):
    from ctrnn.classical.dynamics import classify, linear_system
    delta, size = dissipation.discriminant(net)
    assume(abs(delta) > 1e-6 * size)
    kind = classify(linear_system(net, (1, 1))[0])
    assume(kind != "degenerate")
    assert dissipative.has_discrete_invariant_spectrum(net) == (
        kind in ("stable focus", "unstable focus", "centre"))


@pytest.mark.parametrize("t", [0.0, 3.0])
def test_invariant_spectrum_against_diagonalization(t):
    closed = dissipative.invariant_spectrum(FOCUS, 5)
    numeric = dissipative.numerical_invariant_spectrum(FOCUS, 5, t=t)
    # Hermite basis: the lowest levels converge exponentially; 1e-8 of the spacing
    np.testing.assert_allclose(numeric, closed, rtol=0, atol=1e-8 * abs(closed[1] - closed[0]))


def test_invariant_spectrum_differs_from_naive_guess():
    """Counterfactual: the spacing is Im(lambda), not |lambda| nor sqrt(det A)."""
    lam = dissipation.flow_split(FOCUS)["eigenvalues"][0]
    levels = dissipative.invariant_spectrum(FOCUS, 2)
    assert abs(abs(levels[1] - levels[0]) - lam.imag) < 1e-12
    assert abs(abs(levels[1] - levels[0]) - abs(lam)) > 1e-3


def test_lewis_riesenfeld_eigenstate_stays_eigenstate():
    run = dissipative.evolve_caldirola_kanai(FOCUS, np.linspace(0.0, 4.0, 5), level=1)
    target = dissipative.invariant_spectrum(FOCUS, 2)[1]
    np.testing.assert_allclose(run.invariant, target, rtol=0, atol=1e-8)
    # An exact eigenstate has variance 0 and norm 1: what is left is rounding and
    # the integrator's error (rtol 1e-10, atol 1e-12 per grid value), measured
    # 4e-15 and 4e-16.  A tolerance 100x looser (atol 1e-8) gives 4.3e-9 and
    # 5e-14, so these bounds sit between the two.
    assert run.invariant_var.max() < 1e-10
    assert np.abs(run.norm - 1).max() < 1e-12


def test_caldirola_kanai_means_follow_the_network():
    t = np.linspace(0.0, 6.0, 13)
    run = dissipative.evolve_caldirola_kanai(FOCUS, t, y0=[8.0, 6.0])
    classical = dissipation.linear_flow(FOCUS, [8.0, 6.0], t)
    assert np.abs(run.y - classical).max() < 1e-7
    # the means are not stationary: a wrong map back (no e^{2 gamma t}) would fail
    wrong = run.y - classical
    assert np.abs(classical - classical[:, :1]).max() > 1.0 and np.abs(wrong).max() < 1e-7


def test_invariant_bad_input():
    with pytest.raises(ValueError, match="real eigenvalues"):
        dissipative.invariant_spectrum(SADDLE, 3)
    for n in (0, -1, 1.5, True):
        with pytest.raises(ValueError, match="n must be"):
            dissipative.invariant_spectrum(FOCUS, n)
    with pytest.raises(TypeError, match="net must be"):
        dissipative.invariant_spectrum(FOCUS.params, 3)
    with pytest.raises(ValueError, match="Eq. \\(13\\)"):
        quantum.spectrum(FOCUS, 3)          # the paper's route needs (13)


# --------------------------------------------------------- the resonances
def _match(closed, numeric):
    numeric = list(numeric)
    worst = 0.0
    for value in closed:
        k = int(np.argmin([abs(value - z) for z in numeric]))
        worst = max(worst, abs(value - numeric.pop(k)))
    return worst


@settings(max_examples=60, deadline=None)
@given(networks(), st.integers(0, 2))
def test_resonances_against_polynomial_diagonalization(net, nmax):
    delta, size = dissipation.discriminant(net)
    assume(abs(delta) > 1e-3 * size)                   # well away from defective A
    # and eigenvalues well apart on the scale of A: the polynomial-basis matrix
    # couples powers of A's eigenvector matrix, whose condition grows like
    # (|A| / gap)^degree (a gap of 3e-3 |A| already costs 5e-6 at degree 4;
    # hypothesis found it)
    A = dissipation.flow_split(net)["A"]
    assume(2 * np.sqrt(abs(delta)) > 1e-1 * (1 + np.abs(A).max()))
    res = dissipative.resonances(net, nmax)
    numeric = dissipative.numerical_resonances(net, 2 * nmax)
    lam = np.abs(dissipation.flow_split(net)["eigenvalues"]).max()
    closed = [z for (n1, n2), z in res.items()]
    # each closed-form resonance is an eigenvalue of the polynomial-basis matrix;
    # eigvals of a non-normal matrix: error ~ eps * condition, 1e-7 of the scale
    assert _match(closed, numeric) < 1e-7 * (1 + lam) * (2 * nmax + 1)


def test_numerical_resonances_of_a_nearly_defective_network_fail_clearly():
    # A = [[-1, -1.4e-45], [1, -1]] (hypothesis): LAPACK does not converge
    net = CTRNN2(1.0, 1.0, 0.0, -1.401298464324817e-45, 1.0, 0.0)
    try:
        values = dissipative.numerical_resonances(net, 4)
    except ValueError as exc:
        assert "nearly defective" in str(exc)
    else:
        assert np.all(np.isfinite(values))


def test_planted_wrong_resonances_are_caught():
    res = dissipative.resonances(FOCUS, 2)
    numeric = dissipative.numerical_resonances(FOCUS, 4)
    no_zero_point = [z - 1j * sum(dissipation.flow_split(FOCUS)["eigenvalues"]) / 2
                     for z in res.values()]
    assert _match(list(res.values()), numeric) < 1e-10
    assert _match(no_zero_point, numeric) > 1e-2


def test_resonances_in_network_terms():
    lam1, lam2 = dissipation.flow_split(FOCUS)["eigenvalues"]
    gamma, omega = lam1.real, lam1.imag
    for (n1, n2), z in dissipative.resonances(FOCUS, 3).items():
        assert z == pytest.approx(-omega * (n1 - n2) + 1j * gamma * (n1 + n2 + 1), abs=1e-12)


def test_hamiltonian_resonances_are_level_differences():
    net = CTRNN2.from_condition_13(1.0, 2.0, 1.5, 2.0, -1.5, I1=6.0, I2=-6.0)
    levels = quantum.spectrum(net, 4)
    res = dissipative.resonances(net, 3)
    for (n1, n2), z in res.items():
        assert abs(z.imag) < 1e-12
        assert abs(abs(z.real) - abs(levels[n1] - levels[n2])) < 1e-9


def test_resonances_bad_input():
    with pytest.raises(ValueError, match="defective"):
        dissipative.resonances(DEFECTIVE, 2)
    for nmax in (-1, 1.5, True, "2"):
        with pytest.raises(ValueError, match="nmax"):
            dissipative.resonances(FOCUS, nmax)
    with pytest.raises(TypeError):
        dissipative.resonances(None, 1)
    scalar = CTRNN2(1.0, 1.0, 0.5, 0.0, 0.0, 0.5)        # A = -I/2: diagonalizable
    assert dissipative.resonances(scalar, 1)[(1, 1)] == pytest.approx(-1.5j)


def test_exported():
    assert quantum.resonances is dissipative.resonances
    assert quantum.invariant_spectrum is dissipative.invariant_spectrum


# ------------------------------------------------- Koopman-von Neumann
def test_kvn_symbolic():
    d = dissipative.kvn_symbolic()
    assert d["operator"] == 0 and d["continuity"] == 0 and d["imaginary_part"] == 0


def test_kvn_density_both_ways():
    run = dissipative.kvn_evolve(FOCUS, [0.0, 1.0], mean=(8.0, 6.0), std=(0.45, 0.45),
                                 half_width=(7.0, 7.0), centre=(6.2, 4.5), size=64)
    # spectral grid of 64 points: converged to ~1e-6 of the peak at t = 1
    assert run["error"][-1] < 1e-5
    assert np.abs(run["mass"] - 1).max() < 1e-9
    # counterfactual: without the divergence term the density would not be conserved
    assert abs(np.exp(-np.trace(dissipation.flow_split(FOCUS)["A"])) - 1) > 0.1


def test_kvn_outside_counts_the_density_where_either_neuron_is_off():
    # At t = 0 the classical density is the initial Gaussian, largest at its mean
    # (a grid point: the box is centred on it).  Centred where neuron 1 or neuron 2
    # is off (y_i + theta_i < 0, FOCUS has theta = 0), the whole peak lies outside
    # the both-active region: outside = 1.  Centred at (3, 3) in it, the nearest
    # point off it is 3 = 6 std from the mean: outside <= exp(-18) (hand bound).
    for mean, expected in (((3.0, -3.0), 1.0), ((-3.0, 3.0), 1.0)):
        run = dissipative.kvn_evolve(FOCUS, [0.0, 0.01], mean=mean, std=(0.5, 0.5),
                                     half_width=(4.0, 4.0), size=16)
        assert run["outside"][0] == pytest.approx(expected, abs=1e-12), mean
    inside = dissipative.kvn_evolve(FOCUS, [0.0, 0.01], mean=(3.0, 3.0), std=(0.5, 0.5),
                                    half_width=(4.0, 4.0), size=16)
    assert inside["outside"][0] <= np.exp(-18.0)


@pytest.mark.parametrize("tau", [0.01, 1.0, 100.0])
def test_a_shear_above_the_tolerance_is_a_jordan_block_on_every_time_scale(tau):
    # A = [[-1, 0], [c, -1]]/tau (w11 = w22 = 0, the off-diagonal entry w12/tau2 or
    # w21/tau1 is c/tau for w = c): equal eigenvalues, and c != 0 leaves one
    # eigenvector (by hand).  The zero rule compares c/tau with the sum of the
    # entries' magnitudes (2 + c)/tau (vanishes, RTOL = 1e-10), so the decision does
    # not depend on the time unit tau: c = 1e-9 (five times RTOL * 2) is a Jordan
    # block for every tau, and c = 1e-12 counts as zero, leaving A = -I/tau, whose
    # resonance (1, 1) is i gamma (n1 + n2 + 1) = -3i/tau (the network form of
    # test_resonances_in_network_terms with gamma = -1/tau, omega = 0).
    for w12, w21 in ((1e-9, 0.0), (0.0, 1e-9)):         # shear below or above the diagonal
        with pytest.raises(ValueError, match="defective"):
            dissipative.resonances(CTRNN2(tau, tau, 0.0, w12, w21, 0.0), 1)
    scalar = CTRNN2(tau, tau, 0.0, 1e-12, 0.0, 0.0)
    assert dissipative.resonances(scalar, 1)[(1, 1)] == pytest.approx(-3j / tau, rel=1e-9)


def test_ck_propagator_carries_the_flow_in_caldirola_kanai_coordinates():
    # (q, p)(t) = Phi(t) (q, p)(0) for the network's own exact flow, mapped by
    # to_caldirola_kanai (a second route: the flow of (5)-(6), not the propagator's formula)
    from ctrnn.quantum.dissipative import _ck_propagator
    y0 = np.array([0.7, -1.3])
    for t in (0.3, 1.7, 4.0):
        y_t = dissipation.linear_flow(FOCUS, y0, np.array([t]))[:, 0]
        z_t = dissipation.to_caldirola_kanai(FOCUS, y_t, t)
        z_0 = dissipation.to_caldirola_kanai(FOCUS, y0, 0.0)
        assert np.allclose(_ck_propagator(FOCUS, t) @ z_0, z_t, rtol=1e-10, atol=1e-12)


# ------------------------------------------------- vectorised and batched forms
@st.composite
def near_degenerate_networks(draw):
    """Networks with Delta_A at or within rounding of 0 (the vanishes rule decides)."""
    tau1, tau2, w11, w22 = draw(taus), draw(taus), draw(weights), draw(weights)
    w12 = draw(st.floats(0.1, 4)) * draw(st.sampled_from([-1.0, 1.0]))
    first = 0.25 * ((w11 - 1) / tau1 - (w22 - 1) / tau2) ** 2
    w21 = -first * tau1 * tau2 / w12 * (1 + draw(st.sampled_from([0.0, 1e-17, -1e-17, 1e-9])))
    return CTRNN2(tau1, tau2, w11, w12, w21, w22)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(networks(), near_degenerate_networks()), min_size=1, max_size=8))
def test_discrete_invariant_mask_is_the_per_network_rule(nets):
    params = {k: np.array([getattr(n, k) for n in nets])
              for k in dissipation.MATRIX_PARAMETERS}
    mask = dissipative.discrete_invariant_mask(params)
    assert mask.dtype == bool
    assert mask.tolist() == [dissipative.has_discrete_invariant_spectrum(n) for n in nets]


def test_invariant_map_is_decided_network_by_network():
    from ctrnn.book import dissipative as view
    fixed = {"tau1": 1.0, "tau2": 2.0, "w11": 2.0, "w22": -1.5}
    xs, ys = np.linspace(-3, 3, 13), np.linspace(-3, 3, 11)
    grid = view.invariant_map("w12", xs, "w21", ys, fixed)
    per_net = [[dissipative.has_discrete_invariant_spectrum(CTRNN2(w12=x, w21=y, **fixed))
                for x in xs] for y in ys]
    assert grid["discrete"].tolist() == per_net
    assert 0 < grid["discrete"].sum() < grid["discrete"].size


@pytest.mark.parametrize("kwargs", [{"y0": [8.0, 6.0]}, {"level": 1}])
def test_caldirola_kanai_dense_and_fft_paths_agree(monkeypatch, kwargs):
    # the same grid evolved with the dense operator (size <= DENSE_MAX_SIZE) and
    # with the FFT form: one Schrödinger equation, so equal to the integrator's tolerance
    t = np.linspace(0.0, 2.0, 5)
    assert dissipative.evolve_caldirola_kanai(FOCUS, t, **kwargs).size <= dissipative.DENSE_MAX_SIZE
    dense = dissipative.evolve_caldirola_kanai(FOCUS, t, **kwargs)
    monkeypatch.setattr(dissipative, "DENSE_MAX_SIZE", 0)
    fft = dissipative.evolve_caldirola_kanai(FOCUS, t, **kwargs)
    assert dense.size == fft.size
    np.testing.assert_allclose(dense.y, fft.y, rtol=0, atol=1e-8)
    np.testing.assert_allclose(dense.invariant, fft.invariant, rtol=0, atol=1e-8)
    np.testing.assert_allclose(dense.norm, fft.norm, rtol=0, atol=1e-9)


def _fft2_derivative(f, K):
    """The spectral derivative by its definition: ifft2(i K fft2(f)), real part."""
    return np.fft.ifft2(1j * K * np.fft.fft2(f)).real


@settings(max_examples=40, deadline=None)
@given(st.integers(8, 40), st.floats(0.5, 10), st.floats(0.5, 10), st.integers(0, 2**32 - 1))
def test_axis_derivative_is_the_fft2_definition(size, h1, h2, seed):
    (Y1, _), (k1, k2) = dissipative._spectral_grid((0.0, 0.0), (h1, h2), size)
    K = np.meshgrid(*(2 * np.pi * np.fft.fftfreq(size, d=2 * h / size) for h in (h1, h2)),
                    indexing="ij")
    f = np.random.default_rng(seed).normal(size=(size, size))
    for axis, k in ((0, k1), (1, k2)):
        fast = dissipative._axis_derivative(f[None], k, axis=axis + 1)[0]
        scale = np.abs(K[axis]).max() * np.abs(f).sum()
        assert np.abs(fast - _fft2_derivative(f, K[axis])).max() <= 1e-13 * scale


def test_axis_derivative_of_a_smooth_periodic_function():
    (Y1, Y2), (k1, k2) = dissipative._spectral_grid((1.0, -2.0), (3.0, 4.0), 32)
    f = np.sin(np.pi * (Y1 - 1.0) / 3.0) * np.cos(np.pi * (Y2 + 2.0) / 2.0)
    d1 = dissipative._axis_derivative(f[None], k1, axis=1)[0]
    d2 = dissipative._axis_derivative(f[None], k2, axis=2)[0]
    exact1 = np.pi / 3 * np.cos(np.pi * (Y1 - 1.0) / 3.0) * np.cos(np.pi * (Y2 + 2.0) / 2.0)
    exact2 = -np.pi / 2 * np.sin(np.pi * (Y1 - 1.0) / 3.0) * np.sin(np.pi * (Y2 + 2.0) / 2.0)
    assert np.abs(d1 - exact1).max() < 1e-12 and np.abs(d2 - exact2).max() < 1e-12
    # planted bug: the axes swapped
    assert np.abs(dissipative._axis_derivative(f[None], k1, axis=2)[0] - exact1).max() > 0.1


def test_kvn_generator_is_the_weyl_symmetric_form():
    size = 24
    (Y1, Y2), (k1, k2) = dissipative._spectral_grid((6.0, 4.0), (5.0, 5.0), size)
    K = np.meshgrid(*(2 * np.pi * np.fft.fftfreq(size, d=10.0 / size) for _ in range(2)),
                    indexing="ij")
    F = FOCUS.rhs(0.0, np.array([Y1, Y2]))
    psi = np.exp(-0.5 * ((Y1 - 6.0) ** 2 + (Y2 - 4.0) ** 2))
    ref = -0.5 * (F[0] * _fft2_derivative(psi, K[0]) + _fft2_derivative(F[0] * psi, K[0])
                  + F[1] * _fft2_derivative(psi, K[1]) + _fft2_derivative(F[1] * psi, K[1]))
    out = dissipative._kvn_generator(F, k1, k2)(0.0, psi.ravel()).reshape(size, size)
    assert np.abs(out - ref).max() <= 1e-12 * np.abs(ref).max()
    # skew-symmetric on the grid: <u, L u> = 0, so the evolution keeps the norm
    u = np.random.default_rng(1).normal(size=size * size)
    assert abs(u @ dissipative._kvn_generator(F, k1, k2)(0.0, u)) <= 1e-11 * (u @ u) * np.abs(F).max()
