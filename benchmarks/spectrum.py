"""Accuracy versus cost of the numerical spectrum of the Weyl-quantized Ĥ.

For one Hamiltonian network with a discrete spectrum (Δ < 0) and the first
20 levels, compare at equal matrix sizes N:

* ``hermite``: :func:`ctrnn.quantum.levels.numerical_spectrum` (its default: a
  Galerkin matrix with exact elements in a Hermite-function basis centred at
  the classical critical point, length s, s⁴ = A11/A22);
* ``fourier``: the same function with ``method="fourier"`` (periodic Fourier
  grid);
* ``fd``: the same Weyl-ordered matrix with second-order central finite
  differences on a Dirichlet grid (``method="fd"``);
* ``qutip``: QuTiP's truncated ladder operators, a = destroy(N),
  ŷ2 = y2* + s (a + a†)/√2, ŷ1 = y1* + i (a† - a)/(√2 s), with Ĥ formed from
  products of these truncated N x N matrices, with the same centre and length
  as ``hermite``: the two differ only in how the products are truncated.

The error is max_k |λ_k - λ_k^exact| / ω over k < 20, relative to the level
spacing ω = sqrt(-Δ) of the closed form :func:`ctrnn.quantum.levels.spectrum`.
Wall time is the best of ``REPEATS`` runs of the whole computation (matrix
assembly and diagonalization).  Results go to ``results/spectrum.json``,
which the book plots; the book never reruns this script.

Run: ``.venv/bin/python benchmarks/spectrum.py`` (needs the optional
dependency qutip).
"""
from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path

import numpy as np
import scipy

from ctrnn import CTRNN2
from ctrnn.classical.hamiltonian import discriminant
from ctrnn.quantum import critical_point, numerical_spectrum, spectrum
from ctrnn.quantum.levels import quadratic_form

LEVELS = 20
REPEATS = 7
SIZES = [24, 28, 32, 40, 48, 56, 64, 80, 96, 128, 160, 192, 256, 320, 384, 512]
NETWORK = dict(tau1=1.0, tau2=1.0, w11=1.5, w12=-2.0, w21=1.5,
               theta1=0.2, theta2=-0.1, I1=0.3, I2=-0.2)
OUT = Path(__file__).with_name("results") / "spectrum.json"


def qutip_levels(net, n, size):
    """First n levels from QuTiP truncated ladder operators (module docstring)."""
    import qutip

    c = net.hamiltonian_coefficients()
    a_mat = quadratic_form(net)
    (p0, x0), _ = critical_point(net)
    s = (abs(a_mat[0, 0]) / abs(a_mat[1, 1])) ** 0.25
    a = qutip.destroy(size)
    one = qutip.qeye(size)
    xo = x0 * one + s * (a + a.dag()) / np.sqrt(2.0)
    po = p0 * one + 1j * (a.dag() - a) / (np.sqrt(2.0) * s)
    ham = (-c["C1"] * po - c["C2"] * po * po + c["D1"] * xo + c["D2"] * xo * xo
           + c["E2"] * 0.5 * (xo * po + po * xo))
    levels = np.sort(ham.eigenenergies())
    return (levels[::-1] if c["C2"] > 0 else levels)[:n]


def measure(func):
    """Best wall time of REPEATS calls and the last result."""
    best, result = np.inf, None
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def main():
    import qutip

    net = CTRNN2.from_condition_13(**NETWORK)
    exact = spectrum(net, LEVELS)
    omega = float(np.sqrt(-discriminant(net)))
    methods = {
        "hermite": lambda n: numerical_spectrum(net, LEVELS, size=n),
        "fourier": lambda n: numerical_spectrum(net, LEVELS, method="fourier", size=n),
        "fd": lambda n: numerical_spectrum(net, LEVELS, method="fd", size=n),
        "qutip": lambda n: qutip_levels(net, LEVELS, n),
    }
    results = {name: {"error": [], "time": []} for name in methods}
    for size in SIZES:
        for name, func in methods.items():
            seconds, levels = measure(lambda: func(size))
            err = float(np.max(np.abs(levels - exact)) / omega)
            results[name]["error"].append(err)
            results[name]["time"].append(seconds)
            print(f"N={size:4d} {name:8s} error={err:.3e} time={seconds:.4f}s", flush=True)
    data = {
        "description": "max_k<20 |lambda_k - exact| / omega and best-of-7 wall time "
                       "versus matrix size N",
        "network": net.params,
        "levels": LEVELS,
        "omega": omega,
        "exact": exact.tolist(),
        "sizes": SIZES,
        "methods": results,
        "qutip_basis_rule": "centre at the critical point, length s**4 = A11/A22",
        "environment": {"python": platform.python_version(), "numpy": np.__version__,
                        "scipy": scipy.__version__, "qutip": qutip.__version__,
                        "cpus": os.cpu_count()},
    }
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(data, indent=1) + "\n")
    print(f"wrote {OUT.name}")


if __name__ == "__main__":
    main()
