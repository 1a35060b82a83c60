package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Reasons a webhook request fails authentication. They are logged and
// counted; the caller only ever sees a generic 401.
const (
	reasonMissing        = "missing_credentials"
	reasonBadSecret      = "bad_secret"
	reasonBadBearer      = "bad_bearer"
	reasonBadSignature   = "bad_signature"
	reasonBadTimestamp   = "bad_timestamp"
	reasonStaleTimestamp = "stale_timestamp"
)

// maxSkew is how far an HMAC timestamp may be from our clock, either way.
const maxSkew = 5 * time.Minute

// Verifier checks that a webhook request comes from VAPI. It accepts any of
// the configured secrets, so a secret can be rotated without downtime, by
// any of VAPI's three schemes: X-Vapi-Secret, Authorization: Bearer, or an
// HMAC-SHA256 signature over "{x-timestamp}.{body}".
type Verifier struct {
	tokens [][sha256.Size]byte // digests, so comparisons are fixed-length
	keys   [][]byte
	now    func() time.Time
}

// NewVerifier returns a verifier for secrets. With no secrets it accepts
// everything: config allows that only in development, on loopback.
func NewVerifier(secrets []string, now func() time.Time) *Verifier {
	v := &Verifier{now: now}
	for _, s := range secrets {
		v.tokens = append(v.tokens, sha256.Sum256([]byte(s)))
		v.keys = append(v.keys, []byte(s))
	}
	return v
}

// Disabled reports whether the verifier accepts unauthenticated requests.
func (v *Verifier) Disabled() bool { return len(v.keys) == 0 }

// Verify authenticates a request from its headers and raw body, before
// anything parses the body. It returns "" on success, or the reason.
func (v *Verifier) Verify(h http.Header, body []byte) (reason string) {
	if v.Disabled() {
		return ""
	}
	reason = reasonMissing
	if sig := h.Get("X-Signature"); sig != "" {
		if reason = v.checkHMAC(h.Get("X-Timestamp"), sig, body); reason == "" {
			return ""
		}
	}
	if s := h.Get("X-Vapi-Secret"); s != "" {
		if v.tokenOK(s) {
			return ""
		}
		reason = reasonBadSecret
	}
	if auth := h.Get("Authorization"); auth != "" {
		token, ok := strings.CutPrefix(auth, "Bearer ")
		if ok && v.tokenOK(strings.TrimSpace(token)) {
			return ""
		}
		reason = reasonBadBearer
	}
	return reason
}

// tokenOK compares got against every secret without stopping early, so the
// time taken says nothing about which secret, if any, was close.
func (v *Verifier) tokenOK(got string) bool {
	sum := sha256.Sum256([]byte(got))
	match := 0
	for i := range v.tokens {
		match |= subtle.ConstantTimeCompare(sum[:], v.tokens[i][:])
	}
	return match == 1
}

func (v *Verifier) checkHMAC(tsHeader, sigHeader string, body []byte) string {
	ts, err := strconv.ParseInt(strings.TrimSpace(tsHeader), 10, 64)
	if err != nil || ts <= 0 {
		return reasonBadTimestamp
	}
	// VAPI does not document the unit; anything past year 33658 in seconds
	// is taken as milliseconds.
	t := time.Unix(ts, 0)
	if ts > 1e12 {
		t = time.UnixMilli(ts)
	}
	if d := v.now().Sub(t); d > maxSkew || d < -maxSkew {
		return reasonStaleTimestamp
	}
	sig, err := hex.DecodeString(strings.TrimPrefix(strings.TrimSpace(sigHeader), "sha256="))
	if err != nil || len(sig) != sha256.Size {
		return reasonBadSignature
	}
	match := 0
	for _, k := range v.keys {
		m := hmac.New(sha256.New, k)
		m.Write([]byte(strings.TrimSpace(tsHeader)))
		m.Write([]byte{'.'})
		m.Write(body)
		match |= subtle.ConstantTimeCompare(m.Sum(nil), sig)
	}
	if match != 1 {
		return reasonBadSignature
	}
	return ""
}

// Sign returns the hex HMAC-SHA256 signature of body at timestamp ts under
// secret, as VAPI computes it. Tests and the load generator use it.
func Sign(secret, ts string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}
