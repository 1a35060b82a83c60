package webhook

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzVerifyKeys complements FuzzVerify, which fuzzes the headers: here the
// fuzzer picks the key a request is made with, its timestamp and its body.
// A request signed, or carrying a secret, under any key but a configured
// one is refused by every scheme; the configured keys are accepted within
// the ±5 minute window and refused outside it.
func FuzzVerifyKeys(f *testing.F) {
	keys := []string{"fuzz-verify-old-0123456789abcdef0123", "fuzz-verify-new-abcdef0123456789abcd"}
	now := time.Unix(1_780_000_000, 0)
	v := NewVerifier(keys, func() time.Time { return now })
	f.Add("fuzz-verify-old-0123456789abcdef012", int64(0), false, []byte(`{"message":{}}`))
	f.Add("fuzz-verify-new-abcdef0123456789abcdX", int64(-299), true, []byte(`{}`))
	f.Add("", int64(301), false, []byte{})
	f.Add(keys[0]+" ", int64(1), true, []byte("\x00\xff"))
	f.Fuzz(func(t *testing.T, key string, skew int64, millis bool, body []byte) {
		at := now.Add(time.Duration(skew%1000) * time.Second)
		ts := strconv.FormatInt(at.Unix(), 10)
		if millis {
			ts = strconv.FormatInt(at.UnixMilli(), 10)
		}
		inWindow := at.Sub(now) <= maxSkew && now.Sub(at) <= maxSkew
		for _, k := range keys {
			h := http.Header{"X-Timestamp": {ts}, "X-Signature": {Sign(k, ts, body)}}
			if ok := v.Verify(h, body) == ""; ok != inWindow {
				t.Fatalf("key %q at %+ds: accepted %v, want %v", k, at.Sub(now)/time.Second,
					ok, inWindow)
			}
		}
		// Keys that are a configured key in other clothes are skipped: HMAC
		// pads short keys with zero bytes, so k and k+"\x00" sign alike,
		// and a bearer token is read without surrounding spaces.
		signing := map[string]http.Header{
			"hmac":   {"X-Timestamp": {ts}, "X-Signature": {Sign(key, ts, body)}},
			"sha256": {"X-Timestamp": {ts}, "X-Signature": {"sha256=" + Sign(key, ts, body)}},
		}
		tokens := map[string]http.Header{
			"secret": {"X-Vapi-Secret": {key}},
			"bearer": {"Authorization": {"Bearer " + key}},
		}
		for _, c := range []struct {
			headers map[string]http.Header
			same    string
		}{{signing, strings.TrimRight(key, "\x00")}, {tokens, strings.TrimSpace(key)}} {
			if slices.Contains(keys, c.same) {
				continue
			}
			for name, h := range c.headers {
				if v.Verify(h, body) == "" {
					t.Fatalf("%s under the wrong key %q was accepted", name, key)
				}
			}
		}
	})
}
