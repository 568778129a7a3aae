// Package site builds the static site from a content tree: content/site.toml, and Markdown
// pages in one folder per language, paired by path.
//
// # Filesystem seam
//
// A [Builder] reads its source through one afero.Fs and publishes through another: the OS in
// production, afero.MemMapFs in tests. The output folder is replaced atomically: the new site
// is written beside it and renamed into place (on Linux, exchanged with the previous one in one
// step), so a failed or killed build leaves the previous site untouched.
//
// # Publishing
//
// A site is a list of outputs, each a site path and a function that makes its bytes: the
// pages first, then the files made from the whole site (assets and the stylesheet, the root
// and 404 pages, the JSON Schemas, the checker's downloads, the PDF checklists). A build makes
// them into a staging folder, checks the pages' weight, then swaps the folder in; "sitegen
// serve" makes the pages an edit touches into memory, checks them, then replaces them in the
// served folder, each atomically. A new kind of file is one more entry in siteOutputs.
//
// # Build errors
//
// Every problem a build finds is reported, not just the first, each as
// "content/<lang>/<file>.md:<line>: …" (see [FileError]): an unknown checklist, a page
// without its translation, a broken internal link or anchor, a French page linking into
// English content without saying so, front matter with unknown keys.
//
// # Links
//
// Authors link pages by their source path, relative to the page ("hosted.md#net.cas-url"),
// or by their site path ("/fr/mode-heberge/"). Both are checked and rewritten to relative
// URLs, so the site works under any base path. A link into the other language must say so
// with the title "hreflang=<lang>", which becomes the link's hreflang attribute.
package site
