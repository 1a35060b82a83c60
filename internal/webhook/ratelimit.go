package webhook

import (
	"net/http"
	"time"

	"github.com/go-chi/httprate"

	"github.com/kebabalab/kebabalab/internal/metrics"
)

// limiters hold the two webhook rate limits of SPEC §9. Requests that fail
// authentication are counted per client IP; authenticated tool calls are
// counted per call id, because VAPI's few egress IPs carry every call and a
// per-IP limit would throttle a busy night.
type limiters struct {
	limit int
	ip    *httprate.RateLimiter
	call  *httprate.RateLimiter
	m     *metrics.Metrics
}

func newLimiters(perMinute int, m *metrics.Metrics) *limiters {
	opts := func(name string) []httprate.Option {
		return []httprate.Option{
			// The default handlers answer in plain text, and the error
			// handler echoes Go error text; both are replaced.
			httprate.WithLimitHandler(func(w http.ResponseWriter, r *http.Request) {
				m.RateLimited.WithLabelValues(name).Inc()
				writeError(w, r, http.StatusTooManyRequests, msgRateLimited)
			}),
			httprate.WithErrorHandler(func(w http.ResponseWriter, r *http.Request, _ error) {
				writeError(w, r, http.StatusInternalServerError, msgInternal)
			}),
		}
	}
	return &limiters{
		limit: perMinute,
		ip:    httprate.NewRateLimiter(perMinute, time.Minute, opts("ip")...),
		call:  httprate.NewRateLimiter(perMinute, time.Minute, opts("call")...),
		m:     m,
	}
}

// ipBlocked reports, without counting the request, whether the client has
// already used up its allowance of failed requests. It lets a flood be
// turned away before any HMAC work is spent on it.
func (l *limiters) ipBlocked(w http.ResponseWriter, r *http.Request, ip string) bool {
	_, rate, err := l.ip.Status(ip)
	if err != nil || rate < float64(l.limit) {
		return false
	}
	w.Header().Set("Retry-After", "60")
	l.m.RateLimited.WithLabelValues("ip").Inc()
	writeError(w, r, http.StatusTooManyRequests, msgRateLimited)
	return true
}

// failed counts a failed request against the client IP. It answers 429
// when the allowance is gone and reports whether it did.
func (l *limiters) failed(w http.ResponseWriter, r *http.Request, ip string) bool {
	return l.ip.RespondOnLimit(w, r, ip)
}

// callLimited counts an authenticated request against its call.
func (l *limiters) callLimited(w http.ResponseWriter, r *http.Request, key string) bool {
	return l.call.RespondOnLimit(w, r, key)
}
