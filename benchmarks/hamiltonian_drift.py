"""Benchmark: drift of H (18) along a Hamiltonian trajectory, by integration method.

For one Hamiltonian parameter set (condition 13 holds; a centre whose orbit
stays inside the both-active region) the network is integrated over 200 time
constants, t in [0, 200 max(tau1, tau2)], sampled at 2001 times, with

* ``solve_ivp`` RK45 at its default tolerances (rtol=1e-3, atol=1e-6),
* ``solve_ivp`` DOP853 at rtol = atol = 1e-12,
* the exact piecewise-linear flow of :func:`ctrnn.classical.dynamics.simulate`
  (closed-form matrix exponential of each region's linear system),

all through :func:`ctrnn.classical.dynamics.simulate`. Reported: the relative drift
``max_k |H(y_k) - H(y_0)| / |H(y_0) - H(y*)|`` (:func:`ctrnn.classical.hamiltonian.relative_drift`)
and the median wall time of ``REPEATS`` runs. The book's target is a drift of
at most 1e-10.

Run from the repository root:  .venv/bin/python benchmarks/hamiltonian_drift.py
It writes benchmarks/results/hamiltonian_drift.json (the book displays that file;
it never reruns this script).
"""
from __future__ import annotations

import json
import platform
import statistics
import time
from pathlib import Path

import numpy as np
import scipy

from ctrnn import CTRNN2
from ctrnn.classical import simulate
from ctrnn.classical.hamiltonian import hamiltonian_case, relative_drift

#: tau1, tau2, w11, w12, w21 given; w22 from Eq. (13); theta and I place the
#: centre at the origin, inside the both-active region y1, y2 >= -1.
PARAMETERS = dict(tau1=1.0, tau2=2.0, w11=1.5, w12=2.0, w21=-2.0,
                  theta1=1.0, theta2=1.0, I1=0.5, I2=-2.0)
Y0 = (0.0, 0.5)
TIME_CONSTANTS = 200
SAMPLES = 2001
REPEATS = 3
TARGET = 1e-10
METHODS = {
    "RK45 (default tolerances)": dict(method="RK45"),
    "DOP853 (rtol=atol=1e-12)": dict(method="DOP853", rtol=1e-12, atol=1e-12),
    "exact piecewise-linear flow": dict(method="exact"),
}
OUT = Path(__file__).parent / "results" / "hamiltonian_drift.json"


def run() -> dict:
    net = CTRNN2.from_condition_13(**PARAMETERS)
    t_max = TIME_CONSTANTS * max(net.tau1, net.tau2)
    t = np.linspace(0.0, t_max, SAMPLES)
    rows = []
    for label, options in METHODS.items():
        times = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            traj = simulate(net, Y0, t, **options)
            times.append(time.perf_counter() - start)
        drift = relative_drift(net, traj.y)
        rows.append({"method": label, "options": options,
                     "relative_drift": float(f"{drift:.3g}"),
                     "meets_target": bool(drift <= TARGET),
                     "wall_time_s": float(f"{statistics.median(times):.3g}"),
                     "region_switches": int(traj.switch_times.size)})
    return {
        "description": "relative drift of H (18) over 200 time constants, by method",
        "network": net.params, "case": hamiltonian_case(net), "y0": list(Y0),
        "t_max": t_max, "samples": SAMPLES, "repeats": REPEATS, "target": TARGET,
        "drift_definition": "max_k |H(y_k) - H(y_0)| / |H(y_0) - H(y*)|",
        "results": rows,
        "environment": {"python": platform.python_version(), "numpy": np.__version__,
                        "scipy": scipy.__version__, "machine": platform.machine()},
    }


if __name__ == "__main__":
    result = run()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n")
    for row in result["results"]:
        print(f"{row['method']:<30} drift {row['relative_drift']:<10.3g} "
              f"time {row['wall_time_s']:.3g} s")
