/* tthc-monitor console: small progressive enhancements; every page works without them. */
(function () {
  'use strict';
  // Buttons that copy a snippet (the embed code).
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-copy]');
    if (!button) return;
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source || !navigator.clipboard) return;
    navigator.clipboard.writeText(source.textContent || source.value || '').then(function () {
      button.textContent = button.getAttribute('data-copied') || 'OK';
    });
  });
})();
