"""Notebook outputs that do not depend on the CPU (ctrnn.book.style, ctrnn.book.text).

nbval compares the committed outputs byte for byte; the committed ones are made
on NumPy's and OpenBLAS's AVX2 paths (tools/execute_notebooks.py) and
``make test`` runs on the machine's own, so on an AVX-512 machine every output
that shows rounding-level bits fails.  These are the unit tests of the means:
canonical SVG, a rounding floor for log axes, quantized colour-map input and
rounding-level decades, and of the execution environment itself.
"""
import io
import subprocess
import sys
from pathlib import Path

import matplotlib
import numpy as np
import pytest

from ctrnn.book import style, text

matplotlib.use("Agg")
ROOT = Path(__file__).resolve().parents[2]


def _svg_of(y):
    fig, ax = style.new_axes()
    ax.semilogy(np.arange(len(y)), y)
    out = style.figure_svg(fig)
    matplotlib.pyplot.close(fig)
    return out


def test_canonical_svg_rounds_long_decimals_and_numbers_ids():
    svg = ('<clipPath id="p1a2b3c"><rect x="45.3223494" y="5.5" width="0.075"/></clipPath>'
           '<path id="m9f" d="M 0 -3.5 L 1.2345678 2"/><g clip-path="url(#p1a2b3c)">'
           '<use xlink:href="#m9f" x="50.90024" style="fill: #0072b2"/></g>')
    out = style.canonical_svg(svg)
    # by hand: 45.3223494 -> 45.322, 1.2345678 -> 1.235, 50.90024 -> 50.9; three
    # decimals or fewer (5.5, 0.075, -3.5) and colours untouched; ids c0, c1 in order
    assert out == ('<clipPath id="c0"><rect x="45.322" y="5.5" width="0.075"/></clipPath>'
                   '<path id="c1" d="M 0 -3.5 L 1.235 2"/><g clip-path="url(#c0)">'
                   '<use xlink:href="#c1" x="50.9" style="fill: #0072b2"/></g>')


def test_last_bit_differences_do_not_change_a_figure():
    # the same curve, once perturbed in the last bits (what another CPU's rounding
    # does), gives the same SVG; a visible change (1e-3) does not
    y = np.exp(-np.linspace(0, 5, 200)) + 0.5
    assert _svg_of(y) == _svg_of(y * (1 + 4e-16))
    assert _svg_of(y) != _svg_of(y * (1 + 1e-3))


def test_rounding_noise_is_drawn_at_the_floor():
    rng = np.random.default_rng(0)
    noise_a, noise_b = 1e-16 * rng.random(50), 1e-15 * rng.random(50)
    real = np.geomspace(1e-3, 1e-1, 50)
    assert _svg_of(style.above_rounding(noise_a)) == _svg_of(style.above_rounding(noise_b))
    assert _svg_of(style.above_rounding(real)) == _svg_of(real)   # real values untouched
    # without the floor the two noisy curves are different drawings
    assert _svg_of(np.maximum(noise_a, 1e-17)) != _svg_of(np.maximum(noise_b, 1e-17))
    assert np.array_equal(style.above_rounding([0.0, 1e-3]), [style.ROUNDING_FLOOR, 1e-3])
    with pytest.raises(ValueError, match="floor"):
        style.above_rounding([1.0], floor=0.0)


def test_quantized_maps_noise_at_zero_to_zero():
    w = np.array([1e-17, -1e-17, 0.25, -0.5])
    q = style.quantized(w, 0.5)
    assert q[0] == q[1] == 0.0 and not np.signbit(q[1])
    assert q[2] == pytest.approx(0.25, abs=1e-9) and q[3] == pytest.approx(-0.5, abs=1e-9)
    with pytest.raises(ValueError, match="scale"):
        style.quantized(w, 0.0)


@pytest.mark.parametrize("x, expected", [(3e-16, 1e-12), (4e-14, 1e-12), (1e-12, 1e-12),
                                         (2e-12, 1e-11), (0.02, 0.1)])
def test_rounding_decade(x, expected):
    # decades by hand; everything at rounding level is stated as 1e-12
    assert text.rounding_decade(x) == pytest.approx(expected, rel=1e-12)


def test_notebooks_store_no_pdf():
    # a stored PDF (10-decimal coordinates) would be compared byte for byte by nbval
    import nbformat
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        kinds = {k for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                 for k in o.get("data", {})}
        assert "application/pdf" not in kinds, path.name


def test_the_execution_environment_uses_the_avx2_paths(portable_environment):
    env = portable_environment
    assert env["OPENBLAS_CORETYPE"] == "Haswell" and env["OPENBLAS_NUM_THREADS"] == "1"
    proc = subprocess.run([sys.executable, "-W", "error", "-c",
                           "import numpy as np; np.linalg.eigvalsh(np.eye(3)); print('ok')"],
                          env={**env, "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
    # NumPy accepts the switched-off targets without a warning (made an error here)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr


def test_stated_keeps_bounds_and_formats_numbers():
    assert text.stated("< 1e-12") == "< 1e-12"
    assert text.stated(7.01e-14) == "7.0e-14"
    assert text.stated(0.0) == "0.0e+00"
    with pytest.raises(ValueError, match="bound"):
        text.stated("1e-12")
