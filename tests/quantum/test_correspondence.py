"""Tests of ctrnn.quantum.correspondence: wave packets under the Weyl-quantized H (18)
against the classical flow of Hamilton's equations (11)."""
import math

import matplotlib
import numpy as np
import pytest
import scipy.linalg
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.integrate import solve_ivp

from ctrnn import CTRNN2, quantum
from ctrnn.book import correspondence
from ctrnn.book import text as book_text
from ctrnn.classical import hamiltonian, simulate
from ctrnn.classical.dynamics import linear_system
from ctrnn.quantum import correspondence as cc

matplotlib.use("Agg")

# A centre (Delta = -5/4) with critical point (6, 6), far inside the
# both-active region y1 >= 0, y2 >= 0.
NET = CTRNN2.from_condition_13(1.0, 2.0, 1.5, 2.0, -1.5, 0.0, 0.0, 6.0, -6.0)
Z = np.array([6.0, 6.0])


@pytest.fixture(scope="module")
def paper_run():
    return cc.correspondence(NET, Z + [3.0, 2.0], periods=2.0, samples=81)


@pytest.fixture(scope="module")
def conjugate_run():
    return cc.correspondence(NET, Z + [3.0, 2.0], periods=2.0, samples=81,
                             convention="conjugate")


centre_networks = st.builds(
    lambda tau1, tau2, w11, w12, ratio, sign, th1, th2, i1, i2: CTRNN2.from_condition_13(
        tau1, tau2, w11, sign * w12, -sign * ratio * w12, th1, th2, i1, i2),
    st.floats(0.5, 2.0), st.floats(0.5, 2.0), st.floats(0.2, 1.8), st.floats(0.5, 2.5),
    st.floats(0.5, 2.0), st.sampled_from([1.0, -1.0]), st.floats(-1, 1), st.floats(-1, 1),
    st.floats(-3, 3), st.floats(-3, 3))
offsets = st.tuples(st.floats(-2.0, 2.0), st.floats(-2.0, 2.0)).filter(
    lambda d: math.hypot(*d) > 0.7)


def _start(net, offset):
    """A point `offset` ground-state standard deviations away from the centre."""
    z, _ = quantum.critical_point(net)
    return z + np.asarray(offset) * np.sqrt(np.diag(cc.ground_covariance(net)))


# ------------------------------------------------------------ symbolic
def test_heisenberg_equations_are_hamilton_equations_backwards():
    res = cc.heisenberg_residuals()
    assert all(sp.simplify(r) == 0 for r in res["backward"])
    assert all(sp.simplify(r) != 0 for r in res["forward"])


# ------------------------------------------------------- classical flow
def test_linear_flow_matches_solve_ivp_both_directions():
    A, b = linear_system(NET, (1, 1))
    y0 = Z + [3.0, 2.0]
    for sign in (1.0, -1.0):
        t = sign * np.linspace(0.0, 7.0, 15)
        sol = solve_ivp(lambda s, y: A @ y + b, (0.0, t[-1]), y0, t_eval=t,
                        rtol=1e-11, atol=1e-11, method="DOP853")
        np.testing.assert_allclose(cc.linear_flow(NET, y0, t), sol.y, atol=1e-8)


def test_linear_flow_equals_relu_network_inside_active_region():
    y0 = Z + [3.0, 2.0]
    t = np.linspace(0.0, 12.0, 50)
    traj = simulate(NET, y0, t)
    assert traj.switch_times.size == 0
    np.testing.assert_allclose(cc.linear_flow(NET, y0, t), traj.y, atol=1e-10)


# ------------------------------------------------------------ packets
def test_ground_covariance_is_pure_and_matches_closed_form_ground_state():
    sigma = cc.ground_covariance(NET)
    assert np.linalg.det(sigma) == pytest.approx(0.25, rel=1e-12)
    grid = cc.make_grid(NET, Z)
    psi = quantum.eigenfunctions(NET, 1, grid.y2)[0]
    mean = cc.expectations(grid, psi)[:, 0]
    np.testing.assert_allclose(mean, Z, atol=1e-10)
    rho = np.abs(psi) ** 2 * grid.dy2
    assert np.sum(rho * (grid.y2 - Z[1]) ** 2) == pytest.approx(sigma[1, 1], rel=1e-10)
    # Var y1 = <(y1 - <y1>)^2> from the matrix of y1
    shifted = grid.y1_op - Z[0] * np.eye(grid.y2.size)
    var1 = np.real(psi.conj() @ shifted @ shifted @ psi) * grid.dy2
    assert var1 == pytest.approx(sigma[0, 0], rel=1e-8)


def test_closed_form_eigenfunctions_are_eigenvectors_of_grid_matrix():
    grid = cc.make_grid(NET, Z, margin=12.0)
    levels = quantum.spectrum(NET, 4)
    for n, psi in enumerate(quantum.eigenfunctions(NET, 4, grid.y2)):
        resid = grid.hamiltonian @ psi - levels[n] * psi
        assert np.linalg.norm(resid) * math.sqrt(grid.dy2) < 1e-8


@pytest.mark.parametrize("convention", cc.CONVENTIONS)
@pytest.mark.parametrize("width", [None, 0.7])
def test_packets_are_normalized_and_centred(convention, width):
    y0 = Z + [2.0, -1.0]
    grid = cc.make_grid(NET, y0, width, convention)
    psi = cc.gaussian_packet(grid, y0, width)
    assert cc.norms(grid, psi)[0] == pytest.approx(1.0, rel=1e-12)
    np.testing.assert_allclose(cc.expectations(grid, psi)[:, 0], y0, atol=1e-9)


# ---------------------------------------------------------- evolution
@settings(max_examples=8, deadline=None)
@given(centre_networks, offsets)
def test_ehrenfest_random_centres_run_backwards(net, offset):
    assume(hamiltonian.discriminant(net) < -0.05)
    y0 = _start(net, offset)
    try:
        run = cc.correspondence(net, y0, periods=2.0, samples=41)
    except ValueError as err:                # grid would exceed max_size
        assume("max_size" not in str(err))
        raise
    scale = np.linalg.norm(y0 - quantum.critical_point(net)[0])
    # exact for quadratic H up to rounding and grid truncation (margin 10 sd)
    assert run.deviation("backward").max() < 1e-10 * (1.0 + np.abs(y0).max())
    # forward and backward points differ unless the orbit degenerates to a segment
    assert run.deviation("forward").max() > 0.01 * scale
    np.testing.assert_allclose(run.norm, 1.0, atol=1e-12)
    np.testing.assert_allclose(run.energy, run.energy[0],
                               atol=1e-11 * (1.0 + abs(run.energy[0])))


@settings(max_examples=5, deadline=None)
@given(centre_networks, offsets, st.floats(0.5, 1.5))
def test_gaussian_packet_norm_energy_and_ehrenfest_conjugate(net, offset, width):
    assume(hamiltonian.discriminant(net) < -0.05)
    y0 = _start(net, offset)
    try:
        run = cc.correspondence(net, y0, periods=1.0, samples=21, width=width,
                                convention="conjugate")
    except ValueError as err:                # grid would exceed max_size
        assume("max_size" not in str(err))
        raise
    np.testing.assert_allclose(run.norm, 1.0, atol=1e-12)
    np.testing.assert_allclose(run.energy, run.energy[0],
                               atol=1e-11 * (1.0 + abs(run.energy[0])))
    assert run.deviation("forward").max() < 1e-10 * (1.0 + np.abs(y0).max())


def test_ehrenfest_velocity_is_minus_vector_field(paper_run, conjugate_run):
    for run, sign in ((paper_run, -1.0), (conjugate_run, 1.0)):
        for i in (0, 17, 40):
            v = cc.ehrenfest_velocity(run.grid, run.psi[i])
            np.testing.assert_allclose(v, sign * NET.rhs(0.0, run.mean[:, i]), atol=1e-9)


def test_conjugate_convention_is_complex_conjugate_time_reversal(paper_run, conjugate_run):
    back = cc.evolve(paper_run.grid, paper_run.psi[0], -paper_run.t)
    np.testing.assert_allclose(conjugate_run.grid.y2, paper_run.grid.y2)
    np.testing.assert_allclose(conjugate_run.psi, back.conj(), atol=1e-9)
    np.testing.assert_allclose(conjugate_run.mean, conjugate_run.forward, atol=1e-9)


def test_relu_orbit_leaving_active_region_breaks_agreement():
    run = cc.correspondence(NET, Z + [6.0, 0.0], periods=1.5, samples=151,
                            convention="conjugate")
    switch = run.relu_switch_times[0]
    before, after = run.t < switch, run.t > switch + 0.5
    assert run.deviation("relu")[before].max() < 1e-8
    assert run.deviation("relu")[after].max() > 0.1
    assert run.deviation("forward").max() < 1e-10


def test_grid_convergence_errors_fall_with_size():
    err = cc.grid_convergence(NET, Z + [3.0, 2.0], [32, 48, 80], periods=1.0, samples=31)
    assert err[0] > 1e-2 and err[2] < 1e-10
    assert err[0] > err[1] > err[2]


# ------------------------------------------------------------- Wigner
@pytest.mark.parametrize("convention", cc.CONVENTIONS)
def test_wigner_marginals_of_evolving_packet(paper_run, conjugate_run, convention):
    run = paper_run if convention == "paper" else conjugate_run
    for i in (0, 33):
        m = cc.wigner_marginals(run.grid, run.psi[i])
        assert m["total"] == pytest.approx(1.0, abs=1e-10)
        assert m["y2_error"] < 1e-10
        assert m["y1_error"] < 1e-8


def test_wigner_of_ground_state_is_the_gaussian_of_its_covariance():
    grid = cc.make_grid(NET, Z, size=96)
    y1, y2, w = cc.wigner(grid, quantum.eigenfunctions(NET, 1, grid.y2)[0])
    sigma = cc.ground_covariance(NET)
    Y1, Y2 = np.meshgrid(y1 - Z[0], y2 - Z[1])
    z = np.stack([Y1, Y2], axis=-1)
    quad = np.einsum("...i,ij,...j->...", z, np.linalg.inv(sigma), z)
    exact = np.exp(-quad / 2.0) / (2.0 * np.pi * np.sqrt(np.linalg.det(sigma)))
    np.testing.assert_allclose(w, exact, atol=1e-9)


@pytest.mark.parametrize("n", [1, 2, 3])
def test_wigner_of_eigenstate_at_centre_is_parity(n):
    grid = cc.make_grid(NET, Z, margin=12.0)
    y1, y2, w = cc.wigner(grid, quantum.eigenfunctions(NET, n + 1, grid.y2)[n])
    i, j = np.argmin(np.abs(y2 - Z[1])), np.argmin(np.abs(y1 - Z[0]))
    assert abs(y2[i] - Z[1]) < 1e-9 and abs(y1[j] - Z[0]) < 1e-9
    assert w[i, j] == pytest.approx((-1) ** n / np.pi, abs=1e-9)


@pytest.mark.parametrize("width", [None, 0.6])
def test_wigner_function_is_carried_by_the_reversed_classical_flow(width):
    run = cc.correspondence(NET, Z + [3.0, 2.0], periods=1.0, samples=21, width=width)
    assert cc.wigner_transport_error(run, [0, 7, 20]).max() < 1e-9
    # the forward-transported Gaussian is a different function once the packet moves
    A, _ = linear_system(NET, (1, 1))
    y1, y2, w = cc.wigner(run.grid, run.psi[7])
    phi = scipy.linalg.expm(-run.t[7] * A)       # reversed flow, convention (21)
    cov = phi @ cc.packet_covariance(NET, width) @ phi.T
    right = cc.gaussian_wigner(y1, y2, run.backward[:, 7], cov)
    np.testing.assert_allclose(w, right, atol=1e-9 * w.max())
    wrong = cc.gaussian_wigner(y1, y2, run.forward[:, 7], cov)
    assert np.max(np.abs(w - wrong)) > 0.1 * w.max()


# ------------------------------------------------------------ figures
def test_figures_draw(paper_run):
    figs = [correspondence.plot_expectations(paper_run), correspondence.plot_snapshots(paper_run, [0.0, 1.0, 2.0]),
            correspondence.plot_wigner(paper_run.grid, paper_run.psi[3]),
            correspondence.plot_grid_convergence([32, 48], [1e-2, 1e-8], needed=70)]
    run = cc.correspondence(NET, Z + [6.0, 0.0], periods=1.0, samples=41,
                            convention="conjugate")
    figs.append(correspondence.plot_relu_breakdown(run))
    for fig in figs:
        assert fig.axes and all(ax.get_title() == "" for ax in fig.axes)
        matplotlib.pyplot.close(fig)


# ---------------------------------------------------------- bad input
def test_bad_input_raises_value_error(paper_run):
    grid = paper_run.grid
    not_ham = CTRNN2(1.0, 1.0, 0.5, 1.0, -1.0, 0.5)
    saddle = CTRNN2.from_condition_13(1.0, 1.0, 1.0, 1.0, 1.0)
    cases = [
        (lambda: cc.make_grid(not_ham, [0, 0]), "13"),
        (lambda: cc.make_grid("net", [0, 0]), "CTRNN2"),
        (lambda: cc.make_grid(saddle, [0, 0]), "discriminant"),
        (lambda: cc.linear_flow(not_ham, [0, 0], [0, 1]), "13"),
        (lambda: cc.ground_covariance(saddle), "discriminant"),
        (lambda: cc.make_grid(NET, Z, width=0.0), "width"),
        (lambda: cc.make_grid(NET, Z, width=-1.0), "width"),
        (lambda: cc.make_grid(NET, Z, size=33), "size"),
        (lambda: cc.make_grid(NET, Z, size=8), "size"),
        (lambda: cc.make_grid(NET, Z, size=1024), "size"),
        (lambda: cc.make_grid(NET, Z, size=64.0), "size"),
        (lambda: cc.make_grid(NET, Z + [40.0, 0.0]), "max_size"),
        (lambda: cc.make_grid(NET, Z, max_size=4), "max_size"),
        (lambda: cc.make_grid(NET, Z, margin=0), "margin"),
        (lambda: cc.make_grid(NET, Z, convention="forward"), "convention"),
        (lambda: cc.make_grid(NET, [1.0, 2.0, 3.0]), "y0"),
        (lambda: cc.make_grid(NET, [np.nan, 2.0]), "y0"),
        (lambda: cc.gaussian_packet(grid, Z, width=-0.5), "width"),
        (lambda: cc.evolve(grid, np.ones(3), [0.0]), "psi"),
        (lambda: cc.evolve(grid, paper_run.psi[0], [0.0, np.inf]), "times"),
        (lambda: cc.evolve("grid", paper_run.psi[0], [0.0]), "grid"),
        (lambda: cc.wigner(grid, paper_run.psi), "psi"),
        (lambda: cc.correspondence(NET, Z + 1, periods=0), "periods"),
        (lambda: cc.correspondence(NET, Z + 1, samples=1), "samples"),
        (lambda: paper_run.deviation("sideways"), "which"),
        (lambda: cc.grid_convergence(NET, Z + 1, [32], convention="x"), "convention"),
        (lambda: correspondence.plot_snapshots(paper_run, [-1.0]), "times"),
        (lambda: cc.gaussian_wigner([0.0], [0.0], Z, np.eye(2) * 0.1), "covariance"),
        (lambda: cc.gaussian_wigner([0.0], [0.0], Z, [[1.0, 2.0], [0.0, 1.0]]), "covariance"),
        (lambda: cc.wigner_transport_error(paper_run, [81]), "indices"),
        (lambda: cc.wigner_transport_error("run", [0]), "result"),
        (lambda: cc.gaussian_packet("grid", Z, 0.5), "grid"),
        (lambda: cc.coherent_state(None, Z), "grid"),
        (lambda: correspondence.plot_expectations(None), "result"),
        (lambda: correspondence.plot_relu_breakdown(paper_run), "conjugate"),
        (lambda: correspondence.plot_wigner(grid, paper_run.psi[0], limits=((1, 0), (0, 1))), "limits"),
        (lambda: correspondence.plot_grid_convergence([32, 48], [1e-3]), "sizes"),
        (lambda: correspondence.plot_grid_convergence([32], [0.0]), "errors"),
    ]
    for call, word in cases:
        with pytest.raises(ValueError, match=word):
            call()


# ------------------------------------------- summaries used by the chapter
@pytest.mark.parametrize("x, expected", [(3e-13, 1e-12), (1e-3, 1e-3), (0.02, 0.1), (0.0, 1e-16),
                                         (5.0, 10.0)])
def test_decade_above_bounds_x_by_the_next_power_of_ten(x, expected):
    assert book_text.decade_above(x) == pytest.approx(expected, rel=1e-12)


@given(st.floats(1e-15, 1e6))
def test_decade_above_is_a_tight_power_of_ten_bound(x):
    d = book_text.decade_above(x)
    assert x <= d * (1 + 1e-12) and d / 10 < x * (1 + 1e-12)
    assert math.log10(d) == pytest.approx(round(math.log10(d)), abs=1e-12)


def test_classical_summary_by_hand():
    # Eqs. (19)-(20) for tau = (1, 2), w11 = 1.5, w12 = 2, w21 = -1.5 (w22 = 0 by Eq. 13),
    # theta = 0, I = (6, -6): C2 = w12/(2 tau2) = 1/2, D2 = w21/(2 tau1) = -3/4,
    # E2 = (w11 - 1)/tau1 = 1/2, C1 = I2/tau2 = -3, D1 = I1/tau1 = 6
    s = cc.classical_summary(NET)
    assert s["coefficients"] == pytest.approx({"C1": -3.0, "C2": 0.5, "D1": 6.0, "D2": -0.75,
                                               "E2": 0.5})
    assert s["delta"] == pytest.approx(0.25 + 4 * 0.5 * -0.75)
    assert s["centre"] == pytest.approx((6.0, 6.0))
    assert s["period"] == pytest.approx(2 * math.pi / math.sqrt(1.25))
    assert cc.classical_summary(NET, decimals=1)["period"] == round(2 * math.pi / math.sqrt(1.25), 1)


@given(centre_networks)
@settings(max_examples=25, deadline=None)
def test_zero_point_energy_is_the_ground_level_above_the_classical_extremum(net):
    assume(hamiltonian.discriminant(net) < -0.05)
    z, _ = quantum.critical_point(net)
    ground = quantum.spectrum(net, 1)[0]
    from ctrnn.classical.hamiltonian import hamiltonian_value
    assert cc.zero_point_energy(net) == pytest.approx(ground - float(hamiltonian_value(net, z)),
                                                      rel=1e-8, abs=1e-10)
    assert abs(cc.zero_point_energy(net)) == pytest.approx(math.sqrt(-hamiltonian.discriminant(net)) / 2)


def test_correspondence_summary_of_the_paper_run(paper_run, conjugate_run):
    s = cc.correspondence_summary(paper_run)
    assert s["size"] == paper_run.grid.y2.size and s["samples"] == 81
    assert s["switches"] == 0 and s["relu_vs_linear"] < 1e-6       # never leaves the active region
    assert s["backward"] < 1e-10 < 1.0 < s["forward"]
    assert s["norm_drift"] < 1e-10 and s["energy_drift"] < 1e-9
    # coherent state: <H> - H(y0) is the zero-point energy
    assert s["zero_point"] == pytest.approx(cc.zero_point_energy(NET), abs=1e-9)
    assert s["classical_energy"] == pytest.approx(
        -(-3.0) * 9 - 0.5 * 81 + 6 * 8 - 0.75 * 64 + 0.5 * 72)      # H (18) at y0 = (9, 8)
    assert s["velocity_ratio"] == pytest.approx(-1.0, abs=1e-9)
    assert cc.correspondence_summary(conjugate_run)["velocity_ratio"] == pytest.approx(1.0, abs=1e-9)
    assert cc.velocity_ratio(conjugate_run, 40) == pytest.approx(1.0, abs=1e-9)


def test_conjugation_error_is_rounding(paper_run, conjugate_run):
    assert cc.conjugation_error(paper_run, conjugate_run) < 1e-9
    with pytest.raises(ValueError, match="conventions"):
        cc.conjugation_error(conjugate_run, paper_run)


def test_relu_breakdown_before_and_after_the_switch():
    run = cc.correspondence(NET, Z + [6.0, 0.0], periods=1.5, samples=151,
                            convention="conjugate")
    b = cc.relu_breakdown(run)
    assert b["switch"] == pytest.approx(run.relu_switch_times[0])
    # the linear flow from (12, 6) first reaches y1 = 0 at the switch
    assert cc.linear_flow(NET, Z + [6.0, 0.0], [b["switch"]])[0, 0] == pytest.approx(0.0, abs=1e-6)
    assert b["before"] < 1e-8 < 0.1 < b["after"]
    assert b["linear"] < 1e-10


def test_wigner_at_and_totals(paper_run):
    grid = cc.make_grid(NET, Z, margin=12.0)
    for n in (0, 3):
        psi = quantum.eigenfunctions(NET, n + 1, grid.y2)[n]
        assert cc.wigner_at(grid, psi, Z) == pytest.approx((-1) ** n / np.pi, abs=1e-9)
    totals = cc.wigner_totals(paper_run, [0, 20, 40])
    assert totals.shape == (3,)
    np.testing.assert_allclose(totals, 1.0, atol=1e-9)


def test_heisenberg_residuals_latex():
    assert correspondence.heisenberg_residuals_latex("backward") == r"0,\quad 0"
    forward = correspondence.heisenberg_residuals_latex("forward")
    # the two residuals, broken into lines that fit a phone (ctrnn.book.text.break_display)
    from ctrnn.book.text import break_display
    from ctrnn.quantum.correspondence import heisenberg_residuals
    assert forward == break_display(r",\quad ".join(sp.latex(r) for r in heisenberg_residuals()["forward"]))
    assert forward.count(",") == 1 and "D_{1}" in forward and "C_{1}" in forward


def test_bad_input_to_the_summaries_raises_value_error(paper_run, conjugate_run):
    saddle = CTRNN2.from_condition_13(1.0, 1.0, 1.0, 1.0, 1.0)
    no_switch = paper_run
    cases = [
        (lambda: book_text.decade_above(-1.0), "x must be a non-negative"),
        (lambda: book_text.decade_above(np.nan), "x must be"),
        (lambda: book_text.decade_above("1"), "x must be"),
        (lambda: cc.classical_summary(saddle), "discriminant"),
        (lambda: cc.classical_summary(NET, decimals=-1), "decimals"),
        (lambda: cc.classical_summary(NET, decimals=2.0), "decimals"),
        (lambda: cc.zero_point_energy(saddle), "discriminant"),
        (lambda: cc.zero_point_energy(CTRNN2(1.0, 1.0, 0.5, 1.0, -1.0, 0.5)), "13"),
        (lambda: cc.correspondence_summary("run"), "result"),
        (lambda: cc.velocity_ratio(paper_run, 81), "index"),
        (lambda: cc.velocity_ratio(paper_run, True), "index"),
        (lambda: cc.conjugation_error(paper_run, paper_run), "conventions"),
        (lambda: cc.conjugation_error(paper_run, cc.correspondence(
            NET, Z + [3.0, 2.0], periods=1.0, samples=11, convention="conjugate")), "share"),
        (lambda: cc.relu_breakdown(no_switch), "conjugate"),
        (lambda: cc.relu_breakdown(conjugate_run), "never switches"),
        (lambda: cc.wigner_at(paper_run.grid, paper_run.psi[0], [1e3, 6.0]), "point must lie"),
        (lambda: cc.wigner_at(paper_run.grid, paper_run.psi[0], [1.0]), "point"),
        (lambda: cc.wigner_totals(paper_run, [0, 81]), "index"),
        (lambda: correspondence.heisenberg_residuals_latex("sideways"), "which"),
    ]
    for call, word in cases:
        with pytest.raises(ValueError, match=word):
            call()


# ------------------------------------------- issue 13, item 6: levels and widths
def test_n0_state_is_the_highest_level_when_C2_is_positive():
    assert NET.hamiltonian_coefficients()["C2"] > 0
    levels = quantum.spectrum(NET, 6)
    assert np.all(np.diff(levels) < 0)                  # n = 0 on top, unbounded below
    _, h_star = quantum.critical_point(NET)
    assert levels[0] == pytest.approx(h_star + cc.zero_point_energy(NET), rel=1e-14)
    assert levels[0] < h_star


def test_packet_to_orbit_ratio_of_the_coherent_state_is_one_over_two_sqrt_action():
    out = cc.packet_orbit_ratio(NET, Z + [3.0, 2.0])
    assert out["ratio"] == pytest.approx(1 / (2 * math.sqrt(out["orbit_area"])), rel=1e-12)
    # independently: the semi-axes from the extents of the simulated orbit along the eigenvectors
    orbit = cc.linear_flow(NET, Z + [3.0, 2.0], np.linspace(0, hamiltonian.linear_period(NET), 4001))
    from ctrnn.quantum.levels import quadratic_form
    a = quadratic_form(NET)
    _, vec = np.linalg.eigh(-a if a[0, 0] < 0 else a)
    half = np.abs(vec.T @ (orbit - Z[:, None])).max(axis=1)
    assert np.allclose(np.sort(half), out["semi_axes"], rtol=1e-5)
    assert out["ratio"] < 0.3                         # not "comparable to the orbit"


@pytest.mark.parametrize("case, t_max, growth", [("saddle", 1.0, 10.0), ("parabolic", 3.0, 2.0)])
def test_open_orbit_packets_follow_the_classical_transport_and_spread(case, t_max, growth):
    # grid truncation below exp(-32) with margin 8: agreement to 1e-9
    net = CTRNN2(**hamiltonian.FIG1_CASES[case])
    with pytest.raises(ValueError):
        quantum.spectrum(net, 3)                       # no discrete spectrum
    out = cc.open_orbit_packet(net, (0.5, 0.5), t_max)
    assert out["mean_error"] < 1e-9
    assert out["variance_error"] < 1e-9
    assert out["norm_drift"] < 1e-10
    assert out["variance"][-1] / out["variance"][0] > growth


def test_open_orbit_packet_rejects_bad_input():
    net = CTRNN2(**hamiltonian.FIG1_CASES["saddle"])
    with pytest.raises(ValueError, match="t_max"):
        cc.open_orbit_packet(net, (0.5, 0.5), -1.0)
    with pytest.raises(ValueError, match="max_size"):
        cc.open_orbit_packet(net, (0.5, 0.5), 4.0, max_size=64)
    with pytest.raises(TypeError):
        cc.open_orbit_packet(net, (0.5, 0.5), 1.0, samples=2.5)
