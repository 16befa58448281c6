"""The audit's result cache on disk: each verdict computed once per package state.

Verdicts of the paper as printed are stored, one pickle per item, under
``_build/.audit-cache/<key>/`` in the repository (``_build/`` is ignored by
git), where ``<key>`` hashes every ``ctrnn/**/*.py`` source (the printed
equations live in :mod:`ctrnn.paper.equations`, so they are covered), the
Python version and the versions of the libraries the checks compute with.
Any edit to the package gives a new key, so a cached verdict is never stale;
notebooks, pytest and the command line share it.  A counterfactual paper
(``run(..., equations=...)``) never touches the cache.

Set the environment variable ``CTRNN_AUDIT_CACHE=0`` to bypass it (to time
the audit cold) or ``CTRNN_AUDIT_CACHE=/some/dir`` to move it.
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
import tempfile
from importlib import metadata
from pathlib import Path

#: Libraries whose versions enter the key.
LIBRARIES = ("sympy", "numpy", "scipy", "mpmath")
_PACKAGE = Path(__file__).resolve().parents[1]


def source_hash(package: Path | str = _PACKAGE) -> str:
    """SHA-256 over the relative paths and contents of ``package/**/*.py``,
    the Python version and :data:`LIBRARIES`' versions.

    Parameters
    ----------
    package : path, optional
        The package directory (``ctrnn/`` by default).

    Raises
    ------
    ValueError
        If ``package`` is not a directory.
    """
    root = Path(package)
    if not root.is_dir():
        raise ValueError(f"package must be a directory, got {str(package)!r}")
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    digest.update(sys.version.encode())
    for lib in LIBRARIES:
        try:
            digest.update(f"{lib}={metadata.version(lib)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{lib}=absent".encode())
    return digest.hexdigest()[:20]


def base_directory() -> Path | None:
    """Where cached verdicts live, or None when caching is off."""
    setting = os.environ.get("CTRNN_AUDIT_CACHE", "")
    if setting == "0":
        return None
    if setting:
        return Path(setting)
    return _PACKAGE.parent / "_build" / ".audit-cache"


@functools.lru_cache(maxsize=1)
def _key() -> str:
    return source_hash()


def directory() -> Path | None:
    """This package state's cache directory (None when caching is off)."""
    base = base_directory()
    return None if base is None else base / _key()


def _file(equation: str) -> Path | None:
    d = directory()
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in equation)
    return None if d is None else d / f"{safe}.pickle"


def load(equation: str):
    """The cached verdict of ``equation`` for the current sources, or None."""
    path = _file(equation)
    if path is None or not path.is_file():
        return None
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except Exception:          # a torn or foreign file is recomputed, never trusted
        return None


def store(equation: str, verdict) -> None:
    """Write ``verdict`` atomically; silently skip if the directory is not writable."""
    path = _file(equation)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(verdict, fh)
        os.replace(tmp, path)
    except OSError:
        pass


_ALL = "__all__"


def load_all():
    """Every verdict of the last complete audit of these sources, in paper order, or None."""
    return load(_ALL)


def store_all(verdicts) -> None:
    """Store the complete audit (a list of verdicts in paper order)."""
    store(_ALL, list(verdicts))
