package sms

import (
	"fmt"
	"strings"

	"github.com/kebabalab/kebabalab/internal/money"
)

// Order is what the texts about an order say. Any field may hold raw
// caller text: the renderers sanitise every one of them.
type Order struct {
	ShopName    string
	OrderNumber string   // YYYYMMDD-NNN
	FirstName   string   // may be empty
	Lines       []string // one per cart line: "2x Large Lamb Kebab (garlic)"
	Total       money.Cents
	GST         money.Cents // included in Total; shown on receipts only
	ReadyAt     string      // shop time as spoken: "6:30 PM"
	Notes       string
}

// Longest field lengths, in characters, so that a text without any items
// always fits its segment budget.
const (
	maxShopName = 30
	maxName     = 20
	maxLine     = 60
	maxNotes    = 120
)

// Segment budgets: customers pay nothing but attention; the shop's text
// carries notes as well.
const (
	customerSegments = 2
	shopSegments     = 3
)

// CustomerText is the confirmation the customer receives.
func CustomerText(o Order) string {
	f := o.fields()
	greeting := "thanks"
	if f.name != "" {
		greeting = "thanks " + f.name
	}
	return fit(f.lines, customerSegments, func(items string) string {
		return fmt.Sprintf("%s: %s, order %s is confirmed. %s. Total %s. "+
			"Ready for pickup %s. Ref %s",
			f.shop, greeting, f.display, items, o.Total, f.ready, f.number)
	})
}

// ShopText is the new-order text the shop receives.
func ShopText(o Order) string {
	f := o.fields()
	notes := ""
	if f.notes != "" {
		notes = " Notes: " + strings.TrimRight(f.notes, ".") + "."
	}
	return fit(f.lines, shopSegments, func(items string) string {
		return fmt.Sprintf("%s NEW ORDER %s for %s, ready %s. %s. Total %s.%s Ref %s",
			f.shop, f.display, orDash(f.name), f.ready, items, o.Total, notes, f.number)
	})
}

// ReceiptText is the receipt a customer asks for after ordering.
func ReceiptText(o Order) string {
	f := o.fields()
	return fit(f.lines, shopSegments, func(items string) string {
		return fmt.Sprintf("%s receipt, order %s (%s): %s. Total %s incl. GST %s. "+
			"Ready %s.", f.shop, f.display, f.number, items, o.Total, o.GST, f.ready)
	})
}

// MenuLinkText is the text carrying the menu link. The link comes from the
// operator's configuration, so it is kept as a working link; it is still
// reduced to GSM-7 and stripped of whitespace.
func MenuLinkText(shopName, link string) string {
	link = strings.ReplaceAll(collapse(toGSM(link)), " ", "")
	return fmt.Sprintf("%s menu: %s Call us back to order.",
		clip(Sanitize(shopName), maxShopName), link)
}

// fields holds an order's texts, sanitised and clipped.
type fields struct {
	shop, name, display, number, ready, notes string
	lines                                     []string
}

func (o Order) fields() fields {
	f := fields{
		shop:   clip(Sanitize(o.ShopName), maxShopName),
		name:   clip(Sanitize(o.FirstName), maxName),
		number: clip(Sanitize(o.OrderNumber), maxLine),
		ready:  clip(Sanitize(o.ReadyAt), maxName),
		notes:  clip(Sanitize(o.Notes), maxNotes),
	}
	_, seq, found := strings.Cut(f.number, "-")
	if !found {
		seq = f.number
	}
	f.display = "#" + seq
	for _, l := range o.Lines {
		if l = clip(Sanitize(l), maxLine); l != "" {
			f.lines = append(f.lines, l)
		}
	}
	return f
}

// fit renders with as many item lines as fit in budget segments, summarising
// the rest ("and 4 more items") instead of cutting a line.
func fit(lines []string, budget int, render func(items string) string) string {
	for k := len(lines); k > 0; k-- {
		if text := render(summary(lines, k)); Segments(text) <= budget {
			return text
		}
	}
	return render(summary(lines, 0))
}

// summary lists the first k lines and counts the others.
func summary(lines []string, k int) string {
	rest := len(lines) - k
	list := strings.Join(lines[:k], ", ")
	switch {
	case k == 0:
		return plural(rest, "item")
	case rest == 0:
		return list
	}
	return fmt.Sprintf("%s and %d more %s", list, rest, pluralWord(rest, "item"))
}

func plural(n int, word string) string { return fmt.Sprintf("%d %s", n, pluralWord(n, word)) }

func pluralWord(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// clip shortens s to at most n characters at a word boundary, marking the
// cut with "...".
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n-3])
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ") + "..."
}
