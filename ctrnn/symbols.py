"""The paper's symbols, shared by every symbolic module.

One place defines them so that ``ctrnn.paper`` (what the paper prints) and the
independent derivations (what is true) speak about the same SymPy objects and
can be compared by subtraction.

Assumptions: time constants are positive (the paper, below Eq. 13: "τ1, τ2 > 0");
weights, biases, inputs, states and the Hamiltonian's coefficients are real.
Derived quantities that the paper takes under a square root (ξ1, ξ2, α, β, λ)
are left without assumptions, since they may be complex.
"""
from __future__ import annotations

import sympy as sp

#: Time.
t = sp.Symbol("t", real=True)
tau1, tau2 = sp.symbols("tau1 tau2", positive=True)
w11, w12, w21, w22 = sp.symbols("w11 w12 w21 w22", real=True)
theta1, theta2 = sp.symbols("theta1 theta2", real=True)
I1, I2 = sp.symbols("I1 I2", real=True)
y1, y2 = sp.symbols("y1 y2", real=True)
x = sp.Symbol("x", real=True)

#: Coefficients of the Hamiltonian (18), defined by Eqs. (19)-(20).
C1, C2, D1, D2, E2 = sp.symbols("C1 C2 D1 D2 E2", real=True)

#: Integration constants of Eqs. (9)-(10) (the paper reuses the names C1, C2;
#: we keep them distinct from the Hamiltonian coefficients).
K1, K2 = sp.symbols("K1 K2", real=True)

lam = sp.Symbol("lambda")
xi1, xi2 = sp.symbols("xi1 xi2")
alpha, beta = sp.symbols("alpha beta")
A1, A2 = sp.symbols("A1 A2")
m, n = sp.symbols("m n", integer=True, nonnegative=True)
const = sp.Symbol("const")

f = sp.Function("f")          # activation function of Eqs. (2)-(3)
sigma = sp.Function("sigma")  # activation function of Eq. (1)
g = sp.Function("g")          # integration "constant" of Eq. (16)
H = sp.Function("H")          # the Hamiltonian function of Eq. (11)
psi = sp.Function("psi")      # eigenfunction of Eq. (23)
Psi = sp.Function("Psi")      # the Kummer factor of Eq. (24)

#: The network's parameters, in the order of ``ctrnn.CTRNN2``.
PARAMETERS = (tau1, tau2, w11, w12, w21, w22, theta1, theta2, I1, I2)

#: Every symbol the paper uses (the allowed alphabet of ``ctrnn.paper``).
PAPER_SYMBOLS = frozenset({
    t, tau1, tau2, w11, w12, w21, w22, theta1, theta2, I1, I2, y1, y2, x,
    C1, C2, D1, D2, E2, K1, K2, lam, xi1, xi2, alpha, beta, A1, A2, m, n, const,
})
PAPER_FUNCTIONS = frozenset({"f", "sigma", "g", "H", "psi", "Psi", "y1", "y2"})
