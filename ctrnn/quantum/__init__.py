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
import importlib

#: Where each public name lives; imported on first use (PEP 562), so that
#: ``import ctrnn`` does not load SciPy and SymPy.
_HOMES = {
    'spectrum': 'ctrnn.quantum.levels',
    'numerical_spectrum': 'ctrnn.quantum.levels',
    'has_discrete_spectrum': 'ctrnn.quantum.levels',
    'critical_point': 'ctrnn.quantum.levels',
    'eigenfunctions': 'ctrnn.quantum.levels',
    'box_levels': 'ctrnn.quantum.levels',
    'invariant_spectrum': 'ctrnn.quantum.dissipative',
    'resonances': 'ctrnn.quantum.dissipative',
}

__all__ = ['spectrum', 'numerical_spectrum', 'has_discrete_spectrum', 'critical_point', 'eigenfunctions', 'box_levels', 'invariant_spectrum', 'resonances']


def __getattr__(name):
    if name in _HOMES:
        value = getattr(importlib.import_module(_HOMES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_HOMES))
