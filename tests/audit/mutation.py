"""Mutation testing of the paper, classical, quantum and audit code (``make mutation``).

Not a test module (pytest does not collect it) and not part of CI.  It clones
the committed HEAD into two temporary directories (one per core; mutants never
touch the shared working tree), enumerates every mutant of
``ctrnn/{paper,classical,quantum,audit}`` with cosmic-ray's operators (pinned,
extra ``mutation``), keeps a seeded random sample, and runs against each
mutant the tests that exercise its module (:func:`tests_for`), stopping at
the first failure.  A mutant is *killed* when those tests fail or time out.
The kill rate, the per-layer breakdown and every surviving mutant's diff go
to ``benchmarks/results/mutation.json``.

The tests are a subset of ``make test`` (its notebooks excepted), so a mutant
killed here is killed by ``make test``; the rate is a lower bound.

Usage: ``python tests/audit/mutation.py [--sample N] [--seed S] [--workers W]``.
"""
from __future__ import annotations

import argparse
import difflib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from queue import Queue

ROOT = Path(__file__).resolve().parents[2]
MODULES = ["ctrnn/paper", "ctrnn/classical", "ctrnn/quantum", "ctrnn/audit"]
OUT = ROOT / "benchmarks" / "results" / "mutation.json"
#: Run for every mutant after its module's own tests: the pinned verdict of every
#: audited item (the audit calls most of the physics).
PINNED = "tests/audit/test_counterfactual.py::test_every_item_is_pinned_and_has_its_verdict"
#: Test files never run against mutants: the browser and PDF tests need a built
#: book; the determinism test executes two notebooks and two full audits (slow).
#: Subprocesses the others start inherit PYTHONPATH, so they see the mutant.
EXCLUDED = {"tests/test_pdf.py", "tests/book/test_record.py", "tests/test_determinism.py"}


def tests_for(module: str, root: Path = ROOT) -> list[str]:
    """The test files that exercise ``module`` (a path such as
    ``ctrnn/classical/dynamics.py``): those naming its module, then :data:`PINNED`
    (for the paper and audit layers, all of ``tests/audit`` instead).

    A test file names a module when it is ``test_<stem>.py`` or its text holds
    the module's dotted name or its file stem as a word (``from
    ctrnn.classical import dynamics as d``).
    Package ``__init__`` modules are named by their package.
    """
    path = Path(module)
    stem = path.parent.name if path.stem == "__init__" else path.stem
    dotted = ".".join(path.with_suffix("").parts).removesuffix(".__init__")
    word = re.compile(rf"\b{re.escape(stem)}\b")
    found = []
    for test in sorted((root / "tests").rglob("test_*.py")):
        rel = test.relative_to(root).as_posix()
        if rel.startswith("tests/browser/") or rel in EXCLUDED:
            continue
        text = test.read_text()
        if test.stem == f"test_{stem}" or dotted in text or word.search(text):
            found.append(rel)
    if path.parts[1] in ("paper", "audit"):     # the counterfactual and registry tests
        found = [t for t in found if not t.startswith("tests/audit/")] + ["tests/audit"]
        return found
    return [t for t in found if t != PINNED.split("::")[0]] + [PINNED]


def mutants(root: Path) -> list:
    """Every cosmic-ray mutation of the modules under :data:`MODULES`, in a
    fixed order (path, operator, occurrence)."""
    from cosmic_ray.commands.init import _all_work_items

    paths = sorted(p.relative_to(root) for m in MODULES for p in (root / m).rglob("*.py"))
    cwd = os.getcwd()
    os.chdir(root)
    try:
        items = [w.mutations[0] for w in _all_work_items(paths, {})]
    finally:
        os.chdir(cwd)
    return sorted(items, key=lambda m: (str(m.module_path), m.operator_name, m.occurrence))


def _pytest(clone: Path, tests: list[str], timeout: float):
    env = {**os.environ, "PYTHONPATH": str(clone), "CTRNN_AUDIT_CACHE": "0",
           "OPENBLAS_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
               "--hypothesis-profile=ci", *tests]
    start = time.time()
    try:
        proc = subprocess.run(command, cwd=clone, env=env, capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout", time.time() - start, ""
    return ("passed" if proc.returncode == 0 else "failed"), time.time() - start, proc.stdout[-600:]


def _mutate(clone: Path, spec):
    """Apply one mutation in ``clone``; return (original, mutated) source or None."""
    import cosmic_ray.plugins
    from cosmic_ray.mutating import apply_mutation

    operator = cosmic_ray.plugins.get_operator(spec.operator_name)()
    original, mutated = apply_mutation(clone / spec.module_path, operator, spec.occurrence)
    return None if mutated is None else (original, mutated)


def _run(clone: Path, spec, timeout: float) -> dict:
    path = clone / spec.module_path
    pristine = path.read_text()
    try:
        change = _mutate(clone, spec)
        if change is None:
            return {"outcome": "no mutation"}
        original, mutated = change
        outcome, seconds, tail = _pytest(clone, tests_for(str(spec.module_path), clone), timeout)
    finally:
        path.write_text(pristine)
    diff = "".join(difflib.unified_diff(original.splitlines(True), mutated.splitlines(True), n=0))
    return {"module": Path(spec.module_path).as_posix(), "line": spec.start_pos[0],
            "operator": spec.operator_name, "occurrence": spec.occurrence,
            "outcome": outcome, "killed": outcome != "passed", "seconds": round(seconds, 1),
            "diff": "\n".join(line for line in diff.splitlines() if line[:1] in "+-"
                              and not line.startswith(("+++", "---")))}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="tests/audit/mutation.py")
    parser.add_argument("--sample", type=int, default=60)
    parser.add_argument("--seed", type=int, default=20210218)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    if args.sample < 1:
        raise ValueError(f"--sample must be at least 1, got {args.sample}")
    if args.workers < 1:
        raise ValueError(f"--workers must be at least 1, got {args.workers}")
    start = time.time()
    with tempfile.TemporaryDirectory(prefix="ctrnn-mutation-") as tmp:
        clones = [Path(tmp) / f"clone{k}" for k in range(args.workers)]
        for clone in clones:
            subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=clones[0], check=True,
                              capture_output=True, text=True).stdout.strip()
        every = mutants(clones[0])
        sample = random.Random(args.seed).sample(every, min(args.sample, len(every)))
        free: Queue = Queue()
        for clone in clones:
            free.put(clone)

        def on_a_clone(task, *task_args):
            clone = free.get()
            try:
                return task(clone, *task_args)
            finally:
                free.put(clone)

        def unmutated(clone, module):
            return _pytest(clone, tests_for(module, clone), 1800)

        with ThreadPoolExecutor(args.workers) as pool:
            # the unmutated tests of each sampled module must pass; their time sets the timeout
            modules = sorted({str(s.module_path) for s in sample})
            baseline = {}
            for module, (outcome, seconds, tail) in zip(
                    modules, pool.map(lambda m: on_a_clone(unmutated, m), modules)):
                if outcome != "passed":
                    raise RuntimeError(f"the tests of {module} fail without a mutant:\n{tail}")
                baseline[module] = seconds
            rows = [r for r in pool.map(
                lambda spec: on_a_clone(_run, spec, 3 * baseline[str(spec.module_path)] + 60),
                sample) if r["outcome"] != "no mutation"]
    report = _report(rows, head, len(every), args, baseline, time.time() - start)
    OUT.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps({k: v for k, v in report.items() if k not in ("survivors", "baseline_seconds")},
                     indent=2))
    return 0


def _report(rows, head, total, args, baseline, seconds) -> dict:
    killed = sum(r["killed"] for r in rows)
    layers = {}
    for r in rows:
        layer = r["module"].split("/")[1]
        k, n = layers.get(layer, (0, 0))
        layers[layer] = (k + r["killed"], n + 1)
    return {"commit": head, "tool": "cosmic-ray 8.7.0 operators; tests per module (tests_for)",
            "modules": MODULES, "mutants_total": total, "sample": len(rows), "seed": args.seed,
            "killed": killed, "timeouts": sum(r["outcome"] == "timeout" for r in rows),
            "kill_rate": round(killed / len(rows), 3) if rows else None,
            "by_layer": {k: {"killed": a, "sample": b} for k, (a, b) in sorted(layers.items())},
            "minutes": round(seconds / 60, 1),
            "baseline_seconds": {m: round(s, 1) for m, s in sorted(baseline.items())},
            "survivors": [r for r in rows if not r["killed"]]}


if __name__ == "__main__":
    sys.exit(main())
