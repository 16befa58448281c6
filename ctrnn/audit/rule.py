"""The one rule that turns a check's evidence into a verdict.

A check states its claim, computes evidence, and reduces it to a few named
booleans; :func:`decide` alone chooses the word (DESIGN.md):

* ``confirmed`` -- the printed object equals the derived one (``equal``);
* ``conditional`` -- it does only under stated extra conditions, each of which
  the check verified (``equal_under``: condition -> verified);
* ``notation`` -- printed and derived differ by a renaming, a sign convention
  or a wrong cross-reference, and the check showed that undoing it makes them
  equal (``equal_after``: renaming -> verified);
* ``erratum`` -- otherwise.

``facts`` are the statements of fact a summary makes ("4C2 sqrt(Delta) times
that root", "confirmed by numerical diagonalization"): each must hold, or the
check stops with :class:`EvidenceError` and is reported as ``failed``, so a
false summary cannot ship.

Examples
--------
>>> decide(equal=True)
'confirmed'
>>> decide(equal=False, equal_under={"under (13)": True})
'conditional'
>>> decide(equal=False, equal_under={"under (13)": False})
'erratum'
>>> decide(equal=False, equal_after={"theta -> -theta": True})
'notation'
"""
from __future__ import annotations

from collections.abc import Mapping


class EvidenceError(RuntimeError):
    """A fact a check's summary states is contradicted by its own evidence."""


def require(facts: Mapping[str, bool] | None) -> None:
    """Raise :class:`EvidenceError` naming every fact in ``facts`` that is false.

    Parameters
    ----------
    facts : mapping of str to bool, optional
        Statement -> whether the evidence bears it out.

    Raises
    ------
    TypeError
        If ``facts`` is not a mapping.
    EvidenceError
        If any value is false.
    """
    if facts is None:
        return
    if not isinstance(facts, Mapping):
        raise TypeError(f"facts must be a mapping of statements to bools, got {type(facts).__name__}")
    false = [name for name, ok in facts.items() if not bool(ok)]
    if false:
        raise EvidenceError("evidence contradicts the verdict: " + "; ".join(false))


def decide(*, equal: bool, equal_under: Mapping[str, bool] | None = None,
           equal_after: Mapping[str, bool] | None = None,
           facts: Mapping[str, bool] | None = None) -> str:
    """The verdict the evidence supports (module docstring).

    Parameters
    ----------
    equal : bool
        The printed object equals the derived one, with no extra condition.
    equal_under : mapping of str to bool, optional
        Extra conditions under which the two are equal, each mapped to
        whether the check verified it (non-empty and all true gives
        ``conditional``).
    equal_after : mapping of str to bool, optional
        A renaming, sign convention or cross-reference correction, each
        mapped to whether the check verified that it makes the two equal
        (non-empty and all true gives ``notation``).
    facts : mapping of str to bool, optional
        Statements of fact the summary makes; see :func:`require`.

    Returns
    -------
    str
        ``"confirmed"``, ``"conditional"``, ``"notation"`` or ``"erratum"``.

    Raises
    ------
    EvidenceError
        If a fact in ``facts`` is false.
    """
    require(facts)
    if bool(equal):
        return "confirmed"
    if equal_under and all(bool(v) for v in equal_under.values()):
        return "conditional"
    if equal_after and all(bool(v) for v in equal_after.values()):
        return "notation"
    return "erratum"


#: The corrected form a check gives when it has no closed form to print: the
#: derived object recorded in its evidence (shown only if the verdict is not
#: "confirmed"; :class:`ctrnn.audit.Verdict` drops it for confirmed items).
DERIVED = r"\text{the derived form recorded in the evidence}"


def simplified(expr):
    """``sympy.simplify(expr)``, but 0 at once when ``cancel(expand(expr))`` proves
    the difference zero.

    Most differences a check records are polynomial or rational identities:
    ``cancel(expand(.))`` decides those in a fraction of ``simplify``'s time (0.07 s
    against 0.9 s over the audit's zero tests), and ``simplify`` of such a
    difference is 0 too, so the evidence (its string) is the same.  A difference
    that does not cancel is simplified as before.

    Parameters
    ----------
    expr : sympy.Expr or number

    Returns
    -------
    sympy.Expr
    """
    import sympy as sp

    expr = sp.sympify(expr)
    if expr == 0 or sp.cancel(sp.expand(expr)) == 0:
        return sp.Integer(0)
    return sp.simplify(expr)
