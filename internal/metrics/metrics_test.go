package metrics

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	srv := httptest.NewServer(m.Handler())
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("scrape: status %d, %v", resp.StatusCode, err)
	}
	return string(body)
}

func TestWatchSMS_ReadsAtScrapeTime(t *testing.T) {
	m := New()
	var sent atomic.Uint64
	var backlogErr atomic.Bool
	m.WatchSMS(func() SMSCounts {
		return SMSCounts{Sent: sent.Load(), Failed: 1, Skipped: 4, Retried: 2}
	}, func(context.Context) (SMSBacklog, error) {
		if backlogErr.Load() {
			return SMSBacklog{}, errors.New("database is closed")
		}
		return SMSBacklog{Pending: 3, OldestPending: 90 * time.Second}, nil
	})
	m.OrdersCreated.Inc()

	sent.Store(7)
	tests := []struct {
		name     string
		failing  bool
		want     []string
		wantGone []string
	}{
		{"backlog readable", false, []string{
			`kebabalab_sms_total{outcome="sent"} 7`,
			`kebabalab_sms_total{outcome="failed"} 1`,
			`kebabalab_sms_total{outcome="skipped"} 4`,
			`kebabalab_sms_retries_total 2`,
			`kebabalab_sms_pending 3`,
			`kebabalab_sms_oldest_pending_age_seconds 90`,
			`kebabalab_orders_created_total 1`,
		}, nil},
		{"backlog failing", true, []string{
			`kebabalab_sms_total{outcome="sent"} 7`,
			`kebabalab_orders_created_total 1`,
		}, []string{"kebabalab_sms_pending ", "kebabalab_sms_oldest_pending_age_seconds "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			backlogErr.Store(tt.failing)
			body := scrape(t, m)
			for _, w := range tt.want {
				if !strings.Contains(body, w+"\n") {
					t.Errorf("missing %q", w)
				}
			}
			for _, g := range tt.wantGone {
				if strings.Contains(body, g) {
					t.Errorf("unexpected %q", g)
				}
			}
		})
	}
}
