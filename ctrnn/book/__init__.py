"""Presentation: the figures, tables and LaTeX/Markdown the chapters show.

One module per chapter (:mod:`~ctrnn.book.odes`, :mod:`~ctrnn.book.hamiltonian`,
...), :mod:`~ctrnn.book.verdicts` for the audit's tables and the errata,
:mod:`~ctrnn.book.text` for shared formatting, and :mod:`~ctrnn.book.style`,
the plotting style set once.  Everything here may import the whole package;
nothing in the package imports it (see ``ARCHITECTURE.md``).
"""
