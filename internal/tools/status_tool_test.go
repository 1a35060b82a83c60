package tools_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// placeKebab places a one-kebab order on the harness's call and returns
// createOrder's result.
func (h *harness) placeKebab(name string) map[string]any {
	h.t.Helper()
	item := map[string]any{"category": "kebabs", "size": "small", "protein": "chicken"}
	if got := h.call("addMultipleItemsToCart",
		map[string]any{"items": []any{item}}); got["ok"] != true {
		h.t.Fatalf("addMultipleItemsToCart: %v", got)
	}
	if got := h.call("estimateReadyTime", nil); got["ok"] != true {
		h.t.Fatalf("estimateReadyTime: %v", got)
	}
	got := h.call("createOrder", map[string]any{"customerName": name})
	if got["ok"] != true {
		h.t.Fatalf("createOrder: %v", got)
	}
	return got
}

func (h *harness) moveOrder(number string, to ...sqlite.Status) {
	h.t.Helper()
	for _, s := range to {
		if _, err := h.store.ChangeStatus(context.Background(),
			sqlite.StatusChange{Number: number, To: s}); err != nil {
			h.t.Fatalf("move %s to %s: %v", number, s, err)
		}
	}
}

func TestGetOrderStatus(t *testing.T) {
	tests := []struct {
		name    string
		moves   []sqlite.Status
		advance time.Duration
		status  string
		readyAt string
		message string
	}{
		{"pending", nil, 0, "pending", "6:17 PM",
			"Order number 1 is in the queue and should be ready at 6:17 PM."},
		{"preparing", []sqlite.Status{sqlite.StatusPreparing}, 0, "preparing", "6:17 PM",
			"Order number 1 is being made now and should be ready at 6:17 PM."},
		{"late", []sqlite.Status{sqlite.StatusPreparing}, 25 * time.Minute, "preparing",
			"6:17 PM", "running a little behind the 6:17 PM we said"},
		{"ready", []sqlite.Status{sqlite.StatusPreparing, sqlite.StatusReady}, 0, "ready",
			"6:00 PM", "Order number 1 is ready for pickup now."},
		{"collected", []sqlite.Status{sqlite.StatusPreparing, sqlite.StatusReady,
			sqlite.StatusCollected}, 0, "collected", "6:00 PM", "already been picked up"},
		{"cancelled", []sqlite.Status{sqlite.StatusCancelled}, 0, "cancelled", "6:17 PM",
			"was cancelled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, "")
			placed := h.placeKebab("Sam Citizen")
			h.moveOrder(placed["orderNumber"].(string), tt.moves...)
			h.clock.Advance(tt.advance)
			// A new call from the same number finds the order by caller id.
			h.callID += "-later"
			got := h.call("getOrderStatus", nil)
			if got["ok"] != true || got["status"] != tt.status || got["readyAt"] != tt.readyAt ||
				!contains(got["message"].(string), tt.message) {
				t.Fatalf("got %v, want status %s ready %s saying %q", got, tt.status,
					tt.readyAt, tt.message)
			}
			for _, leak := range []string{"Sam", "Citizen", "491570006", "Chicken"} {
				if contains(statusJSON(t, got), leak) {
					t.Errorf("result %v holds %q", got, leak)
				}
			}
		})
	}
}

func TestGetOrderStatus_ByNumber(t *testing.T) {
	h := newHarness(t, "")
	placed := h.placeKebab("Sam")
	number := placed["orderNumber"].(string)
	h.caller = "" // withheld: only the number can find it
	h.callID += "-other"
	for _, said := range []string{"1", "#001", "order 1", "Order number 001", number} {
		got := h.call("getOrderStatus", map[string]any{"orderNumber": said})
		if got["ok"] != true || got["orderNumber"] != number {
			t.Errorf("orderNumber %q: got %v, want order %s", said, got, number)
		}
	}
	refusals := map[string]string{
		"":             "What's the order number?",
		"7":            "I can't find order number 7 from today.",
		"the lamb":     "Order numbers are up to four digits",
		"12345":        "Order numbers are up to four digits",
		"20261202-001": "I can't find order number 1 from today.",
	}
	for said, want := range refusals {
		got := h.call("getOrderStatus", map[string]any{"orderNumber": said})
		if got["ok"] != false || !contains(got["error"].(string), want) {
			t.Errorf("orderNumber %q: got %v, want a refusal saying %q", said, got, want)
		}
	}
}

// Yesterday's order is not "my order" today.
func TestGetOrderStatus_OnlyToday(t *testing.T) {
	h := newHarness(t, "")
	h.placeKebab("Sam")
	h.clock.Advance(24 * time.Hour)
	h.callID += "-tomorrow"
	got := h.call("getOrderStatus", nil)
	if got["ok"] != false || !contains(got["error"].(string), "What's the order number?") {
		t.Fatalf("got %v, want a request for the number", got)
	}
}

// The estimate grows with the kitchen's queue: 2 minutes per order not yet
// ready, as menu.json says.
func TestEstimateReadyTime_CountsTheQueue(t *testing.T) {
	h := newHarness(t, "")
	item := map[string]any{"category": "kebabs", "size": "small", "protein": "lamb"}
	estimate := func() float64 {
		h.t.Helper()
		h.call("clearCart", nil)
		h.call("addMultipleItemsToCart", map[string]any{"items": []any{item}})
		return h.call("estimateReadyTime", nil)["estimatedMinutes"].(float64)
	}
	if got := estimate(); got != 17 {
		t.Fatalf("empty kitchen: got %v minutes, want 17", got)
	}
	var numbers []string
	for i := range 3 {
		h.callID = "call-queue-" + string(rune('a'+i))
		numbers = append(numbers, h.placeKebab("Sam")["orderNumber"].(string))
	}
	h.callID = "call-queue-asker"
	if got := estimate(); got != 23 {
		t.Fatalf("three queued: got %v minutes, want 23", got)
	}
	h.moveOrder(numbers[0], sqlite.StatusPreparing) // still in the queue
	h.moveOrder(numbers[1], sqlite.StatusPreparing, sqlite.StatusReady)
	if got := estimate(); got != 21 {
		t.Fatalf("two queued: got %v minutes, want 21", got)
	}
}

func statusJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
