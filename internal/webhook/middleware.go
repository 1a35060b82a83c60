package webhook

import (
	"context"
	"errors"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/go-chi/httprate"

	"github.com/kebabalab/kebabalab/internal/metrics"
)

// clientIP returns the client address chosen by the trusted-proxy
// resolver, canonicalised for rate limiting (an IPv6 /64 is one client).
// When the resolver found none, as for a local request with no
// X-Forwarded-For, the TCP peer is used: it cannot be spoofed.
func clientIP(r *http.Request) string {
	ip := middleware.GetClientIP(r.Context())
	if ip == "" {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			host = r.RemoteAddr
		}
		ip = host
	}
	return httprate.CanonicalizeIP(ip)
}

// logLine collects attributes for the one access-log line of a request.
// Handlers add the call id, tools and outcomes; the logger writes it last.
type logLine struct {
	mu    sync.Mutex
	attrs []slog.Attr
}

type logLineKey struct{}

// annotate adds attributes to the request's access-log line.
func annotate(ctx context.Context, attrs ...slog.Attr) {
	if l, ok := ctx.Value(logLineKey{}).(*logLine); ok {
		l.mu.Lock()
		l.attrs = append(l.attrs, attrs...)
		l.mu.Unlock()
	}
}

// accessLog writes one line per request, at a level chosen by the status,
// and records the request metrics. It logs the route pattern and path but
// never the query string, headers or body.
func accessLog(log *slog.Logger, m *metrics.Metrics) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			line := &logLine{}
			ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
			next.ServeHTTP(ww, r.WithContext(context.WithValue(r.Context(), logLineKey{}, line)))

			elapsed := time.Since(start)
			status := ww.Status()
			if status == 0 {
				status = http.StatusOK
			}
			route := chi.RouteContext(r.Context()).RoutePattern()
			if route == "" {
				route = "unmatched"
			}
			m.Requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
			m.RequestDuration.WithLabelValues(route).Observe(elapsed.Seconds())

			level := slog.LevelInfo
			switch {
			case status >= 500:
				level = slog.LevelError
			case status >= 400:
				level = slog.LevelWarn
			case route == "/healthz" || route == "/readyz" || route == "/metrics":
				level = slog.LevelDebug
			}
			attrs := []slog.Attr{
				slog.String("request_id", middleware.GetReqID(r.Context())),
				slog.String("method", r.Method),
				slog.String("route", route),
				slog.Int("status", status),
				slog.Int("bytes", ww.BytesWritten()),
				slog.Duration("duration", elapsed),
				slog.String("client_ip", clientIP(r)),
			}
			line.mu.Lock()
			attrs = append(attrs, line.attrs...)
			line.mu.Unlock()
			log.LogAttrs(r.Context(), level, "request", attrs...)
		})
	}
}

// recoverer turns a panic into a generic 500. The log gets the stack but
// not the panic value, which could hold request data.
func recoverer(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				rec := recover()
				if rec == nil {
					return
				}
				if rec == http.ErrAbortHandler { //nolint:errorlint // sentinel compared as net/http does
					panic(rec)
				}
				log.Error("panic serving request",
					slog.String("request_id", middleware.GetReqID(r.Context())),
					slog.String("stack", string(debug.Stack())))
				writeError(w, r, http.StatusInternalServerError, msgInternal)
			}()
			next.ServeHTTP(w, r)
		})
	}
}

// limitBody caps the request body at max bytes. A declared length over the
// cap is refused at once; a chunked body is cut off while it is read.
func limitBody(max int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.ContentLength > max {
				writeError(w, r, http.StatusRequestEntityTooLarge, msgTooLarge)
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, max)
			next.ServeHTTP(w, r)
		})
	}
}

// requireJSON refuses bodies that are not declared as application/json.
func requireJSON(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil || mt != "application/json" {
			writeError(w, r, http.StatusUnsupportedMediaType, msgContentType)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// tooLarge reports whether err came from the body cap.
func tooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}
