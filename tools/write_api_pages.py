"""Write the API reference: one page per module of ``ctrnn``, grouped by layer.

Run ``python tools/write_api_pages.py`` after adding or removing a module; it
rewrites ``book/api/<layer>.md`` (the layer's overview, with links) and
``book/api/<module>.md`` (one page per module), and the API part of
``_toc.yml``.  ``tests/book/test_structure.py`` fails when a module has no page,
so a new module cannot go undocumented.
"""
from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
API = ROOT / "book" / "api"
LAYERS = {
    "paper": ("What the paper says", "The equations as printed, errors included, and the "
              "printed formulas evaluated as printed. Nothing here is corrected."),
    "classical": ("What is true, classically", "The network, its exact flow, its Hamiltonian, "
                  "the whole ReLU plane and n neurons, derived from first principles."),
    "quantum": ("What is true, quantum mechanically", "Weyl quantization, the spectrum in closed "
                "form and by numerical diagonalization, the eigenfunctions and the "
                "quantum–classical correspondence."),
    "audit": ("The comparison", "The registry of checks and the checks themselves: the only "
              "place that reads both the paper and the derivations."),
    "book": ("The book's own code", "Figures, tables and LaTeX/Markdown for the chapters, and "
             "the plotting style. Nothing in the package imports it."),
}


def modules() -> list[str]:
    """Every module of the package except ``__main__``, sorted."""
    sys.path.insert(0, str(ROOT))
    import ctrnn
    return sorted(["ctrnn"] + [m.name for m in pkgutil.walk_packages(ctrnn.__path__, "ctrnn.")
                               if not m.name.endswith("__main__")])


def _first_line(name: str) -> str:
    doc = (importlib.import_module(name).__doc__ or "").strip().splitlines()
    return doc[0].rstrip(".") if doc else ""


def write() -> list[str]:
    """Write the pages; return the toc entries of the API part."""
    mods = modules()
    for old in API.glob("*.md"):
        old.unlink()
    toc = []
    for layer, (title, text) in LAYERS.items():
        members = [m for m in mods if m.startswith(f"ctrnn.{layer}.")]
        rows = "\n".join(f"| {{doc}}`{m} <{m}>` | {_first_line(m)} |" for m in members)
        (API / f"{layer}.md").write_text(
            f"# {title}: `ctrnn.{layer}`\n\n{text}\n\n```{{eval-rst}}\n.. automodule:: ctrnn.{layer}\n"
            f"   {':members:' if layer == 'audit' else ':no-members:'}\n```\n\n| module | what it holds |\n| --- | --- |\n{rows}\n")
        toc.append((f"book/api/{layer}", [f"book/api/{m}" for m in members]))
        for m in members:
            (API / f"{m}.md").write_text(f"# `{m}`\n\n```{{eval-rst}}\n.. automodule:: {m}\n"
                                         "   :members:\n```\n")
    return toc


def update_toc(toc) -> None:
    """Replace the sections of ``book/api`` in ``_toc.yml`` with ``toc``."""
    path = ROOT / "_toc.yml"
    text = path.read_text()
    lines = ["      - file: book/api", "        sections:"]
    for page, subs in toc:
        lines.append(f"          - file: {page}")
        if subs:
            lines.append("            sections:")
            lines += [f"              - file: {s}" for s in subs]
    block = "\n".join(lines) + "\n"
    new = re.sub(r"      - file: book/api\n(?:        .*\n|          .*\n|            .*\n|              .*\n)*",
                 block, text, count=1)
    path.write_text(new)


if __name__ == "__main__":
    API.mkdir(parents=True, exist_ok=True)
    update_toc(write())
    print(f"wrote {len(list(API.glob('*.md')))} API pages")
