/* Type-ahead over every public record, for the public search boxes and the graph tools.
 *
 * Progressive enhancement of <input data-find> (the header's box, the search page's, the
 * dashboard's) and <input data-find="fill"> (the network tools' record fields). Without
 * JavaScript the form is submitted as typed: the search page searches, the tools take a
 * name or a uid. With it, from two characters, the combobox of site.js shows a few
 * public records from /api/v1/suggest: each with its name, its kind and the part that
 * matched (marked). Choosing opens the record's profile, or, for data-find="fill", puts
 * its uid in the field. data-find-kind limits the kinds (e.g. "victims"). The words come
 * from the page (#find-strings, service/pages/find.py); the script has none of its own.
 */
(function () {
  "use strict";

  function words() {
    var el = document.getElementById("find-strings");
    return el ? JSON.parse(el.textContent) : {};
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

  function render(li, item) {
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
  }

  function enhance(input) {
    if (input.dataset.findReady) return;
    input.dataset.findReady = "1";
    var fill = input.dataset.find === "fill";
    window.footprints.combobox(input, {
      prefix: "find", minChars: 2, delay: 150, words: words, render: render,
      wrapClasses: ["suggest-wrap", "find-wrap"], listClasses: ["suggest-list", "find-list-box"],
      onInput: function () { delete input.dataset.findChosen; },
      url: function (text) {
        var url = "/api/v1/suggest?q=" + encodeURIComponent(text) +
          "&lang=" + encodeURIComponent(document.documentElement.lang || "en");
        (input.dataset.findKind || "").split(" ").forEach(function (kind) {
          if (kind) url += "&kind=" + encodeURIComponent(kind);
        });
        return url;
      },
      choose: function (item) {
        if (fill) {
          input.value = item.uid;
          input.dataset.findChosen = item.label;
          input.dispatchEvent(new CustomEvent("find:chosen", { detail: item, bubbles: true }));
        } else {
          window.location.assign(item.url);
        }
      }
    });
  }

  function init(root) {
    (root || document).querySelectorAll("input[data-find]").forEach(enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { init(); });
  else init();
  window.footprintsFind = { init: init };
})();
