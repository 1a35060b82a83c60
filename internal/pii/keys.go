// Package pii protects customers' personal data at rest: names, phone
// numbers, notes and text-message bodies are sealed with AES-256-GCM before
// they reach the database, and phone numbers are found again through a keyed
// blind index instead of being stored in the clear.
//
// Keys carry small numeric ids so they can be rotated: values are sealed
// under the newest key and opened under whichever key their prefix names.
// Encryption keys and index keys are separate; see Keyring.
package pii

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// KeySize is the length of every key: 32 bytes, for AES-256 and for
// HMAC-SHA256.
const KeySize = 32

// MaxKeyID is the largest key id accepted; ids start at 1. Id 0 is kept for
// the process's throw-away key (see Ephemeral), so data sealed without
// configured keys is recognisable.
const MaxKeyID = 999

// Key is one secret with its id.
type Key struct {
	ID     int
	Secret []byte
}

// ParseKeys reads a key list as the configuration gives it: either one
// base64 key ("<base64>", which gets id 1) or a comma-separated list of
// "<id>:<base64>" entries in any order. Errors name the entry by position
// and never contain key material.
func ParseKeys(spec string) ([]Key, error) {
	entries := strings.Split(strings.TrimSpace(spec), ",")
	if len(entries) == 1 && !strings.Contains(entries[0], ":") {
		entries[0] = "1:" + strings.TrimSpace(entries[0])
	}
	var keys []Key
	for i, e := range entries {
		k, err := parseEntry(strings.TrimSpace(e))
		if err != nil {
			return nil, fmt.Errorf("key #%d %w", i+1, err)
		}
		if slices.ContainsFunc(keys, func(o Key) bool { return o.ID == k.ID }) {
			return nil, fmt.Errorf("key #%d repeats id %d", i+1, k.ID)
		}
		keys = append(keys, k)
	}
	return keys, nil
}

func parseEntry(e string) (Key, error) {
	idText, secret, ok := strings.Cut(e, ":")
	if !ok {
		return Key{}, errors.New("must be written <id>:<base64> when several keys are given")
	}
	id, err := strconv.Atoi(strings.TrimSpace(idText))
	if err != nil || id < 1 || id > MaxKeyID {
		return Key{}, fmt.Errorf("has an id that is not a whole number from 1 to %d", MaxKeyID)
	}
	b, err := decodeBase64(strings.TrimSpace(secret))
	if err != nil {
		return Key{}, errors.New("is not valid base64")
	}
	if len(b) != KeySize {
		return Key{}, fmt.Errorf("decodes to %d bytes; it must be %d (openssl rand -base64 32)",
			len(b), KeySize)
	}
	return Key{ID: id, Secret: b}, nil
}

// decodeBase64 accepts standard base64 with or without padding, which is
// what `openssl rand -base64 32` and most secret stores produce.
func decodeBase64(s string) ([]byte, error) {
	if b, err := base64.StdEncoding.DecodeString(s); err == nil {
		return b, nil
	}
	return base64.RawStdEncoding.DecodeString(s)
}

// FormatKeys writes keys in the form ParseKeys reads.
func FormatKeys(keys []Key) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = strconv.Itoa(k.ID) + ":" + base64.StdEncoding.EncodeToString(k.Secret)
	}
	return strings.Join(parts, ",")
}

// NewKey returns a random key with the given id.
func NewKey(id int) (Key, error) {
	b := make([]byte, KeySize)
	if _, err := rand.Read(b); err != nil {
		return Key{}, fmt.Errorf("pii: generate key: %w", err)
	}
	return Key{ID: id, Secret: b}, nil
}
