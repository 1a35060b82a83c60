package kitchen_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// moveTo walks an order to status through the API by legal steps.
func (s *stack) moveTo(number string, status sqlite.Status) {
	s.t.Helper()
	steps := map[sqlite.Status][]sqlite.Status{
		sqlite.StatusPreparing: {sqlite.StatusPreparing},
		sqlite.StatusReady:     {sqlite.StatusPreparing, sqlite.StatusReady},
		sqlite.StatusCollected: {sqlite.StatusPreparing, sqlite.StatusReady,
			sqlite.StatusCollected},
		sqlite.StatusCancelled: {sqlite.StatusCancelled},
	}[status]
	for _, to := range steps {
		resp, body := s.bearer(http.MethodPost, "/admin/orders/"+number+"/status",
			map[string]string{"status": string(to)})
		if resp.StatusCode != http.StatusOK {
			s.t.Fatalf("move %s to %s: got %d %s", number, to, resp.StatusCode, body)
		}
	}
}

// Every pair of statuses, through the API: the lifecycle's moves answer
// 200, everything else 409 with the order unchanged.
func TestAPI_EveryTransition(t *testing.T) {
	all := []sqlite.Status{sqlite.StatusPending, sqlite.StatusPreparing, sqlite.StatusReady,
		sqlite.StatusCollected, sqlite.StatusCancelled}
	legal := map[[2]sqlite.Status]bool{
		{sqlite.StatusPending, sqlite.StatusPreparing}:   true,
		{sqlite.StatusPending, sqlite.StatusCancelled}:   true,
		{sqlite.StatusPreparing, sqlite.StatusReady}:     true,
		{sqlite.StatusPreparing, sqlite.StatusCancelled}: true,
		{sqlite.StatusReady, sqlite.StatusCollected}:     true,
		{sqlite.StatusReady, sqlite.StatusCancelled}:     true,
	}
	s := newStack(t)
	for _, from := range all {
		for _, to := range all {
			t.Run(string(from)+"_to_"+string(to), func(t *testing.T) {
				s.t = t
				o := s.placeOrder("Sam", callerMobile, false)
				s.moveTo(o.Number, from)
				resp, body := s.bearer(http.MethodPost, "/admin/orders/"+o.Number+"/status",
					map[string]string{"status": string(to)})
				after, err := s.store.TrackOrder(context.Background(), o.Number)
				if err != nil {
					t.Fatal(err)
				}
				want, wantStatus := http.StatusConflict, from
				if legal[[2]sqlite.Status{from, to}] {
					want, wantStatus = http.StatusOK, to
				}
				if to == sqlite.StatusPending {
					want = http.StatusBadRequest // nothing moves back to new
				}
				if resp.StatusCode != want || after.Status != wantStatus {
					t.Fatalf("got %d and %s (%s), want %d and %s", resp.StatusCode,
						after.Status, body, want, wantStatus)
				}
			})
		}
	}
}

func TestAPI_StatusRefusals(t *testing.T) {
	s := newStack(t)
	o := s.placeOrder("Sam", callerMobile, false)
	s.moveTo(o.Number, sqlite.StatusCollected)
	path := "/admin/orders/" + o.Number + "/status"
	tests := []struct {
		name    string
		path    string
		body    string
		ctype   string
		code    int
		message string
	}{
		{"unknown order", "/admin/orders/20261203-999/status", `{"status":"ready"}`,
			"application/json", http.StatusNotFound, "There is no order #999"},
		{"not an order number", "/admin/orders/pizza/status", `{"status":"ready"}`,
			"application/json", http.StatusNotFound, "There is no order"},
		{"collected to preparing", path, `{"status":"preparing"}`, "application/json",
			http.StatusConflict, "is collected and cannot go to preparing"},
		{"stale from", path, `{"status":"collected","from":"ready"}`, "application/json",
			http.StatusConflict, "already collected: another screen moved it"},
		{"unknown status", path, `{"status":"eaten"}`, "application/json",
			http.StatusBadRequest, "The status must be"},
		{"no status", path, `{}`, "application/json", http.StatusBadRequest, "body must be"},
		{"unknown field", path, `{"status":"ready","price":0}`, "application/json",
			http.StatusBadRequest, "body must be"},
		{"not json", path, `status=ready`, "application/x-www-form-urlencoded",
			http.StatusUnsupportedMediaType, "application/json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := s.request(http.MethodPost, tt.path, strings.NewReader(tt.body),
				"Authorization", "Bearer "+adminToken, "Content-Type", tt.ctype)
			if resp.StatusCode != tt.code || !strings.Contains(body, tt.message) {
				t.Fatalf("got %d %s, want %d with %q", resp.StatusCode, body, tt.code,
					tt.message)
			}
		})
	}
}

// A stale change is refused with the order as it stands, so the screen
// can catch up.
func TestAPI_StaleChangeReturnsTheOrder(t *testing.T) {
	s := newStack(t)
	o := s.placeOrder("Sam", callerMobile, false)
	s.moveTo(o.Number, sqlite.StatusPreparing)
	resp, body := s.bearer(http.MethodPost, "/admin/orders/"+o.Number+"/status",
		map[string]string{"status": "preparing", "from": "pending"})
	var got struct {
		Error string
		Order struct{ Status string }
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusConflict || got.Order.Status != "preparing" {
		t.Fatalf("got %d %s, want 409 with the order preparing", resp.StatusCode, body)
	}
}

// Ready queues the customer's text in the same transaction and wakes the
// worker, which sends it to Twilio; an order without a confirmation (the
// caller declined texts) gets no ready text.
func TestAPI_ReadyTextsTheCustomer(t *testing.T) {
	s := newStack(t)
	texted := s.placeOrder("Sam", callerMobile, true)
	quiet := s.placeOrder("Kim", "+61491570157", false)
	s.moveTo(quiet.Number, sqlite.StatusReady)
	s.moveTo(texted.Number, sqlite.StatusReady)

	// The worker wakes for the ready text and sends the confirmation, due
	// first, then it.
	got := s.twilio.await(t, 2)
	want := "Your order #001 is ready for pickup at Kebabalab St Kilda."
	if got[1].Get("To") != callerMobile || got[1].Get("Body") != want {
		t.Fatalf("got text %v, want %q to the caller", got[1], want)
	}
	if n := len(s.smsOf(quiet.ID)); n != 0 {
		t.Errorf("got %d texts for an order that declined them, want 0", n)
	}
	if s.notified.Load() < 2 {
		t.Errorf("worker woken %d times, want once per ready order", s.notified.Load())
	}
}

func TestAPI_ListAndGet(t *testing.T) {
	s := newStack(t)
	a := s.placeOrder(canary, callerMobile, false)
	b := s.placeOrder("Kim", callerMobile, false)
	s.moveTo(b.Number, sqlite.StatusReady)

	tests := []struct {
		query string
		code  int
		want  []string
	}{
		{"", http.StatusOK, []string{a.Number, b.Number}},
		{"?status=ready", http.StatusOK, []string{b.Number}},
		{"?status=pending,ready&date=2026-12-03", http.StatusOK, []string{a.Number, b.Number}},
		{"?date=2026-12-02", http.StatusOK, nil},
		{"?date=03/12/2026", http.StatusBadRequest, nil},
		{"?status=eaten", http.StatusBadRequest, nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			resp, body := s.bearer(http.MethodGet, "/admin/orders"+tt.query, nil)
			if resp.StatusCode != tt.code {
				t.Fatalf("got %d %s, want %d", resp.StatusCode, body, tt.code)
			}
			if tt.code != http.StatusOK {
				return
			}
			var got struct {
				Orders []struct{ OrderNumber string }
			}
			if err := json.Unmarshal([]byte(body), &got); err != nil {
				t.Fatal(err)
			}
			var numbers []string
			for _, o := range got.Orders {
				numbers = append(numbers, o.OrderNumber)
			}
			if strings.Join(numbers, ",") != strings.Join(tt.want, ",") {
				t.Fatalf("got %v, want %v", numbers, tt.want)
			}
		})
	}

	resp, body := s.bearer(http.MethodGet, "/admin/orders/"+a.Number, nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `"firstName":"Zelda"`) ||
		!strings.Contains(body, `"options":"large, garlic, no onion"`) ||
		!strings.Contains(body, `"notes":"extra napkins"`) {
		t.Fatalf("got %d %s, want the order with items, options and notes",
			resp.StatusCode, body)
	}
	for _, leak := range []string{"Canarysurname", "491570006"} {
		if strings.Contains(body, leak) {
			t.Errorf("order JSON holds %q: the API shows first names only", leak)
		}
	}
	if resp, _ := s.bearer(http.MethodGet, "/admin/orders/20261203-999", nil); resp.StatusCode !=
		http.StatusNotFound {
		t.Errorf("unknown order: got %d, want 404", resp.StatusCode)
	}
}

func TestAPI_Authentication(t *testing.T) {
	s := newStack(t)
	cookie := s.signIn()
	csrf := s.csrfOf(cookie)
	o := s.placeOrder("Sam", callerMobile, false)
	status := "/admin/orders/" + o.Number + "/status"
	body := `{"status":"preparing"}`
	tests := []struct {
		name    string
		method  string
		path    string
		headers []string
		code    int
	}{
		{"no credentials", http.MethodGet, "/admin/orders", nil, http.StatusUnauthorized},
		{"wrong token", http.MethodGet, "/admin/orders",
			[]string{"Authorization", "Bearer nope"}, http.StatusUnauthorized},
		{"basic auth", http.MethodGet, "/admin/orders",
			[]string{"Authorization", "Basic " + adminToken}, http.StatusUnauthorized},
		{"session cookie reads", http.MethodGet, "/admin/orders",
			[]string{"Cookie", cookie}, http.StatusOK},
		{"session post without csrf", http.MethodPost, status,
			[]string{"Cookie", cookie, "Content-Type", "application/json"},
			http.StatusForbidden},
		{"session post with wrong csrf", http.MethodPost, status,
			[]string{"Cookie", cookie, "Content-Type", "application/json",
				"X-CSRF-Token", "forged"}, http.StatusForbidden},
		{"session post with csrf", http.MethodPost, status,
			[]string{"Cookie", cookie, "Content-Type", "application/json",
				"X-CSRF-Token", csrf}, http.StatusOK},
		{"tampered cookie", http.MethodGet, "/admin/orders",
			[]string{"Cookie", cookie[:len(cookie)-2] + "xx"}, http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, got := s.request(tt.method, tt.path, strings.NewReader(body), tt.headers...)
			if resp.StatusCode != tt.code {
				t.Fatalf("got %d %s, want %d", resp.StatusCode, got, tt.code)
			}
		})
	}
}

// Wrong tokens are limited per client: after five, even the right token
// is refused until the window ends, on the API and the login form alike.
func TestAPI_WrongTokensAreLimited(t *testing.T) {
	s := newStack(t)
	for i := range 5 {
		resp, _ := s.request(http.MethodGet, "/admin/orders", nil,
			"Authorization", "Bearer wrong-"+string(rune('a'+i)))
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("attempt %d: got %d, want 401", i+1, resp.StatusCode)
		}
	}
	resp, body := s.bearer(http.MethodGet, "/admin/orders", nil)
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" ||
		!strings.Contains(body, "Too many wrong tokens") {
		t.Fatalf("got %d %s, want 429 with Retry-After", resp.StatusCode, body)
	}
	resp, _ = s.request(http.MethodPost, "/kitchen/login",
		strings.NewReader("token="+adminToken), "Content-Type",
		"application/x-www-form-urlencoded")
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("login while limited: got %d, want 429", resp.StatusCode)
	}
	s.clock.Advance(16 * 60e9)
	if resp, _ := s.bearer(http.MethodGet, "/admin/orders", nil); resp.StatusCode !=
		http.StatusOK {
		t.Fatalf("after the window: got %d, want 200", resp.StatusCode)
	}
	if logs := s.logs.String(); strings.Contains(logs, "wrong-a") ||
		strings.Contains(logs, adminToken) {
		t.Fatal("a token reached the log")
	}
}
