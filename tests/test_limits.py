"""Cost limits (issue 18): no public call runs longer than 60 s or allocates more than 4 GiB.

Each call runs in a fresh Python subprocess whose address space is limited to
4 GiB (``RLIMIT_AS``) and whose wall time is limited to 60 s; the calls are
the inputs that used to hang or exhaust memory (now a fast ValueError naming
the limit) and representative calls at the documented limits (which must
finish).  A planted call that allocates 5 GiB shows that the guard bites.
"""
import json
import resource
import subprocess
import sys
import textwrap

import pytest

BUDGET_S = 60
MEMORY = 4 * 1024 ** 3

SETUP = """
import json, math, time
import numpy as np
from ctrnn import CTRNN2
from ctrnn._validation import MAX_LEVELS, MAX_MATRIX_SIZE
from ctrnn.classical import dynamics as d
from ctrnn.classical import hamiltonian as h
from ctrnn.quantum import levels as lv
from ctrnn.quantum import weyl
from ctrnn.symbols import y1, y2
CENTRE = h.fig1_networks()["centre"]
DISCRETE = CTRNN2.from_condition_13(1.0, 1.0, 1.5, -2.0, 1.5, 0.2, -0.1, 0.3, -0.2)
"""

#: Inputs that used to hang or run out of memory: each must now raise ValueError.
BEYOND = {
    "weyl_words(30, 30)": "weyl.weyl_words(30, 30)",
    "weyl_quantize(y1**12 * y2**12)": "weyl.weyl_quantize(y1 ** 12 * y2 ** 12)",
    "mccoy_quantize(y1**40)": "weyl.mccoy_quantize(y1 ** 40)",
    "spectrum(n=10**9)": "lv.spectrum(DISCRETE, 10 ** 9)",
    "spectrum(n=10**12)": "lv.spectrum(DISCRETE, 10 ** 12)",
    "numerical_spectrum(n=2000)": "lv.numerical_spectrum(DISCRETE, 2000)",
    "numerical_spectrum(size=10**5)": "lv.numerical_spectrum(DISCRETE, 3, size=10 ** 5)",
    "box_levels(spacing=1e-9)": "lv.box_levels(DISCRETE, 37.0, 1e-9)",
    "fourier_operators(size=10**6)": "lv.fourier_operators(0.0, 0.0, 5.0, 10 ** 6)",
    "eigenfunctions(n=10**6)": "lv.eigenfunctions(DISCRETE, 10 ** 6, np.zeros(100))",
    "simulate over [0, 1e7]": "d.simulate(CENTRE, [0.5, 0.0], [0.0, 1e7])",
    "simulate t_eval of 10**8 points": (
        "d.simulate(CENTRE, [0.5, 0.0], np.broadcast_to(0.0, (10 ** 8,)))"),
    "galerkin_matrix(size=10**5)": (
        "weyl.galerkin_matrix(weyl.weyl_quantize(weyl.hamiltonian_symbol()), "
        "dict(C1=0.1, C2=-0.5, D1=0.2, D2=0.5, E2=0.1), 10 ** 5)"),
}

#: Calls at the documented limits: each must finish within the budget.
AT_LIMIT = {
    "spectrum at MAX_LEVELS": "lv.spectrum(DISCRETE, MAX_LEVELS)",
    "weyl_quantize with 70 words": "weyl.weyl_quantize(y1 ** 4 * y2 ** 4)",
    "weyl_words(8, 8), which took (16)! steps": "weyl.weyl_words(8, 8)",
    "weyl_words near MAX_WORD_COUNT": "weyl.weyl_words(8, 10)",
    "simulate at MAX_SPAN_RATE": (
        "d.simulate(CENTRE, [0.5, 0.0], [0.0, 0.999 * d.MAX_SPAN_RATE / d.fastest_rate(CENTRE)])"),
    "eigenfunctions of high order": "lv.eigenfunctions(DISCRETE, 2000, np.linspace(-60, 60, 2001))",
    "fourier_operators at MAX_MATRIX_SIZE": "lv.fourier_operators(0.0, 0.0, 5.0, MAX_MATRIX_SIZE)",
}


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _run(body, timeout=BUDGET_S):
    code = SETUP + textwrap.dedent(body)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=timeout, preexec_fn=_limit_memory)


def test_inputs_beyond_the_limits_fail_fast_with_a_value_error():
    body = "out = {}\n"
    for label, call in BEYOND.items():
        body += textwrap.dedent(f"""
            start = time.perf_counter()
            try:
                {call}
                outcome = "returned"
            except ValueError as exc:
                outcome = "ValueError: " + str(exc)
            except Exception as exc:
                outcome = type(exc).__name__ + ": " + str(exc)
            out[{label!r}] = (outcome, time.perf_counter() - start)
        """)
    body += "print(json.dumps(out))\n"
    proc = _run(body)
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout.splitlines()[-1])
    for label, (outcome, seconds) in results.items():
        assert outcome.startswith("ValueError") and "cost limit" in outcome, (label, outcome)
        assert seconds < 5.0, (label, seconds)


def test_calls_at_the_limits_finish_within_60_s_and_4_gib():
    # one subprocess for all the calls (Python and the package imported once);
    # each call is timed on its own and must stay within the budget
    body = "out = {}\n"
    for label, call in AT_LIMIT.items():
        body += textwrap.dedent(f"""
            start = time.perf_counter()
            {call}
            out[{label!r}] = time.perf_counter() - start
        """)
    body += "print(json.dumps(out))\n"
    proc = _run(body, timeout=BUDGET_S * len(AT_LIMIT))
    assert proc.returncode == 0, proc.stderr[-2000:]
    seconds = json.loads(proc.stdout.splitlines()[-1])
    assert set(seconds) == set(AT_LIMIT)
    slow = {label: s for label, s in seconds.items() if s >= BUDGET_S}
    assert not slow, slow


def test_the_guard_bites_on_a_planted_allocation():
    proc = _run("np.ones(5 * 1024 ** 3 // 8)\nprint('done')\n")
    assert proc.returncode != 0 and "MemoryError" in proc.stderr


def test_the_guard_bites_on_a_planted_hang():
    with pytest.raises(subprocess.TimeoutExpired):
        subprocess.run([sys.executable, "-c", "while True: pass"], timeout=1)
