"""Sphinx extension: keep each page's pickled doctree to its own content.

MyST's ``eval-rst`` blocks (every API page wraps ``automodule`` in one) are
parsed into a scratch document that shares the page's settings, and the parsed
nodes keep a reference to that scratch document (MyST-Parser issue #953, "Better
merging of eval-rst parsing result").  Sphinx strips the build environment from
the page's own settings before pickling the doctree, but not from the scratch
document's, so each such doctree pickled the whole environment with it
(1.28 MB for a page of 938 characters; 35 MB over the API pages), and every
later load of it (toctrees, numbered references, writing) unpickled that again.

On ``doctree-read`` every node below the root is re-attached to the page's
document (``node.document`` falls back to the parent's), which is what the
nodes would hold had they been parsed in place.  The HTML is unchanged.

The extension also lets the book be read on two cores (``tools/build_book.py``):
it declares the extensions checked to be safe for a parallel read, and makes
``sphinx.ext.viewcode`` write the same source pages as in a serial build
(tests/book/test_parallel_build.py).
"""
from __future__ import annotations


def rehome_nodes(app, doctree):
    """Point every descendant of ``doctree`` at ``doctree`` itself.

    Parameters
    ----------
    app : sphinx.application.Sphinx
        The application (unused; the event's signature).
    doctree : docutils.nodes.document
        The page just read.

    Returns
    -------
    int
        How many nodes referred to another document.
    """
    moved = 0
    for node in doctree.findall(include_self=False):
        if getattr(node, "_document", None) not in (None, doctree):
            moved += 1
        node._document = None
    return moved


#: Extensions that do not declare whether they are safe for parallel reading
#: (Sphinx then reads serially), read and found safe: neither touches the
#: environment while pages are read.
CHECKED_PARALLEL_SAFE = {
    # replaces TocTreeCollector.assign_section_numbers, which Sphinx runs in the
    # main process once every page is read and the environments are merged
    "sphinx_multitoc_numbering": "section numbers assigned after the merge",
    # one build-finished hook that copies MathJax into _static
    "sphinx-mathjax-offline": "copies files when the build has finished",
}


def declare_parallel_safe(app, env, docnames):
    """Mark :data:`CHECKED_PARALLEL_SAFE`'s extensions as safe to read in parallel.

    Only an extension that declares nothing (``None``) is changed, so one that
    says it is unsafe keeps the build serial.  Connected to
    ``env-before-read-docs``, after jupyter-book has loaded its own extensions
    and before Sphinx decides between a serial and a parallel read.
    """
    for name in CHECKED_PARALLEL_SAFE:
        ext = app.extensions.get(name)
        if ext is not None and ext.parallel_read_safe is None:
            ext.parallel_read_safe = True


def prune_unused_sources(app, env):
    """Drop source pages of modules no documented object links to.

    ``sphinx.ext.viewcode`` records every module it looks up, also those of
    module-level data whose values are instances (``re``, ``pathlib``, SymPy's
    ``Symbol``), where no documented object is found.  A serial read drops such
    modules as it goes (viewcode's ``env-purge-doc`` handler removes every module
    with no used object before each page is read); in a parallel read the last
    page of each process keeps them through the merge, and their source pages
    would be written.  Dropping them once every page is read makes both builds
    write the same pages.
    """
    modules = getattr(env, "_viewcode_modules", {})
    for name, entry in list(modules.items()):
        if entry and not entry[2]:
            del modules[name]
    return []


def setup(app):
    app.connect("doctree-read", rehome_nodes)
    app.connect("env-before-read-docs", declare_parallel_safe)
    app.connect("env-updated", prune_unused_sources)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
