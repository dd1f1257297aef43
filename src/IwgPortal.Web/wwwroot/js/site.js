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

  // Drafts: a form with data-draft="<key>" keeps what is typed in this browser's localStorage, so
  // nothing is lost when a session times out. The page after a successful submit carries
  // data-draft-clear="<key>", which forgets the draft.
  var draftStore = null;
  try { draftStore = window.localStorage; } catch (e) { draftStore = null; }
  if (draftStore) {
    document.querySelectorAll("[data-draft-clear]").forEach(function (marker) {
      try { draftStore.removeItem("draft:" + marker.getAttribute("data-draft-clear")); } catch (e) { /* ignore */ }
    });
    document.querySelectorAll("form[data-draft]").forEach(function (form) {
      var key = "draft:" + form.getAttribute("data-draft");
      var fields = function () {
        return Array.prototype.filter.call(form.elements, function (el) {
          return el.name && (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && /^(text|search|url|email|checkbox)$/.test(el.type)));
        });
      };
      var id = function (el) { return el.type === "checkbox" ? el.name + "=" + el.value : el.name; };
      var save = function () {
        var data = {};
        var any = false;
        fields().forEach(function (el) {
          if (el.type === "checkbox") { data[id(el)] = el.checked; any = any || el.checked; }
          else { data[id(el)] = el.value; any = any || el.value.trim() !== ""; }
        });
        try { if (any) { draftStore.setItem(key, JSON.stringify(data)); } else { draftStore.removeItem(key); } } catch (e) { /* storage full or denied */ }
      };
      var stored = null;
      try { stored = JSON.parse(draftStore.getItem(key) || "null"); } catch (e) { stored = null; }
      var empty = fields().every(function (el) { return el.type === "checkbox" || el.value.trim() === ""; });
      if (stored && empty) {
        fields().forEach(function (el) {
          if (!Object.prototype.hasOwnProperty.call(stored, id(el))) { return; }
          if (el.type === "checkbox") { el.checked = !!stored[id(el)]; }
          else { el.value = stored[id(el)]; el.dispatchEvent(new Event("input", { bubbles: true })); }
        });
        var status = form.querySelector("[data-draft-status]");
        if (status) { status.textContent = "Your unsent draft from this browser was restored."; }
      }
      form.addEventListener("input", save);
      form.addEventListener("change", save);
    });
  }

  // Replies: a discussion's page carries one reply form (<template id="reply-template">); a
  // thread's "Reply" link is replaced by a copy of it, so the form opens in place without a reload.
  var replyTemplate = document.getElementById("reply-template");
  if (replyTemplate) {
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[data-reply-to]") : null;
      if (!link) { return; }
      event.preventDefault();
      var id = link.getAttribute("data-reply-to");
      var reply = replyTemplate.content.firstElementChild.cloneNode(true);
      var area = reply.querySelector("textarea");
      var label = reply.querySelector("label");
      reply.querySelector('input[name="Comment.ReplyTo"]').value = id;
      area.id = "reply-" + id;
      label.htmlFor = area.id;
      label.textContent = "Reply to " + link.getAttribute("data-reply-name") + " (Markdown)";
      link.parentNode.replaceWith(reply);
      area.focus();
    });
  }

  document.querySelectorAll("[data-select-on-focus]").forEach(function (input) {
    input.addEventListener("focus", function () { input.select(); });
  });
})();
