# The README's two commands are `make serve` and `make test`; everything else is a helper.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Dates in the output come from content and from the last commit, never the clock: builds repeat byte for byte.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export CHROMIUM_PATH ?= /usr/bin/chromium

.PHONY: serve build packs check test bench bench-scale links-external urls report review requirements chromium audit java publish-check

$(BIN)/.installed: requirements.txt
	@command -v python3 >/dev/null || { echo "Python 3.11+ is needed: sudo apt-get install python3 python3-venv"; exit 1; }
	python3 -m venv $(VENV) || { echo "Could not create the virtual environment: sudo apt-get install python3-venv"; exit 1; }
	@# Every file is checked against the hashes in requirements.txt, pip itself included (pinned there).
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	touch $@

## serve: build the site and serve it at http://127.0.0.1:8000 with live reload; a problem is listed, and the
## site still served (SERVE_ADDR=127.0.0.1:PORT serves elsewhere, CONFIG=path/mkdocs.yml another site).
## Not --strict: a strict rebuild that meets one of MkDocs' own warnings (a broken link) raises, and the server
## then holds every request until the file is fixed.
SERVE_ADDR ?= 127.0.0.1:8000
serve: $(BIN)/.installed
	$(BIN)/properdocs serve --dev-addr $(SERVE_ADDR) --config-file "$(or $(CONFIG),mkdocs.yml)"

## build: write the site to site/ (fails on any content or link problem)
build: $(BIN)/.installed
	$(BIN)/properdocs build -f mkdocs.yml --strict --clean

## packs: `make build`, plus each topic pack as PDFs at A4 and US Letter for double-sided printing, every article on
## a right-hand page, linked from the pack page (PACK_PDFS=1: hooks/packs.py; the deploy workflow publishes this)
packs: $(BIN)/.installed chromium
	PACK_PDFS=1 $(BIN)/properdocs build -f mkdocs.yml --strict --clean

## check: the content checks only (front matter, language, HTML, domains, readability, links), no browser
check: $(BIN)/.installed
	@out=$$(mktemp -d) && $(BIN)/properdocs build -f mkdocs.yml --strict --site-dir "$$out" ; status=$$?; rm -rf "$$out"; exit $$status

## test: the whole test suite: lint, unit tests, built-site tests, browser tests (installs Chromium if missing)
test: $(BIN)/.installed chromium
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

chromium:
	@if [ ! -x "$(CHROMIUM_PATH)" ]; then \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
	  || { echo "Could not install Chromium: run 'sudo apt-get update && sudo apt-get install chromium'"; exit 1; }; \
	fi

## audit: the web's own checkers (Nu HTML Checker, pa11y, Lighthouse, zizmor) on a fresh build, one summary line
## each; reports in audit/reports/ (ARCHITECTURE.md: "Outside checkers"). Needs Java and npm besides make test's tools.
audit: $(BIN)/.installed chromium java audit/node_modules/.installed
	$(BIN)/python audit/outside_checkers.py

java:
	@if ! command -v java >/dev/null; then \
	  echo "Installing Debian's Java runtime for the Nu HTML Checker..."; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null \
	  || { echo "Could not install Java: run 'sudo apt-get update && sudo apt-get install default-jre-headless'"; exit 1; }; \
	fi

# The Node tools, exactly as audit/package-lock.json pins them (integrity hashes). No install script runs:
# none downloads a browser (they drive Debian's Chromium) or a Java runtime.
audit/node_modules/.installed: audit/package.json audit/package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed to install the audit's Node tools: sudo apt-get install npm"; exit 1; }
	cd audit && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

## links-external: also check every external link (network; the nightly CI job runs this); a stale helpline or
## an overdue review is an error here
links-external: $(BIN)/.installed
	CHECK_EXTERNAL_LINKS=1 STRICT_HELPLINES=1 STRICT_REVIEWS=1 $(BIN)/properdocs build -f mkdocs.yml --strict --clean

## urls: add the URLs of new pages to data/urls.txt (published URLs are never removed)
urls: $(BIN)/.installed
	@out=$$(mktemp -d) && UPDATE_URL_MANIFEST=1 $(BIN)/properdocs build -f mkdocs.yml --site-dir "$$out" ; status=$$?; rm -rf "$$out"; exit $$status

## publish-check: fail while mkdocs.yml still has the example site_url or no extra.safety_contact (the deploy
## workflow runs it before building; a build only warns)
publish-check: $(BIN)/.installed
	@PYTHONPATH=hooks $(BIN)/python -m between_us.publish_check mkdocs.yml

## report: the editor's report, as Markdown on standard output: every article (topic, words, reading grade,
## references, review, next review due, last updated), every helpline entry (verified, days until stale), each
## other language's articles (English twin, reading ease, review, translation up to date or not), totals.
## Reads the files the build reads, with the checks' own functions; builds nothing, needs no network.
report: $(BIN)/.installed
	@PYTHONPATH=hooks $(BIN)/python -m between_us.editors_report

## review: record a clinical review: `make review ARTICLE=docs/intimacy/name.md BY=reviewer-id` writes the article's
## `review:` with today's date (ON=YYYY-MM-DD for another) and the version (hash) of its text; the reviewer must be
## in data/reviewers.yml
review: $(BIN)/.installed
	@PYTHONPATH=hooks $(BIN)/python -m between_us.record_review "$(ARTICLE)" "$(BY)" $(if $(ON),--today "$(ON)")

## bench: build time, page weight and search cost against stock Material, on synthetic and real articles
## (BENCHMARKS.md; about 6 minutes on 2 cores)
bench: $(BIN)/.installed chromium
	$(BIN)/python benchmarks/bench.py

## bench-scale: growth from 1,000 to 5,000 articles, peak memory, index size and search bytes, both corpora, and
## stock Material at the largest N it builds in under 15 minutes (BENCHMARKS.md, "Scale: 5,000 articles"; about 30 minutes)
bench-scale: $(BIN)/.installed chromium
	$(BIN)/python benchmarks/bench.py --scale

## requirements: write requirements.txt from requirements.in: every package pinned, with the hashes of all its files
## (for every platform). Keeps the current pins where they still fit; UPGRADE=--upgrade moves every package
## to its newest release, UPGRADE="--upgrade-package NAME" one of them.
requirements: $(BIN)/.installed
	UV_PYTHON_DOWNLOADS=never UV_NO_CONFIG=1 $(BIN)/uv pip compile --quiet --universal --python-version 3.11.5 \
	  --generate-hashes $(UPGRADE) requirements.in -o requirements.txt
