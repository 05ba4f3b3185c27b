# Every target sets up the virtual environment first, from this project's own files.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup gaps check status report test lint typecheck bench fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

gaps: $(STAMP)  ## the main job: coverage gaps on the bundled Barnet data
	$(BIN)/trace gaps

check: $(STAMP)
	$(BIN)/trace check --strict

status: $(STAMP)
	$(BIN)/trace status

report: $(STAMP)  ## regenerate the board report that GitHub shows
	$(BIN)/trace report -o docs/barnet-report.md

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run.py

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest tests/test_fuzz.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .ofsted-trace-cache
