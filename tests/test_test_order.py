"""make test's order on two workers (tests/conftest.py: longest notebooks first)."""
import importlib.util
from pathlib import Path
from types import SimpleNamespace

import nbformat

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("tests_conftest", ROOT / "tests" / "conftest.py")
conftest = importlib.util.module_from_spec(spec)
spec.loader.exec_module(conftest)


def _notebook(path: Path, seconds: list[float]) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# t")])
    for s in seconds:
        cell = nbformat.v4.new_code_cell("1")
        cell.metadata["execution"] = {"iopub.execute_input": "2026-12-03T10:00:00.000000Z",
                                      "shell.execute_reply": f"2026-12-03T10:00:{s:09.6f}Z"}
        nb.cells.append(cell)
    nbformat.write(nb, path)
    return path


def test_notebook_seconds_sums_the_recorded_cell_times(tmp_path):
    assert abs(conftest.notebook_seconds(_notebook(tmp_path / "a.ipynb", [1.5, 2.25])) - 3.75) < 1e-9
    assert conftest.notebook_seconds(_notebook(tmp_path / "b.ipynb", [])) == 0.0
    assert conftest.notebook_seconds(tmp_path / "page.md") == 0.0       # a MyST notebook: no records


def test_longest_notebook_first_each_keeping_its_order(tmp_path):
    short = _notebook(tmp_path / "short.ipynb", [1.0])
    long = _notebook(tmp_path / "long.ipynb", [3.0, 4.0])
    item = lambda path, name: SimpleNamespace(fspath=str(path), name=name)
    items = [item(tmp_path / "test_x.py", "t1"), item(short, "s0"), item(short, "s1"),
             item(tmp_path / "test_y.py", "t2"), item(long, "l0"), item(long, "l1")]
    ordered = [i.name for i in conftest.longest_notebooks_first(items)]
    assert ordered == ["l0", "l1", "s0", "s1", "t1", "t2"]


def test_the_book_chapters_have_recorded_times():
    # the order uses the committed executions' timings: every chapter must have them
    assert all(conftest.notebook_seconds(p) > 0 for p in sorted((ROOT / "book").glob("*.ipynb")))
