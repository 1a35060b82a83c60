package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/kebabalab/kebabalab/internal/pii"
)

// Customers' details are sealed with internal/pii before they are written
// and opened as they are read, all inside this package, so callers see
// plaintext and the file never holds it.
//
// Each value is bound to its table, column and row id. The id is known only
// after the INSERT, so a row is inserted with empty details and updated
// with the sealed ones in the same transaction: nothing is committed, or
// reaches the WAL, in between. The id (the INTEGER PRIMARY KEY) never
// changes, VACUUM and VACUUM INTO keep it, and it is the one identity every
// table has; order numbers and tool-call ids would have served orders only.

// ErrUndecryptable is what reading a row whose details cannot be opened
// wraps: a wrong or missing key, a changed value, or a value moved from
// another row. Only that row is affected.
var ErrUndecryptable = errors.New("sqlite: a row's personal data cannot be decrypted")

// PIIError reports one row whose personal data could not be opened. It
// names the row, never its content.
type PIIError struct {
	Table  string
	Column string
	RowID  int64
	Err    error // from internal/pii: ErrAuthentication, ErrUnknownKey, ErrMalformed
}

func (e *PIIError) Error() string {
	return fmt.Sprintf("sqlite: %s row %d: %s cannot be decrypted: %v",
		e.Table, e.RowID, e.Column, e.Err)
}

// Unwrap lets errors.Is match both ErrUndecryptable and the pii reason.
func (e *PIIError) Unwrap() []error { return []error{ErrUndecryptable, e.Err} }

// seal seals one column value of a row.
func (s *Store) seal(table, column string, id int64, plain string) (string, error) {
	v, err := s.keys.Seal(table, column, id, plain)
	if err != nil {
		return "", fmt.Errorf("sqlite: seal %s.%s: %w", table, column, err)
	}
	return v, nil
}

// open opens one column value of a row, logging a failure without content.
func (s *Store) open(table, column string, id int64, sealed string) (string, error) {
	plain, err := s.keys.Open(table, column, id, sealed)
	if err != nil {
		s.log.Error("personal data cannot be decrypted", "table", table, "column", column,
			"row_id", id, "reason", reason(err))
		return "", &PIIError{Table: table, Column: column, RowID: id, Err: err}
	}
	return plain, nil
}

// reason is a short, content-free word for a pii error, for logs.
func reason(err error) string {
	switch {
	case errors.Is(err, pii.ErrUnknownKey):
		return "unknown_key"
	case errors.Is(err, pii.ErrAuthentication):
		return "authentication_failed"
	case errors.Is(err, pii.ErrMalformed):
		return "not_sealed"
	}
	return "error"
}

// sealedOrder is the stored form of an order's details.
type sealedOrder struct {
	name, phone, notes string
	erased             sql.NullString
}

// openOrder fills in o's details from their stored form. An order erased
// by retention has none.
func (s *Store) openOrder(o *Order, st sealedOrder) error {
	if st.erased.Valid {
		o.CustomerName, o.Phone, o.Notes = "", "", ""
		return nil
	}
	var err error
	if o.CustomerName, err = s.open("orders", "customer_name", o.ID, st.name); err != nil {
		return err
	}
	if o.Phone, err = s.open("orders", "phone", o.ID, st.phone); err != nil {
		return err
	}
	o.Notes, err = s.open("orders", "notes", o.ID, st.notes)
	return err
}

// sealOrderDetails writes the sealed details and blind index of order id.
func (s *Store) sealOrderDetails(ctx context.Context, tx writeTx, id int64,
	name, phone, notes string,
) error {
	var sealed [3]string
	for i, c := range []struct{ column, plain string }{
		{"customer_name", name}, {"phone", phone}, {"notes", notes},
	} {
		v, err := s.seal("orders", c.column, id, c.plain)
		if err != nil {
			return err
		}
		sealed[i] = v
	}
	_, err := tx.ExecContext(ctx, sealOrderQuery,
		sealed[0], sealed[1], sealed[2], s.keys.BlindIndex(phone), id)
	if err != nil {
		return fmt.Errorf("sqlite: store order details: %w", err)
	}
	return nil
}

const (
	sealOrderQuery = `
		UPDATE orders SET customer_name = ?, phone = ?, notes = ?, phone_bidx = ?
		WHERE id = ?`
	sealSMSQuery = `UPDATE sms_outbox SET to_number = ?, body = ?, to_bidx = ? WHERE id = ?`
)

// sealSMSDetails writes the sealed number and body of outbox row id, and
// the blind index of the number under the newest index key, which the
// hourly cap counts with (outbox.go).
func (s *Store) sealSMSDetails(ctx context.Context, tx writeTx, id int64, to, body string,
) error {
	sealedTo, err := s.seal("sms_outbox", "to_number", id, to)
	if err != nil {
		return err
	}
	sealedBody, err := s.seal("sms_outbox", "body", id, body)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, sealSMSQuery, sealedTo, sealedBody, s.keys.BlindIndex(to), id)
	if err != nil {
		return fmt.Errorf("sqlite: store sms details: %w", err)
	}
	return nil
}

// placeholders returns "?, ?, …" for n values.
func placeholders(n int) string {
	if n == 0 {
		return ""
	}
	b := make([]byte, 0, 3*n)
	for i := range n {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, '?')
	}
	return string(b)
}
