package loadgen

import (
	"fmt"
	"strings"
	"time"
)

// TargetCalls is the concurrency the throughput and latency targets are
// set at.
const TargetCalls = 100

// Targets, from the issue that asked for the benchmark.
const (
	targetThroughput = 0.50 // of the read baseline's requests per second
	targetP99        = 2.0  // times the read baseline's p99
	targetOrders     = 0.70 // of the raw durable-insert rate
	targetRSS        = 64 << 20
	targetStartup    = 150 * time.Millisecond
)

// ratio compares the server's cart flow with the baselines at one level.
type ratio struct {
	vsRead, vsDecode       float64 // throughput, server / baseline
	p99VsRead, p99VsDecode float64 // p99, server / baseline
	cpuVsRead, cpuVsDecode float64 // server CPU per request, server / baseline
}

func ratios(lv LevelResult) ratio {
	p99 := func(s *Stats) float64 { return float64(s.Combined().Percentile(99)) }
	return ratio{
		vsRead:      div(lv.Cart.Throughput(), lv.Read.Throughput()),
		vsDecode:    div(lv.Cart.Throughput(), lv.Decode.Throughput()),
		p99VsRead:   div(p99(lv.Cart), p99(lv.Read)),
		p99VsDecode: div(p99(lv.Cart), p99(lv.Decode)),
		cpuVsRead:   div(float64(lv.Cart.CPUPerRequest()), float64(lv.Read.CPUPerRequest())),
		cpuVsDecode: div(float64(lv.Cart.CPUPerRequest()), float64(lv.Decode.CPUPerRequest())),
	}
}

func div(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

type verdict struct{ target, figure, verdict string }

func verdicts(res *Results, o Options) []verdict {
	var out []verdict
	lv, found := LevelResult{}, false
	for _, l := range res.Levels {
		if l.Calls == TargetCalls {
			lv, found = l, true
		}
	}
	if found {
		t := ratios(lv)
		out = append(out,
			verdict{"cart tools at 100 calls: throughput ≥ 50 % of read",
				fmt.Sprintf("%.0f %% (%.0f vs %.0f requests/s)", 100*t.vsRead,
					lv.Cart.Throughput(), lv.Read.Throughput()),
				atLeast(t.vsRead, targetThroughput, "points", 100)},
			verdict{"cart tools at 100 calls: p99 ≤ 2× read's",
				fmt.Sprintf("%.2f× (%s vs %s)", t.p99VsRead,
					ms(lv.Cart.Combined().Percentile(99)), ms(lv.Read.Combined().Percentile(99))),
				atMost(t.p99VsRead, targetP99, "×", 1)})
	} else {
		out = append(out, verdict{"cart tools at 100 calls", "not measured", "not measured"})
	}
	for _, o := range []struct {
		when string
		o    Orders
	}{{"fresh server", res.Orders}, {"after the levels", res.OrdersLoaded}} {
		if o.o.Stats == nil {
			continue
		}
		ratio := div(o.o.PerSec, res.InsertsPerSec)
		out = append(out, verdict{"createOrder ≥ 70 % of raw SQLite durable inserts, " + o.when,
			fmt.Sprintf("%.0f %% (%.0f vs %.0f per second)", 100*ratio, o.o.PerSec,
				res.InsertsPerSec),
			atLeast(ratio, targetOrders, "points", 100)})
	}
	if len(res.Startup) == 0 {
		return append(out, verdict{"RSS and start-up", "not measured (server not spawned)",
			"not measured"})
	}
	return append(out,
		verdict{fmt.Sprintf("RSS < 64 MB with %d live sessions", o.Sessions),
			memMB(res.MemSessions.RSS),
			atMost(float64(res.MemSessions.RSS)/(1<<20), targetRSS>>20, "MB", 1)},
		verdict{"start-up to ready < 150 ms (median)", ms(median(res.Startup)),
			atMost(float64(median(res.Startup))/float64(time.Millisecond),
				float64(targetStartup/time.Millisecond), "ms", 1)})
}

// atLeast says whether got met want, or by how much (in unit, after
// scaling both by scale) it fell short.
func atLeast(got, want float64, unit string, scale float64) string {
	if got >= want {
		return "**met**"
	}
	return fmt.Sprintf("**missed** by %.1f %s", (want-got)*scale, unit)
}

func atMost(got, want float64, unit string, scale float64) string {
	if got <= want {
		return "**met**"
	}
	return fmt.Sprintf("**missed** by %.1f %s", (got-want)*scale, unit)
}

func writeVerdicts(b *strings.Builder, vs []verdict) {
	b.WriteString("## Targets\n\n| target | measured | verdict |\n|---|---|---|\n")
	for _, v := range vs {
		fmt.Fprintf(b, "| %s | %s | %s |\n", v.target, v.figure, v.verdict)
	}
	b.WriteString("\nWhy a target is missed, and where the time goes, is under " +
		"[Where the time goes](#where-the-time-goes) at the end.\n\n")
}
