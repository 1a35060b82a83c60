package sqlite

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

func receipt(to string) NewSMS {
	return NewSMS{Kind: KindReceipt, To: to, Body: "Your receipt"}
}

func mustEnqueue(t *testing.T, s *Store, m NewSMS) SMSRecord {
	t.Helper()
	rec, err := s.EnqueueSMS(context.Background(), m)
	if err != nil {
		t.Fatalf("EnqueueSMS: %v", err)
	}
	return rec
}

func TestStore_EnqueueSMS_HourlyCap(t *testing.T) {
	s, clk := mustOpen(t)
	const to = "+61491570006"
	for i := range MaxSMSPerHour {
		if rec := mustEnqueue(t, s, receipt(to)); rec.Status != SMSPending {
			t.Fatalf("message %d: got status %s, want pending", i+1, rec.Status)
		}
		clk.Advance(time.Minute)
	}
	over := mustEnqueue(t, s, receipt(to))
	if over.Status != SMSSkipped || over.LastError != ReasonRateLimited {
		t.Errorf("message over the cap: got %s/%s, want skipped/%s",
			over.Status, over.LastError, ReasonRateLimited)
	}
	if rec := mustEnqueue(t, s, receipt("+61491570156")); rec.Status != SMSPending {
		t.Errorf("another number: got %s, want pending", rec.Status)
	}
	shop := NewSMS{Kind: KindOrderShop, To: to, Body: "New order"}
	if rec := mustEnqueue(t, s, shop); rec.Status != SMSPending {
		t.Errorf("shop text: got %s, want pending (exempt from the cap)", rec.Status)
	}

	// The first message leaves the rolling hour 60 minutes after it was sent.
	clk.Advance(time.Hour - time.Duration(MaxSMSPerHour)*time.Minute + time.Millisecond)
	if rec := mustEnqueue(t, s, receipt(to)); rec.Status != SMSPending {
		t.Errorf("an hour later: got %s, want pending", rec.Status)
	}
}

func TestStore_CreateOrder_OverCapStillOrders(t *testing.T) {
	s, _ := mustOpen(t)
	for range MaxSMSPerHour {
		mustEnqueue(t, s, receipt("+61491570006"))
	}
	o := mustCreate(t, s, sampleOrder("call-1", "tool-1"), confirmations())
	recs, err := s.SMSRecordsForOrder(context.Background(), o.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[SMSKind]SMSStatus{}
	for _, r := range recs {
		got[r.Kind] = r.Status
	}
	if got[KindOrderCustomer] != SMSSkipped || got[KindOrderShop] != SMSPending {
		t.Errorf("got statuses %v, want customer skipped and shop pending", got)
	}
}

func TestStore_EnqueueSMS_Invalid(t *testing.T) {
	s, _ := mustOpen(t)
	tests := []struct {
		name string
		m    NewSMS
	}{
		{"empty body", NewSMS{Kind: KindReceipt, To: "+61491570006"}},
		{"empty number", NewSMS{Kind: KindReceipt, Body: "hi"}},
		{"unknown kind", NewSMS{Kind: "promo", To: "+61491570006", Body: "hi"}},
		{"render outside an order", NewSMS{Kind: KindReceipt, To: "+61491570006",
			Render: func(Order) string { return "hi" }}},
		{"missing order", NewSMS{Kind: KindReceipt, To: "+61491570006", Body: "hi",
			OrderID: 42}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := s.EnqueueSMS(context.Background(), tt.m); err == nil {
				t.Error("got nil error, want a refusal")
			}
		})
	}
	if n := count(t, s, "sms_outbox"); n != 0 {
		t.Errorf("got %d outbox rows, want 0", n)
	}
}

func TestStore_ClaimSMS(t *testing.T) {
	s, clk := mustOpen(t)
	ctx := context.Background()
	lease := 2 * time.Minute
	o := mustCreate(t, s, sampleOrder("call-1", "tool-1"), confirmations())
	clk.Advance(time.Second)
	menu := mustEnqueue(t, s, NewSMS{Kind: KindMenuLink, To: "+61491570157", Body: "Menu"})
	now := clk.Now()

	var claimed []OutboxSMS
	for {
		m, err := s.ClaimSMS(ctx, now, lease)
		if errors.Is(err, ErrNoneDue) {
			break
		}
		if err != nil {
			t.Fatalf("ClaimSMS: %v", err)
		}
		claimed = append(claimed, m)
	}
	if len(claimed) != 3 {
		t.Fatalf("claimed %d messages, want 3", len(claimed))
	}
	first := claimed[0]
	want := OutboxSMS{ID: first.ID, Kind: KindOrderCustomer, To: "+61491570006",
		Body: "Order #001 ref " + o.Number, Attempts: 1, OrderNumber: o.Number}
	if first != want {
		t.Errorf("got first claim %+v, want %+v", first, want)
	}
	if last := claimed[2]; last.ID != menu.ID || last.OrderNumber != "" {
		t.Errorf("got last claim %+v, want the menu link without an order", last)
	}

	// An abandoned lease is claimed again once it runs out.
	if _, err := s.ClaimSMS(ctx, now.Add(lease-time.Millisecond), lease); !errors.Is(
		err, ErrNoneDue) {
		t.Errorf("claim inside the lease: got %v, want ErrNoneDue", err)
	}
	again, err := s.ClaimSMS(ctx, now.Add(lease), lease)
	if err != nil || again.ID != first.ID || again.Attempts != 2 {
		t.Errorf("claim after the lease: got %+v, %v; want message %d attempt 2",
			again, err, first.ID)
	}
}

func TestStore_FinishSMS(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name       string
		finish     func(s *Store, id int64, now time.Time) error
		wantStatus SMSStatus
		wantError  string
		wantSID    string
	}{
		{"sent", func(s *Store, id int64, now time.Time) error {
			return s.MarkSMSSent(ctx, id, "SM123", now)
		}, SMSSent, "", "SM123"},
		{"failed", func(s *Store, id int64, now time.Time) error {
			return s.MarkSMSFailed(ctx, id, "21211", now)
		}, SMSFailed, "21211", ""},
		{"skipped", func(s *Store, id int64, now time.Time) error {
			return s.MarkSMSSkipped(ctx, id, "dry_run", now)
		}, SMSSkipped, "dry_run", ""},
		{"retry", func(s *Store, id int64, now time.Time) error {
			return s.RetrySMS(ctx, id, "20429", now.Add(time.Minute), now)
		}, SMSPending, "20429", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, clk := mustOpen(t)
			rec := mustEnqueue(t, s, receipt("+61491570006"))
			now := clk.Now()
			if err := tt.finish(s, rec.ID, now); !errors.Is(err, ErrNotFound) {
				t.Errorf("finish before a claim: got %v, want ErrNotFound", err)
			}
			if _, err := s.ClaimSMS(ctx, now, time.Minute); err != nil {
				t.Fatal(err)
			}
			if err := tt.finish(s, rec.ID, now); err != nil {
				t.Fatalf("finish: %v", err)
			}
			got, err := s.SMSRecord(ctx, rec.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != tt.wantStatus || got.LastError != tt.wantError ||
				got.TwilioSID != tt.wantSID || got.Attempts != 1 {
				t.Errorf("got %+v, want status %s error %q sid %q attempts 1",
					got, tt.wantStatus, tt.wantError, tt.wantSID)
			}
		})
	}
}

func TestStore_RetrySMS_NotDueEarly(t *testing.T) {
	s, clk := mustOpen(t)
	ctx := context.Background()
	rec := mustEnqueue(t, s, receipt("+61491570006"))
	now := clk.Now()
	if _, err := s.ClaimSMS(ctx, now, time.Minute); err != nil {
		t.Fatal(err)
	}
	due := now.Add(10 * time.Second)
	if err := s.RetrySMS(ctx, rec.ID, "20429", due, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClaimSMS(ctx, due.Add(-time.Millisecond), time.Minute); !errors.Is(
		err, ErrNoneDue) {
		t.Errorf("before it is due: got %v, want ErrNoneDue", err)
	}
	if m, err := s.ClaimSMS(ctx, due, time.Minute); err != nil || m.Attempts != 2 {
		t.Errorf("when due: got %+v, %v; want attempt 2", m, err)
	}
}

func TestStore_RequeueInterruptedSMS(t *testing.T) {
	s, clk := mustOpen(t)
	ctx := context.Background()
	a := mustEnqueue(t, s, receipt("+61491570006"))
	b := mustEnqueue(t, s, receipt("+61491570156"))
	now := clk.Now()
	if _, err := s.ClaimSMS(ctx, now, time.Hour); err != nil {
		t.Fatal(err)
	}
	n, err := s.RequeueInterruptedSMS(ctx, now)
	if err != nil || n != 1 {
		t.Fatalf("RequeueInterruptedSMS: got %d, %v; want 1", n, err)
	}
	for _, id := range []int64{a.ID, b.ID} {
		rec, err := s.SMSRecord(ctx, id)
		if err != nil || rec.Status != SMSPending {
			t.Errorf("message %d: got %+v, %v; want pending", id, rec, err)
		}
	}
	if m, err := s.ClaimSMS(ctx, now, time.Hour); err != nil || m.ID != a.ID {
		t.Errorf("got %+v, %v; want the interrupted message %d due at once", m, err, a.ID)
	}
}

func TestStore_OutboxStats(t *testing.T) {
	s, clk := mustOpen(t)
	ctx := context.Background()
	st, err := s.OutboxStats(ctx, clk.Now())
	if err != nil || st != (OutboxStats{}) {
		t.Fatalf("empty outbox: got %+v, %v; want zero", st, err)
	}
	for i := range 3 {
		mustEnqueue(t, s, receipt(fmt.Sprint("+6149157000", i)))
		clk.Advance(time.Minute)
	}
	m, err := s.ClaimSMS(ctx, clk.Now(), time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.MarkSMSSent(ctx, m.ID, "SM1", clk.Now()); err != nil {
		t.Fatal(err)
	}
	st, err = s.OutboxStats(ctx, clk.Now())
	want := OutboxStats{Pending: 2, OldestPending: 2 * time.Minute}
	if err != nil || st != want {
		t.Errorf("got %+v, %v; want %+v", st, err, want)
	}
}
