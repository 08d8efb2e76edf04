/* The search page's filters apply at once.
 *
 * Without JavaScript the filters are a GET form with an "Apply filters" button. With it,
 * ticking a value, changing a year or following a link inside the results (a province, a
 * decade, a page, a removed filter) fetches the same page for the new URL and swaps in its
 * results and facets: results, counts and the address bar change together, and the browser's
 * back button walks back through the filters. The server renders everything; this script
 * only moves HTML, so what a visitor sees with and without it is the same page.
 */
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form.search-form");
    if (!form || !window.fetch || !window.DOMParser || !window.history.pushState) return;
    var status = document.getElementById("search-status");
    var controller = null;

    /* The URL the form would submit, without empty fields (as site.js does on submit). */
    function formUrl() {
      var params = new URLSearchParams();
      Array.prototype.forEach.call(form.elements, function (field) {
        if (!field.name || field.disabled || field.value === "") return;
        if ((field.type === "checkbox" || field.type === "radio") && !field.checked) return;
        if (field.type === "submit" || field.type === "button") return;
        params.append(field.name, field.value);
      });
      var query = params.toString();
      return form.getAttribute("action") + (query ? "?" + query : "");
    }

    /* Where the focus was, so it can be put back on the same control after the swap. */
    function focusKey() {
      var el = document.activeElement;
      if (!el || !form.contains(el)) return null;
      if (el.name) return '[name="' + CSS.escape(el.name) + '"]' +
        (el.type === "checkbox" ? '[value="' + CSS.escape(el.value) + '"]' : "");
      return null;
    }

    function load(url, push) {
      if (controller) controller.abort();
      controller = new AbortController();
      var layout = form.querySelector(".search-layout");
      layout.setAttribute("aria-busy", "true");
      var key = focusKey();
      return fetch(url, { signal: controller.signal, credentials: "same-origin",
                          headers: { "Accept": "text/html" } })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.text();
        })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var fresh = doc.querySelector("form.search-form .search-layout");
          if (!fresh) throw new Error("swap");
          layout.replaceWith(document.importNode(fresh, true));
          if (push) window.history.pushState({ search: true }, "", url);
          document.title = doc.title;
          var heading = document.getElementById("results-heading");
          if (status && heading) status.textContent = heading.textContent;
          var again = key && form.querySelector(key);
          if (again) again.focus();
        })
        .catch(function (error) {
          // Anything unexpected: go there the plain way, which always works.
          if (error.name !== "AbortError") window.location.assign(url);
        });
    }

    form.addEventListener("change", function (event) {
      var field = event.target;
      if (!field.closest || !field.closest(".facets")) return;
      if (field.type === "number" && !field.checkValidity()) return;
      load(formUrl(), true);
    });
    form.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (!link || !link.closest(".search-layout") || link.hasAttribute("download") || link.getAttribute("href").charAt(0) === "#" || event.defaultPrevented || event.button !== 0 ||
          event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      var target = new URL(link.href, window.location.href);
      if (target.origin !== window.location.origin ||
          target.pathname !== new URL(form.action, window.location.href).pathname) return;
      event.preventDefault();
      load(target.href, true).then(function () {
        var results = document.getElementById("results-heading");
        if (results) results.scrollIntoView({ block: "nearest" });
      });
    });
    window.addEventListener("popstate", function () { load(window.location.href, false); });
  });
})();
