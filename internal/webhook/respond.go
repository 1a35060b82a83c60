package webhook

import (
	"encoding/json"
	"net/http"

	"github.com/go-chi/chi/v5/middleware"
)

// Bodies of refused requests. They name the problem for whoever reads the
// response but never echo input or reveal anything internal.
const (
	msgMalformed     = "malformed request body"
	msgUnauthorized  = "unauthorized"
	msgMethod        = "method not allowed"
	msgContentType   = "content type must be application/json"
	msgTooLarge      = "request body too large"
	msgRateLimited   = "too many requests; retry later"
	msgInternal      = "internal error"
	msgNotFound      = "not found"
	msgNotReady      = "not ready"
	msgTooManyCalls  = "too many tool calls in one message"
	msgNoToolCalls   = "no tool calls in message"
	msgToolCallNoID  = "tool call without an id"
	msgNoMessageBody = "body has no message object"
)

type errorBody struct {
	Error     string `json:"error"`
	RequestID string `json:"requestId,omitempty"`
}

// writeJSON sends v with the given status. Encoding errors can only come
// from a broken connection, which nothing can be done about.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeError sends a generic error body carrying the request id, which
// lets an operator find the matching log line.
func writeError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	writeJSON(w, status, errorBody{Error: msg, RequestID: middleware.GetReqID(r.Context())})
}
