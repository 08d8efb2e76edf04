/* The researcher console: posts a read-only Cypher query to /api/v1/cypher as the
 * signed-in researcher (the workspace session's cookie with its CSRF token, read from
 * /workspace/session; no token is pasted or kept in the browser) and shows the rows, or
 * the API's error in words.
 */
(function () {
  "use strict";

  function strings() {
    var el = document.getElementById("console-strings");
    return el ? JSON.parse(el.textContent) : {};
  }

  var counted = window.footprints.counted;

  function cell(value) {
    if (value === null || value === undefined) return document.createTextNode("");
    if (Array.isArray(value)) {
      var span = document.createElement("span");
      value.forEach(function (v, i) {
        if (i) span.appendChild(document.createTextNode(", "));
        span.appendChild(cell(v));
      });
      return span;
    }
    if (typeof value === "object") {
      if (value.uid && value.caption !== undefined) {
        var link = document.createElement("a");
        link.href = "/entity/" + encodeURIComponent(value.uid);
        link.textContent = value.caption;
        return link;
      }
      if (value.type && value.from && value.to && value.id) {
        return document.createTextNode("(" + value.from + ")-[:" + value.type + "]->(" + value.to + ")");
      }
      if (value.nodes && value.relationships) {
        return document.createTextNode(value.nodes.join(" \u2192 "));
      }
      return document.createTextNode(JSON.stringify(value));
    }
    return document.createTextNode(String(value));
  }

  function table(data) {
    var t = document.createElement("table");
    t.className = "data-table";
    var head = t.createTHead().insertRow();
    data.columns.forEach(function (c) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = c;
      head.appendChild(th);
    });
    var body = t.createTBody();
    data.rows.forEach(function (row) {
      var tr = body.insertRow();
      row.forEach(function (v) { tr.insertCell().appendChild(cell(v)); });
    });
    return t;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var s = strings();
    var form = document.getElementById("console-form");
    var query = document.getElementById("query");
    var errorBox = document.getElementById("console-error");
    var statusBox = document.getElementById("console-status");
    var output = document.getElementById("console-output");
    var who = document.getElementById("console-session");
    var csrf = "";
    if (!form) return;
    fetch("/workspace/session", { credentials: "same-origin",
                                  headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (session) {
        csrf = session.csrf || "";
        who.hidden = !csrf;
        document.getElementById("console-sign-in").hidden = !!csrf;
        if (csrf) { who.querySelector(".email").textContent = session.email; }
      }).catch(function () { csrf = ""; });
    Array.prototype.forEach.call(document.querySelectorAll("button.example"), function (b) {
      b.addEventListener("click", function () {
        query.value = b.getAttribute("data-query");
        query.focus();
      });
    });
    query.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        form.requestSubmit();
      }
    });

    function fail(text) {
      errorBox.hidden = false;
      errorBox.textContent = text;
      statusBox.textContent = "";
      output.dataset.state = "error";
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      errorBox.hidden = true;
      output.textContent = "";
      output.dataset.state = "running";
      if (!csrf) { fail(s.sign_in_needed); return; }
      statusBox.textContent = s.running;
      fetch("/api/v1/cypher", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "Accept": "application/json",
                   "X-CSRF-Token": csrf },
        body: JSON.stringify({ query: query.value })
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (response.ok) {
            statusBox.textContent = counted(s.rows, body.rows.length)
              + (body.truncated ? " " + s.truncated : "");
            if (!body.rows.length) { output.textContent = s.no_rows; }
            else { output.appendChild(table(body)); }
            output.dataset.state = "ok";
            return;
          }
          var message = body.message ? " (" + body.message + ")" : "";
          var key = "error_" + response.status;
          fail((s[key] || s.error_other) + message);
        });
      }).catch(function () { fail(s.error_network); });
    });
  });
})();
