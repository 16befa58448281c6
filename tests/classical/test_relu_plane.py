"""Tests of ctrnn.classical.relu_plane: the conservative set of the ReLU plane and what H does outside it."""
import math

import numpy as np
import pytest
import scipy.optimize
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ctrnn import CTRNN2
from ctrnn import symbols as S
from ctrnn.book import relu_plane
from ctrnn.classical import hamiltonian as ham
from ctrnn.classical import relu_plane as gf
from ctrnn.classical import simulate
from ctrnn.classical.dynamics import REGIONS, region_analysis


# ------------------------------------------------------------ strategies
def _network_with_equilibrium(tau1, tau2, w11, w12, w21, theta1, theta2, z):
    """A Hamiltonian network (w22 from Eq. 13) whose active equilibrium is z.

    The inputs are solved from M z + b = 0 with b = (D1, C1) of Eq. (19),
    written here directly from Eqs. (5)-(6): tau1 dy1/dt = -y1 + w11 (y1 + theta1)
    + w21 (y2 + theta2) + I1 = 0 at z, and likewise for y2.
    """
    w22 = 1.0 - tau2 * (w11 - 1.0) / tau1
    I1 = z[0] - w11 * (z[0] + theta1) - w21 * (z[1] + theta2)
    I2 = z[1] - w22 * (z[1] + theta2) - w12 * (z[0] + theta1)
    return CTRNN2(tau1, tau2, w11, w12, w21, w22, theta1, theta2, I1, I2)


@st.composite
def centres_inside(draw):
    """Random centre-type Hamiltonian networks with the equilibrium inside A."""
    tau1, tau2 = draw(st.floats(0.3, 3.0)), draw(st.floats(0.3, 3.0))
    w11 = draw(st.floats(-2.0, 3.0))
    w12 = draw(st.floats(0.3, 3.0)) * draw(st.sampled_from([-1.0, 1.0]))
    w21 = -math.copysign(draw(st.floats(0.3, 3.0)), w12)
    E2, C2, D2 = (w11 - 1) / tau1, w12 / (2 * tau2), w21 / (2 * tau1)
    assume(E2 ** 2 + 4 * C2 * D2 < -0.05)        # a genuine centre
    theta1, theta2 = draw(st.floats(-2.0, 2.0)), draw(st.floats(-2.0, 2.0))
    z = (-theta1 + draw(st.floats(0.2, 3.0)), -theta2 + draw(st.floats(0.2, 3.0)))
    return _network_with_equilibrium(tau1, tau2, w11, w12, w21, theta1, theta2, z)


def _H(net, y):
    """H of Eq. (18) with the coefficients (19)-(20) from CTRNN2 (independent of gf)."""
    c = net.hamiltonian_coefficients()
    y1, y2 = y
    return -c["C1"] * y1 - c["C2"] * y1 ** 2 + c["D1"] * y2 + c["D2"] * y2 ** 2 + c["E2"] * y1 * y2


def _level_point(net, fraction, opposite=True):
    """A point on the orbit whose energy offset from H* is fraction**2 times that of h_c.

    H - H* is a quadratic form in y - z*, so scaling the tangency point's offset
    from z* by ``fraction`` scales H - H* by fraction**2. The point opposite the
    tangency (through z*) is used, which lies inside A for fractions near 1.
    """
    z = gf.active_flow(net)["equilibrium"]
    p = gf.grazing_stability(net)["point"]
    return z + (-fraction if opposite else fraction) * (p - z)


# ------------------------------------------------- the critical level h_c
@given(centres_inside())
@settings(max_examples=40, deadline=None)
def test_boundary_vertices_match_brute_force_extrema_on_each_line(net):
    for e in gf.boundary_extrema(net):
        if e["neuron"] == 1:
            f = lambda v: _H(net, (-net.theta1, v))   # noqa: E731
        else:
            f = lambda v: _H(net, (v, -net.theta2))   # noqa: E731
        sign = 1.0 if e["kind"] == "min" else -1.0
        res = scipy.optimize.minimize_scalar(lambda v: sign * f(v), bracket=(-50.0, 0.0, 50.0),
                                             tol=1e-12)
        # H on a line is quadratic: the brute-force optimum matches to rounding
        assert sign * res.fun == pytest.approx(e["value"], rel=1e-9, abs=1e-9)


@given(centres_inside())
@settings(max_examples=40, deadline=None)
def test_critical_level_is_the_extremum_of_H_on_the_boundary_of_A(net):
    lo, hi = gf.conservative_level_range(net)
    h_star = gf.active_flow(net)["energy"]
    # dense sampling of the two half-lines bounding A (independent of the vertex formulas)
    r = np.concatenate([np.linspace(0, 5, 20001), np.geomspace(5, 1e4, 2000)])
    edge = np.concatenate([_H(net, (-net.theta1 + 0 * r, -net.theta2 + r)),
                           _H(net, (-net.theta1 + r, -net.theta2 + 0 * r))])
    if h_star == hi:       # maximum at z*: the largest orbit inside A is at max of H on dA
        assert edge.max() == pytest.approx(lo, rel=1e-6, abs=1e-6)
        assert edge.max() <= lo + 1e-9 * (1 + abs(lo))
    else:
        assert edge.min() == pytest.approx(hi, rel=1e-6, abs=1e-6)
        assert edge.min() >= hi - 1e-9 * (1 + abs(hi))


@given(centres_inside(), st.integers(0, 2 ** 32 - 1))
@settings(max_examples=40, deadline=None)
def test_level_criterion_agrees_with_closed_form_orbit_infimum(net, seed):
    # Two routes to "the orbit stays in A": the level of H between H* and h_c
    # (conservative_level_range) and the exact minimum of y_i + theta_i along
    # the orbit (active_infimum). They share no formula.
    lo, hi = gf.conservative_level_range(net)
    rng = np.random.default_rng(seed)
    y = np.array([-net.theta1, -net.theta2])[:, None] + rng.uniform(0, 6, (2, 400))
    h = _H(net, y)
    margin = 1e-6 * (hi - lo)
    clear = (np.abs(h - lo) > margin) & (np.abs(h - hi) > margin)
    by_level = (h >= lo) & (h <= hi)
    by_orbit = gf.is_conservative_forever(net, y)
    assert np.array_equal(by_level[clear], by_orbit[clear])
    # a centre's orbits are closed: forward, backward and whole orbit agree
    assert np.array_equal(by_orbit, gf.is_conservative_forever(net, y, "backward"))
    assert np.array_equal(by_orbit, gf.is_conservative_forever(net, y, "both"))


@given(centres_inside())
@settings(max_examples=30, deadline=None)
def test_critical_level_agrees_with_the_hamiltonian_module(net):
    # conservative_level_range takes h_c from ctrnn.classical.hamiltonian.boundary_orbit_level
    # (finite-difference slope of H along each line); the closed-form line
    # vertices of boundary_extrema, nearest to H*, must give the same level
    h_star = gf.active_flow(net)["energy"]
    nearest = min(e["value"] for e in gf.boundary_extrema(net)) if h_star < min(
        e["value"] for e in gf.boundary_extrema(net)) else max(
        e["value"] for e in gf.boundary_extrema(net))
    h_c = gf.grazing_stability(net)["level"]
    assert h_c == pytest.approx(nearest, rel=1e-9, abs=1e-9)
    assert h_c == pytest.approx(ham.boundary_orbit_level(net), rel=1e-9, abs=1e-9)
    assert h_c in gf.conservative_level_range(net)
    assert h_star in gf.conservative_level_range(net)
    # the tangency point lies on the touched line and H there is h_c
    g = gf.grazing_stability(net)
    assert g["point"][g["neuron"] - 1] == pytest.approx(-(net.theta1, net.theta2)[g["neuron"] - 1])
    assert _H(net, g["point"]) == pytest.approx(h_c, rel=1e-9, abs=1e-9)


def test_equilibrium_on_a_switching_line_leaves_a_one_point_disc():
    # z* on y1 = -theta1: the only orbit inside A is z* itself, so the level
    # range collapses to H*, although boundary_orbit_level needs z* strictly inside
    net = _network_with_equilibrium(1.0, 1.0, 1.5, 2.0, -2.0, 1.0, 0.5, (-1.0, 0.7))
    h_star = gf.active_flow(net)["energy"]
    assert gf.conservative_level_range(net) == (h_star, h_star)
    with pytest.raises(ValueError, match="inside"):
        ham.boundary_orbit_level(net)
    assert gf.is_conservative_forever(net, (-1.0, 0.7))
    assert not gf.is_conservative_forever(net, (-0.9, 0.7))


def test_critical_level_by_hand():
    # centre inside: tau1 = tau2 = 1, w11 = 1.5, w12 = 2, w21 = -2 (w22 = 0.5 by Eq. 13),
    # theta = (1, 0.5), I = (0.5, -2.5). Eq. (19): C1 = 2 + 0.25 - 2.5 = -0.25,
    # D1 = -1 + 1.5 + 0.5 = 1, C2 = 1, D2 = -1; Eq. (20): E2 = 0.5. So
    # H = 0.25 y1 - y1^2 + y2 - y2^2 + 0.5 y1 y2 (maximum at z*), and
    # H(y1, -1/2) = -y1^2 - 3/4 (vertex y1 = 0, value -3/4),
    # H(-1, y2) = -y2^2 + y2/2 - 5/4 (vertex y2 = 1/4, value -19/16).
    net = gf.networks()["centre inside"]
    c = net.hamiltonian_coefficients()
    assert [c[k] for k in ("C1", "C2", "D1", "D2", "E2")] == pytest.approx([-0.25, 1, 1, -1, 0.5])
    by_line = {e["neuron"]: e for e in gf.boundary_extrema(net)}
    assert by_line[1]["value"] == pytest.approx(-19 / 16)
    assert np.allclose(by_line[1]["point"], [-1, 0.25])
    assert by_line[2]["value"] == pytest.approx(-0.75)
    assert np.allclose(by_line[2]["point"], [0, -0.5])
    # z* solves 0.25 - 2 y1 + 0.5 y2 = 0 and 1 - 2 y2 + 0.5 y1 = 0: z* = (4/15, 17/30)
    assert np.allclose(gf.active_flow(net)["equilibrium"], [4 / 15, 17 / 30])
    h_star = 0.25 * 4 / 15 - (4 / 15) ** 2 + 17 / 30 - (17 / 30) ** 2 + 0.5 * 4 / 15 * 17 / 30
    assert gf.conservative_level_range(net) == pytest.approx((-0.75, h_star))


# --------------------------------------------- inside and outside the disc
@given(centres_inside(), st.floats(0.0, 0.9), st.booleans())
@settings(max_examples=15, deadline=None)
def test_points_inside_the_disc_stay_in_A_and_conserve_H(net, fraction, opposite):
    y0 = _level_point(net, fraction, opposite)
    period = 2 * math.pi / math.sqrt(-gf.active_flow(net)["delta"])
    traj = simulate(net, y0, np.linspace(0, 5 * period, 501), method="exact")
    assert traj.switch_times.size == 0 and traj.regions == [gf.ACTIVE]
    theta = np.array([net.theta1, net.theta2])[:, None]
    assert np.all(traj.y + theta >= -1e-12)
    # The exact propagator is a closed form (cos, sin of w t); H then drifts
    # only by rounding, ~1e-15 per evaluation relative to the energy scale
    # |h_c - H*|. 1e-9 leaves a wide margin and still catches any real drift.
    lo, hi = gf.conservative_level_range(net)
    h = _H(net, traj.y)
    assert np.max(np.abs(h - h[0])) <= 1e-9 * (hi - lo)


@given(centres_inside(), st.floats(1.05, 1.5))
@settings(max_examples=15, deadline=None)
def test_points_just_outside_the_disc_leave_A_within_one_period(net, fraction):
    y0 = _level_point(net, fraction)
    assume(np.all(y0 + np.array([net.theta1, net.theta2]) > 0))   # start inside A
    assert not gf.is_conservative_forever(net, y0)
    period = 2 * math.pi / math.sqrt(-gf.active_flow(net)["delta"])
    traj = simulate(net, y0, np.linspace(0, period, 201), method="LSODA", rtol=1e-10, atol=1e-12)
    assert traj.switch_times.size >= 1 and traj.regions[1] != gf.ACTIVE


def test_tangent_orbit_is_conservative_and_its_neighbours_outside_are_not():
    net = gf.networks()["centre inside"]
    p = gf.grazing_stability(net)["point"]
    assert gf.is_conservative_forever(net, p)          # tangent: touches, never crosses
    assert not gf.is_conservative_forever(net, _level_point(net, 1.001))
    assert gf.is_conservative_forever(net, _level_point(net, 0.999))


@given(centres_inside())
@settings(max_examples=12, deadline=None)
def test_grazing_excursion_moves_H_as_the_sign_of_w_ii_predicts(net):
    g = gf.grazing_stability(net)
    weight_other = net.w12 if g["neuron"] == 1 else net.w21
    assume(abs(g["weight"]) >= 0.3 and abs(g["weight"]) >= 0.2 * abs(weight_other))
    h_star = gf.active_flow(net)["energy"]
    other = [e for e in gf.boundary_extrema(net) if e["neuron"] != g["neuron"]][0]
    # the other line must be out of reach of the slightly enlarged orbit
    assume(abs(other["value"] - h_star) > 1.5 * abs(g["level"] - h_star))
    y0 = _level_point(net, 1.02)
    assume(np.all(y0 + np.array([net.theta1, net.theta2]) > 0))
    period = 2 * math.pi / math.sqrt(-gf.active_flow(net)["delta"])
    levels = gf.reentry_levels(net, y0, 1.5 * period, n_times=6001)
    assume(levels.size >= 2)
    before, after = levels[0], levels[1]
    towards_disc = abs(after - g["level"]) < abs(before - g["level"])
    assert towards_disc == (g["verdict"] == "attracting")


def test_outside_orbits_of_the_attracting_example_climb_towards_h_c():
    net = gf.networks()["centre inside"]
    g = gf.grazing_stability(net)
    assert g["verdict"] == "attracting" and g["neuron"] == 2 and g["weight"] == 0.5
    levels = gf.reentry_levels(net, (2.5, 0.5), 40.0)
    assert levels.size >= 5
    assert np.all(np.diff(levels) > 0) and np.all(levels < g["level"])



def test_outside_orbits_of_a_repelling_example_drift_away_from_h_c():
    # w11 = 2.5 makes w22 = 1 - (w11 - 1) = -0.5 (Eq. 13, tau1 = tau2 = 1); z* = (1.5, 0)
    # is 0.5 above the line y2 = -theta2 and 2.5 right of y1 = -theta1, so the
    # critical ellipse touches neuron 2's line, where w22 < 0.
    net = _network_with_equilibrium(1.0, 1.0, 2.5, 2.0, -2.0, 1.0, 0.5, (1.5, 0.0))
    assert net == CTRNN2.from_condition_13(**gf.REPELLING)
    g = gf.grazing_stability(net)
    assert (g["neuron"], g["weight"], g["verdict"]) == (2, -0.5, "repelling")
    levels = gf.reentry_levels(net, _level_point(net, 1.02), 20.0)
    assert levels.size >= 3
    assert np.all(np.diff(levels) < 0) and np.all(levels < g["level"])

# ------------------------------------------------------------- dH/dt
def test_rate_vanishes_only_in_the_active_region():
    assert gf.hamiltonian_rate_symbolic((1, 1)) == 0
    for region in REGIONS[1:]:
        assert gf.hamiltonian_rate_symbolic(region) != 0


def test_rate_outside_A_is_the_missing_drive_against_grad_H():
    # Written out from Eqs. (2)-(3): an inactive neuron i removes the terms
    # w_i1 s_i / tau1 and w_i2 s_i / tau2 from the flow (s_i = y_i + theta_i);
    # with H of Eq. (18) and its coefficients (19)-(20) under Eq. (13).
    w22 = 1 - S.tau2 * (S.w11 - 1) / S.tau1
    C1 = (S.w12 * S.theta1 + w22 * S.theta2 + S.I2) / S.tau2
    C2, D2 = S.w12 / (2 * S.tau2), S.w21 / (2 * S.tau1)
    D1 = (S.w21 * S.theta2 + S.w11 * S.theta1 + S.I1) / S.tau1
    E2 = (S.w11 - 1) / S.tau1
    H = -C1 * S.y1 - C2 * S.y1 ** 2 + D1 * S.y2 + D2 * S.y2 ** 2 + E2 * S.y1 * S.y2
    Hy1, Hy2 = sp.diff(H, S.y1), sp.diff(H, S.y2)
    s1, s2 = S.y1 + S.theta1, S.y2 + S.theta2
    loss1 = s1 * (S.w11 / S.tau1 * Hy1 + S.w12 / S.tau2 * Hy2)
    loss2 = s2 * (S.w21 / S.tau1 * Hy1 + S.w22 / S.tau2 * Hy2).subs(S.w22, w22)
    expected = {(1, 0): -loss2, (0, 1): -loss1, (0, 0): -loss1 - loss2}
    for region, rate in expected.items():
        assert sp.simplify(gf.hamiltonian_rate_symbolic(region) - rate) == 0


def test_compact_rate_equals_the_direct_computation():
    for region in REGIONS:
        diff = gf.hamiltonian_rate_symbolic(region) - gf.missing_drive_rate(region)
        assert sp.simplify(diff) == 0


def test_region_divergences_under_eq_13():
    div = gf.region_divergences()
    expected = {(1, 1): 0, (1, 0): -S.w22 / S.tau2, (0, 1): -S.w11 / S.tau1,
                (0, 0): -1 / S.tau1 - 1 / S.tau2}
    w22 = 1 - S.tau2 * (S.w11 - 1) / S.tau1          # Eq. (13) solved by hand
    for region, value in expected.items():
        assert sp.simplify(div[region] - sp.sympify(value).subs(S.w22, w22)) == 0
    # numerically, against the traces of the regions' matrices
    for net in gf.networks().values():
        traces = {r["region"]: r["divergence"] for r in region_analysis(net)}
        assert traces[(1, 0)] == pytest.approx(-net.w22 / net.tau2)
        assert traces[(0, 1)] == pytest.approx(-net.w11 / net.tau1)


def test_region_table_lists_every_region_of_every_case():
    table = relu_plane.region_table(gf.networks())
    assert table.count("\n") == 2 + 3 * 4 - 1
    assert "| centre outside | only neuron 2 active | -1.500 | stable node | (-4.75, 2.50) | yes |" in table


@given(centres_inside(), st.integers(0, 2 ** 32 - 1))
@settings(max_examples=20, deadline=None)
def test_numeric_rate_is_the_derivative_of_H_along_the_flow(net, seed):
    rng = np.random.default_rng(seed)
    y = rng.uniform(-4, 4, (2, 50))
    h = 1e-6
    # central difference of H along the network's own vector field (2)-(3)
    step = net.rhs(0.0, y)
    fd = (_H(net, y + h * step) - _H(net, y - h * step)) / (2 * h)
    rate = gf.hamiltonian_rate(net, y)
    # H is quadratic, so the central difference is exact up to rounding
    # (|H| ~ 1e2 here, eps * 1e2 / 1e-6 ~ 1e-8)
    assert np.allclose(rate, fd, rtol=1e-6, atol=1e-6)
    active = np.all(y + np.array([net.theta1, net.theta2])[:, None] >= 0, axis=0)
    assert np.allclose(rate[active], 0.0, atol=1e-9 * (1 + np.abs(y[:, active]).max() ** 2))


# -------------------------------------------------------------- saddle
def test_saddle_forward_set_escapes_inside_A_with_H_conserved():
    net = gf.networks()["saddle"]
    flow = gf.active_flow(net)
    assert flow["case"] == "saddle" and flow["inside"]
    assert gf.conservative_level_range(net) is None
    y0 = np.array([2.0, 1.5])
    assert gf.is_conservative_forever(net, y0)
    assert not gf.is_conservative_forever(net, y0, "backward")
    traj = simulate(net, y0, np.linspace(0, 3, 301), method="exact")
    assert traj.switch_times.size == 0
    assert np.linalg.norm(traj.y[:, -1]) > 50          # eigenvalue 1.5: e^4.5 growth
    h = _H(net, traj.y)
    assert np.max(np.abs(h - h[0])) <= 1e-9 * np.max(np.abs(h))


def test_saddle_stable_manifold_segment_is_forward_conservative():
    net = gf.networks()["saddle"]
    flow = gf.active_flow(net)
    z, M = flow["equilibrium"], flow["M"]
    vals, vecs = np.linalg.eig(M)
    stable = vecs[:, np.argmin(vals)]
    stable = stable if stable[1] > 0 else -stable      # the branch pointing up into A
    for r in (0.5, 1.0, 2.0):
        assert gf.is_conservative_forever(net, z + r * stable)
        # knocked off the manifold towards the escaping side and the leaving side
        unstable = vecs[:, np.argmax(vals)]
        unstable = unstable if unstable.sum() > 0 else -unstable
        assert gf.is_conservative_forever(net, z + r * stable + 1e-3 * unstable)
        assert not gf.is_conservative_forever(net, z + r * stable - 1e-3 * unstable)


# -------------------------------------------------------------- fates
def test_fates_of_hand_picked_points():
    nets = gf.networks()
    assert gf.fate(nets["centre inside"], (0.3, 0.6), 10.0) == "stays"
    assert gf.fate(nets["centre inside"], (2.5, 0.5), 10.0) == "returns"
    assert gf.fate(nets["centre outside"], (0.0, 0.5), 20.0) == "settles"
    assert gf.fate(nets["saddle"], (0.0, 0.0), 20.0) == "settles"    # to I = (-3, -3)
    assert gf.fate(nets["saddle"], (3.0, -2.5), 10.0) == "escapes"


def test_fates_agree_between_exact_flow_and_lsoda():
    grid = np.linspace(-2.9, 3.7, 5)
    for net in gf.networks().values():
        exact = gf.fate_map(net, grid, grid, 12.0, method="exact")
        lsoda = gf.fate_map(net, grid, grid, 12.0)
        assert np.array_equal(exact, lsoda)


def test_fate_map_stays_exactly_where_the_closed_form_says():
    net = gf.networks()["centre inside"]
    g1, g2 = np.linspace(-0.95, 1.45, 7), np.linspace(-0.45, 1.65, 7)
    fates = gf.fate_map(net, g1, g2, 8.0)
    stays = fates == gf.FATES.index("stays")
    assert np.array_equal(stays, gf.conservative_mask(net, g1, g2))
    assert stays.any() and not stays.all()


# ------------------------------------------------------------ bad input
NON_HAMILTONIAN = CTRNN2(1.0, 1.0, 1.5, 2.0, -2.0, 1.5)


@pytest.mark.parametrize("call", [
    lambda n: gf.active_flow(n), lambda n: gf.boundary_extrema(n),
    lambda n: gf.conservative_level_range(n), lambda n: gf.is_conservative_forever(n, (0, 0)),
    lambda n: gf.conservative_mask(n, [0, 1], [0, 1]), lambda n: gf.hamiltonian_rate(n, (0, 0)),
    lambda n: gf.grazing_stability(n), lambda n: gf.fate(n, (0, 0), 1.0),
    lambda n: gf.fate_map(n, [0, 1], [0, 1], 1.0), lambda n: gf.hamiltonian_history(n, (0, 0), 1.0),
])
def test_non_hamiltonian_network_is_rejected_citing_eq_13(call):
    with pytest.raises(ValueError, match=r"Eq\. \(13\)"):
        call(NON_HAMILTONIAN)


@pytest.mark.parametrize("call, match", [
    (lambda n: gf.conservative_mask(n, [0, 0], [0, 1]), "y1_grid must increase strictly"),
    (lambda n: gf.conservative_mask(n, [[0, 1]], [0, 1]), "y1_grid must be a 1-d array"),
    (lambda n: gf.fate_map(n, [0, 1], [1], 1.0), "y2_grid must be a 1-d array of at least two"),
    (lambda n: gf.fate_map(n, [0, 1], [0, 1], 0.0), "t_max must be a positive"),
    (lambda n: gf.fate(n, (0, 0), -1.0), "t_max must be a positive"),
    (lambda n: gf.fate(n, (0, 0, 0), 1.0), r"y0 must have shape \(2,\)"),
    (lambda n: gf.hamiltonian_history(n, (0, 0), math.inf), "t_max must be a positive"),
    (lambda n: gf.is_conservative_forever(n, (0, 0), "sideways"), "direction must be one of"),
    (lambda n: gf.is_conservative_forever(n, (0, 0, 0)), "y0 must have length 2"),
    (lambda n: gf.is_conservative_forever(n, (0, math.nan)), "y0 must be finite"),
    (lambda n: relu_plane.plot_global_portrait({}, {}), "cases must be a non-empty dict"),
    (lambda n: relu_plane.plot_global_portrait({"a": n}, {}, window=(1, 0, 0, 1)), "window must be"),
    (lambda n: relu_plane.plot_hamiltonian_history({}, 1.0), "runs must be a non-empty dict"),
])
def test_bad_input_is_rejected_by_name(call, match):
    with pytest.raises(ValueError, match=match):
        call(gf.networks()["centre inside"])


def test_grazing_stability_needs_a_conservative_disc():
    with pytest.raises(ValueError, match="centre"):
        gf.grazing_stability(gf.networks()["saddle"])
    with pytest.raises(ValueError, match="centre"):
        gf.grazing_stability(gf.networks()["centre outside"])


# -------------------------------------- active_infimum against integration
def _sampled_minimum(net, y0, t_max, n=4001, sign=1.0):
    """min of y_i + theta_i along the active flow (5)-(6), integrated with DOP853."""
    from scipy.integrate import solve_ivp
    c = net.hamiltonian_coefficients()
    # Hamilton's equations (11) of H (18): dy1/dt = dH/dy2, dy2/dt = -dH/dy1
    def f(t, y):
        return sign * np.array([c["D1"] + 2 * c["D2"] * y[1] + c["E2"] * y[0],
                                c["C1"] + 2 * c["C2"] * y[0] - c["E2"] * y[1]])
    t = np.linspace(0, t_max, n)
    sol = solve_ivp(f, (0, t_max), y0, method="DOP853", t_eval=t, rtol=1e-11, atol=1e-11)
    return (sol.y + np.array([net.theta1, net.theta2])[:, None]).min(axis=1)


@given(st.floats(0.3, 3), st.floats(0.3, 3), st.floats(-2, 3), st.floats(-3, 3),
       st.floats(-3, 3), st.floats(-1, 1), st.floats(-1, 1), st.floats(-2, 2),
       st.floats(-2, 2), st.floats(0, 2), st.floats(0, 2), st.sampled_from([1.0, -1.0]))
@settings(max_examples=40, deadline=None)
def test_active_infimum_bounds_the_integrated_orbit(tau1, tau2, w11, w12, w21, theta1, theta2,
                                                    I1, I2, a1, a2, sign):
    net = CTRNN2.from_condition_13(tau1, tau2, w11, w12, w21, theta1, theta2, I1, I2)
    direction = "forward" if sign > 0 else "backward"
    y0 = np.array([a1 - theta1, a2 - theta2])            # a point of A
    inf = gf.active_infimum(net, y0, direction)
    sampled = _sampled_minimum(net, y0, 3.0, sign=sign)
    # the closed form is the infimum over all t >= 0: no sample may lie below it
    assert np.all(sampled >= inf - 1e-7 * (1 + np.abs(y0).max()))
    if gf.active_flow(net)["case"] == "centre":
        period = 2 * math.pi / math.sqrt(-gf.active_flow(net)["delta"])
        # one full period attains the minimum, up to the sampling step
        tight = _sampled_minimum(net, y0, period, n=20001, sign=sign)
        scale = 1 + np.abs(y0 - gf.active_flow(net)["equilibrium"]).max()
        assert np.allclose(tight, inf, atol=1e-5 * scale)


@pytest.mark.parametrize("case", ["parabolic", "shear", "uniform"])
def test_active_infimum_of_the_degenerate_cases(case):
    # Delta = 0 (Fig. 1 cases of ctrnn.classical.hamiltonian): the orbit is a quadratic in t
    net = CTRNN2(**ham.FIG1_CASES[case])
    assert gf.active_flow(net)["case"] == case
    rng = np.random.default_rng(7)
    for y0 in np.array([-net.theta1, -net.theta2]) + rng.uniform(0, 3, (20, 2)):
        inf = gf.active_infimum(net, y0)
        sampled = _sampled_minimum(net, y0, 200.0, n=40001)
        assert np.all(sampled >= inf - 1e-6)
        finite = np.isfinite(inf)
        # a finite infimum of a quadratic in t is attained, at t = 0 or at the
        # vertex (within the horizon for these cases); an infinite one means the
        # orbit leaves A
        assert np.allclose(sampled[finite], inf[finite], atol=1e-4)
        assert np.all(sampled[~finite] < 0)


# ------------------------------------- summaries used by the relu_plane chapter
def test_boundary_extrema_table_by_hand():
    # values from test_critical_level_by_hand: -19/16 on y1 = -1, -3/4 on y2 = -1/2, both maxima
    net = gf.networks()["centre inside"]
    assert relu_plane.boundary_extrema_table(net) == [(1, "max", -1.1875), (2, "max", -0.75)]
    assert relu_plane.boundary_extrema_table(net, decimals=1) == [(1, "max", -1.2), (2, "max", -0.8)]


def test_active_eigenvectors_of_the_saddle_by_hand():
    # saddle: E2 = 0.5, C2 = w12/2 = 1, D2 = w21/2 = 0.5, so M = [[0.5, 1], [2, -0.5]],
    # Delta = 0.25 + 2 = 2.25, eigenvalues +-1.5 with eigenvectors (1, 1) and (1, -2)
    eigen = gf.active_eigenvectors(gf.networks()["saddle"])
    assert list(eigen) == pytest.approx([-1.5, 1.5])
    assert eigen[min(eigen)] == pytest.approx((1.0, -2.0))
    assert eigen[max(eigen)] == pytest.approx((1.0, 1.0))


@given(st.floats(0.3, 3.0), st.floats(0.3, 3.0), st.floats(-2.0, 3.0), st.floats(-3.0, 3.0),
       st.floats(-3.0, 3.0))
@settings(max_examples=40, deadline=None)
def test_active_eigenvectors_solve_the_eigenproblem(tau1, tau2, w11, w12, w21):
    net = CTRNN2.from_condition_13(tau1, tau2, w11, w12, w21, 0.5, -0.5, 0.3, 0.2)
    c = net.hamiltonian_coefficients()
    delta = c["E2"] ** 2 + 4 * c["C2"] * c["D2"]
    assume(delta > 1e-3)
    M = np.array([[c["E2"], 2 * c["D2"]], [2 * c["C2"], -c["E2"]]])
    eigen = gf.active_eigenvectors(net)
    assert list(eigen) == pytest.approx([-math.sqrt(delta), math.sqrt(delta)])
    for value, vector in eigen.items():
        v = np.array(vector)
        # residual relative to the vector's size: with w21 = 1.88e-10 the exact
        # eigenvector is (1, 1.06e10) (D2 = 9.4e-11 is an exact input, not rounding)
        scale = np.abs(v).max() * (1 + np.abs(M).max())
        assert np.allclose(M @ v, value * v, atol=1e-9 * scale)
        # the documented convention: the first non-zero component is exactly 1
        assert v[np.flatnonzero(v)[0]] == 1.0


def test_active_eigenvectors_of_a_nearly_decoupled_saddle():
    # hypothesis found w11 = 0, w12 = 0, w21 = 1.88e-10: np.linalg.eig returned
    # (1e-10, 1) for the eigenvalue +1 and a 1e-12 threshold picked the tiny entry;
    # the closed form gives M = [[-1, 2 D2], [0, 1]], eigenvectors (1, 0) for -1
    # and (2 D2, 2) = (1, 1/D2) for +1, exactly
    net = CTRNN2.from_condition_13(1.0, 1.0, 0.0, 0.0, 1.88e-10, 0.5, -0.5, 0.3, 0.2)
    d2 = net.hamiltonian_coefficients()["D2"]
    eigen = gf.active_eigenvectors(net)
    assert eigen[-1.0] == (1.0, 0.0)
    assert eigen[1.0] == pytest.approx((1.0, 1.0 / d2), rel=1e-15)


def test_conservative_fractions_and_points_match_the_mask():
    g = np.linspace(-0.99, 4.0, 40)
    for net in gf.networks().values():
        fractions = gf.conservative_fractions(net, g, g)
        for direction, fraction in fractions.items():
            mask = gf.conservative_mask(net, g, g, direction)
            assert fraction == pytest.approx(mask.mean())
            points = gf.conservative_points(net, g, g, direction)
            assert points.shape == (2, mask.sum())
            assert np.all(gf.is_conservative_forever(net, points, direction))
        # a whole orbit in A is in A forwards and backwards
        assert fractions["both"] <= min(fractions["forward"], fractions["backward"])
    centre = gf.conservative_fractions(gf.networks()["centre inside"], g, g, decimals=2)
    assert centre["forward"] == centre["backward"] == centre["both"]   # closed orbits


def test_whole_orbit_conservative_points_of_the_saddle_lie_on_its_unstable_ray():
    # only z* and the branch z* + r (1, 1), r >= 0, of the unstable manifold stay in A for all t
    net = gf.networks()["saddle"]
    z = gf.active_flow(net)["equilibrium"]
    g = np.linspace(-0.99, 4.0, 300)
    points = gf.conservative_points(net, g, g, "both")
    assert points.shape[1] > 0
    assert np.allclose(points[0] - z[0], points[1] - z[1])
    assert np.all(points[0] >= z[0] - 1e-12)


def test_every_grid_point_of_the_unstable_ray_is_counted():
    # Regression (issue 13, 5a): 5 of the 220 diagonal grid points with s >= z* = 1/3
    # were dropped because the coefficient of the growing exponential backwards in
    # time, zero on the unstable manifold, came out as -1e-17 and sent the infimum
    # to -inf.  The count is the number of grid values >= z*, found from the grid alone.
    net = gf.networks()["saddle"]
    z = gf.active_flow(net)["equilibrium"]
    g = np.linspace(-0.99, 4.0, 300)
    expected = int(np.count_nonzero(g >= z[0]))
    assert expected == 220
    assert gf.conservative_points(net, g, g, "both").shape[1] == expected
    ray = np.array([g[g >= z[0]], g[g >= z[0]]])
    assert np.all(gf.is_conservative_forever(net, ray, "both"))
    one_at_a_time = [gf.is_conservative_forever(net, p, "both") for p in ray.T]
    assert all(one_at_a_time)


def test_backward_infimum_on_the_unstable_ray_is_the_equilibrium_value():
    # Backwards in time an orbit on the unstable ray converges to z*, so
    # inf s_i = z*_i + theta_i = 1/3 + 1 (theta = 1 in the saddle case)
    net = gf.networks()["saddle"]
    inf = gf.active_infimum(net, (1.930569, 1.930569), "backward")
    assert np.allclose(inf, 1 / 3 + net.theta1, rtol=0, atol=1e-9)


def test_level_orbit_agreement_on_the_centre_inside():
    net = gf.networks()["centre inside"]
    g1, g2 = np.linspace(-1.0, 3.0, 81), np.linspace(-0.5, 3.5, 81)
    agree = gf.level_orbit_agreement(net, g1, g2)
    assert agree["points"] == 81 * 81
    assert agree["conservative"] == gf.conservative_mask(net, g1, g2).sum()
    # the disc has area pi / sqrt(det) * |h_c - H*| for the quadratic form of H (18)
    c = net.hamiltonian_coefficients()
    lo, hi = gf.conservative_level_range(net)
    area = math.pi * (hi - lo) / math.sqrt(c["C2"] * c["D2"] * -4 - c["E2"] ** 2) * 2
    cell = (g1[1] - g1[0]) * (g2[1] - g2[0])
    assert agree["conservative"] * cell == pytest.approx(area, rel=0.05)
    assert agree["disagree"] <= 4            # only on the critical ellipse itself
    assert agree["edge_gap"] < 1e-9


def test_fate_census_counts_every_grid_point_once():
    nets = gf.networks()
    g = np.linspace(-3.45, 3.95, 5)
    census = gf.fate_census(nets, g, g, 5.0)
    for label, net in nets.items():
        fmap = census["maps"][label]
        assert np.array_equal(fmap, gf.fate_map(net, g, g, 5.0))
        assert sum(census["counts"][label].values()) == g.size ** 2
        assert set(census["counts"][label]) == set(gf.FATES)
        stays = fmap == gf.FATES.index("stays")
        assert census["mismatch"][label] == np.sum(stays != gf.conservative_mask(net, g, g))
    assert census["counts"]["centre outside"]["stays"] == 0   # no conservative disc


def test_markdown_summaries_of_divergences_and_rates():
    lines = relu_plane.region_divergences_markdown().split("\n")
    assert len(lines) == 4
    assert lines[0] == "- (1, 1): $0$"
    assert lines[2] == "- (0, 1): $" + sp.latex(-S.w11 / S.tau1) + "$"
    assert all(d == 0 for d in gf.rate_formula_residuals().values())
    assert set(gf.rate_formula_residuals()) == set(REGIONS)
    assert relu_plane.rate_formula_markdown().split("\n") == [
        f"- {r}: direct $-$ compact $= 0$" for r in [(1, 1), (1, 0), (0, 1), (0, 0)]]


@pytest.mark.parametrize("call, match", [
    (lambda: relu_plane.boundary_extrema_table(gf.networks()["centre inside"], decimals=-1),
     "decimals must be None or a non-negative integer"),
    (lambda: gf.active_eigenvectors(gf.networks()["saddle"], decimals=1.5), "decimals"),
    (lambda: gf.active_eigenvectors(gf.networks()["centre inside"]), "net must be a saddle"),
    (lambda: gf.conservative_fractions(gf.networks()["saddle"], [0, 1], [0, 1], decimals=True),
     "decimals"),
    (lambda: gf.conservative_fractions(gf.networks()["saddle"], [1, 0], [0, 1]),
     "y1_grid must increase strictly"),
    (lambda: gf.conservative_points(gf.networks()["saddle"], [0, 1], [0, 1], "up"),
     "direction must be one of"),
    (lambda: gf.level_orbit_agreement(gf.networks()["saddle"], [0, 1], [0, 1]),
     "net must be a centre"),
    (lambda: gf.level_orbit_agreement(gf.networks()["centre inside"], [0, 1], [1]),
     "y2_grid must be a 1-d array"),
    (lambda: gf.fate_census({}, [0, 1], [0, 1], 1.0), "cases must be a non-empty dict"),
    (lambda: gf.fate_census(gf.networks(), [0, 1], [0, 1], -1.0), "t_max must be a positive"),
    (lambda: gf.active_eigenvectors(NON_HAMILTONIAN), r"Eq\. \(13\)"),
    (lambda: gf.fate_census({"x": NON_HAMILTONIAN}, [0, 1], [0, 1], 1.0), r"Eq\. \(13\)"),
])
def test_bad_input_to_the_summaries_is_rejected(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# ------------------------------------------ the approach to the edge (5b)
def test_edge_return_map_agrees_with_the_simulated_visits():
    # the exact one-visit map against the LSODA history (rtol 1e-10): the
    # levels of consecutive visits 4 ... 15 agree to 1e-8
    net = gf.networks()["centre inside"]
    levels = gf.reentry_levels(net, (2.5, 0.5), 50.0, n_times=20001)
    for k in range(4, 15):
        assert abs(gf.edge_return_map(net, levels[k]) - levels[k + 1]) < 1e-8


@pytest.mark.parametrize("c", [30.0, 0.1])
def test_edge_return_map_does_not_depend_on_the_time_unit(c):
    # Scaling tau1 and tau2 by c divides the vector field (2)-(3) by c: the same
    # orbits, traversed c times slower, and H (18)-(20) divided by c (each
    # coefficient carries one 1/tau).  So the map of the slow network at h/c is the
    # original map's value over c.  c = 30 makes the period of the centre ~97 time
    # units, so the return-time scan runs far beyond 50 time units.
    net = gf.networks()["centre inside"]
    level = gf.reentry_levels(net, (2.5, 0.5), 20.0)[4]
    slow = CTRNN2(**{**net.params, "tau1": c * net.tau1, "tau2": c * net.tau2})
    assert c * gf.edge_return_map(slow, level / c) == pytest.approx(
        gf.edge_return_map(net, level), rel=1e-9)


def test_attracting_edge_is_approached_as_one_over_k_squared():
    net = gf.networks()["centre inside"]
    levels = gf.reentry_levels(net, (2.5, 0.5), 20.0)
    out = gf.edge_approach(net, levels[4], 300, first_visit=4, fit_from=60)
    assert np.all(np.diff(out["gaps"]) < 0)           # monotone approach from outside
    assert -2.1 < out["exponent"] < -1.9
    # the fitted constant against the one predicted from the step law g' = -c g^1.5
    assert abs(out["constant"] / out["predicted_constant"] - 1) < 0.05


def test_repelling_edge_map_moves_the_level_away():
    # counterfactual for the map: with w22 < 0 the same map increases the gap
    rep = CTRNN2.from_condition_13(**gf.REPELLING)
    h_c = gf.grazing_stability(rep)["level"]
    h_star = gf.active_flow(rep)["energy"]
    level = h_c + 1e-3 * np.sign(h_c - h_star)
    nxt = gf.edge_return_map(rep, level)
    assert abs(nxt - h_c) > abs(level - h_c)
    with pytest.raises(ValueError, match="attract"):
        gf.edge_approach(rep, level, 10)


@pytest.mark.parametrize("call, error, match", [
    (lambda: gf.edge_return_map(gf.networks()["centre inside"], 0.0), ValueError, "beyond the critical"),
    (lambda: gf.edge_return_map(gf.networks()["centre inside"], "x"), TypeError, "level"),
    (lambda: gf.edge_return_map(gf.networks()["saddle"], 0.0), ValueError, "centre"),
    (lambda: gf.edge_approach(gf.networks()["centre inside"], -0.8, 2), ValueError, "visits"),
    (lambda: gf.edge_approach(gf.networks()["centre inside"], -0.8, 10, fit_from=9), ValueError,
     "fit_from"),
])
def test_edge_functions_reject_bad_input(call, error, match):
    with pytest.raises(error, match=match):
        call()


# ---------------------------- the exception to "conserved in A only" (5d)
def test_conserving_weights_are_no_outgoing_weights_of_the_inactive_neuron():
    assert gf.conserving_weights((1, 1)) == [{}]
    assert gf.conserving_weights((0, 0)) == []
    sol2, = gf.conserving_weights((1, 0))      # neuron 2 off
    assert sp.simplify(sol2[S.w21]) == 0
    # w11 = 1 + tau1/tau2 is w22 = 0 by Eq. (13)
    assert sp.simplify(sol2[S.w11] - (1 + S.tau1 / S.tau2)) == 0
    sol1, = gf.conserving_weights((0, 1))      # neuron 1 off
    assert sol1 == {S.w11: 0, S.w12: 0}


@pytest.mark.parametrize("w21, conserved", [(0.0, True), (0.3, False)])
def test_degenerate_network_conserves_H_while_neuron_2_is_off(w21, conserved):
    # w21 = 0 and w22 = 0 (w11 = 1 + tau1/tau2): neuron 2 drives nothing, so
    # switching it off changes no right-hand side; w21 = 0.3 is the counterfactual
    net = CTRNN2.from_condition_13(tau1=1.0, tau2=1.0, w11=2.0, w12=1.0, w21=w21,
                                   theta1=0.0, theta2=0.0, I1=1.0, I2=-0.5)
    assert net.w22 == 0
    rng = np.random.default_rng(0)
    y = np.array([rng.uniform(0.1, 3, 50), rng.uniform(-3, -0.1, 50)])   # neuron 2 off
    rate = gf.hamiltonian_rate(net, y)
    assert (np.max(np.abs(rate)) < 1e-12) == conserved


def test_plot_edge_approach_draws_and_rejects_bad_input():
    import matplotlib
    matplotlib.use("Agg")
    net = gf.networks()["centre inside"]
    levels = gf.reentry_levels(net, (2.5, 0.5), 20.0)
    out = gf.edge_approach(net, levels[4], 120, first_visit=4, fit_from=100)
    fig = relu_plane.plot_edge_approach(out)
    assert len(fig.axes[0].lines) == 3
    with pytest.raises(ValueError, match="edge_approach"):
        relu_plane.plot_edge_approach({"gaps": []})
