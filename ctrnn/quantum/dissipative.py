r"""Quantizing the dissipative network: the invariant, the doubled system, Koopman-von Neumann.

The paper quantizes only networks obeying Eq. (13), :math:`\operatorname{tr}A = 0` for
the both-active system :math:`\dot y = Ay + b` (5)-(6), and asks in Sec. IV why.  Three
quantizations work for any network (see :mod:`ctrnn.classical.dissipation` for the
classical side):

* **The invariant** (Caldirola-Kanai, Lewis-Riesenfeld).  In the canonical coordinates
  :math:`q = x_1`, :math:`p = e^{-2\gamma t}x_2` (:math:`x = y - y^*`,
  :math:`\gamma = \operatorname{tr}A/2`) the flow has the time-dependent Hamiltonian
  :math:`H(q,p,t)` and the exact invariant :math:`I = e^{-(\operatorname{tr}A)t}H_0(x)`.
  Its Weyl quantization :math:`\hat I(t)` is a squeezed copy of :math:`\hat H_0`, so its
  spectrum does not depend on t: :math:`h^* + s\,\omega(k + \tfrac12)` with
  :math:`\omega = \sqrt{\det A_0}`, discrete exactly when the eigenvalues of A are
  complex (:func:`invariant_spectrum`; :func:`evolve_caldirola_kanai` checks it by
  solving the Schrödinger equation of :math:`\hat H(t)`).
* **The doubled system** (Bateman; Feshbach-Tikochinsky).  The Hamiltonian
  :math:`p\cdot(Ay + b)` on the cotangent bundle, Weyl-quantized, is
  :math:`\hat H_D = -i[(Ay+b)\cdot\nabla + \operatorname{tr}A/2]`.  Its resonances,
  generalised eigenvalues with eigenfunctionals :math:`\partial^{n}\delta` at
  :math:`y^*` in the coordinates of A's eigenvectors (Gamow vectors), are
  :math:`E_{n_1n_2} = i[\lambda_1(n_1+\tfrac12) + \lambda_2(n_2+\tfrac12)]`
  (:func:`resonances`; checked against :func:`numerical_resonances`).
* **Koopman-von Neumann.**  The same :math:`\hat H_D` with the full nonlinear field:
  :math:`|\psi|^2` obeys the classical continuity equation
  (:func:`kvn_symbolic`, :func:`kvn_evolve`).
"""
from __future__ import annotations

import numbers

import numpy as np
import scipy.fft
import scipy.integrate
import scipy.linalg
import sympy as sp

from ctrnn._validation import vanishes
from ctrnn.classical import dissipation
from ctrnn.classical.network import CTRNN2


# --------------------------------------------------------------- validation
def _network(net) -> CTRNN2:
    if not isinstance(net, CTRNN2):
        raise TypeError(f"net must be a ctrnn.CTRNN2, got {type(net).__name__}")
    return net


def _count(name, value, minimum) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def _eigen_text(net) -> str:
    lam = dissipation.flow_split(net)["eigenvalues"]
    return ", ".join(f"{z.real:.6g}{z.imag:+.6g}i" for z in lam)


# ------------------------------------------------------------ the invariant
def has_discrete_invariant_spectrum(net) -> bool:
    r"""Whether the quantized invariant :math:`\hat I` has a discrete spectrum.

    True exactly when :math:`H_0 = \tfrac12 x^{\mathsf T}Sx` is definite,
    :math:`\det S = \det A_0 > 0`, i.e. when the generalised discriminant
    :math:`\Delta_A = (A_{11}-A_{22})^2/4 + A_{12}A_{21}` is negative: the eigenvalues
    :math:`\gamma \pm i\sqrt{-\Delta_A}` of A are complex (a focus, or a centre when
    (13) holds).  :math:`\Delta_A = 0` is decided by :func:`ctrnn._validation.vanishes`.

    Parameters
    ----------
    net : CTRNN2
        Any network.

    Returns
    -------
    bool
    """
    delta, size = dissipation.discriminant(_network(net))
    return bool(delta < 0 and not vanishes(delta, size))


def discrete_invariant_mask(params) -> np.ndarray:
    r""":func:`has_discrete_invariant_spectrum` of many networks at once (same rule).

    :math:`\Delta_A < 0` and not :func:`ctrnn._validation.vanishes`, on the arrays of
    :func:`ctrnn.classical.dissipation.discriminants`.

    Parameters
    ----------
    params : mapping
        Parameter arrays of the networks (see
        :func:`ctrnn.classical.dissipation.discriminants`).

    Returns
    -------
    bool ndarray of the parameters' broadcast shape.

    Examples
    --------
    >>> discrete_invariant_mask({"tau1": 1.0, "tau2": 2.0, "w11": 1.5, "w12": 2.0,
    ...                          "w21": [-2.0, 0.0, 2.0], "w22": -0.4}).tolist()
    [True, False, False]
    """
    delta, size = dissipation.discriminants(params)
    return (delta < 0) & ~vanishes(delta, size)


def invariant_spectrum(net, n: int) -> np.ndarray:
    r"""First ``n`` eigenvalues of the quantized Lewis-Riesenfeld invariant, closed form.

    :math:`\iota_k = h^* + s\,\omega\,(k + \tfrac12)`, k = 0, ..., n-1, with
    :math:`\omega = \sqrt{-\Delta_A}` (the imaginary part of A's eigenvalues),
    :math:`s = \operatorname{sign}S_{11}` (levels increase when :math:`H_0` is positive
    definite) and :math:`h^* = -\tfrac12 y^{*\mathsf T}Sy^*`
    (:func:`ctrnn.classical.dissipation.invariant_hamiltonian`).  When Eq. (13) holds,
    :math:`\gamma = 0`, the invariant is H (18) and this is
    :func:`ctrnn.quantum.levels.spectrum`.

    Parameters
    ----------
    net : CTRNN2
        Any network (Eq. 13 need not hold) whose A has complex eigenvalues.
    n : int
        Number of levels, at least 1.

    Returns
    -------
    ndarray, shape (n,)

    Raises
    ------
    TypeError
        If ``net`` is not a CTRNN2.
    ValueError
        If ``n`` is not a positive integer, or the eigenvalues of A are real
        (then :math:`H_0` is indefinite or degenerate and :math:`\hat I` has a purely
        continuous spectrum).
    """
    net = _network(net)
    n = _count("n", n, 1)
    if not has_discrete_invariant_spectrum(net):
        raise ValueError(
            "the quantized invariant has no discrete spectrum: the both-active matrix A "
            f"of Eqs. (5)-(6) has real eigenvalues ({_eigen_text(net)}), so the "
            "Hamiltonian H0 of its traceless part is indefinite or degenerate (a saddle, "
            "a node or a degenerate flow, not a focus or centre); a discrete spectrum "
            "needs complex eigenvalues, (A11 - A22)**2/4 + A12*A21 < 0")
    split = dissipation.flow_split(net)
    S, ys = split["S"], split["equilibrium"]
    omega = np.sqrt(-dissipation.discriminant(net)[0])
    h_star = -0.5 * ys @ S @ ys
    return h_star + np.sign(S[0, 0]) * omega * (np.arange(n) + 0.5)


def _quadratic_operator(coeffs, x_op, p_op):
    """Weyl quantization of (alpha q^2 + 2 beta q p + delta p^2)/2 from matrices."""
    alpha, beta, delta = coeffs
    return 0.5 * (alpha * x_op @ x_op + beta * (x_op @ p_op + p_op @ x_op)
                  + delta * p_op @ p_op)


def _grid_quadratic(q, k):
    r"""``apply(coeffs, u)``: the operator of :func:`_quadratic_operator` applied to u.

    On the periodic Fourier grid of :func:`ctrnn.quantum.levels.fourier_grid`,
    q is diagonal and p = F^H diag(k) F, so each product costs a few FFTs,
    O(N log N), instead of forming the dense N x N operator (the tests compare
    both forms).  The two terms that end in p, :math:`p(\beta\,q + \delta\,p)u`,
    share one inverse transform, and the transforms are batched in pairs: u and qu
    forward, pu and that sum back.
    """
    q2 = q * q

    def apply(coeffs, u):
        alpha, beta, delta = coeffs
        fu, fqu = scipy.fft.fft(np.array([u, q * u]), axis=-1)
        pu, p_terms = scipy.fft.ifft(np.array([k * fu, k * (delta * k * fu + beta * fqu)]),
                                     axis=-1)
        return 0.5 * (alpha * q2 * u + beta * q * pu + p_terms)
    return apply


#: Largest grid on which :func:`evolve_caldirola_kanai` applies its Hamiltonian as
#: dense matrices formed once (``_dense_quadratic``, O(N^2) a step); above it
#: the FFT form of ``_grid_quadratic`` (O(N log N)) is faster.  Measured on one
#: core: 11 against 44 us at N = 91, 15 against 43 us at N = 128, 76 against 51 us
#: at N = 256.
DENSE_MAX_SIZE = 192


def _dense_quadratic(x_op, p_op):
    """``apply(coeffs, u)`` of :func:`_quadratic_operator`, its matrices formed once.

    With x_op diagonal, (alpha q^2 + beta (qp + pq) + delta p^2)/2 is applied as the
    diagonal q^2 and one product with the stacked (qp + pq, p^2), so that time-
    dependent coefficients, as in the Caldirola-Kanai H(t), cost no new matrices.
    """
    q2 = np.diag(x_op).real ** 2
    parts = np.concatenate([x_op @ p_op + p_op @ x_op, p_op @ p_op])
    n = q2.size

    def apply(coeffs, u):
        alpha, beta, delta = coeffs
        r = parts @ u
        return 0.5 * (alpha * q2 * u + beta * r[:n] + delta * r[n:])
    return apply


def numerical_invariant_spectrum(net, n: int, t: float = 0.0, size: int = 120) -> np.ndarray:
    r"""The first ``n`` eigenvalues of :math:`\hat I(t)`, diagonalized at time ``t``.

    Independent of the closed form: the Weyl-quantized invariant
    :math:`\tfrac12(\alpha q^2 + 2\beta qp + \delta p^2) + h^*` with the coefficients of
    :func:`ctrnn.classical.dissipation.caldirola_kanai_coefficients` at time t is
    assembled from position and momentum matrices in ``size`` Hermite functions of
    length :math:`(|\delta/\alpha|)^{1/4}` (exact matrix elements, then truncated) and
    diagonalized; levels are ordered by quantum number as in :func:`invariant_spectrum`.

    Raises
    ------
    ValueError
        As :func:`invariant_spectrum`, or if ``size < n + 10``.
    """
    from ctrnn.quantum.levels import _hermite_operators
    invariant_spectrum(net, n)                      # validates
    size = _count("size", size, n + 10)
    alpha, beta, delta = dissipation.caldirola_kanai_coefficients(net, t)["I"]
    length = abs(delta / alpha) ** 0.25
    x_op, p_op = _hermite_operators(np.zeros(2), length, size)
    mat = _quadratic_operator((alpha, beta, delta), x_op.toarray(), p_op.toarray())
    levels = scipy.linalg.eigvalsh(mat[:size, :size])
    split = dissipation.flow_split(net)
    ys = split["equilibrium"]
    levels = levels - 0.5 * ys @ split["S"] @ ys
    if alpha < 0:
        levels = levels[::-1]
    return levels[:n]


class CKEvolution(dict):
    """Result of :func:`evolve_caldirola_kanai` (a dict with attribute access)."""

    __getattr__ = dict.__getitem__


def _ck_propagator(net, t):
    """Classical propagator of (q, p) from time 0 to t (only used to size the grid)."""
    split = dissipation.flow_split(net)
    g = split["gamma"]
    Phi = np.exp(g * t) * scipy.linalg.expm(split["A0"] * t)
    return np.diag([1.0, np.exp(-2 * g * t)]) @ Phi


def evolve_caldirola_kanai(net, t_eval, y0=None, level=None, size=None,
                           margin: float = 8.0, rtol: float = 1e-10) -> CKEvolution:
    r"""Solve :math:`i\,\partial_t\psi = \hat H(t)\psi` for the Caldirola-Kanai Hamiltonian.

    :math:`\hat H(t)` is the Weyl quantization of H(q, p, t)
    (:mod:`ctrnn.classical.dissipation`), :math:`[\hat q, \hat p] = i`, on a periodic
    Fourier grid in q (:func:`ctrnn.quantum.levels.fourier_operators`), integrated with
    ``scipy.integrate.solve_ivp`` (DOP853).  Nothing of the classical solution enters
    the evolution; the classical propagator only sizes the grid.

    The initial state is either the ground state of :math:`\hat I(0)` displaced to the
    network state ``y0`` (a coherent state of the invariant), or, with ``level=k``, the
    k-th eigenstate of :math:`\hat I(0)` (centred at the equilibrium).

    Parameters
    ----------
    net : CTRNN2
        A network with complex eigenvalues of A.
    t_eval : array_like
        Increasing times starting at 0.
    y0 : array_like, shape (2,), optional
        Network state to centre the coherent state on.
    level : int, optional
        Start in this eigenstate of :math:`\hat I(0)` instead.
    size : int, optional
        Grid points (default: enough to hold the packet at all times with ``margin``
        standard deviations).
    margin : float
        Standard deviations of the packet kept inside the grid.
    rtol : float
        Relative tolerance of the integrator (absolute tolerance ``rtol/100``).

    Returns
    -------
    CKEvolution
        ``t``, ``y`` (the means mapped back to the network state, shape (2, N)),
        ``invariant`` (:math:`\langle\hat I(t)\rangle`), ``invariant_var``
        (:math:`\langle\hat I^2\rangle - \langle\hat I\rangle^2`), ``norm``, ``size``.
    """
    from ctrnn.quantum.levels import fourier_grid, fourier_operators
    net = _network(net)
    invariant_spectrum(net, 1)
    t_eval = np.asarray(t_eval, dtype=float)
    if t_eval.ndim != 1 or t_eval.size < 2 or t_eval[0] != 0 or np.any(np.diff(t_eval) <= 0):
        raise ValueError("t_eval must be increasing times starting at 0")
    if (y0 is None) == (level is None):
        raise ValueError("give exactly one of y0 (coherent state) and level (eigenstate)")
    split = dissipation.flow_split(net)
    ys, S = split["equilibrium"], split["S"]
    h_star = -0.5 * ys @ S @ ys
    alpha, beta, delta = dissipation.caldirola_kanai_coefficients(net, 0.0)["I"]
    # ground-state covariance of I(0): the quadratic form's symplectic normal form
    Q = np.array([[alpha, beta], [beta, delta]])
    Q = Q if alpha > 0 else -Q
    omega = np.sqrt(np.linalg.det(Q))
    cov0 = 0.5 * np.linalg.inv(Q) * omega
    k = 0 if level is None else _count("level", level, 0)
    z0 = np.zeros(2) if y0 is None else dissipation.to_caldirola_kanai(net, y0, 0.0)
    spread = np.sqrt(2 * k + 1)
    ext = np.zeros(2)
    for s in t_eval:
        Phi = _ck_propagator(net, s)
        cov = Phi @ cov0 @ Phi.T
        ext = np.maximum(ext, np.abs(Phi @ z0) + margin * spread * np.sqrt(np.diag(cov)))
    if size is None:
        size = int(np.ceil(2.0 * ext[0] * ext[1] / np.pi * 1.1))
    size = _count("size", size, 16)
    half_width = ext[0]
    x_op, p_op = fourier_operators(0.0, 0.0, half_width, size)
    q = np.diag(x_op).real
    # initial state: eigenstate of I(0) by diagonalization on the grid, then displaced
    I0 = _quadratic_operator((alpha, beta, delta), x_op, p_op)
    w, v = scipy.linalg.eigh(I0)
    order = np.argsort(w) if alpha > 0 else np.argsort(w)[::-1]
    psi = v[:, order[k]].astype(complex)
    if y0 is not None:                               # displace by z0 = (q0, p0)
        shift = scipy.linalg.expm(1j * (z0[1] * x_op - z0[0] * p_op))
        psi = shift @ psi
    _, wavenumbers = fourier_grid(0.0, 0.0, half_width, size)
    quadratic = (_dense_quadratic(x_op, p_op) if size <= DENSE_MAX_SIZE
                 else _grid_quadratic(q, wavenumbers))
    A = split["A"]                                   # derived once, not at every step

    def rhs(s, u):
        return -1j * quadratic(dissipation.caldirola_kanai_from_matrix(A, s)["H"], u)

    sol = scipy.integrate.solve_ivp(rhs, (0.0, t_eval[-1]), psi, t_eval=t_eval,
                                    method="DOP853", rtol=rtol, atol=rtol / 100)
    if not sol.success:
        raise RuntimeError(f"integration failed: {sol.message}")
    moments = _ck_moments(sol, q, wavenumbers, quadratic, A)
    return CKEvolution(t=sol.t, y=dissipation.from_caldirola_kanai(net, moments["mean"], sol.t),
                       invariant=moments["invariant"] + h_star,
                       invariant_var=moments["invariant_var"], norm=moments["norm"],
                       size=size, q=q)


def _ck_moments(sol, q, wavenumbers, quadratic, A) -> dict:
    r"""Moments of the evolved states: :math:`\langle q\rangle, \langle p\rangle`,
    :math:`\langle\hat I\rangle - h^*`, the variance of :math:`\hat I` and the norm.

    ``sol`` holds the states as columns; ``quadratic`` applies the quadratic
    operators (:func:`_dense_quadratic` or :func:`_grid_quadratic`) and A gives the
    invariant's coefficients at each time
    (:func:`ctrnn.classical.dissipation.caldirola_kanai_from_matrix`).
    """
    mean, inv, inv_var, norm = [], [], [], []
    for j, s in enumerate(sol.t):
        u = sol.y[:, j]
        nrm = np.vdot(u, u).real
        mq = np.vdot(u, q * u).real / nrm
        mp = np.vdot(u, np.fft.ifft(wavenumbers * np.fft.fft(u))).real / nrm
        Iu = quadratic(dissipation.caldirola_kanai_from_matrix(A, s)["I"], u)
        m1 = np.vdot(u, Iu).real / nrm
        mean.append((mq, mp))
        inv.append(m1)
        inv_var.append(np.vdot(Iu, Iu).real / nrm - m1 ** 2)
        norm.append(nrm)
    return {"mean": np.array(mean).T, "invariant": np.array(inv),
            "invariant_var": np.array(inv_var), "norm": np.array(norm)}


# -------------------------------------------------------- the doubled system
def _diagonalizable_eigenvalues(net) -> np.ndarray:
    split = dissipation.flow_split(net)
    A = split["A"]
    delta, size = dissipation.discriminant(net)
    scalar = vanishes(A[0, 1], abs(A[0, 0]) + abs(A[1, 1]) + abs(A[0, 1])) and \
        vanishes(A[1, 0], abs(A[0, 0]) + abs(A[1, 1]) + abs(A[1, 0])) and \
        vanishes(A[0, 0] - A[1, 1], abs(A[0, 0]) + abs(A[1, 1]))
    if vanishes(delta, size) and not scalar:
        raise ValueError(
            "A of the both-active system (5)-(6) is defective: its eigenvalues coincide "
            f"({_eigen_text(net)}; (A11 - A22)**2/4 + A12*A21 = 0) but A is not a multiple "
            "of the identity, so it has one eigenvector and the resonances are not "
            "given by the eigenvalue formula (Jordan block)")
    return split["eigenvalues"]


def resonances(net, nmax: int) -> dict:
    r"""Resonances of the Weyl-quantized doubled Hamiltonian :math:`p\cdot(Ay + b)`.

    :math:`\hat H_D = -i[(Ay+b)\cdot\nabla + \operatorname{tr}A/2]`.  In the coordinates
    :math:`u = V^{-1}(y - y^*)` of A's eigenvectors, the monomials
    :math:`u_1^{n_1}u_2^{n_2}` are eigenfunctions of the transport part with eigenvalues
    :math:`n_1\lambda_1 + n_2\lambda_2`, and the dual functionals
    :math:`\partial_{u_1}^{n_1}\partial_{u_2}^{n_2}\delta(u)` (Gamow vectors) are
    generalised eigenvectors of :math:`\hat H_D` with

    .. math::

        E_{n_1 n_2} = i\bigl[\lambda_1(n_1+\tfrac12) + \lambda_2(n_2+\tfrac12)\bigr],

    so :math:`e^{-iEt}` decays at the rates :math:`-\operatorname{Re}\lambda(n+\tfrac12)`
    of a stable network.  For complex :math:`\lambda = \gamma\pm i\omega` this is
    Feshbach and Tikochinsky's :math:`E = -\omega(n_1-n_2) + i\gamma(n_1+n_2+1)`.

    Parameters
    ----------
    net : CTRNN2
        Any network (Eq. 13 need not hold).
    nmax : int
        Largest quantum number, >= 0.

    Returns
    -------
    dict
        ``(n1, n2) -> complex`` for 0 <= n1, n2 <= nmax; :math:`\lambda_1, \lambda_2`
        ordered as in :func:`ctrnn.classical.dissipation.eigenvalues`.

    Raises
    ------
    TypeError
        If ``net`` is not a CTRNN2.
    ValueError
        If ``nmax`` is not a non-negative integer or A is defective.
    """
    net = _network(net)
    nmax = _count("nmax", nmax, 0)
    lam1, lam2 = _diagonalizable_eigenvalues(net)
    return {(n1, n2): complex(1j * (lam1 * (n1 + 0.5) + lam2 * (n2 + 0.5)))
            for n1 in range(nmax + 1) for n2 in range(nmax + 1)}


def generator_matrix(net, degree: int) -> tuple[np.ndarray, list]:
    r"""Matrix of :math:`\hat H_D = -i[(Ay+b)\cdot\nabla + \operatorname{tr}A/2]` on polynomials.

    The basis is the monomials :math:`y_1^{i}y_2^{j}`, :math:`i + j \le` ``degree``, in
    the network's own coordinates (not A's eigenvectors); the space is invariant.

    Returns
    -------
    M : ndarray, complex, shape (m, m)
        ``M[:, c]`` holds the coefficients of :math:`\hat H_D` applied to monomial c.
    basis : list of (i, j)
    """
    net = _network(net)
    degree = _count("degree", degree, 0)
    split = dissipation.flow_split(net)
    A, b = split["A"], split["b"]
    basis = [(i, d - i) for d in range(degree + 1) for i in range(d, -1, -1)]
    index = {m: k for k, m in enumerate(basis)}
    M = np.zeros((len(basis), len(basis)), dtype=complex)
    for c, (i, j) in enumerate(basis):
        terms = {(i, j): 0.5 * (A[0, 0] + A[1, 1])}
        if i:   # (A11 y1 + A12 y2 + b1) i y1^(i-1) y2^j
            for m, coef in (((i, j), A[0, 0] * i), ((i - 1, j + 1), A[0, 1] * i),
                            ((i - 1, j), b[0] * i)):
                terms[m] = terms.get(m, 0.0) + coef
        if j:   # (A21 y1 + A22 y2 + b2) j y1^i y2^(j-1)
            for m, coef in (((i + 1, j - 1), A[1, 0] * j), ((i, j), A[1, 1] * j),
                            ((i, j - 1), b[1] * j)):
                terms[m] = terms.get(m, 0.0) + coef
        for m, coef in terms.items():
            M[index[m], c] += -1j * coef
    return M, basis


def numerical_resonances(net, degree: int) -> np.ndarray:
    r"""Resonances of :math:`\hat H_D` by numerical diagonalization on polynomials.

    The eigenvalues of :func:`generator_matrix` (``numpy.linalg.eigvals``) are those
    of :math:`\hat H_D` on polynomials of degree <= ``degree``; the resonances are the
    eigenvalues of its adjoint on the dual space (the Gamow functionals), their complex
    conjugates.  No eigenvector of A and no closed form is used.

    Returns
    -------
    ndarray of complex, shape ((degree+1)(degree+2)/2,)

    Raises
    ------
    ValueError
        If LAPACK cannot diagonalize the matrix (it happens for a nearly
        defective A with subnormal entries, such as a cross weight of 1e-45).
    """
    M, _ = generator_matrix(net, degree)
    try:
        return np.conj(np.linalg.eigvals(M))
    except np.linalg.LinAlgError as exc:
        raise ValueError(f"net: the generator matrix on polynomials of degree <= {degree} "
                         f"could not be diagonalized ({exc}); A is nearly defective "
                         "(its eigenvalues almost coincide)") from exc


# --------------------------------------------------- Koopman-von Neumann
def kvn_symbolic() -> dict:
    r"""SymPy derivation of the Koopman-von Neumann equation for any planar field F.

    Weyl ordering of the symbol :math:`p_kF_k(y)`, linear in p, is
    :math:`\tfrac12(\hat p_kF_k + F_k\hat p_k)` with :math:`\hat p_k = -i\partial_k`.
    Applied to a generic :math:`\psi = u + iv` it gives
    :math:`-i[F\cdot\nabla + \tfrac12\nabla\cdot F]\psi`; with
    :math:`i\partial_t\psi = \hat H\psi`, :math:`\rho = |\psi|^2` obeys
    :math:`\partial_t\rho + \nabla\cdot(F\rho) = 0`.

    Returns
    -------
    dict
        ``operator``: Weyl(p.F) psi minus :math:`-i[F\cdot\nabla + \nabla\cdot F/2]\psi`;
        ``continuity``: :math:`\partial_t\rho + \nabla\cdot(F\rho)`; both simplified (0).
        ``hamiltonian``: the operator's action as a SymPy expression.
    """
    y1, y2 = sp.symbols("y1 y2", real=True)
    F = [sp.Function("F1", real=True)(y1, y2), sp.Function("F2", real=True)(y1, y2)]
    u = sp.Function("u", real=True)(y1, y2)
    v = sp.Function("v", real=True)(y1, y2)
    psi = u + sp.I * v
    ys = (y1, y2)

    def p(k, f):
        return -sp.I * sp.diff(f, ys[k])

    weyl = sum(sp.Rational(1, 2) * (p(k, F[k] * psi) + F[k] * p(k, psi)) for k in range(2))
    div = sp.diff(F[0], y1) + sp.diff(F[1], y2)
    kvn = -sp.I * (F[0] * sp.diff(psi, y1) + F[1] * sp.diff(psi, y2) + div * psi / 2)
    def evolve(f):                                           # i df/dt = H f
        return sp.expand(-sp.I * sum(sp.Rational(1, 2) * (p(k, F[k] * f) + F[k] * p(k, f))
                                     for k in range(2)))

    du, dv = evolve(u), evolve(v)                            # real: H is -i times a real operator
    rho = u ** 2 + v ** 2
    drho = 2 * u * du + 2 * v * dv
    flux = sp.diff(F[0] * rho, y1) + sp.diff(F[1] * rho, y2)
    return {"operator": sp.simplify(sp.expand(weyl - kvn)),
            "imaginary_part": sp.expand(du + dv).coeff(sp.I),
            "continuity": sp.simplify(sp.expand(drho + flux)),
            "hamiltonian": kvn}


def _spectral_grid(centre, half_width, size):
    """Meshes of the periodic box and the real-FFT wavenumbers of each axis."""
    axes = [c - h + 2 * h * np.arange(size) / size for c, h in zip(centre, half_width)]
    k = [2 * np.pi * scipy.fft.rfftfreq(size, d=2 * h / size) for h in half_width]
    return np.meshgrid(*axes, indexing="ij"), k


def _axis_derivative(f, k, axis):
    r"""Spectral derivative of real samples ``f`` along one axis, :math:`\partial f`.

    ``irfft(i k rfft(f))`` along ``axis`` (extra leading axes are a batch): the
    real part of ``ifft2(i K fft2(f))`` with K the mesh of k along that axis, in a
    quarter of the work (one real transform per line; the Nyquist term, imaginary,
    drops out of both).
    """
    shape = [1] * f.ndim
    shape[axis] = k.size
    spectrum = scipy.fft.rfft(f, axis=axis)
    return scipy.fft.irfft(1j * k.reshape(shape) * spectrum, n=f.shape[axis], axis=axis)


def _kvn_generator(F, k1, k2):
    r"""``rhs(t, u)`` of :math:`\partial_t\psi = -\tfrac12\sum_k(\partial_kF_k + F_k\partial_k)\psi`.

    The Weyl-symmetric :math:`-i\hat H` of :func:`kvn_evolve` on the flattened grid,
    skew-symmetric, so the evolution is orthogonal; each axis's two derivatives,
    of :math:`\psi` and of :math:`F_k\psi`, are one batched transform.
    """
    size = F.shape[1]

    def rhs(_, u):
        psi = u.reshape(size, size)
        d1 = _axis_derivative(np.stack([psi, F[0] * psi]), k1, axis=1)
        d2 = _axis_derivative(np.stack([psi, F[1] * psi]), k2, axis=2)
        return -0.5 * (F[0] * d1[0] + d1[1] + F[1] * d2[0] + d2[1]).ravel()
    return rhs


def kvn_evolve(net, t_eval, mean, std, half_width, centre=None, size: int = 128,
               rtol: float = 1e-9):
    r"""Evolve a density both ways: the KvN Schrödinger equation and the classical flow.

    *Quantum:* :math:`\psi_0 = \sqrt{\rho_0}` for a Gaussian :math:`\rho_0` (independent
    coordinates, ``mean``, ``std``) evolves by :math:`i\partial_t\psi = \hat H\psi`,
    :math:`\hat H = -i[F\cdot\nabla + \tfrac12\nabla\cdot F]` with the network's full
    ReLU field :math:`F` (Eqs. 2-4, ``net.rhs``), in its Weyl-symmetric form
    :math:`\tfrac12\sum_k(\hat p_kF_k + F_k\hat p_k)` (skew-adjoint on the grid, so the
    evolution is unitary), on a periodic Fourier grid (spectral derivatives,
    ``solve_ivp`` DOP853).  *Classical:* the exact solution of the
    continuity equation by characteristics of the both-active system,
    :math:`\rho(t,y) = \rho_0(y^* + e^{-At}(y-y^*))\,e^{-(\operatorname{tr}A)t}`, valid
    while the density stays in the both-active region (``outside`` reports how much
    of it lies elsewhere).

    Parameters
    ----------
    net : CTRNN2
    t_eval : array_like
        Increasing times from 0.
    mean, std : (float, float)
        Centre and standard deviations of the initial Gaussian density.
    half_width : (float, float)
        Half-widths of the periodic box.
    centre : (float, float), optional
        Centre of the box (default ``mean``).
    size : int
        Grid points per axis.
    rtol : float
        Relative tolerance of the integrator.

    Returns
    -------
    dict
        ``t``, ``grid`` (y1, y2 meshes), ``quantum`` and ``classical`` densities
        (shape (N, size, size)), ``error`` (largest difference over the peak, per time),
        ``outside`` (largest classical density outside the both-active region over the
        peak, per time),
        ``mass`` (quantum total probability per time).
    """
    net = _network(net)
    size = _count("size", size, 16)
    t_eval = np.asarray(t_eval, dtype=float)
    centre = mean if centre is None else centre
    (Y1, Y2), (k1, k2) = _spectral_grid(centre, half_width, size)
    cell = (2 * half_width[0] / size) * (2 * half_width[1] / size)

    def rho0(y1, y2):
        return np.exp(-0.5 * (((y1 - mean[0]) / std[0]) ** 2 + ((y2 - mean[1]) / std[1]) ** 2)) \
            / (2 * np.pi * std[0] * std[1])

    Y = np.array([Y1, Y2])
    rhs = _kvn_generator(net.rhs(0.0, Y), k1, k2)
    psi0 = np.sqrt(rho0(Y1, Y2)).ravel()
    sol = scipy.integrate.solve_ivp(rhs, (0.0, t_eval[-1]), psi0, t_eval=t_eval,
                                    method="DOP853", rtol=rtol, atol=rtol * 1e-3)
    quantum = (sol.y.T.reshape(-1, size, size)) ** 2
    split = dissipation.flow_split(net)
    ys, A = split["equilibrium"], split["A"]
    classical = []
    for s in t_eval:          # characteristics of the both-active system, exact
        back = scipy.linalg.expm(-A * s)
        Yb = np.einsum("ij,j...->i...", back, Y - ys[:, None, None]) + ys[:, None, None]
        classical.append(rho0(Yb[0], Yb[1]) * np.exp(-np.trace(A) * s))
    classical = np.array(classical)
    peak = classical.reshape(len(t_eval), -1).max(axis=1)
    error = np.abs(quantum - classical).reshape(len(t_eval), -1).max(axis=1) / peak
    active = (Y1 + net.theta1 >= 0) & (Y2 + net.theta2 >= 0)
    outside = np.array([c[~active].max(initial=0.0) for c in classical]) / peak
    return {"t": t_eval, "grid": (Y1, Y2), "quantum": quantum, "classical": classical,
            "error": error, "outside": outside,
            "mass": quantum.reshape(len(t_eval), -1).sum(axis=1) * cell}
