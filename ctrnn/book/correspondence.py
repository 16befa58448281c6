"""Presentation for the chapter *Quantum-classical correspondence*: the Heisenberg
residuals as LaTeX and the expectation, Wigner, snapshot, ReLU-breakdown and
grid-convergence figures, from :mod:`ctrnn.quantum.correspondence`.
"""
from __future__ import annotations

import numpy as np
import sympy as sp

from ctrnn.book.style import COLORS, LINEWIDTH, above_rounding, new_axes, quantized
from ctrnn.book.text import break_display, markdown_table
from ctrnn.classical.hamiltonian import FIG1_CASES, discriminant, hamiltonian_value
from ctrnn.classical.network import CTRNN2
from ctrnn.quantum.correspondence import (
    Correspondence,
    _require_result,
    _require_times,
    ground_covariance,
    heisenberg_residuals,
    open_orbit_packet,
    wigner,
)

#: Below this the packet's means and variance agree with the classical transport
#: to rounding level, stated as the bound.
TRANSPORT_BOUND = 1e-10


def open_orbit_table(cases=(("saddle", 1.0), ("parabolic", 3.0)), y0=(0.5, 0.5)) -> str:
    """Markdown table of Gaussian packets on open orbits (continuous spectrum).

    For each of Fig. 1's networks named in ``cases`` (:data:`~ctrnn.classical.hamiltonian.FIG1_CASES`),
    :func:`~ctrnn.quantum.correspondence.open_orbit_packet` evolves a packet from
    ``y0`` to its time: Δ, the time, the grid size, the growth of Var ŷ₂ and the
    largest error of the means and variance against the classical transport
    (below :data:`TRANSPORT_BOUND` stated as that bound).

    Parameters
    ----------
    cases : sequence of (str, float)
        A key of ``FIG1_CASES`` and a positive final time, per row.
    y0 : array_like, shape (2,)
        The packet's initial mean.

    Returns
    -------
    str
    """
    rows = []
    for case, t_max in cases:
        if case not in FIG1_CASES:
            raise ValueError(f"cases: {case!r} is not one of {sorted(FIG1_CASES)}")
        net = CTRNN2(**FIG1_CASES[case])
        r = open_orbit_packet(net, y0, t_max)
        error = max(r["mean_error"], r["variance_error"])
        rows.append([case, f"{discriminant(net):g}", f"{t_max:g}", str(r["size"]),
                     f"{r['variance'][-1] / r['variance'][0]:.1f}",
                     rf"$< 10^{{{int(np.log10(TRANSPORT_BOUND))}}}$" if error < TRANSPORT_BOUND
                     else f"{error:.1e}"])
    return markdown_table(["network", r"$\Delta$", r"$t_{\max}$", "grid points",
                           r"$\operatorname{Var}\hat y_2(t_{\max}) / \operatorname{Var}\hat y_2(0)$",
                           "largest error of means and variance"], rows)


def heisenberg_residuals_latex(which):
    """The residuals of :func:`~ctrnn.quantum.correspondence.heisenberg_residuals` for one reading, as LaTeX.

    Parameters
    ----------
    which : {"forward", "backward"}
        Hamilton's equations (11) forward or backward in time.

    Returns
    -------
    str
        The two residuals, separated by ``,\\quad``, broken into lines that
        fit a phone's column (:func:`ctrnn.book.text.break_display`).

    Raises
    ------
    ValueError
        If ``which`` is not "forward" or "backward".
    """
    if which not in ("forward", "backward"):
        raise ValueError(f"which must be 'forward' or 'backward', got {which!r}")
    return break_display(r",\quad ".join(sp.latex(r) for r in heisenberg_residuals()[which]))


# ------------------------------------------------------------------ figures
#: :func:`plot_grid_convergence` draws errors below this at it: from N = 56 on they are
#: rounding error of the propagation (1e-13, with 1e-14 differences between CPUs that
#: would move a point at 4e-12 visibly).
CONVERGENCE_FLOOR = 1e-10


def plot_grid_convergence(sizes, errors, needed=None):
    """Largest Ehrenfest discrepancy against the number of grid points.

    Parameters
    ----------
    sizes, errors : array_like
        As used by and returned from :func:`~ctrnn.quantum.correspondence.grid_convergence`.
    needed : int, optional
        The automatic size of :func:`~ctrnn.quantum.correspondence.make_grid`, marked by a vertical line.

    Returns
    -------
    matplotlib.figure.Figure
    """
    sizes, errors = np.asarray(sizes, dtype=float), np.asarray(errors, dtype=float)
    if sizes.ndim != 1 or sizes.shape != errors.shape or sizes.size == 0:
        raise ValueError("sizes and errors must be 1-d arrays of equal, non-zero length, "
                         f"got shapes {sizes.shape} and {errors.shape}")
    if not np.all(errors > 0):
        raise ValueError("errors must be positive (they are drawn on a log scale)")
    fig, ax = new_axes()
    ax.semilogy(sizes, above_rounding(errors, CONVERGENCE_FLOOR), "o-", color=COLORS["numerical"])
    if needed is not None:
        ax.axvline(needed, color=COLORS["grey"], ls=":", lw=LINEWIDTH["thin"])
    ax.set_xlabel("grid points $N$")
    ax.set_ylabel(r"$\max_t |\langle\hat y\rangle(t) - y(-t)|$")
    return fig



def _contours(ax, net, y1, y2, levels=12):
    Y1, Y2 = np.meshgrid(y1, y2)
    ax.contour(Y1, Y2, hamiltonian_value(net, np.array([Y1, Y2])), levels=levels,
               colors=COLORS["grey"], linewidths=LINEWIDTH["contour"], linestyles="solid")


def _region_lines(ax, net):
    ax.axvline(-net.theta1, color=COLORS["region"], lw=LINEWIDTH["thin"], ls="--")
    ax.axhline(-net.theta2, color=COLORS["region"], lw=LINEWIDTH["thin"], ls="--")


def _label_plane(ax):
    ax.set_xlabel("$y_1$")
    ax.set_ylabel("$y_2$")


def plot_expectations(result: Correspondence):
    """⟨ŷ⟩(t) against the classical linear flow at +t and -t.

    Left: the phase plane (y1 horizontal, y2 vertical) with the contours of
    H (18), the classical orbit, and ⟨ŷ⟩ with arrows marking the direction of
    motion of each (four arrows, a tenth of the samples apart).  Right: the distances ‖⟨ŷ⟩(t) - y(t)‖ and
    ‖⟨ŷ⟩(t) - y(-t)‖ on a log scale.

    Returns
    -------
    matplotlib.figure.Figure
    """
    _require_result(result)
    fig, (ax, bx) = new_axes(ncols=2)
    net = result.grid.net
    lo = np.minimum(result.forward.min(axis=1), result.mean.min(axis=1))
    hi = np.maximum(result.forward.max(axis=1), result.mean.max(axis=1))
    pad = 0.25 * (hi - lo)
    _contours(ax, net, np.linspace(lo[0] - pad[0], hi[0] + pad[0], 120),
              np.linspace(lo[1] - pad[1], hi[1] + pad[1], 120))
    ax.plot(*result.forward, color=COLORS["true"], label="classical $y(t)$")
    ax.plot(*result.mean, color=COLORS["numerical"], ls="--",
            label=r"quantum $\langle\hat y\rangle(t)$")
    step = max(1, result.t.size // 80)
    for curve, colour in ((result.forward, COLORS["true"]), (result.mean, COLORS["numerical"])):
        for i in range(0, min(result.t.size - step, 40 * step), 10 * step):
            ax.annotate("", xy=curve[:, i + step], xytext=curve[:, i],
                        arrowprops={"arrowstyle": "-|>", "color": colour,
                                    "lw": LINEWIDTH["main"], "mutation_scale": 14})
    ax.plot(*result.forward[:, 0], "o", color=COLORS["trajectory"], ms=4)
    _label_plane(ax)
    ax.legend(loc="upper right", fontsize=8)
    for which, colour, label in (("forward", COLORS["paper"], r"$|\langle\hat y\rangle(t) - y(t)|$"),
                                 ("backward", COLORS["true"], r"$|\langle\hat y\rangle(t) - y(-t)|$")):
        bx.semilogy(result.t, above_rounding(result.deviation(which)), color=colour,
                    label=label)
    bx.set_xlabel("$t$")
    bx.set_ylabel("distance in the $(y_1, y_2)$ plane")
    bx.legend(fontsize=8)
    return fig


def plot_wigner(grid, psi, ax=None, orbit=None, limits=None):
    """Wigner function of ``psi`` over the contours of H (18).

    Axes: y1 horizontal, y2 vertical, as in the classical phase portraits.
    Red is positive, blue negative (the colour scale is symmetric about 0).

    Parameters
    ----------
    grid : Grid
    psi : array_like, shape (N,)
    ax : matplotlib Axes, optional
    orbit : array_like, shape (2, M), optional
        A classical orbit to draw.
    limits : tuple, optional
        ((y1_min, y1_max), (y2_min, y2_max)); by default where abs(W) exceeds
        10⁻³ of its maximum, padded.

    Returns
    -------
    matplotlib.figure.Figure
    """
    y1, y2, w = wigner(grid, psi)
    fig = None
    if ax is None:
        fig, ax = new_axes()
    else:
        fig = ax.figure
    if limits is not None:
        lim = np.asarray(limits, dtype=float)
        if lim.shape != (2, 2) or not np.all(np.isfinite(lim)) or np.any(lim[:, 1] <= lim[:, 0]):
            raise ValueError("limits must be ((y1_min, y1_max), (y2_min, y2_max)) with "
                             f"min < max, got {limits!r}")
    else:
        big = np.abs(w) > 1e-3 * np.abs(w).max()
        r1, r2 = y1[big.any(axis=0)], y2[big.any(axis=1)]
        p1, p2 = 0.3 * (r1.max() - r1.min()), 0.3 * (r2.max() - r2.min())
        limits = ((r1.min() - p1, r1.max() + p1), (r2.min() - p2, r2.max() + p2))
    s1 = (y1 >= limits[0][0]) & (y1 <= limits[0][1])
    s2 = (y2 >= limits[1][0]) & (y2 <= limits[1][1])
    vmax = np.abs(w).max()
    ax.pcolormesh(y1[s1], y2[s2], quantized(w[np.ix_(s2, s1)], vmax), cmap="RdBu_r",
                  vmin=-vmax, vmax=vmax,
                  shading="nearest", rasterized=True)
    _contours(ax, grid.net, np.linspace(*limits[0], 120), np.linspace(*limits[1], 120))
    if orbit is not None:
        ax.plot(*np.asarray(orbit), color=COLORS["trajectory"], lw=LINEWIDTH["thin"])
    ax.set_xlim(limits[0])
    ax.set_ylim(limits[1])
    _label_plane(ax)
    return fig


def plot_snapshots(result: Correspondence, times, limits=None):
    """A strip of Wigner-function snapshots of the evolving packet.

    Each panel shows W at one of ``times`` (the nearest sample of
    ``result``) over the contours of H, the classical orbit, the classical
    points y(t) (open circle) and y(-t) (cross) and ⟨ŷ⟩(t) (dot).

    Returns
    -------
    matplotlib.figure.Figure
    """
    _require_result(result)
    times = _require_times(times, allow_negative=False)
    idx = [int(np.argmin(np.abs(result.t - tk))) for tk in times]
    if limits is None:
        ys = np.hstack([result.forward, result.mean])
        lo, hi = ys.min(axis=1), ys.max(axis=1)
        pad = 0.1 * (hi - lo) + 3 * np.sqrt(np.diag(ground_covariance(result.grid.net)))
        limits = ((lo[0] - pad[0], hi[0] + pad[0]), (lo[1] - pad[1], hi[1] + pad[1]))
    fig, axes = new_axes(ncols=len(idx), figsize=(2.3 * len(idx), 2.9), sharey=True)
    axes = np.atleast_1d(axes)
    for ax, i in zip(axes, idx):
        plot_wigner(result.grid, result.psi[i], ax=ax, orbit=result.forward, limits=limits)
        ax.plot(*result.forward[:, i], "o", mfc="none", color=COLORS["paper"], ms=7)
        ax.plot(*result.backward[:, i], "x", color=COLORS["true"], ms=9, mew=2)
        ax.plot(*result.mean[:, i], ".", color=COLORS["numerical"], ms=4)
        ax.set_xlabel(f"$y_1$   ($t$ = {result.t[i]:.2f})")
        if ax is not axes[0]:
            ax.set_ylabel("")
    return fig


def plot_relu_breakdown(result: Correspondence):
    """⟨ŷ⟩(t) against the ReLU network (2)-(4) when its orbit leaves the
    both-active region.

    Left: phase plane with H contours, the switching lines y1 = -θ1 and
    y2 = -θ2 (dashed), the linear-flow orbit, the ReLU trajectory and ⟨ŷ⟩.
    Right: distances of ⟨ŷ⟩ from the ReLU trajectory and from the linear
    flow, log scale, with the first switching time.  Needs the conjugate
    convention, whose means run forward like the simulation.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if _require_result(result).grid.convention != "conjugate":
        raise ValueError("result must use convention='conjugate' (means running forward) "
                         "to be compared with the forward ReLU simulation")
    fig, (ax, bx) = new_axes(ncols=2)
    net = result.grid.net
    reference = result.forward
    ys = np.hstack([reference, result.relu, result.mean])
    lo, hi = ys.min(axis=1), ys.max(axis=1)
    pad = 0.15 * (hi - lo)
    _contours(ax, net, np.linspace(lo[0] - pad[0], hi[0] + pad[0], 120),
              np.linspace(lo[1] - pad[1], hi[1] + pad[1], 120))
    _region_lines(ax, net)
    ax.plot(*reference, color=COLORS["true"], label="linear flow (5)-(6)")
    ax.plot(*result.relu, color=COLORS["paper"], label="ReLU network")
    ax.plot(*result.mean, color=COLORS["numerical"], ls="--",
            label=r"$\langle\hat y\rangle(t)$")
    ax.plot(*result.relu[:, 0], "o", color=COLORS["trajectory"], ms=4)
    _label_plane(ax)
    ax.legend(fontsize=8, loc="lower right")
    d_lin = np.linalg.norm(result.mean - reference, axis=0)
    bx.semilogy(result.t, above_rounding(result.deviation("relu")), color=COLORS["paper"],
                label=r"$|\langle\hat y\rangle - y_{\mathrm{ReLU}}|$")
    bx.semilogy(result.t, above_rounding(d_lin), color=COLORS["true"],
                label=r"$|\langle\hat y\rangle - y_{\mathrm{lin}}|$")
    if result.relu_switch_times.size:
        bx.axvline(result.relu_switch_times[0], color=COLORS["grey"], ls=":",
                   lw=LINEWIDTH["thin"])
    bx.set_xlabel("$t$")
    bx.set_ylabel("distance in the $(y_1, y_2)$ plane")
    bx.legend(fontsize=8)
    return fig
