"""Presentation for the chapter *n neurons*: the criteria and spectra figures and
the codimension, nilpotent and normal-form tables, from
:mod:`ctrnn.classical.n_neurons`.
"""
from __future__ import annotations

import numpy as np

from ctrnn.book.style import COLORS, LINEWIDTH, new_axes
from ctrnn.book.text import markdown_table
from ctrnn.classical.n_neurons import (
    CRITERIA,
    ENSEMBLES,
    NORMAL_FORM_CASES,
    TOL,
    _partitions,
    criteria_fractions,
    criterion_codimensions,
    is_hamiltonian_for_some_form,
    linear_system,
    nilpotent_matrix,
    nilpotent_rule,
    random_network,
    real_jordan_matrix,
)

# ----------------------------------------------------------------- figures
_STYLE = {"divergence-free": (COLORS["grey"], "s"),
          "Poisson (odd n)": (COLORS["numerical"], "D"),
          "some form": (COLORS["true"], "o"),
          "canonical": (COLORS["paper"], "^")}


def plot_criteria_fractions(ns=(2, 3, 4, 5, 6, 8), samples: int = 200, seed: int = 1,
                            tol: float = TOL):
    """Figure: fraction of networks meeting each criterion vs n, one panel per ensemble.

    Uses :func:`~ctrnn.classical.n_neurons.criteria_fractions` with ensembles :data:`~ctrnn.classical.n_neurons.ENSEMBLES` and
    tau_i ~ Uniform(0.5, 2).

    Returns
    -------
    fig : matplotlib Figure
    """
    data = criteria_fractions(ns, samples, seed, tol)
    fig, axes = new_axes(ncols=4, figsize=(11, 3.0), sharey=True)
    offsets = {"divergence-free": -0.2, "Poisson (odd n)": -0.07, "some form": 0.07,
               "canonical": 0.2}
    for ax, ens in zip(axes, ENSEMBLES):
        for crit in CRITERIA:
            color, marker = _STYLE[crit]
            ax.plot(np.array(ns) + offsets[crit], data[ens][crit], marker=marker, ls="none",
                    color=color, label=crit, markersize=6)
        ax.set_xticks(list(ns))
        ax.set_xlabel("number of neurons $n$")
        ax.text(0.03, 0.5, ens, transform=ax.transAxes, fontsize=9)
        ax.set_ylim(-0.05, 1.05)
    axes[0].set_ylabel("fraction of networks")
    axes[-1].legend(loc="center right", fontsize=8)
    return fig


def plot_spectra(n: int = 4, samples: int = 60, seed: int = 2):
    """Figure: eigenvalues of A in the complex plane for three ensembles (n neurons).

    Panels: "random", "trace-zero" and "some form" networks from
    :func:`~ctrnn.classical.n_neurons.random_network` (tau_i ~ Uniform(0.5, 2)).  A Hamiltonian spectrum
    is symmetric under lambda -> -lambda (mirror about the imaginary axis).

    Returns
    -------
    fig : matplotlib Figure
    """
    if not isinstance(samples, (int, np.integer)) or samples < 1:
        raise ValueError(f"samples must be a positive integer, got {samples!r}")
    rng = np.random.default_rng(seed)
    fig, axes = new_axes(ncols=3, figsize=(10, 3.4), sharex=True, sharey=True)
    for ax, ens in zip(axes, ("random", "trace-zero", "some form")):
        ev = np.concatenate([np.linalg.eigvals(linear_system(*random_network(n, rng, ens))[0])
                             for _ in range(samples)])
        ax.axvline(0, color=COLORS["grey"], lw=LINEWIDTH["thin"])
        ax.plot(-ev.real, ev.imag, "x", color=COLORS["grey"], ms=4,
                label=r"mirror $-\lambda$")
        ax.plot(ev.real, ev.imag, ".", color=COLORS["true"], ms=4, label=r"$\lambda$")
        ax.set_xlabel(r"Re $\lambda$")
        ax.text(0.03, 0.93, ens, transform=ax.transAxes, fontsize=9)
    axes[0].set_ylabel(r"Im $\lambda$")
    axes[-1].legend(loc="lower right", fontsize=8)
    return fig


def codimension_table(ns=(2, 4, 6, 8), seed: int = 0) -> str:
    """Markdown table of :func:`~ctrnn.classical.n_neurons.criterion_codimensions` with n/2 and n(n-1)/2 for comparison."""
    ns = list(ns)
    if not ns:
        raise ValueError("ns must contain at least one even n >= 2")
    header = ["$n$", "weights $n^2$", "divergence-free", "some form", "canonical", "$n/2$",
              "$n(n-1)/2$"]
    rows = []
    for n in ns:
        c = criterion_codimensions(n, seed=seed)
        rows.append([n, n * n, c["divergence-free"], c["some form"], c["canonical"], n // 2,
                     n * (n - 1) // 2])
    return markdown_table(header, rows)


def _eigenvalue_tex(lam) -> str:
    """An eigenvalue of a real Jordan block as TeX: ``2`` -> ``2``, ``1j`` -> ``i``, ``-2j`` -> ``-2i``."""
    z = complex(lam)
    if z.imag == 0:
        return f"{z.real:g}"
    im = ("" if abs(z.imag) == 1 else f"{abs(z.imag):g}") + "i"
    if not z.real:
        return ("-" if z.imag < 0 else "") + im
    return f"{z.real:g} {'-' if z.imag < 0 else '+'} {im}"


def normal_form_table(cases=NORMAL_FORM_CASES) -> str:
    r"""Markdown table comparing the normal-form rule with :func:`~ctrnn.classical.n_neurons.is_hamiltonian_for_some_form`.

    Each case is ``(blocks, rule)``; a block ``(lam, k)`` is the Jordan block
    :math:`J_k(\lambda)` (shown so); the matrix :func:`~ctrnn.classical.n_neurons.real_jordan_matrix`
    ``(blocks)`` of size m is put in a random orthogonal basis (seed m).
    """
    cases = list(cases)
    if not cases:
        raise ValueError("cases must contain at least one (blocks, rule) pair")
    rows = []
    for blocks, rule in cases:
        M = real_jordan_matrix(blocks)
        Q = np.linalg.qr(np.random.default_rng(M.shape[0]).standard_normal(M.shape))[0]
        rows.append([", ".join(rf"$J_{{{k}}}({_eigenvalue_tex(lam)})$" for lam, k in blocks), rule,
                     is_hamiltonian_for_some_form(Q.T @ M @ Q)])
    return markdown_table([r"blocks", r"$A\sim -A$ and zero rule", "computed"], rows)


def nilpotent_comparison(max_n: int = 6):
    """Compare :func:`~ctrnn.classical.n_neurons.nilpotent_rule` with :func:`~ctrnn.classical.n_neurons.is_hamiltonian_for_some_form` on nilpotents.

    For every n <= max_n and every Jordan structure (partition of n), the
    nilpotent matrix is put in a random orthogonal basis (seed n, QR of a
    Gaussian matrix) before the numerical criterion is applied.

    Returns
    -------
    table : str
        Markdown table with columns n, Jordan blocks, rule, computed.
    agree, total : int
        Number of structures where rule and computation agree, and of all.

    Raises
    ------
    ValueError
        If max_n is not a positive integer.
    """
    if not isinstance(max_n, (int, np.integer)) or max_n < 1:
        raise ValueError(f"max_n must be a positive integer, got {max_n!r}")
    rows, agree = [], 0
    for n in range(1, max_n + 1):
        Q = np.linalg.qr(np.random.default_rng(n).standard_normal((n, n)))[0]
        for sizes in _partitions(n):
            rule = nilpotent_rule(sizes)
            computed = is_hamiltonian_for_some_form(Q.T @ nilpotent_matrix(sizes) @ Q)
            agree += rule == computed
            rows.append([n, tuple(sizes), rule, computed])
    table = markdown_table(["$n$", "Jordan blocks", "rule", "computed"], rows)
    return table, int(agree), len(rows)


# --------------------------------------------------- issue 13 additions
def checks_markdown(checks: dict) -> str:
    """A two-column Markdown table of named checks: the check and "holds"/"fails".

    Parameters
    ----------
    checks : dict
        Description (Markdown, MathJax allowed) -> bool (or a value whose
        truth is the verdict).
    """
    if not isinstance(checks, dict) or not checks:
        raise ValueError("checks must be a non-empty dict of description -> bool")
    return markdown_table(["check", "result"],
                          [[k, "holds" if bool(v) else "fails"] for k, v in checks.items()])


def leaf_table(rows) -> str:
    """Markdown table of :func:`ctrnn.quantum.leaves.leaf_spectra`: one leaf per row."""
    out = []
    for r in rows:
        if r["levels"] is None:
            out.append([f"{r['kappa']:g}", r["case"], "—", "continuous (no normalizable eigenstates)"])
        else:
            levels = ", ".join(f"{v:.4f}" for v in r["levels"])
            out.append([f"{r['kappa']:g}", r["case"], f"{r['omega']:.4f}", levels])
    return markdown_table([r"$\kappa = c\cdot y$", "leaf flow", r"$\omega$",
                           r"levels $E_0, E_1, \dots$ (Weyl, $\hbar = 1$)"], out)


def skew_table(rows) -> str:
    """Markdown table of :func:`ctrnn.classical.n_neurons.skew_weight_criteria`."""
    out = [[str(r["n"]), "yes" if r["hamiltonian"] else "no", "yes" if r["with leak"] else "no",
            r"$< 10^{-12}$" if r["invariant_rate"] < 1e-12 else f"{r['invariant_rate']:.1e}"]
           for r in rows]
    return markdown_table(["$n$", r"constant structure, $W = \mathbb 1 + K$",
                           r"constant structure, $W = K$",
                           r"largest $\lvert \tfrac{d}{dt}\,\tfrac12 y^\top T y\rvert$, $W = \mathbb 1 + K$"],
                          out)
