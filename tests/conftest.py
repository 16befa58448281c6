"""Hypothesis profiles for the test suite.

``ci`` (what ``make test`` selects): derandomized, so a run on a clean clone
draws the same examples as the developer's run before it; a red CI is then a
change in the code, never a new random draw.  ``explore`` (``make fuzz``): random
draws (a new seed each run), to look for new counterexamples; each one
found is added to its test as an ``@example`` so that ``ci`` keeps it.
"""
import sys
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)


def _display_rows(latex: str) -> list[str]:
    r"""The rows of a display equation broken by ctrnn.book.text.break_display: the
    body of ``\begin{aligned}...\end{aligned}`` split at top-level ``\\``, without the
    alignment ``&`` and a trailing comma; continuation rows (``&\quad ...``) joined to
    the row they continue. An unbroken equation is one row."""
    head, tail = r"\begin{aligned}", r"\end{aligned}"
    if not (latex.startswith(head) and latex.endswith(tail)):
        return [latex]
    body, rows, depth, start = latex[len(head):-len(tail)], [], 0, 0
    i = 0
    while i < len(body):
        if body.startswith(r"\begin{", i):
            depth += 1
        elif body.startswith(r"\end{", i):
            depth -= 1
        elif depth == 0 and body.startswith(r"\\", i):
            rows.append(body[start:i]); start = i + 2; i += 2; continue
        i += 1
    rows.append(body[start:])
    out = []
    for row in (r.strip().lstrip("&").strip() for r in rows):
        if row.startswith(r"\quad") and out:
            out[-1] = out[-1] + " " + row[len(r"\quad"):].strip()
        else:
            out.append(row)
    return [r.rstrip(",").strip() for r in out]


@pytest.fixture
def display_rows():
    return _display_rows


@pytest.fixture(scope="session")
def portable_environment():
    """The environment ``tools/execute_notebooks.py`` runs kernels in (NumPy and
    OpenBLAS on their AVX2 paths, one thread): its ``portable_environment()``."""
    tools = Path(__file__).resolve().parents[1] / "tools"
    sys.path.insert(0, str(tools))
    try:
        from execute_notebooks import portable_environment as environment
    finally:
        sys.path.remove(str(tools))
    return environment()


# ------------------------------------------------ make test's order on two workers
def _notebook_cache():
    import importlib.util
    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("notebook_cache", root / "tools" / "notebook_cache.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def notebook_seconds(path) -> float:
    """:func:`tools.notebook_cache.notebook_seconds` (one definition, for the
    book's execution order and this one)."""
    return _notebook_cache().notebook_seconds(Path(path))


def longest_notebooks_first(items: list) -> list:
    """The items with every notebook's cells (nbval) moved to the front, the
    notebook that took longest first; each notebook's cells, and the other
    tests, keep their order.

    ``make test`` runs on two workers with ``--dist loadscope``, which hands out
    whole modules and notebooks in collection order; the notebooks are the
    longest units (up to a third of a worker's time) and were collected last,
    so one worker was left running the last of them alone."""
    def notebook(item):
        path = Path(str(item.fspath))
        return path if path.suffix == ".ipynb" else None

    timer = _notebook_cache().notebook_seconds
    seconds = {path: timer(path) for path in {notebook(i) for i in items} - {None}}
    position = {path: rank for rank, path in enumerate(
        sorted(seconds, key=lambda p: (-seconds[p], p.name)))}
    return sorted(items, key=lambda i: position.get(notebook(i), len(position)))


def pytest_collection_modifyitems(config, items):
    items[:] = longest_notebooks_first(items)
