/* The map page: the vendored Natural Earth countries as a vector basemap (no tile server
 * unless one is configured), and one clustered, toggleable layer per kind of place.
 * Everything comes from the #map-config JSON that visualizations/maps.py writes, the
 * words too: a marker's counted words (count_text, more_text) are written per marker by the
 * server (service/pages/mapview.py), in the page's language.
 * Markers are focusable (keyboard: Tab, then Enter opens the popup).
 */
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function popup(marker, layer, strings) {
    var box = el("div", { "class": "map-popup" });
    var title = el("h3");
    title.appendChild(el("a", { href: marker.url }, marker.name));
    box.appendChild(title);
    box.appendChild(el("p", { "class": "popup-meta" },
      layer.label + (marker.kind ? " · " + marker.kind : "")));
    box.appendChild(el("p", {}, marker.count_text));
    var list = el("ul");
    marker.victims.forEach(function (v) {
      var item = el("li");
      item.appendChild(el("a", { href: v.url }, v.name));
      list.appendChild(item);
    });
    box.appendChild(list);
    if (marker.more > 0) box.appendChild(el("p", {}, marker.more_text));
    var all = el("p");
    all.appendChild(el("a", { href: marker.search_url }, strings.all));
    box.appendChild(all);
    return box;
  }

  function clusterIcon(key) {
    return function (cluster) {
      var n = cluster.getChildCount();
      var size = n < 10 ? 30 : n < 100 ? 36 : 44;
      return L.divIcon({
        html: "<span>" + n + "</span>", className: "cluster cluster-" + key,
        iconSize: L.point(size, size)
      });
    };
  }

  document.addEventListener("DOMContentLoaded", function () {
    var container = document.getElementById("map");
    var source = document.getElementById("map-config");
    if (!container || !source || !window.L) return;
    var config = JSON.parse(source.textContent);
    var map = L.map(container, { center: config.center, zoom: config.zoom, minZoom: 2, maxZoom: 13,
      worldCopyJump: true });
    map.attributionControl.setPrefix("Leaflet");
    if (config.tiles) {
      L.tileLayer(config.tiles.url, { attribution: config.tiles.attribution,
        referrerPolicy: "no-referrer", crossOrigin: false }).addTo(map);
    }
    var groups = {};
    config.layers.forEach(function (layer) {
      var group = L.markerClusterGroup({ iconCreateFunction: clusterIcon(layer.key),
        showCoverageOnHover: false, maxClusterRadius: 40 });
      layer.markers.forEach(function (m) {
        var marker = L.marker([m.lat, m.lon], {
          icon: L.divIcon({ className: "pin pin-" + layer.key, iconSize: [14, 14] }),
          title: m.name + " (" + m.count + ")", alt: m.name, keyboard: true, riseOnHover: true
        });
        marker.bindPopup(popup(m, layer, config.strings));
        group.addLayer(marker);
      });
      groups[layer.key] = group;
      if (layer.visible) group.addTo(map);
    });
    var toggles = document.querySelectorAll("input[data-layer]");
    Array.prototype.forEach.call(toggles, function (input) {
      input.addEventListener("change", function () {
        var group = groups[input.getAttribute("data-layer")];
        if (!group) return;
        if (input.checked) map.addLayer(group); else map.removeLayer(group);
        container.dataset.layers = Object.keys(groups).filter(function (k) {
          return map.hasLayer(groups[k]);
        }).join(" ");
      });
    });
    container.dataset.layers = config.layers.filter(function (l) { return l.visible; })
      .map(function (l) { return l.key; }).join(" ");
    fetch(config.basemap.url, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (topo) {
        var countries = topojson.feature(topo, topo.objects[config.basemap.object]);
        var base = L.geoJSON(countries, { style: config.basemap.style, interactive: false });
        base.addTo(map);
        base.bringToBack();
        map.attributionControl.addAttribution(config.strings.basemap);
        document.body.dataset.mapReady = "1";
      })
      .catch(function () { document.body.dataset.mapReady = "error"; });
  });
})();
