// Every page: copy buttons on the values to type and on commands, and the search box.
// Copy uses the Clipboard API; where it is refused (an old browser, a page not served over
// https) the text is selected instead, for Ctrl+C. The search box shows, and its code
// (search.js) loads on its first focus. Without JavaScript the box stays hidden and nothing
// else changes.
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

  // Search: its code (search.js) and its index load on the first focus of the box.
  var box = document.querySelector('.search');
  if (!box) return;
  var input = box.querySelector('input');
  box.hidden = false;
  input.addEventListener('focus', function load() {
    input.removeEventListener('focus', load);
    document.head.appendChild(el('script', { src: box.dataset.root + 'assets/search.js' }));
  });
}());
