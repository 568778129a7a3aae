// Package site builds the static site from a content tree: content/site.toml, and Markdown
// pages in one folder per language, paired by path.
//
// # The pipeline
//
// A build ([Builder.Build]) goes through five stages, each in the files named after it:
//
//   - load (site.go, load*.go): read site.toml, find the pages, read their front matter,
//     pair the translations, give each page its URL and each language its navigation. A page
//     that may hold its checklist (whose slug makes its URL) is parsed and scanned now; the
//     others later.
//   - render (render*.go): each page is parsed once, scanned for what the checks need
//     (anchors, links, checklists) as it renders, and rendered in the theme; the generated
//     blocks (checklists, help, sources, statuses, the checker, downloads) and what search
//     finds on the page are made from the same tree.
//   - check (check*.go): every link and anchor, the checklists' homes, and the weight of
//     each page's first view. A build with a problem publishes nothing.
//   - publish (publish*.go): a site is a list of outputs, each a site path and what makes its
//     bytes: the pages, then the files made from the whole site (assets and the stylesheet,
//     the root and 404 pages, the search indexes, the sitemap, the JSON Schemas, the
//     checker's downloads and browser build, the PDF checklists). They are made into a
//     staging folder through a stage, the one way a file reaches the new site, which is then
//     swapped in for the output folder. A new kind of file is one more entry in siteOutputs.
//   - state (state.go): what the next build needs to take the pages that did not change.
//
// "sitegen serve" ([Live]) keeps the site in memory after a build, and on an edit loads,
// renders and checks the pages it touches into memory, then replaces them in the served
// folder, each atomically.
//
// # Filesystem seam
//
// A [Builder] reads its source through one afero.Fs and publishes through another: the OS in
// production, afero.MemMapFs in tests. The output folder is replaced atomically: the new site
// is made beside it and takes its name (on Linux, exchanged with the previous one in one
// step), so a failed or killed build leaves the previous site untouched.
//
// # The incremental build
//
// After a build into an output folder on disk, the builder saves a state in its StateDir
// (one file per content and output folder pair): for every page, the SHA-256 of its source
// file, what the build learnt from it (its anchors, links, checklists, the highlighting
// classes it uses, the notes its rendering gave, the weight of its HTML, where its entries
// are in the search index), and
// the stamp of its HTML file in the output folder (size, modification time, inode and
// device); the stamps of the search indexes; and the site key, a sum of everything a page's
// rendering reads besides its own source. The next build reads every source again, and takes
// a page as the previous build left it, neither parsed nor rendered, when
//
//   - the site key is unchanged: the program (the sitegen executable, which holds the
//     templates' code, the checklists and the highlighter), the theme's files, the
//     configuration, the front matter and URL of every page (the navigation and the links
//     show them: a page added or removed changes it too), and, for a page that shows them,
//     the checker's downloads or browser build;
//   - its source has the same bytes;
//   - its HTML file and its language's search index have the stamps the state gives.
//
// Its HTML file is then taken from the published site (hard-linked, or copied where links
// fail), its search entries copied from the previous index, and the checks that need every
// page run on it from the state.
//
// The site a build replaces is kept beside the output folder (out+".prev-build"), and the next
// build makes its staging folder from it: it removes from it first whatever the new site does
// not have, then makes every file new, except a page's file that is the very file (same inode)
// the published site has for a page taken as it was.
//
// # Invariants
//
//   - Output is byte-identical to a build from nothing (a test compares them after each of a
//     series of edits, by hand too, of the sources, the published site and the kept one).
//   - No file is ever written into: the stage creates each file new, so the published site and
//     the kept one, which share files, never change each other.
//   - Any doubt means rendering again, never a stale page: a missing, foreign or damaged
//     state is no state; a file whose stamp differs is rendered again; a kept site that
//     cannot be used is left aside, and the build makes its site from nothing.
//   - A failed build leaves the output folder as it was.
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
