/* The offline explorer of the two-neuron ReLU CTRNN (issue 17).
 *
 * Every formula (condition (13), the coefficients (19)-(20), H (18), Delta,
 * the true levels, the regions' linear systems and equilibria, the paper's
 * (36)-(40)) comes from ctrnn_generated.js, printed from the package's SymPy
 * expressions by tools/explorer/build.py.  This file holds only:
 *   - Z, a small complex-number runtime the generated paper formulas call;
 *   - the rules that turn numbers into words, mirroring the package
 *     (CTRNN2.is_hamiltonian, classical.dynamics.classify,
 *     paper.formulas.printed_conditions, the zero rule _validation.vanishes)
 *     with tolerances and term sizes generated from it; the browser test checks
 *     them against it;
 *   - the exact piecewise-linear flow (closed-form 2x2 matrix exponential,
 *     after ctrnn.classical.dynamics.simulate(method="exact"));
 *   - the page: inputs, permalink, tables and the SVG phase portrait.
 * window.ctrnnExplorer.compute(params) returns a JSON-serialisable summary.
 */
(function () {
  "use strict";
  const G = window.ctrnnGenerated;
  if (!G) { throw new Error("ctrnn_generated.js is missing: run `make book`"); }
  const NAMES = G.PARAMETERS;

  // ------------------------------------------------------------ complex runtime
  const Z = {
    c: (x) => [x, 0],
    add: (...zs) => { let r = 0, i = 0; for (const z of zs) { r += z[0]; i += z[1]; } return [r, i]; },
    mul: (...zs) => {
      let r = 1, i = 0;
      for (const z of zs) { const nr = r * z[0] - i * z[1]; i = r * z[1] + i * z[0]; r = nr; }
      return [r, i];
    },
    inv: (z) => {
      if (z[1] === 0) { return [1 / z[0], 0]; }
      const d = z[0] * z[0] + z[1] * z[1];
      return [z[0] / d, -z[1] / d];
    },
    powi: (z, n) => {
      let base = n < 0 ? Z.inv(z) : z, k = Math.abs(n), out = [1, 0];
      while (k > 0) { if (k & 1) { out = Z.mul(out, base); } base = Z.mul(base, base); k >>= 1; }
      return out;
    },
    // principal power exp(p log z); -0 imaginary parts count as +0 (SymPy has no signed zero)
    pow: (z, p) => {
      const re = z[0], im = z[1] + 0;
      if (im === 0 && re >= 0) { return [Math.pow(re, p), 0]; }
      if (im === 0 && Number.isInteger(2 * p)) {  // negative base, half-integer power: exact phase
        const m = Math.pow(-re, p), q = ((2 * p) % 4 + 4) % 4;  // arg = pi: phase exp(i p pi)
        return [[m, 0], [0, m], [-m, 0], [0, -m]][q];
      }
      const r = Math.hypot(re, im), arg = Math.atan2(im, re);
      const m = Math.pow(r, p), a = p * arg;
      return [m * Math.cos(a), m * Math.sin(a)];
    },
    abs: (z) => Math.hypot(z[0], z[1]),
  };

  // ------------------------------------------------------------ parameters
  const DEFAULT = Object.assign({}, G.PRESETS["Fig. 1 centre"]);

  function validate(params) {
    const p = {};
    for (const k of NAMES) {
      const v = params[k] === undefined && (k.startsWith("theta") || k.startsWith("I")) ? 0 : params[k];
      const x = typeof v === "string" ? Number(v) : v;
      if (typeof x !== "number" || !Number.isFinite(x)) {
        throw new Error(`${k} must be a finite real number, got ${JSON.stringify(v)}`);
      }
      p[k] = x;
    }
    for (const k of ["tau1", "tau2"]) {
      if (!(p[k] > 0)) {
        throw new Error(`${k} must be positive (time constants satisfy tau > 0, paper below Eq. 13), got ${p[k]}`);
      }
    }
    if (params.solve13) { p.w22 = G.w22From13(p); }
    return p;
  }

  // ------------------------------------------------------------ classification
  function maxAbs(A) { return Math.max(Math.abs(A[0][0]), Math.abs(A[0][1]), Math.abs(A[1][0]), Math.abs(A[1][1])); }
  function det2(A) { return A[0][0] * A[1][1] - A[0][1] * A[1][0]; }

  // the package's one zero rule (ctrnn._validation.vanishes): |value| <= rtol * (sum of |terms|)
  function vanishes(value, size, rtol = G.RTOL) { return Math.abs(value) <= rtol * size; }

  // after ctrnn.classical.dynamics.classify
  function classify(A, tol = G.CLASSIFY_TOL) {
    const m = G.traceDet(A), tr = m.trace, det = m.det;
    if (vanishes(det, m.detSize, tol)) { return "degenerate"; }
    if (det < 0) { return "saddle"; }
    if (vanishes(tr, m.traceSize, tol)) { return "centre"; }
    return `${tr < 0 ? "stable" : "unstable"} ${tr * tr - 4 * det < 0 ? "focus" : "node"}`;
  }

  function regionOf(p, y) { return [y[0] + p.theta1 >= 0 ? 1 : 0, y[1] + p.theta2 >= 0 ? 1 : 0]; }
  function regionIndex(active) { return G.regions.findIndex(r => r.active[0] === active[0] && r.active[1] === active[1]); }
  function system(p, active) { return G.regions[regionIndex(active)].system(p); }

  function finite(x) { return Number.isFinite(x) ? x : null; }
  function cx(z) { return [finite(z[0]), finite(z[1])]; }

  // ------------------------------------------------------------ compute()
  function compute(params) {
    const p = validate(params);
    const [lhs13, rhs13] = G.cond13(p);
    const hamiltonian = Math.abs(lhs13 - rhs13) <= G.TOL_13 * Math.max(1, Math.abs(lhs13), Math.abs(rhs13));
    const regions = G.regions.map(r => {
      const s = r.system(p);
      const m = G.traceDet(s.A);
      const eq = vanishes(m.det, m.detSize) ? null : s.equilibrium;  // as dynamics.equilibrium
      const inside = eq !== null && regionOf(p, eq).join("") === r.key;
      return {region: r.key, name: r.name, type: classify(s.A), A: s.A, b: s.b,
              equilibrium: eq, inside: inside};
    });
    const paper = {};
    for (const n of ["38", "39", "40"]) {
      const e = G.paper[n];
      const v = e.lhs(p, Z);
      const scale = e.terms.reduce((acc, t) => acc + Z.abs(t(p, Z)), 0);
      const re = v[0];
      const holds = e.relation === "Equality" ? vanishes(re, scale) : re > G.RTOL * scale;
      paper[n] = {re: finite(re), im: finite(v[1] + 0), holds: holds, relation: e.relation};
    }
    const out = {
      params: p, hamiltonian: hamiltonian, condition_13: {lhs: lhs13, rhs: rhs13},
      coefficients: null, delta: null, active_type: regions[regionIndex([1, 1])].type,
      regions: regions, paper: paper,
      paper_criterion: paper["38"].holds || (paper["39"].holds && paper["40"].holds),
      true_discrete: null, continuous_reason: null, levels: null, paper_levels: null,
    };
    if (!hamiltonian) {
      out.continuous_reason = "condition (13) fails: the both-active flow has non-zero divergence, so there is no Hamiltonian (18) to quantize";
      return out;
    }
    const c = G.coefficients(p);
    out.coefficients = c;
    out.delta = G.delta(c);
    // discrete exactly when the level spacing sqrt(-Delta) is real and Delta is not zero
    // by the package's rule (classical.hamiltonian.discriminant_sign < 0)
    out.true_discrete = G.spacingRadicand(c) > 0 && !vanishes(out.delta, G.deltaSize(c));
    if (out.true_discrete) {
      out.levels = Array.from({length: G.N_LEVELS}, (_, n) => G.trueLevel(c, n));
    } else if (c.C2 === 0) {
      out.continuous_reason = "C\u2082 = 0 (w\u2081\u2082 = 0): \u0124 is a first-order operator, whose spectrum is continuous";
    } else if (out.delta > 0) {
      out.continuous_reason = "\u0394 > 0: after the gauge transformation \u0124 = \u2212C\u2082p\u00b2 + V(x) is an inverted oscillator (V's x\u00b2 coefficient \u0394/(4C\u2082) has the wrong sign); continuous spectrum, no normalizable eigenfunctions";
    } else {
      out.continuous_reason = "\u0394 = 0: \u0124 is a particle in a linear (or constant) potential; continuous spectrum";
    }
    out.paper_levels = G.paperLevels.map(f => cx(f(c, Z)));
    return out;
  }

  // ------------------------------------------------------------ exact flow
  const SINGULAR = 1e-14, NEAR_SINGULAR = 1e-3;
  function matvec(M, v) { return [M[0][0] * v[0] + M[0][1] * v[1], M[1][0] * v[0] + M[1][1] * v[1]]; }
  function matmul(M, N) {
    return [[M[0][0] * N[0][0] + M[0][1] * N[1][0], M[0][0] * N[0][1] + M[0][1] * N[1][1]],
            [M[1][0] * N[0][0] + M[1][1] * N[1][0], M[1][0] * N[0][1] + M[1][1] * N[1][1]]];
  }
  function madd(M, N, a = 1, b = 1) {
    return [[a * M[0][0] + b * N[0][0], a * M[0][1] + b * N[0][1]], [a * M[1][0] + b * N[1][0], a * M[1][1] + b * N[1][1]]];
  }
  const I2 = [[1, 0], [0, 1]];

  // Taylor series of exp(A t) and of its integral (for max|A| |t| small)
  function series(A, t, order) {
    let E = I2, W = madd(I2, I2, t, 0), term = I2, fact = 1;
    for (let k = 1; k <= order; k++) {
      term = matmul(term, A); fact *= k;
      E = madd(E, term, 1, Math.pow(t, k) / fact);
      W = madd(W, term, 1, Math.pow(t, k + 1) / (fact * (k + 1)));
    }
    return [E, W];
  }

  // y(t) = E(t) y0 + w(t) for dy/dt = A y + b (after dynamics._propagator)
  function propagate(A, b, y0, t) {
    const amax = maxAbs(A);
    if (amax * Math.abs(t) < 1e-2) {
      const [E, W] = series(A, t, 10);
      const a = matvec(E, y0), w = matvec(W, b);
      return [a[0] + w[0], a[1] + w[1]];
    }
    const mu = 0.5 * (A[0][0] + A[1][1]), det = det2(A), delta = mu * mu - det;
    let c, s;  // exp(mu t) times (cosh, sinh/r), (cos, sin/w) or (1, t)
    if (delta > 0) {
      // one exponential exp(mu t + r|t|) times bounded factors: no 0 * inf for a stiff node
      const r = Math.sqrt(delta), u = r * Math.abs(t);
      const lead = Math.exp(mu * t + u), decay = -Math.expm1(-2 * u);
      c = lead * (1 - 0.5 * decay); s = Math.sign(t) * lead * (0.5 * decay) / r;
    } else if (delta < 0) {
      const w = Math.sqrt(-delta), g = Math.exp(mu * t);
      c = g * Math.cos(w * t); s = g * Math.sin(w * t) / w;
    } else { const g = Math.exp(mu * t); c = g; s = g * t; }
    const N = madd(A, I2, 1, -mu);
    let E = madd(I2, N, c, s);
    const scale2 = Math.pow(Math.max(amax, 1e-300), 2);
    let w;
    if (Math.abs(det) > NEAR_SINGULAR * scale2) {
      const ys = [(-b[0] * A[1][1] + b[1] * A[0][1]) / det, (-A[0][0] * b[1] + A[1][0] * b[0]) / det];
      const Ey = matvec(E, ys);
      w = [ys[0] - Ey[0], ys[1] - Ey[1]];
    } else if (Math.abs(det) > SINGULAR * scale2) {
      // nearly singular: W(t) = int_0^t exp(A s) ds by series at t/2^k, then doubling
      let k = 0;
      while (amax * Math.abs(t) / Math.pow(2, k) > 0.5) { k++; }
      let [Es, Ws] = series(A, t / Math.pow(2, k), 20);
      for (let j = 0; j < k; j++) { Ws = madd(Ws, matmul(Es, Ws)); Es = matmul(Es, Es); }
      w = matvec(Ws, b);
    } else {
      const T = A[0][0] + A[1][1], x = T * t;
      let phi, psi;
      if (Math.abs(T) * Math.abs(t) < 1e-3) {
        phi = t * (1 + x / 2 + x * x / 6 + x * x * x / 24);
        psi = t * t * (0.5 + x / 6 + x * x / 24 + x * x * x / 120);
      } else { phi = Math.expm1(x) / T; psi = (phi - t) / T; }
      E = madd(I2, A, 1, phi);
      w = matvec(madd(I2, A, t, psi), b);
    }
    const a = matvec(E, y0);
    return [a[0] + w[0], a[1] + w[1]];
  }

  function rateOf(A, p) {
    const mu = 0.5 * (A[0][0] + A[1][1]), det = det2(A), delta = mu * mu - det;
    const eig = delta >= 0 ? Math.abs(mu) + Math.sqrt(delta) : Math.sqrt(det);
    return Math.max(eig, 1 / Math.min(p.tau1, p.tau2));
  }

  // first time in (0, horizon] at which the flow leaves `active` (after dynamics._first_exit)
  function firstExit(p, A, b, y0, active, horizon, bound) {
    const h = Math.min(0.02 / rateOf(A, p), horizon);
    const theta = [p.theta1, p.theta2];
    const sign = active.map(a => (a === 1 ? 1 : -1));
    const g = (t, i) => propagate(A, b, y0, t)[i] + theta[i];
    const chunk = 2048;
    let start = 0;
    while (start < horizon) {
      const stop = Math.min(horizon, start + chunk * h);
      const n = Math.max(2, Math.ceil((stop - start) / h) + 1);
      let prev = start;
      for (let k = 1; k < n; k++) {
        const t = start + (stop - start) * k / (n - 1);
        const y = propagate(A, b, y0, t);
        if (bound !== undefined && !(Math.abs(y[0]) <= bound && Math.abs(y[1]) <= bound)) {
          return {t: t, escaped: true};
        }
        for (let i = 0; i < 2; i++) {
          const s = sign[i] * (y[i] + theta[i]);
          const slack = 1e-12 * (1 + Math.abs(theta[i]) + Math.abs(y[i]));
          if (!(s >= -slack)) {
            const ga = g(prev, i), gb = g(t, i);
            if (Math.sign(ga) === Math.sign(gb)) { return {t: t}; }
            let lo = prev, hi = t, glo = ga;
            for (let it = 0; it < 200 && hi - lo > 0; it++) {
              const mid = 0.5 * (lo + hi);
              if (mid <= lo || mid >= hi) { break; }
              const gm = g(mid, i);
              if (gm === 0) { lo = hi = mid; break; }
              if (Math.sign(gm) === Math.sign(glo)) { lo = mid; glo = gm; } else { hi = mid; }
            }
            const root = Math.abs(g(lo, i)) <= Math.abs(g(hi, i)) ? lo : hi;
            return {t: root > 1e-9 * h ? root : t};
          }
        }
        prev = t;
      }
      start = stop;
    }
    return null;
  }

  // the region a trajectory enters from y (after dynamics._entered_region)
  function enteredRegion(p, y, tol = 1e-12) {
    const s0 = system(p, regionOf(p, y));
    const v = matvec(s0.A, y); v[0] += s0.b[0]; v[1] += s0.b[1];
    const Aact = system(p, [1, 1]).A;
    const scaleV = tol * (1 + Math.max(Math.abs(v[0]), Math.abs(v[1])));
    const theta = [p.theta1, p.theta2];
    return [0, 1].map(i => {
      const s = y[i] + theta[i];
      if (Math.abs(s) > tol * Math.max(1, Math.abs(y[i]), Math.abs(theta[i]))) { return s > 0 ? 1 : 0; }
      if (Math.abs(v[i]) > scaleV) { return v[i] > 0 ? 1 : 0; }
      return matvec(Aact, v)[i] >= 0 ? 1 : 0;
    });
  }

  // exact trajectory at the times `times` (start 0, increasing); opts.bound stops an escape
  function simulate(params, y0, times, opts = {}) {
    const p = validate(params);
    const tEnd = times[times.length - 1];
    const ys = [], switches = [], regions = [];
    let t0 = 0, y = [y0[0], y0[1]], idx = 0;
    for (;;) {
      const active = enteredRegion(p, y);
      regions.push(active.join(""));
      const s = system(p, active);
      const exit = firstExit(p, s.A, s.b, y, active, tEnd - t0, opts.bound);
      const switched = exit !== null && !exit.escaped;
      const tStop = exit === null ? tEnd : t0 + exit.t;
      while (idx < times.length && times[idx] >= t0 && (times[idx] < tStop || exit === null)) {
        ys.push(propagate(s.A, s.b, y, times[idx] - t0)); idx++;
      }
      if (!switched) { break; }
      if (switches.length >= 10000) { throw new Error("more than 10000 region switches"); }
      y = propagate(s.A, s.b, y, tStop - t0);
      t0 = tStop;
      switches.push(tStop);
    }
    return {t: times.slice(0, ys.length), y: ys, switch_times: switches, regions: regions};
  }

  // ------------------------------------------------------------ formatting
  function fmt(x, digits = 4) {
    if (x === null || x === undefined || !Number.isFinite(x)) { return "\u2014"; }
    if (x === 0) { return "0"; }
    let s = Math.abs(x) >= 1e5 || Math.abs(x) < 1e-3 ? x.toExponential(digits - 1) : String(Number(x.toPrecision(digits)));
    s = s.replace(/e\+?/, "\u00d710^").replace(/\^(-?\d+)$/, (m, e) => "^" + e);
    if (s.includes("\u00d710^")) {
      const [mant, e] = s.split("\u00d710^");
      s = `${Number(mant)}\u00d710<sup>${e.replace("-", "\u2212")}</sup>`;
    }
    return s.replace(/^-/, "\u2212");
  }
  function fmtC(z) {
    if (!z || z[0] === null) { return "\u2014"; }
    if (Math.abs(z[1]) <= 1e-12 * Math.abs(z[0])) { return fmt(z[0]); }
    return `${fmt(z[0])} ${z[1] < 0 ? "\u2212" : "+"} ${fmt(Math.abs(z[1]))}i`;
  }
  const LABELS = {tau1: "\u03c4\u2081", tau2: "\u03c4\u2082", w11: "w\u2081\u2081", w12: "w\u2081\u2082",
                  w21: "w\u2082\u2081", w22: "w\u2082\u2082", theta1: "\u03b8\u2081", theta2: "\u03b8\u2082",
                  I1: "I\u2081", I2: "I\u2082"};
  const SUB = {C1: "C\u2081", C2: "C\u2082", D1: "D\u2081", D2: "D\u2082", E2: "E\u2082"};
  function esc(s) { return String(s).replace(/[&<>"]/g, ch => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[ch])); }

  // ------------------------------------------------------------ URL
  function toQuery(params) {
    const q = new URLSearchParams();
    for (const k of NAMES) { if (!(params.solve13 && k === "w22")) { q.set(k, String(params[k])); } }
    if (params.solve13) { q.set("solve13", "1"); }
    return q.toString();
  }
  function fromQuery(search) {
    const q = new URLSearchParams(search);
    if (!NAMES.some(k => q.has(k))) { return null; }
    const out = Object.assign({}, DEFAULT, {solve13: q.get("solve13") === "1"});
    for (const k of NAMES) { if (q.has(k)) { out[k] = Number(q.get(k)); } }
    return out;
  }

  // ------------------------------------------------------------ portrait
  function niceStep(span) {
    const raw = span / 5, mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const f = raw / mag;
    return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
  }

  function viewOf(r) {
    const p = r.params;
    const pts = [[-p.theta1, -p.theta2]];
    for (const reg of r.regions) { if (reg.inside) { pts.push(reg.equilibrium); } }
    const xs = pts.map(q => q[0]), ys = pts.map(q => q[1]);
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const half = Math.max(1.5, 0.75 * Math.max(x1 - x0, y1 - y0));
    return {cx: 0.5 * (x0 + x1), cy: 0.5 * (y0 + y1), half: half};
  }

  function marching(F, view, nx, levels, X, Y) {
    // F[j][i] on a (nx+1)^2 grid; returns one SVG path string per level
    const x0 = view.cx - view.half, y0 = view.cy - view.half, d = 2 * view.half / nx;
    return levels.map(L => {
      let path = "";
      for (let j = 0; j < nx; j++) {
        for (let i = 0; i < nx; i++) {
          const v = [F[j][i], F[j][i + 1], F[j + 1][i + 1], F[j + 1][i]];
          const c = [[i, j], [i + 1, j], [i + 1, j + 1], [i, j + 1]];
          const pts = [];
          for (let e = 0; e < 4; e++) {
            const a = v[e], b = v[(e + 1) % 4];
            if ((a < L) !== (b < L)) {
              const s = (L - a) / (b - a), pa = c[e], pb = c[(e + 1) % 4];
              pts.push([x0 + d * (pa[0] + s * (pb[0] - pa[0])), y0 + d * (pa[1] + s * (pb[1] - pa[1]))]);
            }
          }
          for (let k = 0; k + 1 < pts.length; k += 2) {
            path += `M${X(pts[k][0]).toFixed(1)} ${Y(pts[k][1]).toFixed(1)}L${X(pts[k + 1][0]).toFixed(1)} ${Y(pts[k + 1][1]).toFixed(1)}`;
          }
        }
      }
      return path;
    });
  }

  let uid = 0;
  function portrait(r) {
    const id = `cx${++uid}`;
    const p = r.params, v = viewOf(r);
    const W = 560, pad = 58, inner = W - 2 * pad;
    const X = (x) => pad + (x - (v.cx - v.half)) / (2 * v.half) * inner;
    const Y = (y) => W - pad - (y - (v.cy - v.half)) / (2 * v.half) * inner;
    const xl = v.cx - v.half, xh = v.cx + v.half, yl = v.cy - v.half, yh = v.cy + v.half;
    const sx = -p.theta1, sy = -p.theta2;
    const clampX = (x) => Math.min(Math.max(X(x), pad), W - pad), clampY = (y) => Math.min(Math.max(Y(y), pad), W - pad);
    const rects = {  // each region's rectangle within the view, in pixels
      "11": [clampX(sx), pad, W - pad, clampY(sy)], "10": [clampX(sx), clampY(sy), W - pad, W - pad],
      "01": [pad, pad, clampX(sx), clampY(sy)], "00": [pad, clampY(sy), clampX(sx), W - pad],
    };
    let s = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${W}" class="cx-svg" role="img" aria-labelledby="${id}-t"><title id="${id}-t">Phase portrait in the (y\u2081, y\u2082) plane: the four ReLU regions shaded, nullclines, equilibria, trajectories of the exact piecewise-linear flow${r.hamiltonian ? " and contours of H (18) in the both-active region" : ""}</title><defs>`;
    for (const [k, q] of Object.entries(rects)) {
      s += `<clipPath id="${id}-c${k}"><rect x="${q[0]}" y="${q[1]}" width="${Math.max(0, q[2] - q[0])}" height="${Math.max(0, q[3] - q[1])}"/></clipPath>`;
    }
    s += `<clipPath id="${id}-all"><rect x="${pad}" y="${pad}" width="${inner}" height="${inner}"/></clipPath>`;
    s += `<marker id="${id}-arrow" viewBox="0 0 10 10" refX="6" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="cx-arrowhead"/></marker></defs>`;
    for (const [k, q] of Object.entries(rects)) {
      s += `<rect class="cx-region cx-region-${k}" x="${q[0]}" y="${q[1]}" width="${Math.max(0, q[2] - q[0])}" height="${Math.max(0, q[3] - q[1])}"/>`;
    }
    // grid, ticks, switching lines
    const step = niceStep(2 * v.half);
    let ticks = "";
    for (let t = Math.ceil(xl / step) * step; t <= xh + 1e-9 * step; t += step) {
      ticks += `<line class="cx-grid" x1="${X(t)}" y1="${pad}" x2="${X(t)}" y2="${W - pad}"/><text class="cx-tick" x="${X(t)}" y="${W - pad + 20}" text-anchor="middle">${fmt(Math.abs(t) < 1e-9 * step ? 0 : t, 3)}</text>`;
    }
    for (let t = Math.ceil(yl / step) * step; t <= yh + 1e-9 * step; t += step) {
      if (t < yl + 0.25 * step) { continue; }  // keep the corner for the y1 labels
      ticks += `<line class="cx-grid" x1="${pad}" y1="${Y(t)}" x2="${W - pad}" y2="${Y(t)}"/><text class="cx-tick" x="${pad - 6}" y="${Y(t) + 4}" text-anchor="end">${fmt(Math.abs(t) < 1e-9 * step ? 0 : t, 3)}</text>`;
    }
    s += ticks;
    s += `<g clip-path="url(#${id}-all)"><line class="cx-switch" x1="${X(sx)}" y1="${pad}" x2="${X(sx)}" y2="${W - pad}"/><line class="cx-switch" x1="${pad}" y1="${Y(sy)}" x2="${W - pad}" y2="${Y(sy)}"/></g>`;
    // contours of H (18) where it governs: the both-active region
    if (r.hamiltonian) {
      const nx = 90, d = 2 * v.half / nx, F = [];
      let lo = Infinity, hi = -Infinity;
      for (let j = 0; j <= nx; j++) {
        const row = [];
        for (let i = 0; i <= nx; i++) {
          const x = xl + i * d, y = yl + j * d, h = G.H(p, x, y);
          row.push(h);
          if (x + p.theta1 >= 0 && y + p.theta2 >= 0) { lo = Math.min(lo, h); hi = Math.max(hi, h); }
        }
        F.push(row);
      }
      if (hi > lo) {
        const levels = Array.from({length: 14}, (_, k) => lo + (hi - lo) * (k + 0.5) / 14);
        const paths = marching(F, v, nx, levels, X, Y);
        s += `<g clip-path="url(#${id}-c11)" class="cx-contours">` + paths.map(d_ => d_ ? `<path d="${d_}"/>` : "").join("") + "</g>";
      }
    }
    // nullclines, region by region
    for (const reg of r.regions) {
      for (const [row, cls] of [[0, "cx-null1"], [1, "cx-null2"]]) {
        const a = reg.A[row][0], b = reg.A[row][1], c = reg.b[row];
        let x1, y1, x2, y2;
        if (Math.abs(b) >= Math.abs(a) && b !== 0) { x1 = xl - v.half; x2 = xh + v.half; y1 = -(a * x1 + c) / b; y2 = -(a * x2 + c) / b; }
        else if (a !== 0) { y1 = yl - v.half; y2 = yh + v.half; x1 = -(b * y1 + c) / a; x2 = -(b * y2 + c) / a; }
        else { continue; }
        s += `<line class="${cls}" clip-path="url(#${id}-c${reg.region})" x1="${X(x1).toFixed(1)}" y1="${Y(y1).toFixed(1)}" x2="${X(x2).toFixed(1)}" y2="${Y(y2).toFixed(1)}"/>`;
      }
    }
    // trajectories of the exact piecewise-linear flow
    const rates = r.regions.map(reg => rateOf(reg.A, p));
    const T = Math.min(200, 15 * Math.max(p.tau1, p.tau2, 1 / Math.min(...rates)));
    const times = Array.from({length: 401}, (_, k) => T * k / 400);
    const starts = [[-0.6, -0.6], [0.6, -0.6], [0.6, 0.6], [-0.6, 0.6], [0, -0.8], [0.8, 0], [0, 0.8], [-0.8, 0], [0.25, 0.1]];
    let traj = "";
    const bound = 50 * (Math.abs(v.cx) + Math.abs(v.cy) + v.half);
    for (const [u, w] of starts) {
      const y0 = [v.cx + u * v.half, v.cy + w * v.half];
      let sol;
      try { sol = simulate(p, y0, times, {bound: bound}); } catch (e) { continue; }
      const pts = sol.y.filter(q => Number.isFinite(q[0]) && Number.isFinite(q[1]));
      if (pts.length < 2) { continue; }
      const d_ = pts.map((q, k) => `${k ? "L" : "M"}${X(q[0]).toFixed(1)} ${Y(q[1]).toFixed(1)}`).join("");
      const mid = Math.min(pts.length - 1, 12);
      traj += `<path class="cx-traj" d="${d_}"/><path class="cx-traj" marker-end="url(#${id}-arrow)" d="M${X(pts[mid - 1][0]).toFixed(1)} ${Y(pts[mid - 1][1]).toFixed(1)}L${X(pts[mid][0]).toFixed(1)} ${Y(pts[mid][1]).toFixed(1)}"/><circle class="cx-start" cx="${X(y0[0]).toFixed(1)}" cy="${Y(y0[1]).toFixed(1)}" r="2.5"/>`;
    }
    s += `<g clip-path="url(#${id}-all)">${traj}</g>`;
    // equilibria of the network (each region's equilibrium that lies in its own region)
    for (const reg of r.regions) {
      if (!reg.inside) { continue; }
      const q = reg.equilibrium, stable = reg.type.startsWith("stable");
      s += `<circle class="cx-eq ${stable ? "cx-eq-stable" : "cx-eq-other"}" cx="${X(q[0]).toFixed(1)}" cy="${Y(q[1]).toFixed(1)}" r="5.5"><title>${esc(reg.type)} at (${fmt(q[0])}, ${fmt(q[1])})</title></circle>`;
    }
    s += `<rect class="cx-frame" x="${pad}" y="${pad}" width="${inner}" height="${inner}"/>`;
    s += `<text class="cx-axis" x="${W / 2}" y="${W - 6}" text-anchor="middle">y\u2081</text><text class="cx-axis" x="${pad}" y="${pad - 20}" text-anchor="middle">y\u2082</text>`;
    return s + "</svg>";
  }

  // ------------------------------------------------------------ page
  function render(root, r) {
    const c = r.coefficients;
    const yes = (b) => b ? '<span class="cx-yes">yes</span>' : '<span class="cx-no">no</span>';
    const h = [];
    h.push(`<p class="cx-verdict">Active regime Hamiltonian (13): ${yes(r.hamiltonian)} \u2014 (w\u2081\u2081\u22121)/\u03c4\u2081 = ${fmt(r.condition_13.lhs)}, (1\u2212w\u2082\u2082)/\u03c4\u2082 = ${fmt(r.condition_13.rhs)}. Both-active equilibrium type: <b>${esc(r.active_type)}</b>.</p>`);
    root.querySelector(".cx-summary").innerHTML = h.join("");
    root.querySelector(".cx-portrait").innerHTML = portrait(r);
    let t = '<p class="cx-caption">Coefficients (19)\u2013(20) of H (18) and \u0394 = E\u2082\u00b2 + 4C\u2082D\u2082</p><table class="cx-table"><tbody>';
    if (c) {
      t += "<tr>" + G.COEFFICIENTS.map(k => `<th>${SUB[k]}</th>`).join("") + "<th>\u0394</th></tr>";
      t += "<tr>" + G.COEFFICIENTS.map(k => `<td>${fmt(c[k])}</td>`).join("") + `<td>${fmt(r.delta)}</td></tr>`;
    } else {
      t += '<tr><td>Condition (13) fails: no Hamiltonian, no coefficients.</td></tr>';
    }
    root.querySelector(".cx-coefficients").innerHTML = t + "</tbody></table>";
    t = '<p class="cx-caption">The four ReLU regions: type and equilibrium (y\u2081*, y\u2082*) of each linear system</p><table class="cx-table"><thead><tr><th>region</th><th>type</th><th>y\u2081*</th><th>y\u2082*</th><th>in its region</th></tr></thead><tbody>';
    for (const reg of r.regions) {
      const eq = reg.equilibrium ? `<td>${fmt(reg.equilibrium[0])}</td><td>${fmt(reg.equilibrium[1])}</td>` : '<td colspan="2" class="cx-wrap">none (A singular)</td>';
      t += `<tr><td><span class="cx-swatch cx-region-${reg.region}"></span>${esc(reg.name)}</td><td>${esc(reg.type)}</td>${eq}<td>${reg.inside ? "yes" : "no"}</td></tr>`;
    }
    root.querySelector(".cx-regions").innerHTML = t + "</tbody></table>";
    const P = r.paper;
    const rel = (n) => P[n].relation === "Equality" ? "= 0" : "> 0";
    t = '<p class="cx-caption">Normalizability: the paper\'s conditions as printed against the truth</p><table class="cx-table"><thead><tr><th>condition</th><th>Re(left side)</th><th>holds</th></tr></thead><tbody>';
    t += `<tr><td>(38) Re \u03be\u2081 ${rel("38")}</td><td>${fmt(P["38"].re)}</td><td>${yes(P["38"].holds)}</td></tr>`;
    t += `<tr><td>(39) Re \u03be\u2081 ${rel("39")}</td><td>${fmt(P["39"].re)}</td><td>${yes(P["39"].holds)}</td></tr>`;
    t += `<tr><td>(40) Re \u03be\u2082 ${rel("40")}</td><td>${fmt(P["40"].re)}</td><td>${yes(P["40"].holds)}</td></tr>`;
    t += `<tr class="cx-strong"><td>paper: (38) or [(39) and (40)]</td><td></td><td>${yes(r.paper_criterion)}</td></tr>`;
    t += `<tr class="cx-strong"><td>true: discrete spectrum (\u0394 < 0)</td><td>${r.delta === null ? "\u2014" : "\u0394 = " + fmt(r.delta)}</td><td>${r.true_discrete === null ? "no H" : yes(r.true_discrete)}</td></tr>`;
    root.querySelector(".cx-conditions").innerHTML = t + "</tbody></table>";
    let lv = "";
    if (r.levels) {
      lv = '<p class="cx-caption">Energy levels: the correctly quantized \u0124 against the paper\'s (36)\u2013(37)</p><table class="cx-table"><thead><tr><th>k</th><th>true \u03bb<sub>k</sub></th><th>paper (36)\u2013(37)</th></tr></thead><tbody>';
      r.levels.forEach((L, k) => { lv += `<tr><td>${k}</td><td>${fmt(L, 6)}</td><td>${fmtC(r.paper_levels[k])}</td></tr>`; });
      lv += "</tbody></table>";
    } else {
      lv = `<p class="cx-continuous"><b>Continuous spectrum</b>, no discrete levels: ${esc(r.continuous_reason)}.</p>`;
      if (r.paper_levels) {
        lv += '<p class="cx-caption">The paper\'s (36)\u2013(37) for these coefficients anyway</p><table class="cx-table"><thead><tr><th>k</th><th>paper \u03bb<sub>k</sub></th></tr></thead><tbody>';
        r.paper_levels.slice(0, 4).forEach((z, k) => { lv += `<tr><td>${k}</td><td>${fmtC(z)}</td></tr>`; });
        lv += "</tbody></table>";
      }
    }
    root.querySelector(".cx-levels").innerHTML = lv;
  }

  function readForm(root) {
    const params = {solve13: root.querySelector("input[name=solve13]").checked};
    for (const k of NAMES) { params[k] = root.querySelector(`input[name=${k}]`).value; }
    return params;
  }
  function writeForm(root, params) {
    root.querySelector("input[name=solve13]").checked = !!params.solve13;
    for (const k of NAMES) { root.querySelector(`input[name=${k}]`).value = String(params[k]); }
  }

  let current = null;
  function update(root, push) {
    const params = readForm(root);
    const err = root.querySelector(".cx-error");
    const w22 = root.querySelector("input[name=w22]");
    w22.disabled = params.solve13;
    let r;
    try { r = compute(params); } catch (e) { err.textContent = e.message; err.hidden = false; return; }
    err.hidden = true;
    if (params.solve13) { w22.value = String(r.params.w22); }
    current = Object.assign({solve13: params.solve13}, r.params);
    render(root, r);
    if (push) { history.replaceState(null, "", "?" + toQuery(current) + location.hash); }
    root.querySelector(".cx-permalink").href = "?" + toQuery(current);
  }

  function build(root) {
    let form = '<form class="cx-form" onsubmit="return false">';
    const groups = [["Time constants", ["tau1", "tau2"]], ["Weights (w<sub>ji</sub>: neuron j \u2192 i)", ["w11", "w12", "w21", "w22"]],
                    ["Biases", ["theta1", "theta2"]], ["Inputs", ["I1", "I2"]]];
    for (const [title, keys] of groups) {
      form += `<fieldset><legend>${title}</legend>`;
      for (const k of keys) {
        form += `<label>${LABELS[k]} <input name="${k}" type="number" step="any" inputmode="decimal" ${k.startsWith("tau") ? 'min="0"' : ""} aria-label="${k}"></label>`;
      }
      form += "</fieldset>";
    }
    form += '<div class="cx-options"><label class="cx-check"><input type="checkbox" name="solve13"> solve (13) for w\u2082\u2082</label>';
    form += '<label>preset <select name="preset"><option value="">\u2014</option>' +
      Object.keys(G.PRESETS).map(k => `<option>${esc(k)}</option>`).join("") + "</select></label>";
    form += '<a class="cx-permalink" href="">permalink</a></div></form>';
    root.innerHTML = form +
      '<p class="cx-error" role="alert" hidden></p><div class="cx-summary" aria-live="polite"></div>' +
      '<figure class="cx-figure"><div class="cx-portrait"></div><figcaption>Shaded: the four ReLU regions (switching lines y<sub>i</sub> = \u2212\u03b8<sub>i</sub> dotted). Solid and dashed lines: the nullclines \u1e8f\u2081 = 0 and \u1e8f\u2082 = 0. Thin curves: trajectories of the exact piecewise-linear flow from the small dots. Large dots: equilibria of the network (filled: stable). Grey curves in the both-active region: contours of H (18), when (13) holds.</figcaption></figure>' +
      '<div class="cx-scroll cx-coefficients"></div><div class="cx-scroll cx-regions"></div>' +
      '<div class="cx-scroll cx-conditions"></div><div class="cx-scroll cx-levels"></div>';
    const initial = fromQuery(location.search) || Object.assign({solve13: true}, DEFAULT);
    writeForm(root, initial);
    root.querySelector("form").addEventListener("input", (ev) => {
      if (ev.target.name === "preset") { return; }
      root.querySelector("select[name=preset]").value = "";
      update(root, true);
    });
    root.querySelector("select[name=preset]").addEventListener("change", (ev) => {
      const pre = G.PRESETS[ev.target.value];
      if (!pre) { return; }
      writeForm(root, Object.assign({solve13: false}, pre));
      ev.target.value = ev.target.value;
      update(root, true);
    });
    update(root, false);
  }

  window.ctrnnExplorer = {
    compute: compute,
    simulate: simulate,
    toQuery: toQuery,
    fromQuery: fromQuery,
    params: () => (current ? Object.assign({}, current) : null),
  };
  const start = () => { const root = document.getElementById("ctrnn-explorer"); if (root) { build(root); } };
  if (typeof document === "undefined") { return; }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
