/* The map page: the vendored Natural Earth countries as a vector basemap (no tile server
 * unless one is configured), and one clustered, toggleable layer per kind of place.
 * Everything comes from the #map-config JSON that visualizations/maps.py writes, the
 * words too: a marker's counted words (count_text, more_text) are written per marker by the
 * server (service/pages/mapview.py), in the page's language.
 * Markers are focusable (keyboard: Tab, then Enter opens the popup).
 * The filter form (#map-filters, a plain GET form that works without this script) applies
 * at once: on any change the script fetches this page for the new URL, puts the URL in the
 * address bar, and swaps in the new page's map data, layer counts, sentence and tables, so
 * every word still comes from the server.
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
      // iconSize is the whole box (the CSS border is inside it), so Leaflet's anchor, half
      // of it, is the box's centre and the count sits on the clustered point.
      return L.divIcon({
        html: "<span>" + n.toLocaleString(document.documentElement.lang || "en") + "</span>",
        className: "cluster cluster-" + key, iconSize: L.point(size, size)
      });
    };
  }

  function fillGroups(groups, config) {
    var shown = 0;
    config.layers.forEach(function (layer) {
      var group = groups[layer.key];
      if (!group) return;
      group.clearLayers();
      layer.markers.forEach(function (m) {
        var marker = L.marker([m.lat, m.lon], {
          icon: L.divIcon({ className: "pin pin-" + layer.key, iconSize: [14, 14] }),
          title: m.name + " (" + m.count_text + ")", alt: m.name, keyboard: true,
          riseOnHover: true
        });
        marker.bindPopup(popup(m, layer, config.strings));
        group.addLayer(marker);
      });
      shown += layer.markers.length;
    });
    return shown;
  }

  /* The form's state as a query string: empty fields left out, as site.js does on submit. */
  function formQuery(form) {
    var params = new URLSearchParams();
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.disabled) return;
      if (field.type === "checkbox" && !field.checked) return;
      if (field.value === "") return;
      params.append(field.name, field.value);
    });
    return params.toString();
  }

  /* A place name on the map: text only (never HTML from the data), not focusable, not
   * clickable; shown from its kind's zoom level on (visualizations/maps.py, LABEL_ZOOM). */
  function placeLabel(lat, lon, name, kind) {
    var text = el("span", {}, name);
    return L.marker([lat, lon], {
      icon: L.divIcon({ className: "map-label map-label-" + kind, html: text, iconSize: null }),
      interactive: false, keyboard: false, pane: "labels"
    });
  }

  function labelLayers(map, labels) {
    function show() {
      var zoom = map.getZoom(), shown = 0;
      labels.forEach(function (item) {
        var visible = zoom >= item.min_zoom;
        if (visible && !map.hasLayer(item.marker)) map.addLayer(item.marker);
        if (!visible && map.hasLayer(item.marker)) map.removeLayer(item.marker);
        if (visible) shown += 1;
      });
      map.getContainer().dataset.labels = shown;
    }
    map.on("zoomend", show);
    show();
  }

  function swap(selector, from) {
    var now = document.querySelector(selector), fresh = from.querySelector(selector);
    if (now && fresh) now.innerHTML = fresh.innerHTML;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var container = document.getElementById("map");
    var source = document.getElementById("map-config");
    if (!container || !source || !window.L) return;
    var config = JSON.parse(source.textContent);
    var map = L.map(container, { center: config.center, zoom: config.zoom, minZoom: 2, maxZoom: 13,
      worldCopyJump: true });
    map.attributionControl.setPrefix("Leaflet");
    // Names sit above the boundaries and below the markers and their popups.
    map.createPane("labels").style.zIndex = 450;
    map.getPane("labels").style.pointerEvents = "none";
    if (config.tiles) {
      L.tileLayer(config.tiles.url, { attribution: config.tiles.attribution,
        referrerPolicy: "no-referrer", crossOrigin: false }).addTo(map);
    }
    var groups = {};
    config.layers.forEach(function (layer) {
      groups[layer.key] = L.markerClusterGroup({ iconCreateFunction: clusterIcon(layer.key),
        showCoverageOnHover: false, maxClusterRadius: 40 });
      if (layer.visible) groups[layer.key].addTo(map);
    });
    container.dataset.markers = fillGroups(groups, config);

    var form = document.getElementById("map-filters");
    var status = document.getElementById("map-status");
    var latest = 0;
    function apply() {
      var query = formQuery(form);
      var url = form.getAttribute("action") + (query ? "?" + query : "");
      // Only the answer to the latest change is drawn; an older one arriving late is dropped.
      var mine = ++latest;
      container.setAttribute("aria-busy", "true");
      status.textContent = config.strings.updating;
      fetch(url, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.text();
        })
        .then(function (html) {
          if (mine !== latest) return;
          var page = new DOMParser().parseFromString(html, "text/html");
          var fresh = JSON.parse(page.getElementById("map-config").textContent);
          config.layers = fresh.layers;
          config.strings = fresh.strings;
          source.textContent = JSON.stringify(fresh);
          container.dataset.markers = fillGroups(groups, fresh);
          swap("#map-status", page);
          swap("#map-tables", page);
          Array.prototype.forEach.call(document.querySelectorAll("[data-layer-count]"),
            function (span) {
              var other = page.querySelector('[data-layer-count="' +
                span.getAttribute("data-layer-count") + '"]');
              if (other) span.textContent = other.textContent;
            });
          window.history.replaceState(null, "", url);
          container.removeAttribute("aria-busy");
          container.dataset.query = query;
        })
        .catch(function () {
          if (mine !== latest) return;
          container.removeAttribute("aria-busy");
          status.textContent = config.strings.failed;
        });
    }
    if (form) {
      form.addEventListener("change", apply);
      form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    }
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
        return fetch(config.region.url, { credentials: "same-origin" });
      })
      .then(function (response) { return response.json(); })
      .then(function (region) {
        var labels = [];
        var lines = region.features.filter(function (f) {
          return f.properties.kind === "province_line";
        });
        L.geoJSON({ type: "FeatureCollection", features: lines },
          { style: config.region.style, interactive: false }).addTo(map);
        region.features.forEach(function (f) {
          if (f.properties.kind !== "country") return;
          var xy = f.geometry.coordinates;
          var name = f.properties[config.region.name] || f.properties.name_en;
          labels.push({ min_zoom: Math.min(f.properties.min_zoom, 4),
            marker: placeLabel(xy[1], xy[0], name, "country") });
        });
        config.places.forEach(function (p) {
          labels.push({ min_zoom: p.min_zoom, marker: placeLabel(p.lat, p.lon, p.name, p.kind) });
        });
        labelLayers(map, labels);
        document.body.dataset.mapReady = "1";
      })
      .catch(function () { document.body.dataset.mapReady = "error"; });
  });
})();
