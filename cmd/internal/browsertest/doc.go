// Package browsertest drives the built site in headless Chromium (chromedp): the interactive
// checklist (ticks kept across reloads and languages, a reworded item asked again, the answers
// file read back by the checker), printing, requests to other origins, keyboard use, and
// axe-core's accessibility rules on every page. TestEngines runs a smoke test of the same site
// in the two other engines a school's browsers use, Firefox ESR (Gecko) and WebKitGTK
// (Safari's engine): engines/smoke.mjs, under Node.js, with its own package.json and lock file.
//
// The tests need Debian's chromium and, for accessibility, axe-core from npm (npm ci in this
// folder); the smoke test needs firefox-esr, webkit2gtk-driver, xvfb and Node.js, and
// puppeteer-core and selenium-webdriver from npm (npm ci in engines/). Without them they are
// skipped with a loud message, except under CI=true, where they fail; .ci/run installs them.
package browsertest
