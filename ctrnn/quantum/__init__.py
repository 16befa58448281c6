"""What is true, quantum mechanically: Weyl quantization, spectra, eigenfunctions, correspondence.

* :mod:`ctrnn.quantum.weyl` -- Weyl quantization in the representation (21).
* :mod:`ctrnn.quantum.levels` -- the spectrum of the quantized Hamiltonian (18):
  closed form (:func:`~ctrnn.quantum.levels.spectrum`), numerical diagonalization
  (:func:`~ctrnn.quantum.levels.numerical_spectrum`) and eigenfunctions.
* :mod:`ctrnn.quantum.kummer` -- the eigenvalue equation solved with Kummer
  functions, as the paper sets out to do (Eqs. 23-37), derived.
* :mod:`ctrnn.quantum.correspondence` -- wave packets against the classical flow.
* :mod:`ctrnn.quantum.dissipative` -- the network without Eq. (13): the quantized
  invariant (:func:`~ctrnn.quantum.dissipative.invariant_spectrum`), the resonances of the doubled system
  (:func:`~ctrnn.quantum.dissipative.resonances`) and Koopman-von Neumann.

Derived from first principles; never from a printed formula (see ``ARCHITECTURE.md``).
"""
from ctrnn.quantum.dissipative import invariant_spectrum, resonances
from ctrnn.quantum.levels import (
                                  box_levels,
                                  critical_point,
                                  eigenfunctions,
                                  has_discrete_spectrum,
                                  numerical_spectrum,
                                  spectrum,
)

__all__ = ["spectrum", "numerical_spectrum", "has_discrete_spectrum",
           "critical_point", "eigenfunctions", "box_levels",
           "invariant_spectrum", "resonances"]
