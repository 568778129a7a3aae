// Interactive checklists. Ticks, observed values and comments are saved in this browser
// only (localStorage), keyed by item ID and shared by the French and English pages; an item
// whose wording changed (data-fp) starts again unticked. Adds progress, reset, and "download
// my answers" (the answers file ozecheck reads; schema/answers.schema.json). Without this
// script the checklist still reads and prints as a list of boxes.
(function () {
  'use strict';
  var FORMAT = 1;

  function key(profile, id) { return 'pronote-oze:' + profile + ':' + id; }
  function load(profile, id) {
    try { return JSON.parse(localStorage.getItem(key(profile, id))); } catch (e) { return null; }
  }
  function save(profile, id, state) {
    try { localStorage.setItem(key(profile, id), JSON.stringify(state)); } catch (e) { /* private mode: state lives until reload */ }
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }

  function setup(root) {
    var t = root.dataset, profile = t.profile;
    var items = Array.prototype.slice.call(root.querySelectorAll('.cl-item'));
    var bar = el('div', { 'class': 'cl-tools' });
    var progress = el('p', { 'class': 'cl-progress', role: 'status', 'aria-live': 'polite' });
    var download = el('button', { type: 'button' }, t.tDownload);
    var reset = el('button', { type: 'button' }, t.tReset);
    bar.append(progress, download, reset);
    root.insertBefore(bar, root.firstChild);

    var rows = items.map(function (li) {
      var id = li.id, fp = li.dataset.fp, box = li.querySelector('input[type=checkbox]');
      var state = load(profile, id);
      if (state && state.fp !== fp) state = null; // reworded: ask again
      state = state || { fp: fp, checked: false };
      var row = { li: li, id: id, box: box, state: state };

      var ask = li.querySelector('.cl-ask');
      if (ask) {
        var label = el('label', { 'class': 'cl-field' }, ask.dataset.ask);
        row.value = el('input', { type: 'text', name: id + ':value', spellcheck: 'false', autocomplete: 'off', inputmode: 'url' });
        label.appendChild(row.value);
        ask.replaceWith(label);
        row.value.value = state.value || '';
        row.value.addEventListener('input', function () { update(row, 'value', row.value.value); });
      }
      var details = el('details', { 'class': 'cl-comment' });
      var summary = el('summary', {}, t.tComment);
      row.comment = el('textarea', { name: id + ':comment', rows: '2', 'aria-label': t.tComment + ' — ' + id });
      details.append(summary, row.comment);
      li.appendChild(details);
      row.comment.value = state.comment || '';
      details.open = !!state.comment;
      row.comment.addEventListener('input', function () { update(row, 'comment', row.comment.value); });

      box.checked = !!state.checked;
      box.addEventListener('change', function () { update(row, 'checked', box.checked); });
      return row;
    });

    function update(row, field, v) {
      row.state[field] = v;
      row.state.fp = row.li.dataset.fp;
      if (field === 'checked') row.state.at = new Date().toISOString();
      save(profile, row.id, row.state);
      paint();
    }
    function paint() {
      var done = 0;
      rows.forEach(function (r) {
        r.li.classList.toggle('done', r.box.checked);
        if (r.box.checked) done++;
      });
      progress.textContent = t.tProgress.replace('%d', done).replace('%d', rows.length);
    }

    reset.addEventListener('click', function () {
      if (!window.confirm(t.tConfirm)) return;
      rows.forEach(function (r) {
        try { localStorage.removeItem(key(profile, r.id)); } catch (e) { /* nothing stored */ }
        r.state = { fp: r.li.dataset.fp, checked: false };
        r.box.checked = false;
        if (r.value) r.value.value = '';
        r.comment.value = '';
      });
      paint();
    });

    download.addEventListener('click', function () {
      var doc = {
        kind: 'pronote-oze-answers', format: FORMAT, profile: profile,
        lang: document.documentElement.lang, checklist: t.checklist,
        page: location.href.split('#')[0], saved: new Date().toISOString(), items: {}
      };
      // Every answer of this profile travels, the other procedures' too: one file says it all.
      var prefix = key(profile, '');
      for (var i = 0; i < localStorage.length; i++) {
        var k = localStorage.key(i);
        if (k.indexOf(prefix) !== 0) continue;
        var s = load(profile, k.slice(prefix.length));
        if (!s) continue;
        var item = { checked: !!s.checked, fp: s.fp };
        if (s.at) item.at = s.at;
        if (s.value) item.value = s.value;
        if (s.comment) item.comment = s.comment;
        doc.items[k.slice(prefix.length)] = item;
      }
      var blob = new Blob([JSON.stringify(doc, null, 2) + '\n'], { type: 'application/json' });
      var a = el('a', { href: URL.createObjectURL(blob), download: t.tFile + '-' + t.checklist + '-' + doc.saved.slice(0, 10) + '.json' });
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    });

    paint();
  }

  // Printing shows every comment that has text; nothing stays folded away.
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('.cl-comment').forEach(function (d) { d.open = !!d.querySelector('textarea').value; });
  });

  document.querySelectorAll('.checklist[data-profile]').forEach(setup);
}());
