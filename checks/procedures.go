package checks

import (
	"strings"
)

// The IDs of the checklists. They are what Markdown pages name in ```checklist <id>``` blocks.
const (
	PurgeID  = "purge"
	HostedID = "hosted"
	OnPremID = "onprem"
)

// Default returns the catalog of the default profile, oZe, a new value at each call.
func Default() *Catalog { return NewCatalog(Profiles()[0]) }

// NewCatalog builds the checklists of the seed procedure for profile p: the purge when
// changing ENT, then the configuration in hosted and in on-premises mode. The two modes
// share every item where the step is the same; they differ where the seed does (the hosting
// console against the school's own applications).
func NewCatalog(p *Profile) *Catalog {
	pf := newProfileFacts(p)
	setup := setupSections(p, pf)
	c := &Catalog{Profile: p, Checklists: []*Checklist{
		{
			ID:    PurgeID,
			Title: Text{FR: "Changement d'ENT : supprimer les identifiants CAS", EN: "Changing ENT: delete the CAS identifiers"},
			Slug:  Text{FR: "changement-d-ent", EN: "changing-ent"},
			Modes: AnyMode,
			Sections: []Section{{
				ID:    "purge",
				Title: Text{FR: "Supprimer les identifiants de l'ancien ENT", EN: "Delete the previous ENT's identifiers"},
				Intro: Text{
					FR: "Une seule fois, avant les premières connexions depuis " + p.Name + ", si PRONOTE a servi avec un autre ENT.",
					EN: "Once, before the first logins from " + p.Name + ", if PRONOTE was used with another ENT.",
				},
				Items: purgeItems(p),
			}},
		},
		{
			ID:       HostedID,
			Title:    Text{FR: "Mode hébergé : déléguer l'authentification à " + p.Name, EN: "Hosted mode: delegate authentication to " + p.Name},
			Slug:     Text{FR: "mode-heberge", EN: "hosted-mode"},
			Modes:    Hosted,
			Sections: forMode(setup, Hosted),
		},
		{
			ID:       OnPremID,
			Title:    Text{FR: "Mode non hébergé : déléguer l'authentification à " + p.Name, EN: "On-premises mode: delegate authentication to " + p.Name},
			Slug:     Text{FR: "mode-non-heberge", EN: "on-premises-mode"},
			Modes:    OnPrem,
			Sections: forMode(setup, OnPrem),
		},
	}}
	for _, cl := range c.Checklists {
		if cl.ID == PurgeID {
			cl.Troubles = purgeTroubles(p, cl)
			continue
		}
		cl.Troubles, cl.Rollback = setupTroubles(p, cl), setupRollback(p, cl)
	}
	return c
}

// forMode keeps the items of sections that apply to mode m.
func forMode(sections []Section, m Mode) []Section {
	var out []Section
	for _, s := range sections {
		var items []*Item
		for _, it := range s.Items {
			if it.Modes&m != 0 {
				items = append(items, it)
			}
		}
		s.Items = items
		out = append(out, s)
	}
	return out
}

// Paths to PRONOTE's screens, with the exact French labels; the English side glosses them.
var (
	identitiesPath = Text{
		FR: "Client PRONOTE › Communication › Gestion des identités",
		EN: "Client PRONOTE › Communication › Gestion des identités (identity management)",
	}
	delegationPath = Text{
		FR: identitiesPath.FR + " › Délégation d'authentification",
		EN: identitiesPath.EN + " › Délégation d'authentification (authentication delegation)",
	}
)

// tabPath is the path to the « Déléguer l'authentification » tab of app, then rest.
func tabPath(app string, rest ...Text) Text {
	t := Text{
		FR: app + " › onglet « Déléguer l'authentification »",
		EN: app + " › “Déléguer l'authentification” tab (delegate authentication)",
	}
	for _, r := range rest {
		t.FR += " › " + r.FR
		t.EN += " › " + r.EN
	}
	return t
}

// labelProtocolCAS is the line of the delegations' list under which « CAS » is ticked, as the
// procedure's screen shows it (its on-premises text writes « Protocole CAS »; the list on the
// screen, and its hosted text, « Protocole Cas »). Every text that names it takes it from here.
const labelProtocolCAS = "Protocole Cas"

// Parts of the paths to the CAS dialog. The procedure shows the icon that opens it as a
// picture without a name: "icône de paramétrage" is this site's description, marked as such.
var (
	pathDelegations = Text{FR: "Gestion des délégations", EN: "Gestion des délégations (delegation management)"}
	pathProtocol    = Text{FR: "« " + labelProtocolCAS + " »", EN: "“" + labelProtocolCAS + "” (CAS protocol)"}
	pathEspaces     = Text{FR: "Choix de la délégation en fonction de l'espace", EN: "Choix de la délégation en fonction de l'espace (delegation per espace)"}
	pathIcon        = Text{FR: "icône de paramétrage" + FromPractice.Mark() + " de la ligne CAS", EN: "icône de paramétrage" + FromPractice.Mark() + " (settings icon) of the CAS line"}
	pathDialog      = Text{FR: "« Définir une délégation CAS »", EN: "“Définir une délégation CAS” (define a CAS delegation)"}
)

// dialogPath is the path to field of the « Définir une délégation CAS » dialog of app, from
// the tab; shortDialogPath starts at the dialog, once a step has said how to open it.
func dialogPath(app string, field Text) Text {
	return tabPath(app, pathIcon, pathDialog, field)
}

func shortDialogPath(app string, field Text) Text {
	return Text{FR: app + " › " + pathDialog.FR + " › " + field.FR, EN: app + " › " + pathDialog.EN + " › " + field.EN}
}

// The dialog's fields, with their English gloss.
var (
	fieldMonENT      = Text{FR: "« Mon ENT »", EN: "“Mon ENT” (my ENT)"}
	fieldCASURL      = Text{FR: "« URL du serveur CAS »", EN: "“URL du serveur CAS” (CAS server URL)"}
	fieldDifferent   = Text{FR: "« Les adresses d'authentification et de validation sont différentes »", EN: "“Les adresses d'authentification et de validation sont différentes” (authentication and validation addresses differ)"}
	fieldServiceURL  = Text{FR: "« URL à communiquer au socle ENT »", EN: "“URL à communiquer au socle ENT” (URL to give to the ENT platform)"}
	fieldDirectLogin = Text{FR: "« Autoriser l'authentification directe par PRONOTE.net »", EN: "“Autoriser l'authentification directe par PRONOTE.net” (allow direct authentication through PRONOTE.net)"}
)

func purgeItems(p *Profile) []*Item {
	var types, typesEN []string
	for _, t := range userTypes {
		types = append(types, strings.ToLower(t.Name.FR))
		typesEN = append(typesEN, t.Name.EN)
	}
	mark := FromPractice.Mark()
	return []*Item{
		{
			ID:    "purge.open",
			Title: Text{FR: "Ouvrez la délégation d'authentification de Gestion des identités", EN: "Open authentication delegation in identity management"},
			Where: delegationPath,
			Detail: Text{
				FR: "Dans le Client PRONOTE connecté à votre base sur le Serveur PRONOTE" + mark + ". Tant qu'un identifiant de l'ancien ENT est enregistré pour un utilisateur, " + p.Name + " ne peut pas transmettre le sien.",
				EN: "In Client PRONOTE connected to your database on Serveur PRONOTE" + mark + ". As long as a user keeps an identifier from the previous ENT, " + p.Name + " cannot send its own.",
			},
			Modes:  AnyMode,
			Proof:  Answer,
			Origin: FromProcedure,
			Facts:  []*Fact{factPurgeInClient},
		},
		{
			ID:     "purge.cas",
			Title:  Text{FR: "Choisissez « CAS » dans le premier menu déroulant", EN: "Choose “CAS” in the first drop-down"},
			Where:  delegationPath,
			Detail: Text{FR: "Le premier menu choisit le protocole dont la liste affiche les identifiants.", EN: "The first drop-down chooses the protocol whose identifiers the list shows."},
			Modes:  AnyMode,
			Proof:  Answer,
			Origin: FromProcedure,
		},
		{
			ID:    "purge.user-type",
			Title: Text{FR: "Choisissez un type d'utilisateur dans le second menu déroulant", EN: "Choose a user type in the second drop-down"},
			Where: delegationPath,
			Detail: Text{
				FR: "Un type à la fois : " + strings.Join(types, ", ") + " — liste habituelle" + mark + ", la procédure ne les énumère pas : traitez aussi tout autre type que propose le menu. Vous referez les deux étapes suivantes pour chacun.",
				EN: "One type at a time: " + strings.Join(typesEN, ", ") + " — the usual list" + mark + ", the procedure does not list them: also handle any other type the drop-down offers. You will repeat the next two steps for each.",
			},
			Modes:  AnyMode,
			Proof:  Answer,
			Origin: FromProcedure,
			Facts:  []*Fact{factUserTypes},
		},
		{
			ID:     "purge.select-all",
			Title:  Text{FR: "Sélectionnez tous les utilisateurs de la liste", EN: "Select every user of the list"},
			Where:  delegationPath,
			Detail: Text{FR: "Cliquez dans la liste puis Ctrl+A" + FromIndexDoc.Mark() + " : la suppression porte sur la sélection.", EN: "Click in the list, then Ctrl+A" + FromIndexDoc.Mark() + ": the deletion applies to the selection."},
			Modes:  AnyMode,
			Proof:  Answer,
			Origin: FromProcedure,
			Facts:  []*Fact{factSelectAll},
		},
		{
			ID:    "purge.clear",
			Title: Text{FR: "Supprimez l'identifiant CAS de la colonne « Identifiant fournisseur identités »", EN: "Delete the CAS identifier in the “Identifiant fournisseur identités” column"},
			Where: Text{FR: delegationPath.FR + " › colonne « Identifiant fournisseur identités »", EN: delegationPath.EN + " › “Identifiant fournisseur identités” column (identity-provider identifier)"},
			Detail: Text{
				FR: "Videz la colonne pour tous les utilisateurs sélectionnés. L'accès des utilisateurs n'en souffre pas : " + p.Name + " enverra le nouvel identifiant à PRONOTE à leur prochaine connexion depuis " + p.Name + ". Avant, regardez le mode des « Paramètres d'identification des utilisateurs »" + FromIndexDoc.Mark() + " : « Par double authentification », cette connexion demandera le mot de passe PRONOTE" + mark + " ; donnez-le d'abord à qui ne l'a pas.",
				EN: "Empty the column for every selected user. Users keep their access: " + p.Name + " sends PRONOTE the new identifier at their next login from " + p.Name + ". Before, look at the mode of the “Paramètres d'identification des utilisateurs” (user identification settings)" + FromIndexDoc.Mark() + ": “Par double authentification” (double authentication), that login will ask for the PRONOTE password" + mark + "; first give it to those who lack it.",
			},
			Expect: Text{FR: "Colonne vide pour tous les utilisateurs", EN: "Column empty for every user"},
			Modes:  AnyMode,
			Proof:  IdentityExport | Answer,
			Origin: FromProcedure,
			Facts:  []*Fact{factIdentificationSettings, factPurgeFirstLogin},
			Check:  checkPurged,
		},
		{
			ID:    "purge.every-type",
			Title: Text{FR: "Recommencez pour chaque type d'utilisateur", EN: "Repeat for every user type"},
			Where: delegationPath,
			Detail: Text{
				FR: "La procédure demande de supprimer « tous » les identifiants : revenez au second menu déroulant et refaites la sélection et la suppression, type par type" + mark + ", jusqu'à ce qu'il ne reste aucun identifiant. Pour le prouver sans capture d'écran, copiez la liste de chaque type (voir la page Vérifier) et passez-la au vérificateur.",
				EN: "The procedure asks to delete “tous” (all) identifiers: go back to the second drop-down and repeat the selection and the deletion, type by type" + mark + ", until no identifier is left. To prove it without a screenshot, copy each type's list (see the Check page) and give it to the checker.",
			},
			Modes:  AnyMode,
			Proof:  IdentityExport | Answer,
			Origin: FromProcedure,
			Facts:  []*Fact{factUserTypes},
			Repeat: userTypeNames(),
			Check:  checkEveryType,
		},
	}
}

// userTypeNames are the names of the user types, one box each on the printed purge.
func userTypeNames() []Text {
	var out []Text
	for _, t := range userTypes {
		out = append(out, t.Name)
	}
	return out
}

// setupSections is the configuration procedure for both modes; forMode selects one.
func setupSections(p *Profile, pf profileFacts) []Section {
	net, srv := "PRONOTE.net", "Serveur PRONOTE"
	casURL := Text{FR: p.CASURL, EN: p.CASURL}
	practice, doc, pub := FromPractice.Mark(), FromIndexDoc.Mark(), FromPublished.Mark()
	espacesTable := &Table{Head: []Text{{FR: "Mode de connexion", EN: "Connection mode"}, {FR: "Délégation" + practice, EN: "Delegation" + practice}}}
	for _, e := range espaces {
		espacesTable.Rows = append(espacesTable.Rows, []Text{e.Name, p.Expected(e).Label()})
	}
	return []Section{
		{
			ID:    "net",
			Title: Text{FR: "PRONOTE.net : les Espaces web", EN: "PRONOTE.net: the web Espaces"},
			Intro: Text{
				FR: "Côté PRONOTE.net, la délégation s'applique aux connexions aux Espaces web.",
				EN: "On the PRONOTE.net side, delegation applies to logins to the web Espaces.",
			},
			Items: []*Item{
				{
					ID:    "hosted.net-open",
					Title: Text{FR: "Ouvrez PRONOTE.net depuis la console d'hébergement", EN: "Open PRONOTE.net from the hosting console"},
					Where: Text{FR: "Console d'hébergement › volet PRONOTE.net", EN: "Console d'hébergement (hosting console) › volet PRONOTE.net (PRONOTE.net panel)"},
					Detail: Text{
						FR: "En mode hébergé, Index Education héberge PRONOTE.net : vous le paramétrez dans la console d'hébergement, une application que vous installez sur votre poste sous Windows" + doc + ", volet PRONOTE.net" + doc + ".",
						EN: "In hosted mode, Index Education hosts PRONOTE.net: you configure it in the hosting console, an application you install on your computer on Windows" + doc + ", PRONOTE.net panel" + doc + ".",
					},
					Modes:  Hosted,
					Proof:  Answer,
					Origin: FromProcedure,
					Facts:  []*Fact{factConsoleApp, factHostedPublication},
				},
				{
					ID:     "onprem.net-open",
					Title:  Text{FR: "Ouvrez l'application PRONOTE.net de l'établissement", EN: "Open the school's PRONOTE.net application"},
					Where:  Text{FR: "Serveur de l'établissement › application PRONOTE.net", EN: "School server › PRONOTE.net application"},
					Detail: Text{FR: "En mode non hébergé, PRONOTE.net est installé dans l'établissement : ouvrez son application d'administration sur la machine qui le fait tourner. Sur une version ancienne, l'onglet peut s'appeler « Intégration dans un ENT »" + doc + ".", EN: "In on-premises mode, PRONOTE.net is installed at the school: open its administration application on the machine that runs it. On an old version the tab may be “Intégration dans un ENT” (integration in an ENT)" + doc + "."},
					Modes:  OnPrem,
					Proof:  Answer,
					Origin: FromProcedure,
					Facts:  []*Fact{factOldMenuNames},
				},
				{
					ID:    "net.unpublished",
					Title: Text{FR: "Arrêtez la publication de la base sur PRONOTE.net, en la laissant en service sur le Serveur PRONOTE", EN: "Stop publishing the database on PRONOTE.net, keeping it in service on Serveur PRONOTE"},
					Where: Text{FR: "PRONOTE.net : publication arrêtée · Serveur PRONOTE : base en service", EN: "PRONOTE.net: publication stopped · Serveur PRONOTE: database in service (mise en service)"},
					Detail: Text{
						FR: "La procédure veut une base « en service sur le serveur PRONOTE, mais non publiée sur PRONOTE.net ». En production elle est publiée : arrêtez sa publication sur PRONOTE.net, sans l'arrêter sur le Serveur PRONOTE.",
						EN: "The procedure wants a database “en service sur le serveur PRONOTE, mais non publiée sur PRONOTE.net” (in service on Serveur PRONOTE, not published on PRONOTE.net). In production it is published: stop its publication on PRONOTE.net, without stopping it on Serveur PRONOTE.",
					},
					ModeDetail: map[Mode]Text{
						Hosted: {
							FR: "La procédure veut une base « en service sur le serveur PRONOTE, mais non publiée sur PRONOTE.net ». En production elle est publiée : dans la console d'hébergement, volet PRONOTE.net, cliquez sur « Arrêter la publication »" + doc + ", sans arrêter la base sur le Serveur PRONOTE. Les Espaces affichent alors « HTTP Error 503 »" + doc + " : prévoyez un moment calme. Vous la publierez de nouveau à la fin" + practice + ".",
							EN: "The procedure wants a database “en service sur le serveur PRONOTE, mais non publiée sur PRONOTE.net” (in service on Serveur PRONOTE, not published on PRONOTE.net). In production it is published: in the hosting console, PRONOTE.net panel, click “Arrêter la publication”" + doc + " (stop publication), without stopping the database on Serveur PRONOTE. The Espaces then show “HTTP Error 503”" + doc + ": pick a quiet moment. You will publish it again at the end" + practice + ".",
						},
						OnPrem: {
							FR: "La procédure veut une base « en service sur le serveur PRONOTE, mais non publiée sur PRONOTE.net ». En production elle est publiée : dans l'application PRONOTE.net, arrêtez sa publication" + doc + " (aucune source trouvée ne nomme le bouton" + practice + "), sans arrêter la base sur le Serveur PRONOTE. Les Espaces sont alors fermés" + doc + " : prévoyez un moment calme. Vous la publierez de nouveau à la fin" + practice + ".",
							EN: "The procedure wants a database “en service sur le serveur PRONOTE, mais non publiée sur PRONOTE.net” (in service on Serveur PRONOTE, not published on PRONOTE.net). In production it is published: in the PRONOTE.net application, stop its publication" + doc + " (no source found names the button" + practice + "), without stopping the database on Serveur PRONOTE. The Espaces are then closed" + doc + ": pick a quiet moment. You will publish it again at the end" + practice + ".",
						},
					},
					Expect: Text{FR: "En service : oui · Publiée : non", EN: "In service: yes · Published: no"},
					Modes:  AnyMode,
					Proof:  Answer,
					Origin: FromProcedure,
					Facts:  []*Fact{factHostedPublication, factHTTP503, factOnPremStop, factOnPremPublication, factPublishNeeded, factRepublish},
				},
				{
					ID:    "net.cas-protocol",
					Title: Text{FR: "Dans l'onglet « Déléguer l'authentification », cochez « CAS » sous « " + labelProtocolCAS + " »", EN: "In the “Déléguer l'authentification” tab, tick “CAS” under “" + labelProtocolCAS + "”"},
					Where: tabPath(net, pathDelegations, pathProtocol),
					Detail: Text{
						FR: "Les paramètres de délégation sont partagés entre le Serveur PRONOTE et PRONOTE.net ; la case « Actif » de la ligne CAS active la délégation sur PRONOTE.net.",
						EN: "Delegation settings are shared between Serveur PRONOTE and PRONOTE.net; the “Actif” (active) box of the CAS line turns delegation on for PRONOTE.net.",
					},
					Expect: Text{FR: "CAS coché", EN: "CAS ticked"},
					Modes:  AnyMode,
					Proof:  InfoMobileApp | Answer,
					Origin: FromProcedure,
					Check:  checkCASActive,
				},
				{
					ID:    "net.espaces",
					Title: Text{FR: "Choisissez la délégation de chaque mode de connexion", EN: "Choose the delegation of each connection mode"},
					Where: tabPath(net, pathEspaces),
					Detail: Text{
						FR: "Chaque mode de connexion (espace) a une colonne par délégation : Cas, Ws-Federation, EduConnect ou Aucune. Par défaut, tout est sur « Aucune ». La procédure ne dit pas lesquels passer sur « Cas » : le tableau donne l'usage courant" + practice + ", que l'établissement peut adapter (un écart donne un avertissement). " + p.PolicyWhy.FR,
						EN: "Each connection mode (espace) has a column per delegation: Cas, Ws-Federation, EduConnect or Aucune (None). By default everything is on “Aucune”. The procedure does not say which to set to “Cas”: the table gives usual practice" + practice + ", which the school may adapt (a departure gives a warning). " + p.PolicyWhy.EN,
					},
					Table:  espacesTable,
					Modes:  AnyMode,
					Proof:  InfoMobileApp | Answer,
					Origin: FromProcedure,
					Facts:  []*Fact{pf.policy, factEspaceUsers},
					Check:  checkEspaces,
				},
				{
					ID:    "net.cas-dialog",
					Title: Text{FR: "Ouvrez « Définir une délégation CAS » et choisissez " + p.Name + " dans « Mon ENT »", EN: "Open “Définir une délégation CAS” and choose " + p.Name + " in “Mon ENT”"},
					Where: dialogPath(net, fieldMonENT),
					Detail: Text{
						FR: "Cliquez sur l'icône au bout de la ligne CAS (« icône de paramétrage »" + practice + " : la procédure la montre sans nom). Choisir votre ENT dans la liste « Mon ENT » récupère automatiquement tous ses paramètres ; l'entrée peut porter un autre nom que " + p.Name + practice + ". Laissez « Nom de la délégation » et les « Paramètres d'identification des utilisateurs » tels que « Mon ENT » les a remplis" + practice + " (l'un de leurs modes demande le mot de passe PRONOTE" + doc + ").",
						EN: "Click the icon at the end of the CAS line (“icône de paramétrage”" + practice + ", settings icon: the procedure shows it without a name). Choosing your ENT in the “Mon ENT” (my ENT) list fetches all its settings automatically; the entry may bear another name than " + p.Name + practice + ". Leave “Nom de la délégation” (delegation name) and the “Paramètres d'identification des utilisateurs” (user identification settings) as “Mon ENT” filled them" + practice + " (one of their modes asks for the PRONOTE password" + doc + ").",
					},
					Expect: Text{FR: "Mon ENT : " + p.Name + practice, EN: "Mon ENT: " + p.Name + practice},
					Modes:  AnyMode,
					Proof:  Answer,
					Origin: FromProcedure,
					Facts:  []*Fact{factSettingsIcon, pf.monENT, factIdentificationSettings, factKeepIdentification},
				},
				{
					ID:    "net.cas-url",
					Title: Text{FR: "Vérifiez « URL du serveur CAS »", EN: "Check “URL du serveur CAS”"},
					Where: shortDialogPath(net, fieldCASURL),
					Detail: Text{
						FR: "Le champ doit contenir exactement l'adresse attendue : en https, sans /login ni autre chemin du protocole CAS à la fin" + pub + ". Si ce n'est pas le cas, corrigez-le en y inscrivant cette adresse.",
						EN: "The field must hold exactly the expected address: https, without /login or another path of the CAS protocol at the end" + pub + ". If it does not, correct it by typing that address.",
					},
					Expect: casURL,
					Ask:    Text{FR: "URL du serveur CAS affichée", EN: "CAS server URL shown"},
					Value:  CASURLRule(p),
					Modes:  AnyMode,
					Proof:  InfoMobileApp | Answer,
					Origin: FromProcedure,
					Facts:  []*Fact{factCASEndpoints},
					Check:  checkCASURL,
				},
				{
					ID:    "net.same-addresses",
					Title: Text{FR: "Laissez décochée « Les adresses d'authentification et de validation sont différentes »", EN: "Leave “Les adresses d'authentification et de validation sont différentes” unticked"},
					Where: shortDialogPath(net, fieldDifferent),
					Detail: Text{
						FR: "La procédure donne une seule adresse, « URL du serveur CAS » : « Lien d'authentification » et « Lien de validation » restent vides.",
						EN: "The procedure gives a single address, “URL du serveur CAS”: “Lien d'authentification” (authentication link) and “Lien de validation” (validation link) stay empty.",
					},
					Expect: Text{FR: "Case décochée", EN: "Box unticked"},
					Modes:  AnyMode,
					Proof:  Answer,
					Origin: FromPractice,
					Facts:  []*Fact{factSameAddresses},
				},
				{
					ID:    "net.service-url",
					Title: Text{FR: "Relevez « URL à communiquer au socle ENT »", EN: "Note “URL à communiquer au socle ENT”"},
					Where: shortDialogPath(net, fieldServiceURL),
					Detail: Text{
						FR: "Rien à envoyer : avec " + p.Name + ", « la synchronisation se fait automatiquement après paramétrage de Pronote.NET » (la procédure). Notez l'adresse telle que le champ l'affiche" + practice + " : l'assistance " + p.Name + " peut la demander si un utilisateur voit une erreur en venant de PRONOTE" + pub + ".",
						EN: "Nothing to send: with " + p.Name + ", “la synchronisation se fait automatiquement après paramétrage de Pronote.NET” (synchronisation is automatic once PRONOTE.net is set; the procedure). Note the address as the field shows it" + practice + ": the " + p.Name + " support may ask for it if a user sees an error coming from PRONOTE" + pub + ".",
					},
					ModeExpect: map[Mode]Text{
						Hosted: {FR: p.ServiceURLExample + " (forme habituelle" + practice + ")", EN: p.ServiceURLExample + " (usual form" + practice + ")"},
						OnPrem: {FR: "https://<adresse de votre PRONOTE.net>/pronote/ (forme habituelle" + practice + ")", EN: "https://<your PRONOTE.net's address>/pronote/ (usual form" + practice + ")"},
					},
					Ask:    Text{FR: "URL à communiquer au socle ENT affichée", EN: "URL to give to the ENT shown"},
					Value:  ServiceURLRule(p),
					Modes:  AnyMode,
					Proof:  Answer,
					Origin: FromProcedure,
					Facts:  []*Fact{factUnregisteredService, factHostedAddress, factOnPremAddress, factCopyServiceURL},
					Check:  checkServiceURL,
				},
				{
					ID:    "net.direct-login",
					Title: Text{FR: "Cochez ou non « Autoriser l'authentification directe par PRONOTE.net », puis cliquez sur « Valider »", EN: "Tick or not “Autoriser l'authentification directe par PRONOTE.net”, then click “Valider”"},
					Where: shortDialogPath(net, fieldDirectLogin),
					Detail: Text{
						FR: "Sur PRONOTE.net, cette option donne une adresse de connexion directe, sans passer par " + p.Name + " (…/pronote/?login=true), utile en secours" + practice + " : on s'y connecte avec l'identifiant et le mot de passe de PRONOTE. Ne communiquez l'adresse qu'aux utilisateurs qui en ont besoin. « Valider » enregistre la délégation.",
						EN: "On PRONOTE.net, this option gives a direct-login address that bypasses " + p.Name + " (…/pronote/?login=true), useful as a fallback" + practice + ": one logs in there with PRONOTE's username and password. Give the address only to users who need it. “Valider” (confirm) saves the delegation.",
					},
					Modes:  AnyMode,
					Proof:  Answer,
					Origin: FromProcedure,
					Facts:  []*Fact{factDirectLoginFallback},
				},
				{
					ID:    "net.publish",
					Title: Text{FR: "Publiez de nouveau la base sur PRONOTE.net", EN: "Publish the database on PRONOTE.net again"},
					Where: Text{FR: "PRONOTE.net › publication", EN: "PRONOTE.net › publication"},
					Detail: Text{
						FR: "Là où vous l'avez arrêtée au début. Les Espaces redeviennent accessibles, avec la connexion par " + p.Name + " pour ceux que vous avez délégués.",
						EN: "Where you stopped it at the start. The Espaces are reachable again, with login through " + p.Name + " for those you delegated.",
					},
					ModeDetail: map[Mode]Text{
						Hosted: {
							FR: "Dans la console d'hébergement, volet PRONOTE.net, cliquez sur « Publier la base »" + doc + ". Les Espaces redeviennent accessibles, avec la connexion par " + p.Name + " pour ceux que vous avez délégués ; tant que la base n'est pas publiée, ils affichent « HTTP Error 503 »" + doc + ".",
							EN: "In the hosting console, PRONOTE.net panel, click “Publier la base”" + doc + " (publish the database). The Espaces are reachable again, with login through " + p.Name + " for those you delegated; as long as the database is not published, they show “HTTP Error 503”" + doc + ".",
						},
						OnPrem: {
							FR: "Dans l'application PRONOTE.net, là où vous l'avez arrêtée" + practice + ". Les Espaces redeviennent accessibles, avec la connexion par " + p.Name + " pour ceux que vous avez délégués ; tant que la base n'est pas publiée, ils restent fermés" + doc + ".",
							EN: "In the PRONOTE.net application, where you stopped it" + practice + ". The Espaces are reachable again, with login through " + p.Name + " for those you delegated; as long as the database is not published, they stay closed" + doc + ".",
						},
					},
					Expect: Text{FR: "Publiée : oui", EN: "Published: yes"},
					Modes:  AnyMode,
					Proof:  InfoMobileApp | Answer,
					Origin: FromPractice,
					Facts:  []*Fact{factRepublish, factHostedPublication, factHTTP503, factOnPremPublication, factPublishNeeded, factInfoDate},
					Check:  checkPublished,
				},
			},
		},
		{
			ID:    "server",
			Title: Text{FR: "Serveur PRONOTE : les clients PRONOTE", EN: "Serveur PRONOTE: the PRONOTE clients"},
			Intro: Text{
				FR: "Côté Serveur PRONOTE, la délégation s'applique aux connexions depuis le Client PRONOTE, le logiciel installé sur les postes. La procédure dit : « Répétez les mêmes manipulations que pour PRONOTE.net ».",
				EN: "On the Serveur PRONOTE side, delegation applies to logins from Client PRONOTE, the software installed on the computers. The procedure says: “Répétez les mêmes manipulations que pour PRONOTE.net” (repeat the same steps as for PRONOTE.net).",
			},
			Items: []*Item{
				{
					ID:     "hosted.server-open",
					Title:  Text{FR: "Ouvrez le Serveur PRONOTE depuis la console d'hébergement", EN: "Open Serveur PRONOTE from the hosting console"},
					Where:  Text{FR: "Console d'hébergement › rubrique Serveur PRONOTE", EN: "Console d'hébergement (hosting console) › rubrique Serveur PRONOTE (Serveur PRONOTE section)"},
					Detail: Text{FR: "Même console que pour PRONOTE.net, rubrique Serveur PRONOTE" + doc + ".", EN: "Same console as for PRONOTE.net, Serveur PRONOTE section" + doc + "."},
					Modes:  Hosted,
					Proof:  Answer,
					Origin: FromProcedure,
					Facts:  []*Fact{factServerRubrique},
				},
				{
					ID:     "onprem.server-open",
					Title:  Text{FR: "Ouvrez l'application Serveur PRONOTE de l'établissement", EN: "Open the school's Serveur PRONOTE application"},
					Where:  Text{FR: "Serveur de l'établissement › application Serveur PRONOTE", EN: "School server › Serveur PRONOTE application"},
					Detail: Text{FR: "Sur la machine où le Serveur PRONOTE est installé.", EN: "On the machine where Serveur PRONOTE is installed."},
					Modes:  OnPrem,
					Proof:  Answer,
					Origin: FromProcedure,
				},
				{
					ID:    "server.out-of-service",
					Title: Text{FR: "Arrêtez la base : elle ne doit pas être en service", EN: "Stop the database: it must not be in service"},
					Where: Text{FR: "Serveur PRONOTE › mise en service", EN: "Serveur PRONOTE › mise en service (putting the database in service)"},
					Detail: Text{
						FR: "Pendant l'arrêt, le Client PRONOTE est coupé, et sans doute les Espaces aussi" + practice + " : enchaînez jusqu'à la remise en service.",
						EN: "While it is stopped, Client PRONOTE is cut off, and most likely the Espaces too" + practice + ": go on until it is back in service.",
					},
					ModeDetail: map[Mode]Text{
						Hosted: {
							FR: "Dans la console, rubrique Serveur PRONOTE" + doc + ". Pendant l'arrêt, le Client PRONOTE est coupé, et sans doute les Espaces aussi" + practice + " : enchaînez jusqu'à la remise en service.",
							EN: "In the console, Serveur PRONOTE section" + doc + ". While it is stopped, Client PRONOTE is cut off, and most likely the Espaces too" + practice + ": go on until it is back in service.",
						},
						OnPrem: {
							FR: "Dans l'application Serveur PRONOTE, arrêtez la mise en service" + doc + ". Pendant l'arrêt, le Client PRONOTE est coupé, et sans doute les Espaces aussi" + practice + " : enchaînez jusqu'à la remise en service.",
							EN: "In the Serveur PRONOTE application, stop putting it in service" + doc + ". While it is stopped, Client PRONOTE is cut off, and most likely the Espaces too" + practice + ": go on until it is back in service.",
						},
					},
					Expect: Text{FR: "En service : non", EN: "In service: no"},
					Modes:  AnyMode,
					Proof:  Answer,
					Origin: FromProcedure,
					Facts:  []*Fact{factServerRubrique, factOnPremStop, factServerStopped},
				},
				{
					ID:     "server.cas-protocol",
					Title:  Text{FR: "Dans l'onglet « Déléguer l'authentification », cochez « CAS » sous « " + labelProtocolCAS + " »", EN: "In the “Déléguer l'authentification” tab, tick “CAS” under “" + labelProtocolCAS + "”"},
					Where:  tabPath(srv, pathDelegations, pathProtocol),
					Detail: Text{FR: "Comme sur PRONOTE.net, et indiquez de même les modes de connexion concernés.", EN: "As on PRONOTE.net, and set the connection modes concerned the same way."},
					Expect: Text{FR: "CAS coché", EN: "CAS ticked"},
					Modes:  AnyMode,
					Proof:  Answer,
					Origin: FromProcedure,
				},
				{
					ID:    "server.cas-url",
					Title: Text{FR: "Répétez les réglages de « Définir une délégation CAS » : « Mon ENT », « URL du serveur CAS »", EN: "Repeat the settings of “Définir une délégation CAS”: “Mon ENT”, “URL du serveur CAS”"},
					Where: dialogPath(srv, fieldCASURL),
					Detail: Text{
						FR: "Comme sur PRONOTE.net : choisissez " + p.Name + " dans « Mon ENT », vérifiez l'URL du serveur CAS, laissez décochée la case des adresses différentes et les paramètres d'identification tels quels" + practice + ".",
						EN: "As on PRONOTE.net: choose " + p.Name + " in “Mon ENT”, check the CAS server URL, leave the different-addresses box unticked and the identification settings as they are" + practice + ".",
					},
					Expect: casURL,
					Ask:    Text{FR: "URL du serveur CAS affichée", EN: "CAS server URL shown"},
					Value:  CASURLRule(p),
					Modes:  AnyMode,
					Proof:  Answer,
					Origin: FromProcedure,
					Facts:  []*Fact{factSameAddresses, factSettingsIcon, factKeepIdentification},
				},
				{
					ID:    "server.no-direct-login",
					Title: Text{FR: "Ne cochez pas « Autoriser l'authentification directe par PRONOTE.net »", EN: "Do not tick “Autoriser l'authentification directe par PRONOTE.net”"},
					Where: shortDialogPath(srv, fieldDirectLogin),
					Detail: Text{
						FR: "Côté Serveur PRONOTE, cette option reste décochée. Cliquez ensuite sur « Valider ».",
						EN: "On the Serveur PRONOTE side, this option stays unticked. Then click “Valider” (confirm).",
					},
					Expect:    Text{FR: "Case décochée", EN: "Box unticked"},
					Modes:     AnyMode,
					Proof:     Answer,
					Origin:    FromProcedure,
					SeedModes: Hosted,
				},
				{
					ID:    "server.in-service",
					Title: Text{FR: "Remettez la base en service", EN: "Put the database back in service"},
					Where: Text{FR: "Serveur PRONOTE › mise en service", EN: "Serveur PRONOTE › mise en service (putting the database in service)"},
					Detail: Text{
						FR: "Les utilisateurs du Client PRONOTE se connectent alors par " + p.Name + ".",
						EN: "Client PRONOTE users then log in through " + p.Name + ".",
					},
					Expect: Text{FR: "En service : oui", EN: "In service: yes"},
					Modes:  AnyMode,
					Proof:  Answer,
					Origin: FromPractice,
					Facts:  []*Fact{factBackInService},
				},
			},
		},
		{
			ID:    "verify",
			Title: Text{FR: "Vérifier", EN: "Check"},
			Intro: Text{
				FR: "Les vérifications de la fin de la procédure, dans le Client PRONOTE.",
				EN: "The checks at the end of the procedure, in Client PRONOTE.",
			},
			Items: []*Item{
				{
					ID:    "verify.identities",
					Title: Text{FR: "Vérifiez qu'il n'y a pas de problème d'identification", EN: "Check there is no identification problem"},
					Where: identitiesPath,
					Detail: Text{
						FR: "Dans le Client PRONOTE, l'affichage « Résolution des échecs d'interconnexion »" + doc + " liste les utilisateurs que PRONOTE n'a pas pu rapprocher ; eux voient « Identification impossible » et en remplissent le formulaire" + doc + ". La liste doit être vide, ou chaque cas traité ; elle ne se remplit qu'avec des connexions depuis " + p.Name + practice + " : revoyez-la après les premières.",
						EN: "In Client PRONOTE, the “Résolution des échecs d'interconnexion” view" + doc + " (resolving failed interconnections) lists the users PRONOTE could not match; they see “Identification impossible” (identification failed) and fill in its form" + doc + ". The list must be empty, or each case handled; it fills only with logins from " + p.Name + practice + ": look again after the first ones.",
					},
					Expect:    Text{FR: "Aucun échec d'interconnexion", EN: "No failed interconnection"},
					Modes:     AnyMode,
					Proof:     Answer,
					Origin:    FromProcedure,
					SeedModes: Hosted,
					Facts:     []*Fact{factIdentificationImpossible, factAfterFirstLogins},
				},
				{
					ID:    "verify.unique-ids",
					Title: Text{FR: "Vérifiez qu'aucun identifiant CAS n'est partagé par deux utilisateurs", EN: "Check that no CAS identifier is shared by two users"},
					Where: Text{FR: delegationPath.FR + " › colonne « Identifiant fournisseur identités »", EN: delegationPath.EN + " › “Identifiant fournisseur identités” column (identity-provider identifier)"},
					Detail: Text{
						FR: "Chaque personne a son identifiant, envoyé par " + p.Name + " : deux personnes différentes ne peuvent le partager, une même personne avec deux comptes peut-être. Passez les listes copiées (page Vérifier) au vérificateur.",
						EN: "Each person has their own identifier, sent by " + p.Name + ": two different people cannot share one, one person with two accounts may. Give the lists copied (Check page) to the checker.",
					},
					Modes:  AnyMode,
					Proof:  IdentityExport,
					Origin: FromPractice,
					Facts:  []*Fact{factUniqueIDs},
					Check:  checkUnique,
				},
				{
					ID:    "verify.purge-done",
					Title: Text{FR: "Rappel : si vous n'utilisiez pas " + p.Name + " l'an dernier, les anciens identifiants doivent être supprimés", EN: "Reminder: if you did not use " + p.Name + " last year, the old identifiers must be deleted"},
					Where: Text{FR: delegationPath.FR + " › colonne « Identifiant fournisseur identités »", EN: delegationPath.EN + " › “Identifiant fournisseur identités” column (identity-provider identifier)"},
					Detail: Text{
						FR: "Les « identifiants fournisseur identités » de l'ancien ENT doivent être supprimés pour que " + p.Name + " puisse communiquer les siens à PRONOTE : c'est la procédure de changement d'ENT.",
						EN: "The previous ENT's “identifiants fournisseur identités” (identity-provider identifiers) must be deleted so that " + p.Name + " can send its own to PRONOTE: that is the changing-ENT procedure.",
					},
					See:       PurgeID,
					Modes:     AnyMode,
					Proof:     Answer,
					Origin:    FromProcedure,
					SeedModes: Hosted,
				},
			},
		},
	}
}
