// Every page: copy buttons on the values to type and on commands, and the search box.
// Copy uses the Clipboard API; where it is refused (an old browser, a page not served over
// https) the text is selected instead, for Ctrl+C. Search loads the page's language index
// (search/<lang>.json, written by sitegen) on the first focus of the box, and matches every
// word typed with accents and case folded on both sides ("eleve" finds « Élèves »). Without
// JavaScript the box stays hidden and nothing else changes.
(function () {
  'use strict';
  var s = document.currentScript.dataset;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }

  // Copy buttons.
  function select(node) {
    var r = document.createRange();
    r.selectNodeContents(node);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(r);
  }
  function addCopy(node, after) {
    var b = el('button', { type: 'button', 'class': 'copy' }, s.copy);
    b.addEventListener('click', function () {
      var text = node.textContent.replace(/\n$/, '');
      var said = function (msg) {
        b.textContent = msg;
        setTimeout(function () { b.textContent = s.copy; }, 2500);
      };
      var fallback = function () { select(node); said(s.selected); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { said(s.copied); }, fallback);
      } else {
        fallback();
      }
    });
    after.after(b);
  }
  document.querySelectorAll('[data-copy]').forEach(function (n) {
    var span = el('span', { 'class': 'copy-text' });
    while (n.firstChild) span.appendChild(n.firstChild);
    n.appendChild(span);
    addCopy(span, span);
  });
  document.querySelectorAll('main pre').forEach(function (pre) {
    addCopy(pre.querySelector('code') || pre, pre);
  });

  // Search.
  var box = document.querySelector('.search');
  if (!box) return;
  var input = box.querySelector('input'), list = box.querySelector('ol'), status = box.querySelector('[role=status]');
  var index = null, loading = null, d = box.dataset;
  box.hidden = false;

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
      var li = el('li'), a = el('a', { href: d.root + h.e.u }, h.e.t);
      li.appendChild(a);
      if (h.e.p && h.e.p !== h.e.t) li.appendChild(el('small', {}, h.e.p + (h.e.i ? ' · ' + h.e.i : '')));
      list.appendChild(li);
    });
    status.textContent = hits.length ? d.count.replace('%d', hits.length) : d.none;
  }
  input.addEventListener('focus', load);
  input.addEventListener('input', function () { if (index) run(); else load(); });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { input.value = ''; run(); }
  });
}());
