"""Benchmark: drift of H (18) along a Hamiltonian trajectory, by integration method.

For one Hamiltonian parameter set (condition 13 holds; a centre whose orbit
stays inside the both-active region) the network is integrated over 200 time
constants, t in [0, 200 max(tau1, tau2)], sampled at 2001 times, and over
20,000 time constants, with

* ``solve_ivp`` RK45 at its default tolerances (rtol=1e-3, atol=1e-6),
* ``solve_ivp`` DOP853 at rtol = atol = 1e-12,
* the exact piecewise-linear flow of :func:`ctrnn.classical.dynamics.simulate`
  (closed-form matrix exponential of each region's linear system),

all through :func:`ctrnn.classical.dynamics.simulate`, and

* the implicit midpoint rule (:func:`ctrnn.classical.symplectic.implicit_midpoint`,
  symplectic, exactly conserving quadratic invariants) with as many equal steps
  as RK45 and as DOP853 take (counted by ``solve_ivp`` on the same linear field;
  the orbit never leaves the both-active region, so that field is the network's).

The midpoint drift and phase error (largest distance from the exact flow) are
taken over every step; for the other methods over the 2001 sample times. Reported: the relative drift
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
from scipy.integrate import solve_ivp

from ctrnn.classical import simulate
from ctrnn.classical.dynamics import linear_flow, linear_system
from ctrnn.classical.hamiltonian import hamiltonian_case, relative_drift
from ctrnn.classical.symplectic import implicit_midpoint

#: tau1, tau2, w11, w12, w21 given; w22 from Eq. (13); theta and I place the
#: centre at the origin, inside the both-active region y1, y2 >= -1.
PARAMETERS = dict(tau1=1.0, tau2=2.0, w11=1.5, w12=2.0, w21=-2.0,
                  theta1=1.0, theta2=1.0, I1=0.5, I2=-2.0)
Y0 = (0.0, 0.5)
TIME_CONSTANTS = 200
#: The horizons, in time constants max(tau1, tau2); the first is TIME_CONSTANTS.
HORIZONS = (200, 20_000)
SAMPLES = 2001
REPEATS = 3
TARGET = 1e-10
METHODS = {
    "RK45 (default tolerances)": dict(method="RK45"),
    "DOP853 (rtol=atol=1e-12)": dict(method="DOP853", rtol=1e-12, atol=1e-12),
    "exact piecewise-linear flow": dict(method="exact"),
    "implicit midpoint, RK45's step count": dict(method="midpoint", steps_of="RK45"),
    "implicit midpoint, DOP853's step count": dict(method="midpoint", steps_of="DOP853"),
}
#: solve_ivp options whose step counts the midpoint rule is given.
STEP_SOURCES = {"RK45": dict(method="RK45"),
                "DOP853": dict(method="DOP853", rtol=1e-12, atol=1e-12)}
OUT = Path(__file__).parent / "results" / "hamiltonian_drift.json"


def _step_count(A, b, t_max, options) -> int:
    sol = solve_ivp(lambda t, y: A @ y + b, (0.0, t_max), Y0, **options)
    return int(sol.t.size - 1)


def _midpoint(net, A, b, t_max, steps):
    """Midpoint states at every step, and their drift and phase error over every step."""
    t, y = implicit_midpoint(A, b, Y0, t_max, steps)
    phase = float(np.abs(y - linear_flow(A, b, Y0, t)).max())
    return relative_drift(net, y), phase


def _horizon(net, time_constants, repeats) -> dict:
    t_max = time_constants * max(net.tau1, net.tau2)
    t = np.linspace(0.0, t_max, SAMPLES)
    A, b = linear_system(net, (1, 1))
    exact = linear_flow(A, b, Y0, t)
    steps = {k: _step_count(A, b, t_max, o) for k, o in STEP_SOURCES.items()}
    rows = []
    for label, options in METHODS.items():
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            if options["method"] == "midpoint":
                drift, phase = _midpoint(net, A, b, t_max, steps[options["steps_of"]])
                switches = 0
            else:
                traj = simulate(net, Y0, t, **options)
                switches = int(traj.switch_times.size)
            times.append(time.perf_counter() - start)
        if options["method"] != "midpoint":
            drift = relative_drift(net, traj.y)
            phase = float(np.abs(traj.y - exact).max())
        row = {"method": label, "options": options,
               "relative_drift": float(f"{drift:.3g}"),
               "meets_target": bool(drift <= TARGET),
               "phase_error": float(f"{phase:.3g}"),
               "wall_time_s": float(f"{statistics.median(times):.3g}"),
               "region_switches": switches}
        if options["method"] == "midpoint":
            row["steps"] = steps[options["steps_of"]]
        rows.append(row)
    return {"time_constants": time_constants, "t_max": t_max, "repeats": repeats,
            "step_counts": steps, "results": rows}


def run() -> dict:
    net = CTRNN2.from_condition_13(**PARAMETERS)
    horizons = [_horizon(net, n, REPEATS if n == TIME_CONSTANTS else 1) for n in HORIZONS]
    first = horizons[0]
    return {
        "description": "relative drift of H (18) over 200 and 20,000 time constants, by method",
        "network": net.params, "case": hamiltonian_case(net), "y0": list(Y0),
        "t_max": first["t_max"], "samples": SAMPLES, "repeats": REPEATS, "target": TARGET,
        "drift_definition": "max_k |H(y_k) - H(y_0)| / |H(y_0) - H(y*)|",
        "phase_error_definition": "max over the sample times of |y_k - y_exact(t_k)|",
        "results": first["results"],
        "horizons": horizons,
        "environment": {"python": platform.python_version(), "numpy": np.__version__,
                        "scipy": scipy.__version__, "machine": platform.machine()},
    }


if __name__ == "__main__":
    result = run()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n")
    for horizon in result["horizons"]:
        for row in horizon["results"]:
            print(f"{horizon['time_constants']:>6} {row['method']:<40} drift "
                  f"{row['relative_drift']:<10.3g} phase {row['phase_error']:<10.3g} "
                  f"time {row['wall_time_s']:.3g} s")
