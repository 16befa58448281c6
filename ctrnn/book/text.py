"""Formatting shared by the chapters: parameter statements for captions, bounds
as text, Markdown tables, aligned LaTeX and lists of named checks.
"""
from __future__ import annotations

import math
import numbers

import numpy as np
import sympy as sp

from ctrnn.classical.network import CTRNN2


def parameter_text(params) -> str:
    """A network's parameters as text, ``"tau1 = 1, tau2 = 2, ..."``.

    Parameters
    ----------
    params : CTRNN2 or mapping
        A network (its :attr:`~ctrnn.classical.network.CTRNN2.params`) or a mapping of
        parameter names to numbers.

    Raises
    ------
    ValueError
        If a value is not a real number.
    """
    items = params.params if isinstance(params, CTRNN2) else params
    try:
        return ", ".join(f"{k} = {float(v):g}" for k, v in dict(items).items())
    except (TypeError, ValueError):
        raise ValueError(f"params must map parameter names to real numbers, got {params!r}") from None


def bound_label(value, bounds=(1e-12, 1e-10)) -> str:
    """The smallest of ``bounds`` that exceeds ``value``, as text ("1e-12").

    Used to quote a measured rounding-level error as "within 1e-12" without
    printing digits that vary between machines.

    Parameters
    ----------
    value : float
        A non-negative measured error.
    bounds : sequence of float
        Candidate bounds, positive.

    Raises
    ------
    ValueError
        If ``value`` is negative or not finite, ``bounds`` is empty or not
        positive, or ``value`` is not below the largest bound.
    """
    value = float(value)
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"value must be a finite non-negative number, got {value!r}")
    bounds = sorted(float(b) for b in bounds)
    if not bounds or bounds[0] <= 0:
        raise ValueError(f"bounds must be a non-empty sequence of positive numbers, got {bounds!r}")
    for b in bounds:
        if value < b:
            return f"{b:g}"
    raise ValueError(f"value {value!r} must be below the largest bound {bounds[-1]:g}")


# ------------------------------------------------- worked checks of the chapter
def format_checks(checks: dict) -> str:
    """Lines ``"label: value"``, one per entry of a dict of named checks.

    Raises
    ------
    ValueError
        If ``checks`` is not a non-empty dict.
    """
    if not isinstance(checks, dict) or not checks:
        raise ValueError(f"checks must be a non-empty dict of label -> value, got {checks!r}")
    return "\n".join(f"{label}: {value}" for label, value in checks.items())


def markdown_table(header, rows) -> str:
    """A Markdown table from a header (list of column titles) and rows of cells.

    Raises
    ------
    ValueError
        If the header is empty or a row has a different number of cells.
    """
    header = [str(h) for h in header]
    if not header:
        raise ValueError("header must name at least one column")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        row = [str(x) for x in row]
        if len(row) != len(header):
            raise ValueError(f"each row must have {len(header)} cells (the header), "
                             f"got {len(row)}: {row!r}")
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def aligned_zero_equations(exprs) -> str:
    """LaTeX ``aligned`` block stating ``expr = 0`` for each expression, one per line.

    Raises
    ------
    ValueError
        If no expression is given.
    """
    exprs = list(exprs)
    if not exprs:
        raise ValueError("exprs must contain at least one expression")
    return (r"\begin{aligned}" + r"\\".join(sp.latex(e) + " &= 0" for e in exprs)
            + r"\end{aligned}")


# ------------------------------------------------------------ reporting
def decade_above(x) -> float:
    """The smallest power of ten not below ``x`` (at least 1e-16).

    Rounding-level discrepancies (residuals near machine precision) differ
    from run to run in their last digits; reporting the decade that bounds
    them ("below 1e-13") is reproducible.

    Parameters
    ----------
    x : float
        A non-negative finite number, e.g. a largest residual.

    Returns
    -------
    float
        ``10**ceil(log10(max(x, 1e-16)))``.

    Raises
    ------
    ValueError
        If ``x`` is negative or not finite.
    """
    if isinstance(x, bool) or not isinstance(x, numbers.Real) or not np.isfinite(x) or x < 0:
        raise ValueError(f"x must be a non-negative finite number, got {x!r}")
    return float(10.0 ** np.ceil(np.log10(max(float(x), 1e-16))))
