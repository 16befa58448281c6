"""The true widths of the book's display equations, per page and viewport width.

Serves the built book (``_build/html``, or the directory given as the first
argument) on 127.0.0.1, opens every page in Debian's Chromium (Playwright,
``executable_path=/usr/bin/chromium``; no browser is downloaded) at 1280 and
390 px, waits for MathJax and its fonts, and lists each display equation
(``mjx-container[display="true"]``) whose typeset formula is wider than the box
it sits in: its label, its TeX (the start of it), the formula's width and the
room, and the container's ``scrollWidth``/``clientWidth``.  Any script named in
``--block`` (by default none) is not loaded, so that a script that scales
equations cannot hide their width.

    .venv/bin/python tools/measure_math.py [HTML_DIR] [--all] [--json OUT]

``--all`` lists every display equation, not only the wide ones.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (one list of flags)

WIDTHS = (1280, 390)

MEASURE = r"""async () => {
  if (document.querySelector('.math')) {
    for (let i = 0; i < 200 && !(window.MathJax && MathJax.startup && MathJax.startup.promise); i++)
      await new Promise(r => setTimeout(r, 25));
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  }
  await document.fonts.ready;
  await new Promise(r => setTimeout(r, 300));
  const tex = new Map();
  if (window.MathJax && MathJax.startup && MathJax.startup.document)
    for (const item of MathJax.startup.document.math) tex.set(item.typesetRoot, item.math);
  const out = [];
  for (const c of document.querySelectorAll('mjx-container[display="true"]')) {
    const m = c.querySelector('mjx-math');
    if (!m || !c.checkVisibility()) continue;
    const box = c.parentElement, cs = getComputedStyle(box);
    const room = box.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    const id = c.closest('[id]'), n = c.closest('.math')?.querySelector('.eqno');
    out.push({label: (n ? n.textContent.replace('#', '').trim() + ' ' : '') + (id ? '#' + id.id : ''),
              tex: (tex.get(c) || '').replace(/\s+/g, ' ').trim().slice(0, 90),
              width: Math.round(m.getBoundingClientRect().width), room: Math.round(room),
              scroll: c.scrollWidth, client: c.clientWidth,
              font: parseFloat(getComputedStyle(c).fontSize)});
  }
  return out;
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def pages(html: Path) -> list[str]:
    skip = {"_static", "_sources", "_images"}
    return sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html")
                  if not skip & set(p.relative_to(html).parts))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("html", nargs="?", default=str(ROOT / "_build" / "html"))
    ap.add_argument("--all", action="store_true", help="list every display equation")
    ap.add_argument("--block", action="append", default=[],
                    help="a script file name not to load (repeatable), e.g. a script that scales equations")
    ap.add_argument("--json", help="write the measurements to this file")
    args = ap.parse_args(argv)
    html = Path(args.html).resolve()
    handler = functools.partial(_Quiet, directory=str(html))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    from playwright.sync_api import sync_playwright
    result: dict = {}
    wide_total = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900})
            if args.block:
                context.route("**/*", lambda route: route.abort()
                              if route.request.url.rsplit("/", 1)[-1].split("?")[0] in args.block
                              else route.continue_())
            page = context.new_page()
            for path in pages(html):
                if path == "index.html":
                    continue   # a redirect to the first chapter
                page.goto(f"{base}/{path}", wait_until="load")
                rows = page.evaluate(MEASURE)
                result.setdefault(path, {})[width] = rows
                wide = [r for r in rows if r["width"] > r["room"] + 1 or r["scroll"] > r["client"] + 1]
                wide_total += len(wide)
                shown = rows if args.all else wide
                if shown:
                    print(f"\n{path} @ {width} px: {len(wide)} of {len(rows)} display equations too wide")
                    for r in shown:
                        flag = "WIDE" if r in wide else "ok  "
                        print(f"  {flag} {r['label'] or '(unlabelled)':<40.40} formula {r['width']:>5} px"
                              f" in {r['room']:>4} px (scroll {r['scroll']}/{r['client']},"
                              f" font {r['font']:.1f}px)  {r['tex'][:70]}")
            context.close()
        browser.close()
    httpd.shutdown()
    print(f"\n{wide_total} (page, width, equation) cases wider than their box")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
