package kitchen

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"math"
	"net/http"
	"strings"
	"time"
)

// Cookie names. __Host- makes the browser insist on Secure, Path=/ and no
// Domain, so no other host or path can plant or read the session.
const (
	sessionCookie = "__Host-kitchen"
	flashCookie   = "kitchen_flash"
)

// keys are derived from the admin token, so changing the token signs every
// tablet out, and a restart does not.
type keys struct {
	token   [sha256.Size]byte // digest of the token, compared in constant time
	session []byte
	csrf    []byte
}

func deriveKeys(token string) keys {
	derive := func(purpose string) []byte {
		m := hmac.New(sha256.New, []byte(token))
		m.Write([]byte("kebabalab kitchen " + purpose))
		return m.Sum(nil)
	}
	return keys{token: sha256.Sum256([]byte(token)), session: derive("session v1"),
		csrf: derive("csrf v1")}
}

// tokenOK reports whether got is the admin token, in constant time.
func (k keys) tokenOK(got string) bool {
	sum := sha256.Sum256([]byte(got))
	return subtle.ConstantTimeCompare(sum[:], k.token[:]) == 1
}

// session is a signed-in tablet.
type session struct {
	id      [16]byte
	expires time.Time
}

// payloadSize is the id plus the expiry in Unix seconds.
const payloadSize = 16 + 8

func newSession(now time.Time, ttl time.Duration) session {
	var s session
	rand.Read(s.id[:]) // never fails on the platforms Go supports
	s.expires = now.Add(ttl).Truncate(time.Second)
	return s
}

// encode returns the cookie value: payload and HMAC, both base64url.
func (k keys) encode(s session) string {
	p := make([]byte, payloadSize)
	copy(p, s.id[:])
	exp := max(s.expires.Unix(), 0) // sessions expire after 1970
	binary.BigEndian.PutUint64(p[16:], uint64(exp))
	return b64(p) + "." + b64(k.sign(k.session, p))
}

// decode checks a cookie value's signature and expiry.
func (k keys) decode(v string, now time.Time) (session, bool) {
	ps, ms, ok := strings.Cut(v, ".")
	if !ok {
		return session{}, false
	}
	p, err1 := base64.RawURLEncoding.DecodeString(ps)
	mac, err2 := base64.RawURLEncoding.DecodeString(ms)
	if err1 != nil || err2 != nil || len(p) != payloadSize ||
		!hmac.Equal(mac, k.sign(k.session, p)) {
		return session{}, false
	}
	exp := binary.BigEndian.Uint64(p[16:])
	if exp > math.MaxInt64 {
		return session{}, false // signed, so never: encode writes no such value
	}
	var s session
	copy(s.id[:], p)
	s.expires = time.Unix(int64(exp), 0)
	if !now.Before(s.expires) {
		return session{}, false
	}
	return s, true
}

// csrfToken is the session's anti-forgery token: an HMAC of its id, so it
// needs no storage and dies with the session.
func (k keys) csrfToken(s session) string { return b64(k.sign(k.csrf, s.id[:])) }

func (k keys) csrfOK(s session, got string) bool {
	want := k.csrfToken(s)
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

func (k keys) sign(key, data []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write(data)
	return m.Sum(nil)
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// setSession sends the session cookie: HttpOnly so scripts cannot read it,
// SameSite=Strict so no other site's page or link can use it.
func (h *Handler) setSession(w http.ResponseWriter, s session, now time.Time) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: h.keys.encode(s), Path: "/",
		// Max-Age and not Expires: the shop clock may be set apart from
		// the real one (KEBABALAB_NOW), and the browser would misread a date.
		MaxAge: int(s.expires.Sub(now).Seconds()),
		Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode,
	})
}

func (h *Handler) clearSession(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode,
	})
}

// currentSession returns the request's valid session, if any.
func (h *Handler) currentSession(r *http.Request) (session, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return session{}, false
	}
	return h.keys.decode(c.Value, h.o.Now())
}
