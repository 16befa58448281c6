"""Tests of ctrnn.quantum.weyl: Weyl quantization from the definition (Eqs. 21-22)."""
import itertools
import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from ctrnn.quantum import weyl
from ctrnn.symbols import C1, C2, D1, D2, E2, y1, y2

f = sp.Function("f")(y2)


def test_number_of_words_is_binomial():
    for a, b in itertools.product(range(4), range(4)):
        assert len(weyl.weyl_words(a, b)) == math.comb(a + b, a)


def test_representation_21_canonical_commutator():
    # [y2^, y1^] f = y2 (-i f') - (-i (y2 f)') = i f
    assert sp.simplify(weyl.commutator_action(weyl.position, weyl.momentum) - sp.I * f) == 0


def test_single_factors_and_squares():
    assert weyl.weyl_quantize(y1).coeffs == {1: -sp.I}
    assert weyl.weyl_quantize(y2).coeffs == {0: y2}
    assert weyl.weyl_quantize(y1 ** 2).coeffs == {2: -1}          # p^2 = -d^2
    # (x p + p x)/2 = -i x d - i/2
    assert weyl.weyl_quantize(y1 * y2).coeffs == {1: -sp.I * y2, 0: -sp.I / 2}


def test_hamiltonian_18_by_hand():
    """-C1 p - C2 p^2 + D1 x + D2 x^2 + E2 (xp + px)/2 with p = -i d, x = y2."""
    op = weyl.weyl_quantize(weyl.hamiltonian_symbol())
    hand = weyl.DifferentialOperator({2: C2, 1: sp.I * C1 - sp.I * E2 * y2,
                                      0: D1 * y2 + D2 * y2 ** 2 - sp.I * E2 / 2})
    assert (op - hand).is_zero()


@pytest.mark.parametrize("a,b", list(itertools.product(range(4), range(4))))
def test_definition_agrees_with_mccoy(a, b):
    sym = y1 ** a * y2 ** b
    assert (weyl.weyl_quantize(sym) - weyl.mccoy_quantize(sym)).is_zero()


@pytest.mark.parametrize("a,b", [(1, 1), (2, 1), (1, 2), (2, 2), (3, 1)])
def test_real_symbols_give_symmetric_operators(a, b):
    assert weyl.is_formally_symmetric(weyl.weyl_quantize(y1 ** a * y2 ** b))


def test_nonsymmetric_ordering_is_detected():
    x_then_p = weyl.DifferentialOperator({1: -sp.I * y2})      # x p, not Weyl-ordered
    assert not weyl.is_formally_symmetric(x_then_p)


def test_hamiltonian_is_symmetric():
    assert weyl.is_formally_symmetric(weyl.weyl_quantize(weyl.hamiltonian_symbol()))


def _hermitian(rng, n):
    m = rng.normal(size=(n, n)) + 1j * rng.normal(size=(n, n))
    return m + m.conj().T


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000))
def test_weyl_matrix_is_hermitian(seed):
    rng = np.random.default_rng(seed)
    x_op, p_op = _hermitian(rng, 6), _hermitian(rng, 6)
    vals = dict(zip(("C1", "C2", "D1", "D2", "E2"), rng.normal(size=5)))
    mat = weyl.weyl_matrix(weyl.hamiltonian_symbol(), x_op, p_op, vals)
    assert np.allclose(mat, mat.conj().T, atol=1e-12)
    # a word and its reverse: x p alone is not Hermitian, the average is
    assert not np.allclose(x_op @ p_op, (x_op @ p_op).conj().T)


def test_weyl_matrix_of_commuting_matrices_is_the_classical_value():
    x_op, p_op = np.diag([1.0, 2.0]), np.diag([3.0, -1.0])
    vals = {"C1": 1.0, "C2": 2.0, "D1": 0.5, "D2": -1.0, "E2": 0.25}
    mat = weyl.weyl_matrix(weyl.hamiltonian_symbol(), x_op, p_op, vals)
    h = sp.lambdify((y1, y2), weyl.hamiltonian_symbol().subs(
        {C1: 1.0, C2: 2.0, D1: 0.5, D2: -1.0, E2: 0.25}))
    assert np.allclose(np.diag(mat), [h(3.0, 1.0), h(-1.0, 2.0)])


def test_bad_input():
    with pytest.raises(ValueError, match="polynomial"):
        weyl.weyl_quantize(sp.sin(y1))
    with pytest.raises(ValueError, match="non-negative"):
        weyl.weyl_words(-1, 2)
    with pytest.raises(ValueError, match="square"):
        weyl.weyl_matrix(y1, np.eye(2), np.eye(3), {})
    with pytest.raises(ValueError, match="values"):
        weyl.weyl_matrix(C1 * y1, np.eye(2), np.eye(2), {})
    with pytest.raises(ValueError, match="derivative orders"):
        weyl.DifferentialOperator({-1: y2})
