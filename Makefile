# Quickstart: `make run` then `make test`. Everything they need is installed from here.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
KG     := $(BIN)/kg
# Jupyter refuses to run as root without --allow-root (development machines and CI run as root)
LAB_FLAGS ?= $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: run test build validate viz lab system-deps test-deps bench bench-viz bench-serve ingest-eval train-targets clean help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test,notebook]'
	touch $@

$(VENV)/.installed-notebook: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[notebook]'
	touch $@

system-deps:  ## install the Debian packages the project needs (Java for HermiT), where missing
	bash scripts/system-deps.sh

test-deps:  ## also the Debian packages the tests need (Chromium for the browser tests)
	bash scripts/system-deps.sh test

run: system-deps $(VENV)/.installed  ## create .venv, install, build the graph, write build/graph.html, print a summary
	$(KG) build
	$(KG) viz

build: $(VENV)/.installed  ## build/ from ontology/ and data/ (cached when inputs are unchanged)
	$(KG) build

validate: $(VENV)/.installed  ## every check, nothing written
	$(KG) validate

viz: $(VENV)/.installed  ## the interactive graph, build/graph.html
	$(KG) viz

lab: system-deps $(VENV)/.installed-notebook  ## JupyterLab on notebooks/, in the project's environment
	$(BIN)/jupyter lab --notebook-dir=notebooks $(LAB_FLAGS)

test: test-deps $(VENV)/.installed-test  ## install the test and notebook extras and run every test (notebooks too)
	$(BIN)/python -m pytest -q

bench-viz: test-deps $(VENV)/.installed-test  ## the graph page at 1k, 5k and 20k nodes: generation, size, first render
	$(BIN)/python bench/viz_bench.py

bench-serve: $(VENV)/.installed  ## kg serve under 8 and 32 concurrent clients, with and without an over-limit query
	$(BIN)/python bench/serve_load.py

BENCH_SIZES ?= 10000 100000 1000000 5000000
BENCH_DATA  := $(foreach n,$(BENCH_SIZES),bench/data/stores-$(n)-s0.trig)

bench/data/stores-%-s0.trig: bench/generate.py | $(VENV)/.installed
	$(BIN)/python bench/generate.py --triples $* --seed 0 --out $@

bench: $(VENV)/.installed-test $(BENCH_DATA)  ## stores and queries at 10k-5M triples: rdflib, pyoxigraph, kg (memory, oxigraph:, server)
	$(BIN)/python bench/run.py --sizes $(BENCH_SIZES) --timeout 330 --query-timeout 20 --rdflib-max 5000000

ingest-eval: $(VENV)/.installed  ## kg ingest's extractor against gold (corpus and tests/fixtures/ingest): P/R/F1, speed
	$(BIN)/python bench/ingest_eval.py

train-targets: $(VENV)/.installed  ## refit kg ingest's statement target chooser on the development gold (seconds)
	$(BIN)/python -m kg.ingest.train

clean:  ## remove build outputs (not .venv)
	rm -rf build .build-gen-* .build-tmp-* .pytest_cache
