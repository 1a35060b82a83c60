package webhook

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestReadBody(t *testing.T) {
	for _, n := range []int{0, 1, 511, 31 << 10, maxPrealloc, 300 << 10} {
		want := bytes.Repeat([]byte("k"), n)
		for _, declared := range []bool{true, false} {
			r := httptest.NewRequest(http.MethodPost, "/webhook", bytes.NewReader(want))
			if !declared {
				r.ContentLength = -1
				r.Body = io.NopCloser(bytes.NewReader(want))
			}
			got, release, err := readBody(r)
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("%d bytes (declared %v): got %d bytes, %v", n, declared, len(got), err)
			}
			release()
		}
	}
}

func TestReadBody_TooLarge(t *testing.T) {
	rec := httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodPost, "/webhook",
		strings.NewReader(strings.Repeat("k", 100)))
	r.Body = http.MaxBytesReader(rec, r.Body, 10)
	_, release, err := readBody(r)
	defer release()
	if !tooLarge(err) {
		t.Fatalf("got %v, want a MaxBytesError", err)
	}
}
