"""Sphinx extension: drop duplicate <script> entries from each HTML page.

jupyter-book 1 registers sphinx-thebe's inline configuration script twice,
which makes the browser report "Identifier 'THEBE_JS_URL' has already been
declared" on every page.  Removing exact duplicates (same file and same
inline body) changes nothing else.
"""


def _dedup(app, pagename, templatename, context, doctree):
    seen, unique = set(), []
    for script in context.get("script_files", []):
        # inline scripts come once with filename None and once with ''
        key = (getattr(script, "filename", None) or "" if hasattr(script, "filename") else str(script),
               repr(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"][:] = unique


def setup(app):
    app.connect("html-page-context", _dedup, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
