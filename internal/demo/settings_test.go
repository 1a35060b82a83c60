package demo

import (
	"os"
	"strings"
	"testing"
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
		}, Settings{"http://127.0.0.1:9000", "dot-secret", "/var/k/orders.db"}, ""},
		{"environment wins", map[string]string{
			"LISTEN_ADDR": "localhost:7000", "VAPI_WEBHOOK_SECRET": " new-secret , old-secret ",
		}, map[string]string{"LISTEN_ADDR": "127.0.0.1:9000", "VAPI_WEBHOOK_SECRET": "dot"},
			Settings{"http://localhost:7000", "new-secret", "data/orders.db"}, ""},
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
			Settings{"http://127.0.0.1:8080", "file-secret-0123456789", "data/orders.db"}, ""},
		{"missing secret file", map[string]string{"VAPI_WEBHOOK_SECRET_FILE": "/nope"}, nil,
			Settings{}, "VAPI_WEBHOOK_SECRET_FILE"},
		{"bad address", map[string]string{"LISTEN_ADDR": "8080"}, nil, Settings{},
			"LISTEN_ADDR must be host:port"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok }
			got, err := LoadSettings(env, tt.dotEnv, readFile)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %v, want an error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %+v %v, want %+v", got, err, tt.want)
			}
		})
	}
}
