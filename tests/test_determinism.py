"""Stable results (issue 18): the same inputs give byte-identical outputs, run after run.

* The audit's JSON (``python -m ctrnn audit --json``) of two processes is
  compared byte for byte: one reads the disk cache (whichever process of
  this session, or of the last build, computed it from the same sources), the
  other bypasses it (``CTRNN_AUDIT_CACHE=0``) and recomputes every check under
  another hash seed (``PYTHONHASHSEED``, so set and dict orders differ) and on
  NumPy's and OpenBLAS's AVX2 code paths (tools/execute_notebooks.py's
  environment): on a machine with AVX-512 that is another CPU's rounding, so
  evidence that shows rounding-level digits fails here; and on one core, so
  serially, where the cached run used two processes (``audit.default_workers``).
* The two cheapest chapters (quantization, odes) are executed again into
  temporary copies with nbclient (a fresh kernel) and every output, images
  included, compared byte for byte with the committed one: the committed
  outputs came from an earlier execution (``make notebooks``), so this is the
  run-to-run comparison, and a stricter one than nbval's (which compares text
  outputs only).
"""
import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
CHEAPEST = ["quantization", "odes"]


def _environment(**extra):
    return {**os.environ, "OPENBLAS_NUM_THREADS": "1", **extra}


def _one_core():
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _audit_json(one_core=False, **extra):
    """The command line's JSON; ``one_core``: the process may use one core only, so
    ``audit.default_workers()`` is 1 and every check runs in it (serially)."""
    proc = subprocess.run([sys.executable, "-m", "ctrnn", "audit", "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600,
                          env=_environment(**extra), preexec_fn=_one_core if one_core else None)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_audit_json_is_identical_across_two_runs(portable_environment):
    cached = _audit_json(PYTHONHASHSEED="0")
    # the cache is filled by make test's first step on two processes (audit.default_workers);
    # the fresh run is serial, on one core
    fresh = _audit_json(one_core=True, CTRNN_AUDIT_CACHE="0", PYTHONHASHSEED="20210218",
                        **portable_environment)
    assert json.loads(cached)                 # a non-empty list of verdicts
    assert cached == fresh


def _outputs(nb):
    return [json.dumps(cell.get("outputs", []), sort_keys=True)
            for cell in nb.cells if cell.cell_type == "code"]


def _execute(source: Path, copy_path: Path):
    """Execute a copy of the notebook in a fresh kernel (cwd book/, as nbval)
    and write it to ``copy_path``; the committed notebook is not touched."""
    nb = nbformat.read(source, as_version=4)
    os.environ["OPENBLAS_NUM_THREADS"] = "1"     # inherited by the kernel
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(source.parent)}}).execute()
    nbformat.write(nb, copy_path)
    return _outputs(nbformat.read(copy_path, as_version=4))


@pytest.mark.parametrize("name", CHEAPEST)
def test_notebook_outputs_are_identical_across_two_executions(name, tmp_path):
    source = ROOT / "book" / f"{name}.ipynb"
    first = _outputs(nbformat.read(source, as_version=4))       # the committed execution
    second = _execute(source, tmp_path / f"{name}.ipynb")
    assert any(first)                         # the chapter produces outputs
    differing = [i for i, (a, b) in enumerate(zip(first, second)) if a != b]
    assert not differing, f"code cells {differing} of {name} differ between two executions"


def test_the_comparison_sees_a_changed_output():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(1)")])
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n")]
    changed = copy.deepcopy(nb)
    changed.cells[0].outputs[0].text = "2\n"
    assert _outputs(nb) != _outputs(changed)
