package demo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

const testSecret = "demo-test-secret-0123456789abcdef0123"

// seen is one request the stub webhook received.
type seen struct {
	method, path, contentType, secret, auth string
	body                                    []byte
}

// stubServer answers like kebabalab would, one canned result per tool.
type stubServer struct {
	t       *testing.T
	srv     *httptest.Server
	mu      sync.Mutex
	got     []seen
	answers map[string]string // tool -> result JSON; missing = error entry
	status  int               // webhook status; 0 = 200
}

func newStub(t *testing.T) *stubServer {
	s := &stubServer{t: t, answers: map[string]string{
		"checkOpen": `{"ok":true,"isOpen":true,` +
			`"message":"We're open now until 11:00 PM."}`,
		"getCallerSmartContext": `{"ok":true,"greetingSuggestion":"Welcome back!"}`,
		"createOrder": `{"ok":true,"orderNumber":"20261204-001",` +
			`"message":"Order #001 is in."}`,
		"editCartItem": `{"ok":false,` +
			`"error":"There is no item 1; the cart has one line."}`,
		"getOrderSummary": `{"ok":true,"total":39}`,
	}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *stubServer) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.got = append(s.got, seen{r.Method, r.URL.Path, r.Header.Get("Content-Type"),
		r.Header.Get("X-Vapi-Secret"), r.Header.Get("Authorization"), body})
	s.mu.Unlock()
	if r.URL.Path == "/healthz" {
		io.WriteString(w, `{"status":"ok"}`)
		return
	}
	if s.status != 0 {
		w.WriteHeader(s.status)
		return
	}
	var env struct {
		Message struct {
			ToolCallList []struct {
				ID       string
				Function struct{ Name string }
			}
		}
	}
	json.Unmarshal(body, &env)
	tc := env.Message.ToolCallList[0]
	entry := map[string]string{"name": tc.Function.Name, "toolCallId": tc.ID}
	if res, ok := s.answers[tc.Function.Name]; ok {
		entry["result"] = res
	} else {
		entry["error"] = "This tool is not available on this server."
	}
	json.NewEncoder(w).Encode(map[string]any{"results": []any{entry}})
}

func (s *stubServer) requests() []seen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]seen(nil), s.got...)
}

func fakeOutbox(calls *[]string) Outbox {
	return func(_ context.Context, number string) ([]QueuedSMS, error) {
		*calls = append(*calls, number)
		return []QueuedSMS{
			{Kind: "order_customer", Status: "skipped", Reason: "dry_run",
				Body: "Kebabalab St Kilda: thanks Alex, order #001 is confirmed."},
			{Kind: "order_shop", Status: "pending",
				Body: "Kebabalab St Kilda NEW ORDER #001 for Alex."},
		}, nil
	}
}

func options(base, secret string, outbox Outbox) Options {
	n := 0
	return Options{
		Settings: Settings{BaseURL: base, Secret: secret},
		Now:      func() time.Time { return time.UnixMilli(1796400000000) },
		NewID:    func() string { n++; return fmt.Sprintf("id%02d", n) },
		Outbox:   outbox,
		Settle:   -1,
	}
}

// decodedArgs returns a tool call's arguments as an object, and whether
// they arrived as a JSON string.
func decodedArgs(t *testing.T, raw json.RawMessage) (map[string]any, bool) {
	t.Helper()
	var s string
	asString := json.Unmarshal(raw, &s) == nil
	if asString {
		raw = json.RawMessage(s)
	}
	var obj map[string]any
	if err := json.Unmarshal(raw, &obj); err != nil {
		t.Fatalf("arguments %s: %v", raw, err)
	}
	return obj, asString
}

func TestRun_SendsVAPIEnvelopesInOrder(t *testing.T) {
	stub := newStub(t)
	var outboxCalls []string
	var out bytes.Buffer
	if err := Run(context.Background(), options(stub.srv.URL, testSecret,
		fakeOutbox(&outboxCalls)), &out); err != nil {
		t.Fatal(err)
	}
	reqs := stub.requests()
	if len(reqs) != len(script)+1 || reqs[0].path != "/healthz" {
		t.Fatalf("got %d requests, first %q; want /healthz then %d tool calls",
			len(reqs), reqs[0].path, len(script))
	}
	ids := map[string]bool{}
	asStrings := 0
	for i, r := range reqs[1:] {
		s := script[i]
		if r.method != http.MethodPost || r.path != "/webhook" ||
			r.contentType != "application/json" || r.secret != testSecret {
			t.Fatalf("step %d: %s %s %q secret %q", i, r.method, r.path, r.contentType, r.secret)
		}
		var env struct {
			Message struct {
				Type      string
				Timestamp json.Number
				Call      struct {
					ID       string
					Customer struct{ Number string }
				}
				Customer             struct{ Number string }
				ToolCallList         []json.RawMessage
				ToolCalls            []json.RawMessage
				ToolWithToolCallList []struct {
					Function struct{ Name string }
					ToolCall json.RawMessage
				}
			}
		}
		dec := json.NewDecoder(bytes.NewReader(r.body))
		dec.UseNumber()
		if err := dec.Decode(&env); err != nil {
			t.Fatal(err)
		}
		m := env.Message
		if m.Type != "tool-calls" || m.Call.ID != "demo-id01" || m.Timestamp != "1796400000000" ||
			m.Customer.Number != "+61412345678" || m.Call.Customer.Number != "+61412345678" {
			t.Fatalf("step %d: envelope %+v", i, m)
		}
		if len(m.ToolCallList) != 1 || len(m.ToolWithToolCallList) != 1 ||
			!bytes.Equal(m.ToolCallList[0], m.ToolCalls[0]) ||
			!bytes.Equal(m.ToolCallList[0], m.ToolWithToolCallList[0].ToolCall) ||
			m.ToolWithToolCallList[0].Function.Name != s.tool {
			t.Fatalf("step %d: tool call lists disagree:\n%s", i, r.body)
		}
		var tc struct {
			ID, Type string
			Function struct {
				Name      string
				Arguments json.RawMessage
			}
		}
		json.Unmarshal(m.ToolCallList[0], &tc)
		if tc.Function.Name != s.tool || tc.Type != "function" || ids[tc.ID] {
			t.Fatalf("step %d: tool call %+v (ids so far %v)", i, tc, ids)
		}
		ids[tc.ID] = true
		args, asString := decodedArgs(t, tc.Function.Arguments)
		want := s.args
		if want == nil {
			want = map[string]any{}
		}
		wantJSON, _ := json.Marshal(want)
		var wantObj map[string]any
		json.Unmarshal(wantJSON, &wantObj)
		if !reflect.DeepEqual(args, wantObj) || asString != s.asString {
			t.Fatalf("step %d %s: arguments %v (string %v), want %v", i, s.tool, args,
				asString, wantObj)
		}
		if asString {
			asStrings++
		}
	}
	if asStrings == 0 {
		t.Fatal("no step sent its arguments as a JSON string")
	}
	if !reflect.DeepEqual(outboxCalls, []string{"20261204-001"}) {
		t.Fatalf("outbox read for %v", outboxCalls)
	}
	text := out.String()
	for _, want := range []string{
		" 1. checkOpen\n    caller     Hi, are you guys open right now?\n" +
			"    assistant  We're open now until 11:00 PM.\n",
		" 2. getCallerSmartContext\n    caller     Yeah, I'd like to order for pickup please.\n" +
			"    assistant  Welcome back!\n",
		" 3. quickAddItem\n    caller     Can I get two large lamb kebabs",
		"    error      This tool is not available on this server.\n",
		"    refusal    There is no item 1; the cart has one line.\n",
		`    result     {"ok":true,"total":39}`,
		"10. createOrder\n",
		"    assistant  Order #001 is in.\n",
		"11. endCall\n",
		"SMS queued for order 20261204-001:\n  order_customer, skipped (dry_run):\n" +
			"    Kebabalab St Kilda: thanks Alex, order #001 is confirmed.\n",
		"  order_shop, pending:\n    Kebabalab St Kilda NEW ORDER #001 for Alex.\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
}

func TestRun_AuthenticationHeader(t *testing.T) {
	tests := []struct{ name, secret string }{{"development, no secret", ""},
		{"secret", testSecret}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stub := newStub(t)
			var calls []string
			if err := Run(context.Background(), options(stub.srv.URL, tt.secret,
				fakeOutbox(&calls)), io.Discard); err != nil {
				t.Fatal(err)
			}
			for _, r := range stub.requests()[1:] {
				if r.secret != tt.secret || r.auth != "" {
					t.Fatalf("got X-Vapi-Secret %q Authorization %q", r.secret, r.auth)
				}
			}
		})
	}
}

func TestRun_Failures(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedAddr := "http://" + ln.Addr().String()
	ln.Close()

	tests := []struct {
		name    string
		status  int
		base    string
		wantErr string
	}{
		{"server not running", 0, closedAddr, "start it with `make run`"},
		{"wrong secret", http.StatusUnauthorized, "", "VAPI_WEBHOOK_SECRET"},
		{"rate limited", http.StatusTooManyRequests, "", "wait a minute"},
		{"server error", http.StatusInternalServerError, "", "HTTP 500"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stub := newStub(t)
			stub.status = tt.status
			base := tt.base
			if base == "" {
				base = stub.srv.URL
			}
			var calls []string
			err := Run(context.Background(), options(base, testSecret, fakeOutbox(&calls)),
				io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("got %v, want an error containing %q", err, tt.wantErr)
			}
			if tt.base != "" && !errors.Is(err, ErrUnreachable) {
				t.Fatalf("got %v, want ErrUnreachable", err)
			}
		})
	}
}

func TestRun_NoOrderNoSMS(t *testing.T) {
	stub := newStub(t)
	delete(stub.answers, "createOrder")
	var calls []string
	var out bytes.Buffer
	if err := Run(context.Background(), options(stub.srv.URL, "", fakeOutbox(&calls)),
		&out); err != nil {
		t.Fatal(err)
	}
	if len(calls) != 0 || !strings.Contains(out.String(), "No order was placed") {
		t.Fatalf("outbox calls %v, output:\n%s", calls, &out)
	}
}

func TestRun_ClosedShopHint(t *testing.T) {
	stub := newStub(t)
	stub.answers["checkOpen"] = `{"ok":true,"isOpen":false,"message":"We're closed."}`
	var calls []string
	var out bytes.Buffer
	if err := Run(context.Background(), options(stub.srv.URL, "", fakeOutbox(&calls)),
		&out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "KEBABALAB_NOW") {
		t.Fatalf("no hint about KEBABALAB_NOW:\n%s", &out)
	}
}
