package checks

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// casEndpoints are the paths a CAS server serves under its base URL. A base URL that ends in
// one of them was copied from a login page instead of the dialog.
// Longer paths come first, so that a suffix is named in full.
var casEndpoints = []string{
	"/p3/serviceValidate", "/p3/proxyValidate", "/serviceValidate", "/proxyValidate",
	"/samlValidate", "/validate", "/login", "/logout",
}

// JudgeCASURL compares a CAS server URL (as PRONOTE shows it) with the profile's. It passes
// when they are equal up to a single trailing slash and the case of the host; every other
// difference fails with a message that says what to change.
func JudgeCASURL(got, want string) (Status, Text) {
	got = strings.TrimSpace(got)
	if got == "" {
		return Fail, Text{FR: "L'URL du serveur CAS est vide ; il faut " + want + ".", EN: "The CAS server URL is empty; it must be " + want + "."}
	}
	u, err := url.Parse(got)
	if err != nil || u.Host == "" {
		return Fail, Text{FR: fmt.Sprintf("%q n'est pas une URL complète ; il faut %s.", got, want), EN: fmt.Sprintf("%q is not a full URL; it must be %s.", got, want)}
	}
	w, _ := url.Parse(want)
	switch {
	case u.Scheme != "https":
		return Fail, Text{FR: fmt.Sprintf("L'URL commence par %s:// ; le CAS exige https:// (%s).", u.Scheme, want), EN: fmt.Sprintf("The URL starts with %s://; CAS requires https:// (%s).", u.Scheme, want)}
	case u.User != nil:
		return Fail, Text{FR: "L'URL contient un identifiant ou un mot de passe ; retirez-les.", EN: "The URL holds a user name or password; remove them."}
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return Fail, Text{FR: "L'URL contient un « ? » ou un « # » ; l'URL de base n'en a pas : " + want + ".", EN: "The URL has a ? or # part; the base URL has none: " + want + "."}
	}
	path := strings.TrimSuffix(u.Path, "/")
	for _, e := range casEndpoints {
		if strings.HasSuffix(strings.ToLower(path), strings.ToLower(e)) {
			return Fail, Text{FR: fmt.Sprintf("L'URL se termine par %s : donnez l'URL de base, sans ce suffixe (%s).", e, want), EN: fmt.Sprintf("The URL ends with %s: give the base URL, without that suffix (%s).", e, want)}
		}
	}
	if !strings.EqualFold(u.Hostname(), w.Hostname()) || u.Port() != w.Port() {
		return Fail, Text{FR: fmt.Sprintf("Le serveur est %s au lieu de %s : ce n'est pas le CAS de l'ENT attendu.", u.Host, w.Host), EN: fmt.Sprintf("The server is %s instead of %s: not the expected ENT's CAS.", u.Host, w.Host)}
	}
	wantPath := strings.TrimSuffix(w.Path, "/")
	if path != wantPath {
		if gr, wr := realm(path), realm(wantPath); gr != "" && wr != "" && gr != wr {
			return Fail, Text{FR: fmt.Sprintf("Le royaume (realm) est %q au lieu de %q : corrigez l'URL en %s.", gr, wr, want), EN: fmt.Sprintf("The realm is %q instead of %q: change the URL to %s.", gr, wr, want)}
		}
		return Fail, Text{FR: fmt.Sprintf("Le chemin est %q au lieu de %q : corrigez l'URL en %s.", u.Path, w.Path, want), EN: fmt.Sprintf("The path is %q instead of %q: change the URL to %s.", u.Path, w.Path, want)}
	}
	return Pass, Text{FR: "L'URL du serveur CAS est la bonne : " + got + ".", EN: "The CAS server URL is right: " + got + "."}
}

// realm returns the Keycloak realm of a path ".../realms/<realm>/...", or "".
func realm(path string) string {
	parts := strings.Split(path, "/")
	for i := 0; i+1 < len(parts); i++ {
		if parts[i] == "realms" {
			return parts[i+1]
		}
	}
	return ""
}

func noInfo() Verdict {
	return Verdict{Status: NoEvidence, Message: Text{
		FR: "Fournissez InfoMobileApp.json (enregistré depuis le navigateur, ou --fetch) pour le prouver.",
		EN: "Give InfoMobileApp.json (saved from the browser, or --fetch) to prove it.",
	}}
}

func infoWhere(ev *Evidence, field string) string { return ev.Info.Source + ": " + field }

// checkCASActive: InfoMobileApp.json's CAS.actif.
func checkCASActive(sub *Subject) Verdict {
	ev := sub.Evidence
	if ev.Info == nil {
		return noInfo()
	}
	if ev.Info.CAS != nil && ev.Info.CAS.Active == nil && ev.Info.CAS.ActiveUnread != "" {
		return Verdict{Status: Error, Evidence: infoWhere(ev, "CAS.actif"), Message: Text{
			FR: fmt.Sprintf("InfoMobileApp.json donne %q pour CAS.actif, ni vrai ni faux : impossible de juger.", ev.Info.CAS.ActiveUnread),
			EN: fmt.Sprintf("InfoMobileApp.json gives %q for CAS.actif, neither true nor false: cannot tell.", ev.Info.CAS.ActiveUnread),
		}}
	}
	if ev.Info.CAS == nil || ev.Info.CAS.Active == nil {
		return Verdict{Status: Error, Evidence: infoWhere(ev, "CAS.actif"), Message: Text{
			FR: "InfoMobileApp.json n'a pas de champ CAS.actif : impossible de juger.",
			EN: "InfoMobileApp.json has no CAS.actif field: cannot tell.",
		}}
	}
	if !*ev.Info.CAS.Active {
		return Verdict{Status: Fail, Evidence: infoWhere(ev, "CAS.actif"), Message: Text{
			FR: "PRONOTE.net publie la base avec le CAS inactif : cochez « CAS » sous « Protocole CAS ».",
			EN: "PRONOTE.net publishes the base with CAS inactive: tick « CAS » under « Protocole CAS ».",
		}}
	}
	return Verdict{Status: Pass, Evidence: infoWhere(ev, "CAS.actif"), Message: Text{FR: "Le CAS est actif sur PRONOTE.net.", EN: "CAS is active on PRONOTE.net."}}
}

// checkCASURL: InfoMobileApp.json's CAS.casURL, else the value the admin typed.
func checkCASURL(sub *Subject) Verdict {
	ev, p := sub.Evidence, sub.Profile
	if ev.Info != nil && ev.Info.CAS != nil && ev.Info.CAS.URL != nil {
		st, msg := JudgeCASURL(*ev.Info.CAS.URL, p.CASURL)
		return Verdict{Status: st, Message: msg, Evidence: infoWhere(ev, "CAS.casURL")}
	}
	if r, ok := answeredURL(sub); ok {
		return r
	}
	if ev.Info != nil {
		return Verdict{Status: Error, Evidence: infoWhere(ev, "CAS.casURL"), Message: Text{
			FR: "InfoMobileApp.json n'a pas de champ CAS.casURL : le CAS est-il coché ? Tapez l'URL vue dans la liste de contrôle du site.",
			EN: "InfoMobileApp.json has no CAS.casURL field: is CAS ticked? Type the URL you saw in the checklist.",
		}}
	}
	return noInfo()
}

// checkServerCASURL: only the admin can read Serveur PRONOTE's dialog; judge what they typed.
func checkServerCASURL(sub *Subject) Verdict {
	if r, ok := answeredURL(sub); ok {
		return r
	}
	return Verdict{Status: NoEvidence}
}

// answeredURL judges the CAS URL the admin typed for the subject's item, if they typed one.
func answeredURL(sub *Subject) (Verdict, bool) {
	a, ok := sub.Answer()
	if !ok || strings.TrimSpace(a.Value) == "" {
		return Verdict{}, false
	}
	st, msg := JudgeCASURL(a.Value, sub.Profile.CASURL)
	return Verdict{Status: st, Message: msg, Evidence: sub.AnswerSource()}, true
}

// checkServiceURL judges the « URL à communiquer au socle ENT » the admin typed: the causes of
// INVALID_SERVICE are visible in it.
func checkServiceURL(sub *Subject) Verdict {
	ev := sub.Evidence
	a, ok := sub.Answer()
	if !ok || strings.TrimSpace(a.Value) == "" {
		return Verdict{Status: NoEvidence}
	}
	where := sub.AnswerSource()
	v := strings.TrimSpace(a.Value)
	u, err := url.Parse(v)
	switch {
	case err != nil || u.Host == "":
		return Verdict{Status: Fail, Evidence: where, Message: Text{FR: fmt.Sprintf("%q n'est pas une URL complète.", v), EN: fmt.Sprintf("%q is not a full URL.", v)}}
	case u.Scheme != "https":
		return Verdict{Status: Fail, Evidence: where, Message: Text{FR: "L'adresse de PRONOTE doit être en https:// : l'ENT refuserait le service (INVALID_SERVICE).", EN: "PRONOTE's address must use https://: the ENT would refuse the service (INVALID_SERVICE)."}}
	case strings.HasSuffix(u.Path, ".html"):
		return Verdict{Status: Fail, Evidence: where, Message: Text{FR: "Donnez la racine de PRONOTE (…/pronote/), pas la page d'un espace (" + u.Path + ").", EN: "Give PRONOTE's root (…/pronote/), not one espace's page (" + u.Path + ")."}}
	case !strings.HasSuffix(u.Path, "/"):
		return Verdict{Status: Warn, Evidence: where, Message: Text{FR: "L'adresse ne finit pas par « / » : elle doit être identique, à la barre près, à celle que l'ENT a enregistrée.", EN: "The address does not end with /: it must match the one the ENT registered exactly, slash included."}}
	}
	if ev.Info != nil {
		for _, e := range ev.Info.Espaces {
			if eu, err := url.Parse(e.URL); err == nil && eu.Host != "" && !strings.EqualFold(eu.Host, u.Host) {
				return Verdict{Status: Warn, Evidence: where, Message: Text{
					FR: fmt.Sprintf("L'adresse donne le serveur %s, mais InfoMobileApp.json publie les espaces sur %s.", u.Host, eu.Host),
					EN: fmt.Sprintf("The address names server %s, but InfoMobileApp.json publishes the espaces on %s.", u.Host, eu.Host),
				}}
			}
		}
	}
	return Verdict{Status: Pass, Evidence: where, Message: Text{FR: "Adresse à communiquer à l'ENT bien formée : " + v, EN: "Well-formed address for the ENT: " + v}}
}

// checkPublished: PRONOTE.net serves InfoMobileApp.json only for a published base.
func checkPublished(sub *Subject) Verdict {
	ev := sub.Evidence
	if ev.Info == nil {
		return noInfo()
	}
	return Verdict{Status: Pass, Evidence: ev.Info.Source, Message: Text{
		FR: "PRONOTE.net sert InfoMobileApp.json : la base est publiée.",
		EN: "PRONOTE.net serves InfoMobileApp.json: the base is published.",
	}}
}

// checkEspaces compares each published espace's delegation with the profile's policy. An
// espace the file does not let it judge (no or an unknown genreEspace, a protocole the checker
// does not know, no delegation flag) is listed as not judged, with the value it holds, never
// counted as a departure; with none judged, there is no evidence.
func checkEspaces(sub *Subject) Verdict {
	ev, p := sub.Evidence, sub.Profile
	if ev.Info == nil {
		return noInfo()
	}
	where := infoWhere(ev, "espaces")
	if !ev.Info.HasEspaces {
		return Verdict{Status: Error, Evidence: where, Message: Text{FR: "InfoMobileApp.json n'a pas de liste « espaces ».", EN: "InfoMobileApp.json has no \"espaces\" list."}}
	}
	var departures, unjudged []Text
	judged := 0
	for _, ie := range ev.Info.Espaces {
		e, why, ok := espaceOf(ie)
		var got Delegation
		if ok {
			got, why, ok = delegationOf(ie)
		}
		if !ok {
			unjudged = append(unjudged, Text{FR: espaceName(ie) + " (" + why.FR + ")", EN: espaceName(ie) + " (" + why.EN + ")"})
			continue
		}
		judged++
		if want := p.Expected(e); got != want {
			departures = append(departures, Text{
				FR: fmt.Sprintf("%s : %s au lieu de %s", e.Name.FR, got.Label().FR, want.Label().FR),
				EN: fmt.Sprintf("%s: %s instead of %s", e.Name.EN, got.Label().EN, want.Label().EN),
			})
		}
	}
	var notJudged Text
	if len(unjudged) > 0 {
		notJudged = Text{FR: " Non jugés : " + joinTexts(unjudged, FR) + ".", EN: " Not judged: " + joinTexts(unjudged, EN) + "."}
	}
	switch {
	case len(departures) > 0:
		return Verdict{Status: Warn, Evidence: where, Message: Text{
			FR: "Délégation différente de l'usage pour " + p.Name + " — " + joinTexts(departures, FR) + "." + notJudged.FR,
			EN: "Delegation differs from the usual practice for " + p.Name + " — " + joinTexts(departures, EN) + "." + notJudged.EN,
		}}
	case judged == 0 && len(unjudged) == 0:
		return Verdict{Status: NoEvidence, Evidence: where, Message: Text{
			FR: "La liste « espaces » d'InfoMobileApp.json est vide : aucun espace à juger.",
			EN: "InfoMobileApp.json's \"espaces\" list is empty: no espace to judge.",
		}}
	case judged == 0:
		return Verdict{Status: NoEvidence, Evidence: where, Message: Text{
			FR: "InfoMobileApp.json ne permet de juger aucun espace." + notJudged.FR,
			EN: "InfoMobileApp.json lets no espace be judged." + notJudged.EN,
		}}
	}
	return Verdict{Status: Pass, Evidence: where, Message: Text{
		FR: fmt.Sprintf("Les %d espaces jugés suivent l'usage pour %s.", judged, p.Name) + notJudged.FR,
		EN: fmt.Sprintf("The %d espaces judged follow the usual practice for %s.", judged, p.Name) + notJudged.EN,
	}}
}

// espaceName names ie in a message: its "nom", or a placeholder when the file gave none.
func espaceName(ie InfoEspace) string {
	if strings.TrimSpace(ie.Name) == "" {
		return "?"
	}
	return strconv.Quote(ie.Name)
}

// espaceOf returns the row of the delegation table ie is, from its genreEspace, or why not.
func espaceOf(ie InfoEspace) (Espace, Text, bool) {
	if ie.GenreUnread != "" {
		return Espace{}, Text{FR: fmt.Sprintf("genreEspace %q non compris", ie.GenreUnread), EN: fmt.Sprintf("genreEspace %q not understood", ie.GenreUnread)}, false
	}
	if ie.Genre == 0 {
		return Espace{}, Text{FR: "pas de genreEspace", EN: "no genreEspace"}, false
	}
	e, ok := EspaceByGenre(ie.Genre)
	if !ok {
		return Espace{}, Text{FR: fmt.Sprintf("genreEspace %d inconnu", ie.Genre), EN: fmt.Sprintf("unknown genreEspace %d", ie.Genre)}, false
	}
	return e, Text{}, true
}

// delegationOf returns the delegation InfoMobileApp.json shows for ie, or why it cannot tell.
// avecDelegation, the flag public clients rely on, says whether the espace delegates; the
// protocole, read by meaning (see [ProtocolDelegation]), says to what.
func delegationOf(ie InfoEspace) (Delegation, Text, bool) {
	raw := ""
	if ie.Protocol != nil {
		raw = strings.TrimSpace(*ie.Protocol)
	}
	d, known := ProtocolDelegation(raw)
	unknown := Text{FR: fmt.Sprintf("protocole %q inconnu du vérificateur", raw), EN: fmt.Sprintf("protocole %q unknown to the checker", raw)}
	switch {
	case ie.Delegation == nil && ie.DelegationUnread != "":
		return "", Text{FR: fmt.Sprintf("avecDelegation %q non compris", ie.DelegationUnread), EN: fmt.Sprintf("avecDelegation %q not understood", ie.DelegationUnread)}, false
	case ie.Delegation != nil && !*ie.Delegation:
		return None, Text{}, true
	case ie.Delegation != nil && raw == "":
		return "", Text{FR: "délègue, sans protocole qui dise à quoi", EN: "delegates, with no protocole to say to what"}, false
	case ie.Delegation != nil && known && d == None:
		return "", Text{FR: fmt.Sprintf("avecDelegation vrai mais protocole %q", raw), EN: fmt.Sprintf("avecDelegation true but protocole %q", raw)}, false
	case ie.Delegation == nil && raw == "":
		return "", Text{FR: "ni avecDelegation ni protocole", EN: "neither avecDelegation nor protocole"}, false
	case !known:
		return "", unknown, false
	}
	return d, Text{}, true
}

func joinTexts(ts []Text, l Lang) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = t.In(l)
	}
	return strings.Join(s, ", ")
}

func noIdentities() Verdict {
	return Verdict{Status: NoEvidence, Message: Text{
		FR: "Fournissez l'export des identités de chaque type d'utilisateur (Client PRONOTE) pour le prouver.",
		EN: "Give the identity export of each user type (Client PRONOTE) to prove it.",
	}}
}

// checkPurged: every identifier of every export is empty.
func checkPurged(sub *Subject) Verdict {
	ev := sub.Evidence
	if len(ev.Identities) == 0 {
		return noIdentities()
	}
	rows, filled := 0, 0
	var first *IdentityList
	for _, l := range ev.Identities {
		rows += l.Rows
		filled += l.Filled()
		if l.Filled() > 0 && first == nil {
			first = l
		}
	}
	if first == nil {
		return Verdict{Status: Pass, Evidence: sources(ev.Identities), Message: Text{
			FR: "Aucun identifiant CAS sur %s (%s).", EN: "No CAS identifier in %s (%s).",
		}.Sprintf(NounRow.N(rows), NounExport.N(len(ev.Identities)))}
	}
	// Each export keeps its first MaxSampleRows filled rows: the message cites up to
	// MaxSampleRows of them, file by file, and says when they are only examples.
	var where []Text
	shown := 0
	for _, l := range ev.Identities {
		var sample []string
		for _, r := range l.FirstFilled {
			if shown == MaxSampleRows {
				break
			}
			sample = append(sample, fmt.Sprintf("%d (%s)", r.Line, ev.Personal(r.Identifier)))
			shown++
		}
		if len(sample) > 0 {
			where = append(where, Text{FR: "dans %s, %s %s", EN: "in %s, %s %s"}.Sprintf(l.Source, NounLine.For(len(sample)), strings.Join(sample, ", ")))
		}
	}
	cited := joinText(where, Text{FR: " ; ", EN: "; "})
	if shown < filled {
		cited = Text{FR: "par exemple (%d sur %d) %s", EN: "for example (%d of %d) %s"}.Sprintf(shown, filled, cited)
	}
	return Verdict{Status: Fail, Evidence: fmt.Sprintf("%s:%d", first.Source, first.FirstFilled[0].Line), Message: Text{
		FR: "%s sur %s ; %s. Videz la colonne « %s ».",
		EN: "%s in %s; %s. Clear the « %s » column.",
	}.Sprintf(NounCASIDLeft.N(filled), NounRow.N(rows), cited, first.Column)}
}

// joinText joins ts with sep, each language on its side.
func joinText(ts []Text, sep Text) Text {
	var j Text
	for i, t := range ts {
		if i > 0 {
			j.FR, j.EN = j.FR+sep.FR, j.EN+sep.EN
		}
		j.FR, j.EN = j.FR+t.FR, j.EN+t.EN
	}
	return j
}

// checkEveryType: the exports cover every user type.
func checkEveryType(sub *Subject) Verdict {
	ev := sub.Evidence
	if len(ev.Identities) == 0 {
		return noIdentities()
	}
	have := map[string]bool{}
	for _, l := range ev.Identities {
		if l.UserType != "" {
			have[l.UserType] = true
		}
	}
	var missing []Text
	for _, t := range userTypes {
		if !have[t.ID] {
			missing = append(missing, t.Name)
		}
	}
	if len(missing) > 0 {
		return Verdict{Status: Warn, Evidence: sources(ev.Identities), Message: Text{
			FR: "Pas d'export pour : " + joinTexts(missing, FR) + ". Exportez la liste de chaque type (ou nommez le fichier d'après le type).",
			EN: "No export for: " + joinTexts(missing, EN) + ". Export the list of each type (or name the file after the type).",
		}}
	}
	return Verdict{Status: Pass, Evidence: sources(ev.Identities), Message: Text{
		FR: fmt.Sprintf("Un export pour chacun des %d types d'utilisateur.", len(userTypes)),
		EN: fmt.Sprintf("An export for each of the %d user types.", len(userTypes)),
	}}
}

// checkUnique: no identifier is shared by two rows, across every export.
func checkUnique(sub *Subject) Verdict {
	ev := sub.Evidence
	if len(ev.Identities) == 0 {
		return noIdentities()
	}
	// The hashes alone, sorted (8 bytes each: a million fit in 8 MB), show whether any repeats;
	// only then are the files walked again for where the repeated ones are.
	n := 0
	for _, l := range ev.Identities {
		n += len(l.IDs)
	}
	hashes := make([]uint64, 0, n)
	for _, l := range ev.Identities {
		for _, id := range l.IDs {
			hashes = append(hashes, id.Hash)
		}
	}
	slices.Sort(hashes)
	repeated := map[uint64]bool{}
	for i := 1; i < len(hashes); i++ {
		if hashes[i] == hashes[i-1] {
			repeated[hashes[i]] = true
		}
	}
	dups := len(repeated)
	// The message cites the repeated identifier met first in the files, at each of its lines.
	var at []string
	if dups > 0 {
		var firstHash uint64
	find:
		for _, l := range ev.Identities {
			for _, id := range l.IDs {
				if repeated[id.Hash] {
					firstHash = id.Hash
					break find
				}
			}
		}
		for _, l := range ev.Identities {
			for _, id := range l.IDs {
				if id.Hash == firstHash {
					at = append(at, fmt.Sprintf("%s:%d", l.Source, id.Line))
				}
			}
		}
	}
	if dups == 0 {
		return Verdict{Status: Pass, Evidence: sources(ev.Identities), Message: Text{
			FR: "Aucun doublon parmi %s.", EN: "No duplicate among %s.",
		}.Sprintf(NounCASID.N(len(hashes)))}
	}
	return Verdict{Status: Fail, Evidence: strings.Join(at, ", "), Message: Text{
		FR: "%s par plusieurs utilisateurs ; le premier aux lignes %s. Videz-les : oZe renverra le bon à la prochaine connexion.",
		EN: "%s by several users; the first at lines %s. Clear them: oZe sends the right one at the next login.",
	}.Sprintf(NounCASIDShared.N(dups), strings.Join(at, ", "))}
}

func sources(ls []*IdentityList) string {
	set := map[string]bool{}
	for _, l := range ls {
		set[l.Source] = true
	}
	return joinSorted(set, ", ")
}
