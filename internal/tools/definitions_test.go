package tools_test

import (
	"encoding/json"
	"log/slog"
	"slices"
	"testing"

	"github.com/kebabalab/kebabalab/internal/clock"
	"github.com/kebabalab/kebabalab/internal/tools"
)

// The tools of SPEC §6, by the names VAPI assistants are configured with.
var specTools = []string{
	"checkOpen", "getMenu", "getCallerSmartContext", "quickAddItem",
	"addMultipleItemsToCart", "getCartState", "removeCartItem", "clearCart",
	"editCartItem", "priceCart", "convertItemsToMeals", "getOrderSummary",
	"setPickupTime", "estimateReadyTime", "createOrder", "repeatLastOrder",
	"sendMenuLink", "sendReceipt", "endCall",
}

func TestDefinitionsCoverTheSpec(t *testing.T) {
	m := loadMenu(t)
	reg := tools.New(tools.Deps{Menu: m, Clock: clock.New(m.Shop().Location),
		Log: slog.New(slog.DiscardHandler)})
	defs := reg.Definitions("https://example.com")
	var names []string
	for _, d := range defs {
		names = append(names, d.Function.Name)
		if len(d.Function.Description) < 40 {
			t.Errorf("%s: description %q is too thin to guide the assistant",
				d.Function.Name, d.Function.Description)
		}
		if d.Server.URL != "https://example.com/webhook" {
			t.Errorf("%s: server url %q", d.Function.Name, d.Server.URL)
		}
		if d.Function.Parameters["type"] != "object" {
			t.Errorf("%s: parameters are not an object schema", d.Function.Name)
		}
	}
	for _, want := range specTools {
		if !slices.Contains(names, want) {
			t.Errorf("tool %s is missing", want)
		}
	}
}

// The schemas' enums come from the menu: the categories are the earlier
// server's names and every can brand is offered.
func TestSchemaEnumsComeFromTheMenu(t *testing.T) {
	m := loadMenu(t)
	reg := tools.New(tools.Deps{Menu: m, Clock: clock.New(m.Shop().Location),
		Log: slog.New(slog.DiscardHandler)})
	for _, d := range reg.Definitions("https://example.com") {
		if d.Function.Name != "addMultipleItemsToCart" {
			continue
		}
		b, _ := json.Marshal(d.Function.Parameters)
		for _, want := range []string{
			`"enum":["kebabs","hsp","gozleme","chips","drinks","sweets","meat_containers",` +
				`"sauce_tubs","extras"]`,
			`"coke_zero"`, `"sweet_chilli"`, `"extra_meat"`, `"500g"`,
		} {
			if !contains(string(b), want) {
				t.Errorf("schema lacks %s", want)
			}
		}
		return
	}
	t.Fatal("addMultipleItemsToCart not found")
}
