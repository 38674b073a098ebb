# Calcinosis KB. The database is found as README.md describes (DATABASE_URL, then
# 127.0.0.1:5432, then a private cluster under .data/). Each of run, check and test first
# installs what the machine lacks for it (scripts/deps): as root on Debian or Ubuntu with
# apt-get, elsewhere by saying which command to run.
GO ?= go
NPM ?= npm

.PHONY: run check test lint lint-openapi migrate build db-stop deps-run deps-check deps-test

run: deps-run ## serve the API on :8080 (ADDR), migrating and seeding the database first
	$(GO) run ./cmd/kb serve

check: deps-check lint lint-openapi ## the fast lane, under a minute: gofmt, vet, the OpenAPI lint and every test but the long ones
	$(GO) test -count=1 -short ./...

test: deps-test lint lint-openapi ## everything: the checks and every test, under the race detector, against real PostgreSQL
	$(GO) test -count=1 -race ./...

deps-run deps-check deps-test:
	@scripts/deps $(@:deps-%=%)

lint: ## formatting and vet
	@unformatted=$$(gofmt -l .); if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...

# Telemetry off: the linter would otherwise report to its vendor, and wait for it.
lint-openapi: node_modules/.package-lock.json ## redocly lint (recommended rules) on openapi.yaml: no error, no warning
	@REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true node_modules/.bin/redocly lint --format=summary openapi.yaml

# npm ci installs exactly package-lock.json; it runs again only when the lock file changes.
node_modules/.package-lock.json: package.json package-lock.json
	$(NPM) ci --no-audit --no-fund --loglevel=error

migrate: ## apply every migration to the service's database
	$(GO) run ./cmd/kb migrate up

build: ## the binary, at bin/kb
	$(GO) build -o bin/kb ./cmd/kb

db-stop: ## stop the private PostgreSQL cluster, if one was started under .data/
	@set -e; dir=.data/pg; [ -f $$dir/PG_VERSION ] || { echo "no private cluster under .data/"; exit 0; }; \
	bin=$$(command -v pg_ctl || ls -d /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1); \
	if [ "$$(id -u)" = 0 ]; then su -s /bin/sh "$$(stat -c %U $$dir)" -c "$$bin -D $$dir -m fast stop"; \
	else $$bin -D $$dir -m fast stop; fi

.PHONY: bench
BENCHFLAGS ?= -duration 10s -connections 64
bench: ## load the API and nginx (same bytes) on fresh databases, normal and grown 100-fold; results in .data/bench/
	$(GO) run ./cmd/bench $(BENCHFLAGS)

.PHONY: screenshots
screenshots: ## every page kind in headless Chromium at 390 and 1280 px, as PNGs in docs/screenshots/
	SCREENSHOTS_DIR=$(CURDIR)/docs/screenshots $(GO) test -count=1 -run '^TestPages_Browser$$' ./api/
