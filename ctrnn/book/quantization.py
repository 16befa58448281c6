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
        Column title → :class:`~ctrnn.quantum.weyl.DifferentialOperator`; one row per derivative
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


def hbar_table(net, hbars=(0.5, 1.0, 2.0)) -> str:
    """How the spectrum of Ĥ scales with ħ, as a Markdown table.

    Eq. (21) fixes ħ = 1 (ŷ1 = -i ∂/∂y2, [ŷ2, ŷ1] = i). With a general ħ the
    levels come from ``ctrnn.quantum.planck.numerical_spectrum``
    (diagonalization of the Weyl matrix with explicit ħ; no closed form).
    Columns: ħ, the zero-point term λ0 − H(z*) and the spacing λ1 − λ0 (in
    modulus),
    each also divided by ħ (both ratios are constant: ħ√(−Δ)/2 in modulus and
    ħ√(−Δ)).

    Parameters
    ----------
    net : CTRNN2
        A Hamiltonian network with a discrete spectrum (Δ < 0).
    hbars : sequence of float
        Positive values of ħ.

    Raises
    ------
    ValueError
        If the network has no discrete spectrum (Δ ≥ 0), or an ħ is not positive.
    """
    from ctrnn.book.text import markdown_table
    from ctrnn.quantum import planck
    from ctrnn.quantum.levels import critical_point, has_discrete_spectrum

    if not has_discrete_spectrum(net):
        raise ValueError("net must have a discrete spectrum (Δ < 0, see the wavefunction chapter)")
    hbars = [float(h) for h in hbars]
    if not hbars or min(hbars) <= 0:
        raise ValueError(f"hbars must be positive numbers, got {hbars!r}")
    _, h_star = critical_point(net)
    rows = []
    for hbar in hbars:
        levels = planck.numerical_spectrum(net, 2, hbar)
        zero, gap = levels[0] - h_star, abs(levels[1] - levels[0])
        rows.append([f"{hbar:g}", f"{zero:.6g}", f"{gap:.6g}", f"{zero / hbar:.6g}",
                     f"{gap / hbar:.6g}"])
    return markdown_table([r"$\hbar$", r"$\lambda_0 - H(z^*)$", r"$\lvert\lambda_1 - \lambda_0\rvert$",
                           r"$(\lambda_0 - H(z^*))/\hbar$",
                           r"$\lvert\lambda_1 - \lambda_0\rvert/\hbar$"], rows)
