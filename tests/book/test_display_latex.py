"""Every display equation the book's modules write fits a phone's column.

No browser: the LaTeX that the producers of ``ctrnn.book`` return for display
(the chapters' ``*_latex`` functions, ``text.aligned``/``gathered``, the
errata's and the record's ``$$`` blocks written by ``verdicts``) is checked
against :data:`ctrnn.book.text.DISPLAY_BUDGET`, the widest line
(:func:`ctrnn.book.text.latex_width`) that fits the 342-358 px of a 390 px
phone column; ``make test-browser`` measures the typeset result.  Breaking
changes line breaks and alignment only: the symbols are the same.
"""
from __future__ import annotations

import re

import numpy as np
import pytest
import sympy as sp

from ctrnn import CTRNN2
from ctrnn.book import constraints, correspondence, dissipative, hamiltonian, odes, text, verdicts
from ctrnn.book import wavefunction
from ctrnn.book.text import DISPLAY_BUDGET, break_display, latex_width


def too_wide(items: dict[str, str]) -> dict[str, float]:
    """The display equations (name -> LaTeX) wider than a phone's column, with their widths."""
    return {name: latex_width(latex) for name, latex in items.items() if latex_width(latex) > DISPLAY_BUDGET}


def _chapter_producers() -> dict[str, str]:
    from ctrnn.classical import dissipation
    from ctrnn.classical import hamiltonian as classical_hamiltonian
    from ctrnn.classical import n_neurons
    from ctrnn.quantum import dissipative as quantum_dissipative
    from ctrnn.quantum import kummer

    net = CTRNN2(tau1=1.0, tau2=2.0, w11=1.5, w12=2.0, w21=-2.0, w22=-0.4, I1=6.0, I2=-6.0)
    equation = kummer.eigen_equation(kummer.derived_operator())
    return {
        "odes.linear_systems_latex": odes.linear_systems_latex(),
        "odes.bias_differences_aligned": odes.bias_differences_aligned(),
        "hamiltonian.tau1_cases_latex (gathered)": text.gathered(hamiltonian.tau1_cases_latex()),
        "hamiltonian.region_conditions_latex (gathered)": text.gathered(hamiltonian.region_conditions_latex()),
        "hamiltonian.g_and_h_latex": hamiltonian.g_and_h_latex(classical_hamiltonian.integrate_hamiltonian()),
        "wavefunction eigen-equation (text.aligned)": text.aligned(
            text.aligned_rows(equation.lhs, per_line=2, rhs=sp.latex(equation.rhs))),
        "wavefunction.solution_latex printed": wavefunction.solution_latex("printed", 1),
        "wavefunction.solution_latex derived": wavefunction.solution_latex("derived", 1),
        "wavefunction.termination_latex": wavefunction.termination_latex(),
        "constraints.xi_differences_latex": constraints.xi_differences_latex(),
        "constraints.decay_without_normalizability": constraints.decay_without_normalizability(),
        "correspondence.heisenberg_residuals_latex forward": correspondence.heisenberg_residuals_latex("forward"),
        "correspondence.heisenberg_residuals_latex backward": correspondence.heisenberg_residuals_latex("backward"),
        "dissipative.system_latex": dissipative.system_latex(net),
        "dissipative.residuals_latex split": dissipative.residuals_latex(dissipation.split_residuals()),
        "dissipative.residuals_latex Caldirola-Kanai": dissipative.residuals_latex(
            dissipation.caldirola_kanai_residuals()),
        "dissipative.residuals_latex KvN": dissipative.residuals_latex(
            {k: v for k, v in quantum_dissipative.kvn_symbolic().items() if k != "hamiltonian"}),
        "dissipative.levels_latex": dissipative.levels_latex(quantum_dissipative.invariant_spectrum(net, 5)),
        "n_neurons canonical conditions (text.aligned_zero_equations)": text.aligned_zero_equations(
            n_neurons.canonical_conditions(4)),
    }


_DISPLAY_BLOCK = re.compile(r"^\s*\$\$\s*\n(.*?)\n\s*\$\$", re.MULTILINE | re.DOTALL)


def _record_blocks() -> dict[str, str]:
    """Every ``$$`` block of the errata pages and the record's other pages."""
    from ctrnn.audit import run_all

    found = run_all()
    pages = {**verdicts.record_pages(found), "errata": verdicts.errata_markdown(found)}
    blocks = {}
    for page, markdown in pages.items():
        for k, m in enumerate(_DISPLAY_BLOCK.finditer(markdown)):
            blocks[f"{page} $$ block {k + 1}"] = m.group(1).strip()
    return blocks


@pytest.fixture(scope="module")
def chapter_displays():
    return _chapter_producers()


@pytest.fixture(scope="module")
def record_displays():
    return _record_blocks()


def test_every_chapter_producer_fits_a_phone(chapter_displays):
    assert too_wide(chapter_displays) == {}


def test_every_record_display_fits_a_phone(record_displays):
    assert len(record_displays) > 40, "the errata show their printed and corrected forms as $$ blocks"
    assert too_wide(record_displays) == {}


def test_a_planted_long_equation_is_caught_and_broken():
    planted = r"\dot y_1 = " + " + ".join(rf"w_{{{k}1}} f(y_{k} + \theta_{k})" for k in range(1, 7))
    assert too_wide({"planted": planted}) == {"planted": latex_width(planted)}
    assert too_wide({"broken": break_display(planted)}) == {}


def test_a_planted_long_producer_fails_the_rule(monkeypatch):
    """The producers' rule is not vacuous: one producer returning an unbroken sum fails it."""
    long = " + ".join(f"a_{{{k}}} x^{{{k}}}" for k in range(12))
    monkeypatch.setattr(wavefunction, "termination_latex", lambda: long)
    assert "wavefunction.termination_latex" in too_wide(_chapter_producers())


def _symbols(latex: str) -> str:
    """LaTeX without what breaking may add or move: spaces, alignment, line breaks,
    ``aligned`` environments, ``\\quad`` indents, delimiter sizes, the ``\\times``
    of a product broken between lines and the split of a ``\\text{}`` between lines."""
    s = re.sub(r"\\begin\{aligned\}|\\end\{aligned\}|\\\\|&|\\q?quad|\\displaystyle|\\times", "", latex)
    s = re.sub(r"\\(left|right|Bigl|Bigr|bigl|bigr)(?![A-Za-z])", "", s)
    s = s.replace(r"\ ", " ")
    s = re.sub(r"\}\s*\\text\{", "", s)
    return re.sub(r"\s+", "", s)


@pytest.mark.parametrize("latex", [
    r"\dot y_1 = " + " + ".join(rf"w_{{{k}1}} f(y_{k} + \theta_{k})" for k in range(1, 7)),
    r"\begin{aligned} H &= " + " + ".join(f"c_{{{k}}} y_1^{{{k}}} y_2^{{{k}}}" for k in range(8))
    + r"\\ g &= y_1\end{aligned}",
    r"\begin{gathered}" + r",\quad ".join(f"x_{{{k}}} = {k}" for k in range(10)) + r"\\ y = 0\end{gathered}",
    r"\text{both active and only neuron 1 active:}\quad w_{11} = \frac{\tau_1 + \tau_2}{\tau_2},\ w_{22} = 1",
])
def test_breaking_keeps_the_symbols(latex):
    broken = break_display(latex)
    assert broken != latex and latex_width(broken) <= DISPLAY_BUDGET, broken
    assert _symbols(broken) == _symbols(latex)


def test_producers_break_without_changing_symbols(chapter_displays):
    """The chapters' producers broken again, at a narrower limit, still show the same symbols."""
    for name, latex in chapter_displays.items():
        narrower = break_display(latex, budget=DISPLAY_BUDGET - 6)
        if r"\Bigl(" in narrower and r"\Bigl(" not in latex:
            continue   # a fraction opened as 1/B (A): the one rewrite, checked below
        assert _symbols(narrower) == _symbols(latex), name


def test_a_fraction_too_wide_for_a_line_is_opened():
    wide = r"\frac{" + " + ".join(f"a_{{{k}}} b_{{{k}}}" for k in range(8)) + "}{c}"
    broken = break_display(wide)
    assert latex_width(broken) <= DISPLAY_BUDGET
    assert broken.count(r"\frac{1}{c}") == 1


def test_a_short_equation_is_left_alone():
    for latex in ("a = b", r"\psi(y_2) = e^{-y_2^2/2}", r"\begin{aligned}a &= b\\ c &= d\end{aligned}"):
        assert break_display(latex) == latex


def test_width_counts_the_widest_row_of_an_environment():
    rows = r"\begin{aligned}a &= b + c + d\\ e &= f\end{aligned}"
    assert latex_width(rows) == pytest.approx(latex_width("a = b + c + d"))
    matrix = r"\begin{bmatrix}a & b\\ c & d\end{bmatrix}"
    assert latex_width(matrix) < latex_width("a b c d") + 3
    assert np.isclose(latex_width(r"\text{abcd}"), 4 * 0.7)
