package sqlite

import (
	"context"
	"fmt"
	"testing"
	"time"
)

func TestStore_ErasePersonalData(t *testing.T) {
	ctx := context.Background()
	s, clk := mustOpen(t)
	const days = 365
	// Orders on both sides of the limit, measured from when retention runs.
	runAt := lunchtime.Add(400 * 24 * time.Hour)
	cutoff := runAt.Add(-days * 24 * time.Hour)
	ages := []struct {
		at    time.Time
		erase bool
	}{
		{cutoff.Add(-35 * 24 * time.Hour), true},
		{cutoff.Add(-time.Millisecond), true},
		{cutoff, false}, // exactly at the limit is kept
		{cutoff.Add(time.Hour), false},
		{runAt, false},
	}
	var orders []Order
	for i, a := range ages {
		clk.Set(a.at)
		o := mustCreate(t, s, canaryOrder(fmt.Sprint("call-", i), fmt.Sprint("tool-", i)),
			canaryTexts())
		orders = append(orders, o)
	}
	// A text still waiting to be sent is kept whatever its age.
	clk.Set(ages[0].at)
	waiting := mustEnqueue(t, s, NewSMS{Kind: KindReceipt, To: "+61491570157", Body: "r"})
	clk.Set(runAt)
	// Mark every order text sent, as the worker would have.
	if _, err := s.write.Exec(`UPDATE sms_outbox SET status = 'sent'
		WHERE order_id IS NOT NULL`); err != nil {
		t.Fatal(err)
	}

	got, err := s.ErasePersonalData(ctx, cutoff)
	if err != nil {
		t.Fatal(err)
	}
	if got != (Erased{Orders: 2, Texts: 4}) {
		t.Fatalf("erased %+v, want 2 orders and their 4 texts", got)
	}
	for i, a := range ages {
		o, err := s.OrderByNumber(ctx, orders[i].Number)
		if err != nil {
			t.Fatalf("order %d: %v", i, err)
		}
		erased := o.CustomerName == "" && o.Phone == "" && o.Notes == ""
		if erased != a.erase {
			t.Errorf("order %d (%s): erased %v, want %v", i, a.at, erased, a.erase)
		}
		if o.Total != orders[i].Total || len(o.Lines) != 2 ||
			!o.CreatedAt.Equal(orders[i].CreatedAt) {
			t.Errorf("order %d lost what the books need: %+v", i, o)
		}
		recs, _ := s.SMSRecordsForOrder(ctx, o.ID)
		for _, r := range recs {
			if (r.Body == "") != a.erase || r.BodyUnreadable {
				t.Errorf("order %d text %d: body %q, want erased %v", i, r.ID, r.Body, a.erase)
			}
		}
	}
	if n := countWhere(t, s, `sms_outbox`, `to_number = '' AND to_bidx IS NOT NULL`); n != 0 {
		t.Errorf("%d erased texts kept their number's blind index", n)
	}
	if n := countWhere(t, s, `sms_outbox`, `to_number <> '' AND to_bidx IS NULL`); n != 0 {
		t.Errorf("%d kept texts lost their number's blind index", n)
	}
	if rec, _ := s.SMSRecord(ctx, waiting.ID); rec.Body != "r" {
		t.Errorf("a pending text was erased: %+v", rec)
	}
	if n, _ := s.CountOrdersByPhone(ctx, canaryPhone); n != 3 {
		t.Errorf("CountOrdersByPhone after retention: got %d, want the 3 kept orders", n)
	}
	if again, err := s.ErasePersonalData(ctx, cutoff); err != nil || again != (Erased{}) {
		t.Errorf("second run: got %+v, %v; want nothing erased", again, err)
	}
}
