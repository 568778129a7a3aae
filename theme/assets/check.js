// The check page's first view: the InfoMobileApp.json address helper, and the browser
// checker's drop zone. The checker itself loads on the first drop or click: check-run.js
// (with verdicts.js and answers.js, whose answers and words, from steps.json, it takes)
// and, from it, the Web Worker and the WebAssembly. Nothing is sent anywhere. Without
// JavaScript the page keeps its download and instructions.
(function () {
  'use strict';
  var ID = '0D264427-EEFC-4810-A9E9-346942A862A4';

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }

  // words returns, once, the words the address helper shows (steps.json's, beside this file,
  // in the page's language): they load once something is typed.
  var dir = document.currentScript.src.replace(/[^/]*$/, ''), said;
  function words() {
    return said = said || fetch(dir + 'steps.json').then(function (res) { return res.json(); })
      .then(function (d) { return d.words[document.documentElement.lang]; });
  }

  // The address helper: the exact InfoMobileApp.json address of the PRONOTE typed, as a link
  // the admin opens (a navigation, not a request from this page).
  function infoAddress(box) {
    var t, input = box.querySelector('input'), out = box.querySelector('.wc-info-out');
    box.hidden = false;
    function check(v) {
      if (!/^https:\/\//i.test(v)) return { err: t.tHttps };
      var u;
      try { u = new URL(v); } catch (e) { return { err: t.tHost }; }
      if (!/^[^.]+\..+[^.]$/.test(u.hostname) || u.username || u.password) return { err: t.tHost };
      var host = u.hostname.toLowerCase(), path = u.pathname;
      if (/(^|\.)index-education\.(com|fr)$/.test(host)) return { err: t.tVendor };
      if (/\.index-education\.net$/.test(host) && !/^\/pronote\/?$/i.test(path)) return { err: t.tRoot };
      if (/\.[a-z0-9]+$/i.test(path)) return { err: t.tRoot };
      if (path.slice(-1) !== '/') path += '/';
      return { url: 'https://' + u.host + path + 'InfoMobileApp.json?id=' + ID };
    }
    input.addEventListener('input', function () {
      words().then(function (w) { t = w; show(); });
    });
    function show() {
      var v = input.value.trim();
      out.textContent = '';
      input.removeAttribute('aria-invalid');
      if (!v) return;
      var r = check(v);
      if (r.err) {
        out.textContent = r.err;
        input.setAttribute('aria-invalid', 'true');
        return;
      }
      out.append(t.tOpen + ' ', el('a', { href: r.url, target: '_blank', rel: 'noopener noreferrer' }, r.url));
    }
  }

  // checker shows the drop zone; the first drop or click loads the rest, once.
  function checker(root) {
    var t = root.dataset, picker = root.querySelector('input[type=file]'), started = null;
    root.querySelector('.wc-nojs').remove();
    root.querySelector('.wc-ui').hidden = false;
    function start() {
      if (started) return started;
      root.querySelector('.wc-status').textContent = t.tLoading.replace('%d', 0);
      started = new Promise(function (ok, fail) {
        var names = ['verdicts.js', 'answers.js', 'check-run.js'], left = names.length;
        names.forEach(function (name) {
          var s = el('script', { src: t.assets + name });
          s.async = false; // run in this order
          s.onload = function () { if (--left === 0) ok(); };
          s.onerror = function () { fail(new Error(name)); };
          document.head.appendChild(s);
        });
      }).then(function () {
        return window.ozeWords.then(function (w) { return window.pronoteOzeCheck(root, w); }, function () { throw new Error('steps.json'); });
      }).catch(function (err) {
        root.querySelector('.wc-status').textContent = t.tLoadFailed.replace('%s', err.message);
        started = null;
        throw err;
      });
      return started;
    }
    function add(files) { if (files.length) start().then(function (c) { c.add(files); }); }
    root.addEventListener('dragover', function (e) { e.preventDefault(); root.classList.add('wc-over'); });
    root.addEventListener('dragleave', function () { root.classList.remove('wc-over'); });
    root.addEventListener('drop', function (e) {
      e.preventDefault();
      root.classList.remove('wc-over');
      if (e.dataTransfer) add(e.dataTransfer.files);
    });
    picker.addEventListener('click', start);
    picker.addEventListener('change', function () { add(picker.files); });
    root.querySelector('.wc-options').addEventListener('change', function () { if (started) started.then(function (c) { c.rerun(); }); });
  }

  document.querySelectorAll('.wc-info').forEach(infoAddress);
  document.querySelectorAll('.webcheck').forEach(checker);
}());
