package pickup

import (
	"errors"
	"testing"
	"time"
)

// FuzzResolve checks that any phrase, at any minute from two hours before
// opening to past closing, in an ordinary, a late-night and both
// daylight-saving windows, gives either a Refusal with a message or a whole
// minute inside the window and no earlier than now plus the lead time.
func FuzzResolve(f *testing.F) {
	seeds := []string{
		"in 20 minutes", "20 mins", "in an hour", "half an hour", "in an hour and a half",
		"an hour", "90 minutes", "6pm", "6:30 pm", "6.30pm", "18:30", "at 7",
		"quarter past six", "half past 6", "noon", "midday", "asap", "as soon as possible",
		"now", "um, can I pick it up at around 7 tonight please", "tomorrow", "12:30am",
		"at 1", "2:30am", "", "banana", "6:75", "1.2.3", "in 999999 hours", "half six",
		"three quarters of an hour", "twenty to eight", "in 20", "friday at 9",
	}
	for i, s := range seeds {
		f.Add(s, int64(i*37), uint8(i))
	}
	windows := []Window{thursday(f), lateNight(f), autumnNight(f), springNight(f)}
	f.Fuzz(func(t *testing.T, phrase string, minute int64, which uint8) {
		win := windows[int(which)%len(windows)]
		span := int64(win.Close.Sub(win.Open)/time.Minute) + 4*60
		offset := time.Duration((minute%span+span)%span-2*60) * time.Minute
		r := Request{Phrase: phrase, Now: win.Open.Add(offset + 17*time.Second),
			Window: win, MinLead: 10 * time.Minute, Estimate: 25 * time.Minute}
		got, err := Resolve(r)
		if err != nil {
			checkRefusal(t, err)
			return
		}
		checkResolved(t, r, got)
	})
}

func checkRefusal(t *testing.T, err error) {
	t.Helper()
	var ref *Refusal
	if !errors.As(err, &ref) {
		t.Fatalf("got error %v, want a *Refusal", err)
	}
	if ref.Reason < ReasonUnclear || ref.Reason > ReasonClosed || ref.Message == "" {
		t.Fatalf("got refusal %+v, want a known reason and a message", ref)
	}
}

func checkResolved(t *testing.T, r Request, got time.Time) {
	t.Helper()
	switch {
	case got.Before(r.Window.Open) || got.After(r.Window.Close):
		t.Fatalf("got %v, want inside %v to %v", got, r.Window.Open, r.Window.Close)
	case got.Before(r.Now.Add(r.MinLead)):
		t.Fatalf("got %v, want no earlier than %v", got, r.Now.Add(r.MinLead))
	case got.Second() != 0 || got.Nanosecond() != 0:
		t.Fatalf("got %v, want a whole minute", got)
	case got.Location() != r.Now.Location():
		t.Fatalf("got location %v, want %v", got.Location(), r.Now.Location())
	}
}
