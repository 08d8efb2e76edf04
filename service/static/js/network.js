/* Network views drawn with the vendored vis-network.
 *
 * Each <figure data-network="ID"> has a JSON block #ID-data written by
 * visualizations/network.py: nodes, edges, options, and the styles and labels
 * used to draw nodes fetched later. In the explorer a click on a node selects it
 * and expands it (its neighbours come from payload.expandUrl, the public API);
 * a double click opens its profile. When the first drawing is done the body gets
 * data-network-ready (and data-network-ready-ms: milliseconds since navigation
 * start), which the browser tests wait for.
 *
 * Around the canvas (#ID-tools, the legend): the legend's checkboxes hide and show node
 * types; the search box highlights the nodes whose name holds what is typed (the rest
 * dimmed; Enter moves to the next match, Escape clears); fit, reset and "ungroup all".
 * A group node (leaves of one type on one node, grouped by network.py) carries its
 * members' nodes and edges and is replaced by them on click: everything here works on
 * the data the page already holds, and only payload.expandUrl fetches anything.
 */
(function () {
  "use strict";

  var FONT_COLOUR = "#1a1a1a";
  var DIM_FONT = "rgba(26, 26, 26, 0.25)";
  var EDGE_FONT = "#333333";
  var DIM = 0.2;

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

  /* vis-network skips a label while font size x zoom < drawThreshold - 1
   * (visualizations/network.py, draw_threshold). */
  function threshold(scale, fontSize) {
    return scale <= 0 ? 0 : 1 + fontSize * scale;
  }

  function nodeFromShape(shape, payload, at) {
    var kind = kindOf(shape.labels || [], payload);
    var style = payload.styles[kind] || payload.styles.Source;
    var caption = String(shape.caption || shape.uid);
    var node = {
      id: shape.uid, label: truncate(caption, 32), shape: style.shape, caption: caption,
      color: style.color, kind: kind, size: 13, borderWidth: 1, labelScale: 1,
      scaling: { label: { drawThreshold: threshold(1, payload.fontSize) } },
      title: (payload.kindLabels[kind] || kind) + ": " + caption,
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

  function normalise(text) {
    return String(text || "").normalize("NFC").toLocaleLowerCase().trim();
  }

  function ring(origin, count, i) {
    var angle = 2 * Math.PI * i / Math.max(count, 1);
    var radius = 70 + 5 * count;
    return { x: origin.x + radius * Math.cos(angle), y: origin.y + radius * Math.sin(angle) };
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
    var words = payload.strings || {};
    var expanded = {};
    var tools = document.getElementById(id + "-tools");
    var findInput = tools && tools.querySelector(".network-find-input");
    var findStatus = tools && tools.querySelector(".network-find-status");
    var ungroupButton = tools && tools.querySelector(".network-ungroup");
    var filters = figure.querySelectorAll(".legend-filter");
    var hiddenKinds = {};
    var openGroups = {};   // group id -> the group node, while its members are drawn instead
    var matched = null;    // uid -> true while a search is active
    var matchOrder = [];
    var matchAt = -1;
    var styled = { nodes: {}, edges: {} };  // uid -> how it is drawn now ("": plain)

    /* -- groups ---------------------------------------------------------------------------- */

    /* Put a group's members in its place; ``quiet``: the caller restyles once afterwards. */
    function openGroup(groupId, quiet) {
      var group = nodes.get(groupId);
      if (!group || !group.members) return [];
      var origin = network.getPosition(groupId);
      var fresh = group.members.filter(function (m) { return !nodes.get(m.id); });
      var added = fresh.map(function (m, i) {
        var at = ring(origin, fresh.length, i);
        return Object.assign({}, m, { x: at.x, y: at.y });
      });
      openGroups[groupId] = { node: group, edge: edges.get(groupId + ":edge"), at: origin };
      edges.remove(groupId + ":edge");
      nodes.remove(groupId);
      added.forEach(function (n) { delete styled.nodes[n.id]; });
      group.memberEdges.forEach(function (e) { delete styled.edges[e.id]; });
      nodes.add(added);
      edges.add(group.memberEdges.filter(function (e) { return !edges.get(e.id); }));
      if (!quiet) afterChange();
      return added.map(function (n) { return n.id; });
    }

    function closeGroup(groupId) {
      if (!openGroups[groupId]) return;
      var group = openGroups[groupId].node, edge = openGroups[groupId].edge;
      var at = openGroups[groupId].at;
      delete openGroups[groupId];
      var memberIds = group.members.map(function (m) { return m.id; });
      edges.remove(group.memberEdges.map(function (e) { return e.id; }));
      nodes.remove(memberIds.filter(function (uid) { return !expanded[uid]; }));
      nodes.add(Object.assign({}, group, { x: at.x, y: at.y }));
      if (edge) edges.add(edge);
      // drawn as it was when opened: the next restyle sets how it must be drawn now
      styled.nodes[groupId] = "?";
      styled.edges[groupId + ":edge"] = "?";
    }

    function groupIds() {
      return nodes.getIds({ filter: function (n) { return Boolean(n.members); } });
    }

    /* -- counts, type filter and highlight ------------------------------------------------- */

    function updateCounts() {
      var counts = {};
      nodes.forEach(function (n) {
        var extra = n.members ? n.members.filter(function (m) { return !nodes.get(m.id); }).length : 1;
        counts[n.kind] = (counts[n.kind] || 0) + extra;
      });
      var spans = figure.querySelectorAll(".legend-count");
      for (var i = 0; i < spans.length; i++) {
        var count = counts[spans[i].dataset.kind] || 0;
        spans[i].textContent = "(" + count.toLocaleString(document.documentElement.lang || "en") + ")";
        // a kind that arrives with an expanded node gets its entry (and checkbox) shown
        var item = spans[i].closest("li");
        if (item) item.hidden = count === 0;
      }
      figure.dataset.nodeCount = String(nodes.length);
      figure.dataset.groups = String(groupIds().length);
      if (ungroupButton) ungroupButton.disabled = groupIds().length === 0;
    }

    /* One pass over nodes and edges: hidden types, dimmed non-matches, matches labelled.
     * Only what changes is updated (a node or edge is drawn plain until restyled; ``styled``
     * remembers how each is drawn now), so opening groups or a large view stays cheap. */
    function restyle() {
      var nodeUpdates = [];
      nodes.forEach(function (n) {
        var hidden = Boolean(hiddenKinds[n.kind]);
        var hit = matched ? Boolean(matched[n.id]) : false;
        var dim = matched !== null && !hit;
        var key = (hidden ? "h" : "") + (hit ? "m" : "") + (dim ? "d" : "");
        if ((styled.nodes[n.id] || "") === key) return;
        styled.nodes[n.id] = key;
        if (n.baseBorder === undefined) n.baseBorder = n.borderWidth || 1;
        var scale = hit ? 0 : (n.labelScale === undefined ? 1 : n.labelScale);
        nodeUpdates.push({
          id: n.id, hidden: hidden, opacity: dim ? DIM : 1, baseBorder: n.baseBorder,
          font: { color: dim ? DIM_FONT : FONT_COLOUR }, borderWidth: hit ? 4 : n.baseBorder,
          scaling: { label: { drawThreshold: threshold(scale, payload.fontSize) } }
        });
      });
      nodes.update(nodeUpdates);
      var edgeUpdates = [];
      edges.forEach(function (e) {
        var from = nodes.get(e.from), to = nodes.get(e.to);
        var hidden = Boolean((from && hiddenKinds[from.kind]) || (to && hiddenKinds[to.kind]));
        var dim = matched !== null && !(matched[e.from] && matched[e.to]);
        var key = (hidden ? "h" : "") + (dim ? "d" : "");
        if ((styled.edges[e.id] || "") === key) return;
        styled.edges[e.id] = key;
        var base = e.baseColor || (typeof e.color === "string" ? e.color : e.color && e.color.color);
        edgeUpdates.push({
          id: e.id, baseColor: base, color: { color: base, opacity: dim ? DIM : 1 },
          font: { color: dim ? DIM_FONT : EDGE_FONT }, hidden: hidden
        });
      });
      edges.update(edgeUpdates);
    }

    function afterChange() {
      updateCounts();
      restyle();
    }

    function say(text) {
      if (findStatus) findStatus.textContent = text || "";
    }

    function select(uid) {
      network.selectNodes([uid]);
      showPanel(uid);
    }

    function find(text) {
      var query = normalise(text);
      matchOrder = [];
      matchAt = -1;
      if (!query) {
        matched = null;
        say("");
        restyle();
        return;
      }
      var hits = function (n) {
        return normalise(n.caption || n.label).indexOf(query) >= 0 || n.id === text.trim();
      };
      // a group holding a match opens, so the match itself is drawn and highlighted
      groupIds().forEach(function (gid) {
        var group = nodes.get(gid);
        if (!hiddenKinds[group.kind] && group.members.some(hits)) openGroup(gid, true);
      });
      updateCounts();
      matched = {};
      nodes.forEach(function (n) {
        if (!n.members && !hiddenKinds[n.kind] && hits(n)) {
          matched[n.id] = true;
          matchOrder.push(n.id);
        }
      });
      figure.dataset.matches = String(matchOrder.length);
      restyle();
      if (!matchOrder.length) {
        say(words.noMatch);
        return;
      }
      say(counted(words.matches, matchOrder.length));
      if (matchOrder.length === 1) {
        network.focus(matchOrder[0], { scale: Math.max(network.getScale(), 1.2), animation: false });
        select(matchOrder[0]);
      } else {
        network.fit({ nodes: matchOrder, animation: false });
      }
    }

    function nextMatch() {
      if (!matchOrder.length) return;
      matchAt = (matchAt + 1) % matchOrder.length;
      var uid = matchOrder[matchAt];
      network.focus(uid, { scale: Math.max(network.getScale(), 1.2), animation: false });
      select(uid);
    }

    function reset() {
      if (findInput) findInput.value = "";
      matched = null;
      matchOrder = [];
      say("");
      hiddenKinds = {};
      for (var i = 0; i < filters.length; i++) filters[i].checked = true;
      Object.keys(openGroups).forEach(closeGroup);
      network.unselectAll();
      afterChange();
      network.fit({ animation: false });
    }

    /* -- the explorer's panel and expansion over the API ----------------------------------- */

    function status(text) {
      var el = panel && panel.querySelector(".panel-status");
      if (el) el.textContent = text || "";
    }

    function showPanel(uid) {
      if (!panel) return;
      var node = nodes.get(uid);
      if (!node) return;
      var isGroup = Boolean(node.members);
      panel.querySelector(".panel-empty").hidden = true;
      panel.querySelector(".panel-body").hidden = false;
      panel.querySelector(".panel-kind").textContent = payload.kindLabels[node.kind] || node.kind;
      panel.querySelector(".panel-name").textContent = isGroup ? node.title
        : node.title.split(": ").slice(1).join(": ");
      var profile = panel.querySelector(".panel-profile");
      profile.hidden = isGroup;
      if (!isGroup) profile.setAttribute("href", node.url);
      panel.querySelector(".panel-path-from").hidden = isGroup;
      panel.querySelector(".panel-path-to").hidden = isGroup;
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
          afterChange();
          status(added.length ? counted(strings.expanded, added.length)
            : (strings.nothing_new || ""));
        })
        .catch(function () {
          expanded[uid] = false;
          status(strings.expand_failed);
        });
    }
    figure.expand = expand;
    figure.find = find;
    figure.openGroup = openGroup;

    network.on("click", function (params) {
      if (!params.nodes.length) return;
      var uid = params.nodes[0];
      var node = nodes.get(uid);
      if (node && node.members) {
        var shown = openGroup(uid);
        if (shown.length) select(shown[0]);
        return;
      }
      showPanel(uid);
      if (payload.expandUrl) expand(uid);
    });
    network.on("doubleClick", function (params) {
      if (!params.nodes.length) return;
      var node = nodes.get(params.nodes[0]);
      if (node && node.url && !node.members) window.location.assign(node.url);
    });

    if (panel) {
      panel.querySelector(".panel-expand").addEventListener("click", function () {
        var uid = panel.dataset.uid;
        if (!uid) return;
        var node = nodes.get(uid);
        if (node && node.members) {
          var shown = openGroup(uid);
          if (shown.length) select(shown[0]);
          return;
        }
        expanded[uid] = false;
        expand(uid);
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

    /* -- the controls ---------------------------------------------------------------------- */

    for (var i = 0; i < filters.length; i++) {
      filters[i].disabled = false;
      filters[i].addEventListener("change", function (event) {
        if (event.target.checked) delete hiddenKinds[event.target.value];
        else hiddenKinds[event.target.value] = true;
        if (findInput && findInput.value) find(findInput.value);
        else restyle();
      });
    }
    if (tools) {
      tools.hidden = false;
      var pending = null;
      findInput.addEventListener("input", function () {
        window.clearTimeout(pending);
        pending = window.setTimeout(function () { find(findInput.value); }, 200);
      });
      findInput.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault();
          window.clearTimeout(pending);
          if (matched === null) find(findInput.value);
          nextMatch();
        } else if (event.key === "Escape" && findInput.value) {
          event.preventDefault();
          findInput.value = "";
          find("");
        }
      });
      tools.querySelector(".network-fit").addEventListener("click", function () {
        network.fit({ animation: false });
      });
      tools.querySelector(".network-reset").addEventListener("click", reset);
      if (ungroupButton) {
        ungroupButton.addEventListener("click", function () {
          groupIds().forEach(function (gid) { openGroup(gid, true); });
          afterChange();
          network.fit({ animation: false });
        });
      }
    }
    updateCounts();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var figures = document.querySelectorAll("figure[data-network]");
    for (var i = 0; i < figures.length; i++) setup(figures[i]);
  });
})();
