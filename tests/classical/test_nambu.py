"""Tests of ctrnn.classical.nambu: the rank-2 Poisson flow of three neurons is
Nambu mechanics, and its leaves carry 2-D Hamiltonian flows (issue 13, item 3)."""
import numpy as np
import pytest

from ctrnn.classical import hamiltonian as ham
from ctrnn.classical import n_neurons as nn
from ctrnn.classical import nambu


def _example(seed):
    W, tau = nn.random_network(3, seed, "some form")
    A, _ = nn.linear_system(W, tau)
    b = A @ np.ones(3)
    P, S, g, _ = nn.poisson_structure(A, b)
    return A, b, P, S, g


def test_symbolic_skew_matrix_is_a_cross_product_and_the_flow_is_nambu():
    out = nambu.cross_matrix_symbolic()
    for key in ("cross", "kernel", "nambu"):
        assert out[key].is_zero_matrix


@pytest.mark.parametrize("seed", [11, 13, 17])
def test_network_flow_is_grad_casimir_cross_grad_H(seed):
    A, b, P, S, g = _example(seed)
    y = np.random.default_rng(seed).normal(size=(3, 50))
    assert nambu.nambu_residual(A, b, P, S, g, y) < 1e-12
    # counterfactual: the opposite orientation of c gives the reversed flow
    assert nambu.nambu_residual(A, b, -P, S, g, y) > 1e-3


@pytest.mark.parametrize("seed", [11, 13])
def test_leaves_are_invariant_and_carry_a_hamiltonian_network(seed):
    A, b, P, S, g = _example(seed)
    c = nambu.kernel_vector(P)
    for kappa in (-1.0, 0.5, 3.0):
        leaf = nambu.leaf_system(A, b, c, kappa)
        assert leaf["leak"] < 1e-12
        net = nambu.leaf_network(A, b, c, kappa)
        assert net.is_hamiltonian()
        # the leaf network's H (18) is -|c| times the 3-D H restricted to the leaf, plus a constant
        xi = np.random.default_rng(0).normal(size=(2, 4))
        y = leaf["origin"][:, None] + leaf["E"] @ xi
        H3 = np.einsum("ik,ij,jk->k", y, S, y) / 2 + g @ y
        H2 = np.array([ham.hamiltonian_value(net, x) for x in xi.T])
        assert np.allclose(np.diff(H2), -np.linalg.norm(c) * np.diff(H3), rtol=1e-10, atol=1e-12)
        # the leaf's linear flow has the eigenvalues of A other than 0
        eig_leaf = np.sort_complex(np.linalg.eigvals(leaf["A"]))
        eig_A = np.linalg.eigvals(A)
        eig_A = np.sort_complex(eig_A[np.argsort(np.abs(eig_A))[1:]])
        assert np.allclose(eig_leaf, eig_A, atol=1e-10)


def test_basis_is_oriented_and_orthonormal():
    c = np.array([0.3, -2.0, 1.0])
    E = nambu.leaf_basis(c)
    assert np.allclose(E.T @ E, np.eye(2))
    assert np.allclose(np.cross(E[:, 0], E[:, 1]), c / np.linalg.norm(c))


@pytest.mark.parametrize("call, error, match", [
    (lambda: nambu.kernel_vector(np.eye(3)), ValueError, "skew"),
    (lambda: nambu.kernel_vector(np.zeros((2, 2))), ValueError, "shape"),
    (lambda: nambu.leaf_basis([0, 0, 0]), ValueError, "non-zero"),
    (lambda: nambu.leaf_system(np.eye(3), np.zeros(3), [1, 0, 0], 0.0), ValueError, "invariant"),
    (lambda: nambu.leaf_system(np.zeros((3, 3)), np.zeros(3), [1, 0, 0], "k"), TypeError, "kappa"),
    (lambda: nambu.nambu_residual(np.eye(3), np.zeros(3), np.zeros((3, 3)), np.eye(3), np.zeros(3),
                                  np.zeros((2, 4))), ValueError, r"\(3, k\)"),
])
def test_bad_input_is_rejected(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_leaf_system_tolerance_is_inclusive_and_relative():
    # c.b exactly at the documented bound (1e-9 |c| max(1, |A|, |b|)) is accepted;
    # ten times past it is refused
    A, c = np.zeros((3, 3)), np.array([1.0, 0.0, 0.0])
    A[1, 2], A[2, 1] = 1.0, -1.0                  # c^T A = 0: the planes y1 = const are invariant
    assert nambu.leaf_system(A, np.array([1e-9, 0.0, 0.0]), c, 0.0)["leak"] == pytest.approx(1e-9)
    with pytest.raises(ValueError, match="invariant"):
        nambu.leaf_system(A, np.array([1e-8, 0.0, 0.0]), c, 0.0)
