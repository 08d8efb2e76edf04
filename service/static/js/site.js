/* Every page: the small-screen menu, and what the other scripts share. No third-party
 * code, no inline script (CSP). base.html loads this script before any other. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  /* A counted message from the server (service/pages/lang.py, plural_forms): the form the
   * catalogue has for n's plural category in the page's language, n in place of {count}. */
  function counted(forms, n) {
    var lang = document.documentElement.lang || "en";
    forms = forms || {};
    var text = forms[new Intl.PluralRules(lang).select(n)] || forms.other || "{count}";
    return text.replace("{count}", n.toLocaleString(lang));
  }

  /* An ARIA combobox over a text input: the type-ahead of the public search boxes (find.js)
   * and of the workspace's record fields (suggest.js). Typing (from ``minChars``, after
   * ``delay`` ms) fetches ``url(text)`` (a JSON list; null: ask nothing); ``render(li, item)``
   * fills each option; arrow keys move (up past the first option returns to the input),
   * Enter or a click chooses (``choose(item)``, the list closed first), Escape closes.
   * ``onInput`` runs at each keystroke; ``words()`` gives the counted "suggestions" message
   * read to screen readers. */
  var comboboxes = 0;
  function combobox(input, o) {
    var id = o.prefix + "-" + (++comboboxes);
    input.removeAttribute("list");  // the browser's own list would cover ours
    var wrap = document.createElement("span");
    (o.wrapClasses || ["suggest-wrap"]).forEach(function (c) { wrap.classList.add(c); });
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var list = document.createElement("ul");
    list.id = id + "-list";
    (o.listClasses || ["suggest-list"]).forEach(function (c) { list.classList.add(c); });
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
      if (!items[index]) return;
      close();
      o.choose(items[index]);
    }

    function show(found) {
      items = found;
      list.textContent = "";
      found.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = id + "-opt-" + i;
        li.setAttribute("role", "option");
        li.dataset.uid = item.uid;
        o.render(li, item);
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      list.hidden = found.length === 0;
      input.setAttribute("aria-expanded", found.length ? "true" : "false");
      status.textContent = counted((o.words() || {}).suggestions, found.length);
      mark(-1);
    }

    function ask() {
      var text = input.value.trim();
      var url = text.length >= (o.minChars || 1) ? o.url(text) : null;
      if (!url) { close(); return; }
      var n = ++asked;
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (found) { if (n === asked) show(found); })
        .catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      if (o.onInput) o.onInput();
      timer = setTimeout(ask, o.delay || 150);
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

  window.footprints = { counted: counted, combobox: combobox };
  document.addEventListener("DOMContentLoaded", function () {
    // GET forms leave empty fields out of the URL, so shared links stay short.
    Array.prototype.forEach.call(document.querySelectorAll("form[method=get]"), function (form) {
      form.addEventListener("submit", function () {
        Array.prototype.forEach.call(form.elements, function (field) {
          if (field.name && field.value === "" && field.type !== "checkbox") field.disabled = true;
        });
        window.setTimeout(function () {
          Array.prototype.forEach.call(form.elements, function (f) { f.disabled = false; });
        }, 0);
      });
    });
    // Print buttons exist only where a script can print; the print style sheet does the rest.
    Array.prototype.forEach.call(document.querySelectorAll(".print-button"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    var toggle = document.querySelector(".nav-toggle");
    var nav = document.getElementById("site-nav");
    if (!toggle || !nav) return;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", String(!open));
      nav.classList.toggle("open", !open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        toggle.setAttribute("aria-expanded", "false");
        nav.classList.remove("open");
        toggle.focus();
      }
    });
  });
})();
