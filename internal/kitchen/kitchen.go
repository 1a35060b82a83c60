// Package kitchen serves the kitchen board: a page for a tablet by the
// grill that lists the day's phone orders as they arrive (Server-Sent
// Events) and moves each one along with a tap, and the JSON admin API the
// page and scripts use. Staff sign in with ADMIN_TOKEN and get a signed
// session cookie; scripts send the token as a bearer token.
package kitchen

import (
	"context"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"github.com/kebabalab/kebabalab/internal/menu"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// Store is what the board needs from the database; *sqlite.Store has it.
type Store interface {
	ListOrders(ctx context.Context, f sqlite.OrderFilter) ([]sqlite.Tracked, error)
	TrackOrder(ctx context.Context, number string) (sqlite.Tracked, error)
	ChangeStatus(ctx context.Context, c sqlite.StatusChange) (sqlite.Tracked, error)
	LastOrderID(ctx context.Context) (int64, error)
}

// Options configure the board. Store, Menu, Now and AdminToken are
// required; zero values of the rest take the defaults shown.
type Options struct {
	Store Store
	Menu  *menu.Menu
	// Now is the shop clock; "today" and "late" are read from it.
	Now        func() time.Time
	AdminToken string
	Log        *slog.Logger // discards when nil
	// Notify wakes the SMS worker after a ready text is queued; nil is a
	// no-op (the worker's poll still sends it).
	Notify func()

	// SessionTTL is 12 h: one long shift, then sign in again. The cookie is
	// always Secure; browsers keep Secure cookies from http://localhost and
	// http://127.0.0.1, where development runs, and everywhere else the
	// board is served over HTTPS.
	SessionTTL  time.Duration
	Poll        time.Duration // 500 ms: how often open boards look for new orders
	Refresh     time.Duration // 15 s: how often open boards are re-sent anyway
	LoginLimit  int           // 5 wrong tokens per client IP per LoginWindow
	LoginWindow time.Duration // 15 min
}

// Handler serves /kitchen and /admin/orders. Mount it on both.
type Handler struct {
	o       Options
	keys    keys
	limit   *limiter
	hub     *hub
	pages   *template.Template
	handler http.Handler
}

// New checks o and builds the handler.
func New(o Options) (*Handler, error) {
	if o.Store == nil || o.Menu == nil || o.Now == nil {
		return nil, errors.New("kitchen: store, menu and clock are required")
	}
	if o.AdminToken == "" {
		return nil, errors.New("kitchen: an admin token is required")
	}
	o = withDefaults(o)
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	h := &Handler{
		o:     o,
		keys:  deriveKeys(o.AdminToken),
		limit: newLimiter(o.LoginLimit, o.LoginWindow, o.Now),
		hub:   newHub(o.Store, o.Poll, o.Log),
		pages: pages,
	}
	h.handler = h.routes()
	return h, nil
}

func withDefaults(o Options) Options {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Notify == nil {
		o.Notify = func() {}
	}
	if o.SessionTTL <= 0 {
		o.SessionTTL = 12 * time.Hour
	}
	if o.Poll <= 0 {
		o.Poll = 500 * time.Millisecond
	}
	if o.Refresh <= 0 {
		o.Refresh = 15 * time.Second
	}
	if o.LoginLimit <= 0 {
		o.LoginLimit = 5
	}
	if o.LoginWindow <= 0 {
		o.LoginWindow = 15 * time.Minute
	}
	return o
}

// ServeHTTP serves the board, its assets and the admin API.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.handler.ServeHTTP(w, r)
}

// Poke tells open boards that something changed, such as a new order, so
// they refresh now instead of at the next poll.
func (h *Handler) Poke() { h.hub.poke() }

// Close ends every live stream, so a graceful shutdown is not held up by
// boards that never disconnect. Register it with
// http.Server.RegisterOnShutdown.
func (h *Handler) Close() { h.hub.close() }

// routes lists every path. Pages answer with HTML, the API with JSON.
// Order matters only in the wrappers: headers first, so even a refusal
// carries them, then the cross-origin check before any handler acts.
func (h *Handler) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /kitchen", h.page(h.board))
	mux.HandleFunc("GET /kitchen/{$}", redirectTo("/kitchen"))
	mux.HandleFunc("GET /kitchen/login", h.loginForm)
	mux.HandleFunc("POST /kitchen/login", h.login)
	mux.HandleFunc("POST /kitchen/logout", h.form(h.logout))
	mux.HandleFunc("GET /kitchen/events", h.stream(h.events))
	mux.HandleFunc("POST /kitchen/orders/{number}/status", h.form(h.formStatus))
	mux.HandleFunc("GET /kitchen/static/{file}", serveStatic)
	mux.HandleFunc("GET /admin/orders", h.admin(h.listOrders))
	mux.HandleFunc("GET /admin/orders/{number}", h.admin(h.getOrder))
	mux.HandleFunc("POST /admin/orders/{number}/status", h.admin(h.postStatus))
	mux.HandleFunc("/kitchen/", h.notFoundPage)
	mux.HandleFunc("/admin/orders/", h.notFoundJSON)

	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(h.crossOrigin))
	return securityHeaders(cop.Handler(mux))
}

func redirectTo(path string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, path, http.StatusSeeOther)
	}
}
