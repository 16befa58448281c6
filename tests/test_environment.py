"""Dependencies are declared once (pyproject.toml) and mirrored in environment.yml;
the constraints file pins every one of them."""
import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(data["dependencies"])
    for extra in ("test", "book", "browser", "bench", "mutation"):
        reqs += data["optional-dependencies"][extra]
    return {_name(r): r for r in reqs}


def _conda():
    deps = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    return {_name(d): d for d in deps if isinstance(d, str) and _name(d) not in {"python", "pip"}}


def test_environment_yml_names_the_same_packages_as_pyproject():
    assert set(_conda()) == set(_pyproject())


def test_version_bounds_agree():
    py, conda = _pyproject(), _conda()
    for name in py:
        bound_py = py[name][len(name):].replace(" ", "")
        bound_conda = conda[name][len(name):].replace(" ", "")
        assert bound_py == bound_conda, name


def test_every_dependency_is_pinned_in_constraints():
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if "==" in line:
            name, version = line.split("==")
            pins[_name(name)] = version
    missing = [n for n in _pyproject() if n not in pins]
    assert missing == []


def test_python_requirement_agrees():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    assert data["requires-python"] == ">=3.11" and "python>=3.11" in deps
