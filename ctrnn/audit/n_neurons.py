"""Comparisons for the chapter *n neurons*: Eq. (1) as printed against the
derived n-neuron linear system, and the exact identities that reduce every
n-neuron criterion to Eq. (13) for two neurons.
"""
from __future__ import annotations

import sympy as sp

from ctrnn.classical.n_neurons import (
    pencil_odd_coefficients,
    symbolic_linear_system,
    symbolic_odd_coefficients,
    two_neuron_canonical_residual,
)


def jacobian_from_eq1(n: int):
    """Jacobian of Eq. (1) as printed (:mod:`ctrnn.paper`) in the all-active regime.

    Eq. (1) is expanded for ``n`` neurons, sigma is replaced by the identity
    (every ReLU active, Eq. 4) and ``dy_i/dt = (...)/tau_i`` is differentiated
    with respect to ``y_1..y_n``.  The result is expressed in the symbols of
    :func:`~ctrnn.classical.n_neurons.symbolic_linear_system`, so that the two can be subtracted.

    Returns
    -------
    sympy.Matrix (n, n)
    """
    from ctrnn.paper.equations import (
        EQUATIONS,  # imported lazily: the paper layer is optional here
    )
    _, W, tau = symbolic_linear_system(n)
    ys = sp.symbols(" ".join(f"y{k}" for k in range(1, n + 1)), real=True, seq=True)
    eq = EQUATIONS[1]
    names = {s.name: s for s in eq.free_symbols if isinstance(s, sp.Symbol)}
    table = {"y": lambda k: ys[k - 1], "tau": lambda k: tau[k - 1],
             "w": lambda j, k: W[j - 1, k - 1]}
    rows = []
    for k in range(1, n + 1):
        expr = eq.rhs / sp.simplify(eq.lhs / next(iter(eq.lhs.atoms(sp.Derivative))))
        expr = expr.subs({names["i"]: k, names["n"]: n}).doit()
        expr = expr.replace(lambda e: isinstance(e, sp.Function) and e.func.__name__ == "sigma",
                            lambda e: e.args[0])
        expr = expr.replace(lambda e: isinstance(e, sp.Indexed) and e.base.name in table,
                            lambda e: table[e.base.name](*map(int, e.indices)))
        rows.append([sp.diff(expr, y) for y in ys])
    return sp.Matrix(rows)


def jacobian_matches_eq1(n: int) -> bool:
    """Whether the Jacobian of Eq. (1) as printed equals T^{-1}(W^T - 1) exactly.

    Compares :func:`jacobian_from_eq1` with :func:`~ctrnn.classical.n_neurons.symbolic_linear_system`
    (SymPy, difference simplified to zero).
    """
    A = symbolic_linear_system(n)[0]
    return sp.simplify(jacobian_from_eq1(n) - A) == sp.zeros(n, n)


def two_neuron_checks() -> dict:
    """Exact identities showing that, for n = 2, every criterion is Eq. (13).

    Returns
    -------
    dict
        Label -> bool, all True when the identities hold:
        ``J A + A^T J = (tr A) J``; ``tr A`` equals the difference of the two
        sides of Eq. (13) as printed (:mod:`ctrnn.paper`); for the general skew
        ``Omega = o J``, ``Omega A + A^T Omega = o (tr A) J`` (Eq. 11 with any
        constant symplectic form).
    """
    from ctrnn.paper.equations import (
        EQUATIONS,  # imported lazily, as in jacobian_from_eq1
    )
    A2 = symbolic_linear_system(2)[0]
    J2 = sp.Matrix([[0, 1], [-1, 0]])
    eq13 = EQUATIONS[13]
    o = sp.Symbol("o", real=True)
    Omega = o * J2
    return {
        "J A + A^T J - (tr A) J == 0":
            sp.simplify(two_neuron_canonical_residual() - A2.trace() * J2) == sp.zeros(2, 2),
        "tr A - (lhs - rhs of Eq. 13) == 0":
            sp.simplify(A2.trace() - (eq13.lhs - eq13.rhs)) == 0,
        "Omega A + A^T Omega - o (tr A) J == 0":
            sp.simplify(Omega * A2 + A2.T * Omega - o * A2.trace() * J2) == sp.zeros(2, 2),
    }


def pencil_checks() -> dict:
    """Exact identities relating :func:`~ctrnn.classical.n_neurons.pencil_odd_coefficients` to Eq. (13) and c1, c3.

    Returns
    -------
    dict
        Label -> bool: for n = 2 the odd pencil coefficient is
        ``-tau1 tau2`` times (lhs - rhs) of Eq. (13) as printed; for n = 4 the
        two odd coefficients are ``tau1 tau2 tau3 tau4 (c1, c3)``.
    """
    from ctrnn.paper.equations import (
        EQUATIONS,  # imported lazily, as in jacobian_from_eq1
    )
    eq13 = EQUATIONS[13]
    _, _, tau2s = symbolic_linear_system(2)
    (pencil2,) = pencil_odd_coefficients(2)
    A4, _, tau4 = symbolic_linear_system(4)
    odd4 = symbolic_odd_coefficients(A4)
    return {
        "equals -tau1 tau2 (lhs - rhs of Eq. 13)":
            sp.expand(pencil2 + tau2s[0] * tau2s[1] * (eq13.lhs - eq13.rhs)) == 0,
        "n = 4: odd pencil coefficients = tau1 tau2 tau3 tau4 (c1, c3)":
            all(sp.simplify(p - sp.Mul(*tau4) * c) == 0
                for p, c in zip(pencil_odd_coefficients(4), odd4, strict=True)),
    }
