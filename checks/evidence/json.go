package evidence

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hds-oze/pronote-oze/checks"
)

// AnswersKind is the "kind" of an answers file.
const AnswersKind = "pronote-oze-answers"

// InfoMobileAppID is the query the official mobile app adds to InfoMobileApp.json's URL.
const InfoMobileAppID = "0D264427-EEFC-4810-A9E9-346942A862A4"

// MaxJSONSize is the largest JSON input read (InfoMobileApp.json is a few kilobytes).
const MaxJSONSize = 4 << 20

// lineCol converts a byte offset of data to a 1-based line and column.
func lineCol(data []byte, offset int64) (int, int) {
	offset = max(0, min(offset, int64(len(data))))
	before := data[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(offset) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// lineCounter gives the 1-based line of offsets of data met in increasing order, as a decoder
// advances: each byte is counted once, so that a line of many keys costs no more than its
// length (lineCol from the start for each key made a one-line file quadratic).
type lineCounter struct {
	data    []byte
	offset  int64 // bytes counted so far
	line    int   // line of offset, less one
	scanned int64 // bytes looked at, for the tests
}

// at returns the line of offset, which is no smaller than the offset asked before.
func (lc *lineCounter) at(offset int64) int {
	offset = max(lc.offset, min(offset, int64(len(lc.data))))
	lc.line += bytes.Count(lc.data[lc.offset:offset], []byte("\n"))
	lc.scanned += offset - lc.offset
	lc.offset = offset
	return lc.line + 1
}

// decodeObject parses data as a JSON object, lenient on the values (kept raw).
func decodeObject(file string, data []byte) (map[string]json.RawMessage, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			l, c := lineCol(data, se.Offset-1) // Offset is just past the offending byte
			return nil, inputErr(file, l, c, msgInvalidJSON, se)
		case errors.As(err, &te):
			return nil, inputErr(file, 1, 1, msgNotObject, te.Value)
		}
		return nil, inputErr(file, 0, 0, msgInvalidJSON, err)
	}
	if obj == nil {
		return nil, inputErr(file, 1, 1, msgNotObject, "null")
	}
	return obj, nil
}

// field looks a key up without regard to case: PRONOTE's spelling has varied.
func field(obj map[string]json.RawMessage, key string) (json.RawMessage, bool) {
	if v, ok := obj[key]; ok {
		return v, true
	}
	for k, v := range obj {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return nil, false
}

func asString(raw json.RawMessage) (string, bool) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, true
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String(), true
	}
	return "", false
}

func asBool(raw json.RawMessage) (bool, bool) {
	var b bool
	if json.Unmarshal(raw, &b) == nil {
		return b, true
	}
	if s, ok := asString(raw); ok { // "true", "1", 1
		switch strings.ToLower(s) {
		case "true", "1", "oui", "vrai":
			return true, true
		case "false", "0", "non", "faux":
			return false, true
		}
	}
	return false, false
}

func asInt(raw json.RawMessage) (int, bool) {
	if s, ok := asString(raw); ok {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
			return n, true
		}
	}
	return 0, false
}

// isInfoMobileApp reports whether a JSON object has InfoMobileApp.json's fields.
func isInfoMobileApp(obj map[string]json.RawMessage) bool {
	for _, k := range []string{"nomEtab", "espaces", "CAS", "version"} {
		if _, ok := field(obj, k); ok {
			return true
		}
	}
	return false
}

// parseInfo reads InfoMobileApp.json leniently: unknown fields are ignored, missing ones stay
// nil (missing evidence, judged by the rules), a value it cannot read where a rule needs one
// is kept as text for the report to quote (…Unread), never dropped; a wrongly typed list or
// object is an error.
func parseInfo(file string, obj map[string]json.RawMessage) (*checks.Info, error) {
	info := &checks.Info{Source: file}
	if v, ok := field(obj, "nomEtab"); ok {
		info.School, _ = asString(v)
	}
	if v, ok := field(obj, "date"); ok {
		info.Date, _ = asString(v)
	}
	if v, ok := field(obj, "version"); ok {
		info.Version, info.VersionUnread = parseVersion(v)
	}
	if v, ok := field(obj, "espaces"); ok {
		var list []map[string]json.RawMessage
		if err := json.Unmarshal(v, &list); err != nil {
			return nil, inputErr(file, 0, 0, msgEspaces)
		}
		info.HasEspaces = true
		for _, e := range list {
			var ie checks.InfoEspace
			if v, ok := field(e, "nom"); ok {
				ie.Name, _ = asString(v)
			}
			if v, ok := field(e, "URL"); ok {
				ie.URL, _ = asString(v)
			}
			if v, ok := field(e, "genreEspace"); ok {
				if n, ok := asInt(v); ok {
					ie.Genre = n
				} else {
					ie.GenreUnread = unread(v)
				}
			}
			if v, ok := field(e, "avecDelegation"); ok {
				if b, ok := asBool(v); ok {
					ie.Delegation = &b
				} else {
					ie.DelegationUnread = unread(v)
				}
			}
			if v, ok := field(e, "protocole"); ok {
				if s, ok := asString(v); ok {
					ie.Protocol = &s
				}
			}
			if uai := checks.HostedUAI(ie.URL); uai != "" && info.UAI == "" {
				info.UAI, info.UAIFrom = uai, ie.URL
			}
			info.Espaces = append(info.Espaces, ie)
		}
	}
	if v, ok := field(obj, "CAS"); ok {
		var cas map[string]json.RawMessage
		if err := json.Unmarshal(v, &cas); err != nil || cas == nil {
			return nil, inputErr(file, 0, 0, msgCAS)
		}
		info.CAS = &checks.InfoCAS{}
		if v, ok := field(cas, "actif"); ok {
			if b, ok := asBool(v); ok {
				info.CAS.Active = &b
			} else {
				info.CAS.ActiveUnread = unread(v)
			}
		}
		if v, ok := field(cas, "casURL"); ok {
			if s, ok := asString(v); ok {
				info.CAS.URL = &s
			}
		}
	}
	return info, nil
}

// maxUnread is how many characters of a value not understood a report quotes.
const maxUnread = 40

// parseVersion reads InfoMobileApp.json's "version": an array of numbers ([2024, 3, 7]), as
// public clients read it, a dotted string ("2024.3.7") or a lone number. Anything else is
// returned as text, shortened, for the report to say it was not understood.
func parseVersion(raw json.RawMessage) ([]int, string) {
	var parts []json.RawMessage
	if json.Unmarshal(raw, &parts) != nil {
		if s, ok := asString(raw); ok {
			for _, p := range strings.Split(s, ".") {
				parts = append(parts, json.RawMessage(strconv.Quote(p)))
			}
		}
	}
	var nums []int
	for _, p := range parts {
		n, ok := asInt(p)
		if !ok || n < 0 {
			nums = nil
			break
		}
		nums = append(nums, n)
	}
	if len(nums) > 0 {
		return nums, ""
	}
	return nil, unread(raw)
}

// unread returns a value the reader did not understand as a report may quote it: the string
// itself, or the JSON text, shortened to maxUnread characters.
func unread(raw json.RawMessage) string {
	text := string(raw)
	if s, ok := asString(raw); ok {
		text = s
	}
	text = strings.TrimSpace(text)
	if r := []rune(text); len(r) > maxUnread {
		text = string(r[:maxUnread]) + "…"
	}
	if text == "" {
		text = string(raw)
	}
	return text
}

// AnswersFile is the JSON form of an answers file, as the site's checklist downloads it.
// Its JSON Schema is published with the report's (schema/answers.schema.json).
type AnswersFile struct {
	Kind      string                `json:"kind"`
	Format    int                   `json:"format"`
	Profile   string                `json:"profile"`
	Lang      string                `json:"lang"`
	Checklist string                `json:"checklist"`
	Page      string                `json:"page,omitempty"`
	Saved     time.Time             `json:"saved"`
	School    *AnswersSchool        `json:"school,omitempty"`
	Items     map[string]AnswerItem `json:"items"`
}

// AnswersSchool is the school as typed on the checklist pages.
type AnswersSchool struct {
	Name string `json:"name,omitempty"`
	UAI  string `json:"uai,omitempty"`
}

// AnswerItem is one item of an answers file.
type AnswerItem struct {
	Checked     bool      `json:"checked"`
	At          time.Time `json:"at,omitzero"`
	Value       string    `json:"value,omitempty"`
	Comment     string    `json:"comment,omitempty"`
	Fingerprint string    `json:"fp,omitempty"`
}

func parseAnswers(file string, data []byte, cat *checks.Catalog) (*checks.Answers, error) {
	var af AnswersFile
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&af); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			l, c := lineCol(data, te.Offset)
			return nil, inputErr(file, l, c, msgAnswerType, te.Field, te.Type.String(), te.Value)
		}
		var pe *time.ParseError
		if errors.As(err, &pe) {
			return nil, inputErr(file, 0, 0, msgAnswerDate, pe.Value)
		}
		return nil, inputErr(file, 0, 0, msgAnswerOther, err)
	}
	switch {
	case af.Format < 1:
		return nil, inputErr(file, 0, 0, msgNoFormat, checks.AnswersFormat)
	case af.Format > checks.AnswersFormat:
		return nil, problem(file, 0, 0, ErrTooNew, msgTooNewMore.Sprintf(af.Format, checks.AnswersFormat))
	}
	if af.Profile != "" && af.Profile != cat.Profile.ID {
		return nil, inputErr(file, 0, 0, msgProfile, af.Profile, cat.Profile.ID)
	}
	a := &checks.Answers{Source: file, Format: af.Format, Profile: af.Profile, Checklist: af.Checklist, Saved: af.Saved, Items: map[string]checks.ItemAnswer{}}
	if l, ok := checks.ParseLang(af.Lang); ok {
		a.Lang = l
	}
	if af.School != nil {
		a.SchoolName = strings.TrimSpace(af.School.Name)
		a.SchoolUAI = strings.ToUpper(strings.TrimSpace(af.School.UAI))
	}
	for id, it := range af.Items {
		if _, _, ok := cat.Item(id); !ok {
			a.Ignored = append(a.Ignored, id)
			continue
		}
		a.Items[id] = checks.ItemAnswer{Checked: it.Checked, At: it.At, Value: it.Value, Comment: it.Comment, Fingerprint: it.Fingerprint}
	}
	slices.Sort(a.Ignored)
	return a, nil
}

// duplicateKeys returns a warning for each key that an object of data (valid JSON) has twice,
// at the second one: the readers, like encoding/json, keep the last value without a word.
// It names the first few only.
func duplicateKeys(file string, data []byte) []checks.Warning {
	type frame struct {
		obj, wantKey bool
		keys         map[string]int // line of each key met
	}
	var stack []*frame
	var warn []checks.Warning
	lines := lineCounter{data: data}
	dec := json.NewDecoder(bytes.NewReader(data))
	for len(warn) < MaxLocations {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if s, ok := tok.(string); ok && top != nil && top.obj && top.wantKey {
			line := lines.at(dec.InputOffset() - 1)
			if first, dup := top.keys[s]; dup {
				warn = append(warn, checks.Warning{Source: file, Line: line, Msg: msgDupKey.Sprintf(s, first)})
			} else {
				top.keys[s] = line
			}
			top.wantKey = false
			continue
		}
		if top != nil && top.obj {
			top.wantKey = true // a value: a key comes next
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{obj: true, wantKey: true, keys: map[string]int{}})
		case json.Delim('['):
			stack = append(stack, &frame{})
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			if len(stack) > 0 && stack[len(stack)-1].obj {
				stack[len(stack)-1].wantKey = true
			}
		}
	}
	return warn
}
