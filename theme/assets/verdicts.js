// The checker's verdicts, kept in this browser (localStorage) by profile and item ID: the
// status, the message in the languages the report had, the item's wording fingerprint, the
// date and the names of the files that were judged. The check page writes them (reports made
// in the browser, or an ozecheck report.json dropped there); on the procedure pages, steps.js
// (which loads this file) reads each step's last verdict, one of the facts its state comes
// from. A verdict on other wording than the step's now (its fingerprint) is dropped. Only
// verdicts that an export settles are kept (pass, fail, warn, error): the others say nothing
// new about a step.
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

  window.pronoteOzeVerdicts = { fromReports: fromReports, current: current, drop: drop };
}());
