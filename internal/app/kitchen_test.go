package app

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// kitchenClient talks to a running server as the kitchen does: the board's
// cookie for the page and its event stream, the admin token for the API.
type kitchenClient struct {
	t    *testing.T
	base string
	// noRedirect returns redirects instead of following them.
	noRedirect *http.Client
}

func newKitchenClient(t *testing.T, base string) *kitchenClient {
	return &kitchenClient{t: t, base: base, noRedirect: &http.Client{
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}}
}

// do sends a request and returns the response with its body read.
func (k *kitchenClient) do(method, path string, body io.Reader, headers ...string) (
	*http.Response, string,
) {
	k.t.Helper()
	req, err := http.NewRequest(method, k.base+path, body)
	if err != nil {
		k.t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := k.noRedirect.Do(req)
	if err != nil {
		k.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// api calls the admin API with the bearer token.
func (k *kitchenClient) api(method, path string, body any) (*http.Response, string) {
	k.t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	return k.do(method, path, r, "Authorization", "Bearer "+adminToken,
		"Content-Type", "application/json")
}

// signIn posts the login form and returns the session cookie as a Cookie
// header value.
func (k *kitchenClient) signIn() string {
	k.t.Helper()
	resp, _ := k.do(http.MethodPost, "/kitchen/login",
		strings.NewReader(url.Values{"token": {adminToken}}.Encode()),
		"Content-Type", "application/x-www-form-urlencoded")
	if resp.StatusCode != http.StatusSeeOther {
		k.t.Fatalf("sign in: got %d, want 303", resp.StatusCode)
	}
	for _, c := range resp.Cookies() {
		if c.Name == "__Host-kitchen" && c.HttpOnly && c.Secure &&
			c.SameSite == http.SameSiteStrictMode {
			return c.Name + "=" + c.Value
		}
	}
	k.t.Fatalf("sign in set no HttpOnly, Secure, SameSite=Strict session cookie: %v",
		resp.Header["Set-Cookie"])
	return ""
}

// boardStream is an open /kitchen/events connection; board events are read
// in the background so a test can wait for one with a deadline.
type boardStream struct {
	boards chan string
	ended  chan error // receives once, when the stream ends
}

func (k *kitchenClient) openBoard(cookie string) *boardStream {
	k.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	k.t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, k.base+"/kitchen/events", nil)
	req.Header.Set("Cookie", cookie)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		k.t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK ||
		resp.Header.Get("Content-Type") != "text/event-stream" {
		resp.Body.Close()
		k.t.Fatalf("events: got %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	s := &boardStream{boards: make(chan string, 100), ended: make(chan error, 1)}
	go func() {
		defer resp.Body.Close()
		r := bufio.NewReader(resp.Body)
		var name string
		var data []string
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				s.ended <- err
				return
			}
			line = strings.TrimSuffix(line, "\n")
			switch {
			case line == "" && name == "board":
				s.boards <- strings.Join(data, "\n")
				name, data = "", nil
			case line == "":
				name, data = "", nil
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data = append(data, strings.TrimPrefix(line, "data: "))
			}
		}
	}()
	return s
}

// until waits up to d for a board that satisfies ok.
func (s *boardStream) until(t *testing.T, what string, d time.Duration,
	ok func(board string) bool,
) string {
	t.Helper()
	deadline := time.After(d)
	for {
		select {
		case b := <-s.boards:
			if ok(b) {
				return b
			}
		case err := <-s.ended:
			t.Fatalf("the board stream ended waiting for %s: %v", what, err)
		case <-deadline:
			t.Fatalf("no board with %s within %s", what, d)
		}
	}
}

// inColumn reports whether the order's card sits in the status's column.
func inColumn(number, status string) func(string) bool {
	return func(b string) bool {
		_, col, ok := strings.Cut(b, `class="column col-`+status+`"`)
		col, _, _ = strings.Cut(col, "</section>")
		return ok && strings.Contains(col, `id="order-`+number+`"`)
	}
}

type adminOrder struct {
	OrderNumber, DisplayOrderNumber, Status, FirstName string
	Items                                              []struct {
		Quantity      int
		Name, Options string
	}
}

// TestServe_KitchenOrderLifecycle runs the whole program with ADMIN_TOKEN:
// a phone order placed through POST /webhook shows up on an open board
// within a second and in the admin API, moves through the API to ready,
// and the customer's ready text reaches the fake Twilio. Shutdown then
// ends the open board's stream at once.
func TestServe_KitchenOrderLifecycle(t *testing.T) {
	env := baseEnv(t)
	env["ADMIN_TOKEN"] = adminToken
	env["KEBABALAB_NOW"] = "2026-12-03T18:00:00+11:00" // a Thursday evening, open
	twilio := newFakeTwilio(t, false)
	withTwilio(env, twilio)
	base, stop, logs := startServer(t, env)
	k := newKitchenClient(t, base)

	board := k.openBoard(k.signIn())
	board.until(t, "the first board", 10*time.Second, func(string) bool { return true })

	const call = "call-kitchen"
	empty := toolCall(t, base, call, canaryPhone, "estimateReadyTime", nil)
	toolCall(t, base, call, canaryPhone, "addMultipleItemsToCart", map[string]any{
		"items": []any{map[string]any{"category": "kebabs", "size": "large",
			"protein": "lamb", "sauces": []string{"garlic"}, "extras": []string{"cheese"}}}})
	toolCall(t, base, call, canaryPhone, "setPickupTime",
		map[string]any{"requestedTime": "in 30 minutes"})
	placed := toolCall(t, base, call, canaryPhone, "createOrder",
		map[string]any{"customerName": canaryName, "notes": canaryNotes})
	number := placed["orderNumber"].(string)
	placedAt := time.Now()

	// The order reaches the open board without a reload, within a second.
	b := board.until(t, "the new order under New", time.Second, inColumn(number, "pending"))
	t.Logf("the order reached the board %s after createOrder answered",
		time.Since(placedAt).Round(time.Millisecond))
	if !strings.Contains(b, "Zz-Canary-Kebab") || !strings.Contains(b, "garlic") ||
		!strings.Contains(b, canaryNotes) {
		t.Errorf("the card lacks the first name, an option or the note:\n%s", b)
	}
	if strings.Contains(b, "491570006") {
		t.Error("the board shows the phone number")
	}
	if confirm := twilio.next(t); confirm.Get("To") != canaryPhone ||
		!strings.Contains(confirm.Get("Body"), "#001") {
		t.Fatalf("got confirmation %v", confirm)
	}

	// The kitchen queue lengthens the next caller's estimate (menu.json:
	// per_queued_order minutes for each order not yet ready).
	queued := toolCall(t, base, "call-next", "+61491570007", "estimateReadyTime", nil)
	if queued["estimatedMinutes"].(float64) <= empty["estimatedMinutes"].(float64) {
		t.Errorf("estimate with one order queued %v, without %v: want it longer",
			queued["estimatedMinutes"], empty["estimatedMinutes"])
	}

	resp, body := k.api(http.MethodGet, "/admin/orders?status=pending&date=2026-12-03", nil)
	var list struct {
		Date   string
		Orders []adminOrder
	}
	if resp.StatusCode != http.StatusOK || json.Unmarshal([]byte(body), &list) != nil {
		t.Fatalf("list: got %d %s", resp.StatusCode, body)
	}
	if len(list.Orders) != 1 || list.Orders[0].OrderNumber != number ||
		list.Orders[0].DisplayOrderNumber != "#001" || list.Orders[0].Status != "pending" ||
		len(list.Orders[0].Items) != 1 {
		t.Fatalf("list: got %s", body)
	}
	if strings.Contains(body, "491570006") {
		t.Errorf("the API shows the phone number: %s", body)
	}

	for _, to := range []string{"preparing", "ready"} {
		resp, body := k.api(http.MethodPost, "/admin/orders/"+number+"/status",
			map[string]string{"status": to})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("move to %s: got %d %s", to, resp.StatusCode, body)
		}
		board.until(t, "the order under "+to, 10*time.Second, inColumn(number, to))
	}
	ready := twilio.next(t)
	if ready.Get("To") != canaryPhone ||
		ready.Get("Body") != "Your order #001 is ready for pickup at Kebabalab St Kilda." {
		t.Fatalf("got ready text %v", ready)
	}

	resp, body = k.api(http.MethodGet, "/admin/orders/"+number, nil)
	var got adminOrder
	if resp.StatusCode != http.StatusOK || json.Unmarshal([]byte(body), &got) != nil ||
		got.Status != "ready" {
		t.Fatalf("get: got %d %s", resp.StatusCode, body)
	}
	status := toolCall(t, base, call, canaryPhone, "getOrderStatus", nil)
	if status["status"] != "ready" || status["orderNumber"] != number {
		t.Errorf("getOrderStatus: got %v", status)
	}

	// Refusals change nothing.
	for _, tt := range []struct {
		path, to string
		want     int
	}{
		{"/admin/orders/" + number + "/status", "preparing", http.StatusConflict},
		{"/admin/orders/20261203-999/status", "ready", http.StatusNotFound},
	} {
		resp, body := k.api(http.MethodPost, tt.path, map[string]string{"status": tt.to})
		if resp.StatusCode != tt.want {
			t.Errorf("POST %s %s: got %d %s, want %d", tt.path, tt.to, resp.StatusCode,
				body, tt.want)
		}
	}
	if resp, _ := k.do(http.MethodGet, "/admin/orders", nil); resp.StatusCode !=
		http.StatusUnauthorized {
		t.Errorf("API without the token: got %d, want 401", resp.StatusCode)
	}

	// The open board must not hold up shutdown.
	began := time.Now()
	if code := stop(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if took := time.Since(began); took > shutdownGrace/2 {
		t.Errorf("shutdown took %s with a board open", took)
	}
	select {
	case err := <-board.ended:
		if !errors.Is(err, io.EOF) {
			t.Errorf("the board stream ended with %v, want a clean end", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("the board stream is still open after shutdown")
	}
	out := logs.String()
	if strings.Contains(out, "still running at shutdown") {
		t.Errorf("shutdown waited for something:\n%s", out)
	}
	for _, c := range canaries {
		if strings.Contains(out, c) {
			t.Errorf("the log holds %q", c)
		}
	}
}

// Without ADMIN_TOKEN the board and the admin API are off.
func TestServe_KitchenOffWithoutAdminToken(t *testing.T) {
	base, stop, _ := startServer(t, baseEnv(t))
	defer stop()
	k := newKitchenClient(t, base)
	for _, p := range []string{"/kitchen", "/kitchen/login", "/admin/orders"} {
		if resp, _ := k.do(http.MethodGet, p, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: got %d, want 404", p, resp.StatusCode)
		}
	}
	resp, _ := k.do(http.MethodPost, "/kitchen/login",
		strings.NewReader(url.Values{"token": {"anything"}}.Encode()),
		"Content-Type", "application/x-www-form-urlencoded")
	if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /kitchen/login: got %d, want 404 or 405", resp.StatusCode)
	}
}
