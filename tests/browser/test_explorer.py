"""The explorer page (book/explorer.md) in Debian's Chromium against the package.

``window.ctrnnExplorer.compute`` is driven for over 200 networks (Hamiltonian with a
discrete spectrum, Hamiltonian with a continuous one, networks violating
condition (13), the edge cases w12 = 0 and the Fig. 1 cases) and compared with
``ctrnn``: the coefficients (``net.hamiltonian_coefficients()``), Δ and the
discreteness (``ctrnn.classical.hamiltonian.discriminant``,
``ctrnn.quantum.has_discrete_spectrum``), the first ten levels (``spectrum(net, 10)``),
the paper's printed (38)-(40) (evaluated here from ``ctrnn.paper``'s SymPy
objects with mpmath, principal branches) and whether they hold
(``ctrnn.paper.formulas.printed_conditions``), the paper's levels (36)-(37)
(``ctrnn.paper.formulas.paper_levels``), and the four regions' types and
equilibria (``ctrnn.classical.dynamics``).  The JS integrator of the portrait is
compared with ``simulate(method="exact")``.

"Relative 1e-9" is measured against the magnitude of what is summed: for a
scalar that is a sum of terms (a coefficient, Δ, a printed left side), the sum
of the terms' magnitudes (the size of ``ctrnn._validation.vanishes``, the
package's zero rule); for a vector (ten levels, an equilibrium), its largest entry.
``test_planted_bugs_are_caught`` serves mutated copies of the generated and
hand-written scripts and checks that the same comparison reports them.

Run with ``make test-browser`` (after ``make book``).
"""
from __future__ import annotations

import functools
import json
import math
import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import mpmath
import numpy as np
import pytest
import sympy as sp

# --- every name this test takes from ctrnn (one block: the layout merge moves
# --- modules, so only these lines change) ------------------------------------
from ctrnn import CTRNN2
from ctrnn import symbols as S
from ctrnn.paper import printed
from ctrnn.paper.formulas import paper_levels, printed_conditions, printed_eigenvalue
from ctrnn.classical import simulate
from ctrnn.classical.hamiltonian import FIG1_CASES, coefficients_symbolic, discriminant
from ctrnn.classical.dynamics import REGIONS, classify, equilibrium, linear_system, region_of
from ctrnn.quantum import has_discrete_spectrum, spectrum
# -----------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
HTML = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html")).resolve()
PAGE = "book/explorer.html"
LOCAL_HOSTS = {"127.0.0.1"}
RTOL = 1e-9
NAMES = [s.name for s in S.PARAMETERS]
SEED = 20210218
# one worker for the whole module under `pytest -n 2 --dist loadgroup`: the package's
# answers (the `cases` fixture) are computed once
pytestmark = pytest.mark.xdist_group("explorer")


# ------------------------------------------------------------------ fixtures






def _open(browser, server, query="", width=1280, replace=None):
    """A fresh page on the explorer; ``replace`` maps a script name to new text."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors, outside = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def local(address):
        url = urlparse(address)
        return url.scheme in ("data", "blob", "about") or url.hostname in LOCAL_HOSTS

    def guard(route):
        name = urlparse(route.request.url).path.rsplit("/", 1)[-1]
        if name in replace:
            route.fulfill(status=200, content_type="application/javascript", body=replace[name])
        elif local(route.request.url):
            route.continue_()
        else:
            route.abort()

    # requests are watched; only a planted bug needs routing (which turns off the cache)
    context.on("request", lambda r: None if local(r.url) else outside.append(r.url))
    if replace:
        context.route("**/*", guard)
    page.goto(f"{server}/{PAGE}{query}", wait_until="load")
    page.wait_for_function("() => window.ctrnnExplorer !== undefined")
    return context, page, errors, outside


# ------------------------------------------------------------------ networks
def _networks(n_each=60, seed=SEED):
    """Parameter dicts: Hamiltonian discrete (Δ < 0), Hamiltonian continuous
    (Δ > 0), non-Hamiltonian, w12 = 0 edge cases, and the Fig. 1 cases."""
    rng = np.random.default_rng(seed)
    out = []

    def common():
        return dict(tau1=float(rng.uniform(0.2, 3.0)), tau2=float(rng.uniform(0.2, 3.0)),
                    w11=float(rng.uniform(-2.0, 3.0)), theta1=float(rng.uniform(-2, 2)),
                    theta2=float(rng.uniform(-2, 2)), I1=float(rng.uniform(-3, 3)),
                    I2=float(rng.uniform(-3, 3)))

    while len(out) < n_each:                               # Δ < 0: opposite-sign cross weights
        c = common()
        a, b = rng.uniform(0.1, 3.0, 2)
        sign = rng.choice([-1.0, 1.0])
        net = CTRNN2.from_condition_13(w12=float(sign * a), w21=float(-sign * b), **c)
        if discriminant(net) < -1e-3:
            out.append(net.params)
    for _ in range(n_each):                                # Δ > 0: same-sign cross weights
        c = common()
        a, b = rng.uniform(0.1, 3.0, 2)
        sign = rng.choice([-1.0, 1.0])
        out.append(CTRNN2.from_condition_13(w12=float(sign * a), w21=float(sign * b), **c).params)
    for _ in range(n_each):                                # condition (13) violated
        c = common()
        w12, w21, w22 = rng.uniform(-3, 3, 3)
        out.append(CTRNN2(w12=float(w12), w21=float(w21), w22=float(w22), **c).params)
    for k in range(20):                                    # w12 = 0: C2 = 0, (39) holds when w11 >= 1
        c = common()
        c["w11"] = float(rng.uniform(1.0, 3.0)) if k % 2 == 0 else c["w11"]
        out.append(CTRNN2.from_condition_13(w12=0.0, w21=float(rng.uniform(-3, 3)), **c).params)
    for _ in range(n_each // 2):                           # Δ < 0 near the boundary of the regions
        c = common()
        c.update(I1=0.0, I2=0.0)
        net = CTRNN2.from_condition_13(w12=float(rng.uniform(0.5, 2)), w21=float(-rng.uniform(0.5, 2)), **c)
        if discriminant(net) < -1e-3:
            out.append(net.params)
    out.extend(CTRNN2(**p).params for p in FIG1_CASES.values())
    return out


# ------------------------------------------------------------------ the package's answers
_COEFF_EXPR = coefficients_symbolic()


# The package's SymPy expressions are evaluated by functions lambdified once (mpmath,
# 30 digits) rather than by subs() per network: same expressions, same principal
# branches, a hundredth of the time.  test_fast_evaluation_is_the_package_s checks
# the lambdified levels against the package's own paper_levels.
@functools.lru_cache(maxsize=None)
def _coefficient_terms(key):
    terms = sp.Add.make_args(sp.expand(_COEFF_EXPR[key], deep=False))
    return [sp.lambdify(S.PARAMETERS, t, "mpmath") for t in terms]


def _term_scale(key, params):
    """Sum of the magnitudes of the terms of coefficient ``key`` at ``params``."""
    args = [mpmath.mpf(params[k]) for k in NAMES]
    with mpmath.workdps(30):
        return float(sum(abs(f(*args)) for f in _coefficient_terms(key)))


@functools.lru_cache(maxsize=None)
def _paper_level_functions(n=10):
    exprs = [printed_eigenvalue(k) for k in range(n)]
    symbols = sorted(set().union(*(e.free_symbols for e in exprs)), key=str)   # C1, C2, D1, D2, E2
    return [s.name for s in symbols], [sp.lambdify(symbols, e, "mpmath") for e in exprs]


def _paper_levels(net, coeffs, n=10):
    """``paper_levels(net, n)`` through the lambdified (36)-(37); the package's own
    function where they divide by zero (Δ = 0), where SymPy gives its infinities."""
    names, functions = _paper_level_functions(n)
    args = [mpmath.mpf(coeffs[k]) for k in names]
    try:
        with mpmath.workdps(30):
            return [complex(f(*args)) for f in functions]
    except ZeroDivisionError:
        return [complex(z) for z in paper_levels(net, n)]


@functools.lru_cache(maxsize=None)
def _printed_lhs(number):
    lhs = printed(number).lhs
    terms = sp.Add.make_args(sp.expand(lhs, deep=False))
    f = sp.lambdify(S.PARAMETERS, lhs, "mpmath")
    fs = [sp.lambdify(S.PARAMETERS, t, "mpmath") for t in terms]
    return f, fs


def _python(params):
    net = CTRNN2(**params)
    args = [mpmath.mpf(params[k]) for k in NAMES]
    out = {"hamiltonian": net.is_hamiltonian(), "paper": {}}
    for number in (38, 39, 40):
        f, fs = _printed_lhs(number)
        with mpmath.workdps(30):
            v = complex(f(*args))
            scale = float(sum(abs(g(*args)) for g in fs))
        out["paper"][str(number)] = {"re": v.real, "im": v.imag, "scale": scale}
    out["regions"] = {}
    for region in REGIONS:
        eq = equilibrium(net, region)
        out["regions"]["".join(map(str, region))] = {
            "type": classify(linear_system(net, region)[0]),
            "equilibrium": None if eq is None else [float(x) for x in eq],
            "inside": bool(eq is not None and region_of(net, eq) == region)}
    out["active_type"] = out["regions"]["11"]["type"]
    try:
        coeffs = net.hamiltonian_coefficients()
    except ValueError:
        out.update(coefficients=None, delta=None, true_discrete=None, levels=None,
                   paper_levels=None)
        return out
    out["coefficients"] = coeffs
    out["coefficient_scales"] = {k: _term_scale(k, params) for k in coeffs}
    out["delta"] = discriminant(net)
    out["delta_scale"] = abs(coeffs["E2"]) ** 2 + 4 * abs(coeffs["C2"] * coeffs["D2"])
    out["true_discrete"] = has_discrete_spectrum(net)
    try:
        out["levels"] = [float(x) for x in spectrum(net, 10)]
    except ValueError:
        out["levels"] = None
    holds = printed_conditions(net)
    for number in ("38", "39", "40"):
        out["paper"][number]["holds"] = bool(holds[number])
    out["paper_criterion"] = bool(holds["paper"])
    out["paper_levels"] = _paper_levels(net, coeffs)
    return out


# ------------------------------------------------------------------ comparison
def _close(a, b, scale=0.0):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= RTOL * max(abs(a), abs(b), scale)


def _mismatches(params, js, py):
    """Every disagreement between compute() and the package, as text."""
    bad = []
    tag = json.dumps(params)

    def check(ok, what, got, want):
        if not ok:
            bad.append(f"{what}: page {got!r}, package {want!r} for {tag}")

    check(js["hamiltonian"] == py["hamiltonian"], "hamiltonian", js["hamiltonian"], py["hamiltonian"])
    check(js["active_type"] == py["active_type"], "active_type", js["active_type"], py["active_type"])
    for r in js["regions"]:
        want = py["regions"][r["region"]]
        check(r["type"] == want["type"], f"type of region {r['region']}", r["type"], want["type"])
        check(r["inside"] == want["inside"], f"inside of region {r['region']}", r["inside"], want["inside"])
        if (r["equilibrium"] is None) != (want["equilibrium"] is None):
            check(False, f"equilibrium of region {r['region']}", r["equilibrium"], want["equilibrium"])
        elif want["equilibrium"] is not None:
            scale = max(abs(x) for x in want["equilibrium"])
            check(all(_close(a, b, scale) for a, b in zip(r["equilibrium"], want["equilibrium"])),
                  f"equilibrium of region {r['region']}", r["equilibrium"], want["equilibrium"])
    for number, want in py["paper"].items():
        got = js["paper"][number]
        check(_close(got["re"], want["re"], want["scale"]), f"Re LHS({number})", got["re"], want["re"])
        check(_close(got["im"], want["im"], want["scale"]), f"Im LHS({number})", got["im"], want["im"])
        if "holds" in want:
            check(got["holds"] == want["holds"], f"({number}) holds", got["holds"], want["holds"])
    if "paper_criterion" in py:
        check(js["paper_criterion"] == py["paper_criterion"], "paper criterion",
              js["paper_criterion"], py["paper_criterion"])
    if py["coefficients"] is None:
        for key in ("coefficients", "delta", "true_discrete", "levels", "paper_levels"):
            check(js[key] is None, key, js[key], None)
        return bad
    if js["coefficients"] is None:
        check(False, "coefficients", None, py["coefficients"])
        return bad
    for k, want in py["coefficients"].items():
        check(_close(js["coefficients"][k], want, py["coefficient_scales"][k]), k,
              js["coefficients"][k], want)
    check(_close(js["delta"], py["delta"], py["delta_scale"]), "delta", js["delta"], py["delta"])
    check(js["true_discrete"] == py["true_discrete"], "true_discrete", js["true_discrete"],
          py["true_discrete"])
    if (js["levels"] is None) != (py["levels"] is None):
        check(False, "levels", js["levels"], py["levels"])
    elif py["levels"] is not None:
        scale = max(abs(x) for x in py["levels"])
        check(len(js["levels"]) == 10 and all(_close(a, b, scale) for a, b in zip(js["levels"], py["levels"])),
              "levels", js["levels"], py["levels"])
    want = py["paper_levels"]
    got = js["paper_levels"]
    finite = [z for z in want if np.isfinite(z.real) and np.isfinite(z.imag)]
    scale = max((abs(z) for z in finite), default=0.0)
    ok = len(got) == 10
    for g, w in zip(got, want):
        if not (np.isfinite(w.real) and np.isfinite(w.imag)):
            ok &= g[0] is None or not math.isfinite(g[0])
        else:
            ok &= _close(g[0], w.real, scale) and _close(g[1], w.imag, scale)
    check(ok, "paper levels (36)-(37)", got, [str(z) for z in want])
    return bad


@pytest.fixture(scope="module")
def cases():
    nets = _networks()
    return nets, [_python(p) for p in nets]


def _compare(page, nets, expected):
    results = page.evaluate("ps => ps.map(p => window.ctrnnExplorer.compute(p))", nets)
    json.dumps(results)  # JSON-serialisable
    bad = []
    for params, js, py in zip(nets, results, expected):
        bad.extend(_mismatches(params, js, py))
    return bad


# ------------------------------------------------------------------ tests
def test_the_networks_cover_every_case(cases):
    nets, expected = cases
    assert len(nets) >= 200
    kinds = {(e["hamiltonian"], e["true_discrete"]) for e in expected}
    assert kinds == {(True, True), (True, False), (False, None)}, kinds
    assert sum(e["paper"]["39"].get("holds", False) for e in expected) >= 5
    assert sum(e.get("paper_criterion", False) for e in expected) >= 5
    assert len({e["active_type"] for e in expected}) >= 4


def test_fast_evaluation_is_the_package_s(cases):
    """The lambdified (36)-(37) and term sizes equal the package's subs() evaluation."""
    nets, expected = cases
    sample = list(range(0, len(nets), 20)) + [len(nets) - 1]
    for i in sample:
        net, want = CTRNN2(**nets[i]), expected[i]
        if want["paper_levels"] is None:
            continue
        slow = [complex(z) for z in paper_levels(net, 10)]
        scale = max((abs(z) for z in slow if np.isfinite(z)), default=1.0)
        for a, b in zip(want["paper_levels"], slow):
            assert (not np.isfinite(a) and not np.isfinite(b)) or abs(a - b) <= 1e-12 * scale, (nets[i], a, b)
        sym = {getattr(S, k): v for k, v in nets[i].items()}
        for key, size in want["coefficient_scales"].items():
            terms = sp.Add.make_args(sp.expand(_COEFF_EXPR[key], deep=False))
            slow_size = float(sum(abs(complex(sp.N(t.subs(sym), 20))) for t in terms))
            assert abs(size - slow_size) <= 1e-12 * slow_size, (key, size, slow_size)


def test_compute_agrees_with_the_package(server, browser, cases):
    nets, expected = cases
    context, page, errors, outside = _open(browser, server)
    bad = _compare(page, nets, expected)
    context.close()
    assert bad == [], f"{len(bad)} disagreements, e.g.\n" + "\n".join(bad[:10])
    assert errors == [] and outside == [], (errors, outside)


def test_solving_13_for_w22(server, browser):
    context, page, errors, _ = _open(browser, server)
    rng = np.random.default_rng(7)
    for _ in range(20):
        p = dict(zip(NAMES, [float(x) for x in rng.uniform(0.2, 3, 2)] + [float(x) for x in rng.uniform(-2, 2, 8)]))
        got = page.evaluate("p => window.ctrnnExplorer.compute(Object.assign({solve13: true}, p))", p)
        want = CTRNN2.from_condition_13(**{k: v for k, v in p.items() if k != "w22"})
        assert got["hamiltonian"] is True
        assert _close(got["params"]["w22"], want.w22, 1.0)
    bad = page.evaluate("() => { try { window.ctrnnExplorer.compute({tau1: -1, tau2: 1, w11: 0, w12: 0, w21: 0, w22: 0}); return null; } catch (e) { return e.message; } }")
    assert bad and "tau1 must be positive" in bad
    context.close()
    assert errors == []


# networks and initial states for the integrator: crossing lines, spiralling, escaping
_FLOW_CASES = [
    (FIG1_CASES["centre"], [0.9, 0.4]),
    (FIG1_CASES["centre"], [-1.5, 0.5]),
    (FIG1_CASES["saddle"], [-0.5, -0.8]),
    (dict(tau1=0.7, tau2=1.6, w11=0.4, w12=1.3, w21=-2.2, w22=0.2, theta1=0.3, theta2=-0.4,
          I1=0.2, I2=-0.1), [1.2, -0.6]),
    (dict(tau1=1.3, tau2=0.5, w11=2.5, w12=-1.0, w21=1.5, w22=0.3, theta1=-0.5, theta2=0.8,
          I1=-1.0, I2=0.7), [0.2, 0.1]),
    (dict(tau1=1.0, tau2=2.0, w11=1.0, w12=0.7, w21=-0.9, w22=1.0, theta1=0.0, theta2=0.0,
          I1=0.3, I2=-0.2), [0.5, -0.5]),   # both-active A singular-ish: trace 0, small det
    (dict(tau1=0.05, tau2=20.0, w11=0.2, w12=3.0, w21=-0.5, w22=1.2, theta1=0.4, theta2=0.1,
          I1=0.1, I2=0.3), [1.0, -0.5]),    # stiff: time constants 400 apart
]


def _flow_mismatches(page):
    bad = []
    t = np.linspace(0.0, 20.0, 201)
    for params, y0 in _FLOW_CASES:
        net = CTRNN2(**params)
        want = simulate(net, y0, t, method="exact")
        got = page.evaluate("([p, y0, t]) => window.ctrnnExplorer.simulate(p, y0, t)",
                            [params, y0, t.tolist()])
        ys = np.array(got["y"]).T
        scale = max(1.0, float(np.abs(want.y).max()))
        err = float(np.abs(ys - want.y).max()) / scale if ys.shape == want.y.shape else math.inf
        if not err <= 1e-8:
            bad.append(f"trajectory from {y0} of {params}: relative error {err:.3g}")
        if len(got["switch_times"]) != len(want.switch_times) or not np.allclose(
                got["switch_times"], want.switch_times, rtol=1e-9, atol=1e-9):
            bad.append(f"switch times {got['switch_times'][:5]} vs {list(want.switch_times[:5])}")
        if got["regions"] != ["".join(map(str, r)) for r in want.regions]:
            bad.append(f"regions {got['regions'][:6]} vs {want.regions[:6]}")
    return bad


def test_integrator_agrees_with_exact_simulation(server, browser):
    context, page, errors, _ = _open(browser, server)
    switches = sum(len(simulate(CTRNN2(**p), y0, np.linspace(0, 20, 201)).switch_times)
                   for p, y0 in _FLOW_CASES)
    assert switches >= 10   # the cases do cross the switching lines
    bad = _flow_mismatches(page)
    context.close()
    assert bad == [], "\n".join(bad)
    assert errors == []


@pytest.mark.parametrize("width", [1280, 390])
def test_portrait_draws(server, browser, width):
    context, page, errors, outside = _open(browser, server, width=width)
    svg = page.evaluate("""() => {
        const s = document.querySelector('#ctrnn-explorer svg');
        const box = s.getBoundingClientRect();
        return {width: box.width, height: box.height,
                regions: s.querySelectorAll('.cx-region').length,
                trajectories: Array.from(s.querySelectorAll('path.cx-traj'))
                    .filter(p => p.getTotalLength() > 20).length,
                contours: s.querySelectorAll('.cx-contours path').length,
                nullclines: s.querySelectorAll('.cx-null1, .cx-null2').length,
                equilibria: s.querySelectorAll('.cx-eq').length,
                overflow: document.documentElement.scrollWidth - window.innerWidth};
    }""")
    assert svg["regions"] == 4 and svg["trajectories"] >= 5 and svg["nullclines"] >= 4, svg
    assert svg["contours"] >= 5 and svg["equilibria"] >= 1, svg   # the default is Fig. 1's centre
    assert 300 <= svg["width"] <= width and svg["height"] > 300, svg
    assert svg["overflow"] <= 0, f"page scrolls sideways at {width} px: {svg}"
    # a non-Hamiltonian network: no contours, still a portrait
    page.uncheck("input[name=solve13]")
    page.fill("input[name=w22]", "0.9")
    n = page.evaluate("() => document.querySelectorAll('#ctrnn-explorer .cx-contours path').length")
    assert n == 0
    assert page.evaluate("() => document.querySelectorAll('#ctrnn-explorer path.cx-traj').length") >= 5
    context.close()
    assert errors == [] and outside == [], (errors, outside)


def test_url_round_trips_the_parameters(server, browser):
    p = dict(tau1=0.7123456789012345, tau2=1.9, w11=-0.25, w12=1e-3, w21=-2.75, w22=3.5,
             theta1=-0.1, theta2=0.3333333333333333, I1=12.5, I2=-7.0)
    query = "?" + "&".join(f"{k}={v!r}" for k, v in p.items())
    context, page, errors, _ = _open(browser, server, query)
    got = page.evaluate("() => window.ctrnnExplorer.params()")
    assert {k: got[k] for k in NAMES} == p and got["solve13"] is False
    assert {k: float(page.input_value(f"input[name={k}]")) for k in NAMES} == p
    # editing an input rewrites the address; that address restores the same network
    page.fill("input[name=I2]", "-7.125")
    search = page.evaluate("() => location.search")
    q = {k: float(v[0]) for k, v in parse_qs(search[1:]).items() if k in NAMES}
    assert q == {**p, "I2": -7.125}
    page2 = context.new_page()
    page2.goto(f"{server}/{PAGE}{search}", wait_until="load")
    got2 = page2.evaluate("() => window.ctrnnExplorer.params()")
    assert {k: got2[k] for k in NAMES} == {**p, "I2": -7.125}
    # the switch is in the link too, and w22 then follows from (13)
    page2.check("input[name=solve13]")
    search = page2.evaluate("() => location.search")
    assert "solve13=1" in search and "w22=" not in search
    page3 = context.new_page()
    page3.goto(f"{server}/{PAGE}{search}", wait_until="load")
    got3 = page3.evaluate("() => window.ctrnnExplorer.params()")
    assert got3["solve13"] is True and page3.is_checked("input[name=solve13]")
    want = CTRNN2.from_condition_13(**{k: v for k, v in {**p, "I2": -7.125}.items() if k != "w22"})
    assert _close(got3["w22"], want.w22, 1.0)
    href = page3.get_attribute(".cx-permalink", "href")
    assert href == search
    context.close()
    assert errors == []


# a bug planted in each part of the scripts, and the comparison that must catch it
_PLANTED = [
    ("ctrnn_generated.js", "E2: (w11 - 1)/tau1", "E2: (w11 - 1)/tau2", "E2"),
    ("ctrnn_generated.js", "-(n + 1/2)*Math.sqrt", "-(n + 1/3)*Math.sqrt", "levels"),
    ("ctrnn_generated.js", "Z.mul(Z.c(-2.0), Z.c(w12)", "Z.mul(Z.c(-2.000001), Z.c(w12)", "LHS(40)"),
    ("ctrnn_generated.js", "Z.mul(Z.c(-8.5)", "Z.mul(Z.c(-8.4)", "paper levels"),
    ("ctrnn_generated.js", "equilibrium: [I1, I2]", "equilibrium: [I1, I2 + 1e-6]", "equilibrium of region 00"),
    ("explorer.js", "Math.sin(w * t) / w;", "Math.sin(w * t) / (w * 1.000001);", "trajectory"),
]


@pytest.mark.parametrize("script,old,new,expect", _PLANTED, ids=[p[3] for p in _PLANTED])
def test_planted_bugs_are_caught(server, browser, cases, script, old, new, expect):
    source = (HTML / "explorer" / script).read_text()
    assert source.count(old) >= 1, f"{old!r} not in {script}: update the planted bug"
    mutated = source.replace(old, new)
    context, page, _, _ = _open(browser, server, replace={script: mutated})
    if expect == "trajectory":
        bad = _flow_mismatches(page)
    else:
        nets, expected = cases
        bad = _compare(page, nets[::3], expected[::3])
    context.close()
    assert any(expect in b for b in bad), f"the planted bug {new!r} went unnoticed: {bad[:3]}"
    print(f"\n{expect}: {len(bad)} disagreements, e.g. {bad[0][:160]}")
