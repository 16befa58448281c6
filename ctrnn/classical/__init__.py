"""What is true, classically: the network, its flow, its Hamiltonian, the ReLU plane, n neurons.

* :mod:`ctrnn.classical.network` -- the two-neuron network :class:`~ctrnn.classical.network.CTRNN2`, Eqs. (2)-(4).
* :mod:`ctrnn.classical.dynamics` -- the four linear regimes, their equilibria,
  the exact piecewise-linear flow (:func:`~ctrnn.classical.dynamics.simulate`) and Eq. (1) for any n
  (:func:`~ctrnn.classical.dynamics.ctrnn_rhs`).
* :mod:`ctrnn.classical.hamiltonian` -- when the flow is Hamiltonian and its
  Hamiltonian, derived (Eqs. 11-20, Fig. 1).
* :mod:`ctrnn.classical.relu_plane` -- the whole ReLU plane: where H is conserved.
* :mod:`ctrnn.classical.weights` -- the classical type of the both-active flow
  and the true discreteness condition, as maps over the weights.
* :mod:`ctrnn.classical.n_neurons` -- Hamiltonian criteria for n neurons.

Derived from first principles; never from a printed formula (see ``ARCHITECTURE.md``).
"""
import importlib

#: Where each public name lives; imported on first use (PEP 562), so that
#: ``import ctrnn`` does not load SciPy and SymPy.
_HOMES = {
    'CTRNN2': 'ctrnn.classical.network',
    'relu': 'ctrnn.classical.network',
    'logistic': 'ctrnn.classical.dynamics',
    'simulate': 'ctrnn.classical.dynamics',
    'ctrnn_rhs': 'ctrnn.classical.dynamics',
}

__all__ = ['CTRNN2', 'relu', 'logistic', 'simulate', 'ctrnn_rhs']


def __getattr__(name):
    if name in _HOMES:
        value = getattr(importlib.import_module(_HOMES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_HOMES))
