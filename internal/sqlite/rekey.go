package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/kebabalab/kebabalab/internal/pii"
)

// Rekeyed reports a Rekey run.
type Rekeyed struct {
	Orders int // orders sealed and indexed again under the newest keys
	Texts  int // outbox rows sealed and indexed again under the newest keys
	// Failed rows could not be decrypted and were left as they are; they
	// were logged by id.
	Failed int
	// Remaining counts rows still on an older key after the run,
	// including the failed ones. Retire an old key only at 0.
	Remaining int
}

// minRekeyPause is the least time Rekey leaves the write lock free after
// each batch. It is longer than the longest sleep of SQLite's busy handler
// (100 ms), so a writer of another process that has been waiting for a
// while still retries, and gets the lock, inside every pause.
const minRekeyPause = 110 * time.Millisecond

// Rekey seals every order and text under the newest encryption key and
// indexes every order's and text's number under the newest index key, batch rows per
// transaction, so the server can go on taking orders meanwhile: each batch
// holds the write lock only for as long as it takes to re-seal its rows,
// and then Rekey leaves the lock free for as long again, at least
// minRekeyPause. Without that pause the server, another process waiting in
// SQLite's busy handler, would keep finding the lock taken again and an
// order could wait seconds. A run over N rows takes about N/batch × 0.1 s
// at least. progress, when set, is called after each batch.
//
// The server must already run with the same keys; a server without the
// newest key could not read the rows this moves onto it.
func (s *Store) Rekey(ctx context.Context, batch int, progress func(Rekeyed)) (
	Rekeyed, error,
) {
	if s.ephemeral {
		return Rekeyed{}, errors.New("sqlite: rekey needs the configured keys")
	}
	batch = max(batch, 1)
	var r Rekeyed
	for _, step := range []func(context.Context, *sql.Tx, int64, int, *Rekeyed) (int64, error){
		s.rekeyOrders, s.rekeyTexts,
	} {
		var after int64
		for {
			start := time.Now()
			last, err := s.inTx(ctx, func(tx *sql.Tx) (int64, error) {
				return step(ctx, tx, after, batch, &r)
			})
			if err != nil {
				return r, fmt.Errorf("sqlite: rekey: %w", err)
			}
			if last == after {
				break
			}
			after = last
			if progress != nil {
				progress(r)
			}
			if err := pause(ctx, max(time.Since(start), minRekeyPause)); err != nil {
				return r, fmt.Errorf("sqlite: rekey: %w", err)
			}
		}
	}
	n, err := s.staleRows(ctx)
	r.Remaining = n
	return r, err
}

// pause waits for d or until ctx ends.
func pause(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// inTx runs fn in a write transaction and commits it.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) (int64, error)) (int64, error) {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	v, err := fn(tx)
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		return 0, errors.Join(err, rollback(tx))
	}
	return v, nil
}

// staleOrders selects orders with a value or index not under the newest
// keys: ?1 and ?2 are the length and text of the key prefix, ?3 and ?4 of
// the index prefix.
const staleOrders = `pii_erased_at IS NULL AND (
	substr(customer_name, 1, ?1) <> ?2 OR substr(phone, 1, ?1) <> ?2
	OR substr(notes, 1, ?1) <> ?2 OR phone_bidx IS NULL OR substr(phone_bidx, 1, ?3) <> ?4)`

// staleTexts selects texts with a value or index not under the newest keys,
// with the same parameters as staleOrders. Texts written before migration
// 0004 have no index and are selected too.
const staleTexts = `to_number <> '' AND (
	substr(to_number, 1, ?1) <> ?2 OR substr(body, 1, ?1) <> ?2
	OR to_bidx IS NULL OR substr(to_bidx, 1, ?3) <> ?4)`

func (s *Store) prefixArgs() []any {
	k, i := pii.KeyPrefix(s.keys.ActiveKeyID()), pii.IndexPrefix(s.keys.ActiveIndexID())
	return []any{len(k), k, len(i), i}
}

func (s *Store) rekeyOrders(ctx context.Context, tx *sql.Tx, after int64, batch int,
	r *Rekeyed,
) (int64, error) {
	ids, err := selectIDs(ctx, tx, `SELECT id FROM orders WHERE `+staleOrders+
		` AND id > ?5 ORDER BY id LIMIT ?6`, append(s.prefixArgs(), after, batch)...)
	if err != nil {
		return after, err
	}
	for _, id := range ids {
		after = id
		o, err := s.loadOrder(ctx, tx, `WHERE id = ?`, id)
		if errors.Is(err, ErrUndecryptable) {
			r.Failed++
			continue
		}
		if err != nil {
			return after, err
		}
		if err := s.sealOrderDetails(ctx, tx, id, o.CustomerName, o.Phone, o.Notes); err != nil {
			return after, err
		}
		r.Orders++
	}
	return after, nil
}

func (s *Store) rekeyTexts(ctx context.Context, tx *sql.Tx, after int64, batch int,
	r *Rekeyed,
) (int64, error) {
	ids, err := selectIDs(ctx, tx, `SELECT id FROM sms_outbox WHERE `+staleTexts+
		` AND id > ?5 ORDER BY id LIMIT ?6`, append(s.prefixArgs(), after, batch)...)
	if err != nil {
		return after, err
	}
	for _, id := range ids {
		after = id
		var to, body string
		err := tx.QueryRowContext(ctx, `SELECT to_number, body FROM sms_outbox WHERE id = ?`,
			id).Scan(&to, &body)
		if err != nil {
			return after, err
		}
		to, errTo := s.open("sms_outbox", "to_number", id, to)
		body, errBody := s.open("sms_outbox", "body", id, body)
		if errTo != nil || errBody != nil {
			r.Failed++
			continue
		}
		if err := s.sealSMSDetails(ctx, tx, id, to, body); err != nil {
			return after, err
		}
		r.Texts++
	}
	return after, nil
}

// staleRows counts the rows not yet under the newest keys.
func (s *Store) staleRows(ctx context.Context) (int, error) {
	var orders, texts int
	args := s.prefixArgs()
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM orders WHERE `+staleOrders,
		args...).Scan(&orders)
	if err == nil {
		err = s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM sms_outbox WHERE `+staleTexts,
			args...).Scan(&texts)
	}
	if err != nil {
		return 0, fmt.Errorf("sqlite: count rows on old keys: %w", err)
	}
	return orders + texts, nil
}

func selectIDs(ctx context.Context, q queryer, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
