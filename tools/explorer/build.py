"""Generate the explorer's mathematics as JavaScript from ctrnn's SymPy expressions.

Run by ``make book`` before jupyter-book::

    .venv/bin/python tools/explorer/build.py [output.js]

writes ``_extra/explorer/ctrnn_generated.js`` (not committed; ``_extra`` is
Sphinx's ``html_extra_path``, copied to the site as ``explorer/`` but, unlike
``_static``, not linked into every page by jupyter-book).  Nothing in
that file is typed by hand: every formula is printed by SymPy's JavaScript
code printer (:class:`sympy.printing.jscode.JavascriptCodePrinter`) from the
package's own expressions --

* condition (13) and its solution for w22 (``condition_13``);
* the coefficients C1, C2, D1, D2, E2 of H (18), derived independently
  (``coefficients_symbolic``);
* H (18) itself, for the contours of the phase portrait (``integrate_hamiltonian``);
* the true levels, H(z*) - sign(C2) sqrt(-Delta) (n + 1/2), and Delta read
  off them as the radicand (``true_levels_symbolic``): the spectrum is
  discrete exactly when that radicand is positive;
* each ReLU region's linear system dy/dt = A y + b (``linear_system_symbolic``)
  with its determinant and equilibrium -A^{-1} b;
* the paper's printed left sides of (38)-(40) and levels (36)-(37)
  (``ctrnn.paper``), printed as *complex* arithmetic (a subclass of the
  JavaScript printer emitting calls to a small complex runtime ``Z``), since
  they contain square roots and 3/2 powers of numbers that may be negative;
  the principal branch is used, as SymPy and ``ctrnn.paper.formulas`` do.

Tolerances and names (Eq. 13's tolerance, the package's one zero rule
``ctrnn._validation.vanishes`` -- RTOL times the sum of the magnitudes of the
terms, generated here for Delta and for the trace and determinant of a 2x2
matrix --, region names, the Fig. 1 networks) are read from the package too.
"""
from __future__ import annotations

import inspect
import json
import sys
from pathlib import Path

import sympy as sp
from sympy.printing.jscode import JavascriptCodePrinter

# --- every name this generator takes from ctrnn (one block: the layout merge
# --- moves modules, so only these lines change) ------------------------------
from ctrnn import CTRNN2
from ctrnn import symbols as S
from ctrnn._validation import RTOL
from ctrnn.paper import printed
from ctrnn.paper.formulas import printed_eigenvalue
from ctrnn.classical.hamiltonian import (FIG1_CASES, coefficients_symbolic, condition_13,
                                         integrate_hamiltonian)
from ctrnn.classical.dynamics import REGION_NAMES, REGIONS, classify, linear_system_symbolic
from ctrnn.quantum.kummer import true_levels_symbolic
# -----------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "_extra" / "explorer" / "ctrnn_generated.js"
N_LEVELS = 10
PARAMS = [s.name for s in S.PARAMETERS]
COEFFS = ["C1", "C2", "D1", "D2", "E2"]


class ComplexJSPrinter(JavascriptCodePrinter):
    """SymPy's JavaScript printer, emitting complex arithmetic.

    Values are ``[re, im]`` pairs; ``Z.c(x)`` makes one from a real number,
    ``Z.add``, ``Z.mul``, ``Z.powi`` (integer power) and ``Z.pow`` (principal
    real power, exp(p log z)) combine them.  Anything else (a function, a
    relation) is refused, so an unexpected expression fails the build.
    """

    def _print(self, expr, **kwargs):
        if isinstance(expr, sp.Basic) and expr.is_Number:
            if not expr.is_real:
                raise ValueError(f"non-real number {expr}")
            return f"Z.c({float(expr)!r})"
        return super()._print(expr, **kwargs)

    def _print_Symbol(self, expr):
        return f"Z.c({expr.name})"

    def _print_ImaginaryUnit(self, expr):
        return "[0, 1]"

    def _print_Add(self, expr, order=None):
        return "Z.add(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Mul(self, expr):
        return "Z.mul(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Pow(self, expr, rational=False):
        base, exp = expr.args
        if exp.is_Integer:
            return f"Z.powi({self._print(base)}, {int(exp)})"
        if exp.is_Rational:
            return f"Z.pow({self._print(base)}, {float(exp)!r})"
        raise ValueError(f"cannot print the power {expr} in complex arithmetic")

    def _print_Function(self, expr):
        raise ValueError(f"cannot print the function {expr} in complex arithmetic")

    _print_Relational = _print_Function


def real_js(expr, allowed):
    """``sp.jscode`` of a real expression, checking its free symbols."""
    expr = sp.sympify(expr)
    extra = {s.name for s in expr.free_symbols} - set(allowed)
    if extra:
        raise ValueError(f"unexpected symbols {sorted(extra)} in {expr}")
    return sp.jscode(expr)


def complex_js(expr, allowed):
    extra = {s.name for s in expr.free_symbols} - set(allowed)
    if extra:
        raise ValueError(f"unexpected symbols {sorted(extra)} in {expr}")
    return ComplexJSPrinter().doprint(expr)


def term_size(expr):
    """Sum of the magnitudes of the terms of ``expr``: the size that
    ``ctrnn._validation.vanishes`` compares a sum with."""
    return sp.Add(*[sp.Abs(t) for t in sp.Add.make_args(sp.expand(expr))])


def fn(args, body):
    """A JS arrow function destructuring its arguments from one object."""
    return f"({{{', '.join(args)}}}) => {body}"


def fn_c(args, body):
    return f"({{{', '.join(args)}}}, Z) => {body}"


def region_key(region):
    return "".join(str(a) for a in region)


def generate() -> str:
    out = {}
    # ---- Eq. (13): both sides, and w22 solved from it
    cond = condition_13()
    out["cond13"] = fn(PARAMS, f"[{real_js(cond.lhs, PARAMS)}, {real_js(cond.rhs, PARAMS)}]")
    (w22_13,) = sp.solve(cond, S.w22)
    out["w22From13"] = fn(PARAMS, real_js(w22_13, PARAMS))
    # ---- Eqs. (19)-(20), derived
    coeffs = coefficients_symbolic()
    out["coefficients"] = fn(PARAMS, "({" + ", ".join(
        f"{k}: {real_js(coeffs[k], PARAMS)}" for k in COEFFS) + "})")
    # ---- H (18) as derived, for the contours of the portrait
    out["H"] = (f"({{{', '.join(PARAMS)}}}, y1, y2) => "
                f"{real_js(integrate_hamiltonian()['H18'], PARAMS + ['y1', 'y2'])}")
    # ---- true levels and Delta (the radicand of the level spacing is -Delta)
    n = sp.Symbol("n", integer=True, nonnegative=True)
    levels = true_levels_symbolic()
    nsym = [s for s in levels.free_symbols if s.name == "n"]
    if len(nsym) != 1:
        raise RuntimeError(f"true_levels_symbolic() has no single n: {levels}")
    levels = levels.subs(nsym[0], n)
    radicals = [p for p in levels.atoms(sp.Pow) if p.exp == sp.Rational(1, 2)]
    if len(radicals) != 1:
        raise RuntimeError(f"expected one square root in the true levels, got {radicals}")
    minus_delta = radicals[0].base
    out["delta"] = fn(COEFFS, real_js(-minus_delta, COEFFS))
    out["spacingRadicand"] = fn(COEFFS, real_js(minus_delta, COEFFS))
    out["deltaSize"] = fn(COEFFS, real_js(term_size(-minus_delta), COEFFS))
    # ---- trace and determinant of a 2x2 matrix and their sizes (dynamics.classify)
    a = sp.Matrix(2, 2, sp.symbols("a00 a01 a10 a11", real=True))
    names = [str(x) for x in a]
    unpack = "([[a00, a01], [a10, a11]])"
    out["traceDet"] = (f"{unpack} => ({{trace: {real_js(a.trace(), names)}, "
                       f"traceSize: {real_js(term_size(a.trace()), names)}, "
                       f"det: {real_js(a.det(), names)}, "
                       f"detSize: {real_js(term_size(a.det()), names)}}})")
    out["trueLevel"] = f"({{{', '.join(COEFFS)}}}, n) => {real_js(levels, COEFFS + ['n'])}"
    # ---- the four regions: A, b, det A, trace A, equilibrium -A^{-1} b
    regions = []
    for region in REGIONS:
        A, b = linear_system_symbolic(region)
        A, b = sp.Matrix(A), sp.Matrix(b)
        det = sp.factor(A.det())
        eq = (-A.adjugate() * b / det).applyfunc(sp.simplify) if det != 0 else None
        body = ("({"
                f"A: [[{real_js(A[0, 0], PARAMS)}, {real_js(A[0, 1], PARAMS)}], "
                f"[{real_js(A[1, 0], PARAMS)}, {real_js(A[1, 1], PARAMS)}]], "
                f"b: [{real_js(b[0], PARAMS)}, {real_js(b[1], PARAMS)}], "
                f"det: {real_js(det, PARAMS)}, "
                + (f"equilibrium: [{real_js(eq[0], PARAMS)}, {real_js(eq[1], PARAMS)}]"
                   if eq is not None else "equilibrium: null")
                + "})")
        regions.append({"key": region_key(region), "active": list(region),
                        "name": REGION_NAMES[region], "system": fn(PARAMS, body)})
    # ---- the paper as printed: (38)-(40) left sides and their terms; (36)-(37)
    paper = {}
    for number in (38, 39, 40):
        lhs = printed(number).lhs
        terms = sp.Add.make_args(sp.expand(lhs, deep=False))
        paper[str(number)] = {
            "relation": type(printed(number)).__name__,
            "lhs": fn_c(PARAMS, complex_js(lhs, PARAMS)),
            "terms": [fn_c(PARAMS, complex_js(t, PARAMS)) for t in terms],
        }
    paper_levels = [fn_c(COEFFS, complex_js(printed_eigenvalue(k), COEFFS))
                    for k in range(N_LEVELS)]
    constants = {
        "PARAMETERS": PARAMS,
        "COEFFICIENTS": COEFFS,
        "N_LEVELS": N_LEVELS,
        "TOL_13": inspect.signature(CTRNN2.is_hamiltonian).parameters["tol"].default,
        "CLASSIFY_TOL": inspect.signature(classify).parameters["tol"].default,
        "RTOL": RTOL,
        "PRESETS": {f"Fig. 1 {name}": {k: float(v) for k, v in p.items()}
                    for name, p in FIG1_CASES.items()},
    }
    lines = [
        "// GENERATED by tools/explorer/build.py from the SymPy expressions of the ctrnn",
        "// package (sympy.printing.jscode). Do not edit: run `make book`.",
        "window.ctrnnGenerated = (function () {",
        '  "use strict";',
        f"  const constants = {json.dumps(constants)};",
        "  return Object.assign(constants, {",
    ]
    for key in ("cond13", "w22From13", "coefficients", "H", "delta", "spacingRadicand",
                "deltaSize", "traceDet", "trueLevel"):
        lines.append(f"    {key}: {out[key]},")
    lines.append("    regions: [")
    for r in regions:
        lines.append(f"      {{key: {json.dumps(r['key'])}, active: {json.dumps(r['active'])}, "
                     f"name: {json.dumps(r['name'])},")
        lines.append(f"       system: {r['system']}}},")
    lines.append("    ],")
    lines.append("    paper: {")
    for number, p in paper.items():
        lines.append(f"      {json.dumps(number)}: {{relation: {json.dumps(p['relation'])},")
        lines.append(f"        lhs: {p['lhs']},")
        lines.append("        terms: [" + ",\n          ".join(p["terms"]) + "]},")
    lines.append("    },")
    lines.append("    paperLevels: [")
    lines.extend(f"      {f}," for f in paper_levels)
    lines.append("    ],")
    lines.append("  });")
    lines.append("})();")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    target = Path(argv[0]) if argv else OUTPUT
    target.parent.mkdir(parents=True, exist_ok=True)
    text = generate()
    if not target.exists() or target.read_text() != text:
        target.write_text(text)
    print(f"explorer: wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
