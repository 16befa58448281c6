"""The rendered book in a real browser (Debian's Chromium, driven by Playwright).

Serves ``_build/html`` from a local HTTP server on 127.0.0.1 and visits every
page.  On each page: every math element was typeset by MathJax (no raw TeX
left), every image loaded, no console errors, and no request left the local
host.  A full-page screenshot of each page is saved under
``_build/screenshots/``.  Run with ``make test-browser`` (after ``make book``).
"""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
SHOTS = ROOT / "_build" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
LOCAL_HOSTS = {"127.0.0.1"}
# Flags that keep Chromium from phoning home on a machine without network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-default-apps"]


def _pages() -> list[str]:
    if not (HTML / "index.html").exists():
        return []
    skip = {"_static", "_sources", "_images"}
    return sorted(p.relative_to(HTML).as_posix() for p in HTML.rglob("*.html")
                  if not skip & set(p.relative_to(HTML).parts))


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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass


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


def test_the_book_has_pages():
    pages = _pages()
    assert "index.html" in pages and len(pages) >= 5, pages


@pytest.mark.parametrize("page_path", _pages() or ["index.html"])
def test_page_renders_offline(server, browser, page_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors, outside = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def guard(route):
        url = urlparse(route.request.url)
        if url.scheme in ("data", "blob", "about") or url.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page.goto(f"{server}/{page_path}", wait_until="load")
    page.wait_for_load_state("networkidle")
    has_mathjax = page.evaluate("() => typeof window.MathJax !== 'undefined'")
    n_math = page.evaluate("() => document.querySelectorAll('.math').length")
    if n_math:
        assert has_mathjax, "page has math but MathJax did not load"
        page.wait_for_function("() => window.MathJax.startup && window.MathJax.startup.promise")
        page.evaluate("() => window.MathJax.startup.promise")
        raw = page.evaluate("""() => Array.from(document.querySelectorAll('.math'))
            .filter(e => !e.querySelector('mjx-container')).map(e => e.textContent.slice(0, 80))""")
        assert raw == [], f"math left as raw TeX: {raw[:5]}"
        errs = page.evaluate("() => Array.from(document.querySelectorAll('mjx-merror'))"
                             ".map(e => e.textContent.slice(0, 80))")
        assert errs == [], f"MathJax errors: {errs[:5]}"
    if page_path.startswith("book/") and (ROOT / page_path.replace(".html", ".ipynb")).exists():
        # every chapter offers its notebook for download, and the link works
        href = page.evaluate("""() => Array.from(document.querySelectorAll('a'))
            .map(a => a.getAttribute('href') || '').find(h => h.endsWith('.ipynb')) || ''""")
        assert href, "no download link for the chapter's notebook"
        response = context.request.get(f"{server}/{page_path.rsplit('/', 1)[0]}/{href}")
        assert response.ok, f"notebook download {href} answered {response.status}"
    broken = page.evaluate("""() => Array.from(document.images)
        .filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)""")
    assert broken == [], f"images that did not load: {broken}"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / (page_path.replace("/", "__")[:-5] + ".png")), full_page=True)
    context.close()
    assert outside == [], f"requests left the local host: {outside}"
    assert errors == [], f"console errors: {errors}"
