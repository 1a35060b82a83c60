package kitchen_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/clock"
	"github.com/kebabalab/kebabalab/internal/kitchen"
	"github.com/kebabalab/kebabalab/internal/menu"
	"github.com/kebabalab/kebabalab/internal/metrics"
	"github.com/kebabalab/kebabalab/internal/money"
	"github.com/kebabalab/kebabalab/internal/session"
	"github.com/kebabalab/kebabalab/internal/sms"
	"github.com/kebabalab/kebabalab/internal/sqlite"
	"github.com/kebabalab/kebabalab/internal/tools"
	"github.com/kebabalab/kebabalab/internal/webhook"
)

const (
	adminToken    = "admin-token-0123456789abcdef0123456789"
	webhookSecret = "webhook-secret-0123456789abcdef01234567"
	// Numbers set aside by ACMA for fiction, so no test can text a person.
	callerMobile = "+61491570006"
	shopMobile   = "+61491570156"
	twilioSID    = "AC0123456789abcdef0123456789abcdef"
	twilioToken  = "token123"
	// canary is a customer name that must never reach a log or a URL.
	canary = "Zelda Canarysurname"
)

// stack is the whole server as serve builds it: the router with the real
// tools, a real store, the kitchen handler and an SMS worker that sends to
// a fake Twilio. The shop clock is fixed on a Thursday evening.
type stack struct {
	t        *testing.T
	srv      *httptest.Server
	store    *sqlite.Store
	menu     *menu.Menu
	clock    *clock.Clock
	kitchen  *kitchen.Handler
	twilio   *fakeTwilio
	logs     *syncBuffer
	notified atomic.Int64
	seq      atomic.Int64
}

func newStack(t *testing.T, change ...func(*kitchen.Options)) *stack {
	t.Helper()
	m, err := menu.Load("../../menu.json")
	if err != nil {
		t.Fatal(err)
	}
	start, err := time.ParseInLocation("2006-01-02 15:04", "2026-12-03 18:00",
		m.Shop().Location)
	if err != nil {
		t.Fatal(err)
	}
	s := &stack{t: t, menu: m, clock: clock.Fixed(m.Shop().Location, start),
		logs: &syncBuffer{}}
	log := slog.New(slog.NewJSONHandler(s.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s.store, err = sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "orders.db"),
		sqlite.WithClock(s.clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.store.Close() })
	worker := s.startWorker(log)

	o := kitchen.Options{Store: s.store, Menu: m, Now: s.clock.Now, AdminToken: adminToken,
		Log: log, Notify: func() { s.notified.Add(1); worker.Notify() }}
	for _, c := range change {
		c(&o)
	}
	s.kitchen, err = kitchen.New(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.kitchen.Close)
	sessions, err := session.New(session.Options[string, *tools.State]{
		TTL: 30 * time.Minute, MaxSize: 100, Now: s.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	reg := tools.New(tools.Deps{Menu: m, Clock: s.clock, Log: log, Store: s.store,
		Notify: func() { worker.Notify(); s.kitchen.Poke() }, ShopSMSTo: shopMobile})
	router := webhook.NewRouter(webhook.Options{
		Log: log, Metrics: metrics.New(), Registry: reg, Sessions: sessions,
		Secrets: []string{webhookSecret}, Now: time.Now, RateLimit: 10_000,
		MaxBodyBytes: 1 << 20, AllowedOrigins: []string{"https://api.vapi.ai"},
		AdminToken: adminToken, ShopPhone: m.Shop().Phone, Kitchen: s.kitchen,
		Ready: func(context.Context) error { return nil },
	})
	s.srv = httptest.NewServer(router)
	t.Cleanup(s.srv.Close)
	return s
}

// startWorker runs an SMS worker that polls only hourly, so a text that
// arrives was sent because something woke the worker.
func (s *stack) startWorker(log *slog.Logger) *sms.Worker {
	s.twilio = newFakeTwilio(s.t)
	tw, err := sms.NewTwilio(sms.TwilioConfig{AccountSID: twilioSID, AuthToken: twilioToken,
		From: shopMobile, APIURL: s.twilio.srv.URL})
	if err != nil {
		s.t.Fatal(err)
	}
	w := sms.NewWorker(s.store, sms.WorkerConfig{Sender: tw, Logger: log, Now: s.clock.Now,
		Poll: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = w.Run(ctx) }()
	s.t.Cleanup(func() { cancel(); <-done })
	return w
}

// placeOrder stores an order as createOrder does, with the customer's
// confirmation text when texted is true, and returns it.
func (s *stack) placeOrder(name, phone string, texted bool) sqlite.Order {
	s.t.Helper()
	n := s.seq.Add(1)
	id := "tool-" + strconv.FormatInt(n, 10)
	var msgs []sqlite.NewSMS
	if texted {
		msgs = append(msgs, sqlite.NewSMS{Kind: sqlite.KindOrderCustomer, To: phone,
			Render: func(o sqlite.Order) string { return "Order " + o.DisplayNumber() }})
	}
	o, _, err := s.store.CreateOrder(context.Background(), sqlite.NewOrder{
		CallID: "call-" + id, ToolCallID: id, CustomerName: name, Phone: phone,
		Notes: "extra napkins", Total: 1700, GST: money.IncludedTax(1700, 10),
		ReadyAt: s.clock.Now().Add(20 * time.Minute),
		Lines: []sqlite.Line{{ItemName: "Lamb Kebab", Options: "large, garlic, no onion",
			Quantity: 1, UnitPrice: 1700, LineTotal: 1700, Detail: "{}"}},
	}, msgs)
	if err != nil {
		s.t.Fatal(err)
	}
	return o
}

// request sends a request with the given headers and returns the response
// with its body read.
func (s *stack) request(method, path string, body io.Reader, headers ...string) (
	*http.Response, string,
) {
	s.t.Helper()
	req, err := http.NewRequest(method, s.srv.URL+path, body)
	if err != nil {
		s.t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	c := *s.srv.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}
	resp, err := c.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func (s *stack) bearer(method, path string, body any) (*http.Response, string) {
	s.t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	return s.request(method, path, r, "Authorization", "Bearer "+adminToken,
		"Content-Type", "application/json")
}

// signIn posts the login form and returns the session cookie as a
// Cookie header value.
func (s *stack) signIn() string {
	s.t.Helper()
	resp, _ := s.request(http.MethodPost, "/kitchen/login",
		strings.NewReader(url.Values{"token": {adminToken}}.Encode()),
		"Content-Type", "application/x-www-form-urlencoded")
	if resp.StatusCode != http.StatusSeeOther {
		s.t.Fatalf("sign in: got %d, want 303", resp.StatusCode)
	}
	for _, c := range resp.Cookies() {
		if c.Name == "__Host-kitchen" {
			return c.Name + "=" + c.Value
		}
	}
	s.t.Fatal("sign in set no session cookie")
	return ""
}

// csrfOf reads the page's CSRF token.
func (s *stack) csrfOf(cookie string) string {
	s.t.Helper()
	resp, page := s.request(http.MethodGet, "/kitchen", nil, "Cookie", cookie)
	if resp.StatusCode != http.StatusOK {
		s.t.Fatalf("board: got %d", resp.StatusCode)
	}
	_, rest, ok := strings.Cut(page, `<meta name="csrf-token" content="`)
	token, _, _ := strings.Cut(rest, `"`)
	if !ok || token == "" {
		s.t.Fatal("board has no csrf token")
	}
	return token
}

func (s *stack) smsOf(orderID int64) []sqlite.SMSRecord {
	s.t.Helper()
	recs, err := s.store.SMSRecordsForOrder(context.Background(), orderID)
	if err != nil {
		s.t.Fatal(err)
	}
	return recs
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// fakeTwilio records Messages.json posts and answers each with a 201.
type fakeTwilio struct {
	srv     *httptest.Server
	mu      sync.Mutex
	got     []url.Values
	arrived chan struct{}
}

func newFakeTwilio(t *testing.T) *fakeTwilio {
	t.Helper()
	f := &fakeTwilio{arrived: make(chan struct{}, 100)}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			http.Error(w, "bad form", http.StatusBadRequest)
			return
		}
		f.mu.Lock()
		f.got = append(f.got, r.PostForm)
		n := len(f.got)
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `{"sid":"SM`+strconv.Itoa(n)+`","status":"queued"}`)
		f.arrived <- struct{}{}
	}))
	t.Cleanup(f.srv.Close)
	return f
}

// await waits for the n-th text to arrive, without a fixed sleep; the test's
// own deadline bounds it.
func (f *fakeTwilio) await(t *testing.T, n int) []url.Values {
	t.Helper()
	for {
		f.mu.Lock()
		got := append([]url.Values(nil), f.got...)
		f.mu.Unlock()
		if len(got) >= n {
			return got
		}
		select {
		case <-f.arrived:
		case <-time.After(30 * time.Second):
			t.Fatalf("got %d texts at the fake Twilio, want %d", len(got), n)
		}
	}
}
