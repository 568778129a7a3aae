// The browser checker's Web Worker: loads wasm_exec.js and ozecheck.wasm (beside this file)
// on its first message, reporting the download's progress, then runs ozecheckRun (the Go
// checker compiled to WebAssembly, cmd/ozecheckwasm) on the files the page sends. Files are
// read here with FileReaderSync, a slice at a time; nothing is sent anywhere.
'use strict';
importScripts('wasm_exec.js');

var ready = null;

function load() {
  if (ready) return ready;
  var go = new self.Go();
  ready = fetch('ozecheck.wasm').then(function (res) {
    if (!res.ok) throw new Error('ozecheck.wasm: HTTP ' + res.status);
    var total = Number(res.headers.get('Content-Length')) || 0, got = 0, parts = [];
    var reader = res.body.getReader();
    function pump() {
      return reader.read().then(function (r) {
        if (r.done) return;
        parts.push(r.value);
        got += r.value.length;
        self.postMessage({ type: 'loading', got: got, total: total });
        return pump();
      });
    }
    return pump().then(function () {
      var buf = new Uint8Array(got), at = 0;
      parts.forEach(function (p) { buf.set(p, at); at += p.length; });
      return WebAssembly.instantiate(buf, go.importObject);
    });
  }).then(function (result) {
    go.run(result.instance); // returns when the program exits: it never does
    self.postMessage({ type: 'ready' });
  });
  return ready;
}

self.onmessage = function (e) {
  var m = e.data;
  load().then(function () {
    if (m.type !== 'check') return;
    var out = self.ozecheckRun(JSON.stringify(m.req), m.files, function (done, total) {
      self.postMessage({ type: 'progress', done: done, total: total });
    });
    self.postMessage({ type: 'result', id: m.id, out: out });
  }).catch(function (err) {
    self.postMessage({ type: 'failed', message: String(err && err.message || err) });
  });
};
