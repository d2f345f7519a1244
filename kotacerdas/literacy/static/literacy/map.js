// Literacy map, progressive enhancement: where Leaflet loaded, the server-drawn SVG map is replaced by an
// interactive one (tiles from MAP_TILE_URL when set, else none) with one circle per district sized by its
// participants. Without JavaScript, or if anything fails, the SVG map and the table stay as they are.
(function () {
  "use strict";
  function start() {
    var box = document.getElementById("literacy-map");
    var cfg = document.getElementById("literacy-map-config");
    var pts = document.getElementById("literacy-map-points");
    if (!box || !cfg || !pts || typeof L === "undefined") return;
    try {
      var config = JSON.parse(cfg.textContent);
      var points = JSON.parse(pts.textContent).filter(function (p) { return p.lat !== null && p.lng !== null; });
      if (!points.length) return;
      box.hidden = false;
      var map = L.map(box, { scrollWheelZoom: false });
      if (config.tiles) {
        L.tileLayer(config.tiles, { attribution: config.attribution, maxZoom: 16 }).addTo(map);
      }
      var biggest = Math.max.apply(null, points.map(function (p) { return p.people || 0; })) || 1;
      var bounds = [];
      points.forEach(function (p) {
        var radius = 4 + 22 * Math.sqrt((p.people || 0) / biggest);
        var colour = p.people ? "#0b6e4f" : "#8a94a0";
        // Leaflet reads a string tooltip as HTML: a text node keeps a district's name text, whatever it holds.
        var label = document.createElement("span");
        label.textContent = p.name + ": " + (p.people || 0).toLocaleString(document.documentElement.lang || "id");
        L.circleMarker([p.lat, p.lng], { radius: radius, color: colour, fillColor: colour, fillOpacity: 0.5 })
          .bindTooltip(label)
          .addTo(map);
        bounds.push([p.lat, p.lng]);
      });
      map.fitBounds(bounds, { padding: [24, 24] });
      var svg = document.querySelector('[data-testid="district-map"]');
      if (svg) svg.style.display = "none";
    } catch (e) {
      box.hidden = true;
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
