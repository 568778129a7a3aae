package site

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/hds-oze/pronote-oze/checks"
)

// Config is content/site.toml.
type Config struct {
	// BaseURL is the site's public root ("https://…/"); canonical and alternate links, and
	// the checker's links to steps, start with it.
	BaseURL string `toml:"baseURL"`
	// DefaultLang is the language of the root page's first link.
	DefaultLang string `toml:"defaultLang"`
	// Profile is the ENT profile of the checklists (checks.Profile.ID).
	Profile string `toml:"profile"`
	// Languages holds the per-language settings, by language tag.
	Languages map[string]LangConfig `toml:"languages"`
	// Support is who admins send the checker's report to; shown wherever the pages say so
	// and stamped into the checker. Left empty, the site says where to find one.
	Support checks.Contact `toml:"support"`
}

// LangConfig is one language's settings.
type LangConfig struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
}

// ConfigFile is the name of the site configuration in the content folder.
const ConfigFile = "site.toml"

// maxConfigBytes bounds the site configuration, checked before it is read: a few KB are
// plenty.
const maxConfigBytes = 1 << 20

// parseConfig reads site.toml strictly: unknown keys, a missing language or title, a bad base
// URL or an unknown profile are errors at their line.
func parseConfig(file string, data []byte) (*Config, *checks.Profile, errorList) {
	var errs errorList
	var c Config
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&c)
	if err != nil {
		line := 0
		if pe, ok := err.(toml.ParseError); ok {
			line = pe.Position.Line
		}
		errs.add(file, line, "invalid TOML: %v", tomlMessage(err))
		return nil, nil, errs
	}
	for _, k := range md.Undecoded() {
		errs.add(file, keyLine(data, k), "unknown key %q", k.String())
	}
	u, err := url.Parse(c.BaseURL)
	if c.BaseURL == "" || err != nil || !u.IsAbs() || u.RawQuery != "" || u.Fragment != "" {
		errs.add(file, keyLine(data, toml.Key{"baseURL"}), "baseURL must be an absolute URL such as \"https://example.org/\", got %q", c.BaseURL)
	} else if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	for _, l := range checks.Langs() {
		lc, ok := c.Languages[string(l)]
		if !ok {
			errs.add(file, 0, "missing [languages.%s]", l)
		} else if strings.TrimSpace(lc.Title) == "" {
			errs.add(file, keyLine(data, toml.Key{"languages", string(l)}), "languages.%s.title is empty", l)
		}
	}
	for tag := range c.Languages {
		if _, ok := checks.ParseLang(tag); !ok || len(tag) != 2 {
			errs.add(file, keyLine(data, toml.Key{"languages", tag}), "unsupported language %q (want fr or en)", tag)
		}
	}
	if c.DefaultLang == "" {
		c.DefaultLang = string(checks.FR)
	}
	if _, ok := c.Languages[c.DefaultLang]; !ok {
		errs.add(file, keyLine(data, toml.Key{"defaultLang"}), "defaultLang %q is not one of the languages", c.DefaultLang)
	}
	if e := strings.TrimSpace(c.Support.Email); e != "" && (strings.Count(e, "@") != 1 || strings.HasPrefix(e, "@") || strings.HasSuffix(e, "@") || strings.ContainsAny(e, " <>\"")) {
		errs.add(file, keyLine(data, toml.Key{"support", "email"}), "support.email must be an e-mail address such as \"ent@example.org\", got %q", e)
	}
	if c.Profile == "" {
		c.Profile = checks.Profiles()[0].ID
	}
	p, ok := checks.ProfileByID(c.Profile)
	if !ok {
		errs.add(file, keyLine(data, toml.Key{"profile"}), "unknown profile %q", c.Profile)
	}
	return &c, p, errs
}

func tomlMessage(err error) string {
	if pe, ok := err.(toml.ParseError); ok {
		return pe.Message
	}
	return err.Error()
}

// keyLine finds the line of key k in TOML data: the line of its last part, searched after
// the line of its table. It returns 0 when it cannot tell.
func keyLine(data []byte, k toml.Key) int {
	lines := strings.Split(string(data), "\n")
	start := 0
	if len(k) > 1 {
		table := "[" + strings.Join(k[:len(k)-1], ".") + "]"
		for i, l := range lines {
			if strings.TrimSpace(l) == table {
				start = i
				break
			}
		}
		// A whole table (languages.xx) is named by its header.
		whole := "[" + strings.Join(k, ".") + "]"
		for i, l := range lines {
			if strings.TrimSpace(l) == whole {
				return i + 1
			}
		}
	}
	last := k[len(k)-1]
	for i := start; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if strings.HasPrefix(l, last) && strings.HasPrefix(strings.TrimSpace(l[len(last):]), "=") ||
			strings.HasPrefix(l, fmt.Sprintf("%q", last)) {
			return i + 1
		}
	}
	return 0
}
