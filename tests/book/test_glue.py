"""Numbers in prose and captions are computed, never typed (DESIGN.md, issue 12 §4).

The rule, applied to every notebook under ``book/``:

1. **No typed decimal number** in a Markdown cell, a figure caption (a
   ``figure``/``glue:figure`` directive inside a Markdown cell, or the cell
   metadata ``mystnb.figure.caption``) or an image's alt text. A *decimal
   number* is a numeral with a decimal point (``0.15``, ``−2.75``), in
   exponent notation (``1e-12``) or a power of ten (``10^{-8}``, ``10⁻¹²``).
   Integers are allowed in prose: equation numbers (13), quantum numbers,
   years of citations, counts.
2. **No typed parameter statement in a caption**: a network parameter (τ, θ,
   w, I; Unicode or LaTeX) followed by ``=`` and a numeral, even an integer
   (``τ₁ = 1``). A caption's parameters come from
   :func:`ctrnn.book.text.parameter_text`, glued. Conditions on derived
   quantities (the curve Δ = 0) and products (``w₁₂w₂₁ = 0``) are mathematics,
   not parameters, and allowed.

Not numbers stated by the book, hence removed before matching: MyST roles
(``{glue:text}`x:.3g```, ``{eq}`...```, ``{py:func}`...```), inline code,
directive option lines (``:name: ...``), URLs and DOIs, ``arXiv:2102.09399``,
software versions (``1.2.0``, ``1.x``) and references to numbered parts of
the book (``Fig. 2.4``, ``§2.2``, ``Section 4.3``, ``Eq. (4.7)``).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

BOOK = Path(__file__).resolve().parents[2] / "book"
NOTEBOOKS = sorted(BOOK.glob("*.ipynb"))

_STRIP = [
    re.compile(r"\{[\w:.+-]+\}`[^`]*`"),                 # MyST roles, glue included
    re.compile(r"``[^`]*``|`[^`\n]*`"),                   # inline code
    re.compile(r"^\s*:[\w-]+:.*$", re.M),                 # directive options
    re.compile(r"https?://\S+|\b10\.\d{4,}/\S+"),         # URLs, DOIs
    re.compile(r"arXiv:\s*\d{4}\.\d{4,5}(v\d+)?", re.I),  # arXiv identifiers
    re.compile(r"\b\d+\.\d+\.\d+\b|\b\d+\.x\b"),          # software versions
    re.compile(r"(?:Figs?\.|Figures?|§|Sections?|Sec\.|Chapters?|Tables?)\s*"
               r"\d+\.\d+(?:\s*(?:,|–|-|and)\s*\d+\.\d+)*"),
    re.compile(r"Eqs?\.\s*\(\d+\.\d+\)"),
]
_DECIMAL = re.compile(
    r"(?<![\w.])(?:"
    r"\d*\.\d+(?:[eE][-+−]?\d+)?"                          # 0.15, .5, 1.5e-3
    r"|\d+[eE][-+−]?\d+"                                   # 1e-12
    r"|10\s*\^\s*\{?\s*[-+−]?\s*\d+\s*\}?"                 # 10^{-8}
    r"|10[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+"                             # 10⁻¹²
    r")")
_SYMBOL = r"(?:τ|θ|w|I|\\tau|\\theta)"
_SUB = r"(?:[₀-₉]+|_\{?\d+\}?)?"
_PARAMETER = re.compile(rf"(?<![A-Za-z\\}}₀-₉]){_SYMBOL}\s*{_SUB}\s*=\s*[−-]?\s*\d")


def _strip(text: str) -> str:
    for pattern in _STRIP:
        text = pattern.sub(" ", text)
    return text


def violations(text: str, *, caption: bool = False) -> list[str]:
    """The typed numbers in ``text`` that the rule forbids (empty if none).

    Parameters
    ----------
    text : str
        Markdown source of a cell, a caption or an alt text.
    caption : bool
        Also forbid typed parameter statements (rule 2).
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    body = _strip(text)
    found = [m.group(0) for m in _DECIMAL.finditer(body)]
    if caption:
        found += [m.group(0) for m in _PARAMETER.finditer(body)]
    return found


def _context(text: str, needle: str, width: int = 40) -> str:
    i = text.find(needle)
    return text[max(0, i - width): i + len(needle) + width].replace("\n", " ") if i >= 0 else needle


def notebook_violations(path: Path) -> list[str]:
    """One line per offending cell: index, where (markdown/caption/alt) and the numbers."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for i, cell in enumerate(nb["cells"]):
        src = "".join(cell["source"])
        meta = cell.get("metadata", {}).get("mystnb", {})
        texts = []
        if cell["cell_type"] == "markdown":
            # captions of figure directives are in the cell and held to rule 2 as well
            is_fig = re.search(r"```\{(?:glue:)?figure\}|:::\{(?:glue:)?figure\}", src)
            texts.append(("markdown", src, bool(is_fig)))
        caption = meta.get("figure", {}).get("caption")
        if caption:
            texts.append(("caption", caption, True))
        alt = meta.get("image", {}).get("alt")
        if alt:
            texts.append(("alt", alt, True))
        for where, text, is_caption in texts:
            bad = violations(text, caption=is_caption)
            if bad:
                out.append(f"cell {i} ({where}): " + "; ".join(
                    f"{b!r} in …{_context(text, b)}…" for b in dict.fromkeys(bad)))
    return out


# ------------------------------------------------------------------ the rule itself
OLD_CAPTION = ("for network A (τ₁ = τ₂ = 1, w₁₁ = 1.5, w₁₂ = −2, w₂₁ = 1.5, θ₁ = 0.2, "
               "θ₂ = −0.1, I₁ = 0.3, I₂ = −0.2, w₂₂ = 0.5 from Eq. (13) (C₁ = −0.15, "
               "C₂ = −1, D₁ = 0.45, D₂ = 0.75, E₂ = 0.5, Δ = −2.75))")


def test_rule_catches_the_typed_c1_of_network_a():
    # the caption that shipped C1 = -0.15 (it is -0.65) fails both rules
    assert "0.15" in violations(OLD_CAPTION)
    assert any(v.startswith("τ₂ = 1") for v in violations(OLD_CAPTION, caption=True))
    # as prose, the decimals alone catch it
    assert "0.15" in violations("Network A has C₁ = −0.15.")
    # ... and the glued form passes
    assert violations("for network A ({glue:md}`netA_params`; {glue:md}`netA_coefficients`)",
                      caption=True) == []


@pytest.mark.parametrize("typed", [
    "kept to 1e-12", "within $10^{-10}$", "DOP853 at 10⁻¹²", "divergence −0.1",
    "λ = 0.37", "√(−Δ) ≈ 1.66", "a spacing of .5"])
def test_rule_rejects_typed_decimals(typed):
    assert violations(typed)


@pytest.mark.parametrize("allowed", [
    "Eq. (13) of the paper", "Eqs. (14)–(15)", "Beer (1995)", "arXiv:2102.09399",
    "in Fig. 2.4 and §2.2", "Section 4.3", "n = 0, 1, 2", "pinned 0.16.1",
    "{glue:text}`drift_rk45:.2g`", "`rtol=1e-12`", "{eq}`wavefunction-levels`",
    "a 2 × 2 matrix", "[doi](https://doi.org/10.1103/PhysRevE.1.2)",
    "$\\tfrac12(xp+px)$", "(38)–(40)"])
def test_rule_allows_what_is_not_a_typed_number(allowed):
    assert violations(allowed) == []


@pytest.mark.parametrize("typed", ["τ₁ = τ₂ = 1", "$\\tau_1 = 2$", "w₁₂ = −2", "I = 0"])
def test_captions_reject_typed_parameters(typed):
    assert violations(typed, caption=True)
    assert violations(typed) == []  # integers are allowed in prose (rule 1 only)


@pytest.mark.parametrize("maths", ["Dashed: Δ = 0", "where $w_{12}w_{21} = 0$", "n = 0, 1, 2"])
def test_captions_allow_conditions_that_are_not_parameters(maths):
    assert violations(maths, caption=True) == []


def test_rule_rejects_non_strings():
    with pytest.raises(TypeError, match="text"):
        violations(None)


def test_notebook_scan_reads_captions_and_alt_text(tmp_path):
    nb = {"cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["Fine: Eq. (13)."]},
        {"cell_type": "code", "metadata": {"mystnb": {
            "figure": {"caption": OLD_CAPTION}, "image": {"alt": "a curve at 0.5"}}},
         "source": [], "outputs": []}],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "planted.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    found = notebook_violations(path)
    assert len(found) == 2 and found[0].startswith("cell 1 (caption)") and "0.15" in found[0]
    assert found[1].startswith("cell 1 (alt)")


# ------------------------------------------------------------------ every notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_typed_numbers_in_prose_or_captions(path):
    found = notebook_violations(path)
    assert not found, f"{path.name}: typed numbers (glue them):\n" + "\n".join(found)
