"""Structure of the book: every ctrnn module documented, every notebook listed."""
import pkgutil
import re
from pathlib import Path

import yaml

import ctrnn

ROOT = Path(__file__).resolve().parents[2]


def _modules():
    names = ["ctrnn"]
    for info in pkgutil.walk_packages(ctrnn.__path__, "ctrnn."):
        if not info.name.endswith("__main__"):
            names.append(info.name)
    return names


def test_api_page_documents_every_module():
    pages = [ROOT / "book" / "api.md", *sorted((ROOT / "book" / "api").glob("*.md"))]
    listed = set(re.findall(r"automodule:: (\S+)", "".join(p.read_text() for p in pages)))
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
             for p in (ROOT / "book").rglob("*") if p.suffix in (".md", ".ipynb")}
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


def _notebook_figures():
    import json
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        cells = json.loads(path.read_text())["cells"]
        for cell in cells:
            if cell["cell_type"] != "code":
                continue
            figure = cell.get("metadata", {}).get("mystnb", {}).get("figure")
            has_image = any("image/png" in o.get("data", {}) for o in cell.get("outputs", []))
            yield path.name, "".join(cell["source"])[:60], figure, has_image


def test_every_notebook_figure_has_a_named_caption_linking_its_ctrnn_function():
    problems = []
    for name, source, figure, has_image in _notebook_figures():
        if has_image and not figure:
            problems.append(f"{name}: figure without caption ({source!r})")
        if figure:
            caption = figure.get("caption", "")
            if not figure.get("name", "").startswith("fig-"):
                problems.append(f"{name}: figure name must start with 'fig-' ({source!r})")
            if not re.search(r"\{py:(func|meth|class)\}`~?ctrnn\.", caption):
                problems.append(f"{name}: caption does not link a ctrnn function ({source!r})")
    assert problems == []


def test_notebooks_are_committed_executed_in_order():
    import json
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        cells = json.loads(path.read_text())["cells"]
        counts = [c.get("execution_count") for c in cells
                  if c["cell_type"] == "code" and "".join(c["source"]).strip()]
        assert counts == list(range(1, len(counts) + 1)), path.name
