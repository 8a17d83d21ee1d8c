# Two commands do all the set-up (see README.md):
#   make lab    create/reuse .venv, install geokit, open the lessons in JupyterLab
#   make test   create/reuse .venv, install geokit and the test tools, run every test
# Both install geokit non-editable (`pip install .`), exactly as a student's machine would, and
# reinstall only when pyproject.toml, src/ or data/ changed.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SOURCES := pyproject.toml $(shell find src data -type f -not -name '*.pyc' 2>/dev/null)
PYTEST_ARGS ?=

.PHONY: lab test lint schema clean help
help:
	@echo "make lab    open the lessons in JupyterLab (sets everything up first)"
	@echo "make test   run every test: unit, data, notebooks (nbval), browser"
	@echo "make lint   ruff and mypy"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.lab-installed: $(PY) $(SOURCES)
	$(PY) -m pip install --quiet '.[lab]'
	@rm -f $(VENV)/.test-installed
	@touch $@

$(VENV)/.test-installed: $(PY) $(SOURCES)
	$(PY) -m pip install --quiet '.[lab,test]'
	@touch $(VENV)/.lab-installed
	@touch $@

lab: $(VENV)/.lab-installed
	$(VENV)/bin/jupyter lab notebooks/

test: $(VENV)/.test-installed
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check src tests
	$(VENV)/bin/mypy

schema: $(VENV)/.test-installed
	$(VENV)/bin/geokit schema -o data/schema

clean:
	rm -rf $(VENV) build dist .pytest_cache test-artifacts
