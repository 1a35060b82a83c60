// Package webhook is the HTTP face of the server: the chi router, its
// middleware, VAPI authentication and rate limits, and the handlers for
// /webhook, /healthz, /readyz and /metrics.
package webhook

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/go-chi/cors"

	"github.com/kebabalab/kebabalab/internal/metrics"
	"github.com/kebabalab/kebabalab/internal/tools"
)

// Options configure the router. Every field is required unless noted.
type Options struct {
	Log            *slog.Logger
	Metrics        *metrics.Metrics
	Registry       *tools.Registry
	Sessions       Sessions
	Secrets        []string // accepted webhook secrets; none = no authentication
	Now            func() time.Time
	RateLimit      int // per minute
	MaxBodyBytes   int64
	AllowedOrigins []string
	TrustedProxies []netip.Prefix
	AdminToken     string // "" turns /metrics off
	ShopPhone      string // transfer destination, E.164
	// Kitchen, when set, serves /kitchen and /admin/orders (the kitchen
	// board and its API); it does its own authentication.
	Kitchen http.Handler
	// Ready reports whether the server can take orders (DB and menu).
	Ready func(ctx context.Context) error
}

// NewRouter returns the server's handler. Middleware order matters: the
// request id comes first so every later log line carries it, the client IP
// is resolved before anything keys on it, the access log wraps the
// recoverer so a panic is still logged as a 500, and the body cap sits
// before any handler reads.
func NewRouter(o Options) http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.RequestID)
	if len(o.TrustedProxies) > 0 {
		r.Use(middleware.ClientIPFromXFF(prefixStrings(o.TrustedProxies)...))
	} else {
		r.Use(middleware.ClientIPFromRemoteAddr)
	}
	r.Use(accessLog(o.Log, o.Metrics))
	r.Use(recoverer(o.Log))
	// CORS matters only to browsers and is not an authentication control:
	// VAPI and curl send no Origin and are checked by the Verifier.
	r.Use(cors.Handler(cors.Options{
		AllowedOrigins: o.AllowedOrigins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost},
		AllowedHeaders: []string{"Content-Type", "Authorization", "X-Vapi-Secret",
			"X-Signature", "X-Timestamp"},
		MaxAge: 600,
	}))
	r.Use(limitBody(o.MaxBodyBytes))
	r.NotFound(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, http.StatusNotFound, msgNotFound)
	})
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, http.StatusMethodNotAllowed, msgMethod)
	})

	wh := &webhook{
		log:       o.Log,
		verifier:  NewVerifier(o.Secrets, o.Now),
		limits:    newLimiters(o.RateLimit, o.Metrics),
		registry:  o.Registry,
		sessions:  o.Sessions,
		metrics:   o.Metrics,
		shopPhone: o.ShopPhone,
	}
	r.With(requireJSON).Post("/webhook", wh.ServeHTTP)
	r.Get("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	r.Get("/readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := o.Ready(ctx); err != nil {
			o.Log.Warn("not ready", slog.String("error", err.Error()))
			writeError(w, r, http.StatusServiceUnavailable, msgNotReady)
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
	if o.AdminToken != "" {
		r.With(requireBearer(o.AdminToken)).Method(http.MethodGet, "/metrics",
			o.Metrics.Handler())
	}
	if o.Kitchen != nil {
		for _, p := range []string{"/kitchen", "/kitchen/*", "/admin/orders", "/admin/orders/*"} {
			r.Handle(p, o.Kitchen)
		}
	}
	return r
}

func prefixStrings(ps []netip.Prefix) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

// requireBearer admits requests carrying Authorization: Bearer token.
func requireBearer(token string) func(http.Handler) http.Handler {
	want := sha256.Sum256([]byte(token))
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			sum := sha256.Sum256([]byte(got))
			if !ok || subtle.ConstantTimeCompare(sum[:], want[:]) != 1 {
				w.Header().Set("WWW-Authenticate", `Bearer realm="kebabalab"`)
				writeError(w, r, http.StatusUnauthorized, msgUnauthorized)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
