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


# ------------------------------------------------------------ bibliography
#: Words of the titles in references.bib that are names (or made of names)
#: and must keep their capitals when the list style sets titles in sentence
#: case; words with two or more capitals (coRNN, UnICORNN) count as names too.
PROPER_NOUNS = {"Hamiltonian", "Hilbert", "Lie", "Nambu", "Kummer", "Weyl", "Lorenz",
                "Operatorenmethode", "Mechanik", "Riemann", "Schrödinger"}

#: Entries with neither a DOI nor an arXiv id in references.bib, and why.
#: Each was looked up when it was written; an entry added without a DOI or
#: arXiv id fails the test until it is given one or listed here.
NO_IDENTIFIER = {
    "harvey1994seeing": "conference proceedings (MIT Press, 1994) without DOIs",
    "olah2014manifolds": "a blog post (its URL is given)",
    "ianigro2018exploring": "NIME proceedings; no DOI confirmed",
    "baba1989new": "Elsevier DOI not confirmed offline",
    "shang1996global": "IEEE DOI not confirmed offline",
    "ludermir2006optimization": "IEEE DOI not confirmed offline",
    "pavelka2004algorithms": "conference proceedings without DOIs",
    "goodfellow2016deep": "a book without DOI",
    "laub1974canonical": "Springer DOI not confirmed offline",
    "burgoyne1974normal": "Springer DOI not confirmed offline",
    "collingwood1993nilpotent": "a book (1993) without DOI",
    "caldirola1941forze": "Springer DOI not confirmed offline",
    "feshbach1977quantization": "Wiley DOI not confirmed offline",
    "garcia2010survey": "Springer DOI not confirmed offline",
}


def _bibliography():
    import sys
    from pybtex.database import parse_file
    sys.path.insert(0, str(ROOT / "_ext"))
    try:
        import edition  # registers the book's list style "authoryear"
    finally:
        sys.path.remove(str(ROOT / "_ext"))
    return parse_file(str(ROOT / "references.bib")), edition


def title_case_problems(bib) -> list[str]:
    """Names in titles that the book's list style prints in lower case (a
    capital the style lowercases unless it is brace-protected)."""
    from pybtex.plugin import find_plugin
    style = find_plugin("pybtex.style.formatting", "authoryear")()
    problems = []
    for entry in style.format_bibliography(bib):
        source = re.sub(r"[{}]", "", bib.entries[entry.key].fields.get("title", ""))
        shown = entry.text.render_as("text")
        for word in set(re.findall(r"\w+", source)):
            named = word in PROPER_NOUNS or len(re.findall(r"[A-Z]", word)) >= 2
            if named and shown.count(word) < source.count(word):
                problems.append(f"{entry.key}: '{word}' is printed in lower case")
    return sorted(problems)


def test_names_in_titles_keep_their_capitals():
    bib, _ = _bibliography()
    assert title_case_problems(bib) == []


def test_an_unprotected_name_in_a_title_is_reported():
    from pybtex.database import parse_string
    bib = parse_string(
        "@article{a, author={Koopman, B. O.}, year={1931}, journal={PNAS},"
        " title={{Hamiltonian} Systems and Transformation in Hilbert Space}}", "bibtex")
    assert title_case_problems(bib) == ["a: 'Hilbert' is printed in lower case"]


def identifier_problems(bib) -> list[str]:
    """Entries without a DOI or an arXiv id that :data:`NO_IDENTIFIER` does
    not explain, and listed entries that have one after all."""
    problems = []
    for key, entry in bib.entries.items():
        has = "doi" in entry.fields or entry.fields.get("archiveprefix", "").lower() == "arxiv"
        if not has and key not in NO_IDENTIFIER:
            problems.append(f"{key}: no DOI or arXiv id")
        elif has and NO_IDENTIFIER.get(key):
            problems.append(f"{key}: has an identifier but is listed in NO_IDENTIFIER")
    return problems


def test_every_entry_has_a_doi_or_arxiv_id_or_a_reason():
    bib, _ = _bibliography()
    assert identifier_problems(bib) == []
    assert set(NO_IDENTIFIER) <= set(bib.entries)


def test_an_entry_without_identifier_is_reported():
    from pybtex.database import parse_string
    bib = parse_string("@article{new2024, author={A, B}, title={T}, journal={J}, year={2024}}"
                       "@book{goodfellow2016deep, author={G, I}, title={D}, year={2016}, doi={10.1/x}}",
                       "bibtex")
    assert identifier_problems(bib) == [
        "new2024: no DOI or arXiv id",
        "goodfellow2016deep: has an identifier but is listed in NO_IDENTIFIER"]


def test_list_labels_are_author_year_as_the_text_cites():
    """The list's labels are "<authors as the text cites them>, <year>", plain
    text (LaTeX accents decoded, "von" kept), a letter apart where two would
    be equal; the HTML's in-text citations are checked against them by
    tests/book/test_record.py."""
    from pybtex.database import parse_string
    from pybtex.plugin import find_plugin
    bib, edition = _bibliography()
    style = find_plugin("pybtex.style.formatting", "authoryear")()
    labels = {e.key: e.label for e in style.format_bibliography(bib)}
    assert len(set(labels.values())) == len(labels)
    for key, label in labels.items():
        assert re.fullmatch(r"[^{}\\]+, \d{4}[a-z]?", label), label
        assert label.startswith(edition.reference_names(bib.entries[key]) + ", "), label
    assert labels["garcia2010survey"] == "García and Grau, 2010"
    assert labels["vonneumann1932operatorenmethode"] == "von Neumann, 1932"
    assert {labels["rusch2021cornn"], labels["rusch2021unicornn"]} == {
        "Rusch and Mishra, 2021a", "Rusch and Mishra, 2021b"}
    twins = parse_string("@article{x1, author={Beer, R.}, title={A}, journal={J}, year={1995}}"
                         "@article{x2, author={Beer, R.}, title={B}, journal={J}, year={1995}}", "bibtex")
    assert [e.label for e in style.format_bibliography(twins)] == ["Beer, 1995a", "Beer, 1995b"]
