"""One colour and line-width convention for every figure of the book.

Figures are drawn by functions in the physics modules; each calls
:func:`use_style` (via :func:`new_axes`) so the whole book looks alike.
Titles belong in captions, not in ``ax.set_title``.
"""
from __future__ import annotations

import matplotlib.pyplot as plt  # noqa: E402

#: Named colours (colour-blind safe, Okabe-Ito palette).
COLORS = {
    "paper": "#D55E00",      # what the paper prints
    "true": "#0072B2",       # the independent derivation
    "numerical": "#009E73",  # numerical evidence
    "trajectory": "#000000",
    "equilibrium": "#CC79A7",
    "nullcline": "#E69F00",
    "region": "#56B4E9",
    "grey": "#999999",
}
#: Line widths.
LINEWIDTH = {"main": 1.8, "thin": 1.0, "contour": 0.9}

_RC = {
    "figure.figsize": (6.4, 4.2),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "axes.grid": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": LINEWIDTH["main"],
    "font.size": 10,
    "legend.frameon": False,
    "image.cmap": "viridis",
}


def use_style() -> None:
    """Apply the book's matplotlib settings (idempotent)."""
    plt.rcParams.update(_RC)


def new_axes(ncols: int = 1, nrows: int = 1, **kwargs):
    """A new figure and axes with the book's style applied.

    Returns
    -------
    fig, ax : matplotlib Figure and Axes (an array of Axes when more than one).
    """
    use_style()
    size = kwargs.pop("figsize", (_RC["figure.figsize"][0] * max(1, 0.75 * ncols),
                                  _RC["figure.figsize"][1] * max(1, 0.85 * nrows)))
    return plt.subplots(nrows, ncols, figsize=size, layout="constrained", **kwargs)
