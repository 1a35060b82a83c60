package pii

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// testKey returns a fixed key whose bytes are all b.
func testKey(id int, b byte) Key {
	return Key{ID: id, Secret: []byte(strings.Repeat(string(rune(b)), KeySize))}
}

func mustKeyring(t *testing.T, enc, idx []Key) *Keyring {
	t.Helper()
	k, err := NewKeyring(enc, idx)
	if err != nil {
		t.Fatalf("NewKeyring: %v", err)
	}
	return k
}

func b64(b byte, n int) string {
	return base64.StdEncoding.EncodeToString([]byte(strings.Repeat(string(rune(b)), n)))
}

func TestParseKeys(t *testing.T) {
	tests := []struct {
		name    string
		spec    string
		wantIDs []int
		wantErr string
	}{
		{"one bare key is id 1", b64('a', 32), []int{1}, ""},
		{"one key with an id", "7:" + b64('a', 32), []int{7}, ""},
		{"a list in any order", "1:" + b64('a', 32) + ", 3:" + b64('b', 32), []int{1, 3}, ""},
		{"unpadded base64", "2:" + strings.TrimRight(b64('c', 32), "="), []int{2}, ""},
		{"short key", b64('a', 16), nil, "decodes to 16 bytes"},
		{"not base64", "1:%%%%", nil, "not valid base64"},
		{"id zero", "0:" + b64('a', 32), nil, "id that is not"},
		{"id too large", "1000:" + b64('a', 32), nil, "id that is not"},
		{"repeated id", "1:" + b64('a', 32) + ",1:" + b64('b', 32), nil, "repeats id 1"},
		{"list entry without id", "1:" + b64('a', 32) + "," + b64('b', 32), nil,
			"key #2 must be written"},
		{"empty", "", nil, "key #1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keys, err := ParseKeys(tt.spec)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %v, want an error with %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), b64('a', 32)[:8]) {
					t.Fatalf("error %q echoes key material", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseKeys: %v", err)
			}
			var ids []int
			for _, k := range keys {
				ids = append(ids, k.ID)
			}
			if fmt.Sprint(ids) != fmt.Sprint(tt.wantIDs) {
				t.Errorf("got ids %v, want %v", ids, tt.wantIDs)
			}
			again, err := ParseKeys(FormatKeys(keys))
			if err != nil || FormatKeys(again) != FormatKeys(keys) {
				t.Errorf("FormatKeys does not round-trip: %v", err)
			}
		})
	}
}

func TestNewKeyring_Refusals(t *testing.T) {
	tests := []struct {
		name     string
		enc, idx []Key
	}{
		{"no encryption key", nil, []Key{testKey(1, 'i')}},
		{"no index key", []Key{testKey(1, 'e')}, nil},
		{"same secret for both", []Key{testKey(1, 'e')}, []Key{testKey(1, 'e')}},
		{"short key", []Key{{ID: 1, Secret: []byte("short")}}, []Key{testKey(1, 'i')}},
		{"id zero", []Key{testKey(0, 'e')}, []Key{testKey(1, 'i')}},
		{"id twice", []Key{testKey(1, 'e'), testKey(1, 'f')}, []Key{testKey(1, 'i')}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewKeyring(tt.enc, tt.idx); err == nil {
				t.Error("got nil error, want a refusal")
			}
		})
	}
}

func TestSeal_RoundTripAndRandomNonce(t *testing.T) {
	k := mustKeyring(t, []Key{testKey(1, 'e')}, []Key{testKey(1, 'i')})
	for _, plain := range []string{"", "Zz-Canary-⚑", "+61491570006", strings.Repeat("x", 200)} {
		a, err := k.Seal("orders", "customer_name", 42, plain)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := k.Seal("orders", "customer_name", 42, plain)
		if a == b {
			t.Errorf("%q sealed twice gave the same value", plain)
		}
		if plain != "" && strings.Contains(a, plain) {
			t.Errorf("sealed value %q holds the plaintext", a)
		}
		if id, ok := SealedKeyID(a); !ok || id != 1 || !IsSealed(a) {
			t.Errorf("sealed value %q: key id %d %v", a, id, ok)
		}
		got, err := k.Open("orders", "customer_name", 42, a)
		if err != nil || got != plain {
			t.Errorf("Open: got %q, %v; want %q", got, err, plain)
		}
	}
}

func TestOpen_DetectsTamperingAndMoves(t *testing.T) {
	k := mustKeyring(t, []Key{testKey(1, 'e')}, []Key{testKey(1, 'i')})
	sealed, err := k.Seal("orders", "phone", 7, "+61491570006")
	if err != nil {
		t.Fatal(err)
	}
	other := mustKeyring(t, []Key{testKey(1, 'f')}, []Key{testKey(1, 'i')})
	tests := []struct {
		name                string
		keys                *Keyring
		table, column, text string
		row                 int64
		want                error
	}{
		{"another row", k, "orders", "phone", sealed, 8, ErrAuthentication},
		{"another column", k, "orders", "customer_name", sealed, 7, ErrAuthentication},
		{"another table", k, "sms_outbox", "phone", sealed, 7, ErrAuthentication},
		{"another key under the same id", other, "orders", "phone", sealed, 7,
			ErrAuthentication},
		{"key id changed", k, "orders", "phone", "k2:" + sealed[3:], 7, ErrUnknownKey},
		{"plaintext", k, "orders", "phone", "+61491570006", 7, ErrMalformed},
		{"truncated", k, "orders", "phone", sealed[:10], 7, ErrAuthentication},
		{"bad base64", k, "orders", "phone", "k1:!!!", 7, ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.keys.Open(tt.table, tt.column, tt.row, tt.text)
			if !errors.Is(err, tt.want) || got != "" {
				t.Errorf("got %q, %v; want %v", got, err, tt.want)
			}
		})
	}
	// Every single changed character of the encoded body is caught.
	raw, _ := base64.RawStdEncoding.DecodeString(sealed[3:])
	for i := range raw {
		flipped := append([]byte(nil), raw...)
		flipped[i] ^= 0x01
		text := "k1:" + base64.RawStdEncoding.EncodeToString(flipped)
		if _, err := k.Open("orders", "phone", 7, text); !errors.Is(err, ErrAuthentication) {
			t.Fatalf("byte %d flipped: got %v, want ErrAuthentication", i, err)
		}
	}
}

func TestKeyring_Rotation(t *testing.T) {
	old := mustKeyring(t, []Key{testKey(1, 'e')}, []Key{testKey(1, 'i')})
	both := mustKeyring(t, []Key{testKey(2, 'f'), testKey(1, 'e')},
		[]Key{testKey(1, 'i'), testKey(2, 'j')})
	before, _ := old.Seal("orders", "notes", 1, "no onion")
	after, _ := both.Seal("orders", "notes", 1, "no onion")
	if id, _ := SealedKeyID(after); id != 2 || both.ActiveKeyID() != 2 {
		t.Errorf("new value sealed under key %d, want the newest, 2", id)
	}
	for _, v := range []string{before, after} {
		if got, err := both.Open("orders", "notes", 1, v); err != nil || got != "no onion" {
			t.Errorf("Open(%s…): got %q, %v", v[:3], got, err)
		}
	}
	if _, err := old.Open("orders", "notes", 1, after); !errors.Is(err, ErrUnknownKey) {
		t.Errorf("old keyring opening a new value: got %v, want ErrUnknownKey", err)
	}
	idx := both.BlindIndexes("+61491570006")
	if len(idx) != 2 || idx[0] != both.BlindIndex("+61491570006") ||
		idx[1] != old.BlindIndex("+61491570006") {
		t.Errorf("BlindIndexes %v: want the newest first and the old one after", idx)
	}
	if id, ok := IndexKeyID(idx[0]); !ok || id != 2 {
		t.Errorf("IndexKeyID: got %d %v, want 2", id, ok)
	}
}

func TestBlindIndex(t *testing.T) {
	k := mustKeyring(t, []Key{testKey(1, 'e')}, []Key{testKey(1, 'i')})
	other := mustKeyring(t, []Key{testKey(1, 'e')}, []Key{testKey(1, 'j')})
	if a, b := k.BlindIndex("+61491570006"), k.BlindIndex("+61491570006"); a != b {
		t.Fatal("the same number gave two indexes")
	}
	if k.BlindIndex("+61491570006") == other.BlindIndex("+61491570006") {
		t.Fatal("two index keys gave the same index")
	}
	if strings.Contains(k.BlindIndex("+61491570006"), "491570006") {
		t.Fatal("the index holds the number")
	}
	// No two of ten thousand neighbouring mobiles share an index.
	seen := map[string]string{}
	for n := range 10000 {
		num := fmt.Sprintf("+6149157%04d", n)
		ix := k.BlindIndex(num)
		if prev, dup := seen[ix]; dup {
			t.Fatalf("%s and %s share an index", prev, num)
		}
		seen[ix] = num
	}
}

func TestKeyCheck(t *testing.T) {
	k := mustKeyring(t, []Key{testKey(1, 'e')}, []Key{testKey(1, 'i')})
	wrong := mustKeyring(t, []Key{testKey(1, 'f')}, []Key{testKey(1, 'j')})
	for _, kind := range []Kind{Encryption, Index} {
		t.Run(string(kind), func(t *testing.T) {
			check, err := k.KeyCheck(kind, 1)
			if err != nil {
				t.Fatal(err)
			}
			if err := k.VerifyKeyCheck(kind, 1, check); err != nil {
				t.Errorf("same key: got %v, want nil", err)
			}
			if err := wrong.VerifyKeyCheck(kind, 1, check); !errors.Is(err, ErrWrongKey) {
				t.Errorf("wrong key: got %v, want ErrWrongKey", err)
			}
		})
	}
}

func TestEphemeral(t *testing.T) {
	a, err := Ephemeral()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Ephemeral()
	if a != b || a.ActiveKeyID() != 0 || a.ActiveIndexID() != 0 {
		t.Fatalf("got %p and %p with key %d, want one keyring with id 0", a, b, a.ActiveKeyID())
	}
	sealed, _ := a.Seal("t", "c", 1, "x")
	if !strings.HasPrefix(sealed, "k0:") {
		t.Errorf("ephemeral value %q does not name key 0", sealed)
	}
}
