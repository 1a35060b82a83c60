package kitchen

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// writeSlack is how long one event may take to write. The server's
// WriteTimeout would otherwise end every stream a few seconds in, so the
// deadline is moved on before each event.
const writeSlack = 10 * time.Second

// events streams the board to a signed-in tablet as Server-Sent Events:
// an "board" event carrying the board's HTML at once, after every change,
// and every Refresh so ages and late marks stay current. The stream ends
// when the session expires or the server shuts down; the browser then
// reconnects, and a tablet whose session is over gets 401 and signs in.
func (h *Handler) events(w http.ResponseWriter, r *http.Request, s session) {
	rc := http.NewResponseController(w)
	ctx := r.Context()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("X-Accel-Buffering", "no") // tell a proxy not to hold events back
	leave := h.hub.join(ctx)
	defer leave()

	expiry := time.NewTimer(s.expires.Sub(h.o.Now()))
	defer expiry.Stop()
	refresh := time.NewTicker(h.o.Refresh)
	defer refresh.Stop()
	// Reconnect after 2 s instead of the browser's default 3 s.
	first := "retry: 2000\n"
	for {
		changed := h.hub.wait()
		if err := h.sendBoard(rc, w, r, s, first); err != nil {
			return // the tablet went away
		}
		first = ""
		select {
		case <-changed:
		case <-refresh.C:
		case <-expiry.C:
			return
		case <-h.hub.done:
			return
		case <-ctx.Done():
			return
		}
	}
}

func (h *Handler) sendBoard(rc *http.ResponseController, w http.ResponseWriter,
	r *http.Request, s session, prefix string,
) error {
	b, err := h.boardView(r.Context(), s)
	if err != nil {
		h.o.Log.Error("load kitchen board", "error", err.Error())
		// Keep the stream: the next change or refresh tries again.
		return h.writeEvent(rc, w, prefix+": board unavailable\n\n")
	}
	var buf bytes.Buffer
	if err := h.pages.ExecuteTemplate(&buf, "board", b); err != nil {
		h.o.Log.Error("render kitchen board", "error", err.Error())
		return err
	}
	return h.writeEvent(rc, w, prefix+sseEvent("board", buf.String()))
}

func (h *Handler) writeEvent(rc *http.ResponseController, w http.ResponseWriter,
	ev string,
) error {
	err := rc.SetWriteDeadline(time.Now().Add(h.o.Refresh + writeSlack))
	if err != nil && !errors.Is(err, http.ErrNotSupported) {
		return err
	}
	if _, err := fmt.Fprint(w, ev); err != nil {
		return err
	}
	return rc.Flush()
}

// sseEvent formats one event; each line of data gets its own "data:"
// field, and the browser joins them back with newlines. A carriage return
// also ends a line in SSE, so one inside customer text would cut the
// event: every CR becomes a newline first.
func sseEvent(name, data string) string {
	data = strings.ReplaceAll(strings.ReplaceAll(data, "\r\n", "\n"), "\r", "\n")
	var b strings.Builder
	b.WriteString("event: " + name + "\n")
	for _, line := range strings.Split(data, "\n") {
		b.WriteString("data: " + line + "\n")
	}
	b.WriteString("\n")
	return b.String()
}
