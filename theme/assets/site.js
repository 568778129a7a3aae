// Every page: copy buttons on the values to type and on commands, the search box, the
// navigation's menu button on a phone, and the step the language link opens.
// Copy uses the Clipboard API; where it is refused (an old browser, a page not served over
// https) the text is selected instead, for Ctrl+C. The search box shows, and its code
// (search.js) loads on its first focus. On a narrow screen the navigation folds behind a
// button. The link to the other language carries the address's fragment (#net.cas-url).
// Without JavaScript the box stays hidden, the navigation stays open, the language link
// opens the other page at its top, and nothing else changes.
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

  // The other language, at the same step: the link takes the address's fragment (both
  // languages' pages have the same step IDs).
  var lang = document.querySelector('a.lang'), plain = lang && lang.getAttribute('href');
  function place() { if (lang) lang.href = plain + location.hash; }
  place();
  addEventListener('hashchange', place);

  // The navigation folds behind a button on a narrow screen (the stylesheet decides when).
  var nav = document.getElementById('nav');
  if (nav) {
    var menu = el('button', { type: 'button', 'class': 'menu', 'aria-expanded': 'false', 'aria-controls': 'nav' }, nav.getAttribute('aria-label'));
    nav.classList.add('folded');
    menu.onclick = function () { menu.setAttribute('aria-expanded', !nav.classList.toggle('folded')); };
    nav.previousElementSibling.append(menu);
  }

  // Search: its code (search.js, which brings search.css) and its index load on the first focus of the box.
  var box = document.querySelector('.search');
  if (!box) return;
  var input = box.querySelector('input');
  box.hidden = false;
  input.addEventListener('focus', function load() {
    input.removeEventListener('focus', load);
    document.head.appendChild(el('script', { src: box.dataset.root + 'assets/search.js' }));
  });
}());
