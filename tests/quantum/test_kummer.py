"""Tests of ctrnn.quantum.kummer: the eigenvalue problem (23) and solutions (24)-(37)."""
import numpy as np
import pytest
import sympy as sp

from ctrnn import CTRNN2, quantum
from ctrnn.audit import operators
from ctrnn.book import wavefunction
from ctrnn.classical import hamiltonian
from ctrnn.paper import formulas as printed
from ctrnn.quantum import kummer as wf
from ctrnn.quantum.weyl import DifferentialOperator, is_formally_symmetric
from ctrnn.symbols import A1, A2, C1, C2, D1, D2, E2, lam, y2

POINTS = (-0.8, 0.3, 1.1)
N_ = sp.Symbol("n", integer=True, nonnegative=True)


def _values(seed, delta_sign, c2_sign):
    v = wf.random_coefficients(np.random.default_rng(seed), delta_sign, c2_sign)
    v.update({lam: 0.41, A1: 1.0, A2: -0.7})
    return v


def test_derived_operator_is_symmetric_and_printed_is_not():
    assert is_formally_symmetric(wf.derived_operator())
    assert not (wf.derived_operator() - operators.printed_operator()).is_zero()


@pytest.mark.parametrize("which", ["printed", "derived"])
@pytest.mark.parametrize("seed,delta_sign,c2_sign", [(1, 1, 1), (2, -1, 1), (3, 1, -1), (4, -1, -1)])
def test_derived_kummer_solution_solves_its_equation(which, seed, delta_sign, c2_sign):
    sol = operators.solution(which, c2_sign)
    op = operators.printed_operator() if which == "printed" else wf.derived_operator()
    assert wf.residual(op, sol.psi, _values(seed, delta_sign, c2_sign), POINTS) < 1e-10


@pytest.mark.parametrize("seed,delta_sign,c2_sign", [(5, 1, 1), (6, -1, -1)])
def test_printed_general_solution_does_not_solve_printed_23(seed, delta_sign, c2_sign):
    psi = printed.printed_general_solution()
    assert wf.residual(operators.printed_operator(), psi, _values(seed, delta_sign, c2_sign), POINTS) > 1e-3


def test_residual_detects_a_wrong_eigenvalue():
    sol = operators.solution("derived", 1)
    expr, level = wf.true_eigenfunction_symbolic(2, 1)
    v = _values(7, -1, 1)
    assert wf.residual(wf.derived_operator(), expr, v, POINTS, eigenvalue=level) < 1e-10
    assert wf.residual(wf.derived_operator(), expr, v, POINTS, eigenvalue=level + 0.1) > 1e-3
    assert sol.kappa != 0


@pytest.mark.parametrize("net", [
    CTRNN2.from_condition_13(1.0, 1.0, 1.5, -2.0, 1.5, 0.2, -0.1, 0.3, -0.2),
    CTRNN2.from_condition_13(0.7, 1.8, 0.4, 1.2, -0.9, -0.3, 0.5, 0.0, 0.4)])
def test_kummer_levels_equal_gauge_levels(net):
    """Two independent derivations: Kummer termination vs gauge + oscillator."""
    c = net.hamiltonian_coefficients()
    sub = {C1: c["C1"], C2: c["C2"], D1: c["D1"], D2: c["D2"], E2: c["E2"]}
    sol = operators.solution("derived", 1 if c["C2"] > 0 else -1)
    kummer = [complex(sol.levels.subs(N_, k).subs(sub).evalf()) for k in range(6)]
    assert np.allclose(kummer, quantum.spectrum(net, 6), atol=1e-12)


@pytest.mark.parametrize("seed", [11, 12])
def test_paper_levels_are_the_box_levels_of_printed_23_when_c2_positive(seed):
    rng = np.random.default_rng(seed)
    while True:
        v = wf.random_coefficients(rng, 1, 1)
        if v[C2] * v[D2] > 0.05:
            break
    coarse = operators.printed_box_levels(v, 4, 14.0, 1500)
    fine = operators.printed_box_levels(v, 4, 14.0, 3001)
    extrapolated = (4 * fine - coarse) / 3
    paper = [complex(printed.printed_eigenvalue(k).subs(v)).real for k in range(4)]
    assert np.allclose(extrapolated, paper, atol=1e-5)


def test_paper_levels_have_the_wrong_sign_of_spacing_when_c2_negative():
    rng = np.random.default_rng(3)
    while True:
        v = wf.random_coefficients(rng, 1, -1)
        if v[C2] * v[D2] > 0.05:
            break
    box = operators.printed_box_levels(v, 3, 14.0, 3001)
    paper = [complex(printed.printed_eigenvalue(k).subs(v)).real for k in range(3)]
    assert np.sign(np.diff(box)[0]) == -np.sign(np.diff(paper)[0])


def test_true_eigenfunction_matches_quantum_eigenfunctions_up_to_a_constant():
    net = CTRNN2.from_condition_13(1.0, 1.0, 1.5, -2.0, 1.5, 0.2, -0.1, 0.3, -0.2)
    c = net.hamiltonian_coefficients()
    sub = {C1: c["C1"], C2: c["C2"], D1: c["D1"], D2: c["D2"], E2: c["E2"]}
    grid = np.linspace(-2, 2, 9)
    for k in range(4):
        expr, _ = wf.true_eigenfunction_symbolic(k, -1)
        f = sp.lambdify(y2, expr.subs(sub), "mpmath")
        sym = np.array([complex(f(x)) for x in grid])
        num = quantum.eigenfunctions(net, k + 1, grid)[k]
        ratio = sym / num
        assert np.allclose(ratio, ratio[0], rtol=1e-9)


def test_paper_levels_are_complex_for_a_discrete_network():
    net = CTRNN2.from_condition_13(1.0, 1.0, 1.5, -2.0, 1.5, 0.2, -0.1, 0.3, -0.2)
    assert quantum.has_discrete_spectrum(net)
    assert np.all(np.abs(printed.paper_levels(net, 4).imag) > 0.1)


def test_bad_input():
    with pytest.raises(ValueError, match="root"):
        wf.kummer_solution(wf.derived_operator(), root=0)
    with pytest.raises(ValueError, match="op must be"):
        wf.kummer_solution(DifferentialOperator({3: 1}))
    with pytest.raises(ValueError, match="k must be"):
        printed.printed_eigenfunction(-1)
    with pytest.raises(ValueError, match="k must be"):
        printed.printed_eigenvalue(1.5)
    with pytest.raises(ValueError, match="discriminant_sign"):
        wf.random_coefficients(np.random.default_rng(0), 0)
    with pytest.raises(ValueError, match="missing"):
        wf.residual(wf.derived_operator(), sp.exp(-y2 ** 2), {lam: 1.0}, POINTS)
    with pytest.raises(ValueError, match="which"):
        operators.solution("other")
    with pytest.raises(ValueError, match="symmetrized"):
        operators.printed_box_levels({C1: 0.0, C2: 1.0, D1: 0.0, D2: 1.0, E2: 5.0}, 2, 50.0, 10)


# ------------------------------------------------------------ figures (eigenstates)
def test_figures_draw_and_reject_bad_input():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ctrnn.book import benchmarks
    from ctrnn.book import wavefunction as eigenstates

    net = CTRNN2.from_condition_13(1.0, 1.0, 1.5, -2.0, 1.5, 0.2, -0.1, 0.3, -0.2)
    fig = eigenstates.plot_spectrum(net, n=4)
    assert len(fig.axes) == 1
    plt.close(fig)
    with pytest.raises(ValueError, match="levels"):
        eigenstates.plot_eigenfunctions(net, levels=(0, 1, 2, 3))
    with pytest.raises(ValueError, match="sizes"):
        benchmarks.plot_benchmark({"methods": {}})


def test_box_gap_of_a_discrete_network_is_the_oscillator_frequency():
    from ctrnn.quantum import levels

    net = CTRNN2.from_condition_13(1.0, 1.0, 1.5, -2.0, 1.5, 0.2, -0.1, 0.3, -0.2)
    gap = levels.spacing_near(net, 12.0, 0.1)
    assert gap == pytest.approx(np.sqrt(-hamiltonian.discriminant(net)), rel=1e-9)


# ------------------------------------------------ helpers the chapter calls
def test_solution_latex_shows_the_root_of_the_printed_quadratic():
    op = operators.printed_operator()
    sol = operators.solution("printed", 1)
    a2 = op.coefficient(2)
    b1 = sp.Poly(op.coefficient(1), y2).coeff_monomial(y2)
    c2 = sp.Poly(op.coefficient(0), y2).coeff_monomial(y2 ** 2)
    # xi1 solves 4 a2 xi1^2 - 2 b1 xi1 + c2 = 0 (module docstring)
    assert sp.simplify(4 * a2 * sol.xi1 ** 2 - 2 * b1 * sol.xi1 + c2) == 0
    text = wavefunction.solution_latex("printed", 1)
    # broken into lines that fit a phone (ctrnn.book.text.break_display) from the three statements
    from ctrnn.book.text import break_display
    joined = r",\quad ".join(f"{name} = {sp.latex(sp.simplify(value))}"
                             for name, value in ((r"\xi_1", sol.xi1), (r"\kappa", sol.kappa), ("c", sol.centre)))
    assert text == break_display(joined)
    parts = joined.split(r",\quad ")
    assert [p.split(" = ")[0] for p in parts] == [r"\xi_1", r"\kappa", "c"]
    assert parts[0] == r"\xi_1 = " + sp.latex(sp.simplify(sol.xi1))


@pytest.mark.parametrize("which,root", [("paper", 1), ("printed", 0)])
def test_solution_latex_rejects_bad_input(which, root):
    with pytest.raises(ValueError, match="which|root"):
        wavefunction.solution_latex(which, root)


def test_gauge_checks_hold_and_give_delta_over_4c2():
    checks = wf.gauge_checks()
    assert checks["same_symbol"] is True
    assert checks["gauge_ok"] is True
    assert sp.simplify(checks["potential_y2_squared"] - (E2 ** 2 + 4 * C2 * D2) / (4 * C2)) == 0


def test_benchmark_facts_of_a_synthetic_result():
    from ctrnn.book import benchmarks

    data = {"sizes": [8, 16, 48],
            "methods": {"hermite": {"error": [1e-3, 1e-11, 1e-14], "time": [0.1, 0.23456, 0.5]},
                        "fd": {"error": [1e-1, 1e-2, 1e-4], "time": [0.1, 0.2, 0.3]}},
            "environment": {"qutip": "9.9"}}
    facts = benchmarks.benchmark_facts(data)
    assert facts["bench_hermite_n"] == 16 and facts["bench_hermite_t"] == 0.2346
    assert facts["bench_hermite_48"] == 1e-14
    assert facts["bench_fd_n"] == "none" and np.isnan(facts["bench_fd_t"])
    assert facts["bench_fd_best"] == 1e-4 and facts["bench_qutip_version"] == "9.9"
    with pytest.raises(ValueError, match="sizes"):
        benchmarks.benchmark_facts({"methods": {}})
    with pytest.raises(ValueError, match="target"):
        benchmarks.benchmark_facts(data, target=0.0)
    with pytest.raises(ValueError, match="size"):
        benchmarks.benchmark_facts(data, size=32)


def test_identity_errors_are_rounding_level_and_reject_unknown_ids():
    from ctrnn.audit import quantum as checks

    errors = checks.identity_errors(("34", "35"))
    assert set(errors) == {"34", "35"}
    assert all(0 <= e < 1e-12 for e in errors.values())
    with pytest.raises(ValueError, match="ids"):
        checks.identity_errors(("no-such-claim",))


def test_printed_level_differences_are_the_flipped_sqrt_delta_term():
    from ctrnn.book import wavefunction as wavefunction_view

    lines = wavefunction_view.printed_level_differences().splitlines()
    assert len(lines) == 4 and all(line.startswith("- derived level") for line in lines)
    r = sp.Symbol("r")
    for line in lines:
        head, values = line.split(": ")
        ks = [int(k) for k in head.split("k = ")[1].split(", ")]
        got = [sp.sympify(v, locals={"r": r}) for v in values.split(", ")]
        # for C2 < 0 the sign of the sqrt(Delta) term flips: 2 r (k + 1/2) apart
        want = [0 if "C2 > 0" in head else r * (2 * k + 1) for k in ks]
        assert [sp.simplify(g - w) for g, w in zip(got, want)] == [0] * len(ks)


def test_residual_is_relative_scale_free_and_bounded():
    # r = |op psi - lam psi| / (sum_k |c_k psi^(k)| + |lam psi|) is homogeneous of
    # degree 0 in psi and, by the triangle inequality, at most 1
    expr, level = wf.true_eigenfunction_symbolic(2, 1)
    v = _values(7, -1, 1)
    wrong = wf.residual(wf.derived_operator(), expr, v, POINTS, eigenvalue=level + 0.1)
    scaled = wf.residual(wf.derived_operator(), 1000 * expr, v, POINTS, eigenvalue=level + 0.1)
    assert 1e-3 < wrong <= 1.0
    assert scaled == pytest.approx(wrong, rel=1e-12)
