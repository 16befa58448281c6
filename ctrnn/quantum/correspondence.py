"""Classical–quantum correspondence for the quantized two-neuron network.

A wave packet is evolved under the correctly Weyl-quantized Hamiltonian Ĥ
of the quadratic H (18) (:mod:`ctrnn.quantum.weyl`, :mod:`ctrnn.quantum`) with the
Schrödinger equation i dψ/dt = Ĥψ (ħ = 1), and its expectation values are
compared with the classical flow of Hamilton's equations (11), which is the
both-active linear system (5)-(6).

Two facts organise the comparison.

* **Direction of time.**  Hamilton's equations (11), ẏ1 = ∂H/∂y2,
  ẏ2 = -∂H/∂y1, make (y1, y2) a canonical pair with {y1, y2} = +1, while the
  representation (21), ŷ2 = y2, ŷ1 = -i ∂/∂y2, gives [ŷ2, ŷ1] = i, i.e.
  [ŷ1, ŷ2] = -i: the opposite orientation.  Heisenberg's equations
  dŷ/dt = i[Ĥ, ŷ] are therefore minus the quantized Hamilton equations
  (:func:`heisenberg_residuals`), and ⟨ŷ⟩ runs the classical orbit
  backwards: ⟨ŷ⟩(t) = y_cl(-t).  With the opposite sign ŷ1 = +i ∂/∂y2
  (``convention="conjugate"``) the motion is forward; the two pictures are
  related by complex conjugation, ψ_conj(t) = conj(ψ(-t)).
* **Exactness for a quadratic H.**  The Heisenberg equations of a quadratic
  Ĥ are linear in ŷ, so the Ehrenfest equations for ⟨ŷ⟩ close and coincide
  with the (reversed) classical linear flow, for any state and any ħ.  The
  only discrepancies are numerical (grid truncation).  But the ReLU network
  (2)-(4) equals that linear flow only in the region y1 + θ1 ≥ 0,
  y2 + θ2 ≥ 0; a classical orbit that leaves it parts from ⟨ŷ⟩.

The wave function lives on a periodic Fourier grid in y2 (built by
:func:`make_grid` around the classical orbit of the packet) and is evolved
exactly through the eigen-decomposition of the grid matrix of Ĥ.  The
Wigner function (:func:`wigner`) shows the state on the classical phase
plane (y1 horizontal, y2 vertical) over the contours of H.
"""
from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np
import scipy.linalg
import sympy as sp

from ctrnn.classical import hamiltonian
from ctrnn.classical.dynamics import linear_system, simulate
from ctrnn.classical.hamiltonian import hamiltonian_value, linear_period
from ctrnn.classical.network import CTRNN2
from ctrnn.quantum import levels as quantum

#: Sign conventions for ŷ1: "paper" is Eq. (21), ŷ1 = -i d/dy2; "conjugate" is ŷ1 = +i d/dy2.
CONVENTIONS = ("paper", "conjugate")
#: The both-active region, where the ReLU flow is the linear system (5)-(6).
ACTIVE = (1, 1)


# ----------------------------------------------------------------- validation
def _require_network(net) -> CTRNN2:
    if not isinstance(net, CTRNN2):
        raise ValueError(f"net must be a ctrnn.CTRNN2, got {type(net).__name__}")
    net.hamiltonian_coefficients()            # ValueError citing Eq. (13)
    return net


def _require_centre(net) -> CTRNN2:
    net = _require_network(net)
    delta = hamiltonian.discriminant(net)
    if not delta < 0.0:
        raise ValueError(
            "net must have a discrete spectrum (a classical centre): the discriminant "
            f"E2**2 + 4*C2*D2 must be negative, got {delta:.6g}; the wave packet's "
            "grid is built around a closed classical orbit of H (18)")
    return net


def _require_point(name, value) -> np.ndarray:
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a pair of real numbers (y1, y2), got {value!r}") from None
    if arr.shape != (2,) or not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be a finite pair (y1, y2), got {value!r}")
    return arr


def _require_positive(name, value) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) \
            or not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive finite number, got {value!r}")
    return float(value)


def _require_times(times, allow_negative=True) -> np.ndarray:
    try:
        t = np.asarray(times, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"times must be an array of real numbers, got {times!r}") from None
    if t.ndim != 1 or t.size == 0 or not np.all(np.isfinite(t)):
        raise ValueError("times must be a non-empty 1-d array of finite numbers")
    if not allow_negative and np.any(t < 0):
        raise ValueError("times must be non-negative")
    return t


def _require_convention(convention) -> str:
    if convention not in CONVENTIONS:
        raise ValueError(f"convention must be one of {CONVENTIONS} (sign of ŷ1 = ∓i d/dy2, "
                         f"Eq. 21 is 'paper'), got {convention!r}")
    return convention


def classical_summary(net, decimals=10) -> dict:
    """The classical facts about a centre that the correspondence rests on.

    Parameters
    ----------
    net : CTRNN2
        Hamiltonian (Eq. 13) with Δ = E2² + 4 C2 D2 < 0 (Eqs. 19-20).
    decimals : int, optional
        Every number is rounded to this many decimals.

    Returns
    -------
    dict
        ``coefficients`` (C1, C2, D1, D2, E2 of Eqs. 19-20), ``delta`` (Δ),
        ``centre`` ((y1*, y2*), the critical point of H (18), as a tuple) and
        ``period`` (2π/sqrt(-Δ) of the linear flow (5)-(6)).

    Raises
    ------
    ValueError
        If condition (13) fails, Δ ≥ 0, or ``decimals`` is not a non-negative integer.
    """
    net = _require_centre(net)
    if isinstance(decimals, bool) or not isinstance(decimals, numbers.Integral) or decimals < 0:
        raise ValueError(f"decimals must be a non-negative integer, got {decimals!r}")
    centre, _ = quantum.critical_point(net)
    return {"coefficients": {k: round(float(v), decimals)
                             for k, v in net.hamiltonian_coefficients().items()},
            "delta": round(float(hamiltonian.discriminant(net)), decimals),
            "centre": tuple(round(float(c), decimals) for c in centre),
            "period": round(float(linear_period(net)), decimals)}


def zero_point_energy(net) -> float:
    """Energy of the n = 0 eigenstate of Ĥ minus the classical extremum H(y*): ∓ω/2.

    With ω = sqrt(-Δ) the frequency of the linear flow (5)-(6), the levels of
    the Weyl-quantized H (18) are H(y*) ± ω(n + 1/2): the sign is + when H
    is bounded below at its critical point (C2 < 0 in Eq. 18) and - when it is
    bounded above (C2 > 0). A coherent state's ⟨Ĥ⟩ exceeds H at its mean by
    this amount.

    Parameters
    ----------
    net : CTRNN2
        Hamiltonian (Eq. 13) with Δ < 0.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If condition (13) fails or Δ ≥ 0.
    """
    net = _require_centre(net)
    omega = np.sqrt(-hamiltonian.discriminant(net))
    return float(-np.sign(net.hamiltonian_coefficients()["C2"]) * omega / 2.0)


# --------------------------------------------------------- symbolic Ehrenfest
def heisenberg_residuals():
    """Heisenberg's equations of Ĥ against the quantized Hamilton equations (11).

    With the representation (21) and the Weyl-quantized Ĥ of H (18)
    (:func:`ctrnn.quantum.weyl.weyl_quantize`), computes on a generic f(y2)

    * ``i[Ĥ, ŷ1] f - s Weyl(∂H/∂y2) f`` and
    * ``i[Ĥ, ŷ2] f + s Weyl(∂H/∂y1) f``

    for s = +1 (forward in time: Hamilton's equations 11) and s = -1
    (backward), simplified.  The backward residuals vanish identically and
    the forward ones do not: ⟨ŷ⟩ follows the classical flow with t → -t.

    Returns
    -------
    dict
        ``{"forward": (r1, r2), "backward": (r1, r2)}`` of SymPy expressions
        in f(y2) and its derivatives.
    """
    from ctrnn.quantum.weyl import hamiltonian_symbol, momentum, position, weyl_quantize
    from ctrnn.symbols import y1, y2

    f = sp.Function("f")(y2)
    H = hamiltonian_symbol()
    h_op = weyl_quantize(H)
    dH1, dH2 = weyl_quantize(sp.diff(H, y1)), weyl_quantize(sp.diff(H, y2))

    def heisenberg(op):                        # i [H, op] f
        return sp.I * (h_op.apply(op(f)) - op(h_op.apply(f)))

    out = {}
    for name, s in (("forward", 1), ("backward", -1)):
        r1 = sp.simplify(sp.expand(heisenberg(momentum) - s * dH2.apply(f)))
        r2 = sp.simplify(sp.expand(heisenberg(position) + s * dH1.apply(f)))
        out[name] = (r1, r2)
    return out


# ----------------------------------------------------------- classical flow
def linear_flow(net, y0, times) -> np.ndarray:
    """Exact flow of the both-active linear system (5)-(6) on the whole plane.

    This is the flow of Hamilton's equations (11) for H (18), continued
    beyond the region y1 + θ1 ≥ 0, y2 + θ2 ≥ 0 where it describes the ReLU
    network.  Evaluated as exp(t M) with the augmented matrix
    M = [[A, b], [0, 0]] of dy/dt = A y + b (:func:`ctrnn.classical.dynamics.linear_system`),
    so negative times (the backward flow) are allowed.

    Parameters
    ----------
    net : CTRNN2
        A Hamiltonian network (Eq. 13).
    y0 : array_like, shape (2,)
        State (y1, y2) at t = 0.
    times : array_like, shape (T,)
        Times, of any sign.

    Returns
    -------
    numpy.ndarray, shape (2, T)
    """
    net = _require_network(net)
    y0 = _require_point("y0", y0)
    t = _require_times(times)
    A, b = linear_system(net, ACTIVE)
    m = np.zeros((3, 3))
    m[:2, :2], m[:2, 2] = A, b
    return np.einsum("tij,j->it", _flow_matrices(m, t), np.append(y0, 1.0))[:2]


def _flow_matrices(m, t) -> np.ndarray:
    """exp(t m) for every t, shape (T, n, n): by eigen-decomposition when m is
    diagonalizable with a well-conditioned basis, else by scipy.linalg.expm."""
    lam, vec = np.linalg.eig(m)
    if np.linalg.cond(vec) < 1e6:
        inv = np.linalg.inv(vec)
        out = np.einsum("ik,tk,kj->tij", vec, np.exp(np.outer(t, lam)), inv)
        return out.real
    return np.array([scipy.linalg.expm(tk * m) for tk in t])


def _positive_form(net) -> np.ndarray:
    a = quantum.quadratic_form(net)
    return a if a[0, 0] > 0 else -a


def ground_covariance(net) -> np.ndarray:
    """Covariance matrix of (ŷ1, ŷ2) in the n = 0 eigenstate of Ĥ (ħ = 1).

    The n = 0 state is the ground state only when H is bounded below
    (C2 < 0 in Eq. 18); when C2 > 0, as in the correspondence chapter's
    example, Ĥ is bounded above and unbounded below, and the n = 0 state is
    its *highest* level H* - ω/2.  The name is kept for the API.

    For H = zᵀAz + b·z with A definite (Δ < 0), the n = 0 state is the
    Gaussian whose Wigner function is constant on the ellipses of H, so its
    covariance is proportional to A⁻¹; a pure Gaussian state has
    det Σ = ħ²/4, which fixes Σ = sqrt(det A) A⁻¹ / 2 (A made positive
    definite).  Derived from the classical quadratic form only.

    Returns
    -------
    numpy.ndarray, shape (2, 2)
        Rows and columns ordered (y1, y2).

    Raises
    ------
    ValueError
        If the network is not Hamiltonian (13) or has Δ ≥ 0.
    """
    a = _positive_form(_require_centre(net))
    return np.sqrt(np.linalg.det(a)) * np.linalg.inv(a) / 2.0


def packet_covariance(net, width=None) -> np.ndarray:
    """Initial covariance of (ŷ1, ŷ2) of the packets of :func:`gaussian_packet`.

    ``width=None`` means the coherent state (:func:`ground_covariance`);
    a Gaussian of standard deviation σ = ``width`` in y2 and no chirp has
    Var ŷ2 = σ², Var ŷ1 = 1/(4σ²), no correlation.
    """
    if width is None:
        return ground_covariance(net)
    width = _require_positive("width", width)
    return np.diag([1.0 / (4.0 * width ** 2), width ** 2])


# -------------------------------------------------------------------- grid
@dataclass(frozen=True)
class Grid:
    """A periodic Fourier grid in y2 carrying the matrix of Ĥ and its eigenbasis.

    Attributes
    ----------
    net : CTRNN2
    convention : str
        "paper" (ŷ1 = -i d/dy2, Eq. 21) or "conjugate" (ŷ1 = +i d/dy2).
    y2 : numpy.ndarray, shape (N,)
        Grid points (spacing ``dy2``).
    dy2 : float
    band_centre : float
        Centre of the band of wavenumbers k of the grid (ψ ~ exp(i k y2)).
    y1_op : numpy.ndarray, shape (N, N)
        Matrix of ŷ1.
    hamiltonian : numpy.ndarray, shape (N, N)
        Weyl-ordered matrix of Ĥ (:func:`ctrnn.quantum.levels.hamiltonian_matrix`).
    levels : numpy.ndarray, shape (N,)
        Its eigenvalues.
    modes : numpy.ndarray, shape (N, N)
        Its orthonormal eigenvectors (columns).
    """

    net: CTRNN2
    convention: str
    y2: np.ndarray
    dy2: float
    band_centre: float
    y1_op: np.ndarray
    hamiltonian: np.ndarray
    levels: np.ndarray
    modes: np.ndarray

    @property
    def sign(self) -> int:
        """ŷ1 = sign × (-i d/dy2)."""
        return 1 if self.convention == "paper" else -1


def _orbit_box(net, y0, covariance, margin, samples=256):
    """Half-extents (y1, y2) about the critical point that hold the packet's
    mean orbit plus ``margin`` standard deviations, over one period of the
    linear flow (covariance Φ Σ Φᵀ with Φ = exp(tA))."""
    period = linear_period(net)
    t = np.linspace(0.0, period, samples)
    orbit = linear_flow(net, y0, t)
    centre, _ = quantum.critical_point(net)
    A, _ = linear_system(net, ACTIVE)
    phi = _flow_matrices(A, t)
    spread = np.einsum("tij,jk,tik->ti", phi, covariance, phi).max(axis=0)
    half = np.abs(orbit - centre[:, None]).max(axis=1) + margin * np.sqrt(spread)
    return centre, half


def make_grid(net, y0, width=None, convention="paper", margin=10.0, size=None,
              max_size=512) -> Grid:
    """Fourier grid for a packet started at ``y0``, with Ĥ diagonalized on it.

    The y2 interval and the band of wavenumbers are centred on the classical
    critical point and hold the packet's mean orbit (an ellipse of H) plus
    ``margin`` standard deviations of the packet at every time of one period
    (its covariance evolves under the linear flow).  The number of points is
    the phase-space area of that box over 2π, rounded up to an even integer,
    unless ``size`` is given.  The matrix of Ĥ is the Weyl-symmetrized
    product form of :func:`ctrnn.quantum.levels.hamiltonian_matrix` with the
    Fourier position and momentum matrices of ``ctrnn.quantum``, and is
    diagonalized with ``scipy.linalg.eigh``.

    Parameters
    ----------
    net : CTRNN2
        A Hamiltonian network (Eq. 13) with a discrete spectrum (Δ < 0).
    y0 : array_like, shape (2,)
        Initial mean (y1, y2) of the packet.
    width : float, optional
        Standard deviation in y2 of a Gaussian packet; None for the coherent state.
    convention : {"paper", "conjugate"}
        Sign of ŷ1 = ∓i d/dy2; "paper" is Eq. (21).
    margin : float
        Standard deviations of the packet kept inside the box (10 leaves
        amplitudes below exp(-25) at the edges).
    size : int, optional
        Number of grid points (even, 16 ≤ size ≤ max_size); overrides the
        automatic choice (the box stays the same, so a smaller size cuts the
        band of wavenumbers).
    max_size : int
        Largest grid allowed (matrix diagonalization costs size³).

    Returns
    -------
    Grid

    Raises
    ------
    ValueError
        For a non-Hamiltonian network (Eq. 13), Δ ≥ 0, a bad ``y0``, ``width``,
        ``convention``, ``margin`` or ``size``, or if the automatic size
        exceeds ``max_size``.
    """
    net = _require_centre(net)
    y0 = _require_point("y0", y0)
    convention = _require_convention(convention)
    margin = _require_positive("margin", margin)
    covariance = packet_covariance(net, width)
    if isinstance(max_size, bool) or not isinstance(max_size, numbers.Integral) \
            or max_size < 16:
        raise ValueError(f"max_size must be an integer >= 16, got {max_size!r}")
    centre, (half_y1, half_y2) = _orbit_box(net, y0, covariance, margin)
    needed = int(2 * np.ceil(2.0 * half_y1 * half_y2 / np.pi / 2.0))
    if size is None:
        size = max(needed, 16)
        if size > max_size:
            raise ValueError(
                f"the packet's orbit needs size = {size} grid points > max_size = "
                f"{max_size}; start closer to the critical point, reduce margin, or "
                "use a width nearer the n = 0 eigenstate's")
    elif isinstance(size, bool) or not isinstance(size, numbers.Integral) \
            or size < 16 or size > max_size or size % 2:
        raise ValueError(f"size must be an even integer with 16 <= size <= max_size = "
                         f"{max_size}, got {size!r}")
    sign = 1 if convention == "paper" else -1
    band = sign * centre[0]
    x_op, p_op = quantum.fourier_operators(centre[1], band, half_y2, int(size))
    # the momentum matrix acts on envelopes exp(-i band y2) psi (its wavenumbers are
    # shifted by band); conjugating with the modulation makes it act on psi itself
    mod = np.exp(1j * band * np.real(np.diag(x_op)))
    y1_op = sign * mod[:, None] * p_op * mod.conj()[None, :]
    h = quantum.hamiltonian_matrix(net, x_op, y1_op)
    h = 0.5 * (h + h.conj().T)
    levels, modes = scipy.linalg.eigh(h)
    return Grid(net, convention, np.real(np.diag(x_op)).copy(), float(2.0 * half_y2 / size),
                band, y1_op, h, levels, modes)


# ---------------------------------------------------------------- packets
def _normalize(grid, psi):
    return psi / np.sqrt(np.sum(np.abs(psi) ** 2) * grid.dy2)


def gaussian_packet(grid, y0, width=None) -> np.ndarray:
    """Initial wave packet centred at ``y0`` = (y1, y2) on the grid.

    ``width`` = σ > 0: the Gaussian ψ ∝ exp(-(y2 - y2₀)²/(4σ²) + i s y1₀ y2)
    with s = +1 for the convention (21) and -1 for the conjugate one, so that
    ⟨ŷ1⟩ = y1₀, ⟨ŷ2⟩ = y2₀.  ``width=None``: the coherent state
    (:func:`coherent_state`).

    Returns
    -------
    numpy.ndarray, complex, shape (N,)
        Normalized so that the sum of abs(ψ)² Δy2 is 1.
    """
    _require_grid(grid)
    if width is None:
        return coherent_state(grid, y0)
    y0 = _require_point("y0", y0)
    width = _require_positive("width", width)
    psi = np.exp(-(grid.y2 - y0[1]) ** 2 / (4.0 * width ** 2)
                 + 1j * grid.sign * y0[0] * grid.y2)
    return _normalize(grid, psi)


def coherent_state(grid, y0) -> np.ndarray:
    """The n = 0 eigenstate of Ĥ displaced to the phase-space point ``y0``.

    (The n = 0 state is the ground state only if C2 < 0; for C2 > 0 it is the
    highest level of Ĥ, which is then unbounded below.)

    ψ(y2) = exp(i s δ1 y2) ψ₀(y2 - δ2), with (δ1, δ2) = y0 - z* the offset
    from the critical point z*, ψ₀ the closed-form n = 0 eigenstate of
    :func:`ctrnn.quantum.levels.eigenfunctions` (convention 21) and s = ±1 as in
    :func:`gaussian_packet`; for the conjugate convention ψ is complex
    conjugated.  Its Wigner function is that of the n = 0 state translated
    by (δ1, δ2).

    Returns
    -------
    numpy.ndarray, complex, shape (N,)
    """
    _require_grid(grid)
    y0 = _require_point("y0", y0)
    centre, _ = quantum.critical_point(grid.net)
    d1, d2 = y0 - centre
    psi = np.exp(1j * d1 * grid.y2) * quantum.eigenfunctions(grid.net, 1, grid.y2 - d2)[0]
    psi = psi if grid.convention == "paper" else psi.conj()
    return _normalize(grid, psi)


def _require_grid(grid) -> "Grid":
    if not isinstance(grid, Grid):
        raise ValueError(f"grid must be a ctrnn.quantum.correspondence.Grid (from make_grid), "
                         f"got {type(grid).__name__}")
    return grid


def _require_result(result) -> "Correspondence":
    if not isinstance(result, Correspondence):
        raise ValueError("result must be a ctrnn.quantum.correspondence.Correspondence (from "
                         f"correspondence()), got {type(result).__name__}")
    return result


def _require_state(grid, psi) -> np.ndarray:
    _require_grid(grid)
    psi = np.asarray(psi, dtype=complex)
    if psi.shape[-1:] != grid.y2.shape or psi.ndim > 2 or not np.all(np.isfinite(psi)):
        raise ValueError(f"psi must be finite with last axis of length {grid.y2.size} "
                         f"(the grid), got shape {psi.shape}")
    return psi


# ---------------------------------------------------------------- evolution
def evolve(grid, psi0, times) -> np.ndarray:
    """Solve i dψ/dt = Ĥψ (ħ = 1) exactly in the grid's eigenbasis.

    ψ(t) = V exp(-i Λ t) V† ψ(0), with Ĥ = V Λ V† the grid matrix; the
    propagator is unitary to rounding error for every t.

    Parameters
    ----------
    grid : Grid
    psi0 : array_like, shape (N,)
    times : array_like, shape (T,)
        Times, of any sign.

    Returns
    -------
    numpy.ndarray, complex, shape (T, N)
    """
    psi0 = _require_state(grid, psi0)
    if psi0.ndim != 1:
        raise ValueError("psi0 must be a single state of shape (N,)")
    t = _require_times(times)
    amplitudes = grid.modes.conj().T @ psi0
    phases = np.exp(-1j * np.outer(t, grid.levels))
    return (phases * amplitudes) @ grid.modes.T


def _expect(grid, psi, op):
    psi = np.atleast_2d(_require_state(grid, psi))
    return np.real(np.einsum("ti,ij,tj->t", psi.conj(), op, psi)) * grid.dy2


def norms(grid, psi) -> np.ndarray:
    """The norm, sum of abs(ψ)² Δy2, of each state (rows of ``psi``)."""
    psi = np.atleast_2d(_require_state(grid, psi))
    return np.sum(np.abs(psi) ** 2, axis=1) * grid.dy2


def expectations(grid, psi) -> np.ndarray:
    """⟨ŷ1⟩ and ⟨ŷ2⟩ of each state (rows of ``psi``), shape (2, T)."""
    psi = np.atleast_2d(_require_state(grid, psi))
    n = norms(grid, psi)
    y1 = _expect(grid, psi, grid.y1_op) / n
    y2 = np.sum(np.abs(psi) ** 2 * grid.y2, axis=1) * grid.dy2 / n
    return np.array([y1, y2])


def energies(grid, psi) -> np.ndarray:
    """⟨Ĥ⟩ of each state (rows of ``psi``)."""
    psi = np.atleast_2d(_require_state(grid, psi))
    return _expect(grid, psi, grid.hamiltonian) / norms(grid, psi)


def ehrenfest_velocity(grid, psi) -> np.ndarray:
    """d⟨ŷ⟩/dt = ⟨i[Ĥ, ŷ]⟩ (Heisenberg) for one state, from the grid matrices.

    Returns
    -------
    numpy.ndarray, shape (2,)
        (d⟨ŷ1⟩/dt, d⟨ŷ2⟩/dt).
    """
    psi = _require_state(grid, psi)
    if psi.ndim != 1:
        raise ValueError("psi must be a single state of shape (N,)")
    x_op = np.diag(grid.y2).astype(complex)
    out = []
    for op in (grid.y1_op, x_op):
        comm = 1j * (grid.hamiltonian @ op - op @ grid.hamiltonian)
        out.append(float(_expect(grid, psi, comm)[0] / norms(grid, psi)[0]))
    return np.array(out)


# ---------------------------------------------------------- the comparison
@dataclass
class Correspondence:
    """Quantum expectation values beside classical trajectories.

    Attributes
    ----------
    grid : Grid
    t : numpy.ndarray, shape (T,)
    psi : numpy.ndarray, shape (T, N)
    mean : numpy.ndarray, shape (2, T)
        ⟨ŷ1⟩(t), ⟨ŷ2⟩(t).
    forward, backward : numpy.ndarray, shape (2, T)
        Linear flow (5)-(6) from y0 at +t and at -t (:func:`linear_flow`).
    relu : numpy.ndarray, shape (2, T)
        The ReLU network (2)-(4) from y0 at +t (:func:`ctrnn.classical.dynamics.simulate`).
    relu_switch_times : numpy.ndarray
        Times at which the ReLU trajectory crossed a switching line.
    norm, energy : numpy.ndarray, shape (T,)
        Sum of abs(ψ)² Δy2, and ⟨Ĥ⟩.
    width : float or None
        The packet's initial y2 standard deviation (None: coherent state).
    y0 : numpy.ndarray or None
        The initial point (y1, y2), the packet's mean at t = 0.
    """

    grid: Grid
    t: np.ndarray
    psi: np.ndarray
    mean: np.ndarray
    forward: np.ndarray
    backward: np.ndarray
    relu: np.ndarray
    relu_switch_times: np.ndarray
    norm: np.ndarray
    energy: np.ndarray
    width: float | None = None
    y0: np.ndarray | None = None

    def deviation(self, which: str) -> np.ndarray:
        """Euclidean distance ‖⟨ŷ⟩(t) - y(t)‖ from "forward", "backward" or "relu"."""
        if which not in ("forward", "backward", "relu"):
            raise ValueError(f"which must be 'forward', 'backward' or 'relu', got {which!r}")
        return np.linalg.norm(self.mean - getattr(self, which), axis=0)


def velocity_ratio(result, index=0) -> float:
    """⟨i[Ĥ, ŷ]⟩ in units of the network's vector field at ⟨ŷ⟩.

    The projection ``v·f / f·f`` of the Ehrenfest velocity ``v``
    (:func:`ehrenfest_velocity`) on the vector field ``f`` of Eqs. (2)-(3) at
    the mean: -1 when the means run the classical orbit backwards
    (representation 21), +1 when forwards (conjugate convention).

    Parameters
    ----------
    result : Correspondence
    index : int, optional
        Time index of the state.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``result`` is not a Correspondence or ``index`` is out of range.
    """
    result = _require_result(result)
    index = _require_index(result, index)
    field = result.grid.net.rhs(0.0, result.mean[:, index])
    velocity = ehrenfest_velocity(result.grid, result.psi[index])
    return float(velocity @ field / (field @ field))


def _require_index(result, index) -> int:
    if isinstance(index, bool) or not isinstance(index, numbers.Integral) \
            or not 0 <= index < result.t.size:
        raise ValueError(f"index must be an integer in [0, {result.t.size}), got {index!r}")
    return int(index)


def correspondence_summary(result) -> dict:
    """The numbers that measure a run of :func:`correspondence`.

    Parameters
    ----------
    result : Correspondence

    Returns
    -------
    dict
        ``size`` and ``dy2`` (the grid), ``samples`` (times), ``switches``
        (region switches of the ReLU network), ``relu_vs_linear`` (largest
        coordinate difference between the ReLU network (2)-(4) and the linear
        flow (5)-(6)), ``backward`` and ``forward`` (largest distance of ⟨ŷ⟩
        from y(-t) and y(+t)), ``norm_drift`` (largest abs(‖ψ‖² - 1)),
        ``energy_drift`` (range of ⟨Ĥ⟩), ``energy`` (⟨Ĥ⟩ at t = 0),
        ``classical_energy`` (H (18) at y0), ``zero_point`` (their difference,
        cf. :func:`zero_point_energy`) and ``velocity_ratio``
        (:func:`velocity_ratio` at t = 0).

    Raises
    ------
    ValueError
        If ``result`` is not a Correspondence.
    """
    result = _require_result(result)
    h0 = float(hamiltonian_value(result.grid.net, result.y0))
    return {"size": int(result.grid.y2.size), "dy2": float(result.grid.dy2),
            "samples": int(result.t.size), "switches": int(result.relu_switch_times.size),
            "relu_vs_linear": float(np.abs(result.relu - result.forward).max()),
            "backward": float(result.deviation("backward").max()),
            "forward": float(result.deviation("forward").max()),
            "norm_drift": float(np.abs(result.norm - 1).max()),
            "energy_drift": float(np.ptp(result.energy)),
            "energy": float(result.energy[0]), "classical_energy": h0,
            "zero_point": float(result.energy[0]) - h0,
            "velocity_ratio": velocity_ratio(result)}


def conjugation_error(paper, conjugate) -> float:
    """Largest abs(ψ₊(t) - conj(ψ(-t))): the conjugate convention as time reversal.

    Complex conjugation maps Ĥ of the representation (21) to Ĥ of the
    conjugate convention ŷ1 = +i d/dy2, so the state ψ₊ evolved there from
    conj(ψ(0)) should be conj(ψ(-t)), with ψ(-t) evolved backwards under Ĥ of (21).

    Parameters
    ----------
    paper, conjugate : Correspondence
        Runs from the same point and times in the conventions "paper" and
        "conjugate" (:func:`correspondence`).

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If the runs are not Correspondences in those conventions on the same
        times and grid points.
    """
    paper, conjugate = _require_result(paper), _require_result(conjugate)
    if paper.grid.convention != "paper" or conjugate.grid.convention != "conjugate":
        raise ValueError("paper and conjugate must be runs in the conventions 'paper' (Eq. 21) "
                         "and 'conjugate'")
    if paper.t.shape != conjugate.t.shape or not np.allclose(paper.t, conjugate.t) \
            or paper.grid.y2.shape != conjugate.grid.y2.shape \
            or not np.allclose(paper.grid.y2, conjugate.grid.y2):
        raise ValueError("paper and conjugate must share their times and grid points")
    back = evolve(paper.grid, paper.psi[0], -paper.t)
    return float(np.abs(conjugate.psi - back.conj()).max())


def relu_breakdown(result) -> dict:
    """Where the quantum means part from the ReLU network: before and after its first switch.

    Parameters
    ----------
    result : Correspondence
        A run in the conjugate convention (means run forward), whose ReLU
        trajectory leaves the both-active region.

    Returns
    -------
    dict
        ``switch`` (first switching time of the network (2)-(4)), ``before``
        (largest distance of ⟨ŷ⟩ from the network before it), ``after``
        (largest distance over the whole run) and ``linear`` (largest distance
        from the linear flow (5)-(6) continued to the whole plane).

    Raises
    ------
    ValueError
        If ``result`` is not a Correspondence in the conjugate convention, or
        its ReLU trajectory never switches region.
    """
    result = _require_result(result)
    if result.grid.convention != "conjugate":
        raise ValueError("result must be in the 'conjugate' convention, whose means run "
                         "forward like the network")
    if result.relu_switch_times.size == 0:
        raise ValueError("result's ReLU trajectory must leave the both-active region "
                         "(it never switches region)")
    switch = float(result.relu_switch_times[0])
    relu = result.deviation("relu")
    return {"switch": switch, "before": float(relu[result.t < switch].max()),
            "after": float(relu.max()), "linear": float(result.deviation("forward").max())}


def correspondence(net, y0, periods=3.0, samples=241, width=None, convention="paper",
                   **grid_options) -> Correspondence:
    """Evolve a packet from ``y0`` and set it beside the classical trajectories.

    Parameters
    ----------
    net : CTRNN2
        Hamiltonian (Eq. 13), Δ < 0.
    y0 : array_like, shape (2,)
        Initial (y1, y2), the packet's mean.
    periods : float
        Duration in periods 2π/sqrt(-Δ) of the linear flow.
    samples : int
        Number of equally spaced times from 0, at least 2.
    width : float, optional
        y2 standard deviation of a Gaussian packet; None for the coherent state.
    convention : {"paper", "conjugate"}
        Sign convention of ŷ1 (Eq. 21 is "paper").
    **grid_options
        Passed to :func:`make_grid` (``margin``, ``size``, ``max_size``).

    Returns
    -------
    Correspondence
    """
    periods = _require_positive("periods", periods)
    if isinstance(samples, bool) or not isinstance(samples, numbers.Integral) or samples < 2:
        raise ValueError(f"samples must be an integer >= 2, got {samples!r}")
    grid = make_grid(net, y0, width, convention, **grid_options)
    t = np.linspace(0.0, periods * linear_period(net), samples)
    psi = evolve(grid, gaussian_packet(grid, y0, width), t)
    traj = simulate(net, y0, t)
    return Correspondence(grid, t, psi, expectations(grid, psi), linear_flow(net, y0, t),
                          linear_flow(net, y0, -t), traj.y, traj.switch_times,
                          norms(grid, psi), energies(grid, psi), width,
                          _require_point("y0", y0))


def grid_convergence(net, y0, sizes, periods=3.0, samples=121, width=None,
                     convention="paper", margin=10.0) -> np.ndarray:
    """Largest Ehrenfest discrepancy as a function of the number of grid points.

    For each size the box of :func:`make_grid` is kept and the packet is
    evolved over ``periods`` periods; returned is
    max_t ‖⟨ŷ⟩(t) - y_lin(∓t)‖ (backward flow for convention 21, forward for
    the conjugate one).  Too few points cut the band of wavenumbers that the
    packet visits along its orbit, and the discrepancy grows.

    Returns
    -------
    numpy.ndarray, shape (len(sizes),)
    """
    which = "backward" if _require_convention(convention) == "paper" else "forward"
    return np.array([correspondence(net, y0, periods, samples, width, convention,
                                    margin=margin, size=s).deviation(which).max()
                     for s in sizes])


# ---------------------------------------------------------------- Wigner
def wigner(grid, psi):
    """Wigner function W(y1, y2) of a state on the grid (ħ = 1).

    W(y2, k) = (1/π) ∫ ψ*(y2 + s) ψ(y2 - s) exp(2 i k s) ds, with k the
    eigenvalue of -i d/dy2, and y1 = s k (s = +1 for Eq. 21, -1 for the
    conjugate convention).  The state is first Fourier-interpolated to half
    the grid spacing (exact for the grid's band-limited functions) so that
    the k axis spans the grid's whole band, and W is returned on that finer
    y2 grid; outside the box ψ is taken to be zero (no periodic images).  The
    integral over s is one FFT per y2.

    Parameters
    ----------
    grid : Grid
    psi : array_like, shape (N,)

    Returns
    -------
    y1 : numpy.ndarray, shape (2N,)
        Increasing y1 values (spacing π / (N Δy2)).
    y2 : numpy.ndarray, shape (2N,)
        The grid points and the midpoints between them (spacing Δy2/2).
    W : numpy.ndarray, shape (2N, 2N)
        W[i, j] at (y1[j], y2[i]); real.
    """
    psi = _require_state(grid, psi)
    if psi.ndim != 1:
        raise ValueError("psi must be a single state of shape (N,)")
    n = grid.y2.size
    chi = psi * np.exp(-1j * grid.band_centre * grid.y2)        # band centred at k = 0
    spec = np.fft.fftshift(np.fft.fft(chi))
    fine = np.fft.ifft(np.fft.ifftshift(np.pad(spec, n // 2))) * 2.0     # spacing Δy2/2
    m = np.fft.fftfreq(2 * n, 1.0 / (2 * n)).astype(int)            # FFT order, -N..N-1
    j = np.arange(2 * n)[:, None]
    plus, minus = j + m[None, :], j - m[None, :]
    valid = (plus >= 0) & (plus < 2 * n) & (minus >= 0) & (minus < 2 * n)
    corr = np.where(valid, fine[np.clip(plus, 0, 2 * n - 1)].conj()
                    * fine[np.clip(minus, 0, 2 * n - 1)], 0.0)
    h = grid.dy2 / 2.0
    w = np.fft.fftshift((h / np.pi) * 2 * n * np.fft.ifft(corr, axis=1), axes=1).real
    k = np.fft.fftshift(np.fft.fftfreq(2 * n, 1.0 / (2 * n))) * np.pi / (n * grid.dy2)
    y1 = grid.sign * (k + grid.band_centre)
    if grid.sign < 0:
        y1, w = y1[::-1], w[:, ::-1]
    y2 = grid.y2[0] + 0.5 * grid.dy2 * np.arange(2 * n)
    return y1, y2, w


def wigner_marginals(grid, psi) -> dict:
    """Total integral and marginals of the Wigner function against ψ.

    Returns
    -------
    dict
        ``total`` (∫∫W), ``y2_error`` (largest abs(∫W dy1 - abs(ψ(y2))²)) and
        ``y1_error`` (largest abs(∫W dy2 - abs(φ(y1))²) with φ the momentum-space wave
        function, a direct Fourier sum of ψ), each error relative to the
        maximum of the density it is compared with.
    """
    y1, y2, w = wigner(grid, psi)
    psi = _require_state(grid, psi)
    d1, d2 = y1[1] - y1[0], y2[1] - y2[0]
    norm = norms(grid, psi)[0]
    rho2 = np.abs(psi) ** 2 / norm                   # at the grid points, even rows of W
    k = grid.sign * y1
    phi = grid.dy2 / np.sqrt(2 * np.pi) * np.exp(-1j * np.outer(k, grid.y2)) @ psi
    rho1 = np.abs(phi) ** 2 / norm
    marg2, marg1 = w[::2].sum(axis=1) * d1, w.sum(axis=0) * d2
    return {"total": float(w.sum() * d1 * d2),
            "y2_error": float(np.max(np.abs(marg2 - rho2)) / rho2.max()),
            "y1_error": float(np.max(np.abs(marg1 - rho1)) / rho1.max())}


def wigner_at(grid, psi, point) -> float:
    """The Wigner function of ψ (:func:`wigner`) at the mesh point nearest ``point``.

    Parameters
    ----------
    grid : Grid
    psi : array_like, shape (N,)
    point : array_like, shape (2,)
        (y1, y2) inside the Wigner mesh.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``point`` is not a finite pair or lies outside the mesh.
    """
    point = _require_point("point", point)
    y1, y2, w = wigner(grid, psi)
    if not (y1[0] <= point[0] <= y1[-1] and y2[0] <= point[1] <= y2[-1]):
        raise ValueError(f"point must lie in the Wigner mesh [{y1[0]:.4g}, {y1[-1]:.4g}] x "
                         f"[{y2[0]:.4g}, {y2[-1]:.4g}], got {tuple(point)}")
    return float(w[np.argmin(np.abs(y2 - point[1])), np.argmin(np.abs(y1 - point[0]))])


def wigner_totals(result, indices) -> np.ndarray:
    """∫∫W of the run's states at the given time indices (:func:`wigner_marginals`).

    Returns
    -------
    numpy.ndarray, shape (len(indices),)

    Raises
    ------
    ValueError
        If ``result`` is not a Correspondence or an index is out of range.
    """
    result = _require_result(result)
    return np.array([wigner_marginals(result.grid, result.psi[_require_index(result, int(i))])
                     ["total"] for i in np.atleast_1d(indices)])


def gaussian_wigner(y1, y2, mean, covariance) -> np.ndarray:
    """Wigner function of a Gaussian state: the normal density of (y1, y2).

    W(z) = exp(-(z - m)ᵀ Σ⁻¹ (z - m) / 2) / (2π sqrt(det Σ)) on the mesh of
    ``y1`` (columns) and ``y2`` (rows), as returned by :func:`wigner`.

    Raises
    ------
    ValueError
        If ``covariance`` is not symmetric positive definite with
        det Σ ≥ 1/4 (the uncertainty relation, ħ = 1).
    """
    mean = _require_point("mean", mean)
    cov = np.asarray(covariance, dtype=float)
    if cov.shape != (2, 2) or not np.allclose(cov, cov.T) \
            or np.any(np.linalg.eigvalsh(cov) <= 0) \
            or np.linalg.det(cov) < 0.25 * (1 - 1e-9):
        raise ValueError("covariance must be a symmetric positive definite 2x2 matrix "
                         f"with det >= 1/4 (uncertainty relation), got {covariance!r}")
    z = np.stack(np.meshgrid(np.asarray(y1) - mean[0], np.asarray(y2) - mean[1]), axis=-1)
    quad = np.einsum("...i,ij,...j->...", z, np.linalg.inv(cov), z)
    return np.exp(-quad / 2.0) / (2.0 * np.pi * np.sqrt(np.linalg.det(cov)))


def wigner_transport_error(result: Correspondence, indices) -> np.ndarray:
    """How far W(t) is from the initial Wigner function carried by the classical flow.

    The packets of :func:`gaussian_packet` are Gaussian states; for a
    quadratic Ĥ the Moyal equation reduces to Liouville's equation, so W(t)
    should be the Gaussian with mean y_lin(∓t) and covariance Φ Σ₀ Φᵀ,
    Φ = exp(∓tA) (reversed flow for Eq. 21, forward for the conjugate
    convention).  Returns max abs(W - W_transported) / max W at each index.

    Returns
    -------
    numpy.ndarray, shape (len(indices),)
    """
    grid = _require_result(result).grid
    sign = -1.0 if grid.convention == "paper" else 1.0
    A, _ = linear_system(grid.net, ACTIVE)
    cov0 = packet_covariance(grid.net, result.width)
    out = []
    for i in np.atleast_1d(indices):
        i = int(i)
        if not 0 <= i < result.t.size:
            raise ValueError(f"indices must lie in [0, {result.t.size}), got {i}")
        y1, y2, w = wigner(grid, result.psi[i])
        phi = _flow_matrices(A, np.array([sign * result.t[i]]))[0]
        mean = result.backward[:, i] if sign < 0 else result.forward[:, i]
        exact = gaussian_wigner(y1, y2, mean, phi @ cov0 @ phi.T)
        out.append(np.max(np.abs(w - exact)) / exact.max())
    return np.array(out)


# ------------------------------------------------- open orbits: Delta >= 0
def open_orbit_packet(net, y0, t_max, samples=41, width=0.5, margin=8.0, max_size=1024) -> dict:
    """A Gaussian packet under Ĥ when the classical orbit is open (saddle, Δ = 0).

    For Δ > 0 (a saddle: the inverted oscillator) and Δ = 0 (parabolic or
    shear level sets) Ĥ has a continuous spectrum and no normalizable
    eigenfunctions, but the Schrödinger evolution of a normalizable packet is
    well defined and, H being quadratic, its Wigner function is carried by the
    reversed classical flow exactly: mean y(-t), covariance
    ``Φ Σ₀ Φᵀ``, ``Φ = exp(-tA)`` (convention (21)).  Along a saddle's unstable
    direction the packet spreads like ``exp(2 sqrt(Δ) t)`` in variance, for
    Δ = 0 polynomially.  The packet is evolved on a periodic Fourier grid
    sized to hold the classical mean plus ``margin`` standard deviations over
    ``0 <= t <= t_max`` (the representation (21), ψ(0) the Gaussian of
    :func:`gaussian_packet`), through the eigen-decomposition of the grid
    matrix of Ĥ, and compared with that classical transport.

    Parameters
    ----------
    net : CTRNN2
        A Hamiltonian network (Eq. 13), any Δ.
    y0 : array_like, shape (2,)
        Initial mean (y1, y2).
    t_max : float
        Positive end time.
    samples : int, optional
        Output times, 2 ... 10**4.
    width : float, optional
        Initial standard deviation in y2 (Var ŷ1 = 1/(4 width²)).
    margin : float, optional
        Standard deviations kept inside the box.
    max_size : int, optional
        Largest grid (16 ... 2000).

    Returns
    -------
    dict
        ``t``, ``means`` (quantum, shape (2, T)), ``classical`` (y(-t)),
        ``mean_error`` (largest distance), ``variance`` and
        ``classical_variance`` (of ŷ2), ``variance_error`` (largest relative
        difference), ``norm_drift`` and ``size``.

    Raises
    ------
    ValueError
        If the network is not Hamiltonian (Eq. 13), an argument is out of
        range, or the grid needed exceeds ``max_size``.
    """
    from ctrnn._validation import integer, real
    net = _require_network(net)
    y0 = _require_point("y0", y0)
    t_max = real("t_max", t_max, positive=True)
    samples = integer("samples", samples, minimum=2, maximum=10 ** 4)
    width = real("width", width, positive=True)
    margin = real("margin", margin, positive=True)
    max_size = integer("max_size", max_size, minimum=16, maximum=2000)
    t = np.linspace(0.0, t_max, samples)
    classical = linear_flow(net, y0, -t)
    A, _ = linear_system(net, ACTIVE)
    phi = _flow_matrices(A, -t)
    sigma0 = np.diag([1.0 / (4.0 * width ** 2), width ** 2])
    cov = np.einsum("tij,jk,tlk->til", phi, sigma0, phi)
    sd = np.sqrt(np.stack([cov[:, 0, 0], cov[:, 1, 1]]))
    low = (classical - margin * sd).min(axis=1)
    high = (classical + margin * sd).max(axis=1)
    centre, half = (low + high) / 2, (high - low) / 2
    size = int(2 * np.ceil(2.0 * half[0] * half[1] / np.pi / 2.0))
    size = max(size, 16)
    if size > max_size:
        raise ValueError(f"the packet needs size = {size} grid points > max_size = {max_size}; "
                         "shorten t_max or reduce margin")
    x_op, p_op = quantum.fourier_operators(centre[1], centre[0], half[1], size)
    y2 = np.real(np.diag(x_op)).copy()
    mod = np.exp(1j * centre[0] * y2)
    y1_op = mod[:, None] * p_op * mod.conj()[None, :]
    h = quantum.hamiltonian_matrix(net, x_op, y1_op)
    levels, modes = scipy.linalg.eigh(0.5 * (h + h.conj().T))
    dy2 = 2.0 * half[1] / size
    psi0 = np.exp(-(y2 - y0[1]) ** 2 / (4.0 * width ** 2) + 1j * y0[0] * y2)
    psi0 /= np.sqrt(np.sum(np.abs(psi0) ** 2) * dy2)
    coeff = modes.conj().T @ psi0
    psi = modes @ (np.exp(-1j * np.outer(levels, t)) * coeff[:, None])
    dens = np.abs(psi) ** 2 * dy2
    norm = dens.sum(axis=0)
    m2 = (y2[:, None] * dens).sum(axis=0)
    m1 = np.real(np.einsum("it,ij,jt->t", psi.conj(), y1_op, psi)) * dy2
    var2 = (y2[:, None] ** 2 * dens).sum(axis=0) - m2 ** 2
    means = np.array([m1, m2])
    return {"t": t, "means": means, "classical": classical,
            "mean_error": float(np.abs(means - classical).max()),
            "variance": var2, "classical_variance": cov[:, 1, 1],
            "variance_error": float(np.max(np.abs(var2 / cov[:, 1, 1] - 1))),
            "norm_drift": float(np.abs(norm - 1).max()), "size": size}


def packet_orbit_ratio(net, y0, width=None) -> dict:
    """How wide the packet is compared with its classical orbit.

    Parameters
    ----------
    net : CTRNN2
        A centre (Eq. 13, Δ < 0).
    y0 : array_like, shape (2,)
        The packet's initial mean; its orbit is the ellipse of H (18) through it.
    width : float, optional
        As for :func:`packet_covariance` (None: the coherent state, ħ = 1).

    Returns
    -------
    dict
        ``std`` (standard deviations of ŷ1, ŷ2 at t = 0), ``semi_axes`` (the
        principal semi-axes of the ellipse, ascending: ``sqrt(E / lambda_i)``
        for ``(y - z*)^T a (y - z*) = E`` with ``a`` the quadratic form of H),
        ``ratio`` (the largest, over the two principal axes, of the packet's
        standard deviation along the axis over the semi-axis; for the coherent
        state both equal ``1 / (2 sqrt(action))``) and
        ``orbit_area`` over ``2 pi`` (the orbit's action in units of ħ).
    """
    net = _require_centre(net)
    y0 = _require_point("y0", y0)
    a = _positive_form(net)
    centre, _ = quantum.critical_point(net)
    d = y0 - centre
    energy = float(d @ a @ d)
    lam, vec = np.linalg.eigh(a)
    axes = np.sqrt(energy / lam)
    cov = packet_covariance(net, width)
    along = np.sqrt(np.einsum("ik,ij,jk->k", vec, cov, vec))
    area = np.pi * energy / np.sqrt(np.linalg.det(a))
    return {"std": np.sqrt(np.diag(cov)), "semi_axes": np.sort(axes),
            "ratio": float(np.max(along / axes)), "orbit_area": float(area / (2 * np.pi))}
