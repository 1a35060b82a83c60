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
	ip   *httprate.RateLimiter
	call *httprate.RateLimiter
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
		ip:   httprate.NewRateLimiter(perMinute, time.Minute, opts("ip")...),
		call: httprate.NewRateLimiter(perMinute, time.Minute, opts("call")...),
	}
}

// failed counts a failed request against the client IP. It answers 429,
// with Retry-After, when the allowance is gone and reports whether it did;
// a refused request is not counted.
func (l *limiters) failed(w http.ResponseWriter, r *http.Request, ip string) bool {
	return l.ip.RespondOnLimit(w, r, ip)
}

// callLimited counts an authenticated request against its call.
func (l *limiters) callLimited(w http.ResponseWriter, r *http.Request, key string) bool {
	return l.call.RespondOnLimit(w, r, key)
}
