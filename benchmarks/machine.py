"""Record the machine the benchmark numbers were taken on.

Writes ``benchmarks/results/machine.json``; ``make bench`` runs it first, and
the book's benchmarks appendix prints it next to the results.
"""
import json
import os
import platform
from datetime import date
from pathlib import Path

import numpy
import scipy


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def describe() -> dict:
    """Processor, core count, memory, OS and library versions."""
    mem = None
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        mem = round(pages / 2**30, 1)
    except (ValueError, OSError):
        pass
    return {
        "date": date.today().isoformat(),
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "memory_GiB": mem,
        "machine": platform.machine(),
        "os": platform.platform(terse=True),
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "scipy": scipy.__version__,
    }


if __name__ == "__main__":
    out = Path(__file__).parent / "results" / "machine.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(describe(), indent=2) + "\n")
    print(f"wrote {out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out}")
