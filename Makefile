# Two entry points, both self-installing on a fresh clone:
#   make review   review the seed corpus and write reports/strongcities/
#   make test     run the test suite
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: review test install bench clean

$(BIN)/mt-review: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/mt-review

install: $(BIN)/mt-review

review: install
	$(BIN)/mt-review review corpora/strongcities --out reports/strongcities --format terminal,json,md,html,junit,sarif,email --fail-on none

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) reports/*/
