package config

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/joho/godotenv"

	"github.com/kebabalab/kebabalab/internal/pii"
)

// MaxRetentionDays bounds PII_RETENTION_DAYS at ten years.
const MaxRetentionDays = 3650

// DevKeyFileName is the file, under the user's configuration directory,
// that holds the development keys (see checkPII).
const DevKeyFileName = "dev-pii-keys"

// checkPII reads the keys that protect customers' details. Production
// needs both; development without either uses keys kept in a file in the
// user's configuration directory, outside the project and its data
// directory, so a copy of data/ or of a backup never carries them.
func (l *loader) checkPII(c *Config) {
	c.PII.RetentionDays = int(l.positiveInt("PII_RETENTION_DAYS", MaxRetentionDays))
	encSet, idxSet := l.isSet("PII_ENCRYPTION_KEY"), l.isSet("PII_INDEX_KEY")
	if !encSet && !idxSet && c.Development() {
		c.PII.DevKeyFile = l.devKeyFile()
		if c.PII.DevKeyFile == "" {
			l.problem("PII_ENCRYPTION_KEY", "is not set and there is no home directory to "+
				"keep development keys in; set PII_ENCRYPTION_KEY and PII_INDEX_KEY")
			return
		}
		c.Warnings = append(c.Warnings, "PII_ENCRYPTION_KEY and PII_INDEX_KEY are not set: "+
			"customer details are encrypted with development keys kept in "+
			c.PII.DevKeyFile+"; production refuses to start without both variables")
		return
	}
	enc := l.piiKeys("PII_ENCRYPTION_KEY", encSet)
	idx := l.piiKeys("PII_INDEX_KEY", idxSet)
	if enc == nil || idx == nil {
		return
	}
	keys, err := pii.NewKeyring(enc, idx)
	if err != nil {
		// Each list parsed, so the only refusal left is a shared secret.
		l.problem("PII_INDEX_KEY", "must be a different secret from every PII_ENCRYPTION_KEY")
		return
	}
	c.PII.Keys = keys
}

// isSet reports whether key or its *_FILE twin has a value.
func (l *loader) isSet(key string) bool {
	return !l.unset(key) || !l.unset(key+"_FILE")
}

// piiKeys parses one key list; problems never show key material.
func (l *loader) piiKeys(key string, set bool) []pii.Key {
	if !set {
		l.problem(key, "is required: 32 random bytes in base64, such as the output of "+
			"`openssl rand -base64 32` (see SECURITY.md; APP_ENV=development makes "+
			"local keys instead)")
		return nil
	}
	spec := l.secret(key)
	if spec == "" {
		return nil // the *_FILE problem is already listed
	}
	keys, err := pii.ParseKeys(spec)
	if err != nil {
		l.problem(key, "%v", err)
		return nil
	}
	return keys
}

// devKeyFile is $XDG_CONFIG_HOME/kebabalab/dev-pii-keys, else
// ~/.config/kebabalab/dev-pii-keys, else under the system's configuration
// directory; "" when there is none.
func (l *loader) devKeyFile() string {
	if dir := l.str("XDG_CONFIG_HOME"); dir != "" {
		return filepath.Join(dir, "kebabalab", DevKeyFileName)
	}
	if home := l.str("HOME"); home != "" {
		return filepath.Join(home, ".config", "kebabalab", DevKeyFileName)
	}
	if dir, err := os.UserConfigDir(); err == nil {
		return filepath.Join(dir, "kebabalab", DevKeyFileName)
	}
	return ""
}

// PIIKeys reads only the settings that decide the customer-data keys, the
// way Load does, for programs that read the database beside a running
// server (the demo) and need nothing else. In development without keys it
// reads the development key file, which the server creates: it returns an
// error when there is none yet.
func PIIKeys(src Source) (*pii.Keyring, error) {
	l := &loader{src: src}
	c := &Config{Env: l.str("APP_ENV")}
	l.checkPII(c)
	if len(l.problems) > 0 {
		return nil, l.problems
	}
	if c.PII.Keys != nil {
		return c.PII.Keys, nil
	}
	return ReadDevKeyFile(src.ReadFile, c.PII.DevKeyFile)
}

// ReadDevKeyFile reads the development key file: KEY=value lines holding
// PII_ENCRYPTION_KEY and PII_INDEX_KEY in the form those variables take.
func ReadDevKeyFile(readFile func(string) ([]byte, error), path string) (*pii.Keyring,
	error,
) {
	b, err := readFile(path)
	if err != nil {
		return nil, Problems{"PII_ENCRYPTION_KEY: the development key file " + path +
			" cannot be read (" + fileErr(err) + "); the server creates it on first start"}
	}
	vals, err := godotenv.Unmarshal(string(b))
	if err != nil {
		return nil, Problems{"PII_ENCRYPTION_KEY: the development key file " + path +
			" cannot be parsed"}
	}
	var problems Problems
	parse := func(key string) []pii.Key {
		keys, err := pii.ParseKeys(vals[key])
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s in %s: %v", key, path, err))
		}
		return keys
	}
	enc, idx := parse("PII_ENCRYPTION_KEY"), parse("PII_INDEX_KEY")
	if len(problems) > 0 {
		return nil, problems
	}
	keys, err := pii.NewKeyring(enc, idx)
	if err != nil {
		return nil, Problems{"PII_INDEX_KEY in " + path + ": must differ from the " +
			"encryption key"}
	}
	return keys, nil
}
