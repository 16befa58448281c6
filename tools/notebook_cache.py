"""Keep jupyter-book's execution cache honest about the package.

jupyter-cache keys each notebook on its code cells only, so a change under
``ctrnn/`` (or in the pinned libraries) would otherwise leave stale outputs in
the book.  ``make book`` runs ``python tools/notebook_cache.py`` first: it
hashes every ``ctrnn/**/*.py``, ``constraints.txt`` and the benchmark results
(``benchmarks/results/*.json``, read by book/benchmarks.md) and clears the cache
when the hash differs from the one recorded beside it.

It then executes, two at a time (jupyter-cache's ``local-parallel`` executor,
one process per core), every notebook of the book (chapters and MyST Markdown
pages with code cells) the cache does not hold, so
that Sphinx finds them all cached instead of executing them one after another;
a notebook that fails is reported and left to the Sphinx build, which
executes it again and fails with its traceback.

Usage: ``python tools/notebook_cache.py [CACHE_DIR] [ROOT]`` (defaults:
``_build/.jupyter_cache`` and the repository root).
"""
from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "_build" / ".jupyter_cache"


def package_hash(root: Path = ROOT) -> str:
    """SHA-256 of the package sources, the pinned library versions and the
    committed benchmark results (which book/benchmarks.md reads).

    Parameters
    ----------
    root : Path
        Repository root holding ``ctrnn/`` and ``constraints.txt``.

    Returns
    -------
    str
        Hex digest; it changes when any source file or pin changes.
    """
    digest = hashlib.sha256()
    files = (sorted((root / "ctrnn").rglob("*.py")) + [root / "constraints.txt"]
             + sorted((root / "benchmarks" / "results").glob("*.json")))
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def refresh(cache: Path = CACHE, root: Path = ROOT) -> bool:
    """Clear ``cache`` if the package changed since it was filled.

    Parameters
    ----------
    cache : Path
        The jupyter-cache directory (``execute.cache`` of ``_config.yml``).
    root : Path
        Repository root.

    Returns
    -------
    bool
        True when the cache was cleared (or did not exist).
    """
    stamp = cache.parent / (cache.name + ".package-hash")
    current = package_hash(root)
    if stamp.is_file() and stamp.read_text().strip() == current and cache.exists():
        return False
    shutil.rmtree(cache, ignore_errors=True)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current + "\n")
    return True


#: How jupyter-cache reads a MyST Markdown notebook: myst-nb's reader plugin,
#: the one myst-nb itself uses, so the cells (and so the cache key) are the same.
MYST_READER = {"name": "myst_nb_md", "type": "plugin"}


def notebooks(root: Path = ROOT) -> list[tuple[Path, dict | None]]:
    """The book's executable pages: ``book/*.ipynb`` and the MyST Markdown notebooks.

    Parameters
    ----------
    root : Path
        Repository root.

    Returns
    -------
    list of (Path, dict or None)
        Each page with the ``read_data`` jupyter-cache reads it with (None for
        ``.ipynb``); a Markdown page is a notebook when it has a ``{code-cell}``.
    """
    book = root / "book"
    pages = [(path, None) for path in sorted(book.glob("*.ipynb"))]
    pages += [(path, MYST_READER) for path in sorted(book.rglob("*.md"))
              if "```{code-cell}" in path.read_text(encoding="utf-8")]
    return pages


def notebook_seconds(path: Path) -> float:
    """Seconds the committed execution of a notebook took: the sum, over its code
    cells, of the time from execute_input to execute_reply that nbclient records
    in each cell's ``metadata.execution`` (``make notebooks`` writes them); 0 for
    a page without such records (a MyST Markdown notebook).

    Parameters
    ----------
    path : Path
        An ``.ipynb`` file (any other file gives 0).

    Returns
    -------
    float
    """
    import datetime

    import nbformat

    if Path(path).suffix != ".ipynb":
        return 0.0
    total = 0.0
    for cell in nbformat.read(path, as_version=4).cells:
        stamps = cell.get("metadata", {}).get("execution", {})
        if "iopub.execute_input" in stamps and "shell.execute_reply" in stamps:
            start, end = (datetime.datetime.fromisoformat(stamps[k].replace("Z", "+00:00"))
                          for k in ("iopub.execute_input", "shell.execute_reply"))
            total += (end - start).total_seconds()
    return total


def prefill(cache: Path = CACHE, root: Path = ROOT, timeout: int = 600) -> list:
    """Execute the book's notebooks missing from ``cache``, in parallel, into it.

    Parameters
    ----------
    cache : Path
        The jupyter-cache directory.
    root : Path
        Repository root; the notebooks are :func:`notebooks`.
    timeout : int
        Seconds per cell (``execute.timeout`` of ``_config.yml``).

    Returns
    -------
    list of str
        The notebooks that failed (empty when all ran; Sphinx re-executes and
        reports those).
    """
    import logging

    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor

    jc = get_cache(str(cache))
    # longest first (the executor hands them to its processes in this order), so
    # that the last one to finish is a short one
    pages = sorted(notebooks(root), key=lambda page: -notebook_seconds(page[0]))
    for notebook, read_data in pages:
        if read_data is None:
            jc.add_nb_to_project(str(notebook))
        else:
            jc.add_nb_to_project(str(notebook), read_data=read_data)
    logger = logging.getLogger("notebook_cache")
    result = load_executor("local-parallel", cache=jc, logger=logger).run_and_cache(
        timeout=timeout, allow_errors=False)
    return [*result.excepted, *result.errored]

if __name__ == "__main__":
    args = [Path(a) for a in sys.argv[1:]]
    cleared = refresh(*args)
    print("notebook cache: " + ("cleared (package changed)" if cleared else "kept (package unchanged)"))
    failed = prefill(*args)
    print("notebook cache: filled" + (f"; failed, left to Sphinx: {failed}" if failed else ""))
