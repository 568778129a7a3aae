package checks

// CASURLTrailingSlash says whether « URL du serveur CAS » may end with one "/" more than the
// profile's URL. No source establishes it: the procedure gives one exact URL, and the CAS
// specification says nothing of a final "/" on the base. So a final "/" is not taken as right:
// the rule's TestSlash warns, asking for the exact URL. This is the one value to change when
// a source says a final "/" works.
const CASURLTrailingSlash = false

// casEndpoints are the paths a CAS server serves under its base URL. A base URL that ends in
// one of them was copied from a login page instead of the dialog.
// Longer paths come first, so that a suffix is named in full.
var casEndpoints = []string{
	"/p3/serviceValidate", "/p3/proxyValidate", "/serviceValidate", "/proxyValidate",
	"/samlValidate", "/validate", "/login", "/logout",
}

// CASURLRule is what « URL du serveur CAS » must hold, on PRONOTE.net as on Serveur PRONOTE:
// the profile's CAS URL, exactly, up to the case of the host. A URL that differs only by its
// final "/" is a warning, not a failure: no source says whether it works (see
// [CASURLTrailingSlash]). Each way of getting it wrong says what to change.
func CASURLRule(p *Profile) *ValueRule {
	return &ValueRule{
		Want:          p.CASURL,
		TrailingSlash: CASURLTrailingSlash,
		Tests: []ValueTest{
			{Test: TestEmpty, Status: Fail, Stop: true, Why: Text{
				FR: "L'URL du serveur CAS est vide ; il faut {want}.",
				EN: "The CAS server URL is empty; it must be {want}.",
			}},
			{Test: TestSpace, Status: Fail, Stop: true, Why: Text{
				FR: "L'URL contient une espace : retirez-la ; il faut {want}.",
				EN: "The URL holds a space: remove it; it must be {want}.",
			}},
			{Test: TestNotURL, Status: Fail, Stop: true, Why: Text{
				FR: "« {got} » n'est pas une URL complète ; il faut {want}.",
				EN: "“{got}” is not a full URL; it must be {want}.",
			}},
			{Test: TestScheme, Args: []string{"https"}, Status: Fail, Why: Text{
				FR: "L'URL commence par {part}:// ; le CAS exige https:// ({want}).",
				EN: "The URL starts with {part}://; CAS requires https:// ({want}).",
			}},
			{Test: TestUserInfo, Status: Fail, Why: Text{
				FR: "L'URL contient un identifiant ou un mot de passe ; retirez-les.",
				EN: "The URL holds a user name or password; remove them.",
			}},
			{Test: TestQuery, Status: Fail, Why: Text{
				FR: "L'URL contient un « ? » ou un « # » ; l'URL de base n'en a pas : {want}.",
				EN: "The URL has a ? or # part; the base URL has none: {want}.",
			}},
			{Test: TestSuffix, Args: casEndpoints, Status: Fail, Why: Text{
				FR: "L'URL se termine par {part} : donnez l'URL de base, sans ce suffixe ({want}).",
				EN: "The URL ends with {part}: give the base URL, without that suffix ({want}).",
			}},
			{Test: TestHost, Status: Fail, Why: Text{
				FR: "Le serveur est {part} au lieu de {wantpart} : ce n'est pas le CAS de l'ENT attendu.",
				EN: "The server is {part} instead of {wantpart}: not the expected ENT's CAS.",
			}},
			{Test: TestRealm, Status: Fail, Why: Text{
				FR: "Le royaume (realm) est « {part} » au lieu de « {wantpart} » : corrigez l'URL en {want}.",
				EN: "The realm is “{part}” instead of “{wantpart}”: change the URL to {want}.",
			}},
			{Test: TestSlash, Status: Warn, Why: Text{
				FR: "L'URL diffère par sa barre « / » finale : la procédure donne l'URL sans « / » final ; aucune source ne dit qu'un « / » de plus fonctionne : inscrivez exactement {want}.",
				EN: "The URL differs by its final /: the procedure gives the URL without a final /; no source says one more / works: type exactly {want}.",
			}},
			{Test: TestPath, Status: Fail, Unless: []Test{TestSuffix, TestRealm, TestSlash}, Why: Text{
				FR: "Le chemin est « {part} » au lieu de « {wantpart} » : corrigez l'URL en {want}.",
				EN: "The path is “{part}” instead of “{wantpart}”: change the URL to {want}.",
			}},
		},
		OK: Text{FR: "L'URL du serveur CAS est la bonne : {got}.", EN: "The CAS server URL is right: {got}."},
	}
}

// ServiceURLRule is what « URL à communiquer au socle ENT » must look like: the school's own
// PRONOTE address, so only its form is judged — https, PRONOTE's root rather than an
// espace's page or the direct-login address, a final "/" (the ENT compares addresses
// exactly). In each mode, an address of the other mode's form is a warning: hosted
// addresses are on index-education.net (usual practice, see the step's facts).
func ServiceURLRule(p *Profile) *ValueRule {
	practice := FromPractice.Mark()
	return &ValueRule{
		Tests: []ValueTest{
			{Test: TestSpace, Status: Fail, Stop: true, Why: Text{
				FR: "L'adresse contient une espace : retirez-la.",
				EN: "The address holds a space: remove it.",
			}},
			{Test: TestNotURL, Status: Fail, Stop: true, Why: Text{
				FR: "« {got} » n'est pas une URL complète.",
				EN: "“{got}” is not a full URL.",
			}},
			{Test: TestScheme, Args: []string{"https"}, Status: Fail, Why: Text{
				FR: "L'adresse de PRONOTE doit être en https:// : l'ENT refuserait une adresse de service qu'il n'a pas enregistrée.",
				EN: "PRONOTE's address must use https://: the ENT would refuse a service address it has not registered.",
			}},
			{Test: TestQuery, Status: Fail, Why: Text{
				FR: "L'adresse contient un « ? » ou un « # » : c'est celle de la connexion directe, pas celle à communiquer à l'ENT (…/pronote/).",
				EN: "The address has a ? or # part: that is the direct-login address, not the one to give to the ENT (…/pronote/).",
			}},
			{Test: TestSuffix, Args: []string{".html"}, Status: Fail, Why: Text{
				FR: "Donnez la racine de PRONOTE (…/pronote/), pas la page d'un espace ({path}).",
				EN: "Give PRONOTE's root (…/pronote/), not one espace's page ({path}).",
			}},
			{Test: TestNoSlash, Status: Warn, Unless: []Test{TestSuffix}, Why: Text{
				FR: "L'adresse ne finit pas par « / » : elle doit être identique, à la barre près, à celle que " + p.Name + " a enregistrée.",
				EN: "The address does not end with /: it must match the one " + p.Name + " registered exactly, slash included.",
			}},
			{Test: TestHostOut, Args: []string{"index-education.net"}, Modes: Hosted, Status: Warn, Why: Text{
				FR: "En mode hébergé, l'adresse est d'ordinaire " + p.ServiceURLExample + practice + ", pas {part} : vérifiez que votre PRONOTE est bien hébergé.",
				EN: "In hosted mode, the address is usually " + p.ServiceURLExample + practice + ", not {part}: check that your PRONOTE is hosted.",
			}},
			{Test: TestHostIn, Args: []string{"index-education.net"}, Modes: OnPrem, Status: Warn, Why: Text{
				FR: "{part} est l'adresse d'un PRONOTE hébergé par Index Education" + practice + " : suivez la procédure du mode hébergé.",
				EN: "{part} is the address of a PRONOTE hosted by Index Education" + practice + ": follow the hosted mode's procedure.",
			}},
		},
		OK: Text{FR: "Adresse à communiquer à l'ENT bien formée : {got}", EN: "Well-formed address for the ENT: {got}"},
	}
}
