package pii

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
)

// indexPrefix starts every blind index: "i<id>:" then the base64 HMAC.
const indexPrefix = "i"

// BlindIndex returns the blind index of an E.164 phone number under the
// newest index key: HMAC-SHA256 of the number, prefixed with the key id.
// The same number always gives the same index, so orders can be found by
// number without the number being stored; without the index key the index
// cannot be linked back to a number.
//
// The caller must normalise the number first (internal/phone): "0412…"
// and "+61412…" are different inputs here.
func (k *Keyring) BlindIndex(e164 string) string {
	return blindIndex(k.idxActive, k.idx[k.idxActive], e164)
}

// BlindIndexes returns the number's blind index under every index key,
// newest first, so a look-up also finds rows indexed before a rotation.
func (k *Keyring) BlindIndexes(e164 string) []string {
	ids := k.IndexIDs()
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = blindIndex(id, k.idx[id], e164)
	}
	return out
}

// IndexPrefix is how an index made under key id starts.
func IndexPrefix(id int) string { return indexPrefix + strconv.Itoa(id) + ":" }

// IndexKeyID returns the key id a blind index was made under.
func IndexKeyID(index string) (int, bool) {
	rest, ok := strings.CutPrefix(index, indexPrefix)
	if !ok {
		return 0, false
	}
	idText, _, ok := strings.Cut(rest, ":")
	id, err := strconv.Atoi(idText)
	return id, ok && err == nil
}

func blindIndex(id int, key []byte, e164 string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("kebabalab/pii/phone/v1\x00"))
	m.Write([]byte(e164))
	return IndexPrefix(id) + base64.RawStdEncoding.EncodeToString(m.Sum(nil))
}
