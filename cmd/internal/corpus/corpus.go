// Package corpus writes a synthetic bilingual content tree for benchmarks: N pages per
// language, each about 800 words with headings, lists, a GFM table, a task list, links to
// other pages, a fenced code block (the same in both languages of a page: code is not
// translated) and, one page in ten, a checklist block. The same tree
// builds with sitegen (content/) and with Hugo (hugo.toml, layouts/, contentDir per
// language), so that both tools are measured on the same Markdown.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

var words = map[string][]string{
	"fr": strings.Fields(`délégation authentification établissement élève professeur serveur publication identité fournisseur
		paramètre console hébergement espace responsable accompagnant connexion vérification déjà très où ça garçon œuvre
		naïf Noël été réglage base mise service utilisateur identifiant procédure checklist onglet fenêtre valeur adresse
		et le la les des un une pour avec sans dans sur par que qui est sont être avoir faire doit peut chaque tous`),
	"en": strings.Fields(`delegation authentication school student teacher server publication identity provider setting
		console hosting space parent assistant login check already very where that base service user identifier
		procedure checklist tab dialog value address and the of to a for with without in on by that which is are be
		have make must can each every before after first then`),
}

var headings = map[string][]string{
	"fr": {"Contexte", "Préparer la base", "Régler la délégation", "Vérifier les identités", "En cas d'échec"},
	"en": {"Context", "Prepare the base", "Set the delegation", "Check the identities", "When it fails"},
}

// Write writes the corpus with n pages per language under dir: dir/content for sitegen,
// dir/hugo.toml and dir/layouts for Hugo.
func Write(dir string, n int) error {
	r := rand.New(rand.NewPCG(1, 2))
	write := func(name, data string) error {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		return os.WriteFile(full, []byte(data), 0o644)
	}
	for name, data := range map[string]string{
		"content/site.toml":            siteToml,
		"hugo.toml":                    hugoToml,
		"layouts/_default/baseof.html": hugoBaseof,
		"layouts/_default/single.html": hugoSingle,
		"layouts/_default/list.html":   hugoSingle,
		"layouts/index.html":           hugoSingle,
		"static/style.css":             "body{font-family:sans-serif}\n",
	} {
		if err := write(name, data); err != nil {
			return err
		}
	}
	// Pages are written one by one: the corpus is never all in memory.
	for _, l := range []string{"fr", "en"} {
		home := fmt.Sprintf("+++\ntitle = %q\n+++\n\n%s\n", map[string]string{"fr": "Accueil", "en": "Home"}[l], para(r, l, 60))
		// Hugo's home is _index.md, sitegen's index.md.
		for _, name := range []string{"_index.md", "index.md"} {
			if err := write("content/"+l+"/"+name, home); err != nil {
				return err
			}
		}
		// The home of the checklist the pages show (its URL is the checklist's slug).
		slug := map[string]string{"fr": "changement-d-ent", "en": "changing-ent"}[l]
		if err := write("content/"+l+"/purge.md", fmt.Sprintf("+++\ntitle = \"purge\"\nslug = %q\n+++\n\n%s\n\n```checklist purge\n```\n", slug, para(r, l, 80))); err != nil {
			return err
		}
		for i := 1; i <= n; i++ {
			if err := write(fmt.Sprintf("content/%s/pages/p%05d.md", l, i), page(r, l, i, n)); err != nil {
				return err
			}
		}
	}
	return nil
}

func para(r *rand.Rand, l string, n int) string {
	ws := words[l]
	var b strings.Builder
	for i := range n {
		w := ws[r.IntN(len(ws))]
		if i == 0 { // capitalised by rune: "été" starts with two bytes
			r, size := utf8.DecodeRuneInString(w)
			w = string(unicode.ToUpper(r)) + w[size:]
		}
		b.WriteString(w)
		if i == n-1 {
			b.WriteString(".")
		} else if r.IntN(12) == 0 {
			b.WriteString(", ")
		} else {
			b.WriteString(" ")
		}
	}
	return b.String()
}

func page(r *rand.Rand, l string, i, n int) string {
	var b strings.Builder
	title := map[string]string{"fr": "Page %d : délégation CAS", "en": "Page %d: CAS delegation"}[l]
	fmt.Fprintf(&b, "+++\ntitle = %q\nslug = \"page-%d\"\nweight = %d\n+++\n\n", fmt.Sprintf(title, i), i, i)
	hs := headings[l]
	next, prev := i%n+1, (i+n-2)%n+1
	for s, h := range hs {
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", h, para(r, l, 70))
		switch s {
		case 0:
			for k := 0; k < 5; k++ {
				fmt.Fprintf(&b, "- %s\n", para(r, l, 8))
			}
			fmt.Fprintf(&b, "\n%s [%s](p%05d.md#%s) %s [%s](p%05d.md).\n\n", para(r, l, 20), hs[1], next, anchor(l, 1), para(r, l, 5), "page", prev)
		case 1:
			fmt.Fprintf(&b, "| Espace | %s | Note |\n|---|---|---|\n", map[string]string{"fr": "Délégation", "en": "Delegation"}[l])
			for _, e := range []string{"Direction", "Professeurs", "Vie scolaire", "Parents", "Elèves"} {
				fmt.Fprintf(&b, "| Espace %s | Cas | %s |\n", e, para(r, l, 4))
			}
			b.WriteString("\n")
		case 2:
			b.WriteString(code(i))
		case 3:
			for k := 0; k < 4; k++ {
				fmt.Fprintf(&b, "- [%s] %s\n", []string{" ", "x"}[k%2], para(r, l, 6))
			}
			b.WriteString("\n")
			if i%10 == 0 {
				b.WriteString("```checklist purge\n```\n\n")
			}
		}
		fmt.Fprintf(&b, "%s\n\n", para(r, l, 60))
	}
	return b.String()
}

// code returns page i's fenced code block. Code is not translated: the French and English
// versions of a page carry the same block, as on a real bilingual site, so it depends on the
// page alone (its own generator, not the prose's).
func code(i int) string {
	r := rand.New(rand.NewPCG(uint64(i), 3))
	lang := []string{"ini", "bash"}[i%2]
	var b strings.Builder
	fmt.Fprintf(&b, "```%s\n", lang)
	for k := 0; k < 15; k++ {
		if lang == "ini" {
			fmt.Fprintf(&b, "key%d_%d = \"value %d\" ; %s\n", k, i, r.IntN(1000), words["en"][r.IntN(len(words["en"]))])
		} else {
			fmt.Fprintf(&b, "echo \"step %d of page %d\" && test -f /tmp/f%d || exit %d\n", k, i, r.IntN(1000), k%3)
		}
	}
	b.WriteString("```\n\n")
	return b.String()
}

func anchor(l string, h int) string {
	return map[string][]string{"fr": {"contexte", "preparer-la-base"}, "en": {"context", "prepare-the-base"}}[l][h]
}

const siteToml = `baseURL = "https://bench.example.org/"
defaultLang = "fr"
profile = "oze"

[languages.fr]
title = "Corpus de mesure"

[languages.en]
title = "Benchmark corpus"
`

const hugoToml = `baseURL = "https://bench.example.org/"
defaultContentLanguage = "fr"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
enableRobotsTXT = false

[markup.highlight]
noClasses = false

[languages.fr]
contentDir = "content/fr"
languageName = "Français"
title = "Corpus de mesure"
weight = 1

[languages.en]
contentDir = "content/en"
languageName = "English"
title = "Benchmark corpus"
weight = 2
`

const hugoBaseof = `<!doctype html>
<html lang="{{ .Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{ range .Translations }}<link rel="alternate" hreflang="{{ .Lang }}" href="{{ .Permalink }}">
{{ end }}<link rel="stylesheet" href="/style.css">
</head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Lang }}">{{ .Language.LanguageName }}</a>{{ end }}
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Permalink }}</footer>
</body>
</html>
`

const hugoSingle = `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}{{ end }}
`
