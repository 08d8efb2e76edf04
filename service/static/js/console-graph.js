/* The signed-in console: a click on an example, a saved or a past query puts it in the
 * query box; the result's nodes and relationships are drawn as a graph (vis-network).
 * The table and everything else work without this script.
 */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var query = document.getElementById("query");
    Array.prototype.forEach.call(document.querySelectorAll("a.example"), function (a) {
      a.addEventListener("click", function (event) {
        event.preventDefault();
        query.value = a.getAttribute("data-query");
        query.focus();
      });
    });
    var data = document.getElementById("console-graph-data");
    var box = document.getElementById("console-graph");
    if (!data || !box || typeof vis === "undefined") return;
    var payload = JSON.parse(data.textContent);
    var nodes = payload.nodes.map(function (n) {
      return { id: n.uid, label: n.caption, title: (n.labels || []).join(", ") + " · " + n.uid,
               group: (n.labels || [])[0] || "node" };
    });
    var known = {};
    nodes.forEach(function (n) { known[n.id] = true; });
    var edges = payload.relationships.filter(function (r) {
      return known[r.from] && known[r.to];
    }).map(function (r) {
      return { id: r.id, from: r.from, to: r.to, label: r.type, arrows: "to", font: { size: 10 } };
    });
    new vis.Network(box, { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) }, {
      physics: { stabilization: { iterations: 150 } }, interaction: { hover: true },
      nodes: { shape: "dot", size: 12, font: { size: 12 } }
    });
  });
})();
