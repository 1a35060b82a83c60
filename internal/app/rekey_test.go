package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/pii"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// Key 2 of each set: 32 bytes of 'E' and of 'I', in base64.
const (
	encKey2 = "RUVFRUVFRUVFRUVFRUVFRUVFRUVFRUVFRUVFRUVFRUU="
	idxKey2 = "SUlJSUlJSUlJSUlJSUlJSUlJSUlJSUlJSUlJSUlJSUk="
)

// postTool is toolCall for goroutines other than the test's: it returns
// an error instead of failing the test.
func postTool(base, callID, caller, tool string, args any) (map[string]any, error) {
	rawArgs, _ := json.Marshal(args)
	env := map[string]any{"message": map[string]any{
		"type": "tool-calls", "timestamp": time.Now().UnixMilli(),
		"call": map[string]any{"id": callID, "type": "inboundPhoneCall",
			"customer": map[string]any{"number": caller}},
		"toolCallList": []any{map[string]any{"id": callID + "-" + tool, "type": "function",
			"function": map[string]any{"name": tool, "arguments": json.RawMessage(rawArgs)}}},
	}}
	body, _ := json.Marshal(env)
	req, _ := http.NewRequest(http.MethodPost, base+"/webhook", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Vapi-Secret", secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var reply struct {
		Results []struct{ Result, Error string }
	}
	if err := json.Unmarshal(raw, &reply); err != nil || len(reply.Results) != 1 ||
		reply.Results[0].Error != "" {
		return nil, fmt.Errorf("%s: HTTP %d %s", tool, resp.StatusCode, raw)
	}
	var out map[string]any
	if err := json.Unmarshal([]byte(reply.Results[0].Result), &out); err != nil ||
		out["ok"] != true {
		return nil, fmt.Errorf("%s: %s", tool, reply.Results[0].Result)
	}
	return out, nil
}

// placeOrder places one order through the webhook and returns its number
// once the server has acknowledged it.
func placeOrder(base, callID, caller string) (string, error) {
	steps := []struct {
		tool string
		args any
	}{
		{"addMultipleItemsToCart", map[string]any{"items": []any{map[string]any{
			"category": "kebabs", "size": "small", "protein": "lamb"}}}},
		{"setPickupTime", map[string]any{"requestedTime": "in 30 minutes"}},
		{"createOrder", map[string]any{"customerName": canaryName, "notes": canaryNotes}},
	}
	var last map[string]any
	for _, s := range steps {
		var err error
		if last, err = postTool(base, callID, caller, s.tool, s.args); err != nil {
			return "", err
		}
	}
	n, _ := last["orderNumber"].(string)
	if n == "" {
		return "", errors.New("createOrder gave no order number")
	}
	return n, nil
}

// TestServe_RekeyWhileOrdersArrive rotates both keys on a live server: the
// server runs with keys 1 and 2 and keeps taking orders while `kebabalab
// rekey` moves the orders written under key 1; afterwards key 1 can be
// dropped, every order reads under key 2 alone and the caller is still
// recognised.
func TestServe_RekeyWhileOrdersArrive(t *testing.T) {
	ctx := context.Background()
	env := baseEnv(t)
	env["KEBABALAB_NOW"] = "2026-12-03T18:00:00+11:00" // a Thursday evening, open
	seeded := seedOrders(t, env["DATABASE_PATH"], 6)

	env["PII_ENCRYPTION_KEY"] = "1:" + encKey + ",2:" + encKey2
	env["PII_INDEX_KEY"] = "1:" + idxKey + ",2:" + idxKey2
	base, stop, logs := startServer(t, env)

	var (
		mu       sync.Mutex
		acked    []string
		writeErr error
		slowest  time.Duration
	)
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ; i++ {
			select {
			case <-quit:
				return
			default:
			}
			t0 := time.Now()
			n, err := placeOrder(base, fmt.Sprint("call-rekey-", i), canaryPhone)
			mu.Lock()
			if d := time.Since(t0); d > slowest {
				slowest = d
			}
			if err != nil {
				writeErr = err
				mu.Unlock()
				return
			}
			acked = append(acked, n)
			mu.Unlock()
			time.Sleep(5 * time.Millisecond) // a busy evening, not a flood
		}
	}()
	eventually(t, "orders arriving", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(acked) > 0 || writeErr != nil
	})
	mu.Lock()
	before := len(acked)
	mu.Unlock()
	var stdout, stderr bytes.Buffer
	code := Run(ctx, []string{"rekey", "--batch", "2"}, envOf(env), &stdout, &stderr)
	// Let a few more orders land after the rekey, under key 2.
	mu.Lock()
	during := len(acked) - before
	after := len(acked) + 2
	mu.Unlock()
	// rekey pauses after each batch, so the server's orders get through
	// between its batches rather than waiting for the whole run.
	t.Logf("%d orders acknowledged while rekey ran; the slowest took %v", during, slowest)
	if during == 0 {
		t.Error("no order was acknowledged while rekey ran")
	}
	eventually(t, "orders after the rekey", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(acked) >= after || writeErr != nil
	})
	close(quit)
	<-done
	if writeErr != nil {
		t.Fatalf("an order failed while rekeying: %v", writeErr)
	}
	if code != 0 || !strings.Contains(stdout.String(), "done: 6 orders and 12 texts "+
		"re-encrypted; 0 rows left on older keys") {
		t.Fatalf("rekey: code %d\n%s%s", code, &stdout, &stderr)
	}
	if got := strings.Count(stdout.String(), "so far"); got != 9 {
		t.Errorf("rekey reported %d batches, want 9 of 2 rows", got)
	}
	if code := stop(); code != 0 {
		t.Fatalf("server exit code %d", code)
	}
	printed := logs.String() + stdout.String() + stderr.String()
	for _, c := range append(canaries, encKey[:12], encKey2[:12], idxKey[:12], idxKey2[:12]) {
		if strings.Contains(printed, c) {
			t.Errorf("the server or rekey printed %q", c)
		}
	}

	// Key 1 of both sets is dropped: the store opens, which it refuses
	// while any row still needs a missing key, and every order reads.
	enc, _ := pii.ParseKeys("2:" + encKey2)
	idx, _ := pii.ParseKeys("2:" + idxKey2)
	only2, err := pii.NewKeyring(enc, idx)
	if err != nil {
		t.Fatal(err)
	}
	store, err := sqlite.Open(ctx, env["DATABASE_PATH"], sqlite.WithPII(only2))
	if err != nil {
		t.Fatalf("opening with key 2 alone: %v", err)
	}
	defer store.Close()
	all := append(seeded, acked...)
	for _, n := range all {
		o, err := store.OrderByNumber(ctx, n)
		if err != nil || o.CustomerName != canaryName || o.Phone != canaryPhone {
			t.Errorf("order %s under key 2: %+v, %v", n, o, err)
		}
	}
	if n, err := store.CountOrdersByPhone(ctx, canaryPhone); err != nil || n != len(all) {
		t.Errorf("CountOrdersByPhone: got %d, %v; want %d", n, err, len(all))
	}
	last, err := store.LastOrderByPhone(ctx, canaryPhone)
	if err != nil || last.Number != acked[len(acked)-1] {
		t.Errorf("LastOrderByPhone: got %s, %v; want %s", last.Number, err,
			acked[len(acked)-1])
	}
	store.Close()

	// The server on key 2 alone recognises the caller, dialling in another
	// written form, and repeats the last order.
	env["PII_ENCRYPTION_KEY"], env["PII_INDEX_KEY"] = "2:"+encKey2, "2:"+idxKey2
	base, stop, _ = startServer(t, env)
	defer stop()
	known, err := postTool(base, "call-after", "0491 570 006", "getCallerSmartContext", nil)
	if err != nil || known["isReturningCustomer"] != true ||
		known["orderCount"] != float64(len(all)) || known["canRepeatOrder"] != true {
		t.Fatalf("caller after rotation: %v, %v", known, err)
	}
	again, err := postTool(base, "call-after", "0491 570 006", "repeatLastOrder", nil)
	if err != nil || again["added"] != 1.0 {
		t.Fatalf("repeatLastOrder after rotation: %v, %v", again, err)
	}
}

// seedOrders writes n orders from the canary under the test keys (key 1),
// each with a customer and a shop text, and returns their numbers.
func seedOrders(t *testing.T, path string, n int) []string {
	t.Helper()
	ctx := context.Background()
	created := time.Date(2026, 12, 2, 18, 0, 0, 0, time.UTC)
	store, err := sqlite.Open(ctx, path, sqlite.WithPII(testKeys(t)),
		sqlite.WithClock(func() time.Time { return created }))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	render := func(o sqlite.Order) string { return "Thanks " + o.CustomerName }
	var numbers []string
	for i := range n {
		o, _, err := store.CreateOrder(ctx, sqlite.NewOrder{
			CallID: fmt.Sprint("seed-", i), ToolCallID: fmt.Sprint("seed-tool-", i),
			CustomerName: canaryName, Phone: canaryPhone, Notes: canaryNotes,
			Lines: []sqlite.Line{{ItemName: "Chips", Quantity: 1, UnitPrice: 500,
				LineTotal: 500, Detail: "{}"}},
			Total: 500, GST: 45, ReadyAt: created,
		}, []sqlite.NewSMS{
			{Kind: sqlite.KindOrderCustomer, To: canaryPhone, Render: render},
			{Kind: sqlite.KindOrderShop, To: "+61491570156", Render: render},
		})
		if err != nil {
			t.Fatal(err)
		}
		numbers = append(numbers, o.Number)
	}
	return numbers
}
