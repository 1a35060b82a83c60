package menu

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
)

// checkShape compares the decoded JSON value v with the Go type t that will
// receive it. It reports, each at its own path, every key the schema does not
// know and every value of the wrong JSON type, so that json.Unmarshal can no
// longer fail or silently drop anything afterwards.
func checkShape(p *problems, path string, v any, t reflect.Type) {
	if t.Kind() == reflect.Pointer {
		if v == nil {
			return
		}
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		checkObject(p, path, v, t)
	case reflect.Slice:
		list, ok := v.([]any)
		if !ok {
			wrongType(p, path, "a list in [ ]", v)
			return
		}
		for i, e := range list {
			checkShape(p, index(path, i), e, t.Elem())
		}
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok {
			wrongType(p, path, "an object in { }", v)
			return
		}
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			checkShape(p, field(path, k), obj[k], t.Elem())
		}
	default:
		checkScalar(p, path, v, t.Kind())
	}
}

func checkObject(p *problems, path string, v any, t reflect.Type) {
	obj, ok := v.(map[string]any)
	if !ok {
		wrongType(p, path, "an object in { }", v)
		return
	}
	fields := jsonFields(t)
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		f, known := fields[k]
		if !known {
			p.addShape(field(path, k), "unknown key (known keys here: %s)",
				strings.Join(slices.Sorted(maps.Keys(fields)), ", "))
			continue
		}
		checkShape(p, field(path, k), obj[k], f.Type)
	}
}

func checkScalar(p *problems, path string, v any, k reflect.Kind) {
	switch k {
	case reflect.String:
		if _, ok := v.(string); !ok {
			wrongType(p, path, "text in quotes", v)
		}
	case reflect.Int:
		n, ok := v.(json.Number)
		if _, err := n.Int64(); !ok || err != nil {
			wrongType(p, path, "a whole number", v)
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			wrongType(p, path, "true or false", v)
		}
	}
}

func wrongType(p *problems, path, want string, got any) {
	p.addShape(path, "must be %s, not %s", want, describeJSON(got))
}

// describeJSON names a decoded JSON value the way a person editing the file
// would recognise it.
func describeJSON(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("the text %q", v)
	case json.Number:
		return "the number " + v.String()
	case bool:
		return fmt.Sprintf("%t", v)
	case []any:
		return "a list"
	default:
		return "an object"
	}
}

// jsonFields maps the JSON key of each field of struct type t to the field.
func jsonFields(t reflect.Type) map[string]reflect.StructField {
	fields := make(map[string]reflect.StructField, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name != "" && name != "-" {
			fields[name] = f
		}
	}
	return fields
}
