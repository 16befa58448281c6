"""``jupyter-book build`` on every core this process may use.

jupyter-book 1.x's command line has no ``-j`` option, though the function it
calls, :func:`jupyter_book.sphinx.build_sphinx`, takes Sphinx's ``jobs``
(parallel reading and writing of the pages).  This runs the same command line
with ``jobs`` set to the number of cores (``os.sched_getaffinity``), so every
option and every action after the build (the root ``index.html``) is
jupyter-book's own.  The extensions that do not say whether they may read in
parallel were checked and are declared in ``_ext/doctree_size.py``; a parallel
build writes the same HTML as a serial one (tests/book/test_parallel_build.py).

Usage: ``python tools/build_book.py [options of jupyter-book build] PATH``.
"""
from __future__ import annotations

import functools
import os
import sys


def cores() -> int:
    """The cores this process may run on (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:                   # not on Linux
        return os.cpu_count() or 1


def main(argv: list[str]) -> None:
    """Run ``jupyter-book build *argv`` with Sphinx's ``jobs`` = :func:`cores`;
    exits with jupyter-book's status."""
    import jupyter_book.sphinx as jb_sphinx
    from jupyter_book.cli.main import main as jupyter_book_cli

    jb_sphinx.build_sphinx = functools.partial(jb_sphinx.build_sphinx, jobs=cores())
    jupyter_book_cli(["build", *argv], prog_name="jupyter-book")


if __name__ == "__main__":
    main(sys.argv[1:])
