package kitchen

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"

	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// orderNumber is the stored form, YYYYMMDD-NNN; anything else cannot be an
// order and is not looked up.
var orderNumber = regexp.MustCompile(`^\d{8}-\d{3,}$`)

// change is the outcome of a status change, for the page and the API.
type change struct {
	status  int // HTTP status
	message string
	ok      bool
	order   sqlite.Tracked // as it stands; zero when not found
}

// changeStatus moves an order and says what happened in words staff read.
// from is the status the requester saw ("" from scripts that do not care).
// Nothing is changed unless the answer is ok.
func (h *Handler) changeStatus(ctx context.Context, number string, to, from sqlite.Status,
	via string,
) change {
	display := displayOf(number)
	switch {
	case !orderNumber.MatchString(number):
		return change{status: http.StatusNotFound,
			message: "There is no order " + display + "; nothing was changed."}
	case !to.Valid() || to == sqlite.StatusPending:
		return change{status: http.StatusBadRequest,
			message: "The status must be preparing, ready, collected or cancelled."}
	case from != "" && !from.Valid():
		return change{status: http.StatusBadRequest, message: "Unknown current status."}
	}
	t, err := h.o.Store.ChangeStatus(ctx, sqlite.StatusChange{Number: number, To: to,
		From: from, ReadyText: readyText(h.o.Menu.Shop().Name)})
	switch {
	case errors.Is(err, sqlite.ErrNotFound):
		return change{status: http.StatusNotFound,
			message: "There is no order " + display + "; nothing was changed."}
	case errors.Is(err, sqlite.ErrStaleStatus):
		return change{status: http.StatusConflict, order: t, message: fmt.Sprintf(
			"Order %s is already %s: another screen moved it. Nothing was changed.",
			display, statusWords[t.Status])}
	case errors.Is(err, sqlite.ErrIllegalTransition):
		return change{status: http.StatusConflict, order: t, message: fmt.Sprintf(
			"Order %s is %s and cannot go to %s. Nothing was changed.",
			display, statusWords[t.Status], statusWords[to])}
	case err != nil:
		h.o.Log.Error("change order status", slog.String("order", number),
			slog.String("error", err.Error()))
		return change{status: http.StatusInternalServerError,
			message: "That could not be saved. Check the board and try again."}
	}
	h.o.Log.Info("order status changed", slog.String("order", number),
		slog.String("from", string(from)), slog.String("to", string(to)),
		slog.String("via", via))
	h.hub.poke()
	if to == sqlite.StatusReady {
		h.o.Notify()
	}
	return change{status: http.StatusOK, ok: true, order: t,
		message: fmt.Sprintf("Order %s is now %s.", display, statusWords[to])}
}

// displayOf is the short number staff call out: "20261203-042" → "#042".
func displayOf(number string) string {
	if orderNumber.MatchString(number) {
		return "#" + number[9:]
	}
	return "that number"
}

// formStatus is the page's fallback when scripts are off: a plain form
// post, answered with a redirect back to the board and a one-time message.
// A cancel must carry confirm=yes, which only the confirmation step sends.
func (h *Handler) formStatus(w http.ResponseWriter, r *http.Request, _ session) {
	to := sqlite.Status(r.PostFormValue("status"))
	var c change
	if to == sqlite.StatusCancelled && r.PostFormValue("confirm") != "yes" {
		c = change{message: "Cancelling needs a second tap on \"Yes, cancel\"."}
	} else {
		c = h.changeStatus(r.Context(), r.PathValue("number"), to,
			sqlite.Status(r.PostFormValue("from")), "page")
	}
	setFlash(w, c.message)
	http.Redirect(w, r, "/kitchen", http.StatusSeeOther)
}

// setFlash keeps a message for the next page view. It is this program's
// own sentence, never customer text, and the page escapes it.
func setFlash(w http.ResponseWriter, msg string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie,
		Value: base64.RawURLEncoding.EncodeToString([]byte(msg)), Path: "/kitchen",
		MaxAge: 60, Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode})
}

// takeFlash returns the kept message, if any, and forgets it.
func takeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Path: "/kitchen", MaxAge: -1,
		Secure: true, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	b, err := base64.RawURLEncoding.DecodeString(c.Value)
	if err != nil || len(b) > 300 {
		return ""
	}
	return string(b)
}
