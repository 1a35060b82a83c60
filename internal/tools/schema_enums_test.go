package tools_test

import (
	"log/slog"
	"maps"
	"testing"

	"github.com/kebabalab/kebabalab/internal/clock"
	"github.com/kebabalab/kebabalab/internal/tools"
)

// enumValues returns a property's enum, or that of its items for a list.
func enumValues(prop any) []string {
	p, _ := prop.(tools.Schema)
	if items, ok := p["items"].(tools.Schema); ok {
		p = items
	}
	values, _ := p["enum"].([]string)
	return values
}

// Every value the definitions offer the assistant is one the tool accepts:
// an assistant that picks from an enum must never be refused for it.
func TestSchemaEnumsAreAccepted(t *testing.T) {
	m := loadMenu(t)
	reg := tools.New(tools.Deps{Menu: m, Clock: clock.New(m.Shop().Location),
		Log: slog.New(slog.DiscardHandler)})
	params := map[string]tools.Schema{}
	for _, d := range reg.Definitions("https://example.com") {
		params[d.Function.Name] = d.Function.Parameters
	}
	props := func(s tools.Schema) tools.Schema { return s["properties"].(tools.Schema) }
	item := func(base map[string]any, key string, v any) map[string]any {
		out := maps.Clone(base)
		out[key] = v
		return out
	}
	kebab := smallLambKebab
	samples := map[string]map[string]any{
		"kebabs":  kebab,
		"hsp":     {"category": "hsp", "size": "small", "protein": "lamb"},
		"gozleme": {"category": "gozleme", "variant": "lamb"},
		"chips":   {"category": "chips", "name": "chips", "size": "small"},
		"drinks":  {"category": "drinks", "name": "water"},
		"sweets":  {"category": "sweets", "name": "baklava"},
		"meat_containers": {"category": "meat_containers", "size": "250g",
			"protein": "lamb"},
		"sauce_tubs": {"category": "sauce_tubs", "sauce": "garlic"},
		"extras":     {"category": "extras", "name": "napkins"},
	}
	// candidates returns the items that could carry value v of property p;
	// the value is accepted when one of them is added.
	candidates := func(p, v string) []map[string]any {
		switch p {
		case "category":
			return []map[string]any{samples[v]}
		case "protein":
			return []map[string]any{item(kebab, p, v),
				item(samples["meat_containers"], p, v)}
		case "variant":
			return []map[string]any{item(samples["gozleme"], p, v)}
		case "brand":
			return []map[string]any{{"category": "drinks", "brand": v}}
		case "flavour":
			return []map[string]any{
				{"category": "drinks", "name": "iced tea", "flavour": v},
				{"category": "sweets", "name": "turkish delight", "flavour": v}}
		case "sauce":
			return []map[string]any{item(samples["sauce_tubs"], p, v)}
		case "salads", "sauces", "extras":
			return []map[string]any{item(kebab, p, []string{v})}
		case "size":
			return []map[string]any{item(kebab, p, v), item(samples["meat_containers"], p, v)}
		case "salt_type":
			return []map[string]any{item(samples["chips"], p, v)}
		}
		return nil
	}

	h := newHarness(t, "")
	items := props(params["addMultipleItemsToCart"])["items"].(tools.Schema)
	itemProps := props(items["items"].(tools.Schema))
	for p, schema := range itemProps {
		for _, v := range enumValues(schema) {
			cands := candidates(p, v)
			if len(cands) == 0 || cands[0] == nil {
				t.Errorf("addMultipleItemsToCart %s=%s: no sample item to try it on", p, v)
				continue
			}
			accepted := false
			for _, c := range cands {
				h.call("clearCart", nil)
				got := h.call("addMultipleItemsToCart", map[string]any{"items": []any{c}})
				if got["ok"] == true {
					accepted = true
					break
				}
			}
			if !accepted {
				t.Errorf("addMultipleItemsToCart refuses %s=%q, which its schema offers", p, v)
			}
		}
	}

	for p, schema := range props(params["convertItemsToMeals"]) {
		for _, v := range enumValues(schema) {
			h.call("clearCart", nil)
			h.call("addMultipleItemsToCart", map[string]any{"items": []any{kebab}})
			if got := h.call("convertItemsToMeals", map[string]any{p: v}); got["ok"] != true {
				t.Errorf("convertItemsToMeals refuses %s=%q, which its schema offers: %v", p, v,
					got["error"])
			}
		}
	}
	for _, v := range enumValues(props(params["getMenu"])["category"]) {
		if got := h.call("getMenu", map[string]any{"category": v}); got["ok"] != true {
			t.Errorf("getMenu refuses category %q: %v", v, got["error"])
		}
	}
}
