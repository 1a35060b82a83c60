package config

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestLoad_PIIKeys(t *testing.T) {
	second := "2:" + goodIdxKey[:4] + goodEncKey[4:] // another 32-byte key
	tests := []struct {
		name       string
		env        map[string]string
		files      map[string]string
		wantActive int    // active encryption key id; 0 when no keyring
		devFile    string // expected DevKeyFile
		problems   []string
	}{
		{"production with both keys", nil, nil, 1, "", nil},
		{"production without keys",
			map[string]string{}, nil, 0, "", []string{
				"PII_ENCRYPTION_KEY: is required", "PII_INDEX_KEY: is required"}},
		{"rotation list, newest wins",
			map[string]string{"PII_ENCRYPTION_KEY": "1:" + goodEncKey + "," + second,
				"PII_INDEX_KEY": goodIdxKey}, nil, 2, "", nil},
		{"keys from files",
			map[string]string{"PII_ENCRYPTION_KEY_FILE": "/run/enc",
				"PII_INDEX_KEY_FILE": "/run/idx"},
			map[string]string{"/run/enc": goodEncKey + "\n", "/run/idx": goodIdxKey}, 1, "", nil},
		{"short and malformed keys",
			map[string]string{"PII_ENCRYPTION_KEY": "c2hvcnQ=", "PII_INDEX_KEY": "1:@@@"}, nil,
			0, "", []string{"PII_ENCRYPTION_KEY: key #1 decodes to 5 bytes",
				"PII_INDEX_KEY: key #1 is not valid base64"}},
		{"one secret for both",
			map[string]string{"PII_ENCRYPTION_KEY": goodEncKey, "PII_INDEX_KEY": goodEncKey},
			nil, 0, "", []string{"PII_INDEX_KEY: must be a different secret"}},
		{"unreadable key file",
			map[string]string{"PII_ENCRYPTION_KEY_FILE": "/run/none",
				"PII_INDEX_KEY": goodIdxKey}, nil, 0, "",
			[]string{"PII_ENCRYPTION_KEY_FILE: cannot read"}},
		{"development makes a key file under XDG_CONFIG_HOME",
			map[string]string{"APP_ENV": "development", "XDG_CONFIG_HOME": "/cfg"}, nil, 0,
			filepath.Join("/cfg", "kebabalab", "dev-pii-keys"), nil},
		{"development falls back to ~/.config",
			map[string]string{"APP_ENV": "development", "HOME": "/home/sam"}, nil, 0,
			filepath.Join("/home/sam", ".config", "kebabalab", "dev-pii-keys"), nil},
		{"development with only one key",
			map[string]string{"APP_ENV": "development", "PII_INDEX_KEY": goodIdxKey}, nil, 0,
			"", []string{"PII_ENCRYPTION_KEY: is required"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"VAPI_WEBHOOK_SECRET": goodSecret}
			src := source(env, tt.files)
			if tt.env != nil {
				for k, v := range tt.env {
					env[k] = v
				}
				src = rawSource(env, tt.files)
			}
			c, err := Load(src)
			if len(tt.problems) > 0 {
				if err == nil {
					t.Fatal("got nil error, want problems")
				}
				for _, p := range tt.problems {
					if !strings.Contains(err.Error(), p) {
						t.Errorf("problems lack %q:\n%v", p, err)
					}
				}
				for _, secret := range []string{goodEncKey, goodIdxKey, "c2hvcnQ"} {
					if strings.Contains(err.Error(), secret) {
						t.Errorf("problems echo a key:\n%v", err)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if c.PII.DevKeyFile != tt.devFile {
				t.Errorf("DevKeyFile %q, want %q", c.PII.DevKeyFile, tt.devFile)
			}
			if tt.wantActive == 0 {
				if c.PII.Keys != nil {
					t.Error("got a keyring, want none")
				}
				if !strings.Contains(strings.Join(c.Warnings, "\n"), "development keys") {
					t.Errorf("no warning about development keys: %v", c.Warnings)
				}
				return
			}
			if c.PII.Keys == nil || c.PII.Keys.ActiveKeyID() != tt.wantActive {
				t.Errorf("keyring %+v, want active key %d", c.PII.Keys, tt.wantActive)
			}
		})
	}
}

func TestLoad_PIIRetentionDays(t *testing.T) {
	tests := []struct {
		value   string
		want    int
		problem bool
	}{
		{"", 365, false},
		{"30", 30, false},
		{"0", 0, true},
		{"-5", 0, true},
		{"a year", 0, true},
		{"3651", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			c, problems := loadWith(t, map[string]string{"PII_RETENTION_DAYS": tt.value})
			if tt.problem {
				if !strings.Contains(problems, "PII_RETENTION_DAYS") {
					t.Fatalf("got %q, want a PII_RETENTION_DAYS problem", problems)
				}
				return
			}
			if problems != "" || c.PII.RetentionDays != tt.want {
				t.Fatalf("got %v %q, want %d", c, problems, tt.want)
			}
		})
	}
}

func TestPIIKeys(t *testing.T) {
	devFile := filepath.Join("/cfg", "kebabalab", "dev-pii-keys")
	devKeys := "# comment\nPII_ENCRYPTION_KEY=1:" + goodEncKey + "\nPII_INDEX_KEY=1:" +
		goodIdxKey + "\n"
	tests := []struct {
		name    string
		env     map[string]string
		files   map[string]string
		wantErr string
	}{
		{"production keys", map[string]string{"PII_ENCRYPTION_KEY": goodEncKey,
			"PII_INDEX_KEY": goodIdxKey}, nil, ""},
		{"production without keys", map[string]string{}, nil, "PII_ENCRYPTION_KEY: is required"},
		{"development key file", map[string]string{"APP_ENV": "development",
			"XDG_CONFIG_HOME": "/cfg"}, map[string]string{devFile: devKeys}, ""},
		{"development before the server made the file", map[string]string{
			"APP_ENV": "development", "XDG_CONFIG_HOME": "/cfg"}, nil, "creates it"},
		{"damaged development file", map[string]string{"APP_ENV": "development",
			"XDG_CONFIG_HOME": "/cfg"}, map[string]string{devFile: "PII_INDEX_KEY=1:abc\n"},
			"PII_ENCRYPTION_KEY in " + devFile},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keys, err := PIIKeys(rawSource(tt.env, tt.files))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || keys == nil || keys.ActiveKeyID() != 1 {
				t.Fatalf("got %v, %v", keys, err)
			}
		})
	}
}
