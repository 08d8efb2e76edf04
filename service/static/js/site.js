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
  window.footprints = { counted: counted };
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
