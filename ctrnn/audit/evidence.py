"""How the audit states numbers in its evidence.

A measured value is rounded to a few significant digits (:func:`rounded`).  A
result at rounding level -- the largest difference of two double-precision
routes that agree, 1e-16 to 1e-13 -- has digits that depend on the CPU (NumPy's
and OpenBLAS's AVX-512 and AVX2 code paths round differently in the last
bits), so it is stated as a bound, ``"< 1e-13"`` (:func:`bound`): the audit's
JSON is then the same on every machine, and the disk cache
(:mod:`ctrnn.audit.cache`) can be shared between processes that run on
different code paths.  Results of mpmath, which does its arithmetic in
software, keep their digits.
"""
from __future__ import annotations

import math


def rounded(value, digits: int = 3) -> float:
    """``value`` to ``digits`` significant digits, as a float."""
    return float(f"{float(value):.{digits}g}")


def bound(value, level: float):
    """``"< level"`` when ``value`` is below ``level``, else ``value`` to 3 digits.

    Parameters
    ----------
    value : float
        A non-negative measured difference or residual.
    level : float
        The rounding level of the computation, positive; choose it well above
        the spread between CPUs (a 30-fold margin at least), so that the
        statement is the same on every machine.

    Returns
    -------
    str or float

    Raises
    ------
    ValueError
        If ``value`` is negative or not finite, or ``level`` is not positive.
    """
    value = float(value)
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"value must be a finite non-negative number, got {value!r}")
    if not (math.isfinite(level) and level > 0):
        raise ValueError(f"level must be a positive number, got {level!r}")
    return f"< {level:.0e}" if value < level else rounded(value)

