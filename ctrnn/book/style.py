"""One colour, line-width, size and format convention for every figure of the book.

Figures are drawn by functions in the physics modules; each calls
:func:`use_style` (via :func:`new_axes`) so the whole book looks alike.
Titles belong in captions, not in ``ax.set_title``.

Legible at the width shown (issue 15).  A notebook figure is shown at its own
width or the column's, whichever is smaller: the column is 672 px at a 1280 px
window and 342 px on a 390 px phone.  Every figure is therefore
:data:`FIGURE_WIDTH` inches wide (346 px, shown at 0.99 of its size on the
phone and at its own size on a desktop), so text of ``s`` points is shown at
about ``1.3 s`` px at every width: the smallest text the figure code uses,
:data:`SMALLEST_FONT_PT` (7 pt), is 9.2 px on a phone.  Panels are stacked,
never side by side, for side by side they could not be read on a phone;
:func:`new_axes` keeps the callers' indexing (``axes[row, col]``).

Notebooks emit SVG only (sharp at every zoom; the LaTeX build converts it to
PDF); no PNG.

Reproducible on every CPU.  nbval compares a re-executed figure with the
committed one byte for byte, and a machine with AVX-512 rounds the last bits
of many results differently from one with AVX2 only.  So the SVG is written
canonically (:func:`canonical_svg`: coordinates to 1/1000 pt, element ids
numbered in order), quantities at rounding level are drawn at
:data:`ROUNDING_FLOOR` (:func:`above_rounding`), and a colour map's input is
rounded first (:func:`quantized`).
"""
from __future__ import annotations

import re

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np

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

#: Width of every figure, inches (346 CSS px: a phone's 342 px column shows it at 0.99).
FIGURE_WIDTH = 3.6
#: Height of one panel, inches, unless the caller's figsize gives another aspect.
PANEL_HEIGHT = 2.6
#: The smallest font size the figure code uses, points (legend and label text);
#: at :data:`FIGURE_WIDTH` it is shown at >= 9 px on a 390 px phone.
SMALLEST_FONT_PT = 7
#: Output format of notebook figures: SVG only. The HTML shows it; the LaTeX/PDF build
#: converts it to a vector PDF (sphinxcontrib-svg2pdfconverter with CairoSVG, _config.yml).
#: A PDF stored in the notebook would be compared byte for byte by nbval, and matplotlib
#: writes PDF coordinates to 10 decimals, so its bytes change with the CPU's vector units
#: (AVX-512 against AVX2 rounding in the last bits); SVG keeps 6 significant decimals.
FORMATS = ("svg",)

#: Relative quantities below this are rounding error (AVX-512 and AVX2 disagree about
#: them); log-scale figures draw them at this level, and text states them as "< 1e-12".
ROUNDING_FLOOR = 1e-12
#: SVG coordinates are written to this many decimals (1/1000 pt).
SVG_DECIMALS = 3

_RC = {
    "figure.figsize": (FIGURE_WIDTH, PANEL_HEIGHT),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.constrained_layout.use": True,
    "svg.fonttype": "path",        # text as outlines: no font needed on the reader's side
    "svg.hashsalt": "ctrnn",       # deterministic ids, so re-executed outputs are stable
    "axes.grid": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": LINEWIDTH["main"],
    "font.size": 9,
    "axes.labelsize": 9,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "image.cmap": "viridis",
}


_LONG_DECIMAL = re.compile(r"(?<![\w#.])-?\d+\.\d{%d,}" % (SVG_DECIMALS + 1))
_ID = re.compile(r'\bid="([^"]+)"')


def canonical_svg(svg: str) -> str:
    """``svg`` with every number of more than :data:`SVG_DECIMALS` decimals rounded
    to that many, and every element id renamed ``c0``, ``c1``, ... in order of
    appearance (references ``#id`` and ``url(#id)`` follow).

    Matplotlib writes coordinates to 6 decimals and derives clip-path and marker
    ids from hashes of 17-digit coordinates, so a last-bit difference between two
    CPUs changes the file; rounded to 1/1000 pt (invisible) and numbered, the
    same drawing gives the same bytes.

    Parameters
    ----------
    svg : str
        An SVG document, e.g. from ``Figure.savefig(format="svg")``.

    Returns
    -------
    str
    """
    if not isinstance(svg, str):
        raise TypeError(f"svg must be a str, got {type(svg).__name__}")
    rounded = _LONG_DECIMAL.sub(
        lambda m: f"{float(m.group()):.{SVG_DECIMALS}f}".rstrip("0").rstrip("."), svg)
    names = {}
    for old in _ID.findall(rounded):
        names.setdefault(old, f"c{len(names)}")
    if not names:
        return rounded
    ref = re.compile(r'(\bid="|#)(' + "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
                     + r')(?=["\)])')
    return ref.sub(lambda m: m.group(1) + names[m.group(2)], rounded)


def above_rounding(values, floor: float = ROUNDING_FLOOR):
    """``values`` with everything below ``floor`` raised to it, for a log axis.

    A relative discrepancy at rounding level (1e-16 to 1e-13) is different on
    every CPU; drawn at :data:`ROUNDING_FLOOR` it reads "below 1e-12", the same
    everywhere.

    Parameters
    ----------
    values : array_like
        Non-negative discrepancies.
    floor : float, optional

    Returns
    -------
    numpy.ndarray
    """
    if not (isinstance(floor, float) and 0 < floor < 1):
        raise ValueError(f"floor must be a float in (0, 1), got {floor!r}")
    return np.maximum(np.asarray(values, dtype=float), floor)


def quantized(values, scale, digits: int = 9):
    """``values`` rounded to ``10**-digits`` of ``scale``, for a colour map.

    A field that is zero up to rounding (a Wigner function between its fringes)
    sits exactly on the middle boundary of a symmetric colour map, so its noise
    picks one colour on one CPU and the next on another; rounded, it is 0 on both.

    Parameters
    ----------
    values : array_like
    scale : float
        Positive: the colour map's half-range.
    digits : int, optional

    Returns
    -------
    numpy.ndarray
    """
    if not (np.isfinite(scale) and scale > 0):
        raise ValueError(f"scale must be a positive finite number, got {scale!r}")
    step = float(scale) * 10.0 ** -int(digits)
    return np.round(np.asarray(values, dtype=float) / step) * step + 0.0


def figure_svg(fig) -> str:
    """The notebook's SVG of ``fig``: the figure's own size, no date, canonical
    (:func:`canonical_svg`; ``None`` for a figure with nothing drawn, as
    IPython's own formatter).  The inline formatter and glued figures use it."""
    import io
    if not fig.axes and not fig.lines:
        return None
    out = io.StringIO()
    fig.savefig(out, format="svg", bbox_inches=None, metadata={"Date": None})
    return canonical_svg(out.getvalue())


def _set_formats() -> None:
    """SVG figure outputs in a running IPython kernel; nothing outside one.

    As ``matplotlib_inline``'s ``set_matplotlib_formats("svg")``, then the
    formatter again: no date and :func:`canonical_svg`, so a re-executed
    notebook's outputs are byte-identical (nbval compares SVG outputs, unlike
    PNG) -- and the figure's own size, not a tight box around its artists:
    constrained layout keeps every label inside, and the width stays
    :data:`FIGURE_WIDTH`.
    """
    try:
        from IPython import get_ipython
        from matplotlib.figure import Figure
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:  # no IPython: nothing displays figures inline
        return
    shell = get_ipython()
    if shell is None:
        return
    set_matplotlib_formats(*FORMATS, bbox_inches=None)
    formatters = shell.display_formatter.formatters
    formatters["image/svg+xml"].for_type(Figure, figure_svg)


def use_style() -> None:
    """Apply the book's matplotlib settings and figure formats (idempotent)."""
    plt.rcParams.update(_RC)
    _set_formats()


def _panel_height(ncols: int, nrows: int, figsize) -> float:
    """One stacked panel's height: the caller's panel aspect at :data:`FIGURE_WIDTH`."""
    if figsize is None:
        return PANEL_HEIGHT
    width, height = figsize
    aspect = (height / nrows) / (width / ncols)
    return float(np.clip(FIGURE_WIDTH * aspect, 0.45 * FIGURE_WIDTH, 0.8 * FIGURE_WIDTH))


def new_axes(ncols: int = 1, nrows: int = 1, **kwargs):
    """A new figure and axes with the book's style applied.

    The panels of an ``nrows`` x ``ncols`` grid are stacked in one column,
    :data:`FIGURE_WIDTH` wide, in reading order (row by row); the returned
    axes keep the grid's shape, as :func:`matplotlib.pyplot.subplots` returns
    them, so ``axes[row, col]`` and unpacking work unchanged.

    Parameters
    ----------
    ncols, nrows : int
        The grid the caller draws on.
    figsize : tuple of float, optional
        The caller's size for the whole grid; only its panel aspect is kept
        (height clipped to 0.45-0.8 times the width), the width is always
        :data:`FIGURE_WIDTH`.
    sharex, sharey : bool or {"row", "col"}, optional
        Shared axes, as in :func:`matplotlib.pyplot.subplots`, by grid position.
    **kwargs
        Passed to :meth:`matplotlib.figure.Figure.add_subplot` via ``subplot_kw``.

    Returns
    -------
    fig, ax : matplotlib Figure and Axes (an array of Axes when more than one).

    Raises
    ------
    ValueError
        If ``ncols`` or ``nrows`` is not a positive integer.
    """
    if isinstance(ncols, bool) or not isinstance(ncols, (int, np.integer)) or ncols < 1:
        raise ValueError(f"ncols must be a positive integer, got {ncols!r}")
    if isinstance(nrows, bool) or not isinstance(nrows, (int, np.integer)) or nrows < 1:
        raise ValueError(f"nrows must be a positive integer, got {nrows!r}")
    use_style()
    figsize = kwargs.pop("figsize", None)
    sharex = kwargs.pop("sharex", False)
    sharey = kwargs.pop("sharey", False)
    subplot_kw = kwargs.pop("subplot_kw", {}) | kwargs
    n = ncols * nrows
    fig = plt.figure(figsize=(FIGURE_WIDTH, n * _panel_height(ncols, nrows, figsize)),
                     layout="constrained")
    axes = np.empty((nrows, ncols), dtype=object)
    for k in range(n):
        r, c = divmod(k, ncols)
        axes[r, c] = fig.add_subplot(n, 1, k + 1, **subplot_kw)
    for which, share in (("x", sharex), ("y", sharey)):
        if share is True or share == "all":
            leaders = {(r, c): axes[0, 0] for r in range(nrows) for c in range(ncols)}
        elif share == "row":
            leaders = {(r, c): axes[r, 0] for r in range(nrows) for c in range(ncols)}
        elif share == "col":
            leaders = {(r, c): axes[0, c] for r in range(nrows) for c in range(ncols)}
        else:
            continue
        for (r, c), leader in leaders.items():
            if axes[r, c] is not leader:
                getattr(axes[r, c], f"share{which}")(leader)
    if n == 1:
        return fig, axes[0, 0]
    if nrows == 1 or ncols == 1:
        return fig, axes.ravel()
    return fig, axes
