package tools

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/kebabalab/kebabalab/internal/menu"
	"github.com/kebabalab/kebabalab/internal/pickup"
)

func shopTools(d Deps) []Tool {
	return []Tool{
		{
			Name: "checkOpen",
			Description: "Check whether the shop is open right now and today's opening and " +
				"closing times. Call it at the start of the call, before taking an order.",
			Handle: d.checkOpen,
		},
		{
			Name: "endCall",
			Description: "Call when the caller has finished and is hanging up. Clears the " +
				"call's cart and returns a goodbye to say.",
			Handle: d.endCall,
		},
	}
}

type openResult struct {
	OK          bool   `json:"ok"`
	IsOpen      bool   `json:"isOpen"`
	CurrentTime string `json:"currentTime"`
	OpenTime    string `json:"openTime,omitempty"`
	CloseTime   string `json:"closeTime,omitempty"`
	Message     string `json:"message"`
}

func (d Deps) checkOpen(context.Context, *Call, json.RawMessage) (any, error) {
	shop := d.Menu.Shop()
	now := d.Clock.Now()
	r := openResult{OK: true, CurrentTime: pickup.Spoken(now)}
	open, closing, ok := shop.Window(now)
	if !ok {
		open, closing, ok = shop.DayWindow(now)
	}
	if !ok {
		r.Message = "We're closed today. " + nextOpening(shop, now)
		return r, nil
	}
	r.IsOpen = shop.OpenAt(now)
	r.OpenTime, r.CloseTime = pickup.Spoken(open), pickup.Spoken(closing)
	switch {
	case r.IsOpen:
		r.Message = fmt.Sprintf("We're open now until %s.", r.CloseTime)
	case now.Before(open):
		r.Message = fmt.Sprintf("We're not open yet. Today we open at %s and close at %s.",
			r.OpenTime, r.CloseTime)
	default:
		r.Message = fmt.Sprintf("We've closed for today; we were open %s to %s. %s",
			r.OpenTime, r.CloseTime, nextOpening(shop, now))
	}
	return r, nil
}

// nextOpening names the next day the shop opens, within a week.
func nextOpening(shop *menu.Shop, now time.Time) string {
	y, m, d := now.Date()
	for i := 1; i <= 7; i++ {
		day := time.Date(y, m, d+i, 12, 0, 0, 0, now.Location())
		if open, _, ok := shop.DayWindow(day); ok {
			return fmt.Sprintf("We open again %s at %s.", dayName(i, day), pickup.Spoken(open))
		}
	}
	return ""
}

func dayName(offset int, day time.Time) string {
	if offset == 1 {
		return "tomorrow"
	}
	return "on " + day.Weekday().String()
}

type goodbye struct {
	OK      bool   `json:"ok"`
	Message string `json:"message"`
}

func (d Deps) endCall(_ context.Context, c *Call, _ json.RawMessage) (any, error) {
	c.State.End()
	return goodbye{OK: true, Message: "Thanks for calling " + d.Menu.Shop().Name +
		". See you soon!"}, nil
}
