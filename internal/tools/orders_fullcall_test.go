package tools_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/clock"
	"github.com/kebabalab/kebabalab/internal/metrics"
	"github.com/kebabalab/kebabalab/internal/session"
	"github.com/kebabalab/kebabalab/internal/sms"
	"github.com/kebabalab/kebabalab/internal/sqlite"
	"github.com/kebabalab/kebabalab/internal/tools"
	"github.com/kebabalab/kebabalab/internal/webhook"
)

// Twilio test credentials: twilio-go accepts only letters and digits.
const (
	twilioSID   = "AC0123456789abcdef0123456789abcdef"
	twilioToken = "authtoken0123456789"
	twilioFrom  = "+61491570110"
)

// twilioPost is one message the fake Twilio was asked to send.
type twilioPost struct {
	path, user string
	form       url.Values
}

// fakeTwilio accepts every message, as Twilio's Messages API does, and
// remembers what it was sent.
type fakeTwilio struct {
	srv     *httptest.Server
	mu      sync.Mutex
	posts   []twilioPost
	arrived chan struct{}
}

func newFakeTwilio(t *testing.T) *fakeTwilio {
	f := &fakeTwilio{arrived: make(chan struct{}, 100)}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			http.Error(w, "bad form", http.StatusBadRequest)
			return
		}
		user, _, _ := r.BasicAuth()
		f.mu.Lock()
		f.posts = append(f.posts, twilioPost{path: r.URL.Path, user: user, form: r.PostForm})
		n := len(f.posts)
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		fmt.Fprintf(w, `{"sid":"SM%032d","status":"queued"}`, n)
		f.arrived <- struct{}{}
	}))
	t.Cleanup(f.srv.Close)
	return f
}

// await waits until n messages have arrived, failing after a generous
// deadline: the worker is woken by the tools, so they come at once.
func (f *fakeTwilio) await(t *testing.T, n int) []twilioPost {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for i := 0; i < n; i++ {
		select {
		case <-f.arrived:
		case <-deadline:
			t.Fatalf("fake Twilio got %d of %d messages", i, n)
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.posts)
}

// syncBuffer collects log lines from the server's and worker's goroutines.
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

// newTextingHarness is the harness with an SMS worker sending through a
// fake Twilio, woken by the tools' Notify as in production, and every log
// line kept. The worker polls only hourly, so a text that arrives was sent
// because a tool woke the worker.
// stop ends the worker and waits for it.
func newTextingHarness(t *testing.T, now string, logs *syncBuffer) (
	h *harness, fake *fakeTwilio, stop func(),
) {
	t.Helper()
	m := loadMenu(t)
	clk := clock.Fixed(m.Shop().Location, shopTime(t, m, now))
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "orders.db"),
		sqlite.WithClock(clk.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })

	fake = newFakeTwilio(t)
	tw, err := sms.NewTwilio(sms.TwilioConfig{AccountSID: twilioSID, AuthToken: twilioToken,
		From: twilioFrom, APIURL: fake.srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	worker := sms.NewWorker(store, sms.WorkerConfig{Sender: tw, Logger: log, Now: clk.Now,
		Poll: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- worker.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Error(err)
			}
		})
	}
	t.Cleanup(stop)

	sessions, err := session.New(session.Options[string, *tools.State]{
		TTL: 30 * time.Minute, MaxSize: 100, Now: clk.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	reg := tools.New(tools.Deps{Menu: m, Clock: clk, Log: log, Store: store,
		Notify: worker.Notify, ShopSMSTo: shopMobile, MenuLinkURL: "https://example.com/menu"})
	router := webhook.NewRouter(webhook.Options{
		Log: log, Metrics: metrics.New(), Registry: reg, Sessions: sessions,
		Secrets: []string{testSecret}, Now: time.Now, RateLimit: 10_000,
		MaxBodyBytes: 1 << 20, ShopPhone: m.Shop().Phone,
		Ready: func(context.Context) error { return nil },
	})
	h = &harness{t: t, srv: httptest.NewServer(router), menu: m, clock: clk, store: store,
		callID: "call-" + t.Name(), caller: callerNumber}
	t.Cleanup(h.srv.Close)
	return h, fake, stop
}

// TestFullCallTextsCustomerAndShop runs a whole call through the webhook
// and checks what reaches the database and what reaches Twilio.
func TestFullCallTextsCustomerAndShop(t *testing.T) {
	var logs syncBuffer
	h, fake, stopWorker := newTextingHarness(t, "2026-12-03 18:00", &logs)
	const name = "Zz-Canary O'Neil"

	steps := []struct {
		tool string
		args any
		want map[string]any
	}{
		{"checkOpen", nil, map[string]any{"isOpen": true}},
		{"getCallerSmartContext", nil, map[string]any{"isReturningCustomer": false}},
		{"sendMenuLink", nil, nil},
		{"addMultipleItemsToCart", map[string]any{"items": []any{largeLambKebab, cokeCan}},
			map[string]any{"total": 18.5}},
		{"setPickupTime", map[string]any{"requestedTime": "in 30 minutes"},
			map[string]any{"readyAt": "6:30 PM"}},
		{"getOrderSummary", nil, nil},
		{"createOrder", map[string]any{"customerName": name,
			"notes": "extra napkins, see http://evil.example/x"},
			map[string]any{"orderNumber": "20261203-001", "total": 18.5, "readyAt": "6:30 PM",
				"readyAtIso": "2026-12-03T18:30:00+11:00"}},
		{"sendReceipt", nil, nil},
		{"endCall", nil, nil},
	}
	for _, s := range steps {
		got := h.call(s.tool, s.args)
		if got["ok"] != true {
			t.Fatalf("%s: %v", s.tool, got)
		}
		for k, v := range s.want {
			if got[k] != v {
				t.Fatalf("%s: %s = %v, want %v (%v)", s.tool, k, got[k], v, got)
			}
		}
	}

	o, err := h.store.LastOrderByCall(context.Background(), h.callID)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := h.store.CountOrdersByPhone(context.Background(), callerNumber); n != 1 ||
		o.Number != "20261203-001" || o.Total != 1850 || o.GST != 168 || len(o.Lines) != 2 ||
		o.Lines[0].ItemName != "Large kebab" || o.Lines[1].LineTotal != 350 {
		t.Fatalf("%d orders; stored %+v", n, o)
	}

	// The menu link, the confirmation and the receipt go to the caller; the
	// new-order text goes to the shop. Every one names the sender and
	// nothing else beyond the number and the text.
	fake.await(t, 4)
	stopWorker()
	posts := fake.await(t, 0) // all it got, now that nothing more can come
	bodies := map[string]twilioPost{}
	for _, p := range posts {
		if p.path != "/2010-04-01/Accounts/"+twilioSID+"/Messages.json" || p.user != twilioSID {
			t.Errorf("posted to %s as %s", p.path, p.user)
		}
		keys := make([]string, 0, len(p.form))
		for k := range p.form {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if !slices.Equal(keys, []string{"Body", "From", "To"}) || p.form.Get("From") != twilioFrom {
			t.Errorf("form %v", p.form)
		}
		body := p.form.Get("Body")
		switch {
		case strings.Contains(body, "menu:"):
			bodies["menu"] = p
		case strings.Contains(body, "NEW ORDER"):
			bodies["shop"] = p
		case strings.Contains(body, "receipt"):
			bodies["receipt"] = p
		case strings.Contains(body, "confirmed"):
			bodies["customer"] = p
		}
	}
	want := []struct {
		kind, to string
		has      []string
	}{
		{"menu", callerNumber, []string{"https://example.com/menu"}},
		{"customer", callerNumber, []string{"Zz-Canary", "#001", "20261203-001", "$18.50",
			"6:30 PM", "Large kebab"}},
		{"shop", shopMobile, []string{"#001", "20261203-001", "$18.50", "6:30 PM",
			"extra napkins", "evil[.]example"}},
		{"receipt", callerNumber, []string{"#001", "$18.50", "GST $1.68"}},
	}
	for _, w := range want {
		p, ok := bodies[w.kind]
		if !ok {
			t.Errorf("no %s text among %v", w.kind, posts)
			continue
		}
		if to := p.form.Get("To"); to != w.to {
			t.Errorf("%s text to %s, want %s", w.kind, to, w.to)
		}
		for _, s := range w.has {
			if !strings.Contains(p.form.Get("Body"), s) {
				t.Errorf("%s text %q lacks %q", w.kind, p.form.Get("Body"), s)
			}
		}
		if strings.Contains(p.form.Get("Body"), "http://evil") {
			t.Errorf("%s text carries the caller's link: %q", w.kind, p.form.Get("Body"))
		}
	}
	if len(posts) != 4 {
		t.Errorf("fake Twilio got %d messages, want 4", len(posts))
	}
	recs, err := h.store.SMSRecordsForOrder(context.Background(), o.ID)
	if err != nil || len(recs) != 3 {
		t.Fatalf("order texts %+v, %v", recs, err)
	}
	for _, r := range recs {
		if r.Status != sqlite.SMSSent || r.TwilioSID == "" {
			t.Errorf("%s text is %s", r.Kind, r.Status)
		}
	}

	// The log says which order was placed and nothing about who placed it.
	out := logs.String()
	if !strings.Contains(out, `"order":"20261203-001"`) {
		t.Errorf("no order line in the log:\n%s", out)
	}
	for _, secret := range []string{"491570006", "0491 570", "Zz-Canary", "napkins", "evil",
		"Large kebab"} {
		if strings.Contains(out, secret) {
			t.Errorf("log holds %q:\n%s", secret, out)
		}
	}
}
