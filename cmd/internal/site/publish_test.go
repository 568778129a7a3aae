package site

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"github.com/hds-oze/pronote-oze/checks"
)

// renameFails fails the renames whose source has the suffix from.
type renameFails struct {
	afero.Fs
	from string
}

var errRename = errors.New("injected rename failure")

func (f renameFails) Rename(old, new string) error {
	if strings.HasSuffix(old, f.from) {
		return errRename
	}
	return f.Fs.Rename(old, new)
}

func TestSwap(t *testing.T) {
	tests := []struct {
		name string
		// before are the files present, after the files expected after recoverSwap then swap.
		before, after []string
		// fail names the folder whose rename fails.
		fail    string
		wantErr bool
	}{
		{
			name:   "first build",
			before: []string{"public.tmp-build/index.html=new"},
			after:  []string{"public/index.html=new"},
		},
		{
			name:   "replaces the previous site",
			before: []string{"public/index.html=old", "public/old-only.html=old", "public.tmp-build/index.html=new"},
			after:  []string{"public/index.html=new"},
		},
		{
			name:   "a build killed between the two renames: the previous site is recovered, then replaced",
			before: []string{"public.old-build/index.html=old", "public.tmp-build/index.html=new"},
			after:  []string{"public/index.html=new"},
		},
		{
			name:   "a previous site left aside after a completed swap is removed",
			before: []string{"public/index.html=current", "public.old-build/index.html=older", "public.tmp-build/index.html=new"},
			after:  []string{"public/index.html=new"},
		},
		{
			name:    "the new site cannot take its place: the previous one is put back",
			before:  []string{"public/index.html=old", "public.tmp-build/index.html=new"},
			fail:    ".tmp-build",
			after:   []string{"public.tmp-build/index.html=new", "public/index.html=old"},
			wantErr: true,
		},
		{
			name:    "the previous site cannot move aside: it stays",
			before:  []string{"public/index.html=old", "public.tmp-build/index.html=new"},
			fail:    "public",
			after:   []string{"public.tmp-build/index.html=new", "public/index.html=old"},
			wantErr: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mem := afero.NewMemMapFs()
			for _, f := range tt.before {
				name, data, _ := strings.Cut(f, "=")
				if err := afero.WriteFile(mem, name, []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var fsys afero.Fs = mem
			if tt.fail != "" {
				fsys = renameFails{mem, tt.fail}
			}
			err := recoverSwap(fsys, "public")
			var old string
			if err == nil {
				old, err = swap(fsys, "public.tmp-build", "public")
			}
			if err == nil && old != "" {
				err = removeSite(fsys, old, nil)
			}
			if (err != nil) != tt.wantErr {
				t.Errorf("swap() = %v, want error %v", err, tt.wantErr)
			}
			var got []string
			for _, dir := range []string{"public", "public.tmp-build", "public.old-build"} {
				if ok, _ := afero.DirExists(mem, dir); ok {
					for rel, data := range tree(t, mem, dir) {
						got = append(got, dir+"/"+rel+"="+string(data))
					}
				}
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(tt.after))
			if !slices.Equal(got, want) {
				t.Errorf("files after the swap:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestOutputPathsStayInside makes sure an output whose path leaves the site fails the build
// and writes nothing.
func TestOutputPathsStayInside(t *testing.T) {
	for _, p := range []string{"../escape.html", "", "a/../../b", "/abs.html", "a//b"} {
		if err := checkSitePath(p); err == nil {
			t.Errorf("output %q was made", p)
		}
	}
	if err := checkSitePath("fr/index.html"); err != nil {
		t.Errorf("checkSitePath(fr/index.html) = %v", err)
	}
}

// TestPublishFailureWritesNothing makes an output fail: the build fails naming it, the
// previous site stays and no staging folder is left.
func TestPublishFailureWritesNothing(t *testing.T) {
	fs := fsFrom(t, parseTxtar(t, "testdata/errors/base.txtar"))
	b := &Builder{Src: fs, SrcDir: "content", Out: fs, OutDir: "public"}
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	before := tree(t, fs, "public")
	s, errs := b.load(context.Background())
	if err := errs.err(); err != nil {
		t.Fatal(err)
	}
	// A page that cannot be read again at render time (not purge.md: a page whose URL is its
	// checklist's keeps the tree parsed for its URL).
	if err := fs.Remove("content/en/index.md"); err != nil {
		t.Fatal(err)
	}
	err := b.publish(context.Background(), s, "public", false)
	var fe *FileError
	if !errors.As(err, &fe) || fe.File != "content/en/index.md" || !strings.Contains(fe.Error(), "cannot render") {
		t.Errorf("publish() = %v, want a render error naming content/en/index.md", err)
	}
	if after := tree(t, fs, "public"); !maps.EqualFunc(before, after, bytes.Equal) {
		t.Error("a failed publish changed the site")
	}
	if ok, _ := afero.DirExists(fs, "public"+stagingSuffix); ok {
		t.Error("a failed publish left its staging folder")
	}
}

// TestSwapExchanges checks that on Linux the new site takes the place of the previous one in
// one step: the previous site is never moved aside, so a kill cannot leave the output folder
// missing. A file in the way at public.old-build makes moving aside fail; the exchange does
// not need that name.
func TestSwapExchanges(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("renameat2 RENAME_EXCHANGE is Linux's; elsewhere swap renames twice")
	}
	dir := t.TempDir()
	out, staging, old := filepath.Join(dir, "public"), filepath.Join(dir, "public"+stagingSuffix), filepath.Join(dir, "public"+oldSuffix)
	writeFile(t, filepath.Join(out, "index.html"), []byte("previous"))
	writeFile(t, filepath.Join(staging, "index.html"), []byte("new"))
	writeFile(t, old, []byte("in the way"))
	prev, err := swap(afero.NewOsFs(), staging, out)
	if err != nil || prev != staging {
		t.Fatalf("swap() = %q, %v; want the folders exchanged without moving the previous site aside", prev, err)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "index.html")); string(got) != "new" {
		t.Errorf("public/index.html = %q, want the new site", got)
	}
	if got, _ := os.ReadFile(filepath.Join(staging, "index.html")); string(got) != "previous" {
		t.Errorf("the staging folder holds %q, want the previous site", got)
	}
	if got, _ := os.ReadFile(old); string(got) != "in the way" {
		t.Errorf("swap touched %s", old)
	}
}

// TestSpilledSearchIndexMatchesKept checks that a build, which spills what search finds on the
// pages to its staging folder, publishes the same site as one whose pages keep it (as serve's
// does), and leaves no spill in the site.
func TestSpilledSearchIndexMatchesKept(t *testing.T) {
	fs := fsFrom(t, parseTxtar(t, "testdata/errors/base.txtar"))
	b := &Builder{Src: fs, SrcDir: "content", Out: fs, OutDir: "public"}
	if _, err := b.build(context.Background(), false); err != nil {
		t.Fatal(err)
	}
	spilled := tree(t, fs, "public")
	if _, err := b.build(context.Background(), true); err != nil {
		t.Fatal(err)
	}
	kept := tree(t, fs, "public")
	if !maps.EqualFunc(spilled, kept, bytes.Equal) {
		t.Error("the built site differs when the pages keep their search entries")
	}
	for name := range spilled {
		if strings.Contains(name, ".search-") {
			t.Errorf("the spill %s is in the published site", name)
		}
	}
	for _, l := range checks.Langs() {
		if idx := spilled["search/"+string(l)+".json"]; !bytes.HasPrefix(idx, []byte(`[{"u":`)) {
			t.Errorf("search index %s = %.40q, want entries", l, idx)
		}
	}
}

// TestBuildLocked: a build into an output folder another build is writing into fails at once,
// saying so, and leaves the site as it was; once the other ends, a build works.
func TestBuildLocked(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	b := &Builder{Src: afero.NewReadOnlyFs(afero.NewOsFs()), SrcDir: "../../../content", Out: afero.NewOsFs(), OutDir: out}
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	before := tree(t, afero.NewOsFs(), out)
	unlock, err := lockOutput(afero.NewOsFs(), out)
	if err != nil {
		t.Fatal(err)
	}
	_, err = b.Build(context.Background())
	if err == nil || !strings.Contains(err.Error(), "another sitegen is writing into "+out) {
		t.Fatalf("Build() while another holds the lock = %v, want an error saying another build is writing", err)
	}
	sameTree(t, "the site after a build refused", before, tree(t, afero.NewOsFs(), out))
	unlock()
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatalf("Build() once the lock is released = %v", err)
	}
}

// TestServeLocks: while a site is served (Live), a build into its folder fails at once; once
// the server closes, it works.
func TestServeLocks(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	src := afero.NewReadOnlyFs(afero.NewOsFs())
	lv, _, err := (&Builder{Src: src, SrcDir: "../../../content", Out: afero.NewOsFs(), OutDir: out}).BuildLive(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	b := &Builder{Src: src, SrcDir: "../../../content", Out: afero.NewOsFs(), OutDir: out}
	if _, err := b.Build(context.Background()); err == nil || !strings.Contains(err.Error(), "a build or serve") {
		t.Fatalf("Build() while the site is served = %v, want an error saying another sitegen is writing", err)
	}
	if _, err := lv.Rebuild(context.Background()); err != nil {
		t.Fatalf("the server's own rebuild = %v", err)
	}
	lv.Close()
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatalf("Build() once the server closed = %v", err)
	}
}
