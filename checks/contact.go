package checks

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
)

// Contact is who admins send the checker's report to: the site's [support] setting, stamped
// into the checker it serves. The project invents none: a site built without it tells the
// admin where to find theirs instead.
type Contact struct {
	Name    string `json:"name,omitempty"`
	Address string `json:"address,omitempty"`
	Email   string `json:"email,omitempty"`
}

// IsZero reports whether no part of the contact is set.
func (c Contact) IsZero() bool { return c == Contact{} }

// FallbackContact is what the site and the reports say when no contact is set: an
// instruction that names the support the admin already uses for the ENT's accounts, not a
// contact of its own, nor one that sends the reader (the school's management or digital
// referent) back to themselves. No public page naming the oZe support channel was found.
func FallbackContact() Text {
	return Text{
		FR: "l'assistance de votre ENT, celle à qui vous demandez de l'aide pour les comptes des utilisateurs (aucune page publique trouvée n'en donne l'adresse, et ce site n'en invente pas)",
		EN: "your ENT's support, the one you ask for help with users' accounts (no public page found gives its address, and this site invents none)",
	}
}

// LabelSendTo introduces the contact the report goes to.
func LabelSendTo() Text {
	return Text{FR: "À qui envoyer le rapport", EN: "Who to send the report to"}
}

// Line returns the contact on one line ("Name, address, e-mail"), or the fallback in lang.
func (c Contact) Line(l Lang) string {
	var parts []string
	for _, p := range []string{c.Name, c.Address, c.Email} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return FallbackContact().In(l)
	}
	return l.Typeset(strings.Join(parts, ", "))
}

// Encode returns the contact as one token safe in a linker flag (base64 of its JSON); "" for
// no contact.
func (c Contact) Encode() string {
	if c.IsZero() {
		return ""
	}
	b, _ := json.Marshal(c) // a struct of strings always marshals
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeContact reverses [Contact.Encode]; "" gives no contact.
func DecodeContact(s string) (Contact, error) {
	var c Contact
	if s == "" {
		return c, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return c, fmt.Errorf("support contact: %w", err)
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, fmt.Errorf("support contact: %w", err)
	}
	return c, nil
}
