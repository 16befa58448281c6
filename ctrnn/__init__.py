"""ctrnn: the shared package of the reproducible edition of Kohli & Haslam,
*The Wavefunction of Continuous-Time Recurrent Neural Networks* (arXiv:2102.09399).

Three layers (see DESIGN.md): :mod:`ctrnn.paper` holds the equations as
printed, the physics modules hold independent derivations, and
:mod:`ctrnn.audit` compares the two.
"""
from .network import CTRNN2, relu

__all__ = ["CTRNN2", "relu"]
__version__ = "0.1.0"
