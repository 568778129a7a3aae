package browsertest

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestReportLooks opens ozecheck's HTML report, in French and English, on a phone (390 px)
// and a desktop, light and dark: nothing of it goes past the window's right edge (at 390 px
// its header's values reached 393 px, an address and a closing parenthesis cut off), and in
// a dark scheme its page is dark with light text. The screenshots go to $SHOTS_DIR when it
// is set (report-LANG-WIDTH-SCHEME.png, the header and the first results).
func TestReportLooks(t *testing.T) {
	_, bin := builtChecker(t)
	dir := t.TempDir()
	// The wrong realm and /login: long addresses in the header and the messages.
	info := `{"nomEtab": "LYCÉE POLYVALENT JACQUES-PRÉVERT DE BOULOGNE-BILLANCOURT", "CAS": {"actif": true, "casURL": "` + wrongRealm + `/login"},
		"espaces": [{"nom": "Espace Élèves", "URL": "https://0920000a.index-education.net/pronote/eleve.html", "genreEspace": 6, "avecDelegation": true, "protocole": "daCAS"}]}`
	if err := os.WriteFile(filepath.Join(dir, "InfoMobileApp.json"), []byte(info), 0o644); err != nil {
		t.Fatal(err)
	}
	shots := os.Getenv("SHOTS_DIR")
	for _, lang := range []string{"fr", "en"} {
		page := filepath.Join(dir, "rapport-"+lang+".html")
		if err := os.WriteFile(page, cli(t, bin, dir, "--lang", lang, "--format", "html", "InfoMobileApp.json"), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, width := range []int64{390, 1280} {
			for _, scheme := range []string{"light", "dark"} {
				t.Run(fmt.Sprintf("%s-%d-%s", lang, width, scheme), func(t *testing.T) {
					ctx := newTab(t)
					if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
						Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
					}); err != nil {
						t.Fatal(err)
					}
					do(t, ctx, viewport(t, width, 900, width < 500), chromedp.Navigate("file://"+page), chromedp.WaitVisible(chromedp.CSS(".results")))
					type look struct {
						Wide                   []string
						Client                 float64
						Background, Text, Fail string
					}
					got, err := chromedp.Run(ctx, chromedp.Evaluate[look](`(() => {
						const w = document.documentElement.clientWidth, b = getComputedStyle(document.body);
						const fail = document.querySelector('.st-fail .badge');
						return {Client: w, Background: b.backgroundColor, Text: b.color, Fail: fail ? getComputedStyle(fail).color : '',
							Wide: Array.from(document.body.querySelectorAll('*')).filter(e => e.getBoundingClientRect().right > w + 0.5)
								.map(e => e.tagName + '.' + e.className + ' (' + Math.round(e.getBoundingClientRect().right) + ' px): ' + e.textContent.slice(0, 60))};
					})()`))
					if err != nil {
						t.Fatal(err)
					}
					if len(got.Wide) > 0 {
						t.Errorf("past the right edge of a %.0f px window: %v", got.Client, got.Wide)
					}
					if got.Fail == "" {
						t.Error("no failed step shown: the wrong realm should fail net.cas-url")
					}
					bg, fg := luminance(t, got.Background), luminance(t, got.Text)
					if dark := scheme == "dark"; dark != (bg < fg) || dark && bg > 0.05 {
						t.Errorf("%s scheme: background %s (luminance %.2f), text %s (%.2f)", scheme, got.Background, bg, got.Text, fg)
					}
					if shots != "" {
						png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
						if err == nil {
							err = os.WriteFile(filepath.Join(shots, fmt.Sprintf("report-%s-%d-%s.png", lang, width, scheme)), png, 0o644)
						}
						if err != nil {
							t.Fatal(err)
						}
					}
				})
			}
		}
	}
}

// luminance returns the relative luminance (WCAG) of a computed CSS colour, rgb(…) or
// rgba(…); a transparent one is the light canvas's white.
func luminance(t *testing.T, css string) float64 {
	t.Helper()
	var r, g, b, a float64 = 0, 0, 0, 1
	if n, _ := fmt.Sscanf(css, "rgba(%g, %g, %g, %g)", &r, &g, &b, &a); n < 4 {
		if n, _ := fmt.Sscanf(css, "rgb(%g, %g, %g)", &r, &g, &b); n < 3 {
			t.Fatalf("colour %q not understood", css)
		}
	}
	if a == 0 {
		return 1
	}
	lin := func(c float64) float64 {
		if c /= 255; c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
