# The two commands of the README: `make book` and `make test`.
# Both create .venv on first use and install the pinned dependencies.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: book pdf test test-browser bench notebooks audit clean venv

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test,book,browser,bench]"
	touch $(STAMP)

# jupyter-cache keys notebooks on their cell sources only: when anything under
# ctrnn/ changes, the cached outputs are stale, so the cache is cleared.
PKG_HASH := $(shell find ctrnn -name '*.py' -print0 | sort -z | xargs -0 cat | sha256sum | cut -c1-16)
CACHE    := _build/.jupyter_cache

book: $(STAMP)
	@mkdir -p _build
	@if [ "$$(cat _build/.package-hash 2>/dev/null)" != "$(PKG_HASH)" ]; then \
	  rm -rf $(CACHE); echo "$(PKG_HASH)" > _build/.package-hash; fi
	$(BIN)/python tools/explorer/build.py
	$(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going
	@echo "Book: $(CURDIR)/_build/html/index.html"

# A PDF through jupyter-book's LaTeX builder; needs Debian's TeX Live (xelatex):
# apt-get install -y latexmk texlive-xetex texlive-latex-extra texlive-fonts-recommended
#                    texlive-plain-generic fonts-freefont-otf xindy
pdf: $(STAMP)
	@command -v xelatex >/dev/null && command -v latexmk >/dev/null || { echo "TeX Live is missing:" \
	  "apt-get install -y latexmk texlive-xetex texlive-latex-extra texlive-fonts-recommended" \
	  "texlive-plain-generic fonts-freefont-otf xindy"; exit 1; }
	$(BIN)/jupyter-book build . --builder pdflatex --keep-going
	@echo "PDF: $$(ls $(CURDIR)/_build/latex/*.pdf)"

test: $(STAMP)
	$(BIN)/python -m pytest tests --ignore=tests/browser
	$(BIN)/python -m pytest --nbval book

# The rendered book in Debian's Chromium (builds the book first if needed).
test-browser: $(STAMP)
	@test -x /usr/bin/chromium || { echo "Chromium is missing: install Debian's package with" \
	  "'apt-get update && apt-get install -y chromium' (no browser download)"; exit 1; }
	test -f _build/html/index.html || $(MAKE) book
	$(BIN)/python -m pytest tests/browser -q

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

clean:
	rm -rf _build
