// sitegen serve: reloads the page when the site is rebuilt and shows build errors over it.
// Served only by "sitegen serve", never part of the built site.
(function () {
  'use strict';
  var overlay = null;
  function hide() { if (overlay) { overlay.remove(); overlay = null; } }
  function show(errors) {
    hide();
    overlay = document.createElement('div');
    overlay.setAttribute('role', 'alert');
    var s = overlay.style;
    s.position = 'fixed'; s.inset = '0'; s.zIndex = '99999'; s.overflow = 'auto';
    s.background = 'rgba(20,20,20,.92)'; s.color = '#fff'; s.padding = '2rem';
    s.font = '14px/1.5 ui-monospace, Consolas, monospace'; s.whiteSpace = 'pre-wrap';
    var h = document.createElement('strong');
    h.textContent = 'sitegen: build failed — the last good site is still served\n\n';
    overlay.appendChild(h);
    errors.forEach(function (e) {
      var line = document.createElement('div');
      line.textContent = e;
      line.style.color = '#ffb4a8';
      overlay.appendChild(line);
    });
    document.body.appendChild(overlay);
  }
  var es = new EventSource('/__sitegen/events');
  es.addEventListener('reload', function () { location.reload(); });
  es.addEventListener('build-error', function (ev) { show(JSON.parse(ev.data)); });
  es.addEventListener('ok', hide);
}());
