// The browser checker's Web Worker: loads wasm_exec.js and ozecheck.wasm.gz (beside this
// file) on its first message, reporting the download's progress, decompresses it
// (DecompressionStream), checks its SHA-256 against the one in this script's address
// (checker-worker.js#<sha256>, written by sitegen), then runs ozecheckRun (the Go checker
// compiled to WebAssembly, cmd/ozecheckwasm) on the files the page sends. Files are read here
// with FileReaderSync, a slice at a time; nothing is sent anywhere.
//
// The .wasm travels compressed whatever the server does: 1.5 MB instead of 5.5. A server that
// adds "Content-Encoding: gzip" to .gz files hands over the .wasm itself, which is taken as
// it is. Where crypto.subtle is missing (a page served over plain http from another
// machine), the SHA-256 cannot be checked and gzip's own CRC-32 is the check.
'use strict';
importScripts('wasm_exec.js');

var ready = null;

function hex(buf) {
  return Array.from(new Uint8Array(buf), function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
}

// unpack returns the .wasm from the bytes downloaded: gunzipped, or as they are when the
// server already decoded them.
function unpack(buf) {
  if (buf[0] !== 0x1f || buf[1] !== 0x8b) return Promise.resolve(buf.buffer);
  return new Response(new Blob([buf]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
}

function verify(wasm) {
  var want = self.location.hash.slice(1);
  if (!want || !self.crypto || !self.crypto.subtle) return Promise.resolve(wasm);
  return self.crypto.subtle.digest('SHA-256', wasm).then(function (sum) {
    if (hex(sum) !== want) throw new Error('ozecheck.wasm: SHA-256 ' + hex(sum) + ', expected ' + want);
    return wasm;
  });
}

function load() {
  if (ready) return ready;
  var go = new self.Go();
  ready = fetch('ozecheck.wasm.gz').then(function (res) {
    if (!res.ok) throw new Error('ozecheck.wasm.gz: HTTP ' + res.status);
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
      return unpack(buf);
    }).then(verify).then(function (wasm) {
      return WebAssembly.instantiate(wasm, go.importObject);
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
