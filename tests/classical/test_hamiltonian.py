"""Tests of ctrnn.classical.hamiltonian (Eqs. 11-20, Fig. 1) and the figures of ctrnn.book.phase_plane."""
import math

import matplotlib
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import solve_ivp

from ctrnn import CTRNN2, classical
from ctrnn import symbols as S
from ctrnn.audit import classical as classical_checks
from ctrnn.book import hamiltonian
from ctrnn.book import phase_plane as pp
from ctrnn.classical import dynamics as d
from ctrnn.classical import hamiltonian as h

matplotlib.use("Agg")
finite = st.floats(-3, 3, allow_nan=False, allow_infinity=False)
positive = st.floats(0.2, 5, allow_nan=False, allow_infinity=False)


@st.composite
def hamiltonian_networks(draw):
    return CTRNN2.from_condition_13(draw(positive), draw(positive), *(draw(finite) for _ in range(7)))


# ------------------------------------------------------------ symbolic
def test_condition_13_is_the_vanishing_divergence():
    cond = h.condition_13()
    assert sp.simplify(cond.lhs - cond.rhs - h.divergence()) == 0


def test_tau1_cases_are_the_three_of_the_text():
    cases = h.tau1_cases()
    assert cases[0] == (sp.Eq(S.w11, 1), sp.Eq(S.w22, 1))
    for case, (r22, r11) in zip(cases[1:], ((S.w22 < 1, S.w11 > 1), (S.w22 > 1, S.w11 < 1))):
        assert sp.simplify(case[0].rhs - S.tau2 * (1 - S.w11) / (S.w22 - 1)) == 0
        assert set(case[1:]) == {r22, r11}


def test_region_conditions_only_inactive_region_is_never_hamiltonian():
    conds = h.region_conditions()
    assert conds[(0, 0)] == sp.false
    tau1, tau2 = 0.7, 1.9
    for region, cond in conds.items():
        if cond == sp.false:
            continue
        weights = {S.w11: 0.3, S.w22: -0.4, S.tau1: tau1, S.tau2: tau2}
        weights[cond.lhs] = float(cond.rhs.subs(weights))
        net = CTRNN2(tau1, tau2, weights[S.w11], 1.0, -1.0, weights[S.w22])
        A, _ = d.linear_system(net, region)
        assert abs(np.trace(A)) < 1e-12


@pytest.mark.parametrize("region", d.REGIONS)
def test_cached_divergence_is_the_simplified_trace_of_the_region(region):
    A, _ = d.linear_system_symbolic(region)
    assert h.divergence(region) == sp.simplify(A.trace())
    assert h.divergence(list(region)) is h.divergence(region)


def test_cached_case_lists_are_fresh_copies():
    cases, conds = h.tau1_cases(), h.region_conditions()
    cases.clear()
    conds.clear()
    assert len(h.tau1_cases()) == 3
    assert set(h.region_conditions()) == set(d.REGIONS)
    assert h.condition_13() is h.condition_13()


def test_derived_hamiltonian_generates_the_active_flow_under_13():
    H = h.integrate_hamiltonian()["H18"]
    r1, r2 = h.hamilton_residuals(H)
    assert r1 == 0
    assert sp.simplify(r2 + h.divergence() * S.y2) == 0      # (13) removes it
    w22 = sp.solve(h.divergence(), S.w22)[0]
    assert sp.simplify(r2.subs(S.w22, w22)) == 0


def test_hamiltonian_is_not_a_hamiltonian_of_the_inactive_region():
    r1, r2 = h.hamilton_residuals(h.integrate_hamiltonian()["H18"], region=(0, 0))
    assert r1 != 0 or r2 != 0


# ------------------------------------------------------------ numerics
@given(hamiltonian_networks())
@settings(deadline=None)
def test_coefficients_agree_with_the_network_class(net):
    ours, theirs = h.coefficients(net), net.hamiltonian_coefficients()
    for key in ours:
        assert ours[key] == pytest.approx(theirs[key], rel=1e-12, abs=1e-12)


@given(hamiltonian_networks(), st.floats(-2, 2), st.floats(-2, 2))
@settings(deadline=None)
def test_hamiltons_equations_of_H_are_the_network_in_the_active_region(net, u, v):
    y = np.array([abs(u) + 0.1 - net.theta1, abs(v) + 0.1 - net.theta2])
    eps = 1e-6
    dH1 = (h.hamiltonian_value(net, y + [eps, 0]) - h.hamiltonian_value(net, y - [eps, 0])) / (2 * eps)
    dH2 = (h.hamiltonian_value(net, y + [0, eps]) - h.hamiltonian_value(net, y - [0, eps])) / (2 * eps)
    rhs = net.rhs(0.0, y)
    scale = 1 + np.abs(rhs).max() + np.abs(y).max() * 5
    assert abs(dH2 - rhs[0]) <= 1e-6 * scale and abs(-dH1 - rhs[1]) <= 1e-6 * scale


@settings(max_examples=30, deadline=None)
@given(hamiltonian_networks(), st.lists(finite, min_size=2, max_size=2))
def test_H_is_conserved_along_the_flow_of_any_hamiltonian_network(net, y0):
    t = np.linspace(0.0, 2.0, 41)
    y = h.hamiltonian_flow(net, y0, t)
    values = h.hamiltonian_value(net, y)
    scale = 1 + np.abs(values).max() + np.abs(y).max() ** 2
    assert np.abs(values - values[0]).max() <= 1e-10 * scale


def test_H_drifts_when_13_is_violated():
    net = h.fig1_networks()["centre"]
    params = dict(net.params, w22=net.w22 + 0.1)
    other = CTRNN2(**params)
    t = np.linspace(0, 10, 101)
    y = classical.simulate(other, [0.0, 0.5], t).y
    assert h.relative_drift(other, y, require_hamiltonian=False) > 0.1
    assert h.relative_drift(net, classical.simulate(net, [0.0, 0.5], t).y) < 1e-12


def test_fig1_cases_are_what_their_names_say():
    for name, net in h.fig1_networks().items():
        assert net.is_hamiltonian()
        assert h.hamiltonian_case(net) == name


@given(st.floats(0.2, 3), st.floats(0.2, 3), st.floats(-2, 2), st.floats(0.5, 3), st.floats(0.1, 1.5))
@settings(max_examples=20, deadline=None)
def test_measured_period_of_a_centre_is_amplitude_independent(tau1, tau2, w11, w12, amp):
    # w21 negative enough for a centre: w12 w21 < -tau1 tau2 E2^2
    e2 = (w11 - 1) / tau1
    w21 = -(tau1 * tau2 * e2 ** 2 + 0.5) / w12
    net = CTRNN2.from_condition_13(tau1, tau2, w11, w12, w21)
    A, b = h.hamilton_system(net)
    y_star = np.linalg.solve(A, -b)
    period = h.orbit_period(net, y_star + [0.0, amp])
    assert period == pytest.approx(h.linear_period(net), rel=1e-9)


def _orbit_period_full_horizon(net, y0, rtol=1e-12, atol=1e-12):
    """orbit_period as first written: every crossing up to 30 pi / rate, then the first two."""
    A, b = h.hamilton_system(net)
    y_star = d.equilibrium(net, (1, 1))

    def crossing(t, y):
        return y[1] - y_star[1]
    crossing.direction = 1.0
    rate = float(np.abs(np.linalg.eigvals(A)).max())
    sol = solve_ivp(lambda t, y: A @ y + b, (0.0, 30.0 * math.pi / rate), y0,
                    method="DOP853", rtol=rtol, atol=atol, events=crossing)
    times = sol.t_events[0]
    times = times[times > 1e-9]
    return float(times[1] - times[0])


@pytest.mark.parametrize("name, amplitude", [("centre", a) for a in (0.1, 1.0, 2.2, 3.0)])
def test_orbit_period_stopping_early_gives_the_full_horizon_times_bit_for_bit(name, amplitude):
    net = h.fig1_networks()[name]
    for y0 in (d.equilibrium(net, (1, 1)) + [0.0, amplitude], np.array([0.0, amplitude])):
        assert h.orbit_period(net, y0) == _orbit_period_full_horizon(net, y0)
    y0 = d.equilibrium(net, (1, 1)) + [0.0, amplitude]
    assert h.orbit_period(net, y0, rtol=1e-6, atol=1e-9) == \
        _orbit_period_full_horizon(net, y0, rtol=1e-6, atol=1e-9)


def test_orbit_period_of_an_orbit_faster_than_the_ignored_first_nanosecond():
    # period 3.2e-10: the first three crossings fall before t = 1e-9 and are
    # ignored, so the whole horizon is integrated, as before
    net = CTRNN2(**dict(h.FIG1_CASES["centre"], tau1=1e-10, tau2=1e-10))
    y0 = d.equilibrium(net, (1, 1)) + [0.0, 1.0]
    assert h.orbit_period(net, y0) == _orbit_period_full_horizon(net, y0)
    assert h.orbit_period(net, y0) == pytest.approx(h.linear_period(net), rel=1e-8)


def test_orbit_period_measures_a_period_that_starts_with_a_crossing_at_time_zero():
    # y0 a hair below the line through y*, moving up: the first upward crossing
    # is at t < 1e-9 and is not counted; the period is still found
    net = h.fig1_networks()["centre"]
    y_star = d.equilibrium(net, (1, 1))
    A, b = h.hamilton_system(net)
    y0 = y_star + [0.3, 0.0]
    y0 = y0 - 1e-12 * (A @ y0 + b)
    assert h.orbit_period(net, y0) == pytest.approx(h.linear_period(net), rel=1e-9)


def test_pendulum_period_matches_integration():
    def rhs(t, z):
        return [z[1], -math.sin(z[0])]

    def turn(t, z):
        return z[1]
    turn.direction = 1.0
    for amp in (0.3, 2.0, 3.0):
        sol = solve_ivp(rhs, (0, 60), [-amp, 0.0], method="DOP853", rtol=1e-12, atol=1e-12,
                        events=turn)
        times = sol.t_events[0][sol.t_events[0] > 1e-6]
        assert h.pendulum_period(amp) == pytest.approx(times[1] - times[0], rel=1e-8)
    assert h.pendulum_period(1e-6) == pytest.approx(2 * math.pi, rel=1e-10)


def test_bad_input_raises_value_error():
    bad = CTRNN2(1, 1, 2.0, 1, 1, 2.0)
    with pytest.raises(ValueError, match=r"Eq\. \(13\)|condition \(13\)"):
        h.coefficients(bad)
    with pytest.raises(ValueError, match=r"condition \(13\)"):
        h.hamiltonian_value(bad, [0, 0])
    good = h.fig1_networks()["saddle"]
    with pytest.raises(ValueError, match="y must have length 2"):
        h.hamiltonian_value(good, [0, 0, 0])
    with pytest.raises(ValueError, match="centre case"):
        h.linear_period(good)
    with pytest.raises(ValueError, match="centre case"):
        h.orbit_period(good, [1, 0])
    with pytest.raises(ValueError, match="isolated equilibrium"):
        h.equilibrium_energy(h.fig1_networks()["shear"])
    with pytest.raises(ValueError, match=r"amplitude must lie in \[0, pi\)"):
        h.pendulum_period(4.0)
    with pytest.raises(ValueError, match="omega must be a positive number"):
        h.pendulum_period(1.0, omega=0)
    with pytest.raises(TypeError, match="H must be a (sympy|SymPy) expression"):
        h.hamilton_residuals("y1*y2")
    with pytest.raises(ValueError, match="region must be one of"):
        h.divergence((1, 2))
    with pytest.raises(ValueError, match="y must have shape"):
        h.relative_drift(good, np.zeros((3, 4)))
    with pytest.raises(TypeError, match="net must be a ctrnn.CTRNN2"):
        h.hamiltonian_case(None)
    with pytest.raises(ValueError, match="tol must be a positive number"):
        h.coefficients(good, tol=-1.0)
    with pytest.raises(ValueError, match="tol must be a positive number"):
        h.hamiltonian_case(good, tol=0)
    with pytest.raises(ValueError, match="rtol must be a positive number"):
        h.orbit_period(h.fig1_networks()["centre"], [0, 1], rtol=0)
    with pytest.raises(ValueError, match="centre case"):
        h.boundary_orbit_level(good)
    with pytest.raises(ValueError, match="y0 must have shape"):
        h.hamiltonian_flow(good, [0.0], [0.0, 1.0])


# ------------------------------------------------------------ figures
def test_figures_are_drawn():
    net = h.fig1_networks()["centre"]
    figs = [pp.plot_phase_portrait(net, [(0, 0.5)], 2.0),
            pp.plot_phase_portrait(net, [(0, 0.5)], 2.0, activation="logistic"),
            pp.plot_hamiltonian_contours(net, [(0, 0.5)], 2.0),
            pp.plot_conservation(net, (0, 0.5), 2.0),
            pp.plot_region_exit(net, (0, 1.6), 2.0),
            pp.plot_closed_form(net, (-3, -3), 2.0),
            pp.plot_periods(net, [0.5, 1.0])]
    for fig in figs:
        assert isinstance(fig, matplotlib.figure.Figure)
        assert all(ax.get_title() == "" for ax in fig.axes)
        matplotlib.pyplot.close(fig)


def test_figures_reject_bad_input():
    net = h.fig1_networks()["centre"]
    with pytest.raises(ValueError, match="initial_states must have shape"):
        pp.plot_phase_portrait(net, [0, 1], 1.0)
    with pytest.raises(ValueError, match="t_max must be a positive number"):
        pp.plot_phase_portrait(net, [(0, 1)], -1.0)
    with pytest.raises(ValueError, match="activation must be one of"):
        pp.plot_phase_portrait(net, [(0, 1)], 1.0, activation="tanh")
    with pytest.raises(ValueError, match="xlim must be an increasing pair"):
        pp.plot_hamiltonian_contours(net, [(0, 1)], 1.0, xlim=(1, -1))
    with pytest.raises(ValueError, match="levels must be an integer"):
        pp.plot_hamiltonian_contours(net, [(0, 1)], 1.0, levels=1)
    with pytest.raises(ValueError, match=r"condition \(13\)"):
        pp.plot_region_exit(CTRNN2(1, 1, 2.0, 1, 1, 2.0), (0, 1), 1.0)
    with pytest.raises(ValueError, match="perturbation must be a non-zero number"):
        pp.plot_conservation(net, (0, 0.5), 1.0, perturbation=0)
    with pytest.raises(ValueError, match="both-inactive region"):
        pp.plot_closed_form(net, (0, 0), 1.0)
    with pytest.raises(ValueError, match="amplitudes must be"):
        pp.plot_periods(net, [0.5, 4.0])
    with pytest.raises(ValueError, match="lim must be a positive number"):
        pp.plot_fig1_cases(lim=0)


def test_boundary_orbit_level_is_the_tangent_level_set():
    nets = (CTRNN2.from_condition_13(1.0, 2.0, 1.5, 2.0, -2.0, theta1=1.0, theta2=1.0, I1=0.5, I2=-2.0),
            CTRNN2.from_condition_13(1.0, 2.0, 1.5, 2.0, -3.0, theta1=0.7, theta2=1.2, I1=1.9, I2=-1.8))
    for net in nets:
        th1, th2 = net.theta1, net.theta2
        A, b = h.hamilton_system(net)
        y_star = np.linalg.solve(A, -b)
        h_star = float(h.hamiltonian_value(net, y_star))
        u = np.linspace(-20, 20, 400001)
        on_lines = [h.hamiltonian_value(net, np.array([np.full_like(u, -th1), u])),
                    h.hamiltonian_value(net, np.array([u, np.full_like(u, -th2)]))]
        # the extremum of H along each line (H has its extremum at the centre)
        extreme = [v.max() if h_star > v.max() else v.min() for v in on_lines]
        expected = min(extreme, key=lambda x: abs(x - h_star))
        assert h.boundary_orbit_level(net) == pytest.approx(expected, rel=1e-8)


def test_trajectories_leaving_the_region_approach_the_boundary_orbit():
    net = h.fig1_networks()["centre"]
    t = np.linspace(0.0, 400.0, 401)
    final = h.hamiltonian_value(net, classical.simulate(net, (2.0, -2.5), t).y[:, -1])
    level = h.boundary_orbit_level(net)
    start = h.hamiltonian_value(net, np.array([2.0, -2.5]))
    assert abs(final - level) < 1e-3 * abs(start - level)


def test_committed_benchmark_matches_its_script():
    import importlib.util
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("hamiltonian_drift",
                                                  root / "benchmarks" / "hamiltonian_drift.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    result = json.loads(script.OUT.read_text())
    assert result["network"] == CTRNN2.from_condition_13(**script.PARAMETERS).params
    assert [r["method"] for r in result["results"]] == list(script.METHODS)
    assert result["t_max"] == script.TIME_CONSTANTS * max(result["network"]["tau1"],
                                                          result["network"]["tau2"])
    for row in result["results"]:
        assert row["meets_target"] == (row["relative_drift"] <= script.TARGET)


def test_fig1_table_lists_each_case_with_its_discriminant():
    lines = hamiltonian.fig1_table().splitlines()[2:]
    assert [line.split("|")[1].strip() for line in lines] == list(h.FIG1_CASES)
    for line, p in zip(lines, h.FIG1_CASES.values()):
        delta = ((p["w11"] - 1) / p["tau1"]) ** 2 + p["w12"] * p["w21"] / (p["tau1"] * p["tau2"])
        assert float(line.split("|")[-2]) == pytest.approx(delta, abs=1e-12)


# ------------------------------------------------ helpers the chapter calls
def test_printed_13_is_the_derived_condition():
    assert classical_checks.condition_13_difference() == 0


def test_case_and_region_latex_name_every_case_and_region():
    text = hamiltonian.tau1_cases_latex()
    assert text.count(r"\\") == len(h.tau1_cases()) - 1
    assert r"w_{11} = 1\quad\text{and}\quad w_{22} = 1" in text
    lines = hamiltonian.region_conditions_latex().split(r"\\")
    assert [line.split("}")[0] for line in lines] == [
        r"\text{" + d.REGION_NAMES[r] for r in d.REGIONS]


def test_common_conditions_two_regions_yes_three_no():
    tau1, tau2 = 0.7, 1.9
    two = h.common_conditions([(1, 1), (1, 0)])
    assert [eq.lhs for eq in two] == [S.w11, S.w22]
    w = {eq.lhs: float(eq.rhs.subs({S.tau1: tau1, S.tau2: tau2})) for eq in two}
    net = CTRNN2(tau1, tau2, w[S.w11], 1.0, -1.0, w[S.w22])
    for region in ((1, 1), (1, 0)):
        assert abs(np.trace(d.linear_system(net, region)[0])) < 1e-12
    assert h.common_conditions([(1, 1), (1, 0), (0, 1)]) == ()
    assert h.common_conditions([(0, 0)]) == ()
    with pytest.raises(ValueError, match="regions"):
        h.common_conditions([])
    with pytest.raises(ValueError, match="region"):
        h.common_conditions([(2, 2)])


def test_boundary_level_spread_shrinks_with_time_and_rejects_bad_input():
    net = h.fig1_networks()["centre"]
    states = [(2.0, -2.5), (-2.0, -2.0)]
    early = h.boundary_level_spread(net, states, t_max=20.0, samples=21)
    late = h.boundary_level_spread(net, states, t_max=400.0, samples=401)
    assert 0 <= late < early
    with pytest.raises(ValueError, match="initial_states"):
        h.boundary_level_spread(net, [])
    with pytest.raises(ValueError, match="t_max"):
        h.boundary_level_spread(net, states, t_max=0.0)
    with pytest.raises(ValueError, match="samples"):
        h.boundary_level_spread(net, states, samples=1)


def test_a_state_on_the_boundary_orbit_stays_on_its_level():
    # The boundary orbit touches a switching line where H restricted to the line is
    # extreme (H of the centre is negative definite: its maximum on the line), found
    # here on a grid of each line (step 0.002; the touching points (-1, -1/4) and
    # (-1/4, -1) lie on it).  Started at that touching point, the exact
    # flow follows the orbit inside the closed both-active region, where H is
    # conserved: the spread is rounding (1e-12 of |h_b| = 15/16 allows for the
    # piecewise-linear propagator over 50 time units), while the level itself is
    # far from zero.
    net = h.fig1_networks()["centre"]
    u = np.linspace(-4, 4, 4001)
    for line in (np.array([np.full_like(u, -net.theta1), u]),
                 np.array([u, np.full_like(u, -net.theta2)])):
        values = h.hamiltonian_value(net, line)
        touch, level = line[:, np.argmax(values)], values.max()
        assert h.boundary_orbit_level(net) == pytest.approx(level, rel=1e-9)
        assert abs(level) > 0.5
        assert h.boundary_level_spread(net, [touch], t_max=50.0, samples=51) < 1e-12 * abs(level)


def test_broken_drift_is_first_order_in_the_perturbation():
    # w22 -> w22 + delta gives the flow the divergence delta/tau2 (Eq. 13 broken by
    # delta), so for delta t_max << 1 the drift of H is linear in delta: doubling
    # delta doubles it (to O(delta t_max) = 1 %), and it is small.
    net = h.fig1_networks()["centre"]
    small, double = (h.drift_comparison(net, (0.0, 0.5), t_max=50.0, samples=501,
                                        perturbation=p)["broken"] for p in (1e-4, 2e-4))
    assert small < 1e-2
    assert double / small == pytest.approx(2.0, rel=1e-2)


def test_conservation_runs_are_the_simulations_and_are_computed_once():
    net = h.fig1_networks()["centre"]
    runs = h.conservation_runs(net, (0.0, 0.5), t_max=20.0, samples=201, perturbation=0.1)
    t = np.linspace(0.0, 20.0, 201)
    broken = CTRNN2(**dict(net.params, w22=net.w22 + 0.1))
    assert np.array_equal(runs["t"], t)
    assert runs["network"] == broken
    assert np.array_equal(runs["exact"], classical.simulate(net, [0.0, 0.5], t).y)
    assert np.array_equal(runs["rk45"], classical.simulate(net, [0.0, 0.5], t, method="RK45").y)
    assert np.array_equal(runs["broken"], classical.simulate(broken, [0.0, 0.5], t).y)
    assert h.conservation_runs(net, [0, 0.5], 20, 201, 0.1) is runs
    with pytest.raises(ValueError, match="read-only"):
        runs["exact"][0, 0] = 1.0
    with pytest.raises(ValueError, match="perturbation"):
        h.conservation_runs(net, (0.0, 0.5), perturbation=0.0)


def test_drift_comparison_separates_exact_rk45_and_broken():
    net = h.fig1_networks()["centre"]
    drift = h.drift_comparison(net, (0.0, 0.5), t_max=50.0, samples=501)
    assert drift["exact"] < 1e-10 < drift["rk45"]
    assert drift["broken"] > 1e-3
    with pytest.raises(ValueError, match="perturbation"):
        h.drift_comparison(net, (0.0, 0.5), perturbation=0.0)
    with pytest.raises(ValueError, match="samples"):
        h.drift_comparison(net, (0.0, 0.5), samples=1)
    with pytest.raises(ValueError, match="13"):
        h.drift_comparison(CTRNN2(1.0, 1.0, 1.5, -2.0, 1.5, 1.5), (0.0, 0.5))
