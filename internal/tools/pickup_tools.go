package tools

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/kebabalab/kebabalab/internal/pickup"
)

// minLead is the least time between the call and pickup (SPEC §7).
const minLead = 10 * time.Minute

func pickupTools(d Deps) []Tool {
	return []Tool{
		{
			Name: "setPickupTime",
			Description: "Set when the caller will pick the order up, in their words: " +
				"\"in 20 minutes\", \"half an hour\", \"6:30 pm\", \"at 7\", \"asap\". Call " +
				"it after the items are in the cart. If it refuses, read out the reason and " +
				"ask for another time.",
			Parameters: Object(map[string]any{
				"requestedTime": str("The pickup time as the caller said it."),
			}, "requestedTime"),
			Handle: d.setPickupTime,
		},
		{
			Name: "estimateReadyTime",
			Description: "Work out when the order will be ready and set that as the pickup " +
				"time, for a caller who wants it as soon as possible.",
			Parameters: Object(nil),
			Handle:     d.estimateReadyTime,
		},
	}
}

type readyResult struct {
	OK               bool   `json:"ok"`
	EstimatedMinutes int    `json:"estimatedMinutes"`
	ReadyAt          string `json:"readyAt"`
	ReadyAtISO       string `json:"readyAtIso"`
	Message          string `json:"message"`
}

func (d Deps) setPickupTime(_ context.Context, c *Call, args json.RawMessage) (any, error) {
	var a struct {
		RequestedTime string `json:"requestedTime"`
	}
	if err := decodeArgs(args, &a); err != nil {
		return nil, err
	}
	if strings.TrimSpace(a.RequestedTime) == "" {
		return nil, Refuse("What time would the caller like to pick it up?")
	}
	return d.resolvePickup(c.State, a.RequestedTime)
}

func (d Deps) estimateReadyTime(_ context.Context, c *Call, _ json.RawMessage) (any, error) {
	// "asap" is the pickup package's word for the kitchen's estimate.
	return d.resolvePickup(c.State, "asap")
}

// resolvePickup turns a phrase into a pickup time in shop time, from the
// shop's hours and the cart's prep estimate, and records it on the call.
func (d Deps) resolvePickup(st *State, phrase string) (any, error) {
	shop := d.Menu.Shop()
	now := d.Clock.Now()
	var win pickup.Window
	if open, closing, ok := shop.Window(now); ok {
		win = pickup.Window{Open: open, Close: closing}
	}
	estimate := time.Duration(shop.QueuedReadyMinutes(st.Cart.Len(), d.queuedOrders())) *
		time.Minute
	at, err := pickup.Resolve(pickup.Request{Phrase: phrase, Now: now, Window: win,
		MinLead: minLead, Estimate: estimate})
	if err != nil {
		return nil, err
	}
	st.Pickup = at
	mins := int(at.Sub(now).Round(time.Minute) / time.Minute)
	return readyResult{OK: true, EstimatedMinutes: mins, ReadyAt: pickup.Spoken(at),
		ReadyAtISO: at.Format(time.RFC3339),
		Message: fmt.Sprintf("Your order will be ready for pickup at %s.",
			pickup.Spoken(at))}, nil
}
