"""The rendered book in a real browser (Debian's Chromium, driven by Playwright).

Serves the built book (``_build/html``, or the directory named by the
``BOOK_HTML`` environment variable) from a local HTTP server on 127.0.0.1 and
visits every page at a desktop width (1280 px) and a phone width (390 px).
Each visit is made once and measured; the checks below are separate
parametrized tests over (page, width), so a failure names its page, its width
and its check:

* ``test_renders_offline`` -- MathJax typeset every math element, every image
  loaded, the console is clean, no request left 127.0.0.1, and a chapter's
  notebook can be downloaded;
* ``test_display_math_fits`` -- no display equation is wider than its column;
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
  tooltip behind.

Full-page screenshots of every page at both widths, light and dark, go to
``_build/screenshots/``.  Run with ``make test-browser`` (after ``make book``).
"""
from __future__ import annotations

import ast
import functools
import http.server
import os
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
HTML = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html")).resolve()
SHOTS = HTML.parent / "screenshots"  # _build/screenshots
CHROMIUM = "/usr/bin/chromium"
LOCAL_HOSTS = {"127.0.0.1"}
# Flags that keep Chromium from phoning home on a machine without network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-default-apps"]
WIDTHS = (1280, 390)
DESKTOP = 992          # pydata-sphinx-theme's "lg" breakpoint: sidebar inline above it
SHOT_MAX_HEIGHT = 16000  # px; the rest of a very long page is left out of its screenshot


def _pages() -> list[str]:
    if not (HTML / "index.html").exists():
        return []
    skip = {"_static", "_sources", "_images"}
    return sorted(p.relative_to(HTML).as_posix() for p in HTML.rglob("*.html")
                  if not skip & set(p.relative_to(HTML).parts))


PAGES = _pages() or ["index.html"]
CASES = [pytest.param(page, width, id=f"{page}@{width}") for page in PAGES for width in WIDTHS]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass


@pytest.fixture(scope="session")
def server():
    if not (HTML / "index.html").exists():
        pytest.fail(f"{HTML / 'index.html'} is missing: build the book first with `make book`")
    handler = functools.partial(_QuietHandler, directory=str(HTML))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.fail("Chromium is missing at /usr/bin/chromium. Install Debian's package: "
                    "`apt-get update && apt-get install -y chromium` (never let Playwright "
                    "download its own browser).")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _guard(outside):
    def guard(route):
        url = urlparse(route.request.url)
        if url.scheme in ("data", "blob", "about") or url.hostname in LOCAL_HOSTS:
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
  // display maths: the typeset formula against the column it sits in
  const wideMath = [];
  for (const c of document.querySelectorAll('mjx-container[display="true"]')) {
    const m = c.querySelector('mjx-math'); if (!m || !vis(c)) continue;
    const box = c.parentElement, cs = getComputedStyle(box);
    const room = box.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    const w = m.getBoundingClientRect().width;
    if (w > room + 1) wideMath.push({label: label(c), width: Math.round(w), room: Math.round(room)});
  }
  // the widest things sticking out of the viewport (for the failure message)
  const sticking = [];
  for (const e of article.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.right > innerWidth + 1 && vis(e) && !(e.parentElement && e.parentElement.getBoundingClientRect().right > innerWidth + 1))
      sticking.push(`${e.tagName.toLowerCase()}.${String(e.className.baseVal ?? e.className).split(' ')[0]} to ${Math.round(r.right)} px: ${(e.textContent || '').trim().slice(0, 60)}`);
  }
  // (img.toggler: the index's collapse control, alt '-', drawn by Sphinx, not a figure)
  const images = Array.from(document.images).filter(i => vis(i) && !i.classList.contains('toggler')).map(i => ({src: i.getAttribute('src') || '', alt: i.getAttribute('alt')}));
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
    texts.push({text: t.slice(0, 300), pre: !!p.closest('pre'), api: !!p.closest('dl.py')});
  }
  // search boxes in the page's frame (the search page's own form is content)
  const searches = Array.from(document.querySelectorAll('.search-button-field, .search-button, form.bd-search'))
    .filter(e => vis(e) && !e.closest('.bd-article, .bd-search-container')).length;
  const pageToc = document.querySelectorAll('#pst-secondary-sidebar nav.page-toc a, .bd-sidebar-secondary nav.page-toc a').length;
  const icon = document.querySelector('link[rel~="icon"]');
  return {docWidth: document.documentElement.scrollWidth, viewport: innerWidth, wideMath, sticking: sticking.slice(0, 5),
          images, cells, texts, searches, pageToc, icon: icon ? icon.href : null};
}"""

_PANEL_STATE = r"""(which) => {
  const vis = e => !!e && e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  const dialog = document.getElementById(`pst-${which}-sidebar-modal`);
  const inline = document.getElementById(`pst-${which}-sidebar`);
  if (dialog && dialog.open) return 'open';
  return vis(inline) && inline.getBoundingClientRect().right > 0 ? 'shown' : 'hidden';
}"""

_VISIBLE_TOGGLES = r"""(sel) => Array.from(document.querySelectorAll(sel))
  .filter(e => e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})).length"""


def _click_visible(page, selector):
    return [e for e in page.query_selector_all(selector) if e.is_visible()]


def _exercise_toggles(page, width):
    """Click each visible sidebar toggle: it must change its panel, then put it back."""
    results = {}
    for which, selector in (("primary", ".primary-toggle"), ("secondary", ".secondary-toggle")):
        buttons = _click_visible(page, selector)
        if not buttons:
            results[which] = None  # not offered at this width
            continue
        before = page.evaluate(_PANEL_STATE, which)
        buttons[0].click()
        page.wait_for_timeout(400)
        opened = page.evaluate(_PANEL_STATE, which)
        if opened == "open":  # a modal panel: close it by clicking beside it
            x = 5 if which == "secondary" else width - 5
            page.mouse.click(x, 300)
        else:
            buttons[0].click()
        page.wait_for_timeout(400)
        closed = page.evaluate(_PANEL_STATE, which)
        results[which] = (before, opened, closed)
    return results


@functools.lru_cache(maxsize=None)
def _visit(base: str, browser, page_path: str, width: int) -> dict:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors, outside = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    context.route("**/*", _guard(outside))
    try:
        page.goto(f"{base}/{page_path}", wait_until="load")
        page.wait_for_load_state("networkidle")
        out: dict = {"errors": errors, "outside": outside}
        n_math = page.evaluate("() => document.querySelectorAll('.math').length")
        out["has_mathjax"] = page.evaluate("() => typeof window.MathJax !== 'undefined'")
        out["n_math"] = n_math
        if n_math and out["has_mathjax"]:
            page.wait_for_function("() => window.MathJax.startup && window.MathJax.startup.promise")
            page.evaluate("() => window.MathJax.startup.promise")
            out["raw_tex"] = page.evaluate("""() => Array.from(document.querySelectorAll('.math'))
                .filter(e => !e.querySelector('mjx-container')).map(e => e.textContent.slice(0, 80))""")
            out["merrors"] = page.evaluate("() => Array.from(document.querySelectorAll('mjx-merror'))"
                                           ".map(e => e.textContent.slice(0, 80))")
        out["broken_images"] = page.evaluate("""() => Array.from(document.images)
            .filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)""")
        out["notebook_href"] = page.evaluate("""() => Array.from(document.querySelectorAll('a'))
            .map(a => a.getAttribute('href') || '').find(h => h.endsWith('.ipynb')) || ''""")
        if out["notebook_href"]:
            url = f"{base}/{page_path.rsplit('/', 1)[0]}/{out['notebook_href']}" if "/" in page_path \
                else f"{base}/{out['notebook_href']}"
            out["notebook_status"] = context.request.get(url).status
        out.update(page.evaluate(_MEASURE))
        if out["icon"]:
            out["icon_status"] = context.request.get(out["icon"]).status
        SHOTS.mkdir(parents=True, exist_ok=True)
        stem = f"{page_path.replace('/', '__')[:-5]}@{width}"
        _screenshot(page, SHOTS / f"{stem}.png")
        out["toggles"] = _exercise_toggles(page, width)
        page.evaluate("() => { document.documentElement.dataset.theme = 'dark'; document.documentElement.dataset.mode = 'dark'; }")
        page.wait_for_timeout(200)
        _screenshot(page, SHOTS / f"{stem}-dark.png")
        return out
    finally:
        context.close()


def _screenshot(page, path):
    height = page.evaluate("() => document.documentElement.scrollHeight")
    if height <= SHOT_MAX_HEIGHT:
        page.screenshot(path=str(path), full_page=True)
    else:
        width = page.viewport_size["width"]
        page.screenshot(path=str(path), full_page=True,
                        clip={"x": 0, "y": 0, "width": width, "height": SHOT_MAX_HEIGHT})


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
    wide = visit(page_path, width)["wideMath"]
    described = [f"{m['label'] or '(unlabelled)'}: {m['width']} px in {m['room']} px" for m in wide]
    assert wide == [], (f"{len(wide)} display equation(s) wider than their column at {width} px "
                        f"(widest {max(m['width'] for m in wide)} px): " + "; ".join(described[:12]))


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
