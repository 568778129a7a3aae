package checks

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

func noInfo() Verdict {
	return Verdict{Status: NoEvidence, Message: Text{
		FR: "Fournissez InfoMobileApp.json, que PRONOTE.net publie, pour le prouver.",
		EN: "Give InfoMobileApp.json, which PRONOTE.net publishes, to prove it.",
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
			FR: "PRONOTE.net publie la base avec le CAS inactif : cochez « CAS » sous « " + labelProtocolCAS + " ».",
			EN: "PRONOTE.net publishes the base with CAS inactive: tick “CAS” under “" + labelProtocolCAS + "”.",
		}}
	}
	return Verdict{Status: Pass, Evidence: infoWhere(ev, "CAS.actif"), Message: Text{FR: "Le CAS est actif sur PRONOTE.net.", EN: "CAS is active on PRONOTE.net."}}
}

// checkCASURL judges InfoMobileApp.json's CAS.casURL by the item's own rule; the value the
// admin typed is judged by the same rule apart (see [Run]), and compared with this one.
func checkCASURL(sub *Subject) Verdict {
	ev := sub.Evidence
	if ev.Info != nil && ev.Info.CAS != nil && ev.Info.CAS.URL != nil {
		got := *ev.Info.CAS.URL
		j := sub.Item.Value.Judge(got, sub.Mode)
		return Verdict{Status: j.Status, Message: j.Message, Evidence: infoWhere(ev, "CAS.casURL"), Value: got}
	}
	if ev.Info != nil {
		return Verdict{Status: Error, Evidence: infoWhere(ev, "CAS.casURL"), Message: Text{
			FR: "InfoMobileApp.json n'a pas de champ CAS.casURL : le CAS est-il coché ? Relevez l'URL du serveur CAS dans PRONOTE et tapez-la dans la liste de contrôle du site.",
			EN: "InfoMobileApp.json has no CAS.casURL field: is CAS ticked? Read the CAS server URL in PRONOTE and type it in the site's checklist.",
		}}
	}
	return noInfo()
}

// checkServiceURL compares the host of the « URL à communiquer au socle ENT » the admin typed
// (its form is judged by the item's rule) with the host InfoMobileApp.json publishes the
// espaces on, when it gives full addresses: a different host is worth a look. It never
// passes: only the ENT knows which address it registered. When it cannot compare, it says
// why; what the file showed stays beside the person's tick.
func checkServiceURL(sub *Subject) Verdict {
	ev := sub.Evidence
	a, ok := sub.Answer()
	typed := parseAddr(CleanValue(a.Value))
	switch {
	case ev.Info == nil:
		return Verdict{Status: NoEvidence, Message: Text{
			FR: "Fournissez InfoMobileApp.json pour comparer le serveur qui publie les espaces à l'adresse tapée.",
			EN: "Give InfoMobileApp.json to compare the server that publishes the espaces with the address typed.",
		}}
	case !ok || CleanValue(a.Value) == "":
		return Verdict{Status: NoEvidence, Message: Text{
			FR: "Tapez dans la liste de contrôle l'URL que le champ affiche : elle sera comparée au serveur qu'InfoMobileApp.json nomme.",
			EN: "Type in the checklist the URL the field shows: it is compared with the server InfoMobileApp.json names.",
		}}
	case !typed.ok:
		return Verdict{Status: NoEvidence, Message: Text{
			FR: "L'URL tapée n'est pas une adresse : rien à comparer à InfoMobileApp.json.",
			EN: "The URL typed is not an address: nothing to compare with InfoMobileApp.json.",
		}}
	}
	host := hostname(typed.host)
	where := infoWhere(ev, "espaces")
	same := ""
	for _, e := range ev.Info.Espaces {
		eu, err := url.Parse(e.URL)
		switch {
		case err != nil || eu.Host == "":
		case lowerASCII(eu.Hostname()) != lowerASCII(host):
			return Verdict{Status: Warn, Evidence: sub.AnswerSource(), Message: Text{
				FR: fmt.Sprintf("L'adresse donne le serveur %s, mais InfoMobileApp.json publie les espaces sur %s.", host, eu.Host),
				EN: fmt.Sprintf("The address names server %s, but InfoMobileApp.json publishes the espaces on %s.", host, eu.Host),
			}}
		default:
			same = eu.Host
		}
	}
	if same != "" {
		return Verdict{Status: NoEvidence, Evidence: where, Message: Text{
			FR: fmt.Sprintf("InfoMobileApp.json publie les espaces sur le serveur de l'adresse tapée, %s ; seul %s sait s'il a enregistré l'adresse.", same, sub.Profile.Name),
			EN: fmt.Sprintf("InfoMobileApp.json publishes the espaces on the server of the address typed, %s; only %s knows whether it registered the address.", same, sub.Profile.Name),
		}}
	}
	return Verdict{Status: NoEvidence, Evidence: where, Message: Text{
		FR: "InfoMobileApp.json ne donne pas d'adresse complète d'espace (les serveurs les écrivent souvent relatives, « mobile.eleve.html ») : il ne montre pas le serveur à comparer à l'adresse tapée.",
		EN: "InfoMobileApp.json gives no full espace address (servers often write them relative, \"mobile.eleve.html\"): it does not show the server to compare with the address typed.",
	}}
}

// PublishedWithin is how close to the check PRONOTE.net must have served a saved
// InfoMobileApp.json (its "date") for the file to show that the base is published: the
// procedure stops publication while the settings change, so a file saved before, or days
// earlier, says nothing of the base now. A day lets the person save the file and run the
// check in one sitting, or the next morning, without a file from before the change passing.
// That "date" is the time PRONOTE.net served the file is this site's inference
// (factInfoDate), and the verdict says so: the public
// note on PRONOTE's mobile app that shows the file (see factHostedDomain) gives it with
// milliseconds beside a CAS token it says changes at each refresh, so the file is made
// anew at each request.
const PublishedWithin = 24 * time.Hour

// checkPublished: PRONOTE.net serves InfoMobileApp.json only for a published base. A file
// the checker fetched shows the base published now; a file the person saved, only if
// PRONOTE.net served it within PublishedWithin of the check.
func checkPublished(sub *Subject) Verdict {
	ev := sub.Evidence
	if ev.Info == nil {
		return noInfo()
	}
	if ev.Info.Fetched {
		return Verdict{Status: Pass, Evidence: ev.Info.Source, Message: Text{
			FR: "PRONOTE.net a servi InfoMobileApp.json à cette vérification : la base est publiée.",
			EN: "PRONOTE.net served InfoMobileApp.json to this check: the base is published.",
		}}
	}
	where := infoWhere(ev, "date")
	again := Text{
		FR: " Enregistrez-le de nouveau une fois la base publiée, puis vérifiez de nouveau.",
		EN: " Save it again once the base is published, then check again.",
	}
	raw := strings.TrimSpace(ev.Info.Date)
	served, err := time.Parse(time.RFC3339, raw)
	switch {
	case raw == "":
		return Verdict{Status: NoEvidence, Evidence: where, Message: Text{
			FR: "InfoMobileApp.json n'a pas de date : il ne dit pas quand PRONOTE.net l'a servi, donc pas que la base est publiée maintenant." + again.FR,
			EN: "InfoMobileApp.json has no date: it does not say when PRONOTE.net served it, so not that the base is published now." + again.EN,
		}}
	case err != nil:
		return Verdict{Status: NoEvidence, Evidence: where, Message: Text{
			FR: "La date d'InfoMobileApp.json, %q, n'est pas comprise : elle ne dit pas quand PRONOTE.net l'a servi." + again.FR,
			EN: "InfoMobileApp.json's date, %q, is not understood: it does not say when PRONOTE.net served it." + again.EN,
		}.Sprintf(raw)}
	case sub.Now.IsZero() || served.Sub(sub.Now).Abs() > PublishedWithin:
		return Verdict{Status: NoEvidence, Evidence: where, Message: Text{
			FR: "InfoMobileApp.json est daté du %s, à plus d'un jour de cette vérification : cela ne montre pas que la base est publiée maintenant (la procédure arrête la publication pendant le réglage)." + again.FR,
			EN: "InfoMobileApp.json is dated %s, more than a day from this check: that does not show the base is published now (the procedure stops publication during the change)." + again.EN,
		}.Sprintf(DateTimeText(served.UTC()))}
	}
	return Verdict{Status: Pass, Evidence: where, Message: Text{
		FR: "InfoMobileApp.json est daté du %s, moins d'un jour avant cette vérification : la base est publiée, si cette date est l'heure où PRONOTE.net l'a servi (déduction du site" + FromPractice.Mark() + ").",
		EN: "InfoMobileApp.json is dated %s, less than a day from this check: the base is published, if that date is when PRONOTE.net served it (this site's inference" + FromPractice.Mark() + ").",
	}.Sprintf(DateTimeText(served.UTC()))}
}

// checkEspaces compares each published espace's delegation with the profile's policy. An
// espace the file does not let it judge (no or an unknown genreEspace, a protocole the checker
// does not know, no delegation flag) is listed as not judged, with the value it holds, never
// counted as a departure; with none judged, there is no evidence. A departure is a warning.
// Without one the step is still not proved: no file was seen to show the common page (it has
// no genreEspace) or Académie, rows of the table all the same, so the file shows the
// espaces it lists follow the policy, says so, and leaves the rest to the person's tick
// (no-evidence, with what it saw: see [Verdict]).
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
	judged, shown := 0, map[string]bool{}
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
		shown[e.ID] = true
		if want := p.Expected(e); got != want {
			departures = append(departures, Text{
				FR: fmt.Sprintf("%s : %s au lieu de %s", e.Name.FR, got.Label().FR, want.Label().FR),
				EN: fmt.Sprintf("%s: %s instead of %s", e.Name.EN, got.Label().EN, want.Label().EN),
			})
		}
	}
	// The rows of the table no file was seen to show (no known genreEspace: the common
	// page, Académie): the step is not proved for them. A row with a known genreEspace that
	// the file does not list is an espace PRONOTE.net does not publish, whose delegation
	// matters to nobody.
	var silent []Text
	for _, e := range espaces {
		if e.Genre == 0 && !shown[e.ID] {
			silent = append(silent, e.Name)
		}
	}
	var notJudged, notShown Text
	if len(unjudged) > 0 {
		notJudged = Text{FR: " Non jugés : " + joinTexts(unjudged, FR) + ".", EN: " Not judged: " + joinTexts(unjudged, EN) + "."}
	}
	if len(silent) > 0 {
		notShown = Text{
			FR: " InfoMobileApp.json ne dit rien de la délégation de : " + joinTexts(silent, FR) + ".",
			EN: " InfoMobileApp.json says nothing of the delegation of: " + joinTexts(silent, EN) + ".",
		}
	}
	switch {
	case len(departures) > 0:
		return Verdict{Status: Warn, Evidence: where, Message: Text{
			FR: "Délégation différente de l'usage pour " + p.Name + " — " + joinTexts(departures, FR) + "." + notJudged.FR + notShown.FR,
			EN: "Delegation differs from the usual practice for " + p.Name + " — " + joinTexts(departures, EN) + "." + notJudged.EN + notShown.EN,
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
	follow := Text{FR: "InfoMobileApp.json montre %s, dont la délégation suit l'usage pour %s.", EN: "InfoMobileApp.json shows %s, whose delegation follows the usual practice for %s."}.Sprintf(NounEspace.N(judged), p.Name)
	return Verdict{Status: NoEvidence, Evidence: where, Message: Text{
		FR: follow.FR + notJudged.FR + notShown.FR + " Vérifiez-les à l'écran, puis cochez l'étape.",
		EN: follow.EN + notJudged.EN + notShown.EN + " Check them on screen, then tick the step.",
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
	if rows == 0 {
		return Verdict{Status: NoEvidence, Evidence: sources(ev.Identities), Message: Text{
			FR: "%s sans aucune ligne : rien ne montre que les identifiants sont vides. Exportez la liste avec ses utilisateurs.",
			EN: "%s without a single row: nothing shows the identifiers are empty. Export the list with its users.",
		}.Sprintf(NounExport.N(len(ev.Identities)))}
	}
	if first == nil {
		return Verdict{Status: Pass, Evidence: sources(ev.Identities), Message: Text{
			FR: "Aucun identifiant CAS sur %s (%s).", EN: "No CAS identifier in %s (%s).",
		}.Sprintf(NounRow.N(rows), NounExport.N(len(ev.Identities)))}
	}
	// Each export keeps its first MaxSampleRows filled rows: the message cites up to
	// MaxSampleRows of them, file by file, and says when they are only examples.
	var where []Text
	var at []string // the first line cited of each file
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
			at = append(at, fmt.Sprintf("%s:%d", l.Source, l.FirstFilled[0].Line))
			where = append(where, Text{FR: "dans %s, %s %s", EN: "in %s, %s %s"}.Sprintf(l.Source, NounLine.For(len(sample)), strings.Join(sample, ", ")))
		}
	}
	cited := joinText(where, Text{FR: " ; ", EN: "; "})
	if shown < filled {
		cited = Text{FR: "par exemple (%d sur %d) %s", EN: "for example (%d of %d) %s"}.Sprintf(shown, filled, cited)
	}
	return Verdict{Status: Fail, Evidence: strings.Join(at, ", "), Message: Text{
		FR: "%s sur %s ; %s. Videz la colonne « %s ».",
		EN: "%s in %s; %s. Clear the “%s” column.",
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
	if missing := missingTypes(ev); len(missing) > 0 {
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

// missingTypes returns the names of the user types no identity export of ev is of.
func missingTypes(ev *Evidence) []Text {
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
	return missing
}

// checkUnique: no identifier is shared by two rows, across every export of every user type
// (an identifier may be shared across two types: without every type, no pass).
func checkUnique(sub *Subject) Verdict {
	ev := sub.Evidence
	if len(ev.Identities) == 0 {
		return noIdentities()
	}
	// The hashes alone, sorted (8 bytes each: a million fit in 8 MB), show whether any repeats;
	// only then are the files walked again for where the repeated ones are.
	n, unkept := 0, 0
	for _, l := range ev.Identities {
		n += len(l.IDs)
		unkept += l.Unkept
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
	if len(hashes) == 0 {
		rows := 0
		for _, l := range ev.Identities {
			rows += l.Rows
		}
		return Verdict{Status: NoEvidence, Evidence: sources(ev.Identities), Message: Text{
			FR: "Aucun identifiant CAS sur %s : rien à comparer. %s écrit l'identifiant de chacun à sa première connexion ; exportez de nouveau après les premières connexions.",
			EN: "No CAS identifier in %s: nothing to compare. %s writes each user's identifier at their first login; export again after the first logins.",
		}.Sprintf(NounRow.N(rows), sub.Profile.Name)}
	}
	// Identifiers past the reader's cap were counted, not compared: never a pass.
	var uncompared Text
	if unkept > 0 {
		uncompared = Text{
			FR: " %s : le vérificateur en garde %d en tout, tous exports confondus ; les suivants sont comptés sans être comparés. Pour tout comparer, donnez moins d'identifiants à la fois (les exports d'un seul établissement) : deux vérifications séparées ne comparent pas leurs identifiants entre elles.",
			EN: " %s: the checker keeps %d in all, across every export given; the next ones are counted, not compared. To compare them all, give fewer identifiers at once (one school's exports): two separate checks do not compare their identifiers with each other.",
		}.Sprintf(NounCASIDUncompared.N(unkept), MaxIdentifiers)
	}
	if missing := missingTypes(ev); dups == 0 && len(missing) > 0 {
		return Verdict{Status: NoEvidence, Evidence: sources(ev.Identities), Message: joinText([]Text{Text{
			FR: "Aucun doublon parmi %s, mais pas d'export pour : " + joinTexts(missing, FR) + " ; un identifiant peut être partagé entre deux types d'utilisateur. Exportez la liste de chaque type (ou nommez le fichier d'après le type).",
			EN: "No duplicate among %s, but no export for: " + joinTexts(missing, EN) + "; an identifier may be shared across two user types. Export the list of each type (or name the file after the type).",
		}.Sprintf(NounCASID.N(len(hashes))), uncompared}, Text{})}
	}
	if dups == 0 && unkept == 0 {
		return Verdict{Status: Pass, Evidence: sources(ev.Identities), Message: Text{
			FR: "Aucun doublon parmi %s.", EN: "No duplicate among %s.",
		}.Sprintf(NounCASID.N(len(hashes)))}
	}
	if dups == 0 {
		return Verdict{Status: Warn, Evidence: sources(ev.Identities), Message: joinText([]Text{Text{
			FR: "Aucun doublon parmi %s ;", EN: "No duplicate among %s;",
		}.Sprintf(NounCASID.N(len(hashes))), uncompared}, Text{})}
	}
	at, count := sharedAt(ev.Identities, repeated)
	lines := Text{FR: at, EN: at}
	if count > MaxSampleRows {
		lines = Text{FR: "%s (%d sur %d)", EN: "%s (%d of %d)"}.Sprintf(at, MaxSampleRows, count)
	}
	// A warning, not a failure: no source says a shared identifier is wrong (one person
	// may hold two accounts); what to look at is this site's advice (the trouble
	// "shared-identifier").
	return Verdict{Status: Warn, Evidence: at, Message: joinText([]Text{Text{
		FR: "%s par plusieurs utilisateurs ; le premier aux lignes %s. Regardez ces lignes : deux personnes différentes ne doivent pas partager un identifiant (l'une arriverait sur le compte de l'autre) ; une même personne avec deux comptes, peut-être (conseil de ce site, voir « %s »).",
		EN: "%s by several users; the first at lines %s. Look at those lines: two different people must not share an identifier (one would land in the other's account); one person with two accounts may (this site's advice, see “%s”).",
	}.Sprintf(NounCASIDShared.N(dups), lines, LabelTroubleshooting()), uncompared}, Text{})}
}

// sharedAt returns where the repeated identifier met first in the files is: its first
// MaxSampleRows lines ("file:line"), and how many it has in all when there are more, so that
// an export whose rows all share one identifier gives a short message.
func sharedAt(lists []*IdentityList, repeated map[uint64]bool) (string, int) {
	var firstHash uint64
find:
	for _, l := range lists {
		for _, id := range l.IDs {
			if repeated[id.Hash] {
				firstHash = id.Hash
				break find
			}
		}
	}
	var at []string
	count := 0
	for _, l := range lists {
		for _, id := range l.IDs {
			if id.Hash != firstHash {
				continue
			}
			if count++; len(at) < MaxSampleRows {
				at = append(at, fmt.Sprintf("%s:%d", l.Source, id.Line))
			}
		}
	}
	cited := strings.Join(at, ", ")
	if count > len(at) {
		cited += "…"
	}
	return cited, count
}

func sources(ls []*IdentityList) string {
	set := map[string]bool{}
	for _, l := range ls {
		set[l.Source] = true
	}
	return joinSorted(set, ", ")
}
