package demo

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/app"
)

// logBuffer lets the test read the server's log while it writes.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var listening = regexp.MustCompile(`"addr":"([^"]+)"`)

// startKebabalab runs the real server on port 0 with the shop clock set to
// a Friday evening and the settings in env, and returns its URL.
func startKebabalab(t *testing.T, env map[string]string) string {
	t.Helper()
	env["MENU_PATH"] = "../../menu.json"
	env["LISTEN_ADDR"] = "127.0.0.1:0"
	env["KEBABALAB_NOW"] = "2026-12-04T18:00:00+11:00"
	env["LOG_FORMAT"] = "json"
	ctx, cancel := context.WithCancel(context.Background())
	logs := &logBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- app.Run(ctx, []string{"serve"},
			func(k string) (string, bool) { v, ok := env[k]; return v, ok },
			&bytes.Buffer{}, logs)
	}()
	t.Cleanup(func() { cancel(); <-done })
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := listening.FindStringSubmatch(logs.String()); m != nil {
			return "http://" + m[1]
		}
		select {
		case code := <-done:
			done <- code
			t.Fatalf("server exited with %d:\n%s", code, logs)
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatalf("server did not start:\n%s", logs)
	return ""
}

// TestRun_AgainstTheRealServer replays the call through the real router
// and tools, with the server in production with a secret and keys, and the
// demo given the same settings. Tools still being written answer with an
// error entry, which the transcript shows; the test checks what holds
// either way.
func TestRun_AgainstTheRealServer(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "orders.db")
	env := keyEnv()
	env["DATABASE_PATH"], env["VAPI_WEBHOOK_SECRET"] = dbPath, testSecret
	base := startKebabalab(t, env)
	o := Options{Settings: Settings{BaseURL: base, Secret: testSecret, DatabasePath: dbPath,
		Keys: testKeyring(t)}}
	text := runDemo(t, o)
	checkTranscript(t, text)
	t.Logf("transcript:\n%s", text)
}

// TestRun_DevelopmentLikeMakeRun is `make run` beside `make demo`: the
// server in development without keys makes its development key file, and
// the demo, given the same APP_ENV and home, finds it and prints the texts
// the server sealed in the clear.
func TestRun_DevelopmentLikeMakeRun(t *testing.T) {
	dir := t.TempDir()
	shared := map[string]string{
		"APP_ENV": "development", "XDG_CONFIG_HOME": filepath.Join(dir, "config"),
		"DATABASE_PATH": filepath.Join(dir, "data", "orders.db"),
	}
	base := startKebabalab(t, maps.Clone(shared))
	env := func(k string) (string, bool) { v, ok := shared[k]; return v, ok }
	s, err := LoadSettings(env, nil, os.ReadFile)
	if err != nil {
		t.Fatal(err)
	}
	s.BaseURL = base
	text := runDemo(t, Options{Settings: s})
	checkTranscript(t, text)
	// With keys other than the server's the demo is refused, not shown
	// garbage.
	s.Keys = mustKeyring(t, otherKey, testIdxKey)
	err = Run(context.Background(), Options{Settings: s, Settle: -1}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "not the key this database was written with") {
		t.Fatalf("other keys: got %v", err)
	}
}

func runDemo(t *testing.T, o Options) string {
	t.Helper()
	var out bytes.Buffer
	if err := Run(context.Background(), o, &out); err != nil {
		t.Fatalf("%v\n%s", err, &out)
	}
	return out.String()
}

// checkTranscript checks every step was answered and, the order having
// been placed, that the customer's text is listed as the server wrote it.
func checkTranscript(t *testing.T, text string) {
	t.Helper()
	if !strings.Contains(text, " 1. checkOpen\n") ||
		!strings.Contains(text, "    assistant  We're open") {
		t.Fatalf("checkOpen was not answered:\n%s", text)
	}
	for i, s := range script {
		head := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(fmt.Sprintf("%2d. %s", i+1,
			s.tool)) + `\n    caller     .+\n    (assistant|refusal|error|result) +\S`)
		if !head.MatchString(text) {
			t.Errorf("step %d (%s) has no answer:\n%s", i+1, s.tool, text)
		}
	}
	if !strings.Contains(text, "SMS queued for order") {
		t.Fatalf("no order was placed:\n%s", text)
	}
	// The text was sealed in the database; the demo shows it opened.
	want := regexp.MustCompile(`order_customer, \w+.*:\n    .*Alex, order #\d{3} is confirmed`)
	if !want.MatchString(text) {
		t.Errorf("no text matching %s:\n%s", want, text)
	}
	if strings.Contains(text, unreadableBody) {
		t.Errorf("a text could not be decrypted:\n%s", text)
	}
}
