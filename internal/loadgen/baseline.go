package loadgen

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/kebabalab/kebabalab/internal/vapi"
)

// Baselines the server is compared with, on the same bodies and the same
// machine. Neither authenticates, routes, keeps sessions or runs a tool.
const (
	// BaselineRead reads the body and returns a fixed result: the most a
	// Go HTTP server on this machine can do with these requests.
	BaselineRead = "read"
	// BaselineDecode also decodes the envelope into the server's structs
	// with plain encoding/json: a naive server before it does any work.
	BaselineDecode = "decode"
)

// fixedReply is a valid one-entry tool-calls reply whose result is ok, so
// the runner counts baseline requests as successes.
var fixedReply = []byte(`{"results":[{"name":"priceCart","toolCallId":"call_0",` +
	`"result":"{\"ok\":true,\"message\":\"Your total is $27.00.\"}"}]}`)

// BaselineHandler returns the handler of the named baseline, or nil.
func BaselineHandler(kind string) http.Handler {
	switch kind {
	case BaselineRead:
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if _, err := io.ReadAll(r.Body); err != nil {
				http.Error(w, "bad body", http.StatusBadRequest)
				return
			}
			writeFixed(w)
		})
	case BaselineDecode:
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body, err := io.ReadAll(r.Body)
			if err != nil {
				http.Error(w, "bad body", http.StatusBadRequest)
				return
			}
			var env struct {
				Message *vapi.Message `json:"message"`
			}
			if err := json.Unmarshal(body, &env); err != nil || env.Message == nil {
				http.Error(w, "bad envelope", http.StatusBadRequest)
				return
			}
			writeFixed(w)
		})
	}
	return nil
}

func writeFixed(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(fixedReply)
}

// ServeBaseline serves the named baseline on ln until ctx ends, with the
// same server timeouts as kebabalab so the HTTP layer is the same.
func ServeBaseline(ctx context.Context, ln net.Listener, kind string) error {
	mux := http.NewServeMux()
	mux.Handle("/", BaselineHandler(kind))
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"status":"ready"}`))
	})
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      20 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
