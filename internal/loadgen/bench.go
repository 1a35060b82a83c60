package loadgen

import (
	"context"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Options say what a benchmark run measures and for how long.
type Options struct {
	// URL and Secret name a server that is already running; without URL a
	// fresh one is spawned from Binary and its start-up and memory are
	// measured too.
	URL      string
	Secret   string
	Binary   string // kebabalab binary to spawn
	Self     string // this program, re-run as the baseline servers
	MenuPath string
	Dir      string // scratch directory on the disk being measured
	Now      string // KEBABALAB_NOW for the spawned servers

	Levels   []int         // concurrent calls per level
	Warmup   time.Duration // per round
	Duration time.Duration // measured time per level and target, all rounds
	// Rounds splits each level's Duration into rounds that take turns
	// between the server and the baselines, so a burst of other work on a
	// shared machine lands on every target alike.
	Rounds int

	OrderCalls    int           // concurrent calls placing orders
	OrderDuration time.Duration // for createOrder and for the raw SQLite loop
	Sessions      int           // live sessions to measure memory with
	StartupRuns   int
}

// Level results: the same concurrency against each target.
type LevelResult struct {
	Calls  int
	Full   *Stats // the whole ordering flow, createOrder included
	Cart   *Stats // the flow without createOrder: the cart tools' figures
	Read   *Stats // the cart flow against the read-only baseline
	Decode *Stats // the cart flow against the encoding/json baseline
}

// Results is everything a run measured.
type Results struct {
	Startup       []time.Duration // spawn to ready, each on a new database
	MemIdle       Memory          // ready, before any call
	MemSessions   Memory          // with Sessions live calls
	MemAfter      Memory          // after every level
	SessionStats  *Stats
	Levels        []LevelResult
	Orders        *Stats // the order flow
	OrdersPerSec  float64
	InsertsPerSec float64 // raw SQLite, one fsync'd transaction per insert
}

// Bench runs the whole benchmark: start-up, memory, the levels against
// the server and both baselines, then durable orders against raw SQLite.
func Bench(ctx context.Context, o Options, s *Script, b *Builder, log *slog.Logger) (
	*Results, error,
) {
	res := &Results{}
	srv, secret, err := server(ctx, o, res)
	if err != nil {
		return nil, err
	}
	if srv != nil {
		defer srv.Stop()
		log.Info("start-up measured", "runs", res.Startup)
	}
	read, err := SpawnBaseline(ctx, o.Self, BaselineRead, filepath.Join(o.Dir, "read.log"))
	if err != nil {
		return nil, err
	}
	defer read.Stop()
	decode, err := SpawnBaseline(ctx, o.Self, BaselineDecode,
		filepath.Join(o.Dir, "decode.log"))
	if err != nil {
		return nil, err
	}
	defer decode.Stop()

	maxCalls := o.OrderCalls
	for _, n := range o.Levels {
		maxCalls = max(maxCalls, n)
	}
	client := NewClient(maxCalls)
	runner := func(p *Process) *Runner {
		return &Runner{URL: p.URL + "/webhook", Secret: secret, Builder: b, Client: client}
	}
	ours := runner(&Process{URL: o.URL})
	if srv != nil {
		ours = runner(srv)
	}

	res.MemIdle = memory(srv)
	res.SessionStats = ours.Run(ctx, Level{Calls: 50, Flow: s.SessionFlow,
		MaxCalls: o.Sessions})
	res.MemSessions = memory(srv)
	log.Info("sessions measured", "rss_mb", res.MemSessions.RSS>>20)

	cart := Without(s.Flow, "createOrder")
	rounds := max(o.Rounds, 1)
	for _, n := range o.Levels {
		lv := Level{Calls: n, Flow: cart, Warmup: o.Warmup, Duration: o.Duration / time.Duration(rounds)}
		full := lv
		full.Flow = s.Flow
		r := LevelResult{Calls: n, Cart: NewStats(), Read: NewStats(), Decode: NewStats(),
			Full: NewStats()}
		for range rounds {
			r.Cart.Merge(ours.Run(ctx, lv))
			r.Read.Merge(runner(read).Run(ctx, lv))
			r.Decode.Merge(runner(decode).Run(ctx, lv))
			r.Full.Merge(ours.Run(ctx, full))
		}
		res.Levels = append(res.Levels, r)
		log.Info("level measured", "calls", n,
			"ours_rps", int(r.Cart.Throughput()), "read_rps", int(r.Read.Throughput()),
			"decode_rps", int(r.Decode.Throughput()))
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	res.MemAfter = memory(srv)

	res.Orders = ours.Run(ctx, Level{Calls: o.OrderCalls, Flow: s.OrderFlow,
		Warmup: o.Warmup, Duration: o.OrderDuration})
	if l := res.Orders.Tool("createOrder"); l != nil && res.Orders.Elapsed > 0 {
		ok := l.Count() - failures(res.Orders, "createOrder")
		res.OrdersPerSec = float64(ok) / res.Orders.Elapsed.Seconds()
	}
	res.InsertsPerSec, err = DurableInserts(ctx, o.Dir, o.OrderDuration)
	if err != nil {
		return nil, err
	}
	log.Info("orders measured", "orders_per_sec", int(res.OrdersPerSec),
		"inserts_per_sec", int(res.InsertsPerSec))
	return res, nil
}

// server measures start-up over fresh servers and returns the one to
// load, or, with o.URL, nil and the secret of the server already running.
func server(ctx context.Context, o Options, res *Results) (*Process, string, error) {
	if o.URL != "" {
		return nil, o.Secret, nil
	}
	secret := NewSecret()
	cfg := func(name string) ServerConfig {
		return ServerConfig{Binary: o.Binary, MenuPath: o.MenuPath, Now: o.Now,
			Secret: secret, Dir: filepath.Join(o.Dir, name)}
	}
	for i := range o.StartupRuns {
		p, err := SpawnServer(ctx, cfg("startup-"+strconv.Itoa(i)))
		if err != nil {
			return nil, "", err
		}
		res.Startup = append(res.Startup, p.Ready)
		p.Stop()
	}
	p, err := SpawnServer(ctx, cfg("server"))
	return p, secret, err
}

// memory reads p's memory; zero (reported as not measured) for a server
// the load generator did not start, or if /proc cannot be read.
func memory(p *Process) Memory {
	if p == nil {
		return Memory{}
	}
	m, _ := p.Memory()
	return m
}

// failures counts the failed requests of one tool.
func failures(s *Stats, tool string) int {
	n := 0
	for kind, c := range s.Errors() {
		if strings.HasSuffix(kind, " "+tool) {
			n += c
		}
	}
	return n
}
