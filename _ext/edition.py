"""Sphinx extension: the edition's identity, how to cite it, and its PDF.

* The version is read from ``pyproject.toml`` (never typed twice) and becomes
  Sphinx's ``version``/``release``; the build date honours SOURCE_DATE_EPOCH.
* HTML: the footer shows version, build date, licences and a link to the
  PDF; the theme's ".pdf" download entry (which only opens the print dialog)
  becomes a link to the book's PDF, copied into ``_downloads/`` when it
  exists (``make pdf`` copies it there too).
* Directives: ``edition-bibtex`` (BibTeX for this edition, from CITATION.cff
  and pyproject.toml), ``bib-entry KEY`` (an entry of references.bib,
  verbatim) and ``build-environment`` (the packages and the machine the book
  is built with).  Pages using them are re-read on every build.
* Pages: the errata pages' top section carries the class the record's style
  and script select (:data:`PAGE_CLASSES`), so that their entries are real
  sections, in the page's contents.
* Bibliography: an author-year list style whose labels are the in-text
  citations' authors and year, and an in-text style that takes the year from
  the label ("Rusch and Mishra, 2021a"): :func:`_register_bibliography_style`.
* LaTeX: fonts that cover every character the book uses, a title page that
  fits, and a document structure whose chapter and equation numbers are the
  HTML's: the landing page is one unnumbered "Introduction" chapter, the
  parts of ``_toc.yml`` become unnumbered LaTeX parts, and chapters that the
  HTML does not number are unnumbered in the PDF as well; a long table
  without a caption continued on a new page says "(continued from previous
  page)", without the table number the HTML does not give it.
"""
from __future__ import annotations

import datetime as _dt
import importlib.metadata as _md
import math
import os
import platform
import re
import shutil
import sys
import tomllib
from pathlib import Path

import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

ROOT = Path(__file__).resolve().parents[1]
PDF_DIR = "_downloads"


# --------------------------------------------------------------- identity
def edition_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def build_date() -> _dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date()
    return _dt.datetime.now(_dt.timezone.utc).date()


def citation() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text())


def pdf_name(config) -> str:
    docs = config.latex_documents or [("", "book.tex")]
    return Path(docs[0][1]).with_suffix(".pdf").name


def edition_bibtex() -> str:
    cff = citation()
    authors = " and ".join(
        "{" + a["name"] + "}" if "name" in a else f'{a["family-names"]}, {a["given-names"]}'
        for a in cff["authors"])
    title = cff["title"].replace(" — ", " --- ")
    paper = cff["references"][0]
    arxiv = paper["url"].rsplit("/", 1)[-1]
    return "\n".join([
        "@misc{ctrnn_wavefunction_edition,",
        f"  author       = {{{authors}}},",
        f"  title        = {{{{{title}}}}},",
        f"  year         = {{{build_date().year}}},",
        f"  version      = {{{edition_version()}}},",
        f"  note         = {{Version {edition_version()}. A reproducible edition of "
        f"Kohli and Haslam, arXiv:{arxiv}. Code: {cff['license'][0]}; "
        f"text and figures: {cff['license'][1]}}}",
        "}",
    ])


def bib_entry(key: str) -> str:
    text = (ROOT / "references.bib").read_text()
    match = re.search(r"^@\w+\{" + re.escape(key) + r",.*?^\}", text, flags=re.M | re.S)
    if not match:
        raise KeyError(f"{key} is not in references.bib")
    return match.group(0)


# --------------------------------------------------------------- directives
def _table(header, rows, widths=None):
    table = nodes.table(classes=["colwidths-auto"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for _ in header:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    group += head
    body = nodes.tbody()
    group += body
    for target, cells in ((head, [header]), (body, rows)):
        for cells_row in cells:
            row = nodes.row()
            for cell in cells_row:
                entry = nodes.entry()
                entry += nodes.paragraph(text=str(cell))
                row += entry
            target += row
    return table


class EditionBibtex(SphinxDirective):
    def run(self):
        self.env.note_reread()
        for name in ("CITATION.cff", "pyproject.toml"):
            self.env.note_dependency(str(ROOT / name))
        text = edition_bibtex()
        block = nodes.literal_block(text, text, language="bibtex")
        return [block]


class BibEntry(SphinxDirective):
    required_arguments = 1

    def run(self):
        self.env.note_dependency(str(ROOT / "references.bib"))
        text = bib_entry(self.arguments[0])
        return [nodes.literal_block(text, text, language="bibtex")]


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if "==" in line:
            name, version = line.strip().split("==")
            pins[name] = version
    return pins


def _os_name() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return platform.system()


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def environment_rows():
    """(package, pinned in constraints.txt, installed) for every pin."""
    rows = []
    for name, pinned in sorted(_pins().items(), key=lambda kv: kv[0].lower()):
        try:
            installed = _md.version(name)
        except _md.PackageNotFoundError:
            installed = "not installed"
        rows.append((name, pinned, installed))
    return rows


def machine_rows():
    return [
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("operating system", _os_name()),
        ("kernel", f"{platform.system()} {platform.release()}"),
        ("architecture", platform.machine()),
        ("processor", _cpu_model()),
        ("logical CPUs", str(os.cpu_count())),
        ("memory", _memory()),
        ("edition version", edition_version()),
        ("build date (UTC)", build_date().isoformat()),
    ]


class BuildEnvironment(SphinxDirective):
    option_spec = {"part": lambda arg: arg.strip()}

    def run(self):
        self.env.note_reread()
        part = self.options.get("part", "packages")
        if part == "machine":
            return [_table(("", "value"), machine_rows())]
        rows = environment_rows()
        return [_table(("package", "pinned", "installed"), rows)]


# --------------------------------------------------------------- config
FONTPKG = r"""
\setmainfont{DejaVu Sans}
\setsansfont{DejaVu Sans}
\setmonofont{DejaVu Sans Mono}[Scale=0.9]
% pictographs (e.g. check marks) that DejaVu lacks come from Symbola
\newfontfamily\ctrnnsymbols{Symbola}
\usepackage[Dingbats,MiscellaneousSymbols,MiscellaneousSymbolsAndPictographs,Emoticons,SupplementalSymbolsAndPictographs]{ucharclasses}
\setTransitionsFor{Dingbats}{\begingroup\ctrnnsymbols}{\endgroup}
\setTransitionsFor{MiscellaneousSymbols}{\begingroup\ctrnnsymbols}{\endgroup}
\setTransitionsFor{MiscellaneousSymbolsAndPictographs}{\begingroup\ctrnnsymbols}{\endgroup}
\setTransitionsFor{Emoticons}{\begingroup\ctrnnsymbols}{\endgroup}
\setTransitionsFor{SupplementalSymbolsAndPictographs}{\begingroup\ctrnnsymbols}{\endgroup}
"""

PREAMBLE = r"""
% numbering follows the HTML: unnumbered chapters where the HTML has none,
% and there figures, tables, code blocks and equations numbered as Sphinx's
% HTML numbers them: 1, 2, ... in one sequence over all unnumbered pages (no
% chapter number: LaTeX would give them the previous chapter's, or 0 before
% the first chapter); hyperref's anchors (\theH...) get a prefix of their own
\newcounter{ctrnnsecnumdepth}
\AtBeginDocument{\setcounter{ctrnnsecnumdepth}{\value{secnumdepth}}}
\makeatletter
\newif\ifctrnn@unnumbered
\newcounter{ctrnn@swap}
\newcounter{ctrnn@figure}\newcounter{ctrnn@table}
\newcounter{ctrnn@literalblock}\newcounter{ctrnn@equation}
\newcommand{\ctrnn@each}[1]{#1{figure}#1{table}#1{literalblock}#1{equation}}
% keep the chapter-wise \the<counter> and \theH<counter> of the numbered chapters
\newcommand{\ctrnn@keep}[1]{%
  \expandafter\global\expandafter\let\csname ctrnn@the#1\expandafter\endcsname\csname the#1\endcsname
  \expandafter\global\expandafter\let\csname ctrnn@theH#1\expandafter\endcsname\csname theH#1\endcsname}
\AtBeginDocument{\ctrnn@each\ctrnn@keep}
% exchange a counter with its other sequence (the unnumbered pages' one, or back)
\newcommand{\ctrnn@swap}[1]{\setcounter{ctrnn@swap}{\value{#1}}%
  \setcounter{#1}{\value{ctrnn@#1}}\setcounter{ctrnn@#1}{\value{ctrnn@swap}}}
\newcommand{\ctrnn@plain}[1]{%
  \expandafter\gdef\csname the#1\endcsname{\arabic{#1}}%
  \expandafter\xdef\csname theH#1\endcsname{unnumbered.\noexpand\arabic{#1}}}
\newcommand{\ctrnn@restore}[1]{%
  \expandafter\global\expandafter\let\csname the#1\expandafter\endcsname\csname ctrnn@the#1\endcsname
  \expandafter\global\expandafter\let\csname theH#1\expandafter\endcsname\csname ctrnn@theH#1\endcsname}
\newcommand{\ctrnnunnumbered}{\setcounter{secnumdepth}{-1}%
  \ifctrnn@unnumbered\else\global\ctrnn@unnumberedtrue
    \ctrnn@each\ctrnn@swap\ctrnn@each\ctrnn@plain\fi}
\newcommand{\ctrnnnumbered}{\setcounter{secnumdepth}{\value{ctrnnsecnumdepth}}%
  \ifctrnn@unnumbered\global\ctrnn@unnumberedfalse
    \ctrnn@each\ctrnn@swap\ctrnn@each\ctrnn@restore\fi}
\makeatother
\newcommand{\ctrnnpart}[1]{\cleardoublepage\phantomsection
  \addcontentsline{toc}{part}{#1}\part*{#1}}
% the contents are the whole book's, not the first part's
\addto\captionsenglish{\renewcommand{\contentsname}{Contents}}
% fewer overfull lines: let paragraphs and table cells stretch, break long
% inline code, allow page breaks inside long displays
\setlength{\emergencystretch}{3em}
\AtBeginEnvironment{tabulary}{\sloppy\raggedright}
\setlength{\tymin}{72pt}% a column is never narrower than "conditional" in bold
\AtBeginEnvironment{longtable}{\sloppy}
% the HTML numbers no table without a caption, and longtable steps the table
% counter for every table: a long table without one, continued on a new page,
% says "(continued from previous page)", not "Table 4.1 -- continued ..."
% (Sphinx's head); a captioned one keeps its number
\makeatletter
\newif\ifctrnn@ltcaption
\AtBeginEnvironment{longtable}{\global\ctrnn@ltcaptionfalse}
\let\ctrnn@LTcaption\LT@caption
\def\LT@caption{\noalign{\global\ctrnn@ltcaptiontrue}\ctrnn@LTcaption}
\def\ctrnn@nolabel#1\textendash#2#3\ctrnn@end{(\ignorespaces#3)}
\let\ctrnn@end\relax
\protected\def\sphinxtablecontinued#1{\textsf{\ifctrnn@ltcaption#1\else
  \begingroup\let\tablename\ctrnn@nolabel#1\ctrnn@end\endgroup\fi}}
\makeatother
% cells of the columns of given width (long tables, see _give_column_widths)
% are set ragged right, as tabulary's are, not justified with wide gaps
% (Sphinx's \X redefined, without array's warning that it is)
\makeatletter
\let\ctrnn@warning\PackageWarning\def\PackageWarning#1#2{}
\newcolumntype{\X}[2]{>{\raggedright\arraybackslash}p{\dimexpr
      (\linewidth-\spx@arrayrulewidth)*#1/#2-\tw@\tabcolsep-\spx@arrayrulewidth\relax}}
\let\PackageWarning\ctrnn@warning
\makeatother
\allowdisplaybreaks
\XeTeXlinebreaklocale "en"
\XeTeXlinebreakskip = 0pt plus 1pt
\makeatletter
% three-digit page numbers fit the contents' number column
\renewcommand{\@pnumwidth}{2.2em}
\renewcommand{\@tocrmarg}{3.2em}
% a dotted name (ctrnn.quantum.correspondence.Correspondence) may break after
% a dot, at a cost that keeps such breaks for lines that would overflow: in
% the index and in the links to the API pages (the module tables)
\newcommand{\ctrnnbreakdots}[1]{\ctrnn@dots#1.\@nil}
\def\ctrnn@dots#1.#2\@nil{#1\if\relax\detokenize{#2}\relax\else
  .\penalty5000\hskip\z@skip\ctrnn@dots#2\@nil\fi}
\def\sphinxstyleindexentry#1{\texttt{\ctrnnbreakdots{#1}}}
\def\sphinxstyleindexextra#1{ (\emph{\ctrnnbreakdots{#1}})}
\newcommand{\DUroledoc}[1]{\ctrnnbreakdots{#1}}
% a figure and its caption fit on a page: a graphic is at most 70% of the
% text's height (Sphinx allows all of it; the stacked panels of Fig. 4.2 and
% their caption ran 120 pt into the footer)
\AtBeginDocument{\spx@image@maxheight=0.7\textheight}
\makeatother
"""

MAKETITLE = r"""
\begin{titlepage}
  \centering
  \vspace*{3cm}
  {\Huge\bfseries\sffamily @TITLE@\par}
  \vspace{1.5cm}
  {\Large @SUBTITLE@\par}
  \vspace{2cm}
  {\large @AUTHORS@\par}
  \vfill
  {\large Version @VERSION@ \quad\textbullet\quad built @DATE@\par}
  \vspace{0.5cm}
  {\small Code: MIT licence. Text and figures: CC-BY-4.0.\par}
\end{titlepage}
"""


def _latex_escape(text: str) -> str:
    return (text.replace("\\", r"\textbackslash{}").replace("&", r"\&")
            .replace("%", r"\%").replace("#", r"\#").replace("_", r"\_"))


def _configure(app, config):
    version = edition_version()
    config.version = config.release = version
    # in-text citations take the year of the list's label ("2021a"): see
    # _register_bibliography_style
    if getattr(config, "bibtex_reference_style", None) == "author_year":
        config.bibtex_reference_style = REFERENCE_STYLE
    cff = citation()
    paper = cff["references"][0]
    authors = ", ".join(a.get("name") or f'{a["given-names"]} {a["family-names"]}'
                        for a in cff["authors"])
    paper_authors = " and ".join(f'{a["given-names"]} {a["family-names"]}'
                                 for a in paper["authors"])
    title, _, subtitle = cff["title"].partition(" — ")
    maketitle = (MAKETITLE
                 .replace("@TITLE@", _latex_escape(title))
                 .replace("@SUBTITLE@", _latex_escape(subtitle[:1].upper() + subtitle[1:])
                          + r"\\[0.5em] of " + _latex_escape(paper_authors)
                          + r",\\ \emph{" + _latex_escape(paper["title"]) + "}, "
                          + paper["url"].rsplit("/", 1)[-1].join(["arXiv:", ""]))
                 .replace("@AUTHORS@", _latex_escape(authors))
                 .replace("@VERSION@", version)
                 .replace("@DATE@", build_date().isoformat()))
    elements = dict(config.latex_elements or {})
    elements.setdefault("papersize", "a4paper")
    elements.setdefault("pointsize", "10pt")
    elements.setdefault("fontpkg", FONTPKG)
    elements.setdefault("sphinxsetup", "hmargin={0.8in,0.8in}, vmargin={0.9in,0.9in}")
    elements["preamble"] = elements.get("preamble", "") + PREAMBLE
    elements.setdefault("maketitle", maketitle)
    # the index's long dotted names break after a dot (PREAMBLE) into a ragged column
    elements.setdefault("printindex", r"\raggedright\printindex")
    config.latex_elements = elements


# --------------------------------------------------------------- HTML
def _html_page(app, pagename, templatename, context, doctree):
    pathto = context["pathto"]
    pdf_url = pathto(f"{PDF_DIR}/{pdf_name(app.config)}", 1)
    for group in context.get("header_buttons", []):
        if group.get("label") != "download-buttons":
            continue
        for i, button in enumerate(group.get("buttons", [])):
            if button.get("label") == "download-pdf-button":
                group["buttons"][i] = {
                    "type": "link", "url": pdf_url, "text": ".pdf (book)",
                    "tooltip": "Download the whole book as a PDF",
                    "icon": "fas fa-file-pdf", "label": "download-pdf-button",
                }
    footer = (f'<p class="edition-footer">Version {edition_version()}, '
              f'built {build_date().isoformat()}. '
              f'Code: MIT; text and figures: CC-BY-4.0. '
              f'<a href="{pathto("book/cite")}">How to cite</a> · '
              f'<a href="{pdf_url}">PDF</a> · '
              f'<a href="{pathto("book/environment")}">build environment</a></p>')
    context["theme_extra_footer"] = (context.get("theme_extra_footer") or "") + footer


def _copy_pdf(app, exception):
    if exception or app.builder.format != "html":
        return
    pdf = Path(app.outdir).parent / "latex" / pdf_name(app.config)
    if pdf.exists():
        target = Path(app.outdir) / PDF_DIR
        target.mkdir(exist_ok=True)
        shutil.copy2(pdf, target / pdf.name)


# --------------------------------------------------------------- pages
#: Pages whose top section gets a class, by docname prefix. The errata pages'
#: entries are real sections, in the page's contents and the PDF's: inside a
#: ``{container}`` their headings would be rubrics, so the class the record's
#: style and script (``_static/record/``) select is put on the page instead.
PAGE_CLASSES = {"book/errata/section-": "record-errata"}


def _page_classes(app, doctree):
    for prefix, cls in PAGE_CLASSES.items():
        if app.env.docname.startswith(prefix):
            top = next(iter(doctree.findall(nodes.section)), None)
            if top is not None and cls not in top["classes"]:
                top["classes"].append(cls)


# --------------------------------------------------------------- LaTeX
def _raw(latex: str):
    return nodes.raw("", latex + "\n", format="latex")


def _latex_structure(app, doctree, docname):
    if app.builder.format != "latex" or docname != app.config.root_doc:
        return
    env = app.env
    # 1. the landing page: one unnumbered chapter "Introduction"
    top = next(iter(doctree.findall(nodes.section)), None)
    if top is not None:
        keep, move = [], []
        for child in top.children:
            if isinstance(child, nodes.title) or any(
                    True for _ in child.findall(addnodes.start_of_file)):
                keep.append(child)
            else:
                move.append(child)
        intro = nodes.section(ids=["edition-introduction"], names=["introduction"])
        intro += nodes.title(text="Introduction")
        for child in move:
            top.remove(child)
            intro += child
        top.insert(1, intro)
        top.insert(1, _raw(r"\ctrnnunnumbered"))
    # 2. parts and numbering per chapter, as in the HTML
    first_of_part = {}
    for toctree in env.get_doctree(app.config.root_doc).findall(addnodes.toctree):
        files = toctree.get("includefiles") or []
        if files and toctree.get("caption"):
            first_of_part[files[0]] = toctree["caption"]
    for start in doctree.findall(addnodes.start_of_file):
        doc = start["docname"]
        numbered = bool(env.toc_secnumbers.get(doc))
        latex = r"\ctrnnnumbered" if numbered else r"\ctrnnunnumbered"
        if doc in first_of_part:
            latex = r"\ctrnnpart{" + _latex_escape(first_of_part[doc]) + "}\n" + latex
        start.insert(0, _raw(latex))
    # 3. long tables wrap their cells
    for table in doctree.findall(nodes.table):
        _give_column_widths(table)


#: Sphinx sets a table of more than 30 rows as a longtable and, unless its
#: column widths are given, in ``l`` columns, which never wrap: the
#: concordance ran 545 pt past the margin.
LONGTABLE_ROWS = 30
#: Characters of the body font (DejaVu Sans, 10 pt) on a line of the page,
#: and of a cell's padding (two \\tabcolsep).
LINE_CHARS, PADDING_CHARS = 78, 2
#: A column is never narrower than this many characters.
MIN_COLUMN_CHARS = 6
#: A table estimated (:func:`table_lines`) to take more lines than this is set
#: as a longtable, which breaks across pages (a page holds about 58 lines; a
#: tabulary of the chapters' verdicts ran 334 pt past the page's foot).
PAGE_LINES = 40


def _give_column_widths(table) -> None:
    """Column widths for a long table without given widths, so that Sphinx
    sets wrapping ``\\X`` columns (:func:`column_widths` of its cells' text);
    a table of fewer rows that would not fit on a page (tabulary cannot break)
    becomes a long table too."""
    if "colwidths-given" in table["classes"]:
        return
    rows = list(table.findall(nodes.row))
    tgroup = next(iter(table.findall(nodes.tgroup)), None)
    colspecs = [c for c in tgroup.children if isinstance(c, nodes.colspec)] if tgroup else []
    cells = [[c.astext() for c in row.children if isinstance(c, nodes.entry)] for row in rows]
    if not colspecs or any(len(r) != len(colspecs) for r in cells):
        return   # spanned cells: left to Sphinx
    head = sum(1 for row in rows if isinstance(row.parent, nodes.thead))
    widths = column_widths(cells, header=head)
    if len(rows) <= LONGTABLE_ROWS and "longtable" not in table["classes"]:
        if table_lines(cells, widths) <= PAGE_LINES:
            return
        table["classes"].append("longtable")
    for colspec, width in zip(colspecs, widths):
        colspec["colwidth"] = width
    table["classes"].append("colwidths-given")


def table_lines(rows: list[list[str]], widths: list[int]) -> int:
    """Lines of text a table of these cells takes in columns of these widths
    (characters): each row as many as its fullest cell."""
    room = [max(1, w - PADDING_CHARS) for w in widths]
    return sum(max(max(1, math.ceil(len(t) / r)) for t, r in zip(row, room)) for row in rows)


def column_widths(rows: list[list[str]], line: int = LINE_CHARS, header: int = 0) -> list[int]:
    """Widths, in characters summing to ``line``, that make a table of these
    cells short: each column starts at its floor (no word of the ``header``
    first rows, and no cell of one word, such as a bold verdict, is broken,
    except after a hyphen) and the rest goes, a character at a time, where it
    saves the most lines.

    Examples
    --------
    >>> column_widths([["Eq. (1)", "a long sentence " * 4, "confirmed"]] * 3, line=40)
    [6, 21, 13]
    """
    ncols = len(rows[0])
    floor = []
    for j in range(ncols):
        whole = [r[j] for r in rows[:header]] + [
            t for t in (r[j] for r in rows[header:]) if t and not re.search(r"\s", t.strip())]
        word = max((len(w) for t in whole for w in re.split(r"[\s\-–—/]+", t)), default=0)
        floor.append(max(MIN_COLUMN_CHARS, math.ceil(1.15 * word) + PADDING_CHARS))

    def cost(widths):
        room = [w - PADDING_CHARS for w in widths]
        smooth = sum(max(len(r[j]) / room[j] for j in range(ncols)) for r in rows)
        return table_lines(rows, widths), smooth

    widths = list(floor)
    while sum(widths) < line:
        best = min(range(ncols), key=lambda j: cost(widths[:j] + [widths[j] + 1] + widths[j + 1:]))
        widths[best] += 1
    return widths


def _cache_plugin_entry_points():
    """pybtex looks its plugins up with ``importlib.metadata.entry_points(group=,
    name=)``, a scan of every installed distribution, on each citation and label it
    renders (120 scans a build, 1-1.5 s); the installed entry points do not change
    while the process runs, so each (group, name) is scanned once (done on import:
    the build and the bibliography tests, which import this module, share it).  Plugins registered at
    run time are still looked up first (pybtex's own order)."""
    import functools

    import pybtex.plugin

    scan = pybtex.plugin.entry_points
    if getattr(scan, "_edition_cached", False):
        return

    @functools.lru_cache(maxsize=None)
    def found(group, name):
        return tuple(scan(group=group) if name is None else scan(group=group, name=name))

    def entry_points(*, group, name=None):
        return found(group, name)

    entry_points._edition_cached = True
    pybtex.plugin.entry_points = entry_points


def setup(app):
    app.connect("config-inited", _configure, priority=900)
    app.connect("html-page-context", _html_page, priority=600)
    app.connect("build-finished", _copy_pdf)
    app.connect("doctree-resolved", _latex_structure)
    app.connect("doctree-read", _page_classes)
    app.add_directive("edition-bibtex", EditionBibtex)
    app.add_directive("bib-entry", BibEntry)
    app.add_directive("build-environment", BuildEnvironment)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


# --------------------------------------------------------------- bibliography
#: The in-text style this extension registers (:func:`_register_bibliography_style`)
#: and puts in place of sphinxcontrib-bibtex's ``author_year``.
REFERENCE_STYLE = "author_year_label"


def reference_names(entry) -> str:
    """The authors of an entry as the in-text citations show them
    (sphinxcontrib-bibtex's person style: last names with their "von" part,
    LaTeX accents decoded, "et al." for three or more): "von Neumann",
    "García and Grau", "Harvey et al."."""
    from types import SimpleNamespace

    from sphinxcontrib.bibtex.style.referencing import PersonStyle

    person = PersonStyle()
    data = {"entry": entry, "style": SimpleNamespace(person=person)}
    return person.author_or_editor_or_title(full=False).format_data(data).render_as("text")


def _register_bibliography_style():
    """Author-year citations that agree in the text and in the list.

    The list style "authoryear" labels each entry "<authors>, <year>" with the
    authors exactly as the in-text citations print them (:func:`reference_names`),
    and a letter after the year where two labels would be equal ("Rusch and
    Mishra, 2021a" and "2021b"), sorted by author and year.  The in-text style
    :data:`REFERENCE_STYLE` is sphinxcontrib-bibtex's author-year style with the
    year read from the list's label, so the text cites "Rusch and Mishra, 2021a"
    too (``author_year`` would print 2021 twice)."""
    from dataclasses import dataclass

    import sphinxcontrib.bibtex.plugin
    from pybtex.plugin import register_plugin
    from pybtex.richtext import Text
    from pybtex.style.formatting.plain import Style as PlainStyle
    from pybtex.style.labels import BaseLabelStyle
    from pybtex.style.template import node
    from sphinxcontrib.bibtex.style.referencing import GroupReferenceStyle
    from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
    from sphinxcontrib.bibtex.style.referencing.basic_author_year import (
        BasicAuthorYearParentheticalReferenceStyle, BasicAuthorYearTextualReferenceStyle)
    from sphinxcontrib.bibtex.style.referencing.extra_author import ExtraAuthorReferenceStyle
    from sphinxcontrib.bibtex.style.referencing.extra_empty import ExtraEmptyReferenceStyle
    from sphinxcontrib.bibtex.style.referencing.extra_label import ExtraLabelReferenceStyle
    from sphinxcontrib.bibtex.style.referencing.extra_year import ExtraYearReferenceStyle
    from sphinxcontrib.bibtex.style.template import join, join2, post_text, pre_text, reference

    class AuthorYearLabels(BaseLabelStyle):
        def format_labels(self, sorted_entries):
            labels = [f"{reference_names(entry)}, {entry.fields.get('year', 'n.d.')}"
                      for entry in sorted_entries]
            seen = collections.Counter(labels)
            suffix = collections.defaultdict(int)
            for i, label in enumerate(labels):
                if seen[label] > 1:
                    labels[i] = label + "abcdefghijklmnopqrstuvwxyz"[suffix[label]]
                    suffix[label] += 1
            return labels

    class AuthorYearStyle(PlainStyle):
        default_label_style = "authoryear"
        default_sorting_style = "author_year_title"

    @node
    def label_year(children, data):
        """The year of the entry's label in the list, with its letter."""
        assert not children
        return Text(data["formatted_entry"].label.rpartition(", ")[2])

    @dataclass
    class Parenthetical(BasicAuthorYearParentheticalReferenceStyle):
        def inner(self, role_name):
            return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
                pre_text,
                reference[join(sep=self.author_year_sep)[
                    self.person.author_or_editor_or_title(full="s" in role_name), label_year]],
                post_text,
            ]

    @dataclass
    class Textual(BasicAuthorYearTextualReferenceStyle):
        def inner(self, role_name):
            return join(sep=self.text_reference_sep)[
                self.person.author_or_editor_or_title(full="s" in role_name),
                join[self.bracket.left,
                     join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
                         pre_text, reference[label_year], post_text],
                     self.bracket.right],
            ]

    @dataclass
    class Year(ExtraYearReferenceStyle):
        def inner(self, role_name):
            return reference[label_year]

    @dataclass
    class AuthorYearLabelStyle(AuthorYearReferenceStyle):
        def __post_init__(self):
            self.styles.extend([
                Parenthetical(bracket=self.bracket_parenthetical, person=self.person,
                              author_year_sep=self.author_year_sep,
                              pre_text_sep=self.pre_text_sep, post_text_sep=self.post_text_sep),
                Textual(bracket=self.bracket_textual, person=self.person,
                        text_reference_sep=self.text_reference_sep,
                        pre_text_sep=self.pre_text_sep, post_text_sep=self.post_text_sep),
                ExtraAuthorReferenceStyle(bracket=self.bracket_author, person=self.person),
                ExtraLabelReferenceStyle(bracket=self.bracket_label),
                Year(bracket=self.bracket_year),
                ExtraEmptyReferenceStyle(),
            ])
            GroupReferenceStyle.__post_init__(self)

    register_plugin("pybtex.style.labels", "authoryear", AuthorYearLabels)
    register_plugin("pybtex.style.formatting", "authoryear", AuthorYearStyle)
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", REFERENCE_STYLE, AuthorYearLabelStyle)


import collections  # noqa: E402  (used by the label style above)

_cache_plugin_entry_points()
_register_bibliography_style()
