// Command kebabalab-load benchmarks a kebabalab server under the load of a
// busy night: many concurrent VAPI calls, each a signed 31 KB envelope per
// tool call, against the server and two baselines on the same machine. It
// writes BENCHMARKS.md. `make bench` is the usual way to run it.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/kebabalab/kebabalab/internal/loadgen"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("kebabalab-load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o loadgen.Options
	fs.StringVar(&o.URL, "url", "", "base URL of a running server (default: spawn -server)")
	fs.StringVar(&o.Secret, "secret", os.Getenv("VAPI_WEBHOOK_SECRET"),
		"HMAC secret of the -url server")
	fs.StringVar(&o.Binary, "server", "bin/kebabalab", "kebabalab binary to spawn")
	fs.StringVar(&o.MenuPath, "menu", "menu.json", "menu the server and envelopes use")
	fs.StringVar(&o.Dir, "dir", "BENCH_OUT", "scratch directory on the disk to measure")
	fs.StringVar(&o.Now, "now", "2026-12-04T18:00:00+11:00",
		"KEBABALAB_NOW for the spawned server (a Friday evening: the shop is open)")
	levels := fs.String("levels", "1,10,100,500", "concurrent calls per level")
	fs.DurationVar(&o.Warmup, "warmup", 500*time.Millisecond, "unrecorded warm-up per round")
	fs.DurationVar(&o.Duration, "duration", 6*time.Second,
		"measured time per level and server, over all rounds")
	fs.IntVar(&o.Rounds, "rounds", 3, "rounds per level, taking turns between the servers")
	fs.IntVar(&o.OrderCalls, "order-calls", 10, "concurrent calls placing orders")
	fs.DurationVar(&o.OrderDuration, "order-duration", 6*time.Second,
		"measured time of the order flow per server and of the raw SQLite loop, all rounds")
	fs.IntVar(&o.Sessions, "sessions", 1000, "live sessions to measure memory with")
	fs.IntVar(&o.StartupRuns, "startup-runs", 5, "start-ups to time")
	out := fs.String("out", "BENCHMARKS.md", `report file ("-" for stdout)`)
	micro := fs.String("micro", "", "go test -bench output to include")
	profile := fs.String("profile", "", "go tool pprof -top output to include")
	makefile := fs.String("makefile", "Makefile", "Makefile whose bench recipe is quoted")
	baseline := fs.String("serve-baseline", "", "internal: serve a baseline (read|decode)")
	listen := fs.String("listen", "127.0.0.1:0", "internal: -serve-baseline address")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *baseline != "" {
		return serveBaseline(ctx, *baseline, *listen, stderr)
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	var err error
	if o.Levels, err = parseLevels(*levels); err != nil {
		fmt.Fprintf(stderr, "kebabalab-load: -levels: %v\n", err)
		return 2
	}
	if o.Self, err = os.Executable(); err != nil {
		fmt.Fprintf(stderr, "kebabalab-load: %v\n", err)
		return 1
	}
	if err := bench(ctx, o, *out, *micro, *profile, *makefile, log); err != nil {
		fmt.Fprintf(stderr, "kebabalab-load: %v\n", err)
		return 1
	}
	return 0
}

func bench(ctx context.Context, o loadgen.Options, out, micro, profile, makefile string,
	log *slog.Logger,
) error {
	s, err := loadgen.LoadScript()
	if err != nil {
		return err
	}
	base := o.URL
	if base == "" {
		base = "https://shop.example.com"
	}
	defs, err := loadgen.Definitions(o.MenuPath, base)
	if err != nil {
		return err
	}
	b, err := loadgen.NewBuilder(s, defs)
	if err != nil {
		return err
	}
	// Every run gets new databases in a directory of its own, removed when
	// the run succeeds and kept, with the servers' logs, when it fails.
	if err := os.MkdirAll(o.Dir, 0o700); err != nil {
		return err
	}
	if o.Dir, err = os.MkdirTemp(o.Dir, "run-"); err != nil {
		return err
	}
	if o.Dir, err = filepath.Abs(o.Dir); err != nil {
		return err
	}
	rep := &loadgen.Report{Machine: loadgen.ThisMachine(), Options: o,
		Micro: readOptional(micro), Profile: readOptional(profile),
		Commands: recipe(makefile, "bench")}
	if rep.Results, err = loadgen.Bench(ctx, o, s, b, log); err != nil {
		return fmt.Errorf("%w (logs in %s)", err, o.Dir)
	}
	if err := os.RemoveAll(o.Dir); err != nil {
		return err
	}
	rep.Machine.LoadEnd = loadgen.LoadAverage()
	if out == "-" {
		return rep.Write(os.Stdout)
	}
	f, err := os.Create(out) // #nosec G304 -- the report file the user named (-out)
	if err != nil {
		return err
	}
	if err := rep.Write(f); err != nil {
		_ = f.Close()
		return err
	}
	log.Info("report written", "file", out)
	return f.Close()
}

func serveBaseline(ctx context.Context, kind, addr string, stderr io.Writer) int {
	if loadgen.BaselineHandler(kind) == nil {
		fmt.Fprintf(stderr, "kebabalab-load: unknown baseline %q\n", kind)
		return 2
	}
	ln, err := net.Listen("tcp", addr)
	if err == nil {
		err = loadgen.ServeBaseline(ctx, ln, kind)
	}
	if err != nil {
		fmt.Fprintf(stderr, "kebabalab-load: baseline %s: %v\n", kind, err)
		return 1
	}
	return 0
}

func parseLevels(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%q is not a positive number", f)
		}
		out = append(out, n)
	}
	return out, nil
}

func readOptional(path string) string {
	if path == "" {
		return ""
	}
	b, err := os.ReadFile(path) // #nosec G304 -- a file the user named (-micro, -profile)
	if err != nil {
		return fmt.Sprintf("(could not read %s: %v)", path, err)
	}
	return string(b)
}

// recipe returns the commands of a Makefile target, as make runs them with
// GO=go, so the report quotes exactly what produced it.
func recipe(makefile, target string) []string {
	f, err := os.Open(makefile) // #nosec G304 -- the Makefile the user named (-makefile)
	if err != nil {
		return []string{"make " + target}
	}
	defer f.Close()
	cmds := []string{"make " + target + "   # which runs:"}
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, target+":"):
			in = true
		case in && strings.HasPrefix(line, "\t"):
			line = strings.TrimLeft(strings.TrimPrefix(line, "\t"), "@-")
			line = strings.NewReplacer("$(GO)", "go", "$(PKGS)", "./...", "$$", "$").Replace(line)
			cmds = append(cmds, line)
		case in:
			return cmds
		}
	}
	return cmds
}
