"""Constraints on the weights: the paper's conditions (38)-(40) against the truth.

The paper ends Section III by asking the eigenfunctions (32)-(33),
``psi = H_n(z(y2)) exp(-y2 (xi1 y2 + xi2))``, to vanish as ``|y2| -> oo`` and
concludes that the weights must satisfy ``Real(xi1) > 0``, Eq. (38), or
``Real(xi1) = 0``, Eq. (39), together with ``Real(xi2) > 0``, Eq. (40), where
xi1 and xi2 are Eqs. (25)-(26) written with the coefficients (19)-(20).

This module evaluates those printed conditions for networks (layer 1, the
formulas of :mod:`ctrnn.paper`), evaluates the truth for the correctly
Weyl-quantized operator (layer 2, :func:`ctrnn.quantum.has_discrete_spectrum`),
and the classical equilibrium type of the both-active region, Eqs. (5)-(6).
It draws parameter-space maps and runs the Monte Carlo comparison.

Conventions
-----------
*Parameters.*  Vectorised functions take a mapping ``params`` with the keys of
:data:`HAMILTONIAN_PARAMETERS` (array-likes that broadcast together); ``w22``
is never given: it follows from the Hamiltonian condition (13),
``w22 = 1 - tau2 (w11 - 1) / tau1``.  A :class:`ctrnn.CTRNN2` is accepted
wherever one network is meant; it must satisfy Eq. (13).

*Square roots.*  Eqs. (38) and (40) contain
``sqrt(Delta)`` with ``Delta = (w11 - 1)**2/tau1**2 + w12 w21/(tau1 tau2)``
(``= 4 C2 D2 + E2**2``), which is negative for some weights; the printed
inequalities are then between complex numbers.  We evaluate the text's
``Real(...)``: the printed left-hand side with the principal complex square
root, then its real part.  For ``Delta < 0`` the real part does not depend on
the branch (``Re xi1 = Delta``, ``Re xi2 = -C1 E2 - 4 C2 D1``); for
``Delta >= 0`` the principal root is the non-negative root the printed real
radical denotes.

*Tolerances.*  A real part ``r`` counts as positive when ``r > rtol * s`` and
as zero when ``|r| <= rtol * s``, where ``s`` is the sum of the magnitudes of
the terms of the printed left-hand side; ``rtol = 1e-10`` absorbs the
round-off of ``Delta - E2 sqrt(Delta)`` (about ``1e-16 s``) with a wide margin
and is far below any difference a parameter map resolves.
"""
from __future__ import annotations

import functools
from collections.abc import Mapping

import numpy as np

from .network import CTRNN2

__all__ = [
    "HAMILTONIAN_PARAMETERS", "RTOL", "RATIO", "DISTRIBUTION", "SEED",
    "hamiltonian_params", "coefficient_substitution", "rederived_xi",
    "centre_condition", "xi_printed", "printed_conditions", "classical_type",
    "true_discrete_spectrum", "paper_eigenfunction", "condition_map",
    "sample_hamiltonian_networks", "monte_carlo", "plot_condition_map",
    "plot_paper_tails", "xi_differences_latex", "ground_state_tails",
    "monte_carlo_summary", "monte_carlo_table",
]

#: Free parameters of a Hamiltonian network (w22 follows from Eq. 13).
HAMILTONIAN_PARAMETERS = ("tau1", "tau2", "w11", "w12", "w21",
                          "theta1", "theta2", "I1", "I2")
_DEFAULTS = {"theta1": 0.0, "theta2": 0.0, "I1": 0.0, "I2": 0.0}
#: Relative tolerance for the signs of the printed real parts (module docstring).
RTOL = 1e-10


# ------------------------------------------------------------------ input
def hamiltonian_params(params) -> dict:
    """Validated, broadcast parameter arrays of Hamiltonian networks.

    Parameters
    ----------
    params : CTRNN2 or mapping
        One network (must satisfy Eq. 13) or a mapping with the keys of
        :data:`HAMILTONIAN_PARAMETERS` (``theta1, theta2, I1, I2`` default to
        0) whose values broadcast together.

    Returns
    -------
    dict
        Float arrays of one common shape for every key of
        :data:`HAMILTONIAN_PARAMETERS` plus ``w22`` from Eq. (13).

    Raises
    ------
    ValueError
        If a key is missing or unknown, a value is not finite real, a time
        constant is not positive, the arrays do not broadcast, or a network
        violates the Hamiltonian condition (13).
    """
    if isinstance(params, CTRNN2):
        params.hamiltonian_coefficients()  # raises ValueError citing Eq. (13)
        given = {k: getattr(params, k) for k in HAMILTONIAN_PARAMETERS}
    elif isinstance(params, Mapping):
        unknown = set(params) - set(HAMILTONIAN_PARAMETERS)
        if unknown:
            raise ValueError(f"params has unknown keys {sorted(unknown)}; allowed are "
                             f"{list(HAMILTONIAN_PARAMETERS)} (w22 follows from Eq. (13))")
        given = {**_DEFAULTS, **params}
        missing = [k for k in HAMILTONIAN_PARAMETERS if k not in given]
        if missing:
            raise ValueError(f"params is missing {missing}")
    else:
        raise ValueError(f"params must be a CTRNN2 or a mapping of parameter arrays, "
                         f"got {type(params).__name__}")
    out = {}
    for key in HAMILTONIAN_PARAMETERS:
        try:
            arr = np.asarray(given[key], dtype=float)
        except (TypeError, ValueError):
            raise ValueError(f"{key} must be real numbers, got {given[key]!r}") from None
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"{key} must be finite")
        out[key] = arr
    for key in ("tau1", "tau2"):
        if np.any(out[key] <= 0):
            raise ValueError(f"{key} must be positive (time constants, the paper below Eq. (13))")
    try:
        arrays = np.broadcast_arrays(*out.values())
    except ValueError:
        raise ValueError("params arrays must broadcast to a common shape") from None
    out = dict(zip(out, (np.array(a) for a in arrays)))
    out["w22"] = 1.0 - out["tau2"] * (out["w11"] - 1.0) / out["tau1"]
    return out


# ------------------------------------------------------- the paper, printed
@functools.lru_cache(maxsize=None)
def _printed(number: int, side: str = "lhs"):
    """The paper's Eq. (number) as a NumPy function of the ten parameters.

    ``side`` picks ``lhs`` or ``rhs`` of the printed relation; (25) and (26)
    are first rewritten in the weights with the coefficients (19)-(20), as
    the paper does before printing (38)-(40).
    """
    import sympy as sp
    from .paper import EQUATIONS
    from .symbols import PARAMETERS
    expr = getattr(EQUATIONS[number], side)
    expr = expr.subs(coefficient_substitution())
    return sp.lambdify(PARAMETERS, expr, modules="numpy")


def coefficient_substitution() -> dict:
    """``{C1: ..., C2: ..., D1: ..., D2: ..., E2: ...}`` from Eqs. (19)-(20) as printed.

    E2 is taken from the first form of Eq. (20), ``(w11 - 1)/tau1`` (the form
    the paper uses in (38)-(40)).
    """
    import sympy as sp
    from .paper import EQUATIONS
    from .symbols import C1, C2, D1, D2, E2
    out = {}
    for number in (19, 20):
        eqs = EQUATIONS[number]
        for eq in (eqs if isinstance(eqs, (tuple, list)) else (eqs,)):
            for lhs, rhs in _pairs(eq):
                if lhs in (C1, C2, D1, D2, E2) and lhs not in out:
                    out[lhs] = rhs
    missing = {C1, C2, D1, D2, E2} - set(out)
    if missing:
        raise LookupError(f"Eqs. (19)-(20) of ctrnn.paper do not define {sorted(map(str, missing))}")
    return {k: sp.sympify(v) for k, v in out.items()}


def _pairs(eq):
    """(lhs, rhs) pairs of a relation; a chained equality yields its links."""
    args = getattr(eq, "args", ())
    if hasattr(eq, "lhs"):
        yield eq.lhs, eq.rhs
    elif args:
        for a in args:
            yield from _pairs(a)


def rederived_xi():
    """ξ1 and ξ2 in the weights, re-derived as the paper does for (38)-(40).

    Eqs. (25) and (26) as printed, with C1, C2, D1, D2, E2 replaced by their
    definitions (19)-(20) (:func:`coefficient_substitution`).  Comparing the
    result with the printed left sides of (38)-(40) tests whether those are
    faithful translations.

    Returns
    -------
    xi1, xi2 : sympy expressions in the network parameters
    """
    from .paper import EQUATIONS
    sub = coefficient_substitution()
    return EQUATIONS[25].rhs.subs(sub), EQUATIONS[26].rhs.subs(sub)


def xi_differences_latex() -> str:
    """LaTeX of the printed left sides of (38)-(40) minus :func:`rederived_xi`.

    One term per equation: LHS(38) - ξ1, LHS(39) - ξ1, LHS(40) - ξ2, each
    simplified (zero when the printed side is a faithful translation of
    Eqs. (25)-(26) with (19)-(20)).
    """
    import sympy as sp
    from .paper import EQUATIONS
    xi = rederived_xi()
    return r",\qquad ".join(
        rf"\mathrm{{LHS}}_{{({k})}}-\xi_{j} = {sp.latex(sp.simplify(EQUATIONS[k].lhs - xi[j - 1]))}"
        for k, j in ((38, 1), (39, 1), (40, 2)))


def centre_condition():
    """The condition for a classical centre of (5)-(6), derived symbolically.

    The Jacobian ``J`` of the both-active right-hand sides (5)-(6) has trace
    zero under Eq. (13); its eigenvalues are then ``±sqrt(-det J)``, a centre
    exactly when ``det J > 0``.  With ``w22`` from (13),
    ``tau1**2 tau2 det J = -(tau2 (w11 - 1)**2 + tau1 w12 w21)``.

    Returns
    -------
    sympy.StrictLessThan
        ``tau1 w12 w21 + tau2 (w11 - 1)**2 < 0`` (equivalently
        ``Delta = (w11-1)**2/tau1**2 + w12 w21/(tau1 tau2) < 0``).
    """
    import sympy as sp
    from .paper import EQUATIONS
    from .symbols import tau1, tau2, w11, w22, y1, y2
    f1, f2 = EQUATIONS[5].rhs, EQUATIONS[6].rhs
    jac = sp.Matrix([[f1.diff(y1), f1.diff(y2)], [f2.diff(y1), f2.diff(y2)]])
    w22_13 = sp.solve(EQUATIONS[13], w22)[0]
    det = sp.expand(-jac.det().subs(w22, w22_13) * tau1**2 * tau2)
    return sp.StrictLessThan(det, 0)


def _complex_args(p: dict) -> list:
    """The ten parameters of ``p`` in the order of :data:`ctrnn.symbols.PARAMETERS`."""
    from .symbols import PARAMETERS
    return [np.asarray(p[s.name], dtype=complex) for s in PARAMETERS]


def _call(number: int, p: dict, side: str = "lhs"):
    args = _complex_args(p)
    return np.asarray(_printed(number, side)(*args), dtype=complex) * np.ones(p["tau1"].shape)


def xi_printed(params):
    """The paper's ξ1 and ξ2, Eqs. (25)-(26) with the coefficients (19)-(20).

    Parameters
    ----------
    params : CTRNN2 or mapping
        See :func:`hamiltonian_params`.

    Returns
    -------
    xi1, xi2 : complex ndarray
        Evaluated with the principal complex square root (module docstring).
    """
    p = hamiltonian_params(params)
    return _call(25, p, "rhs"), _call(26, p, "rhs")


def _scale(number: int, p: dict) -> np.ndarray:
    """Sum of the magnitudes of the terms of the printed left-hand side."""
    import sympy as sp
    key = ("scale", number)
    if key not in _SCALES:
        from .paper import EQUATIONS
        from .symbols import PARAMETERS
        lhs = EQUATIONS[number].lhs
        terms = sp.Add.make_args(sp.expand(lhs, deep=False))
        _SCALES[key] = [sp.lambdify(PARAMETERS, t, modules="numpy") for t in terms]
    args = _complex_args(p)
    return sum(np.abs(f(*args)) * np.ones(p["tau1"].shape) for f in _SCALES[key])


_SCALES: dict = {}


def printed_conditions(params, rtol: float = RTOL) -> dict:
    """Where the paper's printed conditions (38)-(40) hold.

    Parameters
    ----------
    params : CTRNN2 or mapping
        See :func:`hamiltonian_params`.
    rtol : float, optional
        Relative tolerance for the sign of a real part (module docstring).

    Returns
    -------
    dict of bool ndarray
        ``"38"``: Re of the left side of (38) is positive (the paper's
        ``Real(xi1) > 0``); ``"39"``: Re of the left side of (39) is zero;
        ``"40"``: Re of the left side of (40) is positive; ``"paper"``: the
        paper's criterion, ``(38) or ((39) and (40))``.

    Raises
    ------
    ValueError
        On bad parameters (:func:`hamiltonian_params`) or ``rtol`` not in [0, 1).
    """
    if not (0 <= rtol < 1):
        raise ValueError(f"rtol must satisfy 0 <= rtol < 1, got {rtol!r}")
    p = hamiltonian_params(params)
    r38 = _call(38, p).real
    r39 = _call(39, p).real
    r40 = _call(40, p).real
    s38, s40 = _scale(38, p), _scale(40, p)
    out = {"38": r38 > rtol * s38, "39": np.abs(r39) <= rtol * _scale(39, p),
           "40": r40 > rtol * s40}
    out["paper"] = out["38"] | (out["39"] & out["40"])
    return out


# ------------------------------------------------------------- the truth
def classical_type(params) -> np.ndarray:
    """Equilibrium type of the both-active linear system (5)-(6).

    The Jacobian of (5)-(6) is ``J = [[(w11-1)/tau1, w21/tau1],
    [w12/tau2, (w22-1)/tau2]]``; the Hamiltonian condition (13) makes its
    trace vanish, so its eigenvalues are ``±sqrt(-det J)`` with
    ``-det J = (w11-1)**2/tau1**2 + w12 w21/(tau1 tau2)`` (the ``Delta`` of
    the module docstring).  ``det J > 0``: a centre (closed orbits);
    ``det J < 0``: a saddle; ``det J = 0`` (within ``RTOL`` of its terms):
    degenerate.  (The equilibrium may lie outside the both-active region; the
    type is that of the linear system.)

    Parameters
    ----------
    params : CTRNN2 or mapping
        See :func:`hamiltonian_params`.

    Returns
    -------
    ndarray of str
        ``"centre"``, ``"saddle"`` or ``"degenerate"`` per network.
    """
    minus_det, size = _minus_det_jacobian(hamiltonian_params(params))
    tol = RTOL * size
    return np.where(minus_det < -tol, "centre",
                    np.where(minus_det > tol, "saddle", "degenerate"))


def _networks(p: dict):
    """The networks of a parameter dict, flattened, as CTRNN2 objects."""
    flat = {k: v.ravel() for k, v in p.items()}
    names = ("tau1", "tau2", "w11", "w12", "w21", "w22", "theta1", "theta2", "I1", "I2")
    for i in range(flat["tau1"].size):
        yield CTRNN2(*(flat[k][i] for k in names))


def true_discrete_spectrum(params) -> np.ndarray:
    """Whether the correctly Weyl-quantized Ĥ has a discrete spectrum.

    This is the truth the printed conditions should reproduce: the operator
    has normalizable eigenfunctions spanning L²(ℝ) exactly when its spectrum
    is discrete.  Decided per network by
    :func:`ctrnn.quantum.has_discrete_spectrum` (the quantization chapter
    derives it).

    Parameters
    ----------
    params : CTRNN2 or mapping
        See :func:`hamiltonian_params`.

    Returns
    -------
    bool ndarray
    """
    from .quantum import has_discrete_spectrum
    p = hamiltonian_params(params)
    values = [bool(has_discrete_spectrum(net)) for net in _networks(p)]
    return np.array(values, dtype=bool).reshape(p["tau1"].shape)


def _minus_det_jacobian(p: dict):
    """``-det J`` of (5)-(6) and the size of its two terms (see :func:`classical_type`)."""
    a = (p["w11"] - 1.0) * (p["w22"] - 1.0) / (p["tau1"] * p["tau2"])
    b = p["w12"] * p["w21"] / (p["tau1"] * p["tau2"])
    return b - a, np.abs(a) + np.abs(b)


# ------------------------------------------------ the paper's eigenfunctions
@functools.lru_cache(maxsize=None)
def _printed_psi(n: int):
    import sympy as sp
    from .paper import EQUATIONS
    from .symbols import PARAMETERS, m, xi1, xi2, y2
    number = 32 if n % 2 == 0 else 33
    expr = EQUATIONS[number].rhs.subs(m, n // 2)
    expr = expr.subs({xi1: EQUATIONS[25].rhs, xi2: EQUATIONS[26].rhs})
    expr = sp.expand_func(expr.subs(coefficient_substitution()).doit())
    return sp.lambdify((*PARAMETERS, y2), expr, modules="numpy")


def paper_eigenfunction(params, n: int, y2) -> np.ndarray:
    """The paper's eigenfunction ψ_n(y2), Eq. (32) (n even) or (33) (n odd), as printed.

    ξ1 and ξ2 come from Eqs. (25)-(26), the coefficients from (19)-(20);
    fractional powers and square roots of negative numbers take their
    principal complex values.

    Parameters
    ----------
    params : CTRNN2 or mapping
        One network (a mapping must describe a single network).
    n : int
        Quantum number n >= 0 (``n = 2m`` or ``2m + 1``).
    y2 : array_like
        Points at which to evaluate.

    Returns
    -------
    complex ndarray, the shape of ``y2``.  Not finite where the printed
    Hermite argument divides by zero (``C2 = 0`` or ``4 C2 D2 + E2**2 = 0``).

    Raises
    ------
    ValueError
        If ``n`` is not a non-negative integer, ``y2`` is not finite real, or
        ``params`` is bad or describes more than one network.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError(f"n must be a non-negative integer (quantum number of Eqs. (32)-(33)), got {n!r}")
    p = hamiltonian_params(params)
    if p["tau1"].size != 1:
        raise ValueError("params must describe a single network")
    try:
        y = np.asarray(y2, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"y2 must be real numbers, got {y2!r}") from None
    if not np.all(np.isfinite(y)):
        raise ValueError("y2 must be finite")
    from .symbols import PARAMETERS
    args = [complex(p[s.name].ravel()[0]) for s in PARAMETERS]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out = _printed_psi(int(n))(*args, y.astype(complex))
    return np.asarray(out, dtype=complex) * np.ones(y.shape)


def ground_state_tails(params, y2_ends=(-8.0, 8.0)) -> dict:
    """Re ξ1 of Eq. (25) and the size of the true and printed ground states far out.

    Parameters
    ----------
    params : CTRNN2 or mapping
        One Hamiltonian network with a discrete spectrum (Δ < 0).
    y2_ends : sequence of float
        Points far from the centre at which to compare (at least one).

    Returns
    -------
    dict
        ``"re_xi1"``: Re ξ1 (:func:`xi_printed`), rounded to 6 decimals;
        ``"true_log10_max"``: the largest log10 abs(ψ0) of the correct ground state
        (:func:`ctrnn.quantum.eigenfunctions`) at ``y2_ends``, rounded to 3;
        ``"paper_log10_min"``: the smallest log10 abs(ψ0) of the paper's ψ0
        (:func:`paper_eigenfunction`, Eq. (32)) there, rounded to 3.

    Raises
    ------
    ValueError
        If ``y2_ends`` is empty or not finite, or ``params`` is bad, describes
        more than one network, or has no discrete spectrum.
    """
    from . import quantum
    ends = np.asarray(y2_ends, dtype=float)
    if ends.ndim != 1 or ends.size == 0 or not np.all(np.isfinite(ends)):
        raise ValueError(f"y2_ends must be a non-empty sequence of finite numbers, got {y2_ends!r}")
    p = hamiltonian_params(params)
    if p["tau1"].size != 1:
        raise ValueError("params must describe a single network")
    net = params if isinstance(params, CTRNN2) else CTRNN2.hamiltonian(
        **{k: float(p[k].ravel()[0]) for k in HAMILTONIAN_PARAMETERS})
    true_log = np.log10(np.abs(quantum.eigenfunctions(net, 1, ends)[0]))
    paper_log = np.log10(np.abs(paper_eigenfunction(net, 0, ends)))
    return {"re_xi1": round(float(np.real(xi_printed(net)[0])), 6),
            "true_log10_max": round(float(true_log.max()), 3),
            "paper_log10_min": round(float(paper_log.min()), 3)}


# --------------------------------------------------------- parameter maps
#: The axis name :func:`condition_map` accepts besides the parameters: the
#: ratio of time constants (tau2 = ratio * tau1).
RATIO = "tau2/tau1"


def condition_map(x_name: str, x_values, y_name: str, y_values, fixed: Mapping,
                  rtol: float = RTOL) -> dict:
    """Evaluate the printed conditions and the truth on a parameter grid.

    Parameters
    ----------
    x_name, y_name : str
        Parameters varied along the axes: keys of
        :data:`HAMILTONIAN_PARAMETERS`, or ``"tau2/tau1"`` (then ``tau2`` is
        that ratio times ``fixed["tau1"]``).
    x_values, y_values : array_like, 1-D
        Grid values.
    fixed : mapping
        Values of the remaining parameters (``theta1, theta2, I1, I2``
        default to 0).
    rtol : float, optional
        Passed to :func:`printed_conditions`.

    Returns
    -------
    dict
        ``"x"``, ``"y"`` (2-D grids, rows along y); boolean grids ``"38"``,
        ``"39"``, ``"40"``, ``"paper"`` (:func:`printed_conditions`),
        ``"true"`` (:func:`true_discrete_spectrum`), ``"centre"``
        (:func:`classical_type`); float grids ``"Delta"`` (``-det J``, the
        radicand of (38)) and ``"re40"`` (the real part of the left side of
        (40)).

    Raises
    ------
    ValueError
        If an axis name is unknown or repeated, an axis parameter also
        appears in ``fixed``, the grids are not 1-D finite arrays, or the
        parameters are bad (:func:`hamiltonian_params`).
    """
    allowed = set(HAMILTONIAN_PARAMETERS) | {RATIO}
    for label, name in (("x_name", x_name), ("y_name", y_name)):
        if name not in allowed:
            raise ValueError(f"{label} must be one of {sorted(allowed)}, got {name!r}")
    if x_name == y_name:
        raise ValueError(f"x_name and y_name must differ, both are {x_name!r}")
    grids = []
    for label, values in (("x_values", x_values), ("y_values", y_values)):
        arr = np.asarray(values, dtype=float)
        if arr.ndim != 1 or arr.size < 2 or not np.all(np.isfinite(arr)):
            raise ValueError(f"{label} must be a 1-D array of at least two finite numbers")
        grids.append(arr)
    if not isinstance(fixed, Mapping):
        raise ValueError(f"fixed must be a mapping of parameter values, got {type(fixed).__name__}")
    clash = {x_name, y_name} & set(fixed)
    if clash:
        raise ValueError(f"fixed must not contain the axis parameters {sorted(clash)}")
    X, Y = np.meshgrid(*grids)
    params = dict(fixed)
    for name, grid in ((x_name, X), (y_name, Y)):
        if name == RATIO:
            if "tau1" not in params and "tau1" not in (x_name, y_name):
                raise ValueError("an axis tau2/tau1 needs tau1 in fixed")
            if "tau2" in params:
                raise ValueError("fixed must not give tau2 when an axis is tau2/tau1")
        params[name] = grid
    if RATIO in params:
        params["tau2"] = params.pop(RATIO) * params["tau1"]
    p = hamiltonian_params(params)
    out = {"x": X, "y": Y, **printed_conditions(_free(p), rtol=rtol)}
    out["true"] = true_discrete_spectrum(_free(p))
    out["centre"] = classical_type(_free(p)) == "centre"
    out["Delta"] = _minus_det_jacobian(p)[0]
    out["re40"] = _call(40, p).real
    return out


def _free(p: dict) -> dict:
    """The free parameters of a validated parameter dict (drops ``w22``)."""
    return {k: p[k] for k in HAMILTONIAN_PARAMETERS}


# ------------------------------------------------------------ Monte Carlo
#: The sampling distribution of :func:`sample_hamiltonian_networks`.
DISTRIBUTION = {
    "tau1": ("log-uniform", 0.1, 10.0), "tau2": ("log-uniform", 0.1, 10.0),
    "w11": ("uniform", -5.0, 5.0), "w12": ("uniform", -5.0, 5.0),
    "w21": ("uniform", -5.0, 5.0),
    "theta1": ("normal", 0.0, 1.0), "theta2": ("normal", 0.0, 1.0),
    "I1": ("normal", 0.0, 1.0), "I2": ("normal", 0.0, 1.0),
}
#: Default seed of the Monte Carlo (the paper's date, 12 February 2020).
SEED = 20200212


def sample_hamiltonian_networks(n: int, seed: int = SEED) -> dict:
    """Random Hamiltonian networks drawn from :data:`DISTRIBUTION`.

    τ1, τ2 are log-uniform on [0.1, 10]; w11, w12, w21 uniform on [-5, 5];
    θ1, θ2, I1, I2 standard normal; all independent, drawn in the order of
    :data:`HAMILTONIAN_PARAMETERS` from ``numpy.random.default_rng(seed)``;
    w22 then follows from Eq. (13).

    Parameters
    ----------
    n : int
        Number of networks, n >= 1.
    seed : int, optional
        Seed of the generator.

    Returns
    -------
    dict
        Parameter arrays of shape ``(n,)`` (keys of :data:`HAMILTONIAN_PARAMETERS`).

    Raises
    ------
    ValueError
        If ``n`` is not a positive integer or ``seed`` not a non-negative integer.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    rng = np.random.default_rng(seed)
    out = {}
    for key in HAMILTONIAN_PARAMETERS:
        kind, a, b = DISTRIBUTION[key]
        if kind == "log-uniform":
            out[key] = np.exp(rng.uniform(np.log(a), np.log(b), n))
        elif kind == "uniform":
            out[key] = rng.uniform(a, b, n)
        else:
            out[key] = rng.normal(a, b, n)
    return out


def monte_carlo(n: int = 100_000, seed: int = SEED) -> dict:
    """Agreement of the paper's criterion with the truth on random networks.

    Draws ``n`` networks with :func:`sample_hamiltonian_networks` and
    compares the paper's criterion ``(38) or ((39) and (40))``
    (:func:`printed_conditions`) with the discreteness of the correctly
    quantized Ĥ (:func:`true_discrete_spectrum`) and with the classical
    equilibrium type (:func:`classical_type`).

    Parameters
    ----------
    n : int, optional
        Number of networks.
    seed : int, optional
        Seed of the generator.

    Returns
    -------
    dict
        ``n``, ``seed``; the confusion matrix as counts ``paper_and_true``,
        ``paper_only``, ``true_only``, ``neither``; ``agreement`` (fraction
        where the two agree); ``fraction_paper``, ``fraction_true``; counts
        ``n38``, ``n39``, ``n40`` of each printed condition;
        ``true_equals_centre`` (fraction where discreteness coincides with a
        classical centre); ``paper_saddle`` (fraction of the networks the
        paper accepts whose both-active equilibrium is a saddle);
        ``true_with_40`` (fraction of truly discrete networks satisfying (40)).

    Raises
    ------
    ValueError
        As :func:`sample_hamiltonian_networks`.
    """
    p = sample_hamiltonian_networks(n, seed)
    printed = printed_conditions(p)
    truth = true_discrete_spectrum(p)
    kind = classical_type(p)
    paper = printed["paper"]
    out = {
        "n": int(n), "seed": int(seed),
        "paper_and_true": int(np.sum(paper & truth)),
        "paper_only": int(np.sum(paper & ~truth)),
        "true_only": int(np.sum(~paper & truth)),
        "neither": int(np.sum(~paper & ~truth)),
        "agreement": float(np.mean(paper == truth)),
        "fraction_paper": float(np.mean(paper)),
        "fraction_true": float(np.mean(truth)),
        "n38": int(np.sum(printed["38"])), "n39": int(np.sum(printed["39"])),
        "n40": int(np.sum(printed["40"])),
        "true_equals_centre": float(np.mean(truth == (kind == "centre"))),
        "paper_saddle": float(np.mean(kind[paper] == "saddle")) if paper.any() else float("nan"),
        "true_with_40": float(np.mean(printed["40"][truth])) if truth.any() else float("nan"),
    }
    return out


_MC_COUNTS = ("n", "seed", "paper_and_true", "paper_only", "true_only", "neither", "n39")
_MC_PERCENTAGES = ("agreement", "fraction_paper", "fraction_true", "paper_saddle",
                   "true_equals_centre", "true_with_40")


def _require_mc(mc) -> None:
    missing = [k for k in _MC_COUNTS + _MC_PERCENTAGES if not isinstance(mc, Mapping) or k not in mc]
    if missing:
        raise ValueError(f"mc must be a result of monte_carlo(); missing keys {missing}")


def monte_carlo_summary(mc: Mapping) -> dict:
    """The numbers the chapter quotes from :func:`monte_carlo`, keyed ``mc_<name>``.

    Counts as they are; fractions as percentages rounded to 6 decimals.

    Raises
    ------
    ValueError
        If ``mc`` lacks a key of :func:`monte_carlo`'s result.
    """
    _require_mc(mc)
    out = {f"mc_{k}": mc[k] for k in _MC_COUNTS}
    out.update({f"mc_{k}": round(100 * mc[k], 6) for k in _MC_PERCENTAGES})
    return out


def monte_carlo_table(mc: Mapping) -> str:
    """The confusion matrix of :func:`monte_carlo` as Markdown: the paper's
    criterion (38)-(40) against a discrete spectrum of the correct Ĥ.

    Raises
    ------
    ValueError
        If ``mc`` lacks a key of :func:`monte_carlo`'s result.
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
    from . import plotting
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
    from . import plotting
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
    quantized Ĥ (:func:`condition_map`), hatches the classical centres of
    the both-active system (:func:`classical_type`), and draws the curve
    ``Delta = 0`` (dashed), the rest of the set where (39) holds (solid) and
    the boundary of (40) (dotted).

    Parameters
    ----------
    x_name, y_name : str
        Axis parameters (see :func:`condition_map`).
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
        or :func:`condition_map` rejects the parameters.
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
    from . import plotting
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

    One panel per network.  The paper's ψ_n (:func:`paper_eigenfunction`)
    are drawn in the paper's colour, one line style per n; where the
    correctly quantized Ĥ has a discrete spectrum its ground state
    (:func:`ctrnn.quantum.eigenfunctions`) is drawn in the truth's colour.

    Parameters
    ----------
    cases : mapping
        Panel label -> network parameters (see :func:`hamiltonian_params`).
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
    from . import plotting, quantum
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
