package app

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kebabalab/kebabalab/internal/money"
	"github.com/kebabalab/kebabalab/internal/sqlite"
)

// TestServe_MovedCiphertextHurtsOnlyThatRow: someone with write access to
// the file copies another customer's sealed name onto the canary's newest
// order. Through the real server that order alone is affected: the
// canary is still recognised from the older order, the other customer is
// not shown in the canary's place, the kitchen still lists and moves the
// damaged order without a name, and the log names the row, not the data.
func TestServe_MovedCiphertextHurtsOnlyThatRow(t *testing.T) {
	ctx := context.Background()
	env := baseEnv(t)
	env["ADMIN_TOKEN"] = adminToken
	env["KEBABALAB_NOW"] = "2026-12-03T18:00:00+11:00"
	const otherName, otherPhone = "Mallory Zz-Other", "+61491570157"

	melbourne, err := time.LoadLocation("Australia/Melbourne")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 3, 12, 0, 0, 0, melbourne)
	store, err := sqlite.Open(ctx, env["DATABASE_PATH"], sqlite.WithPII(testKeys(t)),
		sqlite.WithClock(func() time.Time { return at }))
	if err != nil {
		t.Fatal(err)
	}
	place := func(i int, name, phone string, total money.Cents) sqlite.Order {
		o, _, err := store.CreateOrder(ctx, sqlite.NewOrder{
			CallID: fmt.Sprint("seed-", i), ToolCallID: fmt.Sprint("seed-tool-", i),
			CustomerName: name, Phone: phone, Notes: canaryNotes,
			Lines: []sqlite.Line{{ItemName: "Chips", Quantity: 1, UnitPrice: total,
				LineTotal: total, Detail: "{}"}},
			Total: total, GST: total / 11, ReadyAt: at,
		}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	older := place(1, canaryName, canaryPhone, 500)
	damaged := place(2, canaryName, canaryPhone, 1500)
	other := place(3, otherName, otherPhone, 2500)
	store.Close()

	db, err := sql.Open("sqlite", env["DATABASE_PATH"])
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`UPDATE orders SET customer_name = (SELECT customer_name FROM orders
		WHERE id = ?) WHERE id = ?`, other.ID, damaged.ID)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	base, stop, logs := startServer(t, env)
	for i, c := range []struct {
		caller string
		count  float64
		total  float64
	}{
		{canaryPhone, 2, older.Total.Dollars()},
		{otherPhone, 1, other.Total.Dollars()},
	} {
		got, err := postTool(base, fmt.Sprint("call-", i), c.caller, "getCallerSmartContext", nil)
		if err != nil {
			t.Fatal(err)
		}
		last, _ := got["lastOrder"].(map[string]any)
		if got["isReturningCustomer"] != true || got["orderCount"] != c.count ||
			last == nil || last["total"] != c.total {
			t.Errorf("caller %s: got %v; want %v orders, the last for $%v", c.caller, got,
				c.count, c.total)
		}
	}

	list := adminGet(t, base, "/admin/orders?date=2026-12-03")
	var board struct {
		Orders []struct{ OrderNumber, FirstName string }
	}
	if err := json.Unmarshal([]byte(list), &board); err != nil || len(board.Orders) != 3 {
		t.Fatalf("kitchen list: %v\n%s", err, list)
	}
	names := map[string]string{}
	for _, o := range board.Orders {
		names[o.OrderNumber] = o.FirstName
	}
	if names[older.Number] != "Zz-Canary-Kebab" || names[damaged.Number] != "" ||
		names[other.Number] != "Mallory" {
		t.Errorf("kitchen names: %v; want the damaged order without one", names)
	}
	var one struct {
		OrderNumber, FirstName, Status string
		DetailsUnreadable              bool
		Items                          []any
	}
	detail := adminGet(t, base, "/admin/orders/"+damaged.Number)
	if err := json.Unmarshal([]byte(detail), &one); err != nil ||
		one.OrderNumber != damaged.Number || !one.DetailsUnreadable || one.FirstName != "" ||
		one.Status != "pending" || len(one.Items) == 0 {
		t.Errorf("the damaged order's detail: %v\n%s", err, detail)
	}
	req, _ := http.NewRequest(http.MethodPost, base+"/admin/orders/"+damaged.Number+"/status",
		strings.NewReader(`{"status": "preparing"}`))
	req.Header.Set("Authorization", "Bearer "+adminToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("moving the damaged order on: HTTP %d", resp.StatusCode)
	}

	if code := stop(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	out := logs.String()
	if !strings.Contains(out, "personal data cannot be decrypted") ||
		!strings.Contains(out, fmt.Sprintf(`"row_id":%d`, damaged.ID)) {
		t.Errorf("the damaged row was not logged by id:\n%s", out)
	}
	for _, c := range append(canaries, otherName, "Mallory", otherPhone) {
		if strings.Contains(out, c) {
			t.Errorf("the log holds %q", c)
		}
	}
}

// adminGet reads an admin route with the admin token and returns its body.
func adminGet(t *testing.T, base, path string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+path, nil)
	req.Header.Set("Authorization", "Bearer "+adminToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: HTTP %d %s", path, resp.StatusCode, body)
	}
	return string(body)
}
