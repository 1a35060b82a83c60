package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/kebabalab/kebabalab/internal/pii"
)

// KeyError is Open's refusal of the configured keys: a key whose id the
// database knows but whose secret differs (Missing false), or a key id that
// data still needs and that is not configured (Missing true).
type KeyError struct {
	Kind    pii.Kind
	KeyID   int
	Missing bool
}

func (e *KeyError) Error() string {
	if e.Missing {
		return fmt.Sprintf("the database holds data under %s key %d, which is not "+
			"configured; keep that key until `kebabalab rekey` reports no rows left on it",
			e.Kind, e.KeyID)
	}
	return fmt.Sprintf("%s key %d is not the key this database was written with", e.Kind,
		e.KeyID)
}

// preparePII runs at Open after the migrations: with configured keys it
// checks them and seals rows written before encryption was introduced. A
// store on throw-away keys does neither, since nothing it wrote would be
// readable later.
func (s *Store) preparePII(ctx context.Context) error {
	if s.ephemeral {
		return nil
	}
	if err := s.checkKeys(ctx); err != nil {
		return err
	}
	return s.sealLegacy(ctx)
}

// checkKeys compares every configured key with the check value recorded
// for its id, records one for an id seen for the first time, and refuses
// to go on when a recorded id is not configured but rows still use it.
func (s *Store) checkKeys(ctx context.Context) (err error) {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: check keys: begin: %w", err)
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, rollback(tx))
		}
	}()
	recorded, err := keyChecks(ctx, tx)
	if err != nil {
		return err
	}
	for _, kind := range []pii.Kind{pii.Encryption, pii.Index} {
		if err := s.checkKind(ctx, tx, kind, recorded[kind]); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: check keys: commit: %w", err)
	}
	return nil
}

func (s *Store) checkKind(ctx context.Context, tx *sql.Tx, kind pii.Kind,
	recorded map[int]string,
) error {
	ids := s.keys.KeyIDs()
	if kind == pii.Index {
		ids = s.keys.IndexIDs()
	}
	configured := map[int]bool{}
	for _, id := range ids {
		configured[id] = true
		check, known := recorded[id]
		if known {
			if err := s.keys.VerifyKeyCheck(kind, id, check); err != nil {
				return &KeyError{Kind: kind, KeyID: id}
			}
			continue
		}
		if err := s.recordKeyCheck(ctx, tx, kind, id); err != nil {
			return err
		}
	}
	for id := range recorded {
		if configured[id] {
			continue
		}
		used, err := keyInUse(ctx, tx, kind, id)
		if err != nil {
			return err
		}
		if used {
			return &KeyError{Kind: kind, KeyID: id, Missing: true}
		}
	}
	return nil
}

func keyChecks(ctx context.Context, tx *sql.Tx) (map[pii.Kind]map[int]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT kind, key_id, check_value FROM pii_key_checks`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: read key checks: %w", err)
	}
	defer rows.Close()
	out := map[pii.Kind]map[int]string{pii.Encryption: {}, pii.Index: {}}
	for rows.Next() {
		var (
			kind  pii.Kind
			id    int
			check string
		)
		if err := rows.Scan(&kind, &id, &check); err != nil {
			return nil, fmt.Errorf("sqlite: read key checks: %w", err)
		}
		if out[kind] != nil {
			out[kind][id] = check
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: read key checks: %w", err)
	}
	return out, nil
}

func (s *Store) recordKeyCheck(ctx context.Context, tx *sql.Tx, kind pii.Kind, id int) error {
	check, err := s.keys.KeyCheck(kind, id)
	if err != nil {
		return fmt.Errorf("sqlite: record key check: %w", err)
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO pii_key_checks (kind, key_id, check_value, created_at)
		VALUES (?, ?, ?, ?)`, string(kind), id, check, formatTime(s.now()))
	if err != nil {
		return fmt.Errorf("sqlite: record key check: %w", err)
	}
	return nil
}

// keyInUse reports whether any stored value was sealed, or any phone
// indexed, under the key.
func keyInUse(ctx context.Context, tx *sql.Tx, kind pii.Kind, id int) (bool, error) {
	query := `SELECT EXISTS (SELECT 1 FROM orders WHERE substr(phone_bidx, 1, ?1) = ?2)
		OR EXISTS (SELECT 1 FROM sms_outbox WHERE substr(to_bidx, 1, ?1) = ?2)`
	prefix := pii.IndexPrefix(id)
	if kind == pii.Encryption {
		prefix = pii.KeyPrefix(id)
		query = `SELECT EXISTS (SELECT 1 FROM orders
				WHERE substr(customer_name, 1, ?1) = ?2 OR substr(phone, 1, ?1) = ?2
					OR substr(notes, 1, ?1) = ?2)
			OR EXISTS (SELECT 1 FROM sms_outbox
				WHERE substr(to_number, 1, ?1) = ?2 OR substr(body, 1, ?1) = ?2)`
	}
	var used bool
	if err := tx.QueryRowContext(ctx, query, len(prefix), prefix).Scan(&used); err != nil {
		return false, fmt.Errorf("sqlite: find data under a key: %w", err)
	}
	return used, nil
}
