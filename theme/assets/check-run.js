// The browser checker, loaded by check.js on the first drop or click. It judges the files
// with the Go checker compiled to WebAssembly in a Web Worker (checker-worker.js, which
// loads the .wasm showing its progress); reports made by ozecheck (report.json) feed the
// verdicts directly. The checker decides the mode (the choice above, the PRONOTE address typed
// on this page, the files, the ticks of this browser) and says how; when nothing decides it,
// the page asks, before the results. A file dropped later replaces the one it updates, and
// says so. Results show problems first, each linked to its step, with the HTML and JSON
// reports to download; the verdicts are kept for the procedure pages (verdicts.js). Every
// sentence about the check comes from the checker in both languages; this file only places
// them. Their look (check-run.css, beside this file) loads with it.
(function () {
  'use strict';
  var lang = document.documentElement.lang, DAY = { day: 'numeric', month: 'long', year: 'numeric' };
  var css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = document.currentScript.src.replace(/[^/]*$/, '') + 'check-run.css';
  document.head.appendChild(css);

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }
  function fmt(s) {
    var args = Array.prototype.slice.call(arguments, 1);
    return s.replace(/%[ds]/g, function () { return args.length ? args.shift() : ''; });
  }
  // day writes a date as the reader's language does, in the page's locale (data-t-locale):
  // « 7 décembre 2026 », "7 December 2026".
  function day(d, locale) { return new Date(d).toLocaleDateString(locale, DAY); }
  function download(data, type, name) {
    var a = el('a', { href: URL.createObjectURL(new Blob([data], { type: type })), download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  function said(t) { return t ? t[lang] || t.en : ''; }

  // pronoteOzeCheck sets up the checker of root and returns what check.js drives: add(files)
  // and rerun() when an option changes. words are its words in the page's language
  // (steps.json's, from answers.js's ozeWords), with the page's data-t-* attributes.
  window.pronoteOzeCheck = function (root, words) {
    var t = Object.assign({}, root.dataset, words);
    var status = root.querySelector('.wc-status'), bar = root.querySelector('.wc-progress');
    var results = root.querySelector('.wc-results'), picker = root.querySelector('input[type=file]');
    var mode = root.querySelector('select[name=mode]'), purge = root.querySelector('input[name=purge]');
    var useAnswers = root.querySelector('input[name=answers]'), answersRow = root.querySelector('.wc-answers');
    var address = document.querySelector('.wc-info input[name=pronote]');
    var order = t.order.split(' ');
    var files = [], imported = [], worker = null, seq = 0;

    // The answers ticked in this browser, one answers file per procedure page, as "Download
    // my answers" gives them there, and how many steps were ticked on each page itself: the
    // checker uses those of the mode it decides, and the page with more ticks decides it when
    // nothing stronger does.
    function browserAnswers() {
      if (!window.ozeAnswers) return null;
      var ticks = {}, ticked = {}, any = false, last = '';
      ['hosted', 'onprem', 'purge'].forEach(function (cl) {
        var doc = window.ozeAnswers(t.profile, cl);
        ticks[cl] = JSON.stringify(doc, null, 2) + '\n';
        ticked[cl] = window.ozeTicked(t.profile, cl);
        for (var id in doc.items) {
          var it = doc.items[id];
          if (it.checked || it.value) any = true;
          if (it.at && it.at > last) last = it.at;
        }
      });
      if (!any) return null;
      return { ticks: ticks, ticked: ticked, text: last ? fmt(t.tAnswers, day(last, t.tLocale)) : t.tAnswersNoDate };
    }
    function showAnswers() {
      var a = browserAnswers();
      answersRow.querySelector('span').textContent = a ? a.text : t.tNoAnswers;
      // No answers: the box is off, not ticked; answers appearing tick it again, as it starts.
      if (!a) useAnswers.checked = false;
      else if (useAnswers.disabled) useAnswers.checked = true;
      useAnswers.disabled = !a;
      return a;
    }
    // typedAddress is the PRONOTE address of the page's address field, when it holds one the
    // field accepts.
    function typedAddress() {
      if (!address || address.getAttribute('aria-invalid') === 'true') return '';
      return address.value.trim();
    }

    function say(text, fraction) {
      status.textContent = text;
      bar.hidden = fraction == null;
      if (fraction != null) bar.value = Math.min(1, fraction);
    }

    function startWorker() {
      if (worker) return worker;
      worker = new Worker(t.worker);
      worker.onmessage = function (e) {
        var m = e.data;
        if (m.type === 'loading') say(fmt(t.tLoading, m.total ? Math.round(100 * m.got / m.total) : '…'), m.total ? m.got / m.total : 0);
        else if (m.type === 'progress') say(fmt(t.tReading, m.total ? Math.round(100 * m.done / m.total) : 100), m.total ? m.done / m.total : 1);
        else if (m.type === 'result' && m.id === seq) show(JSON.parse(m.out));
        else if (m.type === 'failed') { say(fmt(t.tLoadFailed, m.message)); worker.terminate(); worker = null; }
      };
      worker.postMessage({ type: 'load' });
      return worker;
    }

    function run() {
      var a = showAnswers(), req = { mode: mode.value, purge: purge.checked, lang: lang, address: typedAddress() };
      if (!files.length) return;
      if (a && useAnswers.checked) {
        req.ticks = a.ticks;
        req.ticked = a.ticked;
        req.ticksName = t.tAnswersFile;
      }
      seq++;
      startWorker().postMessage({ type: 'check', id: seq, files: files, req: req });
    }

    // Files named *.json that are ozecheck reports are imported; the others are judged, in
    // the order they were dropped (a later one replaces the one it updates).
    function add(list) {
      var pending = Array.prototype.map.call(list, function (f) {
        if (!/\.json$/i.test(f.name) || f.size > (4 << 20)) return Promise.resolve(f);
        return f.text().then(function (s) {
          var d;
          try { d = JSON.parse(s); } catch (e) { return f; }
          if (!d || d.kind !== 'pronote-oze-report') return f;
          var n = window.pronoteOzeVerdicts.fromReports([d]);
          imported.push({ name: f.name, text: fmt(t.tImported, d.checker && d.checker.version || '', day(d.generated, t.tLocale)), n: n, doc: d });
          return null;
        }, function () { return f; });
      });
      Promise.all(pending).then(function (got) {
        got.forEach(function (f) {
          if (f && !files.some(function (g) { return g.name === f.name && g.size === f.size && g.lastModified === f.lastModified; })) files.push(f);
        });
        if (files.length) run(); else if (imported.length) show(null);
      });
    }

    // evidence says where a result comes from; the browser's answers by their name, the
    // step's ID as code.
    function evidence(r) {
      var p = el('p', { 'class': 'wc-ev' }, t.tEvidence + (lang === 'fr' ? '\u202f: ' : ': '));
      if (r.evidence === t.tAnswersFile + ': ' + r.id) p.append(t.tAnswersFile + ' (', el('code', {}, r.id), ')');
      else p.append(r.evidence);
      return p;
    }

    function resultList(doc) {
      var list = el('ol', { 'class': 'wc-list' });
      var rank = function (r) { var i = order.indexOf(r.status); return i < 0 ? order.length : i; };
      doc.results.map(function (r, i) { return { r: r, i: i }; })
        .filter(function (x) { return x.r.status !== 'not-applicable'; })
        .sort(function (a, b) { return rank(a.r) - rank(b.r) || a.i - b.i; })
        .forEach(function (x) {
          var r = x.r, li = el('li', { 'class': 'wc-result st-' + r.status });
          // A step judged while the mode is undecided belongs to neither mode's page: no link.
          var title = r.url ? el('a', { href: r.url.indexOf(t.base) === 0 ? t.root + r.url.slice(t.base.length) : r.url }, r.title) : el('span', {}, r.title);
          li.append(el('span', { 'class': 'wc-st' }, r.statusLabel), ' ', title, ' ', el('code', {}, r.id));
          li.appendChild(el('p', {}, r.message));
          if (r.evidence) li.appendChild(evidence(r));
          list.appendChild(li);
        });
      return list;
    }

    // question asks the mode, before the results: the checker judged only what does not
    // depend on it.
    function question(why) {
      var box = el('fieldset', { 'class': 'wc-ask' }), buttons = el('p');
      box.append(el('legend', {}, t.tAsk), el('p', {}, why), buttons);
      [['hosted', t.tAskHosted], ['onprem', t.tAskOnprem]].forEach(function (c) {
        var b = el('button', { type: 'button', 'data-mode': c[0] }, c[1]);
        b.addEventListener('click', function () { mode.value = c[0]; run(); });
        buttons.append(b, ' ');
      });
      return box;
    }

    // headline returns the headline and the mode's lines of a check made here (out), or of an
    // imported report (doc).
    function headline(out, doc) {
      var mode = out ? out.mode : null, v = out ? out.verdict : null;
      var m = mode ? { by: mode.by, says: said(mode.says), against: (mode.against || []).map(said) } :
        doc.modeDecision ? { by: doc.modeDecision.by, says: doc.modeDecision.says, against: doc.modeDecision.against || [] } : null;
      if (!v) {
        v = doc.failed ? { level: 'fail', text: t.tFail } : m && m.by === 'undecided' ? { level: 'attention', text: t.tUndecided } : { level: 'ok', text: t.tOk };
      } else {
        v = { level: v.level, text: said(v.says) };
      }
      var parts = [];
      if (m && m.by === 'undecided' && out) parts.push(question(m.says));
      else if (m) {
        parts.push(el('p', { 'class': 'wc-mode' }, m.says));
        m.against.forEach(function (a) { parts.push(el('p', { 'class': 'wc-against' }, a)); });
      }
      parts.push(el('p', { 'class': 'wc-verdict wc-' + v.level }, v.text));
      return parts;
    }

    function show(out) {
      results.textContent = '';
      bar.hidden = true;
      var fl = el('ul', { 'class': 'wc-files' });
      imported.forEach(function (im) { fl.appendChild(el('li', {}, im.name + ' — ' + im.text)); });
      (out ? out.files : []).forEach(function (f) {
        fl.appendChild(el('li', f.unused ? { 'class': 'wc-bad' } : f.replaced ? { 'class': 'wc-replaced' } : {}, f.name + (said(f.says) && said(f.says) !== f.name ? ' — ' + said(f.says) : '')));
      });
      var clear = el('button', { type: 'button' }, t.tClear);
      clear.addEventListener('click', function () { files = []; imported = []; results.textContent = ''; say(''); picker.value = ''; });
      if (out && out.error) {
        say(said(out.error));
        results.append(fl, clear);
        return;
      }
      var docs = [], doc = null;
      if (out && out.json) {
        ['fr', 'en'].forEach(function (l) { if (out.json[l]) docs.push(JSON.parse(out.json[l])); });
        docs.sort(function (a) { return a.lang === lang ? -1 : 1; });
        doc = docs[0];
        window.pronoteOzeVerdicts.fromReports(docs);
      } else if (imported.length) {
        doc = imported[imported.length - 1].doc;
      }
      if (!doc) return;
      say(out ? said(out.status) : imported[imported.length - 1].text);
      var head = headline(out, doc);
      results.append.apply(results, head);
      results.appendChild(fl);
      var tools = el('p', { 'class': 'wc-tools' });
      if (out && out.json) {
        var stamp = doc.generated.slice(0, 10), name = t.tFile + '-' + stamp;
        var h = el('button', { type: 'button' }, t.tHtml), j = el('button', { type: 'button' }, t.tJson);
        h.addEventListener('click', function () { download(out.html, 'text/html', name + '.html'); });
        j.addEventListener('click', function () { download(out.json[lang], 'application/json', name + '.json'); });
        tools.append(h, ' ', j, ' ');
      }
      tools.append(clear);
      results.append(tools, resultList(doc));
      if (head[0].tagName === 'FIELDSET') head[0].scrollIntoView({ block: 'nearest' });
    }

    if (address) address.addEventListener('change', function () { if (files.length) run(); });
    showAnswers();
    return { add: add, rerun: function () { if (files.length) run(); else showAnswers(); } };
  };
}());
