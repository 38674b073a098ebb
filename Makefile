# Calcinosis KB. The database is found as README.md describes (DATABASE_URL, then
# 127.0.0.1:5432, then a private cluster under .data/).
GO ?= go

.PHONY: run test migrate lint build db-stop

run: ## serve the API on :8080 (ADDR), migrating and seeding the database first
	$(GO) run ./cmd/kb serve

# The packages with shared state across goroutines (the answers held in memory, the store and
# its version listener) run under the race detector; the rest as they are.
RACE_PKGS = ./api ./internal/postgres
test: ## every test, against real PostgreSQL databases created and dropped per test
	$(GO) test -count=1 -race $(RACE_PKGS)
	$(GO) test -count=1 $$($(GO) list ./... | grep -v -x -e calcinosiskb/api -e calcinosiskb/internal/postgres)

migrate: ## apply every migration to the service's database
	$(GO) run ./cmd/kb migrate up

lint: ## formatting and vet
	@unformatted=$$(gofmt -l .); if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...

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
