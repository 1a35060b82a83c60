package app

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/pii"
)

const secret = "app-test-secret-0123456789abcdef0123456789"

// Test keys for customer details: 32 bytes of 'e' and of 'i', in base64.
const (
	encKey = "ZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWU="
	idxKey = "aWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWk="
)

// testKeys is the keyring baseEnv configures, for opening the database
// outside the server.
func testKeys(t *testing.T) *pii.Keyring {
	t.Helper()
	enc, err := pii.ParseKeys(encKey)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := pii.ParseKeys(idxKey)
	if err != nil {
		t.Fatal(err)
	}
	k, err := pii.NewKeyring(enc, idx)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// envOf returns an Env reading only m: tests never see the real environment.
func envOf(m map[string]string) Env {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func baseEnv(t *testing.T) map[string]string {
	t.Helper()
	return map[string]string{
		"DATABASE_PATH":       filepath.Join(t.TempDir(), "db", "orders.db"),
		"MENU_PATH":           "../../menu.json",
		"VAPI_WEBHOOK_SECRET": secret,
		"LISTEN_ADDR":         "127.0.0.1:0",
		"PII_ENCRYPTION_KEY":  encKey,
		"PII_INDEX_KEY":       idxKey,
	}
}

func TestRun_Commands(t *testing.T) {
	badMenu := filepath.Join(t.TempDir(), "menu.json")
	bad := []byte(`{"shop": {"name": ""}, "colour": "red"}`)
	if err := os.WriteFile(badMenu, bad, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		env        func(map[string]string)
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"unknown command", []string{"frobnicate"}, nil, 2, "", `unknown command "frobnicate"`},
		{"help", []string{"help"}, nil, 0, "commands:", ""},
		{"production without secret", []string{"serve"},
			func(e map[string]string) { delete(e, "VAPI_WEBHOOK_SECRET") }, 1, "",
			"VAPI_WEBHOOK_SECRET: is required in production"},
		{"bad menu stops serve", []string{"serve"},
			func(e map[string]string) { e["MENU_PATH"] = badMenu }, 1, "", "colour"},
		{"check ok", []string{"check"}, nil, 0, "are OK", ""},
		{"check lists every problem", []string{"check"}, func(e map[string]string) {
			e["MENU_PATH"] = badMenu
			e["RATE_LIMIT"] = "lots"
			delete(e, "VAPI_WEBHOOK_SECRET")
		}, 1, "", "RATE_LIMIT"},
		{"tools", []string{"tools", "--url", "https://shop.example/"}, nil, 0,
			`"url": "https://shop.example/webhook"`, ""},
		{"tools bad flag", []string{"tools", "--nope"}, nil, 2, "",
			"flag provided but not defined"},
		{"tools url with webhook", []string{"tools", "--url", "https://shop.example/webhook"},
			nil, 0, `"url": "https://shop.example/webhook"`, ""},
		{"tools url not http", []string{"tools", "--url", "ftp://shop.example"}, nil, 2, "",
			"--url must be the server's public address"},
		{"tools url without host", []string{"tools", "--url", "shop.example"}, nil, 2, "",
			"--url must be the server's public address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := baseEnv(t)
			if tt.env != nil {
				tt.env(env)
			}
			var stdout, stderr bytes.Buffer
			code := Run(context.Background(), tt.args, envOf(env), &stdout, &stderr)
			if code != tt.wantCode || !strings.Contains(stdout.String(), tt.wantStdout) ||
				!strings.Contains(stderr.String(), tt.wantStderr) {
				t.Fatalf("got code %d\nstdout: %s\nstderr: %s", code, &stdout, &stderr)
			}
			if strings.Contains(stdout.String()+stderr.String(), secret) {
				t.Fatal("a secret was printed")
			}
		})
	}
}

func TestRun_CheckReportsMenuAndConfigTogether(t *testing.T) {
	badMenu := filepath.Join(t.TempDir(), "menu.json")
	os.WriteFile(badMenu, []byte(`{"colour": "red"}`), 0o600)
	env := baseEnv(t)
	env["MENU_PATH"] = badMenu
	env["RATE_LIMIT"] = "lots"
	var stdout, stderr bytes.Buffer
	Run(context.Background(), []string{"check"}, envOf(env), &stdout, &stderr)
	out := stderr.String()
	if !strings.Contains(out, "RATE_LIMIT:") || !strings.Contains(out, badMenu+": colour") {
		t.Fatalf("got:\n%s", out)
	}
}

func TestRun_ToolsListsEveryTool(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), []string{"tools"}, envOf(baseEnv(t)), &stdout, &stderr)
	if code != 0 {
		t.Fatalf("code %d: %s", code, &stderr)
	}
	var defs []struct {
		Type     string
		Function struct {
			Name        string
			Description string
			Parameters  map[string]any
		}
		Server struct{ URL string }
	}
	if err := json.Unmarshal(stdout.Bytes(), &defs); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, d := range defs {
		names[d.Function.Name] = true
		if d.Type != "function" || d.Function.Description == "" ||
			d.Function.Parameters["type"] != "object" ||
			d.Server.URL != "https://example.com/webhook" {
			t.Errorf("incomplete definition %+v", d)
		}
	}
	for _, want := range []string{"checkOpen", "endCall"} {
		if !names[want] {
			t.Errorf("tool %s missing", want)
		}
	}
}

// lockedBuffer lets the test read the log while the server writes it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var listenRE = regexp.MustCompile(`"addr":"([^"]+)"`)

// startServer boots the whole program on port 0 and returns its base URL
// and a function that stops it and returns the exit code.
func startServer(t *testing.T, env map[string]string) (string, func() int, *lockedBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	logs := &lockedBuffer{}
	done := make(chan int, 1)
	go func() { done <- Run(ctx, []string{"serve"}, envOf(env), &bytes.Buffer{}, logs) }()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := listenRE.FindStringSubmatch(logs.String()); m != nil {
			stop := func() int { cancel(); return <-done }
			return "http://" + m[1], stop, logs
		}
		select {
		case code := <-done:
			t.Fatalf("server exited with %d:\n%s", code, logs)
		case <-time.After(10 * time.Millisecond):
		}
	}
	cancel()
	t.Fatalf("server did not start:\n%s", logs)
	return "", nil, nil
}

func TestRun_ServeAnswersAndShutsDown(t *testing.T) {
	env := baseEnv(t)
	base, stop, logs := startServer(t, env)
	resp, err := http.Get(base + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	resp.Body.Close()
	resp, err = http.Get(base + "/readyz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("readyz: %v %v", resp, err)
	}
	resp.Body.Close()
	body := `{"message":{"type":"tool-calls","call":{"id":"c1"},"toolCallList":[` +
		`{"id":"t1","type":"function","function":{"name":"checkOpen","arguments":{}}}]}}`
	req, _ := http.NewRequest(http.MethodPost, base+"/webhook", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Vapi-Secret", secret)
	resp, err = http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("webhook: %v %v", resp, err)
	}
	var reply struct{ Results []struct{ Result string } }
	json.NewDecoder(resp.Body).Decode(&reply)
	resp.Body.Close()
	if len(reply.Results) != 1 || !strings.Contains(reply.Results[0].Result, `"isOpen"`) {
		t.Fatalf("got %+v", reply)
	}
	if code := stop(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if !strings.Contains(logs.String(), "shutting down") {
		t.Fatalf("no shutdown line:\n%s", logs)
	}
	info, err := os.Stat(env["DATABASE_PATH"])
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("database file: %v %v", info, err)
	}
	dir, _ := os.Stat(filepath.Dir(env["DATABASE_PATH"]))
	if dir.Mode().Perm() != 0o700 {
		t.Fatalf("database dir mode %v", dir.Mode().Perm())
	}
}
