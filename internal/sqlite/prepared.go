package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// The order transaction runs about ten statements, and modernc's driver
// prepares (parses and compiles) each one again every time it runs, which
// was a sixth of the writer's CPU per order. The statements of that
// transaction and of EnqueueSMS are therefore prepared once, when the store
// opens, on the writer's one connection, and run inside each transaction
// through tx.StmtContext, which reuses the connection's prepared statement.
// database/sql prepares a statement again by itself if the connection is
// ever replaced.

// writeTx is what the write paths need of a transaction: a *sql.Tx, or a
// preparedTx that runs the prepared statements in one.
type writeTx interface {
	queryer
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// hotStatements are the statements prepared at Open. indexKeys is how many
// index keys the store has, which fixes the length of the cap's IN list.
func hotStatements(indexKeys int) []string {
	return []string{
		orderQuery(whereToolCall), orderQuery(whereCallCart), linesQuery,
		countCallOrdersQuery, nextDaySeqQuery, insertOrderQuery, sealOrderQuery,
		insertLineQuery, recentSMSQuery(indexKeys), recentUnindexedSMSQuery, insertSMSQuery,
		sealSMSQuery,
	}
}

// prepareStatements prepares hotStatements on the writer.
func (s *Store) prepareStatements(ctx context.Context) error {
	queries := hotStatements(len(s.keys.IndexIDs()))
	s.stmts = make(map[string]*sql.Stmt, len(queries))
	for _, q := range queries {
		st, err := s.write.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("sqlite: prepare %.40q: %w", q, err)
		}
		s.stmts[q] = st
	}
	return nil
}

// closeStatements closes what prepareStatements prepared.
func (s *Store) closeStatements() error {
	var errs []error
	for _, st := range s.stmts {
		errs = append(errs, st.Close())
	}
	return errors.Join(errs...)
}

// prepared runs tx's statements through the store's prepared ones, when
// there is one for the query, and as given otherwise.
func (s *Store) prepared(tx *sql.Tx) writeTx { return preparedTx{tx, s.stmts} }

type preparedTx struct {
	*sql.Tx
	stmts map[string]*sql.Stmt
}

func (t preparedTx) QueryContext(ctx context.Context, query string, args ...any) (
	*sql.Rows, error,
) {
	if st := t.stmts[query]; st != nil {
		return t.StmtContext(ctx, st).QueryContext(ctx, args...)
	}
	return t.Tx.QueryContext(ctx, query, args...)
}

func (t preparedTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := t.stmts[query]; st != nil {
		return t.StmtContext(ctx, st).QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, query, args...)
}

func (t preparedTx) ExecContext(ctx context.Context, query string, args ...any) (
	sql.Result, error,
) {
	if st := t.stmts[query]; st != nil {
		return t.StmtContext(ctx, st).ExecContext(ctx, args...)
	}
	return t.Tx.ExecContext(ctx, query, args...)
}
