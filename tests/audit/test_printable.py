"""The audit's text is printable: no control characters in a summary, a corrected
form or an evidence key or string (a "\\t" typed in a plain string once became a tab
in item 18-region's corrected form, which then read "H <tab>ext{ of (18) ...}")."""
import json
import unicodedata

import pytest

from ctrnn import audit


def _control_characters(text: str) -> list[str]:
    return [f"U+{ord(c):04X}" for c in text if unicodedata.category(c) == "Cc" and c != "\n"]


def _strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield str(key)
            yield from _strings(value)
    elif isinstance(obj, (list, tuple)):
        for value in obj:
            yield from _strings(value)


def test_no_control_characters_in_the_audit():
    bad = {}
    for item in json.loads(audit.to_json(audit.run_all())):
        found = [c for s in _strings(item) for c in _control_characters(s)]
        if found:
            bad[item["equation"]] = found
    assert bad == {}


@pytest.mark.parametrize("text, expected", [("H \text{ of}", ["U+0009"]), (r"H \text{ of}", []),
                                            ("a\nb", []), ("\x07", ["U+0007"])])
def test_the_rule_sees_a_tab(text, expected):
    assert _control_characters(text) == expected
