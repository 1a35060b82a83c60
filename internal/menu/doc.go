// Package menu loads menu.json, the one file holding the shop's details,
// opening hours and everything it sells, and answers the questions the rest
// of the server asks of it: what an item costs in a size, whether an extra
// goes on it, what a meal costs, what a caller's word means, whether the
// shop is open. No price, meal or hour lives in Go code.
//
// # Loading
//
// Load and Parse decode strictly: a key the schema below does not name, a
// key given twice, or a value of the wrong JSON type is an error. The file
// is then checked as a whole and every problem is reported at once, each
// with its JSON path, in a *Problems error:
//
//	categories[0].items[0].sizes.large: must be more than 0.00
//	meals[4].category: unknown category "kebab"
//	choices[1].aliases[3]: "lamb" already means protein lamb of item kebab (choices[0].id)
//
// # Words
//
// Every id, name and alias is also a phrase a caller may say. Phrases are
// compared after Normalize: case, accents, punctuation and spacing do not
// matter, and an id's underscores read as spaces. A phrase may mean only
// one thing within a lookup space, and the spaces are: categories; items
// (across the whole menu); the sizes of one item; the option values of one
// item; each modifier group; the modifier group words; the speech section.
// The same phrase may mean different things in different spaces ("tomato"
// is a salad and a sauce, "small" is size small for a kebab and size 250g
// for a meat container); Terms lists every meaning.
//
// # Schema
//
// The top-level object has these keys:
//
//	about       list of text    notes for the person editing; ignored
//	shop        object          the shop (below)
//	sizes       list of word    every size any item comes in
//	choices     list of word    every option value any item offers
//	modifiers   object          the groups salads, sauces, extras and salt
//	categories  list            the menu, in the order it is read out
//	meal_drink  object          {"item": "can", "default": "coke"}: the drink
//	                            every meal includes, an item with exactly one
//	                            option, and the value used when none is named
//	meal_chips  object          {"item": "chips"}: the chips meals come with
//	meals       list of meal    the meal price list
//	speech      object          the words of spoken orders besides the menu's
//
// A word is {"id", "name", "aliases"}. Ids are lower-case letters and digits
// joined by single underscores ("sweet_chilli", "250g"); the server stores
// them on cart lines and orders, so renaming one affects repeat orders.
//
// Prices are text holding dollars and cents, GST included: "15.00". Items,
// sizes and meals must cost more than "0.00"; modifiers may be free.
//
// shop:
//
//	name, address   text
//	phone           text, E.164: "+61395345588"
//	timezone        an IANA zone name: "Australia/Melbourne"
//	gst_percent     whole number, 0 to 50; the rate included in prices
//	prep_minutes    {"base", "per_line", "max"}: ready in
//	                min(base + per_line × cart lines, max) minutes;
//	                optional "per_queued_order", "queue_max" add
//	                min(per_queued_order × orders not yet ready, queue_max)
//	hours           one entry for each of "monday" … "sunday":
//	                {"open": "11:00", "close": "22:00"} or {"closed": true}
//
// Hours are shop-local 24-hour "HH:MM". A close at or before the open is on
// the next day: {"open": "11:00", "close": "02:00"} trades until 2 am, and
// the next day may not open before then. On daylight-saving days a time
// that happens twice counts the first time, and a time that is skipped
// counts as the moment the clocks jump.
//
// modifiers.<group>:
//
//	name, aliases   words for the whole group, as in "no salad"
//	default         salt only: the choice id used when the caller says none
//	choices         list of {"id", "name", "aliases"} plus either
//	                "price": one price wherever the group is taken, or
//	                "prices": {"<category id>": "1.00" or "included"}, where
//	                a category left out does not offer the modifier and
//	                "included" means it comes with the item free, so that
//	                leaving it out is something the caller asks for
//
// Salads, sauces and extras combine freely; salt is one choice.
//
// categories[]:
//
//	id, name, aliases
//	modifiers       the groups its items take, such as ["salads", "sauces"]
//	items           list of item
//
// items[]:
//
//	id, name, aliases
//	price           for an item sold in one size, or else
//	sizes           {"<size id>": "<price>"}, such as {"small": "10.00"}
//	options         list of {"id", "values"}: a choice the caller must make,
//	                named by its tool argument ("protein", "variant",
//	                "brand", "flavour", "sauce"); values are ids from choices.
//	                {"id", "values_from": "sauces"} offers a modifier group's
//	                choices instead, as a sauce tub does
//	modifiers       optional: the groups this item takes, replacing its
//	                category's list
//
// meals[]:
//
//	id, name
//	category        the category whose items the meal converts
//	size            the item size; left out for items sold in one size
//	chips           "none", or a size id of the meal_chips item
//	price           what the converted item costs in place of its own price;
//	                extras on it are charged on top
//
// No two meals may share category, size and chips.
//
// speech:
//
//	numbers         {"two": 2, "a couple of": 2}: quantity words, 1 to 99
//	fillers         phrases that carry no meaning: "could i get", "please"
//	exclusions      phrases that start a leave-out: "no", "hold the"
//	everything      phrases meaning every free salad: "with the lot"
//	meal            phrases asking for a meal: "meal", "combo"
//
// No speech phrase may also be a menu phrase.
package menu
