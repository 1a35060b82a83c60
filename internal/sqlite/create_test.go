package sqlite

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestStore_CreateOrder_RoundTrip(t *testing.T) {
	tests := []struct {
		name  string
		cname string
		notes string
	}{
		{"sql in the name", "'); DROP TABLE orders;--", "none"},
		{"apostrophe and accent", "José O'Brien-Smith", "ring when here"},
		{"markup in the notes", "Sam", `<script>alert(1)</script>' OR '1'='1"; --`},
		{"newlines kept at this layer", "Li\nWei", "extra\nnapkins\tplease"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := mustOpen(t)
			n := sampleOrder("call-1", fmt.Sprintf("tool-%d", i))
			n.CustomerName, n.Notes = tt.cname, tt.notes
			created := mustCreate(t, s, n, confirmations())

			got, err := s.OrderByNumber(context.Background(), created.Number)
			if err != nil {
				t.Fatalf("OrderByNumber: %v", err)
			}
			if !reflect.DeepEqual(got, created) {
				t.Errorf("stored order differs:\ngot  %+v\nwant %+v", got, created)
			}
			if got.CustomerName != tt.cname || got.Notes != tt.notes {
				t.Errorf("got name %q notes %q, want %q %q",
					got.CustomerName, got.Notes, tt.cname, tt.notes)
			}
			if !reflect.DeepEqual(got.Lines, n.Lines) {
				t.Errorf("got lines %+v, want %+v", got.Lines, n.Lines)
			}
			if count(t, s, "orders") != 1 {
				t.Error("orders table damaged")
			}
		})
	}
}

func TestStore_CreateOrder_Fields(t *testing.T) {
	s, _ := mustOpen(t)
	o := mustCreate(t, s, sampleOrder("call-1", "tool-1"), confirmations())
	checks := []struct {
		name      string
		got, want any
	}{
		{"number", o.Number, "20260821-001"},
		{"display number", o.DisplayNumber(), "#001"},
		{"shop day", o.ShopDay, "20260821"},
		{"status", o.Status, StatusPending},
		{"created at", o.CreatedAt, lunchtime.UTC()},
		{"ready at", o.ReadyAt, lunchtime.Add(20 * time.Minute).UTC()},
		{"gst", int64(o.GST), int64(355)},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}

	recs, err := s.SMSRecordsForOrder(context.Background(), o.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 {
		t.Fatalf("got %d outbox rows, want 2", len(recs))
	}
	if want := "Order #001 ref 20260821-001"; recs[0].Body != want {
		t.Errorf("got body %q, want %q", recs[0].Body, want)
	}
	var stored string
	if err := s.read.QueryRow(`SELECT body FROM sms_outbox WHERE id = ?`,
		recs[0].ID).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(stored, "k1:") || strings.Contains(stored, "Order") {
		t.Errorf("stored body %q is not sealed under key 1", stored)
	}
}

func TestStore_CreateOrder_AllOrNothing(t *testing.T) {
	s, _ := mustOpen(t)
	injected := errors.New("injected failure")
	s.failAfterOrderInsert = func() error { return injected }

	_, _, err := s.CreateOrder(context.Background(), sampleOrder("call-1", "tool-1"),
		confirmations())
	if !errors.Is(err, injected) {
		t.Fatalf("got %v, want the injected failure", err)
	}
	for _, table := range []string{"orders", "order_lines", "sms_outbox", "order_counters"} {
		if n := count(t, s, table); n != 0 {
			t.Errorf("%s: got %d rows after the failure, want 0", table, n)
		}
	}

	s.failAfterOrderInsert = nil
	o := mustCreate(t, s, sampleOrder("call-1", "tool-1"), confirmations())
	if o.Number != "20260821-001" {
		t.Errorf("got number %s after a rollback, want 20260821-001", o.Number)
	}
}

func TestStore_CreateOrder_Idempotent(t *testing.T) {
	const fp = "cart-a"
	tests := []struct {
		name       string
		firstFP    string
		second     NewOrder
		wantOrders int
		wantSame   bool
	}{
		{"same tool call id", fp, sampleOrder("call-1", "tool-1"), 1, true},
		{"same tool call id from another call", fp, sampleOrder("call-2", "tool-1"), 1, true},
		{"same call and cart", fp, withFingerprint(sampleOrder("call-1", "tool-2"), fp), 1, true},
		{"same call, other cart", fp, sampleOrder("call-1", "tool-2"), 2, false},
		{"other call, same cart", fp, withFingerprint(sampleOrder("call-2", "tool-2"), fp),
			2, false},
		{"empty fingerprints never match", "",
			withFingerprint(sampleOrder("call-1", "tool-2"), ""), 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := mustOpen(t)
			first := withFingerprint(sampleOrder("call-1", "tool-1"), tt.firstFP)
			o1 := mustCreate(t, s, first, confirmations())
			o2, created, err := s.CreateOrder(context.Background(), tt.second, confirmations())
			if err != nil {
				t.Fatalf("second CreateOrder: %v", err)
			}
			if created == tt.wantSame || (o1.ID == o2.ID) != tt.wantSame {
				t.Errorf("got created %v and ids %d, %d; want same order %v",
					created, o1.ID, o2.ID, tt.wantSame)
			}
			if n := count(t, s, "orders"); n != tt.wantOrders {
				t.Errorf("got %d orders, want %d", n, tt.wantOrders)
			}
			if n := count(t, s, "sms_outbox"); n != 2*tt.wantOrders {
				t.Errorf("got %d outbox rows, want %d", n, 2*tt.wantOrders)
			}
		})
	}
}

func withFingerprint(n NewOrder, fp string) NewOrder {
	n.CartFingerprint = fp
	return n
}

func TestStore_CreateOrder_CallLimit(t *testing.T) {
	s, _ := mustOpen(t)
	for i := range MaxOrdersPerCall {
		mustCreate(t, s, sampleOrder("call-1", fmt.Sprint("tool-", i)), nil)
	}
	_, _, err := s.CreateOrder(context.Background(), sampleOrder("call-1", "tool-x"), nil)
	if !errors.Is(err, ErrTooManyOrders) {
		t.Fatalf("got %v, want ErrTooManyOrders", err)
	}
	if n := count(t, s, "orders"); n != MaxOrdersPerCall {
		t.Errorf("got %d orders, want %d", n, MaxOrdersPerCall)
	}
	mustCreate(t, s, sampleOrder("call-2", "tool-y"), nil)
}

func TestStore_CreateOrder_Invalid(t *testing.T) {
	s, _ := mustOpen(t)
	tests := []struct {
		name string
		edit func(*NewOrder)
	}{
		{"no call id", func(n *NewOrder) { n.CallID = "" }},
		{"no tool call id", func(n *NewOrder) { n.ToolCallID = "" }},
		{"no lines", func(n *NewOrder) { n.Lines = nil }},
		{"quantity out of range", func(n *NewOrder) { n.Lines[0].Quantity = 0 }},
		{"gst above total", func(n *NewOrder) { n.GST = n.Total + 1 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := sampleOrder("call-1", "tool-1")
			tt.edit(&n)
			if _, _, err := s.CreateOrder(context.Background(), n, nil); err == nil {
				t.Error("got nil error, want a refusal")
			}
			if c := count(t, s, "orders"); c != 0 {
				t.Errorf("got %d orders, want 0", c)
			}
		})
	}
}

func TestStore_CreateOrder_ConcurrentNumbers(t *testing.T) {
	s, _ := mustOpen(t)
	const n = 50
	numbers := make(chan string, n)
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			o, _, err := s.CreateOrder(context.Background(),
				sampleOrder(fmt.Sprint("call-", i), fmt.Sprint("tool-", i)), confirmations())
			if err != nil {
				errs <- err
				return
			}
			numbers <- o.Number
		})
	}
	wg.Wait()
	close(numbers)
	close(errs)
	for err := range errs {
		t.Errorf("CreateOrder: %v", err)
	}
	got := map[string]bool{}
	for num := range numbers {
		if got[num] {
			t.Errorf("number %s handed out twice", num)
		}
		got[num] = true
	}
	for i := 1; i <= n; i++ {
		if want := fmt.Sprintf("20260821-%03d", i); !got[want] {
			t.Errorf("number %s missing: the sequence has a gap", want)
		}
	}
}

func TestStore_CreateOrder_NumbersNeverReused(t *testing.T) {
	s, _ := mustOpen(t)
	first := mustCreate(t, s, sampleOrder("call-1", "tool-1"), confirmations())
	mustCreate(t, s, sampleOrder("call-2", "tool-2"), confirmations())
	// An operator removing a row by hand must not make a number come back.
	for _, q := range []string{
		`DELETE FROM sms_outbox WHERE order_id = ?`, `DELETE FROM orders WHERE id = ?`,
	} {
		if _, err := s.write.Exec(q, first.ID); err != nil {
			t.Fatal(err)
		}
	}
	third := mustCreate(t, s, sampleOrder("call-3", "tool-3"), confirmations())
	if third.Number != "20260821-003" {
		t.Errorf("got number %s after a deletion, want 20260821-003", third.Number)
	}
}

func TestStore_CreateOrder_DayRollover(t *testing.T) {
	s, clk := mustOpen(t)
	// 23:59 shop time is 13:59 UTC: the shop day, not the UTC day, counts.
	clk.Set(time.Date(2026, 8, 21, 23, 59, 0, 0, shopZone))
	a := mustCreate(t, s, sampleOrder("call-1", "tool-1"), nil)
	b := mustCreate(t, s, sampleOrder("call-2", "tool-2"), nil)
	clk.Advance(2 * time.Minute)
	c := mustCreate(t, s, sampleOrder("call-3", "tool-3"), nil)

	got := []string{a.Number, b.Number, c.Number}
	want := []string{"20260821-001", "20260821-002", "20260822-001"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got numbers %v, want %v", got, want)
	}
}
