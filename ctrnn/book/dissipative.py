"""Presentation for the chapter *Quantizing the dissipative network*: the split of the
flow, the map of where the quantized invariant is discrete, the resonances of the
doubled system, and the numbers the chapter quotes.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ctrnn.book.style import COLORS, LINEWIDTH, figure_svg, new_axes
from ctrnn.book.text import break_display
from ctrnn.classical import dissipation
from ctrnn.classical.network import CTRNN2


def glue_figure(name: str, fig) -> None:
    """Glue a figure for a ``{glue:figure}`` directive and close it (no second copy).

    Raises
    ------
    ValueError
        If ``name`` is not a non-empty string.
    """
    if not isinstance(name, str) or not name:
        raise ValueError(f"name must be a non-empty string, got {name!r}")
    import matplotlib.pyplot as plt
    from myst_nb import glue
    glue(name, _StaticFigure(fig), display=False)
    plt.close(fig)


class _StaticFigure:
    """A figure rendered once to SVG (:func:`ctrnn.book.style.figure_svg`), so that
    it can be glued after the figure is closed."""

    def __init__(self, fig):
        self._svg = figure_svg(fig)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"image/svg+xml": self._svg, "text/plain": "<figure>"}


def _require_net(net):
    if not isinstance(net, CTRNN2):
        raise TypeError(f"net must be a ctrnn.CTRNN2, got {type(net).__name__}")
    return net


def split_summary(net, y0, t) -> dict:
    """Numbers of the split: the trajectory against the rescaled A0 flow.

    Returns
    -------
    dict
        ``gamma``, ``omega`` (Im of A's eigenvalue), ``reconstruction`` (largest
        distance between the simulated ReLU trajectory and
        y* + e^{gamma t} e^{A0 t} x0), ``invariant_spread`` (largest relative change of
        e^{-(tr A) t} H0 along the trajectory), ``h0_ratio`` (H0 at the end over H0 at the
        start), ``regions`` (how many regions the trajectory visits).
    """
    from ctrnn.classical import simulate
    net = _require_net(net)
    split = dissipation.flow_split(net)
    traj = simulate(net, y0, t)
    recon = dissipation.linear_flow(net, y0, t)
    x = traj.y - split["equilibrium"][:, None]
    h0 = 0.5 * np.einsum("in,ij,jn->n", x, split["S"], x)
    inv = np.exp(-2 * split["gamma"] * traj.t) * h0
    return {"gamma": split["gamma"], "omega": float(split["eigenvalues"][0].imag),
            "reconstruction": float(np.abs(traj.y - recon).max()),
            "invariant_spread": float(np.abs(inv - inv[0]).max() / abs(inv[0])),
            "h0_ratio": float(h0[-1] / h0[0]), "regions": len(set(traj.regions))}


def plot_split(net, y0, t):
    """The trajectory of the network and the Hamiltonian orbit of its traceless part.

    Left: the simulated trajectory (:func:`ctrnn.classical.dynamics.simulate`), the points
    y* + e^{-gamma t}(y(t) - y*) (the trajectory with the uniform scaling removed)
    and the level set of H0 through y0.  Right: H0(y(t) - y*) and the invariant
    e^{-(tr A) t} H0 against t.

    Parameters
    ----------
    net : CTRNN2
    y0 : array_like, shape (2,)
    t : array_like
        Increasing output times from 0.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from ctrnn.classical import simulate
    net = _require_net(net)
    split = dissipation.flow_split(net)
    ys, S, g = split["equilibrium"], split["S"], split["gamma"]
    traj = simulate(net, y0, t)
    x = traj.y - ys[:, None]
    unscaled = np.exp(-g * traj.t) * x + ys[:, None]
    h0 = 0.5 * np.einsum("in,ij,jn->n", x, S, x)
    fig, (ax, bx) = new_axes(ncols=2, figsize=(9.0, 3.9))
    lo = np.minimum(traj.y.min(axis=1), unscaled.min(axis=1)) - 0.5
    hi = np.maximum(traj.y.max(axis=1), unscaled.max(axis=1)) + 0.5
    g1, g2 = np.meshgrid(np.linspace(lo[0], hi[0], 300), np.linspace(lo[1], hi[1], 300))
    X = np.array([g1 - ys[0], g2 - ys[1]])
    H0 = 0.5 * np.einsum("i...,ij,j...->...", X, S, X)
    ax.contour(g1, g2, H0, levels=[h0[0]], colors=COLORS["grey"],
               linewidths=LINEWIDTH["main"], linestyles="--")
    ax.plot(traj.y[0], traj.y[1], color=COLORS["true"], label="network $y(t)$")
    ax.plot(unscaled[0, ::4], unscaled[1, ::4], "o", ms=3.5, color=COLORS["numerical"],
            label=r"$y^*+e^{-\gamma t}(y(t)-y^*)$")
    ax.plot([], [], color=COLORS["grey"], ls="--", label=r"level set of $H_0$")
    ax.plot(*ys, "+", color=COLORS["equilibrium"], ms=9, mew=2)
    ax.set_xlabel("$y_1$")
    ax.set_ylabel("$y_2$")
    bx.plot(traj.t, h0, color=COLORS["true"], label=r"$H_0(y(t)-y^*)$")
    bx.plot(traj.t, np.exp(-2 * g * traj.t) * h0, color=COLORS["numerical"], ls="--",
            label=r"$e^{-(\mathrm{tr}A)t}H_0$")
    bx.set_xlabel("$t$")
    fig.legend(loc="outside lower center", ncol=2, fontsize="small")
    return fig


# ------------------------------------------------------------------ the map
def _grid_params(x_name, x_values, y_name, y_values, fixed):
    X, Y = np.meshgrid(np.asarray(x_values, float), np.asarray(y_values, float))
    p = {k: np.full(X.shape, float(v)) for k, v in fixed.items()}
    p[x_name], p[y_name] = X, Y
    return p, X, Y


def invariant_map(x_name, x_values, y_name, y_values, fixed) -> dict:
    """Over a plane of weights: the type of the both-active A and the invariant's spectrum.

    Parameters
    ----------
    x_name, y_name : str
        Two of ``tau1, tau2, w11, w12, w21, w22``.
    x_values, y_values : array_like
        Axis values.
    fixed : mapping
        The other four of those six parameters.

    Returns
    -------
    dict
        ``x``, ``y`` meshes; ``discriminant`` (Delta_A), ``trace`` (tr A) and ``discrete``
        (the quantized invariant has a discrete spectrum, by the rule of
        :func:`ctrnn.quantum.dissipative.has_discrete_invariant_spectrum`, decided for the
        whole grid at once by :func:`ctrnn.quantum.dissipative.discrete_invariant_mask`).

    Raises
    ------
    ValueError
        If the six parameters are not exactly covered by the axes and ``fixed``.
    """
    from ctrnn.quantum.dissipative import discrete_invariant_mask
    names = {"tau1", "tau2", "w11", "w12", "w21", "w22"}
    if not isinstance(fixed, Mapping) or set(fixed) | {x_name, y_name} != names \
            or len(fixed) != 4:
        raise ValueError(f"x_name, y_name and fixed must together name {sorted(names)} once")
    p, X, Y = _grid_params(x_name, x_values, y_name, y_values, fixed)
    a11 = (p["w11"] - 1) / p["tau1"]
    a22 = (p["w22"] - 1) / p["tau2"]
    delta = 0.25 * (a11 - a22) ** 2 + p["w21"] * p["w12"] / (p["tau1"] * p["tau2"])
    discrete = discrete_invariant_mask(p)
    return {"x": X, "y": Y, "discriminant": delta, "trace": a11 + a22, "discrete": discrete}


def _paper_on_13(w11, fixed):
    """The paper's criterion (38)-(40) along the line of Eq. (13) (biases, inputs 0)."""
    from ctrnn.paper.formulas import printed_conditions
    params = {"tau1": fixed["tau1"], "tau2": fixed["tau2"], "w11": w11,
              "w12": fixed["w12"], "w21": fixed["w21"]}
    return np.asarray(printed_conditions(params)["paper"], dtype=bool)


_LABELS = {"tau1": r"$\tau_1$", "tau2": r"$\tau_2$", "w11": r"$w_{11}$",
           "w12": r"$w_{12}$", "w21": r"$w_{21}$", "w22": r"$w_{22}$"}


def plot_invariant_map(panels, n: int = 200):
    r"""Where the quantized invariant has a discrete spectrum, panel by panel.

    Colours: stable focus (discrete; oscillatory relaxation, tr A < 0), unstable focus
    (discrete; growing oscillation), white: real eigenvalues (continuous spectrum).
    Dashed: :math:`\Delta_A = 0`; dotted: tr A = 0.  In a (w11, w22) panel the line of
    Eq. (13) is drawn, with the stretch where the paper's criterion (38)-(40) holds
    (orange) and where the Hamiltonian network is a centre (blue).

    Parameters
    ----------
    panels : sequence of dict
        Each with ``x`` (name, (lo, hi)), ``y`` (name, (lo, hi)) and ``fixed`` (the other
        four of tau1, tau2, w11, w12, w21, w22).
    n : int
        Grid points per axis.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.colors import ListedColormap, to_rgba
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 10:
        raise ValueError(f"n must be an integer >= 10, got {n!r}")
    panels = list(panels)
    if not panels:
        raise ValueError("panels must be a non-empty sequence")
    fig, axes = new_axes(ncols=len(panels), figsize=(3.6 * len(panels), 3.9))
    axes = np.atleast_1d(axes)
    cmap = ListedColormap([to_rgba("white"), to_rgba(COLORS["true"], 0.55),
                           to_rgba(COLORS["nullcline"], 0.55)])
    for k, (ax, panel) in enumerate(zip(axes, panels)):
        (xn, xr), (yn, yr), fixed = panel["x"], panel["y"], panel["fixed"]
        xs, ys = np.linspace(*xr, n), np.linspace(*yr, n)
        grid = invariant_map(xn, xs, yn, ys, fixed)
        cat = np.where(grid["discrete"], np.where(grid["trace"] < 0, 1, 2), 0)
        ax.pcolormesh(grid["x"], grid["y"], cat, cmap=cmap, vmin=-0.5, vmax=2.5,
                      shading="nearest", rasterized=True)
        ax.contour(grid["x"], grid["y"], grid["discriminant"], levels=[0.0],
                   colors=COLORS["trajectory"], linewidths=LINEWIDTH["thin"], linestyles="--")
        if grid["trace"].min() < 0 < grid["trace"].max():
            ax.contour(grid["x"], grid["y"], grid["trace"], levels=[0.0],
                       colors=COLORS["trajectory"], linewidths=LINEWIDTH["thin"],
                       linestyles=":")
        if {xn, yn} == {"w11", "w22"}:
            w11 = xs if xn == "w11" else ys
            w22 = 1 - fixed["tau2"] * (w11 - 1) / fixed["tau1"]
            line = (w11, w22) if xn == "w11" else (w22, w11)
            ok = (w22 >= min(yr if xn == "w11" else xr)) & (w22 <= max(yr if xn == "w11" else xr))
            ax.plot(line[0][ok], line[1][ok], color=COLORS["grey"], lw=LINEWIDTH["thin"])
            paper = _paper_on_13(w11, fixed)
            centre = (w11 - 1) ** 2 / fixed["tau1"] ** 2 + \
                fixed["w12"] * fixed["w21"] / (fixed["tau1"] * fixed["tau2"]) < 0
            for mask, colour in ((paper & ok, COLORS["paper"]), (centre & ok, COLORS["true"])):
                ax.plot(np.where(mask, line[0], np.nan), np.where(mask, line[1], np.nan),
                        color=colour, lw=3.0, solid_capstyle="butt")
        ax.set_xlabel(f"{_LABELS[xn]}\n({chr(97 + k)})")
        ax.set_ylabel(_LABELS[yn])
    handles = [
        Patch(facecolor=COLORS["true"], alpha=0.55, label="discrete, tr A < 0 (relaxing)"),
        Patch(facecolor=COLORS["nullcline"], alpha=0.55, label="discrete, tr A > 0 (growing)"),
        Patch(facecolor="white", edgecolor="0.6", label="continuous (real eigenvalues)"),
        Line2D([], [], color=COLORS["trajectory"], lw=LINEWIDTH["thin"], ls="--",
               label=r"$\Delta_A=0$"),
        Line2D([], [], color=COLORS["trajectory"], lw=LINEWIDTH["thin"], ls=":",
               label="tr A = 0"),
        Line2D([], [], color=COLORS["paper"], lw=3.0, label="Eq. (13) line: paper's criterion"),
        Line2D([], [], color=COLORS["true"], lw=3.0, label="Eq. (13) line: centre"),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncol=1, fontsize="small")
    return fig


# ------------------------------------------------------------- resonances
def plot_resonances(net, nmax: int, numeric):
    """Resonances of the doubled system in the complex plane, closed form and numerical.

    Parameters
    ----------
    net : CTRNN2
    nmax : int
        As for :func:`ctrnn.quantum.dissipative.resonances`.
    numeric : array_like of complex
        Independent values (:func:`ctrnn.quantum.dissipative.numerical_resonances`).

    Returns
    -------
    matplotlib.figure.Figure
    """
    from ctrnn.quantum.dissipative import resonances
    res = resonances(_require_net(net), nmax)
    numeric = np.asarray(numeric, dtype=complex)
    fig, ax = new_axes(figsize=(6.0, 3.8))
    z = np.array(list(res.values()))
    ax.plot(numeric.real, numeric.imag, "x", color=COLORS["numerical"], ms=7,
            label="polynomial-basis diagonalization")
    ax.plot(z.real, z.imag, "o", mfc="none", color=COLORS["true"], ms=9,
            label=r"closed form $i[\lambda_1(n_1+\frac{1}{2})+\lambda_2(n_2+\frac{1}{2})]$")
    ax.axhline(0, color=COLORS["grey"], lw=LINEWIDTH["thin"])
    ax.set_xlabel(r"$\mathrm{Re}\,E$")
    ax.set_ylabel(r"$\mathrm{Im}\,E$")
    fig.legend(loc="outside lower center", ncol=1, fontsize="small")
    return fig


def resonance_table(net, nmax: int) -> str:
    """Markdown table of the resonances with their network meaning (frequency, rate)."""
    from ctrnn.book.text import markdown_table
    from ctrnn.quantum.dissipative import resonances
    rows = []
    for (n1, n2), z in sorted(resonances(_require_net(net), nmax).items(),
                              key=lambda kv: (sum(kv[0]), kv[0])):
        re, im = round(z.real, 4) + 0.0, round(z.imag, 4) + 0.0
        rows.append([f"({n1}, {n2})", f"{re:.4f}", f"{im:.4f}",
                     f"{abs(re):.4f}", f"{-im + 0.0:.4f}"])
    return markdown_table(["$(n_1, n_2)$", r"$\mathrm{Re}\,E$", r"$\mathrm{Im}\,E$",
                           r"frequency $\lvert\omega(n_1-n_2)\rvert$",
                           r"decay rate $-\gamma(n_1+n_2+1)$"], rows)


# ---------------------------------------------------------------- census
def census(n: int = 100_000, seed: int = 20200212) -> dict:
    """Random generic networks: how many have a discrete invariant spectrum, and why.

    tau1, tau2 log-uniform and w11, w12, w21, w22 uniform on the ranges of
    :data:`ctrnn.classical.weights.DISTRIBUTION` (the constraints chapter's
    distribution, with w22 drawn like w11).  Decided with the
    vectorised discriminant Delta_A and checked against the classical type of
    :func:`ctrnn.classical.dynamics.classify` on every network.

    Returns
    -------
    dict
        ``n``, ``seed``, percentages ``discrete``, ``relaxing`` (discrete and tr A < 0),
        ``growing``, and ``agreement`` (percentage of networks on which "discrete" equals
        "focus or centre" of the classical classification), ``hamiltonian`` (count of
        networks meeting Eq. (13) within the package's tolerance).
    """
    from ctrnn._validation import vanishes
    from ctrnn.classical.dynamics import classify
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    from ctrnn.classical.weights import DISTRIBUTION
    rng = np.random.default_rng(seed)
    (_, t_lo, t_hi), (_, w_lo, w_hi) = DISTRIBUTION["tau1"], DISTRIBUTION["w11"]
    tau1, tau2 = np.exp(rng.uniform(np.log(t_lo), np.log(t_hi), (2, n)))
    w11, w12, w21, w22 = rng.uniform(w_lo, w_hi, (4, n))
    a11, a22 = (w11 - 1) / tau1, (w22 - 1) / tau2
    a12, a21 = w21 / tau1, w12 / tau2
    delta = 0.25 * (a11 - a22) ** 2 + a12 * a21
    discrete = (delta < 0) & ~vanishes(delta, 0.25 * (a11 - a22) ** 2 + np.abs(a12 * a21))
    matrices = np.ascontiguousarray(np.moveaxis(np.array([[a11, a12], [a21, a22]]), -1, 0))
    kinds = np.array([classify(A) for A in matrices])
    oscill = np.isin(kinds, ["stable focus", "unstable focus", "centre"])
    hamiltonian = int(np.sum(vanishes(a11 + a22, np.abs(a11) + np.abs(a22))))
    return {"n": n, "seed": seed,
            "discrete": round(100 * float(discrete.mean()), 6),
            "relaxing": round(100 * float((discrete & (a11 + a22 < 0)).mean()), 6),
            "growing": round(100 * float((discrete & (a11 + a22 > 0)).mean()), 6),
            "agreement": round(100 * float((discrete == oscill).mean()), 6),
            "hamiltonian": hamiltonian}


# ------------------------------------------------------------------ LaTeX
def system_latex(net, digits: int = 6) -> str:
    r"""LaTeX of the both-active A, b and the eigenvalues of A, rounded to ``digits``."""
    import sympy as sp
    split = dissipation.flow_split(_require_net(net))

    def num(v):
        return sp.Float(round(float(v), digits), digits + 2)

    A = sp.Matrix(2, 2, [num(v) for v in split["A"].ravel()])
    b = sp.Matrix([num(v) for v in split["b"]])
    lam = split["eigenvalues"]
    eig = r",\ ".join(f"{lam_k.real:.{digits}g} {'+' if lam_k.imag >= 0 else '-'} "
                      f"{abs(lam_k.imag):.{digits}g}\\,i" for lam_k in lam)
    return break_display(r"\begin{aligned}A &= " + sp.latex(A, mat_str="bmatrix", mat_delim="")
                         + r",\quad b = " + sp.latex(b, mat_str="bmatrix", mat_delim="")
                         + r",\\ \lambda_{1,2} &= " + eig + r"\end{aligned}")


def residuals_latex(residuals: Mapping) -> str:
    """LaTeX ``aligned`` lines ``name: residual`` for a dict of SymPy residuals.

    Raises
    ------
    ValueError
        If ``residuals`` is not a non-empty mapping.
    """
    import sympy as sp
    if not isinstance(residuals, Mapping) or not residuals:
        raise ValueError("residuals must be a non-empty mapping of name -> SymPy expression")
    lines = [r"\text{" + str(name).replace("_", " ") + r"}: &\quad " + sp.latex(value)
             for name, value in residuals.items()]
    return break_display(r"\begin{aligned}" + r"\\ ".join(lines) + r"\end{aligned}")


def levels_latex(levels, digits: int = 6) -> str:
    r"""LaTeX ``\iota_0 = ..., \iota_1 = ...`` of invariant levels, rounded, three a line."""
    levels = np.asarray(levels, dtype=float)
    if levels.ndim != 1 or levels.size == 0:
        raise ValueError("levels must be a non-empty 1-d array")
    items = [rf"\iota_{k} = {v:.{digits}f}" for k, v in enumerate(levels)]
    rows = ["&" + r",\quad ".join(items[i:i + 3]) for i in range(0, len(items), 3)]
    return break_display(r"\begin{aligned}" + r",\\ ".join(rows) + r"\end{aligned}")
