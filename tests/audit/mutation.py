"""Mutation testing of the paper, classical, quantum and audit code (``make mutation``).

Not a test module (pytest does not collect it) and not part of CI: it clones the
committed HEAD into a temporary directory (mutants never touch the shared
working tree), lets cosmic-ray (pinned, extra ``mutation``) enumerate every
mutant of ``ctrnn/{paper,classical,quantum,audit}``, keeps a seeded random
sample, runs the fast test subset ``FAST`` against each, and writes the kill
rate and the surviving mutants to ``benchmarks/results/mutation.json``.

Usage: ``python tests/audit/mutation.py [--sample N] [--seed S] [--timeout SECONDS]``.
Sized for this shared 2-core machine: the default sample finishes in about 15
minutes when the machine is otherwise idle.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULES = ["ctrnn/paper", "ctrnn/classical", "ctrnn/quantum", "ctrnn/audit"]
#: The tests run against each mutant: the pytest part of ``make test`` for the four
#: layers (the audit's pinned verdicts first, so most mutants die within a minute).
#: The first run (benchmarks/results/mutation.json, 2 of 8 killed) used only the
#: audit and paper tests: every survivor sat in a classical or quantum module the
#: audit does not call (relu_plane, n_neurons, dissipation, correspondence), which
#: only tests/classical and tests/quantum exercise.
FAST = ["tests/audit/test_counterfactual.py::test_every_item_is_pinned_and_has_its_verdict",
        "tests/audit/test_registry.py", "tests/paper", "tests/classical", "tests/quantum"]
OUT = ROOT / "benchmarks" / "results" / "mutation.json"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="tests/audit/mutation.py")
    parser.add_argument("--sample", type=int, default=12)
    parser.add_argument("--seed", type=int, default=20210218)
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args(argv)
    if args.sample < 1:
        raise ValueError(f"--sample must be at least 1, got {args.sample}")
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome, WorkResult

    start = time.time()
    with tempfile.TemporaryDirectory(prefix="ctrnn-mutation-") as tmp:
        clone = Path(tmp) / "repo"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=clone, check=True,
                              capture_output=True, text=True).stdout.strip()
        test_command = " ".join([sys.executable, "-m", "pytest", "-x", "-q",
                                 "-p", "no:cacheprovider", *FAST])
        config = Path(tmp) / "cosmic-ray.toml"
        config.write_text(
            "[cosmic-ray]\n"
            f"module-path = {json.dumps(MODULES)}\n"
            f"timeout = {args.timeout}\n"
            "excluded-modules = []\n"
            f"test-command = {json.dumps(test_command)}\n"
            "[cosmic-ray.distributor]\nname = \"local\"\n")
        session = Path(tmp) / "session.sqlite"
        env = {**os.environ, "PYTHONPATH": str(clone), "CTRNN_AUDIT_CACHE": "0",
               "OPENBLAS_NUM_THREADS": "1"}
        cr = [str(Path(sys.executable).parent / "cosmic-ray")]
        subprocess.run([*cr, "init", str(config), str(session)], cwd=clone, env=env, check=True)
        with use_db(str(session), WorkDB.Mode.open) as db:
            items = sorted(db.work_items, key=lambda w: w.job_id)
            keep = {w.job_id for w in random.Random(args.seed).sample(items, min(args.sample, len(items)))}
            db.set_multiple_results([w.job_id for w in items if w.job_id not in keep],
                                    WorkResult(worker_outcome=WorkerOutcome.SKIPPED))
        subprocess.run([*cr, "exec", str(config), str(session)], cwd=clone, env=env, check=True)
        rows = []
        with use_db(str(session), WorkDB.Mode.open) as db:
            for item, result in db.completed_work_items:
                if item.job_id not in keep:
                    continue
                m = item.mutations[0]
                rows.append({"module": str(Path(m.module_path).as_posix()),
                             "line": m.start_pos[0], "operator": m.operator_name,
                             "occurrence": m.occurrence,
                             "outcome": str(result.test_outcome.value if result.test_outcome else
                                            result.worker_outcome.value),
                             "killed": result.test_outcome in (TestOutcome.KILLED,)
                             or result.worker_outcome == WorkerOutcome.ABNORMAL})
    killed = sum(r["killed"] for r in rows)
    report = {"commit": head, "tool": "cosmic-ray 8.7.0", "modules": MODULES, "tests": FAST,
              "mutants_total": len(items), "sample": len(rows), "seed": args.seed,
              "killed": killed, "kill_rate": round(killed / len(rows), 3) if rows else None,
              "minutes": round((time.time() - start) / 60, 1),
              "survivors": [r for r in rows if not r["killed"]]}
    OUT.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps({k: v for k, v in report.items() if k != "survivors"}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
