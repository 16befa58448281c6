"""Read the committed benchmark results and render them for the book.

``make bench`` runs the scripts under ``benchmarks/`` and writes JSON under
``benchmarks/results/``; the book's appendix shows those files through the
functions here and never reruns a benchmark at build time.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from ctrnn.book.style import COLORS, LINEWIDTH, new_axes
from ctrnn.book.text import decade_above

_BENCH_STYLE = {"hermite": ("numerical", "o-", "Hermite–Galerkin (numerical_spectrum)"),
                "fourier": ("region", "s-", "Fourier grid (method='fourier')"),
                "fd": ("nullcline", "^-", "2nd-order finite differences"),
                "qutip": ("equilibrium", "d-", "QuTiP truncated ladder operators")}


def _require_benchmark(data) -> None:
    if not isinstance(data, dict) or "sizes" not in data or "methods" not in data:
        raise ValueError("data must hold the benchmark keys 'sizes' and 'methods'")


def benchmark_facts(data: dict, target: float = 1e-10, size: int = 48) -> dict:
    """The numbers the wavefunction chapter quotes from the spectrum benchmark.

    The benchmark compares methods for the first 20 levels of the Weyl-quantized
    Ĥ (the closed form of :func:`ctrnn.quantum.levels.spectrum` is the reference).

    Parameters
    ----------
    data : dict
        The content of ``benchmarks/results/spectrum.json``
        (:func:`ctrnn.book.benchmarks.load`).
    target : float
        Error (in units of ω) a method must reach.
    size : int
        A matrix size in ``data["sizes"]`` at which every method's error is quoted.

    Returns
    -------
    dict
        Keyed by glue name: ``bench_<method>_n`` the smallest size whose error is
        below ``target`` (``"none"`` if none is), ``bench_<method>_t`` its wall
        time in seconds rounded to 4 decimals (NaN if none),
        ``bench_<method>_<size>`` the error at ``size``; ``bench_fd_best`` the
        smallest finite-difference error and ``bench_qutip_version``.

    Raises
    ------
    ValueError
        If ``data`` lacks the benchmark keys, ``target`` is not positive or
        ``size`` is not one of the benchmark's sizes.
    """
    _require_benchmark(data)
    if not target > 0:
        raise ValueError(f"target must be positive, got {target!r}")
    sizes = list(data["sizes"])
    if size not in sizes:
        raise ValueError(f"size must be one of the benchmark sizes {sizes}, got {size!r}")
    out = {}
    for name, res in data["methods"].items():
        hit = [(n, t) for n, e, t in zip(sizes, res["error"], res["time"]) if e < target]
        out[f"bench_{name}_n"] = hit[0][0] if hit else "none"
        out[f"bench_{name}_t"] = round(hit[0][1], 4) if hit else float("nan")
        out[f"bench_{name}_{size}"] = res["error"][sizes.index(size)]
    out["bench_fd_best"] = min(data["methods"]["fd"]["error"])
    out["bench_qutip_version"] = data["environment"]["qutip"]
    return out


def plot_benchmark(data: dict):
    """Error and wall time versus matrix size, log-log, from the benchmark JSON.

    Parameters
    ----------
    data : dict
        The content of ``benchmarks/results/spectrum.json`` (keys ``sizes``,
        ``methods`` → {name: {"error", "time"}}).

    Raises
    ------
    ValueError
        If ``data`` lacks the keys ``sizes`` or ``methods``.
    """
    _require_benchmark(data)
    sizes = np.asarray(data["sizes"])
    fig, (ax_err, ax_time) = new_axes(ncols=2)
    for name, result in data["methods"].items():
        colour, style, label = _BENCH_STYLE.get(name, ("grey", "o-", name))
        err = np.maximum(np.asarray(result["error"]), 1e-16)
        ax_err.plot(sizes, err, style, color=COLORS[colour], label=label, markersize=4)
        ax_time.plot(sizes, result["time"], style, color=COLORS[colour], label=label,
                     markersize=4)
    ax_err.axhline(1e-10, color=COLORS["grey"], linewidth=LINEWIDTH["thin"], linestyle="--")
    ax_time.axhline(0.1, color=COLORS["grey"], linewidth=LINEWIDTH["thin"], linestyle="--")
    from matplotlib.ticker import NullFormatter, ScalarFormatter

    ticks = [n for n in (25, 50, 100, 200, 400) if sizes.min() <= n <= sizes.max()]
    for ax in (ax_err, ax_time):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xticks(ticks)
        ax.xaxis.set_major_formatter(ScalarFormatter())
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.set_xlabel("matrix size $N$")
    ax_err.set_ylabel("max error of the first 20 levels / $\\omega$")
    ax_time.set_ylabel("wall time (s)")
    ax_err.legend(fontsize=7)
    return fig

#: Folder of the committed results (the repository's ``benchmarks/results``).
RESULTS = Path(__file__).resolve().parents[2] / "benchmarks" / "results"


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


def drift_horizons_markdown(data: dict | None = None) -> str:
    """Table of the H-drift benchmark at every horizon: drift, phase error, steps, time.

    The phase error is the largest distance from the exact flow (at the
    sample times; for the midpoint rule at every step); the midpoint rows give
    the number of equal steps they took (those RK45 or DOP853 take on the
    same field).  Numbers are printed in scientific notation with a
    non-breaking exponent.
    """
    d = load("hamiltonian_drift") if data is None else data
    if "horizons" not in d:
        raise ValueError("data must be a hamiltonian_drift result with 'horizons'")
    rows = ["| time constants | method | relative drift of $H$ | phase error | steps | wall time (s) |",
            "| --- | --- | --- | --- | --- | --- |"]

    def sci(x):
        # rounding-level values (< 1e-9) as the decade that bounds them
        if x == 0:
            return "0"
        if x < 1e-9:
            return f"$< 10^{{{int(round(np.log10(decade_above(x))))}}}$"
        mant, exp = f"{x:.2e}".split("e")
        return f"${mant}\\times 10^{{{int(exp)}}}$"
    for h in d["horizons"]:
        for r in h["results"]:
            steps = f"{r['steps']:,}" if "steps" in r else "adaptive" if r["options"]["method"] != "exact" else "—"
            rows.append(f"| {h['time_constants']:,} | {r['method']} | {sci(r['relative_drift'])} | "
                        f"{sci(r['phase_error'])} | {steps} | {r['wall_time_s']:.3g} |")
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

    Two horizontal bar charts on logarithmic axes, one bar per method and
    horizon (200 and 20,000 time constants, where present); the dashed line
    marks the book's drift target.  Drift values below 1e-17 are drawn at 1e-17.

    Returns
    -------
    matplotlib.figure.Figure
    """
    d = load("hamiltonian_drift") if data is None else data
    horizons = d.get("horizons") or [{"time_constants": None, "results": d["results"]}]
    names = [r["method"] for r in horizons[0]["results"]]
    fig, (ax_d, ax_t) = new_axes(ncols=2, figsize=(8.0, 0.45 * len(names) * len(horizons) + 1.2))
    height = 0.8 / len(horizons)
    palette = [COLORS["numerical"], COLORS["true"]]
    for k, h in enumerate(horizons):
        rows = np.arange(len(names)) + k * height
        drift = np.maximum([r["relative_drift"] for r in h["results"]], 1e-17)
        times = [r["wall_time_s"] for r in h["results"]]
        label = None if h["time_constants"] is None else f"{h['time_constants']:,} time constants"
        ax_d.barh(rows, drift, height=height, color=palette[k % 2], label=label)
        ax_t.barh(rows, times, height=height, color=palette[k % 2])
    centres = np.arange(len(names)) + height * (len(horizons) - 1) / 2
    ax_d.axvline(d["target"], color=COLORS["grey"], linestyle="--", linewidth=LINEWIDTH["thin"])
    ax_d.set_xscale("log")
    ax_d.set_yticks(centres, names)
    ax_d.set_xlabel("relative drift of $H$")
    if len(horizons) > 1:
        ax_d.legend(loc="lower right")
    ax_t.set_xscale("log")
    ax_t.set_yticks(centres, [""] * len(names))
    ax_t.set_xlabel("wall time (s)")
    return fig


def commands_markdown(data: dict | None = None) -> str:
    """The two commands and the audit against issue 11's goals, as a Markdown table.

    Parameters
    ----------
    data : dict, optional
        ``benchmarks/results/commands.json`` (written by ``benchmarks/commands.py``);
        loaded when None.

    Returns
    -------
    str
        One row per measured figure: the goal, each recorded version's wall time
        and CPU time, and the ratio of this version's wall time to the previous one's.

    Raises
    ------
    ValueError
        If ``data`` lacks the ``goals`` or ``runs`` of that file.
    """
    data = load("commands") if data is None else data
    if not isinstance(data, dict) or "goals" not in data or "runs" not in data:
        raise ValueError("data must be the content of benchmarks/results/commands.json")
    runs = data["runs"]
    labels = list(runs)
    header = ["what", "goal"] + [f"{label} (wall / CPU)" for label in labels]
    ratio = len(labels) >= 2
    if ratio:
        header.append(f"{labels[-1]} / {labels[0]}")
    rows = []
    names = list(dict.fromkeys(n for r in runs.values() for n in r["figures"]))
    for name in names:
        goal = data["goals"].get(name)
        cells = [f"`{name}`", rf"$\le {goal:g}$ s" if goal else "—"]
        walls = []
        for label in labels:
            fig = runs[label]["figures"].get(name)
            if fig is None:
                cells.append("—")
                walls.append(None)
                continue
            failed = "" if fig["returncode"] == 0 else " (failed)"
            cells.append(f"{fig['wall']:.1f} s / {fig['cpu']:.1f} s{failed}")
            walls.append(fig["wall"])
        if ratio:
            first, last = walls[0], walls[-1]
            cells.append(f"{last / first:.2f}" if first and last else "—")
        rows.append(cells)
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)
