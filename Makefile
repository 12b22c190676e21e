# Two commands matter: `make run` (set up and start the app) and `make test` (set up and run the whole suite).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test bench lint chromium clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamps re-run the install whenever pyproject.toml changes. After installing, one tiny
# simulation compiles the numba kernel into its on-disk cache, so the app's first run is fast.
WARM_MODEL = $(BIN)/explainer-sim --units 2 --duration 0.01 > /dev/null

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(WARM_MODEL)
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(WARM_MODEL)
	@touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	@echo "Starting the Isaac Syndrome Explainer on http://localhost:$(PORT)"
	$(BIN)/python -m streamlit run app.py --server.port $(PORT)

chromium:
	@bash scripts/ensure_chromium.sh

test: $(VENV)/.installed-test chromium
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) artifacts .pytest_cache .ruff_cache
