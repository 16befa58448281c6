"""The two-neuron continuous-time recurrent neural network of Eqs. (2)-(3).

Indexing follows the paper: ``w_ji`` is the weight from neuron j to neuron i,
so ``w12`` appears in the equation for y2 and ``w21`` in the equation for y1.
"""
from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from ctrnn import _validation as V


def relu(z):
    """ReLU activation f(z) = max(0, z), Eq. (4).

    Parameters
    ----------
    z : array_like
        Real numbers (NaN is rejected; ±inf is allowed).

    Returns
    -------
    ndarray

    Raises
    ------
    TypeError
        If ``z`` is not real numbers.
    ValueError
        If ``z`` contains NaN.
    """
    z = V.array("z", z, finite=False)
    if np.any(np.isnan(z)):
        raise ValueError("z must not contain NaN (Eq. 4)")
    return np.maximum(z, 0.0)


def _require_finite(name: str, value) -> float:
    return V.real(name, value)


@dataclass(frozen=True)
class CTRNN2:
    """Two-neuron CTRNN with constant inputs, Eqs. (2)-(3).

    Parameters
    ----------
    tau1, tau2 : float
        Time constants, strictly positive (the paper, below Eq. 13).
    w11, w12, w21, w22 : float
        Connection weights; ``w_ji`` connects neuron j to neuron i.
    theta1, theta2 : float, optional
        Biases, entering as ``f(y_j + theta_j)`` as in Eqs. (2)-(3).
    I1, I2 : float, optional
        Constant external inputs.

    Raises
    ------
    TypeError
        If an argument is not a real number (``bool`` and strings are not).
    ValueError
        If a time constant is not positive or any argument is not finite.

    Examples
    --------
    >>> net = CTRNN2(tau1=1.0, tau2=2.0, w11=1.5, w12=2.0, w21=-2.0, w22=0.0)
    >>> net.is_hamiltonian()
    True
    >>> sorted(net.hamiltonian_coefficients().items())
    [('C1', 0.0), ('C2', 0.5), ('D1', 0.0), ('D2', -1.0), ('E2', 0.5)]
    """

    tau1: float
    tau2: float
    w11: float
    w12: float
    w21: float
    w22: float
    theta1: float = 0.0
    theta2: float = 0.0
    I1: float = 0.0
    I2: float = 0.0

    def __post_init__(self):
        for fld in fields(self):
            object.__setattr__(self, fld.name,
                               _require_finite(fld.name, getattr(self, fld.name)))
        for name in ("tau1", "tau2"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive (time constants satisfy "
                                 f"tau > 0, paper below Eq. 13), got {getattr(self, name)!r}")

    # ------------------------------------------------------------------ build
    @classmethod
    def from_condition_13(cls, tau1, tau2, w11, w12, w21, theta1=0.0, theta2=0.0,
                          I1=0.0, I2=0.0) -> "CTRNN2":
        """Network whose ``w22`` is chosen so that condition (13) holds.

        Solving Eq. (13), (w11 - 1)/tau1 = (1 - w22)/tau2, for w22 gives
        ``w22 = 1 - tau2 (w11 - 1) / tau1``.

        Parameters
        ----------
        tau1, tau2, w11, w12, w21, theta1, theta2, I1, I2 : float
            As for :class:`CTRNN2`.

        Returns
        -------
        CTRNN2

        Raises
        ------
        TypeError, ValueError
            As for :class:`CTRNN2`; also ValueError if the w22 of Eq. (13)
            overflows.

        Examples
        --------
        >>> net = CTRNN2.from_condition_13(1.0, 2.0, 1.5, 2.0, -2.0)
        >>> net.w22, net.is_hamiltonian()
        (0.0, True)
        """
        tau1 = V.real("tau1", tau1, positive=True, equation="time constants, the paper below Eq. 13")
        tau2 = V.real("tau2", tau2, positive=True, equation="time constants, the paper below Eq. 13")
        w11 = _require_finite("w11", w11)
        w22 = 1.0 - tau2 * (w11 - 1.0) / tau1
        return cls(tau1, tau2, w11, w12, w21, w22, theta1, theta2, I1, I2)

    @property
    def params(self) -> dict:
        """The ten parameters as a dict, in the constructor's order."""
        return {fld.name: getattr(self, fld.name) for fld in fields(self)}

    # ------------------------------------------------------------- dynamics
    def rhs(self, t, y, activation=relu):
        """Right-hand side of Eqs. (2)-(3): the time derivative of (y1, y2).

        Parameters
        ----------
        t : float
            Time (unused: the system is autonomous), for ``solve_ivp``.
        y : array_like, shape (2, ...)
            State (y1, y2); extra trailing axes are broadcast.
        activation : callable, optional
            The activation f; ReLU (Eq. 4) by default.  It must return an
            array of the shape of its argument.

        Returns
        -------
        ndarray, shape of ``y``

        Raises
        ------
        TypeError
            If ``t`` is not a number, ``y`` not real numbers or
            ``activation`` not callable.
        ValueError
            If ``y`` does not have length 2 along its first axis or is not
            finite, or the activation returns the wrong shape.
        """
        V.real("t", t)
        y = V.array("y", y)
        if y.shape[:1] != (2,):
            raise ValueError(f"y must have length 2 along its first axis (y1, y2 of "
                             f"Eqs. 2-3), got shape {y.shape}")
        V.function("activation", activation)
        y1, y2 = y
        a1 = np.asarray(activation(y1 + self.theta1), dtype=float)
        a2 = np.asarray(activation(y2 + self.theta2), dtype=float)
        if a1.shape != y1.shape or a2.shape != y2.shape:
            raise ValueError(f"activation must return an array of the shape of its "
                             f"argument {y1.shape}, got {a1.shape}")
        dy1 = (-y1 + self.w11 * a1 + self.w21 * a2 + self.I1) / self.tau1
        dy2 = (-y2 + self.w22 * a2 + self.w12 * a1 + self.I2) / self.tau2
        return np.array([dy1, dy2])

    # ---------------------------------------------------------- Hamiltonian
    def divergence_active(self) -> float:
        """Divergence of the both-active flow (5)-(6): (w11-1)/tau1 + (w22-1)/tau2.

        Eq. (12) asks for it to vanish; Eq. (13) is that condition.
        """
        return (self.w11 - 1.0) / self.tau1 + (self.w22 - 1.0) / self.tau2

    def is_hamiltonian(self, tol: float = 1e-9) -> bool:
        """Whether the both-active flow (5)-(6) is Hamiltonian, Eq. (13).

        The divergence must vanish; it is compared with ``tol`` relative to the
        size of its two terms (absolute when both terms vanish).

        Parameters
        ----------
        tol : float, optional
            Relative tolerance, positive and finite.

        Returns
        -------
        bool

        Raises
        ------
        TypeError
            If ``tol`` is not a number.
        ValueError
            If ``tol`` is not positive and finite.
        """
        tol = V.tolerance("tol", tol)
        a = (self.w11 - 1.0) / self.tau1
        b = (self.w22 - 1.0) / self.tau2
        return abs(a + b) <= tol * max(1.0, abs(a), abs(b))

    def hamiltonian_coefficients(self, tol: float = 1e-9) -> dict:
        """Coefficients C1, C2, D1, D2, E2 of the Hamiltonian (18), Eqs. (19)-(20).

        With them H = -C1 y1 - C2 y1**2 + D1 y2 + D2 y2**2 + E2 y1 y2 generates
        the both-active flow through Hamilton's equations (11).

        Parameters
        ----------
        tol : float, optional
            As for :meth:`is_hamiltonian`.

        Returns
        -------
        dict
            ``C1, C2, D1, D2, E2`` as floats.

        Raises
        ------
        ValueError
            If condition (13) does not hold (within ``tol``), ``tol`` is not
            positive, or a coefficient overflows.
        """
        if not self.is_hamiltonian(tol):
            raise ValueError(
                "network is not Hamiltonian: Eq. (13) requires (w11 - 1)/tau1 = "
                f"(1 - w22)/tau2, but (w11-1)/tau1 = {(self.w11 - 1) / self.tau1:.6g} "
                f"and (1-w22)/tau2 = {(1 - self.w22) / self.tau2:.6g}")
        # one source: the coefficients derived with SymPy from Eqs. (2)-(6)
        from ctrnn.classical.hamiltonian import coefficients
        return coefficients(self, tol=tol)
