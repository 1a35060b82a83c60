package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/kebabalab/kebabalab/internal/clock"
	"github.com/kebabalab/kebabalab/internal/config"
	"github.com/kebabalab/kebabalab/internal/kitchen"
	"github.com/kebabalab/kebabalab/internal/menu"
	"github.com/kebabalab/kebabalab/internal/metrics"
	"github.com/kebabalab/kebabalab/internal/session"
	"github.com/kebabalab/kebabalab/internal/sqlite"
	"github.com/kebabalab/kebabalab/internal/tools"
	"github.com/kebabalab/kebabalab/internal/webhook"
)

// shutdownGrace bounds how long in-flight requests and the SMS worker get
// to finish after SIGINT or SIGTERM (SPEC §3).
const shutdownGrace = 10 * time.Second

// serve runs the server until ctx is cancelled.
func serve(ctx context.Context, env Env, stderr io.Writer) int {
	cfg, err := loadConfig(env)
	if err != nil {
		fmt.Fprintf(stderr, "kebabalab: cannot start: %v\n", err)
		return 1
	}
	log := newLogger(cfg, stderr)
	for _, w := range cfg.Warnings {
		log.Warn(w)
	}
	m, err := menu.Load(cfg.MenuPath)
	if err != nil {
		fmt.Fprintf(stderr, "kebabalab: cannot start: the menu has problems:\n  %s\n",
			strings.Join(menuProblems(cfg.MenuPath, err), "\n  "))
		return 1
	}
	clk := shopClock(cfg, m)
	store, err := openStore(ctx, cfg, log, clk)
	if err != nil {
		fmt.Fprintf(stderr, "kebabalab: cannot start: %v\n", err)
		return 1
	}
	defer store.Close()

	srv, err := build(cfg, log, m, clk, store)
	if err != nil {
		fmt.Fprintf(stderr, "kebabalab: cannot start: %v\n", err)
		return 1
	}
	ln, err := net.Listen("tcp", cfg.ListenAddr)
	if err != nil {
		fmt.Fprintf(stderr, "kebabalab: cannot start: listen on %s: %v\n", cfg.ListenAddr, err)
		return 1
	}
	log.Info("listening", slog.String("addr", ln.Addr().String()),
		slog.String("env", cfg.Env), slog.String("shop", m.Shop().Name))
	return srv.run(ctx, ln, log)
}

// shopClock honours KEBABALAB_NOW: the clock starts at that instant and
// runs on, so a test call can be made outside opening hours.
func shopClock(cfg *config.Config, m *menu.Menu) *clock.Clock {
	if !cfg.Now.IsZero() {
		return clock.Starting(m.Shop().Location, cfg.Now)
	}
	return clock.New(m.Shop().Location)
}

// server is the running program: HTTP plus its background loops.
type server struct {
	http       *http.Server
	background []func(ctx context.Context)
}

// build wires the packages into a server that has not started: sessions,
// the SMS outbox worker, metrics, the tools, the kitchen board (when
// ADMIN_TOKEN is set) and the router. The worker, the session sweeper and
// the retention job are background loops that run() starts and stops.
func build(cfg *config.Config, log *slog.Logger, m *menu.Menu, clk *clock.Clock,
	store *sqlite.Store,
) (*server, error) {
	met := metrics.New()
	sessions, err := session.New(session.Options[string, *tools.State]{
		TTL: cfg.SessionTTL, MaxSize: cfg.MaxSessions, Now: time.Now,
		OnEvict: func(_ string, _ *tools.State, r session.Reason) {
			met.SessionEvictions.WithLabelValues(r.String()).Inc()
		},
	})
	if err != nil {
		return nil, err
	}
	met.GaugeFunc("kebabalab_active_sessions", "Call sessions held in memory.",
		func() float64 { return float64(sessions.Len()) })

	worker, err := newSMSWorker(cfg, log, clk, store)
	if err != nil {
		return nil, err
	}
	watchSMS(met, worker, store, clk)

	board, err := newKitchen(cfg, log, m, clk, store, worker.Notify)
	if err != nil {
		return nil, err
	}
	notify := worker.Notify
	if board != nil {
		// The tools call Notify once for every order they store: wake the
		// SMS worker and redraw open boards at once. The boards also poll
		// for new orders, so one is never missed.
		notify = func() { worker.Notify(); board.Poke() }
	}
	reg := tools.New(tools.Deps{
		Menu: m, Clock: clk, Log: log,
		Store: store, Notify: notify,
		ShopSMSTo: cfg.ShopSMSTo, MenuLinkURL: cfg.MenuLinkURL,
	})
	opts := webhook.Options{
		Log: log, Metrics: met, Registry: reg, Sessions: sessions,
		Secrets: cfg.WebhookSecrets, Now: time.Now, RateLimit: cfg.RateLimit,
		MaxBodyBytes: cfg.MaxBodyBytes, AllowedOrigins: cfg.CORSAllowedOrigins,
		TrustedProxies: cfg.TrustedProxies, AdminToken: cfg.AdminToken,
		ShopPhone: m.Shop().Phone, Ready: ready(store, clk),
	}
	if board != nil {
		opts.Kitchen = board // never a nil *kitchen.Handler in the interface
	}
	router := webhook.NewRouter(opts)
	s := &server{http: &http.Server{
		Handler: router,
		// Every timeout is set: a client that trickles headers or a body
		// cannot hold a connection open for long.
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      20 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}}
	if board != nil {
		// Shutdown does not end open event streams by itself: without this
		// every open board would hold it up for the whole grace period.
		s.http.RegisterOnShutdown(board.Close)
	}
	s.background = append(s.background, func(ctx context.Context) {
		sessions.Run(ctx, time.Minute)
	}, func(ctx context.Context) {
		runSMS(ctx, worker, log)
	})
	erased := met.RegisterPIIErased()
	s.background = append(s.background, func(ctx context.Context) {
		runRetention(ctx, store, clk, cfg.PII.RetentionDays, log, func(e sqlite.Erased) {
			erased.WithLabelValues(metrics.ErasedOrders).Add(float64(e.Orders))
			erased.WithLabelValues(metrics.ErasedTexts).Add(float64(e.Texts))
		})
	})
	return s, nil
}

// run serves on ln until ctx ends, then drains requests and background
// loops within shutdownGrace.
func (s *server) run(ctx context.Context, ln net.Listener, log *slog.Logger) int {
	bgCtx, stopBackground := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for _, loop := range s.background {
		wg.Go(func() { loop(bgCtx) })
	}
	errc := make(chan error, 1)
	go func() { errc <- s.http.Serve(ln) }()

	code := 0
	select {
	case <-ctx.Done():
		log.Info("shutting down")
	case err := <-errc:
		log.Error("server stopped", slog.String("error", err.Error()))
		code = 1
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := s.http.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Warn("requests still running at shutdown", slog.String("error", err.Error()))
	}
	stopBackground()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-shutdownCtx.Done():
		log.Warn("background work still running at shutdown")
	}
	return code
}

// newKitchen builds the kitchen board and its /admin/orders API, or returns
// nil when ADMIN_TOKEN is unset: then those routes are off (SPEC §4). The
// board reads "today" from the shop clock, like the store, and wakes the
// SMS worker when it queues a ready text.
func newKitchen(cfg *config.Config, log *slog.Logger, m *menu.Menu, clk *clock.Clock,
	store *sqlite.Store, notify func(),
) (*kitchen.Handler, error) {
	if cfg.AdminToken == "" {
		return nil, nil
	}
	return kitchen.New(kitchen.Options{
		Store: store, Menu: m, Now: clk.Now, AdminToken: cfg.AdminToken,
		Log: log, Notify: notify,
	})
}
