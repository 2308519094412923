# Two commands matter: `make run` and `make test`. Each does every step it needs.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
STAMP := $(VENV)/.installed-stamp

export TF_CPP_MIN_LOG_LEVEL := 3
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install browser train run chat test unit rasa-test validate lint eval bench demo clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

$(STAMP): pyproject.toml constraints.txt scripts/find-python.sh
	@if [ ! -x $(PY) ]; then python310="$$(scripts/find-python.sh)" && "$$python310" -m venv $(VENV); fi
	$(PY) -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)  ## create .venv and install the pinned packages

CHROMIUM := /usr/bin/chromium
CJK_FONT := /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc
BROWSER_PACKAGES := chromium fonts-wqy-zenhei
$(CHROMIUM) $(CJK_FONT):
	@echo "installing Debian's chromium and a Chinese font for the console's browser tests"
	@if [ "$$(id -u)" = 0 ]; then apt-get install -y -q $(BROWSER_PACKAGES) >/dev/null || \
		(apt-get update -q >/dev/null && apt-get install -y -q $(BROWSER_PACKAGES) >/dev/null); \
	else sudo apt-get install -y -q $(BROWSER_PACKAGES) >/dev/null; fi

browser: $(CHROMIUM) $(CJK_FONT)  ## Debian's chromium and a Chinese font, for the browser tests

train: install  ## train the Rasa model (skipped when data and config are unchanged)
	$(RASA) train --quiet
	@ls -t models/*.tar.gz | tail -n +3 | xargs -r rm -f

run: train  ## Rasa server + action server + terminal chat (SQLite under var/)
	$(PY) -m bot run

chat: run  ## same as run

validate: install  ## Rasa's own data checks
	$(RASA) data validate

unit: install  ## fast tests that need no trained model and no browser
	$(PY) -m pytest -m "not rasa and not browser" -q

rasa-test: train  ## tests/test_stories.yml through the trained model
	$(RASA) test core --stories tests/test_stories.yml --fail-on-prediction-errors --out var/results --quiet

eval: install  ## NLU benchmark against two baselines; writes docs/benchmarks.md
	$(PY) scripts/benchmark.py --write docs/benchmarks.md

bench: train  ## parse latency of the trained model
	$(PY) scripts/bench_parse.py

lint: install  ## ruff
	$(VENV)/bin/ruff check bot nlu tests scripts

test: train validate lint browser  ## everything CI runs
	$(PY) -m pytest -q
	$(MAKE) --no-print-directory rasa-test

demo: install  ## a fresh database (var/demo.db) with synthetic leads, then the console on it
	rm -f var/demo.db
	DATABASE_URL=sqlite:///var/demo.db $(PY) -m bot demo
	@echo "create an account: DATABASE_URL=sqlite:///var/demo.db $(PY) -m bot staff add NAME --role supervisor"
	DATABASE_URL=sqlite:///var/demo.db $(PY) -m bot web

clean:  ## remove the venv, models and local data
	rm -rf $(VENV) models var .pytest_cache
