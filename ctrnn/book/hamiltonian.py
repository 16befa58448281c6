"""Presentation for the chapter *When the dynamics are Hamiltonian* (Eqs. 11-20,
Fig. 1): the case and region LaTeX, the Fig. 1 parameter table and the
printed-minus-derived table of the audit's evidence.
"""
from __future__ import annotations

import sympy as sp

from ctrnn.book.text import _symbol_latex, aligned, aligned_rows
from ctrnn.classical.dynamics import REGION_NAMES
from ctrnn.classical.hamiltonian import (
    discriminant,
    fig1_networks,
    region_conditions,
    tau1_cases,
)


def _latex(value) -> str:
    """LaTeX of a SymPy expression stored as a string in the audit's evidence."""
    try:
        return sp.latex(sp.sympify(value), symbol_names={sp.Symbol("const"): r"\text{const}"})
    except (sp.SympifyError, TypeError):
        return rf"\text{{{value}}}"


def tau1_cases_latex() -> str:
    """LaTeX of :func:`~ctrnn.classical.hamiltonian.tau1_cases` (Eqs. (14)-(15)): one line per case, its
    relations joined by "and"; rows separated by ``\\\\`` (wrap in
    :func:`ctrnn.book.text.gathered` for display)."""
    return r"\\".join(r"\quad\text{and}\quad ".join(sp.latex(r) for r in case)
                      for case in tau1_cases())


def region_conditions_latex() -> str:
    """LaTeX of :func:`~ctrnn.classical.hamiltonian.region_conditions`: one line per region, named by
    :data:`ctrnn.classical.dynamics.REGION_NAMES`."""
    def condition(c):
        return r"\text{never (the divergence is negative)}" if c is sp.false else sp.latex(c)

    return r"\\".join(rf"\text{{{REGION_NAMES[r]}}}:\quad {condition(c)}"
                      for r, c in region_conditions().items())


def g_and_h_latex(steps: dict) -> str:
    """LaTeX of g(y1) and H from :func:`ctrnn.classical.hamiltonian.integrate_hamiltonian`,
    as an ``aligned`` block with at most four terms per line (Eqs. 16-18)."""
    return aligned(aligned_rows(steps["g"], "g(y_1)", 3) + aligned_rows(steps["H18"], "H", 4))


def fig1_table():
    """The parameters of :data:`~ctrnn.classical.hamiltonian.FIG1_CASES` and their discriminants, as Markdown.

    Returns
    -------
    str
        One row per case: the weights, inputs and ``E2^2 + 4 C2 D2``
        (tau1 = tau2 = 1 and theta1 = theta2 = 1 in every case).
    """
    rows = ["| case | $w_{11}$ | $w_{12}$ | $w_{21}$ | $w_{22}$ | $I_1$ | $I_2$ | "
            "$\\Delta = E_2^2 + 4C_2D_2$ |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, net in fig1_networks().items():
        p = net.params
        rows.append(f"| {name} | {p['w11']:g} | {p['w12']:g} | {p['w21']:g} | {p['w22']:g} | "
                    f"{p['I1']:g} | {p['I2']:g} | {discriminant(net):g} |")
    return "\n".join(rows)


def difference_table(items=("16", "17", "18", "19", "20")):
    """Markdown table of the "printed minus derived" evidence of the given checks.

    Parameters
    ----------
    items : sequence of str, optional
        Audit ids whose evidence has a ``printed_minus_derived`` (or, for
        Eq. 20, ``first_equality_minus_derived``) entry.

    Returns
    -------
    str
    """
    from ctrnn.audit import run

    rows = ["| Eq. | printed $-$ derived |", "| --- | --- |"]
    for k in items:
        ev = run(k).evidence
        key = next((name for name in ("printed_minus_derived", "first_equality_minus_derived")
                    if name in ev), None)
        if key is None:
            raise ValueError(f"items: check {k!r} has no printed-minus-derived evidence")
        value = ev[key]
        text = ", ".join(f"{n}: {v}" for n, v in value.items()) if isinstance(value, dict) else value
        rows.append(f"| ({k}) | `{text}` |")
    return "\n".join(rows)
