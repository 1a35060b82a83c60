package webhook

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// A chunked body declares no length, so only the read can find it is over
// the cap; it must still be a 413, not a 400 or a partial parse.
func TestWebhook_ChunkedBodyOverCap(t *testing.T) {
	ts := newTestServer(t, func(o *Options) { o.MaxBodyBytes = 4096 })
	body := toolCalls("c", [3]string{"a1", "lookup_order",
		`{"pad":"` + strings.Repeat("x", 8000) + `"}`})
	// io.MultiReader hides the length from net/http, which then sends the
	// body chunked.
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/webhook",
		io.MultiReader(bytes.NewReader(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Vapi-Secret", secretA)
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var eb errorBody
	_ = json.NewDecoder(resp.Body).Decode(&eb)
	if req.ContentLength != 0 || resp.StatusCode != http.StatusRequestEntityTooLarge ||
		eb.Error != msgTooLarge {
		t.Fatalf("got %d %q (sent length %d), want 413 %q", resp.StatusCode, eb.Error,
			req.ContentLength, msgTooLarge)
	}
}

// CORS answers only the configured origins, and it is no authentication: a
// request from an allowed origin without a secret is still refused.
func TestWebhook_CORS(t *testing.T) {
	ts := newTestServer(t, nil)
	preflight := func(origin string) http.Header {
		req, _ := http.NewRequest(http.MethodOptions, ts.URL+"/webhook", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", http.MethodPost)
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.Header
	}
	const allow = "Access-Control-Allow-Origin"
	if got := preflight("https://vapi.ai").Get(allow); got != "https://vapi.ai" {
		t.Errorf("allowed origin: got Access-Control-Allow-Origin %q", got)
	}
	if got := preflight("https://evil.example").Get(allow); got != "" {
		t.Errorf("other origin: got Access-Control-Allow-Origin %q, want none", got)
	}
	code, _, _ := ts.post(t, toolCalls("c", [3]string{"a1", "lookup_order", ""}),
		map[string]string{"Origin": "https://vapi.ai"})
	if code != http.StatusUnauthorized {
		t.Fatalf("allowed origin without a secret: got %d, want 401", code)
	}
}

// The access log names the route, never the query string, which could carry
// a token or a phone number; and a failure is logged above info.
func TestWebhook_AccessLogLeavesOutQuery(t *testing.T) {
	ts := newTestServer(t, nil)
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/webhook?phone="+canary,
		bytes.NewReader(toolCalls("c", [3]string{"a1", "lookup_order", ""})))
	req.Header.Set("Content-Type", "application/json")
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	logs := ts.logs.String()
	if strings.Contains(logs, canary) || strings.Contains(logs, "phone=") {
		t.Fatalf("query string logged:\n%s", logs)
	}
	if !strings.Contains(logs, `"level":"WARN","msg":"request"`) ||
		!strings.Contains(logs, `"route":"/webhook","status":401`) {
		t.Fatalf("a 401 is not logged as a warning with its route:\n%s", logs)
	}
}
