"""The PDF built by `make pdf`: its chapters and their numbers are the HTML's
(from _toc.yml), every figure is in it, and LaTeX lost no character.

Run by `make test-pdf` after `make pdf` (CI does both); it fails, never
skips, when the PDF is missing. Needs poppler-utils (pdftotext, pdfimages).
"""
import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
LATEX = ROOT / "_build" / "latex"
PDF = LATEX / "ctrnn-wavefunction.pdf"
LOG = LATEX / "ctrnn-wavefunction.log"


@pytest.fixture(scope="module")
def pdf_text():
    assert PDF.exists(), f"{PDF} is missing: run `make pdf` first"
    return subprocess.run(["pdftotext", "-layout", str(PDF), "-"], check=True,
                          capture_output=True, text=True).stdout


def _title(doc: str) -> str:
    path = ROOT / f"{doc}.md"
    if path.exists():
        lines = path.read_text().splitlines()
    else:
        cells = json.loads((ROOT / f"{doc}.ipynb").read_text())["cells"]
        lines = [line for c in cells if c["cell_type"] == "markdown"
                 for line in "".join(c["source"]).splitlines()]
    title = next(line[2:].strip() for line in lines if line.startswith("# "))
    return re.sub(r"[*_`]", "", title)  # Markdown emphasis is not in the PDF's text


def toc_chapters():
    """(title, number or None) for every chapter, numbered as the HTML numbers
    them: consecutively across the parts marked `numbered`."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    chapters, n = [], 0
    for part in toc["parts"]:
        for chapter in part["chapters"]:
            if part.get("numbered"):
                n += 1
                chapters.append((_title(chapter["file"]), n))
            else:
                chapters.append((_title(chapter["file"]), None))
    return chapters


def _contents(text: str) -> str:
    start = text.index("CONTENTS")
    end = text.index("Index", start) if "Index" in text[start:] else len(text)
    return re.sub(r"[ \t]+", " ", text[start:end])


def test_every_chapter_is_in_the_contents_with_the_html_number(pdf_text):
    contents = _contents(pdf_text)
    for title, number in toc_chapters():
        words = re.escape(" ".join(title.split()[:4]))
        if number is None:
            assert re.search(rf"^\s*{words}", contents, flags=re.M), title
            assert not re.search(rf"^\s*\d+ {words}", contents, flags=re.M), \
                f"{title} is numbered in the PDF but not in the HTML"
        else:
            assert re.search(rf"^\s*{number} {words}", contents, flags=re.M), \
                f"chapter {number} {title} missing or misnumbered"


def test_parts_are_the_toc_captions_and_the_intro_is_unnumbered(pdf_text):
    contents = _contents(pdf_text)
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    for part in toc["parts"]:
        assert re.search(rf"^\s*{re.escape(part['caption'])}\s+\d+\s*$", contents, flags=re.M), \
            part["caption"]
    assert re.search(r"^\s*Introduction\s+\d+\s*$", contents, flags=re.M)


def test_equation_numbers_use_only_the_numbered_chapters(pdf_text):
    numbered = {n for _, n in toc_chapters() if n}
    used = {int(k) for k in re.findall(r"\((\d+)\.\d+\)", pdf_text)}
    assert used, "no numbered equations found in the PDF"
    assert used <= numbered, f"equation numbers of chapters {sorted(used - numbered)}"


def test_every_figure_of_the_book_is_in_the_pdf():
    images = subprocess.run(["pdfimages", "-list", str(PDF)], check=True,
                            capture_output=True, text=True).stdout.splitlines()[2:]
    placed = [line for line in images if line.split()[2] == "image"]
    tex = (LATEX / "ctrnn-wavefunction.tex").read_text()
    includes = re.findall(r"\\sphinxincludegraphics", tex)
    outputs = 0
    for nb in (ROOT / "book").glob("*.ipynb"):
        for cell in json.loads(nb.read_text())["cells"]:
            outputs += sum(any(k.startswith("image/") for k in o.get("data", {}))
                           for o in cell.get("outputs", []))
    assert len(includes) >= outputs > 0
    assert len(placed) >= len(includes)


def test_the_pdf_lost_no_character():
    log = LOG.read_text(errors="replace")
    missing = sorted(set(re.findall(r"Missing character: There is no (.*?) in font", log)))
    assert missing == []


def test_the_html_offers_this_pdf_for_download():
    html = ROOT / "_build" / "html"
    if not (html / "book" / "intro.html").exists():
        pytest.fail("the HTML book is not built: run `make book` before `make pdf`")
    copy = html / "_downloads" / PDF.name
    assert copy.exists() and copy.read_bytes() == PDF.read_bytes()
    for page in ("book/intro.html", "book/odes.html"):
        assert f"_downloads/{PDF.name}" in (html / page).read_text(), page
