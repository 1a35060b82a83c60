package pii

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
)

// Kind names one of the two key sets.
type Kind string

// The key sets of a Keyring.
const (
	Encryption Kind = "encryption"
	Index      Kind = "index"
)

// ErrWrongKey means a key does not match the check value recorded when
// that key id was first used: it is a different secret under the same id.
var ErrWrongKey = errors.New("pii: key does not match the one this data was written with")

// checkText is what a check value seals or MACs. It is a constant, so a
// check value reveals nothing about customers.
const checkText = "kebabalab key check"

// KeyCheck returns a value that proves, later, that the key of this kind
// and id is still the same secret. Store it beside the data; VerifyKeyCheck
// compares a key against it at start-up, so a mistyped key is refused
// before it writes anything or silently misses every phone look-up.
func (k *Keyring) KeyCheck(kind Kind, id int) (string, error) {
	switch kind {
	case Encryption:
		return k.sealWith(id, "key_check", string(kind), int64(id), checkText)
	case Index:
		key := k.idx[id]
		if key == nil {
			return "", fmt.Errorf("index key %d: %w", id, ErrUnknownKey)
		}
		m := hmac.New(sha256.New, key)
		m.Write([]byte(checkText))
		return IndexPrefix(id) + base64.RawStdEncoding.EncodeToString(m.Sum(nil)), nil
	}
	return "", fmt.Errorf("pii: unknown key kind %q", kind)
}

// VerifyKeyCheck reports whether the keyring's key of this kind and id
// matches a value KeyCheck made earlier; a mismatch wraps ErrWrongKey.
func (k *Keyring) VerifyKeyCheck(kind Kind, id int, check string) error {
	switch kind {
	case Encryption:
		plain, err := k.Open("key_check", string(kind), int64(id), check)
		if errors.Is(err, ErrAuthentication) || err == nil && plain != checkText {
			return fmt.Errorf("encryption key %d: %w", id, ErrWrongKey)
		}
		return err
	case Index:
		want, err := k.KeyCheck(kind, id)
		if err != nil {
			return err
		}
		if !hmac.Equal([]byte(want), []byte(check)) {
			return fmt.Errorf("index key %d: %w", id, ErrWrongKey)
		}
		return nil
	}
	return fmt.Errorf("pii: unknown key kind %q", kind)
}
