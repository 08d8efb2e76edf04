/* Name suggestions for every workspace field where a record is chosen.
 *
 * Progressive enhancement of <input data-suggest="Kind"> (Kind: a record type such as
 * Person, Event, Source, or a role such as Victim; empty for any kind). Without
 * JavaScript the user types a uid. With it, typing shows a listbox of the records the
 * user may see (from /workspace/suggest), each with its kind and visibility badge: the
 * combobox of site.js. Choosing puts the record's uid in the field named by
 * data-suggest-target (a hidden input of the same form), or else in the input itself;
 * the input then shows the name when a target field holds the uid.
 */
(function () {
  "use strict";

  /* The page's words (workspace/base.html). */
  function words() {
    var el = document.getElementById("suggest-strings");
    return el ? JSON.parse(el.textContent) : {};
  }

  function render(li, item) {
    li.appendChild(document.createTextNode(item.label + " "));
    var small = document.createElement("span");
    small.className = "record-kind";
    small.textContent = "(" + (item.kind_label || item.kind) + ", " + item.uid + ")";
    li.appendChild(small);
    var badge = document.createElement("span");
    badge.className = "badge badge-" + item.visibility;
    badge.textContent = item.visibility_label || item.visibility;
    li.appendChild(badge);
  }

  function enhance(input) {
    if (input.dataset.suggestReady) return;
    input.dataset.suggestReady = "1";
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
    window.footprints.combobox(input, {
      prefix: "suggest", delay: 200, words: words, render: render,
      // what was typed is no longer the chosen record
      onInput: function () { if (target) target.value = ""; },
      url: function (text) {
        return "/workspace/suggest?q=" + encodeURIComponent(text) + "&kind=" + encodeURIComponent(kind());
      },
      choose: function (item) {
        if (target) {
          target.value = item.uid;
          input.value = item.label;
        } else {
          input.value = item.uid;
        }
        input.dataset.suggestChosen = item.uid;
        input.dispatchEvent(new CustomEvent("suggest:chosen", { detail: item, bubbles: true }));
      }
    });
  }

  function init(root) {
    (root || document).querySelectorAll("input[data-suggest]").forEach(enhance);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { init(); });
  else init();
  window.footprintsSuggest = { init: init };
})();
