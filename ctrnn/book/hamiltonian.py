"""Presentation for the chapter *When the dynamics are Hamiltonian* (Eqs. 11-20,
Fig. 1): the case and region LaTeX, the Fig. 1 parameter table and the
printed-minus-derived table of the audit's evidence.
"""
from __future__ import annotations

import sympy as sp

from ctrnn.classical.dynamics import REGION_NAMES
from ctrnn.classical.hamiltonian import (
    discriminant,
    fig1_networks,
    region_conditions,
    tau1_cases,
)


def tau1_cases_latex() -> str:
    """LaTeX of :func:`tau1_cases` (Eqs. (14)-(15)): one line per case, its
    relations joined by "and"."""
    return r"\\".join(r"\quad\text{and}\quad ".join(sp.latex(r) for r in case)
                      for case in tau1_cases())


def region_conditions_latex() -> str:
    """LaTeX of :func:`region_conditions`: one line per region, named by
    :data:`ctrnn.classical.dynamics.REGION_NAMES`."""
    return r"\\".join(rf"\text{{{REGION_NAMES[r]}}}:\quad {sp.latex(c)}"
                      for r, c in region_conditions().items())


def fig1_table():
    """The parameters of :data:`FIG1_CASES` and their discriminants, as Markdown.

    Returns
    -------
    str
        One row per case: the weights, inputs and ``E2^2 + 4 C2 D2``
        (tau1 = tau2 = 1 and theta1 = theta2 = 1 in every case).
    """
    rows = ["| case | w₁₁ | w₁₂ | w₂₁ | w₂₂ | I₁ | I₂ | E₂² + 4C₂D₂ |",
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

    rows = ["| Eq. | printed − derived |", "| --- | --- |"]
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
