package tools

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/kebabalab/kebabalab/internal/cart"
)

func editTool(d Deps) Tool {
	return Tool{
		Name: "editCartItem",
		Description: "Change one cart line: size, protein, salads, sauces, extras, cheese, " +
			"quantity, salt_type, chips_size or drink brand (meals are re-priced). Lists " +
			"replace what is there: to add garlic to a line with chilli, send sauces " +
			"[\"chilli\", \"garlic\"]. Use the index from getCartState.",
		Parameters: Object(map[string]any{
			"itemIndex": integer("Index of the line to change, from 0."),
			"modifications": Schema{"type": "object", "description": "What to change, such " +
				"as {\"size\": \"large\"} or {\"salads\": [\"lettuce\", \"tomato\"]}."},
		}, "itemIndex", "modifications"),
		Handle: d.editCartItem,
	}
}

// kv is one requested change, before it is understood.
type kv struct {
	key   string
	value json.RawMessage
}

func (d Deps) editCartItem(_ context.Context, c *Call, args json.RawMessage) (any, error) {
	var a struct {
		ItemIndex     Int             `json:"itemIndex"`
		Modifications json.RawMessage `json:"modifications"`
		Properties    json.RawMessage `json:"properties"`
		Property      json.RawMessage `json:"property"`
		Value         json.RawMessage `json:"value"`
	}
	if err := decodeArgs(args, &a); err != nil {
		return nil, err
	}
	if !a.ItemIndex.Set {
		return nil, Refuse("Which item should I change? Give its itemIndex from getCartState.")
	}
	line, err := c.State.Cart.Line(a.ItemIndex.Value)
	if err != nil {
		return nil, err
	}
	var pairs []kv
	switch {
	case isSet(a.Modifications):
		pairs, err = readChanges(a.Modifications, 0)
	case isSet(a.Properties):
		pairs, err = readChanges(a.Properties, 0)
	case isSet(a.Property):
		var key string
		if json.Unmarshal(a.Property, &key) != nil {
			return nil, Refuse("Say which property to change, such as \"size\".")
		}
		pairs = []kv{{key: key, value: unwrap(a.Value)}}
	}
	if err != nil {
		return nil, err
	}
	ch, err := toChange(pairs, line)
	if err != nil {
		return nil, err
	}
	l, err := c.State.Cart.Edit(d.Menu, a.ItemIndex.Value, ch)
	if err != nil {
		return nil, err
	}
	p := c.State.Cart.Price(d.Menu)
	pl := p.Lines[a.ItemIndex.Value]
	msg := fmt.Sprintf("Changed it to %s, %s. The cart total is now %s.", describe(l),
		pl.Amount.Spoken(), p.Total.Spoken())
	return editResult{OK: true, Item: lineView(a.ItemIndex.Value, pl),
		Cart: cartLines(p), Total: p.Total.Dollars(), Message: msg}, nil
}

type editResult struct {
	OK      bool       `json:"ok"`
	Item    cartLine   `json:"item"`
	Cart    []cartLine `json:"cart"`
	Total   float64    `json:"total"`
	Message string     `json:"message"`
}

func isSet(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 0 && !bytes.Equal(raw, []byte("null"))
}

// readChanges accepts every shape models send modifications in: an
// object, that object as a JSON string, a list of {property, value}
// objects or of [key, value] pairs, and values wrapped as {"value": v}.
func readChanges(raw json.RawMessage, depth int) ([]kv, error) {
	raw = bytes.TrimSpace(raw)
	if depth > 2 || len(raw) == 0 {
		return nil, refuseChanges()
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) != nil || !json.Valid([]byte(s)) {
			return nil, refuseChanges()
		}
		return readChanges(json.RawMessage(s), depth+1)
	case '{':
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			return nil, refuseChanges()
		}
		if pair, ok := pairObject(obj); ok {
			return []kv{pair}, nil
		}
		out := make([]kv, 0, len(obj))
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			out = append(out, kv{key: k, value: unwrap(obj[k])})
		}
		return out, nil
	case '[':
		return readPairs(raw)
	}
	return nil, refuseChanges()
}

func readPairs(raw json.RawMessage) ([]kv, error) {
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		return nil, refuseChanges()
	}
	out := make([]kv, 0, len(items))
	for _, it := range items {
		var obj map[string]json.RawMessage
		if json.Unmarshal(it, &obj) == nil {
			pair, ok := pairObject(obj)
			if !ok {
				return nil, refuseChanges()
			}
			out = append(out, pair)
			continue
		}
		var tuple []json.RawMessage
		var key string
		if json.Unmarshal(it, &tuple) != nil || len(tuple) != 2 ||
			json.Unmarshal(tuple[0], &key) != nil {
			return nil, refuseChanges()
		}
		out = append(out, kv{key: key, value: unwrap(tuple[1])})
	}
	return out, nil
}

// pairObject reads {"property": "size", "value": "large"} and its synonyms.
func pairObject(obj map[string]json.RawMessage) (kv, bool) {
	var key string
	for _, k := range []string{"property", "name", "field", "key"} {
		if raw, ok := obj[k]; ok && json.Unmarshal(raw, &key) == nil && key != "" {
			break
		}
	}
	if key == "" {
		return kv{}, false
	}
	for _, v := range []string{"value", "newValue", "new_value"} {
		if raw, ok := obj[v]; ok {
			return kv{key: key, value: unwrap(raw)}, true
		}
	}
	return kv{}, false
}

// unwrap takes v out of {"value": v} or {"newValue": v}.
func unwrap(raw json.RawMessage) json.RawMessage {
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil || len(obj) != 1 {
		return raw
	}
	for _, k := range []string{"value", "newValue", "new_value"} {
		if v, ok := obj[k]; ok {
			return v
		}
	}
	return raw
}

func refuseChanges() error {
	return Refuse("I couldn't read the changes. Send modifications as an object such as " +
		"{\"size\": \"large\"}.")
}

// changeKey folds a key's spelling: "chips_size", "chipsSize" and "Chips
// Size" are all "chipssize".
func changeKey(k string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(k) {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// toChange understands each requested change. Prices and statuses a model
// sends are ignored; anything else unknown is refused, naming what can be
// changed.
func toChange(pairs []kv, line cart.Line) (cart.Change, error) {
	var ch cart.Change
	if len(pairs) == 0 {
		return ch, Refuse("What would you like to change about that item?")
	}
	for _, p := range pairs {
		if err := applyPair(&ch, p, line); err != nil {
			return ch, err
		}
	}
	return ch, nil
}

func applyPair(ch *cart.Change, p kv, line cart.Line) error {
	key := changeKey(p.key)
	switch key {
	case "price", "unitprice", "linetotal", "total", "gst", "subtotal", "status":
		return nil
	case "size":
		return text(p, func(v string) { ch.Size = &v })
	case "quantity", "qty", "count":
		var n Int
		if err := decodeValue(p, &n); err != nil {
			return err
		}
		if !n.Set {
			return Refuse("How many would you like?")
		}
		q, err := quantity(n)
		ch.Quantity = &q
		return err
	case "protein", "meat", "variant", "filling", "flavour", "flavor":
		return text(p, func(v string) { setChoice(ch, choiceKeys[key], v) })
	case "sauce":
		if _, ok := line.Item.Option("sauce"); ok {
			return text(p, func(v string) { setChoice(ch, "sauce", v) })
		}
		return words(p, func(v []string) { ch.Sauces = &v })
	case "brand", "drink", "drinkbrand", "can":
		return text(p, func(v string) { ch.Drink = &v })
	case "salads", "salad":
		return words(p, func(v []string) { ch.Salads = &v })
	case "sauces":
		return words(p, func(v []string) { ch.Sauces = &v })
	case "extras", "extra", "toppings":
		return words(p, func(v []string) { ch.Extras = &v })
	case "addextras", "addextra":
		return words(p, func(v []string) { ch.AddExtras = append(ch.AddExtras, v...) })
	case "removeextras", "removeextra":
		return words(p, func(v []string) { ch.RemoveExtras = append(ch.RemoveExtras, v...) })
	case "cheese":
		return cheese(ch, p)
	case "salttype", "salt", "chipssalt":
		return text(p, func(v string) { ch.Salt = &v })
	case "chipssize", "chips", "chipsize", "mealchips":
		return text(p, func(v string) { ch.ChipsSize = &v })
	}
	return Refuse("I can't change %q. I can change size, protein, salads, sauces, extras, "+
		"cheese, quantity, salt_type, chips_size or drink.", truncate(p.key, 30))
}

// choiceKeys maps the names models use for an item's choices to the
// menu's option ids; the cart then finds which option a value belongs to.
var choiceKeys = map[string]string{
	"protein": "protein", "meat": "protein", "variant": "variant", "filling": "variant",
	"flavour": "flavour", "flavor": "flavour",
}

func setChoice(ch *cart.Change, key, value string) {
	if ch.Choices == nil {
		ch.Choices = map[string]string{}
	}
	ch.Choices[key] = value
}

// cheese turns "cheese": true/false (or "yes"/"no", or "false" as a string,
// which means false) into adding or leaving off the cheese extra.
func cheese(ch *cart.Change, p kv) error {
	var b Bool
	if err := decodeValue(p, &b); err != nil {
		return err
	}
	if !b.Set {
		return Refuse("Should the item have cheese, yes or no?")
	}
	// The argument is named after the extra, so its key is the menu word.
	if b.Value {
		ch.AddExtras = append(ch.AddExtras, changeKey(p.key))
	} else {
		ch.RemoveExtras = append(ch.RemoveExtras, changeKey(p.key))
	}
	return nil
}

func text(p kv, set func(string)) error {
	var s string
	if err := json.Unmarshal(p.value, &s); err != nil || strings.TrimSpace(s) == "" {
		return Refuse("What should the %s be?", truncate(p.key, 30))
	}
	set(strings.TrimSpace(s))
	return nil
}

func words(p kv, set func([]string)) error {
	if !isSet(p.value) {
		return nil // null says nothing; [] empties the list
	}
	var l Strings
	if err := decodeValue(p, &l); err != nil {
		return err
	}
	set(slices.Clone([]string(l)))
	return nil
}

func decodeValue(p kv, dst json.Unmarshaler) error {
	if err := dst.UnmarshalJSON(p.value); err != nil {
		if fe, ok := err.(*fieldError); ok {
			return Refuse("%s: %s", truncate(p.key, 30), fe.msg)
		}
		return Refuse("I couldn't understand the value given for %s.", truncate(p.key, 30))
	}
	return nil
}
