"""The corrections of issue 12 §4 in the five chapters of "The paper, checked",
each with a test that would have caught the error it fixes."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from ctrnn import CTRNN2
from ctrnn.book import constraints as constraints_view
from ctrnn.book import phase_plane, quantization, text
from ctrnn.classical import hamiltonian
from ctrnn.classical.dynamics import simulate

BOOK = Path(__file__).resolve().parents[2] / "book"
NETWORK_A = CTRNN2.from_condition_13(1.0, 1.0, 1.5, -2.0, 1.5, 0.2, -0.1, 0.3, -0.2)


def _markdown(name: str) -> str:
    nb = json.loads((BOOK / f"{name}.ipynb").read_text(encoding="utf-8"))
    parts = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            parts.append("".join(cell["source"]))
        parts.append(cell.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("caption", ""))
    return "\n".join(parts)


# ------------------------------------------------------------ parameter statements
def test_parameter_text_math_states_network_a_with_c1_minus_065():
    coefficients = NETWORK_A.hamiltonian_coefficients()
    assert coefficients["C1"] == pytest.approx(-0.65)      # the caption said -0.15
    stated = text.parameter_text(coefficients, math=True, digits=3)
    assert "$C_{1} = -0.65$" in stated and "-0.15" not in stated
    assert text.parameter_text(NETWORK_A, math=True).startswith(r"$\tau_{1} = 1$, $\tau_{2} = 1$")
    assert text.parameter_text({"tau2/tau1": 2, "Re xi1": 0}, math=True) == \
        r"$\tau_{2}/\tau_{1} = 2$, $\operatorname{Re}\xi_{1} = 0$"


@pytest.mark.parametrize("kwargs, error", [({"math": 1}, TypeError), ({"digits": 0}, ValueError),
                                           ({"digits": 2.0}, TypeError)])
def test_parameter_text_rejects_bad_options(kwargs, error):
    with pytest.raises(error, match=next(iter(kwargs))):
        text.parameter_text({"a": 1}, **kwargs)


def test_holds_never_returns_a_python_boolean_word():
    assert text.holds(True) == "holds" and text.holds(np.bool_(False)) == "fails"
    with pytest.raises(TypeError, match="flag"):
        text.holds("True")


def test_aligned_rows_keep_every_term_and_break_lines():
    y = sp.Symbol("y")
    expr = sum(sp.Symbol(f"a{k}") * y ** k for k in range(5)) - 3 * y ** 7
    rows = text.aligned_rows(expr, "H", per_line=2, rhs="0")
    assert len(rows) == 3 and rows[0].startswith("H &= ") and rows[-1].endswith("= 0")
    # re-reading the rows gives the expression back
    body = " ".join(r.split("&=")[-1].replace(r"&\quad", "") for r in rows).replace("= 0", "")
    assert body.count("a_{") == 5 and "- 3 y^{7}" in body
    with pytest.raises(ValueError, match="per_line"):
        text.aligned_rows(expr, per_line=0)


# ------------------------------------------------------------ Hamiltonian chapter
def test_conservation_figure_perturbation_expands_areas():
    centre = hamiltonian.fig1_networks()["centre"]
    broken = CTRNN2(**{**centre.params, "w22": centre.params["w22"] + 0.1})
    assert broken.divergence_active() == pytest.approx(0.1)   # the caption said -0.1
    assert "divergence −0.1" not in _markdown("hamiltonian")


def test_h_rises_along_exiting_trajectories_toward_the_tangent_level():
    centre = hamiltonian.fig1_networks()["centre"]
    eig = np.linalg.eigvalsh(np.array([[-centre.hamiltonian_coefficients()["C2"],
                                        centre.hamiltonian_coefficients()["E2"] / 2],
                                       [centre.hamiltonian_coefficients()["E2"] / 2,
                                        centre.hamiltonian_coefficients()["D2"]]]))
    assert np.all(eig < 0)                                    # negative definite
    level = hamiltonian.boundary_orbit_level(centre)
    assert hamiltonian.equilibrium_energy(centre) > level     # the maximum is at the centre
    t = np.linspace(0.0, 200.0, 2001)
    for y0 in [(0.0, 1.6), (-2.0, -2.0), (2.0, -2.5)]:
        h = np.asarray(hamiltonian.hamiltonian_value(centre, simulate(centre, y0, t).y))
        assert h[0] < level and h[-1] > h[0]                  # H rises ...
        assert h.max() <= level + 1e-9                        # ... toward the level, from below
    prose = _markdown("hamiltonian")
    assert "lose H" not in prose and "attracts *from outside only*" in prose


def test_shear_panel_draws_its_line_of_equilibria():
    fig = phase_plane.plot_fig1_cases(t_max=1.0)
    shear = [ax for ax in fig.axes if any(t.get_text() == "shear" for t in ax.texts)][0]
    lines = [ln for ln in shear.lines if ln.get_label() == "line of equilibria"]
    assert len(lines) == 1
    A, b = hamiltonian.hamilton_system(hamiltonian.fig1_networks()["shear"])
    pts = np.vstack(lines[0].get_data())
    assert np.abs(A @ pts + b[:, None]).max() < 1e-12
    with pytest.raises(ValueError, match="shear"):
        phase_plane.equilibrium_line(hamiltonian.fig1_networks()["centre"], (-1, 1))


# ------------------------------------------------------------ items 9-10
def test_odes_chapter_names_both_inactivity_conditions():
    prose = _markdown("odes")
    assert r"$I_1 + \theta_1 \le 0$ **and** $I_2 + \theta_2 \le 0$" in prose and "$w_{21} = 0$" in prose


# ------------------------------------------------------------ hbar
def test_spacing_and_zero_point_scale_with_hbar():
    table = quantization.hbar_table(NETWORK_A, hbars=(0.5, 1.0, 2.0)).splitlines()[2:]
    rows = [[float(c) for c in r.strip("|").split("|")] for r in table]
    omega = np.sqrt(-hamiltonian.discriminant(NETWORK_A))
    for hbar, zero, gap, zero_per, gap_per in rows:
        assert gap == pytest.approx(hbar * omega, rel=1e-5)
        assert abs(zero) == pytest.approx(hbar * omega / 2, rel=1e-5)
        assert gap_per == pytest.approx(omega, rel=1e-5)
    saddle = CTRNN2.from_condition_13(1.0, 1.0, 1.5, 2.0, 1.5, 0.2, -0.1, 0.3, -0.2)
    with pytest.raises(ValueError, match="discrete"):
        quantization.hbar_table(saddle)
    with pytest.raises(ValueError, match="hbars"):
        quantization.hbar_table(NETWORK_A, hbars=(0.0,))


def test_quantization_chapter_states_hbar_and_the_region():
    prose = _markdown("quantization")
    assert r"$|\hbar| = 1$" in prose and "both-active region" in prose
    assert "both-active region" in _markdown("wavefunction")
    conclusion = _markdown("constraints").split("## The paper's conclusion")[1]
    assert "both-active region" in conclusion and "`40-conclusion`" in conclusion


# ------------------------------------------------------------ wavefunction, constraints
def test_theorem_states_the_zero_operator_exception():
    prose = _markdown("wavefunction")
    assert r"Unless $\hat H = 0$" in prose and r"setting $\alpha = -m$ and $\beta = -m$" in prose
    assert "√Δ > E_2" in prose or r"\sqrt\Delta > E_2" in prose


def test_decay_is_not_normalizability():
    latex = constraints_view.decay_without_normalizability()   # broken into aligned lines
    assert r"= 0,\ 0" in latex and latex.removesuffix(r"\end{aligned}").endswith(r"= \infty")
    # the integral without the Meijer G method is the one with every method
    import sympy as sp
    y = sp.Symbol("y_2", real=True)
    assert sp.integrate((1 + y ** 2) ** sp.Rational(-1, 2), (y, -sp.oo, sp.oo)) == sp.oo


def test_case_text_states_the_derived_w22_and_delta():
    from ctrnn.audit import constraints as checks

    stated = constraints_view.case_text(checks.ALT_NETWORK, xi=True)
    assert "$w_{22} = 0$" in stated and r"$\Delta = 1$" in stated
    assert r"$\operatorname{Re}\xi_{1} = 0$" in stated
    with pytest.raises(TypeError, match="params"):
        constraints_view.case_text([1, 2])


def test_distribution_text_reads_the_distribution():
    from ctrnn.classical.weights import DISTRIBUTION

    stated = constraints_view.distribution_text(DISTRIBUTION)
    assert "log-uniform on $[0.1, 10]$" in stated and "standard normal" in stated
    with pytest.raises(ValueError, match="kind"):
        constraints_view.distribution_text({"a": ("beta", 1, 2)})


def test_alpha_and_beta_cannot_both_be_minus_m():
    from ctrnn.book import wavefunction

    latex = wavefunction.termination_latex().removesuffix(r"\end{aligned}")   # broken into aligned lines
    assert latex.endswith(r"\text{which no } m \text{ satisfies}")
