# The two commands of the README: `make run` starts the service, `make test` runs every check.
# Both create .venv and install the pinned dependencies (constraints.txt) when needed.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# A local demo key so /docs can be tried at once; real deployments set their own (or use `prescreen keys`).
PRESCREEN_API_KEYS ?= demo:demo-key-change-me:admin
export PRESCREEN_API_KEYS

.PHONY: install run test lint bench eval lock

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/python -m uvicorn app.main:app --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

BENCH_DATA ?= /tmp/benchdata

bench: install
	test -f $(BENCH_DATA)/brands_50000.jsonl || $(BIN)/python ../shared/bench/gen.py --marks 50000 --lines 100000 --out $(BENCH_DATA)
	$(BIN)/python bench/matcher_bench.py --data $(BENCH_DATA) --marks 50000 --lines 100000 --batch --gc-freeze --passes 2
	$(BIN)/python bench/matcher_bench.py --lines 100000 --lists brand_lists/core.yaml --batch --gc-freeze --passes 2
	$(BIN)/python bench/category_bench.py --runs 3

eval: install
	$(BIN)/python ../shared/eval/harness.py --checkout . --cases ../shared/eval/dev-cases.jsonl

# Re-pin after changing dependencies in pyproject.toml.
lock: install
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^prescreen' > constraints.txt
