package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spf13/afero"
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

// FuzzReadState gives the state reader any bytes: it must return an error or a state whose
// every page a build could have written (pageRecord.check), never panic, and allocate no more
// than the bytes can hold. Seeded with the state of a real build and pieces of it.
func FuzzReadState(f *testing.F) {
	dir := f.TempDir()
	fs := fsFrom(f, parseTxtar(f, "testdata/site/basic.txtar"))
	b := &Builder{Src: fs, SrcDir: "content", Out: afero.NewOsFs(), OutDir: filepath.Join(dir, "public"), StateDir: filepath.Join(dir, "state")}
	if _, err := b.Build(context.Background()); err != nil {
		f.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(b.StateDir, "*.state"))
	if len(files) != 1 {
		f.Fatalf("state files: %v", files)
	}
	state, err := os.ReadFile(files[0])
	if err != nil {
		f.Fatal(err)
	}
	state = bytes.TrimPrefix(state, []byte(stateMagic)) // readState reads it, decodeState what follows
	f.Add(state)
	f.Add(state[:len(state)/2])
	f.Add(append(bytes.Clone(state), state[len(state)/2:]...))
	f.Add([]byte("not a state"))
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := decodeState(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		if st.Count > len(data)/minPageRecord || len(st.Pages) != st.Count {
			t.Fatalf("%d pages (%d claimed) read from %d bytes", len(st.Pages), st.Count, len(data))
		}
		for name, p := range st.Pages {
			if err := (pageRecord{name, *p}).check(st.Search); err != nil {
				t.Fatalf("page %q read though a build could not have written it: %v", name, err)
			}
		}
	})
}

// TestFailedBuildForgetsState: a build that read a state and failed for another reason than
// the content's problems or an interruption removes the state, which may be the cause; the
// next build starts from nothing.
func TestFailedBuildForgetsState(t *testing.T) {
	for _, tc := range []struct {
		name   string
		err    error
		forget bool
	}{
		{"the content's problems", &BuildError{}, false},
		{"interrupted", fmt.Errorf("build: %w", context.Canceled), false},
		{"anything else", errors.New("search index fr: unexpected EOF"), true},
		{"no error", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "x.state")
			writeFile(t, file, []byte("state"))
			(&incremental{file: file, last: &buildState{}}).failed(tc.err)
			if _, err := os.Stat(file); (err != nil) != tc.forget {
				t.Errorf("after failed(%v), the state exists %v, want %v", tc.err, err == nil, !tc.forget)
			}
		})
	}
}

// TestStateErrorNamesFile: a state that cannot be read is named in the error, which the build
// prints as why it rendered every page.
func TestStateErrorNamesFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "0123456789abcdef01234567.state")
	writeFile(t, file, []byte(stateMagic+"\x17"))
	if _, err := readState(file); err == nil || !strings.Contains(err.Error(), file) {
		t.Errorf("readState = %v, want an error naming %s", err, file)
	}
}
