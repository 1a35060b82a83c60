package pii

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/subtle"
	"errors"
	"fmt"
	"slices"
	"sync"
)

// Keyring holds the encryption keys and the blind-index keys, each set by
// id. New values are sealed under the encryption key with the highest id and
// indexed under the index key with the highest id; older keys stay only to
// open and find what was written before a rotation.
//
// The two sets must not share a secret: the index key is the one an
// attacker could use to test guesses of phone numbers, so it has to be
// possible to keep it, and lose it, apart from the encryption key.
type Keyring struct {
	enc       map[int]cipher.AEAD
	encActive int
	idx       map[int][]byte
	idxActive int
}

// NewKeyring checks and loads the keys. Both sets need at least one key.
func NewKeyring(encryption, index []Key) (*Keyring, error) {
	if len(encryption) == 0 || len(index) == 0 {
		return nil, errors.New("pii: an encryption key and an index key are both required")
	}
	for _, e := range encryption {
		for _, x := range index {
			if subtle.ConstantTimeCompare(e.Secret, x.Secret) == 1 {
				return nil, errors.New("pii: an encryption key and an index key are the " +
					"same; they must be different secrets")
			}
		}
	}
	return newKeyring(encryption, index, 1)
}

func newKeyring(encryption, index []Key, minID int) (*Keyring, error) {
	k := &Keyring{enc: map[int]cipher.AEAD{}, idx: map[int][]byte{}}
	for _, key := range encryption {
		if err := checkKey(key, minID, k.enc[key.ID] != nil); err != nil {
			return nil, fmt.Errorf("pii: encryption %w", err)
		}
		block, err := aes.NewCipher(key.Secret)
		if err != nil {
			return nil, fmt.Errorf("pii: encryption key %d: %w", key.ID, err)
		}
		// NewGCMWithRandomNonce draws a fresh 96-bit nonce for every Seal
		// and prefixes it to the output, so a nonce is never reused by
		// mistake. Random nonces allow 2^32 values per key: far beyond a
		// shop's lifetime of orders, and rotation resets the count.
		aead, err := cipher.NewGCMWithRandomNonce(block)
		if err != nil {
			return nil, fmt.Errorf("pii: encryption key %d: %w", key.ID, err)
		}
		k.enc[key.ID] = aead
		k.encActive = max(k.encActive, key.ID)
	}
	for _, key := range index {
		if err := checkKey(key, minID, k.idx[key.ID] != nil); err != nil {
			return nil, fmt.Errorf("pii: index %w", err)
		}
		k.idx[key.ID] = slices.Clone(key.Secret)
		k.idxActive = max(k.idxActive, key.ID)
	}
	return k, nil
}

func checkKey(key Key, minID int, seen bool) error {
	switch {
	case key.ID < minID || key.ID > MaxKeyID:
		return fmt.Errorf("key id %d is outside %d to %d", key.ID, minID, MaxKeyID)
	case seen:
		return fmt.Errorf("key id %d is given twice", key.ID)
	case len(key.Secret) != KeySize:
		return fmt.Errorf("key %d is %d bytes, want %d", key.ID, len(key.Secret), KeySize)
	}
	return nil
}

var (
	ephemeralOnce sync.Once
	ephemeral     *Keyring
	ephemeralErr  error
)

// Ephemeral returns a keyring of random keys, id 0, made once per process
// and never written anywhere. Data sealed with it is unreadable once the
// process exits. It exists so a store opened without configured keys (in
// tests) still never writes personal data in the clear.
func Ephemeral() (*Keyring, error) {
	ephemeralOnce.Do(func() {
		var enc, idx Key
		if enc, ephemeralErr = NewKey(0); ephemeralErr != nil {
			return
		}
		if idx, ephemeralErr = NewKey(0); ephemeralErr != nil {
			return
		}
		ephemeral, ephemeralErr = newKeyring([]Key{enc}, []Key{idx}, 0)
	})
	return ephemeral, ephemeralErr
}

// ActiveKeyID is the id new values are sealed under.
func (k *Keyring) ActiveKeyID() int { return k.encActive }

// ActiveIndexID is the id new blind indexes are made under.
func (k *Keyring) ActiveIndexID() int { return k.idxActive }

// KeyIDs returns the encryption key ids, newest first.
func (k *Keyring) KeyIDs() []int { return sortedIDs(k.enc) }

// IndexIDs returns the index key ids, newest first.
func (k *Keyring) IndexIDs() []int { return sortedIDs(k.idx) }

func sortedIDs[V any](m map[int]V) []int {
	ids := make([]int, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	slices.Reverse(ids)
	return ids
}
