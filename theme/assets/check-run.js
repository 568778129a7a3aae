// The browser checker, loaded by check.js on the first drop or click. It judges the files
// with the Go checker compiled to WebAssembly in a Web Worker (checker-worker.js, which
// loads the .wasm showing its progress); reports made by ozecheck (report.json) feed the
// verdicts directly. Results show problems first, each linked to its step, with the HTML and
// JSON reports to download; the verdicts are kept for the procedure pages (verdicts.js).
// The answers ticked in this browser (answers.js) are offered as the answers file.
(function () {
  'use strict';
  var lang = document.documentElement.lang;

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
  function download(data, type, name) {
    var a = el('a', { href: URL.createObjectURL(new Blob([data], { type: type })), download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  // pronoteOzeCheck sets up the checker of root and returns what check.js drives: add(files)
  // and rerun() when an option changes.
  window.pronoteOzeCheck = function (root) {
    var t = root.dataset;
    var status = root.querySelector('.wc-status'), bar = root.querySelector('.wc-progress');
    var results = root.querySelector('.wc-results'), picker = root.querySelector('input[type=file]');
    var mode = root.querySelector('select[name=mode]'), purge = root.querySelector('input[name=purge]');
    var useAnswers = root.querySelector('input[name=answers]'), answersRow = root.querySelector('.wc-answers');
    var order = t.order.split(' '), kinds = t.tKinds.split('|');
    var kindName = { infomobileapp: kinds[0], identities: kinds[1], answers: kinds[2], report: kinds[3] };
    var files = [], imported = [], worker = null, seq = 0;

    // The answers ticked in this browser, as "Download my answers" gives them on the page of
    // the procedure chosen above, else of the one (hosted or on-premises) with the most steps
    // ticked; when neither is ahead the file names no procedure and the mode is guessed from
    // the other files, as ozecheck does.
    function browserAnswers() {
      if (!window.ozeAnswers) return null;
      var count = function (doc) { return Object.keys(doc.items).filter(function (id) { return doc.items[id].checked; }).length; };
      var cl = mode.value;
      if (!cl) {
        var h = count(window.ozeAnswers(t.profile, 'hosted')), o = count(window.ozeAnswers(t.profile, 'onprem'));
        cl = h > o ? 'hosted' : o > h ? 'onprem' : '';
      }
      var doc = window.ozeAnswers(t.profile, cl), ticked = 0, values = 0, last = '';
      if (!cl) delete doc.checklist;
      for (var id in doc.items) {
        var it = doc.items[id];
        if (it.checked) ticked++;
        if (it.value) values++;
        if (it.at && it.at > last) last = it.at;
      }
      if (!ticked && !values) return null;
      return { doc: doc, text: fmt(t.tAnswers, ticked, values, last ? new Date(last).toLocaleDateString(lang) : '') };
    }
    function showAnswers() {
      var a = browserAnswers();
      answersRow.querySelector('span').textContent = a ? a.text : t.tNoAnswers;
      useAnswers.disabled = !a;
      return a;
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
      var a = showAnswers(), req = { mode: mode.value, purge: purge.checked, lang: lang };
      if (!files.length) return;
      if (a && useAnswers.checked) {
        req.answers = JSON.stringify(a.doc, null, 2) + '\n';
        req.answersName = t.tAnswersFile + '.json';
      }
      seq++;
      startWorker().postMessage({ type: 'check', id: seq, files: files, req: req });
    }

    // Files named *.json that are ozecheck reports are imported; the others are judged.
    function add(list) {
      var pending = Array.prototype.map.call(list, function (f) {
        if (!/\.json$/i.test(f.name) || f.size > (4 << 20)) return Promise.resolve(f);
        return f.text().then(function (s) {
          var d;
          try { d = JSON.parse(s); } catch (e) { return f; }
          if (!d || d.kind !== 'pronote-oze-report') return f;
          var n = window.pronoteOzeVerdicts.fromReports([d]);
          imported.push({ name: f.name, text: fmt(t.tImported, d.checker && d.checker.version || '', new Date(d.generated).toLocaleString(lang)), n: n, doc: d });
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

    function resultList(doc) {
      var list = el('ol', { 'class': 'wc-list' });
      var rank = function (r) { var i = order.indexOf(r.status); return i < 0 ? order.length : i; };
      doc.results.map(function (r, i) { return { r: r, i: i }; })
        .filter(function (x) { return x.r.status !== 'not-applicable'; })
        .sort(function (a, b) { return rank(a.r) - rank(b.r) || a.i - b.i; })
        .forEach(function (x) {
          var r = x.r, li = el('li', { 'class': 'wc-result st-' + r.status });
          var href = r.url.indexOf(t.base) === 0 ? t.root + r.url.slice(t.base.length) : r.url;
          li.append(el('span', { 'class': 'wc-st' }, r.statusLabel), ' ', el('a', { href: href }, r.title), ' ', el('code', {}, r.id));
          li.appendChild(el('p', {}, r.message));
          if (r.evidence) li.appendChild(el('p', { 'class': 'wc-ev' }, t.tEvidence + (lang === 'fr' ? '\u00a0: ' : ': ') + r.evidence));
          list.appendChild(li);
        });
      return list;
    }

    function show(out) {
      results.textContent = '';
      bar.hidden = true;
      var fl = el('ul', { 'class': 'wc-files' }), bad = 0;
      imported.forEach(function (im) { fl.appendChild(el('li', {}, im.name + ' — ' + im.text)); });
      (out ? out.files : []).forEach(function (f) {
        var li = el('li', f.error ? { 'class': 'wc-bad' } : {}, f.name + ' — ');
        if (f.error) { bad++; li.append(el('strong', {}, f.error[lang] || f.error.en)); } else li.append(kindName[f.kind] || f.kind);
        fl.appendChild(li);
      });
      results.appendChild(fl);
      var clear = el('button', { type: 'button' }, t.tClear);
      clear.addEventListener('click', function () { files = []; imported = []; results.textContent = ''; say(''); picker.value = ''; });
      if (out && out.modeError) {
        say(out.modeError[lang] + ' ' + t.tNeedMode);
        results.appendChild(clear);
        mode.focus();
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
      say(out ? fmt(t.tDone, out.files.length - bad, bad) : imported[imported.length - 1].text);
      results.appendChild(el('p', { 'class': doc.failed ? 'wc-verdict wc-fail' : 'wc-verdict' }, doc.failed ? t.tFail : t.tOk));
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
    }

    showAnswers();
    return { add: add, rerun: function () { if (files.length) run(); else showAnswers(); } };
  };
}());
