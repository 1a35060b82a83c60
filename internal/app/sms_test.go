package app

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/menu"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

const (
	adminToken = "admin-token-0123456789abcdef0123456789"
	twilioSID  = "AC0123456789abcdef0123456789abcdef"
	twilioTok  = "token0123456789"
)

// fakeTwilio accepts every message. Each request is announced on arrived
// before it is answered; while hold is set, answers wait for a value on it.
type fakeTwilio struct {
	srv     *httptest.Server
	arrived chan url.Values
	hold    chan struct{}
}

func newFakeTwilio(t *testing.T, hold bool) *fakeTwilio {
	t.Helper()
	f := &fakeTwilio{arrived: make(chan url.Values, 100)}
	if hold {
		f.hold = make(chan struct{})
	}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			http.Error(w, "bad form", http.StatusBadRequest)
			return
		}
		f.arrived <- r.PostForm
		if f.hold != nil {
			<-f.hold
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"sid":"SM0123456789","status":"queued"}`)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

// next returns the next request the fake received; the deadline only
// guards against a hang.
func (f *fakeTwilio) next(t *testing.T) url.Values {
	t.Helper()
	select {
	case v := <-f.arrived:
		return v
	case <-time.After(10 * time.Second):
		t.Fatal("timed out waiting for a message at the fake Twilio")
		return nil
	}
}

func withTwilio(env map[string]string, f *fakeTwilio) {
	env["TWILIO_ACCOUNT_SID"] = twilioSID
	env["TWILIO_AUTH_TOKEN"] = twilioTok
	env["TWILIO_FROM_NUMBER"] = "+61491570110"
	env["TWILIO_API_URL"] = f.srv.URL
}

// seedOutbox queues one text per number before the server starts and
// leaves the last one "sending", as a crash in the middle of a send would.
// It returns the row ids.
func seedOutbox(t *testing.T, path string, numbers ...string) []int64 {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, path, sqlite.WithPII(testKeys(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var ids []int64
	for _, n := range numbers {
		rec, err := store.EnqueueSMS(ctx, sqlite.NewSMS{
			Kind: sqlite.KindMenuLink, To: n, Body: "Kebabalab menu: https://example.com/m",
		})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, rec.ID)
	}
	// Claim everything, then put all but the last back: the last one stays
	// "sending" with a lease far in the future.
	for range numbers {
		if _, err := store.ClaimSMS(ctx, time.Now(), time.Hour); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range ids[:len(ids)-1] {
		if err := store.RetrySMS(ctx, id, "seed", time.Now(), time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	return ids
}

// statuses reads the outbox rows after the server has stopped.
func statuses(t *testing.T, path string, ids []int64) []sqlite.SMSRecord {
	t.Helper()
	store, err := sqlite.Open(context.Background(), path, sqlite.WithPII(testKeys(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var out []sqlite.SMSRecord
	for _, id := range ids {
		rec, err := store.SMSRecord(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, rec)
	}
	return out
}

// getMetrics scrapes /metrics with the admin token.
func getMetrics(t *testing.T, base string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+adminToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("metrics: status %d", resp.StatusCode)
	}
	return string(body)
}

// eventually polls cond until it holds; the deadline only guards against a
// hang, nothing is measured.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestServe_SMSResumesAfterRestart(t *testing.T) {
	env := baseEnv(t)
	env["ADMIN_TOKEN"] = adminToken
	numbers := []string{"+61412345001", "+61412345002", "+61412345003"}
	ids := seedOutbox(t, env["DATABASE_PATH"], numbers...)
	twilio := newFakeTwilio(t, false)
	withTwilio(env, twilio)

	base, stop, logs := startServer(t, env)
	got := map[string]bool{}
	for range numbers {
		form := twilio.next(t)
		got[form.Get("To")] = true
		if form.Get("From") != "+61491570110" || !strings.HasPrefix(form.Get("Body"), "Kebabalab") {
			t.Errorf("unexpected message form %v", form)
		}
	}
	for _, n := range numbers {
		if !got[n] {
			t.Errorf("no text to %s; got %v", n, got)
		}
	}
	eventually(t, "three sent messages in /metrics", func() bool {
		m := getMetrics(t, base)
		return strings.Contains(m, `kebabalab_sms_total{outcome="sent"} 3`+"\n") &&
			strings.Contains(m, "kebabalab_sms_pending 0\n")
	})
	if code := stop(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	for _, rec := range statuses(t, env["DATABASE_PATH"], ids) {
		if rec.Status != sqlite.SMSSent || rec.TwilioSID != "SM0123456789" {
			t.Errorf("message %d: status %s sid %q, want sent", rec.ID, rec.Status, rec.TwilioSID)
		}
	}
	out := logs.String()
	if !strings.Contains(out, "sms requeued interrupted messages") {
		t.Errorf("the interrupted message was not requeued:\n%s", out)
	}
	if strings.Contains(out, "dry-run") || strings.Contains(out, "412345001") ||
		strings.Contains(out, twilioTok) {
		t.Errorf("the log has a dry-run warning, a number or a credential:\n%s", out)
	}
}

func TestServe_SMSDryRun(t *testing.T) {
	env := baseEnv(t)
	env["ADMIN_TOKEN"] = adminToken
	// Everything but the auth token points at a fake Twilio, so a send that
	// dry-run failed to stop would arrive there.
	twilio := newFakeTwilio(t, false)
	withTwilio(env, twilio)
	delete(env, "TWILIO_AUTH_TOKEN")
	ids := seedOutbox(t, env["DATABASE_PATH"], "+61412345001", "+61412345002")

	base, stop, logs := startServer(t, env)
	eventually(t, "two skipped messages in /metrics", func() bool {
		return strings.Contains(getMetrics(t, base), `kebabalab_sms_total{outcome="skipped"} 2`)
	})
	if code := stop(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	for _, rec := range statuses(t, env["DATABASE_PATH"], ids) {
		if rec.Status != sqlite.SMSSkipped || rec.LastError != "dry_run" {
			t.Errorf("message %d: status %s reason %q, want skipped dry_run",
				rec.ID, rec.Status, rec.LastError)
		}
	}
	out := logs.String()
	if n := strings.Count(out, "SMS is in dry-run"); n != 1 {
		t.Errorf("got %d dry-run warnings, want 1:\n%s", n, out)
	}
	if strings.Contains(out, "412345001") || strings.Contains(out, "example.com/m") {
		t.Errorf("a number or an SMS body was logged:\n%s", out)
	}
	if n := len(twilio.arrived); n != 0 {
		t.Errorf("the fake Twilio got %d requests in dry-run, want 0", n)
	}
}

// TestServe_ShutdownWaitsForSMSInFlight holds a send open at the fake
// Twilio until the server is shutting down: the server must record the
// outcome before it exits, or the message would stay "sending".
func TestServe_ShutdownWaitsForSMSInFlight(t *testing.T) {
	env := baseEnv(t)
	ids := seedOutbox(t, env["DATABASE_PATH"], "+61412345001")
	twilio := newFakeTwilio(t, true)
	withTwilio(env, twilio)

	_, stop, logs := startServer(t, env)
	twilio.next(t)
	codes := make(chan int, 1)
	go func() { codes <- stop() }()
	eventually(t, "the shutdown to begin", func() bool {
		return strings.Contains(logs.String(), "shutting down")
	})
	close(twilio.hold)
	if code := <-codes; code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if rec := statuses(t, env["DATABASE_PATH"], ids)[0]; rec.Status != sqlite.SMSSent {
		t.Fatalf("status %s after shutdown, want sent", rec.Status)
	}
}

func TestServe_MetricsNeedAdminTokenAndListSMSAndOrders(t *testing.T) {
	env := baseEnv(t)
	env["ADMIN_TOKEN"] = adminToken
	base, stop, _ := startServer(t, env)
	defer stop()

	tests := []struct {
		name, auth string
		want       int
	}{
		{"no token", "", http.StatusUnauthorized},
		{"wrong token", "Bearer " + strings.Repeat("x", len(adminToken)), http.StatusUnauthorized},
		{"admin token", "Bearer " + adminToken, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, base+"/metrics", nil)
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Fatalf("got %d, want %d", resp.StatusCode, tt.want)
			}
		})
	}
	body := getMetrics(t, base)
	for _, name := range []string{
		"kebabalab_orders_created_total 0",
		`kebabalab_sms_total{outcome="sent"} 0`,
		`kebabalab_sms_total{outcome="failed"} 0`,
		`kebabalab_sms_total{outcome="skipped"} 0`,
		"kebabalab_sms_retries_total 0",
		"kebabalab_sms_pending 0",
		"kebabalab_sms_oldest_pending_age_seconds 0",
		"kebabalab_active_sessions",
	} {
		if !strings.Contains(body, name) {
			t.Errorf("metrics lack %q", name)
		}
	}
}

func TestBuild_ReadyzFailsWhenDatabaseClosed(t *testing.T) {
	env := baseEnv(t)
	cfg, err := loadConfig(envOf(env))
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
	srv, err := build(cfg, newLogger(cfg, io.Discard), m, clk, store)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.http.Handler)
	defer ts.Close()

	readyz := func() (int, string) {
		resp, err := http.Get(ts.URL + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, _ := readyz(); code != http.StatusOK {
		t.Fatalf("open database: got %d, want 200", code)
	}
	store.Close()
	code, body := readyz()
	if code != http.StatusServiceUnavailable {
		t.Fatalf("closed database: got %d, want 503", code)
	}
	if strings.Contains(body, "sqlite") || strings.Contains(body, "closed") {
		t.Fatalf("readyz leaks detail: %s", body)
	}
	if code, _ := readyz(); code != http.StatusServiceUnavailable {
		t.Fatalf("closed database, second probe: got %d, want 503", code)
	}
}
