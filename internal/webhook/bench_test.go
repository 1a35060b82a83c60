package webhook_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"strconv"
	"sync/atomic"
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

// benchRouter is the whole router (middleware, auth, decode, rate limit,
// sessions, tools, reply) over a fresh database, as the server builds it.
func benchRouter(b *testing.B) http.Handler {
	b.Helper()
	m, err := menu.Load("../../menu.json")
	if err != nil {
		b.Fatal(err)
	}
	// A Friday evening: the shop is open and pickup times are accepted.
	clk := clock.Starting(m.Shop().Location, time.Date(2026, 12, 4, 7, 0, 0, 0, time.UTC))
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
	b.Cleanup(func() { store.Close() })
	log := slog.New(slog.DiscardHandler)
	return webhook.NewRouter(webhook.Options{
		Log: log, Metrics: metrics.New(),
		Registry: tools.New(tools.Deps{Menu: m, Clock: clk, Log: log, Store: store}),
		Sessions: sessions, Secrets: []string{benchSecret}, Now: time.Now,
		RateLimit: 1 << 30, MaxBodyBytes: 10 << 20, ShopPhone: m.Shop().Phone,
		Ready: func(context.Context) error { return nil },
	})
}

// serveSigned sends body, HMAC-signed now, through router.
func serveSigned(b *testing.B, router http.Handler, body []byte) *httptest.ResponseRecorder {
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req := httptest.NewRequest(http.MethodPost, "/webhook", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Timestamp", ts)
	req.Header.Set("X-Signature", webhook.Sign(benchSecret, ts, body))
	rec := httptest.NewRecorder()
	router.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	return rec
}

// BenchmarkWebhookCartTool measures one HMAC-signed 31 KB tool call through
// the whole router without the network: the server's own cost per request.
func BenchmarkWebhookCartTool(b *testing.B) {
	router := benchRouter(b)
	body := benchBody(b, "priceCart", "{}")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		serveSigned(b, router, body)
	}
}

// BenchmarkWebhookFlow runs the load generator's cart flow (every tool but
// createOrder, each request a signed 31 KB envelope) as 100 concurrent
// calls through the router, without the network. make bench profiles it to
// show where the server's time goes under the 100-call load.
func BenchmarkWebhookFlow(b *testing.B) {
	router := benchRouter(b)
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
	flow := loadgen.Without(s.Flow, "createOrder")
	var calls atomic.Int64
	b.ReportAllocs()
	b.SetParallelism(max(1, 100/runtime.GOMAXPROCS(0)))
	b.RunParallel(func(pb *testing.PB) {
		var c *loadgen.Call
		for i := 0; pb.Next(); i++ {
			st := flow[i%len(flow)]
			if i%len(flow) == 0 {
				n := calls.Add(1)
				c = bld.NewCall(fmt.Sprintf("019df389-f94e-7002-8940-%012d", n),
					fmt.Sprintf("+61491570%03d", 6+n%100), time.Now())
			}
			serveSigned(b, router, bld.Body(c, c.NextToolCallID(), st.Tool, st.Arguments,
				time.Now()))
		}
	})
}
