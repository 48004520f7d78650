# The two commands of the README: `make run` starts the service, `make test` runs every check.
# Both create .venv, install the pinned dependencies (constraints.txt) and compile the matcher
# (setup.py, mypyc) when needed.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# A local demo key so /docs can be tried at once; real deployments set their own (or use `prescreen keys`).
PRESCREEN_API_KEYS ?= demo:demo-key-change-me:admin
export PRESCREEN_API_KEYS

# uvicorn's limits (app/server.py says why): the request head h11 reads at most, the keep-alive
# and the graceful-shutdown timeouts. The Dockerfile passes the same.
UVICORN_FLAGS ?= --http h11 --h11-max-incomplete-event-size 262144 --timeout-keep-alive 5 \
  --timeout-graceful-shutdown 15 --no-server-header

.PHONY: install compile pure run test lint bench eval lock fuzz faults

# The editable install itself compiles nothing (PRESCREEN_COMPILE=no, setup.py):
# the matcher is compiled in place, below, with the virtualenv's own mypy and dependencies.
$(STAMP): pyproject.toml constraints.txt setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	PRESCREEN_COMPILE=no $(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# The matcher's modules compiled with mypyc beside their sources, again whenever one changes;
# app/matching/__init__.py refuses compiled modules older than their sources. MATCHER=python
# (`make run MATCHER=python`, for a machine without a C compiler) removes them instead: the
# answers are the same, only slower.
MATCHER ?= compiled
MATCHER_SOURCES := $(filter-out %/__init__.py %/build_stamp.py %/hits.py,$(wildcard app/matching/*.py))
COMPILED_STAMP := app/matching/compiled.sha256

$(COMPILED_STAMP): $(STAMP) setup.py $(MATCHER_SOURCES)
	PRESCREEN_COMPILE=yes $(BIN)/python setup.py --quiet build_ext --inplace || { \
	  echo "compiling the matcher needs a C compiler and the Python headers (gcc or clang," \
	    "python3-dev); MATCHER=python runs it uncompiled" >&2; \
	  exit 1; }

ifeq ($(MATCHER),python)
MATCHER_BUILD := pure
else
MATCHER_BUILD := $(COMPILED_STAMP)
endif

install: $(STAMP) $(MATCHER_BUILD)

compile: $(COMPILED_STAMP)

pure:
	rm -f app/matching/*.so $(COMPILED_STAMP)
	rm -rf build

run: install
	$(BIN)/python -m uvicorn app.main:app --host $(HOST) --port $(PORT) $(UVICORN_FLAGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint $(MATCHER_BUILD)
	$(BIN)/python -m pytest

BENCH_DATA ?= /tmp/benchdata

bench: install
	test -f $(BENCH_DATA)/brands_50000.jsonl || $(BIN)/python ../shared/bench/gen.py --marks 50000 --lines 100000 --out $(BENCH_DATA)
	$(BIN)/python bench/matcher_bench.py --data $(BENCH_DATA) --marks 50000 --lines 100000 --batch --gc-freeze --passes 2
	$(BIN)/python bench/matcher_bench.py --lines 100000 --lists brand_lists/core.yaml --batch --gc-freeze --passes 2
	$(BIN)/python bench/category_bench.py --runs 3

# schemathesis over every route of the running service, 200 examples per operation, seed 4242,
# every check and phase (bench/fuzz.py); minutes, not part of `make test`.
fuzz: install
	$(BIN)/python bench/fuzz.py --max-examples 200 --seed 4242

# The fault scripts (docs/performance.md, Faults): the database stopped and hung, kill -9 mid-stream.
faults: install
	$(BIN)/python bench/db_outage.py
	$(BIN)/python bench/kill9.py

eval: install
	$(BIN)/python ../shared/eval/harness.py --checkout . --cases ../shared/eval/dev-cases.jsonl

# Re-pin after changing dependencies in pyproject.toml.
lock: install
	$(BIN)/python -m pip freeze --all --exclude-editable | grep -v -E '^(prescreen|pip)==' > constraints.txt
