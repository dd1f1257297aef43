// The statement-of-work editor, on top of a form that works without it: autosave through the API
// with the version the text started from, a copy in localStorage so a reload never loses text,
// work items, criteria and objectives added, removed and reordered in place, and a merge view when
// another working-group member saved meanwhile (409: their text is shown, nothing is overwritten).
(function () {
  "use strict";
  var form = document.getElementById("sow-editor");
  var csrf = document.querySelector('meta[name="csrf-token"]');
  if (!form || !csrf || !window.fetch) { return; }

  var api = "/api/sows/" + form.getAttribute("data-sow");
  var storeKey = "draft:" + form.getAttribute("data-draft-key");
  var versionInput = form.querySelector("[data-version]");
  var statusLine = form.querySelector("[data-save-status]");
  var itemList = form.querySelector('[data-list="items"]');
  var objectiveList = form.querySelector('[data-list="objectives"]');
  var mergePanel = form.querySelector("[data-merge-panel]");
  var highest = {
    w: parseInt(form.getAttribute("data-highest-w"), 10) || 0,
    c: parseInt(form.getAttribute("data-highest-c"), 10) || 0,
    s: parseInt(form.getAttribute("data-highest-s"), 10) || 0
  };
  var store = null;
  try { store = window.localStorage; } catch (e) { store = null; }

  var textFields = ["Title", "Problem", "WorkMode", "RequiredSkills", "FunctionalRequirements", "NonFunctionalRequirements"];
  var lastSaved = "";
  var inFlight = false;
  var submitting = false;
  var pendingSubmit = null;
  var merge = null;

  // ---- The form as the API's content and back -------------------------------------------------

  var camel = function (name) { return name.charAt(0).toLowerCase() + name.slice(1); };
  var own = function (row, f) {
    // A field of this row itself, not of a criterion inside a work item.
    var found = null;
    row.querySelectorAll('[data-f="' + f + '"]').forEach(function (el) {
      if (!found && el.closest("[data-criterion], [data-item], [data-objective]") === row) { found = el; }
    });
    return found;
  };
  var value = function (row, f) { var el = own(row, f); return el ? el.value : ""; };
  var rows = function (list, marker) {
    return Array.prototype.filter.call(list.children, function (el) { return el.hasAttribute(marker); });
  };

  var read = function () {
    var content = {};
    textFields.forEach(function (f) { content[camel(f)] = form.elements["Input." + f].value; });
    content.workItems = rows(itemList, "data-item").map(function (item) {
      return {
        key: value(item, "Key"),
        title: value(item, "Title"),
        description: value(item, "Description"),
        criteria: rows(item.querySelector('[data-list="criteria"]'), "data-criterion").map(function (c) {
          return { key: value(c, "Key"), text: value(c, "Text") };
        })
      };
    });
    content.objectives = rows(objectiveList, "data-objective").map(function (o) {
      return { key: value(o, "Key"), serviceSlug: value(o, "ServiceSlug") || null, target: value(o, "Target"), window: value(o, "Window"), measurement: value(o, "Measurement") };
    });
    content.serviceSlugs = Array.prototype.filter.call(form.querySelectorAll('input[name="Input.ServiceSlugs"]'), function (b) { return b.checked; })
      .map(function (b) { return b.value; });
    var route = form.querySelector('input[name="Input.Route"]:checked');
    content.route = route ? route.value : null;
    return content;
  };

  // A comparable form of a content: same field order, services as a set, no trailing blanks.
  var canon = function (c) {
    var t = function (s) { return (s || "").replace(/\r\n/g, "\n").trim(); };
    return JSON.stringify([
      textFields.map(function (f) { return t(c[camel(f)]); }),
      (c.workItems || []).map(function (w) { return [w.key, t(w.title), t(w.description), (w.criteria || []).map(function (x) { return [x.key, t(x.text)]; })]; }),
      (c.objectives || []).map(function (o) { return [o.key, o.serviceSlug || null, t(o.target), t(o.window), t(o.measurement)]; }),
      (c.serviceSlugs || []).slice().sort(),
      c.route || null
    ]);
  };

  var fromTemplate = function (id, key) {
    var row = document.getElementById(id).content.firstElementChild.cloneNode(true);
    [row].concat(Array.prototype.slice.call(row.querySelectorAll("*"))).forEach(function (el) {
      ["aria-label", "data-key", "id"].forEach(function (attr) {
        var v = el.getAttribute(attr);
        if (v && v.indexOf("KEY") >= 0) { el.setAttribute(attr, v.replace("KEY", key)); }
      });
      if (el.classList.contains("key") || (el.classList.contains("visually-hidden") && el.textContent.indexOf("KEY") >= 0)) {
        el.textContent = el.textContent.replace("KEY", key);
      }
    });
    own(row, "Key").value = key;
    return row;
  };

  var nextKey = function (prefix) {
    form.querySelectorAll('[data-f="Key"]').forEach(function (el) {
      var m = /^([a-z]+)(\d+)$/.exec(el.value);
      if (m && m[1] === prefix) { highest[prefix] = Math.max(highest[prefix], parseInt(m[2], 10)); }
    });
    highest[prefix] += 1;
    return prefix + highest[prefix];
  };

  var newCriterion = function (c) {
    var row = fromTemplate("tpl-criterion", c.key);
    own(row, "Text").value = c.text || "";
    return row;
  };

  var newItem = function (w) {
    var row = fromTemplate("tpl-item", w.key);
    own(row, "Title").value = w.title || "";
    own(row, "Description").value = w.description || "";
    var list = row.querySelector('[data-list="criteria"]');
    (w.criteria || []).forEach(function (c) { list.appendChild(newCriterion(c)); });
    return row;
  };

  var newObjective = function (o) {
    var row = fromTemplate("tpl-objective", o.key);
    ["ServiceSlug", "Target", "Window", "Measurement"].forEach(function (f) { own(row, f).value = o[camel(f)] || ""; });
    return row;
  };

  var writeItems = function (items) {
    itemList.replaceChildren.apply(itemList, items.map(newItem));
  };
  var writeObjectives = function (objectives) {
    objectiveList.replaceChildren.apply(objectiveList, objectives.map(newObjective));
  };
  var writeServices = function (slugs) {
    form.querySelectorAll('input[name="Input.ServiceSlugs"]').forEach(function (b) { b.checked = slugs.indexOf(b.value) >= 0; });
  };
  var writeRoute = function (route) {
    form.querySelectorAll('input[name="Input.Route"]').forEach(function (r) { r.checked = r.value === route; });
  };
  var writeText = function (f, text) {
    var el = form.elements["Input." + f];
    el.value = text || "";
    el.dispatchEvent(new Event("input", { bubbles: true }));
  };

  var write = function (c) {
    textFields.forEach(function (f) { writeText(f, c[camel(f)]); });
    writeItems(c.workItems || []);
    writeObjectives(c.objectives || []);
    writeServices(c.serviceSlugs || []);
    writeRoute(c.route || null);
    renumber();
  };

  // Names follow the document order, so the no-JavaScript save (a plain POST) binds the lists as shown.
  var renumber = function () {
    rows(itemList, "data-item").forEach(function (item, i) {
      ["Key", "Title", "Description"].forEach(function (f) { own(item, f).name = "Input.WorkItems[" + i + "]." + f; });
      item.querySelectorAll(":scope > .item-head [data-action], :scope > .criteria-edit > [data-action]").forEach(function (b) {
        var action = b.getAttribute("data-action");
        b.value = action + (action === "add-criterion" ? ":" : "-item:") + i;
      });
      rows(item.querySelector('[data-list="criteria"]'), "data-criterion").forEach(function (c, j) {
        ["Key", "Text"].forEach(function (f) { own(c, f).name = "Input.WorkItems[" + i + "].Criteria[" + j + "]." + f; });
        c.querySelectorAll("[data-action]").forEach(function (b) { b.value = b.getAttribute("data-action") + "-criterion:" + i + ":" + j; });
      });
    });
    rows(objectiveList, "data-objective").forEach(function (o, k) {
      ["Key", "ServiceSlug", "Target", "Window", "Measurement"].forEach(function (f) { own(o, f).name = "Input.Objectives[" + k + "]." + f; });
      o.querySelectorAll("[data-action]").forEach(function (b) { b.value = "remove-objective:" + k; });
    });
  };

  // ---- Saving ----------------------------------------------------------------------------------

  var setStatus = function (text, kind) {
    statusLine.textContent = text;
    statusLine.className = "save-status" + (kind ? " " + kind : "");
  };
  var now = function () { return new Date().toLocaleTimeString("en-GB"); };

  var keepLocal = function () {
    if (!store) { return; }
    try { store.setItem(storeKey, JSON.stringify({ version: versionInput.value, content: read(), at: Date.now() })); } catch (e) { /* storage full or denied */ }
  };
  var forgetLocal = function () {
    if (store) { try { store.removeItem(storeKey); } catch (e) { /* ignore */ } }
  };

  var problemText = function (problem) {
    if (!problem) { return "the portal did not answer."; }
    if (problem.errors) {
      return Object.keys(problem.errors).map(function (k) { return problem.errors[k].join(" "); }).join(" ");
    }
    return problem.detail || problem.title || "unknown error.";
  };

  var refreshMissing = function (details) {
    var list = form.querySelector("[data-missing]");
    var complete = form.querySelector("[data-complete]");
    var missing = details.missingToPublish || [];
    list.replaceChildren.apply(list, missing.map(function (m) { var li = document.createElement("li"); li.textContent = m; return li; }));
    complete.hidden = missing.length > 0;
  };

  var load = function () {
    return fetch(api, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; });
  };

  var save = function (keepalive) {
    var content = read();
    var sent = canon(content);
    inFlight = true;
    if (!keepalive) { setStatus("Saving…"); }
    return fetch(api + "/draft", {
      method: "PUT",
      credentials: "same-origin",
      keepalive: !!keepalive,
      headers: { "Content-Type": "application/json", "X-CSRF-TOKEN": csrf.content },
      body: JSON.stringify({ content: content, version: parseInt(versionInput.value, 10) || 0 })
    }).then(function (r) {
      if (r.ok) {
        return r.json().then(function (body) {
          versionInput.value = body.version;
          lastSaved = sent;
          if (canon(read()) === sent) { forgetLocal(); }
          setStatus("Saved " + now(), "saved");
          return load().then(function (details) { if (details) { refreshMissing(details); } });
        });
      }
      if (r.status === 409) { return conflict(content); }
      return r.json().catch(function () { return null; }).then(function (problem) {
        setStatus("Not saved: " + problemText(problem) + " Your text is kept in this browser.", "error");
      });
    }).catch(function () {
      setStatus("Not saved: the portal could not be reached. Your text is kept in this browser.", "error");
    }).then(function () {
      inFlight = false;
      if (pendingSubmit) {
        var button = pendingSubmit;
        pendingSubmit = null;
        form.requestSubmit(button);
      }
    });
  };

  var dirty = function () { return canon(read()) !== lastSaved; };

  // ---- The merge view --------------------------------------------------------------------------

  var parts = [
    { name: "Title", label: "title" }, { name: "Problem", label: "problem" }, { name: "WorkMode", label: "work mode" },
    { name: "RequiredSkills", label: "required skills" }, { name: "FunctionalRequirements", label: "functional requirements" },
    { name: "NonFunctionalRequirements", label: "non-functional requirements" },
    {
      name: "WorkItems", label: "work items",
      show: function (c) {
        return c.workItems.map(function (w) {
          return w.key + " " + w.title + (w.description ? "\n  " + w.description.replace(/\n/g, "\n  ") : "") +
            w.criteria.map(function (x) { return "\n  • " + x.key + " " + x.text; }).join("");
        }).join("\n\n") || "(none)";
      },
      take: function (c) { writeItems(c.workItems); renumber(); }
    },
    {
      name: "Objectives", label: "service level objectives",
      show: function (c) {
        return c.objectives.map(function (o) { return o.key + " " + (o.serviceSlug || "—") + ": " + o.target + " over " + o.window + ", " + o.measurement; }).join("\n") || "(none)";
      },
      take: function (c) { writeObjectives(c.objectives); renumber(); }
    },
    { name: "ServiceSlugs", label: "affected services", show: function (c) { return c.serviceSlugs.join(", ") || "(none)"; }, take: function (c) { writeServices(c.serviceSlugs); } },
    { name: "Route", label: "delivery route", show: function (c) { return c.route || "(not chosen)"; }, take: function (c) { writeRoute(c.route); } }
  ];

  var normalise = function (d) {
    return {
      title: d.title || "", problem: d.problem || "", workMode: d.workMode || "", requiredSkills: d.requiredSkills || "",
      functionalRequirements: d.functionalRequirements || "", nonFunctionalRequirements: d.nonFunctionalRequirements || "",
      workItems: (d.workItems || []).map(function (w) {
        return { key: w.key, title: w.title || "", description: w.description || "", criteria: (w.criteria || []).map(function (c) { return { key: c.key, text: c.text || "" }; }) };
      }),
      objectives: (d.objectives || []).map(function (o) {
        return { key: o.key, serviceSlug: o.serviceSlug || null, target: o.target || "", window: o.window || "", measurement: o.measurement || "" };
      }),
      serviceSlugs: d.serviceSlugs || [],
      route: d.route || null
    };
  };

  var partOf = function (name) {
    var el = form.querySelector('[data-section="' + name + '"]');
    return el.tagName === "FIELDSET" ? el : el.closest(".section");
  };

  var sameIn = function (part, a, b) {
    // canon() of an object holding only this part compares just that part.
    var k = camel(part.name);
    var x = {};
    var y = {};
    x[k] = a[k];
    y[k] = b[k];
    return canon(x) === canon(y);
  };

  var finishMerge = function () {
    if (!merge) { return; }
    versionInput.value = merge.version;
    form.querySelectorAll("[data-theirs-js]").forEach(function (box) { box.remove(); });
    mergePanel.hidden = true;
    merge = null;
    lastSaved = "";
    save(false);
  };

  var conflict = function (mine) {
    return load().then(function (details) {
      if (!details) {
        setStatus("Not saved: the statement of work could not be read. Your text is kept in this browser.", "error");
        return;
      }
      if (details.state !== "Draft") {
        setStatus("Not saved: this statement of work is no longer a draft (" + details.state + "). Your text is kept in this browser.", "error");
        merge = { version: details.version, theirs: null, stopped: true };
        return;
      }
      var theirs = normalise(details.draft);
      if (canon(theirs) === canon(mine)) {
        // Our own earlier save (e.g. the one sent when the page was left) got there first.
        versionInput.value = details.version;
        lastSaved = canon(mine);
        setStatus("Saved " + now(), "saved");
        refreshMissing(details);
        return;
      }
      merge = { version: details.version, theirs: theirs };
      form.querySelectorAll("[data-theirs-js]").forEach(function (box) { box.remove(); });
      parts.forEach(function (part) {
        if (sameIn(part, theirs, mine)) { return; }
        var box = document.createElement("div");
        box.className = "theirs";
        box.setAttribute("data-theirs-js", part.name);
        box.setAttribute("role", "note");
        var head = document.createElement("p");
        head.className = "theirs-head";
        head.textContent = "Saved meanwhile by another member — their " + part.label + ":";
        var text = document.createElement("pre");
        text.className = "theirs-text";
        text.textContent = part.show ? part.show(theirs) : (theirs[camel(part.name)] || "(empty)");
        var actions = document.createElement("div");
        actions.className = "actions";
        [["take-theirs", "Take theirs"], ["keep-section", "Keep mine"]].forEach(function (a) {
          var b = document.createElement("button");
          b.type = "button";
          b.className = "button small";
          b.setAttribute("data-action", a[0]);
          b.setAttribute("data-part", part.name);
          b.textContent = a[1];
          actions.appendChild(b);
        });
        box.append(head, text, actions);
        partOf(part.name).appendChild(box);
      });
      mergePanel.hidden = false;
      setStatus("Another member saved meanwhile — review and merge", "conflict");
      mergePanel.scrollIntoView({ block: "center" });
    });
  };

  var resolve = function (name, takeTheirs) {
    var part = parts.filter(function (p) { return p.name === name; })[0];
    if (takeTheirs) {
      if (part.take) { part.take(merge.theirs); } else { writeText(part.name, merge.theirs[camel(part.name)]); }
      keepLocal();
    }
    var box = form.querySelector('[data-theirs-js="' + name + '"]');
    if (box) { box.remove(); }
    if (!form.querySelector("[data-theirs-js]")) { finishMerge(); }
  };

  // ---- Events ----------------------------------------------------------------------------------

  var changed = function () {
    keepLocal();
    if (!merge && dirty()) { setStatus("Unsaved changes…", "pending"); }
  };

  var move = function (row, up) {
    var sibling = up ? row.previousElementSibling : row.nextElementSibling;
    if (!sibling) { return; }
    if (up) { row.parentNode.insertBefore(row, sibling); } else { row.parentNode.insertBefore(sibling, row); }
  };

  form.addEventListener("click", function (e) {
    var button = e.target.closest("[data-action]");
    if (!button || !form.contains(button)) { return; }
    e.preventDefault();
    var action = button.getAttribute("data-action");
    var row = button.closest("[data-criterion]") || button.closest("[data-item]") || button.closest("[data-objective]");
    var focus = null;
    if (action === "add-item") {
      var item = newItem({ key: nextKey("w"), criteria: [{ key: nextKey("c") }] });
      itemList.appendChild(item);
      focus = own(item, "Title");
    } else if (action === "add-criterion") {
      var criterion = newCriterion({ key: nextKey("c") });
      row.querySelector('[data-list="criteria"]').appendChild(criterion);
      focus = own(criterion, "Text");
    } else if (action === "add-objective") {
      var objective = newObjective({ key: nextKey("s") });
      objectiveList.appendChild(objective);
      focus = own(objective, "ServiceSlug");
    } else if (action === "up" || action === "down") {
      move(row, action === "up");
      focus = button;
    } else if (action === "remove") {
      row.remove();
    } else if (action === "keep-mine") {
      finishMerge();
      return;
    } else if (action === "take-all") {
      write(merge.theirs);
      finishMerge();
      return;
    } else if (action === "take-theirs" || action === "keep-section") {
      resolve(button.getAttribute("data-part"), action === "take-theirs");
      return;
    }
    renumber();
    changed();
    if (focus) { focus.focus(); }
  });

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);

  form.addEventListener("submit", function (e) {
    // A save in flight changes the version: wait for it, then send the form with the new one.
    if (inFlight) {
      e.preventDefault();
      pendingSubmit = e.submitter || null;
      return;
    }
    submitting = true;
    keepLocal();
  });

  // Autosave: every few seconds when something changed, and when the page is hidden or left.
  window.setInterval(function () {
    if (!inFlight && !merge && !submitting && dirty()) { save(false); }
  }, 3000);
  var flush = function () {
    if (!inFlight && !merge && !submitting && dirty()) { save(true); }
  };
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") { flush(); } });
  window.addEventListener("pagehide", flush);

  // ---- Start: the server's text, unless this browser holds newer unsaved text -------------------

  renumber();
  lastSaved = canon(read());
  var stored = null;
  try { stored = store ? JSON.parse(store.getItem(storeKey) || "null") : null; } catch (e) { stored = null; }
  if (stored && stored.content && canon(stored.content) !== lastSaved) {
    write(normalise(stored.content));
    if (stored.version) { versionInput.value = stored.version; }
    setStatus("Restored your unsaved text from this browser; saving it…", "pending");
    // The save sent as the page was left may still be landing: give it a moment, then check
    // before saving over it (a 409 against our own text would only alarm).
    inFlight = true;
    new Promise(function (resolve) { window.setTimeout(resolve, 1500); }).then(load).then(function (details) {
      inFlight = false;
      if (!details || !details.draft) { return; }
      var current = read();
      if (canon(normalise(details.draft)) === canon(current)) {
        versionInput.value = details.version;
        lastSaved = canon(current);
        forgetLocal();
        setStatus("Saved " + now(), "saved");
        refreshMissing(details);
      } else if (String(details.version) !== String(versionInput.value)) {
        conflict(current);
      }
    }).catch(function () { inFlight = false; });
  } else {
    // The text shown is the portal's copy; the server's hint (a bare attribute, or none) is for a browser without this script.
    if (statusLine.hasAttribute("data-no-js-hint")) { setStatus("Saved. Changes save as you type.", "saved"); }
    forgetLocal();
  }
})();
