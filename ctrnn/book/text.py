"""Formatting shared by the chapters: parameter statements for captions, bounds
as text, Markdown tables, aligned LaTeX and lists of named checks.
"""
from __future__ import annotations

import math
import numbers
import re

import numpy as np
import sympy as sp

from ctrnn.classical.network import CTRNN2


_GREEK = {"tau", "theta", "alpha", "beta", "gamma", "delta", "Delta", "xi", "lambda",
          "sigma", "omega", "kappa", "ell"}


def _symbol_latex(name: str) -> str:
    """LaTeX of a parameter name: ``"tau1"`` -> ``\\tau_{1}``, ``"w12"`` -> ``w_{12}``."""
    if name.startswith("Re "):
        return r"\operatorname{Re}" + _symbol_latex(name[3:])
    if "/" in name:
        return "/".join(_symbol_latex(part) for part in name.split("/"))
    m = re.fullmatch(r"([A-Za-z]+?)(\d*)", name)
    if m is None:
        return r"\mathrm{" + name.replace("_", r"\_") + "}"
    stem, sub = m.groups()
    stem = "\\" + stem if stem in _GREEK else (stem if len(stem) == 1 else r"\mathrm{" + stem + "}")
    return stem + (f"_{{{sub}}}" if sub else "")


def parameter_text(params, *, math=False, digits=6) -> str:
    """A network's parameters (or any named numbers) as text for prose and captions.

    The one helper that states a figure's or a table's parameters: chapters
    glue its result instead of typing numbers (tests/book/test_glue.py).

    Parameters
    ----------
    params : CTRNN2 or mapping
        A network (its :attr:`~ctrnn.classical.network.CTRNN2.params`) or a mapping of
        parameter names to numbers, e.g. the coefficients (19)-(20) of
        :meth:`~ctrnn.classical.network.CTRNN2.hamiltonian_coefficients`.
    math : bool, optional
        ``False`` (default): plain text, ``"tau1 = 1, tau2 = 2, ..."``.
        ``True``: MathJax, ``"$\\tau_{1} = 1$, $\\tau_{2} = 2$, ..."``, for the book.
    digits : int, optional
        Significant digits of each number (``g`` format), 1 to 17.

    Returns
    -------
    str

    Raises
    ------
    TypeError
        If ``math`` is not a bool or ``digits`` not an int.
    ValueError
        If a value is not a real number, or ``digits`` is outside 1..17.
    """
    if not isinstance(math, bool):
        raise TypeError(f"math must be a bool, got {math!r}")
    if isinstance(digits, bool) or not isinstance(digits, int):
        raise TypeError(f"digits must be an int, got {digits!r}")
    if not 1 <= digits <= 17:
        raise ValueError(f"digits must be in 1..17, got {digits!r}")
    items = params.params if isinstance(params, CTRNN2) else params
    try:
        pairs = [(str(k), float(v)) for k, v in dict(items).items()]
    except (TypeError, ValueError):
        raise ValueError(f"params must map parameter names to real numbers, got {params!r}") from None
    if not math:
        return ", ".join(f"{k} = {v:.{digits}g}" for k, v in pairs)
    return ", ".join(f"${_symbol_latex(k)} = {v + 0.0:.{digits}g}$" for k, v in pairs)


def bound_label(value, bounds=(1e-12, 1e-10)) -> str:
    """The smallest of ``bounds`` that exceeds ``value``, as text ("1e-12").

    Used to quote a measured rounding-level error as "within 1e-12" without
    printing digits that vary between machines.

    Parameters
    ----------
    value : float or str
        A non-negative measured error, or the audit's statement of one as a
        bound (``"< 1e-13"``), which any bound at least as large covers.
    bounds : sequence of float
        Candidate bounds, positive.

    Raises
    ------
    ValueError
        If ``value`` is negative or not finite, or a string not of the form
        ``"< X"``, ``bounds`` is empty or not positive, or ``value`` is not
        below the largest bound.
    """
    given, strict = value, not isinstance(value, str)
    if not strict:
        head, _, tail = value.partition("<")
        try:
            value = float(tail) if not head.strip() else math.nan
        except ValueError:
            value = math.nan
    value = float(value)
    if not (math.isfinite(value) and value >= 0):
        raise ValueError("value must be a finite non-negative number or a bound '< X', "
                         f"got {given!r}")
    bounds = sorted(float(b) for b in bounds)
    if not bounds or bounds[0] <= 0:
        raise ValueError(f"bounds must be a non-empty sequence of positive numbers, got {bounds!r}")
    for b in bounds:
        if value < b or (not strict and value <= b):
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


def rounding_decade(x) -> float:
    """:func:`decade_above` of ``x``, but at least
    :data:`ctrnn.book.style.ROUNDING_FLOOR` (1e-12).

    The decade of a rounding-level residual (1e-16 to 1e-13) is not reproducible:
    the same computation gives 1e-15 on a CPU with AVX2 and 1e-14 on one with
    AVX-512.  Stated as "below 1e-12" it is the same on both; a residual above
    the floor keeps its own decade.

    Parameters
    ----------
    x : float
        A non-negative finite number.

    Returns
    -------
    float
    """
    from ctrnn.book.style import ROUNDING_FLOOR
    return max(decade_above(x), ROUNDING_FLOOR)


def stated(value, spec: str = ".1e") -> str:
    """A number of the audit's evidence as prose: a bound as the audit states it
    (``"< 1e-12"``, :func:`ctrnn.audit.evidence.bound`), a number formatted by ``spec``.

    Parameters
    ----------
    value : float or str
        An evidence value.
    spec : str, optional
        A format specification for numbers.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If ``value`` is a string that is not a bound ``"< X"``.
    """
    if isinstance(value, str):
        if not value.startswith("< "):
            raise ValueError(f"value must be a number or a bound '< X', got {value!r}")
        return value
    return format(float(value), spec)


def holds(flag, yes: str = "holds", no: str = "fails") -> str:
    """A checked statement's outcome as a word for prose, never ``True``/``False``.

    Parameters
    ----------
    flag : bool
        (or a NumPy boolean)
        The outcome of a check.
    yes, no : str
        The words for a true and a false outcome.

    Raises
    ------
    TypeError
        If ``flag`` is not a boolean.
    """
    if not isinstance(flag, (bool, np.bool_)):
        raise TypeError(f"flag must be a bool, got {type(flag).__name__}")
    return yes if flag else no


def aligned_rows(expr, lhs: str | None = None, per_line: int = 3, rhs: str | None = None) -> list:
    """Rows of an ``aligned`` block that spread the terms of a sum over lines.

    Long display equations are broken so that none needs horizontal
    scrolling (DESIGN.md): the first row is ``lhs &= t1 + t2 + ...``, the
    following rows continue with ``&\\quad + t...``; ``rhs`` ends the last row
    (``... = rhs``).

    Parameters
    ----------
    expr : sympy.Expr
        The sum (a single term gives one row).
    lhs : str, optional
        LaTeX of the left-hand side; without it the first row starts at ``&``.
    per_line : int
        Terms per row, at least 1.
    rhs : str, optional
        LaTeX appended as ``= rhs`` to the last row.

    Returns
    -------
    list of str
        LaTeX rows, to be joined with ``\\\\`` inside ``aligned`` (see :func:`aligned`).

    Raises
    ------
    ValueError
        If ``per_line`` is not a positive integer.
    """
    if isinstance(per_line, bool) or not isinstance(per_line, int) or per_line < 1:
        raise ValueError(f"per_line must be a positive integer, got {per_line!r}")
    expr = sp.sympify(expr)
    terms = expr.as_ordered_terms() if isinstance(expr, sp.Add) else [expr]
    pieces = []
    for t in terms:
        s = sp.latex(t)
        pieces.append(("-", s[1:].lstrip()) if s.startswith("-") else ("+", s))
    rows = []
    for k in range(0, len(pieces), per_line):
        chunk = pieces[k:k + per_line]
        body = " ".join((f"{sg} " if (j or k) or sg == "-" else "") + s
                        for j, (sg, s) in enumerate(chunk)).strip()
        if k == 0:
            rows.append((f"{lhs} &= " if lhs else "& ") + body)
        else:
            rows.append(r"&\quad " + body)
    if rhs is not None:
        rows[-1] += f" = {rhs}"
    return rows


def aligned(rows) -> str:
    """``\\begin{aligned} row \\\\ row ... \\end{aligned}`` from LaTeX rows.

    Raises
    ------
    ValueError
        If ``rows`` is empty.
    """
    rows = list(rows)
    if not rows:
        raise ValueError("rows must contain at least one row")
    return r"\begin{aligned}" + r"\\".join(rows) + r"\end{aligned}"


def gathered(rows: str) -> str:
    """Rows of LaTeX separated by ``\\\\``, centred one below the other (``gathered``).

    Raises
    ------
    ValueError
        If ``rows`` is empty.
    """
    if not isinstance(rows, str) or not rows.strip():
        raise ValueError("rows must be non-empty LaTeX")
    return r"\begin{gathered}" + rows + r"\end{gathered}"
