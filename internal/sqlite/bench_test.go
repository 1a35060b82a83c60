package sqlite

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/clock"
)

// BenchmarkStore_CreateOrder measures one createOrder with its two texts,
// each order from another number, on the disk of the test's temporary
// directory. The hourly text cap reads the last hour of the outbox, so the
// sub-benchmarks keep a steady number of customer texts in that hour: the
// clock moves on by an hour over that many orders.
//
// sync=full is the server's durable setting, an fsync per commit, whose
// time follows the disk; sync=off leaves the fsync out, so ns/op is then
// the writer's own work. cpu-ns/op is the process's CPU time (user and
// system, from getrusage) per order, which other work on a shared machine
// delays but does not change.
func BenchmarkStore_CreateOrder(b *testing.B) {
	for _, sync := range []string{"full", "off"} {
		for _, inHour := range []int{0, 1000} {
			b.Run(fmt.Sprintf("sync=%s/texts_in_hour=%d", sync, inHour), func(b *testing.B) {
				benchmarkCreateOrder(b, sync, inHour)
			})
		}
	}
}

// cpuTime is the CPU time the process has used so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func benchmarkCreateOrder(b *testing.B, sync string, inHour int) {
	ctx := context.Background()
	clk := clock.Fixed(shopZone, lunchtime)
	s, err := Open(ctx, filepath.Join(b.TempDir(), "orders.db"), WithClock(clk.Now),
		WithPII(testKeys(b)), WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	// A pragma cannot be a bound parameter; sync is one of two constants.
	if _, err := s.write.ExecContext(ctx, "PRAGMA synchronous = "+sync); err != nil {
		b.Fatal(err)
	}
	step := time.Hour + time.Second // texts_in_hour=0: every order in its own hour
	if inHour > 0 {
		step = time.Hour / time.Duration(inHour)
	}
	render := func(o Order) string { return "Order " + o.DisplayNumber() + " ref " + o.Number }
	seq := 0
	create := func() {
		seq++
		n := sampleOrder(fmt.Sprint("call-", seq), fmt.Sprint("tool-", seq))
		n.Phone = fmt.Sprintf("+614%08d", seq)
		msgs := []NewSMS{
			{Kind: KindOrderCustomer, To: n.Phone, Render: render},
			{Kind: KindOrderShop, To: "+61491570156", Render: render},
		}
		if _, _, err := s.CreateOrder(ctx, n, msgs); err != nil {
			b.Fatal(err)
		}
		clk.Advance(step)
	}
	for range inHour {
		create()
	}
	var start time.Duration
	for i := 0; b.Loop(); i++ {
		if i == 0 {
			start = cpuTime(b)
		}
		create()
	}
	b.ReportMetric(float64(cpuTime(b)-start)/float64(b.N), "cpu-ns/op")
}
