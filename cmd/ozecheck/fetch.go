package main

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/checks/evidence"
)

// maxFetch is the largest answer accepted for InfoMobileApp.json (a few KiB in practice).
const maxFetch = 1 << 20

// infoURL turns PRONOTE's address into InfoMobileApp.json's, with the mobile app's id.
func infoURL(raw string, insecure bool, lang checks.Lang) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, errors.New(msgFetchURL.Sprintf(raw).In(lang))
	}
	if u.Scheme != "https" && !insecure {
		return nil, errors.New(msgFetchHTTPS.Sprintf(raw).In(lang))
	}
	u.User, u.Fragment = nil, ""
	if !strings.HasSuffix(strings.ToLower(u.Path), "/infomobileapp.json") {
		if i := strings.LastIndex(u.Path, "/"); i >= 0 && strings.Contains(u.Path[i:], ".") {
			u.Path = u.Path[:i+1] // a page of an espace: its folder is PRONOTE's root
		}
		u.Path = strings.TrimSuffix(u.Path, "/") + "/InfoMobileApp.json"
	}
	u.RawQuery = url.Values{"id": {evidence.InfoMobileAppID}}.Encode()
	return u, nil
}

// fetchInfo downloads InfoMobileApp.json: one GET, read-only, no cookie, https unless
// insecure, redirects only to the same host over the same or a safer scheme, a size limit and
// the client's timeout. It returns the URL fetched and the body.
func fetchInfo(ctx context.Context, client *http.Client, raw string, insecure bool, lang checks.Lang) (string, []byte, error) {
	u, err := infoURL(raw, insecure, lang)
	if err != nil {
		return "", nil, err
	}
	c := *client
	c.Jar = nil
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		first := via[0].URL
		if len(via) > 3 || !strings.EqualFold(req.URL.Host, first.Host) || (req.URL.Scheme != "https" && !(insecure && req.URL.Scheme == first.Scheme)) {
			return errors.New(msgFetchRedirect.Sprintf(req.URL.Redacted()).In(lang))
		}
		return nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return "", nil, err
	}
	req.Header.Set("User-Agent", "ozecheck/"+buildVersion())
	req.Header.Set("Accept", "application/json")
	where := u.String()
	resp, err := c.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return "", nil, errors.New(msgFetchFailed.Sprintf(where, err).In(lang))
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusServiceUnavailable:
		return "", nil, errors.New(msgFetch503.Sprintf(where).In(lang))
	case resp.StatusCode == http.StatusNotFound:
		return "", nil, errors.New(msgFetch404.Sprintf(where).In(lang))
	case resp.StatusCode != http.StatusOK:
		return "", nil, errors.New(msgFetchStatus.Sprintf(where, resp.Status).In(lang))
	case resp.ContentLength > maxFetch:
		return "", nil, errors.New(msgFetchTooBig.Sprintf(where, maxFetch>>10).In(lang))
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxFetch+1))
	if err != nil {
		return "", nil, errors.New(msgFetchFailed.Sprintf(where, err).In(lang))
	}
	if len(body) > maxFetch {
		return "", nil, errors.New(msgFetchTooBig.Sprintf(where, maxFetch>>10).In(lang))
	}
	return where, body, nil
}
