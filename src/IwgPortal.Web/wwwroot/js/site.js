// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="csrf-token"]');

  // Live Markdown preview: a textarea with data-preview="<id>" renders through the server,
  // so the preview is exactly what the portal will show.
  document.querySelectorAll("textarea[data-preview]").forEach(function (area) {
    var target = document.getElementById(area.getAttribute("data-preview"));
    if (!target || !csrf) { return; }
    var timer = null;
    var latest = 0;
    var render = function () {
      // Answers can arrive out of order: only the one for the newest text may fill the preview.
      var request = ++latest;
      fetch("/api/markdown/preview", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-TOKEN": csrf.content },
        body: JSON.stringify({ text: area.value })
      }).then(function (r) { return r.ok ? r.json() : null; })
        .then(function (body) { if (body && request === latest) { target.innerHTML = body.html; } })
        .catch(function () { /* the preview is a convenience; typing goes on */ });
    };
    area.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(render, 300); });
    render();
  });

  document.querySelectorAll("[data-select-on-focus]").forEach(function (input) {
    input.addEventListener("focus", function () { input.select(); });
  });
})();
