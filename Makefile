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

.PHONY: lab test lint schema gazetteer borders baselines clean help
help:
	@echo "make lab    open the lessons in JupyterLab (sets everything up first)"
	@echo "make test   run every test: unit, data, notebooks (nbval), browser, hub"
	@echo "make lint   ruff, mypy and the layer contract (make test runs it first)"

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

# The accessibility test injects axe-core, vendored here from the npm registry at install time
# (never fetched from a CDN at run time; tests/browser/vendor/ is git-ignored). Without npm the
# test skips, and fails under CI=true.
AXE := tests/browser/vendor/axe.min.js

$(AXE):
	@if command -v npm >/dev/null 2>&1; then \
	  mkdir -p $(@D) && cd $(@D) && rm -f axe-core-*.tgz \
	  && npm pack --silent axe-core@4 --pack-destination . >/dev/null \
	  && tar -xzf axe-core-*.tgz --strip-components=1 package/axe.min.js package/LICENSE \
	  && rm -f axe-core-*.tgz && touch axe.min.js \
	  && echo "vendored $$(head -c 16 axe.min.js | tr -d '/*!') into $(@D)/"; \
	else \
	  echo "npm not found: $(AXE) not vendored; the accessibility test will skip" \
	       "(and fail under CI=true)"; \
	fi

# The hub tests (tests/hub/, marker `hub`) start a real JupyterHub behind configurable-http-proxy,
# vendored here from the npm registry at install time (tests/hub/vendor/ is git-ignored). Without
# npm the hub tests skip, and fail under CI=true.
CHP := tests/hub/vendor/node_modules/.bin/configurable-http-proxy

$(CHP):
	@if command -v npm >/dev/null 2>&1; then \
	  mkdir -p tests/hub/vendor \
	  && npm install --silent --no-audit --no-fund --prefix tests/hub/vendor \
	       configurable-http-proxy@5 >/dev/null \
	  && echo "vendored configurable-http-proxy $$($(CHP) --version) into tests/hub/vendor/"; \
	else \
	  echo "npm not found: $(CHP) not vendored; the hub tests will skip" \
	       "(and fail under CI=true)"; \
	fi

# Offline and quiet for a classroom: no news feed, no update check, no announcements pop-up
# (each would reach the network or cover the lesson). The plugin switch is stored in the venv.
# Jupyter refuses to run as root (containers, some hubs) unless told; only then is it told.
LAB_FLAGS := --LabApp.news_url=None \
	--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
	$(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)

lab: $(VENV)/.lab-installed
	@$(VENV)/bin/jupyter labextension disable --level=sys_prefix \
	  @jupyterlab/apputils-extension:announcements >/dev/null 2>&1 || true
	$(VENV)/bin/jupyter lab $(LAB_FLAGS) notebooks/

# `make test` lints first (ruff, mypy, the layer contract), then runs pytest.
test: lint $(AXE) $(CHP)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	PYTHONPATH=src $(VENV)/bin/lint-imports --no-cache

schema: $(VENV)/.test-installed
	$(VENV)/bin/geokit schema -o data/schema

# Regrow src/geokit/data/gazetteer-grown.yaml from the articles gazetteer.yaml lists under
# grown_from (tests/test_gazetteer.py fails while it is out of date).
gazetteer: $(VENV)/.test-installed
	PYTHONPATH=src $(PY) -c "from geokit.data.gazetteer import write_grown; print(write_grown())"

# The regional map's country borders: Natural Earth as packed in npm's world-atlas, cut to the
# region and simplified by scripts/make_borders.py (see data/geo/README.md). Needs npm; the
# result is committed, so nothing is fetched when the map is drawn or tested.
WORLD_ATLAS := world-atlas@2.0.2

borders:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT \
	  && (cd "$$tmp" && npm pack --silent $(WORLD_ATLAS) >/dev/null && tar -xzf world-atlas-*.tgz) \
	  && $(PYTHON) scripts/make_borders.py "$$tmp/package" -o data/geo/countries-50m.json

# Rewrite the figure baselines (tests/baseline/*.png) after an intended visual change or a change
# to the shipped article's annotations; look at every image before committing it.
baselines: $(VENV)/.test-installed
	$(PY) -m pytest -q tests/test_plot_baselines.py -k matches_its_baseline \
	  --mpl-generate-path=tests/baseline

clean:
	rm -rf $(VENV) build dist .pytest_cache test-artifacts
