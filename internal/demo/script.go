package demo

// step is one turn of the demo call: what the caller says, then the tool
// the assistant calls about it.
type step struct {
	tool string
	said string
	args map[string]any // nil: the tool takes no arguments
	// asString sends the arguments as a JSON string, the form VAPI's spec
	// gives them, instead of the object real traffic carries.
	asString bool
}

// script is a realistic call, in the order an assistant configured for the
// earlier server makes its tool calls. The caller's lines are made up.
var script = []step{
	{tool: "checkOpen", said: "Hi, are you guys open right now?"},
	{tool: "getCallerSmartContext", said: "Yeah, I'd like to order for pickup please."},
	{tool: "quickAddItem",
		said: "Can I get two large lamb kebabs with the lot, no onion, and garlic sauce?",
		args: map[string]any{
			"description": "two large lamb kebabs with the lot no onion and garlic sauce",
		}},
	{tool: "addMultipleItemsToCart",
		said: "And a small chicken snack pack with garlic and chilli.",
		args: map[string]any{"items": []any{map[string]any{
			"category": "hsp", "size": "small", "protein": "chicken",
			"sauces": []any{"garlic", "chilli"},
		}}},
		asString: true},
	{tool: "quickAddItem", said: "Oh, and a can of Coke.",
		args: map[string]any{"description": "a can of coke"}},
	{tool: "convertItemsToMeals",
		said: "Actually, can you make the kebabs meals? Small chips and a Coke.",
		args: map[string]any{
			"itemIndices": []any{0}, "chipsSize": "small", "drinkBrand": "coke",
		},
		asString: true},
	{tool: "editCartItem", said: "And make the snack pack a large, thanks.",
		args: map[string]any{
			"itemIndex": 1, "modifications": map[string]any{"size": "large"},
		}},
	{tool: "getOrderSummary", said: "What have I got so far?"},
	{tool: "setPickupTime", said: "I'll come and grab it in about half an hour.",
		args: map[string]any{"requestedTime": "in 30 minutes"}},
	{tool: "createOrder", said: "It's Alex. Alex Demo. Could you throw in extra napkins?",
		args: map[string]any{"customerName": "Alex Demo", "notes": "extra napkins"}},
	{tool: "endCall", said: "That's everything. Cheers, bye!"},
}
