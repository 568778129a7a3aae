// The checker's verdicts, kept in this browser (localStorage) by profile and item ID: the
// status, the message in the languages the report had, the item's wording fingerprint, the
// date and the names of the files that were judged. The check page writes them (reports made
// in the browser, or an ozecheck report.json dropped there); the procedure pages show each
// step's last verdict beside it: checklist.js loads this file only when there are verdicts,
// so that a page's first view does not pay for it. A verdict on other wording than the
// step's now (its fingerprint) is dropped. Only verdicts that an export settles are kept
// (pass, fail, warn, error): the others say nothing new about a step.
(function () {
  'use strict';
  if (window.pronoteOzeVerdicts) return; // loaded once, whatever asks for it
  var PREFIX = 'pronote-oze-verdict:', KEPT = { pass: 1, fail: 1, warn: 1, error: 1 };

  function key(profile, id) { return PREFIX + profile + ':' + id; }
  function get(profile, id) {
    try { return JSON.parse(localStorage.getItem(key(profile, id))); } catch (e) { return null; }
  }
  function drop(profile, id) {
    try { localStorage.removeItem(key(profile, id)); } catch (e) { /* nothing stored */ }
  }

  // fromReports stores the verdicts of one report, given in one or more languages (the same
  // results in the same order), and returns how many it kept.
  function fromReports(docs) {
    var d = docs[0], n = 0;
    var files = (d.inputs || []).map(function (i) { return i.file; });
    (d.results || []).forEach(function (r, i) {
      if (!KEPT[r.status]) return;
      var v = { fp: r.fingerprint || '', status: r.status, at: d.generated, files: files, msg: {}, label: {} };
      docs.forEach(function (doc) {
        var s = doc.results[i];
        if (s && s.id === r.id) { v.msg[doc.lang] = s.message; v.label[doc.lang] = s.statusLabel; }
      });
      try { localStorage.setItem(key(d.profile.id, r.id), JSON.stringify(v)); n++; } catch (e) { /* storage full or off */ }
    });
    return n;
  }

  // current returns the verdict on an item as its step reads now (fp), or null; a verdict on
  // other wording is dropped.
  function current(profile, id, fp) {
    var v = get(profile, id);
    if (!v) return null;
    if (v.fp !== fp) { drop(profile, id); return null; }
    return v;
  }

  // say returns v's label or message in lang, else in the language the report had.
  function say(m, lang) {
    if (!m) return '';
    if (m[lang]) return m[lang];
    for (var k in m) return m[k];
    return '';
  }

  // show decorates the checklist root (checklist.js's root.cl: its rows, and paint): each
  // step gets its last verdict beside it; a pass ticks a step nobody unticked since, marked
  // as ticked by the checker; nothing the checker says unticks a person's tick. The toolbar
  // counts the verified steps beside the done ones. Reset clears the verdicts too.
  function show(root, words) {
    var t = root.dataset, cl = root.cl, lang = document.documentElement.lang, profile = t.profile;
    var count = document.createElement('p');
    count.className = 'cl-verified';
    root.querySelector('.cl-progress').after(count);
    function paint() {
      var n = 0;
      cl.forEach(function (r) {
        r.li.classList.toggle('by-checker', !!r.byChecker);
        if (r.verdict && r.verdict.status === 'pass') n++;
      });
      count.textContent = n ? words[0].replace('%d', n) : '';
      cl.paint();
    }
    cl.forEach(function (r) {
      var v = current(profile, r.id, r.li.dataset.fp);
      if (!v) return;
      r.verdict = v;
      r.byChecker = v.status === 'pass' && !r.state.checked && !(r.state.at > v.at);
      if (r.byChecker) r.box.checked = true;
      var p = r.mark = document.createElement('p');
      p.className = 'cl-verdict v-' + v.status;
      p.textContent = say(v.label, lang) + ' — ' + say(v.msg, lang) + ' (' +
        words[1].replace('%s', new Date(v.at).toLocaleDateString(lang)) +
        (v.files && v.files.length ? ' · ' + v.files.join(', ') : '') + ')' + (r.byChecker ? ' ' + words[2] : '');
      r.li.insertBefore(p, r.li.querySelector('p'));
      r.box.addEventListener('change', function () { r.byChecker = false; paint(); });
    });
    // Reset gives every row a new state object once the person confirmed: then the verdicts
    // go too.
    var before = cl.map(function (r) { return r.state; });
    root.querySelector('.cl-reset').addEventListener('click', function () {
      if (cl[0].state === before[0]) return;
      cl.forEach(function (r) {
        drop(profile, r.id);
        if (r.mark) r.mark.remove();
        r.verdict = r.mark = null;
        r.byChecker = false;
      });
      before = cl.map(function (r) { return r.state; });
      paint();
    });
    paint();
  }

  window.pronoteOzeVerdicts = { fromReports: fromReports };
  // On a procedure page: the marks' stylesheet and words (verdicts.json, in both languages:
  // the verified count, the date, "ticked by the checker") load with this file, on use.
  var boxes = document.querySelectorAll('.checklist'), src = document.currentScript.src;
  if (boxes.length) {
    var css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = src.replace('verdicts.js', 'verdicts.css');
    document.head.appendChild(css);
    fetch(src.replace('verdicts.js', 'verdicts.json')).then(function (res) { return res.json(); }).then(function (words) {
      boxes.forEach(function (root) { if (root.cl) show(root, words[document.documentElement.lang].split('|')); });
    });
  }
}());
