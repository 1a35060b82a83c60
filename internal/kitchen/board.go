package kitchen

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/kebabalab/kebabalab/internal/pickup"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// columns are the board's lists, left to right.
var columns = []struct {
	status sqlite.Status
	title  string
}{
	{sqlite.StatusPending, "New"},
	{sqlite.StatusPreparing, "Preparing"},
	{sqlite.StatusReady, "Ready"},
}

// actionLabels name the one-tap move out of each status.
var actionLabels = map[sqlite.Status]string{
	sqlite.StatusPending:   "Start preparing",
	sqlite.StatusPreparing: "Mark ready",
	sqlite.StatusReady:     "Collected",
}

// statusWords are statuses as staff say them.
var statusWords = map[sqlite.Status]string{
	sqlite.StatusPending:   "new",
	sqlite.StatusPreparing: "preparing",
	sqlite.StatusReady:     "ready",
	sqlite.StatusCollected: "collected",
	sqlite.StatusCancelled: "cancelled",
}

type pageView struct {
	Shop  string
	CSRF  string
	Flash string
	Board boardView
}

type loginView struct {
	Shop    string
	Message string
}

type boardView struct {
	Columns  []columnView
	LatestID int64  // newest order shown; the page chimes when it grows
	Updated  string // shop time of this render: "6:05 PM"
	CSRF     string
}

type columnView struct {
	Key, Title string
	Cards      []cardView
}

type cardView struct {
	Number    string // YYYYMMDD-NNN
	Display   string // #042
	Name      string // first name only
	Status    string
	Items     []itemView
	Notes     string
	Pickup    string // "6:30 PM"
	Age       string // "12 min ago"
	Late      string // "5 min late", or "" when on time
	Next      string
	NextLabel string
	CSRF      string
}

type itemView struct {
	Quantity int
	Name     string
	Options  string
}

// board renders the whole page for a signed-in tablet.
func (h *Handler) board(w http.ResponseWriter, r *http.Request, s session) {
	b, err := h.boardView(r.Context(), s)
	if err != nil {
		h.o.Log.Error("load kitchen board", "error", err.Error())
		http.Error(w, "The board could not be loaded; reload to try again.",
			http.StatusInternalServerError)
		return
	}
	v := pageView{Shop: h.o.Menu.Shop().Name, CSRF: b.CSRF, Board: b,
		Flash: takeFlash(w, r)}
	h.render(w, http.StatusOK, "page.html", v)
}

// boardOrders are the orders still in the kitchen: new, preparing or
// ready, from today and yesterday, so a shop open past midnight keeps
// seeing the orders taken before it.
func (h *Handler) boardOrders(ctx context.Context) ([]sqlite.Tracked, error) {
	now := h.o.Now()
	var out []sqlite.Tracked
	for _, day := range []time.Time{now.AddDate(0, 0, -1), now} {
		list, err := h.o.Store.ListOrders(ctx, sqlite.OrderFilter{
			ShopDay: day.Format("20060102"),
			Statuses: []sqlite.Status{sqlite.StatusPending, sqlite.StatusPreparing,
				sqlite.StatusReady},
		})
		if err != nil {
			return nil, err
		}
		out = append(out, list...)
	}
	return out, nil
}

func (h *Handler) boardView(ctx context.Context, s session) (boardView, error) {
	orders, err := h.boardOrders(ctx)
	if err != nil {
		return boardView{}, err
	}
	now := h.o.Now()
	b := boardView{Updated: pickup.Spoken(now), CSRF: h.keys.csrfToken(s)}
	for _, c := range columns {
		col := columnView{Key: string(c.status), Title: c.title}
		for _, o := range orders {
			if o.Status == c.status {
				col.Cards = append(col.Cards, h.card(o, now, b.CSRF))
			}
		}
		b.Columns = append(b.Columns, col)
	}
	for _, o := range orders {
		b.LatestID = max(b.LatestID, o.ID)
	}
	return b, nil
}

func (h *Handler) card(o sqlite.Tracked, now time.Time, csrf string) cardView {
	loc := h.o.Menu.Shop().Location
	c := cardView{
		Number: o.Number, Display: o.DisplayNumber(), Name: customerLabel(o.Order),
		Status: string(o.Status), Notes: o.Notes, CSRF: csrf,
		Pickup: pickup.Spoken(o.ReadyAt.In(loc)), Age: ago(now.Sub(o.CreatedAt)),
		Next: string(sqlite.NextStatus(o.Status)), NextLabel: actionLabels[o.Status],
	}
	for _, l := range o.Lines {
		c.Items = append(c.Items, itemView{Quantity: l.Quantity, Name: l.ItemName,
			Options: l.Options})
	}
	if isLate(o, now) {
		c.Late = fmt.Sprintf("%d min late", max(1, int(now.Sub(o.ReadyAt).Minutes())))
	}
	return c
}

// isLate reports an order the kitchen has not finished by its pickup time.
func isLate(o sqlite.Tracked, now time.Time) bool {
	waiting := o.Status == sqlite.StatusPending || o.Status == sqlite.StatusPreparing
	return waiting && now.After(o.ReadyAt)
}

// ago says how long ago something happened, to the minute.
func ago(d time.Duration) string {
	switch m := int(d.Minutes()); {
	case m < 1:
		return "just now"
	case m < 60:
		return fmt.Sprintf("%d min ago", m)
	default:
		return fmt.Sprintf("%d h %02d min ago", m/60, m%60)
	}
}

// customerLabel is the name on an order's card, or a word that its
// details could not be read, so staff ask at the counter instead of
// seeing a blank.
func customerLabel(o sqlite.Order) string {
	if o.DetailsUnreadable {
		return unreadableName
	}
	return firstName(o.CustomerName)
}

// unreadableName stands for the name of an order whose details do not
// decrypt (SECURITY.md).
const unreadableName = "(name unreadable)"

// firstName is what the board calls a customer: enough to call out, no more.
func firstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return ""
}
