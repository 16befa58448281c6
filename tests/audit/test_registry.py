"""Tests of the audit framework (ctrnn.audit) and its command line."""
import json
import subprocess
import sys

import pytest

from ctrnn import audit
from ctrnn.audit import Verdict
from ctrnn.book import verdicts as report


def test_expected_items_are_equations_1_to_40_and_fig1():
    assert [e for e in audit.EXPECTED if e.isdigit()] == [str(k) for k in range(1, 41)]
    assert "fig1" in audit.EXPECTED
    assert len(set(audit.EXPECTED)) == len(audit.EXPECTED)


def test_sections_follow_the_paper():
    assert audit.section_of("22") == "II" and audit.section_of("23") == "III"
    assert audit.section_of("fig1") == "II"
    assert audit.section_of("17-ref") == "II"


def test_verdict_rejects_unknown_words_and_errata_without_correction():
    with pytest.raises(ValueError, match="verdict must be one of"):
        Verdict("1", "II", "wrong", "x")
    with pytest.raises(ValueError, match="corrected form"):
        Verdict("1", "II", "erratum", "x")


def test_unregistered_item_is_unchecked_never_confirmed():
    v = audit.run("no-such-claim")
    assert v.verdict == "unchecked"


def test_a_check_that_raises_is_reported_as_failed(monkeypatch):
    monkeypatch.setitem(audit._REGISTRY, "boom", ("raises", lambda P: 1 / 0))
    monkeypatch.delitem(audit._CACHE, "boom", raising=False)
    v = audit.run("boom")
    assert v.verdict == "failed" and "ZeroDivisionError" in v.summary
    audit._CACHE.pop("boom", None)


def test_duplicate_registration_is_refused(monkeypatch):
    monkeypatch.setattr(audit, "_REGISTRY", dict(audit._REGISTRY))
    audit.check("dup-claim")(lambda: None)
    with pytest.raises(ValueError, match="already registered"):
        audit.check("dup-claim")(lambda: None)


def test_json_lists_every_expected_item_with_the_design_keys():
    out = subprocess.run([sys.executable, "-m", "ctrnn", "audit", "--json"],
                         capture_output=True, text=True, check=False)
    data = json.loads(out.stdout)
    assert {d["equation"] for d in data} >= set(audit.EXPECTED)
    for d in data:
        assert set(d) == {"equation", "section", "verdict", "summary", "corrected", "evidence"}
        assert d["verdict"] in audit.STATES
    assert out.returncode == (1 if any(d["verdict"] == "failed" for d in data) else 0)


def test_no_check_fails():
    failed = [(v.equation, v.summary) for v in audit.run_all() if v.verdict == "failed"]
    assert failed == []


def test_every_erratum_has_a_corrected_form_and_evidence():
    for v in audit.run_all():
        if v.verdict == "erratum":
            assert v.corrected and v.evidence, v.equation


def test_summary_counts_add_up():
    verdicts = audit.run_all()
    table = report.summary_table(verdicts)
    assert f"**{len(verdicts)}**" in table.splitlines()[-1]
    assert sum(audit.counts(verdicts).values()) == len(verdicts)


def test_errata_lists_every_non_confirmed_item():
    verdicts = audit.run_all()
    text = report.errata_markdown(verdicts)
    for v in verdicts:
        if v.verdict != "confirmed":
            assert f"— {v.verdict}" in text and v.equation in text


def test_the_chapters_partition_the_items():
    # each chapter's ids are exactly the items whose number (the part before "-")
    # the CHAPTERS table lists for it, read off the table here, not via chapter_of;
    # together, in paper order, they are every item once
    every = audit.ids()
    pieces = []
    for key, (_, numbers) in audit.CHAPTERS.items():
        mine = audit.ids(key)
        assert mine == [e for e in every if e.split("-")[0] in numbers], key
        pieces += mine
    assert sorted(pieces) == sorted(every) and len(pieces) == len(set(pieces))


def test_chapter_filter_rejects_unknown_chapter():
    with pytest.raises(ValueError, match="chapter must be one of"):
        audit.ids("nope")


def test_evidence_does_not_depend_on_the_callers_mpmath_precision():
    # Item 31 sums the printed series with mpmath: at the caller's 60 digits its
    # rounding digits were 7.14e-14 instead of 7.01e-14, and a pytest worker whose
    # earlier test had set mp.dps wrote that into the shared disk cache.  A
    # mapping of equations bypasses every cache, so both runs compute afresh.
    import mpmath

    from ctrnn.paper.equations import EQUATIONS

    key = "printed series (31), 60 terms, vs mpmath.hyp1f1"
    default = audit.run("31", equations=EQUATIONS).evidence[key]
    with mpmath.workdps(60):
        assert audit.run("31", equations=EQUATIONS).evidence[key] == default
        assert mpmath.mp.dps == 60                # the caller's precision is restored


def test_shared_derivations_are_cached_functions_made_before_the_fork():
    """Each derivation made before a cold audit's fork is a cache the forked process
    inherits (a plain function would be recomputed there, gaining nothing), and
    :func:`ctrnn.audit._derive_shared` fills every one of them."""
    import importlib

    assert audit._SHARED_DERIVATIONS
    audit._derive_shared()
    for module, name, args in audit._SHARED_DERIVATIONS:
        func = getattr(importlib.import_module(module), name)
        assert hasattr(func, "cache_info"), f"{module}.{name} is not cached"
        hits = func.cache_info().hits
        func(*args)                                   # now answered from the cache
        assert func.cache_info().hits == hits + 1, f"{module}.{name}{args} was not made"


def test_a_shared_derivation_that_raises_is_left_to_the_checks(monkeypatch):
    """A failing derivation does not stop the others (the checks report it)."""
    from functools import lru_cache

    calls = []

    @lru_cache(maxsize=None)
    def fine():
        calls.append("fine")

    def broken():
        raise RuntimeError("planted")

    monkeypatch.setattr(audit, "_test_broken", broken, raising=False)
    monkeypatch.setattr(audit, "_test_fine", fine, raising=False)
    monkeypatch.setattr(audit, "_SHARED_DERIVATIONS", (
        ("ctrnn.audit", "_test_broken", ()), ("ctrnn.audit", "_test_fine", ())))
    audit._derive_shared()
    assert calls == ["fine"]
