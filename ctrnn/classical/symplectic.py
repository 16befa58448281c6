"""The implicit midpoint rule for a linear flow: a symplectic integrator.

For ``dy/dt = A y + b`` one step of length h is

    y_{k+1} = y_k + h (A (y_k + y_{k+1}) / 2 + b),
    i.e.  y_{k+1} = R y_k + r,   R = (1 - h A/2)^{-1} (1 + h A/2),  r = (1 - h A/2)^{-1} h b .

The rule is symplectic and conserves every quadratic first integral exactly
(Hairer, Lubich & Wanner, *Geometric Numerical Integration*, Thm. IV.2.1):
for a Hamiltonian network (Eq. 13) it keeps H (18) constant up to rounding,
whatever the step, while its phase error grows like ``h**2 t``.
"""
from __future__ import annotations

import numpy as np

from ctrnn._validation import MAX_SAMPLES, array, integer, real


def implicit_midpoint(A, b, y0, t_max, steps):
    """States of the implicit midpoint rule for ``dy/dt = A y + b`` at every step.

    Parameters
    ----------
    A : array_like, shape (n, n)
    b, y0 : array_like, shape (n,)
    t_max : float
        Positive end time.
    steps : int
        Number of equal steps, 1 ... ``MAX_SAMPLES // n - 1``
        (:data:`ctrnn._validation.MAX_SAMPLES`).

    Returns
    -------
    t : ndarray, shape (steps + 1,)
    y : ndarray, shape (n, steps + 1)

    Raises
    ------
    TypeError
        If an argument is not real numbers (``steps`` an integer).
    ValueError
        If shapes disagree, ``t_max`` is not positive, ``steps`` is out of
        range, or ``1 - h A / 2`` is singular (h an eigenvalue-resonant step).
    """
    A = array("A", A, ndim=2)
    n = A.shape[0]
    if A.shape != (n, n):
        raise ValueError(f"A must be square, got shape {A.shape}")
    b = array("b", b, shape=(n,))
    y0 = array("y0", y0, shape=(n,))
    t_max = real("t_max", t_max, positive=True)
    steps = integer("steps", steps, minimum=1, maximum=MAX_SAMPLES // n - 1,
                    remedy="use fewer steps")
    h = t_max / steps
    left = np.eye(n) - h * A / 2
    if np.linalg.cond(left) > 1e12:
        raise ValueError("1 - h A / 2 is singular for this step: choose another number of steps")
    R = np.linalg.solve(left, np.eye(n) + h * A / 2)
    r = np.linalg.solve(left, h * b)
    y = np.empty((n, steps + 1))
    y[:, 0] = y0
    current = y0.copy()
    for k in range(1, steps + 1):
        current = R @ current + r
        y[:, k] = current
    return np.linspace(0.0, t_max, steps + 1), y
