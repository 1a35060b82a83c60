package demo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/kebabalab/kebabalab/internal/pii"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// QueuedSMS is one text queued for an order, as the demo prints it.
type QueuedSMS struct {
	Kind   string // order_customer, order_shop, ...
	Status string // pending, sent, skipped, ...
	Reason string // error code or skip reason, such as dry_run
	Body   string
}

// Outbox returns the texts queued for the order numbered YYYYMMDD-NNN.
type Outbox func(ctx context.Context, orderNumber string) ([]QueuedSMS, error)

// unreadableBody stands for a text the keys cannot open.
const unreadableBody = "(cannot be decrypted: the demo has other keys than the server; " +
	"give it the server's APP_ENV, PII_ENCRYPTION_KEY and PII_INDEX_KEY)"

// StoreOutbox reads the outbox of the SQLite database at path, which the
// running server shares (WAL lets both use it), opening the sealed texts
// with keys, which must be the server's. Opening it applies no migration
// the server has not already applied, and sqlite.Open refuses keys that
// differ from the ones the database was written with.
func StoreOutbox(path string, keys *pii.Keyring) Outbox {
	return func(ctx context.Context, orderNumber string) ([]QueuedSMS, error) {
		// Without keys the store would use throw-away ones and every body
		// would read as unreadable.
		if keys == nil {
			return nil, errors.New("demo: no keys to open the texts with")
		}
		// sqlite.Open would create a missing file: refuse instead, so a
		// wrong DATABASE_PATH is reported rather than papered over.
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("demo: no database at %s; is DATABASE_PATH the server's?", path)
		}
		store, err := sqlite.Open(ctx, path, sqlite.WithPII(keys))
		if ke := (*sqlite.KeyError)(nil); errors.As(err, &ke) {
			return nil, fmt.Errorf("demo: the keys differ from the server's; give the demo "+
				"the server's APP_ENV, PII_ENCRYPTION_KEY and PII_INDEX_KEY: %w", err)
		}
		if err != nil {
			return nil, err
		}
		defer store.Close()
		o, err := store.OrderByNumber(ctx, orderNumber)
		if err != nil {
			return nil, err
		}
		recs, err := store.SMSRecordsForOrder(ctx, o.ID)
		if err != nil {
			return nil, err
		}
		out := make([]QueuedSMS, 0, len(recs))
		for _, r := range recs {
			body := r.Body
			if r.BodyUnreadable {
				body = unreadableBody
			}
			out = append(out, QueuedSMS{
				Kind: string(r.Kind), Status: string(r.Status), Reason: r.LastError,
				Body: body,
			})
		}
		return out, nil
	}
}

// settled wraps outbox so that it reads again, for up to wait, while a
// text is still pending or being sent: the worker usually finishes within
// milliseconds, and the demo should show where each text ended.
func settled(outbox Outbox, wait time.Duration) Outbox {
	return func(ctx context.Context, orderNumber string) ([]QueuedSMS, error) {
		deadline := time.Now().Add(wait)
		for {
			msgs, err := outbox(ctx, orderNumber)
			if err != nil || !inFlight(msgs) || time.Now().After(deadline) {
				return msgs, err
			}
			select {
			case <-ctx.Done():
				return msgs, nil
			case <-time.After(100 * time.Millisecond):
			}
		}
	}
}

func inFlight(msgs []QueuedSMS) bool {
	for _, m := range msgs {
		if m.Status == string(sqlite.SMSPending) || m.Status == string(sqlite.SMSSending) {
			return true
		}
	}
	return false
}

// printSMS lists the texts queued for the order, if one was placed.
func printSMS(ctx context.Context, out io.Writer, outbox Outbox, orderNumber string) error {
	fmt.Fprintln(out)
	if orderNumber == "" {
		fmt.Fprintln(out, "No order was placed, so no SMS was queued.")
		return nil
	}
	msgs, err := outbox(ctx, orderNumber)
	if err != nil {
		return fmt.Errorf("demo: reading the SMS outbox: %w", err)
	}
	fmt.Fprintf(out, "SMS queued for order %s:\n", orderNumber)
	if len(msgs) == 0 {
		fmt.Fprintln(out, "  none")
	}
	for _, m := range msgs {
		state := m.Status
		if m.Reason != "" {
			state += " (" + m.Reason + ")"
		}
		fmt.Fprintf(out, "  %s, %s:\n    %s\n", m.Kind, state, m.Body)
	}
	return nil
}
