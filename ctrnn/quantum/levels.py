r"""The spectrum of the correctly Weyl-quantized Hamiltonian (18).

With the representation of Eq. (21), x = ŷ2 = y2 (multiplication) and
p = ŷ1 = -i d/dy2, the Weyl quantization of H (18) is (see
:mod:`ctrnn.quantum.weyl`)

.. math::

    \hat H = -C_1 p - C_2 p^2 + D_1 x + D_2 x^2 + \tfrac{E_2}{2}(x p + p x).

Completing the square in p, :math:`\hat H = -C_2 (p - a(x))^2 + V(x)` with
:math:`a(x) = (E_2 x - C_1)/(2 C_2)` and
:math:`V(x) = C_2 a(x)^2 + D_1 x + D_2 x^2`.  The gauge transformation
:math:`\psi = e^{i\varphi}\chi`, :math:`\varphi' = a`, is unitary and maps
:math:`\hat H` to :math:`-C_2 p^2 + V(x)`, a Schrödinger operator whose
potential has the x² coefficient :math:`\Delta/(4 C_2)` with the
discriminant

.. math::

    \Delta = E_2^2 + 4 C_2 D_2
            = \frac{(w_{11}-1)^2}{\tau_1^2} + \frac{w_{12} w_{21}}{\tau_1 \tau_2}.

* Δ < 0: a harmonic oscillator of frequency ω = sqrt(-Δ); the spectrum is
  discrete, :math:`\lambda_n = H(z^*) + s\,\omega (n + 1/2)` with
  :math:`s = -\operatorname{sign} C_2` (the sign that makes the quadratic part
  of H definite) and :math:`H(z^*)` the value of H at its critical point.
* Δ > 0: an inverted oscillator; Δ = 0: a linear (Stark) potential or a free
  particle; C2 = 0: a first-order operator.  In all these cases the spectrum
  is continuous and there are no normalizable eigenfunctions.

:func:`spectrum` evaluates the closed form; :func:`numerical_spectrum`
diagonalizes a matrix built from the Weyl-ordered symbol on a grid, without
using the closed form.
"""
from __future__ import annotations

import numpy as np
import scipy.linalg
import scipy.sparse

from ctrnn import _validation as V
from ctrnn.classical import hamiltonian
from ctrnn.classical.dynamics import equilibrium
from ctrnn.classical.network import CTRNN2


# --------------------------------------------------------------- validation
def _coefficients(net) -> dict:
    """C1, C2, D1, D2, E2 of a Hamiltonian network (Eqs. 19-20)."""
    V.instance("net", net, CTRNN2, "ctrnn.CTRNN2")
    return hamiltonian.coefficients(net)


def _check_levels(n, maximum=V.MAX_LEVELS, remedy="ask for fewer levels") -> int:
    if V._is_bool(n) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"n must be a positive integer (number of levels), got {n!r} "
                        f"({type(n).__name__})")
    if n < 1:
        raise ValueError(f"n must be a positive integer (number of levels), got {n!r}")
    return V.integer("n", n, maximum=maximum, remedy=remedy)


# ------------------------------------------------------------ classification
def has_discrete_spectrum(net) -> bool:
    """Whether the Weyl-quantized Hamiltonian has a purely discrete spectrum.

    True exactly when the discriminant Δ = E2² + 4 C2 D2
    (:func:`ctrnn.classical.hamiltonian.discriminant`) is negative, i.e. when
    w12 w21 < -τ2 (w11 - 1)²/τ1: the cross weights have opposite signs and
    are strong enough.  Δ = 0 is decided by
    :func:`ctrnn.classical.hamiltonian.discriminant_sign`, the rule every
    classifier of the package shares.

    Parameters
    ----------
    net : CTRNN2
        A Hamiltonian network (Eq. 13).

    Returns
    -------
    bool

    Raises
    ------
    ValueError
        If ``net`` is not a CTRNN2 or violates the Hamiltonian condition (13).
    """
    _coefficients(net)  # validates the type and condition (13)
    return hamiltonian.discriminant_sign(net) < 0


def discrete_spectrum_mask(params) -> np.ndarray:
    """:func:`has_discrete_spectrum` of many networks at once (Δ < 0, same rule).

    Parameters
    ----------
    params : CTRNN2 or mapping
        See :func:`ctrnn._validation.hamiltonian_params`.

    Returns
    -------
    bool ndarray of the parameters' broadcast shape.

    Raises
    ------
    TypeError, ValueError
        As :func:`ctrnn._validation.hamiltonian_params` (for instance a network that
        violates Eq. 13), or if Δ overflows float64.
    """
    p = V.hamiltonian_params(params)
    return hamiltonian.discriminant_signs(p) < 0


def quadratic_form(net) -> np.ndarray:
    """Matrix A of the quadratic part of H (18) in the variables (y1, y2).

    H(z) = zᵀ A z + b·z with A = [[-C2, E2/2], [E2/2, D2]], b = (-C1, D1).
    """
    c = _coefficients(net)
    return np.array([[-c["C2"], c["E2"] / 2.0], [c["E2"] / 2.0, c["D2"]]])


def critical_point(net) -> tuple[np.ndarray, float]:
    """Critical point z* = (y1*, y2*) of H (18) and the value H(z*).

    Raises
    ------
    ValueError
        If the quadratic part is degenerate (Δ = 0): no unique critical point.
    """
    _coefficients(net)
    if hamiltonian.discriminant_sign(net) == 0:
        raise ValueError("H (18) has no unique critical point: discriminant "
                         "E2**2 + 4*C2*D2 = 0")
    z = equilibrium(net, (1, 1))       # the critical point of H is the flow's equilibrium
    with np.errstate(over="ignore", invalid="ignore"):
        value = float(hamiltonian.hamiltonian_value(net, z))
    if not (np.all(np.isfinite(z)) and np.isfinite(value)):
        raise ValueError("the critical point of H (18) or H there overflows float64; "
                         "rescale the network")
    return z, value


def _require_discrete(net) -> None:
    delta = hamiltonian.discriminant(net)
    if not delta < 0.0:
        c = _coefficients(net)
        raise ValueError(
            "the quantized Hamiltonian (Weyl quantization of Eq. 18) has no discrete "
            f"spectrum: the discriminant E2**2 + 4*C2*D2 = {delta:.6g} is not negative "
            f"(C2 = {c['C2']:.6g}, D2 = {c['D2']:.6g}, E2 = {c['E2']:.6g}). After the "
            "gauge transformation removing the first-order terms it is -C2 p**2 + V(x) "
            "with V of x**2 coefficient Delta/(4*C2): an inverted oscillator (Delta > 0), "
            "a linear or constant potential (Delta = 0) or a first-order operator "
            "(C2 = 0), all with continuous spectrum. A discrete spectrum needs "
            "w12*w21 < -tau2*(w11 - 1)**2/tau1.")


# ---------------------------------------------------------------- closed form
def spectrum(net, n: int) -> np.ndarray:
    """First ``n`` energy levels of the Weyl-quantized Hamiltonian, closed form.

    λ_k = H(z*) + s sqrt(-Δ) (k + 1/2), k = 0, 1, ..., n-1, where Δ is the
    :func:`~ctrnn.classical.hamiltonian.discriminant`, H(z*) the value of H (18) at its critical point and
    s = -sign(C2): levels increase with k when the quadratic part of H is
    positive definite (C2 < 0) and decrease when it is negative definite
    (C2 > 0); the operator is then bounded above, not below.

    Parameters
    ----------
    net : CTRNN2
        A Hamiltonian network (Eq. 13) with Δ < 0.
    n : int
        Number of levels, at least 1.

    Returns
    -------
    numpy.ndarray of shape (n,)
        Levels ordered by quantum number.

    Raises
    ------
    TypeError
        If ``net`` is not a CTRNN2 or ``n`` not an integer.
    ValueError
        If the network is not Hamiltonian (Eq. 13), if Δ ≥ 0 (no discrete
        spectrum), if ``n`` is not positive or above the cost limit
        :data:`ctrnn._validation.MAX_LEVELS` = 10**7 (80 MB of levels), or if
        the coefficients or the levels overflow float64 (weights near 1e150
        and beyond).

    Examples
    --------
    A centre (Δ = -3.75 < 0) with C2 = 0.5 > 0: the levels decrease with k.

    >>> from ctrnn import CTRNN2
    >>> net = CTRNN2(1.0, 2.0, 1.5, 2.0, -2.0, 0.0, theta1=1.0, theta2=1.0)
    >>> spectrum(net, 3).round(6)
    array([ 0.124276, -1.198599, -2.521475])
    """
    n = _check_levels(n)
    _require_discrete(net)
    c = _coefficients(net)
    omega = np.sqrt(-hamiltonian.discriminant(net))
    _, h_star = critical_point(net)
    sign = -np.sign(c["C2"])
    with np.errstate(over="ignore", invalid="ignore"):
        out = h_star + sign * omega * (np.arange(n) + 0.5)
    if not np.all(np.isfinite(out)):
        raise ValueError(f"the levels overflow float64 (H(z*) = {h_star:.3g}, "
                         f"sqrt(-Delta) = {omega:.3g}); rescale the network")
    return out


# ------------------------------------------------------------ numerical route
def _phase_space_box(net, n: int, tail: float):
    """Centre and half-extents (in y2 and y1) of a phase-space box holding the
    first n states: the classical orbit enclosing area 2π(n + 1/2) (ħ = 1),
    widened by ``tail`` ground-state widths.  Uses only the classical
    quadratic form, not the closed-form spectrum."""
    a = quadratic_form(net)
    a = a if a[0, 0] > 0 else -a            # make it positive definite
    z, _ = critical_point(net)
    root_det = np.sqrt(np.linalg.det(a))
    inv = np.linalg.inv(a)

    def extents(level):                     # orbit z^T A z = E of area 2π(level+1/2)
        energy = 2.0 * root_det * (level + 0.5)
        return np.sqrt(energy * np.diag(inv))

    outer, ground = extents(n - 1), extents(0)
    p_ext, x_ext = outer + tail * ground
    return z[1], z[0], x_ext, p_ext


def fourier_grid(centre_x, centre_p, half_width, size):
    """Grid points and wavenumbers of :func:`fourier_operators`.

    ``x_op = diag(x)`` and ``p_op = F^H diag(k) F`` with F the unitary DFT, so
    ``p_op @ u == np.fft.ifft(k * np.fft.fft(u))``: callers that only apply the
    operators use this O(size log size) form instead of the dense matrices.
    Arguments are not validated here (see :func:`fourier_operators`).
    """
    x = centre_x - half_width + 2.0 * half_width * np.arange(size) / size
    k = 2.0 * np.pi * np.fft.fftfreq(size, d=2.0 * half_width / size) + centre_p
    return x, k


def fourier_operators(centre_x, centre_p, half_width, size):
    """Position and momentum matrices on a periodic Fourier grid (Hermitian).

    The grid has ``size`` points ``x_j = centre_x - half_width + 2 half_width j / size``
    in y2 (the position of Eq. 21).  The momentum matrix (ŷ1 = -i d/dy2) is
    diagonal in the discrete Fourier basis with wavenumbers shifted by
    ``centre_p``: it is the momentum of a wavefunction whose grid values are
    ``exp(-i centre_p y2) psi(y2)``, so that a state centred at momentum
    ``centre_p`` is resolved with the same number of points as one at rest.
    Callers evolving psi itself multiply by that phase (or take
    ``centre_p = 0``).

    Parameters
    ----------
    centre_x, centre_p : float
        Centre of the grid in y2 and in momentum y1.
    half_width : float
        Half the length of the periodic box in y2 (positive).
    size : int
        Number of grid points.

    Returns
    -------
    x_op, p_op : ndarray, shape (size, size)
        Hermitian matrices of ŷ2 and ŷ1.

    Raises
    ------
    TypeError
        If an argument is not a number (``size`` an integer).
    ValueError
        If a number is not finite, ``half_width`` not positive, ``size``
        below 1 or above the cost limit :data:`ctrnn._validation.MAX_MATRIX_SIZE`
        = 2000 (dense matrices, diagonalized at O(size³)).
    """
    centre_x, centre_p = V.real("centre_x", centre_x), V.real("centre_p", centre_p)
    half_width = V.real("half_width", half_width, positive=True)
    size = V.integer("size", size, minimum=1, maximum=V.MAX_MATRIX_SIZE,
                     remedy="use a coarser grid or a smaller box")
    x, k = fourier_grid(centre_x, centre_p, half_width, size)
    # F^H diag(k) F is circulant: entry (j, l) is ifft(k)[(j - l) mod size]
    p = scipy.linalg.circulant(np.fft.ifft(k))
    return np.diag(x), 0.5 * (p + p.conj().T)


def _hermite_basis_rule(net):
    """Centre, length and covering ratio of the Hermite basis of
    :func:`numerical_spectrum` (``method="hermite"``).

    The basis functions are the harmonic-oscillator eigenfunctions of length
    s centred at the classical critical point (y1*, y2*), with s⁴ = A11/A22
    from the diagonal of the quadratic form A of H (the oscillator length if
    the cross term E2 y1 y2 were absent).  ``ratio`` is the largest value of
    (y2²/s² + s² y1²)/(zᵀ A z) over phase space (A made positive definite):
    how much larger the basis' phase-space disk must be than a classical orbit
    to contain it.
    """
    a = quadratic_form(net)
    a = a if a[0, 0] > 0 else -a
    z, _ = critical_point(net)
    s = (a[0, 0] / a[1, 1]) ** 0.25
    w, v = np.linalg.eigh(a)
    inv_sqrt = v @ np.diag(w ** -0.5) @ v.T
    ratio = np.linalg.eigvalsh(inv_sqrt @ np.diag([s ** 2, s ** -2]) @ inv_sqrt)[-1]
    return z, s, ratio, np.sqrt(np.linalg.det(a))


def _hermite_operators(centre, length, size, pad=2):
    """Position and momentum matrices in the first size + pad Hermite functions
    (exact: x and p are tridiagonal in that basis)."""
    total = size + pad
    lower = scipy.sparse.diags(np.sqrt(np.arange(1, total)), 1, format="csr")  # annihilation
    eye = scipy.sparse.identity(total, format="csr")
    x_op = centre[1] * eye + length * (lower + lower.T) / np.sqrt(2.0)
    p_op = centre[0] * eye + 1j * (lower.T - lower) / (np.sqrt(2.0) * length)
    return x_op.tocsr(), p_op.tocsr()


def _fd_operators(centre_x, centre_p, half_width, size):
    """Position, momentum and momentum-squared matrices of second-order central
    differences on a grid with Dirichlet ends (each Hermitian).

    Functions are written e^{i p_c y2} u(y2), so that ŷ1 = p_c - i d/dy2 and
    ŷ1² = p_c² - 2i p_c d/dy2 - d²/dy2² act on u, centring the momenta the
    grid must resolve at p_c."""
    x = np.linspace(centre_x - half_width, centre_x + half_width, size + 2)[1:-1]
    h = x[1] - x[0]
    ones = np.ones(size - 1)
    d1 = scipy.sparse.diags([ones, -ones], [1, -1], format="csr") / (2.0 * h)
    d2 = scipy.sparse.diags([ones, -2.0 * np.ones(size), ones], [1, 0, -1],
                            format="csr") / h ** 2
    eye = scipy.sparse.identity(size, format="csr")
    p_op = centre_p * eye - 1j * d1
    p2_op = centre_p ** 2 * eye - 2j * centre_p * d1 - d2
    return scipy.sparse.diags(x, format="csr"), p_op.tocsr(), p2_op.tocsr()


def hamiltonian_matrix(net, x_op, p_op, p2_op=None) -> np.ndarray:
    """Matrix of the Weyl-ordered Ĥ from position and momentum matrices.

    Each monomial of H (18), with y1 → p and y2 → x, is replaced by the
    symmetrized product of the matrices (Weyl ordering; see
    :func:`ctrnn.quantum.weyl.weyl_matrix`), so the result is Hermitian whenever
    ``x_op`` and ``p_op`` are.

    Parameters
    ----------
    net : CTRNN2
        A Hamiltonian network (Eq. 13).
    x_op, p_op : numpy.ndarray
        Square Hermitian matrices representing ŷ2 and ŷ1 (Eq. 21).
    p2_op : numpy.ndarray, optional
        A matrix to use for ŷ1² instead of ``p_op @ p_op`` (e.g. the
        three-point second difference).

    Returns
    -------
    numpy.ndarray, complex, shape of ``x_op``

    Raises
    ------
    TypeError, ValueError
        As for :func:`ctrnn.quantum.weyl.weyl_matrix` (matrices of numbers,
        square, of equal shape, finite, at most ``MAX_MATRIX_SIZE`` rows), and
        if ``net`` is not a Hamiltonian CTRNN2 (Eq. 13).
    """
    from ctrnn.quantum.weyl import hamiltonian_symbol, weyl_matrix

    c = _coefficients(net)
    values = {k: c[k] for k in ("C1", "C2", "D1", "D2", "E2")}
    return weyl_matrix(hamiltonian_symbol(), _sparse_if_diagonal(x_op), p_op, values,
                       p2_op=p2_op)


def _sparse_if_diagonal(mat):
    """A dense diagonal matrix of floats or complex numbers as a sparse one.

    The position matrix of a grid (:func:`fourier_operators`) is diagonal; as
    a sparse matrix its products with the dense momentum matrix in
    :func:`ctrnn.quantum.weyl.weyl_matrix` cost O(size²) instead of O(size³),
    with the same entries (each is one product x_i p_ij either way).  Anything
    else -- sparse, not square, not diagonal, not floats -- is returned as given.
    """
    if not (isinstance(mat, np.ndarray) and mat.ndim == 2 and mat.shape[0] == mat.shape[1]
            and mat.dtype.kind in "fc"):
        return mat
    diagonal = np.diagonal(mat)
    if np.count_nonzero(mat) != np.count_nonzero(diagonal):
        return mat
    return scipy.sparse.diags(diagonal, format="csr")


def numerical_spectrum(net, n: int, method: str = "hermite", size: int | None = None,
                       half_width: float | None = None, tail: float = 9.0) -> np.ndarray:
    """First ``n`` levels of the Weyl-quantized Ĥ by numerical diagonalization.

    The matrix of Ĥ is assembled from the symbol H (18) by Weyl-symmetrized
    products of position and momentum matrices (:func:`hamiltonian_matrix`)
    and diagonalized with ``scipy.linalg.eigvalsh``.  Nothing of the
    closed form (:func:`spectrum`) is used: no gauge transformation, no
    oscillator frequency; the basis or grid is placed by rules that use only
    the classical quadratic form of H and its critical point.

    Methods:

    * ``"hermite"`` (default): Galerkin matrix in the first ``size``
      harmonic-oscillator functions centred at the classical critical point,
      with length s, s⁴ = A11/A22 from the diagonal of the quadratic form A
      of H — not the oscillator length of Ĥ, since the cross term E2 y1 y2
      is ignored.  Matrix elements are exact (products are formed in a basis
      two functions larger, then truncated).  Default size:
      2 r sqrt(det A) (n + 1/2) + 24, with r the ratio by which the basis'
      phase-space disk must exceed a classical orbit to contain it.
    * ``"fourier"``: periodic Fourier (plane-wave) grid on a phase-space box
      holding the classical orbit of area 2π(n + 1/2) plus ``tail``
      ground-state widths; default size the box area over 2π.
    * ``"fd"``: second-order central finite differences with Dirichlet ends,
      on the same interval; default size eight times the Fourier one.

    Parameters
    ----------
    net : CTRNN2
        A Hamiltonian network (Eq. 13) with a discrete spectrum (Δ < 0).
    n : int
        Number of levels, at least 1.
    method : {"hermite", "fourier", "fd"}
        Discretization (above).
    size : int, optional
        Matrix size, at least ``n``.
    half_width : float, optional
        Half-width of the y2 interval for the grid methods; by default the
        Fourier box keeps the classical orbit's aspect ratio and the
        finite-difference interval holds the orbit plus the tail.
    tail : float
        Margin of the grid methods, in ground-state widths.

    Returns
    -------
    numpy.ndarray of shape (n,)
        Levels ordered by quantum number (increasing when C2 < 0, decreasing
        when C2 > 0, as in :func:`spectrum`).

    Raises
    ------
    TypeError
        If ``net`` is not a CTRNN2, ``n``/``size`` not integers, ``method``
        not a string or ``half_width``/``tail`` not numbers.
    ValueError
        If the network is not Hamiltonian (Eq. 13), has no discrete spectrum
        (Δ ≥ 0), an option is invalid, or the matrix size (given or
        default) exceeds the cost limit :data:`ctrnn._validation.MAX_MATRIX_SIZE`
        = 2000 (dense ``eigvalsh``, 18 s at that size).

    Examples
    --------
    The same levels as the closed form :func:`spectrum`, by an independent route:

    >>> from ctrnn import CTRNN2
    >>> net = CTRNN2(1.0, 2.0, 1.5, 2.0, -2.0, 0.0, theta1=1.0, theta2=1.0)
    >>> numerical_spectrum(net, 3).round(6)
    array([ 0.124276, -1.198599, -2.521475])
    """
    n = _check_levels(n, V.MAX_MATRIX_SIZE, "the matrix must hold n levels; ask for fewer")
    _require_discrete(net)
    V.choice("method", method, ("hermite", "fourier", "fd"))
    tail = V.real("tail", tail, nonnegative=True)
    if size is not None:
        size = V.integer("size", size)
    if half_width is not None:
        half_width = V.real("half_width", half_width, positive=True)
    if method == "hermite":
        centre, length, ratio, root_det = _hermite_basis_rule(net)
        if size is None:
            # the covering disk of the first n levels, plus a margin for the
            # Gaussian tails that widens with the squeeze (sqrt of the ratio)
            # (never beyond the cost limit when the unwidened rule fits in it)
            disk = 2.0 * ratio * root_det * (n + 0.5)
            size = int(np.ceil(disk)) + 24
            if size <= V.MAX_MATRIX_SIZE - 2:      # 2: the padding of _hermite_operators
                size = min(int(np.ceil(disk + 24.0 * max(1.0, np.sqrt(ratio)))), V.MAX_MATRIX_SIZE - 2)
        _check_size(size, n)
        x_op, p_op = _hermite_operators(centre, length, int(size))
        mat = hamiltonian_matrix(net, x_op, p_op)[:size, :size]
    else:
        x_c, p_c, x_ext, p_ext = _phase_space_box(net, n, tail)
        cells = 4.0 * x_ext * p_ext / (2.0 * np.pi)
        if size is None:
            size = int(np.ceil(cells if method == "fourier" else 8.0 * cells))
        _check_size(size, n, minimum=2 if method == "fd" else 1)
        if half_width is None:
            half_width = x_ext * np.sqrt(size / cells) if method == "fourier" else x_ext
        if method == "fourier":
            x_op, p_op = fourier_operators(x_c, p_c, half_width, int(size))
            mat = hamiltonian_matrix(net, x_op, p_op)
        else:
            x_op, p_op, p2_op = _fd_operators(x_c, p_c, half_width, int(size))
            mat = hamiltonian_matrix(net, x_op, p_op, p2_op)
    levels = scipy.linalg.eigvalsh(mat)
    if quadratic_form(net)[0, 0] < 0:        # C2 > 0: bounded above
        levels = levels[::-1]
    return levels[:n]


def _check_size(size, n, minimum=1):
    if not size >= max(n, minimum):
        raise ValueError(f"size must be an integer >= n = {n}"
                         + (f" and >= {minimum}" if minimum > 1 else "") + f", got {size!r}")
    V.integer("size", size, maximum=V.MAX_MATRIX_SIZE,
              remedy="ask for fewer levels (the default size grows with n)")


def box_levels(net, half_width: float, spacing: float, centre: float = 0.0) -> np.ndarray:
    """All eigenvalues of the Weyl-quantized Ĥ on a periodic Fourier grid.

    Unlike :func:`numerical_spectrum` this works for any Hamiltonian network,
    discrete spectrum or not, and is meant to show the difference: as the box
    grows at fixed ``spacing``, eigenvalues of a discrete spectrum stay put
    while those of a continuous spectrum crowd together.

    Parameters
    ----------
    net : CTRNN2
        A Hamiltonian network (Eq. 13).
    half_width : float
        Half-width of the y2 interval, centred at ``centre``.
    spacing : float
        Grid spacing; the matrix size is 2 half_width / spacing (rounded).
    centre : float, optional
        Centre of the interval in y2.

    Returns
    -------
    numpy.ndarray
        Eigenvalues in ascending order.

    Raises
    ------
    TypeError
        If ``net`` is not a CTRNN2 or a number is not a real number.
    ValueError
        If the network is not Hamiltonian, the box is not valid (non-finite,
        not positive, narrower than the spacing) or the matrix size
        2 half_width / spacing exceeds the cost limit
        :data:`ctrnn._validation.MAX_MATRIX_SIZE` = 2000.
    """
    _coefficients(net)
    half_width = V.real("half_width", half_width, positive=True)
    spacing = V.real("spacing", spacing, positive=True)
    centre = V.real("centre", centre)
    cells = 2.0 * half_width / spacing
    V.cost("2 * half_width / spacing", cells, V.MAX_MATRIX_SIZE, what="matrix rows",
           remedy="use a larger spacing or a smaller box")
    size = int(round(cells))
    if size < 2:
        raise ValueError("half_width must be at least the grid spacing")
    x_op, p_op = fourier_operators(centre, 0.0, half_width, size)
    return scipy.linalg.eigvalsh(hamiltonian_matrix(net, x_op, p_op))


def hermite_functions(n: int, s) -> np.ndarray:
    r"""The first ``n`` normalized Hermite functions h_k(s), k < n.

    :math:`h_k(s) = (2^k k! \sqrt{\pi})^{-1/2} H_k(s) e^{-s^2/2}`, orthonormal
    in :math:`L^2(\mathbb R, ds)`, evaluated by the three-term recurrence of
    the normalized functions,
    :math:`h_{k+1} = \sqrt{2/(k+1)}\, s\, h_k - \sqrt{k/(k+1)}\, h_{k-1}`,
    never as a polynomial times a Gaussian (which overflows and underflows:
    NaN for k ≥ 152 at s = 60).  The values are carried as mantissa and
    exponent, rescaled whenever they grow past 1e100, so that e^{-s²/2}
    underflowing does not lose the functions far out in their tails.

    Parameters
    ----------
    n : int
        Number of functions, 1 <= n <= :data:`ctrnn._validation.MAX_LEVELS`,
        with ``n * s.size`` at most :data:`ctrnn._validation.MAX_ELEMENTS`.
    s : array_like
        Finite points.

    Returns
    -------
    numpy.ndarray, shape (n,) + shape of s

    Raises
    ------
    TypeError
        If ``n`` is not an integer or ``s`` not real numbers.
    ValueError
        If ``n`` is not positive, a point is not finite or the output would
        exceed the cost limit.

    Examples
    --------
    >>> hermite_functions(3, [0.0]).ravel().round(6)
    array([ 0.751126,  0.      , -0.531126])
    """
    n = _check_levels(n)
    s = V.array("s", s)
    V.cost("n * s.size", n * max(s.size, 1), V.MAX_ELEMENTS, what="values",
           remedy="evaluate fewer functions or points")
    flat = s.ravel()
    out = np.empty((n, flat.size))
    # h_k = m_k * exp(e_k): m_0 = pi^(-1/4), e_0 = -s^2/2
    log_scale = -0.5 * flat ** 2 - 0.25 * np.log(np.pi)
    prev, cur = np.zeros_like(flat), np.ones_like(flat)
    with np.errstate(under="ignore"):
        out[0] = np.exp(log_scale)
        for k in range(1, n):
            prev, cur = cur, np.sqrt(2.0 / k) * flat * cur - np.sqrt((k - 1.0) / k) * prev
            big = np.abs(cur) > 1e100
            if big.any():
                factor = np.where(big, np.abs(cur), 1.0)
                cur, prev = cur / factor, prev / factor
                log_scale = log_scale + np.log(factor)
            # one exponential of the summed logarithms: exp(log_scale) alone may
            # be subnormal (s^2/2 > 708) and lose digits before cur restores them
            with np.errstate(divide="ignore"):
                out[k] = np.sign(cur) * np.exp(np.log(np.abs(cur)) + log_scale)
    return out.reshape((n,) + s.shape)


def eigenfunctions(net, n: int, y2) -> np.ndarray:
    """Normalized eigenfunctions ψ_k(y2), k < n, of the Weyl-quantized Ĥ.

    ψ_k = exp(i φ(y2)) χ_k(y2) with φ(y2) = (E2 y2²/2 - C1 y2)/(2 C2) the
    gauge phase (φ' = a) and χ_k the k-th Hermite function centred at the
    critical point y2* with length ℓ = sqrt(2 abs(C2))/(-Δ)^(1/4)
    (:func:`hermite_functions`, stable for large k and far tails).  The global
    phase is fixed by φ alone (no phase at y2 = 0).

    Parameters
    ----------
    net : CTRNN2
        A Hamiltonian network with Δ < 0.
    n : int
        Number of eigenfunctions, with ``n * y2.size`` at most
        :data:`ctrnn._validation.MAX_ELEMENTS` = 2e7 (320 MB of complex values).
    y2 : array_like
        Finite points at which to evaluate them.

    Returns
    -------
    numpy.ndarray, complex, shape (n,) + shape of y2

    Raises
    ------
    TypeError
        If ``net`` is not a CTRNN2, ``n`` not an integer or ``y2`` not real numbers.
    ValueError
        If the network is not Hamiltonian (Eq. 13) or has no discrete
        spectrum, ``n`` is not positive, a point is not finite, or the cost
        limit is exceeded.
    """
    n = _check_levels(n)
    y2 = V.array("y2", y2)
    V.cost("n * y2.size", n * max(y2.size, 1), V.MAX_ELEMENTS, what="values",
           remedy="evaluate fewer functions or points")
    _require_discrete(net)
    c = _coefficients(net)
    length = np.sqrt(2.0 * abs(c["C2"])) / (-hamiltonian.discriminant(net)) ** 0.25
    (_, centre), _ = critical_point(net)
    phase = np.exp(1j * (c["E2"] * y2 ** 2 / 2.0 - c["C1"] * y2) / (2.0 * c["C2"]))
    return hermite_functions(n, (y2 - centre) / length) / np.sqrt(length) * phase


def spacing_near(net, half_width: float, spacing: float, count: int = 6,
                 reference: float = 0.0) -> float:
    """Mean gap between the ``count`` box eigenvalues closest to ``reference``
    (:func:`ctrnn.quantum.levels.box_levels`).

    Parameters
    ----------
    net, half_width, spacing
        As for :func:`box_levels`.
    count : int, optional
        Number of eigenvalues, at least 2.
    reference : float, optional
        The energy they are closest to.

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        As for :func:`box_levels`; also if ``count`` is not an integer >= 2
        or ``reference`` not a finite number.
    """
    count = V.integer("count", count, minimum=2)
    reference = V.real("reference", reference)
    levels = box_levels(net, half_width, spacing)
    if count > levels.size:
        raise ValueError(f"count must be at most the number of box levels {levels.size}, "
                         f"got {count}")
    near = np.sort(levels[np.argsort(np.abs(levels - reference))[:count]])
    return float(np.mean(np.diff(near)))
