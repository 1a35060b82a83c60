package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/clock"
)

func readyText(o Order) string { return "Your order " + o.DisplayNumber() + " is ready" }

// mustAt creates an order and moves it, by legal steps, to status.
func mustAt(t *testing.T, s *Store, toolCallID string, status Status) Order {
	t.Helper()
	o := mustCreate(t, s, sampleOrder("call-"+toolCallID, toolCallID), confirmations())
	path := map[Status][]Status{
		StatusPending:   nil,
		StatusPreparing: {StatusPreparing},
		StatusReady:     {StatusPreparing, StatusReady},
		StatusCollected: {StatusPreparing, StatusReady, StatusCollected},
		StatusCancelled: {StatusCancelled},
	}[status]
	for _, to := range path {
		if _, err := s.ChangeStatus(context.Background(),
			StatusChange{Number: o.Number, To: to}); err != nil {
			t.Fatalf("move %s to %s: %v", o.Number, to, err)
		}
	}
	return o
}

func TestStore_ChangeStatus_EveryTransition(t *testing.T) {
	all := []Status{StatusPending, StatusPreparing, StatusReady, StatusCollected,
		StatusCancelled}
	legal := map[[2]Status]bool{
		{StatusPending, StatusPreparing}:   true,
		{StatusPending, StatusCancelled}:   true,
		{StatusPreparing, StatusReady}:     true,
		{StatusPreparing, StatusCancelled}: true,
		{StatusReady, StatusCollected}:     true,
		{StatusReady, StatusCancelled}:     true,
	}
	s, clk := mustOpen(t)
	ctx := context.Background()
	n := 0
	for _, from := range all {
		for _, to := range all {
			n++
			name := string(from) + "_to_" + string(to)
			t.Run(name, func(t *testing.T) {
				o := mustAt(t, s, name, from)
				clk.Advance(time.Minute)
				got, err := s.ChangeStatus(ctx, StatusChange{Number: o.Number, To: to,
					From: from})
				after, rerr := s.TrackOrder(ctx, o.Number)
				if rerr != nil {
					t.Fatal(rerr)
				}
				if !legal[[2]Status{from, to}] {
					if !errors.Is(err, ErrIllegalTransition) {
						t.Fatalf("got %v, want ErrIllegalTransition", err)
					}
					if got.Status != from || after.Status != from {
						t.Fatalf("got status %s/%s after refusal, want %s", got.Status,
							after.Status, from)
					}
					return
				}
				if err != nil {
					t.Fatalf("ChangeStatus: %v", err)
				}
				if after.Status != to || got.Status != to {
					t.Fatalf("got status %s/%s, want %s", got.Status, after.Status, to)
				}
				if want := clk.Now().UTC(); !after.StatusChangedAt.Equal(want) {
					t.Errorf("got changed at %v, want %v", after.StatusChangedAt, want)
				}
				if CanChangeStatus(from, to) != true {
					t.Error("CanChangeStatus disagrees with ChangeStatus")
				}
			})
		}
	}
	if n != 25 {
		t.Fatalf("ran %d cases, want 25", n)
	}
}

func TestStore_ChangeStatus_Stale(t *testing.T) {
	s, _ := mustOpen(t)
	ctx := context.Background()
	o := mustAt(t, s, "stale", StatusPreparing)
	// A second tablet still shows the order as pending.
	got, err := s.ChangeStatus(ctx, StatusChange{Number: o.Number, From: StatusPending,
		To: StatusPreparing})
	if !errors.Is(err, ErrStaleStatus) {
		t.Fatalf("got %v, want ErrStaleStatus", err)
	}
	if got.Status != StatusPreparing {
		t.Errorf("got current status %s, want preparing", got.Status)
	}
	after, _ := s.TrackOrder(ctx, o.Number)
	if after.Status != StatusPreparing {
		t.Errorf("got %s after a stale change, want preparing", after.Status)
	}
}

func TestStore_ChangeStatus_NotFound(t *testing.T) {
	s, _ := mustOpen(t)
	_, err := s.ChangeStatus(context.Background(),
		StatusChange{Number: "20260821-999", To: StatusPreparing})
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("got %v, want ErrNotFound", err)
	}
}

func TestStore_ChangeStatus_ReadyText(t *testing.T) {
	tests := []struct {
		name     string
		msgs     []NewSMS
		render   bool
		wantText bool
	}{
		{"confirmed customer", confirmations(), true, true},
		{"no confirmation sent", confirmations()[1:], true, false},
		{"no renderer", confirmations(), false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := mustOpen(t)
			ctx := context.Background()
			o := mustCreate(t, s, sampleOrder("call-1", "tool-1"), tt.msgs)
			for _, to := range []Status{StatusPreparing, StatusReady} {
				c := StatusChange{Number: o.Number, To: to}
				if tt.render {
					c.ReadyText = readyText
				}
				if _, err := s.ChangeStatus(ctx, c); err != nil {
					t.Fatal(err)
				}
			}
			recs, err := s.SMSRecordsForOrder(ctx, o.ID)
			if err != nil {
				t.Fatal(err)
			}
			var ready []SMSRecord
			for _, r := range recs {
				if r.Kind == KindOrderReady {
					ready = append(ready, r)
				}
			}
			if !tt.wantText {
				if len(ready) != 0 {
					t.Fatalf("got %d ready texts, want none", len(ready))
				}
				return
			}
			if len(ready) != 1 || ready[0].Status != SMSPending ||
				ready[0].Body != "Your order #001 is ready" {
				t.Fatalf("got ready texts %+v, want one pending", ready)
			}
			m, err := s.ClaimSMS(ctx, lunchtime.Add(time.Hour), time.Minute)
			if err != nil || m.To != "+61491570006" {
				t.Fatalf("claim: got %+v, %v; want the customer's number", m, err)
			}
		})
	}
}

// A ready text that cannot be stored undoes the status change with it.
func TestStore_ChangeStatus_AllOrNothing(t *testing.T) {
	s, _ := mustOpen(t)
	ctx := context.Background()
	o := mustAt(t, s, "atomic", StatusPreparing)
	empty := func(Order) string { return "" } // insertSMS refuses an empty body
	if _, err := s.ChangeStatus(ctx, StatusChange{Number: o.Number, To: StatusReady,
		ReadyText: empty}); err == nil {
		t.Fatal("got nil error, want the outbox refusal")
	}
	after, _ := s.TrackOrder(ctx, o.Number)
	if after.Status != StatusPreparing {
		t.Fatalf("got %s, want preparing: the change must roll back", after.Status)
	}
}

func TestStore_ListOrders(t *testing.T) {
	s, clk := mustOpen(t)
	ctx := context.Background()
	a := mustAt(t, s, "a", StatusPending)
	b := mustAt(t, s, "b", StatusReady)
	mustAt(t, s, "c", StatusCollected)
	clk.Advance(24 * time.Hour)
	mustAt(t, s, "d", StatusPending) // tomorrow

	got, err := s.ListOrders(ctx, OrderFilter{ShopDay: "20260821",
		Statuses: []Status{StatusPending, StatusReady}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Number != a.Number || got[1].Number != b.Number {
		t.Fatalf("got %+v, want orders %s and %s", got, a.Number, b.Number)
	}
	if got[0].CustomerName != "Sam" || len(got[0].Lines) != 2 || got[0].Notes == "" {
		t.Errorf("got %+v, want the full order", got[0].Order)
	}
	if !got[0].StatusChangedAt.Equal(got[0].CreatedAt) {
		t.Errorf("got changed at %v for an unchanged order, want its creation %v",
			got[0].StatusChangedAt, got[0].CreatedAt)
	}
	all, err := s.ListOrders(ctx, OrderFilter{ShopDay: "20260821"})
	if err != nil || len(all) != 3 {
		t.Fatalf("got %d orders, %v; want 3", len(all), err)
	}
	queued, err := s.CountQueued(ctx, "20260821")
	if err != nil || queued != 1 {
		t.Fatalf("got %d queued, %v; want 1", queued, err)
	}
	last, err := s.LastOrderID(ctx)
	if err != nil || last != 4 {
		t.Fatalf("got last id %d, %v; want 4", last, err)
	}
}

// A database made by the first migration alone keeps its orders and texts
// when the status migration rebuilds the outbox, and takes ready texts
// afterwards.
func TestOpen_StatusMigrationKeepsRows(t *testing.T) {
	path := filepath.Join(t.TempDir(), "orders.db")
	firstSchemaOnly(t, path)
	clk := clock.Fixed(shopZone, lunchtime)
	s := mustOpenPath(t, path, clk)
	ctx := context.Background()

	if n := count(t, s, "sms_outbox"); n != 2 {
		t.Fatalf("got %d outbox rows, want 2", n)
	}
	// The old rows are read raw: sealing rows written before encryption is
	// not this migration's business.
	var kinds, changed, created string
	err := s.read.QueryRow(`SELECT group_concat(kind, ',') FROM
		(SELECT kind FROM sms_outbox WHERE order_id = 1 ORDER BY id)`).Scan(&kinds)
	if err != nil || kinds != "order_customer,order_shop" {
		t.Fatalf("got kinds %q, %v; want both confirmations kept", kinds, err)
	}
	err = s.read.QueryRow(`SELECT status_changed_at, created_at FROM orders WHERE id = 1`).
		Scan(&changed, &created)
	if err != nil || changed != created {
		t.Fatalf("got status time %q for created %q, %v; want them equal", changed, created,
			err)
	}
	// The rebuilt outbox takes the new kind.
	o := mustCreate(t, s, sampleOrder("call-new", "tool-new"), confirmations())
	for _, to := range []Status{StatusPreparing, StatusReady} {
		_, err := s.ChangeStatus(ctx, StatusChange{Number: o.Number, To: to,
			ReadyText: readyText})
		if err != nil {
			t.Fatalf("move to %s after migration: %v", to, err)
		}
	}
	if n := count(t, s, "sms_outbox"); n != 5 {
		t.Fatalf("got %d outbox rows, want 5 with the new order's texts", n)
	}
}

// firstSchemaOnly makes a database as the first release left it: the first
// migration and one order with its two texts, written in the clear.
func firstSchemaOnly(t *testing.T, path string) {
	t.Helper()
	first, err := migrationFiles.ReadFile("migrations/0001_orders.sql")
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const at = "2026-08-21T02:00:00.000Z"
	script := string(first) + `;
		CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)
			STRICT;
		INSERT INTO schema_migrations VALUES ('migrations/0001_orders.sql', '` + at + `');
		INSERT INTO order_counters VALUES ('20260821', 1);
		INSERT INTO orders (id, order_number, shop_day, day_seq, call_id, tool_call_id,
			cart_fingerprint, customer_name, phone, notes, total_cents, gst_cents,
			ready_at, status, created_at)
		VALUES (1, '20260821-001', '20260821', 1, 'call-1', 'tool-1', 'fp', 'Sam',
			'+61491570006', '', 1000, 91, '` + at + `', 'pending', '` + at + `');
		INSERT INTO order_lines VALUES (1, 1, 'Kebab', 'small, lamb', 1, 1000, 1000, '{}');
		INSERT INTO sms_outbox (order_id, kind, to_number, body, status, next_attempt_at,
			created_at, updated_at)
		VALUES (1, 'order_customer', '+61491570006', 'confirmed', 'sent', '` + at + `',
			'` + at + `', '` + at + `'),
			(1, 'order_shop', '+61491570156', 'new order', 'sent', '` + at + `',
			'` + at + `', '` + at + `');`
	if _, err := db.Exec(script); err != nil {
		t.Fatal(err)
	}
}
