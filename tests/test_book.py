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


PAPER_REFERENCES = {  # the reference list of arXiv:2102.09399, in its order
    "harvey1994seeing", "beer1997dynamics", "olah2014manifolds", "lin2017deep",
    "beer1995dynamics", "ianigro2018exploring", "baba1989new", "shang1996global",
    "dauphin2014identifying", "pascanu2014saddle", "ludermir2006optimization",
    "pavelka2004algorithms", "goodfellow2016deep", "floratos2012lorenz",
    "tarasov2001quantization",
}


def test_bibliography_holds_the_paper_and_its_15_references():
    bib = (ROOT / "references.bib").read_text()
    keys = re.findall(r"^@\w+\{([^,]+),", bib, flags=re.M)
    assert len(keys) == len(set(keys)), "duplicate bibliography keys"
    assert len(PAPER_REFERENCES) == 15
    assert {"kohli2021wavefunction"} | PAPER_REFERENCES <= set(keys)
