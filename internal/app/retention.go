package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/kebabalab/kebabalab/internal/clock"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// retentionInterval is how often customer details past PII_RETENTION_DAYS
// are erased. The job also runs once when the server starts, so a server
// restarted every night still erases.
const retentionInterval = 24 * time.Hour

// runRetention erases, at start-up and then daily until ctx ends, the
// customer details of orders and texts older than days, and reports each
// run's counts to counted.
func runRetention(ctx context.Context, store *sqlite.Store, clk *clock.Clock, days int,
	log *slog.Logger, counted func(sqlite.Erased),
) {
	tick := time.NewTicker(retentionInterval)
	defer tick.Stop()
	for {
		eraseOld(ctx, store, clk, days, log, counted)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

func eraseOld(ctx context.Context, store *sqlite.Store, clk *clock.Clock, days int,
	log *slog.Logger, counted func(sqlite.Erased),
) {
	cutoff := clk.Now().Add(-time.Duration(days) * 24 * time.Hour)
	e, err := store.ErasePersonalData(ctx, cutoff)
	counted(e) // a run cut short still erased what it counted
	if err != nil {
		if ctx.Err() == nil {
			log.Error("retention could not erase old customer details",
				slog.String("error", err.Error()))
		}
		return
	}
	if e.Orders+e.Texts > 0 {
		log.Info("retention erased old customer details", slog.Int64("orders", e.Orders),
			slog.Int64("texts", e.Texts), slog.Int("older_than_days", days))
	}
}
