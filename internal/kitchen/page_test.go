package kitchen_test

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/kebabalab/kebabalab/internal/kitchen"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

func TestPage_SignIn(t *testing.T) {
	s := newStack(t)
	resp, _ := s.request(http.MethodGet, "/kitchen", nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/kitchen/login" {
		t.Fatalf("signed out: got %d to %q, want 303 to the login form", resp.StatusCode,
			resp.Header.Get("Location"))
	}
	resp, page := s.request(http.MethodPost, "/kitchen/login",
		strings.NewReader(url.Values{"token": {"guess"}}.Encode()),
		"Content-Type", "application/x-www-form-urlencoded")
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(page, "not right") ||
		len(resp.Cookies()) != 0 {
		t.Fatalf("wrong token: got %d, cookies %v", resp.StatusCode, resp.Cookies())
	}

	resp, _ = s.request(http.MethodPost, "/kitchen/login",
		strings.NewReader(url.Values{"token": {adminToken}}.Encode()),
		"Content-Type", "application/x-www-form-urlencoded")
	if resp.StatusCode != http.StatusSeeOther || len(resp.Cookies()) != 1 {
		t.Fatalf("right token: got %d, cookies %v", resp.StatusCode, resp.Cookies())
	}
	c := resp.Cookies()[0]
	if c.Name != "__Host-kitchen" || !c.HttpOnly || !c.Secure || c.Path != "/" ||
		c.SameSite != http.SameSiteStrictMode || c.MaxAge != 12*60*60 {
		t.Fatalf("got cookie %+v, want __Host-, HttpOnly, Secure, SameSite=Strict, 12 h",
			c)
	}
	if strings.Contains(c.Value, adminToken) {
		t.Fatal("the cookie carries the token")
	}

	// The session expires with its signed time, whatever the browser keeps.
	cookie := c.Name + "=" + c.Value
	if resp, _ := s.request(http.MethodGet, "/kitchen", nil, "Cookie", cookie); resp.StatusCode !=
		http.StatusOK {
		t.Fatalf("signed in: got %d, want 200", resp.StatusCode)
	}
	s.clock.Advance(12*60*60e9 + 1)
	if resp, _ := s.request(http.MethodGet, "/kitchen", nil, "Cookie", cookie); resp.StatusCode !=
		http.StatusSeeOther {
		t.Fatalf("expired: got %d, want 303 to the login form", resp.StatusCode)
	}
}

// Another ADMIN_TOKEN signs every tablet out: the keys come from it.
func TestPage_NewTokenEndsSessions(t *testing.T) {
	s := newStack(t)
	cookie := s.signIn()
	other := newStack(t, func(o *kitchen.Options) {
		o.AdminToken = "another-token-0123456789abcdef"
	})
	if resp, _ := other.request(http.MethodGet, "/kitchen", nil, "Cookie", cookie); resp.
		StatusCode != http.StatusSeeOther {
		t.Fatalf("got %d, want the old cookie refused", resp.StatusCode)
	}
}

func TestPage_Board(t *testing.T) {
	s := newStack(t)
	late := s.placeOrder(canary, callerMobile, true)
	s.clock.Advance(25 * 60e9) // past its pickup time
	fresh := s.placeOrder("Kim O'Neil <b>", "+61491570157", false)
	ready := s.placeOrder("Ada", "+61491570158", false)
	s.moveTo(ready.Number, sqlite.StatusReady)
	done := s.placeOrder("Bo", "+61491570159", false)
	s.moveTo(done.Number, sqlite.StatusCollected)

	resp, page := s.request(http.MethodGet, "/kitchen", nil, "Cookie", s.signIn())
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("got %d", resp.StatusCode)
	}
	for _, want := range []string{
		`id="order-` + late.Number + `"`, "#001", "Zelda", "5 min late", "placed 25 min ago",
		"Pickup 6:20 PM", "Lamb Kebab", "large, garlic, no onion", "extra napkins",
		"Kim", `id="order-` + ready.Number + `"`, "Start preparing", "Collected",
		"Yes, cancel #001",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("board lacks %q", want)
		}
	}
	for _, bad := range []string{"Canarysurname", "491570006", done.Number, "<b>"} {
		if strings.Contains(page, bad) {
			t.Errorf("board shows %q", bad)
		}
	}
	if !strings.Contains(page, `class="card late"`) {
		t.Error("the late order is not highlighted")
	}
	_ = fresh
}

func TestPage_SecurityHeaders(t *testing.T) {
	s := newStack(t)
	cookie := s.signIn()
	for _, path := range []string{"/kitchen", "/kitchen/login", "/admin/orders"} {
		resp, body := s.request(http.MethodGet, path, nil, "Cookie", cookie)
		h := resp.Header
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe") ||
			!strings.Contains(csp, "frame-ancestors 'none'") ||
			h.Get("Referrer-Policy") != "no-referrer" || h.Get("X-Frame-Options") != "DENY" ||
			h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: got headers %v", path, h)
		}
		if regexp.MustCompile(`<script>|\son[a-z]+=|style=`).MatchString(body) {
			t.Errorf("%s: inline script, handler or style; the CSP would block it", path)
		}
	}
	resp, body := s.request(http.MethodGet, "/kitchen/static/kitchen.js", nil)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"),
		"text/javascript") || !strings.Contains(body, "EventSource") {
		t.Fatalf("script: got %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if resp, _ := s.request(http.MethodGet, "/kitchen/static/../../menu.json", nil); resp.
		StatusCode == http.StatusOK {
		t.Fatal("a path outside the assets was served")
	}
}

// The form fallback: every state change posts the session's CSRF token and
// the status the tablet saw, and the answer is a message on the board.
func TestPage_FormActions(t *testing.T) {
	s := newStack(t)
	cookie := s.signIn()
	csrf := s.csrfOf(cookie)
	o := s.placeOrder("Sam", callerMobile, false)
	path := "/kitchen/orders/" + o.Number + "/status"
	post := func(form url.Values) (int, string) {
		t.Helper()
		resp, _ := s.request(http.MethodPost, path, strings.NewReader(form.Encode()),
			"Cookie", cookie, "Content-Type", "application/x-www-form-urlencoded")
		if resp.StatusCode != http.StatusSeeOther {
			return resp.StatusCode, ""
		}
		var flash string
		for _, c := range resp.Cookies() {
			if c.Name == "kitchen_flash" {
				flash = c.Name + "=" + c.Value
			}
		}
		_, page := s.request(http.MethodGet, "/kitchen", nil, "Cookie", cookie+"; "+flash)
		_, notice, _ := strings.Cut(page, `role="alert">`)
		notice, _, _ = strings.Cut(notice, "<")
		return resp.StatusCode, notice
	}
	tests := []struct {
		name   string
		form   url.Values
		code   int
		notice string
		status sqlite.Status
	}{
		{"no csrf", url.Values{"status": {"preparing"}, "from": {"pending"}},
			http.StatusForbidden, "", sqlite.StatusPending},
		{"forged csrf", url.Values{"csrf": {"x"}, "status": {"preparing"}},
			http.StatusForbidden, "", sqlite.StatusPending},
		{"start", url.Values{"csrf": {csrf}, "status": {"preparing"}, "from": {"pending"}},
			http.StatusSeeOther, "Order #001 is now preparing.", sqlite.StatusPreparing},
		{"stale tablet", url.Values{"csrf": {csrf}, "status": {"preparing"},
			"from": {"pending"}}, http.StatusSeeOther,
			"Order #001 is already preparing: another screen moved it. Nothing was changed.",
			sqlite.StatusPreparing},
		{"cancel without confirming", url.Values{"csrf": {csrf}, "status": {"cancelled"},
			"from": {"preparing"}}, http.StatusSeeOther, "needs a second tap",
			sqlite.StatusPreparing},
		{"cancel confirmed", url.Values{"csrf": {csrf}, "status": {"cancelled"},
			"from": {"preparing"}, "confirm": {"yes"}}, http.StatusSeeOther,
			"Order #001 is now cancelled.", sqlite.StatusCancelled},
		{"cancelled to preparing", url.Values{"csrf": {csrf}, "status": {"preparing"}},
			http.StatusSeeOther, "is cancelled and cannot go to preparing",
			sqlite.StatusCancelled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, notice := post(tt.form)
			after, err := s.store.TrackOrder(context.Background(), o.Number)
			if err != nil {
				t.Fatal(err)
			}
			if code != tt.code || !strings.Contains(notice, tt.notice) ||
				after.Status != tt.status {
				t.Fatalf("got %d %q and %s, want %d %q and %s", code, notice, after.Status,
					tt.code, tt.notice, tt.status)
			}
		})
	}
	resp, _ := s.request(http.MethodPost, "/kitchen/orders/20261203-404/status",
		strings.NewReader(url.Values{"csrf": {csrf}, "status": {"ready"}}.Encode()),
		"Cookie", cookie, "Content-Type", "application/x-www-form-urlencoded")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("unknown order: got %d, want a redirect with a message", resp.StatusCode)
	}
	var flash string
	for _, c := range resp.Cookies() {
		if c.Name == "kitchen_flash" {
			b, _ := base64.RawURLEncoding.DecodeString(c.Value)
			flash = string(b)
		}
	}
	if flash != "There is no order #404; nothing was changed." {
		t.Errorf("unknown order: got message %q", flash)
	}
	if o, _ := s.store.TrackOrder(context.Background(), o.Number); o.Status !=
		sqlite.StatusCancelled {
		t.Errorf("the known order moved to %s", o.Status)
	}
}

// A page on another site cannot change anything, with or without the
// cookie: the browser marks the request cross-site and it is refused
// before any handler runs.
func TestPage_CrossOriginRefused(t *testing.T) {
	s := newStack(t)
	cookie := s.signIn()
	csrf := s.csrfOf(cookie)
	o := s.placeOrder("Sam", callerMobile, false)
	tests := []struct {
		name    string
		path    string
		body    string
		headers []string
	}{
		{"form from another site", "/kitchen/orders/" + o.Number + "/status",
			"csrf=" + csrf + "&status=preparing",
			[]string{"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example",
				"Content-Type", "application/x-www-form-urlencoded"}},
		{"old browser, origin only", "/kitchen/orders/" + o.Number + "/status",
			"csrf=" + csrf + "&status=preparing",
			[]string{"Origin", "https://evil.example",
				"Content-Type", "application/x-www-form-urlencoded"}},
		{"api from another site", "/admin/orders/" + o.Number + "/status",
			`{"status":"preparing"}`,
			[]string{"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example",
				"Content-Type", "application/json", "X-CSRF-Token", csrf}},
		{"login from another site", "/kitchen/login", "token=" + adminToken,
			[]string{"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example",
				"Content-Type", "application/x-www-form-urlencoded"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := s.request(http.MethodPost, tt.path, strings.NewReader(tt.body),
				append([]string{"Cookie", cookie}, tt.headers...)...)
			if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "other sites") {
				t.Fatalf("got %d %s, want 403", resp.StatusCode, body)
			}
		})
	}
	after, _ := s.store.TrackOrder(context.Background(), o.Number)
	if after.Status != sqlite.StatusPending {
		t.Fatalf("got %s, want the order untouched", after.Status)
	}
}

func TestPage_SignOut(t *testing.T) {
	s := newStack(t)
	cookie := s.signIn()
	csrf := s.csrfOf(cookie)
	resp, _ := s.request(http.MethodPost, "/kitchen/logout",
		strings.NewReader("csrf="+csrf), "Cookie", cookie,
		"Content-Type", "application/x-www-form-urlencoded")
	if resp.StatusCode != http.StatusOK || len(resp.Cookies()) != 1 ||
		resp.Cookies()[0].MaxAge >= 0 {
		t.Fatalf("got %d, cookies %v, want the session cookie cleared", resp.StatusCode,
			resp.Cookies())
	}
}

// Logs name orders, never customers, and no URL carries personal data.
func TestPage_NoPersonalDataInLogsOrURLs(t *testing.T) {
	s := newStack(t)
	o := s.placeOrder(canary, callerMobile, true)
	cookie := s.signIn()
	s.moveTo(o.Number, sqlite.StatusReady)
	s.twilio.await(t, 2)
	_, page := s.request(http.MethodGet, "/kitchen", nil, "Cookie", cookie)
	for _, m := range regexp.MustCompile(`(?:href|action|src)="([^"]*)"`).
		FindAllStringSubmatch(page, -1) {
		if strings.Contains(m[1], "Zelda") || strings.Contains(m[1], "491570006") {
			t.Errorf("URL %q holds personal data", m[1])
		}
	}
	logs := s.logs.String()
	if !strings.Contains(logs, `"msg":"order status changed"`) ||
		!strings.Contains(logs, o.Number) {
		t.Fatalf("status changes are not logged:\n%s", logs)
	}
	for _, bad := range []string{"Zelda", "Canarysurname", "491570006", "napkins",
		"is ready for pickup", adminToken} {
		if strings.Contains(logs, bad) {
			t.Errorf("log holds %q", bad)
		}
	}
}
