// Package devserver serves a site under construction: the files of the output folder, with a
// small script that reloads open pages when the site is rebuilt (Server-Sent Events) and shows
// build errors over them, and a watcher that rebuilds on every change of the content.
package devserver

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
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
	name := path.Clean("/" + r.URL.Path)
	full := filepath.Join(s.Dir, filepath.FromSlash(name))
	st, err := os.Stat(full)
	if err == nil && st.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		full = filepath.Join(full, "index.html")
		_, err = os.Stat(full)
	}
	status := http.StatusOK
	if err != nil {
		status, full = http.StatusNotFound, filepath.Join(s.Dir, "404.html")
	}
	data, err := os.ReadFile(full)
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	ctype := mime.TypeByExtension(filepath.Ext(full))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// inject adds the reload script to a page as it is served; the file on disk has none.
func inject(page []byte) []byte {
	i := bytes.LastIndex(page, []byte("</head>"))
	if i < 0 {
		return page
	}
	out := make([]byte, 0, len(page)+len(reloadTag)+1)
	out = append(out, page[:i]...)
	out = append(out, reloadTag...)
	out = append(out, '\n')
	return append(out, page[i:]...)
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
