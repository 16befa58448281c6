"""Structure of the book: every ctrnn module documented, every notebook listed."""
import pkgutil
import re
from pathlib import Path

import yaml

import ctrnn

ROOT = Path(__file__).resolve().parents[1]


def _modules():
    names = ["ctrnn"]
    for info in pkgutil.walk_packages(ctrnn.__path__, "ctrnn."):
        if not info.name.endswith("__main__"):
            names.append(info.name)
    return names


def test_api_page_documents_every_module():
    api = (ROOT / "book" / "api.md").read_text()
    listed = set(re.findall(r"automodule:: (\S+)", api))
    assert set(_modules()) == listed


def _toc_files(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("file", "root"):
                yield value
            else:
                yield from _toc_files(value)
    elif isinstance(node, list):
        for item in node:
            yield from _toc_files(item)


def test_every_book_page_is_in_the_toc_and_exists():
    toc = set(_toc_files(yaml.safe_load((ROOT / "_toc.yml").read_text())))
    pages = {p.with_suffix("").relative_to(ROOT).as_posix()
             for p in (ROOT / "book").glob("*") if p.suffix in (".md", ".ipynb")}
    assert pages == toc


def test_bibliography_holds_the_paper_and_its_15_references():
    bib = (ROOT / "references.bib").read_text()
    keys = re.findall(r"^@\w+\{([^,]+),", bib, flags=re.M)
    assert "kohli2021wavefunction" in keys
    assert len(keys) == 16 and len(set(keys)) == 16
