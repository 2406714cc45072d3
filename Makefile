# Grønnkjøp: two commands set everything up on a fresh machine (python3 3.11+, git, node/npm, make).
#   make demo   install, migrate, load the Dulten demo and serve it at http://127.0.0.1:8000
#   make test   lint, the whole test suite on SQLite and on a throw-away PostgreSQL, then the browser tests

PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: demo test install assets lint format serve check clean bench messages

demo: install assets
	$(BIN)/gronnkjop demo

test: install assets
	bash scripts/test-all.sh

# uv itself lives in a small bootstrap environment so `uv sync` never removes it from the project's one.
$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

install: $(UV)
	$(UV) sync --frozen --python $(PYTHON)

node_modules/.package-lock.json: package-lock.json package.json
	npm ci --no-audit --no-fund
	@touch $@

assets: node_modules/.package-lock.json
	node scripts/copy-assets.mjs

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

serve: install assets
	$(BIN)/gronnkjop migrate
	$(BIN)/gronnkjop collectstatic --noinput -v0
	$(BIN)/gronnkjop serve

# Extract strings (needs GNU gettext) into the project catalogue (core and templates) and one per app.
APPS_WITH_CATALOGUES := examples contracts followup reuse
messages: install
	cd src/gronnkjop && ../../$(BIN)/gronnkjop makemessages -l nb -l en --no-obsolete --ignore 'static/*' --ignore 'formats/*' $(foreach a,$(APPS_WITH_CATALOGUES),--ignore '$(a)/*')
	for a in $(APPS_WITH_CATALOGUES); do (cd src/gronnkjop/$$a && mkdir -p locale && ../../../$(BIN)/gronnkjop makemessages -l nb -l en --no-obsolete); done
	$(BIN)/python scripts/translations.py compile

bench: install
	$(BIN)/python benches/ehf_read.py

clean:
	rm -rf $(VENV) $(TOOLS) node_modules src/gronnkjop/static/vendor var/static
