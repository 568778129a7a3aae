package checks

// The facts the steps state that the procedure does not, with their sources. A fact that
// depends on the profile (the espace policy, the ENT's name in « Mon ENT ») is built with the
// catalog (see profileFacts). TestFacts lists them all.

// References, written once.
var (
	refKB = Text{
		FR: "Index Education, base de connaissances, fiche 1523-5294 « Que signifie ce message d'erreur ? (connexion aux Espaces web) »",
		EN: "Index Education knowledge base, fiche 1523-5294 « Que signifie ce message d'erreur ? (connexion aux Espaces web) » (what does this error message mean? logging in to the web Espaces)",
	}
	refGuide2019 = Text{
		FR: "Index Education, Guide pratique PRONOTE 2019 (guide de l'administrateur)",
		EN: "Index Education, Guide pratique PRONOTE 2019 (the administrators' guide)",
	}
	refCASSpec = Text{
		FR: "Apereo, spécification du protocole CAS 3.0",
		EN: "Apereo, CAS Protocol 3.0 specification",
	}
	refAtrium = Text{
		FR: "procédure publique d'un autre ENT (Atrium, région Sud), sur des écrans PRONOTE plus anciens : elle dit où se fait la publication ; les noms des boutons ont pu changer",
		EN: "another ENT's public procedure (Atrium, région Sud), on older PRONOTE screens: it tells where publication is done; button names may have changed",
	}
)

var (
	factHTTP503 = &Fact{
		ID:     "kb.http-503",
		Origin: FromIndexDoc,
		Claim:  Text{FR: "« HTTP Error 503 » : la base n'est pas publiée sur PRONOTE.net", EN: "« HTTP Error 503 »: the base is not published on PRONOTE.net"},
		Ref:    refKB,
	}
	factIdentificationImpossible = &Fact{
		ID:     "kb.identification-impossible",
		Origin: FromIndexDoc,
		Claim: Text{
			FR: "« Identification impossible » : ce que l'ENT envoie ne correspond à aucun utilisateur de PRONOTE ; cela se corrige dans Communication › Gestion des identités › Résolution des échecs d'interconnexion",
			EN: "« Identification impossible » (identification failed): what the ENT sends matches no PRONOTE user; it is fixed in Communication › Gestion des identités › Résolution des échecs d'interconnexion (identity management, resolving failed interconnections)",
		},
		Ref: refKB,
	}
	factOldMenuNames = &Fact{
		ID:     "guide.onprem-menus",
		Origin: FromIndexDoc,
		Claim: Text{
			FR: "dans les versions plus anciennes, l'onglet de PRONOTE.net s'appelait « Intégration dans un ENT »",
			EN: "in older versions, PRONOTE.net's tab was called « Intégration dans un ENT » (integration in an ENT)",
		},
		Ref: refGuide2019,
	}
	factCASEndpoints = &Fact{
		ID:     "cas.endpoints",
		Origin: FromPublished,
		Claim: Text{
			FR: "/login, /serviceValidate et les autres points d'accès se placent sous l'URL de base du serveur CAS : l'URL de base ne se termine par aucun d'eux",
			EN: "/login, /serviceValidate and the other endpoints hang under the CAS server's base URL: the base URL ends in none of them",
		},
		Ref: refCASSpec,
	}
	factInvalidService = &Fact{
		ID:     "cas.invalid-service",
		Origin: FromPublished,
		Claim: Text{
			FR: "INVALID_SERVICE : l'adresse du service que présente PRONOTE n'est pas celle que l'ENT a enregistrée",
			EN: "INVALID_SERVICE: the service address PRONOTE presents is not the one the ENT registered",
		},
		Ref: Text{FR: refCASSpec.FR + ", codes d'erreur de la validation des tickets", EN: refCASSpec.EN + ", error codes of ticket validation"},
	}
	factStopPublication = &Fact{
		ID:     "atrium.stop-publication",
		Origin: FromPublished,
		Modes:  Hosted,
		Claim: Text{
			FR: "dans la console d'hébergement, section PRONOTE.net, on arrête la publication (« Arrêter la publication ») avant de modifier les réglages de l'ENT, puis on publie de nouveau",
			EN: "in the hosting console, PRONOTE.net section, publication is stopped (« Arrêter la publication », stop publication) before the ENT settings are changed, then published again",
		},
		Ref: refAtrium,
	}
	factOnPremPublication = &Fact{
		ID:     "practice.onprem-publication",
		Origin: FromPractice,
		Modes:  OnPrem,
		Claim:  Text{FR: "la publication s'arrête et se relance dans l'application PRONOTE.net", EN: "publication is stopped and restarted in the PRONOTE.net application"},
		Ref: Text{
			FR: "la procédure ne dit pas où se fait la publication en mode non hébergé ; cherchez le bouton de publication sur votre écran",
			EN: "the procedure does not say where publication is done in on-premises mode; look for the publication button on your screen",
		},
	}
	factUserTypes = &Fact{
		ID:     "practice.user-types",
		Origin: FromPractice,
		Claim: Text{
			FR: "les types d'utilisateur de la liste (élèves, responsables, professeurs, personnels, accompagnants)",
			EN: "the user types listed (students, parents, teachers, staff, teaching assistants)",
		},
		Ref: Text{
			FR: "la procédure dit « type d'utilisateur » sans les énumérer ; la liste suit les sortes de comptes de PRONOTE. Traitez chaque type que propose le second menu déroulant, même s'il n'est pas dans cette liste.",
			EN: "the procedure says « type d'utilisateur » without listing them; the list follows PRONOTE's kinds of accounts. Handle every type the second drop-down offers, even one not in this list.",
		},
	}
	factPurgeInClient = &Fact{
		ID:     "practice.purge-in-client",
		Origin: FromPractice,
		Claim: Text{
			FR: "la suppression se fait dans Client PRONOTE, connecté à la base du Serveur PRONOTE",
			EN: "the deletion is done in Client PRONOTE, connected to the base on Serveur PRONOTE",
		},
		Ref: Text{
			FR: "la procédure dit « depuis Pronote Serveur » : l'opération porte sur la base du Serveur PRONOTE, mais l'onglet « Communication › Gestion des identités » est celui du Client PRONOTE, là où la procédure elle-même renvoie pour la vérification finale (« Depuis le client PRONOTE … onglet Communication »)",
			EN: "the procedure says « depuis Pronote Serveur » (from Serveur PRONOTE): the operation applies to the base on Serveur PRONOTE, but the « Communication › Gestion des identités » tab is Client PRONOTE's, where the procedure itself sends you for the final check (« Depuis le client PRONOTE … onglet Communication »)",
		},
	}
	factSelectAll = &Fact{
		ID:     "practice.select-all",
		Origin: FromPractice,
		Claim:  Text{FR: "Ctrl+A sélectionne toute la liste", EN: "Ctrl+A selects the whole list"},
		Ref: Text{
			FR: "raccourci habituel de Windows ; la procédure dit seulement « Sélectionnez tous les utilisateurs »",
			EN: "the usual Windows shortcut; the procedure only says « Sélectionnez tous les utilisateurs » (select all users)",
		},
	}
	factSettingsIcon = &Fact{
		ID:     "practice.settings-icon",
		Origin: FromPractice,
		Claim:  Text{FR: "« icône de paramétrage »", EN: "« icône de paramétrage » (settings icon)"},
		Ref: Text{
			FR: "la procédure montre l'icône en image, sans nom (« Cliquez sur l'icône, sur la ligne CAS ») : ce site la décrit ainsi, ce n'est pas un libellé de PRONOTE",
			EN: "the procedure shows the icon as a picture, without a name (« Cliquez sur l'icône, sur la ligne CAS »): this site describes it so; it is not a PRONOTE label",
		},
	}
	factSameAddresses = &Fact{
		ID:     "practice.same-addresses",
		Origin: FromPractice,
		Claim: Text{
			FR: "« Les adresses d'authentification et de validation sont différentes » reste décochée",
			EN: "« Les adresses d'authentification et de validation sont différentes » stays unticked",
		},
		Ref: Text{
			FR: "la procédure montre la case et une seule « URL du serveur CAS » à inscrire, sans dire de cocher la case",
			EN: "the procedure shows the box and a single « URL du serveur CAS » to type, without saying to tick the box",
		},
	}
	factHostedAddress = &Fact{
		ID:     "practice.hosted-address",
		Origin: FromPractice,
		Modes:  Hosted,
		Claim: Text{
			FR: "un PRONOTE hébergé a l'adresse https://<UAI en minuscules>.index-education.net/pronote/",
			EN: "a hosted PRONOTE's address is https://<UAI in lower case>.index-education.net/pronote/",
		},
		Ref: Text{
			FR: "forme des adresses des PRONOTE hébergés ; la procédure montre https://pronote.index-education.net/pronote/ comme exemple",
			EN: "the form of hosted PRONOTE addresses; the procedure shows https://pronote.index-education.net/pronote/ as an example",
		},
	}
	factOnPremAddress = &Fact{
		ID:     "practice.onprem-address",
		Origin: FromPractice,
		Modes:  OnPrem,
		Claim: Text{
			FR: "en mode non hébergé, l'adresse à communiquer est celle de votre propre PRONOTE.net",
			EN: "in on-premises mode, the address to give is your own PRONOTE.net's",
		},
		Ref: Text{
			FR: "la procédure ne montre cette fenêtre qu'en mode hébergé ; le champ affiche l'adresse publique sous laquelle PRONOTE.net est publié",
			EN: "the procedure shows this dialog in hosted mode only; the field shows the public address PRONOTE.net is published at",
		},
	}
	factDirectLoginFallback = &Fact{
		ID:     "practice.direct-login-fallback",
		Origin: FromPractice,
		Claim: Text{
			FR: "l'adresse de connexion directe (…/pronote/?login=true) sert de secours",
			EN: "the direct-login address (…/pronote/?login=true) serves as a fallback",
		},
		Ref: Text{
			FR: "la procédure montre cette adresse dans la fenêtre (« URL à communiquer aux utilisateurs de PRONOTE pour une connexion directe ») sans dire s'il faut cocher l'option : c'est à l'établissement d'en décider",
			EN: "the procedure shows this address in the dialog (« URL à communiquer aux utilisateurs de PRONOTE pour une connexion directe », URL to give PRONOTE users for a direct login) without saying whether to tick the option: the school decides",
		},
	}
	factRepublish = &Fact{
		ID:     "practice.republish",
		Origin: FromPractice,
		Claim:  Text{FR: "publier de nouveau la base à la fin", EN: "publish the base again at the end"},
		Ref: Text{
			FR: "la procédure demande une base non publiée pendant le réglage sans dire de la republier ; tant qu'elle ne l'est pas, les Espaces restent fermés",
			EN: "the procedure asks for an unpublished base during the change without saying to publish it again; until it is, the Espaces stay closed",
		},
	}
	factBackInService = &Fact{
		ID:     "practice.back-in-service",
		Origin: FromPractice,
		Claim:  Text{FR: "remettre la base en service à la fin", EN: "put the base back in service at the end"},
		Ref: Text{
			FR: "la procédure demande une base arrêtée pendant le réglage sans dire de la relancer ; tant qu'elle ne l'est pas, personne ne se connecte",
			EN: "the procedure asks for a stopped base during the change without saying to start it again; until it is, nobody can log in",
		},
	}
	factClientDisconnected = &Fact{
		ID:     "practice.client-disconnected",
		Origin: FromPractice,
		Claim:  Text{FR: "les utilisateurs de Client PRONOTE sont déconnectés pendant l'arrêt", EN: "Client PRONOTE users are disconnected while the base is stopped"},
		Ref:    Text{FR: "conséquence d'une base arrêtée ; la procédure ne le dit pas", EN: "what a stopped base means; the procedure does not say it"},
	}
	factUniqueIDs = &Fact{
		ID:     "practice.unique-ids",
		Origin: FromPractice,
		Claim: Text{
			FR: "un identifiant CAS partagé par deux utilisateurs est à examiner : deux personnes différentes ne doivent pas le partager",
			EN: "a CAS identifier shared by two users is to be looked at: two different people must not share one",
		},
		Ref: Text{
			FR: "déduction de ce site : l'ENT donne à chaque personne son propre identifiant, mais une même personne peut avoir deux comptes PRONOTE ; la procédure ne demande pas cette vérification, d'où un avertissement et non une erreur",
			EN: "this site's inference: the ENT gives each person their own identifier, but one person may hold two PRONOTE accounts; the procedure does not ask for this check, hence a warning, not a failure",
		},
	}
	factOtherModeOnly = &Fact{
		ID:     "practice.hosted-step-applied",
		Origin: FromPractice,
		Claim: Text{
			FR: "étape que la procédure donne pour le mode hébergé seulement",
			EN: "a step the procedure gives for the hosted mode only",
		},
		Ref: Text{
			FR: "pour le mode non hébergé, la procédure dit seulement « Répétez les mêmes manipulations que pour PRONOTE.net » ; ce site applique la même étape, les écrans étant les mêmes",
			EN: "for the on-premises mode the procedure only says « Répétez les mêmes manipulations que pour PRONOTE.net » (repeat the same steps as for PRONOTE.net); this site applies the same step, the screens being the same",
		},
	}
)

// profileFacts are the facts that name the profile: the espace policy and the ENT's entry in
// « Mon ENT ».
type profileFacts struct {
	policy, monENT *Fact
}

func newProfileFacts(p *Profile) profileFacts {
	return profileFacts{
		policy: &Fact{
			ID:     "practice.espace-policy",
			Origin: FromPractice,
			Claim: Text{
				FR: "la délégation de chaque espace dans le tableau",
				EN: "the delegation of each espace in the table",
			},
			Ref: Text{
				FR: "la procédure ne dit pas quels espaces passent par " + p.Name + " ; le tableau suit l'usage courant. " + p.PolicyWhy.FR + " L'établissement peut choisir autrement ; le vérificateur signale alors un avertissement, pas une erreur.",
				EN: "the procedure does not say which espaces go through " + p.Name + "; the table follows usual practice. " + p.PolicyWhy.EN + " The school may choose otherwise; the checker then gives a warning, not an error.",
			},
		},
		monENT: &Fact{
			ID:     "practice.mon-ent",
			Origin: FromPractice,
			Claim:  Text{FR: "« Mon ENT : " + p.Name + " »", EN: "« Mon ENT: " + p.Name + " »"},
			Ref: Text{
				FR: "la procédure montre le champ « Mon ENT » sans valeur ; l'entrée de la liste peut porter un autre nom (celui de l'ENT ou du département)",
				EN: "the procedure shows the « Mon ENT » field without a value; the list entry may bear another name (the ENT's or the department's)",
			},
		},
	}
}
