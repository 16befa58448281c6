"""Presentation for the chapter *Constraints on the weights* (Eqs. 38-40): the
condition maps, the printed eigenfunctions' tails, the Monte Carlo table and
the LaTeX of the printed-minus-rederived ξ.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ctrnn.book.text import break_display
from ctrnn.audit.constraints import RATIO, condition_map
from ctrnn.classical.weights import _networks, hamiltonian_params
from ctrnn.paper.formulas import paper_eigenfunction, rederived_xi


def xi_differences_latex() -> str:
    """LaTeX of the printed left sides of (38)-(40) minus :func:`~ctrnn.paper.formulas.rederived_xi`.

    One term per equation: LHS(38) - ξ1, LHS(39) - ξ1, LHS(40) - ξ2, each
    simplified (zero when the printed side is a faithful translation of
    Eqs. (25)-(26) with (19)-(20)).
    """
    import sympy as sp

    from ctrnn.paper.equations import EQUATIONS
    xi = rederived_xi()
    return break_display(r",\qquad ".join(
        rf"\mathrm{{LHS}}_{{({k})}}-\xi_{j} = {sp.latex(sp.simplify(EQUATIONS[k].lhs - xi[j - 1]))}"
        for k, j in ((38, 1), (39, 1), (40, 2))))


_MC_COUNTS = ("n", "seed", "paper_and_true", "paper_only", "true_only", "neither", "n39")
_MC_PERCENTAGES = ("agreement", "fraction_paper", "fraction_true", "paper_saddle",
                   "true_equals_centre", "true_with_40")


def _require_mc(mc) -> None:
    missing = [k for k in _MC_COUNTS + _MC_PERCENTAGES if not isinstance(mc, Mapping) or k not in mc]
    if missing:
        raise ValueError(f"mc must be a result of monte_carlo(); missing keys {missing}")


def monte_carlo_summary(mc: Mapping) -> dict:
    """The numbers the chapter quotes from :func:`~ctrnn.audit.constraints.monte_carlo`, keyed ``mc_<name>``.

    Counts as they are; fractions as percentages rounded to 6 decimals.

    Raises
    ------
    ValueError
        If ``mc`` lacks a key of :func:`~ctrnn.audit.constraints.monte_carlo`'s result.
    """
    _require_mc(mc)
    out = {f"mc_{k}": mc[k] for k in _MC_COUNTS}
    out.update({f"mc_{k}": round(100 * mc[k], 6) for k in _MC_PERCENTAGES})
    return out


def monte_carlo_table(mc: Mapping) -> str:
    """The confusion matrix of :func:`~ctrnn.audit.constraints.monte_carlo` as Markdown: the paper's
    criterion (38)-(40) against a discrete spectrum of the correct Ĥ.

    Raises
    ------
    ValueError
        If ``mc`` lacks a key of :func:`~ctrnn.audit.constraints.monte_carlo`'s result.
    """
    _require_mc(mc)
    return ("| | discrete spectrum (truth) | no discrete spectrum |\n| --- | --- | --- |\n"
            f"| **paper's criterion holds** | {mc['paper_and_true']} | {mc['paper_only']} |\n"
            f"| **paper's criterion fails** | {mc['true_only']} | {mc['neither']} |")


# ----------------------------------------------------------------- figures
_LABELS = {"tau1": r"$\tau_1$", "tau2": r"$\tau_2$", "w11": r"$w_{11}$",
           "w12": r"$w_{12}$", "w21": r"$w_{21}$", "theta1": r"$\theta_1$",
           "theta2": r"$\theta_2$", "I1": r"$I_1$", "I2": r"$I_2$",
           RATIO: r"$\tau_2/\tau_1$"}


def _categories(grid: dict) -> np.ndarray:
    """0: neither, 1: paper only, 2: truth only, 3: both."""
    return grid["paper"].astype(int) + 2 * grid["true"].astype(int)


def _draw_panel(ax, grid: dict, x_name: str, y_name: str) -> None:
    from matplotlib.colors import ListedColormap, to_rgba

    from ctrnn.book import style as plotting
    C = plotting.COLORS
    colours = [to_rgba("white"), to_rgba(C["paper"], 0.55),
               to_rgba(C["true"], 0.55), to_rgba(C["numerical"], 0.8)]
    X, Y = grid["x"], grid["y"]
    ax.pcolormesh(X, Y, _categories(grid), cmap=ListedColormap(colours),
                  vmin=-0.5, vmax=3.5, shading="nearest", rasterized=True)
    with plotting.plt.rc_context({"hatch.color": "0.2", "hatch.linewidth": 0.5}):
        ax.contourf(X, Y, grid["centre"].astype(float), levels=[0.5, 1.5],
                    colors="none", hatches=["////"])
    lw = plotting.LINEWIDTH
    delta = grid["Delta"]
    ax.contour(X, Y, delta, levels=[0.0], colors=C["trajectory"],
               linewidths=lw["thin"], linestyles="--")
    # The set of (39): Delta = 0 (drawn above) and sqrt(Delta) = E2 >= 0.
    e2 = (grid["w11"] - 1.0) / grid["tau1"]
    root = np.ma.masked_where(delta < 0, np.sqrt(np.abs(delta)) - e2)
    if np.ma.count(root) and root.min() < 0 < root.max():
        ax.contour(X, Y, root, levels=[0.0], colors=C["paper"],
                   linewidths=lw["main"], linestyles="-")
    re40 = grid["re40"]
    with plotting.plt.rc_context({"hatch.color": C["paper"], "hatch.linewidth": 0.8}):
        ax.contourf(X, Y, grid["40"].astype(float), levels=[0.5, 1.5],
                    colors="none", hatches=[".."])
    if re40.min() < 0 < re40.max():
        ax.contour(X, Y, re40, levels=[0.0], colors=C["paper"],
                   linewidths=lw["thin"], linestyles=":")
    ax.set_xlabel(_LABELS[x_name])
    ax.set_ylabel(_LABELS[y_name])


def _legend_handles():
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from ctrnn.book import style as plotting
    C, lw = plotting.COLORS, plotting.LINEWIDTH
    return [
        Patch(facecolor=C["paper"], alpha=0.55, label="paper's criterion only"),
        Patch(facecolor=C["true"], alpha=0.55, label="discrete spectrum only (truth)"),
        Patch(facecolor=C["numerical"], alpha=0.8, label="both"),
        Patch(facecolor="white", edgecolor="0.6", label="neither"),
        Patch(facecolor="none", edgecolor="0.2", hatch="////", label="classical centre"),
        Line2D([], [], color=C["trajectory"], lw=lw["thin"], ls="--",
               label=r"$\Delta=0$ (also in (39))"),
        Line2D([], [], color=C["paper"], lw=lw["main"], label=r"(39): $\sqrt{\Delta}=E_2$"),
        Patch(facecolor="none", edgecolor=C["paper"], hatch="..", ls=":",
              label="(40) holds"),
    ]


def plot_condition_map(x_name: str, x_range, y_name: str, y_range, fixed, n: int = 240):
    """Map where the paper's conditions (38)-(40) and the truth hold.

    Each panel colours the plane by agreement of the paper's criterion
    ``(38) or ((39) and (40))`` with the discreteness of the correctly
    quantized Ĥ (:func:`~ctrnn.audit.constraints.condition_map`), hatches the classical centres of
    the both-active system (:func:`~ctrnn.classical.weights.classical_type`), and draws the curve
    ``Delta = 0`` (dashed), the rest of the set where (39) holds (solid) and
    the boundary of (40) (dotted).

    Parameters
    ----------
    x_name, y_name : str
        Axis parameters (see :func:`~ctrnn.audit.constraints.condition_map`).
    x_range, y_range : (float, float)
        Axis limits.
    fixed : mapping or sequence of mappings
        The other parameters; a sequence gives one panel per mapping, side by
        side, labelled (a), (b), ...
    n : int, optional
        Grid points per axis (an even number keeps the grid off 0 for
        symmetric ranges).

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If a range is not an increasing pair of finite numbers, ``n < 10``,
        or :func:`~ctrnn.audit.constraints.condition_map` rejects the parameters.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 10:
        raise ValueError(f"n must be an integer >= 10 (grid points per axis), got {n!r}")
    axes_values = []
    for label, rng in (("x_range", x_range), ("y_range", y_range)):
        try:
            lo, hi = (float(v) for v in rng)
        except (TypeError, ValueError):
            raise ValueError(f"{label} must be a pair of numbers, got {rng!r}") from None
        if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
            raise ValueError(f"{label} must be an increasing pair of finite numbers, got {rng!r}")
        axes_values.append(np.linspace(lo, hi, n))
    panels = [fixed] if isinstance(fixed, Mapping) else list(fixed)
    if not panels:
        raise ValueError("fixed must be a mapping or a non-empty sequence of mappings")
    from ctrnn.book import style as plotting
    grids = [condition_map(x_name, axes_values[0], y_name, axes_values[1], f)
             for f in panels]
    fig, axes = plotting.new_axes(ncols=len(panels))
    axes = np.atleast_1d(axes)
    for k, (ax, grid) in enumerate(zip(axes, grids)):
        _draw_panel(ax, {**grid, **_panel_params(grid, panels[k], x_name, y_name)},
                    x_name, y_name)
        if len(panels) > 1:
            ax.text(0.02, 0.98, f"({chr(97 + k)})", transform=ax.transAxes,
                    va="top", ha="left", fontweight="bold",
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    fig.legend(handles=_legend_handles(), loc="outside lower center", ncol=3,
               fontsize="small")
    return fig


def _panel_params(grid, fixed, x_name, y_name) -> dict:
    """w11 and tau1 on the grid (needed for the (39) curve)."""
    out = {}
    for key in ("w11", "tau1"):
        if key == x_name:
            out[key] = grid["x"]
        elif key == y_name:
            out[key] = grid["y"]
        else:
            out[key] = np.full(grid["x"].shape, float(fixed[key]))
    return out


def plot_paper_tails(cases: Mapping, n_values=(0, 1, 2), y_max: float = 8.0, points: int = 401):
    """``log10 |psi_n(y2)|`` of the paper's eigenfunctions (32)-(33) for a few networks.

    One panel per network.  The paper's ψ_n (:func:`~ctrnn.paper.formulas.paper_eigenfunction`)
    are drawn in the paper's colour, one line style per n; where the
    correctly quantized Ĥ has a discrete spectrum its ground state
    (:func:`ctrnn.quantum.levels.eigenfunctions`) is drawn in the truth's colour.

    Parameters
    ----------
    cases : mapping
        Panel label -> network parameters (see :func:`~ctrnn._validation.hamiltonian_params`).
    n_values : sequence of int, optional
        Quantum numbers of the printed eigenfunctions to draw.
    y_max : float, optional
        Half-width of the y2 interval.
    points : int, optional
        Number of sample points.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If ``cases`` is empty or not a mapping, ``y_max`` is not positive
        and finite, ``points < 3``, or a network or quantum number is bad.
    """
    from ctrnn.book import style as plotting
    from ctrnn.quantum import levels as quantum
    if not isinstance(cases, Mapping) or not cases:
        raise ValueError("cases must be a non-empty mapping of label -> parameters")
    if not (isinstance(y_max, (int, float)) and np.isfinite(y_max) and y_max > 0):
        raise ValueError(f"y_max must be a positive finite number, got {y_max!r}")
    if isinstance(points, bool) or not isinstance(points, (int, np.integer)) or points < 3:
        raise ValueError(f"points must be an integer >= 3, got {points!r}")
    y = np.linspace(-y_max, y_max, points)
    C, lw = plotting.COLORS, plotting.LINEWIDTH
    styles = ["-", "--", ":", "-."]
    fig, axes = plotting.new_axes(ncols=len(cases), figsize=(3.3 * len(cases), 3.6))
    axes = np.atleast_1d(axes)
    for k, (ax, (label, params)) in enumerate(zip(axes, cases.items())):
        for j, n in enumerate(n_values):
            with np.errstate(divide="ignore"):
                values = np.log10(np.abs(paper_eigenfunction(params, n, y)))
            ax.plot(y, values, color=C["paper"], ls=styles[j % len(styles)],
                    lw=lw["main"], label=rf"paper $\psi_{{{n}}}$, Eqs. (32)-(33)")
        net = _networks(hamiltonian_params(params)).__next__()
        if quantum.has_discrete_spectrum(net):
            with np.errstate(divide="ignore"):
                true0 = np.log10(np.abs(quantum.eigenfunctions(net, 1, y)[0]))
            ax.plot(y, true0, color=C["true"], lw=lw["main"],
                    label=r"correct $\hat H$: ground state")
        else:
            ax.text(0.5, 0.04, r"correct $\hat H$: continuous spectrum", transform=ax.transAxes,
                    ha="center", va="bottom", color=C["true"], fontsize="small")
        ax.axhline(0.0, color=C["grey"], lw=lw["thin"])
        ax.set_xlabel(f"$y_2$\n({chr(97 + k)}) {label}")
    axes[0].set_ylabel(r"$\log_{10}|\psi(y_2)|$")
    handles, labels = [], []
    for ax in axes:
        for h, l in zip(*ax.get_legend_handles_labels()):
            if l not in labels:
                handles.append(h)
                labels.append(l)
    fig.legend(handles, labels, loc="outside lower center", ncol=4, fontsize="small")
    return fig


def case_text(params, xi: bool = False) -> str:
    """A network of the chapter's figures as MathJax text: its parameters and Δ.

    Parameters
    ----------
    params : mapping
        Arguments of :meth:`~ctrnn.classical.network.CTRNN2.from_condition_13` (``w22`` follows from
        Eq. (13); omitted biases and inputs are zero), e.g.
        :data:`ctrnn.audit.constraints.CENTRE`.
    xi : bool
        Also state Re ξ1 and Re ξ2 of the printed Eqs. (25)-(26).

    Returns
    -------
    str
        ``parameter_text`` of the full network, then Δ (and ξ).

    Raises
    ------
    TypeError
        If ``params`` is not a mapping.
    """
    from collections.abc import Mapping as _Mapping

    from ctrnn.book.text import parameter_text
    from ctrnn.classical.hamiltonian import discriminant
    from ctrnn.classical.network import CTRNN2
    from ctrnn.paper.formulas import xi_printed

    if not isinstance(params, _Mapping):
        raise TypeError(f"params must be a mapping of CTRNN2.from_condition_13 arguments, "
                        f"got {type(params).__name__}")
    net = CTRNN2.from_condition_13(**params)
    derived = {"Delta": float(discriminant(net))}
    if xi:
        xi1, xi2 = xi_printed(params)
        derived.update({"Re xi1": float(np.real(xi1)), "Re xi2": float(np.real(xi2))})
    return parameter_text(net, math=True, digits=3) + "; " + parameter_text(derived, math=True,
                                                                               digits=3)


def decay_without_normalizability() -> str:
    """LaTeX of a counterexample: ψ → 0 at both ends does not make ψ normalizable.

    ψ(y2) = (1 + y2²)^(-1/4) tends to 0 at both ends, but the integral of its
    square over the line diverges;
    both limits and the integral computed by SymPy (the integral without
    the Meijer G method, which reaches the same ∞ at twice the cost).
    """
    import sympy as sp

    y = sp.Symbol("y_2", real=True)
    psi = (1 + y ** 2) ** sp.Rational(-1, 4)
    lim_plus, lim_minus = sp.limit(psi, y, sp.oo), sp.limit(psi, y, -sp.oo)
    norm = sp.integrate(psi ** 2, (y, -sp.oo, sp.oo), meijerg=False)
    return break_display(rf"\psi(y_2) = {sp.latex(psi)}:\quad \lim_{{y_2\to\pm\infty}}\psi = "
                         rf"{sp.latex(lim_plus)},\ {sp.latex(lim_minus)},\qquad "
                         rf"\int_{{-\infty}}^{{\infty}}|\psi|^2\,dy_2 = {sp.latex(norm)}")


def distribution_text(distribution) -> str:
    """The Monte Carlo distribution of :data:`ctrnn.classical.weights.DISTRIBUTION` as MathJax.

    Parameters
    ----------
    distribution : mapping
        Parameter name → ``(kind, a, b)`` with kind ``"uniform"``,
        ``"log-uniform"`` (on [a, b]) or ``"normal"`` (mean a, standard deviation b).

    Raises
    ------
    ValueError
        If a kind is not one of those three.
    """
    from ctrnn.book.text import _symbol_latex

    groups: dict = {}
    for name, (kind, a, b) in dict(distribution).items():
        if kind in ("uniform", "log-uniform"):
            desc = f"{kind} on $[{a:g}, {b:g}]$"
        elif kind == "normal":
            desc = (f"normal with mean ${a:g}$ and standard deviation ${b:g}$"
                    if (a, b) != (0.0, 1.0) else "standard normal")
        else:
            raise ValueError(f"distribution: unknown kind {kind!r} for {name!r}")
        groups.setdefault(desc, []).append(f"${_symbol_latex(name)}$")
    return "; ".join(", ".join(names) + " " + desc for desc, names in groups.items())
