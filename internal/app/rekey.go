package app

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// defaultRekeyBatch keeps each re-encryption transaction, and so the time
// the running server waits for the write lock, to a few milliseconds.
const defaultRekeyBatch = 100

// rekey moves every stored customer detail onto the newest keys while the
// server keeps running (SECURITY.md, "Rotating keys").
func rekey(ctx context.Context, args []string, env Env, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("rekey", flag.ContinueOnError)
	fl.SetOutput(stderr)
	batch := fl.Int("batch", defaultRekeyBatch, "rows re-encrypted per transaction")
	if err := fl.Parse(args); err != nil || fl.NArg() > 0 || *batch < 1 {
		if err == nil {
			fmt.Fprintln(stderr, "usage: kebabalab rekey [--batch N], N at least 1")
		}
		return 2
	}
	cfg, err := loadConfig(env)
	if err != nil {
		fmt.Fprintf(stderr, "kebabalab: %v\n", err)
		return 1
	}
	log := newLogger(cfg, stderr)
	store, err := openStore(ctx, cfg, log, nil)
	if err != nil {
		fmt.Fprintf(stderr, "kebabalab: %v\n", err)
		return 1
	}
	defer store.Close()
	r, err := store.Rekey(ctx, *batch, func(p sqlite.Rekeyed) {
		fmt.Fprintf(stdout, "re-encrypted %d orders and %d texts so far\n", p.Orders, p.Texts)
	})
	if err != nil {
		fmt.Fprintf(stderr, "kebabalab: rekey stopped: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "done: %d orders and %d texts re-encrypted; %d rows left on older "+
		"keys\n", r.Orders, r.Texts, r.Remaining)
	if r.Failed > 0 {
		fmt.Fprintf(stderr, "kebabalab: %d rows could not be decrypted and were left as they "+
			"are; their ids are in the log\n", r.Failed)
		return 1
	}
	keys, err := piiKeys(cfg, log)
	if r.Remaining == 0 && err == nil && len(keys.KeyIDs())+len(keys.IndexIDs()) > 2 {
		fmt.Fprintln(stdout, "older keys may now be removed from the configuration; keep "+
			"them in the secret store while backups made before today are kept")
	}
	return 0
}
