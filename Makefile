# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test check lint messages demo generate bench screenshots clean

# Printed before the tests so a log shows which database they ran on
# (tests use a test database named after this one).
export DB_INFO := from django.db import connection as c; print("make test: database", c.vendor, c.settings_dict["HOST"] or "", c.settings_dict["NAME"])

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when a requirements file changes.
$(VENV)/.installed-base: requirements/base.txt $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/base.txt
	touch $@

$(VENV)/.installed-test: requirements/test.txt requirements/base.txt $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/test.txt
	touch $@

# The `tsunagu` command line (pyproject.toml [project.scripts]), installed once.
$(VENV)/.installed-cli: pyproject.toml $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

run: $(VENV)/.installed-base $(VENV)/.installed-cli
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py rebuild_search_index
	$(BIN)/python manage.py demo_logins
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Static checks: Django's system checks, no model change without a migration, lint.
check: $(VENV)/.installed-test $(VENV)/.installed-cli
	$(BIN)/python manage.py check --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .

# Every step must pass; pytest's exit 5 ("no tests collected") is reported and
# fails the run like any other non-zero status, so an empty or mis-pointed run
# can never pass as green. Tests run on every core (pytest-xdist, one test
# database per worker; a module's tests stay on one worker); PYTEST_WORKERS=0 runs serially.
PYTEST_WORKERS ?= auto
test: check
	@$(BIN)/python manage.py shell --no-imports -c "$$DB_INFO"
	@status=0; $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS) || status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: pytest collected no tests (exit 5): failing" >&2; exit 1; fi; \
	exit $$status

# The demo database without starting the server (safe to repeat).
demo: $(VENV)/.installed-base
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py rebuild_search_index
	$(BIN)/python manage.py demo_logins

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

# The root catalogue (locale/ja) holds the strings of templates/, tsunagu/*.py,
# tsunagu/core and tsunagu/org; every other app keeps its own catalogue in
# tsunagu/<app>/locale and updates it from its own folder (see the conventions),
# so all other app folders are left out here, including apps added later.
# tests/core/test_translations.py runs the same command on a copy to check
# that nothing is missing.
OWN_CATALOGUE_APPS := $(filter-out tsunagu/core tsunagu/org,$(patsubst %/,%,$(wildcard tsunagu/*/)))
MESSAGES_IGNORE := --ignore=.venv --ignore=var --ignore=tests --ignore=bench --ignore=node_modules \
	$(addprefix --ignore=,$(OWN_CATALOGUE_APPS))

# Regenerate the root catalogue after changing UI strings, then translate the
# new entries in locale/ja/LC_MESSAGES/django.po and run `make messages` again.
messages: $(VENV)/.installed-base
	$(BIN)/python manage.py makemessages --locale ja --no-obsolete --no-location $(MESSAGES_IGNORE)
	cd locale && ../$(BIN)/python ../manage.py compilemessages --locale ja

generate: $(VENV)/.installed-base
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py generate

# Benchmarks: each prints its figures beside its baseline (see the docstring of each script).
bench: $(VENV)/.installed-test $(VENV)/.installed-cli
	$(BIN)/python bench/match_quality.py
	$(BIN)/python bench/match_speed.py
	$(BIN)/python bench/search_speed.py
	$(BIN)/python bench/generate_and_query.py

# The PNGs in docs/screenshots/ (390 and 1366 px), taken in Chromium on a throw-away demo database.
screenshots: $(VENV)/.installed-test $(VENV)/.installed-cli
	$(BIN)/python manage.py screenshots

clean:
	rm -rf $(VENV) var
