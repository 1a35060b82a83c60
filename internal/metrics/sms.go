package metrics

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// SMSCounts are the SMS worker's outcomes since the process started.
type SMSCounts struct {
	Sent    uint64
	Failed  uint64
	Skipped uint64 // dry-run
	Retried uint64 // attempts that will be tried again
}

// SMSBacklog is the part of the outbox still waiting to be sent.
type SMSBacklog struct {
	Pending       int
	OldestPending time.Duration // 0 when nothing is pending
}

// backlogTimeout bounds the database read one scrape makes.
const backlogTimeout = 2 * time.Second

// WatchSMS registers the SMS metrics. Both functions are called at scrape
// time, so the numbers are never stale and nothing has to push them:
// counts reads the worker's counters, backlog reads the outbox in one
// query so pending count and oldest age come from the same snapshot. When
// backlog fails, the two backlog gauges are left out of that scrape (an
// alert on their absence notices) and the other metrics are still served.
func (m *Metrics) WatchSMS(counts func() SMSCounts,
	backlog func(ctx context.Context) (SMSBacklog, error),
) {
	m.reg.MustRegister(&smsCollector{counts: counts, backlog: backlog})
}

var (
	smsTotalDesc = prometheus.NewDesc("kebabalab_sms_total",
		"Outbox messages finished by the SMS worker, by outcome "+
			"(skipped: dry-run without Twilio credentials).", []string{"outcome"}, nil)
	smsRetriesDesc = prometheus.NewDesc("kebabalab_sms_retries_total",
		"SMS send attempts that failed and will be tried again.", nil, nil)
	smsPendingDesc = prometheus.NewDesc("kebabalab_sms_pending",
		"Outbox messages waiting to be sent (pending or being sent).", nil, nil)
	smsOldestDesc = prometheus.NewDesc("kebabalab_sms_oldest_pending_age_seconds",
		"Age of the oldest outbox message waiting to be sent; 0 when none.", nil, nil)
)

type smsCollector struct {
	counts  func() SMSCounts
	backlog func(ctx context.Context) (SMSBacklog, error)
}

func (c *smsCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{smsTotalDesc, smsRetriesDesc, smsPendingDesc,
		smsOldestDesc} {
		ch <- d
	}
}

func (c *smsCollector) Collect(ch chan<- prometheus.Metric) {
	n := c.counts()
	for outcome, v := range map[string]uint64{
		"sent": n.Sent, "failed": n.Failed, "skipped": n.Skipped,
	} {
		ch <- prometheus.MustNewConstMetric(smsTotalDesc, prometheus.CounterValue,
			float64(v), outcome)
	}
	ch <- prometheus.MustNewConstMetric(smsRetriesDesc, prometheus.CounterValue,
		float64(n.Retried))

	ctx, cancel := context.WithTimeout(context.Background(), backlogTimeout)
	defer cancel()
	b, err := c.backlog(ctx)
	if err != nil {
		return
	}
	ch <- prometheus.MustNewConstMetric(smsPendingDesc, prometheus.GaugeValue,
		float64(b.Pending))
	ch <- prometheus.MustNewConstMetric(smsOldestDesc, prometheus.GaugeValue,
		b.OldestPending.Seconds())
}
