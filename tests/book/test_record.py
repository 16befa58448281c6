"""The record in the built book: errata anchors, the links to them, the
concordance, the verdict card and audit.json.

Runs against the HTML of a fresh ``make book`` (``_build/html``, or the
directory named by ``BOOK_HTML``); ``make test-record`` builds nothing and
fails when the HTML is missing.  The generator itself is tested without a
build in ``test_verdicts.py``.

* every audited item has exactly one errata anchor (``id="errata-<id>"``);
* every ``href="...#errata-..."`` of every page, and every local link of the
  concordance, points at a file and an id that exist -- a planted broken
  link and a planted missing anchor are reported;
* each chapter's verdict table links every item of the chapter, the landing
  page links every erratum, and the concordance every item;
* ``audit.json`` offered on the landing page equals ``python -m ctrnn audit --json``,
  and the card's counts are the audit's;
* every errata entry is a section listed in its page's contents (not a rubric);
* the glossary explains each symbol of the issue's list and links where it
  is defined;
* in-text citations read as the references list labels them (author-year,
  "2021a" where two would be equal), and every page that names a work of
  :data:`NAMED_WORKS` cites it (but for :data:`KNOWN_UNCITED`, notebook edits);
* the environment page has every notebook's execution (succeeded), the
  machine's Python and every pinned package.

Each check has a test that plants the fault it looks for.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from functools import lru_cache
import html as html_lib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from ctrnn.audit import CHAPTERS, VERDICTS

ROOT = Path(__file__).resolve().parents[2]
HTML = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html")).resolve()


class _Page(HTMLParser):
    """Ids, links and the card's table of one HTML page."""

    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.article_hrefs: list[str] = []   # links in the page's text (not the theme's frame)
        self._article = 0
        self.card_rows: list[list[str]] = []
        self._card_depth = 0
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "article":
            self._article += 1
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
            if self._article:
                self.article_hrefs.append(a["href"])
        if self._card_depth:
            if tag == "div":
                self._card_depth += 1
            elif tag == "tr":
                self._row = []
            elif tag in ("td", "th"):
                self._cell = []
        elif tag == "div" and "record-card" in (a.get("class") or "").split():
            self._card_depth = 1

    def handle_endtag(self, tag):
        if tag == "article":
            self._article -= 1
        if not self._card_depth:
            return
        if tag == "div":
            self._card_depth -= 1
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.card_rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


@lru_cache(maxsize=None)
def _parse(path: Path) -> _Page:
    return _parse_text(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _may_link_errata(path: Path) -> bool:
    """False when no attribute of the page can hold "#errata-" (HTMLParser unescapes
    attribute values as html.unescape does): such a page has no link into the
    errata, so the link checks need not parse it (most of the site: the API and
    source pages)."""
    return "#errata-" in html_lib.unescape(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _parse_text(text: str) -> _Page:
    """A page's parse, once per content: a copy of the site (the planted-link test)
    re-parses only the pages it changed."""
    page = _Page()
    page.feed(text)
    return page


def _pages(html: Path) -> list[Path]:
    skip = {"_static", "_sources", "_images", "_downloads"}
    return sorted(p for p in html.rglob("*.html") if not skip & set(p.relative_to(html).parts))


def _target(page: Path, href: str, html: Path) -> tuple[Path, str] | None:
    """The (file, fragment) a local link points at; None for external links."""
    url = urlparse(href)
    if url.scheme or url.netloc or href.startswith("mailto:"):
        return None
    path = (page.parent / unquote(url.path)).resolve() if url.path else page
    return path, unquote(url.fragment)


def broken_links(html: Path, pages: list[Path], only_errata: bool = True) -> list[str]:
    """Links of ``pages`` (under ``html``) whose file or id does not exist.

    Parameters
    ----------
    only_errata : bool
        Check only links into the errata (``#errata-...``) anywhere in the
        page; otherwise every local link of the page's text.
    """
    problems = []
    for page in pages:
        if only_errata and not _may_link_errata(page):
            continue
        parsed = _parse(page)
        for href in (parsed.hrefs if only_errata else parsed.article_hrefs):
            if only_errata and "#errata-" not in href:
                continue
            target = _target(page, href, html)
            if target is None:
                continue
            path, fragment = target
            where = f"{page.relative_to(html)}: {href}"
            if not path.exists():
                problems.append(f"{where} (no file {path.name})")
            elif path.suffix == ".html" and fragment and fragment not in _parse(path).ids:
                problems.append(f"{where} (no id {fragment!r} in {path.name})")
    return problems


@pytest.fixture(scope="module")
def html():
    if not (HTML / "index.html").exists():
        pytest.fail(f"{HTML / 'index.html'} is missing: build the book first with `make book`")
    return HTML


@pytest.fixture(scope="module")
def audit_json():
    out = subprocess.run([sys.executable, "-m", "ctrnn", "audit", "--json"], cwd=ROOT,
                         capture_output=True, text=True, check=False)
    return json.loads(out.stdout)


def _errata_pages(html):
    return sorted((html / "book" / "errata").glob("section-*.html"))


def _hrefs_to_errata(page: Path) -> set[str]:
    if not _may_link_errata(page):
        return set()
    return {href.split("#", 1)[1] for href in _parse(page).hrefs if "#errata-" in href}


def test_every_audited_item_has_exactly_one_errata_anchor(html, audit_json):
    ids = Counter(i for page in _errata_pages(html) for i in _parse(page).ids if i.startswith("errata-"))
    expected = {f"errata-{v['equation']}" for v in audit_json}
    assert {i: n for i, n in ids.items() if n != 1} == {}
    assert set(ids) == expected


def test_every_link_into_the_errata_resolves(html):
    pages = _pages(html)
    assert sum(len(_hrefs_to_errata(p)) for p in pages) > 0
    assert broken_links(html, pages) == []


def test_every_local_link_of_the_concordance_and_errata_resolves(html):
    pages = [html / "book" / "concordance.html", html / "book" / "errata.html", *_errata_pages(html)]
    assert sum(len(_parse(p).article_hrefs) for p in pages) > 2 * len(pages)
    assert broken_links(html, pages, only_errata=False) == []


def test_a_planted_broken_link_and_a_planted_missing_anchor_are_reported(html, tmp_path):
    copy = tmp_path / "html"
    shutil.copytree(html, copy, ignore=shutil.ignore_patterns("_static", "_images", "_sources"))
    chapter = copy / "book" / "odes.html"
    chapter.write_text(chapter.read_text().replace(
        "</body>", '<a href="errata/section-ii.html#errata-no-such-item">x</a></body>'))
    section = copy / "book" / "errata" / "section-ii.html"
    section.write_text(section.read_text().replace('id="errata-13"', 'id="errata-13-moved"'))
    _parse.cache_clear()
    try:
        problems = broken_links(copy, _pages(copy))
    finally:
        _parse.cache_clear()
    assert any("errata-no-such-item" in p for p in problems)
    assert any("#errata-13 " in p and "section-ii.html" in p for p in problems)


@pytest.mark.parametrize("chapter", list(CHAPTERS))
def test_each_chapter_verdict_table_links_every_item_of_the_chapter(html, audit_json, chapter):
    from ctrnn.audit import chapter_of
    items = {f"errata-{v['equation']}" for v in audit_json if chapter_of(v["equation"]) == chapter}
    assert items - _hrefs_to_errata(html / "book" / f"{chapter}.html") == set()


def test_landing_page_links_every_erratum_and_the_concordance_every_item(html, audit_json):
    errata = {f"errata-{v['equation']}" for v in audit_json if v["verdict"] == "erratum"}
    assert errata - _hrefs_to_errata(html / "book" / "intro.html") == set()
    every = {f"errata-{v['equation']}" for v in audit_json}
    assert every - _hrefs_to_errata(html / "book" / "concordance.html") == set()


def test_audit_json_on_the_landing_page_is_the_command_lines(html, audit_json):
    page = html / "book" / "intro.html"
    links = [h for h in _parse(page).hrefs if h.endswith("audit.json")]
    assert len(links) == 1, links
    path, _ = _target(page, links[0], html)
    assert json.loads(path.read_text()) == audit_json


def test_the_card_counts_are_the_audits(html, audit_json):
    rows = {r[0]: r[1] for r in _parse(html / "book" / "intro.html").card_rows if len(r) == 2}
    counts = Counter(v["verdict"] for v in audit_json)
    assert {s: int(rows[s]) for s in VERDICTS} == {s: counts[s] for s in VERDICTS}
    assert int(rows["all"]) == len(audit_json)


def test_the_concordance_ships_its_script_and_style(html):
    page = (html / "book" / "concordance.html").read_text()
    assert "_static/record/record.js" in page and "_static/record/record.css" in page
    assert "record-concordance" in page
    assert not any(h.startswith(("http:", "https:")) and "record" in h
                   for h in _parse(html / "book" / "concordance.html").hrefs)


# ------------------------------------------------------- errata as sections
_SECTION_ANCHOR = re.compile(r'<section id="([^"]+)"[^>]*>\s*<span id="(errata-[^"]+)"></span>')
_PAGE_TOC = re.compile(r'<nav[^>]*class="page-toc"[^>]*>(.*?)</nav>', re.S)


def errata_outside_contents(html_text: str) -> list[str]:
    """The errata anchors of a page that are not the id of a section listed
    in the page's contents (the theme's "Contents" panel): an entry set as a
    rubric has no section and is in no contents."""
    anchors = [i for i in re.findall(r'id="(errata-[^"]+)"', html_text)]
    sections = dict((a, s) for s, a in _SECTION_ANCHOR.findall(html_text))
    toc = _PAGE_TOC.search(html_text)
    listed = set(re.findall(r'href="#([^"]+)"', toc.group(1))) if toc else set()
    return [a for a in anchors if sections.get(a) not in listed]


def test_every_errata_entry_is_a_section_in_the_pages_contents(html):
    pages = _errata_pages(html)
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert 'class="tex2jax_ignore mathjax_ignore record-errata"' in text or \
            "record-errata" in re.search(r"<section[^>]*>", text).group(0), page.name
        assert errata_outside_contents(text) == [], page.name


def test_an_errata_entry_out_of_the_contents_is_reported(html):
    text = (html / "book" / "errata" / "section-ii.html").read_text(encoding="utf-8")
    section = dict((a, s) for s, a in _SECTION_ANCHOR.findall(text))["errata-22"]
    # dropped from the contents panel
    assert errata_outside_contents(text.replace(f'href="#{section}"', 'href="#elsewhere"')) == ["errata-22"]
    # set as a rubric, as the entries were inside a {container}
    rubric = re.sub(rf'<section id="{section}"[^>]*>\s*<span id="errata-22"></span>',
                    '<div><h3 class="rubric"><span id="errata-22"></span>', text)
    assert errata_outside_contents(rubric) == ["errata-22"]


# ---------------------------------------------------------------- glossary
#: The notation the glossary must explain (issue 16), as its first column
#: writes each symbol.
GLOSSARY_SYMBOLS = ["C_1", "C_2", "D_1", "D_2", "E_2", r"\Delta", r"\xi_1", r"\xi_2",
                    "y_2^*", r"\ell", "H(z^*)", r"\hbar"]


def _glossary_rows(text: str) -> list[tuple[list[str], list[str]]]:
    """(symbols, links of the "defined in" column) of each row of the glossary."""
    block = text[text.index("record-glossary"):]
    block = block[:block.index("</table>")]
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", block, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        if len(cells) == 3:
            math = re.findall(r"\\\((.*?)\\\)", cells[0])
            symbols = [s.strip() for m in math for s in m.split(",")]
            rows.append((symbols, re.findall(r'href="([^"]+)"', cells[2])))
    return rows


def glossary_problems(html: Path, text: str) -> list[str]:
    """Symbols of :data:`GLOSSARY_SYMBOLS` the glossary lacks, or whose
    "defined in" links are missing or point at no file or id."""
    page = html / "book" / "concordance.html"
    rows = {s: links for symbols, links in _glossary_rows(text) for s in symbols}
    problems = []
    for symbol in GLOSSARY_SYMBOLS:
        if symbol not in rows:
            problems.append(f"{symbol}: not in the glossary")
            continue
        if not rows[symbol]:
            problems.append(f"{symbol}: no link to where it is defined")
        for href in rows[symbol]:
            path, fragment = _target(page, href, html)
            if not path.exists() or (fragment and fragment not in _parse(path).ids):
                problems.append(f"{symbol}: {href} does not resolve")
    return problems


def test_the_glossary_says_where_each_symbol_is_defined(html):
    text = (html / "book" / "concordance.html").read_text(encoding="utf-8")
    assert glossary_problems(html, text) == []


def test_a_missing_or_unlinked_glossary_entry_is_reported(html):
    text = (html / "book" / "concordance.html").read_text(encoding="utf-8")
    no_ell = re.sub(r"<tr[^>]*>\s*<td[^>]*><p><span[^>]*>\\\(\\ell\\\).*?</tr>", "", text, flags=re.S)
    assert glossary_problems(html, no_ell) == [r"\ell: not in the glossary"]
    moved = text.replace("#equation-wavefunction-levels", "#equation-no-such-label")
    assert glossary_problems(html, moved) == [
        "H(z^*): wavefunction.html#equation-no-such-label does not resolve"]


# --------------------------------------------------------------- citations
_CITATION = re.compile(r'<span class="bibtex-citation"[^>]*>(.*?)</span>', re.S)
_CITE_LINK = re.compile(r'<a class="reference internal" href="([^"#]*references\.html)#([^"]+)"[^>]*>(.*?)</a>')
_LIST_LABEL = re.compile(r'<div class="citation" id="([^"]+)"[^>]*>\s*<span class="label">'
                         r'<span class="fn-bracket">\[</span>(.*?)<span class="fn-bracket">\]</span>')


def _plain(fragment: str) -> str:
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def list_labels(html: Path) -> dict[str, str]:
    """Id -> label ("Beer, 1995") of every entry of the references page."""
    text = (html / "book" / "references.html").read_text(encoding="utf-8")
    return {i: _plain(label) for i, label in _LIST_LABEL.findall(text)}


def citation_problems(labels: dict[str, str], page_text: str, where: str) -> list[str]:
    """In-text citations that do not read as the list labels them: a
    parenthetical citation shows the label ("[Rusch and Mishra, 2021a]"), a
    textual one the label's names and then its year in brackets
    ("Tarasov [2001]")."""
    problems = []
    for span in _CITATION.findall(page_text):
        shown = _plain(span)
        for _, target, text in _CITE_LINK.findall(span):
            label, text = labels.get(target), _plain(text)
            names, _, year = (label or "").rpartition(", ")
            if label is None:
                problems.append(f"{where}: [{text}] cites no entry of the list")
            elif text == label or (text == year and f"{names} [" in shown):
                continue
            else:
                problems.append(f"{where}: '{shown}' for the list's [{label}]")
    return problems


def _text_pages(html: Path) -> list[Path]:
    """The pages of the book's text (chapters and pages, not the API reference)."""
    return [p for p in _pages(html) if p.relative_to(html).parts[0] == "book"
            and "api" not in p.relative_to(html).parts and p.name != "references.html"]


def test_in_text_citations_read_as_the_list_labels_them(html):
    labels = list_labels(html)
    assert len(labels) > 30 and all(re.fullmatch(r"[^{}\\]+, \d{4}[a-z]?", v) for v in labels.values())
    assert len(set(labels.values())) == len(labels), "two entries share a label"
    problems = [p for page in _pages(html)
                for p in citation_problems(labels, page.read_text(encoding="utf-8"), page.name)]
    assert problems == []


def test_a_citation_that_differs_from_its_label_is_reported(html):
    labels = list_labels(html)
    key = next(i for i, label in labels.items() if label == "Rusch and Mishra, 2021a")
    year_only = ('<span class="bibtex-citation">[<a class="reference internal" '
                 f'href="references.html#{key}" title="">Rusch and Mishra, 2021</a>]</span>')
    assert citation_problems(labels, year_only, "x") == [
        "x: '[Rusch and Mishra, 2021]' for the list's [Rusch and Mishra, 2021a]"]
    textual = year_only.replace(">Rusch and Mishra, 2021<", ">2021a<").replace("[<a", "Rusch [<a")
    assert citation_problems(labels, textual, "x") == [
        "x: 'Rusch [2021a]' for the list's [Rusch and Mishra, 2021a]"]


#: Works the text names, by a pattern of the words that name them, and the
#: list label of the entry a page that names them must cite.
NAMED_WORKS = {
    r"\bBeer\b": "Beer, 1995",
    r"\bMcCoy\b": "McCoy, 1932",
    r"\bTarasov\b": "Tarasov, 2001",
    r"\bCaldirola\b": "Caldirola, 1941",
    r"\bKanai\b": "Kanai, 1948",
    r"\bRiesenfeld\b": "Lewis and Riesenfeld, 1969",
    r"\bBateman\b": "Bateman, 1931",
    r"\bTikochinsky\b": "Feshbach and Tikochinsky, 1977",
    r"\bKoopman\b": "Koopman, 1931",
    r"\bvon Neumann\b": "von Neumann, 1932",
    r"\bNambu\b": "Nambu, 1973",
    r"\bFloratos\b": "Floratos, 2012",
    r"\bTegmark\b": "Lin et al., 2017",
}

#: Pages that name a work without citing it, each waiting for an edit of its
#: notebook (the notebooks are not generated): odes.ipynb types "Beer (1995)"
#: twice where {cite:t}`beer1995dynamics` belongs; quantization.ipynb names
#: "McCoy's closed formula" (cite {cite:p}`mccoy1932function`); n_neurons.ipynb
#: names "Koopman–von Neumann mechanics" citing only Koopman (add
#: vonneumann1932operatorenmethode).  Once a notebook cites the work, its
#: pair must leave this set (the test compares the sets).
KNOWN_UNCITED: set[tuple[str, str]] = set()


def uncited_works(html: Path, labels: dict[str, str], pages: dict[str, str]) -> set[tuple[str, str]]:
    """(page, label) for each page of ``pages`` (name -> HTML) whose text names
    a work of :data:`NAMED_WORKS` but links no citation of it."""
    ids = {label: i for i, label in labels.items()}
    missing = set()
    for name, text in pages.items():
        body = text[text.find("<article"):text.rfind("</article>")]
        words = _plain(re.sub(r"<(script|style)\b.*?</\1>", "", body, flags=re.S))
        cited = {target for span in _CITATION.findall(body) for _, target, _ in _CITE_LINK.findall(span)}
        for pattern, label in NAMED_WORKS.items():
            if re.search(pattern, words) and ids[label] not in cited:
                missing.add((name, label))
    return missing


def test_every_work_the_text_names_is_cited(html):
    labels = list_labels(html)
    assert set(NAMED_WORKS.values()) <= set(labels.values())
    pages = {p.relative_to(html).as_posix(): p.read_text(encoding="utf-8") for p in _text_pages(html)}
    assert uncited_works(html, labels, pages) == KNOWN_UNCITED


def test_a_named_work_without_its_citation_is_reported(html):
    labels = list_labels(html)
    page = "book/dissipative.html"
    text = (html / page).read_text(encoding="utf-8")
    assert uncited_works(html, labels, {page: text}) == set()
    key = next(i for i, label in labels.items() if label == "Bateman, 1931")
    stripped = re.sub(rf'<span class="bibtex-citation"[^>]*>(?:(?!</span>).)*#{key}".*?</span>', "",
                      text, flags=re.S)
    assert uncited_works(html, labels, {page: stripped}) == {(page, "Bateman, 1931")}


# ------------------------------------------------------------- environment
def environment_problems(text: str, notebooks: list[str], pins: dict[str, str]) -> list[str]:
    """What the execution and environment page lacks: a row of myst-nb's
    execution table for every chapter notebook, and a success mark in every
    row; the machine's Python; a row for every pin of constraints.txt with
    its version."""
    rows = [[_plain(c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S)]
            for r in re.findall(r"<tr[^>]*>(.*?)</tr>", text, re.S)]
    executed = {r[0]: r for r in rows if len(r) == 5 and r[0].startswith("book/")}
    problems = [f"book/{nb}: not in the execution table" for nb in notebooks
                if f"book/{nb}" not in executed]
    problems += [f"{doc}: not executed successfully" for doc, r in executed.items() if r[4] != "✅"]
    if not any(r and r[0] == "Python" and r[1].startswith("CPython") for r in rows):
        problems.append("no Python version in the machine table")
    for name, version in pins.items():
        if not any(r and r[0] == name and len(r) == 3 and r[1] == version for r in rows):
            problems.append(f"{name}: not listed with its pin {version}")
    return problems


def test_the_environment_page_lists_every_notebook_and_pin(html):
    text = (html / "book" / "environment.html").read_text(encoding="utf-8")
    notebooks = sorted(p.stem for p in (ROOT / "book").glob("*.ipynb"))
    pins = dict(line.strip().split("==") for line in (ROOT / "constraints.txt").read_text().splitlines()
                if "==" in line)
    assert notebooks and pins
    assert environment_problems(text, notebooks, pins) == []
    failed = re.sub(r"(book/odes</span>.*?)✅", r"\1❌", text, count=1, flags=re.S)
    assert environment_problems(failed, notebooks, pins) == ["book/odes: not executed successfully"]
    assert environment_problems(text, notebooks + ["missing"], {**pins, "nosuchpkg": "1.0"}) == [
        "book/missing: not in the execution table", "nosuchpkg: not listed with its pin 1.0"]
