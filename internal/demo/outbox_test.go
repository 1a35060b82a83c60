package demo

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/money"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

func TestStoreOutbox(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "orders.db")
	store, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	render := func(o sqlite.Order) string { return "Order " + o.Number }
	o, _, err := store.CreateOrder(ctx, sqlite.NewOrder{
		CallID: "demo-call", ToolCallID: "call_1", CustomerName: "Alex Demo",
		Phone: Caller, Total: money.Cents(1500), GST: money.Cents(136),
		ReadyAt: time.Now().Add(30 * time.Minute),
		Lines: []sqlite.Line{{ItemName: "HSP", Options: "small, chicken", Quantity: 1,
			UnitPrice: 1500, LineTotal: 1500}},
	}, []sqlite.NewSMS{
		{Kind: sqlite.KindOrderCustomer, To: Caller, Render: render},
		{Kind: sqlite.KindOrderShop, To: "+61400000000", Render: render},
	})
	if err != nil {
		t.Fatal(err)
	}
	store.Close()

	got, err := StoreOutbox(path)(ctx, o.Number)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Kind != "order_customer" || got[1].Kind != "order_shop" ||
		got[0].Status != "pending" {
		t.Fatalf("got %+v", got)
	}
	var out bytes.Buffer
	if err := printSMS(ctx, &out, StoreOutbox(path), o.Number); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "order_customer, pending:") {
		t.Fatalf("got:\n%s", &out)
	}

	if _, err := StoreOutbox(path)(ctx, "20000101-999"); !errors.Is(err, sqlite.ErrNotFound) {
		t.Fatalf("unknown order: got %v", err)
	}
	missing := filepath.Join(t.TempDir(), "none", "orders.db")
	if _, err := StoreOutbox(missing)(ctx, o.Number); err == nil ||
		!strings.Contains(err.Error(), "DATABASE_PATH") {
		t.Fatalf("missing database: got %v", err)
	}
	if _, err := os.Stat(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the demo created %s", missing)
	}
}

func TestSettled_ReadsUntilTheWorkerIsDone(t *testing.T) {
	tests := []struct {
		name      string
		wait      time.Duration
		wantCalls int
		want      string
	}{
		{"waits for the worker", 10 * time.Second, 2, "sent"},
		{"no waiting", -1, 1, "sending"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			outbox := func(context.Context, string) ([]QueuedSMS, error) {
				calls++
				status := "sending"
				if calls > 1 {
					status = "sent"
				}
				return []QueuedSMS{{Kind: "order_shop", Status: "sent"},
					{Kind: "order_customer", Status: status}}, nil
			}
			got, err := settled(outbox, tt.wait)(context.Background(), "20261204-001")
			if err != nil || calls != tt.wantCalls || got[1].Status != tt.want {
				t.Fatalf("got %+v %v after %d calls", got, err, calls)
			}
		})
	}
}
