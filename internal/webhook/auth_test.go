package webhook

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestWebhook_Authentication(t *testing.T) {
	ts := newTestServer(t, nil)
	body := toolCalls("call-auth", [3]string{"a1", "lookup_order", `{}`})
	other := toolCalls("call-auth", [3]string{"a1", "lookup_order", `{"orderNumber":"1"}`})
	ms := strconv.FormatInt(ts.now.UnixMilli(), 10)
	tests := []struct {
		name   string
		hdr    map[string]string
		want   int
		reason string
	}{
		{"no credentials", nil, 401, reasonMissing},
		{"x-vapi-secret old", map[string]string{"X-Vapi-Secret": secretA}, 200, ""},
		{"x-vapi-secret new", map[string]string{"X-Vapi-Secret": secretB}, 200, ""},
		{"x-vapi-secret wrong", map[string]string{"X-Vapi-Secret": secretA + "x"}, 401, reasonBadSecret},
		{"bearer new", map[string]string{"Authorization": "Bearer " + secretB}, 200, ""},
		{"bearer old", map[string]string{"Authorization": "Bearer " + secretA}, 200, ""},
		{"bearer wrong", map[string]string{"Authorization": "Bearer nope"}, 401, reasonBadBearer},
		{"basic scheme", map[string]string{"Authorization": "Basic " + secretA}, 401, reasonBadBearer},
		{"hmac seconds", signed(ts.now, secretA, body), 200, ""},
		{"hmac new key", signed(ts.now, secretB, body), 200, ""},
		{"hmac milliseconds", map[string]string{"X-Timestamp": ms,
			"X-Signature": Sign(secretB, ms, body)}, 200, ""},
		{"hmac sha256= prefix", map[string]string{"X-Timestamp": ms,
			"X-Signature": "sha256=" + Sign(secretB, ms, body)}, 200, ""},
		{"hmac 4 minutes old", signed(ts.now.Add(-4*time.Minute), secretA, body), 200, ""},
		{"hmac stale", signed(ts.now.Add(-6*time.Minute), secretA, body), 401, reasonStaleTimestamp},
		{"hmac future", signed(ts.now.Add(6*time.Minute), secretA, body), 401, reasonStaleTimestamp},
		{"hmac milliseconds stale", signedMilli(ts.now.Add(-6*time.Minute), secretB, body), 401,
			reasonStaleTimestamp},
		{"hmac milliseconds future", signedMilli(ts.now.Add(6*time.Minute), secretB, body), 401,
			reasonStaleTimestamp},
		{"hmac signed over a changed timestamp", map[string]string{"X-Timestamp": ms,
			"X-Signature": Sign(secretA, strconv.FormatInt(ts.now.Unix()-1, 10), body)}, 401,
			reasonBadSignature},
		{"hmac wrong key", signed(ts.now, "some-other-secret-0123456789abcdef", body), 401,
			reasonBadSignature},
		{"hmac over changed body", signed(ts.now, secretA, other), 401, reasonBadSignature},
		{"hmac no timestamp", map[string]string{"X-Signature": Sign(secretA, "", body)}, 401,
			reasonBadTimestamp},
		{"hmac garbage signature", map[string]string{"X-Timestamp": ms, "X-Signature": "zz"}, 401,
			reasonBadSignature},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, resp, _ := ts.post(t, body, tt.hdr)
			if code != tt.want {
				t.Fatalf("got %d (%s), want %d", code, resp, tt.want)
			}
			if tt.want == 401 {
				if !strings.Contains(string(resp), `"error":"unauthorized"`) {
					t.Errorf("got body %s, want generic unauthorized", resp)
				}
				if !strings.Contains(ts.logs.String(), `"auth_failure":"`+tt.reason+`"`) {
					t.Errorf("log lacks reason %s", tt.reason)
				}
			}
		})
	}
	logs := ts.logs.String()
	for _, s := range []string{secretA, secretB} {
		if strings.Contains(logs, s) {
			t.Fatal("a secret appeared in the logs")
		}
	}
}

func TestWebhook_RotationDropsOldSecret(t *testing.T) {
	ts := newTestServer(t, func(o *Options) { o.Secrets = []string{secretB} })
	body := toolCalls("c", [3]string{"a1", "lookup_order", `{}`})
	if code, _, _ := ts.post(t, body, map[string]string{"X-Vapi-Secret": secretA}); code != 401 {
		t.Fatalf("old secret after rotation: got %d, want 401", code)
	}
	if code, _, _ := ts.post(t, body, signed(ts.now, secretB, body)); code != 200 {
		t.Fatalf("new secret: got %d, want 200", code)
	}
}

func TestWebhook_NoSecretsAcceptsAll(t *testing.T) {
	ts := newTestServer(t, func(o *Options) { o.Secrets = nil })
	code, _, _ := ts.post(t, toolCalls("c", [3]string{"a1", "lookup_order", ""}), nil)
	if code != http.StatusOK {
		t.Fatalf("got %d, want 200 with authentication off", code)
	}
}

func FuzzVerify(f *testing.F) {
	now := time.Unix(1_780_000_000, 0)
	v := NewVerifier([]string{secretA}, func() time.Time { return now })
	f.Add("1780000000", "", "", []byte(`{"message":{}}`))
	f.Add("1780000000000", "sha256=00", "Bearer x", []byte(`{}`))
	f.Fuzz(func(t *testing.T, ts, sig, auth string, body []byte) {
		h := http.Header{}
		h.Set("X-Timestamp", ts)
		h.Set("X-Signature", sig)
		h.Set("Authorization", auth)
		if v.Verify(h, body) == "" {
			t.Fatalf("accepted a request not made with the key: ts=%q sig=%q", ts, sig)
		}
		// A request signed with another key must never pass either.
		h.Set("X-Signature", Sign("not-the-key-0123456789abcdef012345", ts, body))
		if v.Verify(h, body) == "" {
			t.Fatal("accepted a signature made with the wrong key")
		}
	})
}

// signedMilli is signed with the timestamp in milliseconds, as some HMAC
// credentials send it.
func signedMilli(ts time.Time, secret string, body []byte) map[string]string {
	stamp := strconv.FormatInt(ts.UnixMilli(), 10)
	return map[string]string{"X-Timestamp": stamp, "X-Signature": Sign(secret, stamp, body)}
}
