package mujun

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// A nation-scale snapshot holds half a million entries; encoding/json's
// reflection and the re-validation of every custom marshaller's output made
// it take half a minute. Entries are therefore written by hand, byte for byte
// as encoding/json would write them (a test holds the two equal), so stored
// entries and snapshots decode with the standard library.

// appendEntry appends e's JSON, as json.Marshal(e) would write it.
func appendEntry(b []byte, e *Entry) []byte {
	b = append(b, `{"enterprise_id":`...)
	b = strconv.AppendInt(b, e.EnterpriseID, 10)
	for _, f := range [...]struct{ key, v string }{{`,"uscc":`, e.USCC}, {`,"name":`, e.Name}, {`,"county":`, e.County},
		{`,"park":`, e.Park}, {`,"cluster":`, e.Cluster}, {`,"industry":`, e.Industry}} {
		b = appendString(append(b, f.key...), f.v)
	}
	b = appendValues(append(b, `,"inputs":`...), &e.Inputs)
	if len(e.Adjustments) > 0 {
		b = append(b, `,"adjustments":[`...)
		for k, a := range e.Adjustments {
			if k > 0 {
				b = append(b, ',')
			}
			b = appendString(append(b, `{"code":`...), a.Code)
			b = appendFloat(append(b, `,"points":`...), a.Points)
			if a.Reason != "" {
				b = appendString(append(b, `,"reason":`...), a.Reason)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = appendFloat(append(b, `,"subtotal":`...), e.Subtotal)
	b = appendFloat(append(b, `,"total":`...), e.Total)
	if e.RankCounty != 0 {
		b = strconv.AppendInt(append(b, `,"rank_county":`...), int64(e.RankCounty), 10)
	}
	if e.RankCity != 0 {
		b = strconv.AppendInt(append(b, `,"rank_city":`...), int64(e.RankCity), 10)
	}
	b = appendString(append(b, `,"class":`...), e.Class)
	if e.Reason != "" {
		b = appendString(append(b, `,"reason":`...), e.Reason)
	}
	if len(e.Items) > 0 {
		b = append(b, `,"items":[`...)
		for k := range e.Items {
			if k > 0 {
				b = append(b, ',')
			}
			b = appendItem(b, &e.Items[k], e.ItemCode(k), e.ItemNote(k))
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

func appendItem(b []byte, it *Item, code, note string) []byte {
	b = appendString(append(b, `{"code":`...), code)
	b = appendFloat(append(b, `,"value":`...), it.Value)
	if it.Missing {
		b = append(b, `,"missing":true`...)
	}
	b = appendFloat(append(b, `,"benchmark":`...), it.Benchmark)
	b = appendFloat(append(b, `,"score":`...), it.Score)
	if note != "" {
		b = appendString(append(b, `,"note":`...), note)
	}
	return append(b, '}')
}

// appendValues writes the present figures as an object in input order.
func appendValues(b []byte, v *Values) []byte {
	b = append(b, '{')
	first := true
	for i, x := range v {
		if math.IsNaN(x) {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendString(b, inputCodes[i])
		b = appendFloat(append(b, ':'), x)
	}
	return append(b, '}')
}

// appendFloat formats like encoding/json: shortest form, 'e' notation only
// for very small or very large magnitudes, with a one-digit negative exponent.
func appendFloat(b []byte, f float64) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1]
		b = b[:n-1]
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendString quotes s like encoding/json with HTML escaping (its default).
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c == '\b':
				b = append(b, '\\', 'b')
			case c == '\f':
				b = append(b, '\\', 'f')
			case c < 0x20 || c == '<' || c == '>' || c == '&':
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

// itemJSON is an item as written in JSON, with its labels.
type itemJSON struct {
	Code      string  `json:"code"`
	Value     float64 `json:"value"`
	Missing   bool    `json:"missing,omitempty"`
	Benchmark float64 `json:"benchmark"`
	Score     float64 `json:"score"`
	Note      string  `json:"note,omitempty"`
}

// plainEntry is Entry without its JSON methods.
type plainEntry Entry

// entryWire is an entry as encoding/json sees it: every field, then the
// labelled items. appendEntry writes exactly what json.Marshal(entryWire) would.
type entryWire struct {
	plainEntry
	Items []itemJSON `json:"items,omitempty"`
}

// UnmarshalJSON reads an entry written by appendEntry.
func (e *Entry) UnmarshalJSON(data []byte) error {
	var w entryWire
	if err := json.Unmarshal(data, &w); err != nil {
		return fmt.Errorf("reading entry: %w", err)
	}
	*e = Entry(w.plainEntry)
	if len(w.Items) == 0 {
		return nil
	}
	e.Items = make([]Item, len(w.Items))
	e.labels = &itemLabels{codes: make([]string, len(w.Items)), notes: make([]string, len(w.Items))}
	for k, it := range w.Items {
		e.Items[k] = Item{Value: it.Value, Benchmark: it.Benchmark, Score: it.Score, Missing: it.Missing}
		e.labels.codes[k], e.labels.notes[k] = it.Code, it.Note
	}
	return nil
}

// MarshalJSON writes the entry by hand (see appendEntry).
func (e Entry) MarshalJSON() ([]byte, error) { return appendEntry(nil, &e), nil }

// MarshalJSON writes the present figures as an object in input order, so a
// snapshot's bytes depend on the figures only.
func (v Values) MarshalJSON() ([]byte, error) { return appendValues(nil, &v), nil }

// encodeEntries appends the entries as a JSON array.
func encodeEntries(b []byte, entries []Entry) []byte {
	b = append(b, '[')
	for i := range entries {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendEntry(b, &entries[i])
	}
	return append(b, ']')
}

// entryJSON is one entry's JSON for the entries table.
func entryJSON(e *Entry) string { return string(appendEntry(nil, e)) }
