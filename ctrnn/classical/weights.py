"""Constraints on the weights: the paper's conditions (38)-(40) against the truth.

The paper ends Section III by asking the eigenfunctions (32)-(33),
``psi = H_n(z(y2)) exp(-y2 (xi1 y2 + xi2))``, to vanish as ``|y2| -> oo`` and
concludes that the weights must satisfy ``Real(xi1) > 0``, Eq. (38), or
``Real(xi1) = 0``, Eq. (39), together with ``Real(xi2) > 0``, Eq. (40), where
xi1 and xi2 are Eqs. (25)-(26) written with the coefficients (19)-(20).

This module evaluates those printed conditions for networks (layer 1, the
formulas of :mod:`ctrnn.paper`), evaluates the truth for the correctly
Weyl-quantized operator (layer 2, :func:`ctrnn.quantum.levels.has_discrete_spectrum`),
and the classical equilibrium type of the both-active region, Eqs. (5)-(6).
It draws parameter-space maps and runs the Monte Carlo comparison.

Conventions
-----------
*Parameters.*  Vectorised functions take a mapping ``params`` with the keys of
:data:`~ctrnn._validation.HAMILTONIAN_PARAMETERS` (array-likes that broadcast together); ``w22``
is never given: it follows from the Hamiltonian condition (13),
``w22 = 1 - tau2 (w11 - 1) / tau1``.  A :class:`ctrnn.classical.network.CTRNN2` is accepted
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

import numpy as np

from ctrnn import _validation as V
from ctrnn._validation import HAMILTONIAN_PARAMETERS, hamiltonian_params, vanishes
from ctrnn.classical.network import CTRNN2

#: Free parameters of a Hamiltonian network (w22 follows from Eq. 13).


# ------------------------------------------------------------------ input


def centre_condition():
    """The condition for a classical centre of (5)-(6), derived symbolically.

    Derived from the network (:func:`ctrnn.classical.dynamics.linear_system_symbolic`)
    and the derived condition (13) (:func:`ctrnn.classical.hamiltonian.condition_13`),
    never from the printed equations.

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

    from ctrnn.classical.dynamics import linear_system_symbolic
    from ctrnn.classical.hamiltonian import condition_13
    from ctrnn.symbols import tau1, tau2, w22
    jac, _ = linear_system_symbolic((1, 1))       # derived from Eqs. (2)-(4)
    w22_13 = sp.solve(condition_13(), w22)[0]
    det = sp.expand(-jac.det().subs(w22, w22_13) * tau1**2 * tau2)
    return sp.StrictLessThan(det, 0)




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
        See :func:`~ctrnn._validation.hamiltonian_params`.

    Returns
    -------
    ndarray of str
        ``"centre"``, ``"saddle"`` or ``"degenerate"`` per network.
    """
    minus_det, size = _minus_det_jacobian(hamiltonian_params(params))
    zero = vanishes(minus_det, size)        # the package's one rule (RTOL of the terms)
    return np.where(zero, "degenerate", np.where(minus_det < 0, "centre", "saddle"))


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
    :func:`ctrnn.quantum.levels.has_discrete_spectrum` (the quantization chapter
    derives it), vectorized as :func:`ctrnn.quantum.levels.discrete_spectrum_mask`.

    Parameters
    ----------
    params : CTRNN2 or mapping
        See :func:`~ctrnn._validation.hamiltonian_params`.

    Returns
    -------
    bool ndarray
    """
    from ctrnn.quantum.levels import discrete_spectrum_mask
    return discrete_spectrum_mask(params)


def _minus_det_jacobian(p: dict):
    """``-det J`` of (5)-(6) and the size of its two terms (see :func:`classical_type`)."""
    a = (p["w11"] - 1.0) * (p["w22"] - 1.0) / (p["tau1"] * p["tau2"])
    b = p["w12"] * p["w21"] / (p["tau1"] * p["tau2"])
    return b - a, np.abs(a) + np.abs(b)


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
    :data:`~ctrnn._validation.HAMILTONIAN_PARAMETERS` from ``numpy.random.default_rng(seed)``;
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
        Parameter arrays of shape ``(n,)`` (keys of :data:`~ctrnn._validation.HAMILTONIAN_PARAMETERS`).

    Raises
    ------
    TypeError
        If ``n`` or ``seed`` is not an integer.
    ValueError
        If ``n`` is not positive or above the cost limit
        :data:`ctrnn._validation.MAX_LEVELS` = 10**7 networks (9 arrays of
        80 MB), or ``seed`` is negative.
    """
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"n must be a positive integer, got {n!r} ({type(n).__name__})")
    if n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    V.integer("n", n, maximum=V.MAX_LEVELS, remedy="sample fewer networks")
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed must be a non-negative integer, got {seed!r}")
    if seed < 0:
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
