"""Presentation for the chapter *Weyl quantization* (Eqs. 21-22): operators
compared term by term as a Markdown table.
"""
from __future__ import annotations

import sympy as sp


def coefficient_table(columns: dict) -> str:
    """Markdown table comparing operators term by term.

    Parameters
    ----------
    columns : dict
        Column title → :class:`DifferentialOperator`; one row per derivative
        order (highest first), cells in LaTeX.
    """
    orders = sorted(set().union(*[set(op.coeffs) for op in columns.values()]), reverse=True)
    names = {0: "$\\psi$", 1: "$\\psi'$", 2: "$\\psi''$"}
    head = "| coefficient of | " + " | ".join(columns) + " |"
    rule = "| --- |" + " --- |" * len(columns)
    rows = [f"| {names.get(k, f'order {k}')} | " + " | ".join(
        f"${sp.latex(sp.factor_terms(op.coefficient(k)))}$" for op in columns.values()) + " |"
        for k in orders]
    return "\n".join([head, rule, *rows])
