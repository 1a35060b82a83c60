package tools

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// decodeArgs reads a tool's arguments into dst. Fields the tool does not
// know are ignored (prices, totals and statuses a model invents among
// them). A value of the wrong type is a refusal naming the field.
func decodeArgs(args json.RawMessage, dst any) error {
	err := json.Unmarshal(args, dst)
	var te *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &te) && te.Field != "":
		return Refuse("I couldn't understand the value given for %s.", te.Field)
	default:
		var fe *fieldError
		if errors.As(err, &fe) {
			return Refuse("%s", fe.msg)
		}
		return Refuse("I couldn't read those details; please try again.")
	}
}

type fieldError struct{ msg string }

func (e *fieldError) Error() string { return e.msg }

// Int is a whole number argument that also accepts a numeric string, as
// models sometimes send "2" for 2. Set reports whether it was present.
type Int struct {
	Value int
	Set   bool
}

// UnmarshalJSON accepts 2, 2.0, "2" and null.
func (n *Int) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		return nil
	}
	s := strings.TrimSpace(strings.Trim(string(b), `"`))
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1e6 {
		return &fieldError{msg: fmt.Sprintf("%q is not a whole number.", truncate(s, 20))}
	}
	n.Value, n.Set = int(f), true
	return nil
}

// Bool is a yes/no argument. The string "false" means false: the earlier
// server read it as true and gave away free cheese.
type Bool struct {
	Value bool
	Set   bool
}

// UnmarshalJSON accepts true/false, "true"/"false", "yes"/"no", 1/0.
func (v *Bool) UnmarshalJSON(b []byte) error {
	s := strings.ToLower(strings.TrimSpace(strings.Trim(string(bytes.TrimSpace(b)), `"`)))
	switch s {
	case "null", "":
		return nil
	case "true", "yes", "y", "1":
		v.Value, v.Set = true, true
	case "false", "no", "n", "0":
		v.Value, v.Set = false, true
	default:
		return &fieldError{msg: fmt.Sprintf("%q is not yes or no.", truncate(s, 20))}
	}
	return nil
}

// Strings is a list argument that also accepts a single string or a
// comma-separated string ("garlic, chilli").
type Strings []string

// UnmarshalJSON accepts ["a","b"], "a", "a, b" and null.
func (l *Strings) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*l = nil
		for _, part := range strings.Split(s, ",") {
			if part = strings.TrimSpace(part); part != "" {
				*l = append(*l, part)
			}
		}
		return nil
	}
	var list []string
	if err := json.Unmarshal(b, &list); err != nil {
		return &fieldError{msg: "Please give that as a list of names."}
	}
	*l = list
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
