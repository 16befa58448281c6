"""Presentation for the chapter *The whole ReLU plane*: region tables, Markdown
summaries and the global portrait, fate-map and H-history figures, drawn from
:mod:`ctrnn.classical.relu_plane`.
"""
from __future__ import annotations

import numpy as np
import sympy as sp

from ctrnn.book.style import COLORS, LINEWIDTH, new_axes
from ctrnn.classical import hamiltonian as ham
from ctrnn.classical.dynamics import REGION_NAMES, _require_array, region_analysis
from ctrnn.classical.relu_plane import (
    FATES,
    _offsets,
    _require_cases,
    _require_decimals,
    _require_grid,
    _require_positive,
    active_flow,
    boundary_extrema,
    conservative_level_range,
    conservative_mask,
    fate_map,
    grazing_stability,
    hamiltonian_history,
    rate_formula_residuals,
    region_divergences,
)


def boundary_extrema_table(net, decimals=4):
    """:func:`~ctrnn.classical.relu_plane.boundary_extrema` as ``(neuron, kind, value)`` rows, values rounded.

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13).
    decimals : int, optional
        Decimals of the value of H (18) at each line's vertex.

    Returns
    -------
    list of tuple
        ``(neuron, kind, value)`` per switching line; ``kind`` and ``value`` are
        None where H is linear along the line.

    Raises
    ------
    ValueError
        If condition (13) fails or ``decimals`` is not a non-negative integer.
    """
    decimals = _require_decimals(decimals)
    return [(e["neuron"], e["kind"],
             None if e["value"] is None else round(e["value"], decimals))
            for e in boundary_extrema(net)]


def region_table(cases):
    """Markdown table of the four regions' linear flows for each network.

    Parameters
    ----------
    cases : dict
        label -> CTRNN2 satisfying condition (13).

    Returns
    -------
    str
        Columns: case, region, divergence (trace, 3 decimals), type
        (:func:`ctrnn.classical.dynamics.classify`), equilibrium (2 decimals) and
        whether it lies in its own region (then it is an equilibrium of the
        network).
    """
    cases = _require_cases(cases)
    lines = ["| case | region | divergence | type | equilibrium | in its region |",
             "| --- | --- | --- | --- | --- | --- |"]
    for label, net in cases.items():
        for row in region_analysis(net):
            z = row["equilibrium"]
            eq = "none" if z is None else "({:.2f}, {:.2f})".format(*(np.round(z, 2) + 0.0))
            lines.append(f"| {label} | {REGION_NAMES[row['region']]} | "
                         f"{row['divergence'] + 0.0:.3f} | {row['type']} | {eq} | "
                         f"{'yes' if row['inside'] else 'no'} |")
    return "\n".join(lines)

def region_divergences_markdown():
    """:func:`~ctrnn.classical.relu_plane.region_divergences` as a Markdown list, one LaTeX formula per region.

    Returns
    -------
    str
        Lines ``- (a1, a2): $<divergence>$`` for each region of
        :data:`ctrnn.classical.dynamics.REGIONS`, with w22 eliminated by Eq. (13).
    """
    return "\n".join(f"- {r}: ${sp.latex(div)}$" for r, div in region_divergences().items())


def rate_formula_markdown():
    """:func:`~ctrnn.classical.relu_plane.rate_formula_residuals` as a Markdown list.

    Returns
    -------
    str
        Lines ``- (a1, a2): direct $-$ compact $= <difference>$``.
    """
    return "\n".join(f"- {r}: direct $-$ compact $= {d}$"
                     for r, d in rate_formula_residuals().items())

# ---------------------------------------------------------------- figures
#: Colours of the fates in :func:`plot_fate_map`.
FATE_COLORS = {"stays": COLORS["numerical"], "returns": COLORS["true"],
               "settles": COLORS["nullcline"], "escapes": COLORS["paper"],
               "leaves": COLORS["grey"]}


def _require_window(window):
    window = _require_array("window", window, (4,))
    if not (window[0] < window[1] and window[2] < window[3]):
        raise ValueError("window must be (y1_min, y1_max, y2_min, y2_max) with min < max")
    return window




def _draw_switching_lines(ax, net, window):
    y1min, y1max, y2min, y2max = window
    ax.fill_between([max(-net.theta1, y1min), y1max], max(-net.theta2, y2min), y2max,
                    color=COLORS["region"], alpha=0.15, lw=0)
    for kw in (dict(x=-net.theta1), dict(y=-net.theta2)):
        line = ax.axvline if "x" in kw else ax.axhline
        line(*kw.values(), color=COLORS["grey"], lw=LINEWIDTH["thin"], ls="--")
    ax.set_xlim(y1min, y1max)
    ax.set_ylim(y2min, y2max)
    ax.set_xlabel(r"$y_1$")
    ax.set_ylabel(r"$y_2$")


def _draw_equilibria(ax, net, window):
    for row in region_analysis(net):
        z = row["equilibrium"]
        if z is None or not (window[0] <= z[0] <= window[1] and window[2] <= z[1] <= window[3]):
            continue
        ax.plot(*z, "o", ms=6, color=COLORS["equilibrium"],
                mfc=COLORS["equilibrium"] if row["inside"] else "white", zorder=5)


def plot_global_portrait(cases, samples, window=(-3.0, 4.0, -3.0, 4.0), t_max=15.0, n=241):
    """Global phase portraits of Hamiltonian networks, one panel per case.

    Each panel shades the both-active region A (blue, right of and above the
    dashed switching lines ``y_i = -theta_i``), draws level sets of H (18)
    inside A only (thin blue), fills the forward-conservative set of
    :func:`~ctrnn.classical.relu_plane.conservative_mask` (green; its edge is the critical ellipse
    ``H = h_c`` of :func:`~ctrnn.classical.relu_plane.conservative_level_range` for a centre), marks the
    equilibria of the four linear systems (filled: lies in its own region,
    open: virtual) and overlays trajectories of the network (black, computed
    by :func:`~ctrnn.classical.relu_plane.hamiltonian_history`).

    Parameters
    ----------
    cases : dict
        label -> CTRNN2 satisfying condition (13).
    samples : dict
        label -> list of initial states (y1, y2).
    window : tuple or dict, optional
        ``(y1_min, y1_max, y2_min, y2_max)``, or label -> such a tuple.
    t_max : float, optional
        Horizon of the sample trajectories.
    n : int, optional
        Grid points per axis for H and the conservative set.

    Returns
    -------
    matplotlib.figure.Figure
    """
    cases = _require_cases(cases)
    windows = {label: _require_window(window[label] if isinstance(window, dict) else window)
               for label in cases}
    t_max = _require_positive("t_max", t_max)
    if not (isinstance(n, int) and n >= 2):
        raise ValueError(f"n must be an integer >= 2, got {n!r}")
    fig, axes = new_axes(ncols=len(cases))
    axes = np.atleast_1d(axes)
    for ax, (label, net) in zip(axes, cases.items()):
        window = windows[label]
        g1, g2 = np.linspace(*window[:2], n), np.linspace(*window[2:], n)
        Y = np.array(np.meshgrid(g1, g2))
        _draw_switching_lines(ax, net, window)
        inside = np.all(Y + _offsets(net)[:, None, None] >= 0, axis=0)
        H = np.ma.masked_where(~inside, ham.hamiltonian_value(net, Y))
        ax.contour(g1, g2, H, levels=14, colors=COLORS["true"], linestyles="solid",
                   linewidths=LINEWIDTH["contour"])
        mask = conservative_mask(net, g1, g2).astype(float)
        if mask.any():
            ax.contourf(g1, g2, mask, levels=[0.5, 1.5], colors=[COLORS["numerical"]], alpha=0.35)
        if conservative_level_range(net) is not None:
            ax.contour(g1, g2, ham.hamiltonian_value(net, Y),
                       levels=[grazing_stability(net)["level"]], colors=[COLORS["numerical"]],
                       linestyles="solid",
                       linewidths=LINEWIDTH["main"])
        for y0 in samples.get(label, []):
            hist = hamiltonian_history(net, y0, t_max, n_times=1501)
            ax.plot(*hist["y"], color=COLORS["trajectory"], lw=LINEWIDTH["thin"])
            ax.plot(*hist["y"][:, 0], "k.", ms=5)
        _draw_equilibria(ax, net, window)
        ax.text(0.02, 0.98, label, transform=ax.transAxes, va="top", fontsize=9)
    return fig


def plot_fate_map(cases, y1_grid, y2_grid, t_max, maps=None):
    """Fate of a grid of initial conditions, one panel per case.

    Colours: :data:`FATE_COLORS` (green stays in A, blue returns to A, orange
    settles on an attractor of another region, red escapes, grey still
    wandering at ``t_max``), from :func:`~ctrnn.classical.relu_plane.fate_map`. The black contour is the
    edge of the closed-form forward-conservative set (:func:`~ctrnn.classical.relu_plane.conservative_mask`),
    to compare with the simulated green.

    Parameters
    ----------
    cases : dict
        label -> CTRNN2 satisfying condition (13).
    y1_grid, y2_grid : array_like
        Strictly increasing grids of initial conditions.
    t_max : float
        Horizon, > 0.
    maps : dict, optional
        label -> precomputed :func:`~ctrnn.classical.relu_plane.fate_map` result, to avoid recomputing.

    Returns
    -------
    matplotlib.figure.Figure
    """
    cases = _require_cases(cases)
    g1, g2 = _require_grid("y1_grid", y1_grid), _require_grid("y2_grid", y2_grid)
    t_max = _require_positive("t_max", t_max)
    maps = {} if maps is None else maps
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch
    cmap = ListedColormap([FATE_COLORS[f] for f in FATES])
    fig, axes = new_axes(ncols=len(cases))
    axes = np.atleast_1d(axes)
    d1, d2 = (g1[1] - g1[0]) / 2, (g2[1] - g2[0]) / 2
    window = (g1[0] - d1, g1[-1] + d1, g2[0] - d2, g2[-1] + d2)
    fine1, fine2 = np.linspace(*window[:2], 301), np.linspace(*window[2:], 301)
    for ax, (label, net) in zip(axes, cases.items()):
        fates = maps[label] if label in maps else fate_map(net, g1, g2, t_max)
        ax.imshow(fates, origin="lower", extent=window, cmap=cmap, vmin=-0.5,
                  vmax=len(FATES) - 0.5, interpolation="nearest", aspect="auto", alpha=0.8)
        mask = conservative_mask(net, fine1, fine2).astype(float)
        if mask.any():
            ax.contour(fine1, fine2, mask, levels=[0.5], colors=[COLORS["trajectory"]],
                       linewidths=LINEWIDTH["main"])
        for kw in (dict(x=-net.theta1), dict(y=-net.theta2)):
            (ax.axvline if "x" in kw else ax.axhline)(*kw.values(), color="white",
                                                      lw=LINEWIDTH["thin"], ls="--")
        _draw_equilibria(ax, net, window)
        ax.set_xlim(window[:2])
        ax.set_ylim(window[2:])
        ax.set_xlabel(r"$y_1$")
        ax.set_ylabel(r"$y_2$")
        ax.text(0.02, 0.98, label, transform=ax.transAxes, va="top", fontsize=9,
                color="white")
    fig.legend(handles=[Patch(color=FATE_COLORS[f], label=f) for f in FATES],
               loc="outside lower center", ncols=len(FATES))
    return fig


def plot_hamiltonian_history(runs, t_max, n_times=3001):
    """H (18) along trajectories that leave A, one panel per run.

    H(t) (black) is flat while the state is in A (white background) and moves
    only while a neuron is off (grey bands). Dashed lines: H at the active
    equilibrium (pink) and the critical level h_c of
    :func:`~ctrnn.classical.relu_plane.conservative_level_range` (green), where they exist.

    Parameters
    ----------
    runs : dict
        label -> (CTRNN2, y0).
    t_max : float
        Horizon, > 0.
    n_times : int, optional
        Output times per run.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if not isinstance(runs, dict) or not runs:
        raise ValueError("runs must be a non-empty dict mapping labels to (net, y0)")
    t_max = _require_positive("t_max", t_max)
    fig, axes = new_axes(ncols=len(runs))
    axes = np.atleast_1d(axes)
    for ax, (label, (net, y0)) in zip(axes, runs.items()):
        hist = hamiltonian_history(net, y0, t_max, n_times=n_times)
        t, off = hist["t"], ~hist["active"]
        ax.fill_between(t, 0, 1, where=off, transform=ax.get_xaxis_transform(),
                        color=COLORS["grey"], alpha=0.3, lw=0)
        ax.plot(t, hist["H"], color=COLORS["trajectory"])
        flow, levels = active_flow(net), conservative_level_range(net)
        if flow["energy"] is not None:
            ax.axhline(flow["energy"], color=COLORS["equilibrium"], ls="--",
                       lw=LINEWIDTH["thin"])
        if levels is not None:
            h_c = grazing_stability(net)["level"]
            ax.axhline(h_c, color=COLORS["numerical"], ls="--", lw=LINEWIDTH["thin"])
        ax.set_xlabel(r"$t$")
        ax.set_ylabel(r"$H(y_1(t), y_2(t))$")
        ax.set_xlim(0, t_max)
        ax.text(0.02, 0.98, label, transform=ax.transAxes, va="top", fontsize=9)
    return fig


def plot_edge_approach(approach):
    """Gap ``h_c - H_k`` on successive visits to A against the visit k, log-log.

    Parameters
    ----------
    approach : dict
        The output of :func:`ctrnn.classical.relu_plane.edge_approach`.

    Returns
    -------
    matplotlib.figure.Figure
        Dots: the gaps; dashed: ``K / (k + k0)**2`` with K the fitted constant
        and k0 from the same straight-line fit of ``g**-0.5``; dotted: the
        prediction ``(4 / c**2) / k**2``.
    """
    if not isinstance(approach, dict) or not {"visit", "gaps", "constant"} <= set(approach):
        raise ValueError("approach must be the dict returned by relu_plane.edge_approach")
    k, g = np.asarray(approach["visit"], float), np.asarray(approach["gaps"], float)
    fig, ax = new_axes(figsize=(5.5, 3.6))
    ax.loglog(k, g, ".", color=COLORS["numerical"], markersize=3, label="exact return map")
    sel = k >= 100
    slope, intercept = np.polyfit(k[sel], g[sel] ** -0.5, 1)
    k0 = intercept / slope
    ax.loglog(k, approach["constant"] / (k + k0) ** 2, "--", color=COLORS["true"],
              linewidth=LINEWIDTH["thin"], label=r"fit $K/(k + k_0)^2$")
    ax.loglog(k, approach["predicted_constant"] / k ** 2, ":", color=COLORS["grey"],
              linewidth=LINEWIDTH["thin"], label=r"$(4/c^2)/k^2$")
    ax.set_xlabel("visit $k$")
    ax.set_ylabel(r"$h_c - H_k$")
    ax.legend()
    return fig
