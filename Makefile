# The two commands a newcomer needs: `make run` and `make test`. Each sets itself up.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml functions/requirements.txt | sha1sum | cut -c1-12)
SAM_VENV := .venv-sam
SAM := $(SAM_VENV)/bin/sam
# sam build needs the Lambda runtime's Python (3.13); pyenv keeps one on this kind of machine. The
# first python3.13 that runs, on the PATH or in pyenv's versions (a pyenv shim on the PATH may not run).
LAMBDA_PYTHON_DIR := $(shell for p in $$(IFS=:; for d in $$PATH; do echo "$$d/python3.13"; done) \
	$$HOME/.pyenv/versions/3.13*/bin/python3.13; do \
	[ -x "$$p" ] && "$$p" -c "" 2>/dev/null && { dirname "$$p"; break; }; done)
# The console is built again only when its sources, package.json or the lock file are newer than the build.
CONSOLE_BUILT := console/dist/index.html
CONSOLE_SOURCES := $(shell find console/src -type f) console/index.html console/package.json \
	console/package-lock.json console/vite.config.ts console/tsconfig.json
export SAM_CLI_TELEMETRY := 0
export JANUS_LAMBDA_PYTHON_DIR := $(LAMBDA_PYTHON_DIR)

.PHONY: run test bench lint format build deploy clean

$(STAMP): pyproject.toml functions/requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-* && touch $@

# The SAM CLI lives in a virtual environment of its own: its pins are not ours.
$(SAM):
	$(PYTHON) -m venv $(SAM_VENV)
	$(SAM_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(SAM_VENV)/bin/python -m pip install --quiet "aws-sam-cli>=1.130"

$(CONSOLE_BUILT): $(CONSOLE_SOURCES)
	cd console && npm ci --no-audit --no-fund && npm run build
	touch $@

run: $(STAMP) $(CONSOLE_BUILT)
	$(BIN)/python -m infra

test: $(STAMP) $(SAM) $(CONSOLE_BUILT)
	$(BIN)/ruff check .
	$(BIN)/cfn-lint template.yaml
	cd console && npm ci --no-audit --no-fund && npm test -- --run
	JANUS_SAM=$(abspath $(SAM)) $(BIN)/pytest

# The scale benchmark: EMPLOYEES=10000 by default, compared with a tenth of it (docs/performance.md).
EMPLOYEES ?= 10000
# Then the console: its first load's JavaScript and each page's API requests (bench/console.py).
bench: $(STAMP) $(SAM) $(CONSOLE_BUILT)
	JANUS_SAM=$(abspath $(SAM)) $(BIN)/python -m bench --employees $(EMPLOYEES) $(BENCH_ARGS)
	$(BIN)/python -m bench.console

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

build: $(SAM)
	PATH="$(LAMBDA_PYTHON_DIR):$$PATH" $(SAM) build

# The stack (guided the first time, which saves samconfig.toml; a deploy with no change is no failure),
# then the console built for the stack's sign-in and uploaded to its bucket (infra/deploy.py).
deploy: build $(STAMP)
	$(SAM) deploy $(if $(wildcard samconfig.toml),--no-fail-on-empty-changeset,--guided)
	$(BIN)/python -m infra.deploy

clean:
	rm -rf $(VENV) $(SAM_VENV) .aws-sam .janus .pytest_cache .ruff_cache console/node_modules console/dist
