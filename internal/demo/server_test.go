package demo

import (
	"bytes"
	"context"
	"fmt"
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

// startKebabalab runs the real server on port 0, in production mode with a
// secret and the shop clock set to a Friday evening, and returns its URL.
func startKebabalab(t *testing.T, dbPath string) string {
	t.Helper()
	env := map[string]string{
		"DATABASE_PATH": dbPath, "MENU_PATH": "../../menu.json",
		"VAPI_WEBHOOK_SECRET": testSecret, "LISTEN_ADDR": "127.0.0.1:0",
		"KEBABALAB_NOW": "2026-12-04T18:00:00+11:00",
	}
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
// and tools. Tools still being written answer with an error entry, which
// the transcript shows; the test checks what holds either way.
func TestRun_AgainstTheRealServer(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "orders.db")
	base := startKebabalab(t, dbPath)
	var out bytes.Buffer
	o := Options{Settings: Settings{BaseURL: base, Secret: testSecret, DatabasePath: dbPath}}
	if err := Run(context.Background(), o, &out); err != nil {
		t.Fatalf("%v\n%s", err, &out)
	}
	text := out.String()
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
	if strings.Contains(text, "SMS queued for order") &&
		!strings.Contains(text, "order_customer, ") {
		t.Errorf("an order was placed but no customer SMS is listed:\n%s", text)
	}
	t.Logf("transcript:\n%s", text)
}
