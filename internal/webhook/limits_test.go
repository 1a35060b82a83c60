package webhook

import (
	"encoding/json"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"testing"
)

// A client that is not a trusted proxy cannot dodge the failed-request
// limit by sending a different X-Forwarded-For each time.
func TestWebhook_SpoofedForwardedForDoesNotDodgeLimit(t *testing.T) {
	ts := newTestServer(t, func(o *Options) {
		o.RateLimit = 5
		o.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("10.9.9.9/32")}
	})
	body := toolCalls("c", [3]string{"a1", "lookup_order", ""})
	var codes []int
	for i := range 8 {
		code, _, hdr := ts.post(t, body, map[string]string{
			"X-Vapi-Secret": "wrong", "X-Forwarded-For": "198.51.100." + strconv.Itoa(i),
		})
		codes = append(codes, code)
		if code == http.StatusTooManyRequests && hdr.Get("Retry-After") == "" {
			t.Error("429 without Retry-After")
		}
	}
	want := []int{401, 401, 401, 401, 401, 429, 429, 429}
	for i := range want {
		if codes[i] != want[i] {
			t.Fatalf("got %v, want %v", codes, want)
		}
	}
}

// Behind a trusted proxy (ngrok on loopback) the last X-Forwarded-For hop is
// the client: two clients get separate allowances.
func TestWebhook_TrustedProxyKeysOnForwardedClient(t *testing.T) {
	ts := newTestServer(t, func(o *Options) { o.RateLimit = 2 })
	body := toolCalls("c", [3]string{"a1", "lookup_order", ""})
	hit := func(xff string) int {
		code, _, _ := ts.post(t, body, map[string]string{"X-Vapi-Secret": "bad", "X-Forwarded-For": xff})
		return code
	}
	for range 2 {
		hit("6.6.6.6, 198.51.100.7")
	}
	if got := hit("6.6.6.6, 198.51.100.7"); got != 429 {
		t.Fatalf("third failure from one client: got %d, want 429", got)
	}
	if got := hit("198.51.100.8"); got != 401 {
		t.Fatalf("another client: got %d, want 401", got)
	}
}

// The per-call limit throttles one busy call without touching another, and
// a flood of failed requests from one IP does not slow authenticated calls.
func TestWebhook_PerCallLimit(t *testing.T) {
	ts := newTestServer(t, func(o *Options) { o.RateLimit = 3 })
	for i := range 3 {
		if code, b := ts.postAuthed(t, toolCalls("busy", [3]string{"x" + strconv.Itoa(i), "lookup_order", ""})); code != 200 {
			t.Fatalf("request %d: got %d %s", i, code, b)
		}
	}
	code, b, hdr := ts.post(t, toolCalls("busy", [3]string{"x9", "lookup_order", ""}),
		map[string]string{"X-Vapi-Secret": secretB})
	var eb errorBody
	if code != http.StatusTooManyRequests || json.Unmarshal(b, &eb) != nil ||
		eb.Error != msgRateLimited {
		t.Fatalf("4th call on busy call: got %d %s, want 429 with a JSON body", code, b)
	}
	if hdr.Get("Retry-After") == "" || hdr.Get("Content-Type") != "application/json" {
		t.Errorf("per-call 429 headers: %v", hdr)
	}
	for range 10 {
		ts.post(t, toolCalls("busy", [3]string{"z", "lookup_order", ""}),
			map[string]string{"X-Forwarded-For": "203.0.113.50", "X-Vapi-Secret": "bad"})
	}
	if code, b := ts.postAuthed(t, toolCalls("quiet", [3]string{"y1", "lookup_order", ""})); code != 200 {
		t.Fatalf("other call: got %d %s, want 200", code, b)
	}
	// Nor from the flooding IP itself: VAPI's egress addresses are shared,
	// so someone else's failures there must not turn away our calls.
	code, b, _ = ts.post(t, toolCalls("quiet", [3]string{"y2", "lookup_order", ""}),
		map[string]string{"X-Forwarded-For": "203.0.113.50", "X-Vapi-Secret": secretA})
	if code != 200 {
		t.Fatalf("authenticated call from the flooding IP: got %d %s, want 200", code, b)
	}
	// Lifecycle messages are not tool work and are not counted.
	if code, _ := ts.postAuthed(t, []byte(`{"message":{"type":"speech-update","call":{"id":"busy"}}}`)); code != 200 {
		t.Fatalf("speech-update on busy call: got %d, want 200", code)
	}
	_, metrics := get(t, ts, "/metrics", "admin-token-0123456789abcdef0123456789")
	if !strings.Contains(metrics, `kebabalab_rate_limited_total{limiter="call"} 1`) {
		t.Errorf("metrics do not count the per-call rejection:\n%s", metrics)
	}
}
