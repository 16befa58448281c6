"""Figures of the eigenstates and spectra of the quantized CTRNN Hamiltonian.

Each function draws one figure of the book's chapters on quantization and
the wavefunction with the style of :mod:`ctrnn.plotting`, and returns the
matplotlib Figure.  The physics is computed elsewhere: the correct
eigenfunctions and levels in :mod:`ctrnn.quantum`, the paper's formulas
(32)-(33) and (36)-(37) in :mod:`ctrnn.wavefunction`.
"""
from __future__ import annotations

import numpy as np

from . import quantum
from .plotting import COLORS, LINEWIDTH, new_axes
from .wavefunction import paper_eigenfunction_values, paper_levels

__all__ = ["plot_eigenfunctions", "plot_spectrum", "plot_box_growth", "plot_benchmark",
           "spacing_near", "benchmark_facts"]

_STYLES = ("-", "--", ":")


def _window(net, levels, width):
    z, _ = quantum.critical_point(net)
    length = np.sqrt(2.0 * abs(net.hamiltonian_coefficients()["C2"])) / (
        -quantum.discriminant(net)) ** 0.25
    half = width * length * np.sqrt(2.0 * max(levels) + 1.0)
    return np.linspace(z[1] - half, z[1] + half, 801)


def plot_eigenfunctions(net, levels=(0, 1, 2), width: float = 2.0):
    """Correct eigenfunctions versus the paper's (32)-(33) for one network.

    Top row: ψ_k of the Weyl-quantized Ĥ (:func:`ctrnn.quantum.eigenfunctions`);
    bottom row: the paper's ψ_k of Eqs. (32)-(33) with ξ1, ξ2 of (25)-(26),
    principal branches, as printed (no normalization exists: they grow
    without bound), with abs(ψ)² on a logarithmic axis.
    Columns: probability density abs(ψ)², real and imaginary parts (for the
    paper's functions, of the phase factor ψ/abs(ψ)).

    Parameters
    ----------
    net : CTRNN2
        A Hamiltonian network with a discrete spectrum (Δ < 0).
    levels : sequence of int
        Quantum numbers to draw (at most three).
    width : float
        Half-width of the window in units of the classical turning point of
        the highest level drawn.

    Raises
    ------
    ValueError
        If more than three levels are requested, or as
        :func:`ctrnn.quantum.eigenfunctions`.
    """
    levels = tuple(levels)
    if not 1 <= len(levels) <= 3:
        raise ValueError(f"levels must hold one to three quantum numbers, got {levels!r}")
    grid = _window(net, levels, width)
    true = quantum.eigenfunctions(net, max(levels) + 1, grid)
    fig, axes = new_axes(ncols=3, nrows=2, sharex=True)
    rows = (("correct", COLORS["true"],
             (("$|\\psi|^2$", lambda v: np.abs(v) ** 2), ("Re $\\psi$", np.real),
              ("Im $\\psi$", np.imag))),
            ("paper (32)-(33)", COLORS["paper"],
             (("$|\\psi|^2$", lambda v: np.abs(v) ** 2),
              ("Re $\\psi/|\\psi|$", lambda v: np.real(v) / np.abs(v)),
              ("Im $\\psi/|\\psi|$", lambda v: np.imag(v) / np.abs(v)))))
    for row, (label, colour, parts) in enumerate(rows):
        for style, k in zip(_STYLES, levels):
            values = true[k] if row == 0 else paper_eigenfunction_values(net, k, grid)
            for col, (_, part) in enumerate(parts):
                axes[row, col].plot(grid, part(values), color=colour, linestyle=style,
                                    label=f"{label}, $k={k}$")
        for col, (name, _) in enumerate(parts):
            axes[row, col].set_ylabel(name)
        axes[row, 0].legend(fontsize=7, loc="upper center")
    axes[1, 0].set_yscale("log")            # the paper's functions grow without bound
    for col in range(3):
        axes[1, col].set_xlabel("$y_2$")
    return fig


def plot_spectrum(net, n: int = 10):
    """Levels by quantum number: correct closed form, numerical, paper.

    The correct levels are :func:`ctrnn.quantum.spectrum`, the numerical ones
    :func:`ctrnn.quantum.numerical_spectrum`; the paper's (36)-(37)
    (:func:`ctrnn.wavefunction.paper_levels`) are complex when Δ < 0 and are
    drawn by their real and imaginary parts.
    """
    k = np.arange(n)
    fig, ax = new_axes()
    paper = paper_levels(net, n)
    ax.plot(k, quantum.spectrum(net, n), "o", color=COLORS["true"], markersize=8,
            label="closed form (correct $\\hat H$)")
    ax.plot(k, quantum.numerical_spectrum(net, n), "x", color=COLORS["numerical"],
            markersize=8, label="numerical diagonalization")
    ax.plot(k, paper.real, "s", color=COLORS["paper"], fillstyle="none",
            label="paper (36)-(37), real part")
    ax.plot(k, paper.imag, "^", color=COLORS["paper"], fillstyle="none",
            label="paper (36)-(37), imaginary part")
    ax.axhline(0.0, color=COLORS["grey"], linewidth=LINEWIDTH["thin"])
    ax.set_xlabel("quantum number $k$")
    ax.set_ylabel("$\\lambda_k$")
    ax.legend(fontsize=8)
    return fig


def spacing_near(net, half_width: float, spacing: float, count: int = 6,
                 reference: float = 0.0) -> float:
    """Mean gap between the ``count`` box eigenvalues closest to ``reference``
    (:func:`ctrnn.quantum.box_levels`)."""
    levels = quantum.box_levels(net, half_width, spacing)
    near = np.sort(levels[np.argsort(np.abs(levels - reference))[:count]])
    return float(np.mean(np.diff(near)))


def plot_box_growth(nets: dict, half_widths, spacing: float = 0.12):
    """Mean level gap near λ = 0 versus box half-width, one line per network.

    A discrete spectrum keeps its gap (√(-Δ) for the oscillator); a continuous
    one shows gaps that shrink as the box grows.

    Parameters
    ----------
    nets : dict
        Label → Hamiltonian network.
    half_widths : sequence of float
        Box half-widths (Fourier grid of fixed ``spacing``).
    """
    fig, ax = new_axes()
    colours = (COLORS["true"], COLORS["paper"], COLORS["numerical"], COLORS["grey"])
    for colour, (label, net) in zip(colours, nets.items()):
        gaps = [spacing_near(net, h, spacing) for h in half_widths]
        ax.plot(half_widths, gaps, "o-", color=colour, label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("box half-width $L$")
    ax.set_ylabel("mean gap of the 6 levels nearest $\\lambda = 0$")
    ax.legend(fontsize=8)
    return fig


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
    Ĥ (the closed form of :func:`ctrnn.quantum.spectrum` is the reference).

    Parameters
    ----------
    data : dict
        The content of ``benchmarks/results/spectrum.json``
        (:func:`ctrnn.benchmarks.load`).
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
