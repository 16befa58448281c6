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


def setup(app):
    app.connect("doctree-read", rehome_nodes)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
