"""Keep jupyter-book's execution cache honest about the package.

jupyter-cache keys each notebook on its code cells only, so a change under
``ctrnn/`` (or in the pinned libraries) would otherwise leave stale outputs in
the book.  ``make book`` runs ``python tools/notebook_cache.py`` first: it
hashes every ``ctrnn/**/*.py`` and ``constraints.txt`` and clears the cache
when the hash differs from the one recorded beside it.

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
    """SHA-256 of the package sources and the pinned library versions.

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
    files = sorted((root / "ctrnn").rglob("*.py")) + [root / "constraints.txt"]
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


if __name__ == "__main__":
    args = [Path(a) for a in sys.argv[1:]]
    cleared = refresh(*args)
    print("notebook cache: " + ("cleared (package changed)" if cleared else "kept (package unchanged)"))
