package demo

import (
	"testing"

	"github.com/kebabalab/kebabalab/internal/pii"
)

// The keys the demo's tests give the server and the demo: 32 bytes of 'e'
// and of 'i', in base64.
const (
	testEncKey = "ZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWVlZWU="
	testIdxKey = "aWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWk="
	// otherKey is 32 bytes of 'x': a key the data was not written with.
	otherKey = "eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHg="
)

// keyEnv is the server's PII settings for the test keys.
func keyEnv() map[string]string {
	return map[string]string{"PII_ENCRYPTION_KEY": testEncKey, "PII_INDEX_KEY": testIdxKey}
}

func mustKeyring(t *testing.T, enc, idx string) *pii.Keyring {
	t.Helper()
	e, err := pii.ParseKeys(enc)
	if err != nil {
		t.Fatal(err)
	}
	i, err := pii.ParseKeys(idx)
	if err != nil {
		t.Fatal(err)
	}
	k, err := pii.NewKeyring(e, i)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func testKeyring(t *testing.T) *pii.Keyring { return mustKeyring(t, testEncKey, testIdxKey) }

// sameKeys reports whether got opens what want seals and indexes numbers
// as want does: the same secrets, whatever the Keyring values.
func sameKeys(t *testing.T, got, want *pii.Keyring) bool {
	t.Helper()
	if got == nil || want == nil {
		return got == want
	}
	sealed, err := want.Seal("orders", "phone", 1, Caller)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := got.Open("orders", "phone", 1, sealed)
	return err == nil && plain == Caller && got.BlindIndex(Caller) == want.BlindIndex(Caller)
}
