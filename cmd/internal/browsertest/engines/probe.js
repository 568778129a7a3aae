// Added by the smoke test's server (engines_test.go) as the first script of every page, to
// record in window.__problems what a person would not see but a developer's console would:
// script errors, rejected promises left unhandled, console.error calls, resources that fail
// to load, and Content-Security-Policy violations.
(function () {
  'use strict';
  var p = window.__problems = [];
  window.addEventListener('error', function (e) {
    var t = e.target;
    if (t && t !== window && (t.src || t.href)) p.push('failed to load ' + (t.src || t.href));
    else p.push('error: ' + e.message + ' at ' + e.filename + ':' + e.lineno);
  }, true);
  window.addEventListener('unhandledrejection', function (e) { p.push('unhandled rejection: ' + e.reason); });
  document.addEventListener('securitypolicyviolation', function (e) {
    p.push('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI);
  });
  var error = console.error;
  console.error = function () {
    p.push('console.error: ' + Array.prototype.join.call(arguments, ' '));
    return error.apply(console, arguments);
  };
}());
