"""One set of argument checks for the whole package.

A wrong type raises :class:`TypeError`, a wrong value :class:`ValueError`;
each message names the argument, the condition and, where one applies, the
paper's equation.  See ``ARCHITECTURE.md``.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np

#: Relative tolerance of every "is this zero?" decision on a sum of terms:
#: a quantity counts as zero when it is below ``RTOL`` times the sum of the
#: magnitudes of its terms.
RTOL = 1e-10


def vanishes(value, size, rtol: float = RTOL):
    """Whether ``value`` counts as zero: ``|value| <= rtol * size``.

    The one tolerance policy of the package for deciding that a sum of terms
    vanishes (a trace, a determinant, the discriminant Δ): ``size`` is the sum
    of the magnitudes of the terms, so the decision does not depend on units.

    Parameters
    ----------
    value, size : float or ndarray
        The sum and the sum of the magnitudes of its terms (``size >= 0``).
    rtol : float, optional
        Relative tolerance, :data:`RTOL` by default.

    Returns
    -------
    bool or ndarray of bool

    Examples
    --------
    >>> vanishes(1e-17, 2.0), vanishes(1e-3, 2.0), vanishes(0.0, 0.0)
    (True, False, True)
    """
    result = np.abs(value) <= rtol * np.asarray(size)
    return bool(result) if np.ndim(result) == 0 else result

HAMILTONIAN_PARAMETERS = ("tau1", "tau2", "w11", "w12", "w21",
                          "theta1", "theta2", "I1", "I2")

_DEFAULTS = {"theta1": 0.0, "theta2": 0.0, "I1": 0.0, "I2": 0.0}


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
    if hasattr(params, "hamiltonian_coefficients"):  # a CTRNN2 (duck-typed: no import cycle)
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
