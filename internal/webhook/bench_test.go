package webhook_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/clock"
	"github.com/kebabalab/kebabalab/internal/loadgen"
	"github.com/kebabalab/kebabalab/internal/menu"
	"github.com/kebabalab/kebabalab/internal/metrics"
	"github.com/kebabalab/kebabalab/internal/session"
	"github.com/kebabalab/kebabalab/internal/sqlite"
	"github.com/kebabalab/kebabalab/internal/tools"
	"github.com/kebabalab/kebabalab/internal/webhook"
)

const benchSecret = "bench-secret-0123456789abcdef0123456789"

// benchBody is a signed-size VAPI envelope (about 31 KB: call, assistant
// and artifact of a mid-length conversation) calling tool.
func benchBody(b *testing.B, tool, args string) []byte {
	b.Helper()
	s, err := loadgen.LoadScript()
	if err != nil {
		b.Fatal(err)
	}
	defs, err := loadgen.Definitions("../../menu.json", "https://shop.example.com")
	if err != nil {
		b.Fatal(err)
	}
	bld, err := loadgen.NewBuilder(s, defs)
	if err != nil {
		b.Fatal(err)
	}
	c := bld.NewCall("019df389-f94e-7002-8940-b671d8f4f2de", "+61491570006", time.Now())
	return bld.Body(c, c.NextToolCallID(), tool, []byte(args), time.Now())
}

func BenchmarkVerifyHMAC(b *testing.B) {
	body := benchBody(b, "priceCart", "{}")
	v := webhook.NewVerifier([]string{benchSecret}, time.Now)
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	h := http.Header{}
	h.Set("X-Timestamp", ts)
	h.Set("X-Signature", webhook.Sign(benchSecret, ts, body))
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if reason := v.Verify(h, body); reason != "" {
			b.Fatal(reason)
		}
	}
}

func BenchmarkVerifyBearer(b *testing.B) {
	body := benchBody(b, "priceCart", "{}")
	v := webhook.NewVerifier([]string{benchSecret}, time.Now)
	h := http.Header{}
	h.Set("Authorization", "Bearer "+benchSecret)
	b.ReportAllocs()
	for b.Loop() {
		if reason := v.Verify(h, body); reason != "" {
			b.Fatal(reason)
		}
	}
}

// BenchmarkWebhookCartTool measures one HMAC-signed 31 KB tool call through
// the whole router (middleware, auth, decode, rate limit, session, tool,
// reply) without the network: the server's own cost per request.
func BenchmarkWebhookCartTool(b *testing.B) {
	m, err := menu.Load("../../menu.json")
	if err != nil {
		b.Fatal(err)
	}
	clk := clock.Fixed(m.Shop().Location, time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC))
	sessions, err := session.New(session.Options[string, *tools.State]{
		TTL: time.Hour, MaxSize: 1000})
	if err != nil {
		b.Fatal(err)
	}
	store, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "orders.db"),
		sqlite.WithClock(clk.Now))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	log := slog.New(slog.DiscardHandler)
	router := webhook.NewRouter(webhook.Options{
		Log: log, Metrics: metrics.New(),
		Registry: tools.New(tools.Deps{Menu: m, Clock: clk, Log: log, Store: store}),
		Sessions: sessions, Secrets: []string{benchSecret}, Now: time.Now,
		RateLimit: 1 << 30, MaxBodyBytes: 10 << 20, ShopPhone: m.Shop().Phone,
		Ready: func(context.Context) error { return nil },
	})
	body := benchBody(b, "priceCart", "{}")
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	sig := webhook.Sign(benchSecret, ts, body)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/webhook", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Timestamp", ts)
		req.Header.Set("X-Signature", sig)
		rec := httptest.NewRecorder()
		router.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	}
}
