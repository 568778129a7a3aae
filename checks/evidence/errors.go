package evidence

import (
	"fmt"

	"github.com/hds-oze/pronote-oze/checks"
)

// InputError is a problem with one input file, said in both languages.
type InputError struct {
	File   string
	Line   int // 1-based, 0 when unknown
	Column int // 1-based, 0 when unknown
	// Msg says what is wrong and what was expected.
	Msg checks.Text
	// Err is the kind of problem ([ErrEmpty], …) for errors.Is, or the underlying error.
	Err error
}

// In returns the error in lang: "file:line:col: message".
func (e *InputError) In(lang checks.Lang) string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg.In(lang))
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg.In(lang))
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg.In(lang))
}

func (e *InputError) Error() string { return e.In(checks.EN) }
func (e *InputError) Unwrap() error { return e.Err }

// Problem is a kind of input problem, a sentinel for errors.Is with its text in both
// languages.
type Problem struct{ checks.Text }

func (p *Problem) Error() string { return p.EN }

// The kinds of problem callers may branch on.
var (
	ErrEmpty       = &Problem{checks.Text{FR: "fichier vide", EN: "empty file"}}
	ErrBinary      = &Problem{checks.Text{FR: "données binaires, pas du texte : attendu InfoMobileApp.json, un fichier de réponses ou un export des identités", EN: "binary data, not text: expected InfoMobileApp.json, an answers file or an identity list export"}}
	ErrUnknownJSON = &Problem{checks.Text{FR: "JSON qui n'est ni InfoMobileApp.json (nomEtab, espaces, CAS) ni un fichier de réponses (\"kind\": \"pronote-oze-answers\")", EN: "JSON that is neither InfoMobileApp.json (nomEtab, espaces, CAS) nor an answers file (\"kind\": \"pronote-oze-answers\")"}}
	ErrNoIDColumn  = &Problem{checks.Text{FR: "pas de colonne d'identifiant CAS", EN: "no CAS identifier column"}}
	ErrTruncated   = &Problem{checks.Text{FR: "UTF-16 tronqué : nombre d'octets impair", EN: "truncated UTF-16: odd number of bytes"}}
	ErrSpreadsheet = &Problem{checks.Text{FR: "classeur Excel (.xlsx ou .xls), pas un export texte : enregistrez la liste au format CSV ou texte (Unicode), puis donnez ce fichier", EN: "an Excel workbook (.xlsx or .xls), not a text export: save the list as CSV or Unicode text, then give that file"}}
	ErrTooNew      = &Problem{checks.Text{FR: "fichier de réponses d'un format plus récent que ce vérificateur", EN: "answers file format is newer than this checker"}}
)

// Texts returns every message and problem text of the readers, by name, for the test of both
// languages: a new message is listed here. They are plain values rather than a table filled
// at init, which the browser's checker (WebAssembly) would carry for nothing.
func Texts() map[string]checks.Text {
	return map[string]checks.Text{
		"msgCannotRead":    msgCannotRead,
		"msgInvalidJSON":   msgInvalidJSON,
		"msgNotObject":     msgNotObject,
		"msgEspaces":       msgEspaces,
		"msgCAS":           msgCAS,
		"msgAnswerType":    msgAnswerType,
		"msgAnswerDate":    msgAnswerDate,
		"msgAnswerOther":   msgAnswerOther,
		"msgNoFormat":      msgNoFormat,
		"msgTooNewMore":    msgTooNewMore,
		"msgProfile":       msgProfile,
		"msgTooLarge":      msgTooLarge,
		"msgSecondAnswers": msgSecondAnswers,
		"msgSecondInfo":    msgSecondInfo,
		"msgNoIDMore":      msgNoIDMore,
		"msgBareQuote":     msgBareQuote,
		"msgSameFile":      msgSameFile,
		"msgDupKey":        msgDupKey,
		"msgTooLong":       msgTooLong,
		"msgUnclosed":      msgUnclosed,
		"msgUnclosedLong":  msgUnclosedLong,
		"msgQuote":         msgQuote,
		"ErrEmpty":         ErrEmpty.Text,
		"ErrBinary":        ErrBinary.Text,
		"ErrUnknownJSON":   ErrUnknownJSON.Text,
		"ErrNoIDColumn":    ErrNoIDColumn.Text,
		"ErrTruncated":     ErrTruncated.Text,
		"ErrSpreadsheet":   ErrSpreadsheet.Text,
		"ErrTooNew":        ErrTooNew.Text,
	}
}

// problem returns the error of kind p at file:line:col, with more said after it.
func problem(file string, line, col int, p *Problem, more ...checks.Text) *InputError {
	msg := p.Text
	for _, m := range more {
		msg = checks.Text{FR: msg.FR + " : " + m.FR, EN: msg.EN + ": " + m.EN}
	}
	return &InputError{File: file, Line: line, Column: col, Msg: msg, Err: p}
}

// inputErr returns an error at file:line:col whose message is msg formatted with args.
func inputErr(file string, line, col int, msg checks.Text, args ...any) *InputError {
	return &InputError{File: file, Line: line, Column: col, Msg: msg.Sprintf(args...)}
}

// Messages of the readers, in both languages.
var (
	msgCannotRead    = checks.Text{FR: "lecture impossible : %v", EN: "cannot read: %v"}
	msgInvalidJSON   = checks.Text{FR: "JSON invalide : %v", EN: "invalid JSON: %v"}
	msgNotObject     = checks.Text{FR: "un objet JSON était attendu, pas %s", EN: "expected a JSON object, got %s"}
	msgEspaces       = checks.Text{FR: "« espaces » doit être une liste d'objets", EN: "\"espaces\" must be a list of objects"}
	msgCAS           = checks.Text{FR: "« CAS » doit être un objet avec actif et casURL", EN: "\"CAS\" must be an object with actif and casURL"}
	msgAnswerType    = checks.Text{FR: "fichier de réponses : le champ %q doit être de type %s, pas %s", EN: "answers file: field %q must be %s, got %s"}
	msgAnswerDate    = checks.Text{FR: "fichier de réponses : une date n'est pas au format RFC 3339 (2026-11-29T10:00:00Z) : %q", EN: "answers file: a date is not in RFC 3339 form (2026-11-29T10:00:00Z): %q"}
	msgAnswerOther   = checks.Text{FR: "fichier de réponses : %v", EN: "answers file: %v"}
	msgNoFormat      = checks.Text{FR: "fichier de réponses : « format » manquant (attendu %d)", EN: "answers file: missing \"format\" (expected %d)"}
	msgTooNewMore    = checks.Text{FR: "format %d, ce vérificateur lit le %d ; téléchargez la dernière version d'ozecheck", EN: "format %d, this checker reads %d; download the latest ozecheck"}
	msgProfile       = checks.Text{FR: "le fichier de réponses concerne l'ENT %q, le vérificateur vérifie %q", EN: "answers file is for ENT profile %q, the checker checks %q"}
	msgTooLarge      = checks.Text{FR: "JSON de plus de %d Mio : ni InfoMobileApp.json ni un fichier de réponses", EN: "JSON larger than %d MiB: not InfoMobileApp.json nor an answers file"}
	msgSecondAnswers = checks.Text{FR: "un second fichier de réponses (le premier était %s) : n'en donnez qu'un", EN: "a second answers file (the first was %s): give one"}
	msgSecondInfo    = checks.Text{FR: "un second InfoMobileApp.json (le premier était %s) : n'en donnez qu'un", EN: "a second InfoMobileApp.json (the first was %s): give one"}
	msgNoIDMore      = checks.Text{FR: "l'en-tête contient %s ; attendu l'une de %s (exportez la liste avec cette colonne affichée)", EN: "the header has %s; expected one of %s (export the list with that column shown)"}
	msgBareQuote     = checks.Text{FR: "guillemet \" dans un champ qui ne commence pas par un guillemet : lu comme du texte, comme le font Excel et LibreOffice (%d en tout, en ligne:colonne %s)", EN: "\" inside a field that does not start with one: read as text, as Excel and LibreOffice do (%d in all, at line:column %s)"}
	msgSameFile      = checks.Text{FR: "même contenu que %s (même SHA-256) : le fichier a été donné deux fois, il n'est lu qu'une fois", EN: "same content as %s (same SHA-256): the file was given twice, it is read once"}
	msgDupKey        = checks.Text{FR: "la clé %q apparaît deux fois dans le même objet (d'abord ligne %d) : seule la dernière valeur est lue", EN: "key %q appears twice in the same object (first at line %d): only the last value is read"}
	msgTooLong       = checks.Text{FR: "ligne de plus de %d Kio : les lignes d'un export des identités font quelques centaines d'octets ; est-ce le bon fichier ?", EN: "line longer than %d KiB: an identity export's lines are a few hundred bytes; is this the right file?"}
	msgUnclosed      = checks.Text{FR: "guillemet ouvert ici et jamais fermé : le champ irait jusqu'à la fin du fichier", EN: "quote opened here and never closed: the field would run to the end of the file"}
	msgUnclosedLong  = checks.Text{FR: "guillemet ouvert ici et pas fermé dans les %d Kio qui suivent : manque-t-il un guillemet fermant ?", EN: "quote opened here and not closed within the next %d KiB: is a closing quote missing?"}
	msgQuote         = checks.Text{FR: "guillemet \" mal placé dans un champ entre guillemets", EN: "extraneous or missing \" in quoted field"}
)
