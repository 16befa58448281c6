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
    """LaTeX ``aligned`` block stating ``expr = 0`` for each expression, one per line
    (a line too wide for a phone's column broken further: :func:`break_display`).

    Raises
    ------
    ValueError
        If no expression is given.
    """
    exprs = list(exprs)
    if not exprs:
        raise ValueError("exprs must contain at least one expression")
    return break_display(r"\begin{aligned}" + r"\\".join(sp.latex(e) + " &= 0" for e in exprs)
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
    scrolling (:func:`aligned` breaks a row that is still too wide): the first row is ``lhs &= t1 + t2 + ...``, the
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
    """``\\begin{aligned} row \\\\ row ... \\end{aligned}`` from LaTeX rows, a row
    too wide for a phone's column broken further (:func:`break_display`).

    Raises
    ------
    ValueError
        If ``rows`` is empty.
    """
    rows = list(rows)
    if not rows:
        raise ValueError("rows must contain at least one row")
    return break_display(r"\begin{aligned}" + r"\\".join(rows) + r"\end{aligned}")


def gathered(rows: str) -> str:
    """Rows of LaTeX separated by ``\\\\``, centred one below the other (``gathered``),
    a row too wide for a phone's column broken into lines (:func:`break_display`).

    Raises
    ------
    ValueError
        If ``rows`` is empty.
    """
    if not isinstance(rows, str) or not rows.strip():
        raise ValueError("rows must be non-empty LaTeX")
    return break_display(r"\begin{gathered}" + rows + r"\end{gathered}")


# ------------------------------------------------------ display equations
# MathJax 3 (which the book serves offline) has no automatic line breaking, so
# every display equation is broken into lines by the code that writes it: the
# chapters' Markdown by hand, the strings the book's modules return by
# :func:`break_display`.  Widths are estimated in "letters" (:func:`latex_width`)
# and were calibrated in Chromium against MathJax's typeset widths of every
# display equation of the book: 11 to 14.5 px a letter at the 19.1 px that
# MathJax's display maths has in the book's column.  A line of DISPLAY_BUDGET
# letters so takes at most about 335 px, and fits the 342-358 px a display
# equation has at a 390 px phone width (tests/browser measures the result).
DISPLAY_BUDGET = 23

_ZERO_WIDTH = {r"\left", r"\right", r"\,", r"\!", r"\;", r"\:", r"\displaystyle", r"\limits",
               r"\bigl", r"\bigr", r"\Bigl", r"\Bigr", r"\big", r"\Big", r"\nonumber",
               r"\notag", r"\textstyle", r"\mathstrut"}
_WIDE_COMMANDS = {r"\quad": 1.8, r"\qquad": 3.6, r"\ ": 0.3, r"\,": 0.3, "~": 0.3,
                  r"\Longrightarrow": 2.0, r"\longrightarrow": 2.0, r"\Longleftrightarrow": 2.2,
                  r"\iff": 2.2, r"\implies": 2.0, r"\mapsto": 1.4, r"\to": 1.4,
                  r"\lim": 1.8, r"\det": 1.6, r"\exp": 1.6, r"\log": 1.4, r"\ln": 1.0,
                  r"\sin": 1.4, r"\cos": 1.5, r"\tan": 1.5, r"\max": 1.9, r"\min": 1.7,
                  r"\sup": 1.5, r"\inf": 1.2, r"\sum": 1.4, r"\prod": 1.4, r"\cdot": 0.8,
                  r"\ldots": 1.6, r"\cdots": 1.6, r"\dots": 1.6}
_BIG_OPERATORS = {r"\sum", r"\prod", r"\lim", r"\max", r"\min", r"\sup", r"\inf"}
_MATRICES = {"matrix", "bmatrix", "pmatrix", "vmatrix", "Vmatrix", "smallmatrix", "array", "cases"}
_ALIGNS = {"aligned", "split", "align", "align*", "alignedat", "flalign", "flalign*"}


def _brace_group(s: str, i: int) -> tuple[str, int]:
    """The brace group starting at ``s[i] == '{'``: (content, index after)."""
    depth = 0
    for j in range(i, len(s)):
        if s[j] == "\\":
            continue
        if s[j] == "{" and (j == 0 or s[j - 1] != "\\"):
            depth += 1
        elif s[j] == "}" and (j == 0 or s[j - 1] != "\\"):
            depth -= 1
            if depth == 0:
                return s[i + 1:j], j + 1
    return s[i + 1:], len(s)


def _argument(s: str, i: int) -> tuple[str, int]:
    while i < len(s) and s[i] == " ":
        i += 1
    if i < len(s) and s[i] == "{":
        return _brace_group(s, i)
    if i < len(s) and s[i] == "\\":
        m = re.match(r"\\[A-Za-z]+|\\.", s[i:])
        return m.group(0), i + len(m.group(0))
    return s[i:i + 1], i + 1


def _environment(s: str, i: int) -> tuple[str, str, int]:
    """The environment whose ``\\begin`` is at ``s[i]``: (name, body, index after its ``\\end``)."""
    name, j = _argument(s, i + len(r"\begin"))
    depth, k = 1, j
    pattern = re.compile(r"\\(begin|end)\s*\{([^}]*)\}")
    while depth:
        m = pattern.search(s, k)
        if not m:
            return name, s[j:], len(s)
        depth += 1 if m.group(1) == "begin" else -1
        if depth == 0:
            return name, s[j:m.start()], m.end()
        k = m.end()
    return name, s[j:], len(s)  # pragma: no cover


def _top_level_split(s: str, sep: str, gaps: list | None = None) -> list[str]:
    r"""``s`` split at the ``sep`` (``\\`` or ``&``) outside braces and nested environments;
    the extra space of a ``\\[4pt]`` is appended to ``gaps`` (``""`` for none), one a break."""
    parts, cur, i, depth = [], "", 0, 0
    while i < len(s):
        if s.startswith(r"\begin", i) and not s[i + 6:i + 7].isalpha():
            _, _, j = _environment(s, i)
            cur += s[i:j]
            i = j
            continue
        ch = s[i]
        if ch == "\\" and s.startswith(r"\\", i) and sep == r"\\" and depth == 0:
            parts.append(cur)
            cur = ""
            i += 2
            m = re.match(r"\s*\[[^\]]*\]", s[i:])   # \\[4pt]
            if m:
                i += len(m.group(0))
            if gaps is not None:
                gaps.append(m.group(0).strip() if m else "")
            continue
        if ch == "\\":
            m = re.match(r"\\[A-Za-z]+|\\.", s[i:])
            cur += m.group(0)
            i += len(m.group(0))
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "&" and sep == "&" and depth == 0:
            parts.append(cur)
            cur = ""
            i += 1
            continue
        cur += ch
        i += 1
    parts.append(cur)
    return parts


def _environment_width(name: str, body: str) -> float:
    if name == "array":
        _, j = _argument(body, 0)   # the column specification
        body = body[j:]
    rows = [r for r in _top_level_split(body, r"\\")]
    if rows and not rows[-1].strip() and len(rows) > 1:
        rows = rows[:-1]
    # a matrix's entries are set in text style: its fractions are smaller
    cells = [[latex_width(c, name in _MATRICES) for c in _top_level_split(r, "&")] for r in rows]
    if name in ("gathered", "gather", "gather*", "multline", "multline*", "center"):
        return max((sum(r) for r in cells), default=0.0)
    columns = max((len(r) for r in cells), default=0)
    widest = [max((r[k] for r in cells if k < len(r)), default=0.0) for k in range(columns)]
    if name in _MATRICES:
        gaps = 1.0 * max(columns - 1, 0)
        return sum(widest) + gaps + (0.0 if name in ("matrix", "smallmatrix", "array") else 1.0)
    return sum(widest)


def latex_width(latex: str, _in_fraction: bool = False) -> float:
    """Estimated typeset width of LaTeX, in letters (about 0.5 em each).

    Fractions count their wider part, sub- and superscripts 0.7 of theirs,
    ``\\text{}`` about half a letter a character, relations and binary
    operators with their spaces 1.6; an environment (``aligned``, ``gathered``,
    a matrix) counts its widest row, column by column.  For line breaking
    (:func:`break_display`), not typesetting: it is within about 15 % of what
    MathJax typesets (checked by tests/book/test_display_latex.py's calibration).

    Examples
    --------
    >>> latex_width("x + y") == 1 + 1.6 + 1
    True
    >>> latex_width(r"\\begin{aligned}a &= b\\\\ c &= d + e\\end{aligned}") == latex_width("a = d + e")
    True
    """
    w, i, s = 0.0, 0, latex
    # a sub- and a superscript stack, and so do the limits of a big operator:
    # (what they stack on, the widest so far) of the scripts just read
    stack = None
    while i < len(s):
        ch = s[i]
        if ch in "^_":
            a, i = _argument(s, i + 1)
            size = 0.7 * latex_width(a, _in_fraction)
            if stack is None:
                stack = (0.0, 0.0)
            base, widest = stack
            grown = max(widest, size)
            w += max(grown - base, 0) - max(widest - base, 0)
            stack = (base, grown)
            continue
        stack = None
        if ch == "\\":
            if s.startswith(r"\begin", i) and not s[i + 6:i + 7].isalpha():
                name, body, i = _environment(s, i)
                w += _environment_width(name, body)
                continue
            m = re.match(r"\\[A-Za-z]+|\\.", s[i:])
            cmd = m.group(0)
            i += len(cmd)
            if cmd in (r"\frac", r"\tfrac", r"\dfrac", r"\binom", r"\cfrac"):
                a, i = _argument(s, i)
                b, i = _argument(s, i)
                # a fraction in a fraction is set in a smaller style
                small = cmd == r"\tfrac" or (_in_fraction and cmd == r"\frac")
                w += max(latex_width(a, True), latex_width(b, True)) * (0.75 if small else 1) + 0.6
            elif cmd == r"\sqrt":
                if i < len(s) and s[i] == "[":
                    i = s.index("]", i) + 1
                a, i = _argument(s, i)
                w += latex_width(a, _in_fraction) + 1.2
            elif cmd in (r"\text", r"\textrm", r"\textit", r"\textbf", r"\mbox"):
                a, i = _argument(s, i)
                w += len(a) * 0.7
            elif cmd in (r"\mathrm", r"\operatorname", r"\mathbf", r"\mathit", r"\mathcal",
                         r"\mathbb", r"\boldsymbol", r"\hat", r"\tilde", r"\bar", r"\vec",
                         r"\overline", r"\underline", r"\dot", r"\ddot", r"\widehat", r"\mathsf"):
                a, i = _argument(s, i)
                w += latex_width(a) if cmd not in (r"\mathrm", r"\operatorname") else 0.8 * latex_width(a)
            elif cmd in (r"\end", r"\label", r"\tag", r"\color", r"\hspace", r"\phantom"):
                _, i = _argument(s, i)
            elif cmd in _ZERO_WIDTH:
                pass
            elif cmd in _WIDE_COMMANDS:
                w += _WIDE_COMMANDS[cmd]
                if cmd in _BIG_OPERATORS:   # display limits go above and below
                    stack = (_WIDE_COMMANDS[cmd], _WIDE_COMMANDS[cmd])
            else:
                w += 1.1
        elif ch == "{":
            a, i = _brace_group(s, i)
            w += latex_width(a, _in_fraction)
        elif ch in " }&\n\t":
            i += 1
        elif ch == "~":
            w += 0.3
            i += 1
        elif ch in "=<>+-":
            w += 1.6
            i += 1
        elif ch in ",;.:'()[]|!":
            w += 0.6 if ch not in ":" else 1.0
            i += 1
        else:
            w += 1.0
            i += 1
    return w


_RELATION = re.compile(r"(=|<|>|\\iff|\\le\b|\\ge\b|\\leq\b|\\geq\b|\\to\b|\\approx\b|\\ne\b|\\neq\b"
                       r"|\\Longrightarrow|\\implies|\\equiv\b|\\sim\b)")


def _break_points(latex: str, budget: float, paren_breaks: bool = False) -> list[str]:
    """Split a formula at top level (outside braces, environments and
    ``\\left..\\right``) into pieces that may start a new line: before a
    binary + or -, before a relation, after a comma, before a ``\\quad`` and
    between the words of a long ``\\text{}``."""
    atoms, cur, depth, i, s = [], "", 0, 0, latex
    paren = 0   # plain ( ) and [ ]: no break inside unless paren_breaks

    def flush():
        nonlocal cur
        if cur.strip():
            atoms.append(cur)
        cur = ""

    while i < len(s):
        if s.startswith(r"\begin", i) and not s[i + 6:i + 7].isalpha():
            _, _, j = _environment(s, i)
            cur += s[i:j]
            i = j
            continue
        if s.startswith(r"\left", i) and not s[i + 5:i + 6].isalpha():
            depth += 1
            cur += r"\left"
            i += 5
            continue
        if s.startswith(r"\right", i) and not s[i + 6:i + 7].isalpha():
            depth -= 1
            cur += r"\right"
            i += 6
            continue
        if depth == 0 and paren == 0 and re.match(r"\\text\s*\{", s[i:]):
            body, j = _brace_group(s, s.index("{", i))
            if latex_width(r"\text{" + body + "}") > budget * 0.5:
                chunk = ""
                for word in body.split(" "):
                    if chunk and (len(chunk) + len(word)) * 0.55 > budget * 0.5:
                        cur += r"\text{" + chunk + "}"
                        flush()
                        chunk = ""
                    chunk += word + " "
                # a trailing space as a math space after the group: MathJax
                # shows a "\ " inside \text{} as a backslash
                cur += r"\text{" + chunk.rstrip() + "}" + ("\\ " if body.endswith(" ") else "")
            else:
                cur += s[i:j]
            i = j
            continue
        ch = s[i]
        if ch == "{":
            _, j = _brace_group(s, i)
            cur += s[i:j]
            i = j
            continue
        if ch in "([" and not paren_breaks:
            paren += 1
        elif ch in ")]" and not paren_breaks:
            paren = max(paren - 1, 0)
        if ch == "\\":
            m = re.match(r"\\[A-Za-z]+|\\.", s[i:])
            cmd = m.group(0)
            if cmd in (r"\Bigl", r"\Bigr", r"\bigl", r"\bigr", r"\big", r"\Big") and i + len(cmd) < len(s):
                d = re.match(r"\\[{}|]|\\[A-Za-z]+|.", s[i + len(cmd):]).group(0)
                cur += cmd + d
                i += len(cmd) + len(d)
                continue
            if depth == 0 and paren == 0 and (_RELATION.fullmatch(cmd) or cmd in (r"\quad", r"\qquad")):
                flush()
            cur += cmd
            i += len(cmd)
            continue
        if (depth == 0 and paren == 0 and ch in "+-" and cur.strip()
                and not re.search(r"([=<>(\[,{&^_]|\\[A-Za-z]+)\s*$", cur)):
            flush()
            cur += ch
        elif depth == 0 and paren == 0 and ch in "=<>":
            flush()
            cur += ch
        elif depth == 0 and paren == 0 and ch in ",;":
            cur += ch
            flush()
        else:
            cur += ch
        i += 1
    flush()
    return atoms


def _matching_right(latex: str, i: int) -> int:
    """The index after the delimiter of the ``\\right`` that closes the ``\\left`` at ``latex[i]``."""
    depth, k = 0, i
    pattern = re.compile(r"\\(left|right)(?![A-Za-z])\s*(\\[{}|]|\\[A-Za-z]+|.)")
    while True:
        m = pattern.search(latex, k)
        if not m:
            return len(latex)
        depth += 1 if m.group(1) == "left" else -1
        k = m.end()
        if depth == 0:
            return k


def _narrow_matrices(latex: str, budget: float) -> str:
    """A matrix wider than ``budget``: the numerators of its widest fractions
    stacked on lines (``gathered``) until it fits or nothing is left to stack."""
    out, i = "", 0
    while i < len(latex):
        if latex.startswith(r"\begin", i) and not latex[i + 6:i + 7].isalpha():
            name, body, j = _environment(latex, i)
            if name in _MATRICES - {"array", "cases"}:
                rows = [_top_level_split(r, "&") for r in _top_level_split(body, r"\\")]
                for _ in range(16):
                    if _environment_width(name, r"\\".join("&".join(r) for r in rows)) <= budget:
                        break
                    cells = sorted(((latex_width(c), k, m) for k, r in enumerate(rows) for m, c in enumerate(r)),
                                   reverse=True)
                    for _, k, m in cells:
                        stacked = _stack_numerator(rows[k][m])
                        if stacked != rows[k][m]:
                            rows[k][m] = stacked
                            break
                    else:
                        break
                body = r"\\".join("&".join(r) for r in rows)
            out += r"\begin{" + name + "}" + body + r"\end{" + name + "}"
            i = j
            continue
        out += latex[i]
        i += 1
    return out


def _stack_numerator(cell: str) -> str:
    """``[sign]\\frac{A}{B}`` with a sum A: A's terms on two lines, centred (``gathered``)."""
    m = re.match(r"(\s*-?\s*)\\frac(?![A-Za-z])", cell)
    if not m:
        return cell
    a, j = _argument(cell, m.end())
    b, k = _argument(cell, j)
    if cell[k:].strip() or r"\begin" in a:
        return cell
    atoms = _break_points(a, 0, paren_breaks=False)
    if len(atoms) < 2:
        return cell
    lines = _lines(a, max(latex_width(a) * 0.6, max(latex_width(x) for x in atoms)))
    if len(lines) < 2:
        return cell
    return (m.group(1) + r"\frac{\begin{gathered}" + r"\\".join(_plain(x) for x in lines)
            + r"\end{gathered}}{" + b + "}")


def _unpair(latex: str) -> str:
    """Turn the outermost ``\\left X ... \\right Y`` pairs into ``\\Bigl X ... \\Bigr Y``,
    so that the formula may be broken inside them (``aligned`` lines cannot
    split a ``\\left``/``\\right`` pair)."""
    out, depth, i = "", 0, 0
    while i < len(latex):
        if latex.startswith(r"\begin", i) and not latex[i + 6:i + 7].isalpha():
            _, _, j = _environment(latex, i)
            out += latex[i:j]
            i = j
            continue
        if depth == 0 and latex.startswith(r"\left", i) and not latex[i + 5:i + 6].isalpha():
            end = _matching_right(latex, i)
            inner = re.sub(r"^\\left\s*(\\[{}|]|\\[A-Za-z]+|.)|\\right\s*(\\[{}|]|\\[A-Za-z]+|.)$", "",
                           latex[i:end]).strip()
            if inner.startswith(r"\begin") and _environment(inner, 0)[2] == len(inner):
                out += latex[i:end]   # brackets of a matrix keep growing with it
                i = end
                continue
        for word, step in ((r"\left", 1), (r"\right", -1)):
            if latex.startswith(word, i) and not latex[i + len(word):i + len(word) + 1].isalpha():
                if (step == 1 and depth == 0) or (step == -1 and depth == 1):
                    out += r"\Bigl" if step == 1 else r"\Bigr"
                else:
                    out += word
                depth += step
                i += len(word)
                break
        else:
            out += latex[i]
            i += 1
    return out.replace(r"\Bigl.", "").replace(r"\Bigr.", "")


def _unfrac(latex: str, budget: float) -> str:
    """Rewrite a top-level ``\\frac{A}{B}`` whose numerator is too wide for a
    line as ``\\frac{1}{B}\\Bigl(A\\Bigr)``, so that ``A`` may be broken."""
    out, i = "", 0
    while i < len(latex):
        if latex.startswith(r"\frac", i) and not latex[i + 5:i + 6].isalpha():
            a, j = _argument(latex, i + 5)
            b, k = _argument(latex, j)
            if latex_width(a) > budget - 2.5 and a.strip() != "1":   # with its sign, too wide
                out += r"\frac{1}{" + b + r"}\Bigl(" + a + r"\Bigr)"
            else:
                out += latex[i:k]
            i = k
            continue
        if latex[i] == "{":
            _, j = _brace_group(latex, i)
            out += latex[i:j]
            i = j
            continue
        out += latex[i]
        i += 1
    return out


_FACTOR_START = (r"\Bigl", r"\bigl", r"\left", r"\frac", r"\sqrt", r"{\mathrm{e}}", "e^", r"\exp")


def _factors(latex: str) -> list[str]:
    r"""Split a product at top level between its factors, each new factor
    after the first starting with ``\times``: only after a factor that is
    plainly closed (a fraction, a root, a power, a ``\Bigr)``) and before one
    that plainly opens (a fraction, a root, an exponential, a ``\Bigl(``), so
    that a function and its argument (``H_n\!\Bigl(``, ``f{\left(``) stay together."""
    pieces, cur, i, s, closed, depth = [], "", 0, latex, False, 0
    while i < len(s):
        if depth == 0 and closed and cur.strip() and s.startswith(_FACTOR_START, i):
            pieces.append(cur)
            cur = r"\times "
            closed = False
        if s.startswith(r"\begin", i) and not s[i + 6:i + 7].isalpha():
            _, _, j = _environment(s, i)
            cur, i, closed = cur + s[i:j], j, True
            continue
        m = re.match(r"\\(Bigr|bigr|right)(?![A-Za-z])\s*(\\[{}|]|\\[A-Za-z]+|.)", s[i:])
        if m:
            cur, i = cur + m.group(0), i + len(m.group(0))
            depth -= m.group(1) == "right"
            closed = depth == 0
            continue
        m = re.match(r"\\(Bigl|bigl|left)(?![A-Za-z])\s*(\\[{}|]|\\[A-Za-z]+|.)", s[i:])
        if m:
            cur, i = cur + m.group(0), i + len(m.group(0))
            depth += m.group(1) == "left"
            closed = False
            # a line may end at an opening \Bigl( that follows more than an operator
            if (depth == 0 and m.group(2) == "(" and latex_width(s[i:]) > 4
                    and latex_width(re.sub(r"^\s*(\\times|[-+=])", "", cur)) > 3):
                pieces.append(cur)
                cur = ""
            continue
        m = re.match(r"\\(frac|dfrac|tfrac|sqrt)(?![A-Za-z])", s[i:])
        if m:
            j = i + len(m.group(0))
            if m.group(1) == "sqrt" and j < len(s) and s[j] == "[":
                j = s.index("]", j) + 1
            for _ in range(1 if m.group(1) == "sqrt" else 2):
                _, j = _argument(s, j)
            cur, i, closed = cur + s[i:j], j, depth == 0
            continue
        if s[i] == "^":
            _, j = _argument(s, i + 1)
            cur, i, closed = cur + s[i:j], j, depth == 0
            continue
        if s[i] == "{":
            _, j = _brace_group(s, i)
            cur, i = cur + s[i:j], j
            closed = False
            continue
        if s[i] == " ":
            cur, i = cur + " ", i + 1
            continue
        if s[i] == "\\":
            m = re.match(r"\\[A-Za-z]+|\\.", s[i:])
            cur, i, closed = cur + m.group(0), i + len(m.group(0)), False
            continue
        cur, i, closed = cur + s[i], i + 1, False
    pieces.append(cur)
    return [p for p in pieces if p.strip()]


def _matrix_free(latex: str) -> float:
    """The width of the matrices in ``latex`` (what :func:`_narrow_matrices` may narrow)."""
    total, i = 0.0, 0
    while True:
        k = latex.find(r"\begin", i)
        if k < 0:
            return total
        name, body, i = _environment(latex, k)
        if name in _MATRICES - {"array", "cases"}:
            total += _environment_width(name, body)


def _lines(latex: str, budget: float) -> list[str]:
    """One formula (no line breaks of its own) as lines of at most ``budget``
    letters where it can be broken; a piece that cannot be broken keeps its width."""
    atoms = _break_points(latex, budget)
    for _ in range(3):  # open up \left..\right pairs and fractions too wide for a line
        if max((latex_width(a) for a in atoms), default=0) <= budget:
            break
        latex = _unfrac(_unpair(latex), budget)
        atoms = _break_points(latex, budget)
    # a piece still too wide may break inside its plain parentheses
    atoms = [b for a in atoms
             for b in ([a] if latex_width(a) <= budget else _break_points(a, budget, paren_breaks=True))]
    # and a product still too wide between its factors, with a \times
    atoms = [b for a in atoms for b in ([a] if latex_width(a) <= budget else _factors(a))]
    # a matrix too wide for a line stacks the numerators of its fractions
    atoms = [a if latex_width(a) <= budget else _narrow_matrices(a, budget - (latex_width(a) - _matrix_free(a)))
             for a in atoms]
    # clauses (pieces ending in a comma, or before a \quad) stay on one line
    # when they fit; only a clause wider than a line is broken at its operators
    clauses, clause = [], []
    for atom in atoms:
        if clause and atom.lstrip().startswith((r"\quad", r"\qquad")):
            clauses.append(clause)
            clause = []
        clause.append(atom)
        if atom.rstrip().endswith((",", r",\ ", r",\,")):
            clauses.append(clause)
            clause = []
    if clause:
        clauses.append(clause)
    lines, cur = [], ""

    def put(piece, starts_clause=False):
        nonlocal cur
        if _plain(cur) and latex_width(cur.replace(_CLAUSE, "") + piece) > budget:
            lines.append(cur)
            # a line that starts a clause of its own is not a continuation
            cur = (_CLAUSE if starts_clause else "") + re.sub(r"^\\q?quad\s*", "", piece.lstrip())
        elif not _plain(cur):   # the start of a line: no space before it
            cur += re.sub(r"^\\q?quad\s*", "", piece.lstrip())
        else:
            cur += piece

    for clause in clauses:
        whole = "".join(clause)
        if latex_width(whole) <= budget:
            put(whole, True)
        else:
            if _plain(cur):   # a clause too long for a line starts on a line of its own
                lines.append(cur)
                cur = _CLAUSE
            for atom in clause:
                put(atom)
    lines.append(cur)
    lines = [line for line in lines if _plain(line)]
    return [lines[0].replace(_CLAUSE, "")] + lines[1:] if lines else lines


_CLAUSE = "\x01"   # marks a line of :func:`_lines` that starts a clause (after a comma)


def _plain(line: str) -> str:
    """A line without its clause mark and the spaces (``\\ ``, ``\\,``, ``~``) at its ends."""
    line = line.replace(_CLAUSE, "").lstrip()
    while True:
        # "\\ " and its kin, then plain spaces that end no "\\ "
        trimmed = re.sub(r"(\\[ ,;:!]|~)$|(?<!\\)\s+$", "", line)
        if trimmed == line:
            return line
        line = trimmed


def _continued(lines: list[str]) -> list[str]:
    r"""Lines of one formula as ``aligned`` rows: the first at the left, the
    continuations indented, a line that starts a new clause at the left again."""
    return ["&" + _plain(lines[0])] + [("&" if line.startswith(_CLAUSE) else r"&\quad ") + _plain(line)
                                       for line in lines[1:]]


def _joined(groups: list[list[str]], gaps: list[str]) -> str:
    r"""Rows, each broken into a group of lines, joined again: a ``\\`` between the
    lines of a row, the row's own ``\\[gap]`` after its last line."""
    out = ""
    for k, group in enumerate(groups):
        out += r"\\".join(group)
        if k < len(groups) - 1:
            out += r"\\" + (gaps[k] if k < len(gaps) else "")
    return out


def _rows_fitting(rows: list[str], budget: float, keep_alignment: bool) -> list[list[str]]:
    """Rows of an ``aligned`` block, each too wide one broken into continuation rows
    (one list of lines a row)."""
    split = [_top_level_split(r, "&") for r in rows]
    lhs = [cells[0] if len(cells) > 1 else "" for cells in split]
    if keep_alignment:
        room = budget - max(latex_width(x) for x in lhs)
        out = []
        for cells, left in zip(split, lhs):
            rest = " ".join(cells[1:]) if len(cells) > 1 else cells[0]
            if latex_width(rest) <= room:
                out.append(["&".join(cells)])
                continue
            lines = _lines(rest, room - 1.8)
            out.append([f"{left}&{_plain(lines[0])}"] + [r"&\quad " + _plain(line) for line in lines[1:]])
        return out
    # flush left: each row starts a line, its continuations are indented
    out = []
    for cells in split:
        row = " ".join(c.strip() for c in cells if c.strip())
        out.append(_continued(_lines(row, budget - 1.8)) if latex_width(row) > budget else ["&" + row])
    return out


def break_display(latex: str, budget: float = DISPLAY_BUDGET) -> str:
    r"""A display equation broken into ``aligned`` lines of at most ``budget`` letters.

    The one line breaker of the book (MathJax 3 breaks no lines): a formula
    wider than ``budget`` (:func:`latex_width`) is broken before a binary
    ``+``/``-`` or a relation, after a comma or before a ``\quad``, at the top
    level (inside ``\left...\right`` pairs, fractions and parentheses only when
    a piece is still too wide), the first line at the left and the others
    indented by a ``\quad``; only line breaks and alignment change, never a
    symbol.  An ``aligned`` (or ``split``) block keeps its alignment where the
    left sides leave room and its too-wide rows get continuation rows; a
    ``gathered`` block's too-wide rows become ``aligned`` blocks of their own.
    A formula that fits is returned unchanged, as is a piece that cannot be
    broken (a matrix wider than a line: :func:`display_lines_fit` says so).

    Parameters
    ----------
    latex : str
        LaTeX of one display equation, without ``$$``; a leading
        ``\displaystyle`` (IPython's ``Math``) is kept.
    budget : float
        The widest line, in letters.

    Returns
    -------
    str

    Examples
    --------
    >>> break_display("a = b")
    'a = b'
    >>> print(break_display("y = a + b + c + d + e + f + g + h", budget=12))
    \begin{aligned}&y = a + b + c\\&\quad + d + e + f\\&\quad + g + h\end{aligned}
    """
    if not isinstance(latex, str):
        raise TypeError(f"latex must be a str, got {type(latex).__name__}")
    if latex_width(latex) <= budget:
        return latex
    m = re.match(r"\s*((?:\\displaystyle\s*)?)(.*?)\s*$", latex, re.DOTALL)
    prefix, core = m.group(1), m.group(2)
    whole = re.fullmatch(r"\\begin\{(\w+\*?)\}", core[:core.find("}") + 1]) if core.startswith(r"\begin") else None
    if whole:
        name, body, end = _environment(core, 0)
        if end == len(core) and name in _ALIGNS | {"gathered", "gather", "gather*"}:
            gaps: list[str] = []
            rows = _top_level_split(body, r"\\", gaps)
            if len(rows) > 1 and not rows[-1].strip():
                rows = rows[:-1]
            if name in _ALIGNS:
                out = _rows_fitting(rows, budget, keep_alignment=True)
                if _environment_width("aligned", _joined(out, gaps)) > budget:
                    out = _rows_fitting(rows, budget, keep_alignment=False)
                return prefix + r"\begin{aligned}" + _joined(out, gaps) + r"\end{aligned}"
            out = [[row if latex_width(row) <= budget else
                    r"\begin{aligned}" + r"\\".join(_continued(_lines(row, budget - 1.8))) + r"\end{aligned}"]
                   for row in rows]
            return prefix + r"\begin{" + name + "}" + _joined(out, gaps) + r"\end{" + name + "}"
    lines = _lines(core, budget - 1.8)
    if len(lines) == 1:
        return latex
    return prefix + r"\begin{aligned}" + r"\\".join(_continued(lines)) + r"\end{aligned}"


def display_lines_fit(latex: str, budget: float = DISPLAY_BUDGET) -> bool:
    """Whether a display equation's widest line is at most ``budget`` letters."""
    return latex_width(latex) <= budget
