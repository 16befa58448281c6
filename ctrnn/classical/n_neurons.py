"""When is a network of n neurons Hamiltonian?  Linear symplectic geometry of Eq. (1).

In the regime where every ReLU is active, Eq. (1) of the paper with the bias
convention of Eqs. (2)-(3) (``f(y_j + theta_j)``) is the affine system

    tau_i dy_i/dt = -y_i + sum_j w_ji (y_j + theta_j) + I_i,
    i.e.  dy/dt = A y + b,   A = T^{-1} (W^T - 1),   b = T^{-1} (W^T theta + I),

with ``T = diag(tau)`` and the weight matrix stored as ``W[j, i] = w_ji`` (row =
presynaptic neuron j, column = postsynaptic neuron i; so ``W[0, 1] = w12``
enters the equation for y2, as in Eq. 3).  Eq. (1) prints ``sigma(y_j - theta_j)``
while Eqs. (2)-(3) use ``f(y_j + theta_j)``; the sign only changes ``b``, never
``A``, so none of the criteria below depends on it.

A constant symplectic form is a nondegenerate skew matrix ``Omega``; the flow is
Hamiltonian for it, ``Omega dy/dt = -grad H`` with ``H = y.S y / 2 + c.y``, iff
``Omega A`` is symmetric, i.e. ``Omega A + A^T Omega = 0`` (the affine part ``b``
then never obstructs: ``c = -Omega b``).  With the canonical form
``J = diag([[0, 1], [-1, 0]], ...)``, pairing ``(q_m, p_m) = (y_{2m-1}, y_{2m})``,
this reproduces Hamilton's equations (11) of the paper for n = 2.

The module gives the criteria (canonical form; some form; divergence-free;
odd n and degenerate Poisson structures), constructions of Hamiltonian
networks, SymPy versions for proofs, and the chapter's figures.
"""
from __future__ import annotations

import numpy as np
import scipy.linalg as sla
import sympy as sp

#: Default relative tolerance of the numerical criteria (double precision
#: leaves residuals of order 1e-15 times the matrix norm; 1e-9 leaves six
#: orders of magnitude of headroom for accumulated rounding).
TOL = 1e-9
#: A generic element of the space of compatible forms counts as invertible when
#: its smallest singular value exceeds this fraction of its largest.
INVERTIBILITY = 1e-7


# --------------------------------------------------------------- validation
def _square(name: str, M) -> np.ndarray:
    try:
        M = np.asarray(M, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a real matrix") from None
    if M.ndim != 2 or M.shape[0] != M.shape[1] or M.shape[0] == 0:
        raise ValueError(f"{name} must be a non-empty square matrix, got shape {M.shape}")
    if not np.all(np.isfinite(M)):
        raise ValueError(f"{name} must have finite entries")
    return M


def _vector(name: str, v, n: int) -> np.ndarray:
    try:
        v = np.asarray(v, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a real vector") from None
    if v.shape != (n,):
        raise ValueError(f"{name} must have shape ({n},) to match the network, got {v.shape}")
    if not np.all(np.isfinite(v)):
        raise ValueError(f"{name} must have finite entries")
    return v


def _tau(tau, n: int) -> np.ndarray:
    tau = _vector("tau", tau, n)
    if np.any(tau <= 0):
        raise ValueError("tau must be positive (time constants tau_i > 0, Eq. 1; "
                         "the paper below Eq. 13)")
    return tau


def _tol(tol) -> float:
    if not (isinstance(tol, (int, float)) and np.isfinite(tol) and tol > 0):
        raise ValueError(f"tol must be a positive finite number, got {tol!r}")
    return float(tol)


def _null_space(M: np.ndarray, tol: float) -> np.ndarray:
    """Orthonormal basis of the right null space of M: singular values <= tol (absolute)."""
    if M.shape[0] == 0:
        return np.eye(M.shape[1])
    _, s, vh = np.linalg.svd(M)
    s = np.concatenate([s, np.zeros(M.shape[1] - len(s))])
    return vh[s <= tol].T.conj()


def _rng(rng):
    return np.random.default_rng(0) if rng is None else np.random.default_rng(rng)


# ------------------------------------------------------------- the network
def linear_system(W, tau, theta=None, I=None):
    """Matrix and offset of the all-active regime of Eq. (1): dy/dt = A y + b.

    Parameters
    ----------
    W : array_like, shape (n, n)
        Weights with the paper's indexing: ``W[j-1, i-1] = w_ji`` connects
        neuron j to neuron i (Eq. 1; ``W[0, 1] = w12`` enters Eq. 3 for y2).
    tau : array_like, shape (n,)
        Time constants, all positive.
    theta, I : array_like, shape (n,), optional
        Biases (entering as ``f(y_j + theta_j)``, Eqs. 2-3) and constant
        inputs; zero by default.

    Returns
    -------
    A : ndarray, shape (n, n)
        ``T^{-1} (W^T - 1)`` with ``T = diag(tau)``; for n = 2 the Jacobian of
        Eqs. (5)-(6).
    b : ndarray, shape (n,)
        ``T^{-1} (W^T theta + I)``.

    Raises
    ------
    ValueError
        If W is not square and finite, or tau, theta, I do not match it, or
        some tau_i <= 0.
    """
    W = _square("W", W)
    n = W.shape[0]
    tau = _tau(tau, n)
    theta = np.zeros(n) if theta is None else _vector("theta", theta, n)
    I = np.zeros(n) if I is None else _vector("I", I, n)
    A = (W.T - np.eye(n)) / tau[:, None]
    b = (W.T @ theta + I) / tau
    return A, b


def weights_from_matrix(A, tau):
    """Weights W realising a given matrix A = T^{-1}(W^T - 1) for time constants tau.

    The inverse of :func:`linear_system` (Eq. 1): ``W = (T A + 1)^T``.  Every
    real matrix A is realised, for any positive tau.

    Raises
    ------
    ValueError
        If A is not square and finite, or tau does not match or is not positive.
    """
    A = _square("A", A)
    tau = _tau(tau, A.shape[0])
    return (tau[:, None] * A + np.eye(A.shape[0])).T


# ------------------------------------------------------------ the criteria
def divergence(A) -> float:
    """Divergence tr A of the linear flow dy/dt = A y + b.

    For the network, ``sum_i (w_ii - 1) / tau_i``; for n = 2 it is
    ``CTRNN2.divergence_active``, and Eq. (12) asks it to vanish.
    """
    return float(np.trace(_square("A", A)))


def is_divergence_free(A, tol: float = TOL) -> bool:
    """Whether tr A = 0 (volume preservation; Eq. 12 generalised to n neurons).

    Necessary for the flow to be Hamiltonian for any constant symplectic or
    Poisson structure; sufficient only for n = 2.  ``tol`` is relative to
    ``sum_i |A_ii|`` (absolute when that is below 1).
    """
    A = _square("A", A)
    tol = _tol(tol)
    return abs(np.trace(A)) <= tol * max(1.0, np.abs(np.diag(A)).sum())


def canonical_form(n: int, ordering: str = "pairs") -> np.ndarray:
    """The canonical symplectic matrix J in dimension n (n even).

    Parameters
    ----------
    n : int
        Dimension, even and positive.
    ordering : {"pairs", "blocks"}
        ``"pairs"``: ``(q_m, p_m) = (y_{2m-1}, y_{2m})``, J block-diagonal with
        blocks ``[[0, 1], [-1, 0]]`` -- for n = 2 exactly Hamilton's equations
        (11) with ``y1 = q``, ``y2 = p``.  ``"blocks"``: ``q = (y_1..y_k)``,
        ``p = (y_{k+1}..y_n)``, ``J = [[0, 1], [-1, 0]]`` in k x k blocks.

    Returns
    -------
    J : ndarray, shape (n, n)
        Hamilton's equations read ``dy/dt = J grad H``.

    Raises
    ------
    ValueError
        If n is not a positive even integer (no symplectic form exists in odd
        dimension) or ordering is unknown.
    """
    if not isinstance(n, (int, np.integer)) or n <= 0 or n % 2:
        raise ValueError(f"n must be a positive even integer (a symplectic form exists "
                         f"only in even dimension), got {n!r}")
    k = n // 2
    if ordering == "pairs":
        return np.kron(np.eye(k), np.array([[0.0, 1.0], [-1.0, 0.0]]))
    if ordering == "blocks":
        return np.block([[np.zeros((k, k)), np.eye(k)], [-np.eye(k), np.zeros((k, k))]])
    raise ValueError(f"ordering must be 'pairs' or 'blocks', got {ordering!r}")


def _form_residual(Omega: np.ndarray, A: np.ndarray) -> float:
    """||Omega A + A^T Omega|| relative to ||Omega|| ||A|| (zero iff Omega A symmetric)."""
    scale = max(1.0, np.linalg.norm(A)) * np.linalg.norm(Omega)
    return float(np.linalg.norm(Omega @ A + A.T @ Omega) / scale)


def is_canonically_hamiltonian(A, tol: float = TOL, ordering: str = "pairs") -> bool:
    """Whether dy/dt = A y + b is Hamiltonian for the canonical form J, Eq. (11).

    The criterion is ``J A + A^T J = 0`` (``-J A`` symmetric; A in sp(n)).  For
    n = 2 it is ``tr A = 0``, which is Eq. (13).  With the ``"pairs"`` ordering
    it says, for each pair (2m-1, 2m), that Eq. (13) holds for that pair, and
    for two pairs P = (p1, p2), Q = (q1, q2) that ``A_QP = -adj(A_PQ)``.
    Odd n has no canonical form, and the answer is False.

    Parameters
    ----------
    A : array_like, shape (n, n)
    tol : float
        Bound on ``||J A + A^T J|| / (max(1, ||A||) ||J||)`` (Frobenius norms).
    ordering : {"pairs", "blocks"}
        Which neurons are conjugate, see :func:`canonical_form`.
    """
    A = _square("A", A)
    tol = _tol(tol)
    if A.shape[0] % 2:
        return False
    return _form_residual(canonical_form(A.shape[0], ordering), A) <= tol


def quadratic_hamiltonian(A, b=None, omega=None, tol: float = TOL):
    """The quadratic Hamiltonian H = y.S y / 2 + c.y of a Hamiltonian linear flow.

    With ``Omega dy/dt = -grad H`` (for ``Omega = J`` this is ``dy/dt = J grad H``,
    Eq. 11) one needs ``S = -Omega A`` symmetric and ``c = -Omega b``.  For n = 2
    and the canonical form, H is the paper's Eq. (18):
    ``S = [[-2 C2, E2], [E2, 2 D2]]``, ``c = (-C1, D1)`` with Eqs. (19)-(20).

    Parameters
    ----------
    A : array_like, shape (n, n)
    b : array_like, shape (n,), optional
        Zero by default.
    omega : array_like, shape (n, n), optional
        Symplectic form (skew, invertible); the canonical ``"pairs"`` form by
        default.
    tol : float
        Tolerance on the symmetry of ``Omega A`` (relative, as in
        :func:`is_canonically_hamiltonian`).

    Returns
    -------
    S : ndarray, shape (n, n), symmetric
    c : ndarray, shape (n,)

    Raises
    ------
    ValueError
        If omega is not skew and invertible, or the flow is not Hamiltonian for
        it (for n = 2 and the canonical form: Eq. 13 fails).
    """
    A = _square("A", A)
    n = A.shape[0]
    tol = _tol(tol)
    b = np.zeros(n) if b is None else _vector("b", b, n)
    if omega is None:
        omega = canonical_form(n)
    omega = _square("omega", omega)
    if omega.shape != A.shape:
        raise ValueError(f"omega must have shape {A.shape}, got {omega.shape}")
    if np.linalg.norm(omega + omega.T) > tol * np.linalg.norm(omega):
        raise ValueError("omega must be skew-symmetric (a symplectic form)")
    s = np.linalg.svd(omega, compute_uv=False)
    if s[-1] <= INVERTIBILITY * s[0]:
        raise ValueError("omega must be invertible (a symplectic form is nondegenerate)")
    r = _form_residual(omega, A)
    if r > tol:
        raise ValueError(f"the flow is not Hamiltonian for omega: omega A + A^T omega "
                         f"has relative size {r:.3g} > tol (for n = 2, Eq. 13 fails)")
    S = -omega @ A
    return (S + S.T) / 2, -omega @ b


def _skew_basis(n: int) -> list[np.ndarray]:
    basis = []
    for k in range(n):
        for l in range(k + 1, n):
            E = np.zeros((n, n))
            E[k, l], E[l, k] = 1.0, -1.0
            basis.append(E)
    return basis


def symplectic_forms(A, tol: float = TOL) -> np.ndarray:
    """Orthonormal basis of the skew matrices Omega with Omega A + A^T Omega = 0.

    These are the constant 2-forms preserved by the flow; the flow is
    Hamiltonian for ``Omega`` (generalising Eq. 11) iff in addition ``Omega``
    is invertible.  The linear map ``Omega -> Omega A + A^T Omega`` on the
    n(n-1)/2-dimensional space of skew matrices is assembled and its null space
    taken from its singular value decomposition (A is scaled to unit Frobenius
    norm first, so ``tol`` bounds the singular values counted as zero relative
    to the size of A).

    Returns
    -------
    ndarray, shape (d, n, n)
        d basis matrices, orthonormal in the Frobenius inner product (d may be 0).
    """
    A = _square("A", A)
    tol = _tol(tol)
    n = A.shape[0]
    basis = _skew_basis(n)
    if not basis:
        return np.zeros((0, n, n))
    norm = np.linalg.norm(A)
    An = A / norm if norm > 0 else A
    iu = np.triu_indices(n, 1)
    L = np.column_stack([(E @ An + An.T @ E)[iu] for E in basis])
    N = _null_space(L, tol)
    # coordinates c_kl give Omega = sum c_kl E_kl; E_kl has Frobenius norm sqrt(2)
    return np.array([sum(c * E for c, E in zip(col, basis)) / np.sqrt(2) for col in N.T]
                    ).reshape(N.shape[1], n, n)


def symplectic_form(A, tol: float = TOL, rng=None, trials: int = 3) -> np.ndarray:
    """A symplectic form Omega (skew, invertible) for which dy/dt = A y + b is Hamiltonian.

    The determinant is a polynomial on the space of compatible forms
    (:func:`symplectic_forms`), so either every element is singular or a
    random element is invertible with probability one.  ``trials`` random
    Gaussian combinations are tried; the best-conditioned one is returned.

    Raises
    ------
    ValueError
        If n is odd (a skew matrix of odd size is singular: det Omega =
        det Omega^T = (-1)^n det Omega), or no compatible form is invertible.
    """
    A = _square("A", A)
    n = A.shape[0]
    if n % 2:
        raise ValueError(f"A has odd size n = {n}: every skew-symmetric matrix of odd "
                         "size is singular, so no symplectic form exists")
    if not isinstance(trials, (int, np.integer)) or trials < 1:
        raise ValueError(f"trials must be a positive integer, got {trials!r}")
    basis = symplectic_forms(A, tol)
    if len(basis) == 0:
        raise ValueError("no nonzero skew form is preserved by A (Omega A + A^T Omega = 0 "
                         "has only Omega = 0): not Hamiltonian for any symplectic form")
    rng = _rng(rng)
    best, best_ratio = None, -1.0
    for _ in range(trials):
        Omega = np.tensordot(rng.standard_normal(len(basis)), basis, axes=1)
        s = np.linalg.svd(Omega, compute_uv=False)
        if s[-1] / s[0] > best_ratio:
            best, best_ratio = Omega, s[-1] / s[0]
    if best_ratio <= INVERTIBILITY:
        raise ValueError(f"all {len(basis)} independent skew forms preserved by A are "
                         "degenerate: not Hamiltonian for any symplectic form")
    return best / np.linalg.norm(best)


def is_hamiltonian_for_some_form(A, tol: float = TOL, rng=None) -> bool:
    """Whether dy/dt = A y + b is Hamiltonian for some constant symplectic form.

    Equivalent to: n even and a generic element of :func:`symplectic_forms` is
    invertible.  (Known normal-form theory: iff A is similar to -A and the
    Jordan blocks of eigenvalue 0 of odd size occur an even number of times.)
    For n = 2 every skew form is a multiple of J, so this is Eq. (13).
    """
    try:
        symplectic_form(A, tol, rng)
    except ValueError as err:
        if "A must" in str(err) or "tol must" in str(err):
            raise
        return False
    return True


def odd_characteristic_coefficients(A) -> np.ndarray:
    """Coefficients of the odd powers' partners in det(lambda - A): c_1, c_3, c_5, ...

    Writing ``det(lambda - A) = lambda^n + c_1 lambda^(n-1) + ... + c_n``, the
    polynomial is even or odd (spectrum symmetric under lambda -> -lambda)
    iff ``c_k = 0`` for every odd k.  ``c_1 = -tr A`` (Eq. 12 up to sign);
    ``c_k = (-1)^k E_k(A)`` with ``E_k`` the sum of k x k principal minors.
    """
    A = _square("A", A)
    c = np.real_if_close(np.poly(A))
    return np.asarray(c[1::2], dtype=float)


def has_even_characteristic_polynomial(A, tol: float = TOL) -> bool:
    """Whether the spectrum of A is symmetric under lambda -> -lambda.

    Necessary for Hamiltonian flow (``A = -Omega^{-1} A^T Omega`` is similar to
    -A); sufficient when the eigenvalues are distinct.  Each ``c_k`` is compared
    with ``tol * binom(n, k) * max(1, ||A||_2)^k``.
    """
    A = _square("A", A)
    tol = _tol(tol)
    n = A.shape[0]
    c = odd_characteristic_coefficients(A)
    norm = max(1.0, np.linalg.norm(A, 2))
    ks = np.arange(1, n + 1, 2)
    from scipy.special import comb
    return bool(np.all(np.abs(c) <= tol * comb(n, ks) * norm ** ks))


# ------------------------------------------------------------ odd n: Poisson
def poisson_structure(A, b=None, tol: float = TOL, rng=None):
    """A constant Poisson structure of rank n - 1 for which dy/dt = A y + b is Hamiltonian.

    For odd n no symplectic form exists (Sec. IV of the paper asks what to do).
    The largest possible rank of a constant Poisson tensor P (skew) is n - 1.
    ``dy/dt = P grad H`` with ``H = y.S y / 2 + g.y`` means ``A = P S``, ``b = P g``.
    Then ``c^T A = 0`` for the kernel vector c of P: the linear function c.y is a
    Casimir and A is singular (det A = det P det S = 0).  Conversely, if
    ``c^T A = 0``, the hyperplane c^perp is invariant and the flow is of this
    form iff A restricted to c^perp is Hamiltonian for a symplectic form there,
    and ``c.b = 0`` (otherwise the Casimir drifts at the rate c.b).

    Parameters
    ----------
    A : array_like, shape (n, n), n odd
    b : array_like, shape (n,), optional
    tol : float
    rng : seed or Generator, optional

    Returns
    -------
    P : ndarray (n, n), skew, rank n - 1
    S : ndarray (n, n), symmetric, with ``A = P S``
    g : ndarray (n,), with ``b = P g``
    c : ndarray (n,), unit kernel vector of P (the Casimir c.y)

    Raises
    ------
    ValueError
        If n is even (use :func:`symplectic_form`), or no such structure exists.
    """
    A = _square("A", A)
    n = A.shape[0]
    tol = _tol(tol)
    if n % 2 == 0:
        raise ValueError(f"A has even size n = {n}: use symplectic_form "
                         "(this function treats odd n)")
    b = np.zeros(n) if b is None else _vector("b", b, n)
    norm = np.linalg.norm(A)
    left = _null_space(A.T / norm, tol) if norm > 0 else np.eye(n)
    if left.shape[1] == 0:
        raise ValueError("A is invertible (det(W^T - 1) != 0): it has no linear Casimir, so "
                         "it is not Hamiltonian for any constant Poisson structure")
    rng = _rng(rng)
    candidates = [left[:, k] for k in range(left.shape[1])]
    if left.shape[1] > 1:
        candidates.append(left @ rng.standard_normal(left.shape[1]))
    reason = ""
    for c in candidates:
        c = c / np.linalg.norm(c)
        if abs(c @ b) > tol * max(1.0, np.linalg.norm(b)):
            reason = (f"the Casimir c.y drifts at rate c.b = {c @ b:.3g} != 0, so the "
                      "offset b is not in the range of any compatible P")
            continue
        U = sla.null_space(c[None, :])
        B = U.T @ A @ U
        if n == 1:
            Om = np.zeros((0, 0))
        else:
            try:
                Om = symplectic_form(B, tol, rng)
            except ValueError:
                reason = "A restricted to the invariant hyperplane c.y = 0 is not Hamiltonian"
                continue
        M = np.column_stack([U, c])
        Pi = -np.linalg.inv(Om) if n > 1 else Om
        v = U.T @ A @ c
        Sp = np.zeros((n, n))
        Sp[:-1, :-1] = -Om @ B
        Sp[:-1, -1] = Sp[-1, :-1] = -Om @ v
        Pp = np.zeros((n, n))
        Pp[:-1, :-1] = Pi
        P, S = M @ Pp @ M.T, M @ Sp @ M.T
        gp = np.zeros(n)
        gp[:-1] = -Om @ (U.T @ b)
        return (P - P.T) / 2, (S + S.T) / 2, M @ gp, c
    raise ValueError(f"not Hamiltonian for any rank-(n-1) constant Poisson structure: {reason}")


def is_poisson_hamiltonian(A, b=None, tol: float = TOL, rng=None) -> bool:
    """Whether :func:`poisson_structure` finds a rank-(n-1) Poisson structure (n odd)."""
    try:
        poisson_structure(A, b, tol, rng)
    except ValueError as err:
        if "must" in str(err) or "even size" in str(err):
            raise
        return False
    return True


def doubled_hamiltonian(A, b=None):
    """Bateman's doubling: a canonical Hamiltonian for ANY linear network, in 2n dimensions.

    Adjoin momenta p to the n neuron variables (``"blocks"`` ordering, q = y).
    ``H(y, p) = p.(A y + b)`` gives ``dy/dt = dH/dp = A y + b`` (the network,
    Eq. 1, unchanged, for every n and without Eq. 13) and ``dp/dt = -A^T p``.

    Returns
    -------
    S : ndarray (2n, 2n), symmetric, ``[[0, A^T], [A, 0]]``
    c : ndarray (2n,), ``(0, b)``
        so that ``H = z.S z / 2 + c.z`` with ``z = (y, p)``.
    """
    A = _square("A", A)
    n = A.shape[0]
    b = np.zeros(n) if b is None else _vector("b", b, n)
    Z = np.zeros((n, n))
    return np.block([[Z, A.T], [A, Z]]), np.concatenate([np.zeros(n), b])


# -------------------------------------------------------- random networks
#: Ensembles of random networks used in the chapter: name -> description.
ENSEMBLES = {
    "random": "w_ji ~ N(0, 1) i.i.d.",
    "trace-zero": "as 'random', then w_nn chosen so that tr A = 0 (Eq. 13 for n = 2)",
    "some form": ("n even: A = M^-1 J S M; n odd: A = M (J + 0) M^T S (rank n-1 "
                  "Poisson); S symmetric with N(0, 1) entries, M with N(0, 1) entries "
                  "redrawn until cond(M) <= 100; W = (T A + 1)^T"),
    "canonical": "n even only: A = J S, S symmetric with N(0, 1) entries; W = (T A + 1)^T",
}


def _symmetric(n: int, rng) -> np.ndarray:
    G = rng.standard_normal((n, n))
    return (G + G.T) / 2


#: Largest condition number of the change of basis M in the "some form" ensemble
#: (nearly singular M make A ill-conditioned and its eigenvalues inaccurate).
MAX_COND = 100.0


def _basis_change(n: int, rng) -> np.ndarray:
    while True:
        M = rng.standard_normal((n, n))
        if np.linalg.cond(M) <= MAX_COND:
            return M


def random_network(n: int, rng, ensemble: str = "random", tau_range=(0.5, 2.0)):
    """Draw weights W and time constants tau of an n-neuron network.

    tau_i ~ Uniform(tau_range); W from the named ensemble (see
    :data:`ENSEMBLES`).  "trace-zero" generalises ``CTRNN2.from_condition_13`` (which
    solves Eq. 13 for w22): ``w_nn = 1 - tau_n sum_{i<n} (w_ii - 1) / tau_i``.
    The constructed ensembles are Hamiltonian by construction: "canonical"
    (even n) for J, "some form" for ``Omega = M^T J M`` (even n) or for the
    Poisson tensor ``M (J + 0) M^T`` of rank n - 1 (odd n), with M redrawn
    until its condition number is at most :data:`MAX_COND`.

    Returns
    -------
    W : ndarray (n, n), tau : ndarray (n,)

    Raises
    ------
    ValueError
        For n < 1, an unknown ensemble, "canonical" with odd n, or a bad
        tau_range.
    """
    if not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    if ensemble not in ENSEMBLES:
        raise ValueError(f"ensemble must be one of {list(ENSEMBLES)}, got {ensemble!r}")
    lo, hi = tau_range
    if not (0 < lo <= hi < np.inf):
        raise ValueError(f"tau_range must satisfy 0 < low <= high < inf, got {tau_range!r}")
    rng = np.random.default_rng(rng)
    tau = rng.uniform(lo, hi, n)
    if ensemble in ("random", "trace-zero"):
        W = rng.standard_normal((n, n))
        if ensemble == "trace-zero":
            d = (np.diag(W)[:-1] - 1) / tau[:-1]
            W[-1, -1] = 1 - tau[-1] * d.sum()
        return W, tau
    if ensemble == "canonical" and n % 2:
        raise ValueError(f"ensemble 'canonical' needs even n (a symplectic form), got n = {n}")
    S = _symmetric(n, rng)
    if n % 2:
        P0 = np.zeros((n, n))
        P0[:-1, :-1] = canonical_form(n - 1) if n > 1 else 0.0
        M = _basis_change(n, rng)
        A = M @ P0 @ M.T @ S
    else:
        A = canonical_form(n) @ S
        if ensemble == "some form":
            M = _basis_change(n, rng)
            A = np.linalg.solve(M, A @ M)
    return weights_from_matrix(A, tau), tau


#: The criteria compared in :func:`criteria_fractions`.
CRITERIA = ("divergence-free", "Poisson (odd n)", "some form", "canonical")


def _criteria_tests(tol, rng):
    return {"divergence-free": lambda A: is_divergence_free(A, tol),
            "Poisson (odd n)": lambda A: (is_poisson_hamiltonian(A, None, tol, rng)
                                          if A.shape[0] % 2 else np.nan),
            "some form": lambda A: is_hamiltonian_for_some_form(A, tol, rng),
            "canonical": lambda A: is_canonically_hamiltonian(A, tol)}


def criteria_fractions(ns, samples: int, seed: int, tol: float = TOL):
    """Fraction of random networks meeting each criterion, per ensemble and n.

    Parameters
    ----------
    ns : iterable of int
        Numbers of neurons.
    samples : int
        Networks drawn per ensemble and n (:func:`random_network`, tau_i ~
        Uniform(0.5, 2), theta = I = 0).
    seed : int
        Seed of the single NumPy generator used throughout.
    tol : float
        Tolerance passed to every criterion.

    Returns
    -------
    dict
        ``{ensemble: {criterion: [fraction for n in ns]}}`` with NaN where the
        ensemble or criterion does not apply ("canonical" ensemble at odd n;
        the Poisson criterion at even n).  Criteria (:data:`CRITERIA`):
        :func:`is_divergence_free`, :func:`is_poisson_hamiltonian`,
        :func:`is_hamiltonian_for_some_form`, :func:`is_canonically_hamiltonian`.
    """
    if not isinstance(samples, (int, np.integer)) or samples < 1:
        raise ValueError(f"samples must be a positive integer, got {samples!r}")
    ns = [int(k) for k in ns]
    rng = np.random.default_rng(seed)
    tests = _criteria_tests(tol, rng)
    out = {e: {c: [] for c in CRITERIA} for e in ENSEMBLES}
    for ens in ENSEMBLES:
        for n in ns:
            if ens == "canonical" and n % 2:
                for c in CRITERIA:
                    out[ens][c].append(np.nan)
                continue
            hits = dict.fromkeys(CRITERIA, 0.0)
            for _ in range(samples):
                A, _b = linear_system(*random_network(n, rng, ens))
                for c in CRITERIA:
                    hits[c] += tests[c](A)
            for c in CRITERIA:
                out[ens][c].append(float(hits[c] / samples))
    return out


def criterion_codimensions(n: int, seed: int = 0) -> dict:
    """Number of independent equations each criterion imposes on the n^2 weights.

    For fixed tau the map W -> A = T^{-1}(W^T - 1) (Eq. 1) is an affine
    bijection, so codimensions in weight space equal those in matrix space:

    * divergence-free: rank of A -> tr A;
    * canonical: rank of the linear map A -> J A + A^T J (upper triangle);
    * some form: rank of the Jacobian of the odd characteristic coefficients
      (:func:`odd_characteristic_coefficients`) at a generic Hamiltonian
      matrix (ensemble "some form"), where the criterion is locally
      equivalent to their vanishing (distinct eigenvalues), by central
      differences with step 1e-5 (truncation error ~1e-10; rank cut-off 1e-6
      relative).

    Returns
    -------
    dict with keys "divergence-free", "some form", "canonical" (n even only).
    """
    if not isinstance(n, (int, np.integer)) or n < 2 or n % 2:
        raise ValueError(f"n must be an even integer >= 2, got {n!r}")
    J = canonical_form(n)
    iu = np.triu_indices(n, 1)
    units = [np.eye(n * n)[k].reshape(n, n) for k in range(n * n)]
    Lc = np.column_stack([(J @ E + E.T @ J)[iu] for E in units])
    A0 = linear_system(*random_network(n, seed, "some form"))[0]
    h = 1e-5
    Jac = np.column_stack([(odd_characteristic_coefficients(A0 + h * E)
                            - odd_characteristic_coefficients(A0 - h * E)) / (2 * h)
                           for E in units])
    rank = lambda M: int(np.sum(np.linalg.svd(M, compute_uv=False)
                                > 1e-6 * np.linalg.norm(M, 2)))
    return {"divergence-free": rank(np.eye(n).reshape(1, -1)),
            "some form": rank(Jac), "canonical": rank(Lc)}


# --------------------------------------------------------- Jordan structure
def nilpotent_matrix(sizes) -> np.ndarray:
    """Block-diagonal nilpotent matrix with Jordan blocks of the given sizes."""
    sizes = [int(k) for k in sizes]
    if not sizes or min(sizes) < 1:
        raise ValueError(f"sizes must be a non-empty list of positive integers, got {sizes!r}")
    blocks = [np.eye(k, k, 1) for k in sizes]
    return sla.block_diag(*blocks)


def real_jordan_block(eigenvalue, size: int) -> np.ndarray:
    """Real Jordan block of the given size for a real or complex eigenvalue.

    A real eigenvalue gives the usual ``size x size`` block; a complex one
    ``a + i b`` (b != 0) gives the ``2 size x 2 size`` real block with
    ``[[a, b], [-b, a]]`` on the diagonal and identities above it, which
    carries both ``a + i b`` and ``a - i b``.
    """
    if not isinstance(size, (int, np.integer)) or size < 1:
        raise ValueError(f"size must be a positive integer, got {size!r}")
    lam = complex(eigenvalue)
    if not np.isfinite(lam):
        raise ValueError(f"eigenvalue must be finite, got {eigenvalue!r}")
    if lam.imag == 0:
        return lam.real * np.eye(size) + np.eye(size, size, 1)
    C = np.array([[lam.real, lam.imag], [-lam.imag, lam.real]])
    return np.kron(np.eye(size), C) + np.kron(np.eye(size, size, 1), np.eye(2))


def nilpotent_rule(sizes) -> bool:
    """Normal-form prediction: a nilpotent matrix is Hamiltonian for some form iff
    every odd Jordan block size occurs an even number of times (so n is even).

    This is the statement from the classification of nilpotent orbits of
    sp(2k) (partitions of 2k with odd parts of even multiplicity); it is checked
    against :func:`is_hamiltonian_for_some_form` in the tests and the chapter.
    """
    sizes = [int(k) for k in sizes]
    if not sizes or min(sizes) < 1:
        raise ValueError(f"sizes must be a non-empty list of positive integers, got {sizes!r}")
    return all(sizes.count(k) % 2 == 0 for k in set(sizes) if k % 2)


# ------------------------------------------------------------------- SymPy
def symbolic_linear_system(n: int):
    """Symbolic A = T^{-1}(W^T - 1) of Eq. (1) with symbols w_ji (real), tau_i (positive).

    For n = 2 the symbols are those of :mod:`ctrnn.symbols` (w11, w12, w21,
    w22, tau1, tau2), so results compare directly with ``CTRNN2``.

    Returns
    -------
    A : sympy.Matrix (n, n); W : sympy.Matrix with ``W[j-1, i-1] = w_ji``;
    tau : tuple of symbols
    """
    if not isinstance(n, (int, np.integer)) or not 1 <= n <= 9:
        raise ValueError(f"n must be an integer from 1 to 9 (single-digit indices), got {n!r}")
    tau = sp.symbols(" ".join(f"tau{i}" for i in range(1, n + 1)), positive=True, seq=True)
    W = sp.Matrix(n, n, lambda j, i: sp.Symbol(f"w{j + 1}{i + 1}", real=True))
    A = sp.diag(*[1 / t for t in tau]) * (W.T - sp.eye(n))
    return A, W, tuple(tau)


def symbolic_odd_coefficients(A, lam=None):
    """Exact odd-index coefficients c_1, c_3, ... of det(lambda - A) (SymPy).

    The symbolic counterpart of :func:`odd_characteristic_coefficients`: for
    even n their vanishing is the spectral condition for a Hamiltonian flow
    (necessary; sufficient for distinct eigenvalues).  ``c_1 = -tr A``.
    """
    A = sp.Matrix(A)
    if A.rows != A.cols or A.rows == 0:
        raise ValueError(f"A must be a non-empty square matrix, got shape {A.shape}")
    lam = sp.Dummy("lambda") if lam is None else lam
    coeffs = A.charpoly(lam).all_coeffs()
    return [sp.factor(sp.together(c)) for c in coeffs[1::2]]


def pencil_odd_coefficients(n: int, lam=None):
    """Odd-index coefficients of det(lambda T - (W^T - 1)) in the weights and time constants.

    Since ``det(lambda - A) = det(lambda T - (W^T - 1)) / (tau_1 ... tau_n)`` for
    ``A = T^{-1}(W^T - 1)`` (Eq. 1), the spectral condition for a Hamiltonian
    flow (:func:`symbolic_odd_coefficients` vanish) reads: the polynomial
    ``det(lambda T + 1 - W^T)`` is even (n even) in lambda.  Its coefficients
    are polynomials in w_ji and tau_i; for n = 2 the only odd one is
    ``-(tau_1 (w_22 - 1) + tau_2 (w_11 - 1))``, i.e. Eq. (13).

    Returns
    -------
    list of sympy expressions, the coefficients of lambda^(n-1), lambda^(n-3), ...
    """
    _, W, tau = symbolic_linear_system(n)
    lam = sp.Dummy("lambda") if lam is None else lam
    pencil = lam * sp.diag(*tau) - (W.T - sp.eye(n))
    coeffs = sp.Poly(pencil.det(method="berkowitz"), lam).all_coeffs()
    return [sp.expand(c) for c in coeffs[1::2]]


def symbolic_forms(A):
    """General skew Omega with Omega A + A^T Omega = 0, exactly (SymPy).

    Parameters
    ----------
    A : sympy.Matrix (n, n)
        Exact entries (rationals), or symbols.

    Returns
    -------
    Omega : sympy.Matrix
        The general solution, linear in free parameters ``o_kl`` (k < l)
        that remain; ``Omega.det()`` is the square of its Pfaffian.
    """
    A = sp.Matrix(A)
    if A.rows != A.cols or A.rows == 0:
        raise ValueError(f"A must be a non-empty square matrix, got shape {A.shape}")
    n = A.rows
    Om = sp.zeros(n, n)
    syms = []
    for k in range(n):
        for l in range(k + 1, n):
            s = sp.Symbol(f"o{k + 1}{l + 1}")
            syms.append(s)
            Om[k, l], Om[l, k] = s, -s
    R = Om * A + A.T * Om
    eqs = [R[k, l] for k in range(n) for l in range(k + 1, n)]
    sol = sp.solve(eqs, syms, dict=True)
    return Om.subs(sol[0]) if sol else Om


def ctrnn2_arrays(net):
    """Weights, time constants, biases and inputs of a two-neuron ``CTRNN2`` as arrays.

    ``W = [[w11, w12], [w21, w22]]`` with the indexing of :func:`linear_system`
    (``W[0, 1] = w12`` enters Eq. (6) for y2).

    Returns
    -------
    W : ndarray (2, 2); tau, theta, I : ndarray (2,)

    Raises
    ------
    ValueError
        If ``net`` is not a ``CTRNN2``.
    """
    from ctrnn.classical.network import CTRNN2
    if not isinstance(net, CTRNN2):
        raise ValueError(f"net must be a CTRNN2, got {type(net).__name__}")
    W = np.array([[net.w11, net.w12], [net.w21, net.w22]], dtype=float)
    return (W, np.array([net.tau1, net.tau2], dtype=float),
            np.array([net.theta1, net.theta2], dtype=float), np.array([net.I1, net.I2], dtype=float))


def active_rhs_error(net, y) -> float:
    """Largest difference between A y + b of :func:`linear_system` and ``net.rhs`` (Eqs. 5-6).

    Zero up to rounding wherever both neurons are active (``y_j + theta_j > 0``).

    Raises
    ------
    ValueError
        If ``net`` is not a ``CTRNN2`` or ``y`` is not a finite 2-vector.
    """
    W, tau, theta, I = ctrnn2_arrays(net)
    y = _vector("y", y, 2)
    A, b = linear_system(W, tau, theta, I)
    return float(np.max(np.abs(A @ y + b - net.rhs(0.0, y))))


def two_neuron_canonical_residual():
    """The matrix J A + A^T J for two neurons, simplified (SymPy).

    Equals ``(tr A) J``; its vanishing is Eq. (13) (see :func:`~ctrnn.audit.n_neurons.two_neuron_checks`).
    """
    A2 = symbolic_linear_system(2)[0]
    J2 = sp.Matrix([[0, 1], [-1, 0]])
    return (J2 * A2 + A2.T * J2).applyfunc(sp.simplify)


def two_neuron_agreement(trials: int = 400, seed: int = 5) -> dict:
    """Compare the n-neuron criteria with ``CTRNN2`` on random two-neuron networks.

    Network k draws tau_i ~ U(0.5, 2) and w11, w12, w21, theta, I ~ N(0, 1);
    odd k use ``CTRNN2.from_condition_13`` (w22 from Eq. 13), even k draw
    w22 ~ N(0, 1).  A network agrees when :func:`is_canonically_hamiltonian`,
    :func:`is_hamiltonian_for_some_form` and ``CTRNN2.is_hamiltonian`` give the
    same answer and :func:`divergence` matches ``CTRNN2.divergence_active``
    (``np.isclose``).  For Hamiltonian networks :func:`quadratic_hamiltonian`
    is compared with Eq. (18): ``S = [[-2 C2, E2], [E2, 2 D2]]``,
    ``c = (-C1, D1)`` with the coefficients (19)-(20).

    Returns
    -------
    dict
        ``agree`` (int), ``trials`` (int) and ``h_err`` (largest absolute
        difference from Eq. 18).

    Raises
    ------
    ValueError
        If trials is not a positive integer.
    """
    from ctrnn.classical.network import CTRNN2
    if not isinstance(trials, (int, np.integer)) or trials < 1:
        raise ValueError(f"trials must be a positive integer, got {trials!r}")
    rng = np.random.default_rng(seed)
    names = ["w11", "w12", "w21", "theta1", "theta2", "I1", "I2"]
    agree, h_err = 0, 0.0
    for k in range(trials):
        p = dict(tau1=rng.uniform(0.5, 2), tau2=rng.uniform(0.5, 2),
                 **dict(zip(names, rng.standard_normal(7))))
        net = CTRNN2.from_condition_13(**p) if k % 2 else CTRNN2(**p, w22=rng.standard_normal())
        A, b = linear_system(*ctrnn2_arrays(net))
        ham = net.is_hamiltonian()
        agree += bool(is_canonically_hamiltonian(A) == is_hamiltonian_for_some_form(A) == ham
                      and np.isclose(divergence(A), net.divergence_active()))
        if ham:
            S, c = quadratic_hamiltonian(A, b)
            k18 = net.hamiltonian_coefficients()
            S18 = np.array([[-2 * k18["C2"], k18["E2"]], [k18["E2"], 2 * k18["D2"]]], dtype=float)
            c18 = np.array([-k18["C1"], k18["D1"]], dtype=float)
            h_err = max(h_err, np.max(np.abs(S - S18)), np.max(np.abs(c - c18)))
    return {"agree": int(agree), "trials": int(trials), "h_err": float(h_err)}


def liouville_factors(A, t: float = 1.0):
    """Volume factor det e^{A t} of the linear flow and Liouville's e^{t tr A}.

    The two agree for every A (Jacobi's formula); a Hamiltonian flow needs
    both equal to 1, which for n = 2 is Eq. (13).

    Returns
    -------
    (float, float)
        ``det(expm(A t))`` and ``exp(t tr A)``.

    Raises
    ------
    ValueError
        If A is not square and finite or t is not finite.
    """
    A = _square("A", A)
    if not (isinstance(t, (int, float)) and np.isfinite(t)):
        raise ValueError(f"t must be a finite number, got {t!r}")
    return float(np.linalg.det(sla.expm(A * t))), float(np.exp(t * np.trace(A)))


def canonical_conditions(n: int) -> list:
    """The n(n-1)/2 entries of J A + A^T J above the diagonal, factored (SymPy).

    Their vanishing is the canonical criterion (Eq. 11 for n/2 pairs) in the
    weights and time constants of Eq. (1); for n = 2 the single entry is
    ``tr A``, Eq. (13).
    """
    if not isinstance(n, (int, np.integer)) or n < 2 or n % 2:
        raise ValueError(f"n must be an even integer >= 2, got {n!r}")
    A = symbolic_linear_system(n)[0]
    J = sp.Matrix(canonical_form(n).astype(int))
    R = J * A + A.T * J
    return [sp.factor(R[k, l]) for k in range(n) for l in range(k + 1, n)]


def _adjugate2(M: np.ndarray) -> np.ndarray:
    return np.array([[M[1, 1], -M[0, 1]], [-M[1, 0], M[0, 0]]])


def canonical_block_residuals(A):
    """Residuals of the block rule for canonical flows with the ``"pairs"`` ordering.

    Writing A in 2 x 2 blocks ``A_PQ`` (one per pair of conjugate pairs), the
    criterion J A + A^T J = 0 (Eq. 11) is: ``tr A_PP = 0`` (Eq. 13 for each
    pair) and ``A_QP = -adj A_PQ`` for P != Q.

    Returns
    -------
    (float, float)
        ``max_P |tr A_PP|`` and ``max_{P != Q} max |A_QP + adj A_PQ|`` (zero
        for one pair).

    Raises
    ------
    ValueError
        If A is not square and finite, or has odd size.
    """
    A = _square("A", A)
    if A.shape[0] % 2:
        raise ValueError(f"A must have even size for the pairs ordering, got n = {A.shape[0]}")
    k = A.shape[0] // 2
    block = lambda P, Q: A[2 * P:2 * P + 2, 2 * Q:2 * Q + 2]
    tr = max(abs(np.trace(block(P, P))) for P in range(k))
    adj = max((np.max(np.abs(block(Q, P) + _adjugate2(block(P, Q))))
               for P in range(k) for Q in range(k) if P != Q), default=0.0)
    return float(tr), float(adj)


def four_neuron_spectral_checks() -> dict:
    """Exact identities for the spectral conditions of four neurons (SymPy).

    Returns
    -------
    dict
        Label -> value: ``c1 = -sum_i (w_ii - 1)/tau_i``;
        ``c3 = -sum_i tau_i det[(W^T - 1) minor ii] / prod tau`` (both True);
        and the odd coefficients of det(lambda - J S) for a general symmetric
        S (a list of zeros: canonical flows have an even characteristic
        polynomial).
    """
    A4, W4, tau4 = symbolic_linear_system(4)
    c1, c3 = symbolic_odd_coefficients(A4)
    M4 = W4.T - sp.eye(4)
    S4 = sp.Matrix(4, 4, lambda i, j: sp.Symbol(f"s{min(i, j)}{max(i, j)}", real=True))
    J4 = sp.Matrix(canonical_form(4).astype(int))
    return {
        "c1 + sum (w_ii - 1)/tau_i == 0":
            sp.simplify(c1 + sum((W4[i, i] - 1) / tau4[i] for i in range(4))) == 0,
        "c3 + sum tau_i det(minor_ii) / prod tau == 0":
            sp.simplify(c3 + sum(tau4[i] * M4.minor_submatrix(i, i).det() for i in range(4))
                        / sp.Mul(*tau4)) == 0,
        "odd coefficients of det(lambda - J S), S symmetric":
            [sp.expand(c) for c in symbolic_odd_coefficients(J4 * S4)],
    }


def _partitions(n: int):
    """Partitions of n as non-increasing lists, in SymPy's order."""
    from sympy.utilities.iterables import partitions
    for p in partitions(n):
        yield sorted((k for k, mult in p.items() for _ in range(mult)), reverse=True)




def real_jordan_matrix(blocks) -> np.ndarray:
    """Block-diagonal matrix of real Jordan blocks, given ``[(eigenvalue, size), ...]``.

    Each pair is passed to :func:`real_jordan_block` (a complex eigenvalue
    also carries its conjugate).
    """
    blocks = list(blocks)
    if not blocks:
        raise ValueError("blocks must be a non-empty list of (eigenvalue, size) pairs")
    return sla.block_diag(*[real_jordan_block(lam, k) for lam, k in blocks])


#: Real Jordan structures of the chapter with the normal-form prediction
#: (A similar to -A and the zero rule) -- Burgoyne & Cushman; Laub & Meyer.
NORMAL_FORM_CASES = (
    ([(1j, 2)], True), ([(1j, 3)], True), ([(1j, 2), (1j, 1)], True),
    ([(1j, 2), (0, 1), (0, 1)], True), ([(2, 2), (-2, 2)], True),
    ([(2, 2), (-2, 1), (-2, 1)], False), ([(1 + 1j, 1), (-1 - 1j, 1)], True),
    ([(1 + 1j, 1), (-1, 2)], False),
)


def generic_skew(n: int, name: str = "o"):
    """General skew-symmetric n x n SymPy matrix with entries ``name{i}{j}`` (i < j, from 0)."""
    if not isinstance(n, (int, np.integer)) or not 1 <= n <= 10:
        raise ValueError(f"n must be an integer from 1 to 10 (single-digit indices), got {n!r}")
    return sp.Matrix(n, n, lambda i, j: sp.Symbol(f"{name}{min(i, j)}{max(i, j)}")
                     * sp.sign(j - i))


def generic_symmetric(n: int, name: str = "s"):
    """General symmetric n x n SymPy matrix with entries ``name{i}{j}`` (i <= j, from 0)."""
    if not isinstance(n, (int, np.integer)) or not 1 <= n <= 10:
        raise ValueError(f"n must be an integer from 1 to 10 (single-digit indices), got {n!r}")
    return sp.Matrix(n, n, lambda i, j: sp.Symbol(f"{name}{min(i, j)}{max(i, j)}"))


def poisson_trace_det(n: int = 3):
    """tr(P S) and det(P S), expanded, for general skew P and symmetric S of size n.

    For odd n both vanish: a flow ``A = P S`` with a constant Poisson tensor
    is divergence-free and singular (Sec. IV of the paper, odd n).
    """
    P, S = generic_skew(n, "p"), generic_symmetric(n, "s")
    return sp.expand((P * S).trace()), sp.expand((P * S).det())


def odd_poisson_example(seed: int = 11, t_final: float = 2.0,
                        y0=(0.3, -0.2, 0.5)) -> dict:
    """A three-neuron network with a rank-2 Poisson structure, and a random one without.

    The network is :func:`random_network` ``(3, seed, "some form")`` with offset
    ``b = A (1, 1, 1)``; :func:`poisson_structure` gives P, S, g, c.  The
    Casimir c.y is followed along ``solve_ivp`` (rtol 1e-10, atol 1e-12)
    from ``y0`` to ``t_final``.  The comparison network is
    ``random_network(3, seed, "trace-zero")``.

    Returns
    -------
    dict
        ``eig1``: distance from 1 to the nearest eigenvalue of W;
        ``residual``: largest entry of ``abs(P S - A)`` and ``abs(P g - b)``;
        ``rank``: rank of P;
        ``casimir_range``: peak-to-peak variation of c.y along the trajectory;
        ``det_trace_zero``: det A of the trace-zero network;
        ``poisson_trace_zero``: :func:`is_poisson_hamiltonian` of it.
    """
    from scipy.integrate import solve_ivp
    if not (isinstance(t_final, (int, float)) and np.isfinite(t_final) and t_final > 0):
        raise ValueError(f"t_final must be a positive finite number, got {t_final!r}")
    y0 = _vector("y0", y0, 3)
    W, tau = random_network(3, seed, "some form")
    A, _ = linear_system(W, tau)
    b = A @ np.ones(3)
    P, S, g, c = poisson_structure(A, b)
    sol = solve_ivp(lambda t, z: A @ z + b, (0, t_final), y0, rtol=1e-10, atol=1e-12)
    A_tz, _ = linear_system(*random_network(3, seed, "trace-zero"))
    return {
        "eig1": float(np.min(np.abs(np.linalg.eigvals(W) - 1))),
        "residual": float(max(np.max(np.abs(P @ S - A)), np.max(np.abs(P @ g - b)))),
        "rank": int(np.linalg.matrix_rank(P)),
        "casimir_range": float(np.ptp(c @ sol.y)),
        "det_trace_zero": float(np.linalg.det(A_tz)),
        "poisson_trace_zero": is_poisson_hamiltonian(A_tz),
    }


def doubled_flow_error(A, b, z) -> float:
    """Largest deviation of the doubled Hamiltonian flow from the network and its dual.

    Hamilton's equations ``dz/dt = J grad H`` for :func:`doubled_hamiltonian`
    (``"blocks"`` ordering, z = (y, p)) are compared with ``dy/dt = A y + b``
    (Eq. 1 in the active regime) and ``dp/dt = -A^T p``.

    Raises
    ------
    ValueError
        If A, b or z (shape (2n,)) do not fit together or are not finite.
    """
    S, c = doubled_hamiltonian(A, b)
    A = _square("A", A)
    n = A.shape[0]
    b = _vector("b", b, n)
    z = _vector("z", z, 2 * n)
    flow = canonical_form(2 * n, "blocks") @ (S @ z + c)
    return float(max(np.max(np.abs(flow[:n] - (A @ z[:n] + b))),
                     np.max(np.abs(flow[n:] + A.T @ z[n:]))))


# --------------------------------------- skew-symmetric weights (related work)
def skew_weight_network(n: int, seed: int, leak_cancelled: bool = True):
    """A network with skew-symmetric coupling, as in oscillator RNNs.

    Casoni et al. (2025) show that ``dy/dt = K sigma(y)`` with K skew and
    sigma odd conserves ``sum_i G(y_i)``, ``G' = sigma``.  Eq. (1) of the paper
    has a leak ``-y_i``; on ReLU's active piece (sigma = id) the CTRNN with
    ``W = 1 + K`` (unit self-weights cancel the leak) has
    ``A = T^{-1}(W^T - 1) = -T^{-1} K``, which is ``P S`` with the skew
    ``P = -T^{-1} K T^{-1}`` and ``S = T``: Hamiltonian for ``H = y.T y / 2``
    (the quadratic case of ``sum G``, weighted by tau).  With ``W = K`` (the leak
    kept) ``tr A = -sum 1/tau_i`` and no constant structure exists.

    Parameters
    ----------
    n : int
        Number of neurons, 2 ... 12.
    seed : int
        Seed of K (entries N(0, 1), skew part) and tau (U(0.5, 2)).
    leak_cancelled : bool, optional
        ``W = 1 + K`` (True) or ``W = K`` (False).

    Returns
    -------
    W : ndarray (n, n), tau : ndarray (n,)
    """
    from ctrnn._validation import boolean, integer
    n = integer("n", n, minimum=2, maximum=12)
    seed = integer("seed", seed, minimum=0)
    leak_cancelled = boolean("leak_cancelled", leak_cancelled)
    rng = np.random.default_rng(seed)
    M = rng.normal(size=(n, n))
    K = (M - M.T) / 2
    tau = rng.uniform(0.5, 2.0, n)
    return (np.eye(n) + K if leak_cancelled else K), tau


def skew_weight_criteria(ns=(2, 3, 4, 5, 6), seed: int = 0) -> list:
    """The n-neuron criteria on skew-coupled networks, leak cancelled and kept.

    Returns
    -------
    list of dict
        One per n: ``n``, ``hamiltonian`` (some form for even n, rank n - 1
        Poisson for odd n, offset b = 0) with the leak cancelled, the same with
        the leak kept, and ``invariant_rate``: the largest
        ``|d/dt (y.T y / 2)| = |y^T T A y|`` over 100 random states (0 up to
        rounding when the leak is cancelled).
    """
    out = []
    rng = np.random.default_rng(seed)
    for n in ns:
        row = {"n": int(n)}
        for key, cancel in (("hamiltonian", True), ("with leak", False)):
            W, tau = skew_weight_network(n, seed, cancel)
            A, _ = linear_system(W, tau)
            row[key] = (is_hamiltonian_for_some_form(A) if n % 2 == 0
                        else is_poisson_hamiltonian(A, np.zeros(n)))
            if cancel:
                y = rng.normal(size=(n, 100))
                row["invariant_rate"] = float(np.abs(np.einsum("ik,ij,jk->k", y, np.diag(tau) @ A, y)).max())
        out.append(row)
    return out
