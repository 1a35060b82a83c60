package loadgen

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/vapi"
	"github.com/kebabalab/kebabalab/internal/webhook"
)

const testSecret = "test-secret-0123456789abcdef0123456789"

// fakeServer checks what a real server would (signature, envelope, one
// call id per simulated call, the flow's order) and answers by tool:
// priceCart refuses, getCartState fails with 500, others succeed.
type fakeServer struct {
	t     *testing.T
	mu    sync.Mutex
	calls map[string][]string // call id → tools in the order received
}

func (f *fakeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	v := webhook.NewVerifier([]string{testSecret}, time.Now)
	if reason := v.Verify(r.Header, body); reason != "" {
		f.t.Errorf("request not authenticated: %s", reason)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	msg, err := vapi.Decode(body)
	if err != nil {
		f.t.Errorf("decode: %v", err)
		return
	}
	calls, err := msg.Calls()
	if err != nil || len(calls) != 1 {
		f.t.Errorf("calls: %v %v", calls, err)
		return
	}
	tool := calls[0].FunctionName()
	f.mu.Lock()
	f.calls[msg.CallID()] = append(f.calls[msg.CallID()], tool)
	f.mu.Unlock()
	result := `{"ok":true}`
	switch tool {
	case "getCartState":
		w.WriteHeader(http.StatusInternalServerError)
		return
	case "priceCart":
		result = `{"ok":false,"error":"The cart is empty."}`
	}
	_ = json.NewEncoder(w).Encode(vapi.ToolCallsReply{Results: []vapi.Result{
		{Name: tool, ToolCallID: calls[0].ID, Result: result}}})
}

func TestRunner_Run(t *testing.T) {
	s, b := testBuilder(t)
	f := &fakeServer{t: t, calls: map[string][]string{}}
	ts := httptest.NewServer(f)
	defer ts.Close()
	r := &Runner{URL: ts.URL, Secret: testSecret, Builder: b, Client: NewClient(4)}

	stats := r.Run(context.Background(), Level{Calls: 4, Flow: s.Flow, MaxCalls: 10})

	if len(f.calls) != 10 {
		t.Fatalf("got %d call ids, want 10", len(f.calls))
	}
	for id, tools := range f.calls {
		if len(tools) != len(s.Flow) {
			t.Fatalf("call %s made %d requests, want %d", id, len(tools), len(s.Flow))
		}
		for i, st := range s.Flow {
			if tools[i] != st.Tool {
				t.Fatalf("call %s step %d: got %s, want %s", id, i, tools[i], st.Tool)
			}
		}
	}
	if got, want := stats.Combined().Count(), 10*len(s.Flow); got != want {
		t.Errorf("samples: got %d, want %d", got, want)
	}
	if got := stats.Tool("addMultipleItemsToCart").Count(); got != 20 {
		t.Errorf("addMultipleItemsToCart samples: got %d, want 20", got)
	}
	errs := stats.Errors()
	if errs["ok_false priceCart"] != 10 || errs["http_status 500 getCartState"] != 10 ||
		len(errs) != 2 {
		t.Errorf("errors: got %v", errs)
	}
	if got, want := stats.OK(), 10*(len(s.Flow)-2); got != want {
		t.Errorf("ok: got %d, want %d", got, want)
	}
}

// A run with a duration stops on time, records nothing from its warm-up,
// and counts a dead server's refusals as transport errors.
func TestRunner_DurationAndTransportErrors(t *testing.T) {
	s, b := testBuilder(t)
	ts := httptest.NewServer(&fakeServer{t: t, calls: map[string][]string{}})
	url := ts.URL
	ts.Close()
	r := &Runner{URL: url, Secret: testSecret, Builder: b, Client: NewClient(2)}
	start := time.Now()
	stats := r.Run(context.Background(), Level{Calls: 2, Flow: s.Flow,
		Warmup: 50 * time.Millisecond, Duration: 100 * time.Millisecond})
	if d := time.Since(start); d > time.Second {
		t.Errorf("run took %v, want about 150ms", d)
	}
	if stats.Errors()[ErrTransport] == 0 || stats.Combined().Count() != 0 {
		t.Errorf("errors %v, samples %d", stats.Errors(), stats.Combined().Count())
	}
}

func TestBaselines(t *testing.T) {
	s, b := testBuilder(t)
	for _, kind := range []string{BaselineRead, BaselineDecode} {
		ts := httptest.NewServer(BaselineHandler(kind))
		r := &Runner{URL: ts.URL, Secret: testSecret, Builder: b, Client: NewClient(2)}
		stats := r.Run(context.Background(), Level{Calls: 2, Flow: s.Flow, MaxCalls: 2})
		ts.Close()
		if stats.OK() != 2*len(s.Flow) || len(stats.Errors()) != 0 {
			t.Errorf("%s: ok %d, errors %v", kind, stats.OK(), stats.Errors())
		}
	}
}

func TestDurableInserts(t *testing.T) {
	n, err := DurableInserts(context.Background(), t.TempDir(), 50*time.Millisecond)
	if err != nil || n <= 0 {
		t.Fatalf("got %v per second, %v", n, err)
	}
}

func TestWithout(t *testing.T) {
	s, _ := testBuilder(t)
	flow := Without(s.Flow, "createOrder", "endCall")
	if len(flow) != len(s.Flow)-2 {
		t.Fatalf("got %d steps, want %d", len(flow), len(s.Flow)-2)
	}
	for _, st := range flow {
		if st.Tool == "createOrder" || st.Tool == "endCall" {
			t.Fatalf("%s left in", st.Tool)
		}
	}
}
