# Two commands matter: `make run` (set up and start the app) and `make test` (set up and run the whole suite).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# Separate venvs for the benchmark peers (Brian2, NEURON), so their pins never touch the app's.
BRIAN2_VENV := .venv-brian2
NEURON_VENV := .venv-neuron

.PHONY: run test test-fast bench loadtest lint lock chromium nginx clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Every install takes the versions of constraints.txt (written by `make lock`), the ones the
# suite last passed with; a constraint pins a version, it never adds a package.
PIP_INSTALL = $(BIN)/python -m pip install --quiet -c constraints.txt

# Stamps re-run the install whenever pyproject.toml or constraints.txt changes. After installing,
# one tiny simulation compiles the numba kernel into its on-disk cache, so the app's first run
# is fast.
WARM_MODEL = $(BIN)/explainer-sim --units 2 --duration 0.01 > /dev/null

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP_INSTALL) -e .
	$(WARM_MODEL)
	@touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP_INSTALL) -e '.[test]'
	$(WARM_MODEL)
	@touch $@ $(VENV)/.installed

# `make lock` takes up new releases: it installs the project with its test extras into a
# throwaway venv, unconstrained (the newest versions pyproject.toml allows), and writes what
# that venv holds to constraints.txt (not pip, setuptools or the project itself).
# Then run `make test` (the stamps see the new file and reinstall) and commit constraints.txt.
LOCK_VENV := .venv-lock
lock:
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LOCK_VENV)/bin/python -m pip install --quiet -e '.[test]'
	{ echo "# The versions the suite runs with, written by \`make lock\` (see the Makefile)."; \
	  $(LOCK_VENV)/bin/python -m pip freeze --exclude-editable; } > constraints.txt.new
	mv constraints.txt.new constraints.txt
	rm -rf $(LOCK_VENV)

run: $(VENV)/.installed
	@echo "Starting the Isaac Syndrome Explainer on http://localhost:$(PORT)"
	$(BIN)/python -m explainer.serve app.py --server.port $(PORT)

chromium:
	@bash scripts/ensure_debian.sh /usr/bin/chromium "the browser tests" chromium chromium-driver fonts-dejavu-core

# Debian's nginx, for the proxy test (deploy/nginx/ in front of two app processes).
nginx:
	@bash scripts/ensure_debian.sh /usr/sbin/nginx "the proxy test" nginx

test: $(VENV)/.installed-test chromium nginx
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# The contributors' fast path: no browser, nothing marked slow, fuzz tests on 100 cases, two
# workers (one per core here). `make test` still runs everything.
test-fast: $(VENV)/.installed-test
	$(BIN)/ruff check .
	FUZZ_EXAMPLES=100 $(BIN)/python -m pytest -m "not e2e and not slow" -n 2 -q

# N = 5, 10 and 20 readers moving Nerve lab sliders at once (tests/load/loadtest.py); prints the
# table of response times, errors and server memory. `make test` runs its short mode.
loadtest: $(VENV)/.installed-test
	$(BIN)/python -m tests.load.loadtest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Stamps: each peer venv is created and filled once. Python 3.11 gets brian2 2.9.0 (newer
# releases need Python >= 3.12), which still calls ndarray.ptp, gone in numpy 2.4.
$(BRIAN2_VENV)/.installed:
	$(PYTHON) -m venv $(BRIAN2_VENV)
	$(BRIAN2_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BRIAN2_VENV)/bin/python -m pip install --quiet brian2 cython "numpy<2.4"
	@touch $@

$(NEURON_VENV)/.installed:
	$(PYTHON) -m venv $(NEURON_VENV)
	$(NEURON_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(NEURON_VENV)/bin/python -m pip install --quiet neuron numpy
	@touch $@

# Benchmarks in full: the numba kernel against its NumPy reference and the same equations in
# Brian2 and NEURON (tests/bench/peers/), then the Nerve lab's slider latency and the first
# charts on a just-started server in Chromium, then
# the fuzz tests on 10 000 cases each. `make test` runs them all in a short mode.
bench: $(VENV)/.installed-test $(BRIAN2_VENV)/.installed $(NEURON_VENV)/.installed chromium
	$(BIN)/python -m tests.bench.bench_model --full --peers
	$(BIN)/python -m tests.bench.bench_lab_latency --full
	$(BIN)/python -m tests.bench.bench_cold_start --full
	FUZZ_EXAMPLES=10000 $(BIN)/python -m pytest -m fuzz -q

clean:
	rm -rf $(VENV) $(BRIAN2_VENV) $(NEURON_VENV) $(LOCK_VENV) artifacts .pytest_cache .ruff_cache
