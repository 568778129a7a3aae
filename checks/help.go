package checks

// Trouble maps what an admin sees when the setup does not work to the steps to revisit: one
// row of a checklist's "If it does not work" section, which the checker's failures link to.
type Trouble struct {
	// ID is stable and semantic ("http-503"); it is the row's anchor after the checklist's.
	ID string
	// Symptom is what the admin or a user sees, with the exact message where there is one.
	Symptom Text
	// Cause says what it means and what to do.
	Cause Text
	// Steps are the items to revisit, in the order to look at them.
	Steps []*Item
	// Origin is where the explanation comes from; Facts name the source.
	Origin Origin
	Facts  []*Fact
}

// The anchors of a checklist's help sections on the help page, after the checklist's ID
// ("hosted.troubleshooting"). Reports link to them.
const (
	TroubleshootingAnchor = "troubleshooting"
	RollbackAnchor        = "rollback"
)

// HelpSlug is the URL path, per language, of the page that holds every checklist's help
// sections ("If it does not work", rollback). It is part of the contract with the checker,
// whose failures link there.
func HelpSlug() Text { return Text{FR: "si-ca-ne-marche-pas", EN: "if-it-does-not-work"} }

// LabelTroubleshooting titles a checklist's "If it does not work" section, on the page and
// in the PDF.
func LabelTroubleshooting() Text { return Text{FR: "Si ça ne marche pas", EN: "If it does not work"} }

// LabelRollback titles a checklist's rollback section.
func LabelRollback() Text { return Text{FR: "Revenir en arrière", EN: "Rolling back"} }

// LabelRevisit names the steps a row of the help sections sends back to.
func LabelRevisit() Text { return Text{FR: "Étapes à revoir", EN: "Steps to revisit"} }

// IntroRollback says what the rollback is for, that it is not the procedure's, and why its
// order matters.
func IntroRollback() Text {
	return Text{
		FR: "À n'utiliser que si la délégation bloque les connexions et ne peut pas être corrigée tout de suite. La procédure ne décrit pas de retour en arrière : ces étapes sont des conseils de ce site, à confirmer sur place. Leur ordre dépend d'une question : le Client PRONOTE vous connecte-t-il encore ? Sans délégation, chacun a besoin de son mot de passe PRONOTE, que certains n'ont peut-être jamais reçu.",
		EN: "Use only if delegation blocks logins and cannot be fixed at once. The procedure describes no rollback: these steps are this site's advice, to confirm on site. Their order depends on one question: does Client PRONOTE still log you in? Without delegation, everyone needs their PRONOTE password, which some may never have received.",
	}
}

// factRollback says where the rollback comes from.
var factRollback = &Fact{
	ID:     "practice.rollback",
	Origin: FromPractice,
	Claim:  Text{FR: "le retour en arrière et son ordre", EN: "the rollback and its order"},
	Ref: Text{
		FR: "la procédure ne le décrit pas ; il défait ses étapes avec « Aucune », la valeur par défaut qu'elle montre. Le Serveur PRONOTE, dont dépendent les connexions du Client, se règle sans lui (console d'hébergement ou application Serveur PRONOTE) : en premier si le Client est bloqué, en dernier sinon",
		EN: "the procedure does not describe it; it undoes its steps with “Aucune” (None), the default it shows. Serveur PRONOTE, on which the Client's logins depend, is set without it (hosting console or Serveur PRONOTE application): first if the Client is blocked, last otherwise",
	},
}

// factResetReplaces is the care a reset takes.
var factResetReplaces = &Fact{
	ID:     "practice.reset-replaces",
	Origin: FromPractice,
	Claim: Text{
		FR: "ne réinitialiser un mot de passe que s'il est personnalisé et inconnu de l'utilisateur, jamais toute la liste",
		EN: "reset a password only where it is personalised and unknown to the user, never the whole list",
	},
	Ref: Text{
		FR: "précaution de ce site : le Guide pratique 2019 (p. 227) sépare « Voir les mots de passe » (tant qu'ils ne sont pas personnalisés) de « Réinitialiser le mot de passe », qui le remplace",
		EN: "this site's precaution: the 2019 Guide pratique (p. 227) tells “Voir les mots de passe” (see the passwords, while not personalised) from “Réinitialiser le mot de passe” (reset), which replaces it",
	},
}

// factOldENT explains a user who still lands on the previous ENT.
var factOldENT = &Fact{
	ID:     "practice.still-old-ent",
	Origin: FromPractice,
	Claim:  Text{FR: "un utilisateur encore envoyé vers l'ancien ENT", EN: "a user still sent to the previous ENT"},
	Ref: Text{
		FR: "déduction de ce site : selon le protocole CAS, le service envoie l'utilisateur à « /login » du serveur CAS, celui que nomme « URL du serveur CAS » ; un identifiant resté dans PRONOTE ne change pas cette adresse",
		EN: "this site's inference: under the CAS protocol, the service sends the user to “/login” of the CAS server, the one “URL du serveur CAS” names; an identifier left in PRONOTE does not change that address",
	},
}

// factOldIdentifier links a leftover identifier to « Identification impossible ».
var factOldIdentifier = &Fact{
	ID:     "practice.old-identifier",
	Origin: FromPractice,
	Claim: Text{
		FR: "un identifiant de l'ancien ENT resté dans la colonne peut causer « Identification impossible »",
		EN: "an identifier of the previous ENT left in the column can cause “Identification impossible”",
	},
	Ref: Text{
		FR: "déduction de ce site : la procédure dit qu'oZe ne peut pas communiquer son identifiant « lorsqu'un identifiant est déjà présent » ; ce que voit alors l'utilisateur, elle ne le dit pas",
		EN: "this site's inference: the procedure says oZe cannot send its identifier “lorsqu'un identifiant est déjà présent” (when an identifier is already there); what the user then sees, it does not say",
	},
}

// factPronoteLogin explains a user who still gets PRONOTE's own login page.
var factPronoteLogin = &Fact{
	ID:     "practice.pronote-login",
	Origin: FromPractice,
	Claim:  Text{FR: "la page de connexion de PRONOTE encore affichée", EN: "PRONOTE's login page still shown"},
	Ref: Text{
		FR: "déduction de ce site : « Aucune » est l'absence de délégation ; l'adresse de connexion directe est faite pour se connecter sans l'ENT (« URL à communiquer aux utilisateurs de PRONOTE pour une connexion directe »)",
		EN: "this site's inference: “Aucune” (None) is no delegation; the direct-login address is made to log in without the ENT (“URL à communiquer aux utilisateurs de PRONOTE pour une connexion directe”, URL to give PRONOTE users for a direct login)",
	},
}

// identificationTrouble is the « Identification impossible » row, the same in every checklist
// but for the steps to revisit.
func identificationTrouble(p *Profile, steps []*Item) Trouble {
	doc, practice := FromIndexDoc.Mark(), FromPractice.Mark()
	return Trouble{
		ID:      "identification-impossible",
		Symptom: Text{FR: "Un utilisateur voit « Identification impossible »" + doc, EN: "A user sees “Identification impossible”" + doc + " (identification failed)"},
		Cause: Text{
			FR: "Ce qu'envoie " + p.Name + " ne correspond pas à ce que PRONOTE connaît de lui" + doc + " : rapprochez-le dans Communication › Gestion des identités › « Résolution des échecs d'interconnexion »" + doc + " ; pour que vous puissiez le faire, il doit remplir le formulaire du message d'erreur" + doc + ". Après un changement d'ENT, un identifiant de l'ancien ENT resté dans la colonne « Identifiant fournisseur identités » peut en être la cause" + practice + " : la procédure dit qu'il empêche " + p.Name + " de communiquer le sien.",
			EN: "What " + p.Name + " sends does not match what PRONOTE holds for them" + doc + ": match them in Communication › Gestion des identités › “Résolution des échecs d'interconnexion”" + doc + " (resolving failed interconnections); for you to do so, they must fill in the form of the error message" + doc + ". After a change of ENT, an identifier of the previous ENT left in the “Identifiant fournisseur identités” column can be the cause" + practice + ": the procedure says it keeps " + p.Name + " from sending its own.",
		},
		Steps:  steps,
		Origin: FromIndexDoc,
		Facts:  []*Fact{factIdentificationImpossible, factOldIdentifier},
	}
}

// purgeTroubles is the "If it does not work" section of the purge.
func purgeTroubles(p *Profile, cl *Checklist) []Trouble {
	return []Trouble{identificationTrouble(p, cl.revisit("purge.clear", "purge.every-type"))}
}

// setupTroubles is the "If it does not work" section of the configuration, in the mode of
// cl: what a user sees, what can cause it, and the steps to revisit.
func setupTroubles(p *Profile, cl *Checklist) []Trouble {
	doc, pub, practice := FromIndexDoc.Mark(), FromPublished.Mark(), FromPractice.Mark()
	unpublished := Trouble{
		ID:      "unpublished",
		Symptom: Text{FR: "Les Espaces affichent « HTTP Error 503 »" + doc, EN: "The Espaces show “HTTP Error 503”" + doc},
		Cause: Text{
			FR: "Le serveur PRONOTE.net n'est pas publié" + doc + " : c'est attendu pendant le réglage, pas après. Dans la console d'hébergement, volet PRONOTE.net, cliquez sur « Publier la base »" + doc + ".",
			EN: "The PRONOTE.net server is not published" + doc + ": expected during the change, not after. In the hosting console, PRONOTE.net panel, click “Publier la base”" + doc + " (publish the database).",
		},
		Steps:  cl.revisit("net.publish", "net.unpublished"),
		Origin: FromIndexDoc,
		Facts:  []*Fact{factHTTP503, factHostedPublication},
	}
	if cl.Modes == OnPrem {
		unpublished.Symptom = Text{FR: "Les Espaces ne s'ouvrent plus" + practice, EN: "The Espaces no longer open" + practice}
		unpublished.Cause = Text{
			FR: "Les Espaces ne sont accessibles que si la base est publiée sur PRONOTE.net" + doc + " : c'est attendu pendant le réglage, pas après. Publiez-la de nouveau dans l'application PRONOTE.net" + practice + ".",
			EN: "The Espaces are reachable only when the database is published on PRONOTE.net" + doc + ": expected during the change, not after. Publish it again in the PRONOTE.net application" + practice + ".",
		}
		unpublished.Facts = []*Fact{factPublishNeeded, factOnPremUnpublished, factOnPremPublication}
	}
	return []Trouble{
		unpublished,
		identificationTrouble(p, cl.revisit("verify.identities", "verify.purge-done")),
		{
			ID:      "unregistered-service",
			Symptom: Text{FR: "En venant de PRONOTE, l'utilisateur voit sur " + p.Name + " un message d'erreur au lieu d'arriver dans PRONOTE" + pub, EN: "Coming from PRONOTE, the user sees an error message on " + p.Name + " instead of reaching PRONOTE" + pub},
			Cause: Text{
				FR: "Un serveur CAS qui n'accepte que les services enregistrés chez lui refuse les autres avec un message" + pub + " : une cause possible est que l'adresse que présente PRONOTE n'est pas celle que " + p.Name + " a enregistrée. Relevez « URL à communiquer au socle ENT » et donnez-la, copiée telle que le champ l'affiche" + practice + ", à l'assistance " + p.Name + " à laquelle vous vous adressez pour les comptes des utilisateurs.",
				EN: "A CAS server that accepts only the services registered with it refuses the others with a message" + pub + ": one possible cause is that the address PRONOTE presents is not the one " + p.Name + " registered. Note “URL à communiquer au socle ENT” (URL to give to the ENT platform) and give it, copied as the field shows it" + practice + ", to the " + p.Name + " support you contact about users' accounts.",
			},
			Steps:  cl.revisit("net.service-url"),
			Origin: FromPublished,
			Facts:  []*Fact{factUnregisteredService, factCopyServiceURL},
		},
		{
			ID:      "old-ent",
			Symptom: Text{FR: "Un utilisateur arrive encore sur l'ancien ENT" + practice, EN: "A user still lands on the previous ENT" + practice},
			Cause: Text{
				FR: "PRONOTE envoie l'utilisateur se connecter au serveur CAS que nomme « URL du serveur CAS ». La procédure dit que les paramètres de délégation sont partagés entre le Serveur PRONOTE et PRONOTE.net : vérifiez « URL du serveur CAS » des deux côtés et corrigez celle qui désigne encore l'ancien ENT. Un favori ou un lien vers l'ancien ENT y mène aussi.",
				EN: "PRONOTE sends the user to log in at the CAS server that “URL du serveur CAS” names. The procedure says delegation settings are shared between Serveur PRONOTE and PRONOTE.net: check “URL du serveur CAS” on both sides and correct the one that still names the previous ENT. A bookmark or a link to the previous ENT leads there too.",
			},
			Steps:  cl.revisit("net.cas-url", "server.cas-url"),
			Origin: FromPractice,
			Facts:  []*Fact{factOldENT},
		},
		{
			ID:      "pronote-login",
			Symptom: Text{FR: "Un utilisateur voit encore la page de connexion de PRONOTE au lieu de passer par " + p.Name + practice, EN: "A user still sees PRONOTE's login page instead of " + p.Name + practice},
			Cause: Text{
				FR: "Son espace est resté sur « Aucune », ou « CAS » n'est pas coché sous « " + labelProtocolCAS + " », ou il passe par l'adresse de connexion directe (…/pronote/?login=true). Pour le Client PRONOTE, c'est le réglage du Serveur PRONOTE qui compte.",
				EN: "Their espace stayed on “Aucune” (None), or “CAS” is not ticked under “" + labelProtocolCAS + "”, or they use the direct-login address (…/pronote/?login=true). For Client PRONOTE, Serveur PRONOTE's setting is the one that counts.",
			},
			Steps:  cl.revisit("net.espaces", "net.cas-protocol", "net.direct-login", "server.cas-protocol"),
			Origin: FromPractice,
			Facts:  []*Fact{factPronoteLogin},
		},
		{
			ID:      "shared-identifier",
			Symptom: Text{FR: "Le vérificateur signale un identifiant CAS partagé par plusieurs utilisateurs" + practice, EN: "The checker reports a CAS identifier shared by several users" + practice},
			Cause: Text{
				FR: "Plusieurs comptes PRONOTE portent le même « Identifiant fournisseur identités ». Regardez les lignes que cite le rapport. Si ce sont deux personnes différentes, l'une arriverait sur le compte de l'autre en se connectant par " + p.Name + " : videz l'identifiant sur la fiche qui n'est pas la sienne (" + p.Name + " envoie le bon à la connexion suivante de son titulaire). Si c'est une même personne avec deux comptes (professeur et parent, par exemple), c'est peut-être voulu : vérifiez avec " + p.Name + " comment elle doit se connecter.",
				EN: "Several PRONOTE accounts hold the same “Identifiant fournisseur identités” (identity-provider identifier). Look at the lines the report cites. If they are two different people, one would land in the other's account when logging in through " + p.Name + ": clear the identifier on the record that is not theirs (" + p.Name + " sends the right one at its holder's next login). If it is one person with two accounts (a teacher who is also a parent, for instance), it may be intended: check with " + p.Name + " how they should log in.",
			},
			Steps:  cl.revisit("verify.unique-ids", "verify.identities"),
			Origin: FromPractice,
			Facts:  []*Fact{factUniqueIDs},
		},
	}
}

// setupRollback is the rollback of the configuration, either mode: steps to undo it, each
// with the items it undoes. Its order keeps an administrator able to log in, and depends on
// whether Client PRONOTE still logs them in: the administrator's PRONOTE password is checked
// before step 1; if the Client still works, the PRONOTE passwords are handed out while logins
// work, PRONOTE.net is undone, then Serveur PRONOTE, whose delegation the Client's logins go
// through; if the Client is blocked, Serveur PRONOTE is undone first, where no Client is
// needed (the hosting console, or the school's Serveur PRONOTE application), then the rest.
func setupRollback(p *Profile, cl *Checklist) []Trouble {
	doc, pub, practice := FromIndexDoc.Mark(), FromPublished.Mark(), FromPractice.Mark()
	first := "hosted.net-open"
	blocked := Trouble{
		ID:      "rollback.client-blocked",
		Symptom: Text{FR: "Si le Client PRONOTE est bloqué : le Serveur PRONOTE d'abord" + practice, EN: "If Client PRONOTE is blocked: Serveur PRONOTE first" + practice},
		Cause: Text{
			FR: "D'abord la ligne « Sur le Serveur PRONOTE », dans la console d'hébergement : elle s'ouvre avec le numéro d'hébergement et le mot de passe transmis par SMS" + doc + ", sans compte PRONOTE. Puis connectez-vous au Client PRONOTE avec le mot de passe PRONOTE de l'administrateur, préparez les mots de passe et défaites PRONOTE.net.",
			EN: "First the line “On Serveur PRONOTE”, in the hosting console: it opens with the hosting number and the password sent by SMS" + doc + ", without a PRONOTE account. Then log in to Client PRONOTE with the administrator's PRONOTE password, prepare the passwords and undo PRONOTE.net.",
		},
		Steps:  cl.revisit("server.cas-protocol"),
		Origin: FromPractice,
		Facts:  []*Fact{factRollback, factConsoleLogin},
	}
	if cl.Modes == OnPrem {
		first = "onprem.net-open"
		blocked.Cause = Text{
			FR: "D'abord la ligne « Sur le Serveur PRONOTE », dans l'application Serveur PRONOTE de l'établissement : la procédure l'y règle sans le Client PRONOTE. Puis connectez-vous au Client PRONOTE avec le mot de passe PRONOTE de l'administrateur, préparez les mots de passe et défaites PRONOTE.net.",
			EN: "First the line “On Serveur PRONOTE”, in the school's Serveur PRONOTE application: the procedure sets it there without Client PRONOTE. Then log in to Client PRONOTE with the administrator's PRONOTE password, prepare the passwords and undo PRONOTE.net.",
		}
		blocked.Facts = []*Fact{factRollback}
	}
	return []Trouble{
		{
			ID:      "rollback.admin",
			Symptom: Text{FR: "Avant l'étape 1 : un administrateur se connecte-t-il avec son mot de passe PRONOTE ?" + practice, EN: "Before step 1: does an administrator log in with their PRONOTE password?" + practice},
			Cause: Text{
				FR: "À vérifier avant de commencer, au Client PRONOTE. Aucune source trouvée ne dit si la délégation du Serveur PRONOTE s'applique aux comptes administratifs. Sans un tel mot de passe, ne commencez pas sans l'aide de l'assistance " + p.Name + " ou d'Index Education.",
				EN: "Check it before you start, in Client PRONOTE. No source found says whether Serveur PRONOTE's delegation applies to administrative accounts. Without such a password, do not start without help from the " + p.Name + " support or Index Education.",
			},
			Steps:  cl.revisit(first),
			Origin: FromPractice,
			Facts:  []*Fact{factRollback, factAdminLogin},
		},
		{
			ID:      "rollback.client-ok",
			Symptom: Text{FR: "Si le Client PRONOTE vous connecte encore : le Serveur PRONOTE en dernier" + practice, EN: "If Client PRONOTE still logs you in: Serveur PRONOTE last" + practice},
			Cause: Text{
				FR: "Dans l'ordre des lignes suivantes : les mots de passe tant que vous êtes connecté, PRONOTE.net, puis le Serveur PRONOTE, dont la délégation fait passer le Client par " + p.Name + ".",
				EN: "In the order of the next lines: the passwords while you are logged in, PRONOTE.net, then Serveur PRONOTE, whose delegation sends the Client through " + p.Name + ".",
			},
			Steps:  cl.revisit("net.unpublished"),
			Origin: FromPractice,
			Facts:  []*Fact{factRollback},
		},
		blocked,
		{
			ID:      "rollback.passwords",
			Symptom: Text{FR: "Préparez les mots de passe PRONOTE" + practice, EN: "Prepare the PRONOTE passwords" + practice},
			Cause: Text{
				FR: "Pour les espaces qui reviendront sur « Aucune ». Sans délégation, on se connecte avec l'identifiant et le mot de passe de PRONOTE, générés par PRONOTE et personnalisés à la première connexion" + doc + " ; qui n'a connu que l'ENT ne l'a peut-être jamais reçu" + pub + ". Client PRONOTE, Ressources › … › Liste, colonne « Mot de passe » : un mot de passe pas encore personnalisé se lit en infobulle" + doc + " : donnez-le tel quel. Le clic droit « Réinitialiser le mot de passe »" + doc + " le remplace, même celui que l'utilisateur a choisi : seulement pour un mot de passe personnalisé et oublié, jamais sur toute la liste" + practice + ". Communiquez-les avant de défaire la délégation.",
				EN: "For the espaces going back to “Aucune” (None). Without delegation, one logs in with PRONOTE's username and password, generated by PRONOTE and personalised at the first login" + doc + "; someone who only knew the ENT may never have received theirs" + pub + ". Client PRONOTE, Ressources › … › Liste (resources, list), “Mot de passe” (password) column: a password not yet personalised reads in a tooltip" + doc + ": hand it out as it is. The right-click “Réinitialiser le mot de passe” (reset the password)" + doc + " replaces it, even one the user chose: only for a personalised, forgotten password, never on the whole list" + practice + ". Hand them out before undoing the delegation.",
			},
			Steps:  cl.revisit("net.espaces"),
			Origin: FromPractice,
			Facts:  []*Fact{factRollback, factPasswordsGenerated, factENTUsersNoPassword, factShowResetPasswords, factResetReplaces},
		},
		{
			ID:      "rollback.unpublish",
			Symptom: Text{FR: "Sur PRONOTE.net, arrêtez la publication" + practice, EN: "On PRONOTE.net, stop publication" + practice},
			Cause:   Text{FR: "Comme au début : la délégation se modifie sur une base non publiée.", EN: "As at the start: delegation is changed on an unpublished database."},
			Steps:   cl.revisit("net.unpublished"),
			Origin:  FromPractice,
			Facts:   []*Fact{factRollback},
		},
		{
			ID:      "rollback.none",
			Symptom: Text{FR: "Remettez les espaces voulus sur « Aucune »" + practice, EN: "Set the espaces concerned back to “Aucune” (None)" + practice},
			Cause: Text{
				FR: "Ceux qui ne doivent plus passer par " + p.Name + ". « Aucune » est la valeur que la procédure montre partout avant le réglage. Leurs utilisateurs se connecteront avec leur mot de passe PRONOTE (voir plus haut).",
				EN: "Those that must no longer go through " + p.Name + ". “Aucune” is the value the procedure shows everywhere before the change. Their users will log in with their PRONOTE password (see above).",
			},
			Steps:  cl.revisit("net.espaces"),
			Origin: FromPractice,
			Facts:  []*Fact{factRollback},
		},
		{
			ID:      "rollback.publish",
			Symptom: Text{FR: "Publiez de nouveau la base sur PRONOTE.net" + practice, EN: "Publish the database on PRONOTE.net again" + practice},
			Cause:   Text{FR: "Sinon les Espaces restent fermés" + doc + ".", EN: "Otherwise the Espaces stay closed" + doc + "."},
			Steps:   cl.revisit("net.publish"),
			Origin:  FromPractice,
			Facts:   []*Fact{factRollback, factPublishNeeded},
		},
		{
			ID:      "rollback.server",
			Symptom: Text{FR: "Sur le Serveur PRONOTE : décochez « CAS »" + practice, EN: "On Serveur PRONOTE: untick “CAS”" + practice},
			Cause: Text{
				FR: "Arrêtez la base, décochez « CAS » sous « " + labelProtocolCAS + " », remettez la base en service : en dernier si le Client PRONOTE vous connecte encore, en premier s'il est bloqué. Pendant l'arrêt, le Client est coupé ; ensuite, on s'y connecte avec son mot de passe PRONOTE.",
				EN: "Stop the database, untick “CAS” under “" + labelProtocolCAS + "”, put the database back in service: last if Client PRONOTE still logs you in, first if it is blocked. While it is stopped, the Client is cut off; afterwards, one logs in with one's PRONOTE password.",
			},
			Steps:  cl.revisit("server.out-of-service", "server.cas-protocol", "server.in-service"),
			Origin: FromPractice,
			Facts:  []*Fact{factRollback},
		},
		{
			ID:      "rollback.direct-login",
			Symptom: Text{FR: "En attendant, l'adresse de connexion directe" + practice, EN: "Meanwhile, the direct-login address" + practice},
			Cause: Text{
				FR: "Si « Autoriser l'authentification directe par PRONOTE.net » est cochée, …/pronote/?login=true ouvre la page de connexion de PRONOTE.net sans " + p.Name + " ; il y faut l'identifiant et le mot de passe PRONOTE (voir plus haut). Ne la diffusez qu'aux personnes qui en ont besoin.",
				EN: "If “Autoriser l'authentification directe par PRONOTE.net” is ticked, …/pronote/?login=true opens PRONOTE.net's login page without " + p.Name + "; it takes the PRONOTE username and password (see above). Give it only to those who need it.",
			},
			Steps:  cl.revisit("net.direct-login"),
			Origin: FromPractice,
			Facts:  []*Fact{factDirectLoginFallback},
		},
	}
}

// revisit returns the checklist's items whose IDs are ids; an unknown ID gives nil, which
// [Catalog.Validate] reports.
func (c *Checklist) revisit(ids ...string) []*Item {
	out := make([]*Item, len(ids))
	for i, id := range ids {
		out[i], _ = c.Item(id)
	}
	return out
}
