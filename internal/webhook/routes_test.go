package webhook

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestWebhook_SessionsFollowTheCall(t *testing.T) {
	ts := newTestServer(t, nil)
	ts.postAuthed(t, toolCalls("call-a", [3]string{"1", "lookup_order", ""}))
	ts.postAuthed(t, toolCalls("call-b", [3]string{"2", "lookup_order", ""}))
	if got := ts.sessions.Len(); got != 2 {
		t.Fatalf("got %d sessions, want 2", got)
	}
	ts.postAuthed(t, []byte(`{"message":{"type":"status-update","status":"ended","call":{"id":"call-a"}}}`))
	if _, ok := ts.sessions.Get("call-a"); ok {
		t.Fatal("session survived status-update ended")
	}
	ts.postAuthed(t, []byte(`{"message":{"type":"status-update","status":"in-progress","call":{"id":"call-b"}}}`))
	if _, ok := ts.sessions.Get("call-b"); !ok {
		t.Fatal("in-progress status closed the session")
	}
	ts.postAuthed(t, toolCalls("call-b", [3]string{"3", "hangup", ""}))
	if _, ok := ts.sessions.Get("call-b"); ok {
		t.Fatal("session survived a tool that ended the call")
	}
	// The end-of-call report closes the session of the call it reports on.
	const reported = "b1223960-1b4d-4585-91b8-a69b0f57ec2f"
	ts.postAuthed(t, toolCalls(reported, [3]string{"4", "lookup_order", ""}))
	if _, ok := ts.sessions.Get(reported); !ok {
		t.Fatal("no session for the reported call")
	}
	if code, _ := ts.postAuthed(t, fixture(t, "end-of-call-report-2024.json")); code != 200 {
		t.Fatalf("end-of-call-report: got %d, want 200", code)
	}
	if _, ok := ts.sessions.Get(reported); ok {
		t.Fatal("session survived the end-of-call report")
	}
	// A tool call without a call id works but keeps nothing.
	ts.postAuthed(t, fixture(t, "function-call-legacy.json"))
	if got := ts.sessions.Len(); got != 0 {
		t.Fatalf("got %d sessions, want 0", got)
	}
}

func TestWebhook_LogsHoldNoPersonalData(t *testing.T) {
	ts := newTestServer(t, nil)
	args := `{"customerName":"` + canary + `","customerPhone":"` + phone + `","notes":"` + canary + `"}`
	ts.postAuthed(t, toolCalls("call-log", [3]string{"1", "lookup_order", args},
		[3]string{"2", "boom", args}, [3]string{"3", "panics", args}))
	ts.post(t, toolCalls("call-log", [3]string{"4", "lookup_order", args}), nil)
	logs := ts.logs.String()
	if !strings.Contains(logs, `"call_id":"call-log"`) || !strings.Contains(logs, "lookup_order:ok") {
		t.Fatalf("access log lacks call id or tool outcome:\n%s", logs)
	}
	for _, bad := range []string{canary, phone, "491570006", "0491570006"} {
		if strings.Contains(logs, bad) {
			t.Fatalf("log contains %q:\n%s", bad, logs)
		}
	}
	if n := strings.Count(logs, `"msg":"request"`); n != 2 {
		t.Fatalf("got %d access-log lines, want 2 (one per request)", n)
	}
}

func get(t *testing.T, ts *testServer, path, token string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, ts.URL+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, strings.TrimSpace(string(b))
}

func TestRouter_HealthReadyMetrics(t *testing.T) {
	ready := error(nil)
	ts := newTestServer(t, func(o *Options) {
		o.Ready = func(context.Context) error { return ready }
	})
	if code, body := get(t, ts, "/healthz", ""); code != 200 || body != `{"status":"ok"}` {
		t.Fatalf("healthz: got %d %s", code, body)
	}
	if code, _ := get(t, ts, "/readyz", ""); code != 200 {
		t.Fatalf("readyz: got %d, want 200", code)
	}
	ready = errors.New("sqlite: /secret/path/orders.db: disk I/O error")
	code, body := get(t, ts, "/readyz", "")
	if code != 503 || strings.Contains(body, "sqlite") || strings.Contains(body, "/secret") {
		t.Fatalf("readyz when not ready: got %d %s", code, body)
	}
	if code, _ := get(t, ts, "/metrics", ""); code != 401 {
		t.Fatalf("metrics without token: got %d, want 401", code)
	}
	if code, _ := get(t, ts, "/metrics", "wrong"); code != 401 {
		t.Fatalf("metrics with wrong token: got %d, want 401", code)
	}
	ts.postAuthed(t, toolCalls("m", [3]string{"1", "lookup_order", ""}))
	ts.post(t, toolCalls("m", [3]string{"2", "lookup_order", ""}), nil)
	code, body = get(t, ts, "/metrics", "admin-token-0123456789abcdef0123456789")
	for _, want := range []string{
		`kebabalab_tool_calls_total{outcome="ok",tool="lookup_order"} 1`,
		`kebabalab_webhook_auth_failures_total{reason="missing_credentials"} 1`,
		`kebabalab_http_requests_total{route="/webhook",status="200"} 1`,
	} {
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestRouter_MetricsOffWithoutAdminToken(t *testing.T) {
	ts := newTestServer(t, func(o *Options) { o.AdminToken = "" })
	if code, _ := get(t, ts, "/metrics", ""); code != 404 {
		t.Fatalf("got %d, want 404", code)
	}
}

func TestRecoverer_GenericBody(t *testing.T) {
	ts := newTestServer(t, nil)
	h := recoverer(discardLogger())(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("secret detail " + canary)
	}))
	rec := newRecorder()
	h.ServeHTTP(rec, httpRequest(ts.URL))
	if rec.Code != 500 || strings.Contains(rec.Body.String(), canary) {
		t.Fatalf("got %d %s", rec.Code, rec.Body)
	}
}
