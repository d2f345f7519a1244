# Kota Cerdas — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HTMX_VERSION := 2.0.8
LEAFLET_VERSION := 1.9.4
AXE_VERSION := 4.10.3
WORKBOX_VERSION := 7.4.1
IDB_KEYVAL_VERSION := 6.2.2
export DJANGO_SETTINGS_MODULE ?= config.settings.local
# Test processes (pytest-xdist): one per core by default; PYTEST_WORKERS=0 runs the suite in one process.
PYTEST_WORKERS ?= auto

.PHONY: run test fuzz lint migrate demo assets worker serve bench bench-pages bench-masterplan bench-participation bench-surge bench-redis bench-national messages constraints clean help

help:
	@echo "make run    – install, migrate, load the Luwu Utara demo, serve http://127.0.0.1:$(PORT) with a worker"
	@echo "make test   – ruff, makemigrations --check, the whole test suite (browser tests where chromium exists)"
	@echo "make fuzz   – schemathesis over the whole OpenAPI schema, FUZZ_EXAMPLES=200 per operation"
	@echo "make bench  – measure pages against a trivial view (see docs/bench.md)"

$(VENV)/.installed: requirements/base.txt requirements/test.txt requirements/constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/test.txt
	@touch $@

venv: $(VENV)/.installed

# Front-end assets come from the npm registry at set-up and are served locally (no CDN at run time).
# Without npm the site still works: every page is usable without JavaScript.
static/vendor/htmx.min.js:
	@mkdir -p static/vendor
	@if command -v npm >/dev/null 2>&1; then \
	  tmp=$$(mktemp -d) && (cd $$tmp && npm pack --silent htmx.org@$(HTMX_VERSION) >/dev/null 2>&1) && \
	  tar xzf $$tmp/htmx.org-$(HTMX_VERSION).tgz -C $$tmp && cp $$tmp/package/dist/htmx.min.js $@ && rm -rf $$tmp \
	  && echo "assets: htmx $(HTMX_VERSION) installed into static/vendor" \
	  || { echo "assets: WARNING could not fetch htmx; pages work without it"; echo "/* htmx unavailable */" > $@; }; \
	else echo "assets: WARNING npm not found; pages work without htmx"; echo "/* htmx unavailable */" > $@; fi

# Leaflet draws the report maps; without it (or offline) the forms fall back to typed coordinates and
# kecamatan/desa lists. The source map is copied too: collectstatic's manifest follows the sourceMappingURL.
# Placeholders keep the hashed static manifest complete when npm is unavailable.
static/vendor/leaflet/leaflet.js:
	@mkdir -p static/vendor/leaflet
	@if command -v npm >/dev/null 2>&1; then \
	  tmp=$$(mktemp -d) && (cd $$tmp && npm pack --silent leaflet@$(LEAFLET_VERSION) >/dev/null 2>&1) && \
	  tar xzf $$tmp/leaflet-$(LEAFLET_VERSION).tgz -C $$tmp && cp $$tmp/package/dist/leaflet.css static/vendor/leaflet/ && \
	  rm -rf static/vendor/leaflet/images && cp -r $$tmp/package/dist/images static/vendor/leaflet/ && \
	  cp $$tmp/package/dist/leaflet.js.map static/vendor/leaflet/ && cp $$tmp/package/dist/leaflet.js $@ && rm -rf $$tmp \
	  && echo "assets: leaflet $(LEAFLET_VERSION) installed into static/vendor/leaflet" \
	  || { echo "assets: WARNING could not fetch leaflet; maps fall back to plain inputs"; echo "/* leaflet unavailable */" > $@; echo "/* leaflet unavailable */" > static/vendor/leaflet/leaflet.css; }; \
	else echo "assets: WARNING npm not found; maps fall back to plain inputs"; echo "/* leaflet unavailable */" > $@; echo "/* leaflet unavailable */" > static/vendor/leaflet/leaflet.css; fi

# axe-core checks accessibility inside the browser tests (tests/browser/test_accessibility.py); no page links it. Without npm the accessibility tests are skipped with a warning.
static/vendor/axe.min.js:
	@mkdir -p static/vendor
	@if command -v npm >/dev/null 2>&1; then \
	  tmp=$$(mktemp -d) && (cd $$tmp && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null 2>&1) && \
	  tar xzf $$tmp/axe-core-$(AXE_VERSION).tgz -C $$tmp && cp $$tmp/package/axe.min.js $@ && rm -rf $$tmp \
	  && echo "assets: axe-core $(AXE_VERSION) installed into static/vendor (for the accessibility tests)" \
	  || echo "assets: WARNING could not fetch axe-core; the accessibility tests will be skipped"; \
	else echo "assets: WARNING npm not found; the accessibility tests will be skipped"; fi

# The service worker (docs/offline.md): Workbox's loader and the modules it uses (it loads them from
# /static/vendor/workbox/, never from Google's CDN), with their source maps, and idb-keyval for the drafts.
# Without them the service worker does nothing and the site works online as before.
WORKBOX_MODULES := workbox-sw workbox-core workbox-routing workbox-strategies workbox-expiration
static/vendor/workbox/workbox-sw.js:
	@mkdir -p static/vendor/workbox
	@if command -v npm >/dev/null 2>&1; then \
	  tmp=$$(mktemp -d) && ok=1 && for m in $(WORKBOX_MODULES); do \
	    (cd $$tmp && npm pack --silent $$m@$(WORKBOX_VERSION) >/dev/null 2>&1 && mkdir $$m && tar xzf $$m-$(WORKBOX_VERSION).tgz -C $$m) || ok=0; \
	  done; \
	  if [ $$ok = 1 ]; then \
	    for m in $(filter-out workbox-sw,$(WORKBOX_MODULES)); do cp $$tmp/$$m/package/build/$$m.prod.js* static/vendor/workbox/; done; \
	    cp $$tmp/workbox-sw/package/build/workbox-sw.js.map static/vendor/workbox/ && cp $$tmp/workbox-sw/package/build/workbox-sw.js $@ \
	    && echo "assets: workbox $(WORKBOX_VERSION) installed into static/vendor/workbox"; \
	  else echo "assets: WARNING could not fetch workbox; no offline mode"; echo "/* workbox unavailable */" > $@; fi; rm -rf $$tmp; \
	else echo "assets: WARNING npm not found; no offline mode"; echo "/* workbox unavailable */" > $@; fi

static/vendor/idb-keyval.js:
	@mkdir -p static/vendor
	@if command -v npm >/dev/null 2>&1; then \
	  tmp=$$(mktemp -d) && (cd $$tmp && npm pack --silent idb-keyval@$(IDB_KEYVAL_VERSION) >/dev/null 2>&1) && \
	  tar xzf $$tmp/idb-keyval-$(IDB_KEYVAL_VERSION).tgz -C $$tmp && cp $$tmp/package/dist/umd.js $@ && rm -rf $$tmp \
	  && echo "assets: idb-keyval $(IDB_KEYVAL_VERSION) installed into static/vendor" \
	  || { echo "assets: WARNING could not fetch idb-keyval; no offline drafts"; echo "/* idb-keyval unavailable */" > $@; }; \
	else echo "assets: WARNING npm not found; no offline drafts"; echo "/* idb-keyval unavailable */" > $@; fi

assets: static/vendor/htmx.min.js static/vendor/leaflet/leaflet.js static/vendor/axe.min.js static/vendor/workbox/workbox-sw.js static/vendor/idb-keyval.js

migrate: venv
	@$(PY) manage.py migrate --noinput -v 0 && echo "  database ready (migrations applied)"

demo: migrate
	$(PY) manage.py load_demo

# Links in e-mails point at the server `make run` starts; a SITE_URL in the environment or in .env wins.
run worker: export SITE_URL ?= $(or $(shell sed -n 's/^SITE_URL=//p' .env 2>/dev/null),http://127.0.0.1:$(PORT))

run: venv assets migrate
	@mkdir -p var
	@$(PY) manage.py load_demo > var/demo-logins.txt
	@echo
	@echo "  Kota Cerdas: http://127.0.0.1:$(PORT)/   (Ctrl+C stops the server and the worker)"
	@echo "  Luwu Utara:  http://127.0.0.1:$(PORT)/r/luwu-utara/    API docs: http://127.0.0.1:$(PORT)/api/docs/"
	@echo "  Staff login: http://127.0.0.1:$(PORT)/akun/masuk/"
	@echo
	@cat var/demo-logins.txt
	@echo
	@$(PY) manage.py db_worker --interval 1 --no-reload > var/worker.log 2>&1 & worker=$$!; \
	  ( while true; do $(PY) manage.py send_reminders >> var/worker.log 2>&1; \
	      $(PY) manage.py send_agreement_alerts >> var/worker.log 2>&1; sleep 600; done ) & timer=$$!; \
	  ( while true; do sleep 60; $(PY) manage.py recover_jobs >> var/worker.log 2>&1; done ) & recovery=$$!; \
	  trap "kill $$worker $$timer $$recovery 2>/dev/null" EXIT INT TERM; \
	  echo "  task worker running (pid $$worker, log var/worker.log); reminders and agreement alerts every 10 minutes, jobs of a dead worker recovered every minute"; \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT)

worker: venv
	$(PY) manage.py db_worker

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: venv assets
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The schema fuzzing of tests/api/test_schema_fuzz.py with many more examples per operation (docs/api.md).
FUZZ_EXAMPLES ?= 200
fuzz: venv
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -q -p no:logging tests/api/test_schema_fuzz.py

# Five reports (docs/bench.md): pages, the masterplan workbook and document, citizen reports at 1,000,000
# rows, each against a baseline measured in the same run; intake under a surge of 200 clients (every
# acknowledged report stored exactly once); and the production path with Redis and two RQ workers (skipped,
# saying so, where no Redis answers). `make bench-pages` etc. run one of them.
bench: bench-pages bench-masterplan bench-participation bench-surge
	$(MAKE) bench-redis BENCH_REDIS_ARGS="--skip-without-redis $(BENCH_REDIS_ARGS)"

bench-pages: venv assets
	$(PY) bench/run.py $(BENCH_ARGS)

bench-masterplan: venv
	$(PY) bench/masterplan_io.py $(BENCH_MASTERPLAN_ARGS)

bench-participation: venv assets
	$(PY) bench/participation.py $(BENCH_PARTICIPATION_ARGS)

# BENCH_SURGE_ARGS="--seconds 30" for a quick run, "--kill-worker" to SIGKILL a web worker halfway.
bench-surge: venv assets
	$(PY) bench/surge.py $(BENCH_SURGE_ARGS)

# The page cache shared by gunicorn and the task workers through Redis, intake tasks spread over two RQ workers.
# Empties the Redis database it is given: BENCH_REDIS_ARGS="--redis-url redis://127.0.0.1:6379/14" (the default).
bench-redis: venv assets
	$(PY) bench/redis_path.py $(BENCH_REDIS_ARGS)
# The whole country on one installation (issue 18, target 5; docs/bench.md): 514 kabupaten/kota with 300
# programmes each and BENCH_REPORTS citizen reports (default 5,000,000). Loads into DATABASE_URL (PostgreSQL;
# default kotacerdas_bench_national) and its copy <name>_alone, resumable; BENCH_NATIONAL_ARGS="--measure-only".
bench-national: venv assets
	$(PY) bench/national.py $(BENCH_NATIONAL_ARGS)

messages: venv
	$(PY) manage.py makemessages -l id --no-obsolete --ignore=.venv --ignore=bench --ignore=tests --ignore=static
	$(PY) manage.py compilemessages --ignore=.venv

# Re-pin every transitive dependency after a change to requirements/*.txt.
constraints:
	rm -rf .venv-pin && $(PYTHON) -m venv .venv-pin
	: > requirements/constraints.txt
	.venv-pin/bin/pip install --quiet -r requirements/test.txt
	(echo "# Every transitive dependency pinned (pip freeze of a fresh install of requirements/test.txt)."; \
	 echo "# Regenerate after changing requirements: make constraints"; \
	 .venv-pin/bin/pip freeze --exclude-editable | sort -f) > requirements/constraints.txt
	rm -rf .venv-pin

clean:
	rm -rf $(VENV) static/vendor staticfiles .pytest_cache .ruff_cache
