"""What the paper prints: the equations as SymPy objects, and printed formulas evaluated.

* :mod:`ctrnn.paper.equations` -- every numbered equation (1)-(40) of
  arXiv:2102.09399 as printed, errors included (:data:`~ctrnn.paper.equations.EQUATIONS`,
  :data:`~ctrnn.paper.equations.LATEX`, :data:`~ctrnn.paper.equations.READINGS`, :func:`~ctrnn.paper.equations.printed`).
* :mod:`ctrnn.paper.formulas` -- the printed formulas evaluated as printed:
  ξ1, ξ2 (25)-(26), the conditions (38)-(40), the eigenfunctions (32)-(33)
  and levels (36)-(37).

Nothing here is corrected, and nothing here imports the derivations
(:mod:`ctrnn.classical`, :mod:`ctrnn.quantum`); see ``ARCHITECTURE.md``.
"""
from ctrnn.paper.equations import EQUATIONS, LATEX, READINGS, printed

__all__ = ["EQUATIONS", "LATEX", "READINGS", "printed"]
