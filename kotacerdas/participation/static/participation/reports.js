/* Citizen reports: the Leaflet maps (when Leaflet is present) and photo resizing before upload.
   Every page works without this file: lat/lon can be typed, kecamatan and desa chosen, photos sent as is. */
(function () {
  "use strict";

  function readConfig(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function baseMap(el, config) {
    var map = L.map(el, { scrollWheelZoom: false });
    if (config.tiles) {
      L.tileLayer(config.tiles, { maxZoom: 19, attribution: config.attribution }).addTo(map);
    }
    if (config.bbox) {
      map.fitBounds(config.bbox);
      L.rectangle(config.bbox, { color: "#0b7a75", weight: 1, fill: false }).addTo(map);
    } else {
      map.setView([-2.5, 120.3], 9);
    }
    return map;
  }

  function listMap() {
    var el = document.getElementById("report-map");
    var config = readConfig("map-config");
    var markers = readConfig("map-markers");
    if (!el || !config || !window.L) return;
    el.hidden = false;
    var map = baseMap(el, config);
    var points = [];
    (markers || []).forEach(function (m) {
      var link = document.createElement("a");
      link.href = m.url;
      link.textContent = m.title + " (" + m.status + ")";
      L.circleMarker([m.lat, m.lon], { radius: 7, color: "#0b7a75" }).addTo(map).bindPopup(link);
      points.push([m.lat, m.lon]);
    });
    if (points.length) map.fitBounds(points, { maxZoom: 14, padding: [20, 20] });
  }

  function pickMap() {
    var el = document.getElementById("pick-map");
    var config = readConfig("map-config");
    var lat = document.getElementById("id_lat");
    var lon = document.getElementById("id_lon");
    if (!el || !config || !window.L || !lat || !lon) return;
    el.hidden = false;
    var map = baseMap(el, config);
    var marker = null;
    function place(latlng, fromInput) {
      if (marker) marker.setLatLng(latlng); else marker = L.marker(latlng).addTo(map);
      if (!fromInput) {
        lat.value = latlng.lat.toFixed(6);
        lon.value = latlng.lng.toFixed(6);
        lat.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }
    map.on("click", function (e) { place(e.latlng, false); });
    if (lat.value && lon.value) place(L.latLng(parseFloat(lat.value), parseFloat(lon.value)), true);
    var here = document.getElementById("use-location");
    if (here && navigator.geolocation) {
      here.hidden = false;
      here.addEventListener("click", function () {
        navigator.geolocation.getCurrentPosition(function (pos) {
          var ll = L.latLng(pos.coords.latitude, pos.coords.longitude);
          place(ll, false);
          map.setView(ll, 16);
        });
      });
    }
  }

  /* Shrink a photo to at most 1600 px (JPEG) before it is sent: a 4 MB phone photo becomes ~300 kB. */
  function resizeInputs() {
    if (!window.DataTransfer || !HTMLCanvasElement.prototype.toBlob) return;
    document.querySelectorAll("input[type=file][data-resize]").forEach(function (input) {
      input.addEventListener("change", function () {
        var file = input.files && input.files[0];
        if (!file || !/^image\/(jpeg|png|webp)$/.test(file.type) || file.size < 400000) return;
        var img = new Image();
        var url = URL.createObjectURL(file);
        img.onload = function () {
          var scale = Math.min(1, 1600 / Math.max(img.width, img.height));
          var canvas = document.createElement("canvas");
          canvas.width = Math.round(img.width * scale);
          canvas.height = Math.round(img.height * scale);
          canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
          canvas.toBlob(function (blob) {
            URL.revokeObjectURL(url);
            if (!blob || blob.size >= file.size) return;
            var dt = new DataTransfer();
            dt.items.add(new File([blob], file.name.replace(/\.\w+$/, "") + ".jpg", { type: "image/jpeg" }));
            input.files = dt.files;
          }, "image/jpeg", 0.8);
        };
        img.onerror = function () { URL.revokeObjectURL(url); };
        img.src = url;
      });
    });
  }

  /* The desa list follows the chosen kecamatan without a reload (the server does the same on a reload or a
     refused submit, and refuses a desa outside the kecamatan). The map of every kecamatan's desa is in the
     page as JSON; a desa that is still in the list stays chosen. */
  function villagesFollowDistrict() {
    var district = document.getElementById("id_district");
    var village = document.getElementById("id_village");
    var map = readConfig("village-map");
    if (!district || !village || !map) return;
    var names = {}, order = [];  /* in the kecamatan list's order (by name), not the object's (by number) */
    Array.prototype.forEach.call(district.options, function (o) {
      if (o.value) { names[o.value] = o.text; order.push(o.value); }
    });
    function group(pk) {
      var optgroup = document.createElement("optgroup");
      optgroup.label = names[pk] || "?";
      (map[pk] || []).forEach(function (row) {
        var option = document.createElement("option");
        option.value = String(row[0]);
        option.textContent = row[1];
        optgroup.appendChild(option);
      });
      return optgroup;
    }
    function refill() {
      var chosen = village.value;
      var keep = village.options.length ? village.options[0].cloneNode(true) : new Option("—", "");
      while (village.firstChild) village.removeChild(village.firstChild);
      village.appendChild(keep);
      var pks = district.value ? [district.value] : order;
      pks.forEach(function (pk) { if (map[pk]) village.appendChild(group(pk)); });
      village.value = chosen;
      if (village.value !== chosen) {
        village.value = "";
        village.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }
    district.addEventListener("change", refill);
  }

  document.addEventListener("DOMContentLoaded", function () {
    listMap();
    pickMap();
    resizeInputs();
    villagesFollowDistrict();
  });
})();
