"""How to cite: CITATION.cff is valid CFF 1.2.0 and agrees with the rest of the
repository; the licences it names exist; the changelog's newest verdict table
is the audit's.

The CFF schema is the official one (tests/data/citation-file-format-1.2.0.schema.json,
as shipped in cffconvert 2.0.0's wheel). cffconvert itself cannot be installed
next to the book: it requires jsonschema<4, while nbformat and jupyter-book
run on jsonschema 4, so the test validates with jsonschema against the schema
cffconvert uses.
"""
import collections
import copy
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "tests" / "data" / "citation-file-format-1.2.0.schema.json").read_text())


def cff_errors(data) -> list[str]:
    validator = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    return sorted(f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(data))


@pytest.fixture(scope="module")
def cff():
    return yaml.safe_load((ROOT / "CITATION.cff").read_text())


def test_citation_cff_is_valid(cff):
    assert cff_errors(cff) == []


@pytest.mark.parametrize("damage", [
    lambda d: d.pop("authors"),                                  # required key
    lambda d: d.update({"cff-version": "1.2"}),                   # not a version
    lambda d: d["references"][0].update({"url": "arxiv 2102.09399"}),  # not a URL
    lambda d: d["references"][0]["identifiers"][0].update({"value": "not-a-doi"}),
    lambda d: d.update({"license": "MIT-ish"}),                   # not an SPDX id
    lambda d: d.update({"titel": "typo"}),                        # unknown key
])
def test_a_damaged_citation_cff_is_rejected(cff, damage):
    bad = copy.deepcopy(cff)
    damage(bad)
    assert cff_errors(bad) != []


def test_citation_agrees_with_pyproject_and_config(cff):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert str(cff["version"]) == project["version"]
    assert cff["title"] == config["title"]
    assert cff["license"][0] == project["license"] == "MIT"
    assert cff["license"][1] == "CC-BY-4.0"


def test_licence_files_exist_and_name_their_licences():
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    content = (ROOT / "LICENSE-CONTENT").read_text()
    assert "Creative Commons Attribution 4.0 International Public License" in content


def test_the_paper_is_referenced_with_its_arxiv_id(cff):
    paper = cff["references"][0]
    assert paper["url"] == "https://arxiv.org/abs/2102.09399"
    bib = (ROOT / "references.bib").read_text()
    assert re.search(r"eprint\s*=\s*\{2102\.09399\}", bib)


def _newest_changelog_table(text: str, version: str) -> dict[str, list[str]]:
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    assert sections, "CHANGELOG.md has no version sections"
    heads = [s.splitlines()[0].strip() for s in sections]
    assert f"[{version}]" in heads, f"CHANGELOG.md has no section for {version}"
    newest = sections[0]
    table = {}
    for verdict, count, items in re.findall(r"^\| (\w+) \| (\d+) \| (.*?) \|$", newest, flags=re.M):
        ids = [i.strip() for i in items.split(",") if i.strip()]
        assert int(count) == len(ids), verdict
        table[verdict] = ids
    return table


def test_changelog_records_the_current_verdicts():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    recorded = _newest_changelog_table((ROOT / "CHANGELOG.md").read_text(), version)
    out = subprocess.run([sys.executable, "-m", "ctrnn", "audit", "--json"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    audit = collections.defaultdict(list)
    for item in json.loads(out):
        audit[item["verdict"]].append(item["equation"])
    assert recorded == dict(audit), "the audit changed: record it in CHANGELOG.md"


def test_changelog_parser_sees_a_wrong_count():
    text = "## [0.1.0]\n\n| confirmed | 3 | 1, 2 |\n"
    with pytest.raises(AssertionError):
        _newest_changelog_table(text, "0.1.0")
