package abuse

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// fakeTwilio accepts every message and remembers who it was for.
type fakeTwilio struct {
	srv *httptest.Server
	mu  sync.Mutex
	to  []string
}

func newFakeTwilio(t *testing.T) *fakeTwilio {
	t.Helper()
	f := &fakeTwilio{}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			http.Error(w, "bad form", http.StatusBadRequest)
			return
		}
		f.mu.Lock()
		f.to = append(f.to, r.PostForm.Get("To"))
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"sid":"SM0123456789abcdef","status":"queued"}`)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeTwilio) sent() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.to...)
}

func (f *fakeTwilio) env() map[string]string {
	return map[string]string{
		"TWILIO_ACCOUNT_SID": "AC0123456789abcdef0123456789abcdef",
		"TWILIO_AUTH_TOKEN":  "abusetwiliotoken0123456789",
		"TWILIO_FROM_NUMBER": "+61491570110", "TWILIO_API_URL": f.srv.URL,
		"MENU_LINK_URL": "https://example.com/menu",
	}
}

// SMS pumping: four calls each ask for the menu link to be texted to one
// victim's number. Three texts go out; the fourth within the hour is
// refused to the assistant, recorded as rate-limited and never sent. Other
// numbers are unaffected.
func TestSMS_FourthTextToOneNumberRefused(t *testing.T) {
	t.Parallel()
	twilio := newFakeTwilio(t)
	s := start(t, twilio.env())
	victim := "0412 345 678" // spelt differently each time, one number
	spellings := []string{victim, "+61412345678", "61 412 345 678", "(04) 1234-5678"}
	for i, number := range spellings {
		call := "call-pump-" + string(rune('a'+i))
		out := s.call(call, "sendMenuLink", map[string]any{"phoneNumber": number})
		if i < 3 && out["ok"] != true {
			t.Fatalf("text %d: got %v", i+1, out)
		}
		if i == 3 {
			msg, _ := out["error"].(string)
			if out["ok"] != false || !strings.Contains(msg, "last hour") {
				t.Fatalf("4th text: got %v, want a refusal", out)
			}
		}
	}
	if out := s.call("call-pump-other", "sendMenuLink",
		map[string]any{"phoneNumber": "0412 345 679"}); out["ok"] != true {
		t.Fatalf("another number: got %v", out)
	}
	deadline := time.Now().Add(20 * time.Second)
	for len(twilio.sent()) < 4 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond) // a fifth send, if any, would land now
	sent := twilio.sent()
	victims := 0
	for _, to := range sent {
		if to == "+61412345678" {
			victims++
		}
	}
	if victims != 3 || len(sent) != 4 {
		t.Fatalf("Twilio got %v, want three texts to the victim and one to the other number",
			sent)
	}
	if n := s.rows("sms_outbox", "status = 'skipped' AND last_error = ?",
		sqlite.ReasonRateLimited); n != 1 {
		t.Fatalf("%d rate-limited rows, want the one refused text", n)
	}
	for s.rows("sms_outbox", "status = 'sent'") != 4 {
		if time.Now().After(deadline) {
			t.Fatalf("%d sent rows, want 4", s.rows("sms_outbox", "status = 'sent'"))
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.noOrdersOnly()
	s.checkAlive()
}

// noOrdersOnly checks that no order was stored.
func (s *server) noOrdersOnly() {
	s.t.Helper()
	if n := s.rows("orders", ""); n != 0 {
		s.t.Fatalf("%d orders, want none", n)
	}
}
