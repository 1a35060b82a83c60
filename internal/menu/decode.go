package menu

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// maxDepth bounds nesting so that a damaged file cannot exhaust the stack;
// a real menu is about six levels deep.
const maxDepth = 32

// decodeTree reads data into the generic form encoding/json produces
// (map[string]any, []any, string, json.Number, bool, nil). Unlike
// json.Unmarshal it reports a key given twice in one object, which would
// otherwise silently keep the last value. A syntax error ends the reading
// and is returned with its line and column.
func decodeTree(data []byte, p *problems) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	r := treeReader{dec: dec, p: p}
	v, err := r.value("", 0)
	if err == nil {
		if _, extra := dec.Token(); !errors.Is(extra, io.EOF) {
			err = errors.New("unexpected data after the end of the menu")
		}
	}
	if err != nil {
		return nil, describeSyntax(data, dec.InputOffset(), err)
	}
	return v, nil
}

type treeReader struct {
	dec *json.Decoder
	p   *problems
}

func (r *treeReader) value(path string, depth int) (any, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("%s: nested more than %d levels deep", path, maxDepth)
	}
	tok, err := r.dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		return r.object(path, depth)
	case json.Delim('['):
		return r.array(path, depth)
	}
	return tok, nil
}

func (r *treeReader) object(path string, depth int) (any, error) {
	obj := map[string]any{}
	for r.dec.More() {
		tok, err := r.dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string) // the decoder only yields string keys here
		v, err := r.value(field(path, key), depth+1)
		if err != nil {
			return nil, err
		}
		if _, dup := obj[key]; dup {
			r.p.addShape(field(path, key), "key given more than once")
		}
		obj[key] = v
	}
	_, err := r.dec.Token() // the closing brace
	return obj, err
}

func (r *treeReader) array(path string, depth int) (any, error) {
	list := []any{}
	for r.dec.More() {
		v, err := r.value(index(path, len(list)), depth+1)
		if err != nil {
			return nil, err
		}
		list = append(list, v)
	}
	_, err := r.dec.Token() // the closing bracket
	return list, err
}

// describeSyntax turns a decoding error into a sentence with the line and
// column where reading stopped, which is what a person editing the file needs.
func describeSyntax(data []byte, offset int64, err error) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		offset = syn.Offset
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		err = errors.New("the file ends too early (a missing closing bracket or brace?)")
	}
	line, col := lineColumn(data, offset)
	return fmt.Errorf("not valid JSON at line %d, column %d: %w", line, col, err)
}

func lineColumn(data []byte, offset int64) (line, col int) {
	offset = min(max(offset, 0), int64(len(data)))
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(offset) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}
