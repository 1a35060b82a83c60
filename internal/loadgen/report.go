package loadgen

import (
	_ "embed"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"
)

// analysis is the written part of BENCHMARKS.md: where the time goes, read
// from the profile, and why a target is missed. It is prose, kept beside
// the code that measures, and revised when the figures change.
//
//go:embed analysis.md
var analysis string

// Report is what BENCHMARKS.md is written from.
type Report struct {
	Machine  Machine
	Commands []string // the exact commands that produced the figures
	Options  Options
	Results  *Results
	Micro    string // go test -bench output
	Profile  string // go tool pprof -top output
}

// Write renders the report as markdown.
func (r *Report) Write(w io.Writer) error {
	var b strings.Builder
	r.header(&b)
	writeVerdicts(&b, verdicts(r.Results, r.Options))
	for _, lv := range r.Results.Levels {
		r.level(&b, lv)
	}
	r.orders(&b)
	r.memory(&b)
	r.startup(&b)
	fmt.Fprintf(&b, "## Micro-benchmarks\n\n```\n%s\n```\n\n", strings.TrimSpace(r.Micro))
	b.WriteString(strings.TrimSpace(analysis) + "\n\n")
	if r.Profile != "" {
		fmt.Fprintf(&b, "### CPU profile of this run\n\n```\n%s\n```\n",
			strings.TrimSpace(r.Profile))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (r *Report) header(b *strings.Builder) {
	m, o := r.Machine, r.Options
	fmt.Fprintf(b, `# Benchmarks

Figures from one run of `+"`make bench`"+`, written by `+"`cmd/kebabalab-load`"+`
on %s; rerun `+"`make bench`"+` to refresh them.

**The machine was shared with other engineers' builds and test runs while
this was measured.** Its load average was %s at the start and %s at the
end, on two CPUs. Absolute figures are noisy. The figures to read are the
ratios against the baselines, which were measured in the same minutes on the
same machine, and the server's CPU time per request, which other work
delays but does not change.

## Machine

| | |
|---|---|
| CPUs (nproc) | %d |
| CPU | %s |
| Memory | %s |
| Go | %s %s |
| Date | %s |

## Commands

`+"```"+`
%s
`+"```"+`

Each level runs its number of simulated calls (%s) at once, for %s
per server, in %d rounds that take turns between kebabalab and the
baselines, so that a burst of other work on the machine lands on all of them
alike; each round starts with %s of warm-up that is not recorded. Every
call has its own call id and follows the ordering flow of
`+"`internal/loadgen/script.json`"+`; every request is a 31 KB VAPI
envelope (call, assistant and artifact objects of a mid-length conversation)
signed with HMAC-SHA256. The server is a freshly built binary started for the
run in production mode with a new database on the machine's disk. The two
baselines are separate processes on loopback, driven by the same client with
the same bodies: **read** reads the body and returns a fixed result (this
machine's HTTP limit), **decode** also decodes the envelope with plain
encoding/json. The load generator shares the two CPUs with the server.

`, m.Date.Format("2006-01-02 15:04 MST"), m.LoadStart, m.LoadEnd, m.CPUs, m.CPUModel,
		m.MemTotal, m.GoVersion, m.OS, m.Date.Format(time.RFC3339),
		strings.Join(r.Commands, "\n"), joinInts(o.Levels), o.Duration,
		max(o.Rounds, 1), o.Warmup)
}

func (r *Report) level(b *strings.Builder, lv LevelResult) {
	plural := "s"
	if lv.Calls == 1 {
		plural = ""
	}
	fmt.Fprintf(b, "## %d concurrent call%s\n\n", lv.Calls, plural)
	b.WriteString("Cart flow (every tool but createOrder), against each server:\n\n")
	b.WriteString("| server | requests/s | p50 | p90 | p99 | p99.9 | failed " +
		"| server CPU per request |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, row := range []struct {
		name string
		s    *Stats
	}{{"kebabalab", lv.Cart}, {"baseline: read", lv.Read}, {"baseline: decode", lv.Decode}} {
		l := row.s.Combined()
		fmt.Fprintf(b, "| %s | %.0f | %s | %s | %s | %s | %d | %s |\n", row.name,
			row.s.Throughput(), ms(l.Percentile(50)), ms(l.Percentile(90)),
			ms(l.Percentile(99)), ms(l.Percentile(99.9)), failed(row.s),
			cpu(row.s.CPUPerRequest()))
	}
	t := ratios(lv)
	fmt.Fprintf(b, "\nkebabalab's throughput is **%.0f %%** of read and **%.0f %%** of decode; "+
		"its p99 is **%.2f×** read's and **%.2f×** decode's.\n\n",
		100*t.vsRead, 100*t.vsDecode, t.p99VsRead, t.p99VsDecode)
	if t.cpuVsRead > 0 {
		fmt.Fprintf(b, "Per request it uses **%.1f×** the CPU of read and **%.1f×** that of "+
			"decode.\n\n", t.cpuVsRead, t.cpuVsDecode)
	}
	b.WriteString("Full flow against kebabalab, per tool. A round is cut off at its end, " +
		"so when a call takes longer than a round the flow's later steps have fewer " +
		"samples:\n\n")
	toolTable(b, lv.Full)
	errorList(b, "Failures", lv.Full, lv.Cart, lv.Read, lv.Decode)
}

func toolTable(b *strings.Builder, s *Stats) {
	b.WriteString("| tool | requests | requests/s | p50 | p90 | p99 | p99.9 |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|\n")
	for _, name := range append(s.Tools(), "") {
		l, label := s.Tool(name), name
		if name == "" {
			l, label = s.Combined(), "**all**"
		}
		fmt.Fprintf(b, "| %s | %d | %.0f | %s | %s | %s | %s |\n", label, l.Count(),
			float64(l.Count())/max(s.Elapsed.Seconds(), 1e-9), ms(l.Percentile(50)),
			ms(l.Percentile(90)), ms(l.Percentile(99)), ms(l.Percentile(99.9)))
	}
	b.WriteString("\n")
}

// errorList writes every failure of the given runs by kind, or says there
// were none.
func errorList(b *strings.Builder, title string, runs ...*Stats) {
	all := map[string]int{}
	for _, s := range runs {
		for k, n := range s.Errors() {
			all[k] += n
		}
	}
	if len(all) == 0 {
		fmt.Fprintf(b, "%s: none.\n\n", title)
		return
	}
	kinds := make([]string, 0, len(all))
	for k := range all {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	fmt.Fprintf(b, "%s by kind (kind, then tool):\n\n", title)
	for _, k := range kinds {
		fmt.Fprintf(b, "- `%s`: %d\n", k, all[k])
	}
	b.WriteString("\n")
}

func (r *Report) orders(b *strings.Builder) {
	res := r.Results
	fmt.Fprintf(b, `## Durable orders

%d concurrent calls each add an item, ask for the ready time and place the
order, for %s on each server: a freshly started one, and the one the
levels ran against, whose database then holds their orders (all placed in
the last hour, which matters: see below). Every acknowledged order has been
committed with synchronous=FULL in WAL mode, an fsync before the reply. The
raw loop inserts a 600-byte row per transaction with the same settings, in a
new database in the same directory, one transaction at a time. The three
take turns in %d rounds, as the levels do.

| | orders already in the database | per second | p50 | p99 | server CPU per order flow request |
|---|---:|---:|---:|---:|---:|
`, r.Options.OrderCalls, r.Options.OrderDuration, max(r.Options.Rounds, 1))
	for _, row := range []struct {
		name string
		o    Orders
	}{{"createOrder, fresh server", res.Orders}, {"createOrder, after the levels",
		res.OrdersLoaded}} {
		if row.o.Stats == nil {
			fmt.Fprintf(b, "| %s | | not measured | | | |\n", row.name)
			continue
		}
		l := row.o.Stats.Tool("createOrder")
		if l == nil {
			l = &Latencies{}
		}
		fmt.Fprintf(b, "| %s | %d | %.0f | %s | %s | %s |\n", row.name, row.o.Before,
			row.o.PerSec, ms(l.Percentile(50)), ms(l.Percentile(99)),
			cpu(row.o.Stats.CPUPerRequest()))
	}
	var rounds []string
	for _, r := range res.InsertRounds {
		rounds = append(rounds, fmt.Sprintf("%.0f", r))
	}
	fmt.Fprintf(b, "| raw SQLite insert + fsync (rounds: %s) | | %.0f | | | |\n\n",
		strings.Join(rounds, ", "), res.InsertsPerSec)
	fmt.Fprintf(b, "createOrder runs at **%.0f %%** of the raw durable-insert rate on a fresh "+
		"server and **%.0f %%** after the levels.\n\n",
		100*div(res.Orders.PerSec, res.InsertsPerSec),
		100*div(res.OrdersLoaded.PerSec, res.InsertsPerSec))
	var runs []*Stats
	for _, o := range []Orders{res.Orders, res.OrdersLoaded} {
		if o.Stats != nil {
			runs = append(runs, o.Stats)
		}
	}
	errorList(b, "Failures", runs...)
}

// cpu formats a CPU time per request, or says it was not measured.
func cpu(d time.Duration) string {
	if d == 0 {
		return "not measured"
	}
	return ms(d)
}

func (r *Report) memory(b *strings.Builder) {
	res := r.Results
	fmt.Fprintf(b, `## Memory

The server's resident set, read from /proc/<pid>/status (VmRSS; VmHWM is the
peak so far).

| when | RSS | peak |
|---|---:|---:|
| ready, before any call | %s | %s |
| %d live sessions (each a cart of 3 lines and a pickup time) | %s | %s |
| after every level | %s | %s |

`, memMB(res.MemIdle.RSS), memMB(res.MemIdle.Peak), r.Options.Sessions,
		memMB(res.MemSessions.RSS), memMB(res.MemSessions.Peak),
		memMB(res.MemAfter.RSS), memMB(res.MemAfter.Peak))
	errorList(b, "Failures while opening the sessions", res.SessionStats)
}

func (r *Report) startup(b *strings.Builder) {
	var runs []string
	for _, d := range r.Results.Startup {
		runs = append(runs, ms(d))
	}
	fmt.Fprintf(b, `## Start-up

From exec of the binary to the first 200 from /readyz (polled every
millisecond), each on a new database that is created and migrated: %s;
median **%s**.

`, strings.Join(runs, ", "), ms(median(r.Results.Startup)))
}

// ms formats a latency: microseconds under a millisecond, else ms.
func ms(d time.Duration) string {
	if d < time.Millisecond {
		return fmt.Sprintf("%d µs", d.Microseconds())
	}
	return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}

func failed(s *Stats) int {
	n := 0
	for _, c := range s.Errors() {
		n += c
	}
	return n
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
