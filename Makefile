# The two commands of the README: `make book` and `make test`.
# Both create .venv on first use and install the pinned dependencies.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: book test notebooks audit clean venv

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test,book]"
	touch $(STAMP)

book: $(STAMP)
	$(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going
	@echo "Book: $(CURDIR)/_build/html/index.html"

test: $(STAMP)
	$(BIN)/python -m pytest tests
	$(BIN)/python -m pytest --nbval book

# Re-execute the chapter notebooks in place (fresh kernel, top to bottom), so
# that the outputs nbval compares are committed fresh.  NB=book/x.ipynb for one.
NB ?= $(wildcard book/*.ipynb)
notebooks: $(STAMP)
	$(BIN)/python tools/execute_notebooks.py $(NB)

audit: $(STAMP)
	$(BIN)/python -m ctrnn audit

clean:
	rm -rf _build
