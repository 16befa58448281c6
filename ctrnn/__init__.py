"""ctrnn: the shared package of the reproducible edition of Kohli & Haslam,
*The Wavefunction of Continuous-Time Recurrent Neural Networks* (arXiv:2102.09399).

Three layers and the book's own code, one folder each (``ARCHITECTURE.md``):
:mod:`ctrnn.paper` (what the paper prints), :mod:`ctrnn.classical` and
:mod:`ctrnn.quantum` (what is true, derived independently), :mod:`ctrnn.audit`
(the comparison) and :mod:`ctrnn.book` (what the chapters show).

Examples
--------
>>> from ctrnn import CTRNN2
>>> net = CTRNN2(tau1=1.0, tau2=2.0, w11=1.5, w12=2.0, w21=-2.0, w22=0.0)
>>> net.is_hamiltonian()
True
"""
from ctrnn.classical.network import CTRNN2, relu

__all__ = ["CTRNN2", "relu"]
from importlib.metadata import version as _version

__version__ = _version("ctrnn-wavefunction")
