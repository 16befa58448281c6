"""The book's one convention for mathematics in running text (issue 15 §6).

Every symbol, subscript, operator and formula a reader sees in prose, in a
caption or in a table the package generates is TeX between ``$...$`` (or in a
display), so that MathJax typesets it alike in every chapter and in print.
:func:`stray_math` finds what breaks the rule:

1. **Unicode stand-ins** (:data:`UNICODE_MATH`): Greek letters, sub- and
   superscript characters, mathematical operators and arrows (``τ₁``, ``√Δ``,
   ``ψ → 0``, ``−0.65``, ``Ĥ``);
2. **ASCII stand-ins** (:data:`ASCII_MATH`): ``sqrt(Delta)``, ``xi1``,
   ``E2^2``, ``w_ji``, ``e^{At}``, ``T^-1``, ``-oo``, ``Re(xi1)``, and the
   paper's coefficients and variables written as words (``C2``, ``w12``, ``y2``).

Mathematics, inline code, MyST roles and directives, link targets and URLs
are removed before matching; proper names (Schrödinger, Poincaré) are prose.
The tests apply the rule to the notebooks, the pages and the audit's
summaries (``tests/book/test_typography.py``) and rule 1 to the rendered
pages (``tests/browser``).
"""
from __future__ import annotations

import re

__all__ = ["UNICODE_MATH", "ASCII_MATH", "stray_math"]

_STRIP = [
    re.compile(r"^(```|~~~).*?^\1\s*$", re.S | re.M),      # fenced code blocks
    re.compile(r"\$\$.*?\$\$(?:[ \t]*\([\w:.-]+\))?", re.S),   # display math, its label
    re.compile(r"\\begin\{(\w+\*?)\}.*?\\end\{\1\}", re.S),  # bare LaTeX environments
    re.compile(r"(?<![\\$])\$(?!\$)(?:\\.|[^$\\])+?\$"),   # inline math
    re.compile(r"\{[\w:.+-]+\}`[^`]*`"),                    # MyST roles (eq, glue, py, cite)
    re.compile(r"``[^`]*``|`[^`\n]*`"),                      # inline code
    re.compile(r"^\s*:[\w-]+:.*$", re.M),                   # directive options
    re.compile(r"^```\{[^}]*\}.*$", re.M),                  # directive heads
    re.compile(r"\]\([^)]*\)"),                              # link targets
    re.compile(r"<!--.*?-->", re.S),                         # comments
    re.compile(r"https?://\S+"),                             # URLs
    re.compile(r"^\(.*\)=\s*$", re.M),                      # labels
]

#: Rule 1: characters that are mathematics (letters with accents used in names,
#: such as é and ö, are not).
UNICODE_MATH = re.compile(
    "[\u0370-\u03ff"          # Greek
    "\u1d62-\u1d6a\u2c7c"     # subscript letters (ᵢ, ⱼ)
    "\u2070-\u209f\u00b2\u00b3\u00b9"   # super- and subscript digits and signs
    "\u2212\u00b1\u00d7\u00f7\u2200-\u22ff"  # minus, ±, ×, ÷, the Mathematical Operators block
    "\u2190-\u21ff"           # arrows
    "\u2032\u2033"            # primes
    "\u2113\u211d\u2102\u2115\u2124"   # ℓ, ℝ, ℂ, ℕ, ℤ
    "\u1e8f\u00ff\u0124\u0302\u0307\u0308"   # ẏ, ÿ, Ĥ, combining hat and dots
    "]")

#: Rule 2: ASCII stand-ins for mathematics.
ASCII_MATH = re.compile(
    r"\bsqrt\b"
    r"|\b(?:Delta|xi|tau|theta|lambda|lamda|psi|alpha|beta|sigma|zeta|kappa|hbar)\d*\b"
    r"|\b[A-Za-z]_\{?[A-Za-z0-9]"                      # w_ji, h_c, y_{2}
    r"|[\w)\]}]\^\{?[-+\w(]"                            # e^{At}, E2^2, T^-1
    r"|[-+]oo\b|\bRe\((?=\w)"                           # -oo, Re(xi1)
    r"|\b\d*i?[CDE][12](?!\d)"                          # C2, 4C2D2, -iE2/2
    r"|(?<![\w.-])(?:[IKy][12]|[wW][12]{2})(?![\w-])"  # y2, I1, w12
)


def _strip(text: str) -> str:
    for pattern in _STRIP:
        text = pattern.sub(" ", text)
    return text


def stray_math(text: str) -> list[str]:
    """The mathematics in ``text`` written outside ``$...$`` (empty if none).

    Parameters
    ----------
    text : str
        Markdown, as a notebook cell, a page or the audit writes it.

    Returns
    -------
    list of str
        Each offending fragment, with a few characters of context.

    Raises
    ------
    TypeError
        If ``text`` is not a str.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    body = _strip(text)
    found = []
    for pattern in (UNICODE_MATH, ASCII_MATH):
        for m in pattern.finditer(body):
            lo, hi = max(0, m.start() - 20), m.end() + 20
            found.append(f"{m.group(0)!r} in …{body[lo:hi]}…".replace("\n", " "))
    return found
