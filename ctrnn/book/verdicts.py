"""Reports generated from the audit: the landing-page summary and the errata.

Both pages of the book are produced here, from :func:`ctrnn.audit.run_all`,
so no verdict is ever typed by hand.
"""
from __future__ import annotations

import json

from ctrnn.audit import CHAPTERS, STATES, VERDICTS, Verdict, counts, run_all


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def table(verdicts: list[Verdict], corrected: bool = False) -> str:
    """A Markdown table of verdicts (equation, verdict, summary[, corrected])."""
    head = "| Eq. | verdict | summary |" + (" corrected form |" if corrected else "")
    rule = "| --- | --- | --- |" + (" --- |" if corrected else "")
    rows = []
    for v in verdicts:
        label = f"({v.equation})" if v.equation.split("-")[0].isdigit() else v.equation
        row = f"| {label} | **{v.verdict}** | {_cell(v.summary)} |"
        if corrected:
            row += f" {'$' + _cell(v.corrected) + '$' if v.corrected else ''} |"
        rows.append(row)
    return "\n".join([head, rule, *rows])


def show(chapter: str | None = None, corrected: bool = False):
    """Display a chapter's verdict table in a notebook (IPython Markdown)."""
    from IPython.display import Markdown
    return Markdown(table(run_all(chapter), corrected=corrected))


def _label(equation: str) -> str:
    return f"({equation})" if equation.split("-")[0].isdigit() else equation


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
    from ctrnn.audit import chapter_of
    for key, (title, _) in CHAPTERS.items():
        mine = [v for v in verdicts if chapter_of(v.equation) == key]
        c = counts(mine)
        lines.append(f"| {{doc}}`{title} <{key}>` | {len(mine)} | "
                     + " | ".join(str(c[s]) for s in states) + " |")
    lines.append(f"| **all** | **{len(verdicts)}** | "
                 + " | ".join(f"**{total[s]}**" for s in states) + " |")
    return "\n".join(lines)


def conclusion(verdicts: list[Verdict] | None = None) -> str:
    """A short conclusion computed from the verdict counts."""
    verdicts = run_all() if verdicts is None else verdicts
    c = counts(verdicts)
    n = len(verdicts)
    errata = [_label(v.equation) for v in verdicts if v.verdict == "erratum"]
    def _n(k, one, many):
        return f"{k} {one if k == 1 else many}"

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


def render_evidence(evidence: dict, limit: int = 400) -> str:
    """Evidence as a Markdown bullet list (long values shortened)."""
    lines = []
    for key, value in evidence.items():
        if key == "traceback":
            continue
        text = value if isinstance(value, str) else json.dumps(value, default=str)
        if len(text) > limit:
            text = text[:limit] + " …"
        text = text.replace("`", "'").replace("\n", " ")
        lines.append(f"- *{key}*: `{text}`")
    return "\n".join(lines) if lines else "- (no evidence recorded)"


def _printed_latex(equation: str) -> str | None:
    head = equation.split("-")[0]
    if not head.isdigit():
        return None
    try:
        from ctrnn.paper import equations as paper
    except ImportError:
        return None
    latex = getattr(paper, "LATEX", {}).get(int(head))
    return latex


def errata_markdown(verdicts: list[Verdict] | None = None,
                    include_confirmed: bool = False) -> str:
    """The errata chapter's body, grouped by the paper's section.

    For each item that is not confirmed: the printed form (from
    :data:`ctrnn.paper.equations.LATEX`), the verdict, the corrected form, the evidence
    and a link to the chapter that shows it.
    """
    verdicts = run_all() if verdicts is None else verdicts
    from ctrnn.audit import chapter_of
    out = []
    for section, name in (("II", "Section II — Deriving a Hamiltonian"),
                          ("III", "Section III — Deriving the wavefunction")):
        items = [v for v in verdicts if v.section == section
                 and (include_confirmed or v.verdict != "confirmed")]
        out.append(f"## {name}\n")
        if not items:
            out.append("Every item of this section is confirmed as printed.\n")
        for v in items:
            chapter = chapter_of(v.equation)
            title = CHAPTERS[chapter][0] if chapter else ""
            out.append(f"### {_label(v.equation)} — {v.verdict}\n")
            out.append(v.summary + "\n")
            printed = _printed_latex(v.equation)
            if printed:
                out.append("Printed:\n\n$$\n" + printed.strip() + "\n$$\n")
            if v.corrected:
                out.append("Corrected:\n\n$$\n" + v.corrected.strip() + "\n$$\n")
            out.append("Evidence:\n\n" + render_evidence(v.evidence) + "\n")
            if chapter:
                out.append(f"Shown in {{doc}}`{title} <{chapter}>`.\n")
    confirmed = [_label(v.equation) for v in verdicts if v.verdict == "confirmed"]
    if confirmed and not include_confirmed:
        out.append("## Confirmed as printed\n")
        out.append(", ".join(confirmed) + ".\n")
    return "\n".join(out)
