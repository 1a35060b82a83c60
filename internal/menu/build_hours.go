package menu

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// buildWeek reads the opening hours, keyed by lower-case English weekday.
func buildWeek(p *problems, path string, days map[string]fileDay) [7]dayHours {
	var week [7]dayHours
	if days == nil {
		p.add(path, "missing")
		return week
	}
	for _, key := range slices.Sorted(maps.Keys(days)) {
		if !isWeekday(key) {
			p.add(field(path, key), "unknown day (use monday to sunday)")
		}
	}
	for _, wd := range mondayFirst() {
		name := dayName(wd)
		d, ok := days[name]
		if !ok {
			p.add(field(path, name), "missing: give \"open\" and \"close\", or \"closed\": true")
			week[wd] = dayHours{closed: true}
			continue
		}
		week[wd] = buildDay(p, field(path, name), d)
	}
	checkOvernight(p, path, week)
	return week
}

func buildDay(p *problems, path string, d fileDay) dayHours {
	if d.Closed {
		if d.Open != "" || d.Close != "" {
			p.add(path, "a closed day has no open or close time")
		}
		return dayHours{closed: true}
	}
	open, okOpen := clockTime(p, field(path, "open"), d.Open)
	closing, okClose := clockTime(p, field(path, "close"), d.Close)
	if !okOpen || !okClose {
		return dayHours{closed: true}
	}
	if open == closing {
		p.add(path, "opens and closes at %s; for a day off write \"closed\": true", d.Open)
		return dayHours{closed: true}
	}
	return dayHours{open: open, close: closing}
}

// checkOvernight reports a day that opens before the previous day's
// after-midnight trading has ended.
func checkOvernight(p *problems, path string, week [7]dayHours) {
	for wd, h := range week {
		if h.closed || h.close > h.open {
			continue
		}
		next := (time.Weekday(wd) + 1) % 7
		if n := week[next]; !n.closed && n.open < h.close {
			p.add(field(field(path, dayName(next)), "open"),
				"opens at %s, before %s's hours end at %s", hhmm(n.open),
				dayName(time.Weekday(wd)), hhmm(h.close))
		}
	}
}

// clockTime reads "HH:MM" (24-hour, two digits each) as minutes after midnight.
func clockTime(p *problems, path, s string) (int, bool) {
	if s == "" {
		p.add(path, "missing")
		return 0, false
	}
	hs, ms, _ := strings.Cut(s, ":")
	h, okH := twoDigits(hs)
	m, okM := twoDigits(ms)
	switch {
	case !okH || !okM:
		p.add(path, "%q is not a time like \"11:00\" or \"23:30\"", s)
	case h > 23 || m > 59:
		p.add(path, "%q is not a time of day (00:00 to 23:59)", s)
	default:
		return h*60 + m, true
	}
	return 0, false
}

func twoDigits(s string) (int, bool) {
	if len(s) != 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
		return 0, false
	}
	return int(s[0]-'0')*10 + int(s[1]-'0'), true
}

func hhmm(minutes int) string {
	return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60)
}

func dayName(wd time.Weekday) string {
	return strings.ToLower(wd.String())
}

func isWeekday(name string) bool {
	return slices.ContainsFunc(mondayFirst(), func(wd time.Weekday) bool {
		return dayName(wd) == name
	})
}

func mondayFirst() []time.Weekday {
	return []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday,
		time.Friday, time.Saturday, time.Sunday}
}
