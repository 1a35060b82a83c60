package kitchen

import (
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5/middleware"
)

// Messages about signing in. They never say which part of a token was
// wrong or echo it.
const (
	msgWrongToken   = "That token is not right. Check it and try again."
	msgTooManyTries = "Too many wrong tokens from this device. Try again in %d minutes."
	msgSignedOut    = "Signed out."
	msgExpired      = "Your session has ended; sign in again."
	msgForbidden    = "This page is out of date. Reload it and try again."
	msgCrossOrigin  = "Requests from other sites are refused."
	msgUnauthorized = "unauthorized"
)

// sessionHandler is a handler for a signed-in tablet.
type sessionHandler func(w http.ResponseWriter, r *http.Request, s session)

// page admits a signed-in tablet and sends anyone else to the login form.
func (h *Handler) page(next sessionHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s, ok := h.currentSession(r)
		if !ok {
			http.Redirect(w, r, "/kitchen/login", http.StatusSeeOther)
			return
		}
		next(w, r, s)
	}
}

// form admits a form post from a signed-in tablet carrying the session's
// CSRF token.
func (h *Handler) form(next sessionHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s, ok := h.currentSession(r)
		if !ok {
			h.renderLogin(w, http.StatusUnauthorized, msgExpired)
			return
		}
		if !h.keys.csrfOK(s, r.PostFormValue("csrf")) {
			h.forbidden(w, r)
			return
		}
		next(w, r, s)
	}
}

// stream admits a signed-in tablet to the live board; anything else gets a
// bare 401, which makes the browser's EventSource stop retrying.
func (h *Handler) stream(next sessionHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s, ok := h.currentSession(r)
		if !ok {
			http.Error(w, msgUnauthorized, http.StatusUnauthorized)
			return
		}
		next(w, r, s)
	}
}

// admin admits a request with the admin token as a bearer token, or from a
// signed-in tablet; the tablet's unsafe requests must carry the session's
// CSRF token in X-CSRF-Token. Wrong tokens count towards the client's
// limit, and a client over it is refused whatever it sends.
func (h *Handler) admin(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ip := clientIP(r)
		if left, blocked := h.limit.blocked(ip); blocked {
			h.tooManyJSON(w, r, left)
			return
		}
		if auth := r.Header.Get("Authorization"); auth != "" {
			token, ok := strings.CutPrefix(auth, "Bearer ")
			if !ok || !h.keys.tokenOK(strings.TrimSpace(token)) {
				h.limit.fail(ip)
				h.o.Log.Warn("admin token refused", slog.String("client_ip", ip))
				h.unauthorizedJSON(w, r)
				return
			}
			next(w, r)
			return
		}
		s, ok := h.currentSession(r)
		if !ok {
			h.unauthorizedJSON(w, r)
			return
		}
		if r.Method != http.MethodGet && !h.keys.csrfOK(s, r.Header.Get("X-CSRF-Token")) {
			writeError(w, r, http.StatusForbidden, msgForbidden)
			return
		}
		next(w, r)
	}
}

func (h *Handler) loginForm(w http.ResponseWriter, r *http.Request) {
	if _, ok := h.currentSession(r); ok {
		http.Redirect(w, r, "/kitchen", http.StatusSeeOther)
		return
	}
	h.renderLogin(w, http.StatusOK, "")
}

// login checks the token from the form and starts a session.
func (h *Handler) login(w http.ResponseWriter, r *http.Request) {
	ip := clientIP(r)
	if left, blocked := h.limit.blocked(ip); blocked {
		w.Header().Set("Retry-After", retryAfter(left))
		h.renderLogin(w, http.StatusTooManyRequests, tooMany(left))
		return
	}
	if !h.keys.tokenOK(r.PostFormValue("token")) {
		h.limit.fail(ip)
		h.o.Log.Warn("kitchen sign-in refused", slog.String("client_ip", ip))
		h.renderLogin(w, http.StatusUnauthorized, msgWrongToken)
		return
	}
	now := h.o.Now()
	h.setSession(w, newSession(now, h.o.SessionTTL), now)
	h.o.Log.Info("kitchen signed in", slog.String("client_ip", ip))
	http.Redirect(w, r, "/kitchen", http.StatusSeeOther)
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request, _ session) {
	h.clearSession(w)
	h.renderLogin(w, http.StatusOK, msgSignedOut)
}

func (h *Handler) renderLogin(w http.ResponseWriter, status int, msg string) {
	h.render(w, status, "login.html", loginView{Shop: h.o.Menu.Shop().Name, Message: msg})
}

// crossOrigin answers a state-changing request that came from another
// site's page.
func (h *Handler) crossOrigin(w http.ResponseWriter, r *http.Request) {
	h.o.Log.Warn("cross-origin request refused", slog.String("path", r.URL.Path))
	if strings.HasPrefix(r.URL.Path, "/admin/") {
		writeError(w, r, http.StatusForbidden, msgCrossOrigin)
		return
	}
	http.Error(w, msgCrossOrigin, http.StatusForbidden)
}

// forbidden answers a form without a valid CSRF token: most often a page
// left open from before the tablet signed in again.
func (h *Handler) forbidden(w http.ResponseWriter, r *http.Request) {
	h.o.Log.Warn("csrf token refused", slog.String("path", r.URL.Path))
	http.Error(w, msgForbidden, http.StatusForbidden)
}

func (h *Handler) unauthorizedJSON(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="kebabalab"`)
	writeError(w, r, http.StatusUnauthorized, msgUnauthorized)
}

func (h *Handler) tooManyJSON(w http.ResponseWriter, r *http.Request, left time.Duration) {
	w.Header().Set("Retry-After", retryAfter(left))
	writeError(w, r, http.StatusTooManyRequests, tooMany(left))
}

func tooMany(left time.Duration) string {
	return fmt.Sprintf(msgTooManyTries, minutesUp(left))
}

func retryAfter(left time.Duration) string {
	return strconv.Itoa(int(math.Ceil(left.Seconds())))
}

func minutesUp(d time.Duration) int { return int(math.Ceil(d.Minutes())) }

// clientIP is the client address the router's trusted-proxy resolver
// chose, or the TCP peer when it chose none.
func clientIP(r *http.Request) string {
	if ip := middleware.GetClientIP(r.Context()); ip != "" {
		return ip
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
