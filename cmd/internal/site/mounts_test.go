package site

import (
	"slices"
	"strings"
	"testing"
)

// TestParseMountInfo reads mount points as Linux lists them, escapes and all.
func TestParseMountInfo(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
		wantErr    bool
	}{
		{"two mounts", "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/vda rw\n" +
			"40 22 0:35 / /srv/public/uploads rw - tmpfs tmpfs rw\n", []string{"/", "/srv/public/uploads"}, false},
		{"a space, a tab and a backslash escaped", `41 22 0:36 / /srv/my\040site/a\011b\134c rw - tmpfs tmpfs rw` + "\n",
			[]string{"/srv/my site/a\tb\\c"}, false},
		{"a backslash not followed by three octal digits stays", `41 22 0:36 / /srv/x\9 rw - tmpfs tmpfs rw`, []string{`/srv/x\9`}, false},
		{"a line of four fields", "41 22 0:36 /\n", nil, true},
		{"nothing", "", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseMountInfo(strings.NewReader(tc.text))
			if (err != nil) != tc.wantErr || !slices.Equal(got, tc.want) {
				t.Errorf("got %q, %v; want %q, error %v", got, err, tc.want, tc.wantErr)
			}
		})
	}
}
