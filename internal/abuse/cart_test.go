package abuse

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/kebabalab/kebabalab/internal/cart"
	"github.com/kebabalab/kebabalab/internal/vapi"
)

func manyCalls(n int, name string, args any) []toolCall {
	calls := make([]toolCall, n)
	for i := range calls {
		calls[i] = toolCall{newID(), name, args}
	}
	return calls
}

// A message may carry vapi.MaxToolCalls tool calls (the cap README.md
// documents). One with more, up to 10,000, is refused whole with a 400
// before any of them runs: not one item reaches the cart.
func TestToolCalls_CapPerMessage(t *testing.T) {
	t.Parallel()
	s := start(t, nil)
	add := map[string]any{"items": []any{kebab}}
	for _, n := range []int{10_000, vapi.MaxToolCalls + 1} {
		call := "call-cap-" + strconv.Itoa(n)
		body := envelope(call, manyCalls(n, "addMultipleItemsToCart", add)...)
		r := s.post(body, withSecret(secret))
		if r.Code != http.StatusBadRequest ||
			!strings.Contains(string(r.Body), "too many tool calls in one message") {
			t.Fatalf("%d calls (%d bytes): got %s, want 400", n, len(body), r)
		}
		if got := s.cartLines(call); got != 0 {
			t.Fatalf("%d calls: the cart has %d lines, want none", n, got)
		}
	}
	calls := manyCalls(vapi.MaxToolCalls, "getCartState", nil)
	res := reply(t, s.post(envelope("call-cap-ok", calls...), withSecret(secret)))
	if len(res) != len(calls) {
		t.Fatalf("%d calls: got %d results", len(calls), len(res))
	}
	for i := range res {
		if res[i].ToolCallID != calls[i].ID || res[i].Error != "" {
			t.Fatalf("result %d: got %+v, want the answer to %s", i, res[i], calls[i].ID)
		}
	}
	s.noOrders()
	s.checkAlive()
}

// A cart holds cart.MaxLines lines. The 31st is refused whether it comes
// alone or inside a batch, which is then refused whole; the 30-line cart
// can still be ordered.
func TestCart_ThirtyFirstLineRefused(t *testing.T) {
	t.Parallel()
	s := start(t, nil)
	items := func(n int) map[string]any {
		list := make([]any, n)
		for i := range list {
			// A different quantity each, so no two lines could merge.
			list[i] = map[string]any{"category": "kebabs", "size": "small",
				"protein": "chicken", "quantity": i%9 + 1}
		}
		return map[string]any{"items": list}
	}
	call := "call-lines"
	if out := s.call(call, "addMultipleItemsToCart", items(cart.MaxLines)); out["ok"] != true {
		t.Fatalf("30 lines: got %v", out)
	}
	msg := s.refused(call, "addMultipleItemsToCart", items(1))
	if !strings.Contains(msg, "30") {
		t.Fatalf("the refusal does not say the limit: %q", msg)
	}
	if got := s.cartLines(call); got != cart.MaxLines {
		t.Fatalf("the cart has %d lines, want %d", got, cart.MaxLines)
	}
	s.refused("call-lines-batch", "addMultipleItemsToCart", items(cart.MaxLines+1))
	if got := s.cartLines("call-lines-batch"); got != 0 {
		t.Fatalf("a refused batch left %d lines", got)
	}

	s.call(call, "setPickupTime", map[string]any{"requestedTime": "in 45 minutes"})
	out := s.call(call, "createOrder", map[string]any{"customerName": "Sam Lines"})
	if out["ok"] != true {
		t.Fatalf("createOrder: got %v", out)
	}
	if n := s.rows("orders", ""); n != 1 {
		t.Fatalf("%d orders, want 1", n)
	}
	if n := s.rows("order_lines", ""); n != cart.MaxLines {
		t.Fatalf("%d order lines, want %d", n, cart.MaxLines)
	}
	s.checkAlive()
}
