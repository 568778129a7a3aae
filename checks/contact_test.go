package checks

import "testing"

func TestContact(t *testing.T) {
	none := Contact{}
	if got := none.Line(FR); got != FallbackContact().FR {
		t.Errorf("no contact in French = %q", got)
	}
	if got := none.Line(EN); got != FallbackContact().EN {
		t.Errorf("no contact in English = %q", got)
	}
	if none.Encode() != "" {
		t.Errorf("no contact encodes as %q, want empty", none.Encode())
	}
	c := Contact{Name: "Assistance ENT : collèges", Address: "1 rue X, 92000 Nanterre", Email: "ent@example.org"}
	if got, want := c.Line(FR), "Assistance ENT\u202f: collèges, 1 rue X, 92000 Nanterre, ent@example.org"; got != want {
		t.Errorf("Line(FR) = %q, want %q", got, want)
	}
	back, err := DecodeContact(c.Encode())
	if err != nil || back != c {
		t.Errorf("DecodeContact(Encode()) = %+v, %v; want %+v", back, err, c)
	}
	if _, err := DecodeContact("not base64!"); err == nil {
		t.Error("DecodeContact accepted garbage")
	}
}
