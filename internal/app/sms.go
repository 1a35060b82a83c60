package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/kebabalab/kebabalab/internal/clock"
	"github.com/kebabalab/kebabalab/internal/config"
	"github.com/kebabalab/kebabalab/internal/metrics"
	"github.com/kebabalab/kebabalab/internal/sms"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// smsRestartDelay is the pause before the SMS worker is started again after
// it could not start (the database was unavailable).
const smsRestartDelay = 5 * time.Second

// newSMSWorker builds the outbox worker: with Twilio when the credentials
// are configured, otherwise in dry-run, where every message is recorded as
// skipped and nothing leaves the machine (SPEC §8). The worker reads time
// from the shop clock, like the store that stamps the outbox rows, so a
// KEBABALAB_NOW clock does not leave messages due in the future.
func newSMSWorker(cfg *config.Config, log *slog.Logger, clk *clock.Clock,
	store *sqlite.Store,
) (*sms.Worker, error) {
	var sender sms.Sender
	if cfg.Twilio.DryRun {
		log.Warn("SMS is in dry-run: TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are not " +
			"both set, so texts are recorded as skipped and none is sent")
	} else {
		tw, err := sms.NewTwilio(sms.TwilioConfig{
			AccountSID:          cfg.Twilio.AccountSID,
			AuthToken:           cfg.Twilio.AuthToken,
			MessagingServiceSID: cfg.Twilio.MessagingServiceSID,
			From:                cfg.Twilio.FromNumber,
			APIURL:              cfg.Twilio.APIURL,
		})
		if err != nil {
			return nil, err
		}
		sender = tw
	}
	return sms.NewWorker(store, sms.WorkerConfig{Sender: sender, Logger: log, Now: clk.Now}), nil
}

// runSMS keeps the worker running until ctx ends. Run returns early only
// when it cannot put back messages a crash left half-sent; it is started
// again, since orders keep queuing texts meanwhile.
func runSMS(ctx context.Context, w *sms.Worker, log *slog.Logger) {
	for {
		err := w.Run(ctx)
		if err == nil || ctx.Err() != nil {
			return
		}
		log.Error("sms worker could not start; trying again", slog.String("error", err.Error()))
		select {
		case <-ctx.Done():
			return
		case <-time.After(smsRestartDelay):
		}
	}
}

// watchSMS exports the worker's counters and the outbox backlog, both read
// at scrape time.
func watchSMS(met *metrics.Metrics, w *sms.Worker, store *sqlite.Store, clk *clock.Clock) {
	met.WatchSMS(func() metrics.SMSCounts {
		s := w.Stats()
		return metrics.SMSCounts{
			Sent: s.Sent, Failed: s.Failed, Skipped: s.Skipped, Retried: s.Retried,
		}
	}, func(ctx context.Context) (metrics.SMSBacklog, error) {
		st, err := store.OutboxStats(ctx, clk.Now())
		return metrics.SMSBacklog{Pending: st.Pending, OldestPending: st.OldestPending}, err
	})
}

// ready reports whether the database answers: both pools reach it and a
// real query over the schema succeeds, which a closed or broken store
// fails. The menu is loaded and validated before the server starts and
// cannot become unusable afterwards.
func ready(store *sqlite.Store, clk *clock.Clock) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		if err := store.Ping(ctx); err != nil {
			return err
		}
		_, err := store.OutboxStats(ctx, clk.Now())
		return err
	}
}
