"""Read the committed benchmark results and render them for the book.

``make bench`` runs the scripts under ``benchmarks/`` and writes JSON under
``benchmarks/results/``; the book's appendix shows those files through the
functions here and never reruns a benchmark at build time.
"""
from __future__ import annotations

import json
from pathlib import Path

__all__ = ["RESULTS", "load", "machine_markdown", "drift_markdown", "spectrum_markdown",
           "plot_drift"]

#: Folder of the committed results (the repository's ``benchmarks/results``).
RESULTS = Path(__file__).resolve().parents[1] / "benchmarks" / "results"


def load(name: str) -> dict:
    """The JSON result ``benchmarks/results/<name>.json``.

    Raises
    ------
    ValueError
        If ``name`` names no committed result.
    """
    path = RESULTS / f"{name}.json"
    if not path.is_file():
        known = sorted(p.stem for p in RESULTS.glob("*.json"))
        raise ValueError(f"name must be one of {known}, got {name!r}")
    return json.loads(path.read_text())


def machine_markdown(data: dict | None = None) -> str:
    """One sentence naming the machine the numbers were taken on."""
    m = load("machine") if data is None else data
    return (f"Measured on {m['date']} on a {m['cpu']} ({m['cores']} cores, "
            f"{m['memory_GiB']} GiB, {m['machine']}, {m['os']}) with Python "
            f"{m['python']}, NumPy {m['numpy']} and SciPy {m['scipy']}.")


def drift_markdown(data: dict | None = None) -> str:
    """Table of the H-drift benchmark (``benchmarks/hamiltonian_drift.py``)."""
    d = load("hamiltonian_drift") if data is None else data
    rows = ["| method | relative drift of H | meets target | wall time (s) |",
            "| --- | --- | --- | --- |"]
    for r in d["results"]:
        rows.append(f"| {r['method']} | {r['relative_drift']:.2e} | "
                    f"{'yes' if r['meets_target'] else 'no'} | {r['wall_time_s']:.3g} |")
    return "\n".join(rows)


def spectrum_markdown(data: dict | None = None, sizes=None) -> str:
    """Table of the spectrum benchmark (``benchmarks/spectrum.py``): error and
    wall time of each method at each matrix size."""
    d = load("spectrum") if data is None else data
    methods = list(d["methods"])
    keep = d["sizes"] if sizes is None else [s for s in d["sizes"] if s in set(sizes)]
    head = "| N | " + " | ".join(f"{m} error | {m} time (s)" for m in methods) + " |"
    rule = "| --- |" + " --- | --- |" * len(methods)
    rows = [head, rule]
    for k, size in enumerate(d["sizes"]):
        if size not in keep:
            continue
        cells = []
        for m in methods:
            cells.append(f"{d['methods'][m]['error'][k]:.1e} | {d['methods'][m]['time'][k]:.1e}")
        rows.append(f"| {size} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def plot_drift(data: dict | None = None):
    """Relative drift of H and wall time per method, from the H-drift benchmark.

    Two horizontal bar charts on logarithmic axes; the dashed line marks the
    book's drift target.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import numpy as np

    from .plotting import COLORS, LINEWIDTH, new_axes

    d = load("hamiltonian_drift") if data is None else data
    names = [r["method"] for r in d["results"]]
    drift = np.maximum([r["relative_drift"] for r in d["results"]], 1e-17)
    times = [r["wall_time_s"] for r in d["results"]]
    fig, (ax_d, ax_t) = new_axes(ncols=2, figsize=(8.0, 2.8))
    rows = np.arange(len(names))
    ax_d.barh(rows, drift, color=COLORS["numerical"])
    ax_d.axvline(d["target"], color=COLORS["grey"], linestyle="--", linewidth=LINEWIDTH["thin"])
    ax_d.set_xscale("log")
    ax_d.set_yticks(rows, names)
    ax_d.set_xlabel("relative drift of $H$")
    ax_t.barh(rows, times, color=COLORS["true"])
    ax_t.set_xscale("log")
    ax_t.set_yticks(rows, [""] * len(names))
    ax_t.set_xlabel("wall time (s)")
    return fig
