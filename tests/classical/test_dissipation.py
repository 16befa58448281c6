"""Tests of ctrnn.classical.dissipation: the split A = A0 + (tr A/2) I and the
Caldirola-Kanai formulation of the dissipative both-active flow."""
import numpy as np
import pytest
import scipy.linalg
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ctrnn import CTRNN2
from ctrnn.classical import dissipation, simulate
from ctrnn.classical.dynamics import linear_system

#: The Hamiltonian example of the correspondence chapter with w22 moved off Eq. (13).
FOCUS = CTRNN2(1.0, 2.0, 1.5, 2.0, -2.0, -0.4, I1=6.0, I2=-6.0)

weights = st.floats(-4, 4, allow_nan=False)
taus = st.floats(0.2, 5, allow_nan=False)


@st.composite
def networks(draw):
    return CTRNN2(draw(taus), draw(taus), draw(weights), draw(weights), draw(weights),
                  draw(weights), draw(weights), draw(weights), draw(weights), draw(weights))


def test_symbolic_split_vanishes():
    for name, residual in dissipation.split_residuals().items():
        assert residual == sp.zeros(2, 2), name


def test_caldirola_kanai_residuals_vanish():
    for name, residual in dissipation.caldirola_kanai_residuals().items():
        assert residual == 0, name


def test_hamiltonian_is_not_invariant_unless_trace_vanishes():
    """Counterfactual: H itself (instead of I = H - gamma q p) is not conserved."""
    ck = dissipation.caldirola_kanai_symbolic()
    q, p, t, H = ck["q"], ck["p"], ck["t"], ck["H"]
    dH = sp.simplify(sp.diff(H, t))          # {H, H} = 0
    assert dH != 0
    a11, a12, a21, a22 = ck["entries"]
    assert sp.simplify(dH.subs(a22, -a11)) == 0     # Eq. (13): tr A = 0


@settings(max_examples=40, deadline=None)
@given(networks(), st.floats(0.0, 3.0))
def test_expm_factorizes(net, t):
    split = dissipation.flow_split(net)
    A, A0, g = split["A"], split["A0"], split["gamma"]
    assert abs(np.trace(A0)) <= 1e-12 * (1 + np.abs(A).max())
    np.testing.assert_allclose(dissipation.J @ split["S"], A0, atol=1e-12 * (1 + np.abs(A).max()))
    lhs = scipy.linalg.expm(A * t)
    rhs = np.exp(g * t) * scipy.linalg.expm(A0 * t)
    # expm is backward stable: agreement to a few ulps of the larger norm
    assert np.abs(lhs - rhs).max() <= 1e-10 * (1 + np.abs(lhs).max())


@settings(max_examples=40, deadline=None)
@given(networks())
def test_invariant_constant_along_flow(net):
    split = dissipation.flow_split(net)
    assume(split["equilibrium"] is not None)
    assume(np.abs(split["equilibrium"]).max() < 1e3)
    # over one e-folding time of the fastest mode, so that H - h* keeps its digits
    t = np.linspace(0.0, 1.0, 6) / max(1.0, np.abs(split["eigenvalues"]).max())
    y0 = split["equilibrium"] + np.array([0.7, -0.4])
    y = dissipation.linear_flow(net, y0, t)
    H = dissipation.invariant_hamiltonian(net, y)
    h_star = dissipation.invariant_hamiltonian(net, split["equilibrium"])
    inv = np.exp(-2 * split["gamma"] * t) * (H - h_star)
    scale = 1 + np.abs(split["S"]).max()
    np.testing.assert_allclose(inv, inv[0], atol=1e-8 * scale, rtol=1e-8)


def test_linear_flow_matches_simulation_inside_region():
    y0 = np.array([8.0, 6.0])
    t = np.linspace(0.0, 10.0, 21)
    traj = simulate(FOCUS, y0, t)
    assert traj.regions == [(1, 1)]
    assert np.abs(traj.y - dissipation.linear_flow(FOCUS, y0, t)).max() < 1e-10


def test_invariant_hamiltonian_is_paper_h_under_13():
    from ctrnn.classical.hamiltonian import hamiltonian_value
    net = CTRNN2.from_condition_13(1.0, 2.0, 1.5, 2.0, -1.5, 0.3, -0.2, 6.0, -6.0)
    y = np.array([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]])
    np.testing.assert_allclose(dissipation.invariant_hamiltonian(net, y),
                               hamiltonian_value(net, y), rtol=1e-12, atol=1e-12)
    # and not for the dissipative network (a planted difference would be caught)
    assert not np.allclose(dissipation.invariant_hamiltonian(FOCUS, y),
                           -np.ones(3))


def test_caldirola_kanai_round_trip():
    y = np.array([3.0, -1.0])
    z = dissipation.to_caldirola_kanai(FOCUS, y, 2.0)
    np.testing.assert_allclose(dissipation.from_caldirola_kanai(FOCUS, z, 2.0), y)
    A, _ = linear_system(FOCUS, (1, 1))
    assert dissipation.caldirola_kanai_coefficients(FOCUS, 0.0)["H"][1] == A[0, 0]


def test_eigenvalues_closed_form():
    for net in (FOCUS, CTRNN2(1, 1, 2, 1, 1, 0)):
        A, _ = linear_system(net, (1, 1))
        np.testing.assert_allclose(np.sort_complex(dissipation.eigenvalues(A)),
                                   np.sort_complex(np.linalg.eigvals(A).astype(complex)),
                                   atol=1e-12)
    assert dissipation.eigenvalues(linear_system(FOCUS, (1, 1))[0])[0].imag > 0


def test_bad_input():
    with pytest.raises(TypeError, match="net must be a ctrnn.CTRNN2"):
        dissipation.flow_split("network")
    singular = CTRNN2(1.0, 1.0, 2.0, 1.0, 1.0, 2.0)       # A = [[1, 1], [1, 1]]
    with pytest.raises(ValueError, match="equilibrium"):
        dissipation.linear_flow(singular, [0.0, 0.0], [0.0, 1.0])


def test_reduce_proves_only_identities():
    # _reduce (expand, then cancel) replaces sympy.simplify in the residuals: it must
    # clear a square root against its square and must not clear a planted error
    x, t = sp.symbols("x t", positive=True)
    assert dissipation._reduce(sp.sqrt(x) - x / sp.sqrt(x)) == 0
    assert dissipation._reduce(sp.exp(2 * t) - sp.exp(t) ** 2) == 0
    assert dissipation._reduce(sp.sqrt(x) - (x + 1) / sp.sqrt(x)) != 0
    assert dissipation._reduce(sp.Matrix([[x - x, x]])) == sp.Matrix([[0, x]])


def test_reduce_catches_a_wrong_exponential():
    # planted bug: the candidate e^{At} with the sign of gamma flipped fails M' = AM
    a11, a12, a21, a22 = dissipation._entries
    t = dissipation._t
    A = sp.Matrix([[a11, a12], [a21, a22]])
    gamma = A.trace() / 2
    A0 = A - gamma * sp.eye(2)
    kappa = sp.sqrt(-A0.det())
    wrong = sp.exp(-gamma * t) * (sp.cosh(kappa * t) * sp.eye(2)
                                  + sp.sinh(kappa * t) / kappa * A0)
    assert dissipation._reduce(wrong.diff(t) - A * wrong) != sp.zeros(2, 2)


@settings(max_examples=40, deadline=None)
@given(networks(), st.lists(st.floats(-3.0, 3.0), min_size=1, max_size=5))
def test_coefficients_from_the_matrix_are_the_per_time_coefficients(net, times):
    A = dissipation.flow_split(net)["A"]
    many = dissipation.caldirola_kanai_from_matrix(A, np.array(times))
    for j, t in enumerate(times):
        one = dissipation.caldirola_kanai_coefficients(net, t)
        for key in ("H", "I"):
            assert [np.broadcast_to(c, len(times))[j] for c in many[key]] == list(one[key])


@settings(max_examples=60, deadline=None)
@given(st.lists(networks(), min_size=1, max_size=8))
def test_discriminants_of_many_equal_each_networks(nets):
    params = {k: np.array([getattr(n, k) for n in nets])
              for k in dissipation.MATRIX_PARAMETERS}
    delta, size = dissipation.discriminants(params)
    assert [(float(d), float(s)) for d, s in zip(delta, size)] == \
        [dissipation.discriminant(n) for n in nets]


def test_discriminants_broadcast_and_bad_input():
    fixed = {"tau1": 1.0, "tau2": 2.0, "w11": 1.5, "w12": 2.0, "w22": -0.4}
    delta, _ = dissipation.discriminants({**fixed, "w21": np.zeros((3, 4))})
    assert delta.shape == (3, 4)
    assert np.all(delta == dissipation.discriminant(CTRNN2(w21=0.0, **fixed))[0])
    with pytest.raises(ValueError, match="missing"):
        dissipation.discriminants(fixed)
    with pytest.raises(ValueError, match="unknown"):
        dissipation.discriminants({**fixed, "w21": 0.0, "w33": 1.0})
    with pytest.raises(ValueError, match="tau2 must be positive"):
        dissipation.discriminants({**fixed, "w21": 0.0, "tau2": [1.0, 0.0]})
    with pytest.raises(ValueError):
        dissipation.discriminants({**fixed, "w21": np.nan})
    with pytest.raises(ValueError, match="broadcast"):
        dissipation.discriminants({**fixed, "w21": np.zeros(3), "w12": np.zeros(2)})
    with pytest.raises(TypeError):
        dissipation.discriminants([1.0])
