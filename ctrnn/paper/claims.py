"""What the paper claims in words, as objects a check can test.

The audit reads these through the same mapping as the equations (keys are
the claim ids), so a counterfactual paper can replace a claim as it replaces
an equation.  Each value is the claim as the paper makes it, never corrected.
"""
from __future__ import annotations

import sympy as sp

from ctrnn.symbols import alpha, beta, m

#: The tail exponent p of a wavefunction behaving like abs(y2)**(-p) far out.
p_tail = sp.Symbol("p", real=True)

#: Real parts (a, b) of the Gaussian exponents xi1, xi2 of Eq. (24).
re_xi1, re_xi2 = sp.symbols("a b", real=True)

#: The claims, keyed by audit id.
CLAIMS: dict[str, object] = {
    # Fig. 1: "similar behaviour to that of a classical nonlinear pendulum"
    "fig1": "nonlinear pendulum",
    # after (23): "psi -> 0 as |y2| -> oo, which ensures the eigenfunctions are
    # normalizable": the condition the text says suffices, for psi ~ |y2|^(-p)
    "23-decay": sp.StrictGreaterThan(p_tail, 0),
    # after (31): "setting alpha = -m and beta = -m" (both at once)
    "31-alpha-beta": sp.And(sp.Eq(alpha, -m), sp.Eq(beta, -m)),
    # (38)-(40): the alternative branch Re xi1 = 0 and Re xi2 > 0 gives psi -> 0
    "38-alt": sp.And(sp.Eq(re_xi1, 0), sp.StrictGreaterThan(re_xi2, 0)),
    # conclusion: the weights are "motivated by an underlying quantum structure"
    "40-conclusion": "quantum",
}
