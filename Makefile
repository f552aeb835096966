# Two entry points, both self-installing on a fresh clone:
#   make review   review the seed corpus and write reports/strongcities/  (light install: no torch)
#   make test     run the test suite  (installs the 'mt' extra: the tiny translation-model tests need it)
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The 'mt' extra asks for a torch range.  Installing this exact wheel first keeps pip
# on the CPU build these machines carry instead of a multi-GB CUDA download; elsewhere,
# e.g. make test TORCH='torch --index-url https://download.pytorch.org/whl/cpu'.
TORCH ?= torch==2.13.0

.PHONY: review test install install-test bench clean

$(VENV)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet $(TORCH)
	$(BIN)/pip install --quiet -e '.[test,mt]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

review: install
	$(BIN)/mt-review review corpora/strongcities --out reports/strongcities --format terminal,json,md,html,junit,sarif,email --fail-on none

test: install-test
	$(BIN)/python -m pytest -q

bench: install-test
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) reports/*/
