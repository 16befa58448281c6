"""Planck's constant restored: what it changes and what could set it for a network.

The book quantizes with hbar = 1.  With ``[y1_hat, y2_hat] = -i hbar`` (the
orientation of the representation (21), ``y1_hat = -i hbar d/dy2``) the
Weyl-quantized H (18) has, for a centre (``Delta < 0``),

    E_n = H* - sgn(C2) hbar sqrt(-Delta) (n + 1/2),     n = 0, 1, 2, ...

because ``H(z* + sqrt(hbar) x) - H* = hbar (H(z* + x) - H*)`` for a quadratic H
(:func:`scaling_identity`): the substitution ``y = z* + sqrt(hbar) x`` maps
``H_hat_hbar - H*`` to ``hbar (H_hat_1 - H*)``.  Heisenberg's equations
``d<y>/dt = (i/hbar) <[H_hat, y_hat]>`` and the Moyal equation of the Wigner
function contain hbar only through commutators of a quadratic H, where it
cancels: both are exact and classical for every hbar.  The condition for a
discrete, normalizable spectrum, ``Delta < 0``, contains no hbar.

What hbar *could* mean for a network is a resolution: the quantum states
live on phase-space cells of area ``2 pi hbar``.  The functions below compute
the two scales the network itself offers: the number of levels that fit in the
conservative disc of the ReLU plane, and the largest hbar for which the
n = 0 state keeps a given fraction of its Wigner weight inside the
both-active region A, the only place where H (18) is the network's dynamics.
"""
from __future__ import annotations

import math

import numpy as np
import scipy.optimize
import scipy.stats
import sympy as sp

from ctrnn._validation import integer, real
from ctrnn.classical import hamiltonian
from ctrnn.quantum.levels import critical_point, fourier_operators, hamiltonian_matrix, quadratic_form


def _centre(net):
    c = hamiltonian.coefficients(net)
    if hamiltonian.discriminant_sign(net) >= 0:
        raise ValueError("net must be a centre (Delta = E2**2 + 4 C2 D2 < 0, Eqs. 19-20): "
                         "only then does H (18) have a discrete spectrum")
    return c


def scaling_identity():
    """SymPy: ``H(z* + sqrt(hbar) x) - H* - hbar (H(z* + x) - H*)`` for H of Eq. (18).

    Returns
    -------
    sympy.Expr
        The difference, simplified: 0 for general coefficients, at the critical
        point z* of H.
    """
    C1, C2, D1, D2, E2, x1, x2 = sp.symbols("C1 C2 D1 D2 E2 x1 x2", real=True)
    hbar = sp.Symbol("hbar", positive=True)
    y1, y2 = sp.symbols("y1 y2", real=True)
    H = -C1 * y1 - C2 * y1 ** 2 + D1 * y2 + D2 * y2 ** 2 + E2 * y1 * y2
    z = sp.solve([sp.diff(H, y1), sp.diff(H, y2)], [y1, y2], dict=True)[0]
    Hs = H.subs(z)
    def at(s):
        return H.subs({y1: z[y1] + s * x1, y2: z[y2] + s * x2}, simultaneous=True)
    return sp.simplify(at(sp.sqrt(hbar)) - Hs - hbar * (at(1) - Hs))


def third_derivatives():
    """All third derivatives of H (18) in (y1, y2): zero, so Moyal = Poisson exactly.

    The Moyal bracket is the Poisson bracket plus terms of order hbar**2 built
    from third and higher derivatives of H; for the quadratic H (18) every one
    vanishes.

    Returns
    -------
    list of sympy.Expr
        ``d^3 H / dy1^a dy2^(3-a)``, a = 0 ... 3.
    """
    C1, C2, D1, D2, E2, y1, y2 = sp.symbols("C1 C2 D1 D2 E2 y1 y2", real=True)
    H = -C1 * y1 - C2 * y1 ** 2 + D1 * y2 + D2 * y2 ** 2 + E2 * y1 * y2
    return [sp.diff(H, y1, a, y2, 3 - a) if 0 < a < 3 else sp.diff(H, y1 if a == 3 else y2, 3)
            for a in range(4)]


def spectrum(net, n, hbar):
    """Closed form ``E_k = H* - sgn(C2) hbar sqrt(-Delta) (k + 1/2)``, k < n.

    Parameters
    ----------
    net : CTRNN2
        A centre (Eq. 13 holds, ``Delta < 0``).
    n : int
        Number of levels, 1 ... 10**6.
    hbar : float
        Positive.

    Returns
    -------
    ndarray, shape (n,)
    """
    c = _centre(net)
    n = integer("n", n, minimum=1, maximum=10 ** 6)
    hbar = real("hbar", hbar, positive=True)
    _, h_star = critical_point(net)
    omega = math.sqrt(-hamiltonian.discriminant(net))
    return h_star - np.sign(c["C2"]) * hbar * omega * (np.arange(n) + 0.5)


def _box(net, hbar, levels):
    """Half widths of the phase-space box holding the first ``levels`` orbits plus a margin."""
    a = quadratic_form(net)
    a = a if a[0, 0] > 0 else -a
    omega = math.sqrt(-hamiltonian.discriminant(net))
    energy = hbar * omega * (levels + 12.0)       # 12 oscillator units of margin
    inv = np.linalg.inv(a)
    return math.sqrt(energy * inv[0, 0]), math.sqrt(energy * inv[1, 1])


def numerical_spectrum(net, n, hbar, size=256):
    """The first n levels of the Weyl-quantized H (18) with explicit hbar, by diagonalization.

    ``y2_hat`` is the position on a periodic Fourier grid around ``y2*`` and
    ``y1_hat = -i hbar d/dy2`` (:func:`ctrnn.quantum.levels.fourier_operators`
    scaled by hbar, band centred on ``y1*``); the matrix of Ĥ is the
    Weyl-symmetrized product (:func:`ctrnn.quantum.levels.hamiltonian_matrix`).
    The box is sized from the classical quadratic form (orbits of the first
    ``n + 12`` oscillator units), so nothing of the closed form is used.

    Parameters
    ----------
    net : CTRNN2
        A centre.
    n : int
        Number of levels, 1 ... size // 4.
    hbar : float
        Positive.
    size : int, optional
        Grid points, 16 ... 1000.

    Returns
    -------
    ndarray, shape (n,)
        Ordered by quantum number (ascending if C2 < 0, descending if C2 > 0).
    """
    c = _centre(net)
    hbar = real("hbar", hbar, positive=True)
    size = integer("size", size, minimum=16, maximum=1000)
    n = integer("n", n, minimum=1, maximum=size // 4)
    z, _ = critical_point(net)
    ext1, ext2 = _box(net, hbar, n)
    # the box must hold the y2 extent (half width >= 1.5 ext2) and the band of
    # momenta hbar k, |hbar k| <= pi hbar size / (2 half width), the y1 extent
    lower, upper = 1.5 * ext2, math.pi * hbar * size / (3.0 * ext1)
    if lower > upper:
        raise ValueError(f"size = {size} grid points cannot hold {n} levels; use a larger size")
    half_width = math.sqrt(lower * upper)
    x_op, p_op = fourier_operators(z[1], z[0] / hbar, half_width, size)
    levels = np.linalg.eigvalsh(hamiltonian_matrix(net, x_op, hbar * p_op))
    return levels[::-1][:n] if c["C2"] > 0 else levels[:n]


def levels_in_disc(net, disc, hbar):
    """How many levels of the hbar-quantized H lie between H* and a critical level h_c.

    Bohr-Sommerfeld with the exact spectrum: ``floor(|H* - h_c| / (hbar omega) + 1/2)``
    levels ``E_k`` satisfy ``|E_k - H*| <= |h_c - H*|``; the orbit of area
    ``2 pi hbar (k + 1/2)`` then lies in the conservative disc.

    Parameters
    ----------
    net : CTRNN2
        A centre.
    disc : tuple of float
        The disc's level range ``(h_low, h_high)``
        (:func:`ctrnn.classical.relu_plane.conservative_level_range`).
    hbar : float
        Positive.

    Returns
    -------
    int
    """
    _centre(net)
    hbar = real("hbar", hbar, positive=True)
    lo, hi = real("disc[0]", disc[0]), real("disc[1]", disc[1])
    _, h_star = critical_point(net)
    depth = max(abs(hi - h_star), abs(lo - h_star))
    omega = math.sqrt(-hamiltonian.discriminant(net))
    return int(math.floor(depth / (hbar * omega) + 0.5))


def weight_outside_active_region(net, hbar):
    """Wigner weight of the n = 0 eigenstate outside A = {y_i + theta_i >= 0}.

    The n = 0 state's Wigner function is the Gaussian of mean z* and
    covariance ``hbar sqrt(det a) a^{-1} / 2`` (``a`` the quadratic form of H,
    made positive definite; ``det = hbar**2 / 4`` for a pure state), a
    probability density; its weight outside the quadrant A is
    ``1 - P(y1 >= -theta1, y2 >= -theta2)``.

    Parameters
    ----------
    net : CTRNN2
        A centre.
    hbar : float
        Positive.

    Returns
    -------
    float
    """
    _centre(net)
    hbar = real("hbar", hbar, positive=True)
    a = quadratic_form(net)
    a = a if a[0, 0] > 0 else -a
    cov = hbar * math.sqrt(np.linalg.det(a)) * np.linalg.inv(a) / 2
    z, _ = critical_point(net)
    corner = -np.array([net.theta1, net.theta2])
    # P(y >= corner) = P(-y <= -corner), -y ~ N(-z, cov)
    inside = scipy.stats.multivariate_normal(mean=-z, cov=cov).cdf(-corner)
    return float(max(0.0, 1.0 - inside))


def largest_hbar(net, epsilon):
    """The largest hbar whose n = 0 state has Wigner weight <= epsilon outside A.

    Parameters
    ----------
    net : CTRNN2
        A centre whose equilibrium lies inside A.
    epsilon : float
        In (0, 0.5).

    Returns
    -------
    float
    """
    epsilon = real("epsilon", epsilon, positive=True, maximum=0.5)
    z, _ = critical_point(net)
    if np.any(z + np.array([net.theta1, net.theta2]) <= 0):
        raise ValueError("net's equilibrium must lie inside the both-active region A")
    lo, hi = 1e-12, 1.0
    while weight_outside_active_region(net, hi) < epsilon:
        hi *= 4
    return float(scipy.optimize.brentq(
        lambda h: math.log(weight_outside_active_region(net, h) + 1e-300) - math.log(epsilon),
        lo if weight_outside_active_region(net, lo) < epsilon else lo, hi, rtol=1e-10))
