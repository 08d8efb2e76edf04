/* Network views drawn with the vendored vis-network.
 *
 * Each <figure data-network="ID"> has a JSON block #ID-data written by
 * visualizations/network.py: nodes, edges, options, and the styles and labels
 * used to draw nodes fetched later. In the explorer a click on a node selects it
 * and expands it (its neighbours come from payload.expandUrl, the public API);
 * a double click opens its profile. When the first drawing is done the body gets
 * data-network-ready (and data-network-ready-ms: milliseconds since navigation
 * start), which the browser tests wait for.
 */
(function () {
  "use strict";

  function readJSON(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function kindOf(labels, payload) {
    for (var i = 0; i < payload.kindOrder.length; i++) {
      if (labels.indexOf(payload.kindOrder[i]) >= 0) return payload.kindOrder[i];
    }
    return "Source";
  }

  function truncate(text, limit) {
    text = String(text);
    return text.length <= limit ? text : text.slice(0, limit - 1) + "\u2026";
  }

  function nodeFromShape(shape, payload, at) {
    var kind = kindOf(shape.labels || [], payload);
    var style = payload.styles[kind] || payload.styles.Source;
    var node = {
      id: shape.uid, label: truncate(shape.caption || shape.uid, 32), shape: style.shape,
      color: style.color, kind: kind, size: 13, borderWidth: 1,
      title: (payload.kindLabels[kind] || kind) + ": " + (shape.caption || shape.uid),
      url: "/entity/" + encodeURIComponent(shape.uid)
    };
    if (at) { node.x = at.x; node.y = at.y; }
    return node;
  }

  function edgeFromShape(rel, payload, large) {
    var text = payload.relLabels[rel.type] || rel.type;
    var command = payload.commandTypes.indexOf(rel.type) >= 0;
    return {
      id: rel.id, from: rel.from, to: rel.to, title: text, label: large ? undefined : text,
      color: command ? payload.edgeColours.command : payload.edgeColours.fact,
      arrows: "to", relType: rel.type, width: 1
    };
  }

  var counted = window.footprints.counted;

  function markReady(figure) {
    if (figure.dataset.ready) return;
    figure.dataset.ready = "1";
    if (!document.body.dataset.networkReady) {
      document.body.dataset.networkReady = "1";
      document.body.dataset.networkReadyMs = String(Math.round(performance.now()));
    }
  }

  function setup(figure) {
    var id = figure.getAttribute("data-network");
    var payload = readJSON(id + "-data");
    var container = document.getElementById(id);
    if (!payload || !container || !window.vis) return;
    var nodes = new vis.DataSet(payload.nodes);
    var edges = new vis.DataSet(payload.edges);
    var large = !payload.physics;
    var network = new vis.Network(container, { nodes: nodes, edges: edges }, payload.options);
    figure.network = network;
    if (payload.physics) {
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: { enabled: false } });
        markReady(figure);
      });
      network.once("stabilized", function () { markReady(figure); });
    } else {
      network.once("afterDrawing", function () { markReady(figure); });
    }
    var panel = payload.expandUrl ? document.getElementById("node-panel") : null;
    if (panel && payload.focus && nodes.get(payload.focus)) network.selectNodes([payload.focus]);
    var strings = readJSON("explorer-strings") || {};
    var expanded = {};

    function status(text) {
      var el = panel && panel.querySelector(".panel-status");
      if (el) el.textContent = text || "";
    }

    function showPanel(uid) {
      if (!panel) return;
      var node = nodes.get(uid);
      if (!node) return;
      panel.querySelector(".panel-empty").hidden = true;
      panel.querySelector(".panel-body").hidden = false;
      panel.querySelector(".panel-kind").textContent = payload.kindLabels[node.kind] || node.kind;
      panel.querySelector(".panel-name").textContent = node.title.split(": ").slice(1).join(": ");
      panel.querySelector(".panel-profile").setAttribute("href", node.url);
      panel.dataset.uid = uid;
    }

    function expand(uid) {
      if (!payload.expandUrl || expanded[uid]) return Promise.resolve();
      expanded[uid] = true;
      status(strings.expanding);
      var url = payload.expandUrl.replace("{uid}", encodeURIComponent(uid));
      return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (data) {
          var origin = network.getPosition(uid);
          var fresh = data.nodes.filter(function (n) { return !nodes.get(n.uid); });
          var added = fresh.map(function (n, i) {
            var angle = 2 * Math.PI * i / Math.max(fresh.length, 1);
            var radius = 120 + 6 * fresh.length;
            return nodeFromShape(n, payload, {
              x: origin.x + radius * Math.cos(angle), y: origin.y + radius * Math.sin(angle)
            });
          });
          nodes.add(added);
          var newEdges = data.relationships.filter(function (r) { return !edges.get(r.id); })
            .map(function (r) { return edgeFromShape(r, payload, large); });
          edges.add(newEdges);
          figure.dataset.expanded = String((Number(figure.dataset.expanded) || 0) + 1);
          figure.dataset.nodeCount = String(nodes.length);
          status(added.length ? counted(strings.expanded, added.length)
            : (strings.nothing_new || ""));
        })
        .catch(function () {
          expanded[uid] = false;
          status(strings.expand_failed);
        });
    }
    figure.expand = expand;

    network.on("click", function (params) {
      if (!params.nodes.length) return;
      var uid = params.nodes[0];
      showPanel(uid);
      if (payload.expandUrl) expand(uid);
    });
    network.on("doubleClick", function (params) {
      if (!params.nodes.length) return;
      var node = nodes.get(params.nodes[0]);
      if (node && node.url) window.location.assign(node.url);
    });

    if (panel) {
      panel.querySelector(".panel-expand").addEventListener("click", function () {
        if (panel.dataset.uid) { expanded[panel.dataset.uid] = false; expand(panel.dataset.uid); }
      });
      var fill = function (name) {
        return function () {
          var input = document.querySelector("#path-form input[name='" + name + "']");
          if (input && panel.dataset.uid) { input.value = panel.dataset.uid; input.focus(); }
        };
      };
      panel.querySelector(".panel-path-from").addEventListener("click", fill("path_from"));
      panel.querySelector(".panel-path-to").addEventListener("click", fill("path_to"));
      if (payload.focus && nodes.get(payload.focus)) showPanel(payload.focus);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var figures = document.querySelectorAll("figure[data-network]");
    for (var i = 0; i < figures.length; i++) setup(figures[i]);
  });
})();
