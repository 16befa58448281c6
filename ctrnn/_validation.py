"""One set of argument checks for the whole package.

A wrong type raises :class:`TypeError`, a wrong value :class:`ValueError`;
each message names the argument, the condition and, where one applies, the
paper's equation.  See ``ARCHITECTURE.md``.

The checks (a stable API: every layer uses them)
------------------------------------------------
:func:`real`, :func:`integer`, :func:`boolean`, :func:`array`, :func:`choice`,
:func:`expression`, :func:`function`, :func:`instance`, :func:`mapping_keys`
check one argument and return it converted (``float``, ``int``, ``ndarray``);
:func:`cost` enforces a documented upper bound on an argument that sets the
size of the work.

Conventions:

* *Numbers.*  Python ``int``/``float``, NumPy integer and floating scalars
  (and 0-d arrays of them) and SymPy numbers are numbers; ``bool`` (and ``numpy.bool_``), strings, ``None`` and complex
  numbers are not (:class:`TypeError`).  ``numpy.int64`` is accepted wherever
  an ``int`` is.  NaN and ±inf are rejected (:class:`ValueError`) unless
  ``finite=False``.
* *Arrays.*  Anything NumPy converts to a real float array of a numeric
  dtype; boolean, string, object and complex arrays are a :class:`TypeError`.
* *Symbols.*  SymPy inputs must be SymPy objects, never strings: a string is
  a :class:`TypeError` (``sympify`` would silently turn ``"y1*y2"`` into
  constant symbols of the wrong assumptions).
* *Cost limits.*  :data:`MAX_MATRIX_SIZE`, :data:`MAX_LEVELS`,
  :data:`MAX_SAMPLES`, :data:`MAX_ELEMENTS` are derived from the machine the
  book is built on (2 cores, 24 GiB; every public call must finish in 60 s
  and allocate < 4 GiB); functions cite them in their docstrings.
"""
from __future__ import annotations

import math
import numbers
from collections.abc import Mapping

import numpy as np
import sympy as sp

#: Relative tolerance of every "is this zero?" decision on a sum of terms:
#: a quantity counts as zero when it is below ``RTOL`` times the sum of the
#: magnitudes of its terms.
RTOL = 1e-10

#: Largest dense matrix (rows) any function builds and diagonalizes: a complex
#: 2000 x 2000 matrix is 64 MB (a few copies < 1 GiB); ``scipy.linalg.eigvalsh``
#: of it took 18 s on one loaded core of the build machine (1000: 1.5 s,
#: 3000: 48 s, too close to the 60 s budget).
MAX_MATRIX_SIZE = 2000
#: Largest number of energy levels / eigenfunctions asked of a closed form
#: (10**7 floats = 80 MB).
MAX_LEVELS = 10 ** 7
#: Largest number of output samples (time points, grid points) of one call:
#: 10**7 states of a planar flow are 160 MB.
MAX_SAMPLES = 10 ** 7
#: Largest number of array elements one call returns or builds (2 * 10**7
#: complex numbers = 320 MB).
MAX_ELEMENTS = 2 * 10 ** 7


def _where(equation):
    return f" ({equation})" if equation else ""


def _is_bool(value) -> bool:
    return isinstance(value, (bool, np.bool_))


def real(name: str, value, *, finite: bool = True, positive: bool = False,
         nonnegative: bool = False, nonzero: bool = False, maximum=None,
         equation: str | None = None) -> float:
    """A real number, as ``float``.

    Parameters
    ----------
    name : str
        The argument's name, used in the message.
    value : object
        The argument.
    finite, positive, nonnegative, nonzero : bool, optional
        Conditions on the value (``finite`` by default).
    maximum : float, optional
        Inclusive upper bound.
    equation : str, optional
        Where the condition comes from, e.g. ``"Eq. (13)"``.

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If ``value`` is not a real number (``bool`` is not a number).
    ValueError
        If a condition fails.

    Examples
    --------
    >>> real("tau1", np.int64(2), positive=True)
    2.0
    >>> real("tau1", True)
    Traceback (most recent call last):
    ...
    TypeError: tau1 must be a real number, got True (bool)
    """
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        value = value[()]                  # a 0-d array is its scalar
    if _is_bool(value) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {value!r} ({type(value).__name__})")
    value = float(value)
    if math.isnan(value) or (finite and math.isinf(value)):
        raise ValueError(f"{name} must be {'finite' if finite else 'a number, not NaN'}"
                         f"{_where(equation)}, got {value!r}")
    if positive and not value > 0:
        raise ValueError(f"{name} must be a positive number{_where(equation)}, got {value!r}")
    if nonnegative and not value >= 0:
        raise ValueError(f"{name} must be a non-negative number{_where(equation)}, "
                         f"got {value!r}")
    if nonzero and value == 0:
        raise ValueError(f"{name} must be non-zero{_where(equation)}, got {value!r}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be at most {maximum!r}{_where(equation)}, got {value!r}")
    return value


def tolerance(name: str, value) -> float:
    """A tolerance: a finite positive real number (see :func:`real`)."""
    return real(name, value, positive=True)


def integer(name: str, value, *, minimum: int | None = None, maximum: int | None = None,
            equation: str | None = None, remedy: str | None = None) -> int:
    """An integer (Python or NumPy, not ``bool``), as ``int``.

    Parameters
    ----------
    name : str
    value : object
    minimum, maximum : int, optional
        Inclusive bounds.  A ``maximum`` is a cost limit: its message says so
        and suggests ``remedy``.
    equation : str, optional
    remedy : str, optional
        What to do instead when ``value > maximum``.

    Returns
    -------
    int

    Raises
    ------
    TypeError
        If ``value`` is not an integer (``3.0`` and ``True`` are not).
    ValueError
        If it is out of bounds.

    Examples
    --------
    >>> integer("n", np.int64(3), minimum=1)
    3
    """
    if _is_bool(value) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r} ({type(value).__name__})")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}{_where(equation)}, got {value!r}")
    if maximum is not None and value > maximum:
        cost(name, value, maximum, remedy=remedy)
    return value


def cost(name: str, value, maximum, *, what: str = "", remedy: str | None = None) -> None:
    """Enforce a cost limit: ``value <= maximum`` or a :class:`ValueError`.

    The limits keep every public call under 60 s and 4 GiB on the build
    machine (2 cores, 24 GiB); the message states the limit and what to do.

    Parameters
    ----------
    name : str
        The argument (or product of arguments) that sets the size of the work.
    value, maximum : int or float
    what : str, optional
        What the value counts (e.g. ``"matrix rows"``).
    remedy : str, optional
        What to do instead.

    Raises
    ------
    ValueError
        If ``value > maximum``.
    """
    if value > maximum:
        counted = f" {what}" if what else ""
        advice = f"; {remedy}" if remedy else ""
        raise ValueError(f"{name} = {value!r}{counted} exceeds the cost limit {maximum!r} "
                         f"(every call must finish in 60 s within 4 GiB){advice}")


def boolean(name: str, value) -> bool:
    """A ``bool`` (or ``numpy.bool_``); anything else is a :class:`TypeError`."""
    if not _is_bool(value):
        raise TypeError(f"{name} must be True or False, got {value!r} ({type(value).__name__})")
    return bool(value)


def array(name: str, value, *, shape: tuple | None = None, ndim: int | None = None,
          min_size: int = 0, finite: bool = True, max_size: int = MAX_ELEMENTS,
          equation: str | None = None) -> np.ndarray:
    """A real float array.

    Parameters
    ----------
    name : str
    value : array_like
        Real numbers (Python or NumPy); not booleans, strings or complex.
    shape : tuple, optional
        Required shape.
    ndim : int, optional
        Required number of dimensions.
    min_size : int, optional
        Least number of elements.
    finite : bool, optional
        Reject NaN and ±inf (default).
    max_size : int, optional
        Cost limit on the number of elements (:data:`MAX_ELEMENTS`).
    equation : str, optional

    Returns
    -------
    ndarray of float

    Raises
    ------
    TypeError
        If ``value`` is not an array of real numbers.
    ValueError
        If its shape, size or values are wrong.

    Examples
    --------
    >>> array("y0", [1, 2], shape=(2,))
    array([1., 2.])
    """
    if isinstance(value, (str, bytes)) or value is None or _is_bool(value):
        raise TypeError(f"{name} must be an array of real numbers, got {value!r}")
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError) as exc:    # ragged sequences
        raise ValueError(f"{name} must be a rectangular array of real numbers: {exc}") from None
    if raw.dtype == object:
        try:
            raw = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            raise TypeError(f"{name} must be an array of real numbers, got {value!r}") from None
    if raw.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be an array of real numbers, got dtype "
                        f"{raw.dtype} ({value!r:.80})")
    cost(f"{name}.size", int(raw.size), max_size, what="elements")
    arr = raw.astype(float)
    if shape is not None and arr.shape != tuple(shape):
        raise ValueError(f"{name} must have shape {tuple(shape)}{_where(equation)}, "
                         f"got shape {arr.shape}")
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-dimensional, got shape {arr.shape}")
    if arr.size < min_size:
        raise ValueError(f"{name} must have at least {min_size} elements, got {arr.size}")
    if finite and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (no NaN or inf){_where(equation)}")
    return arr


def choice(name: str, value, options) -> str:
    """One of the strings ``options``.

    Raises
    ------
    TypeError
        If ``value`` is not a string.
    ValueError
        If it is not one of ``options``.
    """
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {list(options)}, got {value!r} "
                        f"({type(value).__name__})")
    if value not in options:
        raise ValueError(f"{name} must be one of {list(options)}, got {value!r}")
    return value


def expression(name: str, value) -> sp.Basic:
    """A SymPy expression; Python numbers are converted, strings never parsed.

    Raises
    ------
    TypeError
        If ``value`` is a string or not a SymPy object or number.

    Examples
    --------
    >>> expression("symbol", "y1*y2")
    Traceback (most recent call last):
    ...
    TypeError: symbol must be a SymPy expression, got the string 'y1*y2' (strings are never parsed: build the expression from ctrnn.symbols)
    """
    if isinstance(value, str):
        raise TypeError(f"{name} must be a SymPy expression, got the string {value!r} "
                        "(strings are never parsed: build the expression from ctrnn.symbols)")
    if isinstance(value, sp.Basic):
        return value
    if not _is_bool(value) and isinstance(value, numbers.Number):
        return sp.sympify(value)
    raise TypeError(f"{name} must be a SymPy expression, got {value!r} ({type(value).__name__})")


def symbol(name: str, value) -> sp.Symbol:
    """A SymPy :class:`~sympy.Symbol` (a variable to quantize or differentiate)."""
    if not isinstance(value, sp.Symbol):
        raise TypeError(f"{name} must be a SymPy Symbol, got {value!r} ({type(value).__name__})")
    return value


def function(name: str, value):
    """A callable (an activation, an input current)."""
    if not callable(value):
        raise TypeError(f"{name} must be callable, got {value!r} ({type(value).__name__})")
    return value


def instance(name: str, value, cls, what: str | None = None):
    """``value`` if it is an instance of ``cls``, else a :class:`TypeError`.

    Parameters
    ----------
    name : str
    value : object
    cls : type or tuple of types
    what : str, optional
        How to name the expected type (default: the class name).
    """
    if not isinstance(value, cls):
        expected = what or getattr(cls, "__name__", str(cls))
        raise TypeError(f"{name} must be a {expected}, got {type(value).__name__}")
    return value


def mapping_keys(name: str, value, *, required=(), allowed=None) -> dict:
    """A mapping whose keys (strings or SymPy symbols, compared by name) are
    ``required`` and within ``allowed``; returned as a ``dict`` keyed by name.

    Raises
    ------
    TypeError
        If ``value`` is not a mapping or a key is not a string or Symbol.
    ValueError
        If a required key is missing or a key is not allowed (a typo).
    """
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a mapping, got {type(value).__name__}")
    out = {}
    for key, item in value.items():
        if isinstance(key, sp.Symbol):
            key = key.name
        if not isinstance(key, str):
            raise TypeError(f"{name} keys must be names or SymPy symbols, got {key!r}")
        out[key] = item
    missing = [k for k in required if k not in out]
    if missing:
        raise ValueError(f"{name} is missing {missing}")
    if allowed is not None:
        unknown = sorted(set(out) - set(allowed))
        if unknown:
            raise ValueError(f"{name} has unknown keys {unknown}; allowed are {sorted(allowed)}")
    return out


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

#: The free parameters of a Hamiltonian network (Eq. 13 fixes ``w22``), in the
#: order of :class:`~ctrnn.classical.network.CTRNN2`.
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
    TypeError
        If ``params`` is neither a network nor a mapping, or a value is not
        real numbers.
    ValueError
        If a key is missing or unknown, a value is not finite, a time
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
        raise TypeError(f"params must be a CTRNN2 or a mapping of parameter arrays, "
                        f"got {type(params).__name__}")
    out = {}
    for key in HAMILTONIAN_PARAMETERS:
        out[key] = array(key, given[key])
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
