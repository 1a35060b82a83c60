# Developer entry points. `make run` and `make test` are all a fresh clone needs.
GO ?= go
PKGS := ./...
GOBIN ?= $(shell $(GO) env GOPATH)/bin
STATICCHECK_VERSION := v0.8.2
GOSEC_VERSION := v2.30.0

.PHONY: run demo test build lint tools bench fuzz

## run: start a local development server (no secrets, SMS dry-run, data in ./data)
run:
	APP_ENV=development LOG_FORMAT=text $(GO) run ./cmd/kebabalab serve

## demo: replay a sample phone call against the server `make run` started
## (APP_ENV as `make run` sets it, so both find the same development keys)
demo:
	APP_ENV=development $(GO) run ./cmd/demo

## test: vet and run every test with the race detector
test:
	$(GO) vet $(PKGS)
	$(GO) test -race -count=1 $(PKGS)

## build: build the binary into ./bin
build:
	$(GO) build -trimpath -o bin/kebabalab ./cmd/kebabalab

## lint: vet, formatting, staticcheck and gosec (installed by `make tools`)
lint:
	$(GO) vet $(PKGS)
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then \
		echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GOBIN)/staticcheck $(PKGS)
	$(GOBIN)/gosec -quiet -exclude-generated $(PKGS)

## tools: install the pinned linters into $(GOBIN)
tools:
	$(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	$(GO) install github.com/securego/gosec/v2/cmd/gosec@$(GOSEC_VERSION)

## bench: run the micro-benchmarks
bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

## fuzz: run every fuzz target for FUZZTIME (default 10s) each
fuzz:
	./scripts/fuzz.sh
