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

## bench: micro-benchmarks, a CPU profile of the webhook under 100 concurrent calls, then
## the load generator against a fresh server and two baselines; writes BENCHMARKS.md
bench:
	mkdir -p BENCH_OUT
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 300ms ./internal/vapi ./internal/webhook ./internal/speech ./internal/cart ./internal/session > BENCH_OUT/micro.txt || { cat BENCH_OUT/micro.txt; exit 1; }
	cat BENCH_OUT/micro.txt
	$(GO) test -run '^$$' -bench 'WebhookFlow$$' -benchtime 3s -cpuprofile BENCH_OUT/cpu.prof -o BENCH_OUT/webhook.test ./internal/webhook
	$(GO) tool pprof -top -cum -relative_percentages -nodecount 50 -focus 'webhook.\(\*webhook\).ServeHTTP' BENCH_OUT/webhook.test BENCH_OUT/cpu.prof > BENCH_OUT/pprof.txt
	$(GO) build -trimpath -o BENCH_OUT/kebabalab ./cmd/kebabalab
	$(GO) build -trimpath -o BENCH_OUT/kebabalab-load ./cmd/kebabalab-load
	BENCH_OUT/kebabalab-load -server BENCH_OUT/kebabalab -dir BENCH_OUT -micro BENCH_OUT/micro.txt -profile BENCH_OUT/pprof.txt -out BENCHMARKS.md

## fuzz: run every fuzz target for FUZZTIME (default 10s) each
fuzz:
	./scripts/fuzz.sh
