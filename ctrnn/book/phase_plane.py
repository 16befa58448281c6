"""Figures of the classical chapters: phase portraits, H contours, conservation.

Every function draws with the book's style (:func:`ctrnn.book.style.new_axes`,
:data:`ctrnn.book.style.COLORS`) and returns the matplotlib Figure; titles
belong in the captions. Computations come from :mod:`ctrnn.classical.dynamics` and
:mod:`ctrnn.classical.hamiltonian`.
"""
from __future__ import annotations

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from scipy.integrate import solve_ivp

from ctrnn.book.style import COLORS, LINEWIDTH, above_rounding, new_axes
from ctrnn.classical.dynamics import (
    REGIONS,
    _require_array,
    _require_network,
    equilibrium,
    inactive_solution,
    logistic,
    region_analysis,
    simulate,
)
from ctrnn.classical.hamiltonian import (
    coefficients,
    conservation_runs,
    equilibrium_energy,
    fig1_networks,
    hamilton_system,
    hamiltonian_flow,
    hamiltonian_value,
    linear_period,
    orbit_period,
    pendulum_period,
)
from ctrnn.classical.network import relu

#: Shading of each region (alpha of the region colour): more active, darker.
_REGION_ALPHA = {(1, 1): 0.30, (1, 0): 0.14, (0, 1): 0.14, (0, 0): 0.0}
_ACTIVATIONS = {"relu": relu, "logistic": logistic}


def _limits(name, lim):
    lim = _require_array(name, lim, (2,))
    if not lim[0] < lim[1]:
        raise ValueError(f"{name} must be an increasing pair (low, high), got {tuple(lim)}")
    return lim


def _states(initial_states):
    y0s = _require_array("initial_states", initial_states)
    if y0s.ndim != 2 or y0s.shape[1] != 2:
        raise ValueError(f"initial_states must have shape (k, 2), got {y0s.shape}")
    return y0s


def _positive(name, value):
    if not (isinstance(value, (int, float)) and np.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a positive number, got {value!r}")
    return float(value)


def _shade_regions(ax, net, xlim, ylim):
    """Shade the four ReLU regions and draw the switching lines."""
    x0, y0 = -net.theta1, -net.theta2
    for region in REGIONS:
        xs = (max(x0, xlim[0]), xlim[1]) if region[0] else (xlim[0], min(x0, xlim[1]))
        ys = (max(y0, ylim[0]), ylim[1]) if region[1] else (ylim[0], min(y0, ylim[1]))
        if xs[1] > xs[0] and ys[1] > ys[0] and _REGION_ALPHA[region] > 0:
            ax.add_patch(Rectangle((xs[0], ys[0]), xs[1] - xs[0], ys[1] - ys[0],
                                   color=COLORS["region"], alpha=_REGION_ALPHA[region],
                                   lw=0, zorder=0))
    ax.axvline(x0, color=COLORS["grey"], lw=LINEWIDTH["thin"], ls=":", zorder=1)
    ax.axhline(y0, color=COLORS["grey"], lw=LINEWIDTH["thin"], ls=":", zorder=1)


def _grid(xlim, ylim, n=201):
    return np.meshgrid(np.linspace(*xlim, n), np.linspace(*ylim, n))


def _finish(ax, xlim, ylim):
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel("$y_1$")
    ax.set_ylabel("$y_2$")


def _trajectory(net, y0, t, activation):
    if activation == "relu":
        return simulate(net, y0, t).y
    sol = solve_ivp(lambda s, y: net.rhs(s, y, activation=logistic), (t[0], t[-1]), y0,
                    method="DOP853", rtol=1e-10, atol=1e-12, t_eval=t)
    return sol.y


def plot_phase_portrait(net, initial_states, t_max, xlim=(-3, 3), ylim=(-3, 3),
                        activation="relu", ax=None):
    """Phase portrait of the two-neuron network (2)-(3).

    Draws the ReLU regions (shaded; darker = more neurons active; dotted
    switching lines ``y_i = -theta_i``), the nullclines ``dy1/dt = 0`` (solid)
    and ``dy2/dt = 0`` (dashed), the network's equilibria (equilibria of a
    region's linear system that lie inside that region) and trajectories.

    Parameters
    ----------
    net : CTRNN2
    initial_states : array_like, shape (k, 2)
        Starting points of the trajectories.
    t_max : float
        Integration time of each trajectory.
    xlim, ylim : pair of float, optional
        Plot window.
    activation : {"relu", "logistic"}, optional
        ReLU (4), the paper's choice (trajectories integrated exactly across the
        switching lines), or the logistic sigmoid (DOP853, rtol 1e-10; no regions).
    ax : matplotlib Axes, optional
        Axes to draw into; a new figure otherwise.

    Returns
    -------
    matplotlib.figure.Figure
    """
    net = _require_network(net)
    y0s = _states(initial_states)
    t_max = _positive("t_max", t_max)
    xlim, ylim = _limits("xlim", xlim), _limits("ylim", ylim)
    if activation not in _ACTIVATIONS:
        raise ValueError(f"activation must be one of {sorted(_ACTIVATIONS)}, got {activation!r}")
    if ax is None:
        fig, ax = new_axes()
    fig = ax.figure
    if activation == "relu":
        _shade_regions(ax, net, xlim, ylim)
    Y1, Y2 = _grid(xlim, ylim)
    F = net.rhs(0.0, np.array([Y1, Y2]), activation=_ACTIVATIONS[activation])
    ax.contour(Y1, Y2, F[0], levels=[0], colors=COLORS["nullcline"],
               linewidths=LINEWIDTH["main"], linestyles="solid")
    ax.contour(Y1, Y2, F[1], levels=[0], colors=COLORS["nullcline"],
               linewidths=LINEWIDTH["main"], linestyles="dashed")
    t = np.linspace(0.0, t_max, 2001)
    for y0 in y0s:
        y = _trajectory(net, y0, t, activation)
        ax.plot(*y, color=COLORS["trajectory"], lw=LINEWIDTH["thin"])
        ax.plot(*y0, "o", color=COLORS["trajectory"], ms=3)
    if activation == "relu":
        for row in region_analysis(net):
            if row["inside"]:
                ax.plot(*row["equilibrium"], "o", ms=8, mfc=COLORS["equilibrium"],
                        mec="black", zorder=5)
    handles = [Line2D([], [], color=COLORS["nullcline"], ls="-", label=r"$\dot y_1=0$"),
               Line2D([], [], color=COLORS["nullcline"], ls="--", label=r"$\dot y_2=0$"),
               Line2D([], [], color=COLORS["trajectory"], lw=LINEWIDTH["thin"],
                      label="trajectory")]
    if activation == "relu":
        handles.append(Line2D([], [], ls="", marker="o", ms=8, mfc=COLORS["equilibrium"],
                              mec="black", label="equilibrium"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    _finish(ax, xlim, ylim)
    return fig


def _contours(ax, net, xlim, ylim, levels, require_hamiltonian=True):
    Y1, Y2 = _grid(xlim, ylim)
    H = hamiltonian_value(net, np.array([Y1, Y2]), require_hamiltonian)
    ax.contour(Y1, Y2, H, levels=levels, cmap="viridis", linewidths=LINEWIDTH["contour"])


def plot_hamiltonian_contours(net, initial_states, t_max, xlim=(-3, 3), ylim=(-3, 3),
                              levels=21, ax=None):
    """Contours of H (18) with the network's simulated trajectories overlaid.

    The both-active region, where (18) generates the network's flow, is shaded.
    Trajectories are the network's (exact piecewise-linear flow, which leaves
    the contours once it leaves the shaded region).

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13).
    initial_states : array_like, shape (k, 2)
    t_max : float
        Integration time of each trajectory.
    xlim, ylim : pair of float, optional
    levels : int, optional
        Number of contour levels.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    net = _require_network(net)
    coefficients(net)                       # raises unless (13) holds
    y0s = _states(initial_states)
    t_max = _positive("t_max", t_max)
    xlim, ylim = _limits("xlim", xlim), _limits("ylim", ylim)
    if not (isinstance(levels, int) and levels >= 2):
        raise ValueError(f"levels must be an integer >= 2, got {levels!r}")
    if ax is None:
        fig, ax = new_axes()
    fig = ax.figure
    _shade_regions(ax, net, xlim, ylim)
    _contours(ax, net, xlim, ylim, levels)
    t = np.linspace(0.0, t_max, 2001)
    for y0 in y0s:
        ax.plot(*simulate(net, y0, t).y, color=COLORS["trajectory"], lw=LINEWIDTH["main"])
        ax.plot(*y0, "o", color=COLORS["trajectory"], ms=3)
    _finish(ax, xlim, ylim)
    return fig


#: Initial states of the Hamiltonian-flow trajectories drawn in each case.
_FIG1_STARTS = {
    "centre": [(0.0, 0.3), (0.0, 0.6), (0.0, 0.9), (0.0, 1.6)],
    "saddle": [(-1.5, 1.2), (1.5, -1.2), (-0.5, 0.4), (0.5, -0.4), (2.0, 0.5), (-2.0, -0.5)],
    "parabolic": [(0.0, 0.0), (-1.0, 0.5), (1.0, -0.5), (0.5, -1.5)],
    "shear": [(0.0, 1.0), (0.0, -1.0), (1.0, -0.5), (-1.0, 0.5)],
    "uniform": [(-2.0, -2.0), (-2.0, 0.0), (-2.0, -1.0), (-1.0, -2.0)],
}


def equilibrium_line(net, window):
    """The line of equilibria of Hamilton's equations of H (18) in the shear case.

    When the matrix A of :func:`ctrnn.classical.hamiltonian.hamilton_system` has
    rank one and b lies in its range, ``A y + b = 0`` is the line
    ``r . y = -b_r`` of a non-zero row r of A. Returned as two end points
    clipped to a square window (for plotting).

    Parameters
    ----------
    net : CTRNN2
        A Hamiltonian network (Eq. 13) of the shear case.
    window : array_like, shape (2,)
        The window's lower and upper limit on both axes.

    Returns
    -------
    y1, y2 : ndarray, shape (2,)
        The end points' coordinates.

    Raises
    ------
    ValueError
        If A is not of rank one or b is not in its range (no line of equilibria).
    """
    from ctrnn._validation import RTOL

    A, b = hamilton_system(net)
    lo, hi = (float(v) for v in window)
    scale = max(np.abs(A).max(), np.abs(b).max(), 1.0)
    if np.linalg.matrix_rank(A, tol=RTOL * scale) != 1 or \
            np.linalg.matrix_rank(np.column_stack([A, b]), tol=RTOL * scale) != 1:
        raise ValueError("net must be of the shear case: A of rank one with b in its range "
                         "(Hamilton's equations of H (18))")
    k = int(np.argmax(np.abs(A).sum(axis=1)))
    r, c = A[k], -b[k]
    if abs(r[1]) >= abs(r[0]):                 # y2 as a function of y1
        y1 = np.array([lo, hi])
        return y1, (c - r[0] * y1) / r[1]
    y2 = np.array([lo, hi])
    return (c - r[1] * y2) / r[0], y2


def plot_fig1_cases(t_max=6.0, lim=2.5):
    """Fig. 1 regenerated: the five qualitatively distinct cases of H (18), and a pendulum.

    Each panel shows contours of H for one network of
    :data:`ctrnn.classical.hamiltonian.FIG1_CASES` (tau1 = tau2 = 1, theta1 = theta2 = 1,
    so the shaded both-active region, where H is the network's Hamiltonian,
    is y1, y2 >= -1) and trajectories of Hamilton's equations of H (arrows
    mark the direction). The last panel is the nonlinear pendulum
    ``H = p^2/2 - cos q`` for comparison.

    Parameters
    ----------
    t_max : float, optional
        Integration time of the trajectories.
    lim : float, optional
        Half-width of the square window centred at the origin.

    Returns
    -------
    matplotlib.figure.Figure
    """
    t_max = _positive("t_max", t_max)
    lim = _positive("lim", lim)
    fig, axes = new_axes(3, 2, figsize=(9.6, 6.4))
    window = np.array([-lim, lim])
    t = np.linspace(0.0, t_max, 801)
    for ax, (name, net) in zip(axes.flat, fig1_networks().items()):
        _shade_regions(ax, net, window, window)
        _contours(ax, net, window, window, 15)
        for y0 in _FIG1_STARTS[name]:
            y = hamiltonian_flow(net, y0, t)
            ax.plot(*y, color=COLORS["trajectory"], lw=LINEWIDTH["thin"])
            k = len(t) // 8
            ax.annotate("", xy=y[:, k + 1], xytext=y[:, k],
                        arrowprops=dict(arrowstyle="->", color=COLORS["trajectory"]))
        if name in ("centre", "saddle"):
            ax.plot(*equilibrium(net, (1, 1)), "o", ms=7, mfc=COLORS["equilibrium"], mec="black")
        elif name == "shear":
            ax.plot(*equilibrium_line(net, window), color=COLORS["equilibrium"],
                    lw=LINEWIDTH["main"], label="line of equilibria")
        ax.text(0.03, 0.97, name, transform=ax.transAxes,
                va="top", fontsize=8, bbox=dict(fc="white", ec="none", alpha=0.8))
        _finish(ax, window, window)
    ax = axes.flat[-1]
    q, p = np.meshgrid(np.linspace(-2 * np.pi, 2 * np.pi, 301), np.linspace(-3, 3, 201))
    ax.contour(q, p, p ** 2 / 2 - np.cos(q), levels=15, cmap="viridis",
               linewidths=LINEWIDTH["contour"])
    ax.contour(q, p, p ** 2 / 2 - np.cos(q), levels=[1.0], colors=COLORS["paper"],
               linewidths=LINEWIDTH["main"])
    ax.plot([-2 * np.pi, 0, 2 * np.pi], [0, 0, 0], "o", ms=6, mfc=COLORS["equilibrium"], mec="black")
    ax.plot([-np.pi, np.pi], [0, 0], "x", ms=7, color="black")
    ax.text(0.03, 0.97, "pendulum", transform=ax.transAxes, va="top", fontsize=8,
            bbox=dict(fc="white", ec="none", alpha=0.8))
    ax.set_xlabel("$q$")
    ax.set_ylabel("$p$")
    return fig


def plot_conservation(net, y0, t_max, perturbation=0.1):
    """Relative change of H along trajectories: Hamiltonian versus perturbed network.

    Left: the network ``net`` (condition 13 holds) integrated exactly and with
    ``solve_ivp`` RK45 at default tolerances; right: the same network with
    ``w22`` raised by ``perturbation``, which violates (13), integrated exactly.
    The runs are :func:`ctrnn.classical.hamiltonian.conservation_runs` (2001
    samples), shared with :func:`ctrnn.classical.hamiltonian.drift_comparison`.
    The y axis is ``|H(t) - H(0)| / |H(0) - H(y*)|`` with H from (18)-(19) and
    E2 from the first equality of (20).

    Parameters
    ----------
    net : CTRNN2
        A centre case whose orbit through ``y0`` stays in the both-active region.
    y0 : array_like, shape (2,)
    t_max : float
    perturbation : float, optional
        Added to w22 for the non-Hamiltonian comparison.

    Returns
    -------
    matplotlib.figure.Figure
    """
    net = _require_network(net)
    y0 = _require_array("y0", y0, (2,))
    t_max = _positive("t_max", t_max)
    if not (isinstance(perturbation, (int, float)) and perturbation != 0):
        raise ValueError(f"perturbation must be a non-zero number, got {perturbation!r}")
    scale = abs(float(hamiltonian_value(net, y0)) - equilibrium_energy(net))
    runs = conservation_runs(net, y0, t_max, 2001, perturbation)
    t = runs["t"]
    fig, (left, right) = new_axes(2)
    for method, colour, label in (("exact", COLORS["true"], "exact flow"),
                                  ("rk45", COLORS["paper"], "RK45, default tolerances")):
        h = hamiltonian_value(net, runs[method])
        left.semilogy(t, above_rounding(np.abs(h - h[0]) / scale), color=colour,
                      lw=LINEWIDTH["thin"], label=label)
    left.set_xlabel("$t$")
    left.set_ylabel(r"$|H(t)-H(0)|\,/\,|H(0)-H(y^*)|$")
    left.legend(loc="center right", fontsize=8)
    h = hamiltonian_value(runs["network"], runs["broken"], require_hamiltonian=False)
    right.plot(t, (h - h[0]) / scale, color=COLORS["numerical"], lw=LINEWIDTH["main"])
    right.set_xlabel("$t$")
    right.set_ylabel(r"$(H(t)-H(0))\,/\,|H(0)-H(y^*)|$")
    return fig


def plot_region_exit(net, y0, t_max, xlim=(-2.5, 2.5), ylim=(-2.5, 2.5)):
    """A trajectory that leaves the both-active region, and H along it.

    Left: contours of H (18), the regions, and the network's trajectory
    (exact piecewise-linear flow; grey where outside the both-active region).
    Right: H(t) - H(0), with the times outside the both-active region shaded.

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13).
    y0 : array_like, shape (2,)
    t_max : float
    xlim, ylim : pair of float, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    net = _require_network(net)
    coefficients(net)
    y0 = _require_array("y0", y0, (2,))
    t_max = _positive("t_max", t_max)
    xlim, ylim = _limits("xlim", xlim), _limits("ylim", ylim)
    t = np.linspace(0.0, t_max, 4001)
    traj = simulate(net, y0, t)
    active = (traj.y[0] + net.theta1 >= 0) & (traj.y[1] + net.theta2 >= 0)
    fig, (left, right) = new_axes(2)
    _shade_regions(left, net, xlim, ylim)
    _contours(left, net, xlim, ylim, 15)
    inside = np.where(active, traj.y, np.nan)
    outside = np.where(active, np.nan, traj.y)
    left.plot(*inside, color=COLORS["trajectory"], lw=LINEWIDTH["main"])
    left.plot(*outside, color=COLORS["grey"], lw=LINEWIDTH["main"])
    left.plot(*y0, "o", color=COLORS["trajectory"], ms=4)
    _finish(left, xlim, ylim)
    h = hamiltonian_value(net, traj.y)
    right.fill_between(t, 0, 1, where=~active, color=COLORS["grey"], alpha=0.3, lw=0,
                       transform=right.get_xaxis_transform())
    right.plot(t, h - h[0], color=COLORS["true"], lw=LINEWIDTH["main"])
    right.set_xlabel("$t$")
    right.set_ylabel("$H(t)-H(0)$")
    return fig


def plot_closed_form(net, y0, t_max):
    """The closed form (9)-(10) against the simulated network, from the both-inactive region.

    Solid: the network (exact piecewise-linear flow); dashed: Eqs. (9)-(10)
    with ``K_i = y_i(0) - I_i``; dotted vertical lines: the simulated switching times.

    Parameters
    ----------
    net : CTRNN2
    y0 : array_like, shape (2,)
        A point of the both-inactive region.
    t_max : float

    Returns
    -------
    matplotlib.figure.Figure
    """
    net = _require_network(net)
    y0 = _require_array("y0", y0, (2,))
    if y0[0] + net.theta1 >= 0 or y0[1] + net.theta2 >= 0:
        raise ValueError("y0 must lie in the both-inactive region y_i + theta_i < 0 (Eqs. 7-8)")
    t_max = _positive("t_max", t_max)
    t = np.linspace(0.0, t_max, 1001)
    traj = simulate(net, y0, t)
    closed = inactive_solution(net, y0, t)
    fig, ax = new_axes()
    for i, colour in enumerate((COLORS["true"], COLORS["numerical"])):
        ax.plot(t, traj.y[i], color=colour, lw=LINEWIDTH["main"], label=f"$y_{i + 1}$, network")
        ax.plot(t, closed[i], color=colour, lw=LINEWIDTH["main"], ls="--",
                label=f"$y_{i + 1}$, Eq. ({9 + i})")
        ax.axhline(-(net.theta1, net.theta2)[i], color=colour, lw=LINEWIDTH["thin"], ls=":")
    for ts in traj.switch_times:
        ax.axvline(ts, color=COLORS["grey"], lw=LINEWIDTH["thin"], ls=":")
    ax.set_xlabel("$t$")
    ax.set_ylabel("$y_i(t)$")
    ax.legend(fontsize=8, ncols=2)
    return fig


def plot_periods(net, amplitudes):
    """Period against amplitude: the centre case of H (18) versus a nonlinear pendulum.

    Both periods are divided by their small-amplitude limits. The network's
    periods are measured by integration (:func:`ctrnn.classical.hamiltonian.orbit_period`)
    for orbits through ``y* + (0, a)``; the pendulum's are ``4 K(sin^2(a/2))``
    over ``2 pi`` for turning angle ``a``.

    Parameters
    ----------
    net : CTRNN2
        A centre case.
    amplitudes : array_like
        Amplitudes in (0, pi): y2-offsets for the network, angles for the pendulum.

    Returns
    -------
    matplotlib.figure.Figure
    """
    net = _require_network(net)
    amps = _require_array("amplitudes", amplitudes)
    if amps.ndim != 1 or np.any(amps <= 0) or np.any(amps >= np.pi):
        raise ValueError("amplitudes must be a 1-d array of values in (0, pi)")
    y_star = equilibrium(net, (1, 1))
    measured = np.array([orbit_period(net, y_star + [0.0, a]) for a in amps])
    fig, ax = new_axes()
    ax.plot(amps, measured / linear_period(net), "o-", color=COLORS["true"],
            label="network, centre case of H (18)")
    ax.plot(amps, pendulum_period(amps) / (2 * np.pi), "s-", color=COLORS["paper"],
            label="nonlinear pendulum")
    ax.set_xlabel("amplitude $a$")
    ax.set_ylabel("period / small-amplitude period")
    ax.legend(fontsize=8)
    return fig
