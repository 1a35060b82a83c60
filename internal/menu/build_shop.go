package menu

import (
	"regexp"
	"time"
	_ "time/tzdata" // the shop's zone must load even where the host has no zoneinfo
)

// e164 is an international phone number: a plus and 8 to 15 digits.
var e164 = regexp.MustCompile(`^\+[1-9][0-9]{7,14}$`)

// Limits that catch typing mistakes in the shop section.
const (
	maxGSTPercent  = 50
	maxPrepMinutes = 240
	maxPerLine     = 60
)

func buildShop(p *problems, f *fileShop) Shop {
	const path = "shop"
	if f == nil {
		p.add(path, "missing")
		return Shop{Location: time.UTC}
	}
	s := Shop{Name: f.Name, Address: f.Address, Phone: f.Phone}
	if f.Name == "" {
		p.add(field(path, "name"), "missing")
	}
	if f.Address == "" {
		p.add(field(path, "address"), "missing")
	}
	if !e164.MatchString(f.Phone) {
		// The number itself stays out of the message, like every phone number.
		p.add(field(path, "phone"), "must be in international form, like \"+61395345588\"")
	}
	s.Location = loadZone(p, field(path, "timezone"), f.Timezone)
	s.GSTPercent = gstPercent(p, field(path, "gst_percent"), f.GSTPercent)
	s.Prep = prepRule(p, field(path, "prep_minutes"), f.Prep)
	s.week = buildWeek(p, field(path, "hours"), f.Hours)
	return s
}

func loadZone(p *problems, path, name string) *time.Location {
	if name == "" {
		p.add(path, "missing")
		return time.UTC
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "Local" {
		p.add(path, "unknown time zone %q (use a name like \"Australia/Melbourne\")", name)
		return time.UTC
	}
	return loc
}

func gstPercent(p *problems, path string, rate *int) int64 {
	switch {
	case rate == nil:
		p.add(path, "missing")
	case *rate < 0 || *rate > maxGSTPercent:
		p.add(path, "%d is out of range: give the GST rate in percent, 0 to %d", *rate,
			maxGSTPercent)
	default:
		return int64(*rate)
	}
	return 0
}

func prepRule(p *problems, path string, f *filePrep) PrepRule {
	if f == nil {
		p.add(path, "missing")
		return PrepRule{}
	}
	r := PrepRule{
		Base:    minutes(p, field(path, "base"), f.Base, 0, maxPrepMinutes),
		PerLine: minutes(p, field(path, "per_line"), f.PerLine, 0, maxPerLine),
		Max:     minutes(p, field(path, "max"), f.Max, 1, maxPrepMinutes),
	}
	if f.Base != nil && f.Max != nil && r.Base > r.Max {
		p.add(field(path, "max"), "%d is less than base (%d)", r.Max, r.Base)
	}
	// The queue allowance came later, so a file without it keeps the
	// estimate it always had.
	if f.PerQueued != nil {
		r.PerQueued = minutes(p, field(path, "per_queued_order"), f.PerQueued, 0, maxPerLine)
	}
	if f.QueueMax != nil {
		r.QueueMax = minutes(p, field(path, "queue_max"), f.QueueMax, 0, maxPrepMinutes)
	}
	return r
}

func minutes(p *problems, path string, v *int, lo, hi int) int {
	switch {
	case v == nil:
		p.add(path, "missing")
	case *v < lo || *v > hi:
		p.add(path, "%d minutes is out of range %d to %d", *v, lo, hi)
	default:
		return *v
	}
	return 0
}
