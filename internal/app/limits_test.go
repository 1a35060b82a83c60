package app

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kebabalab/kebabalab/internal/menu"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// MAX_SESSIONS reaches the session store, and a session dropped for room
// is counted in /metrics next to the sessions held.
func TestServe_SessionCapIsCounted(t *testing.T) {
	env := baseEnv(t)
	env["ADMIN_TOKEN"] = adminToken
	env["MAX_SESSIONS"] = "2"
	base, stop, _ := startServer(t, env)
	for _, call := range []string{"call-1", "call-2", "call-3"} {
		if got := toolCall(t, base, call, "+61491570006", "getCartState", nil); got["ok"] != true {
			t.Fatalf("%s: getCartState = %v", call, got)
		}
	}
	m := getMetrics(t, base)
	for _, want := range []string{
		`kebabalab_session_evictions_total{reason="capacity"} 1`,
		`kebabalab_active_sessions 2`,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if code := stop(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
}

// Every http.Server timeout and the header cap are set, so a slow or
// oversized client cannot hold a connection open.
func TestBuild_ServerLimits(t *testing.T) {
	cfg, err := loadConfig(envOf(baseEnv(t)))
	if err != nil {
		t.Fatal(err)
	}
	m, err := menu.Load(cfg.MenuPath)
	if err != nil {
		t.Fatal(err)
	}
	clk := shopClock(cfg, m)
	store, err := sqlite.Open(context.Background(),
		filepath.Join(t.TempDir(), "orders.db"), sqlite.WithClock(clk.Now))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	srv, err := build(cfg, newLogger(cfg, io.Discard), m, clk, store)
	if err != nil {
		t.Fatal(err)
	}
	h := srv.http
	if h.ReadHeaderTimeout <= 0 || h.ReadTimeout <= 0 || h.WriteTimeout <= 0 ||
		h.IdleTimeout <= 0 || h.MaxHeaderBytes <= 0 {
		t.Fatalf("got read-header %v, read %v, write %v, idle %v, max header bytes %d; "+
			"want all set", h.ReadHeaderTimeout, h.ReadTimeout, h.WriteTimeout,
			h.IdleTimeout, h.MaxHeaderBytes)
	}
}
