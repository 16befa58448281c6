"""Presentation for the chapter *The network and its ODEs* (Eqs. 1-10): the
region table, the LaTeX of the four linear systems, the bias-convention table
and the LaTeX of Eq. (1) minus Eqs. (2)-(3).
"""
from __future__ import annotations

import numpy as np
import sympy as sp

from ctrnn.book.text import aligned, aligned_rows, break_display
from ctrnn.classical.dynamics import (
    REGION_NAMES,
    REGIONS,
    _require_array,
    ctrnn_rhs,
    eq1_parameters,
    linear_system_symbolic,
    logistic,
    region_analysis,
)


def bias_convention_table(net, y):
    """Eq. (1) against Eqs. (2)-(3) at sample points, both bias signs, as Markdown.

    For the ReLU and the logistic activation, the largest difference between
    :func:`~ctrnn.classical.dynamics.ctrnn_rhs` (Eq. 1) and ``net.rhs`` (Eqs. 2-3) with the biases as
    printed in Eq. (1) and with their signs flipped (:func:`~ctrnn.classical.dynamics.eq1_parameters`).
    Differences below 1e-12 (rounding) are shown as "< 1e-12".

    Parameters
    ----------
    net : CTRNN2
    y : array_like, shape (2, N)
        Sample states.

    Returns
    -------
    str
    """
    from ctrnn.classical.network import relu

    p = eq1_parameters(net)
    y = _require_array("y", y)
    if y.ndim != 2 or y.shape[0] != 2:
        raise ValueError(f"y must have shape (2, N), got {y.shape}")

    def show(x):
        return "< 1e-12" if x < 1e-12 else f"{x:.3g}"

    rows = [r"| activation | max difference, $\theta$ as printed in (1) "
            r"| max difference, $\theta \to -\theta$ |",
            "| --- | --- | --- |"]
    for name, act in (("ReLU", relu), ("logistic", logistic)):
        two = net.rhs(0.0, y, activation=act)
        flipped = np.abs(ctrnn_rhs(0.0, y, activation=act, **p) - two).max()
        printed = np.abs(ctrnn_rhs(0.0, y, activation=act, **{**p, "theta": -p["theta"]})
                         - two).max()
        rows.append(f"| {name} | {show(printed)} | {show(flipped)} |")
    return "\n".join(rows)


def region_table(net, digits=3):
    """:func:`~ctrnn.classical.dynamics.region_analysis` as a Markdown table (numbers rounded).

    Parameters
    ----------
    net : CTRNN2
    digits : int, optional
        Significant digits of the printed numbers.

    Returns
    -------
    str
        One row per region: name, divergence, equilibrium, whether it lies in
        its region, eigenvalues and type.
    """
    if not (isinstance(digits, int) and 1 <= digits <= 15):
        raise ValueError(f"digits must be an integer in 1..15, got {digits!r}")

    def num(x):
        x = complex(x)
        re_, im_ = float(f"{x.real:.{digits}g}") + 0.0, float(f"{x.imag:.{digits}g}") + 0.0
        return f"{re_:g}" if im_ == 0 else f"${re_:g} {'+' if im_ > 0 else '-'} {abs(im_):g}i$"

    rows = ["| region | divergence | equilibrium | in its region | eigenvalues | type |",
            "| --- | --- | --- | --- | --- | --- |"]
    for r in region_analysis(net):
        eq = "none" if r["equilibrium"] is None else \
            "(" + ", ".join(num(v) for v in r["equilibrium"]) + ")"
        lam = sorted(r["eigenvalues"], key=lambda z: (z.real, z.imag))
        rows.append(f"| {r['name']} | {num(r['divergence'])} | {eq} | "
                    f"{'yes' if r['inside'] else 'no'} | {', '.join(num(v) for v in lam)} | "
                    f"{r['type']} |")
    return "\n".join(rows)


def linear_systems_latex() -> str:
    """LaTeX of the four regions' linear systems dy/dt = A y + b, Eqs. (4)-(8).

    One line per region of :data:`~ctrnn.classical.dynamics.REGIONS` (named by :data:`~ctrnn.classical.dynamics.REGION_NAMES`),
    with A and b from :func:`~ctrnn.classical.dynamics.linear_system_symbolic` as ``bmatrix``.
    """
    rows = []
    for region in REGIONS:
        A, b = linear_system_symbolic(region)
        rows.append(rf"&\text{{{REGION_NAMES[region]}:}}\\ A &= "
                    rf"{sp.latex(A, mat_str='bmatrix', mat_delim='')},"
                    rf"\quad b = {sp.latex(b, mat_str='bmatrix', mat_delim='')}")
    return break_display(r"\begin{aligned}" + r"\\[4pt]".join(rows) + r"\end{aligned}")


def bias_differences_latex() -> str:
    """LaTeX of Eq. (1) for n = 2 minus Eqs. (2) and (3), with the same θ.

    Read from the evidence of the check ``"1-bias"``: both differences are
    non-zero because Eq. (1) prints σ(y_j − θ_j) and Eqs. (2)-(3) f(y_j + θ_j).
    """
    from ctrnn.audit import run

    bias = run("1-bias").evidence
    return r",\qquad ".join(
        rf"\text{{(1)}}_{{n=2,\,i={i}}}-\text{{({k})}} = "
        rf"{sp.latex(sp.sympify(bias[f'eq1_n2_minus_eq{k}_same_theta']))}"
        for i, k in ((1, 2), (2, 3)))


def bias_differences_aligned() -> str:
    """:func:`bias_differences_latex` for display: an ``aligned`` block, two terms a line.

    The same two differences (evidence of the check ``"1-bias"``), expanded
    over the terms of each sum so that no line needs horizontal scrolling.
    """
    from ctrnn.audit import run

    bias = run("1-bias").evidence
    rows = []
    for i, k in ((1, 2), (2, 3)):
        rows += aligned_rows(sp.expand(sp.sympify(bias[f"eq1_n2_minus_eq{k}_same_theta"])),
                             rf"\text{{(1)}}_{{n=2,\,i={i}}}-\text{{({k})}}", 2)
    return aligned(rows)
