package checks

import (
	"strconv"
	"strings"
	"time"
)

// The numbers and dates a reader sees are written in the reader's language, in one place: a
// decimal comma and « Mo » in French (« 5,5 Mo »), the month's name rather than a numeric
// date (« 7 décembre 2026 », "7 December 2026", never 12/7/2026).

// Decimal returns x with prec digits after the decimal separator of lang: a comma in French,
// a point in English.
func (l Lang) Decimal(x float64, prec int) string {
	s := strconv.FormatFloat(x, 'f', prec, 64)
	if l == FR {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// Megabytes returns a size of n bytes in megabytes (10⁶ bytes), one decimal, with the unit
// of lang: « 5,5 Mo », "5.5 MB".
func (l Lang) Megabytes(n int64) string {
	unit := " MB"
	if l == FR {
		unit = NBSP + "Mo"
	}
	return l.Decimal(float64(n)/1e6, 1) + unit
}

var months = [2][12]string{
	{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// Date returns t's day in lang: « 7 décembre 2026 », "7 December 2026" (« 1er » in French).
func (l Lang) Date(t time.Time) string {
	day, i := strconv.Itoa(t.Day()), 1
	if l == FR {
		i = 0
		if t.Day() == 1 {
			day = "1er"
		}
	}
	return day + " " + months[i][t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// DateTime returns t's day and time in lang, with its zone when it is UTC: « 7 décembre 2026
// à 10:04 UTC », "7 December 2026 at 10:04 UTC".
func (l Lang) DateTime(t time.Time) string {
	at := " at "
	if l == FR {
		at = " à "
	}
	s := l.Date(t) + at + t.Format("15:04")
	if name, off := t.Zone(); off == 0 && (name == "UTC" || name == "Z" || name == "") {
		s += " UTC"
	}
	return s
}

// DateText returns t's day in both languages ([Lang.Date]).
func DateText(t time.Time) Text { return Text{FR: FR.Date(t), EN: EN.Date(t)} }

// DateTimeText returns t's day and time in both languages ([Lang.DateTime]).
func DateTimeText(t time.Time) Text { return Text{FR: FR.DateTime(t), EN: EN.DateTime(t)} }
