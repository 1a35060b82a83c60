package loadgen

import (
	"context"
	"log/slog"
	"path/filepath"
	"slices"
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

// Orders is the durable order rate through one server.
type Orders struct {
	Stats  *Stats
	PerSec float64 // createOrder calls that succeeded, per second
	Before int     // orders the server's database already held
}

// Results is everything a run measured.
type Results struct {
	Startup      []time.Duration // spawn to ready, each on a new database
	MemIdle      Memory          // ready, before any call
	MemSessions  Memory          // with Sessions live calls
	MemAfter     Memory          // after every level
	SessionStats *Stats
	Levels       []LevelResult
	// Orders is measured on a fresh server, OrdersLoaded on the server
	// the levels ran against, whose database holds their orders.
	Orders, OrdersLoaded Orders
	// InsertsPerSec is raw SQLite, one fsync'd transaction per insert: the
	// mean of InsertRounds.
	InsertsPerSec float64
	InsertRounds  []float64
}

// bench is one run's servers and clients.
type bench struct {
	o            Options
	s            *Script
	res          *Results
	log          *slog.Logger
	runner       func(p *Process) *Runner
	ours         *Runner
	read, decode *Process
}

// Bench runs the whole benchmark: start-up, memory, the levels against
// the server and both baselines, then durable orders against raw SQLite.
func Bench(ctx context.Context, o Options, s *Script, b *Builder, log *slog.Logger) (
	*Results, error,
) {
	bn := &bench{o: o, s: s, res: &Results{}, log: log}
	srv, secret, err := server(ctx, o, bn.res)
	if err != nil {
		return nil, err
	}
	if srv != nil {
		defer srv.Stop()
		log.Info("start-up measured", "runs", bn.res.Startup)
	}
	if bn.read, err = SpawnBaseline(ctx, o.Self, BaselineRead,
		filepath.Join(o.Dir, "read.log")); err != nil {
		return nil, err
	}
	defer bn.read.Stop()
	if bn.decode, err = SpawnBaseline(ctx, o.Self, BaselineDecode,
		filepath.Join(o.Dir, "decode.log")); err != nil {
		return nil, err
	}
	defer bn.decode.Stop()

	client := NewClient(max(o.OrderCalls, slices.Max(o.Levels)))
	bn.runner = func(p *Process) *Runner {
		r := &Runner{URL: p.URL + "/webhook", Secret: secret, Builder: b, Client: client}
		if p.cmd != nil {
			r.CPU = p.CPUTime
		}
		return r
	}
	bn.ours = bn.runner(&Process{URL: o.URL})
	if srv != nil {
		bn.ours = bn.runner(srv)
	}

	bn.res.MemIdle = memory(srv)
	bn.res.SessionStats = bn.ours.Run(ctx, Level{Calls: 50, Flow: s.SessionFlow,
		MaxCalls: o.Sessions})
	bn.res.MemSessions = memory(srv)
	log.Info("sessions measured", "rss_mb", bn.res.MemSessions.RSS>>20)
	if err := bn.levels(ctx); err != nil {
		return nil, err
	}
	bn.res.MemAfter = memory(srv)
	if err := bn.orders(ctx, srv == nil, cfgFor(o, secret)); err != nil {
		return nil, err
	}
	return bn.res, nil
}

// levels runs every level, in rounds that take turns between the server
// and the baselines.
func (bn *bench) levels(ctx context.Context) error {
	cart := Without(bn.s.Flow, "createOrder")
	rounds := max(bn.o.Rounds, 1)
	for _, n := range bn.o.Levels {
		lv := Level{Calls: n, Flow: cart, Warmup: bn.o.Warmup,
			Duration: bn.o.Duration / time.Duration(rounds)}
		full := lv
		full.Flow = bn.s.Flow
		r := LevelResult{Calls: n, Cart: NewStats(), Read: NewStats(), Decode: NewStats(),
			Full: NewStats()}
		for range rounds {
			r.Cart.Merge(bn.ours.Run(ctx, lv))
			r.Read.Merge(bn.runner(bn.read).Run(ctx, lv))
			r.Decode.Merge(bn.runner(bn.decode).Run(ctx, lv))
			r.Full.Merge(bn.ours.Run(ctx, full))
		}
		bn.res.Levels = append(bn.res.Levels, r)
		bn.log.Info("level measured", "calls", n,
			"ours_rps", int(r.Cart.Throughput()), "read_rps", int(r.Read.Throughput()),
			"decode_rps", int(r.Decode.Throughput()))
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return nil
}

// orders measures the durable order rate on the loaded server and on a
// fresh one (unless the server is not ours to start), beside raw SQLite's,
// in rounds that take turns as the levels do: this disk's fsync rate
// varies by a factor of several from one minute to the next.
func (bn *bench) orders(ctx context.Context, external bool, cfg func(string) ServerConfig) error {
	before := 0
	for _, lv := range bn.res.Levels {
		if l := lv.Full.Tool("createOrder"); l != nil {
			before += l.Count() - failures(lv.Full, "createOrder")
		}
	}
	var fresh *Process
	if !external {
		var err error
		if fresh, err = SpawnServer(ctx, cfg("orders")); err != nil {
			return err
		}
		defer fresh.Stop()
	}
	rounds := max(bn.o.Rounds, 1)
	d := bn.o.OrderDuration / time.Duration(rounds)
	loaded, fromFresh := NewStats(), NewStats()
	for range rounds {
		rate, err := DurableInserts(ctx, bn.o.Dir, d)
		if err != nil {
			return err
		}
		bn.res.InsertRounds = append(bn.res.InsertRounds, rate)
		loaded.Merge(bn.orderRun(ctx, bn.ours, d))
		if fresh != nil {
			fromFresh.Merge(bn.orderRun(ctx, bn.runner(fresh), d))
		}
	}
	for _, r := range bn.res.InsertRounds {
		bn.res.InsertsPerSec += r / float64(rounds)
	}
	bn.res.OrdersLoaded = orderRate(loaded, before)
	if fresh != nil {
		bn.res.Orders = orderRate(fromFresh, 0)
	}
	bn.log.Info("orders measured", "fresh_per_sec", int(bn.res.Orders.PerSec),
		"loaded_per_sec", int(bn.res.OrdersLoaded.PerSec),
		"inserts_per_sec", int(bn.res.InsertsPerSec))
	return nil
}

func (bn *bench) orderRun(ctx context.Context, r *Runner, d time.Duration) *Stats {
	return r.Run(ctx, Level{Calls: bn.o.OrderCalls, Flow: bn.s.OrderFlow,
		Warmup: bn.o.Warmup, Duration: d})
}

func orderRate(st *Stats, before int) Orders {
	out := Orders{Stats: st, Before: before}
	if l := st.Tool("createOrder"); l != nil && st.Elapsed > 0 {
		out.PerSec = float64(l.Count()-failures(st, "createOrder")) / st.Elapsed.Seconds()
	}
	return out
}

func cfgFor(o Options, secret string) func(name string) ServerConfig {
	return func(name string) ServerConfig {
		return ServerConfig{Binary: o.Binary, MenuPath: o.MenuPath, Now: o.Now,
			Secret: secret, Dir: filepath.Join(o.Dir, name)}
	}
}

// server measures start-up over fresh servers and returns the one to
// load, or, with o.URL, nil and the secret of the server already running.
func server(ctx context.Context, o Options, res *Results) (*Process, string, error) {
	if o.URL != "" {
		return nil, o.Secret, nil
	}
	secret := NewSecret()
	cfg := cfgFor(o, secret)
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
