// Package markdown configures goldmark for the site: GitHub Flavored Markdown, heading IDs
// that keep French words readable, chroma highlighting with CSS classes, French typography on
// French pages, and the checklist block.
//
// # Generated blocks
//
// A fenced block whose info string starts with a registered name becomes a [Block] node
// ([NewBlocks]). "checklist <id>" holds the checklist of that ID from package checks
// ([ChecklistBlock]); the site builder registers others ("downloads", "statuses"). Blocks are
// rendered by functions the builder supplies, in the page's language. An unknown ID is
// recorded as a [PosError] in the parser.Context; the builder turns it into
// "content/<lang>/<file>.md:<line>: …".
//
// # Highlighting
//
// The same code in the same language is always highlighted the same: [NewHighlighter] turns
// off, for the whole process, the match timeout chroma sets on its lexers' regular
// expressions, which on a loaded machine would make a slow match count as no match. So a
// [Cache] entry is what any build would have produced. Since nothing then bounds a lexer's
// time, a block past [MaxHighlightLine] or [MaxHighlightCost], or that its lexer cannot get
// through, is shown as plain text, with a [Note] the builder prints ([Notes]).
//
// # Cost
//
// goldmark's time grows faster than the page with deep nesting and many brackets.
// [CheckCost] bounds what one page may cost (size, indentation depth, brackets) so that the
// builder can refuse a page, at its line, before parsing it.
//
// # Per-page data
//
// The page's language and an opaque page value travel in the parser.Context ([NewContext]),
// never in globals, so one goldmark instance per language serves every page concurrently.
package markdown
