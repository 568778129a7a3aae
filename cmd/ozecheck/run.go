package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/hds-oze/pronote-oze/checks"
	"github.com/hds-oze/pronote-oze/checks/evidence"
	"github.com/hds-oze/pronote-oze/checks/report"
	"github.com/hds-oze/pronote-oze/checks/summary"
	"github.com/hds-oze/pronote-oze/cmd/internal/checker"
	"github.com/hds-oze/pronote-oze/internal/openfile"
	"github.com/hds-oze/pronote-oze/internal/overlap"
	"github.com/hds-oze/pronote-oze/internal/terminal"
)

var errHelp = errors.New("help shown")

// pauseWhenBare makes run wait for Enter when it is started without arguments, as a double
// click in Windows' file explorer starts it: the console window closes when the command ends.
var pauseWhenBare = runtime.GOOS == "windows"

// options are the parsed command line.
type options struct {
	mode, lang, format, out, userType, fetch, site string
	purge, showPersonal, insecureHTTP, version     bool
	timeout                                        time.Duration
	files                                          []string
}

// envLang returns the language of the environment (LC_ALL, LC_MESSAGES, LANG), else French.
func envLang() checks.Lang {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l, ok := checks.ParseLang(os.Getenv(k)); ok {
			return l
		}
	}
	return checks.FR
}

// helpLang returns the language of the help and of errors before flags are parsed: --lang's if
// it is given and known, else the environment's.
func helpLang(args []string) checks.Lang {
	lang := envLang()
	for i, a := range args {
		if v, ok := strings.CutPrefix(strings.TrimLeft(a, "-"), "lang="); ok {
			if l, ok := checks.ParseLang(v); ok {
				lang = l
			}
		} else if strings.TrimLeft(a, "-") == "lang" && i+1 < len(args) {
			if l, ok := checks.ParseLang(args[i+1]); ok {
				lang = l
			}
		}
	}
	return lang
}

func parseFlags(args []string, stderr io.Writer) (*options, checks.Lang, error) {
	o := &options{}
	lang := helpLang(args)
	fl := flag.NewFlagSet("ozecheck", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	fl.StringVar(&o.mode, "mode", "", "")
	fl.BoolVar(&o.purge, "purge", false, "")
	fl.StringVar(&o.lang, "lang", string(lang), "")
	fl.StringVar(&o.format, "format", "text", "")
	fl.StringVar(&o.out, "o", "", "")
	fl.BoolVar(&o.showPersonal, "show-personal-data", false, "")
	fl.StringVar(&o.userType, "user-type", "", "")
	fl.StringVar(&o.fetch, "fetch", "", "")
	fl.BoolVar(&o.insecureHTTP, "insecure-http", false, "")
	fl.DurationVar(&o.timeout, "timeout", 20*time.Second, "")
	fl.StringVar(&o.site, "site", siteURL, "")
	fl.BoolVar(&o.version, "version", false, "")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stderr, usage.In(lang))
			return nil, lang, errHelp
		}
		return nil, lang, usageError{hinted{err, msgSeeHelp.In(lang)}}
	}
	o.files = fl.Args()
	return o, lang, nil
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "summary" {
		return runSummary(ctx, args[1:], stdin, stdout, stderr)
	}
	o, lang, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if o.version {
		fmt.Fprintf(stdout, "ozecheck %s\n", buildVersion())
		return nil
	}
	bad := func(t checks.Text, args ...any) error { return usageError{errors.New(t.Sprintf(args...).In(lang))} }
	l, ok := checks.ParseLang(o.lang)
	if !ok {
		return bad(msgBadLang, o.lang)
	}
	lang = l
	if o.format != "text" && o.format != "json" && o.format != "html" {
		return bad(msgBadFormat, o.format)
	}
	if o.timeout <= 0 { // no limit would wait forever on a silent server
		return bad(msgBadTimeout, o.timeout)
	}
	if len(o.files) == 0 && o.fetch == "" {
		fmt.Fprint(stderr, usage.In(lang))
		if len(args) == 0 && pauseWhenBare {
			// Started by a double click: the console would close before the help is read.
			fmt.Fprintf(stderr, "ozecheck: %s\n\n%s", msgNoInput.In(lang), msgPressEnter.In(lang))
			bufio.NewReader(stdin).ReadString('\n')
			return shownError{errors.New(msgNoInput.In(lang))}
		}
		return bad(msgNoInput)
	}
	if o.userType != "" {
		id, ok := evidence.ParseUserType(o.userType)
		if !ok {
			return bad(msgBadUserType, o.userType, userTypeIDs())
		}
		o.userType = id
	}

	sess := checker.New(o.showPersonal, o.userType)
	now := time.Now()
	meta := report.Meta{Version: buildVersion(), Generated: now, Lang: lang, SiteURL: o.site}
	// A contact that does not decode is dropped: the report then says where to find it.
	meta.Support, _ = checks.DecodeContact(support)

	if o.fetch != "" {
		client := &http.Client{Timeout: o.timeout}
		u, body, err := fetchInfo(ctx, client, o.fetch, o.insecureHTTP, lang)
		if err != nil {
			return usageError{err}
		}
		if _, err := sess.ReadFetched(u, bytes.NewReader(body)); err != nil {
			return usageError{localize(err, lang)}
		}
		meta.Fetched = u
	}
	if o.out != "" {
		out := overlap.New(o.out)
		for _, f := range o.files {
			if f != "-" && out.In(f) || f == "-" && out.Is(stdinFile(stdin)) {
				return bad(msgOutIsInput, o.out, f)
			}
		}
	}
	for _, f := range o.files {
		if err := readFile(sess, f, stdin); err != nil {
			return usageError{localize(err, lang)}
		}
	}

	rep, doc, err := sess.Judge(checker.Options{Mode: o.mode, Address: o.fetch, Purge: o.purge, Now: now}, meta)
	if err != nil {
		return usageError{localize(err, lang)}
	}
	if doc.Undecided() && (o.format != "text" || o.out != "") {
		// The text report on the terminal says it; a file or another format would not.
		fmt.Fprintf(stderr, "ozecheck: %s\n", rep.Decision.Said().In(checks.InTerminal, lang))
	}

	var buf bytes.Buffer
	switch o.format {
	case "json":
		err = report.JSON(&buf, doc)
	case "html":
		err = report.HTML(&buf, doc, o.showPersonal)
	default:
		err = report.Text(&buf, doc, o.out == "" && colourTerminal(stdout))
	}
	if err != nil {
		return err
	}
	if o.out != "" {
		if err := writeReport(o.out, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err }); err != nil {
			return usageError{localize(err, lang)}
		}
		fmt.Fprintln(stderr, msgWrote.Sprintf(terminal.Escape(o.out)).In(lang))
	} else if _, err := stdout.Write(buf.Bytes()); err != nil {
		return err
	}
	if rep.Failed() {
		return errFailed
	}
	return nil
}

// localize returns err in lang when it is an input error, as it is otherwise.
func localize(err error, lang checks.Lang) error {
	var ie *evidence.InputError
	if errors.As(err, &ie) {
		return errors.New(ie.In(lang))
	}
	var oe *outputError
	if errors.As(err, &oe) {
		return errors.New(oe.In(lang))
	}
	var ce *checker.Error
	if errors.As(err, &ce) {
		return errors.New(ce.In(lang))
	}
	var se *summary.InputsError
	if errors.As(err, &se) {
		return errors.New(se.In(lang))
	}
	return err
}

// readFile reads one input; "-" is standard input.
func readFile(sess *checker.Session, name string, stdin io.Reader) error {
	if name == "-" {
		_, err := sess.Read("stdin", stdin)
		return err
	}
	f, err := openfile.Read(name) // a named pipe no program writes to reads as empty
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return &evidence.InputError{File: name, Msg: checks.Text{FR: err.Error(), EN: err.Error()}, Err: err}
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return &evidence.InputError{File: name, Msg: msgIsFolder}
	}
	_, err = sess.Read(name, f)
	return err
}

// colourTerminal reports whether w is a terminal that colours may be written to.
func colourTerminal(w io.Writer) bool {
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0 && os.Getenv("TERM") != "dumb"
}

func buildVersion() string {
	if version != "dev" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return version
}

// stdinFile describes standard input when it is a file (a redirection), nil otherwise.
func stdinFile(stdin io.Reader) os.FileInfo {
	f, ok := stdin.(interface{ Stat() (os.FileInfo, error) })
	if !ok {
		return nil
	}
	st, err := f.Stat()
	if err != nil {
		return nil
	}
	return st
}
