"""Tests of ctrnn.classical.n_neurons: Hamiltonian criteria for n-neuron linear flows."""
import math

import numpy as np
import pytest
import scipy.linalg as sla
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import solve_ivp
from sympy.utilities.iterables import partitions

from ctrnn import CTRNN2
from ctrnn.audit import n_neurons as n_neurons_checks
from ctrnn.book import n_neurons as n_neurons_view
from ctrnn.book import text as book_text
from ctrnn.classical import n_neurons as lh
from ctrnn.symbols import I1, I2, tau1, tau2, theta1, theta2, w11, w12, w21, w22, y1, y2

finite = st.floats(-5, 5, allow_nan=False, allow_infinity=False)
positive = st.floats(0.1, 10, allow_nan=False, allow_infinity=False)
seeds = st.integers(0, 2**32 - 1)


def _net_arrays(net):
    W = np.array([[net.w11, net.w12], [net.w21, net.w22]])
    return W, [net.tau1, net.tau2], [net.theta1, net.theta2], [net.I1, net.I2]


# ------------------------------------------------------------------ Eq. (1)
@given(st.tuples(positive, positive), st.lists(finite, min_size=8, max_size=8),
       st.tuples(st.floats(0, 5), st.floats(0, 5)))
@settings(max_examples=100, deadline=None)
def test_linear_system_is_eqs_5_6_in_the_active_region(taus, rest, shift):
    net = CTRNN2(*taus, *rest)
    A, b = lh.linear_system(*_net_arrays(net))
    # a state with y_j + theta_j >= 0 for both neurons (both ReLUs active)
    y = np.array([shift[0] - net.theta1, shift[1] - net.theta2])
    assert np.allclose(A @ y + b, net.rhs(0.0, y), rtol=1e-12, atol=1e-12)


def test_symbolic_linear_system_is_jacobian_of_eqs_5_6():
    A, W, tau = lh.symbolic_linear_system(2)
    f1 = (-y1 + w11 * (y1 + theta1) + w21 * (y2 + theta2) + I1) / tau1  # Eq. (5)
    f2 = (-y2 + w22 * (y2 + theta2) + w12 * (y1 + theta1) + I2) / tau2  # Eq. (6)
    jac = sp.Matrix([f1, f2]).jacobian([y1, y2])
    assert sp.simplify(A - jac) == sp.zeros(2, 2)
    assert W[0, 1] == w12 and tau == (tau1, tau2)


@given(st.integers(1, 7), seeds)
@settings(max_examples=40, deadline=None)
def test_weights_from_matrix_inverts_linear_system(n, seed):
    rng = np.random.default_rng(seed)
    W, tau = rng.standard_normal((n, n)), rng.uniform(0.2, 3, n)
    A, _ = lh.linear_system(W, tau)
    assert np.allclose(lh.weights_from_matrix(A, tau), W, atol=1e-12)


@pytest.mark.parametrize("args, match", [
    ((np.ones((2, 3)), [1, 1]), "W must be a non-empty square matrix"),
    ((np.ones((2, 2)), [1, 1, 1]), r"tau must have shape \(2,\)"),
    ((np.ones((2, 2)), [1, 0]), "tau must be positive"),
    ((np.ones((2, 2)), [1, -2]), "tau must be positive"),
    ((np.ones((2, 2)), [1, 1], [0, 0, 0]), r"theta must have shape \(2,\)"),
    ((np.ones((2, 2)), [1, 1], None, [1]), r"I must have shape \(2,\)"),
    ((np.array([[1, math.nan], [0, 1]]), [1, 1]), "W must have finite entries"),
    ((np.ones((2, 2)), [1, math.inf]), "tau must have finite entries"),
    ((np.ones((2, 2)), [1, 1], [0, math.nan]), "theta must have finite entries"),
    (("weights", [1, 1]), "W must be a real matrix"),
])
def test_bad_network_input_is_rejected_by_name(args, match):
    with pytest.raises(ValueError, match=match):
        lh.linear_system(*args)


@pytest.mark.parametrize("func", [lh.divergence, lh.is_divergence_free,
                                  lh.is_canonically_hamiltonian, lh.symplectic_forms,
                                  lh.symplectic_form, lh.is_hamiltonian_for_some_form,
                                  lh.odd_characteristic_coefficients,
                                  lh.has_even_characteristic_polynomial,
                                  lh.quadratic_hamiltonian, lh.doubled_hamiltonian,
                                  lh.poisson_structure])
@pytest.mark.parametrize("bad", [np.ones((2, 3)), np.array([[1.0, math.inf], [0, 1]]), []])
def test_bad_matrix_is_rejected_by_every_criterion(func, bad):
    with pytest.raises(ValueError, match="A must"):
        func(bad)


def test_bad_tolerance_and_form_are_rejected():
    with pytest.raises(ValueError, match="tol must be a positive"):
        lh.is_canonically_hamiltonian(np.eye(2), tol=0)
    with pytest.raises(ValueError, match="n must be a positive even integer"):
        lh.canonical_form(3)
    with pytest.raises(ValueError, match="ordering must be"):
        lh.canonical_form(4, "diagonal")
    with pytest.raises(ValueError, match="omega must be skew"):
        lh.quadratic_hamiltonian(np.zeros((2, 2)), omega=np.eye(2))
    with pytest.raises(ValueError, match="omega must be invertible"):
        singular_skew = np.kron([[0, 1], [-1, 0]], np.ones((2, 2)))
        lh.quadratic_hamiltonian(np.zeros((4, 4)), omega=singular_skew)
    with pytest.raises(ValueError, match="ensemble must be one of"):
        lh.random_network(4, 0, "gaussian")
    with pytest.raises(ValueError, match="needs even n"):
        lh.random_network(3, 0, "canonical")


# ------------------------------------------------------- n = 2: Eq. (13)
@given(st.tuples(positive, positive), st.lists(finite, min_size=8, max_size=8))
@settings(max_examples=100, deadline=None)
def test_n2_divergence_is_ctrnn2_divergence(taus, rest):
    net = CTRNN2(*taus, *rest)
    A, _ = lh.linear_system(*_net_arrays(net))
    assert math.isclose(lh.divergence(A), net.divergence_active(), rel_tol=1e-12, abs_tol=1e-12)


@given(st.tuples(positive, positive), st.lists(finite, min_size=7, max_size=7),
       st.floats(1e-3, 5), st.sampled_from([-1.0, 1.0]))
@settings(max_examples=100, deadline=None)
def test_n2_networks_violating_eq_13_fail_every_criterion(taus, rest, gap, sign):
    tau1_, tau2_ = taus
    w11_ = rest[0]
    # choose w22 so that (w11-1)/tau1 + (w22-1)/tau2 = sign * gap: Eq. (13) fails by gap
    w22_ = 1 + tau2_ * (sign * gap - (w11_ - 1) / tau1_)
    net = CTRNN2(tau1_, tau2_, w11_, rest[1], rest[2], w22_, *rest[3:])
    A, _ = lh.linear_system(*_net_arrays(net))
    assert not net.is_hamiltonian()
    assert not lh.is_divergence_free(A)
    assert not lh.is_canonically_hamiltonian(A)
    assert not lh.is_hamiltonian_for_some_form(A)


@given(st.tuples(positive, positive), st.lists(finite, min_size=7, max_size=7))
@settings(max_examples=100, deadline=None)
def test_n2_hamiltonian_networks_pass_every_criterion(taus, rest):
    net = CTRNN2.from_condition_13(*taus, *rest)
    A, _ = lh.linear_system(*_net_arrays(net))
    assert lh.is_divergence_free(A)
    assert lh.is_canonically_hamiltonian(A)
    assert lh.is_hamiltonian_for_some_form(A)


def test_n2_canonical_residual_is_the_divergence_symbolically():
    A, _, _ = lh.symbolic_linear_system(2)
    J = sp.Matrix([[0, 1], [-1, 0]])
    div = (w11 - 1) / tau1 + (w22 - 1) / tau2
    assert sp.simplify(J * A + A.T * J - div * J) == sp.zeros(2, 2)
    # Eq. (13): (-1 + w11)/tau1 = (1 - w22)/tau2  <=>  div = 0
    assert sp.simplify(((-1 + w11) / tau1 - (1 - w22) / tau2) - div) == 0


@given(st.tuples(positive, positive), st.lists(finite, min_size=7, max_size=7))
@settings(max_examples=100, deadline=None)
def test_quadratic_hamiltonian_is_eq_18_for_n2(taus, rest):
    net = CTRNN2.from_condition_13(*taus, *rest)
    W, tau, theta, inp = _net_arrays(net)
    S, c = lh.quadratic_hamiltonian(*lh.linear_system(W, tau, theta, inp))
    k = net.hamiltonian_coefficients()
    # Eq. (18): H = -C1 y1 - C2 y1^2 + D1 y2 + D2 y2^2 + E2 y1 y2
    assert np.allclose(S, [[-2 * k["C2"], k["E2"]], [k["E2"], 2 * k["D2"]]], atol=1e-9)
    assert np.allclose(c, [-k["C1"], k["D1"]], atol=1e-9)


def test_quadratic_hamiltonian_refuses_non_hamiltonian_flow_citing_eq_13():
    A, b = lh.linear_system([[2.0, 0.3], [0.1, 0.5]], [1.0, 1.0])
    with pytest.raises(ValueError, match=r"Eq\. 13"):
        lh.quadratic_hamiltonian(A, b)


# ----------------------------------------------------- general even n
def test_n4_canonical_conditions_in_weights():
    A, _, tau = lh.symbolic_linear_system(4)
    t1, t2, t3, t4 = tau
    w = {(j, i): sp.Symbol(f"w{j}{i}", real=True) for j in range(1, 5) for i in range(1, 5)}
    J = sp.Matrix(sp.BlockDiagMatrix(*[sp.Matrix([[0, 1], [-1, 0]])] * 2))
    R = J * A + A.T * J
    expected = {  # Eq. (13) for each pair; (anti)reciprocity between the pairs
        (0, 1): (w[1, 1] - 1) / t1 + (w[2, 2] - 1) / t2,
        (2, 3): (w[3, 3] - 1) / t3 + (w[4, 4] - 1) / t4,
        (0, 2): w[3, 2] / t2 - w[1, 4] / t4,
        (1, 3): w[2, 3] / t3 - w[4, 1] / t1,
        (0, 3): w[4, 2] / t2 + w[1, 3] / t3,
        (1, 2): -(w[2, 4] / t4 + w[3, 1] / t1),
    }
    for (k, l), value in expected.items():
        assert sp.simplify(R[k, l] - value) == 0


@given(st.sampled_from([2, 4, 6]), seeds)
@settings(max_examples=30, deadline=None)
def test_constructed_canonical_network_is_hamiltonian_and_conserves_H(n, seed):
    W, tau = lh.random_network(n, seed, "canonical")
    rng = np.random.default_rng(seed)
    A, b = lh.linear_system(W, tau, rng.standard_normal(n), rng.standard_normal(n))
    assert lh.is_canonically_hamiltonian(A)
    S, c = lh.quadratic_hamiltonian(A, b)
    J = lh.canonical_form(n)
    y = rng.standard_normal(n)
    assert np.allclose(J @ (S @ y + c), A @ y + b, atol=1e-10)  # Eq. (11), n-dim
    H = lambda z: 0.5 * z @ S @ z + c @ z
    sol = solve_ivp(lambda t, z: A @ z + b, (0, 1), y, rtol=1e-10, atol=1e-12)
    assert abs(H(sol.y[:, -1]) - H(y)) <= 1e-6 * (1 + abs(H(y)))


@given(st.sampled_from([4, 6, 8]), seeds)
@settings(max_examples=30, deadline=None)
def test_hierarchy_canonical_some_form_divergence(n, seed):
    A_some = lh.linear_system(*lh.random_network(n, seed, "some form"))[0]
    A_can = lh.linear_system(*lh.random_network(n, seed, "canonical"))[0]
    A_tr = lh.linear_system(*lh.random_network(n, seed, "trace-zero"))[0]
    assert lh.is_canonically_hamiltonian(A_can) and lh.is_hamiltonian_for_some_form(A_can)
    assert lh.is_hamiltonian_for_some_form(A_some) and lh.is_divergence_free(A_some)
    assert not lh.is_canonically_hamiltonian(A_some)
    assert lh.is_divergence_free(A_tr) and not lh.is_hamiltonian_for_some_form(A_tr)


@given(st.sampled_from([2, 4, 6]), seeds)
@settings(max_examples=30, deadline=None)
def test_symplectic_form_makes_flow_hamiltonian(n, seed):
    A, _ = lh.linear_system(*lh.random_network(n, seed, "some form"))
    Om = lh.symplectic_form(A)
    assert np.allclose(Om, -Om.T)
    assert abs(np.linalg.det(Om)) > 1e-12
    assert np.linalg.norm(Om @ A + A.T @ Om) <= 1e-8 * np.linalg.norm(A)
    # distinct eigenvalues +-lambda_j: one invariant 2-form per pair
    assert len(lh.symplectic_forms(A)) == n // 2
    S, c = lh.quadratic_hamiltonian(A, np.ones(n), omega=Om)
    y = np.random.default_rng(seed).standard_normal(n)
    assert np.allclose(-np.linalg.solve(Om, S @ y + c), A @ y + np.ones(n), atol=1e-8)


@given(st.sampled_from([2, 3, 4, 5, 6]), st.sampled_from(["random", "trace-zero",
                                                          "some form"]), seeds)
@settings(max_examples=60, deadline=None)
def test_even_characteristic_polynomial_matches_some_form_generically(n, ens, seed):
    A, _ = lh.linear_system(*lh.random_network(n, seed, ens))
    if n % 2:
        assert not lh.is_hamiltonian_for_some_form(A)
    else:
        assert lh.has_even_characteristic_polynomial(A) == lh.is_hamiltonian_for_some_form(A)


def test_divergence_free_is_not_sufficient_for_n4():
    W, tau = np.diag([2.0, 3.0, -2.0, 1.0]), np.ones(4)   # A = diag(1, 2, -3, 0)
    A, _ = lh.linear_system(W, tau)
    assert lh.divergence(A) == 0.0
    assert not lh.is_hamiltonian_for_some_form(A)
    assert lh.symbolic_forms(sp.Matrix(A.astype(int))) == sp.zeros(4, 4)


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_nilpotent_rule_agrees_with_numerical_criterion(n):
    Q = np.linalg.qr(np.random.default_rng(n).standard_normal((n, n)))[0]
    for p in partitions(n):
        sizes = [k for k, mult in p.items() for _ in range(mult)]
        N = Q.T @ lh.nilpotent_matrix(sizes) @ Q
        assert lh.is_hamiltonian_for_some_form(N) == lh.nilpotent_rule(sizes), sizes


def test_similar_to_minus_A_is_not_enough_partition_3_1_exactly():
    N = sp.Matrix(lh.nilpotent_matrix([3, 1]).astype(int))
    assert N.jordan_form()[1] == (-N).jordan_form()[1]  # N ~ -N
    Om = lh.symbolic_forms(N)
    assert Om != sp.zeros(4, 4) and sp.expand(Om.det()) == 0


def test_jordan_mismatch_with_symmetric_spectrum_is_not_hamiltonian():
    A = np.diag([1.0, 1.0, -1.0, -1.0])
    A[0, 1] = 1.0                      # block of size 2 at +1, two blocks of size 1 at -1
    assert lh.has_even_characteristic_polynomial(A)
    assert not lh.is_hamiltonian_for_some_form(A)
    A[2, 3] = 1.0                      # now the -1 block matches
    assert lh.is_hamiltonian_for_some_form(A)


@pytest.mark.parametrize("n, expected", [(2, (1, 1, 1)), (4, (1, 2, 6)), (6, (1, 3, 15))])
def test_codimensions(n, expected):
    # dim gl(n) - dim sp(n) = n^2 - n(n+1)/2; spectrum symmetry: n/2 odd coefficients
    assert expected[2] == n * n - n * (n + 1) // 2 and expected[1] == n // 2
    got = lh.criterion_codimensions(n)
    assert (got["divergence-free"], got["some form"], got["canonical"]) == expected


# ------------------------------------------------------------------ odd n
@pytest.mark.parametrize("n", [1, 3, 5])
def test_odd_n_has_no_symplectic_form(n):
    Om = sp.Matrix(n, n, lambda i, j: sp.Symbol(f"o{min(i, j)}{max(i, j)}") * sp.sign(j - i))
    assert sp.expand(Om.det()) == 0
    assert not lh.is_hamiltonian_for_some_form(np.zeros((n, n)))
    assert not lh.is_canonically_hamiltonian(np.zeros((n, n)))
    with pytest.raises(ValueError, match="odd size"):
        lh.symplectic_form(np.zeros((n, n)))


def test_poisson_flows_are_divergence_free_and_singular_symbolically():
    P = sp.Matrix(3, 3, lambda i, j: sp.Symbol(f"p{min(i, j)}{max(i, j)}") * sp.sign(j - i))
    S = sp.Matrix(3, 3, lambda i, j: sp.Symbol(f"s{min(i, j)}{max(i, j)}"))
    assert sp.expand((P * S).trace()) == 0
    assert sp.expand((P * S).det()) == 0


@given(st.sampled_from([3, 5, 7]), seeds)
@settings(max_examples=30, deadline=None)
def test_constructed_odd_networks_have_a_poisson_structure_and_a_casimir(n, seed):
    W, tau = lh.random_network(n, seed, "some form")
    assert np.min(np.abs(np.linalg.eigvals(W) - 1)) < 1e-8   # det(W^T - 1) = 0
    A, _ = lh.linear_system(W, tau)
    b = A @ np.random.default_rng(seed).standard_normal(n)   # offset in range(A)
    P, S, g, c = lh.poisson_structure(A, b)
    assert np.allclose(P, -P.T) and np.allclose(S, S.T)
    assert np.linalg.matrix_rank(P, tol=1e-9 * np.linalg.norm(P)) == n - 1
    assert np.allclose(P @ S, A, atol=1e-8 * max(1, np.linalg.norm(A)))
    assert np.allclose(P @ g, b, atol=1e-8 * max(1, np.linalg.norm(b)))
    sol = solve_ivp(lambda t, z: A @ z + b, (0, 0.5), np.ones(n), rtol=1e-10, atol=1e-12)
    # Casimir conserved (Runge-Kutta steps keep linear invariants up to rounding)
    assert abs(c @ sol.y[:, -1] - c @ np.ones(n)) <= 1e-9 * max(1.0, np.abs(sol.y).max())
    # a drift of the Casimir (c.b != 0) destroys the structure
    assert not lh.is_poisson_hamiltonian(A, b + c)


@given(st.sampled_from([3, 5]), st.sampled_from(["random", "trace-zero"]), seeds)
@settings(max_examples=30, deadline=None)
def test_random_odd_networks_have_no_poisson_structure(n, ens, seed):
    A, _ = lh.linear_system(*lh.random_network(n, seed, ens))
    assert not lh.is_poisson_hamiltonian(A)


def test_poisson_structure_rejects_even_n():
    with pytest.raises(ValueError, match="even size"):
        lh.poisson_structure(np.zeros((4, 4)))


@given(st.integers(1, 6), seeds)
@settings(max_examples=30, deadline=None)
def test_doubled_hamiltonian_reproduces_any_network(n, seed):
    rng = np.random.default_rng(seed)
    A, b = lh.linear_system(rng.standard_normal((n, n)), rng.uniform(0.5, 2, n),
                            rng.standard_normal(n), rng.standard_normal(n))
    S, c = lh.doubled_hamiltonian(A, b)
    z = rng.standard_normal(2 * n)
    J = lh.canonical_form(2 * n, "blocks")
    flow = J @ (S @ z + c)
    assert np.allclose(S, S.T)
    assert np.allclose(flow[:n], A @ z[:n] + b) and np.allclose(flow[n:], -A.T @ z[n:])


# ------------------------------------------------------- ensembles, figures
def test_criteria_fractions_shape_and_extremes():
    out = lh.criteria_fractions([2, 3, 4], samples=5, seed=3)
    assert set(out) == set(lh.ENSEMBLES) and set(out["random"]) == set(lh.CRITERIA)
    assert out["random"]["some form"] == [0.0, 0.0, 0.0]
    assert out["canonical"]["canonical"][0] == 1.0 and math.isnan(out["canonical"]["canonical"][1])
    assert out["trace-zero"]["divergence-free"] == [1.0, 1.0, 1.0]
    assert math.isnan(out["random"]["Poisson (odd n)"][0])
    with pytest.raises(ValueError, match="samples must be"):
        lh.criteria_fractions([2], samples=0, seed=0)


def test_figures_are_drawn():
    fig = n_neurons_view.plot_criteria_fractions(ns=(2, 3), samples=3, seed=0)
    assert len(fig.axes) == 4
    fig = n_neurons_view.plot_spectra(n=4, samples=3, seed=0)
    assert len(fig.axes) == 3


# ---------------------------------------------------------- SymPy helpers
@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_linear_system_is_the_jacobian_of_eq_1_as_printed(n):
    A, _, _ = lh.symbolic_linear_system(n)
    assert sp.simplify(n_neurons_checks.jacobian_from_eq1(n) - A) == sp.zeros(n, n)


def test_n4_spectral_conditions_in_weights():
    A, W, tau = lh.symbolic_linear_system(4)
    c1, c3 = lh.symbolic_odd_coefficients(A)
    M = W.T - sp.eye(4)
    assert sp.simplify(c1 + sum((W[i, i] - 1) / tau[i] for i in range(4))) == 0
    minors = sum(tau[i] * M.minor_submatrix(i, i).det() for i in range(4))
    assert sp.simplify(c3 + minors / sp.Mul(*tau)) == 0


def test_canonical_matrices_have_even_characteristic_polynomial_symbolically():
    S = sp.Matrix(4, 4, lambda i, j: sp.Symbol(f"s{min(i, j)}{max(i, j)}", real=True))
    J = sp.Matrix(lh.canonical_form(4).astype(int))
    assert [sp.expand(c) for c in lh.symbolic_odd_coefficients(J * S)] == [0, 0]


@given(st.integers(1, 5), seeds)
@settings(max_examples=20, deadline=None)
def test_numeric_and_symbolic_odd_coefficients_agree(n, seed):
    A = np.random.default_rng(seed).integers(-3, 4, (n, n))
    exact = [float(c) for c in lh.symbolic_odd_coefficients(sp.Matrix(A))]
    assert np.allclose(lh.odd_characteristic_coefficients(A), exact, atol=1e-8 * 4**n)


@given(st.integers(1, 5), seeds)
@settings(max_examples=20, deadline=None)
def test_doubled_hamiltonian_is_indefinite(n, seed):
    A = np.random.default_rng(seed).standard_normal((n, n))
    S, _ = lh.doubled_hamiltonian(A)
    ev = np.sort(np.linalg.eigvalsh(S))
    sv = np.sort(np.linalg.svd(A, compute_uv=False))
    assert np.allclose(ev, np.concatenate([-sv[::-1], sv]), atol=1e-10)


@pytest.mark.parametrize("blocks, expected", [
    ([(1j, 2)], True),                     # +-i, one Jordan block of size 2 each
    ([(1j, 3)], True),
    ([(1j, 1), (2j, 1), (3j, 1)], True),
    ([(1j, 2), (1j, 1)], True),
    ([(1j, 2), (0, 1), (0, 1)], True),
    ([(2, 2), (-2, 2)], True),             # lambda, -lambda with matching blocks
    ([(2, 2), (-2, 1), (-2, 1)], False),   # matching spectrum, mismatched blocks
    ([(1 + 1j, 1), (-1 - 1j, 1)], True),   # complex quadruple +-1 +-i
    ([(1 + 1j, 1), (-1 + 0j, 2)], False),  # trace zero, spectrum not symmetric
])
def test_normal_form_rule_beyond_nilpotent(blocks, expected):
    M = sla.block_diag(*[lh.real_jordan_block(lam, k) for lam, k in blocks])
    n = M.shape[0]
    Q = np.linalg.qr(np.random.default_rng(n).standard_normal((n, n)))[0]
    assert lh.is_hamiltonian_for_some_form(Q.T @ M @ Q) == expected


def test_real_jordan_block_spectrum_and_input():
    B = lh.real_jordan_block(1 + 2j, 2)
    assert np.allclose(np.sort_complex(np.linalg.eigvals(B)), [1 - 2j, 1 - 2j, 1 + 2j, 1 + 2j],
                       atol=1e-6)
    with pytest.raises(ValueError, match="size must be"):
        lh.real_jordan_block(1.0, 0)


@given(st.integers(1, 4), seeds)
@settings(max_examples=20, deadline=None)
def test_canonical_block_rule_for_general_n(k, seed):
    # A in sp(2k) (pairs ordering) <=> tr A_PP = 0 and A_QP = -adj(A_PQ) for P != Q
    A, _ = lh.linear_system(*lh.random_network(2 * k, seed, "canonical"))
    adj = lambda M: np.array([[M[1, 1], -M[0, 1]], [-M[1, 0], M[0, 0]]])
    blk = lambda P, Q: A[2 * P:2 * P + 2, 2 * Q:2 * Q + 2]
    for P in range(k):
        assert abs(np.trace(blk(P, P))) < 1e-9
        for Q in range(k):
            if P != Q:
                assert np.allclose(blk(Q, P), -adj(blk(P, Q)), atol=1e-9)
    # conversely: a matrix assembled by the rule is canonical
    rng = np.random.default_rng(seed)
    B = rng.standard_normal((2 * k, 2 * k))
    for P in range(k):
        B[2 * P + 1, 2 * P + 1] = -B[2 * P, 2 * P]
        for Q in range(P + 1, k):
            B[2 * Q:2 * Q + 2, 2 * P:2 * P + 2] = -adj(B[2 * P:2 * P + 2, 2 * Q:2 * Q + 2])
    assert lh.is_canonically_hamiltonian(B)


def test_blocks_ordering_is_a_different_pairing():
    k = 2
    S = np.random.default_rng(0).standard_normal((2 * k, 2 * k))
    A = lh.canonical_form(2 * k, "blocks") @ (S + S.T)
    assert lh.is_canonically_hamiltonian(A, ordering="blocks")
    assert not lh.is_canonically_hamiltonian(A, ordering="pairs")
    assert lh.is_hamiltonian_for_some_form(A)   # the pairing is one choice of form


@pytest.mark.parametrize("call, match", [
    (lambda: lh.nilpotent_matrix([]), "sizes must be"),
    (lambda: lh.nilpotent_rule([2, 0]), "sizes must be"),
    (lambda: lh.symbolic_linear_system(10), "n must be an integer from 1 to 9"),
    (lambda: lh.criterion_codimensions(3), "n must be an even integer"),
    (lambda: lh.weights_from_matrix(np.eye(3), [1, 1]), r"tau must have shape \(3,\)"),
    (lambda: lh.weights_from_matrix(np.eye(2), [1, -1]), "tau must be positive"),
    (lambda: lh.random_network(0, 0), "n must be a positive integer"),
    (lambda: lh.random_network(2, 0, tau_range=(0, 1)), "tau_range must satisfy"),
    (lambda: n_neurons_view.plot_spectra(samples=0), "samples must be"),
    (lambda: lh.symplectic_form(np.eye(2), trials=0), "trials must be"),
    (lambda: lh.symbolic_forms(sp.Matrix([[1, 2]])), "A must be a non-empty square"),
    (lambda: lh.real_jordan_block(math.nan, 2), "eigenvalue must be finite"),
    (lambda: lh.quadratic_hamiltonian(np.eye(2), np.ones(3)), r"b must have shape \(2,\)"),
])
def test_bad_input_to_helpers_is_rejected(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_pencil_coefficients_are_scaled_characteristic_coefficients(n):
    A, _, tau = lh.symbolic_linear_system(n)
    scaled = [sp.Mul(*tau) * c for c in lh.symbolic_odd_coefficients(A)]
    for p, q in zip(lh.pencil_odd_coefficients(n), scaled, strict=True):
        assert sp.simplify(p - q) == 0


def test_pencil_for_two_neurons_is_eq_13():
    (c1,) = lh.pencil_odd_coefficients(2)
    # Eq. (13): (w11 - 1)/tau1 = (1 - w22)/tau2, multiplied by -tau1 tau2
    assert sp.expand(c1 + tau1 * tau2 * ((w11 - 1) / tau1 - (1 - w22) / tau2)) == 0


# ------------------------------------------ worked checks of the chapter
def test_format_checks_and_markdown_table():
    assert book_text.format_checks({"a": True, "b c": [0, 0]}) == "a: True\nb c: [0, 0]"
    table = book_text.markdown_table(["x", "y"], [[1, True], ["p", (2, 1)]])
    assert table.splitlines() == ["| x | y |", "|---|---|", "| 1 | True |", "| p | (2, 1) |"]


@pytest.mark.parametrize("call, match", [
    (lambda: book_text.format_checks({}), "checks must be a non-empty dict"),
    (lambda: book_text.format_checks([("a", 1)]), "checks must be a non-empty dict"),
    (lambda: book_text.markdown_table([], []), "header must name at least one column"),
    (lambda: book_text.markdown_table(["a", "b"], [[1]]), "each row must have 2 cells"),
    (lambda: lh.ctrnn2_arrays(np.eye(2)), "net must be a CTRNN2"),
    (lambda: lh.active_rhs_error(CTRNN2(1, 1, 0, 0, 0, 0), [1, 2, 3]), r"y must have shape \(2,\)"),
    (lambda: lh.two_neuron_agreement(trials=0), "trials must be a positive integer"),
    (lambda: lh.liouville_factors(np.eye(2), t=math.inf), "t must be a finite number"),
    (lambda: lh.liouville_factors(np.ones((2, 3))), "A must be a non-empty square"),
    (lambda: lh.canonical_conditions(3), "n must be an even integer"),
    (lambda: book_text.aligned_zero_equations([]), "exprs must contain at least one"),
    (lambda: lh.canonical_block_residuals(np.eye(3)), "A must have even size"),
    (lambda: n_neurons_view.codimension_table(()), "ns must contain at least one"),
    (lambda: n_neurons_view.codimension_table((3,)), "n must be an even integer"),
    (lambda: n_neurons_view.nilpotent_comparison(0), "max_n must be a positive integer"),
    (lambda: lh.real_jordan_matrix([]), "blocks must be a non-empty list"),
    (lambda: n_neurons_view.normal_form_table([]), "cases must contain at least one"),
    (lambda: lh.generic_skew(0), "n must be an integer from 1 to 10"),
    (lambda: lh.generic_symmetric(11), "n must be an integer from 1 to 10"),
    (lambda: lh.odd_poisson_example(t_final=-1.0), "t_final must be a positive"),
    (lambda: lh.odd_poisson_example(y0=(0, 0)), r"y0 must have shape \(3,\)"),
    (lambda: lh.doubled_flow_error(np.eye(2), np.zeros(2), np.zeros(3)), r"z must have shape \(4,\)"),
    (lambda: lh.doubled_flow_error(np.eye(2), np.zeros(3), np.zeros(4)), r"b must have shape \(2,\)"),
])
def test_bad_input_to_chapter_checks_is_rejected(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@given(st.tuples(positive, positive), st.lists(finite, min_size=8, max_size=8),
       st.tuples(st.floats(0.01, 5), st.floats(0.01, 5)))
@settings(max_examples=50, deadline=None)
def test_ctrnn2_arrays_and_active_rhs_error(taus, rest, shift):
    net = CTRNN2(*taus, *rest)
    W, tau, theta, I = lh.ctrnn2_arrays(net)
    assert W[0, 1] == net.w12 and W[1, 0] == net.w21 and tuple(tau) == taus
    y = np.array([shift[0] - net.theta1, shift[1] - net.theta2])
    scale = 1 + np.max(np.abs(net.rhs(0.0, y)))
    assert lh.active_rhs_error(net, y) <= 1e-12 * scale
    # with neuron 1 inactive and a nonzero weight out of it, the affine field differs
    if abs(net.w11) > 0.1 or abs(net.w12) > 0.1:
        y_off = np.array([-net.theta1 - 1.0, y[1]])
        assert lh.active_rhs_error(net, y_off) > 1e-3


@pytest.mark.parametrize("n", [1, 2, 3])
def test_jacobian_matches_eq1(n):
    assert n_neurons_checks.jacobian_matches_eq1(n) is True


def test_two_neuron_residual_and_checks():
    R = lh.two_neuron_canonical_residual()
    # independent: (J A + A^T J)[0, 1] = tr A for A = [[a, b], [c, d]] with the Eq. (5)-(6) Jacobian
    trace = (w11 - 1) / tau1 + (w22 - 1) / tau2
    assert sp.simplify(R - trace * sp.Matrix([[0, 1], [-1, 0]])) == sp.zeros(2, 2)
    checks = n_neurons_checks.two_neuron_checks()
    assert len(checks) == 3 and all(v is True for v in checks.values())


def test_two_neuron_agreement_counts_every_network():
    res = lh.two_neuron_agreement(trials=40, seed=7)
    assert res["trials"] == 40 and res["agree"] == 40
    assert res["h_err"] < 1e-10
    assert lh.two_neuron_agreement(trials=1, seed=7)["h_err"] == 0.0   # k = 0 is never Hamiltonian


def test_two_neuron_agreement_compares_h_on_the_odd_networks(monkeypatch):
    # odd k are built from Eq. (13) and so are Hamiltonian; even k draw w22 ~ N(0, 1)
    # and satisfy (13) with probability 0: of 40 trials exactly 20 have their
    # quadratic Hamiltonian compared with Eq. (18)
    calls = []
    original = lh.quadratic_hamiltonian
    monkeypatch.setattr(lh, "quadratic_hamiltonian", lambda A, b: calls.append(1) or original(A, b))
    assert lh.two_neuron_agreement(trials=40, seed=7)["agree"] == 40
    assert len(calls) == 20


@given(st.integers(1, 6), seeds, st.floats(-2, 2))
@settings(max_examples=30, deadline=None)
def test_liouville_factors_agree(n, seed, t):
    A = np.random.default_rng(seed).standard_normal((n, n))
    det_expm, exp_trace = lh.liouville_factors(A, t)
    assert math.isclose(det_expm, exp_trace, rel_tol=1e-9)
    assert math.isclose(exp_trace, math.exp(t * np.trace(A)), rel_tol=1e-12)


def test_canonical_conditions_n2_is_eq_13_and_n4_has_six():
    (c,) = lh.canonical_conditions(2)
    assert sp.simplify(c - ((w11 - 1) / tau1 + (w22 - 1) / tau2)) == 0
    conds = lh.canonical_conditions(4)
    assert len(conds) == 6
    # a canonical network (A = J S) satisfies every condition numerically
    W, tau = lh.random_network(4, 0, "canonical")
    A, Wsym, tausym = lh.symbolic_linear_system(4)
    subs = {Wsym[j, i]: W[j, i] for j in range(4) for i in range(4)}
    subs.update(dict(zip(tausym, tau)))
    assert all(abs(float(c.subs(subs))) < 1e-9 for c in conds)
    latex = book_text.aligned_zero_equations(conds)
    assert latex.startswith(r"\begin{aligned}") and latex.count("&= 0") == 6


@given(st.integers(1, 4), seeds)
@settings(max_examples=20, deadline=None)
def test_canonical_block_residuals(k, seed):
    W, tau = lh.random_network(2 * k, seed, "canonical")
    tr, adj = lh.canonical_block_residuals(lh.linear_system(W, tau)[0])
    assert tr < 1e-9 and adj < 1e-9
    A = np.random.default_rng(seed).standard_normal((2 * k, 2 * k))
    tr, adj = lh.canonical_block_residuals(A)
    assert tr >= abs(np.trace(A[:2, :2])) > 0
    assert (adj > 0) == (k > 1)


def test_four_neuron_spectral_and_pencil_checks():
    checks = lh.four_neuron_spectral_checks()
    values = list(checks.values())
    assert values[0] is True and values[1] is True and values[2] == [0, 0]
    assert all(v is True for v in n_neurons_checks.pencil_checks().values())


def test_codimension_table_rows():
    lines = n_neurons_view.codimension_table((2, 4), seed=0).splitlines()
    assert len(lines) == 4
    assert lines[2] == "| 2 | 4 | 1 | 1 | 1 | 1 | 1 |"
    assert lines[3] == "| 4 | 16 | 1 | 2 | 6 | 2 | 6 |"


def test_nilpotent_comparison_covers_every_partition():
    table, agree, total = n_neurons_view.nilpotent_comparison(max_n=4)
    # partitions of 1..4: 1 + 2 + 3 + 5
    assert total == 11 and agree == total
    assert table.count("\n") == total + 1
    assert "| 4 | (3, 1) | False | False |" in table
    assert "| 4 | (2, 2) | True | True |" in table


def test_real_jordan_matrix_and_normal_form_table():
    M = lh.real_jordan_matrix([(1, 2), (-1, 1), (-1, 1)])
    expected = np.diag([1.0, 1.0, -1.0, -1.0])
    expected[0, 1] = 1.0
    assert np.array_equal(M, expected)
    assert lh.real_jordan_matrix([(2j, 1)]).shape == (2, 2)
    table = n_neurons_view.normal_form_table([([(1j, 2)], True), ([(2, 2), (-2, 1), (-2, 1)], False)])
    rows = table.splitlines()[2:]
    assert rows == ["| $J_{2}(i)$ | True | True |",
                    "| $J_{2}(2)$, $J_{1}(-2)$, $J_{1}(-2)$ | False | False |"]
    full = n_neurons_view.normal_form_table().splitlines()[2:]
    assert all(r.split(" | ")[1] == r.split(" | ")[2].rstrip(" |") for r in full)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_generic_skew_and_symmetric(n):
    P, S = lh.generic_skew(n), lh.generic_symmetric(n)
    assert P.T == -P and S.T == S
    assert len(P.free_symbols) == n * (n - 1) // 2 and len(S.free_symbols) == n * (n + 1) // 2
    assert (sp.expand(P.det()) == 0) == (n % 2 == 1)


def test_poisson_trace_det_vanishes_for_odd_n_only():
    assert lh.poisson_trace_det(3) == (0, 0)
    tr, det = lh.poisson_trace_det(2)
    assert tr == 0 and det != 0


def test_odd_poisson_example():
    res = lh.odd_poisson_example(seed=11)
    assert res["eig1"] < 1e-9 and res["residual"] < 1e-9 and res["rank"] == 2
    assert res["casimir_range"] < 1e-7
    assert abs(res["det_trace_zero"]) > 1e-3 and res["poisson_trace_zero"] is False


@given(st.integers(1, 5), seeds)
@settings(max_examples=20, deadline=None)
def test_doubled_flow_error_is_zero(n, seed):
    rng = np.random.default_rng(seed)
    A, b, z = rng.standard_normal((n, n)), rng.standard_normal(n), rng.standard_normal(2 * n)
    assert lh.doubled_flow_error(A, b, z) < 1e-12 * (1 + np.abs(A).sum() * np.abs(z).sum()
                                                     + np.abs(b).sum())


# ------------------------------------- skew-symmetric weights (issue 13, item 9)
def test_skew_coupling_with_cancelled_leak_is_hamiltonian_and_with_leak_is_not():
    rows = lh.skew_weight_criteria((2, 3, 4, 5, 6), seed=0)
    for row in rows:
        assert row["hamiltonian"] and not row["with leak"]
        assert row["invariant_rate"] < 1e-12


def test_skew_network_weights_by_hand():
    W, tau = lh.skew_weight_network(4, 3)
    K = W - np.eye(4)
    assert np.allclose(K, -K.T)
    A, _ = lh.linear_system(W, tau)
    # A = P S with P = -T^-1 K T^-1 skew and S = T
    P = -np.diag(1 / tau) @ K @ np.diag(1 / tau)
    assert np.allclose(P @ np.diag(tau), A)
    W_leak, _ = lh.skew_weight_network(4, 3, leak_cancelled=False)
    assert np.trace(lh.linear_system(W_leak, tau)[0]) == pytest.approx(-np.sum(1 / tau))


@pytest.mark.parametrize("args, error", [((1, 0), ValueError), ((2.5, 0), TypeError),
                                         ((4, -1), ValueError)])
def test_skew_network_rejects_bad_input(args, error):
    with pytest.raises(error):
        lh.skew_weight_network(*args)


def test_book_helpers_render_checks_and_leaves():
    md = n_neurons_view.checks_markdown({"$a = a$": True, "$a = b$": False})
    assert "| $a = a$ | holds |" in md and "| $a = b$ | fails |" in md
    with pytest.raises(ValueError):
        n_neurons_view.checks_markdown({})
    rows = [{"kappa": 0.0, "case": "saddle", "omega": None, "levels": None, "numerical": None}]
    assert "continuous" in n_neurons_view.leaf_table(rows)
