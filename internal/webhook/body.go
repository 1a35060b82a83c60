package webhook

import (
	"io"
	"net/http"
	"sync"
)

// Request bodies are read into recycled buffers. io.ReadAll starts at 512
// bytes and doubles, so a 31 KB VAPI envelope cost seven allocations and
// about 60 KB of garbage per request: 10 % of the server's CPU under load
// in the profile in BENCHMARKS.md. Nothing keeps a reference to the body
// once the handler returns (vapi.Decode copies what it keeps), so the
// buffer goes back to the pool then.
const (
	// maxPrealloc bounds what a declared Content-Length may make us
	// allocate before the sender is authenticated; bigger bodies grow as
	// they arrive.
	maxPrealloc = 64 << 10
	// maxPooled keeps an occasional huge body from pinning memory.
	maxPooled = 256 << 10
)

var bodyPool = sync.Pool{New: func() any { return new([]byte) }}

// readBody reads r's body into a pooled buffer. The caller must call
// release once nothing uses the body any more, and not before.
func readBody(r *http.Request) (body []byte, release func(), err error) {
	bp := bodyPool.Get().(*[]byte)
	buf := (*bp)[:0]
	if n := r.ContentLength; n > 0 && n < maxPrealloc && int64(cap(buf)) <= n {
		// Room for the EOF read, rounded up to 4 KB so that the next
		// envelope, a little longer, fits too.
		buf = make([]byte, 0, (n+1+4095)&^4095)
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // let append pick the growth
		}
		n, rerr := r.Body.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			err = rerr
			break
		}
	}
	release = func() {
		if cap(buf) <= maxPooled {
			*bp = buf[:0]
			bodyPool.Put(bp)
		}
	}
	return buf, release, err
}
