"""The whole ReLU plane: where the Hamiltonian (18) governs the motion, and where not.

The Hamiltonian (18) generates the flow (5)-(6) only where both neurons are
active, the closed quadrant ``A = {y1 >= -theta1, y2 >= -theta2}``. There
Hamilton's equations (11) hold and H is conserved; the other three regions
(both inactive, Eqs. 7-8, and the two one-neuron regions) have their own
linear flows, along which H changes. This module maps the global phase
portrait of Hamiltonian networks (condition 13):

* which initial conditions stay in A forever, in closed form
  (:func:`active_infimum`, :func:`is_conservative_forever`), and for a centre
  the level range of H that bounds them (:func:`conservative_level_range`);
* the rate of change of H in every region (:func:`hamiltonian_rate`,
  :func:`hamiltonian_rate_symbolic`) and its sign on the shallow excursions of
  orbits that graze the boundary of the conservative set
  (:func:`grazing_stability`);
* the fate of trajectories that leave A, by exact piecewise-linear
  simulation (:func:`fate`, :func:`fate_map`, with
  :func:`ctrnn.classical.dynamics.simulate`);
* three figures (:func:`~ctrnn.book.relu_plane.plot_global_portrait`, :func:`~ctrnn.book.relu_plane.plot_fate_map`,
  :func:`~ctrnn.book.relu_plane.plot_hamiltonian_history`).

Inside A the flow is ``dy/dt = M y + b`` with ``M = [[E2, 2 D2], [2 C2, -E2]]``
and ``b = (D1, C1)`` (Hamilton's equations of Eq. 18 with the coefficients
19-20). M has trace 0, so ``M @ M = Delta * I`` with
``Delta = E2**2 + 4 C2 D2`` (Cayley-Hamilton); that identity gives every
orbit of the active flow in closed form.
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import scipy.optimize
import sympy as sp

from ctrnn import symbols as S
from ctrnn._validation import integer, real
from ctrnn.classical import hamiltonian as ham
from ctrnn.classical.dynamics import (
    REGIONS,
    _affine_flow,
    _require_array,
    _require_network,
    _require_region,
    equilibrium,
    linear_flow,
    linear_system,
    linear_system_symbolic,
    region_analysis,
    simulate,
)

#: The both-active region, where the flow is Eqs. (5)-(6) and H (18) is conserved.
ACTIVE = (1, 1)

#: The possible fates of an initial condition over a finite horizon (:func:`fate`).
FATES = ("stays", "returns", "settles", "escapes", "leaves")

#: Three Hamiltonian parameter sets (w22 from Eq. 13 via CTRNN2.from_condition_13):
#: a centre with its equilibrium inside A, a centre with its equilibrium outside
#: A, and a saddle with its equilibrium inside A.
CASES = {
    "centre inside": dict(tau1=1.0, tau2=1.0, w11=1.5, w12=2.0, w21=-2.0,
                          theta1=1.0, theta2=0.5, I1=0.5, I2=-2.5),
    "centre outside": dict(tau1=1.0, tau2=1.0, w11=1.5, w12=2.0, w21=-2.0,
                           theta1=1.0, theta2=0.5, I1=1.25, I2=1.0),
    "saddle": dict(tau1=1.0, tau2=1.0, w11=1.5, w12=2.0, w21=1.0,
                   theta1=1.0, theta2=1.0, I1=-3.0, I2=-3.0),
}

#: A centre inside A whose conservative disc repels the orbits just outside it:
#: w11 = 2.5 makes w22 = -0.5 (Eq. 13), and the critical ellipse touches
#: neuron 2's switching line (:func:`grazing_stability`).
REPELLING = dict(tau1=1.0, tau2=1.0, w11=2.5, w12=2.0, w21=-2.0,
                 theta1=1.0, theta2=0.5, I1=-3.75, I2=-4.75)

_DIRECTIONS = ("forward", "backward", "both")

#: Relative size below which a saddle orbit's coefficient along an eigenvector
#: counts as zero in :func:`active_infimum` (rounding of ``d +- M d / lambda``).
_MANIFOLD_RTOL = 1e-12


# ------------------------------------------------------------------ helpers
def networks():
    """The networks of :data:`CASES`, keyed by case name.

    Returns
    -------
    dict
        case name -> :class:`ctrnn.classical.network.CTRNN2` satisfying condition (13).
    """
    from ctrnn.classical.network import CTRNN2
    return {name: CTRNN2.from_condition_13(**p) for name, p in CASES.items()}


def _require_hamiltonian(net):
    """The network, its coefficients (19)-(20); ValueError unless Eq. (13) holds."""
    net = _require_network(net)
    return net, net.hamiltonian_coefficients()


def _require_direction(direction):
    if direction not in _DIRECTIONS:
        raise ValueError(f"direction must be one of {_DIRECTIONS}, got {direction!r}")
    return direction


def _require_points(y):
    y = _require_array("y0", y)
    if y.shape[:1] != (2,):
        raise ValueError(f"y0 must have length 2 along its first axis, got shape {y.shape}")
    return y


def _require_grid(name, grid):
    grid = _require_array(name, grid)
    if grid.ndim != 1 or grid.size < 2:
        raise ValueError(f"{name} must be a 1-d array of at least two values, got shape {grid.shape}")
    if np.any(np.diff(grid) <= 0):
        raise ValueError(f"{name} must increase strictly")
    return grid


def _require_decimals(decimals):
    if decimals is not None and not (isinstance(decimals, (int, np.integer))
                                     and not isinstance(decimals, bool) and decimals >= 0):
        raise ValueError(f"decimals must be None or a non-negative integer, got {decimals!r}")
    return decimals


def _require_positive(name, value):
    if not (isinstance(value, (int, float, np.floating, np.integer))
            and math.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a positive finite number, got {value!r}")
    return float(value)


def _offsets(net):
    return np.array([net.theta1, net.theta2])


# --------------------------------------------------------- the active flow
def active_flow(net):
    """The both-active flow (5)-(6) as Hamilton's equations (11) of H (18).

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13).

    Returns
    -------
    dict
        ``M`` (``[[E2, 2 D2], [2 C2, -E2]]``, trace 0), ``b`` (``(D1, C1)``),
        ``delta`` (``E2**2 + 4 C2 D2``, so that ``M @ M = delta * I``),
        ``case`` (:func:`ctrnn.classical.hamiltonian.hamiltonian_case`), ``equilibrium``
        (``-M^{-1} b`` or None), ``inside`` (the equilibrium lies in the closed
        region A) and ``energy`` (H at the equilibrium, or None).

    Raises
    ------
    ValueError
        If the network does not satisfy condition (13).
    """
    net, _ = _require_hamiltonian(net)
    M, b = ham.hamilton_system(net)
    case = ham.hamiltonian_case(net)
    z = equilibrium(net, ACTIVE) if case in ("centre", "saddle") else None
    return {
        "M": M, "b": b, "delta": ham.discriminant(net), "case": case,
        "equilibrium": z,
        "inside": bool(z is not None and np.all(z + _offsets(net) >= 0)),
        "energy": None if z is None else float(ham.hamiltonian_value(net, z)),
    }


def active_eigenvectors(net, decimals=None):
    """Eigenvalues and eigenvectors of the active flow's matrix M of a saddle.

    For a saddle (``Delta = E2**2 + 4 C2 D2 > 0``, coefficients 19-20) the
    matrix ``M = [[E2, 2 D2], [2 C2, -E2]]`` of Hamilton's equations (11) has
    the real eigenvalues ``+-sqrt(Delta)``; orbits leave along the eigenvector
    of the positive one forward in time and along that of the negative one
    backward in time.

    Parameters
    ----------
    net : CTRNN2
        A saddle network satisfying condition (13).
    decimals : int, optional
        Round eigenvalues and eigenvector components to this many decimals.

    Returns
    -------
    dict
        eigenvalue (float) -> eigenvector (tuple of two floats), scaled so that
        its first non-zero component is 1; in ascending order of eigenvalue.

    Raises
    ------
    ValueError
        If condition (13) fails, the flow is not a saddle, or ``decimals`` is
        not a non-negative integer.
    """
    flow = active_flow(net)
    if flow["case"] != "saddle":
        raise ValueError("net must be a saddle (E2^2 + 4 C2 D2 > 0, Eqs. 19-20), "
                         f"got a {flow['case']} case")
    decimals = _require_decimals(decimals)
    (e2, d2), (c2, _) = flow["M"] / np.array([[1.0, 2.0], [2.0, 1.0]])
    root = float(np.sqrt(flow["delta"]))
    out = {}
    for value in (-root, root):
        # closed form: (M - value I) v = 0 has the solutions (2 D2, value - E2)
        # and (value + E2, 2 C2); the larger is the accurate one (no
        # eigensolver rounding, exact zeros stay exact, so "first non-zero
        # component" is decided without a threshold)
        first = np.array([2.0 * d2, value - e2])
        second = np.array([value + e2, 2.0 * c2])
        v = first if np.abs(first).max() >= np.abs(second).max() else second
        v = v / v[np.flatnonzero(v)[0]] + 0.0          # + 0.0: no signed zeros
        if decimals is not None:
            value, v = round(value, decimals), np.round(v, decimals)
        out[value] = tuple(float(x) for x in v)
    return out


def boundary_extrema(net):
    """Stationary points of H (18) on the two switching lines through A's corner.

    On the line ``y1 = -theta1`` H is the quadratic
    ``D2 y2**2 + (D1 - E2 theta1) y2 + C1 theta1 - C2 theta1**2`` in y2, and on
    ``y2 = -theta2`` it is ``-C2 y1**2 - (C1 + E2 theta2) y1 - D1 theta2 + D2 theta2**2``
    in y1 (Eqs. 18-19 restricted to the line); each has one stationary point,
    its vertex, when its leading coefficient is non-zero.

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13).

    Returns
    -------
    list of dict
        One dict per line, ``neuron`` (1 for ``y1 = -theta1``, 2 for
        ``y2 = -theta2``), ``point`` (ndarray (2,), or None without a vertex),
        ``value`` (H there, or None) and ``kind`` (``"min"``, ``"max"`` or None).
    """
    net, c = _require_hamiltonian(net)
    t1, t2 = net.theta1, net.theta2
    lines = [  # (neuron, leading coefficient, linear coefficient, constant, point from vertex)
        (1, c["D2"], c["D1"] - c["E2"] * t1, c["C1"] * t1 - c["C2"] * t1 ** 2,
         lambda v: np.array([-t1, v])),
        (2, -c["C2"], -c["C1"] - c["E2"] * t2, -c["D1"] * t2 + c["D2"] * t2 ** 2,
         lambda v: np.array([v, -t2])),
    ]
    out = []
    scale = max(abs(c["C2"]), abs(c["D2"]), abs(c["E2"]), 1e-300)
    for neuron, a, lin, const, point in lines:
        if abs(a) <= 1e-12 * scale:
            out.append({"neuron": neuron, "point": None, "value": None, "kind": None})
            continue
        vertex = -lin / (2 * a)
        out.append({"neuron": neuron, "point": point(vertex),
                    "value": float(const - lin ** 2 / (4 * a)),
                    "kind": "min" if a > 0 else "max"})
    return out


def conservative_level_range(net):
    """Levels of H (18) whose whole orbit stays in A: the conservative disc.

    For a centre (``Delta = E2**2 + 4 C2 D2 < 0``) H is a definite quadratic
    with its extremum H* at the equilibrium z*, and its level sets are ellipses
    around z*. An ellipse lies in the convex quadrant A iff it lies on the
    active side of both lines ``y_i = -theta_i``, i.e. iff its level lies
    between H* and the nearer of H's extrema on the two lines
    (:func:`boundary_extrema`), which is
    :func:`ctrnn.classical.hamiltonian.boundary_orbit_level`. The set of such orbits is
    the closed elliptic disc ``{H between H* and h_c}``; it is empty when z*
    lies outside A (A is convex and every ellipse encloses z*).

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13).

    Returns
    -------
    tuple of float or None
        ``(h_low, h_high)`` with one end H* and the other the critical level h_c
        at which the ellipse first touches a switching line; None if the flow is
        not a centre (no closed orbits) or z* lies outside A.

    Raises
    ------
    ValueError
        If the network does not satisfy condition (13).
    """
    flow = active_flow(net)
    if flow["case"] != "centre" or not flow["inside"]:
        return None
    h_star = flow["energy"]
    if np.any(flow["equilibrium"] + _offsets(net) <= 0):
        # z* on a switching line: the disc shrinks to the single point z*
        return (h_star, h_star)
    h_c = ham.boundary_orbit_level(net)
    return (min(h_c, h_star), max(h_c, h_star))


# ------------------------------------------------ closed-form orbit bounds
def _inf_hyperbolic(a, B, C, tol):
    """inf over u >= 1 of a + B u + C / u (elementwise); ``|B|, |C| <= tol`` count as 0.

    On the unstable (stable) manifold of a saddle the coefficient of the
    growing exponential is zero in exact arithmetic but a rounding-level
    number of either sign in floating point; a negative one would send the
    infimum to -inf.  ``tol`` (a multiple of the unit roundoff times the size
    of the terms it is computed from) sets such coefficients to 0.
    """
    B = np.where(np.abs(B) <= tol, 0.0, B)
    C = np.where(np.abs(C) <= tol, 0.0, C)
    with np.errstate(invalid="ignore", divide="ignore"):
        u_star = np.sqrt(np.where((B > 0) & (C > 0), C / np.where(B > 0, B, 1.0), 0.0))
        interior = (B > 0) & (C > 0) & (u_star >= 1)
        value = np.where(interior, a + 2 * np.sqrt(np.abs(B * C)), a + B + C)
    value = np.where(B < 0, -np.inf, value)
    return np.where(B == 0, np.where(C >= 0, a, a + C), value)


def _inf_quadratic(a, b, c, tol):
    """inf over t >= 0 of a + b t + c t**2 (elementwise); |c| <= tol counts as 0."""
    c = np.where(np.abs(c) <= tol, 0.0, c)
    with np.errstate(invalid="ignore", divide="ignore"):
        vertex = np.where((c > 0) & (b < 0), a - b * b / (4 * np.where(c > 0, c, 1.0)), a)
    linear = np.where(b < 0, -np.inf, a)
    return np.where(c < 0, -np.inf, np.where(c > 0, vertex, linear))


def active_infimum(net, y0, direction="forward"):
    """Exact lower bounds of ``y_i + theta_i`` along the active flow's orbit.

    Along the orbit of ``dy/dt = M y + b`` (Eqs. 5-6 = Eq. 11 with H of Eq. 18)
    through y0, each neuron's ReLU argument ``s_i = y_i + theta_i`` is
    ``a + p cos(w t) + q sin(w t)`` (centre, ``w = sqrt(-Delta)``),
    ``a + B e^{l t} + C e^{-l t}`` (saddle, ``l = sqrt(Delta)``) or a quadratic in
    t (``Delta = 0``, where ``M @ M = 0``); its infimum over t >= 0 (forward),
    t <= 0 (backward) or all t (both) is taken in closed form. The orbit of
    the network through y0 stays in A for those times iff both infima are >= 0:
    where it stays in A the network's flow is the active flow.

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13).
    y0 : array_like, shape (2, ...)
        Initial states; trailing axes are broadcast.
    direction : {"forward", "backward", "both"}, optional

    Returns
    -------
    ndarray, shape (2, ...)
        The infima (``-inf`` when s_i is unbounded below).
    """
    flow = active_flow(net)
    y0 = _require_points(y0)
    direction = _require_direction(direction)
    if direction == "both":
        return np.minimum(active_infimum(net, y0, "forward"),
                          active_infimum(net, y0, "backward"))
    M, b, theta = flow["M"], flow["b"], _offsets(net)
    ext = (slice(None),) + (None,) * (y0.ndim - 1)
    sign = 1.0 if direction == "forward" else -1.0
    if flow["case"] in ("centre", "saddle"):
        z = flow["equilibrium"][ext]
        d = y0 - z
        Md = np.einsum("ij,j...->i...", M, d)
        a = z + theta[ext]
        if flow["case"] == "centre":
            omega = math.sqrt(-flow["delta"])
            return a - np.hypot(d, Md / omega)
        lam = math.sqrt(flow["delta"])
        B, C = (d + sign * Md / lam) / 2, (d - sign * Md / lam) / 2
        # B and C are differences of d and Md / lam: their rounding error is a
        # few units of roundoff of |d| + |Md| / lam (1e-12 leaves a margin of
        # about 5000 ulp; a genuine coefficient that small is a point within
        # 1e-12 of an invariant manifold, where either answer is rounding).
        tol = _MANIFOLD_RTOL * (np.abs(d) + np.abs(Md) / lam)
        return _inf_hyperbolic(a, B, C, tol)
    # Delta = 0: y(t) = y0 + t v0 + t^2/2 M v0 exactly, since M @ M = 0
    v0 = np.einsum("ij,j...->i...", M, y0) + b[ext]
    acc = np.einsum("ij,j...->i...", M, v0) / 2
    scale = 1e-12 * (1 + np.abs(M).max()) * (1 + np.abs(v0))
    return _inf_quadratic(y0 + theta[ext], sign * v0, acc, scale)


def is_conservative_forever(net, y0, direction="forward", tol=1e-9):
    """Whether the motion from y0 conserves H (18) for all future (or past) time.

    H is conserved exactly as long as the state stays in the closed region A,
    where the network's flow is Hamilton's equations (11) of H (Eqs. 5-6). The
    ReLU flow (2)-(4) is Lipschitz, so its solutions are unique; an orbit of
    the active flow that never leaves A is therefore the network's orbit too.
    This tests that with the closed-form infima of :func:`active_infimum`.

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13).
    y0 : array_like, shape (2, ...)
        Initial states.
    direction : {"forward", "backward", "both"}, optional
        t >= 0, t <= 0 or the whole orbit.
    tol : float, optional
        Tolerance on the infima relative to ``1 + |theta| + |y0|``, so that
        orbits tangent to a switching line (the edge of the conservative set)
        count as staying.

    Returns
    -------
    bool or ndarray of bool
        One value per initial state.
    """
    tol = _require_positive("tol", tol)
    y0 = _require_points(y0)
    inf = active_infimum(net, y0, direction)
    ext = (slice(None),) + (None,) * (y0.ndim - 1)
    scale = 1 + np.abs(_offsets(net))[ext] + np.abs(y0)
    out = np.all(inf >= -tol * scale, axis=0)
    return bool(out) if out.ndim == 0 else out


def conservative_mask(net, y1_grid, y2_grid, direction="forward"):
    """:func:`is_conservative_forever` on the grid ``y1_grid x y2_grid``.

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13).
    y1_grid, y2_grid : array_like
        Strictly increasing 1-d grids.
    direction : {"forward", "backward", "both"}, optional

    Returns
    -------
    ndarray of bool, shape (len(y2_grid), len(y1_grid))
        Row i, column j is the point ``(y1_grid[j], y2_grid[i])``.
    """
    g1, g2 = _require_grid("y1_grid", y1_grid), _require_grid("y2_grid", y2_grid)
    Y1, Y2 = np.meshgrid(g1, g2)
    return is_conservative_forever(net, np.array([Y1, Y2]), direction)


def conservative_fractions(net, y1_grid, y2_grid, decimals=None):
    """Fraction of the grid ``y1_grid x y2_grid`` that conserves H (18) for all time.

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13).
    y1_grid, y2_grid : array_like
        Strictly increasing 1-d grids.
    decimals : int, optional
        Round the fractions to this many decimals.

    Returns
    -------
    dict
        ``"forward"``, ``"backward"``, ``"both"`` -> fraction of grid points
        whose orbit stays in A for t >= 0, t <= 0, all t
        (:func:`conservative_mask`).

    Raises
    ------
    ValueError
        If condition (13) fails, a grid is not strictly increasing and 1-d, or
        ``decimals`` is not a non-negative integer.
    """
    decimals = _require_decimals(decimals)
    out = {d: float(conservative_mask(net, y1_grid, y2_grid, d).mean()) for d in _DIRECTIONS}
    return out if decimals is None else {d: round(f, decimals) for d, f in out.items()}


def conservative_points(net, y1_grid, y2_grid, direction="forward"):
    """The grid points ``(y1, y2)`` whose motion conserves H (18) for all time.

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13).
    y1_grid, y2_grid : array_like
        Strictly increasing 1-d grids.
    direction : {"forward", "backward", "both"}, optional

    Returns
    -------
    ndarray, shape (2, k)
        The k conservative points of :func:`conservative_mask`, row by row.
    """
    mask = conservative_mask(net, y1_grid, y2_grid, direction)
    rows, cols = np.nonzero(mask)
    return np.array([np.asarray(y1_grid, dtype=float)[cols],
                     np.asarray(y2_grid, dtype=float)[rows]])


def level_orbit_agreement(net, y1_grid, y2_grid):
    """Compare the level test and the orbit test of conservation on a grid.

    The level test puts a point in the conservative disc when H (18) lies
    between H* and h_c (:func:`conservative_level_range`); the orbit test
    takes the closed-form minimum of ``y_i + theta_i`` along the orbit of the
    active flow (:func:`conservative_mask`). The two share no formula; they can
    only disagree on the critical ellipse ``H = h_c``, where rounding decides.

    Parameters
    ----------
    net : CTRNN2
        A centre (``E2**2 + 4 C2 D2 < 0``, Eqs. 19-20) satisfying condition
        (13) with its equilibrium in A.
    y1_grid, y2_grid : array_like
        Strictly increasing 1-d grids.

    Returns
    -------
    dict
        ``points`` (grid size), ``conservative`` (points passing the orbit
        test), ``disagree`` (points where the tests differ) and ``edge_gap``
        (largest ``|H - h_c|`` over the disagreeing points, 0 if none).

    Raises
    ------
    ValueError
        If condition (13) fails, there is no conservative disc, or a grid is not
        strictly increasing and 1-d.
    """
    levels = conservative_level_range(net)
    if levels is None:
        raise ValueError("net must be a centre (E2^2 + 4 C2 D2 < 0, Eqs. 19-20) with its "
                         "equilibrium in the both-active region, so that a conservative disc exists")
    by_orbit = conservative_mask(net, y1_grid, y2_grid)
    H = ham.hamiltonian_value(net, np.array(np.meshgrid(y1_grid, y2_grid)))
    by_level = (H >= levels[0]) & (H <= levels[1])
    h_c = grazing_stability(net)["level"]
    differ = by_level != by_orbit
    return {"points": int(by_level.size), "conservative": int(by_orbit.sum()),
            "disagree": int(differ.sum()),
            "edge_gap": float(np.max(np.abs(H - h_c)[differ], initial=0.0))}


# ------------------------------------------------------ H outside region A
def hamiltonian_gradient(net, y):
    """Gradient of H (18): ``(-C1 - 2 C2 y1 + E2 y2, D1 + 2 D2 y2 + E2 y1)``.

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13).
    y : array_like, shape (2, ...)

    Returns
    -------
    ndarray, shape (2, ...)
    """
    net, c = _require_hamiltonian(net)
    y1, y2 = _require_points(y)
    return np.array([-c["C1"] - 2 * c["C2"] * y1 + c["E2"] * y2,
                     c["D1"] + 2 * c["D2"] * y2 + c["E2"] * y1])


def hamiltonian_rate(net, y):
    """dH/dt along the network's own flow (2)-(4): ``grad H . f(y)``.

    Zero in A, where the flow is Hamilton's equations (11) of H; elsewhere
    given by :func:`hamiltonian_rate_symbolic`.

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13).
    y : array_like, shape (2, ...)

    Returns
    -------
    ndarray, shape (...)
    """
    grad = hamiltonian_gradient(net, y)
    return np.sum(grad * net.rhs(0.0, np.asarray(y, dtype=float)), axis=0)


def hamiltonian_rate_symbolic(region):
    """dH/dt in one ReLU region, derived with SymPy from Eqs. (2)-(3) and (18).

    H is the derived Hamiltonian (:func:`ctrnn.classical.hamiltonian.integrate_hamiltonian`,
    the form of Eq. 18), the flow is the region's linear system, and condition
    (13) is imposed by eliminating w22. Where neuron i is inactive its terms
    ``w_i1 s_i / tau1`` and ``w_i2 s_i / tau2`` (``s_i = y_i + theta_i``) are
    missing from the flow, so
    ``dH/dt = -sum_{i inactive} s_i (w_i1/tau1 dH/dy1 + w_i2/tau2 dH/dy2)``.

    Parameters
    ----------
    region : tuple
        One of :data:`ctrnn.classical.dynamics.REGIONS`.

    Returns
    -------
    sympy.Expr
        dH/dt, factored; zero for the both-active region.
    """
    return _rate_symbolic(_require_region(region))


@lru_cache(maxsize=None)
def _rate_symbolic(region):
    H = ham.integrate_hamiltonian()["H18"]
    A, b = linear_system_symbolic(region)
    flow = A * sp.Matrix([S.y1, S.y2]) + b
    rate = sp.diff(H, S.y1) * flow[0] + sp.diff(H, S.y2) * flow[1]
    (w22,) = sp.solve(ham.divergence(ACTIVE), S.w22)
    return sp.factor(sp.simplify(rate.subs(S.w22, w22)))


def conserving_weights(region):
    """The weights for which H (18) is conserved in a region other than A as well.

    dH/dt in ``region`` (:func:`hamiltonian_rate_symbolic`, Eq. 13 imposed by
    eliminating w22) is a polynomial in y1, y2; H is conserved throughout the
    region iff every coefficient vanishes.  SymPy solves these equations for
    the weights w11, w12, w21.  Where neuron i is off, the rate is
    ``-s_i (w_i1/tau1 dH/dy1 + w_i2/tau2 dH/dy2)``, so the solutions are the
    networks whose inactive neuron has no outgoing weights (``w_i1 = w_i2 = 0``):
    for neuron 2, ``w21 = 0`` and ``w22 = 0``, i.e. ``w11 = 1 + tau1/tau2`` by
    Eq. (13).

    Parameters
    ----------
    region : tuple
        One of :data:`ctrnn.classical.dynamics.REGIONS`.

    Returns
    -------
    list of dict
        SymPy's solutions (symbol -> expression); ``[]`` if there is none, and
        ``[{}]`` for the both-active region, where the rate is identically 0.
    """
    region = _require_region(region)
    return _conserving_weights(region)


@lru_cache(maxsize=None)
def _conserving_weights(region):
    rate = sp.expand(_rate_symbolic(region) * S.tau1 ** 2 * S.tau2 ** 2)
    if rate == 0:
        return [{}]
    coefficients = sp.Poly(rate, S.y1, S.y2).coeffs()
    return sp.solve(coefficients, [S.w11, S.w12, S.w21], dict=True)


def missing_drive_rate(region):
    """The compact form of dH/dt in a region, from the terms its flow lacks.

    Where neuron i is inactive, ReLU (4) removes ``w_i1 s_i`` from
    ``tau1 dy1/dt`` and ``w_i2 s_i`` from ``tau2 dy2/dt`` in Eqs. (2)-(3)
    (``s_i = y_i + theta_i``), and the remaining flow conserves H (18), so
    ``dH/dt = -sum_{i inactive} s_i (w_i1/tau1 dH/dy1 + w_i2/tau2 dH/dy2)``.
    Built from the weights and the derived H, not from the region's linear
    system; :func:`hamiltonian_rate_symbolic` is the direct computation.

    Parameters
    ----------
    region : tuple
        One of :data:`ctrnn.classical.dynamics.REGIONS`.

    Returns
    -------
    sympy.Expr
    """
    region = _require_region(region)
    (w22,) = sp.solve(ham.divergence(ACTIVE), S.w22)
    H = ham.integrate_hamiltonian()["H18"].subs(S.w22, w22)
    grad = (sp.diff(H, S.y1), sp.diff(H, S.y2))
    out_weights = {1: (S.w11 / S.tau1, S.w12 / S.tau2), 2: (S.w21 / S.tau1, w22 / S.tau2)}
    rate = sp.Integer(0)
    for i, (active, s) in enumerate(zip(region, (S.y1 + S.theta1, S.y2 + S.theta2)), start=1):
        if not active:
            a, b = out_weights[i]
            rate -= s * (a * grad[0] + b * grad[1])
    return rate

def region_divergences():
    """Divergence of each region's flow under condition (13), derived with SymPy.

    The divergence of each linear flow (:func:`ctrnn.classical.hamiltonian.divergence`)
    with w22 eliminated by Eq. (13). Zero in A; ``-w22/tau2`` with neuron 2
    off, ``-w11/tau1`` with neuron 1 off and ``-1/tau1 - 1/tau2`` with both off
    (Eqs. 7-8).

    Returns
    -------
    dict
        region -> sympy.Expr.
    """
    (w22,) = sp.solve(ham.divergence(ACTIVE), S.w22)
    return {r: sp.simplify(ham.divergence(r).subs(S.w22, w22)) for r in REGIONS}


def rate_formula_residuals():
    """Direct dH/dt minus the compact rate formula, in every region, simplified.

    Compares :func:`hamiltonian_rate_symbolic` (gradient of H (18) against the
    region's flow from Eqs. 2-3, under Eq. 13) with
    :func:`missing_drive_rate` (the terms the inactive neurons remove); each
    difference should simplify to zero.

    Returns
    -------
    dict
        region -> sympy.Expr, the simplified difference.
    """
    return {r: sp.simplify(hamiltonian_rate_symbolic(r) - missing_drive_rate(r))
            for r in [(1, 1), (1, 0), (0, 1), (0, 0)]}


def grazing_stability(net):
    """Whether orbits just outside the conservative disc are pulled back to it.

    At the critical level h_c the boundary ellipse of the conservative set
    touches the switching line ``y_i = -theta_i`` at one point, where the
    gradient of H is normal to the line and points towards z* (H increasing
    inwards) or away from it. An orbit slightly outside crosses the line
    briefly near that point; while neuron i is off,
    ``dH/dt ~ -s_i (w_ii / tau_i) dH/dy_i`` (:func:`hamiltonian_rate_symbolic`
    with s_i < 0), so each excursion moves H towards the disc (h_c) when
    ``w_ii > 0`` and away from it when ``w_ii < 0``. This is the leading order
    in the depth of the excursion (the tangential term of dH/dt changes sign
    across the tangency and cancels to that order); equivalently, the region
    entered has divergence ``-w_ii / tau_i`` (:func:`region_divergences`).

    Parameters
    ----------
    net : CTRNN2
        A centre (``Delta < 0``, Eq. 19-20 coefficients) with its equilibrium in A.

    Returns
    -------
    dict
        ``neuron`` (the line touched), ``point`` (the tangency), ``level`` (h_c),
        ``weight`` (w_ii) and ``verdict`` (``"attracting"``, ``"repelling"`` or
        ``"neutral"`` for w_ii = 0).

    Raises
    ------
    ValueError
        If the network is not Hamiltonian (Eq. 13), not a centre, or its
        equilibrium lies outside A (no conservative disc).
    """
    levels = conservative_level_range(net)
    if levels is None:
        raise ValueError("net must be a centre (E2^2 + 4 C2 D2 < 0, Eqs. 19-20) with its "
                         "equilibrium in the both-active region, so that a conservative disc exists")
    h_star = active_flow(net)["energy"]
    h_c = levels[0] if levels[1] == h_star else levels[1]
    # the tangency: the line whose vertex value (boundary_extrema) is the critical level
    contact = min(boundary_extrema(net), key=lambda e: abs(e["value"] - h_c))
    weight = net.w11 if contact["neuron"] == 1 else net.w22
    verdict = "attracting" if weight > 0 else "repelling" if weight < 0 else "neutral"
    return {"neuron": contact["neuron"], "point": contact["point"],
            "level": h_c, "weight": weight, "verdict": verdict}


def _excursion_return(A, b, y0, i, theta_i, period):
    """First t > 0 at which the linear flow from y0 (on the line s_i = 0, moving out) returns.

    The flow at one time is ``_affine_flow(A, b).state``, the arithmetic of
    :func:`ctrnn.classical.dynamics.linear_flow` without its per-call set-up.
    """
    state = _affine_flow(A, b).state

    def s(t):
        y = state(float(t), y0)
        if not np.all(np.isfinite(y)):
            return float(linear_flow(A, b, y0, [t])[i, 0]) + theta_i    # its overflow error
        return float(y[i]) + theta_i
    v = A @ y0 + b
    acc = A @ v
    if not v[i] < 0:
        raise ValueError("the orbit does not leave A at the exit point")
    # s_i(t) ~ v_i t + acc_i t^2 / 2: the return time of the parabola, then a scan
    guess = -2 * v[i] / acc[i] if acc[i] > 0 else period
    t = min(max(guess, 1e-12), period)
    lo = t / 4
    while s(lo) >= 0 and lo > 1e-15:
        lo /= 4
    hi = t
    while s(hi) < 0:
        hi *= 1.5
        if hi > 50 * period:
            raise ValueError("the excursion does not return to A")
    return scipy.optimize.brentq(s, lo, hi, xtol=1e-15, rtol=4 * np.finfo(float).eps)


def edge_return_map(net, level):
    """One visit of a near-edge orbit to A, exactly: the level on the next visit.

    An orbit of a centre whose level ``h`` lies just outside the conservative
    disc (:func:`conservative_level_range`) crosses the switching line
    ``y_i = -theta_i`` that the disc's edge touches (:func:`grazing_stability`).
    In A it follows the ellipse ``H = h`` (H of Eq. 18) to the crossing where
    it leaves (closed form: the root of H restricted to the line, Eqs. 18-19,
    with ``ds_i/dt < 0``); outside, neuron i is off and the flow is the linear
    system of that region (Eqs. 2-4), integrated exactly
    (:func:`ctrnn.classical.dynamics.linear_flow`) until ``s_i = 0`` again
    (Brent's method to machine precision); H there is the next level.

    Parameters
    ----------
    net : CTRNN2
        A centre with its equilibrium inside A (Eq. 13 holds).
    level : float
        The level h of the current visit, beyond the critical level h_c
        (``h < h_c`` when H* is a maximum, ``h > h_c`` when a minimum).

    Returns
    -------
    float
        The level of the next visit.

    Raises
    ------
    ValueError
        If the network has no conservative disc, ``level`` is not beyond h_c,
        or the excursion leaves the one-neuron-off region.
    """
    step = _edge_map(net)
    return step(real("level", level))


def _edge_map(net):
    """``step(level)`` of :func:`edge_return_map` for one network, its set-up done once."""
    touch = grazing_stability(net)
    h_c, i = touch["level"], touch["neuron"] - 1
    h_star = active_flow(net)["energy"]
    c = net.hamiltonian_coefficients()
    line = next(e for e in boundary_extrema(net) if e["neuron"] == touch["neuron"])
    # on the line, H = a (v - v0)^2 + h_c with v the other coordinate
    a = c["D2"] if i == 0 else -c["C2"]
    v0 = line["point"][1 - i]
    flow = active_flow(net)
    M, bM = flow["M"], flow["b"]
    region = (0, 1) if i == 0 else (1, 0)
    A, b = linear_system(net, region)
    period = 2 * math.pi / math.sqrt(-flow["delta"])
    offsets = _offsets(net)

    def step(level):
        if not (level - h_c) * (h_star - h_c) < 0:
            raise ValueError(f"level must lie beyond the critical level h_c = {h_c!r} "
                             f"(on the side away from H* = {h_star!r}), got {level!r}")
        return _edge_step(net, level, i, h_c, a, v0, M, bM, A, b, period, offsets)
    return step


def _edge_step(net, level, i, h_c, a, v0, M, bM, A, b, period, offsets):
    """One visit of :func:`edge_return_map` from the constants of :func:`_edge_map`."""
    for root in (+1, -1):
        y = np.empty(2)
        y[i] = -offsets[i]
        y[1 - i] = v0 + root * math.sqrt((level - h_c) / a)
        if (M @ y + bM)[i] < 0:
            break
    t_ret = _excursion_return(A, b, y, i, offsets[i], period)
    path = linear_flow(A, b, y, np.linspace(0.0, t_ret, 65))
    y_ret = path[:, -1].copy()
    if np.any(path[1 - i] + offsets[1 - i] < 0):
        raise ValueError("the excursion left the region where only neuron "
                         f"{i + 1} is off; the level is too far from h_c")
    y_ret[i] = -offsets[i]
    return float(ham.hamiltonian_value(net, y_ret))


def edge_approach(net, level, visits, first_visit=0, fit_from=20):
    """Levels of successive visits to A near the disc's edge, and their power law.

    Iterates :func:`edge_return_map` and fits ``g_k = |h_c - H_k| ~ K k**p``
    by least squares for ``k >= fit_from``: the exponent p from ``log g_k``
    against ``log k``, the constant K from the straight line
    ``g_k**-0.5 = (k + k0) / sqrt(K)`` (which absorbs the offset k0 that bends
    a log-log fit at moderate k).
    Each excursion of depth ``d`` (``d ~ g``) lasts a time ``~ sqrt(d)`` at a
    rate ``dH/dt ~ d`` (Eq. relu-plane-rate), so ``g_{k+1} = g_k - c g_k**1.5``
    to leading order, whence ``g_k ~ (4 / c**2) / k**2``: the fit's exponent
    and constant are compared with ``-2`` and with ``4 / c**2``, ``c`` fitted
    from the steps.

    Parameters
    ----------
    net : CTRNN2
        A centre with its equilibrium in A whose edge attracts (``w_ii > 0``,
        :func:`grazing_stability`).
    level : float
        The level of the first visit (beyond h_c).
    visits : int
        Number of visits, 3 ... 100000.
    first_visit : int, optional
        The index k of the visit whose level is ``level`` (the visits are
        numbered from the trajectory's start, visit 0 being its first stay in A).
    fit_from : int, optional
        First visit index k included in the fits, at least 1 and at most
        ``first_visit + visits - 3``.

    Returns
    -------
    dict
        ``visit`` (the indices k), ``levels`` (ndarray), ``gaps`` (``|h_c - H_k|``),
        ``exponent`` and ``constant`` of the power-law fit, ``step_coefficient``
        (c) and ``predicted_constant`` (``4 / c**2``), ``h_c``.

    Raises
    ------
    ValueError
        If the edge does not attract, or an argument is out of range.
    """
    touch = grazing_stability(net)
    if touch["verdict"] != "attracting":
        raise ValueError(f"net's conservative disc must attract (w_ii > 0), got {touch['verdict']}")
    visits = integer("visits", visits, minimum=3, maximum=100_000)
    first_visit = integer("first_visit", first_visit, minimum=0)
    fit_from = integer("fit_from", fit_from, minimum=max(1, first_visit),
                       maximum=first_visit + visits - 3)
    levels = [real("level", level)]
    step = _edge_map(net)
    for _ in range(visits - 1):
        levels.append(step(levels[-1]))
    levels = np.array(levels)
    gaps = np.abs(touch["level"] - levels)
    k = first_visit + np.arange(gaps.size)
    sel = k >= fit_from
    exponent, _ = np.polyfit(np.log(k[sel]), np.log(gaps[sel]), 1)
    # g = K / (k + k0)**2  <=>  g**-0.5 = (k + k0) / sqrt(K): a straight line in k
    slope, _ = np.polyfit(k[sel], gaps[sel] ** -0.5, 1)
    steps = gaps[:-1] - gaps[1:]
    c = float(np.exp(np.mean(np.log(steps[sel[:-1]] / gaps[:-1][sel[:-1]] ** 1.5))))
    return {"visit": k, "levels": levels, "gaps": gaps, "exponent": float(exponent),
            "constant": float(slope ** -2.0), "step_coefficient": c,
            "predicted_constant": 4 / c ** 2, "h_c": touch["level"]}


# ------------------------------------------------------------------ fates
def _settled(net, region, y, tol):
    """Whether y sits at a stable equilibrium of ``region`` lying in that region."""
    point = _stable_equilibria(net).get(region)
    return point is not None and float(np.linalg.norm(y - point)) <= tol


@lru_cache(maxsize=64)
def _stable_equilibria(net):
    """region -> equilibrium, for the regions whose equilibrium is stable and inside.

    From :func:`ctrnn.classical.dynamics.region_analysis`, once per network
    (:func:`fate` asks for every initial condition of a fate map).
    """
    return {row["region"]: row["equilibrium"] for row in region_analysis(net)
            if row["inside"] and bool(np.all(np.real(row["eigenvalues"]) < 0))}


def fate(net, y0, t_max, n_times=2, escape_radius=1e3, settle_tol=1e-2,
         method="LSODA", rtol=1e-8, atol=1e-10):
    """What the network does from y0 during ``0 <= t <= t_max``.

    The trajectory of the ReLU network (2)-(4) is integrated region by region
    (:func:`ctrnn.classical.dynamics.simulate`, by default with LSODA stopped by events on
    the switching lines; ``method="exact"`` uses each region's exact flow) and
    labelled by the first that applies:

    ``"stays"``  never leaves A: H (18) conserved throughout;
    ``"settles"`` leaves A and ends within ``settle_tol`` of a stable
    equilibrium of another region that lies in that region;
    ``"escapes"`` leaves A and ends farther than ``escape_radius`` from the origin;
    ``"returns"`` leaves A and re-enters it at least once;
    ``"leaves"`` none of these by ``t_max``.

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13).
    y0 : array_like, shape (2,)
    t_max : float
        Horizon, > 0.
    n_times : int, optional
        Number of output times (only the final state and the switches matter).
    escape_radius, settle_tol : float, optional
    method, rtol, atol : optional
        Passed to :func:`ctrnn.classical.dynamics.simulate` (``rtol``, ``atol`` only
        matter for a ``solve_ivp`` method).

    Returns
    -------
    str
        One of :data:`FATES`.
    """
    net, _ = _require_hamiltonian(net)
    y0 = _require_array("y0", y0, (2,))
    t_max = _require_positive("t_max", t_max)
    escape_radius = _require_positive("escape_radius", escape_radius)
    settle_tol = _require_positive("settle_tol", settle_tol)
    if not (isinstance(n_times, int) and n_times >= 2):
        raise ValueError(f"n_times must be an integer >= 2, got {n_times!r}")
    traj = simulate(net, y0, np.linspace(0.0, t_max, n_times), method=method,
                    rtol=rtol, atol=atol)
    if ACTIVE in traj.regions and len(traj.regions) == 1:
        return "stays"
    end, last = traj.y[:, -1], traj.regions[-1]
    if last != ACTIVE and _settled(net, last, end, settle_tol):
        return "settles"
    if not np.all(np.isfinite(end)) or np.linalg.norm(end) > escape_radius:
        return "escapes"
    first_out = next(k for k, r in enumerate(traj.regions) if r != ACTIVE)
    if ACTIVE in traj.regions[first_out:]:
        return "returns"
    return "leaves"


def fate_map(net, y1_grid, y2_grid, t_max, **options):
    """:func:`fate` of every initial condition of the grid ``y1_grid x y2_grid``.

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13).
    y1_grid, y2_grid : array_like
        Strictly increasing 1-d grids.
    t_max : float
        Horizon, > 0.
    **options
        Passed to :func:`fate`.

    Returns
    -------
    ndarray of int, shape (len(y2_grid), len(y1_grid))
        Index into :data:`FATES`; row i, column j is ``(y1_grid[j], y2_grid[i])``.
    """
    net, _ = _require_hamiltonian(net)
    g1, g2 = _require_grid("y1_grid", y1_grid), _require_grid("y2_grid", y2_grid)
    t_max = _require_positive("t_max", t_max)
    out = np.empty((g2.size, g1.size), dtype=int)
    for i, y2 in enumerate(g2):
        for j, y1 in enumerate(g1):
            out[i, j] = FATES.index(fate(net, (y1, y2), t_max, **options))
    return out




def hamiltonian_history(net, y0, t_max, n_times=2001, method="LSODA", rtol=1e-10,
                        atol=1e-12):
    """H (18) and the region along the network's trajectory from y0.

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13).
    y0 : array_like, shape (2,)
    t_max : float
        Horizon, > 0.
    n_times : int, optional
        Number of equally spaced output times.
    method, rtol, atol : optional
        Passed to :func:`ctrnn.classical.dynamics.simulate`.

    Returns
    -------
    dict
        ``t``, ``y`` (shape (2, n_times)), ``H`` (H at each time), ``active``
        (bool, state in A), ``switch_times`` and ``regions`` (from
        :func:`ctrnn.classical.dynamics.simulate`).
    """
    net, _ = _require_hamiltonian(net)
    y0 = _require_array("y0", y0, (2,))
    t_max = _require_positive("t_max", t_max)
    if not (isinstance(n_times, int) and n_times >= 2):
        raise ValueError(f"n_times must be an integer >= 2, got {n_times!r}")
    traj = simulate(net, y0, np.linspace(0.0, t_max, n_times), method=method,
                    rtol=rtol, atol=atol)
    active = np.all(traj.y + _offsets(net)[:, None] >= 0, axis=0)
    return {"t": traj.t, "y": traj.y, "H": ham.hamiltonian_value(net, traj.y),
            "active": active, "switch_times": traj.switch_times, "regions": traj.regions}


def reentry_levels(net, y0, t_max, n_times=4001):
    """The level of H (18) on each visit of the trajectory to A.

    H is constant while the state is in A, so each maximal run of output times
    spent in A carries one level; it is taken as the median of H over the run's
    interior samples (the end samples lie on a switching line).

    Parameters
    ----------
    net : CTRNN2
        A network satisfying condition (13).
    y0 : array_like, shape (2,)
    t_max : float
        Horizon, > 0.
    n_times : int, optional
        Output times of :func:`hamiltonian_history`.

    Returns
    -------
    ndarray
        One level per visit with at least three interior samples, in order.
    """
    hist = hamiltonian_history(net, y0, t_max, n_times=n_times)
    active = hist["active"].astype(int)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], active, [0]])))
    levels = []
    for start, stop in zip(edges[::2], edges[1::2]):
        if stop - start >= 5:
            levels.append(float(np.median(hist["H"][start + 1:stop - 1])))
    return np.array(levels)


def _require_cases(cases):
    if not isinstance(cases, dict) or not cases:
        raise ValueError("cases must be a non-empty dict mapping labels to CTRNN2 networks")
    for net in cases.values():
        _require_hamiltonian(net)
    return cases


def fate_census(cases, y1_grid, y2_grid, t_max, **options):
    """Fate maps of several networks, their counts, and their check against the closed form.

    Parameters
    ----------
    cases : dict
        label -> :class:`ctrnn.classical.network.CTRNN2` satisfying condition (13).
    y1_grid, y2_grid : array_like
        Strictly increasing 1-d grids.
    t_max : float
        Horizon, > 0.
    **options
        Passed to :func:`fate`.

    Returns
    -------
    dict
        ``maps`` (label -> :func:`fate_map`), ``counts`` (label -> fate -> number
        of grid points, for every fate of :data:`FATES`) and ``mismatch``
        (label -> number of grid points where the simulated ``"stays"``
        differs from the closed-form forward-conservative set of
        :func:`conservative_mask`).

    Raises
    ------
    ValueError
        If ``cases`` is not a non-empty dict, or as :func:`fate_map`.
    """
    cases = _require_cases(cases)
    maps = {label: fate_map(net, y1_grid, y2_grid, t_max, **options)
            for label, net in cases.items()}
    counts = {label: {f: int(np.sum(m == k)) for k, f in enumerate(FATES)}
              for label, m in maps.items()}
    mismatch = {label: int(np.sum((maps[label] == FATES.index("stays"))
                                  != conservative_mask(net, y1_grid, y2_grid)))
                for label, net in cases.items()}
    return {"maps": maps, "counts": counts, "mismatch": mismatch}
