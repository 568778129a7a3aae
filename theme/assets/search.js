// The search box, loaded by site.js on its first focus: it fetches the page's language index
// (search/<lang>.json, written by sitegen) once, and lists the pages, headings and steps
// that hold every word typed, with accents and case folded on both sides ("eleve" finds
// « Élèves »), an item ID first.
(function () {
  'use strict';

  function make(tag, text) {
    var e = document.createElement(tag);
    e.textContent = text || '';
    return e;
  }
  var box = document.querySelector('.search');
  var input = box.querySelector('input'), list = box.querySelector('ol'), status = box.querySelector('[role=status]');
  var index = null, loading = null, d = box.dataset;

  function fold(t) {
    return t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/[’`]/g, "'");
  }
  function load() {
    loading = loading || fetch(d.index).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (entries) { index = entries; run(); }, function () { loading = null; });
    return loading;
  }
  function run() {
    list.textContent = '';
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    if (!words.length || !index) { status.textContent = ''; return; }
    var hits = [];
    index.forEach(function (e) {
      var score = 0;
      for (var i = 0; i < words.length; i++) {
        var w = words[i];
        if (e.f.indexOf(w) < 0) return;
        if (e.i && fold(e.i) === w) score += 100;
        if (fold(e.t).indexOf(w) >= 0) score += 10;
        score += 1;
      }
      hits.push({ e: e, score: score + (e.i ? 1 : 0) });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    hits.slice(0, 12).forEach(function (h) {
      var li = make('li'), a = make('a', h.e.t);
      a.href = d.root + h.e.u;
      li.appendChild(a);
      if (h.e.p && h.e.p !== h.e.t) li.appendChild(make('small', h.e.p + (h.e.i ? ' · ' + h.e.i : '')));
      list.appendChild(li);
    });
    status.textContent = hits.length ? d.count.replace('%d', hits.length) : d.none;
  }
  input.addEventListener('input', function () { if (index) run(); else load(); });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { input.value = ''; run(); }
  });
  load();
}());
