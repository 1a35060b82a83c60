package config

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

const goodSecret = "0123456789abcdef0123456789abcdef"

// Keys for tests: 32 bytes of 'e' and of 'i', in base64.
const (
	goodEncKey = "ZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWU="
	goodIdxKey = "aWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWk="
)

// source reads env and files. Unless env names them (or their files), the
// PII keys are set to good values, so tests of other settings pass the
// production check; rawSource leaves env exactly as given.
func source(env map[string]string, files map[string]string) Source {
	with := map[string]string{}
	for k, v := range env {
		with[k] = v
	}
	for _, k := range []string{"PII_ENCRYPTION_KEY", "PII_INDEX_KEY"} {
		_, v := with[k]
		_, f := with[k+"_FILE"]
		if !v && !f {
			with[k] = map[string]string{"PII_ENCRYPTION_KEY": goodEncKey,
				"PII_INDEX_KEY": goodIdxKey}[k]
		}
	}
	return rawSource(with, files)
}

func rawSource(env map[string]string, files map[string]string) Source {
	return Source{
		Env: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
		ReadFile: func(p string) ([]byte, error) {
			if v, ok := files[p]; ok {
				return []byte(v), nil
			}
			return nil, os.ErrNotExist
		},
	}
}

func mustLoad(t *testing.T, src Source) *Config {
	t.Helper()
	c, err := Load(src)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

func TestLoad_Defaults(t *testing.T) {
	c := mustLoad(t, source(map[string]string{"VAPI_WEBHOOK_SECRET": goodSecret}, nil))
	if c.Env != Production || c.ListenAddr != "127.0.0.1:8080" || c.RateLimit != 60 ||
		c.MaxBodyBytes != 10485760 || c.SessionTTL != 30*time.Minute || c.MaxSessions != 1000 {
		t.Fatalf("unexpected defaults: %+v", c)
	}
	if len(c.TrustedProxies) != 2 || len(c.CORSAllowedOrigins) != 2 {
		t.Fatalf("got proxies %v origins %v", c.TrustedProxies, c.CORSAllowedOrigins)
	}
	if !c.Twilio.DryRun {
		t.Fatal("got live Twilio without credentials, want dry-run")
	}
}

func TestLoad_ProductionNeedsSecret(t *testing.T) {
	_, err := Load(source(map[string]string{}, nil))
	var p Problems
	if !errors.As(err, &p) || !strings.Contains(err.Error(), "VAPI_WEBHOOK_SECRET: is required") {
		t.Fatalf("got %v, want a VAPI_WEBHOOK_SECRET problem", err)
	}
}

func TestLoad_ListsEveryProblemWithoutSecrets(t *testing.T) {
	short := "tooshort-secret-value"
	_, err := Load(source(map[string]string{
		"VAPI_WEBHOOK_SECRET": goodSecret + "," + short,
		"RATE_LIMIT":          "0",
		"MAX_BODY_BYTES":      "ten",
		"TRUSTED_PROXIES":     "10.0.0.0/8,not-an-ip",
		"SESSION_TTL":         "forever",
		"LOG_LEVEL":           "loud",
		"LOG_FORMAT":          "xml",
		"ADMIN_TOKEN":         "admin",
		"KEBABALAB_NOW":       "tomorrow",
		"LISTEN_ADDR":         "8080",
		"APP_ENV":             "staging",
	}, nil))
	if err == nil {
		t.Fatal("got nil error")
	}
	msg := err.Error()
	for _, key := range []string{"RATE_LIMIT", "MAX_BODY_BYTES", "TRUSTED_PROXIES",
		"SESSION_TTL", "LOG_LEVEL", "LOG_FORMAT", "KEBABALAB_NOW", "LISTEN_ADDR", "APP_ENV"} {
		if !strings.Contains(msg, key+":") {
			t.Errorf("missing problem for %s in:\n%s", key, msg)
		}
	}
	if strings.Contains(msg, short) || strings.Contains(msg, goodSecret) ||
		strings.Contains(msg, "admin\"") {
		t.Errorf("a secret leaked into:\n%s", msg)
	}
}

func TestLoad_ProductionShortSecrets(t *testing.T) {
	_, err := Load(source(map[string]string{
		"VAPI_WEBHOOK_SECRET": goodSecret + ",short", "ADMIN_TOKEN": "admin",
	}, nil))
	if err == nil || !strings.Contains(err.Error(), "secret #2 is 5 bytes") ||
		!strings.Contains(err.Error(), "ADMIN_TOKEN: is 5 bytes") {
		t.Fatalf("got %v", err)
	}
}

func TestLoad_DevelopmentForcesLoopback(t *testing.T) {
	c := mustLoad(t, source(map[string]string{
		"APP_ENV": "development", "LISTEN_ADDR": "0.0.0.0:9000",
	}, nil))
	if c.ListenAddr != "127.0.0.1:9000" {
		t.Fatalf("got %q, want 127.0.0.1:9000", c.ListenAddr)
	}
	if len(c.Warnings) == 0 || c.LogFormat != "text" {
		t.Fatalf("got warnings %v format %q", c.Warnings, c.LogFormat)
	}
}

func TestLoad_SecretFiles(t *testing.T) {
	c := mustLoad(t, source(map[string]string{"VAPI_WEBHOOK_SECRET_FILE": "/run/s"},
		map[string]string{"/run/s": goodSecret + "\n"}))
	if len(c.WebhookSecrets) != 1 || c.WebhookSecrets[0] != goodSecret {
		t.Fatalf("got %d secrets", len(c.WebhookSecrets))
	}
	_, err := Load(source(map[string]string{
		"VAPI_WEBHOOK_SECRET_FILE": "/missing",
	}, nil))
	if err == nil || !strings.Contains(err.Error(), "VAPI_WEBHOOK_SECRET_FILE: cannot read") {
		t.Fatalf("got %v", err)
	}
	_, err = Load(source(map[string]string{
		"VAPI_WEBHOOK_SECRET": goodSecret, "VAPI_WEBHOOK_SECRET_FILE": "/run/s",
	}, map[string]string{"/run/s": goodSecret}))
	if err == nil || !strings.Contains(err.Error(), "not both") {
		t.Fatalf("got %v", err)
	}
}

func TestLoad_EnvBeatsDotEnv(t *testing.T) {
	src := source(map[string]string{"VAPI_WEBHOOK_SECRET": goodSecret, "RATE_LIMIT": "120"}, nil)
	src.DotEnv = map[string]string{"RATE_LIMIT": "5", "MAX_SESSIONS": "7"}
	c := mustLoad(t, src)
	if c.RateLimit != 120 || c.MaxSessions != 7 {
		t.Fatalf("got rate %d sessions %d, want 120 and 7", c.RateLimit, c.MaxSessions)
	}
}

func TestLoad_Twilio(t *testing.T) {
	env := map[string]string{
		"VAPI_WEBHOOK_SECRET": goodSecret, "TWILIO_ACCOUNT_SID": "AC123",
		"TWILIO_AUTH_TOKEN": "tok",
	}
	_, err := Load(source(env, nil))
	if err == nil || !strings.Contains(err.Error(), "TWILIO_FROM_NUMBER") {
		t.Fatalf("got %v, want a sender problem", err)
	}
	env["TWILIO_MESSAGING_SERVICE_SID"] = "MG123"
	if c := mustLoad(t, source(env, nil)); c.Twilio.DryRun {
		t.Fatal("got dry-run with full credentials")
	}
}

func TestLoad_Now(t *testing.T) {
	c := mustLoad(t, source(map[string]string{
		"VAPI_WEBHOOK_SECRET": goodSecret, "KEBABALAB_NOW": "2026-12-04T18:00:00+11:00",
	}, nil))
	if c.Now.IsZero() || len(c.Warnings) != 1 {
		t.Fatalf("got now %v warnings %v", c.Now, c.Warnings)
	}
}
