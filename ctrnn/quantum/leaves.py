"""Quantization on the symplectic leaves of an odd (n = 3) network.

For a three-neuron network with a rank-2 constant Poisson structure
(:func:`ctrnn.classical.n_neurons.poisson_structure`) the planes
``c . y = kappa`` are invariant and carry the 2-D linear Hamiltonian flow of
:func:`ctrnn.classical.nambu.leaf_system`.  That flow is the active flow of a
two-neuron network satisfying Eq. (13) (:func:`ctrnn.classical.nambu.leaf_network`),
so the paper's quantization (Weyl ordering in the representation (21)) applies
leaf by leaf: the quantum system is a family of one-dimensional problems
fibred over the Casimir value kappa.  The leaf flow's matrix does not depend
on kappa, so the type (discrete or continuous spectrum) and the level spacing
are the same on every leaf; only the offset H*(kappa) moves.
"""
from __future__ import annotations

import numpy as np

from ctrnn._validation import array, integer
from ctrnn.classical import nambu
from ctrnn.classical.hamiltonian import discriminant, hamiltonian_case
from ctrnn.quantum.levels import numerical_spectrum, spectrum


def leaf_spectra(A, b, c, kappas, n=4):
    """The Weyl-quantized spectrum on each leaf ``c . y = kappa``.

    Parameters
    ----------
    A : array_like, shape (3, 3)
        With ``c^T A = 0`` and ``tr A = 0``.
    b, c : array_like, shape (3,)
        ``c`` the kernel of the Poisson tensor (:func:`ctrnn.classical.nambu.kernel_vector`),
        ``c . b = 0``.
    kappas : array_like, shape (k,)
        Casimir values.
    n : int, optional
        Levels per leaf, 1 ... 200.

    Returns
    -------
    list of dict
        One per kappa: ``kappa``, ``case`` (``"centre"``: discrete spectrum;
        ``"saddle"`` or degenerate: continuous, no levels), ``omega``
        (``sqrt(-Delta)`` of the leaf network, or None), ``levels`` (closed
        form, :func:`ctrnn.quantum.levels.spectrum`, or None) and
        ``numerical`` (:func:`ctrnn.quantum.levels.numerical_spectrum`, or None).

    Raises
    ------
    ValueError
        If the leaves are not invariant, or an argument is out of range.
    """
    kappas = array("kappas", kappas, ndim=1, min_size=1)
    n = integer("n", n, minimum=1, maximum=200)
    out = []
    for kappa in kappas:
        net = nambu.leaf_network(A, b, c, float(kappa))
        case = hamiltonian_case(net)
        row = {"kappa": float(kappa), "case": case, "omega": None, "levels": None,
               "numerical": None}
        if case == "centre":
            row.update(omega=float(np.sqrt(-discriminant(net))), levels=spectrum(net, n),
                       numerical=numerical_spectrum(net, n))
        out.append(row)
    return out
