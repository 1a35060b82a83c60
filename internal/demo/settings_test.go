package demo

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kebabalab/kebabalab/internal/pii"
)

func TestLoadSettings(t *testing.T) {
	files := map[string]string{"/run/secret": "file-secret-0123456789\n"}
	readFile := func(p string) ([]byte, error) {
		if v, ok := files[p]; ok {
			return []byte(v), nil
		}
		return nil, os.ErrNotExist
	}
	tests := []struct {
		name    string
		env     map[string]string
		dotEnv  map[string]string
		want    Settings
		wantErr string
	}{
		{"defaults", nil, nil,
			Settings{BaseURL: "http://127.0.0.1:8080", DatabasePath: "data/orders.db"}, ""},
		{"dotenv", nil, map[string]string{
			"LISTEN_ADDR": "127.0.0.1:9000", "DATABASE_PATH": "/var/k/orders.db",
			"VAPI_WEBHOOK_SECRET": "dot-secret",
		}, Settings{BaseURL: "http://127.0.0.1:9000", Secret: "dot-secret",
			DatabasePath: "/var/k/orders.db"}, ""},
		{"environment wins", map[string]string{
			"LISTEN_ADDR": "localhost:7000", "VAPI_WEBHOOK_SECRET": " new-secret , old-secret ",
		}, map[string]string{"LISTEN_ADDR": "127.0.0.1:9000", "VAPI_WEBHOOK_SECRET": "dot"},
			Settings{BaseURL: "http://localhost:7000", Secret: "new-secret",
				DatabasePath: "data/orders.db"}, ""},
		{"empty environment value falls back", map[string]string{"LISTEN_ADDR": ""},
			map[string]string{"LISTEN_ADDR": "127.0.0.1:9001"},
			Settings{BaseURL: "http://127.0.0.1:9001", DatabasePath: "data/orders.db"}, ""},
		{"wildcard host", map[string]string{"LISTEN_ADDR": "0.0.0.0:8081"}, nil,
			Settings{BaseURL: "http://127.0.0.1:8081", DatabasePath: "data/orders.db"}, ""},
		{"no host", map[string]string{"LISTEN_ADDR": ":8082"}, nil,
			Settings{BaseURL: "http://127.0.0.1:8082", DatabasePath: "data/orders.db"}, ""},
		{"ipv6", map[string]string{"LISTEN_ADDR": "[::]:8083"}, nil,
			Settings{BaseURL: "http://[::1]:8083", DatabasePath: "data/orders.db"}, ""},
		{"secret file", map[string]string{"VAPI_WEBHOOK_SECRET_FILE": "/run/secret"}, nil,
			Settings{BaseURL: "http://127.0.0.1:8080", Secret: "file-secret-0123456789",
				DatabasePath: "data/orders.db"}, ""},
		{"missing secret file", map[string]string{"VAPI_WEBHOOK_SECRET_FILE": "/nope"}, nil,
			Settings{}, "VAPI_WEBHOOK_SECRET_FILE"},
		{"bad address", map[string]string{"LISTEN_ADDR": "8080"}, nil, Settings{},
			"LISTEN_ADDR must be host:port"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Every case runs with the server's keys in the environment;
			// TestLoadSettings_Keys varies them.
			all := keyEnv()
			maps.Copy(all, tt.env)
			env := func(k string) (string, bool) { v, ok := all[k]; return v, ok }
			got, err := LoadSettings(env, tt.dotEnv, readFile)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %v, want an error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || !sameKeys(t, got.Keys, testKeyring(t)) {
				t.Fatalf("got keys %v, %v; want the test keys", got.Keys, err)
			}
			got.Keys = nil
			if got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestLoadSettings_Keys checks that the demo finds the keys where the
// server finds them: the environment before .env, the *_FILE twins, and
// in development without either the key file the server made.
func TestLoadSettings_Keys(t *testing.T) {
	devFile := filepath.Join("/cfg", "kebabalab", "dev-pii-keys")
	devKeys := "PII_ENCRYPTION_KEY=1:" + otherKey + "\nPII_INDEX_KEY=1:" + testIdxKey + "\n"
	files := map[string]string{
		"/run/enc": testEncKey + "\n", "/run/idx": testIdxKey + "\n", devFile: devKeys,
	}
	readFile := func(p string) ([]byte, error) {
		if v, ok := files[p]; ok {
			return []byte(v), nil
		}
		return nil, os.ErrNotExist
	}
	test := testKeyring(t)
	dev := mustKeyring(t, otherKey, testIdxKey)
	tests := []struct {
		name    string
		env     map[string]string
		dotEnv  map[string]string
		want    *pii.Keyring
		wantErr string
	}{
		{"environment", keyEnv(), nil, test, ""},
		{"dotenv", nil, keyEnv(), test, ""},
		{"environment wins over dotenv", keyEnv(),
			map[string]string{"PII_ENCRYPTION_KEY": otherKey, "PII_INDEX_KEY": "bad"}, test, ""},
		{"file twins", map[string]string{"PII_ENCRYPTION_KEY_FILE": "/run/enc",
			"PII_INDEX_KEY_FILE": "/run/idx"}, nil, test, ""},
		{"development key file", map[string]string{"APP_ENV": "development",
			"XDG_CONFIG_HOME": "/cfg"}, nil, dev, ""},
		{"development from dotenv", map[string]string{"XDG_CONFIG_HOME": "/cfg"},
			map[string]string{"APP_ENV": "development"}, dev, ""},
		{"development keys set explicitly", map[string]string{"APP_ENV": "development",
			"XDG_CONFIG_HOME": "/cfg", "PII_ENCRYPTION_KEY": testEncKey,
			"PII_INDEX_KEY": testIdxKey}, nil, test, ""},
		{"development before the server ran", map[string]string{"APP_ENV": "development",
			"XDG_CONFIG_HOME": "/elsewhere"}, nil, nil,
			"the server creates it on first start"},
		{"production without keys", nil, nil, nil, "PII_ENCRYPTION_KEY: is required"},
		{"production without the index key", map[string]string{
			"PII_ENCRYPTION_KEY": testEncKey}, nil, nil, "PII_INDEX_KEY: is required"},
		{"a bad key", map[string]string{"PII_ENCRYPTION_KEY": "c2hvcnQ=",
			"PII_INDEX_KEY": testIdxKey}, nil, nil,
			"PII_ENCRYPTION_KEY: key #1 decodes to 5 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok }
			got, err := LoadSettings(env, tt.dotEnv, readFile)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %v, want an error containing %q", err, tt.wantErr)
				}
				for _, k := range []string{testEncKey, testIdxKey, otherKey} {
					if strings.Contains(err.Error(), k[:12]) {
						t.Errorf("the error shows a key: %v", err)
					}
				}
				return
			}
			if err != nil || !sameKeys(t, got.Keys, tt.want) {
				t.Fatalf("got %v, %v; want other keys", got.Keys, err)
			}
		})
	}
}
