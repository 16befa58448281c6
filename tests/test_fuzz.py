"""The fuzz matrix of issue 18: every listed input gives a clear error or a right answer.

One parametrized case per input.  An error case names the exception class
(exactly TypeError or ValueError) and a phrase of the message that names the
argument and the condition; a right-answer case checks the answer against an
independent reference (SciPy, mpmath, a closed form), never against our own
earlier output.  The cost-limit cases must fail fast: each is run under the
60 s budget by ``tests/test_limits.py`` as well.
"""
import math
import re

import mpmath
import numpy as np
import pytest
import scipy.linalg
import sympy as sp

from ctrnn import CTRNN2, relu
from ctrnn.classical import dynamics as d
from ctrnn.classical import hamiltonian as h
from ctrnn.classical import weights as wts
from ctrnn.quantum import kummer
from ctrnn.quantum import levels as lv
from ctrnn.quantum import weyl
from ctrnn.symbols import C1, C2, D1, D2, E2, y1, y2

CENTRE = h.fig1_networks()["centre"]
SADDLE = h.fig1_networks()["saddle"]
DISCRETE = CTRNN2.from_condition_13(1.0, 1.0, 1.5, -2.0, 1.5, 0.2, -0.1, 0.3, -0.2)
NOT_HAMILTONIAN = CTRNN2(1.0, 1.0, 1.5, -2.0, 1.5, 1.5)
VALUES = {"C1": 0.1, "C2": -0.5, "D1": 0.2, "D2": 0.5, "E2": 0.1}
T = np.linspace(0.0, 1.0, 5)
ARGS = ("tau1", "tau2", "w11", "w12", "w21", "w22", "theta1", "theta2", "I1", "I2")


def _net(**changes):
    kwargs = {**dict(zip(ARGS, [1.0] * 10)), **changes}
    return CTRNN2(**kwargs)


def _fourier(**changes):
    kwargs = {"centre_x": 0.0, "centre_p": 0.0, "half_width": 5.0, "size": 8, **changes}
    return lv.fourier_operators(**kwargs)


def _simulate(**changes):
    kwargs = {"net": CENTRE, "y0": [0.5, 0.0], "t_eval": T, **changes}
    return d.simulate(**kwargs)


def _rhs(**changes):
    kwargs = {"t": 0.0, "y": [0.1, 0.2], "tau": [1.0, 2.0], "weights": np.eye(2),
              "theta": [0.0, 0.0], "inputs": [0.0, 0.0], **changes}
    return d.ctrnn_rhs(**kwargs)


def _x_p(size=6):
    return lv.fourier_operators(0.0, 0.0, 4.0, size)


def _nan_matrix():
    x, p = _x_p()
    x = x.copy()
    x[0, 0] = np.nan
    return x, p


# --------------------------------------------------------------- error cases
# (id, thunk, exception class, phrase of the message)
ERRORS = [
    # wrong answers returned silently, now errors
    ("weyl_quantize string", lambda: weyl.weyl_quantize("y1*y2"), TypeError,
     "symbol must be a SymPy expression"),
    ("orbit_period at equilibrium",
     lambda: h.orbit_period(CENTRE, d.equilibrium(CENTRE, (1, 1))), ValueError,
     "y0 must not be the equilibrium"),
    ("operator difference in different variables",
     lambda: weyl.DifferentialOperator({0: y2}, y2) - weyl.DifferentialOperator({0: y1}, y1),
     ValueError, "same variable"),
    ("weyl_matrix unknown key E3",
     lambda: weyl.weyl_matrix(weyl.hamiltonian_symbol(), *_x_p(), {**VALUES, "E3": 1.0}),
     ValueError, r"unknown keys \['E3'\]"),
    ("is_hamiltonian tol=-1", lambda: DISCRETE.is_hamiltonian(tol=-1), ValueError,
     "tol must be a positive number"),
    ("inactive_solution 2-d t", lambda: d.inactive_solution(CENTRE, [0, 0], np.zeros((2, 2))),
     ValueError, "t must be a number or a 1-d array"),
    # silent inf, now errors
    ("spectrum weights 1e200",
     lambda: lv.spectrum(CTRNN2.from_condition_13(1.0, 1.0, 1e200, -1e200, 1e200), 3),
     ValueError, "overflow"),
    ("discriminant weights 1e200",
     lambda: h.discriminant(CTRNN2.from_condition_13(1.0, 1.0, 1e200, -1e200, 1e200)),
     ValueError, "overflow"),
    ("linear_flow exploding", lambda: d.linear_flow(1e3 * np.eye(2), [0, 0], [1, 1], 10.0),
     ValueError, "overflows float64"),
    # NaN input
    ("rhs NaN", lambda: CENTRE.rhs(0.0, [np.nan, 0.0]), ValueError, "y must be finite"),
    ("ctrnn_rhs NaN y", lambda: _rhs(y=[np.nan, 0.0]), ValueError, "y must be finite"),
    ("eigenfunctions NaN", lambda: lv.eigenfunctions(DISCRETE, 2, [0.0, np.nan]), ValueError,
     "y2 must be finite"),
    ("hamiltonian_matrix NaN", lambda: lv.hamiltonian_matrix(DISCRETE, *_nan_matrix()),
     ValueError, "x_op must be finite"),
    ("weyl_matrix NaN matrix",
     lambda: weyl.weyl_matrix(weyl.hamiltonian_symbol(), *_nan_matrix(), VALUES), ValueError,
     "x_op must be finite"),
    ("weyl_matrix NaN value",
     lambda: weyl.weyl_matrix(weyl.hamiltonian_symbol(), *_x_p(), {**VALUES, "C2": np.nan}),
     ValueError, r"values\['C2'\] must be finite"),
    ("galerkin_matrix NaN value",
     lambda: weyl.galerkin_matrix(weyl.weyl_quantize(weyl.hamiltonian_symbol()),
                                  {**VALUES, "D2": np.nan}, 4),
     ValueError, r"values\['D2'\] must be finite"),
    # hangs, now cost-limit errors
    ("weyl_quantize y1^12 y2^12", lambda: weyl.weyl_quantize(y1 ** 12 * y2 ** 12), ValueError,
     "cost limit"),
    ("weyl_words 20, 20", lambda: weyl.weyl_words(20, 20), ValueError, "cost limit"),
    ("spectrum n=10**9", lambda: lv.spectrum(DISCRETE, 10 ** 9), ValueError, "cost limit"),
    ("spectrum n=10**12", lambda: lv.spectrum(DISCRETE, 10 ** 12), ValueError, "cost limit"),
    ("numerical_spectrum n=2000", lambda: lv.numerical_spectrum(DISCRETE, 2000), ValueError,
     "cost limit"),
    ("numerical_spectrum size=10**5",
     lambda: lv.numerical_spectrum(DISCRETE, 3, size=10 ** 5), ValueError, "cost limit"),
    ("simulate [0, 1e7]", lambda: _simulate(t_eval=[0.0, 1e7]), ValueError,
     r"t_eval\[-1\] \* rate .* cost limit"),
    ("eigenfunctions n=10**6 on 10**3 points",
     lambda: lv.eigenfunctions(DISCRETE, 10 ** 6, np.zeros(1000)), ValueError, "cost limit"),
    ("mccoy_quantize degree 40", lambda: weyl.mccoy_quantize(y1 ** 20 * y2 ** 20), ValueError,
     "cost limit"),
    ("galerkin_matrix size 10**5",
     lambda: weyl.galerkin_matrix(weyl.weyl_quantize(weyl.hamiltonian_symbol()), VALUES, 10 ** 5),
     ValueError, "cost limit"),
    # crashes deep in the stack, now clear errors
    ("fourier size=0", lambda: _fourier(size=0), ValueError, "size must be >= 1"),
    ("fourier size=-2", lambda: _fourier(size=-2), ValueError, "size must be >= 1"),
    ("fourier half_width=0", lambda: _fourier(half_width=0.0), ValueError,
     "half_width must be a positive number"),
    ("fourier size=10**6", lambda: _fourier(size=10 ** 6), ValueError, "cost limit"),
    ("numerical_spectrum fd size=1",
     lambda: lv.numerical_spectrum(DISCRETE, 1, method="fd", size=1), ValueError, "size must be"),
    ("box_levels spacing=1e-9", lambda: lv.box_levels(DISCRETE, 5.0, 1e-9), ValueError,
     "cost limit"),
    ("weyl_quantize None", lambda: weyl.weyl_quantize(None), TypeError,
     "symbol must be a SymPy expression"),
    ("DifferentialOperator list", lambda: weyl.DifferentialOperator([1, 2]), TypeError,
     "coeffs must be a mapping"),
    ("DifferentialOperator string coefficient",
     lambda: weyl.DifferentialOperator({0: "y2"}), TypeError, "coeffs.0. must be a SymPy"),
    ("operator minus 3", lambda: weyl.DifferentialOperator({0: y2}) - 3, TypeError,
     "unsupported operand"),
    ("mccoy_quantize sin(y2)", lambda: weyl.mccoy_quantize(sp.sin(y2)), ValueError,
     "symbol must be a polynomial"),
    ("mccoy_quantize sin", lambda: weyl.mccoy_quantize(sp.sin), TypeError,
     "symbol must be a SymPy expression"),
    # unclear messages, now naming the argument
    ("rhs y of length 3", lambda: CENTRE.rhs(0.0, [0.0, 0.0, 0.0]), ValueError,
     "y must have length 2"),
    ("ctrnn_rhs y of length 3", lambda: _rhs(y=[0.0, 0.0, 0.0]), ValueError,
     "y must have length n = 2"),
    ("string tolerance classify", lambda: d.classify(np.eye(2), tol="1e-9"), TypeError,
     "tol must be a real number"),
    ("string tolerance simulate", lambda: _simulate(method="RK45", rtol="1e-3"), TypeError,
     "rtol must be a real number"),
    ("string tolerance is_hamiltonian", lambda: DISCRETE.is_hamiltonian(tol="0.1"), TypeError,
     "tol must be a real number"),
    ("box_levels centre=nan", lambda: lv.box_levels(DISCRETE, 5.0, 0.5, centre=np.nan),
     ValueError, "centre must be finite"),
    ("galerkin_matrix missing value",
     lambda: weyl.galerkin_matrix(weyl.weyl_quantize(weyl.hamiltonian_symbol()),
                                  {"C1": 0.1, "C2": -0.5}, 4), ValueError, "values is missing"),
    ("weyl_matrix missing value",
     lambda: weyl.weyl_matrix(weyl.hamiltonian_symbol(), *_x_p(), {"C1": 0.1}), ValueError,
     "values is missing"),
    ("p2_op wrong shape", lambda: lv.hamiltonian_matrix(DISCRETE, *_x_p(6), np.eye(5)),
     ValueError, "p2_op must have the shape"),
    ("ctrnn_rhs scalar activation", lambda: _rhs(activation=lambda z: 1.0), ValueError,
     "activation must return an array of the shape"),
    ("rhs scalar activation",
     lambda: CENTRE.rhs(0.0, np.zeros((2, 3)), activation=lambda z: 1.0),
     ValueError, "activation must return"),
    ("ctrnn_rhs activation not callable", lambda: _rhs(activation=3), TypeError,
     "activation must be callable"),
    # inconsistent type checks, now consistent
    ("simulate rtol=True", lambda: _simulate(method="RK45", rtol=True), TypeError,
     "rtol must be a real number"),
    ("simulate max_switches=True", lambda: _simulate(max_switches=True), TypeError,
     "max_switches must be an integer"),
    ("simulate max_switches=2.0", lambda: _simulate(max_switches=2.0), TypeError,
     "max_switches must be an integer"),
    ("simulate max_switches huge", lambda: _simulate(max_switches=10 ** 9), ValueError,
     "cost limit"),
    ("CTRNN2 w11='3'", lambda: _net(w11="3"), TypeError, "w11 must be a real number"),
    ("spectrum n=3.0", lambda: lv.spectrum(DISCRETE, 3.0), TypeError, "n must be a positive"),
    ("spectrum n=True", lambda: lv.spectrum(DISCRETE, True), TypeError, "n must be a positive"),
    # non-Hamiltonian networks and continuous spectra
    ("spectrum not Hamiltonian", lambda: lv.spectrum(NOT_HAMILTONIAN, 3), ValueError,
     r"Eq\. \(13\)"),
    ("spectrum continuous", lambda: lv.spectrum(SADDLE, 3), ValueError, "no discrete spectrum"),
    ("eigenfunctions continuous", lambda: lv.eigenfunctions(SADDLE, 3, [0.0]), ValueError,
     "no discrete spectrum"),
    ("numerical_spectrum continuous", lambda: lv.numerical_spectrum(SADDLE, 3), ValueError,
     "no discrete spectrum"),
    ("coefficients not Hamiltonian", lambda: h.coefficients(NOT_HAMILTONIAN), ValueError,
     r"condition \(13\)"),
    ("hamiltonian_params not Hamiltonian", lambda: wts.classical_type(NOT_HAMILTONIAN),
     ValueError, r"Eq\. \(13\)"),
    ("linear_period saddle", lambda: h.linear_period(SADDLE), ValueError, "centre case"),
    # other arguments of the public API
    ("linear_system region (2, 0)", lambda: d.linear_system(CENTRE, (2, 0)), ValueError,
     "region must be one of"),
    ("linear_system region string", lambda: d.linear_system(CENTRE, "active"), TypeError,
     "region must be a pair"),
    ("linear_system region list", lambda: d.linear_system_symbolic([1, 1, 1]), ValueError,
     "region must be one of"),
    ("simulate net string", lambda: _simulate(net="net"), TypeError,
     "net must be a ctrnn.CTRNN2"),
    ("simulate y0 shape", lambda: _simulate(y0=[0.0]), ValueError, r"y0 must have shape \(2,\)"),
    ("simulate y0 string", lambda: _simulate(y0="ab"), TypeError, "y0 must be an array"),
    ("simulate y0 complex", lambda: _simulate(y0=[1j, 0]), TypeError, "y0 must be an array"),
    ("simulate y0 inf", lambda: _simulate(y0=[np.inf, 0]), ValueError, "y0 must be finite"),
    ("simulate t_eval decreasing", lambda: _simulate(t_eval=[0.0, 2.0, 1.0]), ValueError,
     "t_eval must start at 0 and increase"),
    ("simulate t_eval nan", lambda: _simulate(t_eval=[0.0, np.nan]), ValueError,
     "t_eval must be finite"),
    ("simulate t_eval ragged", lambda: _simulate(t_eval=[[0.0], [1.0, 2.0]]), ValueError,
     "t_eval must be a rectangular array"),
    ("simulate method", lambda: _simulate(method="Euler"), ValueError, "method must be one of"),
    ("simulate method not a string", lambda: _simulate(method=45), TypeError,
     "method must be one of"),
    ("simulate atol negative", lambda: _simulate(method="RK45", atol=-1.0), ValueError,
     "atol must be a positive number"),
    ("classify tol nan", lambda: d.classify(np.eye(2), tol=np.nan), ValueError,
     "tol must be finite"),
    ("classify A shape", lambda: d.classify(np.eye(3)), ValueError, "A must have shape"),
    ("linear_flow times 2-d", lambda: d.linear_flow(np.eye(2), [0, 0], [1, 1], np.zeros((2, 2))),
     ValueError, "times must be a number or a 1-d array"),
    ("logistic NaN", lambda: d.logistic([np.nan]), ValueError, "z must not contain NaN"),
    ("logistic string", lambda: d.logistic("x"), TypeError, "z must be an array"),
    ("relu NaN", lambda: relu([np.nan]), ValueError, "z must not contain NaN"),
    ("ctrnn_rhs tau zero", lambda: _rhs(tau=[1.0, 0.0]), ValueError, "tau must be positive"),
    ("ctrnn_rhs weights shape", lambda: _rhs(weights=np.eye(3)), ValueError,
     "weights must have shape"),
    ("ctrnn_rhs t string", lambda: _rhs(t="0"), TypeError, "t must be a real number"),
    ("rhs_symbolic activation 3", lambda: d.rhs_symbolic(activation=3), TypeError,
     "activation must be a SymPy function"),
    ("hamiltonian_value y shape", lambda: h.hamiltonian_value(CENTRE, np.zeros((3, 2))),
     ValueError, "y must have length 2"),
    ("coefficients require_hamiltonian string",
     lambda: h.coefficients(CENTRE, require_hamiltonian="no"), TypeError,
     "require_hamiltonian must be True or False"),
    ("hamilton_residuals string", lambda: h.hamilton_residuals("y1*y2"), TypeError,
     "H must be a SymPy expression"),
    ("common_conditions empty", lambda: h.common_conditions([]), ValueError,
     "regions must hold at least one region"),
    ("common_conditions number", lambda: h.common_conditions(3), TypeError,
     "regions must be a sequence"),
    ("boundary_level_spread samples 1",
     lambda: h.boundary_level_spread(CENTRE, [[0.5, 0.0]], samples=1), ValueError,
     "samples must be >= 2"),
    ("boundary_level_spread samples huge",
     lambda: h.boundary_level_spread(CENTRE, [[0.5, 0.0]], samples=10 ** 9), ValueError,
     "cost limit"),
    ("drift_comparison perturbation 0", lambda: h.drift_comparison(CENTRE, [0.5, 0.0],
                                                                   perturbation=0.0),
     ValueError, "perturbation must be non-zero"),
    ("drift_comparison t_max inf", lambda: h.drift_comparison(CENTRE, [0.5, 0.0], t_max=np.inf),
     ValueError, "t_max must be finite"),
    ("pendulum omega bool", lambda: h.pendulum_period(1.0, omega=True), TypeError,
     "omega must be a real number"),
    ("pendulum amplitude 4", lambda: h.pendulum_period(4.0), ValueError, "amplitude must lie"),
    ("relative_drift y shape", lambda: h.relative_drift(CENTRE, np.zeros((3, 4))), ValueError,
     "y must have shape"),
    ("sample_hamiltonian_networks n=0", lambda: wts.sample_hamiltonian_networks(0), ValueError,
     "n must be"),
    ("classical_type not a mapping", lambda: wts.classical_type([1.0, 2.0]), TypeError,
     "params must be a CTRNN2 or a mapping"),
    ("classical_type tau1 zero",
     lambda: wts.classical_type({"tau1": 0.0, "tau2": 1.0, "w11": 1.0, "w12": 1.0, "w21": 1.0}),
     ValueError, "tau1 must be positive"),
    ("true_discrete_spectrum string value",
     lambda: wts.true_discrete_spectrum({"tau1": "1", "tau2": 1.0, "w11": 1.0, "w12": 1.0,
                                         "w21": 1.0}), TypeError, "tau1 must be an array"),
    ("weyl_words negative", lambda: weyl.weyl_words(-1, 2), ValueError, "non-negative"),
    ("weyl_words float", lambda: weyl.weyl_words(1.0, 2), TypeError, "a must be an integer"),
    ("weyl_quantize non-polynomial", lambda: weyl.weyl_quantize(sp.exp(y2)), ValueError,
     "symbol must be a polynomial"),
    ("weyl_quantize p_var string", lambda: weyl.weyl_quantize(y1 * y2, p_var="y1"), TypeError,
     "p_var must be a SymPy Symbol"),
    ("weyl_quantize same variables", lambda: weyl.weyl_quantize(y1 * y2, p_var=y2), ValueError,
     "p_var and x_var must be different"),
    ("weyl_matrix non-square", lambda: weyl.weyl_matrix(y1, np.eye(2), np.ones((2, 3)), {}),
     ValueError, "p_op must be a square matrix"),
    ("weyl_matrix values list",
     lambda: weyl.weyl_matrix(weyl.hamiltonian_symbol(), *_x_p(), [1, 2]), TypeError,
     "values must be a mapping"),
    ("weyl_matrix string matrix", lambda: weyl.weyl_matrix(y1, "x", "p", {}), TypeError,
     "x_op must be a matrix"),
    ("galerkin_matrix size 0",
     lambda: weyl.galerkin_matrix(weyl.DifferentialOperator({0: y2}), {}, 0), ValueError,
     "size must be >= 1"),
    ("galerkin_matrix op string", lambda: weyl.galerkin_matrix("op", {}, 3), TypeError,
     "op must be a DifferentialOperator"),
    ("formal_adjoint string", lambda: weyl.formal_adjoint("op"), TypeError,
     "op must be a DifferentialOperator"),
    ("commutator_action not callable", lambda: weyl.commutator_action(1, weyl.momentum),
     TypeError, "first must be callable"),
    ("apply string", lambda: weyl.DifferentialOperator({1: 1}).apply("y2"), TypeError,
     "expr must be a SymPy expression"),
    ("DifferentialOperator negative order", lambda: weyl.DifferentialOperator({-1: y2}),
     ValueError, "derivative orders >= 0"),
    ("DifferentialOperator x string", lambda: weyl.DifferentialOperator({0: y2}, "y2"),
     TypeError, "x must be a SymPy Symbol"),
    ("kummer_solution root 0", lambda: kummer.kummer_solution(kummer.derived_operator(), root=0),
     ValueError, "root must be 1 or -1"),
    ("kummer_solution op string", lambda: kummer.kummer_solution("op"), TypeError,
     "op must be a DifferentialOperator"),
    ("random_coefficients rng int", lambda: kummer.random_coefficients(0, 1), TypeError,
     "rng must be a numpy.random.Generator"),
    ("residual points nan",
     lambda: kummer.residual(kummer.derived_operator(), sp.exp(-y2 ** 2),
                             {C1: 0, C2: 1, D1: 0, D2: 1, E2: 0, kummer.lam: 1.0}, [np.nan]),
     ValueError, "points must be finite"),
    ("true_eigenfunction_symbolic k=-1", lambda: kummer.true_eigenfunction_symbolic(-1),
     ValueError, "k must be a non-negative integer"),
    ("true_eigenfunction_symbolic k=1.5", lambda: kummer.true_eigenfunction_symbolic(1.5),
     TypeError, "k must be a non-negative integer"),
    ("box_levels net string", lambda: lv.box_levels("net", 5.0, 0.5), TypeError,
     "net must be a ctrnn.CTRNN2"),
    ("box_levels half_width negative", lambda: lv.box_levels(DISCRETE, -5.0, 0.5), ValueError,
     "half_width must be a positive number"),
    ("spacing_near count 1", lambda: lv.spacing_near(DISCRETE, 5.0, 0.5, count=1), ValueError,
     "count must be >= 2"),
    ("numerical_spectrum method", lambda: lv.numerical_spectrum(DISCRETE, 3, method="x"),
     ValueError, "method must be one of"),
    ("numerical_spectrum tail nan", lambda: lv.numerical_spectrum(DISCRETE, 3, tail=np.nan),
     ValueError, "tail must be finite"),
    ("numerical_spectrum size float", lambda: lv.numerical_spectrum(DISCRETE, 3, size=30.0),
     TypeError, "size must be an integer"),
    ("hermite_functions s string", lambda: lv.hermite_functions(3, "s"), TypeError,
     "s must be an array"),
    ("critical_point net None", lambda: lv.critical_point(None), TypeError,
     "net must be a ctrnn.CTRNN2"),
]
# the ten parameters of CTRNN2, each with every non-number and non-finite value
for _name in ARGS:
    for _bad, _err, _phrase in ((math.nan, ValueError, "must be finite"),
                                (math.inf, ValueError, "must be finite"),
                                (-math.inf, ValueError, "must be finite"),
                                ("1", TypeError, "must be a real number"),
                                (None, TypeError, "must be a real number"),
                                (True, TypeError, "must be a real number")):
        ERRORS.append((f"CTRNN2 {_name}={_bad!r}", (lambda n=_name, b=_bad: _net(**{n: b})),
                       _err, f"{_name} {_phrase}"))
for _name in ("tau1", "tau2"):
    for _bad in (0.0, -1.0):
        ERRORS.append((f"CTRNN2 {_name}={_bad!r}", (lambda n=_name, b=_bad: _net(**{n: b})),
                       ValueError, f"{_name} must be positive"))


@pytest.mark.parametrize("thunk, error, phrase", [case[1:] for case in ERRORS],
                         ids=[case[0] for case in ERRORS])
def test_bad_input_gives_a_clear_error(thunk, error, phrase):
    with pytest.raises((TypeError, ValueError)) as info:
        thunk()
    assert type(info.value) is error, f"{type(info.value).__name__}: {info.value}"
    assert re.search(phrase, str(info.value)), str(info.value)


# -------------------------------------------------------- right-answer cases
def _stiff_flow():
    # exp(mu t) underflows while cosh(r t) overflows: 0 * inf gave [nan, nan]
    A, b = np.array([[-5e5, 1e5], [1e5, -5e5]]), np.array([1.0, 2.0])
    got = d.linear_flow(A, b, [1.0, 1.0], [0.01])[:, 0]
    np.testing.assert_allclose(got, np.linalg.solve(A, -b), rtol=1e-14)


def _fast_network():
    net = CTRNN2(1e-4, 1e-4, 0.5, 0.1, 0.1, 0.5)
    t = np.linspace(0.0, 0.002, 5)
    exact = d.simulate(net, [1.0, -1.0], t)
    ref = d.simulate(net, [1.0, -1.0], t, method="Radau", rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(exact.y, ref.y, atol=1e-8)


def _hermite_far_out():
    # NaN for k >= 152 at y2 = 60 before; reference: mpmath at 50 digits
    for k, s in ((152, 60.0), (2000, 60.0), (400, -25.0)):
        h_k = lv.hermite_functions(k + 1, [s])[k, 0]
        with mpmath.workdps(50):
            ref = mpmath.hermite(k, s) * mpmath.exp(-mpmath.mpf(s) ** 2 / 2) / mpmath.sqrt(
                2 ** k * mpmath.factorial(k) * mpmath.sqrt(mpmath.pi))
        assert abs(h_k - float(ref)) <= 1e-12 * max(abs(float(ref)), 1e-300) + 1e-300


def _eigenfunctions_large_k():
    psi = lv.eigenfunctions(DISCRETE, 200, np.linspace(-60.0, 60.0, 241))
    assert np.all(np.isfinite(psi))


def _weyl_words_8_8():
    words = weyl.weyl_words(8, 8)
    assert len(words) == math.comb(16, 8) == len(set(words))
    assert all(w.count("p") == 8 and w.count("x") == 8 for w in words)


def _int64_everywhere():
    np.testing.assert_array_equal(lv.spectrum(DISCRETE, np.int64(3)), lv.spectrum(DISCRETE, 3))
    assert _net(w11=np.int64(2)).w11 == 2.0
    assert _simulate(max_switches=np.int64(5)).y.shape == (2, T.size)
    assert len(weyl.weyl_words(np.int64(2), np.int64(1))) == 3


def _is_hamiltonian_exact():
    assert DISCRETE.is_hamiltonian(tol=1e-12)


def _stiff_expm_reference():
    net = CTRNN2(1e-4, 1e4, 1e6, -1e6, 1e6, -1e6)
    for region in d.REGIONS:
        A, b = d.linear_system(net, region)
        t = 5.0 / np.abs(np.linalg.eigvals(A)).max()
        M = np.zeros((3, 3))
        M[:2, :2], M[:2, 2] = A, b
        ref = (scipy.linalg.expm(M * t) @ [1.0, -1.0, 1.0])[:2]
        got = d.linear_flow(A, b, [1.0, -1.0], t)[:, 0]
        assert np.abs(got - ref).max() <= 1e-9 * (1 + np.abs(ref).max())


def _inactive_k_zero():
    # y0 = I: the constant solution, for every time (no 0 * inf)
    net = _net(I1=0.5, I2=-0.5)
    np.testing.assert_array_equal(d.inactive_solution(net, [0.5, -0.5], [-1e6, 0.0, 1e6]),
                                  np.array([[0.5] * 3, [-0.5] * 3]))


ANSWERS = [
    ("linear_flow stiff node", _stiff_flow),
    ("simulate fast neurons", _fast_network),
    ("hermite functions k >= 152 at 60", _hermite_far_out),
    ("eigenfunctions k < 200 out to 60", _eigenfunctions_large_k),
    ("weyl_words 8 8", _weyl_words_8_8),
    ("np.int64 accepted", _int64_everywhere),
    ("is_hamiltonian of a Hamiltonian network", _is_hamiltonian_exact),
    ("stiff regions against expm", _stiff_expm_reference),
    ("inactive_solution constant", _inactive_k_zero),
]


@pytest.mark.parametrize("check", [c[1] for c in ANSWERS], ids=[c[0] for c in ANSWERS])
def test_right_answer(check):
    check()


def test_the_matrix_is_the_size_the_issue_describes():
    assert len(ERRORS) + len(ANSWERS) >= 140
