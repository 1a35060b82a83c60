package kitchen_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// Browser tests drive Debian's headless Chromium. Without it they skip,
// unless KEBABALAB_BROWSER_TESTS=1 (CI) makes a missing browser a failure.
// KEBABALAB_ARTIFACTS names a directory for screenshots; the test's temp
// directory is used otherwise. KEBABALAB_SCREENSHOT_DOCS=1 also writes
// docs/kitchen.png, the README's picture of the board.

// chromium returns the browser to run, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("KEBABALAB_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("KEBABALAB_BROWSER_TESTS") == "1" {
		t.Fatal("KEBABALAB_BROWSER_TESTS=1 but no chromium binary found: " +
			"apt-get install -y chromium")
	}
	t.Skip("no chromium binary found; install Debian's chromium package to run the " +
		"browser tests (KEBABALAB_BROWSER_TESTS=1 makes this a failure)")
	return ""
}

// newBrowser starts a headless Chromium with a fresh profile and returns a
// tab's context, bounded so a stuck page fails the test.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 860),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	t.Cleanup(cancel)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	tab, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(cancelTab)
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return tab
}

// css selects by CSS selector only, never by text or XPath.
func css(sel string) chromedp.CSS { return chromedp.CSS(sel) }

// callTool sends one VAPI tool call for a call from the caller's mobile and
// returns the decoded result.
func (s *stack) callTool(callID, tool string, args any) map[string]any {
	s.t.Helper()
	id := fmt.Sprintf("tc-%d", s.seq.Add(1))
	rawArgs, _ := json.Marshal(args)
	tc := map[string]any{"id": id, "type": "function",
		"function": map[string]any{"name": tool, "arguments": json.RawMessage(rawArgs)}}
	env := map[string]any{"message": map[string]any{
		"type": "tool-calls", "toolCallList": []any{tc},
		"call":     map[string]any{"id": callID, "type": "inboundPhoneCall"},
		"customer": map[string]any{"number": callerMobile},
	}}
	body, _ := json.Marshal(env)
	resp, raw := s.request(http.MethodPost, "/webhook", bytes.NewReader(body),
		"Content-Type", "application/json", "Authorization", "Bearer "+webhookSecret)
	var reply struct {
		Results []struct{ Result, Error string }
	}
	if resp.StatusCode != http.StatusOK || json.Unmarshal([]byte(raw), &reply) != nil ||
		len(reply.Results) != 1 || reply.Results[0].Error != "" {
		s.t.Fatalf("%s: got %d %s", tool, resp.StatusCode, raw)
	}
	var out map[string]any
	if err := json.Unmarshal([]byte(reply.Results[0].Result), &out); err != nil ||
		out["ok"] != true {
		s.t.Fatalf("%s: got %s", tool, reply.Results[0].Result)
	}
	return out
}

// phoneOrder places an order the way a caller does, through the webhook.
func (s *stack) phoneOrder(callID, name, notes string, items ...map[string]any) string {
	s.t.Helper()
	s.callTool(callID, "addMultipleItemsToCart", map[string]any{"items": items})
	s.callTool(callID, "setPickupTime", map[string]any{"requestedTime": "in 20 minutes"})
	placed := s.callTool(callID, "createOrder", map[string]any{"customerName": name,
		"notes": notes})
	return placed["orderNumber"].(string)
}

var (
	lambKebab = map[string]any{"category": "kebabs", "size": "large", "protein": "lamb",
		"salads": []string{"lettuce", "tomato", "onion"}, "sauces": []string{"garlic", "chilli"},
		"extras": []string{"cheese"}}
	chickenHSP = map[string]any{"category": "hsp", "size": "small", "protein": "chicken",
		"sauces": []string{"bbq"}}
	cokeCan = map[string]any{"category": "drinks", "name": "can", "brand": "coke",
		"quantity": 2}
)

func TestBrowser_OrderToReady(t *testing.T) {
	tab := newBrowser(t) // first: it skips when there is no browser
	s := newStack(t)
	card := func(number string) string { return "#order-" + number }

	// Sign in on the login form the board redirects to.
	err := chromedp.Do(tab,
		chromedp.Navigate(s.srv.URL+"/kitchen"),
		chromedp.WaitVisible(css("#token")),
		chromedp.SendKeys(css("#token"), adminToken),
		chromedp.Submit(css("#token")),
		chromedp.WaitReady(css(`body[data-live="on"]`)),
		// A reload would lose this mark; the order must appear without one.
		chromedp.Evaluate[chromedp.Void](`window.noReload = true`),
	)
	if err != nil {
		t.Fatalf("sign in: %v", err)
	}

	number := s.phoneOrder("call-browser-1", canary, "cut in half please", lambKebab,
		cokeCan)
	err = chromedp.Do(tab, chromedp.WaitVisible(css(".col-pending "+card(number))))
	if err != nil {
		t.Fatalf("wait for the order: %v", err)
	}
	stillSame, err := chromedp.Run(tab, chromedp.Evaluate[bool](`window.noReload === true`))
	if err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(tab, chromedp.Text(css(card(number))))
	if err != nil {
		t.Fatal(err)
	}
	if !stillSame {
		t.Fatal("the page reloaded to show the order")
	}
	for _, want := range []string{"#001", "Zelda", "1× Large kebab", "garlic", "cheese",
		"cut in half please", "Pickup 6:20 PM"} {
		if !strings.Contains(text, want) {
			t.Errorf("card lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Canarysurname") {
		t.Error("card shows the surname")
	}

	// Tap it through to ready, one tap per step.
	err = chromedp.Do(tab,
		chromedp.Click(css(card(number)+" button.go-preparing")),
		chromedp.WaitVisible(css(".col-preparing "+card(number))),
		chromedp.Click(css(card(number)+" button.go-ready")),
		chromedp.WaitVisible(css(".col-ready "+card(number))),
		chromedp.WaitVisible(css("#notice:not(.hidden)")),
	)
	if err != nil {
		t.Fatalf("tap to ready: %v", err)
	}
	if text, err = chromedp.Run(tab, chromedp.Text(css("#notice"))); err != nil {
		t.Fatal(err)
	}
	if text != "Order #001 is now ready." {
		t.Errorf("got notice %q", text)
	}
	s.assertReadyText(t, number)

	s.decorateBoard()
	shot := s.screenshot(t, tab)

	// Cancelling takes two taps: one opens the confirmation.
	third := card("20261203-003")
	err = chromedp.Do(tab,
		chromedp.Click(css(third+" .cancel summary")),
		chromedp.WaitVisible(css(third+" button.danger")),
		chromedp.Click(css(third+" button.danger")),
		chromedp.WaitNotPresent(css(third)),
	)
	if err != nil {
		t.Fatalf("cancel: %v", err)
	}
	if o, _ := s.store.TrackOrder(context.Background(), "20261203-003"); o.Status !=
		sqlite.StatusCancelled {
		t.Fatalf("got %s, want cancelled", o.Status)
	}
	s.crossSiteForm(t, tab, number)
	t.Logf("screenshot: %s", shot)
}

// assertReadyText waits for the customer's ready text at the fake Twilio.
func (s *stack) assertReadyText(t *testing.T, number string) {
	t.Helper()
	want := "Your order #" + number[9:] + " is ready for pickup at Kebabalab St Kilda."
	for n := 1; ; n++ {
		for _, m := range s.twilio.await(t, n) {
			if m.Get("Body") == want {
				if m.Get("To") != callerMobile {
					t.Fatalf("ready text went to another number")
				}
				return
			}
		}
	}
}

// decorateBoard adds orders in the other columns and lets time pass, for a
// screenshot that shows the whole board with a late order.
func (s *stack) decorateBoard() {
	s.t.Helper()
	prep := s.phoneOrder("call-browser-2", "Priya Nair", "", chickenHSP)
	s.moveTo(prep, sqlite.StatusPreparing)
	s.clock.Advance(8 * time.Minute)
	s.phoneOrder("call-browser-3", "Tom", "no onion on anything", map[string]any{
		"category": "gozleme", "variant": "vegetarian"}, map[string]any{"category": "chips",
		"name": "chips", "size": "large"})
	s.clock.Advance(14 * time.Minute)
	s.kitchen.Poke() // redraw now that #002 is late
}

// screenshot saves the board once the stream has drawn every order.
func (s *stack) screenshot(t *testing.T, tab context.Context) string {
	t.Helper()
	err := chromedp.Do(tab,
		chromedp.WaitVisible(css(".col-preparing #order-20261203-002")),
		chromedp.WaitVisible(css(".col-pending #order-20261203-003")),
		chromedp.WaitVisible(css(".col-preparing #order-20261203-002.late")),
	)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	path := saveArtifact(t, "kitchen-board.png", png)
	if os.Getenv("KEBABALAB_SCREENSHOT_DOCS") == "1" {
		if err := os.WriteFile("../../docs/kitchen.png", png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// On a phone the columns stack and every button stays a thumb's size.
	err = chromedp.Do(tab, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile,
		chromedp.EmulateTouch))
	if err != nil {
		t.Fatal(err)
	}
	smallest, err := chromedp.Run(tab, chromedp.Evaluate[float64](`Math.min(...Array.from(
		document.querySelectorAll(".actions button:not(.danger), .cancel summary"),
		b => b.getBoundingClientRect().height))`))
	if err != nil || smallest < 48 {
		t.Errorf("got smallest touch target %v px, %v; want at least 48", smallest, err)
	}
	if png, err = chromedp.Run(tab, chromedp.FullScreenshot(100)); err != nil {
		t.Fatal(err)
	}
	saveArtifact(t, "kitchen-board-phone.png", png)
	if err := chromedp.Do(tab, chromedp.EmulateReset()); err != nil {
		t.Fatal(err)
	}
	return path
}

// saveArtifact writes a file to $KEBABALAB_ARTIFACTS, or to the test's
// temporary directory, and returns its path.
func saveArtifact(t *testing.T, name string, data []byte) string {
	t.Helper()
	dir := os.Getenv("KEBABALAB_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// crossSiteForm opens a page on another site that posts a status change to
// the board with the tablet's cookie, and checks it changes nothing.
func (s *stack) crossSiteForm(t *testing.T, tab context.Context, number string) {
	t.Helper()
	target := s.srv.URL + "/kitchen/orders/" + number + "/status"
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = io.WriteString(w, `<!doctype html><form method="post" action="`+target+`">
			<input name="csrf" value="guessed"><input name="status" value="collected">
			<input name="from" value="ready"></form>
			<script>document.forms[0].submit()</script>`)
	}))
	t.Cleanup(evil.Close)
	// localhost and 127.0.0.1 are different sites to the browser.
	evilURL := strings.Replace(evil.URL, "127.0.0.1", "localhost", 1)
	err := chromedp.Do(tab, chromedp.Navigate(evilURL), chromedp.WaitVisible(css("body pre")))
	if err != nil {
		t.Fatalf("cross-site form: %v", err)
	}
	body, err := chromedp.Run(tab, chromedp.Text(css("body")))
	if err != nil {
		t.Fatalf("cross-site form: %v", err)
	}
	if !strings.Contains(body, "Requests from other sites are refused.") {
		t.Errorf("got page %q, want the refusal", body)
	}
	o, err := s.store.TrackOrder(context.Background(), number)
	if err != nil || o.Status != sqlite.StatusReady {
		t.Fatalf("got %s, %v; want the order still ready", o.Status, err)
	}
}
