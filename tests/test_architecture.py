"""The package's layers and their import rules (ARCHITECTURE.md), checked by import-linter.

``lint-imports`` reads the contracts in ``pyproject.toml``.  The second test
plants a forbidden import in a copy of the package and checks that the same
contracts then fail, so the first test could not pass vacuously.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")
LAYERS = ("paper", "classical", "quantum", "audit", "book")


def _lint(cwd: Path, package_parent: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(package_parent))
    return subprocess.run([str(LINT), "--no-cache"], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_every_layer_is_a_folder():
    for layer in LAYERS:
        assert (ROOT / "ctrnn" / layer / "__init__.py").is_file(), layer
    flat = sorted(p.name for p in (ROOT / "ctrnn").glob("*.py"))
    assert flat == ["__init__.py", "__main__.py", "_validation.py", "symbols.py"]


def test_import_rules_hold():
    result = _lint(ROOT, ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout or "broken" not in result.stdout.split("Contracts:")[-1]


@pytest.mark.parametrize("source, target, contract", [
    ("classical/hamiltonian.py", "ctrnn.paper.equations", "never import paper"),
    ("quantum/levels.py", "ctrnn.audit", "never import paper, audit or book"),
    ("audit/classical.py", "ctrnn.book.text", "Nothing in the package imports the book"),
    ("paper/formulas.py", "ctrnn.classical.network", "The paper layer reads nothing"),
])
def test_a_planted_forbidden_import_breaks_a_contract(tmp_path, source, target, contract):
    shutil.copytree(ROOT / "ctrnn", tmp_path / "ctrnn",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    planted = tmp_path / "ctrnn" / source
    planted.write_text(planted.read_text() + f"\nimport {target}  # planted\n")
    result = _lint(tmp_path, tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout and contract.split()[0] in result.stdout
    assert f"ctrnn.{source[:-3].replace('/', '.')} -> {target}" in result.stdout


def _compile_warnings(source: str, name: str) -> list[str]:
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        compile(source, name, "exec")
    return [f"{name}:{w.lineno}: {w.message}" for w in caught]


def test_every_source_compiles_without_warnings():
    # an invalid escape such as "\l" in a docstring of LaTeX is a SyntaxWarning
    # (a DeprecationWarning before 3.12) printed once, when the bytecode is written
    found = [w for path in sorted((ROOT / "ctrnn").rglob("*.py"))
             for w in _compile_warnings(path.read_text(encoding="utf-8"), str(path))]
    assert found == []
    assert _compile_warnings('"""the block :math:`J_k(\\lambda)`"""', "planted.py")
