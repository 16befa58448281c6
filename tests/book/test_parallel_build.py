"""The book's parallel Sphinx build (tools/build_book.py, _ext/doctree_size.py).

A small Sphinx project with what the book's API pages have -- MyST pages whose
``eval-rst`` blocks run ``automodule``, ``sphinx.ext.viewcode``, module-level
data whose values are instances (a compiled pattern, a path), and the two
extensions that declare nothing about parallel reading -- is built serially and
on two processes.  The parallel build must really read in parallel (with
warnings as errors, Sphinx's "doing serial read" warning would fail it), and
both must write the same pages; each page's doctree must hold only its own
document, which without the extension it does not (the counterfactual).
"""
from __future__ import annotations

import io
import pickle
import re
import sys
from pathlib import Path

import pytest
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

ROOT = Path(__file__).resolve().parents[2]
PAGES = 6                                  # Sphinx reads in parallel above 5 pages

CONF = f"""
import sys
import os
sys.path[:0] = [{str(ROOT / "_ext")!r}, os.path.dirname(os.path.abspath(__file__))]
extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.viewcode",
              "sphinx_multitoc_numbering", "sphinx-mathjax-offline"{{extra}}]
"""
MODULE = '''"""Module {i}."""
import re
from pathlib import Path

#: A pattern (its value's class lives in ``re``).
PATTERN = re.compile("x{i}")
#: A path (its value's class lives in ``pathlib``).
HOME = Path("{i}")


def f{i}(x):
    """Return ``x`` plus {i}."""
    return x + {i}
'''


def _project(tmp_path: Path, with_extension: bool) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    extra = ', "doctree_size"' if with_extension else ""
    (src / "conf.py").write_text(CONF.format(extra=extra))
    toc = "\n".join(f"page{i}" for i in range(PAGES))
    (src / "index.md").write_text(f"# Index\n\n```{{toctree}}\n{toc}\n```\n")
    for i in range(PAGES):
        (src / f"tinymod{i}.py").write_text(MODULE.format(i=i))
        (src / f"page{i}.md").write_text(
            f"# Page {i}\n\n```{{eval-rst}}\n.. automodule:: tinymod{i}\n   :members:\n```\n")
    return src


def _build(src: Path, out: Path, jobs: int) -> tuple[str, Sphinx]:
    status = io.StringIO()
    for name in [m for m in sys.modules if m.startswith("tinymod")]:
        del sys.modules[name]
    with patch_docutils(str(src)), docutils_namespace():   # as jupyter-book builds
        app = Sphinx(str(src), str(src), str(out / "html"), str(out / "doctrees"), "html",
                     status=status, warning=status, warningiserror=True, parallel=jobs,
                     freshenv=True)
        app.build()
    assert app.statuscode == 0, status.getvalue()
    return status.getvalue(), app


def _pages(out: Path) -> dict[str, bytes]:
    html = out / "html"
    return {p.relative_to(html).as_posix(): p.read_bytes() for p in sorted(html.rglob("*.html"))}


def _foreign_documents(out: Path) -> int:
    """Nodes, over every page's pickled doctree, that hold a document other than their page's."""
    count = 0
    for path in (out / "doctrees").glob("page*.doctree"):
        doctree = pickle.loads(path.read_bytes())
        count += sum(node.document is not doctree for node in doctree.findall())
    return count


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    src = _project(tmp_path_factory.mktemp("parallel"), with_extension=True)
    serial_out, parallel_out = src.parent / "serial", src.parent / "parallel"
    serial_status, _ = _build(src, serial_out, 1)
    parallel_status, _ = _build(src, parallel_out, 2)
    return serial_out, parallel_out, serial_status, parallel_status


def _read_chunks(status: str) -> list[str]:
    """What Sphinx reports reading: one page at a time when serial, chunks
    ("page2 .. page4") when parallel."""
    plain = re.sub(r"\x1b\[[0-9;]*m", "", status)
    return re.findall(r"reading sources\.\.\. \[\s*\d+%\] (.+)", plain)


def test_the_parallel_build_reads_in_parallel(builds):
    _, _, serial_status, parallel_status = builds
    assert any(" .. " in chunk for chunk in _read_chunks(parallel_status))
    assert _read_chunks(serial_status) == ["index", *(f"page{i}" for i in range(PAGES))]


def test_parallel_and_serial_builds_write_the_same_pages(builds):
    serial_out, parallel_out, _, _ = builds
    serial, parallel = _pages(serial_out), _pages(parallel_out)
    assert sorted(parallel) == sorted(serial)
    assert [name for name in serial if serial[name] != parallel[name]] == []
    # the source pages are the documented modules' only (no re.html, pathlib.html)
    assert sorted(n for n in serial if n.startswith("_modules/") and n != "_modules/index.html") \
        == [f"_modules/tinymod{i}.html" for i in range(PAGES)]


def test_each_doctree_holds_only_its_own_document(builds):
    serial_out, parallel_out, _, _ = builds
    assert _foreign_documents(serial_out) == 0
    assert _foreign_documents(parallel_out) == 0


def test_without_the_extension_eval_rst_nodes_hold_a_scratch_document(tmp_path):
    # the counterfactual: MyST's eval-rst leaves its parsed nodes attached to a
    # scratch document (which carries the build environment into the pickle)
    src = _project(tmp_path, with_extension=False)
    _build(src, src.parent / "serial", 1)
    assert _foreign_documents(src.parent / "serial") > 0
