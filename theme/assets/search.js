// The search box, loaded by site.js on its first focus: it fetches the page's language index
// (search/<lang>.json, written by sitegen) once, and lists every page, heading and step that
// holds every word typed, with accents and case folded on both sides ("eleve" finds
// « Élèves »). Ranking: an item ID typed exactly first; then what has each word at the start
// of a word (« élèves » for "eleve"), in its title above its text, before what has it only
// inside a word (« relevez »), a title that has it only inside a word a little lower; ties
// keep the site's order. Every result is listed (the panel
// scrolls), under a count that agrees with its number.
(function () {
  'use strict';

  function make(tag, text) {
    var e = document.createElement(tag);
    e.textContent = text || '';
    return e;
  }
  var box = document.querySelector('.search'), css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = box.dataset.root + 'assets/search.css';
  document.head.appendChild(css);
  var input = box.querySelector('input'), panel = box.querySelector('div');
  var list = panel.querySelector('ol'), status = panel.querySelector('[role=status]');
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

  // found returns how folded text t holds word w: 2 at the start of a word, 1 only inside
  // words, 0 not at all.
  function found(t, w) {
    var at = t.indexOf(w), inside = 0;
    for (; at >= 0; at = t.indexOf(w, at + 1)) {
      if (at === 0 || !/[a-z0-9]/.test(t.charAt(at - 1))) return 2;
      inside = 1;
    }
    return inside;
  }
  // score ranks entry e for words, or returns -1 when a word is missing from it.
  function score(e, words) {
    var s = e.i ? 1 : 0, title = fold(e.t);
    for (var i = 0; i < words.length; i++) {
      var w = words[i], inText = found(e.f, w);
      if (!inText) return -1;
      if (e.i && fold(e.i) === w) s += 10000;
      s += [0, -5, 1000][found(title, w)] + [0, 1, 100][inText];
    }
    return s;
  }
  function run() {
    list.textContent = '';
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    panel.classList.toggle('open', words.length > 0 && !!index);
    if (!words.length || !index) { status.textContent = ''; return; }
    var hits = [];
    index.forEach(function (e, n) {
      var s = score(e, words);
      if (s >= 0) hits.push({ e: e, s: s, n: n });
    });
    hits.sort(function (a, b) { return b.s - a.s || a.n - b.n; });
    hits.forEach(function (h) {
      var li = make('li'), a = make('a', h.e.t);
      a.href = d.root + h.e.u;
      li.appendChild(a);
      if (h.e.p && h.e.p !== h.e.t) li.appendChild(make('small', h.e.p + (h.e.i ? ' · ' + h.e.i : '')));
      list.appendChild(li);
    });
    status.textContent = hits.length ? hits.length + ' ' + (hits.length === 1 ? d.count1 : d.counts) : d.none;
  }
  input.addEventListener('input', function () { if (index) run(); else load(); });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { input.value = ''; run(); }
  });
  input.addEventListener('focus', function () { if (index) run(); });
  document.addEventListener('click', function (e) {
    if (!box.contains(e.target)) panel.classList.remove('open');
  });
  load();
}());
