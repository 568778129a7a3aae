// Package checks is the single source of truth of the project: the procedures that configure
// PRONOTE to delegate authentication to an ENT through CAS, as plain Go values.
//
// # One item, five outputs
//
// An [Item] holds everything about one step: its stable ID, its title and explanation in French
// and English ([Text]), where in PRONOTE it happens, the modes it applies to, the value to
// expect and the evidence that can prove it. The site generator renders it as a step of the
// French page, the same step of the English page, a checkbox of the interactive checklist and a
// line of the PDF checklist; the checker ([Run]) turns it into a result line of its report.
// Nothing about an item is written anywhere else.
//
// # Rules
//
// An item that an export or a typed value can prove has a Check: a rule handed a [Subject]
// (its item, the profile, the evidence), as go/analysis hands an Analyzer its Pass, that
// returns a [Verdict]. A rule never names an item ID; [Catalog.Validate] runs every rule on
// made-up evidence to prove it reads no other item's answer.
//
// # Values typed in the checklist
//
// An item that asks the admin for a value they read on screen ([Item.Ask]: « URL du serveur
// CAS », « URL à communiquer au socle ENT ») carries the rule that value must follow as data,
// a [ValueRule]: the expected value, the forms it may take, and for each way of getting it
// wrong a [ValueTest] with its verdict (fail or warn) and one line, in both languages, saying
// what is wrong and the fix. Every problem of a value is said at once (a wrong realm and a
// "/login" added), but for a test that stops the judgement (an empty value, a space, no
// address) or one that another's finding makes redundant ([ValueTest.Unless]). The checker interprets it ([ValueRule.Judge]) on the value typed
// and on the same setting in an export; the site emits it into its pages, where the
// checklist's script interprets the same data as the person types, without the WebAssembly
// checker. A test runs both interpreters on one table of values and wants the same answers.
//
// In a report, a typed value the rule rejects fails its step whatever an export says; a
// doubtful one warns; a right one is the admin's word, as their tick is (answered), never a
// pass: only an export proves. When the typed value and the export's differ, the message says
// both (« Vous avez relevé … ; l'export dit … »). Whether « URL du serveur CAS » may end with
// a "/" is one value, [CASURLTrailingSlash]: no source settles it, so a final "/" warns.
//
// # A step's state
//
// What a step is for the person following the procedure is one of five [StepState]s: to do,
// done (by the person), verified (by the checker), contradicted, to look at again. It is
// derived from three facts ([StepFacts]): the person's tick, the verdict of the step's
// [ValueRule] on the value they typed, and the checker's last verdict on the step with its
// date (older than the person's last change to the step, it is stale). [StateTable] is the
// derivation, as data: rows of facts and the state they give, the first match winning;
// [DeriveState] applies it in Go, and the site emits the same rows into its pages, where
// the checklist's script applies them. So the step's card, the mark after its title, the
// steps' summary, the counter (« 12 faites · 5 vérifiées · 1 en échec »), print, the answers
// file and the checker's report all say the same.
//
// The rows, first match winning (an empty column matches anything):
//
//	tick  value  verdict  age    state         the line says
//	      fail                   contradicted  the value's rule
//	             fail     fresh  contradicted  the checker's message
//	             fail     stale  contradicted  the checker's message; check again
//	             error    stale  attention     the checker's message; check again
//	             warn     stale  attention     the checker's message; check again
//	             error           attention     the checker's message
//	             warn            attention     the checker's message
//	      warn                   attention     the value's rule
//	             pass     fresh  verified      the checker's message
//	yes          pass     stale  verified      the checker's message
//	             pass     stale  attention     the checker's message; check again
//	yes                          done
//	                             todo
//
// A contradiction always wins over a tick: the step is neither shown nor counted as done,
// and its line says why with the fix; the tick is kept, shown as "ticked, but …". A tick
// cannot change what an export showed: a fail stays a contradiction, whatever the person
// ticks, unticks or types after it, until a newer check says otherwise; only its line adds
// "check again". A pass is not undone by a tick that agrees with it, but a change without a
// tick (an untick, a value typed and not ticked) asks to look at the step again. The counter
// counts each step once: « 5 faites, dont 1 vérifiée · 1 en échec · 2 à revoir », the
// verified steps among those done; contradicted and attention steps apart. The step's box is
// the person's tick only: a step the checker verified and the person did not tick shows its
// box empty, its card verified, and its line says the person has not ticked it; ticking it
// confirms it and keeps it verified.

// # Profiles
//
// The steps are the same for every ENT that uses PRONOTE's CAS dialog; what differs (the CAS
// base URL, which espace delegates to CAS) is a [Profile]. [OZE], the Hauts-de-Seine ENT, is
// the first one; [Catalog] builds the checklists for a profile.
//
// # The procedure
//
// The checklists follow the procedure the project was written from (called "the seed" in
// tests: the ENT's original French instructions), which is the authority for its own steps;
// TestSeedSteps names each of them with the item that carries it. In short:
//
//   - Purge, when PRONOTE was used with another ENT ([PurgeID]): in Client PRONOTE,
//     Communication › Gestion des identités › Délégation d'authentification, choose CAS in the
//     first drop-down and a user type in the second, select every user and clear the column
//     « Identifiant fournisseur identités », for every user type. A stored identifier blocks the
//     new ENT's; the new ENT sends its own at the next login, so access is not lost.
//   - PRONOTE.net ([HostedID] through the hosting console, [OnPremID] in the school's own
//     application), with the base in service on Serveur PRONOTE but not published: tab
//     « Déléguer l'authentification », tick CAS under « Protocole CAS », choose each espace's
//     delegation (Cas, Ws-Federation, EduConnect or Aucune, the default), then in « Définir une
//     délégation CAS » pick the ENT in « Mon ENT » and check that « URL du serveur CAS » is the
//     profile's [Profile.CASURL]; publish again when done.
//   - Serveur PRONOTE, with the base not in service: the same tab and steps, without ticking
//     « Autoriser l'authentification directe par PRONOTE.net ». This side delegates the desktop
//     client's logins; the PRONOTE.net side delegates the web espaces.
//   - Verify in Gestion des identités that no identification problem is listed.
//
// # Evidence
//
// The checker proves what it can from files an admin can produce without screenshots
// ([Source]):
//
//   - InfoMobileApp.json, which every published PRONOTE.net serves without login at
//     <pronote root>/InfoMobileApp.json?id=0D264427-EEFC-4810-A9E9-346942A862A4 for PRONOTE's
//     mobile app. It is undocumented, so it is read leniently; the fields used (nomEtab,
//     version, CAS{actif, casURL}, espaces[]{nom, genreEspace, avecDelegation, protocole}) are
//     those public PRONOTE clients (Pawnote, pronotepy) read. It shows whether CAS is active,
//     its URL and which espaces delegate; it cannot show unpublished settings, the Serveur
//     PRONOTE side or the direct-login box.
//     What real servers write, as those clients read it: "avecDelegation" is the flag that
//     says an espace delegates; "protocole" holds PRONOTE's internal names, not the dialog's
//     labels ("daCAS" for the dialog's « Cas »; the other delegations were never seen and are
//     expected in the same "da" style), so it is read by meaning ([ProtocolDelegation]); a
//     value the checker does not know is reported as it is, never judged a departure.
//     "genreEspace" says which row of the delegation table an espace is; an espace without it
//     is not judged, and with no espace judged there is no evidence. "version" is an array of
//     numbers, year first; a dotted string ("2024.3.7") is read too, anything else is
//     reported as not understood, like a genreEspace, avecDelegation or CAS.actif that is not
//     a number or a boolean (quoted, never taken for a missing field). Any field may be
//     absent.
//   - Identity list exports of Client PRONOTE (Gestion des identités), whose CAS identifier
//     column has had several names and whose encoding and separator are undocumented (see
//     package evidence). They prove the purge (every identifier empty) and, after the switch,
//     that no identifier is shared by two users.
//   - The admin's own answers, ticked on the site's interactive checklist and downloaded as a
//     file, for what no export shows.
//
// Every item gets one [Status]; the statuses are part of the report's JSON schema. A rule
// with nothing to judge gives NoEvidence and says why, never Pass: no identifier read, an
// export without rows, a saved InfoMobileApp.json that PRONOTE.net served more than
// [PublishedWithin] from the check (it may predate the unpublished base of the change), the
// rows of the delegation table no file shows (the common page, Académie). When the export
// shows part of a step, what it shows stays in the result beside the person's tick. A
// shared CAS identifier is a warning: no source says it is wrong (one person may hold two
// accounts); what to look at is the site's advice, in the help.
//
// # What each rule needs, and gives without it
//
// Every rule was audited for a pass without evidence. [Catalog.Validate] runs each one on
// made-up evidence: it refuses a verdict given on nothing, and, on evidence that leaves the
// rule little or nothing to judge (a file without the field, 480 rows without an
// identifier, relative espace addresses), a no-evidence verdict that does not say why. A step without a rule is the person's word:
// answered when ticked, unanswered otherwise, never a pass. A typed value ([ValueRule]) is
// the person's word too: it can fail or warn a step, never pass it.
//
//	step               needs to pass                          without it
//	net.cas-protocol   InfoMobileApp.json, CAS.actif true     no file: no-evidence; CAS.actif
//	                                                          absent or not a boolean: error
//	net.cas-url        InfoMobileApp.json, CAS.casURL that    no file: no-evidence; no casURL:
//	                   the item's ValueRule accepts           error; the typed value alone:
//	                                                          fail, warn or answered
//	net.service-url    never passes (only the ENT knows       no-evidence saying why: no file,
//	                   what it registered); warns when the    nothing typed, relative espace
//	                   typed host is not the espaces'         addresses, the same server
//	net.espaces        never passes: no file shows the        no-evidence with what the file
//	                   common page or Académie                showed; no "espaces": error
//	net.publish        a file fetched by the checker, or      no-evidence: no date, a date not
//	                   saved within PublishedWithin           understood, or older
//	purge.clear        identity exports with rows, every      no export, or no row: no-evidence;
//	                   identifier empty                       no identifier column: the file is
//	                                                          refused
//	purge.every-type   an export of each user type (from a    no export: no-evidence; a type
//	                   column, the file name or --user-type;  missing: warn
//	                   the report lists each file's type)
//	verify.unique-ids  at least one identifier, none shared,  no export, no identifier read
//	                   every one compared (the exports keep   (« 0 identifiant CAS »), or a
//	                   MaxIdentifiers in all; the others are  user type without export (a
//	                   counted), an export of each user type  duplicate may span two types):
//	                                                          no-evidence; one shared, or some
//	                                                          not compared: warn
//	server.cas-url     never passes: no export shows the      the typed value: fail, warn or
//	                   Serveur PRONOTE side                   answered; nothing: unanswered
//
// # The mode
//
// The installation mode is decided, never guessed silently ([DecideMode]): the person's
// choice first, then an address under index-education.net, Index Education's domain, which
// serves hosted PRONOTEs (the address given, then InfoMobileApp.json's espace addresses
// when they are absolute: real hosted servers write them relative, "mobile.eleve.html",
// which say nothing), then the procedure of the answers (a file's, or the ticks of the
// check page's browser), then an address elsewhere, taken for on-premises (the site's
// inference). Every report says what decided it, and which clues pointed the other way
// ([ModeDecision.Said], one sentence per surface: [Said]). When nothing decides it, [Run]
// judges only what does not depend on the mode: the purge, and the steps both modes share
// that an export proves, from the exports alone, belonging to neither mode's procedure;
// the other steps are listed as depending on the mode ([Result.DependsOnMode]).
//
// # Uncertain facts
//
// Where a fact is an inference rather than the procedure's or a cited source's, it is one
// value in this package, documented as such, so that correcting it changes one value:
//
//   - the espace policy of a profile ([Profile.Policy]): usual practice, not a rule of PRONOTE
//     or of the ENT, so a departure is a warning;
//   - the user types of Gestion des identités ([UserTypes]): PRONOTE's kinds of accounts, not a
//     copy of the drop-down;
//   - the genreEspace numbers of InfoMobileApp.json ([Espaces]): seen in files served by real
//     instances; Académie's was never seen.
//
// # Sources
//
// What the site states that the procedure does not is a [Fact] with its [Origin]: Index
// Education's documentation (†), another published source (‡), or the site's own advice or
// inference (*). A fact from a document gives the document's address and quotes its words,
// and the terms its claim puts between quotation marks are in that quote ([Fact.Problems]);
// [Catalog.Validate] refuses a fact without them and a mark in a step or a help row that no
// fact of its origin backs. The error messages PRONOTE users meet (« Identification
// impossible », HTTP Error 503 when PRONOTE.net is not published) are those of Index
// Education's knowledge base, fiche 1523-5294, quoted in facts.go.
//
// This package does no I/O: evidence arrives already read (see [Evidence]), and reports are
// written by other packages.
package checks
