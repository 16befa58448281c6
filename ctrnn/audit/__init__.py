"""The comparison layer: one check per numbered equation, figure or claim.

Each check compares what the paper prints (:mod:`ctrnn.paper`) with an
independent derivation and returns a :class:`Verdict` carrying its evidence.
Checks live in topic modules (``classical``, ``quantum``, ``constraints``) and
register themselves with :func:`check`; :func:`run_all` runs every one.

Every check takes the printed equations as its one argument (a mapping of
the shape of :data:`ctrnn.paper.equations.EQUATIONS`) and reads the paper only
through it, so :func:`run_all` can audit a counterfactual paper; the verdict
word comes from the shared rule :func:`ctrnn.audit.rule.decide`.  Results for
the paper as printed are cached on disk (:mod:`ctrnn.audit.cache`).

Verdict words (DESIGN.md): ``confirmed`` (true as printed), ``conditional``
(true only under stated extra conditions), ``erratum`` (false as printed; the
corrected form is given), ``notation`` (typo, cross-reference or convention
that changes no result).  Two further states are not verdicts on the paper:
``unchecked`` (no check written yet) and ``failed`` (the check itself raised).
"""
from __future__ import annotations

import importlib
import json
import traceback
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Callable

import mpmath

#: The four verdicts on the paper (DESIGN.md).
VERDICTS = ("confirmed", "conditional", "erratum", "notation")
#: States that are not verdicts: no check yet, or the check raised.
STATES = VERDICTS + ("unchecked", "failed")

#: Chapters of the book and the equations each one audits.
CHAPTERS = {
    "odes": ("The network and its ODEs", [str(k) for k in range(1, 11)]),
    "hamiltonian": ("When the dynamics are Hamiltonian",
                    [str(k) for k in range(11, 21)] + ["fig1"]),
    "quantization": ("Weyl quantization", ["21", "22"]),
    "wavefunction": ("The eigenvalue problem and the wavefunction",
                     [str(k) for k in range(23, 38)]),
    "constraints": ("Constraints on the weights", ["38", "39", "40"]),
}

#: Every item the audit must cover: Eqs. (1)-(40) and Fig. 1.
EXPECTED = tuple(eq for _, items in CHAPTERS.values() for eq in items)

#: Topic modules holding checks; each registers its checks on import.
CHECK_MODULES = ("classical", "quantum", "constraints")


def section_of(equation: str) -> str:
    """The paper's section for an equation number or claim id ("II" or "III")."""
    head = equation.split("-")[0]
    if head.isdigit():
        return "II" if int(head) <= 22 else "III"
    return "II" if head.startswith("fig") else "III"


def chapter_of(equation: str) -> str | None:
    """Key of the chapter that audits ``equation`` (claim ids "13-x" follow "13")."""
    head = equation.split("-")[0]
    for key, (_, items) in CHAPTERS.items():
        if head in items:
            return key
    return None


@dataclass
class Verdict:
    """The outcome of one check.

    Attributes
    ----------
    equation : str
        Equation number ("13"), figure ("fig1") or a short claim id ("17-ref").
    section : str
        The paper's section ("II" or "III").
    verdict : str
        One of :data:`VERDICTS`, or "unchecked" / "failed".
    summary : str
        One or two sentences a reader can act on.
    corrected : str or None
        LaTeX of the corrected form when the verdict is "erratum"
        (optionally also for "notation"), else None.
    evidence : dict
        Named, JSON-serialisable pieces of evidence (residuals, eigenvalues,
        simplified differences as strings, parameter sets).
    """

    equation: str
    section: str
    verdict: str
    summary: str
    corrected: str | None = None
    evidence: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self):
        if self.verdict == "confirmed":
            self.corrected = None          # nothing to correct
        if self.verdict not in STATES:
            raise ValueError(f"verdict must be one of {STATES}, got {self.verdict!r}")
        if self.verdict == "erratum" and not self.corrected:
            raise ValueError(f"an erratum ({self.equation}) must give the corrected form")


_REGISTRY: dict[str, tuple[str, Callable[[Any], Verdict]]] = {}


def check(equation: str, title: str = ""):
    """Register ``func`` as the check of ``equation``.

    The decorated function takes one argument, the mapping of printed
    equations it audits, and returns a :class:`Verdict` (its ``equation``
    and ``section`` are filled in here).
    """
    def register(func):
        if equation in _REGISTRY:
            raise ValueError(f"a check for {equation!r} is already registered")
        _REGISTRY[equation] = (title or func.__doc__ or "", func)
        return func
    return register


def _load_checks() -> None:
    for name in CHECK_MODULES:
        try:
            importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise


def registered() -> list[str]:
    """Ids of every registered check (after loading the topic modules)."""
    _load_checks()
    return list(_REGISTRY)


_CACHE: dict[str, Verdict] = {}


def printed_equations():
    """The paper as printed: :data:`ctrnn.paper.equations.EQUATIONS` (with the claims)."""
    from ctrnn.paper import EQUATIONS

    return _with_claims(EQUATIONS)


def _with_claims(equations):
    """``equations`` backed by :data:`ctrnn.paper.claims.CLAIMS` for claim ids it lacks."""
    from collections import ChainMap

    from ctrnn.paper.claims import CLAIMS

    return ChainMap(equations, CLAIMS)


#: The mpmath working precision every check runs at, whatever the caller set:
#: a check's evidence must not depend on the state of the process that ran it
#: (a test that had set ``mpmath.mp.dps = 60`` changed the rounding digits of
#: item 31's evidence in the disk cache it then wrote).
MPMATH_DPS = 15


def _compute(equation: str, equations) -> Verdict:
    """One check's verdict, computed at mpmath's :data:`MPMATH_DPS` digits."""
    with mpmath.workdps(MPMATH_DPS):
        return _compute_in_context(equation, equations)


def _compute_in_context(equation: str, equations) -> Verdict:
    if equation not in _REGISTRY:
        return Verdict(equation, section_of(equation), "unchecked",
                       "No check has been written for this item yet.")
    _, func = _REGISTRY[equation]
    try:
        result = func(equations)
        if not isinstance(result, Verdict):
            raise TypeError(f"check {equation} returned {type(result).__name__}, not Verdict")
        result.equation = equation
        result.section = section_of(equation)
    except Exception as exc:  # a failing check is reported, never hidden
        result = Verdict(equation, section_of(equation), "failed",
                         f"The check raised {type(exc).__name__}: {exc}",
                         evidence={"traceback": traceback.format_exc()})
    return result


def run(equation: str, equations=None) -> Verdict:
    """Run the check of one equation or claim.

    Parameters
    ----------
    equation : str
        An item id (``"13"``, ``"fig1"``, ``"17-ref"``).
    equations : mapping, optional
        The printed equations to audit, of the shape of
        :data:`ctrnn.paper.equations.EQUATIONS`; the paper as printed when None.  Given
        a mapping, no cache is read or written.

    Returns
    -------
    Verdict
        For the paper as printed, cached per process and on disk
        (:mod:`ctrnn.audit.cache`, keyed by the package sources).

    Raises
    ------
    TypeError
        If ``equations`` is not a mapping.
    """
    _load_checks()
    if equations is not None:
        if not isinstance(equations, Mapping):
            raise TypeError("equations must be a mapping of equation numbers to "
                            f"printed equations, got {type(equations).__name__}")
        return _compute(equation, _with_claims(equations))
    if equation in _CACHE:
        return _CACHE[equation]
    from ctrnn.audit import cache

    result = cache.load(equation)
    if result is None:
        result = _compute(equation, printed_equations())
        if result.verdict != "failed":
            cache.store(equation, result)
    _CACHE[equation] = result
    return result


def _order(equation: str):
    head, _, tail = equation.partition("-")
    if head.isdigit():
        return (int(head), 0, tail)
    return (10_000, 0, equation) if not head.startswith("fig") else (20.5, 0, equation)


def ids(chapter: str | None = None) -> list[str]:
    """Expected items plus extra registered claims, in paper order.

    With ``chapter`` (a key of :data:`CHAPTERS`), only that chapter's items.
    """
    all_ids = sorted(set(EXPECTED) | set(registered()), key=_order)
    if chapter is None:
        return all_ids
    if chapter not in CHAPTERS:
        raise ValueError(f"chapter must be one of {list(CHAPTERS)}, got {chapter!r}")
    return [e for e in all_ids if chapter_of(e) == chapter]


#: A cold audit on two processes: the wavefunction chapter's checks share derived
#: solutions and memos (:mod:`ctrnn.audit.quantum`), so they run in one process;
#: every other chapter, with the self-contained 23-decay, 31, 34 and 35, in the other
#: (about the same CPU time each, measured).
_SECOND_PROCESS = ("wavefunction",)
_FIRST_PROCESS_EXTRA = ("23-decay", "31", "34", "35")


#: Cached derivations both processes of a cold audit use, as (module, function,
#: arguments): made once before the fork, so that the forked process inherits them
#: instead of repeating them (about 0.25 s of CPU, measured).
_SHARED_DERIVATIONS = (
    ("ctrnn.quantum.kummer", "derived_operator", ()),
    ("ctrnn.audit.operators", "_printed_operator_cached", ()),
    ("ctrnn.audit.operators", "_printed_hamiltonian_cached", ()),
    ("ctrnn.audit.operators", "_printed_solution", (1,)),
    ("ctrnn.classical.hamiltonian", "integrate_hamiltonian", ()),
    ("ctrnn.classical.hamiltonian", "coefficients_symbolic", ()),
)


def _derive_shared() -> None:
    """Make :data:`_SHARED_DERIVATIONS` in this process (before a fork).

    A derivation that raises is left to the checks that use it: they repeat it
    and report the failure in their verdicts.
    """
    with mpmath.workdps(MPMATH_DPS):           # as the checks would make them
        for module, name, args in _SHARED_DERIVATIONS:
            try:
                getattr(importlib.import_module(module), name)(*args)
            except Exception:       # noqa: BLE001 (reported by the checks themselves)
                pass


def _split(items: list[str]) -> tuple[list[str], list[str]]:
    """The items of a cold audit for this process and for the second one."""
    second = [e for e in items
              if chapter_of(e) in _SECOND_PROCESS and e not in _FIRST_PROCESS_EXTRA]
    return [e for e in items if e not in second], second


def default_workers() -> int:
    """2 (processes for a cold :func:`run_all`) when this process may run on two
    cores or more, else 1."""
    import os

    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:                  # not on Linux
        cores = os.cpu_count() or 1
    return 2 if cores >= 2 else 1


def _run_group(items: list[str]) -> list[Verdict]:
    return [run(e) for e in items]


def _run_printed(items: list[str], workers: int) -> list[Verdict]:
    """:func:`run` of every item of the paper as printed, on ``workers`` (1 or 2)
    processes; the second is a fork of this one (the imports and derivations done
    so far are shared), and if it cannot run, this process computes its items."""
    import os

    todo = [e for e in items if e not in _CACHE]
    if workers < 2 or len(todo) < 2 or not hasattr(os, "fork"):
        return _run_group(items)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    mine, theirs = _split(todo)
    _derive_shared()
    try:
        pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        future = pool.submit(_run_group, theirs)
    except (OSError, ValueError):
        return _run_group(items)
    with pool:
        _run_group(mine)
        try:
            _CACHE.update({v.equation: v for v in future.result()})
        except Exception:           # the second process died: compute its items here
            pass
    return _run_group(items)


def run_all(chapter: str | None = None, equations=None, workers: int = 1) -> list[Verdict]:
    """Run every check (or one chapter's) and return the verdicts in paper order.

    Parameters
    ----------
    chapter : str, optional
        A key of :data:`CHAPTERS` (``"odes"``, ``"hamiltonian"``,
        ``"quantization"``, ``"wavefunction"``, ``"constraints"``); all items
        when None.
    equations : mapping, optional
        The printed equations to audit (the shape of
        :data:`ctrnn.paper.equations.EQUATIONS`, e.g. a copy with one entry replaced);
        :data:`ctrnn.paper.equations.EQUATIONS` when None.  See :func:`run`.
    workers : {1, 2}, optional
        Processes to compute the paper as printed on when the disk cache does not
        hold it (``python -m ctrnn audit`` uses 2 on a machine with two cores):
        the wavefunction chapter's checks run in a forked second process.  The
        verdicts are the same whatever the number.  A counterfactual paper
        (``equations`` given) is always audited in this process.

    Returns
    -------
    list of Verdict

    Raises
    ------
    ValueError
        If ``chapter`` is not a key of :data:`CHAPTERS` or ``workers`` is not 1 or 2.
    TypeError
        If ``equations`` is not a mapping.

    Examples
    --------
    >>> [(v.equation, v.verdict) for v in run_all("quantization")]
    [('21', 'notation'), ('22', 'erratum')]
    """
    if chapter is not None and chapter not in CHAPTERS:
        raise ValueError(f"chapter must be one of {list(CHAPTERS)}, got {chapter!r}")
    if isinstance(workers, bool) or workers not in (1, 2):
        raise ValueError(f"workers must be 1 or 2, got {workers!r}")
    if equations is None:
        from ctrnn.audit import cache

        cached = cache.load_all()       # every verdict, without importing a check
        if cached is not None:
            _CACHE.update({v.equation: v for v in cached})
            return [v for v in cached if chapter is None or chapter_of(v.equation) == chapter]
        everything = _run_printed(ids(), workers)
        if all(v.verdict != "failed" for v in everything):
            cache.store_all(everything)
        return [v for v in everything if chapter is None or chapter_of(v.equation) == chapter]
    return [run(e, equations) for e in ids(chapter)]


def to_json(verdicts: list[Verdict]) -> str:
    """The JSON list of DESIGN.md (keys equation, section, verdict, summary,
    corrected, evidence)."""
    return json.dumps([asdict(v) for v in verdicts], indent=2, default=str)


def counts(verdicts: list[Verdict]) -> dict[str, int]:
    """How many verdicts of each state."""
    out = {s: 0 for s in STATES}
    for v in verdicts:
        out[v.verdict] += 1
    return out
