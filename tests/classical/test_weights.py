"""Tests of ctrnn.classical.weights: the printed conditions (38)-(40) against the truth."""
import cmath
import math

import matplotlib
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from ctrnn import CTRNN2, audit
from ctrnn.audit import constraints
from ctrnn.book import constraints as constraints_view
from ctrnn.classical import weights as c
from ctrnn.paper import formulas as printed

matplotlib.use("Agg")


def _delta_e2(tau1, tau2, w11, w12, w21):
    """Delta = 4 C2 D2 + E2^2 and E2, typed from Eqs. (19)-(20)."""
    C2, D2, E2 = w12 / (2 * tau2), w21 / (2 * tau1), (w11 - 1) / tau1
    return 4 * C2 * D2 + E2**2, E2


SADDLE = dict(tau1=2.0, tau2=1.0, w11=0.0, w12=1.5, w21=2.0, theta1=0.3, I2=-0.2)
CENTRE = dict(tau1=1.0, tau2=2.0, w11=1.5, w12=2.0, w21=-2.0, theta2=0.4, I1=0.5)

finite = st.floats(-5, 5, allow_nan=False)
timescale = st.floats(0.1, 10)
network = st.fixed_dictionaries(
    {"tau1": timescale, "tau2": timescale, "w11": finite, "w12": finite, "w21": finite,
     "theta1": finite, "theta2": finite, "I1": finite, "I2": finite})


# ------------------------------------------------------------------ inputs
def test_hamiltonian_params_sets_w22_from_eq13_and_broadcasts():
    p = c.hamiltonian_params({"tau1": [1.0, 2.0], "tau2": 3.0, "w11": 0.5,
                              "w12": 1.0, "w21": -1.0})
    assert p["w22"].shape == (2,)
    # Eq. (13): (w11 - 1)/tau1 = (1 - w22)/tau2
    np.testing.assert_allclose((p["w11"] - 1) / p["tau1"], (1 - p["w22"]) / p["tau2"])
    assert np.all(p["theta1"] == 0) and np.all(p["I2"] == 0)


def test_hamiltonian_params_accepts_a_hamiltonian_network():
    net = CTRNN2.from_condition_13(1.0, 2.0, 2.0, 1.0, -1.0, 0.1, 0.2, 0.3, 0.4)
    p = c.hamiltonian_params(net)
    assert float(p["w22"]) == pytest.approx(net.w22) and float(p["I2"]) == 0.4


@pytest.mark.parametrize("bad, match", [
    ({"tau1": 1.0, "tau2": 1.0, "w11": 1.0, "w12": 1.0}, "missing"),
    ({"tau1": 1.0, "tau2": 1.0, "w11": 1.0, "w12": 1.0, "w21": 1.0, "w22": 1.0}, "unknown"),
    ({"tau1": 0.0, "tau2": 1.0, "w11": 1.0, "w12": 1.0, "w21": 1.0}, "tau1 must be positive"),
    ({"tau1": 1.0, "tau2": -1.0, "w11": 1.0, "w12": 1.0, "w21": 1.0}, "tau2 must be positive"),
    ({"tau1": 1.0, "tau2": 1.0, "w11": np.nan, "w12": 1.0, "w21": 1.0}, "w11 must be finite"),
    ({"tau1": [1.0, 2.0], "tau2": [1.0, 2.0, 3.0], "w11": 1.0, "w12": 1.0, "w21": 1.0},
     "broadcast"),
])
def test_hamiltonian_params_rejects_bad_input(bad, match):
    with pytest.raises(ValueError, match=match):
        c.hamiltonian_params(bad)


@pytest.mark.parametrize("bad, match", [
    ({"tau1": 1.0, "tau2": 1.0, "w11": "a", "w12": 1.0, "w21": 1.0}, "w11 must be an array of real"),
    ({"tau1": 1.0, "tau2": 1.0, "w11": True, "w12": 1.0, "w21": 1.0}, "w11 must be an array of real"),
    ([1.0, 2.0], "CTRNN2 or a mapping"),
])
def test_hamiltonian_params_rejects_wrong_types(bad, match):
    with pytest.raises(TypeError, match=match):
        c.hamiltonian_params(bad)


def test_non_hamiltonian_network_is_rejected_citing_eq13():
    net = CTRNN2(1.0, 1.0, 2.0, 1.0, 1.0, 2.0)
    for func in (printed.printed_conditions, c.classical_type, c.true_discrete_spectrum,
                 printed.xi_printed):
        with pytest.raises(ValueError, match=r"Eq\. \(13\)"):
            func(net)


# ------------------------------------------------------ the printed conditions
@pytest.mark.parametrize("params", [SADDLE, CENTRE])
def test_xi_printed_matches_eqs_25_26_typed_by_hand(params):
    p = {**{"theta1": 0.0, "theta2": 0.0, "I1": 0.0, "I2": 0.0}, **params}
    tau1, tau2, w11, w12, w21 = (p[k] for k in ("tau1", "tau2", "w11", "w12", "w21"))
    w22 = 1 - tau2 * (w11 - 1) / tau1
    C1 = (w12 * p["theta1"] + w22 * p["theta2"] + p["I2"]) / tau2
    D1 = (w21 * p["theta2"] + w11 * p["theta1"] + p["I1"]) / tau1
    C2, D2, E2 = w12 / (2 * tau2), w21 / (2 * tau1), (w11 - 1) / tau1
    S = 4 * C2 * D2 + E2**2
    xi1, xi2 = printed.xi_printed(params)
    assert complex(xi1) == pytest.approx(S - E2 * cmath.sqrt(S))
    assert complex(xi2) == pytest.approx(-C1 * E2 - 4 * C2 * D1 + 2 * cmath.sqrt(S))


def test_printed_38_holds_on_the_saddle_and_fails_on_the_centre():
    # SADDLE: Delta = 0.25 + 1.5 = 1.75, E2 = -0.5, so xi1 = 1.75 + 0.5 sqrt(1.75) > 0.
    # CENTRE: Delta = 0.25 - 2 = -1.75, so Re xi1 = Delta < 0.
    assert bool(printed.printed_conditions(SADDLE)["38"])
    assert not bool(printed.printed_conditions(CENTRE)["38"])
    assert complex(printed.xi_printed(CENTRE)[0]).real == pytest.approx(-1.75)


def test_printed_39_holds_on_delta_zero_and_on_w21_zero_with_w11_above_one():
    on_delta_zero = dict(tau1=1.0, tau2=2.0, w11=2.0, w12=1.0, w21=-2.0)   # Delta = 1 - 1
    on_axis = dict(tau1=1.0, tau2=1.0, w11=3.0, w12=0.7, w21=0.0)          # sqrt(Delta) = E2
    below_one = dict(tau1=1.0, tau2=1.0, w11=0.0, w12=0.7, w21=0.0)        # sqrt(Delta) = -E2
    assert bool(printed.printed_conditions(on_delta_zero)["39"])
    assert bool(printed.printed_conditions(on_axis)["39"])
    assert not bool(printed.printed_conditions(below_one)["39"])
    assert bool(printed.printed_conditions(below_one)["38"])


def test_printed_40_depends_on_biases_and_inputs():
    base = dict(tau1=1.0, tau2=1.0, w11=2.0, w12=1.0, w21=-0.5)   # Delta = 0.5
    # xi2 = -C1 E2 - 4 C2 D1 + 2 sqrt(Delta); with theta = 0: C1 = I2, D1 = I1.
    assert bool(printed.printed_conditions({**base, "I2": 0.0})["40"])
    assert not bool(printed.printed_conditions({**base, "I2": 5.0})["40"])


@pytest.mark.parametrize("rtol", [-1e-3, 1.0, 2.0])
def test_printed_conditions_reject_bad_rtol(rtol):
    with pytest.raises(ValueError, match="rtol"):
        printed.printed_conditions(SADDLE, rtol=rtol)


@settings(max_examples=60, deadline=None)
@given(network)
def test_printed_38_is_re_xi1_positive_and_lives_on_saddles(params):
    delta, e2 = _delta_e2(*(params[k] for k in ("tau1", "tau2", "w11", "w12", "w21")))
    holds = bool(printed.printed_conditions(params)["38"])
    if holds:
        assert delta > 0 and math.sqrt(delta) > e2
    if delta < 0 or (delta > 0 and math.sqrt(delta) < e2 - 1e-6 * abs(e2)):
        assert not holds
    if delta > 0 and math.sqrt(delta) > e2 + 1e-6 * (abs(e2) + math.sqrt(delta)):
        assert holds


@settings(max_examples=60, deadline=None)
@given(network)
def test_paper_criterion_never_coincides_with_a_discrete_spectrum(params):
    paper_says = printed.printed_conditions(params)
    truth = bool(c.true_discrete_spectrum(params))
    assert not (truth and bool(paper_says["paper"]))


@settings(max_examples=60, deadline=None)
@given(network)
def test_truth_classical_centre_and_symbolic_condition_coincide(params):
    delta, _ = _delta_e2(*(params[k] for k in ("tau1", "tau2", "w11", "w12", "w21")))
    if abs(delta) < 1e-8:
        return
    truth = bool(c.true_discrete_spectrum(params))
    assert truth == (str(c.classical_type(params)) == "centre") == (delta < 0)
    from ctrnn import symbols
    lhs = c.centre_condition().lhs
    value = float(lhs.subs({getattr(symbols, k): params[k]
                            for k in ("tau1", "tau2", "w11", "w12", "w21")}))
    assert (value < 0) == truth


def test_classical_type_agrees_with_the_trace_zero_jacobian_by_hand():
    # both-active Jacobian [[E2, w21/tau1], [w12/tau2, -E2]]: eigenvalues +-sqrt(E2^2 + w12 w21/(tau1 tau2))
    assert str(c.classical_type(SADDLE)) == "saddle"
    assert str(c.classical_type(CENTRE)) == "centre"
    assert str(c.classical_type(dict(tau1=1.0, tau2=2.0, w11=2.0, w12=1.0, w21=-2.0))) == "degenerate"


def test_rederived_xi_equal_the_printed_left_sides():
    from ctrnn.paper.equations import EQUATIONS
    xi1, xi2 = printed.rederived_xi()
    assert sp.simplify(EQUATIONS[38].lhs - xi1) == 0
    assert sp.simplify(EQUATIONS[40].lhs - xi2) == 0


def test_centre_condition_is_the_negative_discriminant_times_tau1_squared_tau2():
    from ctrnn.symbols import tau1, tau2, w11, w12, w21
    delta = (w11 - 1)**2 / tau1**2 + w12 * w21 / (tau1 * tau2)
    assert sp.simplify(c.centre_condition().lhs - delta * tau1**2 * tau2) == 0


# ------------------------------------------------ the paper's eigenfunctions
def test_paper_eigenfunction_ground_state_is_one_at_the_origin_and_hermite_one_is_linear():
    assert complex(printed.paper_eigenfunction(SADDLE, 0, 0.0)) == pytest.approx(1.0)
    # psi_1(0) = H_1(z(0)) = 2 (C1 E2 + 2 C2 D1) / (sqrt(2 C2) Delta^(3/4))
    tau1, tau2, w11, w12, w21 = 2.0, 1.0, 0.0, 1.5, 2.0
    w22 = 1 - tau2 * (w11 - 1) / tau1
    C1 = (w12 * 0.3 + w22 * 0.0 - 0.2) / tau2
    D1 = (w21 * 0.0 + w11 * 0.3 + 0.0) / tau1
    C2, D2, E2 = w12 / (2 * tau2), w21 / (2 * tau1), (w11 - 1) / tau1
    S = 4 * C2 * D2 + E2**2
    expected = 2 * (C1 * E2 + 2 * C2 * D1) / (math.sqrt(2 * C2) * S**0.75)
    assert complex(printed.paper_eigenfunction(SADDLE, 1, 0.0)) == pytest.approx(expected)


@pytest.mark.parametrize("n", [0, 1, 2, 3])
def test_paper_eigenfunctions_decay_iff_re_xi1_positive(n):
    y = np.array([-12.0, 12.0])
    assert np.all(np.abs(printed.paper_eigenfunction(SADDLE, n, y)) < 1e-20)
    assert np.all(np.abs(printed.paper_eigenfunction(CENTRE, n, y)) > 1e20)


def test_alternative_branch_blows_up_at_minus_infinity():
    alt = dict(tau1=1.0, tau2=1.0, w11=2.0, w12=1.0, w21=0.0)   # xi1 = 0, xi2 = 2
    cond = printed.printed_conditions(alt)
    assert bool(cond["39"]) and bool(cond["40"]) and bool(cond["paper"])
    values = np.abs(printed.paper_eigenfunction(alt, 0, [-10.0, 10.0]))
    assert values[0] == pytest.approx(math.exp(20.0)) and values[1] == pytest.approx(math.exp(-20.0))


@pytest.mark.parametrize("n, y2, match", [
    (-1, 0.0, "n must be"), (1.5, 0.0, "n must be"), (True, 0.0, "n must be"),
    (0, np.inf, "y2 must be finite"), (0, "x", "y2 must be real"),
])
def test_paper_eigenfunction_rejects_bad_input(n, y2, match):
    with pytest.raises(ValueError, match=match):
        printed.paper_eigenfunction(SADDLE, n, y2)


def test_paper_eigenfunction_rejects_several_networks():
    with pytest.raises(ValueError, match="single network"):
        printed.paper_eigenfunction({**SADDLE, "w12": [1.0, 2.0]}, 0, 0.0)


# ------------------------------------------------------------------ maps
def test_condition_map_matches_pointwise_evaluation():
    x, y = np.linspace(-3, 3, 6), np.linspace(-2, 2, 4)
    fixed = dict(tau1=1.0, tau2=2.0, w11=2.0, theta1=0.5, I2=-1.0)
    grid = constraints.condition_map("w12", x, "w21", y, fixed)
    assert grid["38"].shape == (4, 6)
    i, j = 1, 4
    point = {**fixed, "w12": x[j], "w21": y[i]}
    for key in ("38", "39", "40", "paper"):
        assert grid[key][i, j] == bool(printed.printed_conditions(point)[key])
    assert grid["true"][i, j] == bool(c.true_discrete_spectrum(point))
    assert np.array_equal(grid["true"], grid["centre"])
    assert not np.any(grid["true"] & grid["paper"])


def test_condition_map_timescale_ratio_axis():
    grid = constraints.condition_map("w11", np.linspace(-1, 3, 5), constraints.RATIO, [0.5, 2.0],
                           dict(tau1=2.0, w12=1.0, w21=-1.0))
    # tau2 = ratio * tau1: Delta = (w11-1)^2/4 - 1/(2 tau2); at w11 = 1 always a centre
    assert np.all(grid["true"][:, 2])
    np.testing.assert_allclose(grid["Delta"][1, 0], 4.0 / 4 - 1.0 / 8.0)


@pytest.mark.parametrize("args, match", [
    (("w13", [0, 1], "w21", [0, 1], {}), "x_name"),
    (("w12", [0, 1], "w12", [0, 1], {}), "differ"),
    (("w12", [0], "w21", [0, 1], {}), "x_values"),
    (("w12", [0, 1], "w21", [[0, 1]], {}), "y_values"),
    (("w12", [0, 1], "w21", [0, np.nan], {}), "y_values"),
    (("w12", [0, 1], "w21", [0, 1], {"w12": 1.0}), "axis parameters"),
    (("w12", [0, 1], "w21", [0, 1], [1.0]), "fixed must be a mapping"),
    (("w11", [0, 1], "tau2/tau1", [1, 2], {"tau1": 1, "tau2": 1, "w12": 1, "w21": 1}),
     "tau2"),
    (("w11", [0, 1], "tau2/tau1", [1, 2], {"w12": 1, "w21": 1}), "tau1"),
    (("w12", [0, 1], "w21", [0, 1], {"tau1": 1.0, "tau2": 1.0}), "missing"),
])
def test_condition_map_rejects_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        constraints.condition_map(*args)


def test_plot_condition_map_draws_one_panel_per_mapping():
    fixed = [dict(tau1=1.0, tau2=2.0, w11=2.0), dict(tau1=1.0, tau2=2.0, w11=0.0)]
    fig = constraints_view.plot_condition_map("w12", (-2, 2), "w21", (-2, 2), fixed, n=20)
    assert len(fig.axes) == 2
    assert all(ax.get_title() == "" for ax in fig.axes)
    matplotlib.pyplot.close(fig)


@pytest.mark.parametrize("kwargs, match", [
    ({"x_range": (1, 0)}, "x_range"), ({"y_range": (0, np.inf)}, "y_range"),
    ({"x_range": "ab"}, "x_range"), ({"n": 5}, "n must be"), ({"fixed": []}, "non-empty"),
])
def test_plot_condition_map_rejects_bad_input(kwargs, match):
    args = {"x_name": "w12", "x_range": (-1, 1), "y_name": "w21", "y_range": (-1, 1),
            "fixed": dict(tau1=1.0, tau2=1.0, w11=0.0), "n": 10, **kwargs}
    with pytest.raises(ValueError, match=match):
        constraints_view.plot_condition_map(**args)


# ------------------------------------------------------------- Monte Carlo
def test_sampling_is_reproducible_and_respects_the_stated_distribution():
    a = c.sample_hamiltonian_networks(2000, seed=7)
    b = c.sample_hamiltonian_networks(2000, seed=7)
    assert all(np.array_equal(a[k], b[k]) for k in a)
    assert not np.array_equal(a["w12"], c.sample_hamiltonian_networks(2000, seed=8)["w12"])
    for key in ("tau1", "tau2"):
        assert a[key].min() >= 0.1 and a[key].max() <= 10.0
        # log-uniform: median of log10 tau near 0
        assert abs(np.median(np.log10(a[key]))) < 0.1
    for key in ("w11", "w12", "w21"):
        assert a[key].min() >= -5 and a[key].max() <= 5
    assert abs(np.std(a["I1"]) - 1.0) < 0.1


@pytest.mark.parametrize("n, seed, error, match", [
    (0, 1, ValueError, "n must be"), (2.5, 1, TypeError, "n must be"),
    (True, 1, TypeError, "n must be"), (10 ** 9, 1, ValueError, "cost limit"),
    (10, -1, ValueError, "seed must be"), (10, 1.5, TypeError, "seed must be"),
])
def test_sampling_rejects_bad_input(n, seed, error, match):
    with pytest.raises(error, match=match):
        c.sample_hamiltonian_networks(n, seed)


def test_monte_carlo_confusion_matrix_is_consistent():
    r = constraints.monte_carlo(3000, seed=11)
    cells = r["paper_and_true"] + r["paper_only"] + r["true_only"] + r["neither"]
    assert cells == 3000
    assert r["paper_and_true"] == 0            # printed region lies in Delta > 0
    assert r["agreement"] == pytest.approx(r["neither"] / 3000)
    assert r["true_equals_centre"] == 1.0
    assert r["paper_saddle"] == 1.0
    # The truth is Delta < 0; count it independently of ctrnn.quantum.
    p = c.sample_hamiltonian_networks(3000, seed=11)
    delta, _ = _delta_e2(p["tau1"], p["tau2"], p["w11"], p["w12"], p["w21"])
    assert r["fraction_true"] == pytest.approx(np.mean(delta < 0))


# ------------------------------------------------------------------ audit
def test_constraints_chapter_has_a_verdict_for_38_to_40_and_the_conclusion():
    verdicts = {v.equation: v for v in audit.run_all("constraints")}
    assert {"38", "39", "40", "38-alt", "40-conclusion"} <= set(verdicts)
    assert all(v.verdict in audit.VERDICTS for v in verdicts.values())
    assert verdicts["38"].verdict == "erratum" and verdicts["38"].corrected
    assert verdicts["38"].evidence["printed_38_and_discrete"] == 0


def test_plot_paper_tails_draws_the_true_ground_state_only_for_a_centre():
    fig = constraints_view.plot_paper_tails({"saddle": SADDLE, "centre": CENTRE}, n_values=(0, 1), points=41)
    saddle_ax, centre_ax = fig.axes
    assert len(saddle_ax.get_lines()) == 3 and len(centre_ax.get_lines()) == 4
    matplotlib.pyplot.close(fig)


@pytest.mark.parametrize("kwargs, match", [
    ({"cases": {}}, "cases"), ({"cases": [SADDLE]}, "cases"),
    ({"y_max": 0.0}, "y_max"), ({"y_max": np.inf}, "y_max"), ({"points": 2}, "points"),
    ({"n_values": (-1,)}, "n must be"),
])
def test_plot_paper_tails_rejects_bad_input(kwargs, match):
    args = {"cases": {"saddle": SADDLE}, "points": 11, **kwargs}
    with pytest.raises(ValueError, match=match):
        constraints_view.plot_paper_tails(**args)


@settings(max_examples=40, deadline=None)
@given(network)
def test_classical_type_agrees_with_the_dynamics_module(params):
    from ctrnn.classical import dynamics
    delta, _ = _delta_e2(*(params[k] for k in ("tau1", "tau2", "w11", "w12", "w21")))
    if abs(delta) < 1e-6:
        return
    net = CTRNN2.from_condition_13(**params)
    A, _ = dynamics.linear_system(net, (1, 1))
    assert str(c.classical_type(net)) == dynamics.classify(A)


def test_corrected_condition_in_terms_of_w22_under_eq13():
    # tau1 w12 w21 + tau2 (w11-1)^2 < 0  <=>  w12 w21 < (w11 - 1)(w22 - 1) when Eq. (13) holds
    from ctrnn.symbols import tau1, tau2, w11, w12, w21
    w22 = 1 - tau2 * (w11 - 1) / tau1
    lhs = c.centre_condition().lhs
    assert sp.simplify(lhs / tau1 - (w12 * w21 - (w11 - 1) * (w22 - 1))) == 0


@pytest.mark.parametrize("n, seed", [(0, 1), (10, -3)])
def test_monte_carlo_rejects_bad_input(n, seed):
    with pytest.raises(ValueError, match="must be"):
        constraints.monte_carlo(n, seed)


# ------------------------------------------------ helpers the chapter calls
def test_xi_differences_latex_reports_zero_for_each_printed_side():
    # one line of the aligned block a difference (ctrnn.book.text.break_display)
    latex = constraints_view.xi_differences_latex()
    body = latex.removeprefix(r"\begin{aligned}").removesuffix(r"\end{aligned}")
    parts = [row.lstrip("&").strip().removesuffix(",") for row in body.split(r"\\")]
    assert [p.split(" = ")[0] for p in parts] == [
        r"\mathrm{LHS}_{(38)}-\xi_1", r"\mathrm{LHS}_{(39)}-\xi_1", r"\mathrm{LHS}_{(40)}-\xi_2"]
    assert all(p.endswith(" = 0") for p in parts)


def test_ground_state_tails_of_the_centre_true_decays_paper_grows():
    tails = constraints.ground_state_tails(CENTRE, y2_ends=(-8.0, 8.0))
    delta, _ = _delta_e2(CENTRE["tau1"], CENTRE["tau2"], CENTRE["w11"], CENTRE["w12"],
                         CENTRE["w21"])
    assert tails["re_xi1"] == pytest.approx(delta, abs=1e-6)   # Re xi1 = Delta < 0
    assert tails["true_log10_max"] < -5 < 5 < tails["paper_log10_min"]
    assert constraints.ground_state_tails(CTRNN2.from_condition_13(**CENTRE)) == tails


@pytest.mark.parametrize("params,ends,match", [
    (CENTRE, (), "y2_ends"), (CENTRE, (np.inf,), "y2_ends"),
    (SADDLE, (-8.0, 8.0), "discrete"), ({**CENTRE, "tau1": [1.0, 2.0]}, (8.0,), "single"),
])
def test_ground_state_tails_rejects_bad_input(params, ends, match):
    with pytest.raises(ValueError, match=match):
        constraints.ground_state_tails(params, y2_ends=ends)


def test_monte_carlo_summary_and_table_carry_the_counts():
    mc = constraints.monte_carlo(n=2000, seed=3)
    summary = constraints_view.monte_carlo_summary(mc)
    assert summary["mc_n"] == 2000 and summary["mc_seed"] == 3
    assert summary["mc_agreement"] == pytest.approx(100 * mc["agreement"], abs=1e-6)
    assert 0 <= summary["mc_fraction_true"] <= 100
    rows = constraints_view.monte_carlo_table(mc).splitlines()
    cells = [[x.strip() for x in r.strip("|").split("|")] for r in rows[2:]]
    counts = [int(x) for row in cells for x in row[1:]]
    assert counts == [mc["paper_and_true"], mc["paper_only"], mc["true_only"], mc["neither"]]
    assert sum(counts) == 2000
    with pytest.raises(ValueError, match="mc"):
        constraints_view.monte_carlo_summary({"n": 1})
    with pytest.raises(ValueError, match="mc"):
        constraints_view.monte_carlo_table([])
