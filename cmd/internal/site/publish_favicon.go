package site

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"math"
)

// favicon returns /favicon.ico, the icon browsers ask for at the root whatever the page says:
// the same picture as the theme's favicon.svg (a white tick on the site's blue), drawn at
// 32 × 32 and stored as a PNG inside an ICO file. It is drawn, not read, so that the same
// sources always give the same bytes.
func favicon() ([]byte, error) {
	const size = 32
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	blue := color.NRGBA{0x0b, 0x5c, 0xad, 0xff}
	white := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	// The tick: two strokes 4 px wide, as in favicon.svg.
	strokes := [][4]float64{{8, 16.5, 13.5, 22}, {13.5, 22, 24.5, 10}}
	for y := range size {
		for x := range size {
			px, py := float64(x)+.5, float64(y)+.5
			if !inRoundedSquare(px, py, size, 6) {
				continue
			}
			c := blue
			for _, s := range strokes {
				if distToSegment(px, py, s) <= 2 {
					c = white
				}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, img); err != nil {
		return nil, err
	}
	var ico bytes.Buffer
	// ICONDIR (reserved, type 1 = icon, 1 image), then one ICONDIRENTRY pointing past both.
	_ = binary.Write(&ico, binary.LittleEndian, []uint16{0, 1, 1})
	ico.Write([]byte{size, size, 0, 0})
	_ = binary.Write(&ico, binary.LittleEndian, []uint16{1, 32})
	_ = binary.Write(&ico, binary.LittleEndian, []uint32{uint32(pngData.Len()), 6 + 16})
	ico.Write(pngData.Bytes())
	return ico.Bytes(), nil
}

func inRoundedSquare(x, y, size, r float64) bool {
	cx := math.Max(r, math.Min(size-r, x))
	cy := math.Max(r, math.Min(size-r, y))
	return math.Hypot(x-cx, y-cy) <= r
}

func distToSegment(x, y float64, s [4]float64) float64 {
	dx, dy := s[2]-s[0], s[3]-s[1]
	t := ((x-s[0])*dx + (y-s[1])*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(x-s[0]-t*dx, y-s[1]-t*dy)
}
