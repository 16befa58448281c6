"""The book's execution cache is cleared when the package changes (tools/notebook_cache.py).

jupyter-cache matches a notebook on its code cells only.  These tests cache an
executed notebook that calls a function of a package, change the function,
and check that without the refresh the stale outputs would still be served
(the pitfall), and that with it the notebook no longer matches the cache, so
myst-nb re-executes it.
"""
from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import nbformat
import pytest
from jupyter_cache import get_cache

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("notebook_cache", ROOT / "tools" / "notebook_cache.py")
notebook_cache = importlib.util.module_from_spec(spec)
spec.loader.exec_module(notebook_cache)


def _project(tmp_path: Path) -> tuple[Path, Path, nbformat.NotebookNode]:
    root = tmp_path / "repo"
    (root / "ctrnn").mkdir(parents=True)
    (root / "ctrnn" / "__init__.py").write_text("def level():\n    return 1\n")
    (root / "constraints.txt").write_text("numpy==2.4.6\n")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("from ctrnn import level\nlevel()")])
    nb.cells[0].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "1"},
                                                  execution_count=1)]
    nb.cells[0].execution_count = 1
    return root, root / "_build" / ".jupyter_cache", nb


def _cached(cache: Path, nb) -> bool:
    try:
        get_cache(cache).match_cache_notebook(nb)
    except KeyError:
        return False
    return True


def test_unchanged_package_keeps_the_cache(tmp_path):
    root, cache, nb = _project(tmp_path)
    assert notebook_cache.refresh(cache, root)            # first build: nothing to keep
    get_cache(cache).cache_notebook_bundle(_bundle(nb), check_validity=False)
    assert _cached(cache, nb)
    assert not notebook_cache.refresh(cache, root)        # second build, nothing changed
    assert _cached(cache, nb)


def test_changing_a_package_function_invalidates_the_notebooks_using_it(tmp_path):
    root, cache, nb = _project(tmp_path)
    notebook_cache.refresh(cache, root)
    get_cache(cache).cache_notebook_bundle(_bundle(nb), check_validity=False)
    (root / "ctrnn" / "__init__.py").write_text("def level():\n    return 2\n")
    # the pitfall: jupyter-cache alone still serves the stale output "1"
    assert _cached(cache, nb)
    # the refresh that `make book` runs clears it, so the notebook is executed again
    assert notebook_cache.refresh(cache, root)
    assert not _cached(cache, nb)


@pytest.mark.parametrize("change", ["source", "pin", "new module", "benchmark result"])
def test_every_kind_of_package_change_changes_the_hash(tmp_path, change):
    root, _, _ = _project(tmp_path)
    before = notebook_cache.package_hash(root)
    if change == "source":
        (root / "ctrnn" / "__init__.py").write_text("def level():\n    return 3\n")
    elif change == "pin":
        (root / "constraints.txt").write_text("numpy==2.4.7\n")
    elif change == "benchmark result":         # book/benchmarks.md shows these
        (root / "benchmarks" / "results").mkdir(parents=True)
        (root / "benchmarks" / "results" / "commands.json").write_text("{}\n")
    else:
        (root / "ctrnn" / "extra.py").write_text("X = 1\n")
    assert notebook_cache.package_hash(root) != before


def test_the_makefile_refreshes_the_cache_before_building():
    make = (ROOT / "Makefile").read_text()
    book = make.split("\nbook:", 1)[1].split("\n\n", 1)[0]
    lines = [line.strip() for line in book.splitlines() if line.strip()]
    refresh = next(i for i, line in enumerate(lines) if "tools/notebook_cache.py" in line)
    build = next(i for i, line in enumerate(lines) if "tools/build_book.py" in line)
    assert refresh < build


def _bundle(nb):
    from jupyter_cache.base import CacheBundleIn
    return CacheBundleIn(nb=nb, uri="chapter.ipynb")


MYST_PAGE = """---
kernelspec:
  name: python3
  display_name: Python 3
---
# A page

```{code-cell} ipython3
6 * 7
```
"""


@pytest.fixture(scope="module")
def prefilled(tmp_path_factory):
    """A project with a good and a failing notebook, a MyST Markdown notebook in a
    subfolder and a Markdown page without code, prefilled once (one executor run)."""
    root, cache, _ = _project(tmp_path_factory.mktemp("prefill"))
    (root / "book" / "appendix").mkdir(parents=True)
    good = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("6 * 7")])
    bad = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 / 0")])
    for name, nb in (("good", good), ("bad", bad)):
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        nbformat.write(nb, root / "book" / f"{name}.ipynb")
    (root / "book" / "appendix" / "page.md").write_text(MYST_PAGE)
    (root / "book" / "prose.md").write_text("# Prose\n\nNo code here.\n")
    notebook_cache.refresh(cache, root)
    failed = notebook_cache.prefill(cache, root, timeout=120)
    return root, cache, failed


def test_prefill_executes_missing_notebooks_into_the_cache_myst_nb_reads(prefilled):
    # the notebooks executed in parallel before Sphinx must be the ones myst-nb
    # then finds (it matches a notebook read from its file), with their outputs;
    # a failing notebook is reported, not cached
    root, cache, failed = prefilled
    assert [Path(f).name for f in failed] == ["bad.ipynb"]
    on_disk = nbformat.read(root / "book" / "good.ipynb", as_version=4)
    _, merged = get_cache(cache).merge_match_into_notebook(on_disk)
    assert merged.cells[0].outputs[0]["data"]["text/plain"] == "42"
    assert not _cached(cache, nbformat.read(root / "book" / "bad.ipynb", as_version=4))


def test_prefill_executes_myst_markdown_notebooks_as_myst_nb_reads_them(prefilled):
    # a Markdown page with code cells (book/benchmarks.md) is executed before
    # Sphinx too, and myst-nb, reading the page itself, finds it in the cache;
    # a Markdown page without code cells is not a notebook
    from myst_nb.core.read import read_myst_markdown_notebook

    root, cache, _ = prefilled
    assert [(p.name, r) for p, r in notebook_cache.notebooks(root)] == [
        ("bad.ipynb", None), ("good.ipynb", None), ("page.md", notebook_cache.MYST_READER)]
    as_myst_nb_reads_it = read_myst_markdown_notebook(MYST_PAGE)
    _, merged = get_cache(cache).merge_match_into_notebook(as_myst_nb_reads_it)
    assert merged.cells[-1].outputs[0]["data"]["text/plain"] == "42"
