// Package markdown configures goldmark for the site: GitHub Flavored Markdown, heading IDs
// that keep French words readable, chroma highlighting with CSS classes, French typography on
// French pages, and the checklist block.
//
// # The checklist block
//
// A fenced block whose info string is "checklist <id>" becomes a [Checklist] node holding the
// checklist of that ID from package checks. The node is rendered by a function the site
// builder supplies, in the page's language. An unknown ID is recorded as a [PosError] in the
// parser.Context; the builder turns it into "content/<lang>/<file>.md:<line>: …".
//
// # Per-page data
//
// The page's language and an opaque page value travel in the parser.Context ([NewContext]),
// never in globals, so one goldmark instance per language serves every page concurrently.
package markdown
