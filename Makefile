# Family Help. `make run` starts everything; `make test` runs every test.
# Both set up what is missing first, and skip what is already done.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

export PORT ?= 5000
export PORTAL_PORT = $(PORT)
export RASA_PORT ?= 5005
export ACTION_PORT ?= 5055
PYTHON311 ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BOT_VENV := bot/.venv
FLASK := $(VENV)/bin/flask --app portal
RASA := cd bot && .venv/bin/rasa
MODEL := bot/models/family-help.tar.gz
PY_SOURCES = $(wildcard portal tests bot/actions bot/channels bot/components bot/tests benchmarks scripts)
# Rasa and TensorFlow print pages of deprecation warnings that are not ours.
export PYTHONWARNINGS ?= ignore
# Nothing reaches the internet at run time: no usage reports from Rasa.
export RASA_TELEMETRY_ENABLED ?= false
# The portal refuses to start without it (a production server must never default to development).
export FAMILYHELP_ENV ?= development

.PHONY: help
help: ## Show the commands
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 16

.PHONY: run
run: setup database content translations index model danger-model ## Set up and start the portal, Rasa and the action server
	@echo "==> Starting Family Help on http://127.0.0.1:$(PORT)"
	$(VENV)/bin/honcho --no-prefix start --env instance/dev.env || true

.PHONY: test
test: setup translations model danger-model lint test-portal test-bot ## Set up and run every test and check
	@echo "==> All tests passed"

.PHONY: setup
setup: portal-env bot-env assets ## Create both virtual environments and build front-end assets

.PHONY: portal-env
portal-env:
	@scripts/setup-venv $(VENV) "$(PYTHON311)" requirements/portal.lock

.PHONY: bot-env
bot-env:
	@python310="$$(scripts/find-python310)" && scripts/setup-venv $(BOT_VENV) "$$python310" bot/requirements.lock

.PHONY: assets
assets:
	@scripts/when-changed portal/static/.assets-stamp package-lock.json portal/styles scripts/build-assets -- scripts/build-assets

.PHONY: database
database: ## Apply database migrations
	@echo "==> Applying database migrations"
	@$(FLASK) db upgrade 2>&1 | grep -v -E 'alembic.runtime.migration\]?:? (Context impl|Will assume)' || true
	@$(FLASK) db current 2>/dev/null | grep -q head || { echo "Database migration failed" >&2; exit 1; }

.PHONY: content
content: ## Load the shipped content into the database
	@$(FLASK) content load

.PHONY: translations
translations: ## Compile the translation catalogues
	@$(VENV)/bin/pybabel compile --statistics -d translations 2>&1 | grep -v '^compiling' || true

.PHONY: index
index: ## Rebuild the search index when content changed
	@scripts/when-changed search_index/.stamp content portal/services/search/index.py portal/services/search/analysis.py portal/services/search/build.py -- $(FLASK) search build

.PHONY: model
model: ## Train the assistant when its data changed (about a minute)
	@[ -f $(MODEL) ] || rm -f bot/models/.stamp
	@scripts/when-changed bot/models/.stamp bot/config.yml bot/domain bot/data bot/components -- \
	  bash -c 'echo "==> Training the assistant (under a minute)"; cd bot && .venv/bin/rasa train --quiet --domain domain --data data --config config.yml --out models --fixed-model-name family-help'

.PHONY: danger-model
danger-model: ## Train the danger classifier when its training data changed (about a minute)
	@$(FLASK) safeguarding train

.PHONY: safeguarding-eval
safeguarding-eval: setup danger-model ## Recall and false alarms of the portal's danger layers (development and independent sets)
	@$(FLASK) safeguarding evaluate --write bot/results/safeguarding-layers.md

.PHONY: lint
lint: ## ruff (lint and format check), mypy, and the import layering (lint-imports)
	@echo "==> ruff"
	@$(VENV)/bin/ruff check $(PY_SOURCES)
	@$(VENV)/bin/ruff format --check $(PY_SOURCES)
	@echo "==> mypy"
	@$(VENV)/bin/mypy
	@echo "==> import layering (pyproject.toml [tool.importlinter])"
	@$(VENV)/bin/lint-imports --no-cache 2>&1 | sed -n '/^Contracts/,$$p' | grep -v -E '^-+$$|^$$'; test "$${PIPESTATUS[0]}" -eq 0

.PHONY: test-portal
test-portal: browser ## The portal's tests (SQLite, and PostgreSQL when TEST_DATABASE_URL is set)
	@echo "==> Portal tests$${TEST_DATABASE_URL:+ (and PostgreSQL)}"
	@scripts/pytest-strict $(VENV)/bin/python -m pytest tests $(PYTEST_ARGS)

.PHONY: test-bot
test-bot: ## The assistant's checks: data validation, test stories, action tests
	@echo "==> rasa data validate"
	@$(RASA) data validate --domain domain --data data --fail-on-warnings --quiet
	@echo "==> Rasa test stories"
	@$(RASA) test core --stories tests --model models/family-help.tar.gz --fail-on-prediction-errors --out results --quiet
	@if ls bot/tests/actions/test_*.py >/dev/null 2>&1; then \
	  echo "==> Action tests and the NLU evaluation"; cd bot && ../scripts/pytest-strict .venv/bin/python -m pytest -p no:cacheprovider tests/actions tests/components tests/nlu; \
	else echo "==> No action tests yet (bot/tests/actions/ has no test files)"; fi

.PHONY: browser
browser:
	@scripts/ensure-chromium

.PHONY: bench-search
bench-search: setup ## Search benchmark: shipped content and 50,000 synthetic documents, Whoosh v FTS5
	$(VENV)/bin/python benchmarks/search.py

.PHONY: i18n
i18n: ## Extract strings, update every catalogue, compile
	$(VENV)/bin/pybabel extract --no-location --sort-by-file -F babel.cfg -k lazy_gettext -k _l -o translations/messages.pot .
	$(VENV)/bin/pybabel update --no-fuzzy-matching --ignore-obsolete -i translations/messages.pot -d translations
	$(VENV)/bin/python scripts/fill_english_catalogue.py
	$(VENV)/bin/pybabel compile --statistics -d translations

.PHONY: lock
lock: ## Re-pin dependencies after editing requirements/portal.in or bot/requirements.in
	rm -rf .lock-venv && "$(PYTHON311)" -m venv .lock-venv && .lock-venv/bin/pip install -q -r requirements/portal.in && .lock-venv/bin/pip freeze > requirements/portal.lock && rm -rf .lock-venv
	python310="$$(scripts/find-python310)" && rm -rf .lock-venv && "$$python310" -m venv .lock-venv && .lock-venv/bin/pip install -q -r bot/requirements.in && .lock-venv/bin/pip freeze > bot/requirements.lock && rm -rf .lock-venv

.PHONY: clean
clean: ## Remove built files (keeps the virtual environments and the database)
	rm -rf search_index/builds search_index/current search_index/.stamp bot/models bot/results portal/static/vendor portal/static/css portal/static/.assets-stamp

.PHONY: bench-sms
bench-sms: setup model ## SMS benchmark: webhook round trips at 1, 10 and 50 conversations at once; segments per reply
	$(VENV)/bin/python benchmarks/sms.py

.PHONY: bench-chat
bench-chat: setup model ## Chat benchmark: turn latency through /api/chat with Rasa and the action server, NLU parse and training time
	$(VENV)/bin/python benchmarks/chat.py --train
