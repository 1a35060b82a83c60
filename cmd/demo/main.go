// Command demo replays a realistic phone call against the kebabalab server
// started by `make run` and prints the conversation and the texts queued
// for the order. Run it with `make demo`; see internal/demo.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/kebabalab/kebabalab/internal/demo"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := demo.Main(ctx, os.LookupEnv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
