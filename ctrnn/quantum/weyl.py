"""Weyl quantization of polynomial symbols, from the definition.

The representation of Eq. (21) of the paper is ŷ2 = y2 (multiplication) and
ŷ1 = -i ∂/∂y2.  Weyl ordering maps a monomial y1^a y2^b to the average of
all distinct orderings (words) of a factors ŷ1 and b factors ŷ2, the
symmetrized product; a polynomial symbol is quantized term by term.  The
result is returned as a linear differential operator
L = Σ_k c_k(y2) d^k/dy2^k with SymPy coefficients.

Nothing here uses the paper's Eq. (22): :func:`weyl_quantize` applies the
words of each monomial to a generic function and reads off the coefficients.
:func:`mccoy_quantize` is an independent route (McCoy's formula) used to
cross-check the definition, and :func:`weyl_matrix` builds the same
symmetrized products from matrices, for numerical diagonalization.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import numpy as np
import sympy as sp

from ctrnn import _validation as V
from ctrnn.symbols import C1, C2, D1, D2, E2, y1, y2

_f = sp.Function("f")

#: Cost limit on the number of Weyl words (orderings) one call expands,
#: summed over the monomials of the symbol: :func:`weyl_quantize` applies each
#: word symbolically (y1**4 y2**4, 70 words, took 5.6 s; y1**5 y2**5, 252
#: words, 33 s), :func:`weyl_matrix` multiplies one matrix product per word.
MAX_WEYL_WORDS = 100
#: Cost limit on the length a + b of the words :func:`weyl_words` lists
#: (binom(a + b, a) words; 40 letters, a = b = 20, would be 1.4e11 words,
#: so the count is limited too: at most :data:`MAX_WORD_COUNT`).
MAX_WORD_COUNT = 10 ** 5
#: Cost limit on the length a + b of a word (and on any power of y1 or y2 in
#: a symbol, checked before SymPy expands it).
MAX_WORD_LENGTH = 64
#: Cost limit on the total degree a + b of a monomial in :func:`mccoy_quantize`
#: (y1**8 y2**8 takes 0.6 s).
MAX_MCCOY_DEGREE = 16


@dataclass(frozen=True)
class DifferentialOperator:
    """A linear differential operator Σ_k c_k(x) d^k/dx^k.

    Attributes
    ----------
    coeffs : dict
        Order k (int ≥ 0) → SymPy coefficient c_k(x); zero orders omitted.
    x : sympy.Symbol
        The independent variable (y2 for the paper's representation).
    """

    coeffs: dict
    x: sp.Symbol = y2

    def __post_init__(self):
        if not isinstance(self.coeffs, Mapping):
            raise TypeError(f"coeffs must be a mapping order -> coefficient, got "
                            f"{type(self.coeffs).__name__}")
        V.symbol("x", self.x)
        clean = {}
        for k, c in self.coeffs.items():
            if isinstance(k, (bool, np.bool_)) or not isinstance(k, (int, np.integer)):
                raise TypeError(f"coeffs keys must be derivative orders >= 0 (integers), "
                                f"got {k!r}")
            if k < 0:
                raise ValueError(f"coeffs keys must be derivative orders >= 0, got {k!r}")
            c = sp.expand(V.expression(f"coeffs[{k}]", c))
            if c != 0:
                clean[int(k)] = c
        object.__setattr__(self, "coeffs", clean)

    def apply(self, expr):
        """The operator applied to a SymPy expression in ``x``.

        Raises
        ------
        TypeError
            If ``expr`` is not a SymPy expression (strings are never parsed).
        """
        expr = V.expression("expr", expr)
        return sp.Add(*[c * sp.diff(expr, self.x, k) if k else c * expr
                        for k, c in self.coeffs.items()])

    def coefficient(self, k: int):
        """c_k (zero when absent).

        Raises
        ------
        TypeError, ValueError
            If ``k`` is not a non-negative integer.
        """
        k = V.integer("k", k, minimum=0)
        return self.coeffs.get(k, sp.Integer(0))

    def __sub__(self, other):
        """The difference of two operators in the same variable.

        Raises
        ------
        TypeError
            If ``other`` is not a DifferentialOperator (via NotImplemented).
        ValueError
            If the operators act on different variables.
        """
        if not isinstance(other, DifferentialOperator):
            return NotImplemented
        if other.x != self.x:
            raise ValueError(f"operators must act on the same variable to be subtracted, "
                             f"got {self.x} and {other.x}")
        orders = set(self.coeffs) | set(other.coeffs)
        return DifferentialOperator(
            {k: self.coefficient(k) - other.coefficient(k) for k in orders}, self.x)

    def is_zero(self) -> bool:
        """Whether every coefficient simplifies to zero."""
        return all(sp.simplify(c) == 0 for c in self.coeffs.values())

    def latex(self, symbol: str = r"\partial_{y_2}") -> str:
        """LaTeX of the operator, highest order first."""
        if not isinstance(symbol, str):
            raise TypeError(f"symbol must be a LaTeX string, got {type(symbol).__name__}")
        terms = []
        for k in sorted(self.coeffs, reverse=True):
            c = sp.latex(sp.factor_terms(self.coeffs[k]))
            d = "" if k == 0 else (symbol if k == 1 else f"{symbol}^{{{k}}}")
            terms.append(f"\\left({c}\\right){d}" if d else f"\\left({c}\\right)")
        return " + ".join(terms) if terms else "0"


def _from_action(expr, x) -> DifferentialOperator:
    """Read the coefficients of f, f', f'', ... off an expression linear in f(x)."""
    fx = _f(x)
    expr = sp.expand(expr.doit())
    derivs = sorted(expr.atoms(sp.Derivative), key=lambda d: -d.derivative_count)
    coeffs = {}
    for d in derivs:
        order = int(d.derivative_count)
        coeffs[order] = expr.coeff(d)
        expr = sp.expand(expr - coeffs[order] * d)
    coeffs[0] = sp.expand(expr).coeff(fx)
    rest = sp.simplify(expr - coeffs[0] * fx)
    if rest != 0:
        raise ValueError(f"expression is not linear in f: remainder {rest}")
    return DifferentialOperator(coeffs, x)


def position(expr, x=y2):
    """ŷ2 of Eq. (21): multiplication by y2.

    Raises
    ------
    TypeError
        If ``expr`` is not a SymPy expression or ``x`` not a Symbol.
    """
    return V.symbol("x", x) * V.expression("expr", expr)


def momentum(expr, x=y2):
    """ŷ1 of Eq. (21): -i d/dy2.

    Raises
    ------
    TypeError
        If ``expr`` is not a SymPy expression or ``x`` not a Symbol.
    """
    return -sp.I * sp.diff(V.expression("expr", expr), V.symbol("x", x))


def hamiltonian_symbol():
    """The classical Hamiltonian (18), -C1 y1 - C2 y1² + D1 y2 + D2 y2² + E2 y1 y2."""
    return -C1 * y1 - C2 * y1 ** 2 + D1 * y2 + D2 * y2 ** 2 + E2 * y1 * y2


def weyl_words(a: int, b: int) -> list[tuple[str, ...]]:
    """All distinct orderings of ``a`` letters "p" (ŷ1) and ``b`` letters "x" (ŷ2).

    The Weyl (symmetrized) product of y1^a y2^b is their average.  There are
    binom(a + b, a) of them, listed by choosing the positions of the "p"s
    (never by permuting all a + b letters, which costs (a + b)!).

    Parameters
    ----------
    a, b : int
        Non-negative exponents.

    Returns
    -------
    list of tuple of str
        Sorted.

    Raises
    ------
    TypeError
        If an exponent is not an integer.
    ValueError
        If an exponent is negative or binom(a + b, a) exceeds the cost limit
        :data:`MAX_WORD_COUNT` = 10**5.
    """
    a, b = V.integer("a", a), V.integer("b", b)
    if a < 0 or b < 0:
        raise ValueError(f"exponents must be non-negative, got a={a}, b={b}")
    V.cost("a + b", a + b, MAX_WORD_LENGTH, what="letters",
           remedy="use McCoy's formula (mccoy_quantize) for high powers")
    V.cost("binom(a + b, a)", math.comb(a + b, a), MAX_WORD_COUNT, what="words",
           remedy="use McCoy's formula (mccoy_quantize) for high powers")
    n = a + b
    words = []
    for positions in combinations(range(n), a):
        word = ["x"] * n
        for i in positions:
            word[i] = "p"
        words.append(tuple(word))
    return sorted(words)


def _monomials(symbol, p_var, x_var, name="symbol"):
    symbol = V.expression(name, symbol)
    V.symbol("p_var", p_var)
    V.symbol("x_var", x_var)
    if p_var == x_var:
        raise ValueError(f"p_var and x_var must be different symbols, got {p_var} twice")
    for power in symbol.atoms(sp.Pow):
        exponent = power.exp
        if (exponent.is_Integer and abs(int(exponent)) > MAX_WORD_LENGTH
                and power.base.has(p_var, x_var)):
            V.cost(f"the power {exponent} in {name}", abs(int(exponent)), MAX_WORD_LENGTH,
                   remedy="quantize lower powers")
    try:
        return _monomials_cached(symbol, p_var, x_var)
    except sp.PolynomialError as exc:
        raise ValueError(f"{name} must be a polynomial in {p_var}, {x_var}: {exc}") from None


def _word_budget(terms, name="symbol"):
    V.cost(f"the degree of {name}", max((a + b for (a, b), _ in terms), default=0),
           MAX_WORD_LENGTH, remedy="quantize lower powers")
    total = sum(math.comb(a + b, a) for (a, b), _ in terms)
    V.cost(f"the Weyl words of {name}", total, MAX_WEYL_WORDS, what="words",
           remedy="quantize lower powers, or use mccoy_quantize")


@lru_cache(maxsize=32)
def _monomials_cached(symbol, p_var, x_var):
    poly = sp.Poly(sp.expand(symbol), p_var, x_var)
    return tuple(poly.terms())


@lru_cache(maxsize=256)
def _coefficient_function(coeff):
    """(sorted free symbols, numeric function) of a monomial coefficient."""
    names = tuple(sorted(coeff.free_symbols, key=str))
    return names, sp.lambdify(names, coeff, "math")


def weyl_quantize(symbol, p_var=y1, x_var=y2) -> DifferentialOperator:
    """Weyl quantization of a polynomial symbol a(y1, y2) in the representation (21).

    Each monomial c y1^a y2^b becomes c times the average of all words in
    ŷ1 = -i d/dy2 and ŷ2 = y2 (:func:`weyl_words`), applied right to left to a
    generic function f(y2); the coefficients of f, f', f'', ... are read off.

    Parameters
    ----------
    symbol : sympy.Expr
        A polynomial in ``p_var`` and ``x_var`` (other symbols are constants).
    p_var, x_var : sympy.Symbol
        The classical variables quantized as momentum (y1) and position (y2).

    Returns
    -------
    DifferentialOperator

    Raises
    ------
    TypeError
        If ``symbol`` is not a SymPy expression (a string is never parsed:
        ``"y1*y2"`` would become constant symbols) or a variable not a Symbol.
    ValueError
        If ``symbol`` is not a polynomial in ``p_var`` and ``x_var``, or its
        monomials have more than :data:`MAX_WEYL_WORDS` = 100 words in all
        (the cost limit: y1**4 y2**4 has 70).
    """
    terms = _monomials(symbol, p_var, x_var)
    _word_budget(terms)
    fx = _f(x_var)
    total = sp.Integer(0)
    for (a, b), c in terms:
        words = weyl_words(a, b)
        acc = sp.Integer(0)
        for word in words:
            expr = fx
            for letter in reversed(word):
                expr = momentum(expr, x_var) if letter == "p" else position(expr, x_var)
            acc += expr
        total += c * acc / len(words)
    return _from_action(total, x_var)


def mccoy_quantize(symbol, p_var=y1, x_var=y2) -> DifferentialOperator:
    """Weyl quantization by McCoy's formula, an independent cross-check.

    McCoy (1932): Weyl(p^a x^b) = 2^{-b} Σ_k binom(b, k) x^k p^a x^{b-k}.

    Parameters, Returns: as for :func:`weyl_quantize`.

    Raises
    ------
    TypeError
        As for :func:`weyl_quantize`.
    ValueError
        If ``symbol`` is not a polynomial in ``p_var`` and ``x_var`` or a
        monomial's degree a + b exceeds :data:`MAX_MCCOY_DEGREE` = 16.
    """
    terms = _monomials(symbol, p_var, x_var)
    V.cost("the degree of symbol", max((a + b for (a, b), _ in terms), default=0),
           MAX_MCCOY_DEGREE, remedy="quantize lower powers")
    fx = _f(x_var)
    total = sp.Integer(0)
    for (a, b), c in terms:
        acc = sp.Integer(0)
        for k in range(b + 1):
            inner = sp.diff(x_var ** (b - k) * fx, x_var, a) * (-sp.I) ** a
            acc += sp.binomial(b, k) * x_var ** k * inner
        total += c * acc / 2 ** b
    return _from_action(total, x_var)


def formal_adjoint(op: DifferentialOperator) -> DifferentialOperator:
    """Formal (Lagrange) adjoint L† f = Σ_k (-1)^k d^k(conj(c_k) f) on L²(ℝ).

    Constants are taken real unless SymPy knows otherwise (the paper's
    C1, ..., E2 are real symbols).

    Raises
    ------
    TypeError
        If ``op`` is not a DifferentialOperator.
    """
    V.instance("op", op, DifferentialOperator)
    fx = _f(op.x)
    action = sp.Add(*[(-1) ** k * sp.diff(sp.conjugate(c) * fx, op.x, k)
                      for k, c in op.coeffs.items()])
    return _from_action(action, op.x)


def is_formally_symmetric(op: DifferentialOperator) -> bool:
    """Whether L = L† (formal self-adjointness on smooth compactly supported f).

    Raises
    ------
    TypeError
        If ``op`` is not a DifferentialOperator.
    """
    V.instance("op", op, DifferentialOperator)
    return (op - formal_adjoint(op)).is_zero()


def commutator_action(first, second, x=y2):
    """[A, B] f for operators given as callables on SymPy expressions.

    Returns the simplified result of A(B(f)) - B(A(f)) on a generic f(x),
    e.g. ``commutator_action(position, momentum)`` is i f (Eq. 21).

    Raises
    ------
    TypeError
        If an operator is not callable or ``x`` not a Symbol.
    """
    V.function("first", first)
    V.function("second", second)
    V.symbol("x", x)
    fx = _f(x)
    return sp.simplify(first(second(fx)) - second(first(fx)))


def weyl_matrix(symbol, x_op, p_op, values: dict, p_var=y1, x_var=y2,
                p2_op=None) -> np.ndarray:
    """Matrix of the Weyl-quantized symbol from position and momentum matrices.

    Each monomial becomes the average of the matrix products over its words
    (:func:`weyl_words`); the average of a word and its reverse is Hermitian
    when ``x_op`` and ``p_op`` are, so the result is Hermitian.

    Parameters
    ----------
    symbol : sympy.Expr
        Polynomial in ``p_var``, ``x_var``.
    x_op, p_op : numpy.ndarray or scipy.sparse matrix
        Square matrices representing ŷ2 and ŷ1 (sparse ones keep the
        products sparse; the result is always a dense array).
    values : dict
        Numerical values of the other symbols, keyed by name or Symbol.
    p2_op : numpy.ndarray, optional
        Replacement for every adjacent pair "pp" in a word.

    Raises
    ------
    TypeError
        If ``symbol`` is not a SymPy expression, a matrix not numbers,
        ``values`` not a mapping or a value not a number.
    ValueError
        If the matrices are not square of equal shape (``p2_op`` too), not
        finite or larger than :data:`ctrnn._validation.MAX_MATRIX_SIZE`; if
        a constant of the symbol has no value, a key of ``values`` is not a
        constant of the symbol (a typo such as ``E3``), a value is not
        finite; or the words exceed :data:`MAX_WEYL_WORDS`.
    """
    x_op = _operator_matrix("x_op", x_op)
    p_op = _operator_matrix("p_op", p_op)
    if len(x_op.shape) != 2 or x_op.shape[0] != x_op.shape[1] or x_op.shape != p_op.shape:
        raise ValueError("x_op and p_op must be square matrices of equal shape, got "
                         f"{x_op.shape} and {p_op.shape}")
    if p2_op is not None:
        p2_op = _operator_matrix("p2_op", p2_op)
        if p2_op.shape != x_op.shape:
            raise ValueError(f"p2_op must have the shape {x_op.shape} of x_op and p_op, "
                             f"got {p2_op.shape}")
    terms = _monomials(symbol, p_var, x_var)
    _word_budget(terms)
    constants = sorted({str(n) for _, c in terms for n in sp.sympify(c).free_symbols})
    given = V.mapping_keys("values", values, required=constants, allowed=constants)
    subs = {}
    for (_, c) in terms:
        for n in sp.sympify(c).free_symbols:
            value = given[str(n)]
            if isinstance(value, complex) or isinstance(value, np.complexfloating):
                if not np.isfinite(value):
                    raise ValueError(f"values[{str(n)!r}] must be finite, got {value!r}")
                subs[n] = complex(value)
            else:
                subs[n] = V.real(f"values[{str(n)!r}]", value)
    size = x_op.shape[0]
    total = None
    for (a, b), c in terms:
        names, func = _coefficient_function(sp.sympify(c))
        coeff = complex(func(*(subs[n] for n in names)))
        words = weyl_words(a, b)
        acc = sum(_word_matrix(word, x_op, p_op, p2_op, size) for word in words)
        term = (coeff / len(words)) * acc
        total = term if total is None else total + term
    if total is None:
        return np.zeros((size, size), dtype=complex)
    return total.toarray() if hasattr(total, "toarray") else np.asarray(total)


def _operator_matrix(name, mat):
    """A square-matrix argument: sparse kept sparse, dense converted; numbers,
    finite, at most MAX_MATRIX_SIZE rows."""
    if hasattr(mat, "tocsr"):
        data = mat.tocsr().data
    else:
        if isinstance(mat, (str, bytes)) or mat is None:
            raise TypeError(f"{name} must be a matrix of numbers, got {mat!r}")
        mat = np.asarray(mat)
        data = mat
    if data.dtype.kind not in "iufc":
        raise TypeError(f"{name} must be a matrix of numbers, got dtype {data.dtype}")
    if mat.ndim != 2 or mat.shape[0] != mat.shape[1]:
        raise ValueError(f"{name} must be a square matrix, got shape {mat.shape}")
    V.cost(f"{name}.shape[0]", int(mat.shape[0]), V.MAX_MATRIX_SIZE, what="rows",
           remedy="use a smaller basis or grid")
    if not np.all(np.isfinite(data)):
        raise ValueError(f"{name} must be finite (no NaN or inf)")
    return mat


def _word_matrix(word, x_op, p_op, p2_op, size):
    """Product of the matrices of one word (identity for the empty word)."""
    factors = []
    i = 0
    while i < len(word):
        if p2_op is not None and word[i:i + 2] == ("p", "p"):
            factors.append(p2_op)
            i += 2
            continue
        factors.append(p_op if word[i] == "p" else x_op)
        i += 1
    if not factors:
        import scipy.sparse

        return scipy.sparse.identity(size, format="csr") if hasattr(x_op, "tocsr") \
            else np.eye(size)
    mat = factors[0]
    for factor in factors[1:]:
        mat = mat @ factor
    return mat


def galerkin_matrix(op: DifferentialOperator, values: dict, size: int) -> np.ndarray:
    """Matrix ⟨h_i, L h_j⟩ of an operator with polynomial coefficients in the
    first ``size`` Hermite functions h_j (unit length, centred at 0).

    Built as Σ_k c_k(X) D^k with X = (a + a†)/√2 and D = d/dy2 = (a - a†)/√2
    formed in a basis large enough that the truncation is exact, so the
    matrix is the exact Galerkin matrix: Hermitian (to rounding) exactly when
    the operator is formally symmetric.

    Parameters
    ----------
    op : DifferentialOperator
        Coefficients polynomial in ``op.x``.
    values : dict
        Numbers for the other symbols (names or Symbols as keys).
    size : int
        Number of basis functions.

    Raises
    ------
    TypeError
        If ``op`` is not a DifferentialOperator, ``values`` not a mapping, a
        value not a number or ``size`` not an integer.
    ValueError
        If a coefficient is not polynomial, a constant has no value (or a key
        is not a constant of ``op``), a value is not finite, ``size`` is not
        positive, or ``size`` plus the degree exceeds the cost limit
        :data:`ctrnn._validation.MAX_MATRIX_SIZE` = 2000.
    """
    V.instance("op", op, DifferentialOperator)
    size = V.integer("size", size, minimum=1)
    constants = sorted({str(n) for c in op.coeffs.values() for n in c.free_symbols
                        if n != op.x})
    given = V.mapping_keys("values", values, required=constants, allowed=constants)
    subs = {}
    for c in op.coeffs.values():
        for n in c.free_symbols - {op.x}:
            subs[n] = V.real(f"values[{str(n)!r}]", given[str(n)])
    polys = {}
    for order, c in op.coeffs.items():
        try:
            polys[order] = sp.Poly(sp.sympify(c).subs(subs), op.x)
        except sp.PolynomialError:
            raise ValueError(f"coefficient of order {order} is not a polynomial in {op.x}") from None
    if not polys:
        return np.zeros((size, size), dtype=complex)
    total_size = size + max(p.degree() + k for k, p in polys.items()) + 1
    V.cost("size + degree + 1", total_size, V.MAX_MATRIX_SIZE, what="basis functions",
           remedy="use fewer basis functions")
    lower = np.diag(np.sqrt(np.arange(1, total_size)), 1)
    x_mat = (lower + lower.T) / np.sqrt(2.0)
    d_mat = (lower - lower.T) / np.sqrt(2.0)
    total = np.zeros((total_size, total_size), dtype=complex)
    for order, poly in polys.items():
        coeff = np.zeros_like(total)
        for c in poly.all_coeffs():                       # Horner in X
            coeff = coeff @ x_mat + complex(c) * np.eye(total_size)
        total += coeff @ np.linalg.matrix_power(d_mat, order)
    return total[:size, :size]
