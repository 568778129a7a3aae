// The answers file (schema/answers.schema.json) made from the ticks, values and comments this
// browser keeps (keys "pronote-oze:<profile>:<checklist>:<item ID>", see checklist.js), read
// by ozecheck and by the browser checker; and the checklist's two buttons that act on them,
// "download my answers" and reset, whose code loads with this file on their first click;
// and the words of the scripts loaded on use (ozeWords).
(function () {
  'use strict';
  var FORMAT = 1, NS = 'pronote-oze:';

  function get(k) {
    try { return JSON.parse(localStorage.getItem(k)); } catch (e) { return null; }
  }

  // ozeAnswers returns the answers file of checklist cl as "Download my answers" gives it: this
  // procedure's answers, and those of the other procedures (the purge) for steps that only
  // one of them holds: one file says it all, and never mixes two procedures' answers to the
  // same step. states, when given, are the steps' states as the page shows them (steps.js),
  // by item ID. checklist.js loads this file when the button is clicked; the check page offers
  // the answers to the browser checker.
  window.ozeAnswers = function (profile, cl, states) {
    var base = NS + profile + ':', school = get(base + '@school') || {};
    var doc = {
      kind: 'pronote-oze-answers', format: FORMAT, profile: profile,
      lang: document.documentElement.lang, checklist: cl,
      page: location.href.split('#')[0], saved: new Date().toISOString(), items: {}
    };
    if (school.name || school.uai) {
      doc.school = {};
      if (school.name) doc.school.name = school.name.trim();
      if (school.uai) doc.school.uai = school.uai.trim().toUpperCase();
    }
    var found = {};
    for (var i = 0; i < localStorage.length; i++) {
      var k = localStorage.key(i), m = k.slice(base.length).split(':');
      if (k.indexOf(base) !== 0 || m.length !== 2 || m[0].charAt(0) === '@') continue;
      (found[m[1]] = found[m[1]] || {})[m[0]] = get(k);
    }
    Object.keys(found).sort().forEach(function (id) {
      var by = found[id], owners = Object.keys(by);
      var s = by[cl] || (owners.length === 1 ? by[owners[0]] : null);
      if (!s) return;
      var item = { checked: !!s.checked, fp: s.fp };
      if (s.at) item.at = s.at;
      if (s.value) item.value = s.value;
      if (s.value && s.vat) item.valueAt = s.vat;
      if (states && states[id] && by[cl]) item.state = states[id];
      if (s.comment) item.comment = s.comment;
      doc.items[id] = item;
    });
    return doc;
  };

  // ozeWords is the promise of the words that the scripts loaded on use show (steps.json's,
  // beside this file, in the page's language): the two buttons' messages, the browser
  // checker's (check-run.js, which loads with this file).
  var words = window.ozeWords = fetch(document.currentScript.src.replace(/[^/]*$/, '') + 'steps.json').then(function (res) { return res.json(); })
    .then(function (d) { return d.words[document.documentElement.lang]; });

  // ozeDownload saves the answers file of the checklist root (checklist.js's) in the
  // downloads, and says so in said.
  window.ozeDownload = function (root, said) {
    words.then(function (w) { download(root, said, Object.assign({}, root.dataset, w)); });
  };
  function download(root, said, t) {
    var doc = window.ozeAnswers(t.profile, t.checklist, root.states);
    var file = t.tFile + '-' + t.checklist + '-' + doc.saved.slice(0, 10) + '.json';
    var a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2) + '\n'], { type: 'application/json' }));
    a.download = file;
    document.body.append(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    said.textContent = t.tDownloaded.replace('%s', file);
    clearTimeout(said.timer);
    said.timer = setTimeout(function () { said.textContent = ''; }, 12000);
  }

  // ozeReset clears, once the person confirms, the ticks, values and comments this browser
  // keeps for the checklist root, and the checker's verdicts on its steps (steps.js).
  window.ozeReset = function (root) {
    words.then(function (w) { reset(root, w.tConfirm); });
  };
  function reset(root, question) {
    if (!window.confirm(question)) return;
    root.cl.forEach(root.clear);
    if (window.ozeSteps) window.ozeSteps.reset(root);
    root.paint();
  }

  // ozeTicked counts the steps ticked (or given a value) on the page of checklist cl itself,
  // not those ozeAnswers borrows from another page: which procedure page the person worked on.
  window.ozeTicked = function (profile, cl) {
    var base = NS + profile + ':' + cl + ':', n = 0;
    for (var i = 0; i < localStorage.length; i++) {
      var k = localStorage.key(i), s;
      if (k.indexOf(base) !== 0 || k.slice(base.length).charAt(0) === '@') continue;
      s = get(k);
      if (s && (s.checked || s.value)) n++;
    }
    return n;
  };
}());
