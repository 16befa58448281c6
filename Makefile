# The two commands of the README: `make book` and `make test`.
# Both create .venv on first use and install the pinned dependencies.
PYTHON ?= python3
# One BLAS thread: on this 2-core machine two threads make dense eigensolvers
# 8x slower (measured: 400x400 eigvalsh 9.4 s vs 1.1 s), and outputs must not depend on it.
export OPENBLAS_NUM_THREADS := 1
# Python's bytecode cache (__pycache__/, ignored by git) is written even where the
# environment says not to: without it every kernel, worker and subprocess of a run
# compiles the package and pytest re-rewrites every test module (measured: collecting
# make test's items 6.3 s -> 3.4 s of CPU per process).
unexport PYTHONDONTWRITEBYTECODE
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: book test-record pdf test-pdf tex-packages test fuzz test-browser bench notebooks audit clean venv mutation

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test,book,browser,bench]"
	touch $(STAMP)

# The explorer's generated JavaScript and the record (errata, concordance, audit.json)
# are remade only when their inputs are newer: the package, the pins, the notebooks'
# headings (the record links to chapter sections) and the generators themselves.
PACKAGE_SOURCES := $(shell find ctrnn -name '*.py') constraints.txt
EXPLORER_JS := _extra/explorer/ctrnn_generated.js
RECORD := _build/record/.written
$(EXPLORER_JS): $(STAMP) $(PACKAGE_SOURCES) tools/explorer/build.py
	$(BIN)/python tools/explorer/build.py
	@touch $@
$(RECORD): $(STAMP) $(PACKAGE_SOURCES) $(wildcard book/*.ipynb) tools/write_record.py
	$(BIN)/python tools/write_record.py
	@touch $@

# jupyter-cache keys notebooks on their cell sources only: when anything under
# ctrnn/ (or a pin, or a committed benchmark result) changes, the cached outputs are stale, so the cache is cleared
# (tools/notebook_cache.py; tests/book/test_notebook_cache.py).
# Sphinx runs only when a file it reads is newer than the last successful build
# ($(BOOK_BUILT), touched after it): the sources, the package (autodoc), the
# record, the notebook cache, the installed packages (the environment page); with
# nothing changed it would re-read two pages, re-load every doctree (figure
# numbers) and re-import the package (viewcode) for the same HTML: 13 s of CPU.
# Sphinx reads and writes the pages on both cores (tools/build_book.py: jupyter-book's
# own build with Sphinx's `jobs`; the same HTML as a serial build).
BOOK_INPUTS := _config.yml _toc.yml book _ext _static _extra references.bib CITATION.cff \
               pyproject.toml constraints.txt ctrnn tools benchmarks/results Makefile \
               LICENSE LICENSE-CONTENT _build/record _build/.jupyter_cache \
               _build/.jupyter_cache.package-hash $(STAMP)
BOOK_BUILT := _build/html/.make-book-built
book: $(STAMP) $(EXPLORER_JS) $(RECORD)
	$(BIN)/python tools/notebook_cache.py
	@if [ -f $(BOOK_BUILT) ] && [ -z "$$(find $(BOOK_INPUTS) -name __pycache__ -prune -o -newer $(BOOK_BUILT) -print -quit 2>/dev/null)" ] \
	    && [ -z "$$(find $(VENV)/lib/python*/site-packages -maxdepth 0 -newer $(BOOK_BUILT) 2>/dev/null)" ]; then \
	  echo "jupyter-book build: skipped, no input changed since the last build"; \
	else rm -f $(BOOK_BUILT) && \
	  $(BIN)/python tools/build_book.py . --warningiserror --nitpick --keep-going && touch $(BOOK_BUILT); fi
	$(BIN)/python -m pytest tests/book/test_record.py -q -p no:cacheprovider
	@echo "Book: $(CURDIR)/_build/html/index.html"

# The record in the built HTML (errata anchors, links into them, audit.json,
# the verdict card); `make book` runs it after every build.
test-record: $(STAMP)
	@test -f _build/html/index.html || { echo "_build/html is missing: run 'make book' first"; exit 1; }
	$(BIN)/python -m pytest tests/book/test_record.py -q

# A PDF through jupyter-book's LaTeX builder; needs Debian's TeX Live (xelatex),
# the DejaVu fonts (they cover every character the book uses) and poppler-utils
# (pdftotext, for the PDF test) and libcairo2 (CairoSVG turns the SVG figures into PDFs):
TEX_PACKAGES := latexmk texlive-xetex texlive-latex-extra texlive-fonts-recommended \
                texlive-plain-generic xindy fonts-dejavu-core fonts-dejavu-extra fonts-symbola poppler-utils \
                libcairo2
PDF := _build/latex/ctrnn-wavefunction.pdf
tex-packages:
	@echo $(TEX_PACKAGES)
pdf: $(STAMP)
	@command -v xelatex >/dev/null && command -v latexmk >/dev/null && command -v pdftotext >/dev/null || { \
	  echo "TeX Live is missing: apt-get install -y $(TEX_PACKAGES)"; exit 1; }
	@rm -f $(PDF)
	$(BIN)/python tools/write_record.py
	$(BIN)/jupyter-book build . --builder pdflatex --keep-going
	@test -f $(PDF) || { echo "no PDF was written"; exit 1; }
	@if [ -d _build/html ]; then mkdir -p _build/html/_downloads && cp $(PDF) _build/html/_downloads/; fi
	@echo "PDF: $(CURDIR)/$(PDF)"

# Checks of the PDF (chapters and numbering against _toc.yml, equation and figure
# numbers against the HTML's, every figure placed, glyphs); fails when the PDF or
# the HTML has not been built.
test-pdf: $(STAMP)
	@test -f $(PDF) || { echo "$(PDF) is missing: run 'make pdf' first"; exit 1; }
	$(BIN)/python -m pytest tests/test_pdf.py -q

# One pytest run over the tests, the package's doctests and every notebook (nbval,
# strict), on both cores: --dist loadscope keeps each notebook's cells, and each
# test module, on one worker (nbval's documented way to run in parallel); the
# notebooks are handed out first, longest first (tests/conftest.py), so that no
# worker is left running the last long one alone.
# The audit is computed first, once, on both cores (python -m ctrnn audit), into its
# disk cache (ctrnn/audit/cache.py), which the test workers and the notebooks' kernels
# then read instead of each computing it; a check that fails is not cached, so the
# tests recompute and report it. (The determinism test still runs one audit with
# the cache off, and the per-item tests recompute their items.)
test: $(STAMP)
	-$(BIN)/python -m ctrnn audit --json > /dev/null
	$(BIN)/python -m pytest -n 2 --dist loadscope tests ctrnn book --nbval --doctest-modules \
	  --hypothesis-profile=ci \
	  --ignore=tests/browser --ignore=tests/test_pdf.py --ignore=tests/book/test_record.py

# The property tests with fresh random draws (make test's are derandomized);
# add each counterexample found as an @example of its test.
fuzz: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q -p no:cacheprovider --hypothesis-profile=explore \
	  tests/paper tests/classical tests/quantum tests/test_fuzz.py

# The rendered book in Debian's Chromium (builds the book first if needed); two
# workers, each page's visit and its checks in one (xdist groups, tests/browser).
test-browser: $(STAMP)
	@test -x /usr/bin/chromium || { echo "Chromium is missing: install Debian's package with" \
	  "'apt-get update && apt-get install -y chromium' (no browser download)"; exit 1; }
	test -f _build/html/index.html || $(MAKE) book
	$(BIN)/python -m pytest tests/browser -q -n 2 --dist loadgroup

# Run every benchmark script; results go to benchmarks/results/*.json (committed).
bench: $(STAMP)
	$(BIN)/python benchmarks/machine.py
	for script in $(filter-out benchmarks/machine.py,$(wildcard benchmarks/*.py)); do \
	  $(BIN)/python $$script || exit 1; done

# Re-execute the chapter notebooks in place (fresh kernel, top to bottom), so
# that the outputs nbval compares are committed fresh.  NB=book/x.ipynb for one.
NB ?= $(wildcard book/*.ipynb)
notebooks: $(STAMP)
	$(BIN)/python tools/execute_notebooks.py $(NB)

audit: $(STAMP)
	$(BIN)/python -m ctrnn audit

# Mutation testing (cosmic-ray's operators, extra "mutation") of paper/classical/quantum/audit: a
# seeded sample, each mutant against the tests of its module, in two clones of HEAD (one per
# core); writes benchmarks/results/mutation.json. Not in CI.
MUTANTS ?= 80
MUTATION_SEED ?= 20210218
mutation: $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[mutation]"
	$(BIN)/python tests/audit/mutation.py --sample $(MUTANTS) --seed $(MUTATION_SEED)

clean:
	rm -rf _build
