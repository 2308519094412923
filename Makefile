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

.PHONY: help install browser train run chat test unit security rasa-test validate lint eval eval-conversations eval-corrections bench demo clean

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

run: train  ## terminal chat, staff console on 127.0.0.1:8000, Telegram if a token is set (SQLite under var/)
	$(PY) -m bot run

chat: run  ## same as run

validate: install  ## Rasa's own data checks
	$(RASA) data validate

unit: install  ## fast tests that need no trained model and no browser
	$(PY) -m pytest -m "not rasa and not browser" -q

security: train browser  ## the attacks of docs/security.md, each held by a test
	$(PY) -m pytest -q -m security

rasa-test: train  ## tests/test_stories.yml through the trained model
	$(RASA) test core --stories tests/test_stories.yml --fail-on-prediction-errors --out var/results --quiet

eval: install  ## NLU benchmark against two baselines; writes docs/benchmarks.md
	$(PY) scripts/benchmark.py --write docs/benchmarks.md

eval-conversations: train  ## simulated workers talk to the bot; the filed leads are scored (docs/conversations.md)
	$(PY) scripts/eval_conversations.py --workers benchmarks/conversations/workers_l.yml --write docs/conversations.md

eval-corrections: train  ## replies correcting one field of the read-back, applied by the real bot
	$(PY) scripts/eval_corrections.py

bench: train  ## parse latency of the trained model
	$(PY) scripts/bench_parse.py

lint: install  ## ruff
	$(VENV)/bin/ruff check bot nlu tests scripts

test: train validate lint browser security  ## everything CI runs
	$(PY) -m pytest -q -m "not security"
	$(MAKE) --no-print-directory rasa-test

demo: install  ## a fresh database (var/demo.db) with synthetic leads, then the console on it
	rm -f var/demo.db
	DATABASE_URL=sqlite:///var/demo.db $(PY) -m bot demo
	@echo "create an account: DATABASE_URL=sqlite:///var/demo.db $(PY) -m bot staff add NAME --role supervisor"
	DATABASE_URL=sqlite:///var/demo.db $(PY) -m bot web

clean:  ## remove the venv, models and local data
	rm -rf $(VENV) models var .pytest_cache
