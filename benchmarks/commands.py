"""Time the README's two commands and the audit (issue 11's goals).

Run from the repository root with the venv present (``make bench`` does):

    python benchmarks/commands.py [--repo PATH] [--label NAME] [--out FILE]

It measures, one after the other on this machine:

* ``make test`` (venv present);
* ``make book`` with ``_build`` removed (a cold build: every notebook executes);
* ``make book`` again with nothing changed (the execution cache serves every notebook);
* ``python -m ctrnn audit --json`` in a fresh process, with the audit's result
  cache cleared (cold) and again (warm), when the repository has such a cache.

Each figure is the wall time of one run and the CPU time (user + sys) of the
command's process tree.  The machine is shared and noisy, so the script
records the load average before each step; compare versions measured in the
same session (``--repo`` points at a checkout of the previous version).
Results go to ``benchmarks/results/commands.json`` (or ``--out``) together
with the machine (``benchmarks/machine.py``).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from machine import describe  # noqa: E402

#: Issue 11's goals, in seconds (wall, venv present, ``_build`` removed).
GOALS = {"make test": 60.0, "make book (clean)": 45.0, "make book (unchanged)": 15.0,
         "audit --json (cold process)": 5.0}
AUDIT_CACHES = (".cache/audit", "_build/.audit-cache")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], cwd: Path, env: dict | None = None) -> dict:
    """Run ``command`` once; wall and CPU seconds, exit status and the load before it.

    Parameters
    ----------
    command : list of str
        The command line.
    cwd : Path
        Working directory.
    env : dict, optional
        Extra environment variables.

    Returns
    -------
    dict
        ``wall``, ``cpu`` (seconds), ``returncode``, ``load_before`` (1-min load average).
    """
    load = os.getloadavg()[0]
    cpu0, wall0 = _children_cpu(), time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, env={**os.environ, **(env or {})},
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall, cpu = time.perf_counter() - wall0, _children_cpu() - cpu0
    if proc.returncode != 0:
        print(proc.stderr[-2000:], file=sys.stderr)
    return {"wall": round(wall, 1), "cpu": round(cpu, 1), "returncode": proc.returncode,
            "load_before": round(load, 2)}


def measure(repo: Path) -> dict:
    """Every figure of :data:`GOALS` for the checkout at ``repo``."""
    python = str(repo / ".venv" / "bin" / "python")
    out = {}
    out["make test"] = timed(["make", "test"], repo)
    shutil.rmtree(repo / "_build", ignore_errors=True)
    out["make book (clean)"] = timed(["make", "book"], repo)
    out["make book (unchanged)"] = timed(["make", "book"], repo)
    for cache in AUDIT_CACHES:
        shutil.rmtree(repo / cache, ignore_errors=True)
    out["audit --json (cold process)"] = timed([python, "-m", "ctrnn", "audit", "--json"], repo)
    out["audit --json (warm process)"] = timed([python, "-m", "ctrnn", "audit", "--json"], repo)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=HERE.parent)
    parser.add_argument("--label", default="this version")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "commands.json")
    args = parser.parse_args(argv)
    results = json.loads(args.out.read_text()) if args.out.exists() else {}
    results.setdefault("goals", GOALS)
    results.setdefault("runs", {})
    results["runs"][args.label] = {"commit": subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=args.repo, capture_output=True,
        text=True).stdout.strip(), "figures": measure(args.repo.resolve())}
    results["machine"] = describe()
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results["runs"][args.label], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
