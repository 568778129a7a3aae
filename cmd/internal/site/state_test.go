package site

import (
	"bytes"
	"context"
	"reflect"
	"testing"
	"time"
)

// keyChange is a change of one field of what the site key covers.
type keyChange struct {
	name  string
	apply func(s *siteModel)
}

// fieldChanges returns a change of every exported field under the struct that at returns in a
// site, descending into structs and into the values of maps (and a change that adds an entry to
// a map), named by their path from prefix: found by reflection, so that a field added later is
// tested too.
func fieldChanges(t *testing.T, prefix string, typ reflect.Type, at func(s *siteModel) reflect.Value) []keyChange {
	var out []keyChange
	for i := range typ.NumField() {
		f := typ.Field(i)
		if !f.IsExported() {
			continue
		}
		name := prefix + "." + f.Name
		field := func(s *siteModel) reflect.Value { return at(s).Field(i) }
		switch {
		case f.Type.Kind() == reflect.Struct && f.Type != timeType:
			out = append(out, fieldChanges(t, name, f.Type, field)...)
		case f.Type.Kind() == reflect.Map && f.Type.Elem().Kind() == reflect.Struct:
			out = append(out, keyChange{name + " (an entry added)", func(s *siteModel) { changeValue(t, field(s)) }})
			elem := f.Type.Elem()
			for j := range elem.NumField() {
				out = append(out, keyChange{name + "[every]." + elem.Field(j).Name, func(s *siteModel) {
					m := field(s)
					for _, k := range m.MapKeys() {
						v := reflect.New(elem).Elem()
						v.Set(m.MapIndex(k))
						changeValue(t, v.Field(j))
						m.SetMapIndex(k, v)
					}
				}})
			}
		default:
			out = append(out, keyChange{name, func(s *siteModel) { changeValue(t, field(s)) }})
		}
	}
	return out
}

// changeValue gives v, a settable value, another value of its type.
func changeValue(t *testing.T, v reflect.Value) {
	switch {
	case v.Type() == timeType:
		v.Set(reflect.ValueOf(v.Interface().(time.Time).Add(time.Hour)))
	case v.Kind() == reflect.String:
		v.SetString(v.String() + "x")
	case v.CanInt():
		v.SetInt(v.Int() + 1)
	case v.Kind() == reflect.Bool:
		v.SetBool(!v.Bool())
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8:
		v.SetBytes(append(bytes.Clone(v.Bytes()), 'x'))
	case v.Kind() == reflect.Map:
		if v.IsNil() {
			v.Set(reflect.MakeMap(v.Type()))
		}
		v.SetMapIndex(reflect.ValueOf("zz").Convert(v.Type().Key()), reflect.New(v.Type().Elem()).Elem())
	default:
		t.Fatalf("the test cannot change a %s: teach changeValue", v.Type())
	}
}

// TestSiteKeyCoversEveryField changes, in turn, every field of what a page's rendering reads
// besides its source — the configuration, a page's front matter, a download of the checker,
// the browser checker — and wants the part of the site key that covers it to change (and
// only that one), so that no page is taken from a previous build that showed the old value.
// The fields are found by reflection: one added later is tested without a word here.
func TestSiteKeyCoversEveryField(t *testing.T) {
	fs := fsFrom(t, parseTxtar(t, "testdata/site/basic.txtar"))
	load := func(t *testing.T) *siteModel {
		s, errs := (&Builder{Src: fs, SrcDir: "content", Out: fs, OutDir: "public"}).load(context.Background())
		if err := errs.err(); err != nil {
			t.Fatal(err)
		}
		s.downloads = []Download{{OS: "linux", Arch: "amd64", Name: "ozecheck-linux-amd64", Version: "v1", Data: []byte("binary"), SHA256: "abc"}}
		s.checker = &BrowserChecker{Wasm: []byte("wasm"), WasmExec: []byte("exec"), Version: "v1"}
		return s
	}
	key := func(t *testing.T, s *siteModel) siteKey {
		k, err := s.siteKey()
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	// every lists the key's parts: Parts, then Deps.
	every := func(k siteKey) [][32]byte { return append(k.Parts[:], k.Deps[:]...) }
	parts := []struct {
		name  string // what changes
		part  int    // the index in every of the part that covers it
		typ   reflect.Type
		value func(s *siteModel) reflect.Value
	}{
		{"Config", 2, reflect.TypeFor[Config](), func(s *siteModel) reflect.Value { return reflect.ValueOf(s.Config).Elem() }},
		{"FrontMatter", 3, reflect.TypeFor[FrontMatter](), func(s *siteModel) reflect.Value { return reflect.ValueOf(&s.Pages[0].FM).Elem() }},
		{"Download", 4, reflect.TypeFor[Download](), func(s *siteModel) reflect.Value { return reflect.ValueOf(&s.downloads[0]).Elem() }},
		{"BrowserChecker", 5, reflect.TypeFor[BrowserChecker](), func(s *siteModel) reflect.Value { return reflect.ValueOf(s.checker).Elem() }},
	}
	base := key(t, load(t))
	if again := key(t, load(t)); again != base {
		t.Fatal("the same site gives two keys")
	}
	for _, p := range parts {
		changes := fieldChanges(t, p.name, p.typ, p.value)
		changes = append(changes, keyChange{p.name + " (whole)", func(s *siteModel) { p.value(s).SetZero() }})
		if p.name == "FrontMatter" {
			changes = append(changes,
				keyChange{"page URL", func(s *siteModel) { s.Pages[0].URL += "x/" }},
				keyChange{"page path", func(s *siteModel) { s.Pages[0].Rel = "x" + s.Pages[0].Rel }},
				keyChange{"page removed", func(s *siteModel) { s.Pages = s.Pages[1:] }})
		}
		for _, c := range changes {
			t.Run(c.name, func(t *testing.T) {
				s := load(t)
				c.apply(s)
				got, want := every(key(t, s)), every(base)
				for i := range got {
					if changed := got[i] != want[i]; changed != (i == p.part) {
						t.Errorf("changing %s: part %d of the key changed %v, want %v", c.name, i, changed, i == p.part)
					}
				}
			})
		}
	}
	t.Run("a page's body", func(t *testing.T) {
		s := load(t)
		s.Pages[0].sum[0]++
		if key(t, s) != base {
			t.Error("a page's own source changes the site key: every page would be rendered again")
		}
	})
}
