"""Write the book's record from one run of the audit, before the Sphinx build.

``make book`` and ``make pdf`` run this first.  From a single call of
:func:`ctrnn.audit.run_all` it writes, into ``_build/record/`` (git-ignored,
removed by ``make clean``):

* ``audit.json`` -- the audit as ``python -m ctrnn audit --json`` prints it,
  offered for download on the landing page;
* ``errata-<section>.md`` -- the body of the errata page of each section of the
  paper (``book/errata/section-<section>.md`` includes it), one entry with the
  stable label ``errata-<id>`` per audited item;
* ``errata-index.md`` -- every item by verdict, linked to its entry;
* ``concordance.md`` -- the concordance table;
* ``card.md`` and ``summary.md`` -- the landing page's verdict card, and its
  table per chapter with the conclusion.

Where a chapter shows an item is read from the chapter notebooks' headings
(:func:`ctrnn.book.verdicts.chapter_sections`).  Files are rewritten only when
their content changes, so an unchanged audit re-reads no page.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "_build" / "record"
BOOK = ROOT / "book"


def _write(path: Path, text: str) -> bool:
    if path.exists() and path.read_text() == text:
        return False
    path.write_text(text)
    return True


def sections_by_item(verdicts) -> dict:
    """Item id -> (heading, slug) of the chapter section that shows it."""
    from ctrnn.audit import chapter_of
    from ctrnn.book.verdicts import chapter_sections

    cache, found = {}, {}
    for v in verdicts:
        chapter = chapter_of(v.equation)
        if chapter is None:
            continue
        if chapter not in cache:
            path = BOOK / f"{chapter}.ipynb"
            cache[chapter] = chapter_sections(json.loads(path.read_text())["cells"]) if path.exists() else {}
        hit = cache[chapter].get(v.equation) or cache[chapter].get(v.equation.split("-")[0])
        if hit:
            found[v.equation] = hit
    return found


def main(out: Path = OUT) -> int:
    sys.path.insert(0, str(ROOT))
    from ctrnn import audit
    from ctrnn.book import verdicts as record

    verdicts = audit.run_all(workers=audit.default_workers())   # cold: on both cores
    sections = {v.section for v in verdicts}
    unknown = sections - set(record.SECTION_TITLES)
    missing = [s for s in record.SECTION_TITLES
               if not (BOOK / "errata" / f"section-{s.lower()}.md").exists()]
    if unknown or missing:
        print(f"write_record: the audit has items in sections {sorted(unknown)} without a title in "
              f"ctrnn.book.verdicts.SECTION_TITLES, or book/errata/section-<s>.md is missing for "
              f"{missing}", file=sys.stderr)
        return 1
    where = sections_by_item(verdicts)
    out.mkdir(parents=True, exist_ok=True)
    files = {"audit.json": audit.to_json(verdicts) + "\n",
             **record.record_pages(verdicts, where, "/_build/record/audit.json")}
    changed = [name for name, text in files.items() if _write(out / name, text)]
    c = audit.counts(verdicts)
    print(f"record: {len(verdicts)} items ({', '.join(f'{k} {n}' for k, n in c.items() if n)}); "
          f"{len(changed)} of {len(files)} files in {out} changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
