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



def latex_number(value, relation: str = "", digits: int = 3) -> str:
    r"""``value`` as TeX for a summary's ``$...$``, optionally after a relation.

    Parameters
    ----------
    value : float
    relation : str
        Put before the number (``"<"``, ``"="``), separated by a space.
    digits : int
        Significant digits.

    Examples
    --------
    >>> latex_number(1e-13, "<"), latex_number(3.2e-4), latex_number(0.336)
    ('< 10^{-13}', '3.2 \\times 10^{-4}', '0.336')
    >>> latex_number(-2.5)
    '-2.5'
    """
    value = float(value)
    text = f"{value:.{digits}g}"
    if value != 0 and not 1e-3 <= abs(value) < 1e5:
        mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
        power = f"10^{{{int(exponent)}}}"
        text = power if mantissa in ("1", "-1") else f"{mantissa} \\times {power}"
        text = "-" + text if mantissa == "-1" else text
    return f"{relation} {text}" if relation else text
