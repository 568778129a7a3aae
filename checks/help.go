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

// IntroRollback says what the rollback is for and that it is not the procedure's.
func IntroRollback() Text {
	return Text{
		FR: "À n'utiliser que si la délégation bloque les connexions et ne peut pas être corrigée tout de suite. La procédure ne décrit pas de retour en arrière : ces étapes sont celles de ce site" + FromPractice.Mark() + ", à confirmer sur place.",
		EN: "Use only if delegation blocks logins and cannot be fixed at once. The procedure describes no rollback: these steps are this site's" + FromPractice.Mark() + ", to confirm on site.",
	}
}

// factRollback says where the rollback comes from.
var factRollback = &Fact{
	ID:     "practice.rollback",
	Origin: FromPractice,
	Claim:  Text{FR: "le retour en arrière", EN: "the rollback"},
	Ref: Text{
		FR: "la procédure ne le décrit pas ; il défait ses étapes dans l'ordre inverse, avec « Aucune », la valeur par défaut de PRONOTE",
		EN: "the procedure does not describe it; it undoes its steps in reverse order, with « Aucune », PRONOTE's default",
	},
}

// factOldENT explains a user who still lands on the previous ENT.
var factOldENT = &Fact{
	ID:     "practice.still-old-ent",
	Origin: FromPractice,
	Claim:  Text{FR: "un utilisateur encore envoyé vers l'ancien ENT", EN: "a user still sent to the previous ENT"},
	Ref: Text{
		FR: "déduction de ce site : PRONOTE envoie vers le serveur CAS de « URL du serveur CAS », et garde l'identifiant de l'ancien ENT tant qu'il n'est pas supprimé",
		EN: "this site's inference: PRONOTE sends users to the CAS server of « URL du serveur CAS », and keeps the previous ENT's identifier until it is deleted",
	},
}

// purgeTroubles is the "If it does not work" section of the purge.
func purgeTroubles(p *Profile, cl *Checklist) []Trouble {
	doc, practice := FromIndexDoc.Mark(), FromPractice.Mark()
	return []Trouble{
		{
			ID:      "identification-impossible",
			Symptom: Text{FR: "Un utilisateur voit « Identification impossible »" + doc, EN: "A user sees « Identification impossible »" + doc + " (identification failed)"},
			Cause: Text{
				FR: "Ce que " + p.Name + " envoie ne correspond à aucun utilisateur de PRONOTE, souvent parce qu'un identifiant de l'ancien ENT est resté : videz-le, pour le type d'utilisateur concerné, puis traitez le cas dans « Résolution des échecs d'interconnexion ».",
				EN: "What " + p.Name + " sends matches no PRONOTE user, often because an identifier of the previous ENT remained: clear it, for that user's type, then handle the case in « Résolution des échecs d'interconnexion » (resolving failed interconnections).",
			},
			Steps:  cl.revisit("purge.clear", "purge.every-type"),
			Origin: FromIndexDoc,
			Facts:  []*Fact{factIdentificationImpossible},
		},
		{
			ID:      "old-ent",
			Symptom: Text{FR: "Un utilisateur arrive encore sur l'ancien ENT, ou sur le mauvais compte" + practice, EN: "A user still lands on the previous ENT, or in the wrong account" + practice},
			Cause: Text{
				FR: "Son identifiant de l'ancien ENT n'a pas été supprimé : " + p.Name + " ne peut pas y écrire le sien. Vérifiez son type d'utilisateur et la colonne « Identifiant fournisseur identités ».",
				EN: "Their identifier from the previous ENT was not deleted: " + p.Name + " cannot write its own. Check their user type and the « Identifiant fournisseur identités » column.",
			},
			Steps:  cl.revisit("purge.user-type", "purge.clear", "purge.every-type"),
			Origin: FromPractice,
			Facts:  []*Fact{factOldENT},
		},
	}
}

// setupTroubles is the "If it does not work" section of the configuration, either mode.
func setupTroubles(p *Profile, cl *Checklist) []Trouble {
	doc, pub, practice := FromIndexDoc.Mark(), FromPublished.Mark(), FromPractice.Mark()
	return []Trouble{
		{
			ID:      "http-503",
			Symptom: Text{FR: "Les Espaces affichent « HTTP Error 503 »" + doc, EN: "The Espaces show « HTTP Error 503 »" + doc},
			Cause: Text{
				FR: "La base n'est pas publiée sur PRONOTE.net : c'est attendu pendant le réglage, pas après. Publiez-la de nouveau.",
				EN: "The database is not published on PRONOTE.net: expected during the change, not after. Publish it again.",
			},
			Steps:  cl.revisit("net.publish", "net.unpublished"),
			Origin: FromIndexDoc,
			Facts:  []*Fact{factHTTP503},
		},
		{
			ID:      "identification-impossible",
			Symptom: Text{FR: "Un utilisateur voit « Identification impossible »" + doc, EN: "A user sees « Identification impossible »" + doc + " (identification failed)"},
			Cause: Text{
				FR: "Ce que " + p.Name + " envoie ne correspond à aucun utilisateur de PRONOTE : traitez le cas dans Communication › Gestion des identités › « Résolution des échecs d'interconnexion », et vérifiez que les identifiants de l'ancien ENT ont été supprimés.",
				EN: "What " + p.Name + " sends matches no PRONOTE user: handle the case in Communication › Gestion des identités › « Résolution des échecs d'interconnexion » (resolving failed interconnections), and check that the previous ENT's identifiers were deleted.",
			},
			Steps:  cl.revisit("verify.identities", "verify.purge-done"),
			Origin: FromIndexDoc,
			Facts:  []*Fact{factIdentificationImpossible},
		},
		{
			ID:      "invalid-service",
			Symptom: Text{FR: p.Name + " affiche une erreur INVALID_SERVICE" + pub, EN: p.Name + " shows an INVALID_SERVICE error" + pub},
			Cause: Text{
				FR: "L'adresse de PRONOTE enregistrée chez " + p.Name + " n'est pas exactement celle que PRONOTE présente (https, barre finale, …/pronote/). Relevez « URL à communiquer au socle ENT » et faites-la corriger chez " + p.Name + ".",
				EN: "The PRONOTE address " + p.Name + " registered is not exactly the one PRONOTE presents (https, trailing slash, …/pronote/). Note « URL à communiquer au socle ENT » and have " + p.Name + " correct it.",
			},
			Steps:  cl.revisit("net.service-url"),
			Origin: FromPublished,
			Facts:  []*Fact{factInvalidService},
		},
		{
			ID:      "old-ent",
			Symptom: Text{FR: "Un utilisateur arrive encore sur l'ancien ENT" + practice, EN: "A user still lands on the previous ENT" + practice},
			Cause: Text{
				FR: "Soit « URL du serveur CAS » désigne encore l'ancien ENT (sur PRONOTE.net ou sur le Serveur PRONOTE), soit son identifiant de l'ancien ENT n'a pas été supprimé.",
				EN: "Either « URL du serveur CAS » still names the previous ENT (on PRONOTE.net or on Serveur PRONOTE), or their identifier from the previous ENT was not deleted.",
			},
			Steps:  cl.revisit("net.cas-url", "server.cas-url", "verify.purge-done"),
			Origin: FromPractice,
			Facts:  []*Fact{factOldENT},
		},
		{
			ID:      "pronote-login",
			Symptom: Text{FR: "Un utilisateur voit encore la page de connexion de PRONOTE au lieu de " + p.Name + practice, EN: "A user still sees PRONOTE's login page instead of " + p.Name + practice},
			Cause: Text{
				FR: "Son espace est resté sur « Aucune », ou le CAS n'est pas coché sous « Protocole Cas ». Dans le Client PRONOTE, c'est le réglage du Serveur PRONOTE qui compte.",
				EN: "Their espace stayed on « Aucune » (None), or CAS is not ticked under « Protocole Cas ». In Client PRONOTE, Serveur PRONOTE's setting is the one that counts.",
			},
			Steps:  cl.revisit("net.espaces", "net.cas-protocol", "server.cas-protocol"),
			Origin: FromPractice,
			Facts:  []*Fact{factPronoteLogin},
		},
		{
			ID:      "shared-identifier",
			Symptom: Text{FR: "Le vérificateur signale un identifiant CAS partagé par plusieurs utilisateurs" + practice, EN: "The checker reports a CAS identifier shared by several users" + practice},
			Cause: Text{
				FR: "Plusieurs comptes PRONOTE portent le même « Identifiant fournisseur identités ». Regardez les lignes que cite le rapport. Si ce sont deux personnes différentes, l'une arriverait sur le compte de l'autre en se connectant par " + p.Name + " : videz l'identifiant sur la fiche qui n'est pas la sienne (" + p.Name + " envoie le bon à la connexion suivante de son titulaire). Si c'est une même personne avec deux comptes (professeur et parent, par exemple), c'est peut-être voulu : vérifiez avec " + p.Name + " comment elle doit se connecter.",
				EN: "Several PRONOTE accounts hold the same « Identifiant fournisseur identités » (identity-provider identifier). Look at the lines the report cites. If they are two different people, one would land in the other's account when logging in through " + p.Name + ": clear the identifier on the record that is not theirs (" + p.Name + " sends the right one at its holder's next login). If it is one person with two accounts (a teacher who is also a parent, for instance), it may be intended: check with " + p.Name + " how they should log in.",
			},
			Steps:  cl.revisit("verify.unique-ids", "verify.identities"),
			Origin: FromPractice,
			Facts:  []*Fact{factUniqueIDs},
		},
	}
}

// factPronoteLogin explains a user who still gets PRONOTE's own login page.
var factPronoteLogin = &Fact{
	ID:     "practice.pronote-login",
	Origin: FromPractice,
	Claim:  Text{FR: "la page de connexion de PRONOTE encore affichée", EN: "PRONOTE's login page still shown"},
	Ref: Text{
		FR: "déduction de ce site : un espace sur « Aucune » garde l'identification de PRONOTE",
		EN: "this site's inference: an espace on « Aucune » keeps PRONOTE's own login",
	},
}

// setupRollback is the rollback of the configuration, either mode: steps to undo it, each
// with the item it undoes.
func setupRollback(p *Profile, cl *Checklist) []Trouble {
	return []Trouble{
		{
			ID:      "rollback.unpublish",
			Symptom: Text{FR: "Arrêtez de nouveau la publication de la base sur PRONOTE.net", EN: "Stop publishing the database on PRONOTE.net again"},
			Cause:   Text{FR: "Comme au début : la délégation ne se modifie que sur une base non publiée.", EN: "As at the start: delegation can be changed only on an unpublished database."},
			Steps:   cl.revisit("net.unpublished"),
			Origin:  FromPractice,
			Facts:   []*Fact{factRollback},
		},
		{
			ID:      "rollback.none",
			Symptom: Text{FR: "Remettez les espaces sur « Aucune »", EN: "Set the espaces back to « Aucune » (None)"},
			Cause: Text{
				FR: "« Aucune » est la valeur par défaut de PRONOTE : les utilisateurs de ces espaces se connectent de nouveau avec leurs identifiants PRONOTE, sans " + p.Name + ".",
				EN: "« Aucune » is PRONOTE's default: users of those espaces log in again with their PRONOTE credentials, without " + p.Name + ".",
			},
			Steps:  cl.revisit("net.espaces"),
			Origin: FromPractice,
			Facts:  []*Fact{factRollback},
		},
		{
			ID:      "rollback.publish",
			Symptom: Text{FR: "Publiez de nouveau la base", EN: "Publish the database again"},
			Cause:   Text{FR: "Sinon les Espaces restent fermés (« HTTP Error 503 »).", EN: "Otherwise the Espaces stay closed (« HTTP Error 503 »)."},
			Steps:   cl.revisit("net.publish"),
			Origin:  FromPractice,
			Facts:   []*Fact{factRollback},
		},
		{
			ID:      "rollback.direct-login",
			Symptom: Text{FR: "En attendant, utilisez l'adresse de connexion directe", EN: "Meanwhile, use the direct-login address"},
			Cause: Text{
				FR: "Si « Autoriser l'authentification directe par PRONOTE.net » est cochée, …/pronote/?login=true permet de se connecter à PRONOTE.net sans " + p.Name + " pendant la correction. Ne la diffusez qu'aux personnes qui en ont besoin.",
				EN: "If « Autoriser l'authentification directe par PRONOTE.net » is ticked, …/pronote/?login=true lets people log in to PRONOTE.net without " + p.Name + " while it is fixed. Give it only to those who need it.",
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
