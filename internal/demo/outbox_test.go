package demo

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/money"
	"github.com/kebabalab/kebabalab/internal/pii"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// queueOrder stores an order with its two texts, as the server does, under
// keys, and returns its number.
func queueOrder(t *testing.T, path string, keys *pii.Keyring) sqlite.Order {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, path, sqlite.WithPII(keys))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	render := func(o sqlite.Order) string { return "Order " + o.Number + " for " + o.CustomerName }
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
	return o
}

func TestStoreOutbox(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "orders.db")
	keys := testKeyring(t)
	o := queueOrder(t, path, keys)

	// The server's keys, read again as the demo reads them, open the texts.
	got, err := StoreOutbox(path, testKeyring(t))(ctx, o.Number)
	if err != nil {
		t.Fatal(err)
	}
	want := "Order " + o.Number + " for Alex Demo"
	if len(got) != 2 || got[0].Kind != "order_customer" || got[1].Kind != "order_shop" ||
		got[0].Status != "pending" || got[0].Body != want || got[1].Body != want {
		t.Fatalf("got %+v, want both texts reading %q", got, want)
	}
	var out bytes.Buffer
	if err := printSMS(ctx, &out, StoreOutbox(path, keys), o.Number); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "order_customer, pending:\n    "+want+"\n") {
		t.Fatalf("got:\n%s", &out)
	}

	if _, err := StoreOutbox(path, keys)(ctx, "20000101-999"); !errors.Is(err, sqlite.ErrNotFound) {
		t.Fatalf("unknown order: got %v", err)
	}
	missing := filepath.Join(t.TempDir(), "none", "orders.db")
	if _, err := StoreOutbox(missing, keys)(ctx, o.Number); err == nil ||
		!strings.Contains(err.Error(), "DATABASE_PATH") {
		t.Fatalf("missing database: got %v", err)
	}
	if _, err := os.Stat(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the demo created %s", missing)
	}
}

func TestStoreOutbox_WrongOrNoKeys(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "orders.db")
	o := queueOrder(t, path, testKeyring(t))

	if _, err := StoreOutbox(path, nil)(ctx, o.Number); err == nil ||
		!strings.Contains(err.Error(), "no keys") {
		t.Errorf("no keys: got %v", err)
	}
	_, err := StoreOutbox(path, mustKeyring(t, otherKey, testIdxKey))(ctx, o.Number)
	if ke := new(*sqlite.KeyError); !errors.As(err, ke) ||
		!strings.Contains(err.Error(), "PII_ENCRYPTION_KEY") {
		t.Errorf("another encryption key: got %v, want a KeyError", err)
	}

	// A text that does not open says so; the other still reads.
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`UPDATE sms_outbox SET body = (SELECT body FROM sms_outbox
		WHERE kind = 'order_shop') WHERE kind = 'order_customer'`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	got, err := StoreOutbox(path, testKeyring(t))(ctx, o.Number)
	if err != nil || len(got) != 2 || got[0].Body != unreadableBody ||
		!strings.HasPrefix(got[1].Body, "Order ") {
		t.Fatalf("a moved body: got %+v, %v", got, err)
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
