package pii

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Errors of Open. They say what went wrong, never what the value held.
var (
	// ErrMalformed means the stored text is not a sealed value at all.
	ErrMalformed = errors.New("pii: stored value is not a sealed value")
	// ErrUnknownKey means the value names a key id the keyring lacks.
	ErrUnknownKey = errors.New("pii: stored value is sealed under a key that is not configured")
	// ErrAuthentication means the value does not verify under its key and
	// place: a wrong key, a changed byte, or a value moved from another
	// row or column.
	ErrAuthentication = errors.New("pii: stored value fails authentication")
)

// sealPrefix starts every sealed value: "k<id>:" then the base64 of nonce,
// ciphertext and tag. The key id is readable so rotation can select rows
// by it; it is also covered by the tag (see aad).
const sealPrefix = "k"

// Seal encrypts plaintext for one place in the database, naming the table,
// column and row it will be stored in. The result opens only with the same
// key and the same place, so a value copied to another row or column does
// not decrypt there. Sealing the same text twice gives different results.
func (k *Keyring) Seal(table, column string, rowID int64, plaintext string) (string, error) {
	return k.sealWith(k.encActive, table, column, rowID, plaintext)
}

func (k *Keyring) sealWith(id int, table, column string, rowID int64, plaintext string) (
	string, error,
) {
	aead := k.enc[id]
	if aead == nil {
		return "", fmt.Errorf("seal under key %d: %w", id, ErrUnknownKey)
	}
	// The nil nonce is not a fixed one: the AEAD comes from
	// cipher.NewGCMWithRandomNonce, which draws a fresh nonce per call.
	out := aead.Seal(nil, nil, []byte(plaintext), aad(id, table, column, rowID)) // #nosec G407
	return KeyPrefix(id) + base64.RawStdEncoding.EncodeToString(out), nil
}

// Open decrypts a value sealed for the given table, column and row. Its
// errors wrap ErrMalformed, ErrUnknownKey or ErrAuthentication.
func (k *Keyring) Open(table, column string, rowID int64, sealed string) (string, error) {
	id, body, ok := splitSealed(sealed)
	if !ok {
		return "", ErrMalformed
	}
	aead := k.enc[id]
	if aead == nil {
		return "", fmt.Errorf("key %d: %w", id, ErrUnknownKey)
	}
	raw, err := base64.RawStdEncoding.DecodeString(body)
	if err != nil {
		return "", ErrMalformed
	}
	plain, err := aead.Open(nil, nil, raw, aad(id, table, column, rowID))
	if err != nil {
		return "", fmt.Errorf("key %d: %w", id, ErrAuthentication)
	}
	return string(plain), nil
}

// KeyPrefix is how a value sealed under key id starts, for selecting rows
// sealed under other keys.
func KeyPrefix(id int) string { return sealPrefix + strconv.Itoa(id) + ":" }

// SealedKeyID returns the key id a sealed value names.
func SealedKeyID(sealed string) (int, bool) {
	id, _, ok := splitSealed(sealed)
	return id, ok
}

// IsSealed reports whether s has the form of a sealed value; plaintext
// written before encryption was introduced does not (an E.164 number
// starts with "+", a name has no colon).
func IsSealed(s string) bool {
	_, _, ok := splitSealed(s)
	return ok
}

func splitSealed(s string) (id int, body string, ok bool) {
	rest, found := strings.CutPrefix(s, sealPrefix)
	if !found {
		return 0, "", false
	}
	idText, body, found := strings.Cut(rest, ":")
	if !found || idText == "" || len(idText) > 3 {
		return 0, "", false
	}
	id, err := strconv.Atoi(idText)
	if err != nil || id < 0 || strconv.Itoa(id) != idText {
		return 0, "", false
	}
	return id, body, true
}

// aad binds a value to its key id and its place. Fields are joined with a
// NUL byte, which no table or column name holds, so different places can
// never produce the same bytes.
func aad(id int, table, column string, rowID int64) []byte {
	return []byte("kebabalab/pii/v1\x00" + strconv.Itoa(id) + "\x00" + table + "\x00" +
		column + "\x00" + strconv.FormatInt(rowID, 10))
}
