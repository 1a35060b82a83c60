package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/pii"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// The canary customer: none of these strings may be found in the database
// file, its WAL or a backup.
const (
	canaryName  = "Zz-Canary-Kebab"
	canaryPhone = "+61491570006"
	canaryNotes = "Zz-Note-canary"
)

var canaries = []string{canaryName, "Zz-Canary", canaryPhone, "491570006", canaryNotes}

// toolCall posts one VAPI tool call for callID from caller and returns
// the decoded result object.
func toolCall(t *testing.T, base, callID, caller, tool string, args any) map[string]any {
	t.Helper()
	rawArgs, _ := json.Marshal(args)
	env := map[string]any{"message": map[string]any{
		"type": "tool-calls", "timestamp": time.Now().UnixMilli(),
		"call": map[string]any{"id": callID, "type": "inboundPhoneCall",
			"customer": map[string]any{"number": caller}},
		"customer": map[string]any{"number": caller},
		"toolCallList": []any{map[string]any{"id": fmt.Sprintf("%s-%s-%d", callID, tool,
			time.Now().UnixNano()), "type": "function",
			"function": map[string]any{"name": tool, "arguments": json.RawMessage(rawArgs)}}},
	}}
	body, _ := json.Marshal(env)
	req, _ := http.NewRequest(http.MethodPost, base+"/webhook", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Vapi-Secret", secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var reply struct {
		Results []struct{ Result, Error string }
	}
	if err := json.Unmarshal(raw, &reply); err != nil || len(reply.Results) != 1 ||
		reply.Results[0].Error != "" {
		t.Fatalf("%s: HTTP %d %s", tool, resp.StatusCode, raw)
	}
	var out map[string]any
	if err := json.Unmarshal([]byte(reply.Results[0].Result), &out); err != nil ||
		out["ok"] != true {
		t.Fatalf("%s: %s", tool, reply.Results[0].Result)
	}
	return out
}

// scanForCanaries fails when a file holds a canary and returns how many
// of the paths existed.
func scanForCanaries(t *testing.T, paths ...string) int {
	t.Helper()
	n := 0
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
		for _, c := range canaries {
			if bytes.Contains(b, []byte(c)) {
				t.Errorf("%s holds %q in the clear", filepath.Base(p), c)
			}
		}
	}
	return n
}

// TestServe_FullCallLeavesNoPlaintext places an order through the real
// server and webhook, with texts sent through a fake Twilio, and then
// reads the raw bytes of the database, its WAL and a backup taken while
// the server runs: the customer's name, number and notes are in none of
// them, yet Twilio got them and the caller is recognised on the next call.
func TestServe_FullCallLeavesNoPlaintext(t *testing.T) {
	env := baseEnv(t)
	env["KEBABALAB_NOW"] = "2026-12-03T18:00:00+11:00" // a Thursday evening, open
	env["SHOP_SMS_TO"] = "0491 570 156"
	twilio := newFakeTwilio(t, false)
	withTwilio(env, twilio)
	db := env["DATABASE_PATH"]
	base, stop, logs := startServer(t, env)

	const call = "call-canary"
	toolCall(t, base, call, canaryPhone, "addMultipleItemsToCart", map[string]any{
		"items": []any{map[string]any{"category": "kebabs", "size": "large",
			"protein": "lamb", "sauces": []string{"garlic"}}}})
	toolCall(t, base, call, canaryPhone, "setPickupTime",
		map[string]any{"requestedTime": "in 30 minutes"})
	placed := toolCall(t, base, call, canaryPhone, "createOrder",
		map[string]any{"customerName": canaryName, "notes": canaryNotes})
	toolCall(t, base, call, canaryPhone, "sendReceipt", nil)

	// The worker decrypts each text to send it.
	toCustomer := 0
	for range 3 {
		form := twilio.next(t)
		if form.Get("To") == canaryPhone {
			toCustomer++
			if !strings.Contains(form.Get("Body"), "#001") {
				t.Errorf("text to the customer lacks the order: %q", form.Get("Body"))
			}
		}
	}
	if toCustomer != 2 {
		t.Errorf("%d texts reached the customer's number, want the confirmation and receipt",
			toCustomer)
	}

	// The next call from the same number, written differently, is known.
	known := toolCall(t, base, "call-again", "0491 570 006", "getCallerSmartContext", nil)
	if known["isReturningCustomer"] != true || known["orderCount"] != 1.0 {
		t.Errorf("caller not recognised: %v", known)
	}

	if n := scanForCanaries(t, db, db+"-wal"); n != 2 {
		t.Fatalf("scanned %d files, want the database and its WAL", n)
	}
	backupFile := filepath.Join(t.TempDir(), "orders-backup.db")
	var out, errOut bytes.Buffer
	if code := Run(context.Background(), []string{"backup", "--out", backupFile}, envOf(env),
		&out, &errOut); code != 0 {
		t.Fatalf("backup: code %d: %s", code, &errOut)
	}
	scanForCanaries(t, backupFile)

	if code := stop(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	scanForCanaries(t, db, db+"-wal")
	for _, c := range canaries {
		if strings.Contains(logs.String(), c) {
			t.Errorf("the log holds %q", c)
		}
	}

	// Restoring the backup gives the order back, with the keys.
	store, err := sqlite.Open(context.Background(), backupFile, sqlite.WithPII(testKeys(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	o, err := store.OrderByNumber(context.Background(), placed["orderNumber"].(string))
	if err != nil || o.CustomerName != canaryName || o.Phone != canaryPhone ||
		o.Notes != canaryNotes {
		t.Fatalf("order from the backup: %+v, %v", o, err)
	}
}

func TestRun_RefusesWrongOrMissingKeys(t *testing.T) {
	otherKey := "eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHg=" // 32 bytes of 'x'
	tests := []struct {
		name string
		env  func(map[string]string)
		want string
	}{
		{"no encryption key", func(e map[string]string) { delete(e, "PII_ENCRYPTION_KEY") },
			"PII_ENCRYPTION_KEY: is required"},
		{"no index key", func(e map[string]string) { delete(e, "PII_INDEX_KEY") },
			"PII_INDEX_KEY: is required"},
		{"another encryption key", func(e map[string]string) {
			e["PII_ENCRYPTION_KEY"] = otherKey
		}, "PII_ENCRYPTION_KEY: encryption key 1 is not the key this database was written with"},
		{"another index key", func(e map[string]string) { e["PII_INDEX_KEY"] = otherKey },
			"PII_INDEX_KEY: index key 1 is not the key"},
		{"the key the data needs is missing", func(e map[string]string) {
			e["PII_ENCRYPTION_KEY"] = "2:" + otherKey
		}, "PII_ENCRYPTION_KEY: the database holds data under encryption key 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := baseEnv(t)
			seedOutbox(t, env["DATABASE_PATH"], canaryPhone) // written under the test keys
			tt.env(env)
			for _, cmd := range []string{"serve", "check"} {
				var stdout, stderr bytes.Buffer
				code := Run(context.Background(), []string{cmd}, envOf(env), &stdout, &stderr)
				if code != 1 || !strings.Contains(stderr.String(), tt.want) {
					t.Errorf("%s: got code %d\n%s\nwant %q", cmd, code, &stderr, tt.want)
				}
				if strings.Contains(stderr.String(), otherKey[:12]) ||
					strings.Contains(stderr.String(), encKey[:12]) {
					t.Errorf("%s printed a key", cmd)
				}
			}
		})
	}
}

func TestRun_DevelopmentKeyFile(t *testing.T) {
	env := baseEnv(t)
	delete(env, "PII_ENCRYPTION_KEY")
	delete(env, "PII_INDEX_KEY")
	cfgDir := t.TempDir()
	env["APP_ENV"] = "development"
	env["XDG_CONFIG_HOME"] = cfgDir
	keyFile := filepath.Join(cfgDir, "kebabalab", "dev-pii-keys")

	run := func() string {
		var stdout, stderr bytes.Buffer
		if code := Run(context.Background(), []string{"check"}, envOf(env), &stdout,
			&stderr); code != 0 {
			t.Fatalf("check: code %d\n%s%s", code, &stdout, &stderr)
		}
		return stdout.String() + stderr.String()
	}
	out := run()
	if !strings.Contains(out, "development keys kept in "+keyFile) ||
		!strings.Contains(out, "created development keys") {
		t.Errorf("no warning naming the key file:\n%s", out)
	}
	first, err := os.ReadFile(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]os.FileMode{keyFile: 0o600,
		filepath.Dir(keyFile): 0o700} {
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != want {
			t.Errorf("%s: %v, %v; want mode %v", path, fi, err, want)
		}
	}
	if strings.HasPrefix(keyFile, filepath.Dir(env["DATABASE_PATH"])) {
		t.Errorf("the key file %s sits beside the database", keyFile)
	}
	if strings.Contains(out, string(first[len(first)-20:])) {
		t.Error("a key was printed")
	}
	// The second run reuses the keys, and they open what the first wrote.
	run()
	again, _ := os.ReadFile(keyFile)
	if !bytes.Equal(first, again) {
		t.Error("the key file was replaced")
	}
}

func TestRun_Rekey(t *testing.T) {
	env := baseEnv(t)
	ids := seedOutbox(t, env["DATABASE_PATH"], canaryPhone, "+61491570157")
	newKey := "2:" + "bmV3bmV3bmV3bmV3bmV3bmV3bmV3bmV3bmV3bmV3bmU=" // 32 bytes
	env["PII_ENCRYPTION_KEY"] = "1:" + encKey + "," + newKey

	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), []string{"rekey", "--batch", "1"}, envOf(env), &stdout,
		&stderr)
	if code != 0 || !strings.Contains(stdout.String(), "2 texts re-encrypted; 0 rows left") {
		t.Fatalf("rekey: code %d\n%s%s", code, &stdout, &stderr)
	}
	// Key 1 is no longer needed.
	enc, _ := pii.ParseKeys(newKey)
	idx, _ := pii.ParseKeys(idxKey)
	only2, err := pii.NewKeyring(enc, idx)
	if err != nil {
		t.Fatal(err)
	}
	store, err := sqlite.Open(context.Background(), env["DATABASE_PATH"], sqlite.WithPII(only2))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for _, id := range ids {
		rec, err := store.SMSRecord(context.Background(), id)
		if err != nil || rec.BodyUnreadable || rec.Body == "" {
			t.Errorf("text %d under key 2 alone: %+v, %v", id, rec, err)
		}
	}
	if code := Run(context.Background(), []string{"rekey", "--batch", "0"}, envOf(env),
		io.Discard, io.Discard); code != 2 {
		t.Errorf("--batch 0: code %d, want 2", code)
	}
}

func TestRun_Backup(t *testing.T) {
	env := baseEnv(t)
	seedOutbox(t, env["DATABASE_PATH"], canaryPhone)
	out := filepath.Join(t.TempDir(), "nightly.db")
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"write", []string{"backup", "--out", out}, 0, "integrity ok, 0 orders, 1 texts", ""},
		{"verify", []string{"backup", "--verify", out}, 0, out + ": integrity ok", ""},
		{"refuse to overwrite", []string{"backup", "--out", out}, 1, "", "already exists"},
		{"verify a missing file", []string{"backup", "--verify", out + ".none"}, 1, "",
			"cannot read"},
		{"neither flag", []string{"backup"}, 2, "", "usage: kebabalab backup"},
		{"both flags", []string{"backup", "--out", "a", "--verify", "b"}, 2, "", "usage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Backups need no keys: they copy sealed values.
			noKeys := map[string]string{"DATABASE_PATH": env["DATABASE_PATH"]}
			var stdout, stderr bytes.Buffer
			code := Run(context.Background(), tt.args, envOf(noKeys), &stdout, &stderr)
			if code != tt.wantCode || !strings.Contains(stdout.String(), tt.wantStdout) ||
				!strings.Contains(stderr.String(), tt.wantStderr) {
				t.Fatalf("got code %d\nstdout: %s\nstderr: %s", code, &stdout, &stderr)
			}
		})
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("backup file: %v, %v; want mode 0600", fi, err)
	}
}

// TestServe_RetentionErasesOldDetails starts the server on a database
// holding an order older than PII_RETENTION_DAYS and one newer: the job
// erases exactly the old one at start-up and counts it.
func TestServe_RetentionErasesOldDetails(t *testing.T) {
	env := baseEnv(t)
	env["ADMIN_TOKEN"] = adminToken
	env["PII_RETENTION_DAYS"] = "30"
	ctx := context.Background()
	var numbers []string
	for i, age := range []time.Duration{31 * 24 * time.Hour, 29 * 24 * time.Hour} {
		created := time.Now().Add(-age)
		store, err := sqlite.Open(ctx, env["DATABASE_PATH"], sqlite.WithPII(testKeys(t)),
			sqlite.WithClock(func() time.Time { return created }))
		if err != nil {
			t.Fatal(err)
		}
		o, _, err := store.CreateOrder(ctx, sqlite.NewOrder{
			CallID: fmt.Sprint("c", i), ToolCallID: fmt.Sprint("t", i),
			CustomerName: canaryName, Phone: canaryPhone, Notes: canaryNotes,
			Lines: []sqlite.Line{{ItemName: "Chips", Quantity: 1, UnitPrice: 600,
				LineTotal: 600, Detail: "{}"}},
			Total: 600, GST: 55, ReadyAt: created,
		}, nil)
		store.Close()
		if err != nil {
			t.Fatal(err)
		}
		numbers = append(numbers, o.Number)
	}

	base, stop, _ := startServer(t, env)
	eventually(t, "one erased order in /metrics", func() bool {
		return strings.Contains(getMetrics(t, base),
			`kebabalab_pii_erased_rows_total{table="orders"} 1`+"\n")
	})
	if code := stop(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	store, err := sqlite.Open(ctx, env["DATABASE_PATH"], sqlite.WithPII(testKeys(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for i, want := range []string{"", canaryName} {
		o, err := store.OrderByNumber(ctx, numbers[i])
		if err != nil || o.CustomerName != want || o.Total != 600 {
			t.Errorf("order %s: got name %q total %d, %v; want %q", numbers[i],
				o.CustomerName, o.Total, err, want)
		}
	}
}

// TestDevKeys_ConcurrentFirstStarts: processes starting together on a
// machine without a development key file (`make run` beside `kebabalab
// check`) all end up with the same keys, and none sees a half-written file.
func TestDevKeys_ConcurrentFirstStarts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kebabalab", "dev-pii-keys")
	log := slog.New(slog.DiscardHandler)
	const n = 8
	keys := make([]*pii.Keyring, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { keys[i], errs[i] = devKeys(path, log) })
	}
	wg.Wait()
	sealed, err := keys[0].Seal("orders", "phone", 1, canaryPhone)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("start %d: %v", i, errs[i])
		}
		if got, err := keys[i].Open("orders", "phone", 1, sealed); err != nil ||
			got != canaryPhone {
			t.Errorf("start %d has other keys than start 0", i)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("the key directory holds %d files, want only the key file", len(entries))
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("key file: %v, %v; want mode 0600", fi, err)
	}
}
