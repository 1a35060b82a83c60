package tools_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/clock"
	"github.com/kebabalab/kebabalab/internal/menu"
	"github.com/kebabalab/kebabalab/internal/metrics"
	"github.com/kebabalab/kebabalab/internal/session"
	"github.com/kebabalab/kebabalab/internal/sqlite"
	"github.com/kebabalab/kebabalab/internal/tools"
	"github.com/kebabalab/kebabalab/internal/webhook"
)

// The harness boots the real router with the real registry and the shipped
// menu.json, and talks to it over HTTP with VAPI-shaped envelopes.

const (
	testSecret   = "test-secret-0123456789abcdef0123456789"
	callerNumber = "+61491570006" // a number set aside for fiction
	shopMobile   = "+61491570156"
)

type harness struct {
	t      *testing.T
	srv    *httptest.Server
	menu   *menu.Menu
	clock  *clock.Clock
	store  *sqlite.Store
	seq    atomic.Int64
	callID string
	caller string // the caller's number as VAPI sends it; "" sends none
}

// shopTime returns a Melbourne wall time on a date in the shop's calendar.
func shopTime(t *testing.T, m *menu.Menu, s string) time.Time {
	t.Helper()
	at, err := time.ParseInLocation("2006-01-02 15:04", s, m.Shop().Location)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

func loadMenu(t *testing.T) *menu.Menu {
	t.Helper()
	m, err := menu.Load("../../menu.json")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// newHarness starts a server whose shop clock is fixed at now, a shop-local
// "2006-01-02 15:04" string (a Thursday evening by default).
func newHarness(t *testing.T, now string) *harness {
	t.Helper()
	m := loadMenu(t)
	if now == "" {
		now = "2026-12-03 18:00"
	}
	clk := clock.Fixed(m.Shop().Location, shopTime(t, m, now))
	sessions, err := session.New(session.Options[string, *tools.State]{
		TTL: 30 * time.Minute, MaxSize: 100, Now: clk.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "orders.db"),
		sqlite.WithClock(clk.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	reg := tools.New(tools.Deps{Menu: m, Clock: clk, Log: slog.New(slog.DiscardHandler),
		Store: store, ShopSMSTo: shopMobile, MenuLinkURL: "https://example.com/menu"})
	router := webhook.NewRouter(webhook.Options{
		Log: slog.New(slog.DiscardHandler), Metrics: metrics.New(), Registry: reg,
		Sessions: sessions, Secrets: []string{testSecret}, Now: time.Now, RateLimit: 10_000,
		MaxBodyBytes: 1 << 20, ShopPhone: m.Shop().Phone,
		Ready: func(context.Context) error { return nil },
	})
	h := &harness{t: t, srv: httptest.NewServer(router), menu: m, clock: clk, store: store,
		callID: "call-" + t.Name(), caller: callerNumber}
	t.Cleanup(h.srv.Close)
	return h
}

// call sends one tool call for the harness's call id and returns the
// decoded result object; a VAPI-level error entry fails the test.
func (h *harness) call(tool string, args any) map[string]any {
	h.t.Helper()
	res, errText := h.callRaw(tool, args)
	if errText != "" {
		h.t.Fatalf("%s: error entry %q", tool, errText)
	}
	var out map[string]any
	if err := json.Unmarshal([]byte(res), &out); err != nil {
		h.t.Fatalf("%s: result %q is not a JSON object: %v", tool, res, err)
	}
	return out
}

// callRaw sends one tool call with arguments as an object (or, when args
// is a string, as the JSON string VAPI's spec documents) and returns the
// result string and error entry.
func (h *harness) callRaw(tool string, args any) (result, errText string) {
	h.t.Helper()
	id := "call_" + strconv.FormatInt(h.seq.Add(1), 10)
	var rawArgs json.RawMessage
	switch a := args.(type) {
	case nil:
	case string:
		rawArgs, _ = json.Marshal(a)
	default:
		rawArgs, _ = json.Marshal(a)
	}
	tc := map[string]any{"id": id, "type": "function",
		"function": map[string]any{"name": tool, "arguments": rawArgs}}
	env := map[string]any{"message": map[string]any{
		"type": "tool-calls", "timestamp": time.Now().UnixMilli(),
		"toolCallList": []any{tc}, "toolCalls": []any{tc},
		"call": map[string]any{"id": h.callID, "type": "inboundPhoneCall", "status": "ringing",
			"customer": map[string]any{"number": h.caller}},
		"customer":    map[string]any{"number": h.caller},
		"phoneNumber": map[string]any{"number": "+61395345588"},
		"artifact":    map[string]any{"messages": []any{}},
	}}
	body, _ := json.Marshal(env)
	req, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/webhook", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+testSecret)
	resp, err := h.srv.Client().Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		h.t.Fatalf("%s: HTTP %d %s", tool, resp.StatusCode, raw)
	}
	var reply struct {
		Results []struct{ ToolCallID, Result, Error string }
	}
	if err := json.Unmarshal(raw, &reply); err != nil || len(reply.Results) != 1 ||
		reply.Results[0].ToolCallID != id {
		h.t.Fatalf("%s: bad reply %s", tool, raw)
	}
	return reply.Results[0].Result, reply.Results[0].Error
}
