/* Name suggestions for every workspace field where a record is chosen.
 *
 * Progressive enhancement of <input data-suggest="Kind"> (Kind: a record type such as
 * Person, Event, Source, or a role such as Victim; empty for any kind). Without
 * JavaScript the user types a uid. With it, typing shows a listbox of the records the
 * user may see (from /workspace/suggest), each with its kind and visibility badge; arrow
 * keys move, Enter or a click chooses, Escape closes. Choosing puts the record's uid in
 * the field named by data-suggest-target (a hidden input of the same form), or else in
 * the input itself; the input then shows the name when a target field holds the uid.
 */
(function () {
  "use strict";

  /* The page's words (workspace/base.html). */
  function words() {
    var el = document.getElementById("suggest-strings");
    return el ? JSON.parse(el.textContent) : {};
  }
  var counted = window.footprints.counted;
  var counter = 0;

  function enhance(input) {
    if (input.dataset.suggestReady) return;
    input.dataset.suggestReady = "1";
    var id = "suggest-" + (++counter);
    var form = input.form;
    var target = input.dataset.suggestTarget && form
      ? form.querySelector('[name="' + input.dataset.suggestTarget + '"]') : null;
    /* data-suggest-kind-from names a select whose chosen option says the kind in its
     * data-others (the relationship form: the other end's kind follows the type). */
    var kindFrom = input.dataset.suggestKindFrom
      ? document.getElementById(input.dataset.suggestKindFrom) : null;
    function kind() {
      var option = kindFrom && kindFrom.options[kindFrom.selectedIndex];
      var others = option ? (option.getAttribute("data-others") || "").split(" ") : [];
      return others.length === 1 && others[0] ? others[0] : (kindFrom ? "" : input.dataset.suggest || "");
    }
    var wrap = document.createElement("span");
    wrap.className = "suggest-wrap";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var list = document.createElement("ul");
    list.id = id + "-list";
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
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
      }
    }

    function choose(index) {
      var item = items[index];
      if (!item) return;
      if (target) {
        target.value = item.uid;
        input.value = item.label;
      } else {
        input.value = item.uid;
      }
      input.dataset.suggestChosen = item.uid;
      input.dispatchEvent(new CustomEvent("suggest:chosen", { detail: item, bubbles: true }));
      close();
    }

    function show(found) {
      items = found;
      list.textContent = "";
      found.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = id + "-opt-" + i;
        li.setAttribute("role", "option");
        li.dataset.uid = item.uid;
        li.appendChild(document.createTextNode(item.label + " "));
        var small = document.createElement("span");
        small.className = "record-kind";
        small.textContent = "(" + (item.kind_label || item.kind) + ", " + item.uid + ")";
        li.appendChild(small);
        var badge = document.createElement("span");
        badge.className = "badge badge-" + item.visibility;
        badge.textContent = item.visibility_label || item.visibility;
        li.appendChild(badge);
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
      if (target) target.value = "";
      if (!text) { close(); return; }
      var n = ++asked;
      var url = "/workspace/suggest?q=" + encodeURIComponent(text) +
        "&kind=" + encodeURIComponent(kind());
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (found) { if (n === asked) show(found); })
        .catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 200);
    });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { e.preventDefault(); mark(Math.min(active + 1, items.length - 1)); }
      else if (e.key === "ArrowUp") { e.preventDefault(); mark(Math.max(active - 1, 0)); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); choose(active); }
      else if (e.key === "Escape") { e.preventDefault(); close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  function init(root) {
    (root || document).querySelectorAll("input[data-suggest]").forEach(enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { init(); });
  else init();
  window.footprintsSuggest = { init: init };
})();
