# The developer interface. `make run` builds everything and starts the
# platform on embedded SQLite; `make test` runs every test.
GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
BIN     := bin/mfgplan
DATA    ?= ./mfgplan-data

.PHONY: build ui run test test-go test-e2e bench lint clean

build: ui
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/mfgplan

# The UI is built into web/dist and embedded by the Go build. Both steps run
# only when their inputs changed, so `make run` on an unchanged tree starts in
# seconds: `npm ci` when the lock file is newer than the installed modules, the
# Vite build when any UI source is newer than the built index.html.
UI_SOURCES := $(shell find web/src -type f 2>/dev/null) web/index.html web/vite.config.ts web/tsconfig.json web/package.json

ui: web/dist/index.html

web/node_modules/.installed: web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $@

web/dist/index.html: web/node_modules/.installed $(UI_SOURCES)
	cd web && npm run build

run: build
	./$(BIN) serve --data $(DATA) --demo

# Every test: Go (SQLite and a throwaway PostgreSQL) and the browser tests.
test: build
	scripts/with-postgres.sh $(MAKE) test-go
	$(MAKE) test-e2e

test-go:
	$(GO) vet ./...
	$(GO) test -count=1 ./...

test-e2e:
	@if [ -f web/package.json ] && [ -d web/e2e ]; then cd web && npm run e2e; fi

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

lint:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)

clean:
	rm -rf bin web/dist/assets web/dist/index.html
