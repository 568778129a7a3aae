package pdf

import (
	"strings"
)

// piece is a run's text placed on a line: at x millimetres from the line's start, w wide,
// trim wide without the spaces it ends with.
type piece struct {
	Run
	x, w, trim float64
}

// font sets the font of run r at size (points): a step's ID smaller.
func (p *paper) font(r Run, size float64) {
	style := ""
	if r.Bold {
		style = "B"
	}
	if r.Small {
		size = smallSize
	}
	p.SetFont("dejavu", style, size)
}

// flow lays runs out in lines of at most w millimetres at size points. Lines break at
// spaces and, inside a word, only after a "/" (an address: "https://host/" "path/"); a run
// that follows a word without a space (a mark) stays on its line; a word wider than a line,
// which no line could hold, is cut where the line ends.
func (p *paper) flow(runs []Run, w, size float64) [][]piece {
	var lines [][]piece
	var line []piece
	x := 0.0
	end := func() {
		// A line does not end with the space before the break.
		if n := len(line); n > 0 {
			last := &line[n-1]
			last.Text, last.w = strings.TrimRight(last.Text, " "), last.trim
		}
		lines = append(lines, line)
		line, x = nil, 0
	}
	for _, r := range runs {
		p.font(r, size)
		for j, word := range breaks(r.Text) {
			ww := p.GetStringWidth(strings.TrimRight(word, " "))
			if x > 0 && x+ww > w {
				// A run that starts with no space after the word before (a source's mark
				// after its word) is glued to it: the word goes to the next line with it,
				// as a browser lays them out.
				var carry []piece
				if n := len(line); j == 0 && n > 1 && !strings.HasSuffix(line[n-1].Text, " ") && !strings.HasSuffix(line[n-1].Text, "/") {
					carry, line = []piece{line[n-1]}, line[:n-1]
				}
				end()
				for _, c := range carry {
					c.x = x
					line = append(line, c)
					x += c.w
				}
				if len(carry) == 0 {
					word = strings.TrimLeft(word, " ")
					ww = p.GetStringWidth(strings.TrimRight(word, " "))
				}
			}
			for x == 0 && ww > w && len(word) > 1 {
				cut := fit(word, w, p.GetStringWidth)
				cw := p.GetStringWidth(word[:cut])
				line = append(line, piece{Run: withText(r, word[:cut]), w: cw, trim: cw})
				end()
				word = word[cut:]
				ww = p.GetStringWidth(strings.TrimRight(word, " "))
			}
			full := p.GetStringWidth(word)
			line = append(line, piece{Run: withText(r, word), x: x, w: full, trim: ww})
			x += full
		}
	}
	if len(line) > 0 || len(lines) == 0 {
		end()
	}
	return lines
}

// breaks cuts text into the pieces a line may end after: each word with the spaces after it,
// and a word holding a "/" after each "/" that does not start "//" ("https://host/a/b"
// gives "https://host/", "a/", "b"). No-break spaces join words.
func breaks(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); i++ {
		switch {
		case text[i] == ' ':
			for i+1 < len(text) && text[i+1] == ' ' {
				i++
			}
			out = append(out, text[start:i+1])
			start = i + 1
		case text[i] == '/' && i+1 < len(text) && text[i+1] != '/' && text[i+1] != ' ' && !strings.HasSuffix(text[:i+1], "://"):
			out = append(out, text[start:i+1])
			start = i + 1
		}
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

// fit returns how many bytes of word fit in w, at least one character.
func fit(word string, w float64, width func(string) float64) int {
	cut := 0
	for i := range word {
		if i > 0 && width(word[:i]) > w {
			break
		}
		cut = i
	}
	if cut == 0 {
		for i := range word {
			if i > 0 {
				return i
			}
		}
		return len(word)
	}
	return cut
}

func withText(r Run, text string) Run {
	r.Text = text
	return r
}

// write draws lines at x, from the current position down, in colour c (a step's ID grey),
// starting a new page when a line would cross the bottom margin.
func (p *paper) write(lines [][]piece, x, size float64, c [3]int) {
	h := lineH(size)
	for _, line := range lines {
		p.keep(h, 0)
		y := p.GetY()
		for _, pc := range line {
			p.font(pc.Run, size)
			col := c
			if pc.Small {
				col = grey
			}
			p.SetTextColor(col[0], col[1], col[2])
			// The baseline sits where a browser puts it in a line of this height.
			p.Text(x+pc.x, y+h/2+size*ptMM*0.35, pc.Text)
			if pc.URL != "" {
				p.LinkString(x+pc.x, y, pc.w, h, pc.URL)
			}
		}
		p.SetY(y + h)
	}
	p.SetTextColor(black[0], black[1], black[2])
}
