package sms

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"
)

// Test credentials: twilio-go refuses non-alphanumeric ones before sending.
const (
	testSID   = "AC0123456789abcdef0123456789abcdef"
	testToken = "token123"
)

// reply is one scripted answer of the fake Twilio.
type reply struct {
	status      int
	contentType string
	body        string
}

var (
	created      = reply{http.StatusCreated, "application/json", `{"sid":"SM42","status":"queued"}`}
	tooMany      = reply{http.StatusTooManyRequests, "application/json", twilioError(20429, 429)}
	invalidTo    = reply{http.StatusBadRequest, "application/json", twilioError(21211, 400)}
	unavailable  = reply{http.StatusServiceUnavailable, "text/html", "<html>503</html>"}
	unsubscribed = reply{http.StatusBadRequest, "application/json", twilioError(21610, 400)}
)

// twilioError is a Twilio JSON error body; like Twilio's, its message quotes
// the number, which must never reach an error string or a log.
func twilioError(code, status int) string {
	return fmt.Sprintf(`{"code":%d,"message":"The 'To' number +61491570006 is not valid",`+
		`"more_info":"https://www.twilio.com/docs/errors/%d","status":%d}`, code, code, status)
}

// received is what the fake saw of one request.
type received struct {
	path string
	user string
	form url.Values
}

// fakeTwilio answers Messages.json posts with scripted replies, then 201s.
type fakeTwilio struct {
	srv *httptest.Server

	mu      sync.Mutex
	replies []reply
	got     []received

	arrived chan struct{} // one value per request, before it is answered
	hold    chan struct{} // when set, each answer waits for a value from it
}

func newFakeTwilio(t *testing.T, replies ...reply) *fakeTwilio {
	t.Helper()
	f := &fakeTwilio{replies: replies, arrived: make(chan struct{}, 100)}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeTwilio) serve(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	user, _, _ := r.BasicAuth()
	f.mu.Lock()
	f.got = append(f.got, received{path: r.URL.Path, user: user, form: r.PostForm})
	rep := created
	if len(f.replies) > 0 {
		rep, f.replies = f.replies[0], f.replies[1:]
	}
	hold := f.hold
	f.mu.Unlock()
	f.arrived <- struct{}{}
	if hold != nil {
		<-hold
	}
	w.Header().Set("Content-Type", rep.contentType)
	w.WriteHeader(rep.status)
	w.Write([]byte(rep.body))
}

func (f *fakeTwilio) requests() []received {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]received(nil), f.got...)
}

// sender returns a Twilio client pointed at the fake.
func (f *fakeTwilio) sender(t *testing.T) *Twilio {
	t.Helper()
	tw, err := NewTwilio(TwilioConfig{
		AccountSID: testSID, AuthToken: testToken, From: "+61491570110", APIURL: f.srv.URL,
	})
	if err != nil {
		t.Fatalf("NewTwilio: %v", err)
	}
	return tw
}

// waitFor fails the test if ch yields nothing in a generous time; it guards
// against hanging, it does not measure anything.
func waitFor(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(10 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
	}
}
