// Interactive checklists. Ticks, observed values and comments are saved in this browser
// only (localStorage), per procedure: key "pronote-oze:<profile>:<checklist>:<item ID>",
// shared by the French and English pages of that procedure, never by two procedures (a step
// the hosted and on-premises procedures share is ticked in each). The school's name and UAI
// are one record per profile ("pronote-oze:<profile>:@school"). Before per-procedure keys,
// state was keyed "pronote-oze:<profile>:<item ID>": each procedure copies it once, the first
// time it is opened. An item whose wording changed since its state was saved (its
// fingerprint, in steps.json) starts again unticked: a saved tick shows only once steps.js
// has loaded the fingerprints and found the wording the same (the checklist is aria-busy
// till then; row.fp is the fingerprint, once known). Adds
// progress, reset, and "download my answers" (answers.js, loaded on click, clears the
// checklist or makes the file ozecheck reads; schema/answers.schema.json). What each step is — done, verified, contradicted… — is
// steps.js's, loaded once something is ticked, typed or verified in this browser: before,
// every step is to do. Without this script the checklist still reads and prints as a list of
// boxes with lines to fill in.
(function () {
  'use strict';
  // The folder of the files loaded on use, as the page names it (data-assets).
  var NS = 'pronote-oze:', assets = document.currentScript.dataset.assets;

  function get(k) {
    try { return JSON.parse(localStorage.getItem(k)); } catch (e) { return null; }
  }
  function put(k, v) {
    try { localStorage.setItem(k, JSON.stringify(v)); } catch (e) { /* private mode: state lives until reload */ }
  }
  function drop(k) {
    try { localStorage.removeItem(k); } catch (e) { /* nothing stored */ }
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }
  // field returns a labelled text box, with the text it holds mirrored for print (a box
  // prints cut to its width; the mirror wraps like text). A wrapping one is a one-line
  // textarea that grows with what it holds, so a long URL shows whole on a phone; it takes no
  // line break (Enter, or one pasted, would put it in the value).
  function field(cls, label, name, value, onInput, attrs, wraps) {
    var l = el('label', { 'class': cls }, label);
    var input = el(wraps ? 'textarea' : 'input', { name: name, spellcheck: 'false', autocomplete: 'off' });
    if (wraps) input.rows = 1; else input.type = 'text';
    for (var k in attrs) input.setAttribute(k, attrs[k]);
    var printed = el('span', { 'class': 'cl-printed', 'aria-hidden': 'true' });
    input.value = printed.textContent = value || '';
    var grow = wraps && !CSS.supports('field-sizing', 'content') ? function () {
      input.style.height = 'auto';
      input.style.height = input.scrollHeight + input.offsetHeight - input.clientHeight + 'px';
    } : function () {};
    if (wraps) input.addEventListener('keydown', function (e) { if (e.key === 'Enter') e.preventDefault(); });
    input.addEventListener('input', function () {
      if (/[\r\n]/.test(input.value)) input.value = input.value.replace(/[\r\n]+/g, '');
      printed.textContent = input.value;
      grow();
      onInput(input.value);
    });
    l.append(input, printed);
    l.input = input;
    if (wraps) requestAnimationFrame(grow);
    return l;
  }

  // need loads the script name.js of the assets folder once: the answers builder
  // (answers.js) and the steps' states (steps.js, with the checker's verdicts) load on use,
  // outside the first view.
  var loaded = {};
  function need(name) {
    return loaded[name] = loaded[name] || new Promise(function (ok) {
      var s = el('script', { src: assets + name + '.js' });
      s.onload = ok;
      document.body.append(s);
    });
  }


  function setup(root) {
    var t = root.dataset, profile = t.profile, cl = t.checklist;
    var base = NS + profile + ':', prefix = base + cl + ':', migrated = base + '@migrated:' + cl;
    var items = Array.from(root.querySelectorAll('.cl-item'));

    // Once per procedure: copy the state saved before it had keys of its own.
    if (!get(migrated)) {
      items.forEach(function (li) {
        var old = get(base + li.id);
        if (old && !get(prefix + li.id)) put(prefix + li.id, old);
      });
      put(migrated, 1);
    }

    var bar = el('div', { 'class': 'cl-tools' });
    var progress = el('p', { 'class': 'cl-progress', role: 'status', 'aria-live': 'polite' });
    var download = el('button', { type: 'button', 'class': 'cl-download' }, t.tDownload);
    var said = el('p', { 'class': 'cl-said', role: 'status' });
    bar.append(progress, download, said);
    root.insertBefore(bar, root.querySelector('.cl-scope'));
    // At the end: download again (the only one on a phone, whose toolbar keeps the progress
    // alone), and reset, away from the toolbar.
    var download2 = el('button', { type: 'button', 'class': 'cl-download2' }, t.tDownload);
    var reset = el('button', { type: 'button', 'class': 'cl-reset' }, t.tReset);
    root.querySelector('.cl-end').append(download2, ' ', reset);

    var schoolKey = base + '@school', school = get(schoolKey) || {};
    var schoolP = root.querySelector('.cl-school');
    if (schoolP) {
      var box = el('div', { 'class': 'cl-school' });
      var name = field('cl-field', schoolP.dataset.school, 'school:name', school.name, function (v) { school.name = v; put(schoolKey, school); });
      var uai = field('cl-field cl-uai', schoolP.dataset.uai, 'school:uai', school.uai, function (v) { school.uai = v; put(schoolKey, school); },
        { maxlength: '8', pattern: '[0-9]{7}[A-Za-z]', size: '10' });
      box.append(name, uai);
      schoolP.replaceWith(box);
    }

    // The steps at a glance, with their state, linking down (long procedures).
    var steps = {};
    if (t.tSteps) {
      var sum = el('details', { 'class': 'cl-summary' }), all = el('ol');
      sum.open = matchMedia('(min-width: 40rem)').matches; // folded on a phone
      sum.append(el('summary', {}, t.tSteps), all);
      root.querySelectorAll('section').forEach(function (sec) {
        var h = sec.querySelector('h2'), li = el('li'), ol = el('ol');
        li.append(el('a', { href: '#' + h.id }, h.textContent), ol);
        sec.querySelectorAll('.cl-item').forEach(function (it) {
          var s = el('li');
          s.appendChild(el('a', { href: '#' + it.id }, it.querySelector('b').textContent));
          ol.appendChild(steps[it.id] = s);
        });
        all.appendChild(li);
      });
      root.insertBefore(sum, root.querySelector('section'));
    }

    var rows = items.map(function (li) {
      var id = li.id, box = li.querySelector('input[type=checkbox]');
      var state = get(prefix + id) || { checked: false };
      var row = { li: li, id: id, box: box, state: state, step: steps[id] };

      var ask = li.querySelector('.cl-ask');
      if (ask) {
        var f = field('cl-field', ask.dataset.ask, id + ':value', state.value, function (v) { update(row, 'value', v); }, { inputmode: 'url' }, true);
        row.value = f.input;
        ask.replaceWith(f);
      }
      var details = el('details', { 'class': 'cl-comment' });
      var summary = el('summary', {}, t.tComment);
      row.comment = el('textarea', { name: id + ':comment', rows: '2', 'aria-label': t.tComment + ' — ' + id });
      details.append(summary, row.comment);
      li.appendChild(details);
      row.comment.value = state.comment || '';
      details.open = !!state.comment;
      row.comment.addEventListener('input', function () { update(row, 'comment', row.comment.value); });

      // A saved tick shows once its wording is known to be the step's (steps.js): till then
      // the box is empty (whatever the browser restored), and the checklist busy.
      box.checked = false;
      if (state.checked) root.setAttribute('aria-busy', 'true');
      box.addEventListener('change', function () { update(row, 'checked', box.checked); });
      return row;
    });

    function update(row, field, v) {
      row.state[field] = v;
      if (row.fp) row.state.fp = row.fp;
      else delete row.state.fp; // done before the wording was known: done on the one shown
      var stamp = { checked: 'at', value: 'vat' }[field]; // when the tick, the value changed
      if (stamp) row.state[stamp] = new Date().toISOString();
      put(prefix + row.id, row.state);
      paint();
    }
    // paint shows each step's state (steps.js), once there is one to show: loaded, steps.js
    // paints every checklist itself.
    function paint() {
      if (window.ozeSteps) return window.ozeSteps.paint(root);
      progress.textContent = t.tProgress;
      if (rows.some(function (r) { return get(prefix + r.id); }) || /verdict:/.test(Object.keys(localStorage))) need('steps');
    }

    // clear empties row r: unticked, no value, no comment, nothing saved.
    function clear(r) {
      drop(prefix + r.id);
      r.state = { fp: r.fp, checked: false };
      r.box.checked = false;
      if (r.value) { r.value.value = ''; r.value.dispatchEvent(new Event('input')); }
      r.comment.value = '';
    }

    // Reset and download load their code (answers.js) on click: it clears or writes what
    // this browser keeps of the checklist (root.cl), then paints again (root.paint).
    function later(name) {
      return function () { need('answers').then(function () { window[name](root, said); }); };
    }
    reset.addEventListener('click', later('ozeReset'));
    download.addEventListener('click', later('ozeDownload'));
    download2.addEventListener('click', later('ozeDownload'));

    root.cl = rows; // what steps.js paints, answers.js clears or writes
    root.paint = paint;
    root.clear = clear;
    paint();
    // The browser scrolled to the linked step before the toolbar existed: scroll again, below it.
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && root.contains(target)) target.scrollIntoView();
  }

  // Printing shows every comment that has text; nothing stays folded away.
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('.cl-comment').forEach(function (d) { d.open = !!d.querySelector('textarea').value; });
  });

  document.querySelectorAll('.checklist[data-profile]').forEach(setup);
}());
