// Command kebabalab is the phone-order server of a kebab shop: VAPI's voice
// assistant calls its webhook to read the menu, build the cart and place
// the order. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // shop time must work on machines without a zoneinfo database

	"github.com/kebabalab/kebabalab/internal/app"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := app.Run(ctx, os.Args[1:], os.LookupEnv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
