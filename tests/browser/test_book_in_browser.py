"""The rendered book in a real browser (Debian's Chromium, driven by Playwright).

Serves the built book (``_build/html``, or the directory named by the
``BOOK_HTML`` environment variable) from a local HTTP server on 127.0.0.1 and
visits every page at a desktop width (1280 px) and a phone width (390 px).
Each page is loaded once per width, in one browser context per width kept for
the session (so the HTTP cache works: requests are watched, not intercepted,
and Chromium resolves no host but 127.0.0.1), and everything is measured in
one ``page.evaluate``; the checks below are separate parametrized tests over
(page, width), so a failure names its page, its width and its check:

* ``test_renders_offline`` -- MathJax typeset every math element, every image
  loaded, the console is clean, no request left 127.0.0.1, and a chapter's
  notebook can be downloaded;
* ``test_display_math_fits`` -- no display equation is wider than its column,
  measured as MathJax typeset it (none scaled down, none scrolled);
* ``test_page_fits_viewport`` -- the document is no wider than the viewport;
* ``test_navigation_toggles`` -- the chapter-list and contents buttons, where
  shown, open their panel on a click and close it again;
* ``test_images_have_alt_text`` -- every image has a description, not a file name;
* ``test_no_plumbing_cells`` -- no visible code cell is only ``glue(...)`` calls
  and imports;
* ``test_no_python_reprs`` -- no text shows a raw Python repr (dict, tuple,
  array, numpy scalar, object address) or a Python ``True``/``False`` in prose;
* ``test_favicon`` and ``test_one_search_box`` -- the page declares an icon that
  loads, and offers one search box, not two;
* ``test_no_sticky_tooltips`` -- on a touch screen a tapped button leaves no
  tooltip behind;
* ``test_figures_legible`` -- every figure is shown at a size where its smallest
  text (``ctrnn.book.style.SMALLEST_FONT_PT``) is at least 9 px;
* ``test_explorer_loads_only_on_its_page`` -- the explorer's scripts and styles
  are fetched by book/explorer.html, once each, and by no other page.

Screenshots of every page at both widths, light and dark (the dark one by
switching the theme's attribute, no reload), go to ``_build/screenshots/``:
the first screen of each page, or down to ``BOOK_SHOT_HEIGHT`` px.  Run with
``make test-browser`` (after ``make book``).
"""
from __future__ import annotations

import ast
import functools
import os
import re
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
HTML = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html")).resolve()
SHOTS = HTML.parent / "screenshots"  # _build/screenshots
LOCAL_HOSTS = {"127.0.0.1"}
WIDTHS = (1280, 390)
DESKTOP = 992          # pydata-sphinx-theme's "lg" breakpoint: sidebar inline above it
HEIGHT = 900           # px, the viewport's height
# px: screenshots show the top of the page down to here, by default its first screen
# (a full-page PNG of a 16,000 px chapter takes seconds to encode; for whole pages set
# BOOK_SHOT_HEIGHT=100000 and run `make test-browser` again)
SHOT_MAX_HEIGHT = int(os.environ.get("BOOK_SHOT_HEIGHT", HEIGHT))


def _pages() -> list[str]:
    if not (HTML / "index.html").exists():
        return []
    skip = {"_static", "_sources", "_images"}
    return sorted(p.relative_to(HTML).as_posix() for p in HTML.rglob("*.html")
                  if not skip & set(p.relative_to(HTML).parts))


PAGES = _pages() or ["index.html"]
# With `pytest -n 2 --dist loadgroup` (make test-browser) the visits are shared out
# between the workers in GROUPS groups; every check of one (page, width) runs in the
# group, and so the worker, that made its visit.
GROUPS = 8
CASES = [pytest.param(page, width, id=f"{page}@{width}",
                      marks=pytest.mark.xdist_group(f"book-{k % GROUPS}"))
         for k, (page, width) in enumerate((p, w) for p in PAGES for w in WIDTHS)]








def _is_local(address: str) -> bool:
    url = urlparse(address)
    return url.scheme in ("data", "blob", "about") or url.hostname in LOCAL_HOSTS


def _guard(outside):
    def guard(route):
        if _is_local(route.request.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()
    return guard


# --- what is measured on each page -------------------------------------------------

_MEASURE = r"""() => {
  const vis = e => !!e && e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  const label = e => { const m = e.closest('[id]'); const n = e.closest('.math')?.querySelector('.eqno');
    return (n ? n.textContent.replace('#', '').trim() + ' ' : '') + (m ? '#' + m.id : ''); };
  const article = document.querySelector('.bd-article') || document.body;
  // display maths: the typeset formula against the column it sits in, at the size
  // MathJax typeset it -- an equation shrunk to fit (a font smaller than the
  // maths in the page's running text, or than its other display equations; a
  // font size, zoom or transform set on an ancestor; a font size in px on the
  // container, where MathJax's own scaling is a percentage) counts as too wide,
  // and so does one scrolled inside its box
  const wideMath = [], shrunk = [];
  const displays = Array.from(document.querySelectorAll('mjx-container[display="true"]')).filter(vis);
  const sizes = displays.map(c => parseFloat(getComputedStyle(c).fontSize));
  const running = Array.from(document.querySelectorAll('.bd-article section > p > mjx-container:not([display="true"])'))
    .filter(vis).map(c => parseFloat(getComputedStyle(c).fontSize)).sort((a, b) => a - b);
  const largest = running.length ? running[Math.floor(running.length / 2)] : Math.max(0, ...sizes);
  displays.forEach((c, k) => {
    const m = c.querySelector('mjx-math'); if (!m) return;
    const box = c.parentElement, cs = getComputedStyle(box);
    const room = box.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    const w = m.getBoundingClientRect().width;
    if (w > room + 1 || c.scrollWidth > c.clientWidth + 1)
      wideMath.push({label: label(c), width: Math.round(w), room: Math.round(room)});
    let scaled = sizes[k] < 0.98 * largest ? `font ${sizes[k]} px of ${largest} px` : '';
    if (!scaled && /px$/.test(c.style.fontSize)) scaled = `font size set to ${c.style.fontSize}`;
    for (let e = c; e && e !== article && !scaled; e = e.parentElement) {
      const es = getComputedStyle(e), own = e !== c && e.style.fontSize;
      if (own || e.style.zoom || (es.transform && es.transform !== 'none') || (es.zoom && es.zoom !== '1'))
        scaled = `${e.tagName.toLowerCase()} scaled (${own || e.style.zoom || es.transform || es.zoom})`;
    }
    if (scaled) shrunk.push({label: label(c), how: scaled});
  });
  // the widest things sticking out of the viewport (for the failure message)
  const sticking = [];
  const docWidth = document.documentElement.scrollWidth;
  if (docWidth > innerWidth) for (const e of article.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.right > innerWidth + 1 && vis(e) && !(e.parentElement && e.parentElement.getBoundingClientRect().right > innerWidth + 1))
      sticking.push(`${e.tagName.toLowerCase()}.${String(e.className.baseVal ?? e.className).split(' ')[0]} to ${Math.round(r.right)} px: ${(e.textContent || '').trim().slice(0, 60)}`);
  }
  // (img.toggler: the index's collapse control, alt '-', drawn by Sphinx, not a figure)
  const images = Array.from(document.images).filter(i => vis(i) && !i.classList.contains('toggler')).map(i => ({src: i.getAttribute('src') || '', alt: i.getAttribute('alt'),
    figure: !!i.closest('.cell_output, figure'), natural: i.naturalWidth, shown: i.getBoundingClientRect().width}));
  const cells = Array.from(document.querySelectorAll('.cell_input')).filter(vis).map(c => c.innerText);
  // text a reader sees, outside input code and source listings
  const texts = [];
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const p = n.parentElement, t = n.textContent.trim();
    if (!t || !vis(p)) continue;
    if (p.closest('.cell_input, script, style, mjx-container, code, .headerlink')) continue;
    const listing = p.closest('div.highlight');
    if (listing && !listing.closest('.cell_output')) continue;
    texts.push({text: t.slice(0, 300), pre: !!p.closest('pre'), api: !!p.closest('dl.py'),
                widget: !!p.closest('#ctrnn-explorer')});
  }
  // search boxes in the page's frame (the search page's own form is content)
  const searches = Array.from(document.querySelectorAll('.search-button-field, .search-button, form.bd-search'))
    .filter(e => vis(e) && !e.closest('.bd-article, .bd-search-container')).length;
  const pageToc = document.querySelectorAll('#pst-secondary-sidebar nav.page-toc a, .bd-sidebar-secondary nav.page-toc a').length;
  const icon = document.querySelector('link[rel~="icon"]');
  return {docWidth, viewport: innerWidth, wideMath, shrunk, sticking: sticking.slice(0, 5),
          images, cells, texts, searches, pageToc, icon: icon ? icon.href : null};
}"""

_PANEL_STATE = r"""(which) => {
  const vis = e => !!e && e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  const dialog = document.getElementById(`pst-${which}-sidebar-modal`);
  const inline = document.getElementById(`pst-${which}-sidebar`);
  if (dialog && dialog.open) return 'open';
  return vis(inline) && inline.getBoundingClientRect().right > 0 ? 'shown' : 'hidden';
}"""

_TRANSITIONS_DONE = r"""() => Promise.all(document.getAnimations().filter(a => a.playState === 'running'
  && !(a.effect && a.effect.getComputedTiming().iterations === Infinity)).map(a => a.finished.catch(() => null)))"""

_VISIBLE_TOGGLES = r"""(sel) => Array.from(document.querySelectorAll(sel))
  .filter(e => e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})).length"""


def _click_visible(page, selector):
    return [e for e in page.query_selector_all(selector) if e.is_visible()]


def _click(page, element):
    """A mouse click at the middle of ``element``, as a reader's (``click()`` would
    also wait for it to be "stable", some 0.5 s a click)."""
    box = element.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def _settle(page, which, done, timeout=3.0):
    """The panel's state once ``done(state)`` holds, or after ``timeout`` seconds (a
    dead button is seen as the unchanged state)."""
    deadline = time.monotonic() + timeout
    state = page.evaluate(_PANEL_STATE, which)
    while not done(state) and time.monotonic() < deadline:
        page.wait_for_timeout(50)
        state = page.evaluate(_PANEL_STATE, which)
    return state


def _exercise_toggles(page, width):
    """Click each visible sidebar toggle: it must change its panel, then put it back.

    The panels' slide transitions are switched off first, so a panel is where a
    click puts it at once (the test asks whether it moves, not how smoothly)."""
    page.add_style_tag(content="*, *::before, *::after, ::backdrop "
                               "{ transition: none !important; animation: none !important; }")
    results = {}
    for which, selector in (("primary", ".primary-toggle"), ("secondary", ".secondary-toggle")):
        buttons = _click_visible(page, selector)
        if not buttons:
            results[which] = None  # not offered at this width
            continue
        before = page.evaluate(_PANEL_STATE, which)
        _click(page, buttons[0])
        opened = _settle(page, which, lambda state: state != before)
        if opened == "open":  # a modal panel: let it finish opening, close it by clicking beside it
            page.evaluate(_TRANSITIONS_DONE)
            page.wait_for_timeout(100)
            page.mouse.click(5 if which == "secondary" else width - 5, 300)
        else:
            _click(page, buttons[0])   # where it is now: the header moves with the sidebar
        closed = _settle(page, which, lambda state: state == before)
        results[which] = (before, opened, closed)
    return results


_LOADED = r"""async () => {
  // MathJax typesets after the load event; wait for its first pass, the fonts and every image
  if (document.querySelector('.math')) {
    for (let i = 0; i < 200 && !(window.MathJax && MathJax.startup && MathJax.startup.promise); i++)
      await new Promise(r => setTimeout(r, 25));
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  }
  await document.fonts.ready;
  await Promise.all(Array.from(document.images).map(i => i.decode().catch(() => null)));
}"""

_RENDERED = r"""() => {
  const math = document.querySelectorAll('.math');
  const out = {n_math: math.length, has_mathjax: typeof window.MathJax !== 'undefined'};
  if (math.length && out.has_mathjax) {
    out.raw_tex = Array.from(math).filter(e => !e.querySelector('mjx-container')).map(e => e.textContent.slice(0, 80));
    out.merrors = Array.from(document.querySelectorAll('mjx-merror')).map(e => e.textContent.slice(0, 80));
  }
  out.broken_images = Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src);
  out.notebook_href = Array.from(document.querySelectorAll('a')).map(a => a.getAttribute('href') || '')
    .find(h => h.endsWith('.ipynb')) || '';
  return out;
}"""

_DARK = r"""() => new Promise(done => {
  document.documentElement.dataset.theme = 'dark'; document.documentElement.dataset.mode = 'dark';
  requestAnimationFrame(() => requestAnimationFrame(done));
})"""


class _Tab:
    """One context and one page per width for the whole session; each visit
    navigates it, and the listeners collect that visit's errors and requests."""

    def __init__(self, browser, width):
        self.context = browser.new_context(viewport={"width": width, "height": HEIGHT})
        self.page = self.context.new_page()
        self.errors, self.outside, self.requested = [], [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        # requests are watched, not intercepted: routing would switch off the HTTP
        # cache and send every request through Python (conftest.py's CHROMIUM_ARGS make
        # anything off 127.0.0.1 fail)
        self.page.on("request", self._request)
        self.status: dict[str, int] = {}

    def _request(self, request):
        self.requested.append(request.url)
        if not _is_local(request.url):
            self.outside.append(request.url)

    def status_of(self, url):
        if url not in self.status:   # the favicon is the same file on every page
            self.status[url] = self.context.request.get(url).status
        return self.status[url]

    def reset(self):
        self.errors.clear(); self.outside.clear(); self.requested.clear()


_TABS: dict = {}
REFRESH = re.compile(r'<meta http-equiv="refresh" content="\d+;\s*url=([^"]+)"', re.IGNORECASE)


@functools.lru_cache(maxsize=None)
def _visit(base: str, browser, page_path: str, width: int) -> dict:
    tab = _TABS.get((id(browser), width)) or _TABS.setdefault((id(browser), width), _Tab(browser, width))
    page = tab.page
    tab.reset()
    url = f"{base}/{page_path}"
    page.goto(url, wait_until="load")
    refresh = REFRESH.search((HTML / page_path).read_text(errors="replace")[:2000])
    if refresh:   # index.html: a meta refresh to the first chapter
        page.wait_for_url(f"**/{refresh.group(1)}", wait_until="load")
    page.evaluate(_LOADED)
    out: dict = page.evaluate(_RENDERED)
    if out["notebook_href"]:
        url = f"{base}/{page_path.rsplit('/', 1)[0]}/{out['notebook_href']}" if "/" in page_path \
            else f"{base}/{out['notebook_href']}"
        out["notebook_status"] = tab.status_of(url)
    out.update(page.evaluate(_MEASURE))
    if out["icon"]:
        out["icon_status"] = tab.status_of(out["icon"])
    SHOTS.mkdir(parents=True, exist_ok=True)
    stem = f"{page_path.replace('/', '__')[:-5]}@{width}"
    _screenshot(page, SHOTS / f"{stem}.png", SHOT_MAX_HEIGHT)
    page.evaluate(_DARK)   # the theme's own switch: an attribute, no reload
    _screenshot(page, SHOTS / f"{stem}-dark.png", SHOT_MAX_HEIGHT)
    out["toggles"] = _exercise_toggles(page, width)   # last: panels may still be sliding
    out["errors"], out["outside"] = list(tab.errors), list(tab.outside)
    out["requested"] = [urlparse(u).path for u in tab.requested]
    return out


def _screenshot(page, path, max_height):
    """The top of the page, at most ``max_height`` px of it."""
    width = page.viewport_size["width"]
    height = min(max_height, page.evaluate("() => document.documentElement.scrollHeight"))
    page.screenshot(path=str(path), full_page=height > HEIGHT, animations="disabled",
                    clip={"x": 0, "y": 0, "width": width, "height": height})


@pytest.fixture
def visit(server, browser):
    return lambda page_path, width: _visit(server, browser, page_path, width)


# --- the checks --------------------------------------------------------------------

def test_the_book_has_pages():
    pages = _pages()
    assert "index.html" in pages and len(pages) >= 5, pages


@pytest.mark.parametrize("page_path,width", CASES)
def test_renders_offline(visit, page_path, width):
    v = visit(page_path, width)
    if v["n_math"]:
        assert v["has_mathjax"], "page has math but MathJax did not load"
        assert v["raw_tex"] == [], f"math left as raw TeX: {v['raw_tex'][:5]}"
        assert v["merrors"] == [], f"MathJax errors: {v['merrors'][:5]}"
    if page_path.startswith("book/") and (ROOT / page_path.replace(".html", ".ipynb")).exists():
        assert v["notebook_href"], "no download link for the chapter's notebook"
        assert v["notebook_status"] == 200, f"notebook download {v['notebook_href']} answered {v['notebook_status']}"
    assert v["broken_images"] == [], f"images that did not load: {v['broken_images']}"
    assert v["outside"] == [], f"requests left the local host: {v['outside']}"
    assert v["errors"] == [], f"console errors: {v['errors']}"


@pytest.mark.parametrize("page_path,width", CASES)
def test_display_math_fits(visit, page_path, width):
    """Every display equation fits its column as MathJax typeset it: broken into
    lines (ctrnn.book.text.break_display), never scaled down or scrolled."""
    v = visit(page_path, width)
    wide, shrunk = v["wideMath"], v["shrunk"]
    described = [f"{m['label'] or '(unlabelled)'}: {m['width']} px in {m['room']} px" for m in wide]
    assert wide == [], (f"{len(wide)} display equation(s) wider than their column at {width} px "
                        f"(widest {max(m['width'] for m in wide)} px): " + "; ".join(described[:12]))
    assert shrunk == [], (f"{len(shrunk)} display equation(s) scaled down to fit at {width} px: "
                          + "; ".join(f"{m['label'] or '(unlabelled)'}: {m['how']}" for m in shrunk[:12]))


@pytest.mark.parametrize("page_path,width", CASES)
def test_page_fits_viewport(visit, page_path, width):
    v = visit(page_path, width)
    assert v["docWidth"] <= v["viewport"], (
        f"the page is {v['docWidth']} px wide on a {v['viewport']} px screen; sticking out: {v['sticking']}")


@pytest.mark.parametrize("page_path,width", CASES)
def test_navigation_toggles(visit, page_path, width):
    toggles = visit(page_path, width)["toggles"]
    if page_path.startswith("book/"):
        # a chapter always offers the chapter list; below 1200 px a page with
        # sections also offers its contents behind a button
        assert toggles["primary"] is not None, "no visible chapter-list (hamburger) button"
        if width < 1200 and visit(page_path, width)["pageToc"]:
            assert toggles["secondary"] is not None, "no visible contents button"
    for which, name in (("primary", "chapter list"), ("secondary", "contents")):
        if toggles[which] is None:
            continue
        before, opened, closed = toggles[which]
        assert opened != before, f"clicking the {name} button left it {before}"
        assert closed == before, f"the {name} did not close again: {before} -> {opened} -> {closed}"


HASHED = re.compile(r"(^|/)[0-9a-f]{16,}\.\w+$|\.(png|svg|jpe?g|gif|webp)$", re.IGNORECASE)


@pytest.mark.parametrize("page_path,width", CASES)
def test_images_have_alt_text(visit, page_path, width):
    bad = [i for i in visit(page_path, width)["images"]
           if not i["alt"] or len(i["alt"].split()) < 3 or HASHED.search(i["alt"].strip())]
    assert bad == [], (f"{len(bad)} image(s) without a real alt text: "
                       + "; ".join(f"{i['src'].rsplit('/', 1)[-1][:20]} alt={i['alt']!r:.60}" for i in bad[:6]))


def test_alt_text_rule_catches_file_names():
    """The rule above rejects what myst-nb writes when a figure has no description."""
    for alt in ("../_images/6024b0af88b0639677c212916c7aa1b3e16a367ace7a5d5f5f3.svg",
                "_images/88b0639677c212916c7.png", "figure.svg", "fig", ""):
        assert not alt or len(alt.split()) < 3 or HASHED.search(alt), alt
    assert not HASHED.search("Phase portrait with four shaded regions and two stable nodes.")


# Text of SMALLEST_FONT_PT points in a figure of natural width w px, shown at s px, is
# SMALLEST_FONT_PT * 4/3 * s/w px (an SVG's natural width is its width in pt * 4/3);
# a PNG drawn at the former 100 dpi has 100/72 px per point.
MIN_TEXT_PX = 9


def _text_px(image) -> float:
    from ctrnn.book.style import SMALLEST_FONT_PT
    per_pt = 4 / 3 if image["src"].lower().endswith(".svg") else 100 / 72
    return SMALLEST_FONT_PT * per_pt * image["shown"] / max(image["natural"], 1)


@pytest.mark.parametrize("page_path,width", CASES)
def test_figures_legible(visit, page_path, width):
    """Every figure is shown large enough for its smallest text to be >= 9 px."""
    small = [(i["src"].rsplit("/", 1)[-1][:16], round(_text_px(i), 1), i["natural"], round(i["shown"]))
             for i in visit(page_path, width)["images"] if i["figure"] and _text_px(i) < MIN_TEXT_PX]
    assert small == [], (f"{len(small)} figure(s) whose smallest text is under {MIN_TEXT_PX} px at "
                         f"{width} px (file, text px, natural px, shown px): {small[:6]}")


# The explorer's files (book/explorer.md loads them; _extra/ is not linked into pages)
EXPLORER_ASSETS = {"explorer.js", "ctrnn_generated.js", "explorer.css"}
EXPLORER_PAGE = "book/explorer.html"


@pytest.mark.parametrize("page_path,width", CASES)
def test_explorer_loads_only_on_its_page(visit, page_path, width):
    fetched = [u for u in visit(page_path, width)["requested"] if u.rsplit("/", 1)[-1] in EXPLORER_ASSETS]
    if page_path == EXPLORER_PAGE:
        names = sorted(u.rsplit("/", 1)[-1] for u in fetched)
        assert names == sorted(EXPLORER_ASSETS), f"the explorer page fetched {names}"
    else:
        assert fetched == [], f"a page without the explorer fetched {fetched}"


def test_requests_off_the_host_are_seen(server, browser):
    """The request watch (no interception) records a request that leaves 127.0.0.1."""
    _visit(server, browser, PAGES[0], WIDTHS[0])
    tab = _TABS[(id(browser), WIDTHS[0])]
    tab.reset()
    tab.page.evaluate("() => fetch('http://example.org/x.js').catch(() => null)")
    tab.page.wait_for_timeout(200)
    assert [u for u in tab.outside if "example.org" in u], tab.outside


def _is_plumbing(source: str) -> bool:
    """True when every statement of a cell is an import or a glue(...) call."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    def glue(node):
        return (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
                and getattr(node.value.func, "id", getattr(node.value.func, "attr", None)) == "glue")
    return bool(tree.body) and all(isinstance(s, (ast.Import, ast.ImportFrom)) or glue(s) for s in tree.body)


@pytest.mark.parametrize("page_path,width", CASES)
def test_no_plumbing_cells(visit, page_path, width):
    cells = [c for c in visit(page_path, width)["cells"] if _is_plumbing(c)]
    glue_lines = sum(len(re.findall(r"^\s*glue\(", c, re.MULTILINE)) for c in cells)
    assert cells == [], (f"{len(cells)} visible code cell(s) of only glue/imports ({glue_lines} glue calls); "
                         f"first: {cells[0][:120]!r}")


REPRS = {
    "dict": re.compile(r"\{\s*(['\"][^'\"]+['\"]|\d+)\s*:\s"),
    "tuple": re.compile(r"^\((\s*(-?[\d.]+(e[-+]?\d+)?|'[^']*'|None|True|False)\s*,)+\s*"
                        r"(-?[\d.]+(e[-+]?\d+)?|'[^']*'|None|True|False)?\s*\)$"),
    "array": re.compile(r"\barray\(\["),
    "numpy scalar": re.compile(r"\bnp\.(float|int|bool|complex)\w*\("),
    "object address": re.compile(r"<[\w.]+ object at 0x[0-9a-f]+>"),
}
PROSE_BOOL = re.compile(r"\b(True|False)\b(?!\s+[a-z])")


@pytest.mark.parametrize("page_path,width", CASES)
def test_no_python_reprs(visit, page_path, width):
    found = []
    for t in visit(page_path, width)["texts"]:
        for kind, pattern in REPRS.items():
            # a bare tuple is a repr in an output; in prose it is a point such as (2.2, -3.8)
            if (t["pre"] or kind != "tuple") and pattern.search(t["text"]):
                found.append(f"{kind}: {t['text'][:80]!r}")
        # API entries document Python arguments, where True/False are the values
        if not t["pre"] and not t["api"] and PROSE_BOOL.search(t["text"]):
            found.append(f"Python boolean in prose: {t['text'][:80]!r}")
    assert found == [], f"{len(found)} raw Python repr(s) shown: " + "; ".join(found[:8])


#: The API reference quotes the docstrings, written for ``help()`` in a terminal, where
#: no TeX is typeset: its pages are code documentation, held to the docstring style.
PROSE_CASES = [c for c in CASES if not re.search(r"(^|/)api(/|\.html$)", c.values[0])]


@pytest.mark.parametrize("page_path,width", PROSE_CASES)
def test_mathematics_is_typeset(visit, page_path, width):
    # one convention (issue 15 §6): a Greek letter, a subscript or an operator a reader
    # sees outside MathJax is a Unicode stand-in (ctrnn.book.typography, rule 1); code
    # listings, outputs printed as text and API signatures are code, not prose; the
    # explorer's controls and live read-outs are an instrument's labels, redrawn on every
    # input (typesetting each redraw with MathJax would lag the sliders)
    from ctrnn.book.typography import UNICODE_MATH
    found = [t["text"][:80] for t in visit(page_path, width)["texts"]
             if not (t["pre"] or t["api"] or t["widget"]) and UNICODE_MATH.search(t["text"])]
    assert found == [], f"{len(found)} text(s) with mathematics outside MathJax: {found[:6]}"


@pytest.mark.parametrize("page_path,width", CASES)
def test_favicon(visit, page_path, width):
    v = visit(page_path, width)
    assert v["icon"], "no <link rel=icon>: the browser asks for /favicon.ico and gets a 404"
    assert v["icon_status"] == 200, f"favicon {v['icon']} answered {v['icon_status']}"


@pytest.mark.parametrize("page_path,width", CASES)
def test_one_search_box(visit, page_path, width):
    n = visit(page_path, width)["searches"]
    assert n <= 1, f"{n} search boxes/buttons visible at {width} px"
    if page_path.startswith("book/"):
        assert n == 1, f"no visible search at {width} px"


def test_no_sticky_tooltips(server, browser):
    """Tap every tooltip-bearing button of a chapter on a touch phone: none may leave a tooltip."""
    page_path = next((p for p in PAGES if p.startswith("book/")), PAGES[0])
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    context.route("**/*", _guard([]))
    try:
        page.goto(f"{server}/{page_path}", wait_until="load")
        page.wait_for_load_state("networkidle")
        stuck = []
        for i in range(page.evaluate(_VISIBLE_TOGGLES, '[data-bs-toggle="tooltip"]')):
            buttons = _click_visible(page, '[data-bs-toggle="tooltip"]')
            if i >= len(buttons):
                break
            name = buttons[i].get_attribute("title") or buttons[i].get_attribute("aria-label") or f"button {i}"
            if "full" in name.lower():
                continue  # the full-screen button leaves the page
            buttons[i].tap()
            page.wait_for_timeout(600)
            if page.evaluate(_VISIBLE_TOGGLES, ".tooltip"):
                stuck.append(name)
            page.keyboard.press("Escape")
            page.evaluate("() => document.querySelectorAll('dialog[open]').forEach(d => d.close())")
            page.wait_for_timeout(200)
        assert stuck == [], f"tooltips left on screen after a tap: {stuck}"
    finally:
        context.close()
