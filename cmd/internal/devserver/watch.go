package devserver

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Change is a batch of changed files, relative to the root they were found under.
type Change struct {
	Root  string
	Files []string
}

// Watcher watches folders and everything below them. fsnotify is not recursive: folders
// created later are added as they appear.
type Watcher struct {
	w     *fsnotify.Watcher
	roots []string
}

// NewWatcher starts watching the folders roots. Changes made from then on are reported by
// Run, even those made before Run is called: watch before the first build, so that nothing
// written during it is missed.
func NewWatcher(roots []string) (*Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	for _, r := range roots {
		if err := addTree(w, r); err != nil {
			w.Close()
			return nil, err
		}
	}
	return &Watcher{w: w, roots: roots}, nil
}

// Watch is NewWatcher followed by Run.
func Watch(ctx context.Context, roots []string, quiet, max time.Duration, onChange func(Change)) error {
	wt, err := NewWatcher(roots)
	if err != nil {
		return err
	}
	return wt.Run(ctx, quiet, max, onChange)
}

// Run calls onChange with the files changed in each burst of writes (an editor saves a file
// in several steps): a batch closes after quiet of that long, or after max since its first
// change. Editor back-ups and hidden files are ignored. Run returns when ctx ends, and closes
// the watcher.
func (wt *Watcher) Run(ctx context.Context, quiet, max time.Duration, onChange func(Change)) error {
	w, roots := wt.w, wt.roots
	defer w.Close()
	pending := map[string]map[string]bool{}
	var timer, deadline <-chan time.Time
	flush := func() {
		for root, files := range pending {
			ch := Change{Root: root}
			for f := range files {
				ch.Files = append(ch.Files, f)
			}
			onChange(ch)
		}
		clear(pending)
		timer, deadline = nil, nil
	}
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case err := <-w.Errors:
			return err
		case ev := <-w.Events:
			if ev.Op == fsnotify.Chmod || ignored(ev.Name) {
				continue
			}
			if ev.Op.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					_ = addTree(w, ev.Name) // files written before the watch show in the walk below
					_ = filepath.WalkDir(ev.Name, func(p string, d fs.DirEntry, err error) error {
						if err == nil && !d.IsDir() && !ignored(p) {
							note(pending, roots, p)
						}
						return nil
					})
				}
			}
			note(pending, roots, ev.Name)
			timer = time.After(quiet)
			if deadline == nil {
				deadline = time.After(max)
			}
		case <-timer:
			flush()
		case <-deadline:
			flush()
		}
	}
}

func note(pending map[string]map[string]bool, roots []string, name string) {
	for _, r := range roots {
		if rel, err := filepath.Rel(r, name); err == nil && !strings.HasPrefix(rel, "..") {
			if pending[r] == nil {
				pending[r] = map[string]bool{}
			}
			pending[r][filepath.ToSlash(rel)] = true
			return
		}
	}
}

func addTree(w *fsnotify.Watcher, root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return w.Add(p)
		}
		return nil
	})
}

// ignored reports whether a file is an editor's temporary or back-up file.
func ignored(name string) bool {
	base := filepath.Base(name)
	return strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") ||
		strings.HasSuffix(base, ".swx") || strings.HasSuffix(base, ".tmp") || base == "4913"
}
