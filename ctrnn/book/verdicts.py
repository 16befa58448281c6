"""The record generated from the audit: verdict tables, errata, concordance, card.

Every page of the book that reports verdicts is produced here from
:func:`ctrnn.audit.run_all`, so no verdict is ever typed by hand:

* :func:`table` / :func:`show` -- the verdict table that closes each chapter,
  each item linked to its errata entry;
* :func:`errata_section` -- one errata page per section of the paper, one
  entry (with the stable label :func:`anchor`, e.g. ``errata-22``) per item;
* :func:`concordance_table` -- paper equation, where the book derives it, the
  book's label for the corrected form, verdict, errata entry;
* :func:`card`, :func:`summary_table`, :func:`conclusion` -- the landing page.

Readers see items by name (:func:`item_name`: "Eq. (22)", "Fig. 1",
"Eq. (40), the conclusion"), never by the audit's ids.  Evidence is shown as
mathematics and rounded numbers (:func:`render_value`), not as JSON.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from ctrnn.audit import CHAPTERS, STATES, VERDICTS, Verdict, chapter_of, counts, run_all
from ctrnn.audit import ids as item_ids
from ctrnn.book.text import DISPLAY_BUDGET, break_display, latex_width

# --------------------------------------------------------------------- naming
#: Readable names of the suffixes of claim ids (``"40-conclusion"``); an
#: unknown suffix is shown with its hyphens as spaces.
SUFFIX_NAMES = {
    "bias": "the sign of the bias",
    "names": "the names of its constants",
    "cases": "its three cases",
    "free": "the unconstrained weights",
    "ref": "the cross-reference",
    "region": "where it holds",
    "discrete": "a discrete spectrum",
    "printed": "as printed",
    "alt": "the alternative reading",
    "psi": "the paper's eigenfunctions",
    "real": "real parts",
    "conclusion": "the conclusion",
    "decay": "decay and normalizability",
    "alpha-beta": "the terminating series",
}

#: The sections of the paper the audit assigns items to (:func:`ctrnn.audit.section_of`).
SECTION_TITLES = {
    "II": "Section II: deriving a Hamiltonian",
    "III": "Section III: deriving the wavefunction",
}

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _check_id(equation) -> str:
    if not isinstance(equation, str):
        raise TypeError(f"equation must be an item id (str), got {type(equation).__name__}")
    if not _ID.match(equation):
        raise ValueError("equation must be an audit item id of lower-case letters, digits "
                         f"and hyphens (\"22\", \"fig1\", \"40-conclusion\"), got {equation!r}")
    return equation


def item_name(equation: str) -> str:
    """The name a reader sees for an audited item.

    Parameters
    ----------
    equation : str
        An audit item id: an equation number (``"22"``), a figure
        (``"fig1"``) or a claim about an equation (``"40-conclusion"``).

    Returns
    -------
    str
        ``"Eq. (22)"``, ``"Fig. 1"``, ``"Eq. (40), the conclusion"``.

    Raises
    ------
    TypeError
        If ``equation`` is not a string.
    ValueError
        If ``equation`` is not of the form of an item id.

    Examples
    --------
    >>> item_name("22"), item_name("fig1"), item_name("40-conclusion")
    ('Eq. (22)', 'Fig. 1', 'Eq. (40), the conclusion')
    >>> item_name("38-printed")
    'Eq. (38), as printed'
    """
    head, _, tail = _check_id(equation).partition("-")
    if head.isdigit():
        name = f"Eq. ({head})"
    elif head.startswith("fig") and head[3:].isdigit():
        name = f"Fig. {head[3:]}"
    else:
        name = head.capitalize()
    if tail:
        name += ", " + SUFFIX_NAMES.get(tail, tail.replace("-", " "))
    return name


def anchor(equation: str) -> str:
    """The stable label of an item's errata entry, ``"errata-<id>"``.

    Raises
    ------
    TypeError, ValueError
        As :func:`item_name`.

    Examples
    --------
    >>> anchor("22"), anchor("38-printed")
    ('errata-22', 'errata-38-printed')
    """
    return "errata-" + _check_id(equation)


def item_link(equation: str) -> str:
    """MyST cross-reference to an item's errata entry, showing its name."""
    return f"{{ref}}`{item_name(equation)} <{anchor(equation)}>`"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


# ------------------------------------------------------------ chapter tables
def table(verdicts: list[Verdict], corrected: bool = False, ids=None) -> str:
    """A Markdown table of verdicts, each item linked to its errata entry.

    Parameters
    ----------
    verdicts : list of Verdict
    corrected : bool
        Add a column with the corrected form (LaTeX).
    ids : iterable of str, optional
        The audit's item ids: the summaries link the items they mention by
        name (:func:`summary_markdown`), as the errata pages and the chapters'
        tables (:func:`show`) do. None shows the summaries as the audit writes them.

    Returns
    -------
    str
        Columns: item (a link to :func:`anchor`), verdict, summary[, corrected].
    """
    head = "| item | verdict | summary |" + (" corrected form |" if corrected else "")
    rule = "| --- | --- | --- |" + (" --- |" if corrected else "")
    rows = []
    for v in verdicts:
        summary = _cell(v.summary) if ids is None else summary_markdown(v.summary, ids)
        row = f"| {item_link(v.equation)} | **{v.verdict}** | {summary} |"
        if corrected:
            row += f" {'$' + _cell(v.corrected) + '$' if v.corrected else ''} |"
        rows.append(row)
    return "\n".join([head, rule, *rows])


def show(chapter: str | None = None, corrected: bool = False):
    """Display a chapter's verdict table in a notebook (IPython Markdown); the
    items its summaries mention are linked by name, as on the errata pages."""
    from IPython.display import Markdown
    return Markdown(table(run_all(chapter), corrected=corrected, ids=item_ids()))


# ------------------------------------------------------------- landing page
def summary_table(verdicts: list[Verdict] | None = None) -> str:
    """Markdown table: one row per chapter, one column per verdict.

    Columns for ``unchecked`` and ``failed`` appear only when some item is in
    that state, so an incomplete audit is visible at a glance.
    """
    verdicts = run_all() if verdicts is None else verdicts
    total = counts(verdicts)
    states = [s for s in STATES if s in VERDICTS or total[s]]
    lines = ["| chapter | items | " + " | ".join(states) + " |",
             "| --- | --- | " + " | ".join("---" for _ in states) + " |"]
    for key, (title, _) in CHAPTERS.items():
        mine = [v for v in verdicts if chapter_of(v.equation) == key]
        c = counts(mine)
        lines.append(f"| {{doc}}`{title} </book/{key}>` | {len(mine)} | "
                     + " | ".join(str(c[s]) for s in states) + " |")
    lines.append(f"| **all** | **{len(verdicts)}** | "
                 + " | ".join(f"**{total[s]}**" for s in states) + " |")
    return "\n".join(lines)


def _n(k, one, many):
    return f"{k} {one if k == 1 else many}"


def overall(verdicts: list[Verdict]) -> str:
    """The overall conclusion in one sentence, computed from the verdicts.

    Returns
    -------
    str
        Whether the paper's chain of results survives: "reproduced as
        printed", "reproduced with corrections" or, when some check did not
        run, "incomplete".
    """
    c = counts(verdicts)
    if c["unchecked"] or c["failed"]:
        return (f"Audit incomplete: {_n(c['unchecked'] + c['failed'], 'item has', 'items have')} "
                "no verdict yet, so no overall conclusion is drawn.")
    if c["erratum"] == 0:
        return ("Reproduced: every audited item holds as printed or under the conditions "
                "stated, up to notation.")
    return (f"Reproduced with corrections: {_n(c['erratum'], 'item is', 'items are')} false "
            f"as printed and corrected here; {c['confirmed'] + c['conditional']} of "
            f"{len(verdicts)} items hold as printed or under stated conditions.")


def conclusion(verdicts: list[Verdict] | None = None) -> str:
    """A short conclusion computed from the verdict counts, errata linked by name."""
    verdicts = run_all() if verdicts is None else verdicts
    c = counts(verdicts)
    n = len(verdicts)
    errata = [item_link(v.equation) for v in verdicts if v.verdict == "erratum"]
    parts = [f"Of the {n} audited items, {_n(c['confirmed'], 'is', 'are')} confirmed as printed, "
             f"{_n(c['conditional'], 'holds', 'hold')} only under extra conditions, "
             f"{_n(c['notation'], 'is a notational slip', 'are notational slips')} "
             f"that change no result, and {_n(c['erratum'], 'is an erratum', 'are errata')}."]
    if errata:
        parts.append(("The erratum is " if len(errata) == 1 else "The errata are ")
                     + ", ".join(errata) + ".")
    if c["unchecked"] or c["failed"]:
        parts.append(f"{_n(c['unchecked'], 'item is', 'items are')} not yet checked and "
                     f"{_n(c['failed'], 'check', 'checks')} failed to run; the audit is incomplete.")
    return " ".join(parts)


def card(verdicts: list[Verdict], audit_json: str) -> str:
    """The verdict card of the landing page, in the manner of a replication report.

    Parameters
    ----------
    verdicts : list of Verdict
        The audit (one run; the same run is written to ``audit_json``).
    audit_json : str
        Path of the audit's JSON file, relative to the page, for ``{download}``.

    Returns
    -------
    str
        A MyST admonition: the paper, what was reproduced, the overall
        conclusion, counts per verdict (each linked to the concordance
        filtered by it) and the download.
    """
    c = counts(verdicts)
    states = [s for s in STATES if s in VERDICTS or c[s]]
    errata = [item_link(v.equation) for v in verdicts if v.verdict == "erratum"]
    rows = "\n".join(f"| **{s}** | {c[s]} |" for s in states)
    lines = [
        ":::{admonition} Verdict card",
        ":class: record-card",
        "",
        "**Paper.** I. S. Kohli and M. C. Haslam, *The Wavefunction of Continuous-Time "
        "Recurrent Neural Networks*, arXiv:2102.09399 {cite:p}`kohli2021wavefunction`.",
        "",
        f"**Reproduced.** {len(verdicts)} audited items: every numbered equation (1)–(40), "
        "Fig. 1 and the claims the text makes about them, each derived independently "
        "(SymPy) and checked numerically (NumPy/SciPy) by {py:mod}`ctrnn.audit`.",
        "",
        f"**Conclusion.** {overall(verdicts)}",
        "",
        "| verdict | items |",
        "| --- | --- |",
        rows,
        f"| **all** | **{len(verdicts)}** |",
        "",
    ]
    if errata:
        lines += ["**Errata.** " + ", ".join(errata) + ".", ""]
    lines += [f"**Data.** {{download}}`audit.json <{audit_json}>`: the audit this page was "
              "built from, the output of `python -m ctrnn audit --json`. Every item is in the "
              "{doc}`concordance </book/concordance>`.",
              ":::", ""]
    return "\n".join(lines)


# ------------------------------------------------------------------ evidence
_SYMBOL = re.compile(r"^(tau|theta|xi|w|I|C|D|E|y|K|A|x|z)\d+$")
_WORD_SYMBOLS = {"r", "c", "s", "k", "m", "n", "t", "x", "y", "z", "lamda", "Delta", "alpha",
                 "beta", "const", "L", "q", "p", "psi", "phi"}
_COMPLEX_I = re.compile(r"^\(?[-+]?\d+(\.\d*)?(e[-+]?\d+)?[-+]\d+(\.\d*)?(e[-+]?\d+)?[ij]\)?$")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]$<>{}|])")
#: The spans of an audit summary that are mathematics (``$...$``) or code (```...```):
#: kept as written, the rest escaped (:func:`summary_markdown`).
_MATH_OR_CODE = re.compile(r"(\$[^$]+\$|`[^`]+`)")
_MATH_SPAN = re.compile(r"\$[^$]+\$")


def _map_prose(text: str, prose) -> str:
    """``text`` with ``prose`` applied to what lies outside its ``$...$`` and ```...``` spans."""
    return "".join(p if k % 2 else prose(p) for k, p in enumerate(_MATH_OR_CODE.split(str(text))))


def _markdown_with_math(text: str) -> str:
    """``text`` escaped for Markdown except its ``$...$`` and ```...``` spans."""
    return _map_prose(text, _text)


def _text(s: str) -> str:
    """Plain text, escaped for Markdown (no accidental emphasis, math or roles)."""
    return _MD_SPECIAL.sub(r"\\\1", str(s).replace("\n", " "))


def _sympy(s: str):
    """Parse ``s`` as a SymPy expression written by the audit, or None.

    Only strings whose free symbols are the paper's (``tau1``, ``w12``,
    ``C2``, ``Delta``, ...) or short names are taken as mathematics, so prose
    ("centre", "4000 networks, seed 38") stays text.
    """
    import sympy as sp
    from sympy.parsing.sympy_parser import parse_expr, standard_transformations

    if not s or len(s) > 2000 or not re.search(r"[A-Za-z0-9]", s):
        return None
    src = re.sub(r"\s+", " ", re.sub(r"\blambda\b", "lamda", s))
    try:
        value = parse_expr(src, transformations=standard_transformations,
                           local_dict={n: sp.Symbol(n) for n in _WORD_SYMBOLS})  # beta, not B()
    except Exception:  # not an expression: prose
        return None
    if isinstance(value, sp.MatrixBase):
        value = sp.ImmutableMatrix(value)
    atoms = value if isinstance(value, (tuple, list)) else (
        list(value.values()) if isinstance(value, dict) else [value])
    for atom in atoms:
        if not isinstance(atom, sp.Basic):
            return None
        for sym in atom.free_symbols:
            if not (_SYMBOL.match(sym.name) or sym.name in _WORD_SYMBOLS):
                return None
        for fn in atom.atoms(sp.Function):
            if isinstance(fn, sp.core.function.AppliedUndef) and fn.func.__name__ not in ("f", "g", "psi", "H"):
                return None
    return value


def _latex(expr) -> str:
    import sympy as sp
    if isinstance(expr, sp.MatrixBase):
        return sp.latex(expr, mat_delim="", mat_str="bmatrix")
    if isinstance(expr, (tuple, list)):
        return r",\quad ".join(_latex(e) for e in expr)
    text = sp.latex(expr)
    return text.replace(r"\mathtt{\text{const}}", r"\text{const}").replace(
        r"\text{const}", r"\mathrm{const}")


def number(x) -> str:
    """A number as Markdown: rounded, or as a bound when it is at rounding level.

    * exactly 0 prints ``0``; integers print in full;
    * magnitudes below ``1e-20`` (high-precision arithmetic) print as the
      decade that bounds them, ``< 10^{-30}``;
    * magnitudes in ``[1e-20, 1e-12)`` -- rounding level in double precision,
      whose digits change with BLAS threads -- print as ``< 10^{-12}``;
    * magnitudes in ``[1e-12, 1e-6)`` print as the decade that bounds them;
    * everything else with three significant digits.

    Parameters
    ----------
    x : int, float or bool

    Raises
    ------
    TypeError
        If ``x`` is not a real number.

    Examples
    --------
    >>> number(3.52e-13), number(8.86e-09), number(1.32e-31), number(0.6730001)
    ('$<10^{-12}$', '$<10^{-8}$', '$<10^{-30}$', '0.673')
    >>> number(True), number(4000), number(2.5e6)
    ('yes', '4000', '$2.5\\\\times 10^{6}$')
    """
    if isinstance(x, bool):
        return "yes" if x else "no"
    if isinstance(x, int):
        return str(x)
    if not isinstance(x, float):
        raise TypeError(f"x must be a real number, got {type(x).__name__}")
    if x == 0:
        return "0"
    if math.isnan(x):
        return "not a number"
    if math.isinf(x):
        return "$\\infty$" if x > 0 else "$-\\infty$"
    ax = abs(x)
    sign = "" if x > 0 else r"\lvert\cdot\rvert "
    if ax < 1e-6:
        k = -12 if 1e-20 <= ax < 1e-12 else math.ceil(math.log10(ax))
        return f"${sign}<10^{{{k}}}$"
    text = f"{x:.3g}"
    if "e" in text:
        mant, exp = text.split("e")
        return f"${mant}\\times 10^{{{int(exp)}}}$"
    return text


# Display equations are broken into lines by the book's one line breaker,
# ctrnn.book.text.break_display, to DISPLAY_BUDGET letters a line (a phone's
# column); a formula shorter than _INLINE_BUDGET letters stays inline.
_WIDTH_BUDGET = DISPLAY_BUDGET
_INLINE_BUDGET = 12
width = latex_width


def display(latex: str, budget: float = _WIDTH_BUDGET) -> str:
    """LaTeX for a display equation of the record, without trailing punctuation,
    broken into ``aligned`` lines of at most ``budget`` letters
    (:func:`ctrnn.book.text.break_display`)."""
    return break_display(latex.strip().rstrip(",.").strip(), budget)


def _math_block(latex: str, indent: str) -> str:
    body = display(latex)
    return f"\n\n{indent}$$\n{indent}{body}\n{indent}$$\n"


_PARAM = re.compile(r"^(tau|w|theta|I|C|D|E)\d+$")


def _is_params(value) -> bool:
    return (isinstance(value, Mapping) and value
            and all(isinstance(k, str) and _PARAM.match(k) for k in value)
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value.values()))


def _inline_math_or_block(latex: str, indent: str) -> str:
    if width(latex) <= _INLINE_BUDGET:
        return f"${latex}$"
    return _math_block(latex, indent).rstrip("\n")


def render_value(value, indent: str = "") -> str:
    """One evidence value as Markdown: mathematics, rounded numbers or text.

    * booleans print as yes/no, numbers by :func:`number`;
    * strings the audit wrote from SymPy (``"(tau1*(w22 - 1) + ...)/(tau1*tau2)"``,
      ``"Eq(...)"``, ``"Matrix(...)"``) print as LaTeX, long ones as a
      display broken into lines; complex numbers rounded; other strings as text;
    * a network's parameters as ``τ₁ = 1, w₁₂ = 2, ...`` in mathematics;
    * lists as comma-separated values (nested lists and mappings as nested
      bullet lists).

    Parameters
    ----------
    value : object
        A JSON-serialisable evidence value.
    indent : str
        Indentation of the enclosing bullet list (for nested items).
    """
    import sympy as sp

    if value is None:
        return "none"
    if isinstance(value, (bool, int, float)):
        return number(value)
    if isinstance(value, str):
        s = value.strip()
        if _COMPLEX_I.match(s) or re.fullmatch(r"\(?[-+]?[\d.e+-]*j\)?", s) and any(c.isdigit() for c in s):
            try:
                z = complex(s.replace("i", "j"))
                return _complex(z)
            except ValueError:
                pass
        expr = _sympy(s)
        if expr is not None and not isinstance(expr, dict):
            if isinstance(expr, sp.Basic) and expr.is_number and not expr.free_symbols:
                try:
                    z = complex(expr)
                    if z.imag == 0:
                        return number(float(z.real)) if not expr.is_Integer else str(int(expr))
                    return _complex(z)
                except (TypeError, ValueError):
                    pass
            return _inline_math_or_block(_latex(expr), indent + "  ")
        if isinstance(expr, dict):
            return render_value({str(k): str(v) for k, v in expr.items()}, indent)
        if "$" in s:           # prose written with its mathematics: escape the prose only
            return _markdown_with_math(s)
        return _text(s)
    if _is_params(value):
        return ", ".join(f"${_latex(sp.Symbol(k))} = {number(float(v)).strip('$')}$"
                         for k, v in value.items())
    if isinstance(value, Mapping):
        return "\n" + "\n".join(f"{indent}  - {_key(k)}: {render_value(v, indent + '  ')}"
                                for k, v in value.items())
    if isinstance(value, Sequence):
        items = list(value)
        shown, more = items[:12], len(items) - 12
        if all(isinstance(x, (bool, int, float, str)) and not (isinstance(x, str) and len(x) > 40)
               for x in shown):
            parts = [render_value(x, indent) for x in shown]
            if all("\n" not in p for p in parts):
                return ", ".join(parts) + (f", … ({len(items)} in all)" if more > 0 else "")
        text = "\n" + "\n".join(f"{indent}  - *{i}.* {render_value(x, indent + '  ')}"
                                for i, x in enumerate(shown, 1))
        return text + (f"\n{indent}  - … ({len(items)} in all)" if more > 0 else "")
    return _text(str(value))


def _complex(z: complex) -> str:
    re_, im = number(z.real).strip("$"), number(abs(z.imag)).strip("$")
    if z.imag == 0:
        return f"${re_}$"
    if z.real == 0:
        return f"${'-' if z.imag < 0 else ''}{im}\\,i$"
    return f"${re_} {'-' if z.imag < 0 else '+'} {im}\\,i$"


_ABBREVIATIONS = {"rel": "relative", "abs": "absolute", "diff": "difference", "err": "error",
                  "lt": "<", "gt": ">", "num": "numerical",
                  "Re": "real part of", "Im": "imaginary part of"}
#: Relations in evidence keys, as TeX.
_KEY_RELATIONS = {"le": r"$\le$", "ge": r"$\ge$"}
_KEY_TOKEN = re.compile(r"\b(eq|lhs|rhs|fig)(\d+)\b"
                        r"|\b((?:tau|theta|xi|w|C|D|E|y|I|K)\d+|Delta|lambda|theta|tau|xi)\b"
                        r"|\b(le|ge)\b")


def _key(key) -> str:
    """An evidence key as a readable label: ``lhs38_minus_xi1`` -> "lhs (38) minus $\\xi_1$"."""
    text = str(key)
    if "$" in text:            # written with its mathematics: only the prose is escaped
        return "*" + _map_prose(text, _key_words).strip() + "*"
    if " " not in text:
        words = text.split("_")
        text = " ".join(_ABBREVIATIONS.get(w, w) for w in words)
    return "*" + _key_words(text).strip() + "*"


def _key_words(text: str) -> str:
    """Prose of an evidence key, its symbol names (``xi1``, ``Delta``) as TeX."""
    import sympy as sp
    out, last = [], 0
    for m in _KEY_TOKEN.finditer(text):
        out.append(_text(text[last:m.start()]))
        if m.group(4):
            out.append(_KEY_RELATIONS[m.group(4)])
        elif m.group(1):
            if m.group(1) == "fig":
                out.append(f"Fig. {m.group(2)}")
            else:
                word = {"eq": "Eq.", "lhs": "left side of", "rhs": "right side of"}[m.group(1)]
                out.append(f"{word} ({m.group(2)})")
        else:
            name = m.group(3).replace("lambda", "lamda")
            out.append(f"${sp.latex(sp.Symbol(name))}$")
        last = m.end()
    out.append(_text(text[last:]))
    return "".join(out)


def render_evidence(evidence: Mapping) -> str:
    """Evidence as a Markdown bullet list of readable labels and values.

    The ``traceback`` of a failed check is left out (the summary names the
    error).

    Raises
    ------
    TypeError
        If ``evidence`` is not a mapping.
    """
    if not isinstance(evidence, Mapping):
        raise TypeError(f"evidence must be a mapping of names to values, got {type(evidence).__name__}")
    lines = [f"- {_key(k)}: {render_value(v)}" for k, v in evidence.items() if k != "traceback"]
    return "\n".join(lines) if lines else "- (no evidence recorded)"


# -------------------------------------------------------------------- errata
def printed_latex(equation: str) -> str | None:
    """The LaTeX the paper prints for an item's equation
    (:data:`ctrnn.paper.equations.LATEX`), or None for a figure."""
    head = _check_id(equation).split("-")[0]
    if not head.isdigit():
        return None
    from ctrnn.paper import LATEX
    return LATEX.get(int(head))


def _where(equation: str, sections: Mapping | None, prefix: str) -> str:
    chapter = chapter_of(equation)
    if chapter is None:
        return "not shown in a chapter"
    title = CHAPTERS[chapter][0]
    found = (sections or {}).get(equation) or (sections or {}).get(equation.split("-")[0])
    if found:
        heading, slug = found
        return (f"[{_markdown_with_math(heading)}](/book/{chapter}.ipynb#{slug}), "
                f"in {{doc}}`{title} </book/{chapter}>`")
    return f"{{doc}}`{title} </book/{chapter}>`"


#: Works that the audit's summaries name, by the words that name them, and
#: their keys in ``references.bib``: an errata entry cites the work where its
#: summary first names it.
CITED_WORKS = {
    "McCoy's formula": "mccoy1932function",
}


def summary_markdown(summary: str, ids=()) -> str:
    """An item's summary as Markdown for its errata entry and tables: the audit ids of
    other items it mentions (``"(see 38-printed)"``) become links that show
    the items' names, and the first mention of a work of :data:`CITED_WORKS`
    is cited.

    Parameters
    ----------
    summary : str
    ids : iterable of str
        The audit's item ids; only these are linked.

    Examples
    --------
    >>> summary_markdown("true (see 38-alt).", ["38-alt", "38"])
    'true (see {ref}`Eq. (38), the alternative reading <errata-38-alt>`).'
    >>> summary_markdown("checked with McCoy's formula")
    "checked with McCoy's formula {cite:p}`mccoy1932function`"

    Mathematics (``$...$``) and code (```...```) pass through unescaped:

    >>> summary_markdown(r"for $w_{12} > 0$ (see 38-alt) *not* `ctrnn.audit`", ["38-alt"])
    'for $w_{12} > 0$ (see {ref}`Eq. (38), the alternative reading <errata-38-alt>`) \\\\*not\\\\* `ctrnn.audit`'
    """
    named = [i for i in ids if "-" in i or not i.isdigit()]   # "22" stays an equation number
    pattern = "|".join(re.escape(i) for i in sorted(named, key=len, reverse=True))
    pieces = []
    for k, piece in enumerate(_MATH_OR_CODE.split(str(summary).replace("\n", " "))):
        if k % 2:                      # $...$ or `...`: MathJax and code pass through
            pieces.append(piece)
            continue
        piece = _text(piece)
        if pattern:
            piece = re.sub(rf"(?<![\w-])({pattern})(?![\w-])",
                           lambda m: item_link(m.group(1)), piece)
        pieces.append(piece)
    text = "".join(pieces)
    for words, key in CITED_WORKS.items():
        text = text.replace(words, f"{words} {{cite:p}}`{key}`", 1)
    return text


def errata_entry(v: Verdict, sections: Mapping | None = None, ids=()) -> str:
    """One item's errata entry: label, heading, verdict, summary, printed and
    corrected forms, evidence, and where the chapter shows it.

    Parameters
    ----------
    v : Verdict
    sections : mapping, optional
        Item id (or equation number) -> (heading, slug) of the chapter
        section that shows it (:func:`chapter_sections`).
    ids : iterable of str, optional
        The audit's item ids, linked by name where the summary mentions
        them (:func:`summary_markdown`).
    """
    out = [f"({anchor(v.equation)})=", f"### {item_name(v.equation)} — {v.verdict}", "",
           f"**Verdict: {v.verdict}.** " + summary_markdown(v.summary, ids), ""]
    printed = printed_latex(v.equation)
    if printed:
        out += ["As printed:", "", "$$", display(printed), "$$", ""]
    if v.corrected:
        out += ["Corrected:" if v.verdict == "erratum" else "Read as:", "", "$$",
                display(v.corrected), "$$", ""]
    out += ["Evidence:", "", render_evidence(v.evidence), "",
            "Shown in " + _where(v.equation, sections, "") + ".", ""]
    return "\n".join(out)


def errata_section(section: str, verdicts: list[Verdict], sections: Mapping | None = None) -> str:
    """The body of the errata page for one section of the paper: a heading per
    chapter, an entry (:func:`errata_entry`) per item, in the paper's order.

    Raises
    ------
    ValueError
        If ``section`` is not a key of :data:`SECTION_TITLES`.
    """
    if section not in SECTION_TITLES:
        raise ValueError(f"section must be one of {list(SECTION_TITLES)}, got {section!r}")
    mine = [v for v in verdicts if v.section == section]
    ids = [v.equation for v in verdicts]
    out = []
    for key, (title, _) in CHAPTERS.items():
        items = [v for v in mine if chapter_of(v.equation) == key]
        if items:
            out += [f"## {title}", "", table(items, ids=ids), ""]
            out += [errata_entry(v, sections, ids) for v in items]
    rest = [v for v in mine if chapter_of(v.equation) is None]
    if rest:
        out += ["## Other items", ""] + [errata_entry(v, sections, ids) for v in rest]
    return "\n".join(out)


def errata_markdown(verdicts: list[Verdict] | None = None, sections: Mapping | None = None) -> str:
    """Every errata page's body, one after the other (:func:`errata_section`)."""
    verdicts = run_all() if verdicts is None else verdicts
    return "\n".join(f"# {SECTION_TITLES[s]}\n\n" + errata_section(s, verdicts, sections)
                     for s in SECTION_TITLES)


# ------------------------------------------------------------- concordance
#: The book's own labelled equation for an item's corrected (or derived)
#: form, where a chapter displays one; checked by the build (a missing label
#: is an error) and by tests/book/test_record.py.
BOOK_LABELS = {
    "1-bias": "odes-eq2-3",
    "9": "odes-exit-time", "10": "odes-exit-time",
    "9-names": "odes-eq9-10",
    "18-region": "odes-trace",
    "fig1": "ham-linear",
    "21": "quantization-weyl",
    "22": "quantization-hhat",
    "23": "wavefunction-true",
    "25": "wavefunction-eigenfunctions", "26": "wavefunction-eigenfunctions",
    "27": "wavefunction-eigenfunctions", "28": "wavefunction-eigenfunctions",
    "29": "wavefunction-levels",
    "32": "wavefunction-eigenfunctions", "33": "wavefunction-eigenfunctions",
    "31-discrete": "wavefunction-levels",
    "36": "wavefunction-levels", "37": "wavefunction-levels",
    "36-printed": "wavefunction-36-37",
    "38": "constraints-corrected", "39": "constraints-corrected",
    "40": "constraints-corrected", "40-conclusion": "constraints-corrected",
    "38-alt": "constraints-corrected", "38-psi": "constraints-psi-asymptotics",
    "38-real": "constraints-re-negative",
}


_EQ_REF = re.compile(r"\((\d{1,2})\)(?:\s*(?:–|-|—|to)\s*\((\d{1,2})\))?|Fig\.\s*(\d)")


def _mentions(text: str) -> set[str]:
    found = set()
    for m in _EQ_REF.finditer(text):
        if m.group(3):
            found.add(f"fig{m.group(3)}")
            continue
        a = int(m.group(1))
        b = int(m.group(2)) if m.group(2) else a
        if 1 <= a <= b <= 40:
            found.update(str(k) for k in range(a, b + 1))
    return found


def chapter_sections(cells: Sequence[Mapping], slugify=None) -> dict[str, tuple[str, str]]:
    """Where a chapter treats each paper equation: equation number ->
    (heading, slug) of its section.

    A section (a ``##``/``###`` heading other than "Verdicts") treats an
    equation if its heading names it ("(12)–(15)", "Eq. (22)", "Fig. 1");
    failing that, the first section whose text names it.

    Parameters
    ----------
    cells : sequence of mapping
        The notebook's cells (``nbformat`` dicts with ``cell_type`` and ``source``).
    slugify : callable, optional
        Heading -> anchor; MyST's default (GitHub-style) slug when None.
    """
    if slugify is None:
        from myst_parser.mdit_to_docutils.base import default_slugify as slugify
    sections: list[tuple[str, str, str]] = []   # (heading, slug, text)
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for line in source.splitlines():
            m = re.match(r"^(#{2,3})\s+(.*?)\s*$", line)
            if m:
                # MyST slugs a heading's text without its mathematics ("for any $n$," ->
                # "for-any--")
                sections.append((m.group(2), slugify(_MATH_SPAN.sub("", m.group(2))), ""))
            elif sections:
                h, sl, t = sections[-1]
                sections[-1] = (h, sl, t + line + "\n")
    sections = [s for s in sections if s[0].strip().lower() != "verdicts"]
    found: dict[str, tuple[str, str]] = {}
    for heading, slug, _ in sections:
        for eq in _mentions(heading):
            found.setdefault(eq, (heading, slug))
    for heading, slug, text in sections:
        for eq in _mentions(text):
            found.setdefault(eq, (heading, slug))
    return found


def concordance_table(verdicts: list[Verdict], sections: Mapping | None = None) -> str:
    """The concordance: one row per audited item.

    Columns: the paper's equation (its name), where the book derives it (a
    link to the chapter section), the book's label for the corrected form
    (:data:`BOOK_LABELS`, shown as its equation number), verdict, errata entry.
    """
    rows = []
    for v in verdicts:
        label = BOOK_LABELS.get(v.equation)
        rows.append("| " + " | ".join([
            _text(item_name(v.equation)),
            _where(v.equation, sections, ""),
            f"{{eq}}`{label}`" if label and v.verdict != "confirmed" else "—",
            f"**{v.verdict}**",
            f"{{ref}}`#{anchor(v.equation)} <{anchor(v.equation)}>`",
        ]) + " |")
    head = ["| paper | derived in | book's equation | verdict | errata |",
            "| --- | --- | --- | --- | --- |"]
    return "\n".join(head + rows) + "\n"


def record_pages(verdicts: list[Verdict], sections: Mapping | None = None,
                 audit_json: str = "/_build/record/audit.json") -> dict[str, str]:
    """The record's Markdown pages, by file name, as ``tools/write_record.py`` writes them.

    Parameters
    ----------
    verdicts : list of Verdict
        One run of the audit.
    sections : mapping, optional
        Item id -> (heading, slug) of the chapter section showing it
        (``sections_by_item`` of ``tools/write_record.py``).
    audit_json : str
        Where the landing card links the audit's JSON.

    Returns
    -------
    dict of str to str
        ``errata-index.md``, ``concordance.md``, ``card.md``, ``summary.md`` and
        one ``errata-<section>.md`` per section of :data:`SECTION_TITLES`.
    """
    pages = {"errata-index.md": errata_index(verdicts),
             "concordance.md": concordance_table(verdicts, sections),
             "card.md": card(verdicts, audit_json),
             "summary.md": summary_table(verdicts) + "\n\n" + conclusion(verdicts) + "\n"}
    for s in SECTION_TITLES:
        pages[f"errata-{s}.md"] = errata_section(s, verdicts, sections)
    return pages


def errata_index(verdicts: list[Verdict]) -> str:
    """Every item grouped by verdict (errata first), each linked to its entry."""
    order = ["erratum", "conditional", "notation", "confirmed", "unchecked", "failed"]
    out = []
    for state in order:
        items = [v for v in verdicts if v.verdict == state]
        if items:
            out.append(f"- **{state}** ({len(items)}): " + ", ".join(item_link(v.equation) for v in items))
    return "\n".join(out) + "\n"
