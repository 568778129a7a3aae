// Package browsertest drives the built site in headless Chromium (chromedp): the interactive
// checklist (ticks kept across reloads and languages, a reworded item asked again, the answers
// file read back by the checker), printing, requests to other origins, keyboard use, and
// axe-core's accessibility rules on every page.
//
// The tests need Debian's chromium and, for accessibility, axe-core from npm (npm ci in this
// folder). Without them they are skipped with a loud message, except under CI=true, where
// they fail; .ci/run installs both.
package browsertest
