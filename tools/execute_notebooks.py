"""Execute notebooks in place in a fresh kernel, top to bottom.

Used by ``make notebooks`` so that the outputs committed with each chapter
(which nbval compares in strict mode) are fresh and deterministic.

The kernel runs on the plain AVX2 code paths of NumPy and OpenBLAS
(:func:`portable_environment`), whatever the machine offers, while ``make test`` runs
nbval on the machine's own paths. On a machine with AVX-512 the two differ
in the last bits of many results, so any committed output that shows such
bits (a rounding-level residual printed as digits, a figure of rounding
noise) fails ``make test`` there, instead of failing later on some other
CPU. On an AVX2-only machine the two runs are the same.
"""
import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

#: NumPy's dispatch targets above AVX2, switched off where the machine has them.
AVX512_TARGETS = ("X86_V4", "AVX512_ICL", "AVX512_SPR")


def portable_environment() -> dict:
    """The kernel's environment: one BLAS thread (as the Makefile), OpenBLAS's
    Haswell (AVX2) kernels, and NumPy's AVX-512 dispatch targets switched off
    (only those this machine has: NumPy refuses to disable one it lacks)."""
    from numpy._core._multiarray_umath import __cpu_features__
    present = [t for t in AVX512_TARGETS if __cpu_features__.get(t)]
    env = {"OPENBLAS_NUM_THREADS": "1", "OPENBLAS_CORETYPE": "Haswell"}
    if present:
        env["NPY_DISABLE_CPU_FEATURES"] = " ".join(present)
    return env


def execute(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    os.environ.update(portable_environment())   # inherited by the kernel's process
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    nbformat.write(nb, path)
    print(f"executed {path}")


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        execute(Path(arg))
