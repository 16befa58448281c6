"""Figures of the eigenstates and spectra of the quantized CTRNN Hamiltonian.

Each function draws one figure of the book's chapters on quantization and
the wavefunction with the style of :mod:`ctrnn.book.style`, and returns the
matplotlib Figure.  The physics is computed elsewhere: the correct
eigenfunctions and levels in :mod:`ctrnn.quantum`, the paper's formulas
(32)-(33) and (36)-(37) in :mod:`ctrnn.quantum.kummer`.
"""
from __future__ import annotations

import numpy as np
import sympy as sp

from ctrnn.audit.operators import solution
from ctrnn.audit.quantum import _evidence_value
from ctrnn.book.style import COLORS, LINEWIDTH, new_axes
from ctrnn.book.text import bound_label, break_display
from ctrnn.classical import hamiltonian
from ctrnn.classical.hamiltonian import discriminant
from ctrnn.paper.formulas import paper_eigenfunction_values, paper_levels
from ctrnn.quantum import levels as quantum
from ctrnn.quantum.levels import (
    _check_levels,
    _coefficients,
    numerical_spectrum,
    spacing_near,
    spectrum,
)


#: Bounds the agreement table states errors by (the Fourier grid's rounding error
#: reaches 2e-12, so the smallest bound is 1e-10).
ERROR_BOUNDS = (1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 1.0, 100.0)


def agreement_table(nets: dict, n: int, methods=("hermite", "fourier")) -> str:
    """Markdown table: closed-form levels against numerical diagonalization.

    For each network, the discriminant Δ, C2 (Eq. 19), the ground level λ0 of
    :func:`~ctrnn.quantum.levels.spectrum` and, per method of :func:`~ctrnn.quantum.levels.numerical_spectrum`, the largest
    error of the first ``n`` levels in units of ω = sqrt(-Δ), stated as a bound
    (:data:`ERROR_BOUNDS`): its digits are rounding error and differ between CPUs
    (3e-14 with AVX2, 4e-14 with AVX-512), the bound does not.

    Parameters
    ----------
    nets : dict
        Non-empty mapping of a row label to a Hamiltonian :class:`~ctrnn.classical.network.CTRNN2`
        with a discrete spectrum (Δ < 0).
    n : int
        Number of levels compared.
    methods : sequence of str
        Methods of :func:`~ctrnn.quantum.levels.numerical_spectrum`, one column each.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If ``nets`` or ``methods`` is empty, ``n`` is not a positive integer,
        or a network has no discrete spectrum.
    """
    n = _check_levels(n)
    if not nets:
        raise ValueError("nets must hold at least one network")
    if not methods:
        raise ValueError("methods must name at least one numerical method")
    names = {"hermite": "Hermite", "fourier": "Fourier grid", "fd": "finite differences"}
    head = ["network", r"$\Delta$", "$C_2$", r"$\lambda_0$"] + [f"max error, {names.get(m, m)}" for m in methods]
    rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for label, net in nets.items():
        exact = spectrum(net, n)
        omega = np.sqrt(-discriminant(net))
        errors = [np.max(np.abs(numerical_spectrum(net, n, method=m) - exact)) / omega
                  for m in methods]
        cells = [str(label), f"{discriminant(net):.4g}", f"{_coefficients(net)['C2']:.4g}",
                 f"{exact[0]:.6g}"] + [f"< {bound_label(e, ERROR_BOUNDS)}" for e in errors]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def solution_latex(which: str, root: int = 1) -> str:
    """LaTeX of ξ1, κ and the centre c of :func:`~ctrnn.audit.operators.solution`, simplified.

    For ``which="printed"`` these are the paper's ξ1 of Eq. (25) as it follows
    from the printed Eq. (23), the Kummer scale κ and the centre c of
    the Kummer variable ζ = κ (y2 - c)² of Eq. (27).

    Parameters
    ----------
    which : {"printed", "derived"}
        The operator, as in :func:`~ctrnn.audit.operators.solution`.
    root : {1, -1}
        The root of ξ1, as in :func:`~ctrnn.quantum.kummer.kummer_solution`.

    Raises
    ------
    ValueError
        If ``which`` or ``root`` is not one of the allowed values.
    """
    sol = solution(which, root)
    parts = ((r"\xi_1", sol.xi1), (r"\kappa", sol.kappa), ("c", sol.centre))
    return break_display(r",\quad ".join(f"{name} = {sp.latex(sp.simplify(value))}"
                                          for name, value in parts))

_STYLES = ("-", "--", ":")


def _window(net, levels, width):
    z, _ = quantum.critical_point(net)
    length = np.sqrt(2.0 * abs(net.hamiltonian_coefficients()["C2"])) / (
        -hamiltonian.discriminant(net)) ** 0.25
    half = width * length * np.sqrt(2.0 * max(levels) + 1.0)
    return np.linspace(z[1] - half, z[1] + half, 801)


def plot_eigenfunctions(net, levels=(0, 1, 2), width: float = 2.0):
    """Correct eigenfunctions versus the paper's (32)-(33) for one network.

    Top row: ψ_k of the Weyl-quantized Ĥ (:func:`ctrnn.quantum.levels.eigenfunctions`);
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
        :func:`ctrnn.quantum.levels.eigenfunctions`.
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

    The correct levels are :func:`ctrnn.quantum.levels.spectrum`, the numerical ones
    :func:`ctrnn.quantum.levels.numerical_spectrum`; the paper's (36)-(37)
    (:func:`ctrnn.paper.formulas.paper_levels`) are complex when Δ < 0 and are
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


def residual_table(ids=("27", "28", "32", "33")) -> str:
    """Markdown table of the relative residuals recorded by the checks ``ids``.

    Columns: the claim, its residuals in the printed Eq. (23) and in the
    correct equation (as stored in each verdict's evidence).
    """
    from ctrnn.audit import run

    rows = ["| claim | residuals in printed (23) | residuals in the correct equation |",
            "| --- | --- | --- |"]
    for eq in ids:
        ev = run(eq).evidence
        printed = _evidence_value(ev, "relative residuals in printed")
        correct = _evidence_value(ev, "relative residuals in the correct")
        rows.append(f"| ({eq}) | {', '.join(f'{v:.2g}' for v in printed)} | "
                    f"{', '.join(f'{v:.2g}' for v in correct)} |")
    return "\n".join(rows)


def printed_level_differences() -> str:
    """Markdown list: derived minus printed (36)-(37) levels of the printed (23).

    One item per sign of C2 and parity, from the evidence of the check
    ``"36-printed"`` (differences in units r = √Δ, Δ = r² > 0).
    """
    from ctrnn.audit import run

    ev = run("36-printed").evidence
    return "\n".join(f"- {k}: {', '.join(map(str, v))}" for k, v in ev.items()
                     if k.startswith("derived level"))


def printed_level_differences_table() -> str:
    """:func:`printed_level_differences` as a Markdown table typeset in MathJax.

    Rows: the sign of C2 and the parity; cells: derived minus printed level
    of the printed (23), in units of r = √Δ (evidence of ``"36-printed"``).
    """
    import re

    from ctrnn.audit import run
    from ctrnn.book.text import markdown_table

    rows = []
    for key, values in run("36-printed").evidence.items():
        if not key.startswith("derived level"):
            continue
        sign = re.search(r"C2 ([<>]) 0", key).group(1)
        ks = re.search(r"k = ([\d, ]+)$", key).group(1).split(", ")
        rows.append([f"$C_2 {sign} 0$", ", ".join(f"$k = {k}$" for k in ks),
                     ", ".join(f"${sp.latex(sp.sympify(v))}$" for v in values)])
    return markdown_table(["sign of $C_2$", "levels", r"derived minus printed ($r = \sqrt\Delta$)"],
                          rows)


def coefficients(net) -> dict:
    """The coefficients (19)-(20) of a network and its discriminant Δ, for captions.

    Returns
    -------
    dict
        ``C1, C2, D1, D2, E2`` (:meth:`~ctrnn.classical.network.CTRNN2.hamiltonian_coefficients`) and
        ``Delta`` (:func:`ctrnn.classical.hamiltonian.discriminant`).

    Raises
    ------
    ValueError
        If the network is not Hamiltonian (Eq. 13).
    """
    from ctrnn.classical.hamiltonian import discriminant

    return {**net.hamiltonian_coefficients(), "Delta": float(discriminant(net))}




def termination_latex() -> str:
    """LaTeX: Eq. (30) of the paper with α = β = −m, which no m satisfies.

    The paper terminates both Kummer series by "setting α = −m and β = −m";
    its Eq. (30), β = α + 1/2, makes the two incompatible. SymPy evaluates the
    substituted equation; the text "which no m satisfies" is added only when
    it is identically false.
    """
    from ctrnn.paper import EQUATIONS

    alpha, beta, m = sp.symbols("alpha beta m")
    eq30 = EQUATIONS[30]
    both = eq30.subs({alpha: -m, beta: -m})
    return break_display(sp.latex(eq30) + r"\quad\Longrightarrow\quad " + sp.latex(eq30.lhs.subs(beta, -m))
                         + " = " + sp.latex(eq30.rhs.subs(alpha, -m))
                         + (r",\quad\text{which no } m \text{ satisfies}" if both is sp.false else ""))
