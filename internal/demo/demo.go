// Package demo replays a realistic phone call against a running kebabalab
// server, as VAPI would send it, and prints what the caller said, what the
// assistant would answer and which texts were queued for the order. It is
// what `make demo` runs, beside `make run`.
package demo

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Caller is the number the demo call comes from.
const Caller = "+61412345678"

// ErrUnreachable means no server answered at the configured address.
var ErrUnreachable = errors.New("demo: the kebabalab server is not reachable")

// Options configure one run. Zero fields take the defaults noted.
type Options struct {
	Settings
	Client *http.Client     // 10 s timeout
	Now    func() time.Time // time.Now
	// NewID returns a fresh random identifier; crypto/rand by default.
	NewID func() string
	// Outbox reads the texts queued for an order; by default the database
	// at Settings.DatabasePath, opened with Settings.Keys.
	Outbox Outbox
	// Settle is how long to wait for the SMS worker to finish the order's
	// texts before printing them; negative means not at all, 0 means 3 s.
	Settle time.Duration
}

func (o *Options) defaults() {
	if o.Client == nil {
		o.Client = &http.Client{Timeout: 10 * time.Second}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.NewID == nil {
		o.NewID = func() string { return strings.ToLower(rand.Text()[:16]) }
	}
	if o.Outbox == nil {
		o.Outbox = StoreOutbox(o.DatabasePath, o.Keys)
	}
	if o.Settle == 0 {
		o.Settle = 3 * time.Second
	}
}

// Run plays the call and writes the transcript to out. A refusal from a
// tool is part of the transcript, not an error; Run fails when the server
// cannot be reached or rejects the requests themselves.
func Run(ctx context.Context, o Options, out io.Writer) error {
	o.defaults()
	base := strings.TrimRight(o.BaseURL, "/")
	if err := checkServer(ctx, o.Client, base); err != nil {
		return err
	}
	c := callInfo{
		id: "demo-" + o.NewID(), caller: Caller, webhook: base + "/webhook",
		startedAt: o.Now(),
	}
	fmt.Fprintf(out, "Replaying a phone call to %s\ncall %s from %s\n\n", c.webhook, c.id, c.caller)
	orderNumber := ""
	for i, s := range script {
		env, err := newEnvelope(c, "call_"+o.NewID(), s, o.Now())
		if err != nil {
			return err
		}
		res, err := post(ctx, o.Client, c.webhook, o.Secret, env)
		if err != nil {
			return err
		}
		printTurn(out, i+1, s, res)
		if s.tool == "checkOpen" && res.closed() {
			fmt.Fprintln(out, "    (the shop is closed by the server's clock, so pickup and the "+
				"order will be refused: restart the server with KEBABALAB_NOW set to an "+
				"open time, e.g. KEBABALAB_NOW=2026-12-04T18:00:00+11:00 make run)")
		}
		if n := res.str("orderNumber"); s.tool == "createOrder" && n != "" {
			orderNumber = n
		}
	}
	return printSMS(ctx, out, settled(o.Outbox, o.Settle), orderNumber)
}

// checkServer asks /healthz, so a server that is not running gets one
// clear message instead of a failure per step.
func checkServer(ctx context.Context, client *http.Client, base string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/healthz", nil)
	if err != nil {
		return fmt.Errorf("demo: bad server address %q: %w", base, err)
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("%w at %s: start it with `make run` in another terminal first",
			ErrUnreachable, base)
	}
	_ = resp.Body.Close() // only the status is read
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%w: %s/healthz answered HTTP %d; is that the kebabalab server?",
			ErrUnreachable, base, resp.StatusCode)
	}
	return nil
}

// post sends one envelope and returns the first result of the reply.
func post(ctx context.Context, client *http.Client, url, secret string, env envelope) (
	result, error,
) {
	body, err := json.Marshal(env)
	if err != nil {
		return result{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return result{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	// Without a secret the server runs in development, which takes
	// unauthenticated webhooks; otherwise authenticate as VAPI's legacy
	// server.secret does.
	if secret != "" {
		req.Header.Set("X-Vapi-Secret", secret)
	}
	resp, err := client.Do(req)
	if err != nil {
		return result{}, fmt.Errorf("%w: %s: start it with `make run` in another terminal "+
			"first", ErrUnreachable, url)
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusUnauthorized:
		return result{}, errors.New("demo: the server refused the webhook secret (HTTP 401): " +
			"give the demo the server's VAPI_WEBHOOK_SECRET through .env or the environment")
	case http.StatusTooManyRequests:
		return result{}, errors.New("demo: the server is rate limiting (HTTP 429); " +
			"wait a minute and try again")
	default:
		return result{}, fmt.Errorf("demo: the webhook answered HTTP %d", resp.StatusCode)
	}
	return decodeReply(resp.Body)
}

// result is one tool's answer: the decoded result object, or the error
// sentence VAPI would read out instead.
type result struct {
	fields map[string]any
	err    string
}

func decodeReply(r io.Reader) (result, error) {
	var reply struct {
		Results []struct {
			Result string `json:"result"`
			Error  string `json:"error"`
		} `json:"results"`
	}
	if err := json.NewDecoder(io.LimitReader(r, 1<<20)).Decode(&reply); err != nil {
		return result{}, fmt.Errorf("demo: the webhook reply is not VAPI's shape: %w", err)
	}
	if len(reply.Results) != 1 {
		return result{}, fmt.Errorf("demo: got %d results for one tool call", len(reply.Results))
	}
	r0 := reply.Results[0]
	if r0.Error != "" || r0.Result == "" {
		return result{err: r0.Error}, nil
	}
	var fields map[string]any
	if err := json.Unmarshal([]byte(r0.Result), &fields); err != nil {
		return result{err: "(the result is not a JSON object: " + r0.Result + ")"}, nil
	}
	return result{fields: fields}, nil
}

func (r result) str(key string) string {
	s, _ := r.fields[key].(string)
	return s
}

func (r result) closed() bool {
	open, ok := r.fields["isOpen"].(bool)
	return ok && !open
}

// spokenKeys are the result fields an assistant reads out, best first.
var spokenKeys = []string{"message", "greetingSuggestion"}

// spoken is what the assistant would say from the result: its message, or
// its refusal, or, for a result without either, the result itself.
func (r result) spoken() (label, text string) {
	if r.err != "" {
		return "error", r.err
	}
	for _, k := range spokenKeys {
		if s := r.str(k); s != "" {
			return "assistant", s
		}
	}
	if s := r.str("error"); s != "" {
		return "refusal", s
	}
	b, _ := json.Marshal(r.fields)
	return "result", string(b)
}

func printTurn(out io.Writer, n int, s step, r result) {
	label, text := r.spoken()
	fmt.Fprintf(out, "%2d. %s\n    %-9s  %s\n    %-9s  %s\n", n, s.tool,
		"caller", s.said, label, text)
}
