package kitchen

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/go-chi/chi/v5/middleware"

	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// maxStatusBody is far more than {"status": "...", "from": "..."} needs.
const maxStatusBody = 1 << 10

// orderJSON is an order as the API shows it. It carries the first name
// only and never the phone number: the kitchen calls names out, and
// nothing it does needs the number.
type orderJSON struct {
	OrderNumber        string `json:"orderNumber"`
	DisplayOrderNumber string `json:"displayOrderNumber"`
	Status             string `json:"status"`
	NextStatus         string `json:"nextStatus,omitempty"`
	FirstName          string `json:"firstName"`
	// DetailsUnreadable: the name and notes did not decrypt and are empty.
	DetailsUnreadable bool       `json:"detailsUnreadable,omitempty"`
	Items             []itemJSON `json:"items"`
	Notes             string     `json:"notes"`
	Total             float64    `json:"total"`
	ReadyAt           string     `json:"readyAt"` // RFC 3339, shop time
	CreatedAt         string     `json:"createdAt"`
	StatusChangedAt   string     `json:"statusChangedAt"`
	Late              bool       `json:"late"`
}

type itemJSON struct {
	Quantity int    `json:"quantity"`
	Name     string `json:"name"`
	Options  string `json:"options"`
}

func (h *Handler) orderJSON(t sqlite.Tracked) *orderJSON {
	loc := h.o.Menu.Shop().Location
	o := &orderJSON{
		OrderNumber: t.Number, DisplayOrderNumber: t.DisplayNumber(),
		Status: string(t.Status), NextStatus: string(sqlite.NextStatus(t.Status)),
		FirstName: firstName(t.CustomerName), DetailsUnreadable: t.DetailsUnreadable,
		Items: []itemJSON{}, Notes: t.Notes,
		Total: t.Total.Dollars(), ReadyAt: t.ReadyAt.In(loc).Format(time.RFC3339),
		CreatedAt:       t.CreatedAt.In(loc).Format(time.RFC3339),
		StatusChangedAt: t.StatusChangedAt.In(loc).Format(time.RFC3339),
		Late:            isLate(t, h.o.Now()),
	}
	for _, l := range t.Lines {
		o.Items = append(o.Items, itemJSON{Quantity: l.Quantity, Name: l.ItemName,
			Options: l.Options})
	}
	return o
}

type listJSON struct {
	Date   string       `json:"date"`
	Orders []*orderJSON `json:"orders"`
}

// listOrders answers GET /admin/orders?status=pending,ready&date=YYYY-MM-DD.
// The date is a shop day and defaults to today; no status means all.
func (h *Handler) listOrders(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	day := h.o.Now()
	if d := q.Get("date"); d != "" {
		var err error
		if day, err = time.Parse(time.DateOnly, d); err != nil {
			writeError(w, r, http.StatusBadRequest, "date must be YYYY-MM-DD")
			return
		}
	}
	f := sqlite.OrderFilter{ShopDay: day.Format("20060102")}
	if s := q.Get("status"); s != "" {
		for _, v := range strings.Split(s, ",") {
			st := sqlite.Status(strings.TrimSpace(v))
			if !st.Valid() {
				writeError(w, r, http.StatusBadRequest, "status must be pending, "+
					"preparing, ready, collected or cancelled (comma-separated)")
				return
			}
			f.Statuses = append(f.Statuses, st)
		}
	}
	list, err := h.o.Store.ListOrders(r.Context(), f)
	if err != nil {
		h.o.Log.Error("list orders", "error", err.Error())
		writeError(w, r, http.StatusInternalServerError, "internal error")
		return
	}
	out := listJSON{Date: day.Format(time.DateOnly), Orders: []*orderJSON{}}
	for _, t := range list {
		out.Orders = append(out.Orders, h.orderJSON(t))
	}
	writeJSON(w, http.StatusOK, out)
}

// getOrder answers GET /admin/orders/{orderNumber}.
func (h *Handler) getOrder(w http.ResponseWriter, r *http.Request) {
	number := r.PathValue("number")
	if !orderNumber.MatchString(number) {
		writeError(w, r, http.StatusNotFound, "no such order")
		return
	}
	t, err := h.o.Store.TrackOrder(r.Context(), number)
	if errors.Is(err, sqlite.ErrNotFound) {
		writeError(w, r, http.StatusNotFound, "no such order")
		return
	}
	if errors.Is(err, sqlite.ErrUndecryptable) {
		// The store has logged which row and why; status and items are
		// still worth showing.
		err = nil
	}
	if err != nil {
		h.o.Log.Error("read order", "order", number, "error", err.Error())
		writeError(w, r, http.StatusInternalServerError, "internal error")
		return
	}
	writeJSON(w, http.StatusOK, h.orderJSON(t))
}

type statusRequest struct {
	Status string `json:"status"`
	// From is the status the requester last saw; when given, the change is
	// refused with 409 if the order has moved since.
	From string `json:"from"`
}

type changedJSON struct {
	OK      bool       `json:"ok"`
	Message string     `json:"message"`
	Order   *orderJSON `json:"order"`
}

// postStatus answers POST /admin/orders/{orderNumber}/status with
// {"status": "preparing"}: 200 with the order, 404 for an unknown order,
// 409 for an illegal or stale change, 400 for a bad body.
func (h *Handler) postStatus(w http.ResponseWriter, r *http.Request) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		writeError(w, r, http.StatusUnsupportedMediaType,
			"content type must be application/json")
		return
	}
	var req statusRequest
	dec := json.NewDecoder(io.LimitReader(r.Body, maxStatusBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil || req.Status == "" {
		writeError(w, r, http.StatusBadRequest,
			`body must be {"status": "preparing|ready|collected|cancelled"}`)
		return
	}
	via := "api"
	if r.Header.Get("Authorization") == "" {
		via = "page"
	}
	c := h.changeStatus(r.Context(), r.PathValue("number"), sqlite.Status(req.Status),
		sqlite.Status(req.From), via)
	if !c.ok {
		body := errorBody{Error: c.message, RequestID: middleware.GetReqID(r.Context())}
		if c.order.ID != 0 {
			body.Order = h.orderJSON(c.order)
		}
		writeJSON(w, c.status, body)
		return
	}
	writeJSON(w, http.StatusOK, changedJSON{OK: true, Message: c.message,
		Order: h.orderJSON(c.order)})
}
