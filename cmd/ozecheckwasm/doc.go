// Command ozecheckwasm is ozecheck for the browser: compiled with GOOS=js GOARCH=wasm, it
// runs in a Web Worker of the site's "check your setup" page and judges the files the admin
// drops there with the same readers, rules and report code as the ozecheck command (package
// cmd/internal/checker). Files are read from the page with the File API, a slice at a time;
// nothing leaves the machine.
//
// It registers one JavaScript function, ozecheckRun(request, files, progress), where request
// is a JSON object ({"mode": "", "purge": false, "lang": "fr", "address": "…", "ticks":
// {"hosted": "…", "onprem": "…", "purge": "…"}, "ticksName": "…"}: the mode the person chose,
// the PRONOTE address typed on the page, and the answers ticked in this browser on each
// procedure page, read unless an answers file is among the files), files an array of File in
// the order they were dropped (a later InfoMobileApp.json, answers file or identity export of
// the same user type replaces an earlier one, and says so) and progress a function called with
// the bytes read so far and the total. It returns a JSON string: what became of each file, in
// both languages; how the mode was decided and the headline, as the page says them (never a
// command-line flag); the JSON report in both languages and the HTML report in the request's
// language, byte for byte what ozecheck writes with --format json or html.
//
// The site builder compiles it (package cmd/internal/webcheck); outside a browser it only
// says so.
package main
