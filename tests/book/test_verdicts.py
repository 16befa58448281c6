"""The record's generator (ctrnn.book.verdicts, tools/write_record.py): names,
anchors, evidence rendering, errata, concordance and card, without a build."""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from ctrnn import audit
from ctrnn.audit import Verdict
from ctrnn.book import verdicts as record

ROOT = Path(__file__).resolve().parents[2]


def _tool():
    spec = importlib.util.spec_from_file_location("write_record", ROOT / "tools" / "write_record.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("record")
    assert _tool().main(out) == 0
    return out


# ----------------------------------------------------------------- names
@pytest.mark.parametrize("item, name", [
    ("22", "Eq. (22)"), ("fig1", "Fig. 1"), ("40-conclusion", "Eq. (40), the conclusion"),
    ("38-printed", "Eq. (38), as printed"), ("13-cases", "Eq. (13), its three cases"),
    ("7-something-new", "Eq. (7), something new"),
])
def test_item_names_are_what_a_reader_sees(item, name):
    assert record.item_name(item) == name


def test_bad_item_ids_are_rejected():
    with pytest.raises(TypeError, match="equation must be an item id"):
        record.item_name(22)
    with pytest.raises(ValueError, match="lower-case letters"):
        record.anchor("Eq 22")


def test_chapter_table_links_every_item_by_name_never_by_id():
    verdicts = audit.run_all("constraints")
    text = record.table(verdicts)
    for v in verdicts:
        assert f"{{ref}}`{record.item_name(v.equation)} <errata-{v.equation}>`" in text
    first_cells = [line.split("|")[1] for line in text.splitlines()[2:]]
    assert not any(re.fullmatch(r"\s*\(?[0-9a-z-]+\)?\s*", c) for c in first_cells)


# -------------------------------------------------------------- numbers
@pytest.mark.parametrize("value, text", [
    (0.0, "0"), (3.52e-13, "$<10^{-12}$"), (2.77e-16, "$<10^{-12}$"),
    (8.86e-09, "$<10^{-8}$"), (1.32e-31, "$<10^{-30}$"), (0.67300012, "0.673"),
    (3.24462294078, "3.24"), (True, "yes"), (False, "no"), (930, "930"),
    (-6.25e-13, r"$\lvert\cdot\rvert <10^{-12}$"),
])
def test_numbers_are_rounded_and_rounding_level_values_are_bounds(value, text):
    assert record.number(value) == text


def test_number_rejects_non_numbers():
    with pytest.raises(TypeError, match="x must be a real number"):
        record.number("0.1")


# ------------------------------------------------------------- evidence
def test_sympy_strings_render_as_mathematics():
    out = record.render_value("(tau1*(w22 - 1) + tau2*(w11 - 1))/(tau1*tau2)")
    assert "$" in out and r"\tau_{1}" in out and "tau1" not in out
    assert record.render_value("Eq(w11, 1)") == "$w_{11} = 1$"
    assert record.render_value("Matrix([\n[ -w12/tau2, 0],\n[0, w21/tau1]])").count("bmatrix") == 2


def test_prose_stays_text():
    assert record.render_value("centre") == "centre"
    assert record.render_value("4000 networks, seed 38") == "4000 networks, seed 38"


def test_networks_render_as_parameter_statements():
    out = record.render_value({"tau1": 1.0, "w12": -0.4})
    assert out == r"$\tau_{1} = 1$, $w_{12} = -0.4$"


def test_evidence_of_the_whole_audit_has_no_json_or_python_reprs():
    for v in audit.run_all():
        text = record.render_evidence(v.evidence)
        assert not re.search(r"\{'|\['|\bTrue\b|\bFalse\b|\bNone\b|\d\.\d{6,}", text), (v.equation, text)


def test_render_evidence_rejects_non_mappings():
    with pytest.raises(TypeError, match="evidence must be a mapping"):
        record.render_evidence([1, 2])


# ---------------------------------------------------------- line breaks
def test_long_formulas_are_broken_into_lines_that_fit():
    from ctrnn.paper import LATEX
    for number, latex in LATEX.items():
        out = record.display(latex)
        if r"\begin{aligned}" not in out:
            assert record.width(out) <= record._WIDTH_BUDGET, number
            continue
        lines = out.removeprefix(r"\begin{aligned}").removesuffix(r"\end{aligned}").split(r"\\")
        for line in lines:
            assert line.count(r"\left") == line.count(r"\right"), (number, line)
            # a single piece may not be breakable; it must at least be shorter than the whole
            assert record.width(line) < record.width(latex), (number, line)


def test_a_short_formula_is_left_alone():
    assert record.display("f(z)=z^{+}") == "f(z)=z^{+}"


# ------------------------------------------------------------- errata
def test_every_audited_item_has_exactly_one_errata_anchor(written):
    text = "".join((written / f"errata-{s}.md").read_text() for s in record.SECTION_TITLES)
    anchors = re.findall(r"^\((errata-[^)]+)\)=$", text, flags=re.M)
    items = [record.anchor(v.equation) for v in audit.run_all()]
    assert sorted(anchors) == sorted(items)
    assert len(set(anchors)) == len(anchors)


def test_a_new_item_gets_an_entry_without_any_edit():
    new = Verdict("38-printed", "III", "erratum", "A planted new item.", corrected="x>0",
                  evidence={"difference": "w11 - 1"})
    text = record.errata_section("III", audit.run_all("constraints") + [new])
    assert "(errata-38-printed)=" in text and "### Eq. (38), as printed — erratum" in text


def test_errata_section_rejects_unknown_sections():
    with pytest.raises(ValueError, match="section must be one of"):
        record.errata_section("IV", [])


def test_audit_json_is_the_command_lines(written):
    assert json.loads((written / "audit.json").read_text()) == json.loads(audit.to_json(audit.run_all()))


def test_card_counts_are_the_audits(written):
    card = (written / "card.md").read_text()
    c = audit.counts(audit.run_all())
    for state in audit.VERDICTS:
        assert f"| **{state}** | {c[state]} |" in card
    # a counterfactual audit changes the card
    one = [Verdict("4", "II", "confirmed", "planted")]
    assert "| **confirmed** | 1 |" in record.card(one, "a.json")
    assert "Reproduced:" in record.overall(one)


def test_every_book_label_of_the_concordance_is_a_chapter_equation():
    labels = set()
    for path in (ROOT / "book").glob("*.ipynb"):
        for cell in json.loads(path.read_text())["cells"]:
            labels |= set(re.findall(r"\$\$\s*\(([a-z0-9-]+)\)", "".join(cell["source"])))
    assert set(record.BOOK_LABELS.values()) <= labels, set(record.BOOK_LABELS.values()) - labels


def test_chapter_sections_find_the_section_naming_an_equation():
    cells = [{"cell_type": "markdown", "source": "# Title\nEqs. (1)-(40)\n## The condition (12)–(15)\ntext\n"
                                                   "## Other\nabout Eq. (16)\n## Verdicts\n(17)"}]
    found = record.chapter_sections(cells)
    assert found["13"] == ("The condition (12)–(15)", "the-condition-1215")
    assert found["16"][0] == "Other"
    assert "17" not in found and "1" not in found
