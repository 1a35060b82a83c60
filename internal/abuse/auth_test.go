package abuse

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/webhook"
)

// kebab is an addMultipleItemsToCart item every test can afford.
var kebab = map[string]any{"category": "kebabs", "size": "large", "protein": "lamb",
	"sauces": []string{"garlic"}}

func addKebab(callID string) []byte {
	return envelope(callID, toolCall{newID(), "addMultipleItemsToCart",
		map[string]any{"items": []any{kebab}}})
}

// Every way of failing authentication gets the same generic 401, creates
// no session and stores nothing; each is counted under its reason. The
// right credentials, by each scheme, are then accepted.
func TestAuth_EveryFailureMode(t *testing.T) {
	t.Parallel()
	s := start(t, nil)
	wrong := "wrong-secret-0123456789abcdef0123456789"
	tsNow := strconv.FormatInt(time.Now().Unix(), 10)
	headers := func(kv ...string) auth {
		return func(h http.Header, _ []byte) {
			for i := 0; i+1 < len(kv); i += 2 {
				h.Set(kv[i], kv[i+1])
			}
		}
	}
	tampered := func(h http.Header, body []byte) {
		withHMAC(secret)(h, append([]byte{' '}, body...))
	}
	tests := []struct {
		name   string
		auth   auth
		reason string
	}{
		{"no credentials", noAuth, "missing_credentials"},
		{"empty secret header", headers("X-Vapi-Secret", ""), "missing_credentials"},
		{"wrong X-Vapi-Secret", withSecret(wrong), "bad_secret"},
		{"secret with a byte missing", withSecret(secret[:len(secret)-1]), "bad_secret"},
		{"secret with a byte added", withSecret(secret + "x"), "bad_secret"},
		{"wrong bearer", withBearer(wrong), "bad_bearer"},
		{"secret as basic auth", headers("Authorization", "Basic "+secret), "bad_bearer"},
		{"bearer without a scheme", headers("Authorization", secret), "bad_bearer"},
		{"HMAC under a wrong key", withHMAC(wrong), "bad_signature"},
		{"HMAC over another body", tampered, "bad_signature"},
		{"HMAC six minutes old", withHMACAt(secret, time.Now().Add(-6*time.Minute)),
			"stale_timestamp"},
		{"HMAC six minutes ahead", withHMACAt(secret, time.Now().Add(6*time.Minute)),
			"stale_timestamp"},
		{"HMAC without a timestamp", headers("X-Signature", strings.Repeat("ab", 32)),
			"bad_timestamp"},
		{"HMAC timestamp not a number", headers("X-Timestamp", "yesterday",
			"X-Signature", strings.Repeat("ab", 32)), "bad_timestamp"},
		{"HMAC signature not hex", headers("X-Timestamp", tsNow,
			"X-Signature", strings.Repeat("zz", 32)), "bad_signature"},
		{"HMAC signature truncated", func(h http.Header, b []byte) {
			withHMAC(secret)(h, b)
			h.Set("X-Signature", h.Get("X-Signature")[:40])
		}, "bad_signature"},
		{"the signature as a secret", func(h http.Header, b []byte) {
			h.Set("X-Vapi-Secret", webhook.Sign(secret, tsNow, b))
		}, "bad_secret"},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := s.metric(`kebabalab_webhook_auth_failures_total{reason="` + tc.reason + `"}`)
			// Each case comes from its own client (via the trusted
			// loopback proxy), so the failed-request limit is not the
			// thing being tested.
			r := s.post(addKebab("call-auth-"+strconv.Itoa(i)), tc.auth,
				"X-Forwarded-For", "198.51.100."+strconv.Itoa(i+1))
			if r.Code != http.StatusUnauthorized || !strings.Contains(string(r.Body),
				`"error":"unauthorized"`) {
				t.Fatalf("got %s, want 401 unauthorized", r)
			}
			if body := string(r.Body); strings.Contains(body, secret) ||
				strings.Contains(body, tc.reason) {
				t.Fatalf("the 401 body says too much: %s", r.Body)
			}
			after := s.metric(`kebabalab_webhook_auth_failures_total{reason="` + tc.reason + `"}`)
			if after != before+1 {
				t.Fatalf("reason %s counted %v -> %v, want one more", tc.reason, before, after)
			}
		})
	}
	if n := s.metric("kebabalab_active_sessions"); n != 0 {
		t.Fatalf("failed requests created %v sessions", n)
	}
	s.noOrders()

	// The webhook secret is not the admin token, and /metrics wants the
	// token as a bearer, nothing else.
	for name, h := range map[string]http.Header{
		"no token":               {},
		"webhook secret":         {"Authorization": {"Bearer " + secret}},
		"token as X-Vapi-Secret": {"X-Vapi-Secret": {adminToken}},
		"token without scheme":   {"Authorization": {adminToken}},
		"token truncated":        {"Authorization": {"Bearer " + adminToken[:len(adminToken)-1]}},
	} {
		req, _ := http.NewRequest(http.MethodGet, s.URL+"/metrics", nil)
		req.Header = h
		if r := s.do(req); r.Code != http.StatusUnauthorized ||
			strings.Contains(string(r.Body), "kebabalab_") {
			t.Fatalf("/metrics with %s: got %d, want 401", name, r.Code)
		}
	}

	for i, a := range []auth{withSecret(secret), withBearer(secret), withHMAC(secret)} {
		res := reply(t, s.post(addKebab("call-auth-ok"), a,
			"X-Forwarded-For", "203.0.113."+strconv.Itoa(i+1)))
		if len(res) != 1 || res[0].Error != "" || !strings.Contains(res[0].Result, `"ok":true`) {
			t.Fatalf("scheme %d: got %+v", i, res)
		}
	}
	if n := s.cartLines("call-auth-ok"); n != 3 {
		t.Fatalf("the accepted requests made %d cart lines, want 3", n)
	}
	s.checkAlive()
}
