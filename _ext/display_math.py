"""Sphinx extension: display equations that code composes in a notebook cell
or a docstring are broken into lines as the book's modules break theirs.

The book's modules return display LaTeX already broken into ``aligned`` lines
that fit a 390 px phone column (:func:`ctrnn.book.text.break_display`;
tests/book/test_display_latex.py).  A few notebook cells still join LaTeX
themselves (``Math(r"... = " + sp.latex(x))``), and a few module docstrings of
the layers below the book hold a long ``.. math::``; both arrive here as
``math_block`` nodes -- a ``text/latex`` output of myst-nb, or a block on an
API page -- and get the same line breaks, once, when the document is read.
Only line breaks and alignment change (``break_display``).  The chapters'
own Markdown equations, broken by hand, are left as written; so are the
outputs' ``.ipynb`` files (Jupyter users see them as computed).

Each equation broken here is listed in the build log (``sphinx`` info, not a
warning): the cell that composes it may call a producer of ``ctrnn.book``
instead, after which this extension leaves it alone.
"""
from docutils import nodes
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _composed_elsewhere(node, docname: str) -> bool:
    return "text_latex" in node.get("classes", ()) or docname.startswith("book/api/")


def _break_lines(app, doctree):
    from ctrnn.book.text import break_display

    docname = app.env.docname
    for node in doctree.findall(nodes.math_block):
        if node.get("nowrap") or not _composed_elsewhere(node, docname):
            continue
        latex = node.astext()
        broken = break_display(latex)
        if broken != latex:
            node.children = [nodes.Text(broken)]
            logger.info(f"{docname}: display equation broken into lines: {latex[:60]}...",
                        location=node)


def setup(app):
    app.connect("doctree-read", _break_lines)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
