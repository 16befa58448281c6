"""What the paper says: Eqs. (1)-(40) of Kohli & Haslam as printed.

Every numbered equation of arXiv:2102.09399 is transcribed here as a SymPy
object, keyed by its number in :data:`EQUATIONS`.  Nothing is corrected: the
paper's errors (for instance the sign of the second derivative and the factor
1/2 in the bracket of Eq. (22), the missing factors of i in Eq. (23), the
missing denominator in Eq. (25)) are kept.  The independent derivations live
elsewhere in :mod:`ctrnn`; :mod:`ctrnn.audit` compares the two.

Representation
--------------
* A single equation is an :class:`sympy.Eq`; an inequality is a SymPy
  relational (``>`` is :class:`sympy.StrictGreaterThan`, Eq. (38) and (40)).
* A compound entry -- several relations printed under one number, such as
  Eq. (11) (two Hamilton equations), (14)-(15) (a formula and two
  inequalities), (19) (four definitions) and (20) (a chain ``a = b = c``) --
  is a :class:`sympy.Tuple` of relations in printed order.  A chain
  ``a = b = c`` is stored as ``Tuple(Eq(a, b), Eq(b, c))``.
* Eq. (28) is the second printed line of one formula split over the numbers
  (27)-(28): ``EQUATIONS[27]`` is the whole equation for Psi(x) and
  ``EQUATIONS[28]`` is the bare expression of its second line (the term with
  A2), so ``EQUATIONS[27].rhs - EQUATIONS[28]`` is the first line.  It is the
  only entry that is an expression rather than a relation.
* Time derivatives ``dot y_k`` are ``Derivative(y_k(t), t)`` with ``y_k(t)``
  the undefined functions ``y1``, ``y2`` of :data:`ctrnn.symbols.t`; the
  right-hand sides are written in the state Symbols ``y1``, ``y2`` (the value
  of ``y_k(t)`` now), so ``EQUATIONS[5].rhs`` is directly the vector field.
* Operators (Eqs. 21-22) are represented by their action on a test function
  ``psi(y2)``: ``Eq(yhat2(psi(y2)), y2*psi(y2))`` and so on, with the
  undefined functions ``yhat1``, ``yhat2``, ``Hhat`` standing for the
  operators.
* Kummer's function M(a, b, z) = 1F1(a; b; z) is :func:`sympy.hyper`
  ``hyper([a], [b], z)``; Hermite polynomials are :func:`sympy.hermite`.

Symbols come from :mod:`ctrnn.symbols`; the few extra ones needed here
(indices and indexed names of Eq. 1, the ReLU argument z, the dummies a, b of
Eq. 31, and the eigenvalue names of Eqs. 36-37) are listed in
:data:`ALPHABET_EXTRA`, extra operator and eigenfunction names in
:data:`FUNCTIONS_EXTRA`.  Where the print admits more than one reading, the
reading taken is stated in :data:`READINGS`; :data:`LATEX` holds each
equation's LaTeX source as printed, for display.
"""
from __future__ import annotations

import sympy as sp

from ctrnn.symbols import (
    A1,
    A2,
    C1,
    C2,
    D1,
    D2,
    E2,
    I1,
    I2,
    K1,
    K2,
    H,
    Psi,
    alpha,
    beta,
    const,
    f,
    g,
    lam,
    m,
    n,
    psi,
    sigma,
    t,
    tau1,
    tau2,
    theta1,
    theta2,
    w11,
    w12,
    w21,
    w22,
    x,
    xi1,
    xi2,
    y1,
    y2,
)

# --- extra alphabet ---------------------------------------------------------
#: Neuron indices of Eq. (1).
i_idx, j_idx = sp.symbols("i j", integer=True, positive=True)
#: Indexed names of Eq. (1): tau_i, y_i, w_ji, theta_j, I_i.
tau_ = sp.IndexedBase("tau", positive=True)
y_ = sp.IndexedBase("y", real=True)
w_ = sp.IndexedBase("w", real=True)
theta_ = sp.IndexedBase("theta", real=True)
I_ = sp.IndexedBase("I", real=True)
#: Argument of the activation function in Eq. (4) and of M in Eq. (31).
z = sp.Symbol("z")
#: Parameters of Kummer's function in Eq. (31).
a, b = sp.symbols("a b")
#: The eigenvalues lambda_m^e, lambda_m^o of Eqs. (36)-(37).
lam_e = sp.Symbol("lambda_m^e")
lam_o = sp.Symbol("lambda_m^o")

#: Symbols (and IndexedBase names) used here beyond ``PAPER_SYMBOLS``.
ALPHABET_EXTRA = frozenset({i_idx, j_idx, tau_, y_, w_, theta_, I_, z, a, b,
                            lam_e, lam_o})

# Undefined functions beyond ``PAPER_FUNCTIONS``: operators and eigenfunctions.
yhat1 = sp.Function("yhat1")
yhat2 = sp.Function("yhat2")
Hhat = sp.Function("Hhat")
psi_even = sp.Function("psi_2m")
psi_odd = sp.Function("psi_2m+1")

#: Names of undefined functions used here beyond ``PAPER_FUNCTIONS``.
FUNCTIONS_EXTRA = frozenset({"yhat1", "yhat2", "Hhat", "psi_2m", "psi_2m+1"})

# Trajectories y_k(t) (left-hand sides of the ODEs and of Eqs. 9-10).
_Y1 = sp.Function("y1")(t)
_Y2 = sp.Function("y2")(t)

# --- recurring printed sub-expressions --------------------------------------
_S = 4 * C2 * D2 + E2**2                      # 4 C2 D2 + E2^2
_KUMMER_ARG = (-_S * x + C1 * E2 + 2 * C2 * D1) ** 2 / _S ** sp.Rational(3, 2)
_HERMITE_ARG = ((-_S * y2 + C1 * E2 + 2 * C2 * D1)
                / (sp.sqrt(2 * C2) * _S ** sp.Rational(3, 4)))
_GAUSS = sp.exp(-y2 * (xi1 * y2 + xi2))       # e^{-y2 (xi1 y2 + xi2)}
_LAM_NUM_TAIL = (2 * D2 * C1**2 - 2 * C1 * D1 * E2 - 2 * C2 * D1**2
                 + 4 * C2 * D2 * E2 + E2**3)   # shared by (29), (36), (37)
_SQRT_38 = sp.sqrt((w11 - 1)**2 / tau1**2 + w12 * w21 / (tau1 * tau2))
_LHS_38 = ((w11 - 1)**2 / tau1**2 - (w11 - 1) * _SQRT_38 / tau1
           + w12 * w21 / (tau1 * tau2))
_P = psi(y2)
_dP = sp.Derivative(_P, y2)
_d2P = sp.Derivative(_P, (y2, 2))

# Right-hand sides of (5)-(6): the paper's f1, f2 of Eq. (12).
_F1 = (-y1 + w11 * (y1 + theta1) + w21 * (y2 + theta2) + I1) / tau1
_F2 = (-y2 + w22 * (y2 + theta2) + w12 * (y1 + theta1) + I2) / tau2

_half = sp.Rational(1, 2)

def _eq(lhs, rhs):
    """``sp.Eq(lhs, rhs)`` without SymPy's attempt to decide it: an unevaluated
    Eq is the same object, and deciding 49 relations at import cost 0.3 s."""
    return sp.Eq(lhs, rhs, evaluate=False)


#: Eqs. (1)-(40) as printed, keyed by equation number (errors included).
EQUATIONS: dict[int, sp.Basic] = {
    1: _eq(tau_[i_idx] * sp.Derivative(y_[i_idx], t),
             -y_[i_idx]
             + sp.Sum(w_[j_idx, i_idx] * sigma(y_[j_idx] - theta_[j_idx]),
                      (j_idx, 1, n))
             + I_[i_idx]),
    2: _eq(sp.Derivative(_Y1, t),
             (-y1 + w11 * f(y1 + theta1) + w21 * f(y2 + theta2) + I1) / tau1),
    3: _eq(sp.Derivative(_Y2, t),
             (-y2 + w22 * f(y2 + theta2) + w12 * f(y1 + theta1) + I2) / tau2),
    4: _eq(f(z), sp.Max(0, z)),
    5: _eq(sp.Derivative(_Y1, t), _F1),
    6: _eq(sp.Derivative(_Y2, t), _F2),
    7: _eq(sp.Derivative(_Y1, t), (-y1 + I1) / tau1),
    8: _eq(sp.Derivative(_Y2, t), (-y2 + I2) / tau2),
    9: _eq(_Y1, I1 + K1 * sp.exp(-t / tau1)),
    10: _eq(_Y2, I2 + K2 * sp.exp(-t / tau2)),
    11: sp.Tuple(
        _eq(sp.Derivative(_Y1, t), sp.Derivative(H(y1, y2), y2)),
        _eq(sp.Derivative(_Y2, t), -sp.Derivative(H(y1, y2), y1))),
    12: _eq(sp.Derivative(_F1, y1), -sp.Derivative(_F2, y2)),
    13: _eq((-1 + w11) / tau1, (1 - w22) / tau2),
    14: sp.Tuple(_eq(tau1, (tau2 - tau2 * w11) / (-1 + w22)),
                 sp.StrictLessThan(w22, 1), sp.StrictGreaterThan(w11, 1)),
    15: sp.Tuple(_eq(tau1, (tau2 - tau2 * w11) / (-1 + w22)),
                 sp.StrictGreaterThan(w22, 1), sp.StrictLessThan(w11, 1)),
    16: _eq(H(y1, y2),
              w21 / (2 * tau1) * y2**2 + y1 * y2 / tau1 * (w11 - 1)
              + y2 / tau1 * (w11 * theta1 + w21 * theta2 + I1) + g(y1)),
    17: _eq(g(y1),
              -w12 / (2 * tau2) * y1**2
              - y1 / tau2 * (w22 * theta2 + w12 * theta1 + I2) + const),
    18: _eq(H(y1, y2),
              -C1 * y1 - C2 * y1**2 + D1 * y2 + D2 * y2**2 + E2 * y1 * y2),
    19: sp.Tuple(_eq(C1, (w12 * theta1 + w22 * theta2 + I2) / tau2),
                 _eq(D1, (w21 * theta2 + w11 * theta1 + I1) / tau1),
                 _eq(C2, w12 / (2 * tau2)),
                 _eq(D2, w21 / (2 * tau1))),
    20: sp.Tuple(_eq(E2, (w11 - 1) / tau1),
                 _eq((w11 - 1) / tau1, -(w22 - 1) / tau2)),
    21: sp.Tuple(_eq(yhat2(_P), y2 * _P),
                 _eq(yhat1(_P), -sp.I * _dP)),
    22: _eq(Hhat(_P),
              sp.I * C1 * _dP - C2 * _d2P + D1 * y2 * _P + D2 * y2**2 * _P
              + E2 * (-sp.I / 2 * _P - sp.I * y2 / 2 * _dP)),
    23: _eq(C2 * _d2P + (C1 - E2 * y2) * _dP
              + (D1 * y2 - D2 * y2**2 - E2) * _P,
              lam * _P),
    24: _eq(_P, Psi(y2) * _GAUSS),
    25: _eq(xi1, _S - E2 * sp.sqrt(_S)),
    26: _eq(xi2, -C1 * E2 - 4 * C2 * D1 + 2 * sp.sqrt(_S)),
    27: _eq(Psi(x),
              A1 * sp.hyper([alpha], [_half], _KUMMER_ARG)
              + A2 * (_S * x - 2 * D1 * C2 - C1 * E2)
              * sp.hyper([beta], [sp.Rational(3, 2)], _KUMMER_ARG)),
    28: (A2 * (_S * x - 2 * D1 * C2 - C1 * E2)
         * sp.hyper([beta], [sp.Rational(3, 2)], _KUMMER_ARG)),
    29: _eq(alpha, sp.Rational(1, 4)
              + (2 * _S * lam + _LAM_NUM_TAIL) / (4 * _S**sp.Rational(3, 2))),
    30: _eq(beta, alpha + _half),
    31: _eq(sp.hyper([a], [b], z),
              sp.Sum(sp.rf(a, n) * z**n / (sp.factorial(n) * sp.rf(b, n)),
                     (n, 0, sp.oo))),
    32: _eq(psi_even(y2), sp.hermite(2 * m, _HERMITE_ARG) * _GAUSS),
    33: _eq(psi_odd(y2), sp.hermite(2 * m + 1, _HERMITE_ARG) * _GAUSS),
    34: _eq(sp.hermite(2 * n, x),
              (-1)**n * sp.factorial(2 * n) / sp.factorial(n)
              * sp.hyper([-n], [_half], x**2)),
    35: _eq(sp.hermite(2 * n + 1, x),
              2 * x * (-1)**n * sp.factorial(2 * n + 1) / sp.factorial(n)
              * sp.hyper([-n], [sp.Rational(3, 2)], x**2)),
    36: _eq(lam_e, -_half * ((4 * m + 1) * _S**sp.Rational(3, 2)
                               + _LAM_NUM_TAIL) / _S),
    37: _eq(lam_o, -_half * ((4 * m + 3) * _S**sp.Rational(3, 2)
                               + _LAM_NUM_TAIL) / _S),
    38: sp.StrictGreaterThan(_LHS_38, 0),
    39: _eq(_LHS_38, 0),
    40: sp.StrictGreaterThan(
        -2 * w12 * (I1 + theta1 * w11 + theta2 * w21) / (tau1 * tau2)
        - (w11 - 1) * (I2 + theta1 * w12 + theta2 * w22) / (tau1 * tau2)
        + 2 * sp.sqrt((tau1 * w12 * w21 / tau2 + (w11 - 1)**2) / tau1**2),
        0),
}

#: The reading chosen wherever the print is ambiguous, and why.
READINGS: dict[int, str] = {
    1: ("Indices i, j are positive-integer Symbols and tau_i, y_i, w_ji, "
        "theta_j, I_i are IndexedBase entries; the printed I_i(t) is stored "
        "as I[i] (the paper sets I_i(t) = I_i, constant, right after). "
        "Indexed objects do not depend on t in SymPy, so .doit() on the left "
        "side gives 0: expand only .rhs. The printed sigma(y_j - theta_j) "
        "(minus) is kept, although Eqs. (2)-(3) print f(y_j + theta_j)."),
    4: ("f(z) = z^+ = max(0, z): z^+ is notation for max(0, z), so the chain "
        "is stored as the single Eq(f(z), Max(0, z))."),
    9: ("The paper reuses the names C1 for the integration constant; it is "
        "renamed K1 (ctrnn.symbols) to keep it distinct from the Hamiltonian "
        "coefficient C1 of Eq. (19). 'C1 in R' is carried by K1's real "
        "assumption."),
    10: ("The integration constant C2 is renamed K2, as for Eq. (9); "
         "'C2 in R' is carried by K2's real assumption."),
    11: ("H is the undefined function H(y1, y2); the two equations printed "
         "on one line are a Tuple (dot y1 = dH/dy2, dot y2 = -dH/dy1)."),
    12: ("f1, f2 are read as the right-hand sides of Eqs. (5)-(6), as the "
         "text says; the derivatives are stored unevaluated (.doit() "
         "evaluates them)."),
    14: ("The comma-separated conditions 'w22 < 1, w11 > 1' are read as a "
         "conjunction and stored after the formula in the Tuple."),
    15: "As Eq. (14), with 'w22 > 1, w11 < 1'.",
    20: ("The chain E2 = (w11-1)/tau1 = -(w22-1)/tau2 is stored as the "
         "adjacent pairs Tuple(Eq(E2, (w11-1)/tau1), "
         "Eq((w11-1)/tau1, -(w22-1)/tau2))."),
    21: ("The operators are stored by their action on a test function "
         "psi(y2): yhat2 psi = y2 psi, yhat1 psi = -i d psi/dy2."),
    22: ("The operator is applied to a test function psi(y2). The printed "
         "bracket E2[-i/2 - i (y2/2) d/dy2 .] is read as the operator "
         "E2(-i/2 - i (y2/2) d/dy2) acting on psi; the period before the "
         "closing bracket is a typesetting artefact and is dropped. The "
         "printed signs and factors (-C2 d^2/dy2^2, i y2/2) are kept."),
    23: ("Stored exactly as printed, with psi(y2); no factors of i appear and "
         "C2 enters with a plus sign."),
    25: ("Stored as printed: xi1 = 4C2D2 + E2^2 - E2 sqrt(4C2D2 + E2^2), "
         "with no denominator."),
    27: ("Eqs. (27)-(28) are one formula printed over two numbered lines. "
         "EQUATIONS[27] is the whole equation Psi(x) = (line 27) + (line 28); "
         "the paper writes x where Eq. (24) has y2. M(a, b, z) is "
         "hyper([a], [b], z)."),
    28: ("The second printed line of the formula (27): the bare expression "
         "A2 [(4C2D2+E2^2) x - 2 D1 C2 - C1 E2] M(beta, 3/2, ...), an "
         "expression rather than an equation."),
    31: ("M(a, b, z) = 1F1(a; b; z) = sum ...: M and 1F1 are the same SymPy "
         "object (hyper), so the chain is stored as the single "
         "Eq(hyper([a], [b], z), Sum(...)). The summation index is the "
         "paper's n (bound in the Sum); a, b, z are dummy symbols."),
    32: ("psi_{2m} is the undefined function 'psi_2m'; H_{2m} is "
         "sympy.hermite(2m, .), left unevaluated for symbolic m."),
    33: ("psi_{2m+1} is the undefined function 'psi_2m+1'; H_{2m+1} is "
         "sympy.hermite(2m+1, .)."),
    34: "n and x are generic: n a non-negative integer, x real.",
    35: "n and x are generic: n a non-negative integer, x real.",
    36: ("lambda_m^e is the Symbol 'lambda_m^e'. 'm = 0, 1, 2, ...' is "
         "carried by m's assumptions (integer, non-negative)."),
    37: ("lambda_m^o is the Symbol 'lambda_m^o'; 'm = 0, 1, 2, ...' as in "
         "Eq. (36)."),
    38: ("Printed as the condition Real(xi1) > 0, but the printed left side "
         "carries no Re(.): it is xi1 of Eq. (25) with (19)-(20) substituted "
         "and is real only when its square root is. Stored as printed, "
         "without Re."),
    39: "As Eq. (38), for the condition Real(xi1) = 0; stored without Re.",
    40: ("Printed as the condition Real(xi2) > 0; the left side is xi2 of "
         "Eq. (26) with (19)-(20) substituted, without Re(.). Stored as "
         "printed."),
}

_SQ = r"4C_{2}D_{2}+E_{2}^{2}"
_KARG = (r"\frac{\left(-(4C_{2}D_{2}+E_{2}^{2})x+C_{1}E_{2}+2C_{2}D_{1}\right)"
         r"^{2}}{(4C_{2}D_{2}+E_{2}^{2})^{3/2}}")
_HARG = (r"\frac{-(4C_{2}D_{2}+E_{2}^{2})y_{2}+C_{1}E_{2}+2C_{2}D_{1}}"
         r"{\sqrt{2C_{2}}(4C_{2}D_{2}+E_{2}^{2})^{3/4}}")
_LAMTAIL = (r"2D_{2}C_{1}^{2}-2C_{1}D_{1}E_{2}-2C_{2}D_{1}^{2}"
            r"+4C_{2}D_{2}E_{2}+E_{2}^{3}")
_L38 = (r"\frac{\left(w_{11}-1\right){}^{2}}{\tau_{1}^{2}}-\frac{\left(w_{11}"
        r"-1\right)\sqrt{\frac{\left(w_{11}-1\right){}^{2}}{\tau_{1}^{2}}+"
        r"\frac{w_{12}w_{21}}{\tau_{1}\tau_{2}}}}{\tau_{1}}+\frac{w_{12}w_{21}}"
        r"{\tau_{1}\tau_{2}}")

#: Each equation's LaTeX source as printed (``\displaystyle`` and the
#: ``eqnarray`` alignment removed), for display with MathJax.
LATEX: dict[int, str] = {
    1: (r"\tau_{i}\dot{y}_{i}=-y_{i}+\sum_{j=1}^{n}w_{ji}\sigma(y_{j}"
        r"-\theta_{j})+I_{i}(t),"),
    2: (r"\dot{y}_{1}=\frac{1}{\tau_{1}}\left[-y_{1}+w_{11}f\left(y_{1}"
        r"+\theta_{1}\right)+w_{21}f\left(y_{2}+\theta_{2}\right)+I_{1}"
        r"\right],"),
    3: (r"\dot{y}_{2}=\frac{1}{\tau_{2}}\left[-y_{2}+w_{22}f\left(y_{2}"
        r"+\theta_{2}\right)+w_{12}f\left(y_{1}+\theta_{1}\right)+I_{2}"
        r"\right],"),
    4: r"f(z)=z^{+}=\max(0,z).",
    5: (r"\dot{y}_{1}=\frac{1}{\tau_{1}}\left[-y_{1}+w_{11}\left(y_{1}"
        r"+\theta_{1}\right)+w_{21}\left(y_{2}+\theta_{2}\right)+I_{1}"
        r"\right],"),
    6: (r"\dot{y}_{2}=\frac{1}{\tau_{2}}\left[-y_{2}+w_{22}\left(y_{2}"
        r"+\theta_{2}\right)+w_{12}\left(y_{1}+\theta_{1}\right)+I_{2}"
        r"\right],"),
    7: r"\dot{y}_{1}=\frac{1}{\tau_{1}}\left[-y_{1}+I_{1}\right],",
    8: r"\dot{y}_{2}=\frac{1}{\tau_{2}}\left[-y_{2}+I_{2}\right],",
    9: (r"y_{1}(t)=I_{1}+C_{1}\exp\left(-\frac{t}{\tau_{1}}\right),"
        r"C_{1}\in\mathbb{R},"),
    10: (r"y_{2}(t)=I_{2}+C_{2}\exp\left(-\frac{t}{\tau_{2}}\right),"
         r"C_{2}\in\mathbb{R}."),
    11: (r"\dot{y}_{1}=\frac{\partial H}{\partial y_{2}}(y_{1},y_{2})\quad"
         r"\dot{y}_{2}=-\frac{\partial H}{\partial y_{1}}(y_{1},y_{2}),"),
    12: (r"\frac{\partial f_{1}}{\partial y_{1}}=-\frac{\partial f_{2}}"
         r"{\partial y_{2}}."),
    13: r"\frac{-1+w_{11}}{\tau_{1}}=\frac{1-w_{22}}{\tau_{2}}.",
    14: (r"\tau_{1}=\frac{\tau_{2}-\tau_{2}w_{11}}{-1+w_{22}},\quad w_{22}<1,"
         r"w_{11}>1,"),
    15: (r"\tau_{1}=\frac{\tau_{2}-\tau_{2}w_{11}}{-1+w_{22}},\quad w_{22}>1,"
         r"w_{11}<1."),
    16: (r"H(y_{1},y_{2})=\frac{w_{21}}{2\tau_{1}}y_{2}^{2}+\frac{y_{1}y_{2}}"
         r"{\tau_{1}}(w_{11}-1)+\frac{y_{2}}{\tau_{1}}\left(w_{11}\theta_{1}"
         r"+w_{21}\theta_{2}+I_{1}\right)+g(y_{1}),"),
    17: (r"g(y_{1})=-\frac{w_{12}}{2\tau_{2}}y_{1}^{2}-\frac{y_{1}}{\tau_{2}}"
         r"\left(w_{22}\theta_{2}+w_{12}\theta_{1}+I_{2}\right)+const."),
    18: (r"H(y_{1},y_{2})=-C_{1}y_{1}-C_{2}y_{1}^{2}+D_{1}y_{2}+D_{2}y_{2}^{2}"
         r"+E_{2}y_{1}y_{2},"),
    19: (r"C_{1}=\frac{1}{\tau_{2}}(w_{12}\theta_{1}+w_{22}\theta_{2}+I_{2}),"
         r"\quad D_{1}=\frac{1}{\tau_{1}}(w_{21}\theta_{2}+w_{11}\theta_{1}"
         r"+I_{1}),\quad C_{2}=\frac{w_{12}}{2\tau_{2}},\quad D_{2}="
         r"\frac{w_{21}}{2\tau_{1}},"),
    20: (r"E_{2}=\frac{1}{\tau_{1}}(w_{11}-1)=-\frac{1}{\tau_{2}}"
         r"(w_{22}-1)."),
    21: (r"\hat{y}_{2}=y_{2},\quad\hat{y}_{1}=-i\frac{\partial}"
         r"{\partial y_{2}},"),
    22: (r"\hat{H}=iC_{1}\frac{\partial}{\partial y_{2}}-C_{2}\frac{\partial"
         r"^{2}}{\partial y_{2}^{2}}+D_{1}y_{2}+D_{2}y_{2}^{2}+E_{2}\left[-"
         r"\frac{i}{2}-i\frac{y_{2}}{2}\frac{\partial}{\partial y_{2}}."
         r"\right]"),
    23: (r"C_{2}\frac{d^{2}\psi(y_{2})}{dy_{2}^{2}}+\left(C_{1}-E_{2}y_{2}"
         r"\right)\frac{d\psi(y_{2})}{dy_{2}}+(D_{1}y_{2}-D_{2}y_{2}^{2}"
         r"-E_{2})\psi(y_{2})=\lambda\psi(y_{2}),"),
    24: (r"\psi(y_{2})=\Psi(y_{2}){\mathrm{e}}^{-y_{2}(\xi_{1}y_{2}"
         r"+\xi_{2})}"),
    25: r"\xi_{1}=" + _SQ + r"-E_{2}\sqrt{" + _SQ + "}",
    26: (r"\xi_{2}=-C_{1}E_{2}-4C_{2}D_{1}+2\sqrt{" + _SQ + "},"),
    27: (r"\Psi(x)=A_{1}M\!\left(\alpha,\frac{1}{2}," + _KARG + r"\right)"),
    28: (r"+A_{2}\left[(4C_{2}D_{2}+E_{2}^{2})x-2D_{1}C_{2}-C_{1}E_{2}\right]"
         r"M\!\left(\beta,\frac{3}{2}," + _KARG + r"\right)."),
    29: (r"\alpha=\frac{1}{4}+\frac{2(" + _SQ + r")\lambda+" + _LAMTAIL
         + r"}{4(" + _SQ + r")^{3/2}}"),
    30: r"\beta=\alpha+\frac{1}{2}.",
    31: (r"M(a,b,z)=~{}_{1}F_{1}\!\left(a;b;z\right)=\sum_{n=0}^{\infty}"
         r"\frac{(a)_{n}z^{n}}{n!(b)_{n}}"),
    32: (r"\psi_{2m}(y_{2})=H_{2m}\!\left(" + _HARG + r"\right){\mathrm{e}}"
         r"^{-y_{2}(\xi_{1}y_{2}+\xi_{2})}"),
    33: (r"\psi_{2m+1}(y_{2})=H_{2m+1}\!\left(" + _HARG + r"\right)"
         r"{\mathrm{e}}^{-y_{2}(\xi_{1}y_{2}+\xi_{2})},"),
    34: (r"H_{2n}(x)=(-1)^{n}\frac{(2n)!}{n!}~{}_{1}F_{1}\!\left(-n;"
         r"\frac{1}{2};x^{2}\right)"),
    35: (r"H_{2n+1}(x)=2x(-1)^{n}\frac{(2n+1)!}{n!}~{}_{1}F_{1}\!\left(-n;"
         r"\frac{3}{2};x^{2}\right)."),
    36: (r"\lambda_{m}^{e}=-\frac{1}{2}\frac{(4m+1)(" + _SQ + r")^{3/2}+"
         + _LAMTAIL + "}{" + _SQ + r"}\quad m=0,1,2,\dots"),
    37: (r"\lambda_{m}^{o}=-\frac{1}{2}\frac{(4m+3)(" + _SQ + r")^{3/2}+"
         + _LAMTAIL + "}{" + _SQ + r"}\quad m=0,1,2,\dots."),
    38: _L38 + ">0,",
    39: _L38 + "=0.",
    40: (r"-\frac{2w_{12}\left(I_{1}+\theta_{1}w_{11}+\theta_{2}w_{21}\right)}"
         r"{\tau_{1}\tau_{2}}-\frac{\left(w_{11}-1\right)\left(I_{2}+\theta_{1}"
         r"w_{12}+\theta_{2}w_{22}\right)}{\tau_{1}\tau_{2}}+2\sqrt{\frac{"
         r"\frac{\tau_{1}w_{12}w_{21}}{\tau_{2}}+\left(w_{11}-1\right){}^{2}}"
         r"{\tau_{1}^{2}}}>0."),
}


def printed(number: int) -> sp.Basic:
    """Return equation ``number`` of the paper exactly as printed.

    Parameters
    ----------
    number : int
        The paper's equation number, 1 to 40.

    Returns
    -------
    sympy.Basic
        ``EQUATIONS[number]``: a relation, a Tuple of relations, or (for
        Eq. 28, the second line of Eq. 27) an expression.

    Raises
    ------
    ValueError
        If ``number`` is not an integer between 1 and 40.
    """
    if (isinstance(number, bool) or not isinstance(number, int)
            or number not in EQUATIONS):
        raise ValueError(
            f"number: equation number must be an integer 1..40, got {number!r}")
    return EQUATIONS[number]
