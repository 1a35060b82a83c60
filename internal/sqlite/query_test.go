package sqlite

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/phone"
)

func TestStore_CallerHistory(t *testing.T) {
	s, clk := mustOpen(t)
	ctx := context.Background()
	first := sampleOrder("call-1", "tool-1")
	first.Phone = "+61412345678"
	mustCreate(t, s, first, nil)
	clk.Advance(time.Hour)
	second := sampleOrder("call-2", "tool-2")
	second.Phone = "+61412345678"
	second.Notes = "second"
	want := mustCreate(t, s, second, nil)
	mustCreate(t, s, sampleOrder("call-3", "tool-3"), nil) // someone else

	spoken, err := phone.Normalize("0412 345 678")
	if err != nil {
		t.Fatal(err)
	}
	last, err := s.LastOrderByPhone(ctx, spoken)
	if err != nil {
		t.Fatalf("LastOrderByPhone: %v", err)
	}
	if last.ID != want.ID {
		t.Errorf("got order %s, want the newest, %s", last.Number, want.Number)
	}
	n, err := s.CountOrdersByPhone(ctx, spoken)
	if err != nil || n != 2 {
		t.Errorf("CountOrdersByPhone: got %d, %v; want 2", n, err)
	}
	byCall, err := s.LastOrderByCall(ctx, "call-2")
	if err != nil || byCall.ID != want.ID {
		t.Errorf("LastOrderByCall: got %d, %v; want order %d", byCall.ID, err, want.ID)
	}
}

func TestStore_Reads_NotFound(t *testing.T) {
	s, _ := mustOpen(t)
	ctx := context.Background()
	reads := []struct {
		name string
		read func() error
	}{
		{"by number", func() error { _, err := s.OrderByNumber(ctx, "20260821-001"); return err }},
		{"by phone", func() error {
			_, err := s.LastOrderByPhone(ctx, "+61491570006")
			return err
		}},
		{"by call", func() error { _, err := s.LastOrderByCall(ctx, "call-1"); return err }},
		{"sms record", func() error { _, err := s.SMSRecord(ctx, 1); return err }},
	}
	for _, r := range reads {
		t.Run(r.name, func(t *testing.T) {
			if err := r.read(); !errors.Is(err, ErrNotFound) {
				t.Errorf("got %v, want ErrNotFound", err)
			}
		})
	}
	if n, err := s.CountOrdersByPhone(ctx, "+61491570006"); err != nil || n != 0 {
		t.Errorf("CountOrdersByPhone: got %d, %v; want 0, nil", n, err)
	}
}
