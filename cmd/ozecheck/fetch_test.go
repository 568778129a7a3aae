package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hds-oze/pronote-oze/checks"
)

const infoBody = `{"nomEtab": "COLLÈGE", "CAS": {"actif": true, "casURL": "https://enc.hauts-de-seine.fr/auth/realms/oze_hds/protocol/cas"}}`

func TestFetch(t *testing.T) {
	other := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(infoBody))
	}))
	defer other.Close()
	var gotQuery, gotMethod string
	mux := http.NewServeMux()
	mux.HandleFunc("/pronote/InfoMobileApp.json", func(w http.ResponseWriter, r *http.Request) {
		gotQuery, gotMethod = r.URL.RawQuery, r.Method
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(infoBody))
	})
	mux.HandleFunc("/closed/InfoMobileApp.json", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "Service Unavailable", http.StatusServiceUnavailable)
	})
	mux.HandleFunc("/slow/InfoMobileApp.json", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/big/InfoMobileApp.json", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(strings.Repeat(" ", maxFetch+10)))
	})
	mux.HandleFunc("/moved/InfoMobileApp.json", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/pronote/InfoMobileApp.json", http.StatusFound)
	})
	mux.HandleFunc("/samehost/InfoMobileApp.json", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/pronote/InfoMobileApp.json", http.StatusFound)
	})
	srv := httptest.NewTLSServer(mux)
	defer srv.Close()
	plain := httptest.NewServer(mux)
	defer plain.Close()

	tests := []struct {
		name, url string
		insecure  bool
		timeout   time.Duration
		want      string // in the body, or in the error
		wantErr   bool
	}{
		{name: "root", url: srv.URL + "/pronote/", want: "COLLÈGE"},
		{name: "root without slash", url: srv.URL + "/pronote", want: "COLLÈGE"},
		{name: "espace page", url: srv.URL + "/pronote/eleve.html", want: "COLLÈGE"},
		{name: "same-host redirect", url: srv.URL + "/samehost/", want: "COLLÈGE"},
		{name: "404", url: srv.URL + "/nowhere/", want: "not found (404): is this PRONOTE's address", wantErr: true},
		{name: "503 not published", url: srv.URL + "/closed/", want: "answered 503: the base is not published", wantErr: true},
		{name: "timeout", url: srv.URL + "/slow/", timeout: 200 * time.Millisecond, want: "request failed", wantErr: true},
		{name: "oversize", url: srv.URL + "/big/", want: "larger than 1024 KiB", wantErr: true},
		{name: "redirect to another host", url: srv.URL + "/moved/", want: "redirect to https://127.0.0.1", wantErr: true},
		{name: "http refused", url: plain.URL + "/pronote/", want: "must use https://", wantErr: true},
		{name: "http allowed when asked", url: plain.URL + "/pronote/", insecure: true, want: "COLLÈGE"},
		{name: "not a URL", url: "pronote", want: "give PRONOTE's address", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := srv.Client()
			client.Timeout = 5 * time.Second
			if tt.timeout > 0 {
				client.Timeout = tt.timeout
			}
			u, body, err := fetchInfo(context.Background(), client, tt.url, tt.insecure, checks.EN)
			if tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("fetchInfo() error = %v, want one containing %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(body), tt.want) {
				t.Errorf("body = %q", body)
			}
			if !strings.Contains(u, "InfoMobileApp.json?id=0D264427-EEFC-4810-A9E9-346942A862A4") {
				t.Errorf("fetched %s", u)
			}
		})
	}
	if gotMethod != http.MethodGet || gotQuery != "id=0D264427-EEFC-4810-A9E9-346942A862A4" {
		t.Errorf("request was %s ?%s, want GET with the mobile app's id", gotMethod, gotQuery)
	}
}
