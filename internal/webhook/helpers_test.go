package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/metrics"
	"github.com/kebabalab/kebabalab/internal/session"
	"github.com/kebabalab/kebabalab/internal/tools"
)

const (
	secretA = "old-secret-0123456789abcdef0123456789"
	secretB = "new-secret-abcdef0123456789abcdef0123"
	canary  = "Zz-Canary-Name"
	phone   = "+61491570006"
)

// echoTool answers with the arguments it received, so tests can see what
// the decoder extracted from each envelope shape.
func echoTool(name string) tools.Tool {
	return tools.Tool{Name: name, Handle: func(_ context.Context, c *tools.Call,
		args json.RawMessage) (any, error) {
		return map[string]any{"ok": true, "args": args, "callId": c.ID}, nil
	}}
}

func testRegistry() *tools.Registry {
	return tools.NewRegistry([]tools.Tool{
		echoTool("bookAppointment2"), echoTool("lookup_order"),
		echoTool("get_customer_profile"), echoTool("check_availability"),
		echoTool("sendEmail"),
		{Name: "boom", Handle: func(context.Context, *tools.Call, json.RawMessage) (any, error) {
			return nil, errors.New("database exploded")
		}},
		{Name: "panics", Handle: func(context.Context, *tools.Call, json.RawMessage) (any, error) {
			panic("tool exploded")
		}},
		{Name: "refuse", Handle: func(context.Context, *tools.Call, json.RawMessage) (any, error) {
			return nil, tools.Refuse("Small or large?")
		}},
		{Name: "hangup", Handle: func(_ context.Context, c *tools.Call, _ json.RawMessage) (any, error) {
			c.State.End()
			return map[string]any{"ok": true}, nil
		}},
	})
}

type testServer struct {
	*httptest.Server
	logs     *syncBuffer
	sessions *session.Store[string, *tools.State]
	metrics  *metrics.Metrics
	now      time.Time
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func newTestServer(t *testing.T, edit func(*Options)) *testServer {
	t.Helper()
	ts := &testServer{logs: &syncBuffer{}, now: time.Unix(1_780_000_000, 0)}
	store, err := session.New(session.Options[string, *tools.State]{
		TTL: 30 * time.Minute, MaxSize: 100,
	})
	if err != nil {
		t.Fatal(err)
	}
	ts.sessions = store
	ts.metrics = metrics.New()
	o := Options{
		Log:            slog.New(slog.NewJSONHandler(ts.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Metrics:        ts.metrics,
		Registry:       testRegistry(),
		Sessions:       store,
		Secrets:        []string{secretA, secretB},
		Now:            func() time.Time { return ts.now },
		RateLimit:      60,
		MaxBodyBytes:   1 << 20,
		AllowedOrigins: []string{"https://vapi.ai"},
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")},
		AdminToken:     "admin-token-0123456789abcdef0123456789",
		ShopPhone:      "+61395345588",
		Ready:          func(context.Context) error { return nil },
	}
	if edit != nil {
		edit(&o)
	}
	ts.Server = httptest.NewServer(NewRouter(o))
	t.Cleanup(ts.Close)
	return ts
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// post sends body to /webhook with the given extra headers.
func (ts *testServer) post(t *testing.T, body []byte, hdr map[string]string) (int, []byte, http.Header) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, ts.URL+"/webhook", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b, resp.Header
}

func (ts *testServer) postAuthed(t *testing.T, body []byte) (int, []byte) {
	t.Helper()
	code, b, _ := ts.post(t, body, map[string]string{"X-Vapi-Secret": secretB})
	return code, b
}

func signed(ts time.Time, secret string, body []byte) map[string]string {
	stamp := strconv.FormatInt(ts.Unix(), 10)
	return map[string]string{"X-Timestamp": stamp, "X-Signature": Sign(secret, stamp, body)}
}

type reply struct {
	Results []struct {
		Name       string `json:"name"`
		ToolCallID string `json:"toolCallId"`
		Result     string `json:"result"`
		Error      string `json:"error"`
	} `json:"results"`
}

func decodeReply(t *testing.T, b []byte) reply {
	t.Helper()
	var r reply
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("reply %s: %v", b, err)
	}
	return r
}

// toolCalls builds a tool-calls message for callID with the given calls,
// each {id, name, args} where args is raw JSON (or "" for none).
func toolCalls(callID string, calls ...[3]string) []byte {
	type fn struct {
		Name      string          `json:"name"`
		Arguments json.RawMessage `json:"arguments,omitempty"`
	}
	type tc struct {
		ID       string `json:"id"`
		Type     string `json:"type"`
		Function fn     `json:"function"`
	}
	list := []tc{}
	for _, c := range calls {
		var args json.RawMessage
		if c[2] != "" {
			args = json.RawMessage(c[2])
		}
		list = append(list, tc{ID: c[0], Type: "function", Function: fn{Name: c[1], Arguments: args}})
	}
	msg := map[string]any{"message": map[string]any{
		"type": "tool-calls", "timestamp": 1777907426083, "toolCallList": list,
		"call":     map[string]any{"id": callID, "customer": map[string]any{"number": phone}},
		"customer": map[string]any{"number": phone},
	}}
	b, _ := json.Marshal(msg)
	return b
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }

func httpRequest(url string) *http.Request {
	return httptest.NewRequest(http.MethodGet, url, nil)
}
