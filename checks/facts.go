package checks

// The facts the steps state that the procedure does not, with their sources. A fact that
// depends on the profile (the espace policy, the ENT's name in « Mon ENT ») is built with the
// catalog (see profileFacts); the facts the Markdown pages cite are listed by PageFacts.
// TestFacts lists them all.
//
// A fact from a document quotes it (Quote) and gives its address (URL): each was read where
// URL says, and Quote copies its words. Where no document was found, the fact is the site's
// reasoning (FromPractice) and says so.

// The documents, written once: their names (Ref) and addresses.
var (
	refKB1523 = Text{
		FR: "Index Education, base de connaissances PRONOTE, fiche 1523-5294 « Que signifie ce message d'erreur ? (connexion aux Espaces web) »",
		EN: "Index Education, PRONOTE knowledge base, fiche 1523-5294 “Que signifie ce message d'erreur ? (connexion aux Espaces web)” (what does this error message mean? logging in to the web Espaces)",
	}
	urlKB1523 = "https://docs.index-education.com/docs_fr/fr-pronote-support-fiche-1523-5294-que-signifie-ce-message-d-erreur-connexion-aux-espaces-web.php"

	refKB370 = Text{
		FR: "Index Education, base de connaissances PRONOTE, fiche 370-1526 « Publier les Espaces web »",
		EN: "Index Education, PRONOTE knowledge base, fiche 370-1526 “Publier les Espaces web” (publishing the web Espaces)",
	}
	urlKB370 = "https://docs.index-education.com/docs_fr/fr-pronote-support-fiche-370-1526-publier-les-espaces-web.php"

	refHostingHelp = Text{
		FR: "Index Education, aide en ligne de PRONOTE, page « Hébergement », « Se connecter à la console d’hébergement depuis un poste Windows »",
		EN: "Index Education, PRONOTE online help, page “Hébergement” (hosting), “Se connecter à la console d’hébergement depuis un poste Windows” (connecting to the hosting console from a Windows computer)",
	}
	urlHostingHelp = "https://doc.index-education.com/fr/pronote/pronote/PRONOTE/H/H%C3%A9bergement.htm"

	refFAQHosted = Text{
		FR: "Index Education, FAQ PRONOTE 5691 « Nous avons choisi PRONOTE en mode hébergé. Que faut-il faire ? »",
		EN: "Index Education, PRONOTE FAQ 5691 “Nous avons choisi PRONOTE en mode hébergé. Que faut-il faire ?” (we chose hosted PRONOTE: what must we do?)",
	}
	urlFAQHosted = "https://index-education.com/fr/faq-pronote-single-5691-nous-avons-choisi-pronote-en-mode-heberge-que-faut-il-faire.php"

	refFAQUsers = Text{
		FR: "Index Education, FAQ PRONOTE « La gestion des utilisateurs », « Combien d'utilisateurs peuvent se connecter la base ? » [sic]",
		EN: "Index Education, PRONOTE FAQ “La gestion des utilisateurs” (managing users), “Combien d'utilisateurs peuvent se connecter la base ?” [sic] (how many users can log in to the database?)",
	}
	urlFAQUsers = "https://www.index-education.com/fr/faq-pronote-1226-0-0.php"

	refGuide131 = Text{
		FR: "Index Education, Guide pratique PRONOTE 2019, p. 131 (copie en ligne)",
		EN: "Index Education, Guide pratique PRONOTE 2019 (administrators' guide), p. 131 (online copy)",
	}
	urlGuide131 = "https://fliphtml5.com/khqfn/bjlx/Guide-Pratique-PRONOTE-FR-2019/131"

	refGuide227 = Text{
		FR: "Index Education, Guide pratique PRONOTE 2019, p. 227 (copie en ligne)",
		EN: "Index Education, Guide pratique PRONOTE 2019 (administrators' guide), p. 227 (online copy)",
	}
	urlGuide227 = "https://fliphtml5.com/khqfn/bjlx/Guide-Pratique-PRONOTE-FR-2019/227"

	refPasswordHelp = Text{
		FR: "Index Education, aide en ligne de PRONOTE (en anglais), page « Password and username »",
		EN: "Index Education, PRONOTE online help, page “Password and username”",
	}
	urlPasswordHelp = "https://doc.index-education.com/en/pronote/pronote/P/Password_and_username.htm"

	refKB1460 = Text{
		FR: "Index Education, support PRONOTE (en anglais), page 1460-4847 « Force users to change their password »",
		EN: "Index Education, PRONOTE support, page 1460-4847 “Force users to change their password”",
	}
	urlKB1460 = "https://docs.index-education.com/docs_en/en-pronote-support-page-1460-4847-imposer-le-renouvellement-des-mots-de-passe.php"

	refCASSpec = Text{
		FR: "Apereo, spécification du protocole CAS 3.0 (version 3.0.3)",
		EN: "Apereo, CAS Protocol 3.0 Specification (version 3.0.3)",
	}
	urlCASSpec = "https://github.com/apereo/cas/blob/037338a18e048cbb44abee265e36b9c23a00b86f/docs/cas-server-documentation/protocol/CAS-Protocol-Specification.md"

	refPronotepy276 = Text{
		FR: "pronotepy (client public de PRONOTE), ticket 276, témoignage d'un utilisateur d'un autre ENT (Nouvelle-Aquitaine)",
		EN: "pronotepy (a public PRONOTE client), issue 276, a report by a user of another ENT (Nouvelle-Aquitaine)",
	}
	urlPronotepy276 = "https://github.com/bain3/pronotepy/issues/276"

	refQRCodeNote = Text{
		FR: "note publique de rétro-ingénierie de PRONOTE (Androz2091/pronote-qrcode-api), « URL Mobile App Info »",
		EN: "a public reverse-engineering note on PRONOTE (Androz2091/pronote-qrcode-api), “URL Mobile App Info”",
	}
	urlQRCodeNote = "https://github.com/Androz2091/pronote-qrcode-api/blob/04df6a8a98e7643a2a39de943959f6ea5bccc333/pronote-qrcode-reverse-engineering/README.md"
)

// The quotes several facts share.
const (
	quoteKB370    = "En mode hébergé, la publication de la base est automatique. Pour arrêter ou relancer la publication, connectez-vous à la console d'hébergement (raccourci installé sur votre bureau ou commande Hébergement > Accéder à la console d'hébergement depuis un Client) puis rendez-vous dans le volet PRONOTE.net (bouton Arrêter la publication ou Publier la base)."
	quoteGuide131 = "En mode non hébergé, rendez-vous dans l’application souhaitée en prenant soin d’arrêter la mise en service / la publication : Serveur PRONOTE > Déléguer l’authentification > Interconnexion CAS pour le SSO Clients […] PRONOTE.net > Intégration dans un ENT > Interconnexion CAS pour le SSO Espaces."
)

// Facts from Index Education's documentation.
var (
	factHTTP503 = &Fact{
		ID:     "kb.http-503",
		Origin: FromIndexDoc,
		Modes:  Hosted,
		Claim: Text{
			FR: "« HTTP Error 503 » : le serveur PRONOTE.net n'est pas publié (la fiche est écrite pour le mode hébergé)",
			EN: "“HTTP Error 503”: the PRONOTE.net server is not published (the fiche is written for the hosted mode)",
		},
		Ref:   refKB1523,
		URL:   urlKB1523,
		Quote: "\"HTTP Error 503\" Le serveur PRONOTE.net n'est pas publié ; pour le publier, connectez-vous à la console d'hébergement.",
	}
	factPublishNeeded = &Fact{
		ID:     "kb.publish-needed",
		Origin: FromIndexDoc,
		Modes:  OnPrem,
		Claim: Text{
			FR: "les Espaces ne sont « accessibles aux utilisateurs » que si la base est publiée",
			EN: "the Espaces are “accessibles aux utilisateurs” (reachable by users) only when the database is published",
		},
		Ref:   refKB370,
		URL:   urlKB370,
		Quote: "Pour que les Espaces web soient accessibles aux utilisateurs, vous devez vérifier la publication du Serveur PRONOTE.net et celle des Espaces eux-mêmes.",
	}
	factHostedPublication = &Fact{
		ID:     "kb.hosted-publication",
		Origin: FromIndexDoc,
		Modes:  Hosted,
		Claim: Text{
			FR: "en mode hébergé, la publication s'arrête et se relance dans la console, « volet PRONOTE.net », boutons « Arrêter la publication » et « Publier la base »",
			EN: "in hosted mode, publication is stopped and restarted in the console, “volet PRONOTE.net” (PRONOTE.net panel), buttons “Arrêter la publication” and “Publier la base”",
		},
		Ref:   refKB370,
		URL:   urlKB370,
		Quote: quoteKB370,
	}
	factOnPremStop = &Fact{
		ID:     "guide.onprem-stop",
		Origin: FromIndexDoc,
		Modes:  OnPrem,
		Claim: Text{
			FR: "en mode non hébergé, on règle la délégation dans l'application « en prenant soin d'arrêter la mise en service / la publication »",
			EN: "in on-premises mode, delegation is set in the application “en prenant soin d'arrêter la mise en service / la publication” (taking care to stop it)",
		},
		Ref:   refGuide131,
		URL:   urlGuide131,
		Quote: quoteGuide131,
	}
	factOldMenuNames = &Fact{
		ID:     "guide.onprem-menus",
		Origin: FromIndexDoc,
		Modes:  OnPrem,
		Claim: Text{
			FR: "dans des versions plus anciennes, l'onglet de PRONOTE.net s'appelait « Intégration dans un ENT »",
			EN: "in older versions, PRONOTE.net's tab was called “Intégration dans un ENT”",
		},
		Ref:   refGuide131,
		URL:   urlGuide131,
		Quote: quoteGuide131,
	}
	factIdentificationSettings = &Fact{
		ID:     "guide.identification-settings",
		Origin: FromIndexDoc,
		Claim: Text{
			FR: "« Paramètres d'identification des utilisateurs » choisit comment PRONOTE reconnaît « l'utilisateur qui se connecte la première fois » ; « Par double authentification », « l'utilisateur doit saisir son login et son mot de passe PRONOTE »",
			EN: "the “Paramètres d'identification des utilisateurs” button chooses how PRONOTE recognises “l'utilisateur qui se connecte la première fois” (the user logging in for the first time); “Par double authentification” (by double authentication), “l'utilisateur doit saisir son login et son mot de passe PRONOTE” (the user must type their PRONOTE login and password)",
		},
		Ref:   refGuide131,
		URL:   urlGuide131,
		Quote: "Cliquez sur le bouton Paramètres d’identification des utilisateurs en haut à droite. 3. Dans la fenêtre qui s’affiche, choisissez le type de reconnaissance de l’utilisateur dans le menu déroulant : Avec l’identité de l’utilisateur : ce sont les champs échangés entre CAS et PRONOTE qui vont permettre de reconnaître l’utilisateur qui se connecte la première fois. […] Par double authentification : l’utilisateur doit saisir son login et son mot de passe PRONOTE pour établir sa reconnaissance lors de sa première […]",
	}
	factConsoleApp = &Fact{
		ID:     "help.console-app",
		Origin: FromIndexDoc,
		Modes:  Hosted,
		Claim: Text{
			FR: "sous Windows, la console d'hébergement est une application : « vous installez un applicatif sur votre poste »",
			EN: "on Windows, the hosting console is an application: “vous installez un applicatif sur votre poste” (you install an application)",
		},
		Ref:   refHostingHelp,
		URL:   urlHostingHelp,
		Quote: "Pour se connecter à la console d’hébergement depuis un poste Windows, vous installez un applicatif sur votre poste et vous connectez à la console sur Internet via cet applicatif.",
	}
	factConsoleLogin = &Fact{
		ID:     "help.console-login",
		Origin: FromIndexDoc,
		Modes:  Hosted,
		Claim: Text{
			FR: "on se connecte à la console d'hébergement avec le « numéro d'hébergement » et un mot de passe « transmis par SMS », sans compte PRONOTE",
			EN: "one logs in to the hosting console with the “numéro d'hébergement” (hosting number) and a password “transmis par SMS” (sent by SMS), without a PRONOTE account",
		},
		Ref:   refHostingHelp,
		URL:   urlHostingHelp,
		Quote: "4. Saisissez le numéro d’hébergement (transmis par e-mail). 5. Saisissez votre mot de passe (transmis par SMS).",
	}
	factServerRubrique = &Fact{
		ID:     "faq.server-rubrique",
		Origin: FromIndexDoc,
		Modes:  Hosted,
		Claim: Text{
			FR: "la « rubrique Serveur PRONOTE » de la console est celle où l'on arrête la base (« arrêtez la base en cours si nécessaire ») et où l'on peut « mettre la base en service »",
			EN: "the console's “rubrique Serveur PRONOTE” (section) is where one stops the database (“arrêtez la base en cours si nécessaire”, stop the current database if need be) and can “mettre la base en service” (put the database in service)",
		},
		Ref:   refFAQHosted,
		URL:   urlFAQHosted,
		Quote: "Dans la rubrique Serveur PRONOTE, cliquez sur Charger une base. […] (arrêtez la base en cours si nécessaire). Vous pourrez alors mettre la base en service et y accéder avec le Client PRONOTE",
	}
	factIdentificationImpossible = &Fact{
		ID:     "kb.identification-impossible",
		Origin: FromIndexDoc,
		Claim: Text{
			FR: "« Identification impossible » : ce que l'ENT transmet ne correspond pas à ce que PRONOTE connaît ; cela se traite dans « Résolution des échecs d'interconnexion », l'utilisateur devant « renseigner le formulaire du message » d'erreur",
			EN: "“Identification impossible”: what the ENT sends does not match what PRONOTE holds; it is handled in “Résolution des échecs d'interconnexion”, once the user has done what the fiche calls “renseigner le formulaire du message” (fill in the form of the error message)",
		},
		Ref:   refKB1523,
		URL:   urlKB1523,
		Quote: "\"Identification impossible\" Les données d'authentification renseignées dans l'ENT ne correspondent pas aux données renseignées dans PRONOTE ; pour mettre ces données en relation, rendez-vous dans l'affichage Communication > Gestion des identités > Résolution des échecs d'interconnexion. Pour que vous puissiez intervenir, l'utilisateur qui rencontre ce problème doit renseigner le formulaire du message […]",
	}
	factSelectAll = &Fact{
		ID:     "kb.select-all",
		Origin: FromIndexDoc,
		Claim: Text{
			FR: "dans une liste d'utilisateurs de PRONOTE, « Ctrl + A » sélectionne tout",
			EN: "in a list of PRONOTE users, “Ctrl + A” selects them all",
		},
		Ref:   refKB1460,
		URL:   urlKB1460,
		Quote: "Select the concerned users. To select all users in the list, use the shortcut Ctrl + A.",
	}
	factPasswordsGenerated = &Fact{
		ID:     "help.passwords-generated",
		Origin: FromIndexDoc,
		Claim: Text{
			FR: "hors délégation, les mots de passe sont ceux de PRONOTE, « automatically generated by PRONOTE » et personnalisés à la première connexion",
			EN: "without delegation, passwords are PRONOTE's, “automatically generated by PRONOTE” and personalised at the first login",
		},
		Ref:   refPasswordHelp,
		URL:   urlPasswordHelp,
		Quote: "Except if you choose to delegate the authentication to the DW (DW), the usernames and passwords used to connect to the PRONOTE database are managed in PRONOTE. […] All the usernames and passwords are automatically generated by PRONOTE. In all cases, the user must personalize his/her password during the first connection.",
	}
	factShowResetPasswords = &Fact{
		ID:     "guide.show-reset-passwords",
		Origin: FromIndexDoc,
		Claim: Text{
			FR: "dans la liste des utilisateurs, un mot de passe pas encore personnalisé se lit en « infobulle », et « Réinitialiser le mot de passe » en donne un nouveau",
			EN: "in the list of users, a password not yet personalised reads in an “infobulle” (tooltip), and “Réinitialiser le mot de passe” (reset) gives a new one",
		},
		Ref:   refGuide227,
		URL:   urlGuide227,
		Quote: "Voir les mots de passe 1. Rendez-vous dans l’onglet souhaité : Ressources > Professeurs / Élèves / Responsables, etc. > Liste, Stages > Maîtres de stage > Liste. 2. Si la colonne Mot de passe n'est pas visible, cliquez sur le bouton en haut à droite de la liste pour l'afficher […] 3. Positionnez le curseur sur les points pour afficher le mot de passe dans une infobulle. Remarque : le mot de passe n’est plus visible quand il a été personnalisé par l’utilisateur (c’est-à dire à la première connexion). […] Réinitialiser les mots de passe 1. Rendez-vous dans l'onglet Ressources > Professeurs / Élèves / Responsables, etc. > Liste. 2. Sélectionnez les utilisateurs concernés, faites un clic droit et choisissez Réinitialiser le mot de passe.",
	}
	factEspaceUsers = &Fact{
		ID:     "faq.espace-users",
		Origin: FromIndexDoc,
		Claim: Text{
			FR: "les « maîtres de stage » vont à l'Espace Entreprise, les « inspecteurs académiques » à l'Espace Académie",
			EN: "“maîtres de stage” (internship supervisors) use Espace Entreprise, “inspecteurs académiques” (inspectors) Espace Académie",
		},
		Ref:   refFAQUsers,
		URL:   urlFAQUsers,
		Quote: "Parents, élèves, maîtres de stage, inspecteurs académiques Aux Espaces Parents, Élèves, Entreprise, Académie, le nombre de connexions simultanées à la base est illimité.",
	}
)

// Facts from other published sources.
var (
	factCASEndpoints = &Fact{
		ID:     "cas.endpoints",
		Origin: FromPublished,
		Claim: Text{
			FR: "« /login », « /serviceValidate » et les autres URI du protocole s'ajoutent à l'adresse du serveur CAS, comme dans « https://cas.example.org/cas/login »",
			EN: "“/login”, “/serviceValidate” and the protocol's other URIs are added to the CAS server's address, as in “https://cas.example.org/cas/login”",
		},
		Ref:   Text{FR: refCASSpec.FR + ", section 2 « CAS URIs »", EN: refCASSpec.EN + ", section 2 “CAS URIs”"},
		URL:   urlCASSpec,
		Quote: "CAS is an HTTP-based protocol that requires each of its components to be accessible through specific URIs. […] /login credential requestor / acceptor […] /serviceValidate service ticket validation [CAS 2.0] […] /p3/serviceValidate service ticket validation [CAS 3.0] […] Simple login example: https://cas.example.org/cas/login?service=http%3A%2F%2Fwww.example.org%2Fservice",
	}
	factUnregisteredService = &Fact{
		ID:     "cas.unregistered-service",
		Origin: FromPublished,
		Claim: Text{
			FR: "un serveur CAS qui n'accepte que ses services enregistrés « MUST deny operation and print out a meaningful message » devant un service non autorisé",
			EN: "a CAS server that accepts only its registered services “MUST deny operation and print out a meaningful message” for a service it does not allow",
		},
		Ref:   Text{FR: refCASSpec.FR + ", section 2.2.1", EN: refCASSpec.EN + ", section 2.2.1"},
		URL:   urlCASSpec,
		Quote: "If the CAS Server operates in non-open mode (Service URLs allowed to use the CAS Server are registered within the CAS Server), the CAS Server MUST deny operation and print out a meaningful message if a non-authorized service URL is presented.",
	}
	factSingleSignOn = &Fact{
		ID:     "cas.single-sign-on",
		Origin: FromPublished,
		Claim: Text{
			FR: "le CAS permet d'accéder à plusieurs applications en donnant ses identifiants « only once to a central CAS Server application »",
			EN: "CAS lets a user reach several applications giving their credentials “only once to a central CAS Server application”",
		},
		Ref:   Text{FR: refCASSpec.FR + ", section 1 « Introduction »", EN: refCASSpec.EN + ", section 1 “Introduction”"},
		URL:   urlCASSpec,
		Quote: "The Central Authentication Service (CAS) is a single-sign-on / single-sign-off protocol for the web. It permits a user to access multiple applications while providing their credentials (such as userid and password) only once to a central CAS Server application.",
	}
	factENTUsersNoPassword = &Fact{
		ID:     "published.ent-users-no-password",
		Origin: FromPublished,
		Claim: Text{
			FR: "un utilisateur d'un autre ENT arrive par « ?login=true » sur la page de connexion de PRONOTE, mais « aucun mot de passe ne nous à été communiqué »",
			EN: "a user of another ENT reaches PRONOTE's login page through “?login=true”, but “aucun mot de passe ne nous à été communiqué” (no password was given to us)",
		},
		Ref:   refPronotepy276,
		URL:   urlPronotepy276,
		Quote: "Il est possible d'accéder directement à la page connexion de Pronote (avec le petit ?login=true) mais aucun mot de passe ne nous à été communiqué et celui de éduconnect ne fonctionne pas",
	}
	factInfoMobileApp = &Fact{
		ID:     "published.infomobileapp",
		Origin: FromPublished,
		Claim: Text{
			FR: "PRONOTE.net répond sans connexion à « infoMobileApp.json » : état du CAS (« actif », « casURL »), « espaces », nom de l'établissement (« nomEtab »)",
			EN: "PRONOTE.net answers “infoMobileApp.json” without login: state of CAS (“actif”, “casURL”), “espaces”, school name (“nomEtab”)",
		},
		Ref:   refQRCodeNote,
		URL:   urlQRCodeNote,
		Quote: "A partir de l'URL Pronote (obtenue depuis le QR Code) on peut effectuer un appel vers cette URL: // https://0310047h.index-education.net/pronote/infoMobileApp.json?id=0D264427-EEFC-4810-A9E9-346942A862A4 { […] CAS: { actif: true, casURL: 'https://cas.mon-ent-occitanie.fr', […] }, espaces: [ { nom: 'Espace Direction', URL: 'mobile.direction.html' }, […] ], nomEtab: 'LYCEE OZENNE' }",
	}
)

// The site's own reasoning, where no document says it.
var (
	factOnPremUnpublished = &Fact{
		ID:     "practice.onprem-unpublished",
		Origin: FromPractice,
		Modes:  OnPrem,
		Claim: Text{
			FR: "en mode non hébergé aussi, les Espaces sont fermés tant que la base n'est pas publiée ; le message qu'ils affichent alors n'est pas décrit",
			EN: "in on-premises mode too, the Espaces are closed as long as the database is not published; the message they show then is not described",
		},
		Ref: Text{
			FR: "la fiche 1523-5294 d'Index Education, qui décrit « HTTP Error 503 », est écrite pour le mode hébergé ; la fiche 370-1526 dit, pour les deux modes, que les Espaces ne sont accessibles que publiés",
			EN: "Index Education's fiche 1523-5294, which describes “HTTP Error 503”, is written for the hosted mode; fiche 370-1526 says, for both modes, that the Espaces are reachable only when published",
		},
	}
	factOnPremPublication = &Fact{
		ID:     "practice.onprem-publication",
		Origin: FromPractice,
		Modes:  OnPrem,
		Claim:  Text{FR: "la publication s'arrête et se relance dans l'application PRONOTE.net", EN: "publication is stopped and restarted in the PRONOTE.net application"},
		Ref: Text{
			FR: "le Guide pratique 2019 dit d'arrêter « la publication » dans l'application, sans nommer le bouton : cherchez-le sur votre écran",
			EN: "the 2019 Guide pratique says to stop “la publication” (publication) in the application, without naming the button: look for it on your screen",
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
			EN: "the procedure says “type d'utilisateur” (user type) without listing them; the list follows PRONOTE's kinds of accounts. Handle every type the second drop-down offers, even one not in this list.",
		},
	}
	factPurgeInClient = &Fact{
		ID:     "practice.purge-in-client",
		Origin: FromPractice,
		Claim: Text{
			FR: "la suppression se fait dans Client PRONOTE, connecté à la base du Serveur PRONOTE",
			EN: "the deletion is done in Client PRONOTE, connected to the database on Serveur PRONOTE",
		},
		Ref: Text{
			FR: "la procédure dit « depuis Pronote Serveur » : l'opération porte sur la base du Serveur PRONOTE, mais l'onglet « Communication › Gestion des identités » est celui du Client PRONOTE, là où la procédure elle-même renvoie pour la vérification finale (« Depuis le client PRONOTE … onglet Communication »)",
			EN: "the procedure says “depuis Pronote Serveur” (from Serveur PRONOTE): the operation applies to the database on Serveur PRONOTE, but the “Communication › Gestion des identités” tab is Client PRONOTE's, where the procedure itself sends you for the final check (“Depuis le client PRONOTE … onglet Communication”)",
		},
	}
	factPurgeFirstLogin = &Fact{
		ID:     "practice.purge-first-login",
		Origin: FromPractice,
		Claim: Text{
			FR: "après la suppression, la prochaine connexion depuis l'ENT compte comme une première connexion",
			EN: "after the deletion, the next login from the ENT counts as a first login",
		},
		Ref: Text{
			FR: "déduction : la procédure dit que l'ENT envoie le nouvel identifiant « à la prochaine connexion » ; le Guide pratique 2019 (p. 131) applique le mode de reconnaissance à qui se connecte la première fois",
			EN: "inference: the procedure says the ENT sends the new identifier “à la prochaine connexion” (at the next login); the 2019 Guide pratique (p. 131) applies the recognition mode to whoever logs in for the first time",
		},
	}
	factInfoDate = &Fact{
		ID:     "practice.infomobileapp-date",
		Origin: FromPractice,
		Claim: Text{
			FR: "la « date » d'InfoMobileApp.json est l'heure à laquelle PRONOTE.net l'a servi",
			EN: "InfoMobileApp.json's “date” is the time PRONOTE.net served it",
		},
		Ref: Text{
			FR: "déduction de ce site : la note publique qui montre le fichier le date à la milliseconde, près d'un jeton CAS qui change à chaque requête",
			EN: "this site's inference: the public note that shows the file dates it to the millisecond, beside a CAS token that changes at each request",
		},
	}
	factSettingsIcon = &Fact{
		ID:     "practice.settings-icon",
		Origin: FromPractice,
		Claim:  Text{FR: "« icône de paramétrage »", EN: "“icône de paramétrage” (settings icon)"},
		Ref: Text{
			FR: "la procédure montre l'icône en image, sans nom (« Cliquez sur l'icône, sur la ligne CAS ») : ce site la décrit ainsi, ce n'est pas un libellé de PRONOTE",
			EN: "the procedure shows the icon as a picture, without a name (“Cliquez sur l'icône, sur la ligne CAS”, click the icon on the CAS line): this site describes it so; it is not a PRONOTE label",
		},
	}
	factKeepIdentification = &Fact{
		ID:     "practice.keep-identification",
		Origin: FromPractice,
		Claim: Text{
			FR: "garder « Nom de la délégation » et les « Paramètres d'identification des utilisateurs » tels que « Mon ENT » les a remplis",
			EN: "keep “Nom de la délégation” (delegation name) and the “Paramètres d'identification des utilisateurs” (user identification settings) as “Mon ENT” filled them",
		},
		Ref: Text{
			FR: "la procédure montre ces deux éléments sans dire d'y toucher, et dit de choisir l'ENT « pour récupérer automatiquement tous les paramètres » ; aucune source trouvée ne dit lequel des trois modes de reconnaissance oZe attend : ne changez rien sans l'avis d'oZe",
			EN: "the procedure shows both without saying to change them, and says to choose the ENT “pour récupérer automatiquement tous les paramètres” (to fetch all the settings automatically); no source found says which of the three recognition modes oZe expects: change nothing without oZe's advice",
		},
	}
	factSameAddresses = &Fact{
		ID:     "practice.same-addresses",
		Origin: FromPractice,
		Claim: Text{
			FR: "« Les adresses d'authentification et de validation sont différentes » reste décochée",
			EN: "“Les adresses d'authentification et de validation sont différentes” (authentication and validation addresses differ) stays unticked",
		},
		Ref: Text{
			FR: "la procédure montre la case et une seule « URL du serveur CAS » à inscrire, sans dire de cocher la case",
			EN: "the procedure shows the box and a single “URL du serveur CAS” (CAS server URL) to type, without saying to tick the box",
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
			FR: "forme des adresses des PRONOTE hébergés que l'on voit publiées (par exemple https://0310047h.index-education.net/pronote/ dans une note publique) ; la procédure montre https://pronote.index-education.net/pronote/ comme exemple. Relevez l'adresse que votre écran affiche.",
			EN: "the form of the hosted PRONOTE addresses seen published (for instance https://0310047h.index-education.net/pronote/ in a public note); the procedure shows https://pronote.index-education.net/pronote/ as an example. Note the address your screen shows.",
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
	factCopyServiceURL = &Fact{
		ID:     "practice.copy-service-url",
		Origin: FromPractice,
		Claim: Text{
			FR: "noter l'adresse telle que le champ l'affiche, copiée plutôt que retapée, pour l'assistance de l'ENT si elle la demande",
			EN: "note the address as the field shows it, copied rather than typed again, for the ENT's support should it ask",
		},
		Ref: Text{
			FR: "la procédure dit qu'avec oZe « la synchronisation se fait automatiquement après paramétrage de Pronote.NET » : rien à envoyer ; copier l'adresse évite de se demander à quel point oZe compare les adresses",
			EN: "the procedure says that with oZe “la synchronisation se fait automatiquement après paramétrage de Pronote.NET” (synchronisation is automatic once PRONOTE.net is set): nothing to send; copying the address avoids wondering how strictly oZe compares addresses",
		},
	}
	factDirectLoginFallback = &Fact{
		ID:     "practice.direct-login-fallback",
		Origin: FromPractice,
		Claim: Text{
			FR: "l'adresse de connexion directe (…/pronote/?login=true) sert de secours, avec un mot de passe PRONOTE",
			EN: "the direct-login address (…/pronote/?login=true) serves as a fallback, with a PRONOTE password",
		},
		Ref: Text{
			FR: "la procédure montre cette adresse dans la fenêtre (« URL à communiquer aux utilisateurs de PRONOTE pour une connexion directe ») sans dire s'il faut cocher l'option : c'est à l'établissement d'en décider. Qui s'en sert se connecte comme sans ENT, avec l'identifiant et le mot de passe de PRONOTE.",
			EN: "the procedure shows this address in the dialog (“URL à communiquer aux utilisateurs de PRONOTE pour une connexion directe”, URL to give PRONOTE users for a direct login) without saying whether to tick the option: the school decides. Whoever uses it logs in as without an ENT, with PRONOTE's username and password.",
		},
	}
	factRepublish = &Fact{
		ID:     "practice.republish",
		Origin: FromPractice,
		Claim:  Text{FR: "publier de nouveau la base à la fin", EN: "publish the database again at the end"},
		Ref: Text{
			FR: "la procédure demande une base non publiée pendant le réglage sans dire de la republier ; tant qu'elle ne l'est pas, les Espaces restent fermés",
			EN: "the procedure asks for an unpublished database during the change without saying to publish it again; until it is, the Espaces stay closed",
		},
	}
	factBackInService = &Fact{
		ID:     "practice.back-in-service",
		Origin: FromPractice,
		Claim:  Text{FR: "remettre la base en service à la fin", EN: "put the database back in service at the end"},
		Ref: Text{
			FR: "la procédure demande une base arrêtée pendant le réglage sans dire de la relancer ; tant qu'elle ne l'est pas, personne ne se connecte",
			EN: "the procedure asks for a stopped database during the change without saying to start it again; until it is, nobody can log in",
		},
	}
	factServerStopped = &Fact{
		ID:     "practice.server-stopped",
		Origin: FromPractice,
		Claim: Text{
			FR: "pendant l'arrêt de la base, le Client PRONOTE est coupé, et les Espaces aussi sans doute",
			EN: "while the database is stopped, Client PRONOTE is cut off, and most likely the Espaces too",
		},
		Ref: Text{
			FR: "conséquence d'une base arrêtée ; la procédure ne le dit pas. PRONOTE.net publie la base du Serveur PRONOTE : aucune source trouvée ne dit ce que montrent les Espaces quand elle n'est pas en service",
			EN: "what a stopped database means; the procedure does not say it. PRONOTE.net publishes the database of Serveur PRONOTE: no source found says what the Espaces show when it is not in service",
		},
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
	factAfterFirstLogins = &Fact{
		ID:     "practice.after-first-logins",
		Origin: FromPractice,
		Claim: Text{
			FR: "les échecs d'interconnexion n'apparaissent qu'après des connexions depuis l'ENT",
			EN: "failed interconnections appear only after logins from the ENT",
		},
		Ref: Text{
			FR: "déduction de ce site : la fiche 1523-5294 décrit « Identification impossible » comme le message d'un utilisateur qui se connecte ; tant que personne ne s'est connecté, une liste vide ne prouve rien",
			EN: "this site's inference: fiche 1523-5294 describes “Identification impossible” as the message of a user logging in; until someone has logged in, an empty list proves nothing",
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
			EN: "for the on-premises mode the procedure only says “Répétez les mêmes manipulations que pour PRONOTE.net” (repeat the same steps as for PRONOTE.net); this site applies the same step, the screens being the same",
		},
	}
	factAdminLogin = &Fact{
		ID:     "practice.admin-login",
		Origin: FromPractice,
		Claim: Text{
			FR: "avant de commencer, s'assurer qu'un compte administrateur de PRONOTE a un mot de passe PRONOTE connu",
			EN: "before starting, make sure a PRONOTE administrator account has a known PRONOTE password",
		},
		Ref: Text{
			FR: "précaution de ce site : aucune source trouvée ne dit si la délégation du Serveur PRONOTE s'applique aussi aux comptes administratifs ; un retour en arrière, la connexion directe et la « double authentification » demandent un mot de passe PRONOTE",
			EN: "this site's precaution: no source found says whether Serveur PRONOTE's delegation also applies to administrative accounts; a rollback, the direct login and “double authentification” need a PRONOTE password",
		},
	}
	factCopyLists = &Fact{
		ID:     "practice.copy-lists",
		Origin: FromPractice,
		Claim: Text{
			FR: "une liste sélectionnée se copie (Ctrl+C) et se colle dans un tableur ou le Bloc-notes",
			EN: "a selected list can be copied (Ctrl+C) and pasted into a spreadsheet or Notepad",
		},
		Ref: Text{
			FR: "usage courant de Windows ; aucune documentation d'Index Education trouvée ne décrit l'export de cette liste : si la copie ne donne rien, dites-le au support avec le rapport",
			EN: "usual Windows practice; no Index Education document found describes exporting this list: if copying gives nothing, tell support with the report",
		},
	}
	factNoPersonalData = &Fact{
		ID:     "practice.infomobileapp-no-personal-data",
		Origin: FromPractice,
		Claim: Text{
			FR: "InfoMobileApp.json ne contient aucune donnée personnelle, et dit pour chaque espace s'il passe par la délégation quand PRONOTE le publie",
			EN: "InfoMobileApp.json holds no personal data, and says for each espace whether it goes through delegation when PRONOTE publishes it",
		},
		Ref: Text{
			FR: "constaté sur les fichiers publiés : leurs champs décrivent l'établissement, pas ses utilisateurs ; le champ de délégation par espace (« avecDelegation ») est lu par des clients publics, il n'est pas documenté",
			EN: "seen in the files published: their fields describe the school, not its users; the per-espace delegation field (“avecDelegation”) is read by public clients, it is not documented",
		},
	}
)

// otherFacts are the facts no step or help row states: the pages' and the mode decision's.
func otherFacts() []*Fact { return append(PageFacts(), ModeFacts()...) }

// PageFacts returns the facts the Markdown pages cite (as [†](sources.md#kb.http-503)) that
// no step states: they are on the sources page too.
func PageFacts() []*Fact {
	return []*Fact{factSingleSignOn, factConsoleApp, factHostedAddress, factAdminLogin, factInfoMobileApp, factNoPersonalData, factHTTP503, factSelectAll, factCopyLists, factPurgeInClient}
}

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
				FR: "la procédure ne dit pas quels espaces passent par " + p.Name + " ; le tableau suit l'usage courant et suppose que les personnes extérieures à l'établissement (maîtres de stage, inspecteurs) n'ont pas de compte " + p.Name + " : l'étape dit pourquoi. La page commune suit les espaces des utilisateurs de " + p.Name + " (« Cas »). L'établissement peut choisir autrement ; le vérificateur signale alors un avertissement, pas une erreur.",
				EN: "the procedure does not say which espaces go through " + p.Name + "; the table follows usual practice and assumes that people from outside the school (internship supervisors, inspectors) have no " + p.Name + " account: the step says why. The common page follows the espaces of " + p.Name + "'s users (“Cas”). The school may choose otherwise; the checker then gives a warning, not an error.",
			},
		},
		monENT: &Fact{
			ID:     "practice.mon-ent",
			Origin: FromPractice,
			Claim:  Text{FR: "« Mon ENT : " + p.Name + " »", EN: "“Mon ENT: " + p.Name + "”"},
			Ref: Text{
				FR: "la procédure montre le champ « Mon ENT » sans valeur ; l'entrée de la liste peut porter un autre nom (celui de l'ENT ou du département)",
				EN: "the procedure shows the “Mon ENT” field without a value; the list entry may bear another name (the ENT's or the department's)",
			},
		},
	}
}
