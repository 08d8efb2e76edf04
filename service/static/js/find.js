/* Type-ahead over every public record, for the public search boxes and the graph tools.
 *
 * Progressive enhancement of <input data-find> (the header's box, the search page's, the
 * dashboard's) and <input data-find="fill"> (the network tools' record fields). Without
 * JavaScript the form is submitted as typed: the search page searches, the tools take a
 * name or a uid. With it, from two characters, a listbox (ARIA combobox) shows a few
 * public records from /api/v1/suggest: each with its name, its kind and the part that
 * matched (marked). Arrow keys move, Enter or a click chooses, Escape closes. Choosing
 * opens the record's profile, or, for data-find="fill", puts its uid in the field.
 * data-find-kind limits the kinds (e.g. "victims"). The words come from the page
 * (#find-strings, service/pages/find.py); the script has none of its own.
 */
(function () {
  "use strict";

  function words() {
    var el = document.getElementById("find-strings");
    return el ? JSON.parse(el.textContent) : {};
  }
  var counter = 0;
  var MIN_CHARS = 2;

  function counted(forms, n) {
    return window.footprints && window.footprints.counted
      ? window.footprints.counted(forms, n) : String(n);
  }

  /* The matched text with its matching runs in <mark>: built as nodes, never as HTML. */
  function matchedNode(matched) {
    var span = document.createElement("span");
    span.className = "find-matched";
    (matched.parts || []).forEach(function (part) {
      var node = part.mark ? document.createElement("mark") : document.createTextNode(part.text);
      if (part.mark) node.textContent = part.text;
      span.appendChild(node);
    });
    if (matched.via) {
      var via = (words().via || "{spelling}").replace("{spelling}", matched.via);
      span.appendChild(document.createTextNode(" (" + via + ")"));
    }
    return span;
  }

  function enhance(input) {
    if (input.dataset.findReady) return;
    input.dataset.findReady = "1";
    var fill = input.dataset.find === "fill";
    var id = "find-" + (++counter);
    input.removeAttribute("list");  /* the browser's own list would cover ours */
    var wrap = document.createElement("span");
    wrap.classList.add("suggest-wrap", "find-wrap");
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var list = document.createElement("ul");
    list.id = id + "-list";
    list.classList.add("suggest-list", "find-list-box");
    list.setAttribute("role", "listbox");
    if (input.labels && input.labels[0]) {
      if (!input.labels[0].id) input.labels[0].id = id + "-label";
      list.setAttribute("aria-labelledby", input.labels[0].id);
    }
    list.hidden = true;
    wrap.appendChild(list);
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    wrap.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");
    var items = [], active = -1, timer = null, asked = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function mark(index) {
      var options = list.querySelectorAll("li");
      options.forEach(function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      var item = items[index];
      if (!item) return;
      close();
      if (fill) {
        input.value = item.uid;
        input.dataset.findChosen = item.label;
        input.dispatchEvent(new CustomEvent("find:chosen", { detail: item, bubbles: true }));
      } else {
        window.location.assign(item.url);
      }
    }

    function show(found) {
      items = found;
      list.textContent = "";
      found.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = id + "-opt-" + i;
        li.setAttribute("role", "option");
        li.dataset.uid = item.uid;
        var name = document.createElement("span");
        name.className = "find-name";
        name.textContent = item.label;
        li.appendChild(name);
        var kind = document.createElement("span");
        kind.className = "record-kind";
        kind.textContent = " (" + item.kind_label + ")";
        li.appendChild(kind);
        if (item.matched && item.matched.text !== item.label) {
          li.appendChild(document.createElement("br"));
          li.appendChild(matchedNode(item.matched));
        } else if (item.matched) {
          name.textContent = "";
          name.appendChild(matchedNode(item.matched));
        }
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      list.hidden = found.length === 0;
      input.setAttribute("aria-expanded", found.length ? "true" : "false");
      status.textContent = counted(words().suggestions, found.length);
      mark(-1);
    }

    function ask() {
      var text = input.value.trim();
      if (text.length < MIN_CHARS) { close(); return; }
      var n = ++asked;
      var url = "/api/v1/suggest?q=" + encodeURIComponent(text) +
        "&lang=" + encodeURIComponent(document.documentElement.lang || "en");
      (input.dataset.findKind || "").split(" ").forEach(function (kind) {
        if (kind) url += "&kind=" + encodeURIComponent(kind);
      });
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (found) { if (n === asked) show(found); })
        .catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      delete input.dataset.findChosen;
      timer = setTimeout(ask, 150);
    });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { e.preventDefault(); mark(Math.min(active + 1, items.length - 1)); }
      else if (e.key === "ArrowUp") { e.preventDefault(); mark(Math.max(active - 1, -1)); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); choose(active); }
      else if (e.key === "Escape") { e.preventDefault(); close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  function init(root) {
    (root || document).querySelectorAll("input[data-find]").forEach(enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { init(); });
  else init();
  window.footprintsFind = { init: init };
})();
