// Package devserver serves a site under construction: the files of the output folder, with a
// small script that reloads open pages when the site is rebuilt (Server-Sent Events) and shows
// build errors over them, and a watcher that rebuilds on every change of the content.
//
// Files are streamed from disk (a checker download is 12 MB), pages too: the reload script is
// added as a page goes by, without holding it. What the output folder may hold besides the site is not served:
// dot-files (the builder's temporary files among them) and symbolic links.
package devserver

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"
	"sync"
	"time"
)

//go:embed reload.js
var reloadJS []byte

// Paths of the server's own resources; no page of a site can have them.
const (
	EventsPath = "/__sitegen/events"
	ScriptPath = "/__sitegen/reload.js"
)

var reloadTag = []byte(`<script src="` + ScriptPath + `" defer></script>`)

// Server serves Dir, the output folder, and tells open pages about rebuilds.
type Server struct {
	Dir string

	mu      sync.Mutex
	clients map[chan event]bool
	failed  []string // the errors of the last build, while it fails
}

type event struct {
	name string
	data string
}

// New returns a server for the site in dir.
func New(dir string) *Server {
	return &Server{Dir: dir, clients: map[chan event]bool{}}
}

// Reloaded tells open pages that the site was rebuilt.
func (s *Server) Reloaded() {
	s.mu.Lock()
	s.failed = nil
	s.mu.Unlock()
	s.broadcast(event{name: "reload", data: "{}"})
}

// Failed tells open pages that a build failed, with its errors ("file:line: message").
func (s *Server) Failed(errs []string) {
	s.mu.Lock()
	s.failed = errs
	s.mu.Unlock()
	data, _ := json.Marshal(errs)
	s.broadcast(event{name: "build-error", data: string(data)})
}

func (s *Server) broadcast(ev event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.clients {
		select {
		case c <- ev:
		default: // a slow client misses an event; it gets the next one
		}
	}
}

// ServeHTTP serves the site's files, the reload script and the event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	switch r.URL.Path {
	case EventsPath:
		s.events(w, r)
		return
	case ScriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(reloadJS)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	for _, seg := range strings.Split(r.URL.Path, "/") {
		if seg == ".." || strings.ContainsAny(seg, "\\\x00") {
			http.Error(w, "forbidden: the server serves only the files of the site", http.StatusForbidden)
			return
		}
	}
	// The output folder is opened for each request: a build replaces it with another.
	root, err := os.OpenRoot(s.Dir)
	if err != nil {
		http.Error(w, "no site: "+err.Error(), http.StatusNotFound)
		return
	}
	defer root.Close()
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	f, err := open(root, name)
	if errors.Is(err, errFolder) {
		if !strings.HasSuffix(r.URL.Path, "/") {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		f, err = open(root, path.Join(name, "index.html"))
	}
	status := http.StatusOK
	if err != nil {
		status = http.StatusNotFound
		if f, err = open(root, "404.html"); err != nil {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(f.Name()))
	if ctype != "" {
		w.Header().Set("Content-Type", ctype)
	}
	if status == http.StatusOK && !strings.HasPrefix(ctype, "text/html") {
		// Streamed from the file, with ranges and the content type sniffed if need be: a
		// checker download is 12 MB.
		http.ServeContent(w, r, f.Name(), st.ModTime(), f)
		return
	}
	// A page gets the reload script, streamed too: nothing bounds what the output folder
	// holds, and a page read whole per request would hold it as many times as requests.
	// Its length is not known before the end: no Content-Length, no ranges.
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		injectCopy(w, f)
	}
}

// errFolder is open's answer for a folder.
var errFolder = errors.New("a folder")

// open opens the regular file name (slash-separated) of the site in root. It refuses what the
// site is not made of: a name with a part starting with "." (the builder's temporary files,
// editors' and version control's files), a symbolic link anywhere on the way, anything other
// than a regular file. A folder gives errFolder.
func open(root *os.Root, name string) (*os.File, error) {
	if name == "" {
		return nil, errFolder
	}
	parts := strings.Split(name, "/")
	for i, part := range parts {
		if strings.HasPrefix(part, ".") {
			return nil, fs.ErrNotExist
		}
		st, err := root.Lstat(path.Join(parts[:i+1]...))
		switch {
		case err != nil:
			return nil, err
		case st.Mode()&fs.ModeSymlink != 0:
			return nil, fs.ErrNotExist
		case st.IsDir() && i == len(parts)-1:
			return nil, errFolder
		case !st.IsDir() && i < len(parts)-1:
			return nil, fs.ErrNotExist
		case i == len(parts)-1 && !st.Mode().IsRegular():
			return nil, fs.ErrNotExist
		}
	}
	return root.Open(name)
}

// headEnd is where the reload script goes: before the first "</head>".
var headEnd = []byte("</head>")

// injectCopy copies the page src to w with the reload script before its first "</head>" (the
// file on disk has none), through one buffer: at most len(headEnd)-1 bytes are kept back
// between two reads, in case they start "</head>". A page without it is copied as it is.
func injectCopy(w io.Writer, src io.Reader) error {
	buf := make([]byte, 32<<10)
	kept := 0
	for {
		n, err := src.Read(buf[kept:])
		data := buf[:kept+n]
		if i := bytes.Index(data, headEnd); i >= 0 {
			for _, part := range [][]byte{data[:i], reloadTag, []byte("\n"), data[i:]} {
				if _, err := w.Write(part); err != nil {
					return err
				}
			}
			_, err := io.CopyBuffer(w, src, buf)
			return err
		}
		kept = min(len(data), len(headEnd)-1)
		if _, err := w.Write(data[:len(data)-kept]); err != nil {
			return err
		}
		copy(buf, data[len(data)-kept:])
		if err == io.EOF {
			_, err = w.Write(buf[:kept])
			return err
		}
		if err != nil {
			return err
		}
	}
}

// events streams the rebuilds to a page.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	c := make(chan event, 4)
	s.mu.Lock()
	s.clients[c] = true
	failed := s.failed
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	io.WriteString(w, "retry: 1000\n: connected\n\n")
	if failed != nil {
		data, _ := json.Marshal(failed)
		fmt.Fprintf(w, "event: build-error\ndata: %s\n\n", data)
	}
	fl.Flush()
	tick := time.NewTicker(15 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev := <-c:
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
			fl.Flush()
		case <-tick.C:
			io.WriteString(w, ": keep-alive\n\n")
			fl.Flush()
		}
	}
}
