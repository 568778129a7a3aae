// The state of each step of a checklist, as the checker names it: checklist.js loads this
// file on use (once something is ticked, typed, commented or verified in this browser), with
// steps.json, which the site writes from package checks: the state table
// (checks.StateTable), each asked value's rule (checks.ValueRule), the counter's phrases and
// plural rule, the words of the lines below, and the items' wording fingerprints, which
// what this browser saved is checked against (prove). This file interprets that
// data and holds no rule of its own; theme's TestValueRulesAgree runs it under node against
// the Go checker.
//
// Each step gets one state — todo, done, verified, contradicted, attention — from the
// person's tick, the value they typed (judged by its rule as they type) and the checker's
// last verdict (verdicts.js keeps them, with their date). The state paints the card, the mark
// after its title, the steps' summary, the counter, print, and goes in the answers file. A
// contradiction wins over a tick: the tick is kept, and the step says "Ticked, but …" with
// the reason, the fix and a link to the help, and is not counted as done.
(function () {
  'use strict';
  var W = typeof window !== 'undefined' ? window : globalThis;

  // clean returns v as a rule judges it: line breaks removed, D.spaces trimmed at both ends.
  function clean(D, v) {
    v = v.replace(/[\r\n]/g, '');
    var a = 0, b = v.length;
    while (a < b && D.spaces.indexOf(v.charAt(a)) >= 0) a++;
    while (b > a && D.spaces.indexOf(v.charAt(b - 1)) >= 0) b--;
    return v.slice(a, b);
  }
  function lower(s) { return s.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); }); }
  function ends(s, x) { return s.length >= x.length && s.slice(s.length - x.length) === x; }
  function trim(p) { return ends(p, '/') ? p.slice(0, -1) : p; }

  // cut cuts v as an address by D.urlPattern (checks.URLPattern).
  function cut(D, v) {
    var m = new RegExp(D.urlPattern).exec(v);
    if (!m) return { ok: false, scheme: '', host: '', path: '', user: false, query: false };
    var auth = m[2], at = auth.lastIndexOf('@');
    var a = { scheme: m[1], path: m[3], query: !!(m[4] || m[5]), user: at >= 0 };
    a.host = at >= 0 ? auth.slice(at + 1) : auth;
    a.ok = a.host !== '';
    return a;
  }
  function hostname(h) {
    var i = h.lastIndexOf(':');
    return i >= 0 && /^[0-9]*$/.test(h.slice(i + 1)) ? h.slice(0, i) : h;
  }
  function realm(p) {
    var parts = p.split('/');
    for (var i = 0; i + 1 < parts.length; i++) if (parts[i] === 'realms') return parts[i + 1];
    return '';
  }
  function under(h, domains) {
    h = lower(hostname(h));
    return domains.some(function (d) { d = lower(d); return h === d || ends(h, '.' + d); });
  }

  // find returns [part, wantpart] when test t finds something in v (cut as a; Want as w).
  function find(D, r, t, v, a, w) {
    var f = null;
    switch (t.test) {
      case 'empty': if (v === '') f = ['', '']; break;
      case 'space': for (var i = 0; i < v.length; i++) if (D.spaces.indexOf(v.charAt(i)) >= 0) f = ['', '']; break;
      case 'not-url': if (!a.ok) f = ['', '']; break;
      case 'scheme': if (lower(a.scheme) !== lower(t.args[0])) f = [a.scheme, t.args[0]]; break;
      case 'userinfo': if (a.user) f = ['', '']; break;
      case 'query': if (a.query) f = ['', '']; break;
      case 'suffix':
        var p = lower(trim(a.path));
        for (var j = 0; j < t.args.length && !f; j++) if (ends(p, lower(t.args[j]))) f = [t.args[j], ''];
        break;
      case 'host': if (lower(a.host) !== lower(w.host)) f = [a.host, w.host]; break;
      case 'realm':
        var gr = realm(a.path), wr = realm(w.path);
        if (gr && wr && gr !== wr) f = [gr, wr];
        break;
      case 'slash': if (!r.trailingSlash && a.path !== w.path && trim(a.path) === trim(w.path)) f = [a.path, w.path]; break;
      case 'path': if (r.trailingSlash ? trim(a.path) !== trim(w.path) : a.path !== w.path) f = [a.path, w.path]; break;
      case 'no-slash': if (!ends(a.path, '/')) f = [a.path, '']; break;
      case 'host-in': if (under(a.host, t.args)) f = [a.host, '']; break;
      case 'host-out': if (!under(a.host, t.args)) f = [a.host, '']; break;
    }
    return f;
  }

  // judge returns the verdict of rule r on value v in mode (0: unknown), as
  // checks.ValueRule.Judge: {status, test, message: {fr, en}}, the lines of every test that
  // finds something, up to one that stops (a test is skipped when one it names unless found).
  function judge(D, r, v, mode) {
    v = clean(D, v);
    var a = cut(D, v), w = cut(D, r.want);
    function fill(line, part, wantpart) {
      var out = {}, vals = { got: v, want: r.want, part: part, wantpart: wantpart, path: a.path };
      for (var l in line) out[l] = line[l].replace(/\{(got|want|part|wantpart|path)\}/g, function (m, k) { return vals[k]; });
      return out;
    }
    var found = [], lines = [], status = '';
    for (var i = 0; i < r.tests.length; i++) {
      var t = r.tests[i];
      if (t.modes && !(mode && (mode & ~t.modes) === 0)) continue;
      if ((t.unless || []).some(function (u) { return found.indexOf(u) >= 0; })) continue;
      var f = find(D, r, t, v, a, w);
      if (!f) continue;
      found.push(t.test);
      lines.push(fill(t.why, f[0], f[1]));
      if (status !== 'fail') status = t.status;
      if (t.stop) break;
    }
    if (!found.length) return { status: 'pass', test: '', message: fill(r.ok, '', '') };
    var msg = {};
    for (var l in lines[0]) msg[l] = lines.map(function (x) { return x[l]; }).join(' ');
    return { status: status, test: found[0], message: msg };
  }

  // derive returns the first row of D.table that matches the facts
  // {ticked, value, verdict, stale}, as checks.DeriveState.
  function derive(D, f) {
    var cols = { tick: f.ticked ? 'yes' : 'no', value: f.value || 'none', verdict: f.verdict || 'none', age: f.stale ? 'stale' : 'fresh' };
    for (var i = 0; i < D.table.length; i++) {
      var row = D.table[i], ok = true;
      for (var c in cols) if (row[c] && row[c] !== cols[c]) ok = false;
      if (ok) return row;
    }
  }

  // count returns the counter of total steps, n of each state, in lang, as
  // checks.CountSteps: its parts [text, state], the first with the head; each step counted
  // once, the verified ones among those done.
  function count(D, lang, total, n) {
    function say(name, k) {
      var w = D.nouns[lang][name];
      return k + ' ' + (D.singular[lang].indexOf(k) >= 0 ? w[0] : w[1]);
    }
    var c = D.counter[lang], parts = [[c.head.replace('{n}', say('step', total)) + say('done', (n.done || 0) + (n.verified || 0)), 'done']];
    if (n.verified) parts.push([c.among + say('verified', n.verified), 'verified']);
    ['contradicted', 'attention'].forEach(function (s) {
      if (n[s]) parts.push([c.sep + say(s, n[s]), s]);
    });
    return parts;
  }

  W.ozeStepsLogic = { clean: clean, judge: judge, derive: derive, count: count };
  if (typeof document === 'undefined') return; // under node, for the test: the logic alone

  var me = document.currentScript, dir = me.src.replace(/[^/]*$/, ''), lang = document.documentElement.lang;
  function load(name) {
    return new Promise(function (ok) {
      var s = document.createElement('script');
      s.src = dir + name;
      s.onload = ok;
      document.body.append(s);
    });
  }
  var css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = dir + 'steps.css';
  document.head.appendChild(css);

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function later(a, b) { return !!a && !!b && new Date(a) > new Date(b); }
  function say(m) {
    if (!m) return '';
    if (m[lang]) return m[lang];
    for (var k in m) return m[k];
    return '';
  }

  // paint gives each step of the checklist root (checklist.js's root.cl: its rows) its state
  // and shows it: the card's class, the mark, the line, the summary, the counter.
  function paint(D, root) {
    var cl = root.cl, V = W.pronoteOzeVerdicts;
    var profile = root.dataset.profile, mode = D.modes[root.dataset.checklist] || 0, n = {};
    var help = root.querySelector('.cl-legend a[href$=".troubleshooting"]');
    root.states = {};
    cl.forEach(function (r) {
      var s = r.state, v = V.current(profile, r.id, r.fp), rule = D.rules[r.id];
      var typed = r.value && clean(D, r.value.value) !== '' ? judge(D, rule, r.value.value, mode) : null;
      var facts = { ticked: !!s.checked, value: typed && typed.status, verdict: v && v.status, stale: !!v && (later(s.at, v.at) || later(s.vat, v.at)) };
      var row = derive(D, facts), st = row.state;
      r.byChecker = st === 'verified' && !s.checked;
      r.box.checked = !!s.checked; // the person's tick only: the checker's shows on the card
      root.states[r.id] = st;
      n[st] = (n[st] || 0) + 1;
      [r.li, r.step].forEach(function (e) {
        if (!e) return;
        e.className = e.className.replace(/ ?\bs-\S+/g, '') + ' s-' + st;
        e.classList.toggle('done', st === 'done' || st === 'verified');
        e.classList.toggle('by-checker', r.byChecker);
      });
      line(D, r, row, facts, typed, v, help);
      if (r.value) mirror(r);
    });
    var parts = count(D, lang, cl.length, n), out = root.querySelector('.cl-progress');
    out.textContent = '';
    parts.forEach(function (p) { out.append(p[1] === 'done' ? p[0] : el('span', 'n-' + p[1], p[0])); });
  }

  // line writes the one line of a step whose state says something — its state (« Cochée,
  // mais en échec » when it contradicts the tick), where that comes from, the reason with its
  // fix, the link to the help — below the title, or below the field for a typed value.
  function line(D, r, row, f, typed, v, help) {
    var words = D.words[lang], st = row.state, bad = st === 'contradicted' || st === 'attention';
    if (r.line) { r.line.remove(); r.line = null; }
    if (r.value) { r.value.removeAttribute('aria-invalid'); r.value.removeAttribute('aria-describedby'); }
    if (!row.why) return;
    var name = D.nouns[lang][st][0], label = name.charAt(0).toUpperCase() + name.slice(1), from, text;
    if (f.ticked && bad) label = words.tickedBut.replace('%s', name);
    if (row.why === 'value') {
      from = words.byValue;
      text = say(typed.message);
    } else {
      from = words.byChecker.replace('%s', date(v.at, words) + (v.files && v.files.length ? ' · ' + v.files.join(', ') : ''));
      text = say(v.msg) + (row.why === 'stale' ? ' ' + words.stale : '');
    }
    var fmt = words.line.split('%s'), p = el('p', 'cl-state st-' + st);
    p.id = r.id + ':state';
    p.append(el('strong', '', fmt[0] + label));
    put(p, fmt[1] + from + fmt[2] + text + fmt[3]);
    if (r.byChecker) p.append(' — ' + words.byCheckerTick);
    if (bad && help) {
      var a = el('a', '', words.help);
      a.href = help.getAttribute('href');
      p.append(' · ', a);
    }
    (row.why === 'value' ? r.value.closest('.cl-field') : r.li.querySelector('.cl-id')).after(p);
    r.line = p;
    if (r.value && row.why === 'value') {
      if (typed.status === 'fail') r.value.setAttribute('aria-invalid', 'true');
      r.value.setAttribute('aria-describedby', p.id);
    }
  }
  // put appends text s to p, each address in it cut into pieces that end with a slash and
  // never break inside (theme.BreakURL's rule): a hyphen of a host name never ends a line.
  function put(p, s) {
    var re = /https?:\/\/(?:<[^>]*>|[^\s<])+/g, last = 0, m;
    while ((m = re.exec(s))) {
      p.append(s.slice(last, m.index));
      var u = m[0], from = u.indexOf('://') + 3, rest = u.slice(from), pieces = [], i;
      while ((i = rest.indexOf('/')) >= 0) { pieces.push(rest.slice(0, i + 1)); rest = rest.slice(i + 1); }
      if (rest || !pieces.length) pieces.push(rest);
      pieces[0] = u.slice(0, from) + pieces[0];
      pieces.forEach(function (q, k) { if (k) p.append(el('wbr')); p.append(el('span', 'nw', q)); });
      last = m.index + u.length;
    }
    p.append(s.slice(last));
  }
  // mirror writes the value typed in row r into its field's printed copy (checklist.js's),
  // in pieces that end with a slash and never break inside: on paper, an address breaks only
  // after a "/" (print.css).
  function mirror(r) {
    var m = r.value.parentNode.querySelector('.cl-printed'), v = r.value.value, from = 0;
    if (!m) return;
    m.textContent = '';
    function piece(to) {
      if (from) m.append(el('wbr'));
      m.append(el('span', 'nw', v.slice(from, to)));
      from = to;
    }
    for (var i = 0; i + 1 < v.length; i++) {
      if (v.charAt(i) === '/' && v.charAt(i + 1) !== '/' && (i < 2 || v.slice(i - 2, i + 1) !== '://')) piece(i + 1);
    }
    if (from < v.length) piece(v.length);
  }
  function date(at, words) {
    return new Date(at).toLocaleDateString(words.dateLocale, { day: 'numeric', month: 'long', year: 'numeric' });
  }

  // prove sets each step's wording fingerprint (fps, steps.json's, by item ID) on the rows of
  // checklist root (checklist.js's, whose keys it shares): a state saved under another
  // wording is cleared (root.clear), the step reworded since; one saved before the fingerprint
  // was known takes it. Then the saved ticks show, and the checklist is no longer busy.
  function prove(root, fps) {
    var t = root.dataset, prefix = 'pronote-oze:' + t.profile + ':' + t.checklist + ':';
    root.cl.forEach(function (r) {
      r.fp = fps[r.id];
      if (r.state.fp && r.state.fp !== r.fp) root.clear(r);
      else if (!r.state.fp && localStorage.getItem(prefix + r.id)) {
        r.state.fp = r.fp;
        try { localStorage.setItem(prefix + r.id, JSON.stringify(r.state)); } catch (e) { /* private mode */ }
      }
      r.box.checked = !!r.state.checked;
    });
    root.removeAttribute('aria-busy');
  }

  // reset drops the checker's verdicts on the checklist's steps (checklist.js has cleared
  // the ticks, values and comments, once the person confirmed).
  function reset(root) {
    root.cl.forEach(function (r) { W.pronoteOzeVerdicts.drop(root.dataset.profile, r.id); });
  }

  Promise.all([
    fetch(dir + 'steps.json').then(function (res) { return res.json(); }),
    W.pronoteOzeVerdicts ? null : load('verdicts.js')
  ]).then(function (got) {
    var D = got[0];
    W.ozeSteps = { paint: function (root) { paint(D, root); }, reset: reset };
    document.querySelectorAll('.checklist').forEach(function (root) {
      if (!root.cl) return;
      prove(root, D.fingerprints);
      paint(D, root);
    });
  });
}());
