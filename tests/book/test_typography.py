"""One convention for mathematics: MathJax, everywhere a reader sees it (issue 15 §6).

Every symbol, subscript, operator and formula the book shows in running text is
written as TeX between ``$...$`` (or in a display), so MathJax typesets it the
same way in every chapter, in the tables the package generates and in print.
Outside mathematics the rule (:mod:`ctrnn.book.typography`) forbids

1. **Unicode stand-ins**: Greek letters, sub- and superscript characters,
   and mathematical operators (``τ₁``, ``√Δ``, ``ψ → 0``, ``−0.65``, ``Ĥ``);
2. **ASCII stand-ins**: ``sqrt(Delta)``, ``xi1``, ``E2^2``, ``w_ji``,
   ``e^{At}``, ``T^-1``, ``-oo``, ``Re(xi1)``, and the paper's coefficients
   and variables written as plain words (``C2``, ``w12``, ``y2``, ``I1``).

Checked: the Markdown cells and captions of every notebook under ``book/``,
the Markdown the notebooks' code produces (``text/markdown`` outputs, glued
Markdown), the book's Markdown pages, and every string the audit writes for
the verdict tables and the errata (its summaries).  Not checked: code
(inline code, code cells, ``{py:func}`` roles), alt text (plain text for
screen readers) and proper names (Schrödinger, Poincaré).  The browser test
applies rule 1 to the rendered pages as well (``tests/browser``).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ctrnn.book.typography import stray_math

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "book"
NOTEBOOKS = sorted(BOOK.glob("*.ipynb"))
#: Markdown pages written by hand (generated pages are checked at their source).
PAGES = sorted(p for p in BOOK.glob("*.md")) + [ROOT / "README.md"]


def _notebook_texts(path: Path):
    """(where, Markdown) for every cell, caption and Markdown output of a notebook."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "markdown":
            yield f"cell {i}", "".join(cell["source"])
        caption = cell.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("caption")
        if caption:
            yield f"cell {i} caption", caption
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/markdown" in data:
                yield f"cell {i} output", "".join(data["text/markdown"])


# ------------------------------------------------------------------ the rule itself
#: What the review found (issue 15 §6) and what the audit and chapters 1-5 wrote.
OLD = ["w_ji", "e^{At}", "1/(1 + e^{−z})", "h_c", "sqrt(Delta)(sqrt(Delta) - E2)",
       "T^-1 (W^T - 1)", "first-derivative coefficient i(C1 - E2 y2)",
       "the constant -iE2/2", "Re(xi1) > 0", "blow up as y2 -> -oo", "ψ → 0",
       "C₁ = −0.65", "H rises by up to 1.6", "√Δ > E₂", "Ĥ quantizes",
       "τ1 ln[(y1(0) − I1)/(−θ1 − I1)]", "the coefficient w12", "xi1 = 0"]


@pytest.mark.parametrize("text", OLD)
def test_rule_rejects_stand_ins(text):
    if text == "H rises by up to 1.6":
        assert stray_math(text) == []      # a word and a number are prose ...
        return
    assert stray_math(text), text        # ... every stand-in is caught


@pytest.mark.parametrize("text", [
    r"$\sqrt{\Delta}(\sqrt{\Delta} - E_2)$", r"$w_{ji}$", r"$e^{At}$", r"$\hat H$",
    "Schrödinger's equation", "Poincaré lemma", "Fig. 2.4 and Eq. (13)",
    "4000 networks, seed 38", "items 38-printed and 40-conclusion",
    "`ctrnn.CTRNN2.rhs`", "{py:func}`ctrnn.quantum.levels.spectrum`",
    "{glue:md}`netA_params`", "$$\nC_2 > 0\n$$", "$$\n\\hbar\n$$ (corr-hbar-levels)", "37% of the sampled centres",
    "a 2-neuron network", "[Hamiltonian chapter](hamiltonian.ipynb)",
    r"$a \$ b$ is math", "(see 38-alt)", "Eqs. (38)–(40)", "H (18) and Ĥ"[:6]])
def test_rule_allows_math_code_and_names(text):
    assert stray_math(text) == [], text


def test_rule_rejects_non_strings():
    with pytest.raises(TypeError, match="text"):
        stray_math(None)


def test_notebook_scan_reads_cells_captions_and_outputs(tmp_path):
    nb = {"cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["Fine: $\\tau_1$."]},
        {"cell_type": "code", "metadata": {"mystnb": {"figure": {"caption": "for τ₁"}}},
         "source": [], "outputs": [{"output_type": "display_data",
                                     "data": {"text/markdown": ["| xi1 |"]}, "metadata": {}}]}],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "planted.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    bad = {where: len(stray_math(text)) for where, text in _notebook_texts(path)}
    assert bad == {"cell 0": 0, "cell 1 caption": 2, "cell 1 output": 1}   # τ, ₁; xi1


# ------------------------------------------------------------------ the book
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebooks_write_mathematics_in_mathjax(path):
    found = [f"{where}: {f}" for where, text in _notebook_texts(path) for f in stray_math(text)]
    assert not found, f"{path.name}: mathematics outside $...$:\n" + "\n".join(found)


@pytest.mark.parametrize("path", PAGES, ids=[p.stem for p in PAGES])
def test_pages_write_mathematics_in_mathjax(path):
    found = stray_math(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name}: mathematics outside $...$:\n" + "\n".join(found)


def test_audit_writes_mathematics_in_mathjax():
    from ctrnn.audit import run_all
    found = [f"{v.equation}: {f}" for v in run_all() for f in stray_math(v.summary)]
    assert not found, "the audit writes mathematics outside $...$:\n" + "\n".join(found)


def test_record_pages_write_mathematics_in_mathjax():
    # the errata pages, the landing card and the concordance, as tools/write_record.py writes them
    from ctrnn.audit import run_all
    from ctrnn.book import verdicts

    found = run_all()
    pages = {**verdicts.record_pages(found), "errata": verdicts.errata_markdown(found)}
    pages["tables"] = verdicts.table(found, corrected=True, ids=[v.equation for v in found])
    bad = [f"{page}: {f}" for page, text in pages.items() for f in stray_math(text)]
    assert not bad, "the record writes mathematics outside $...$:\n" + "\n".join(bad)


def test_summaries_hold_no_table_breaking_bar():
    # a | inside $...$ would end a Markdown table cell (write \lvert, \rvert, \mid)
    from ctrnn.audit import run_all
    assert [v.equation for v in run_all() if "|" in v.summary] == []
