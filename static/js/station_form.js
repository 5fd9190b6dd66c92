// The station form: the 其他服务项目 description box follows its checkbox, and a small map
// picks the coordinates. No inline script: everything comes from data-* attributes, so a
// strict CSP holds. Without JavaScript the form is plain inputs and still works.
(function () {
  "use strict";

  // --- 其他服务项目: one control. The box is enabled and required only while ticked. ----
  var otherToggle = document.querySelector("[data-other-services-toggle]");
  var otherText = document.querySelector("[data-other-services]");
  if (otherToggle && otherText) {
    var syncOther = function () {
      otherText.disabled = !otherToggle.checked;
      otherText.required = otherToggle.checked;
      if (otherToggle.checked && document.activeElement === otherToggle) {
        otherText.focus();
      }
    };
    otherToggle.addEventListener("change", syncOther);
    syncOther();
  }

  // --- The map picker: click or drag fills the inputs, typing moves the marker. --------
  var el = document.querySelector("[data-location-picker]");
  if (!el || typeof L === "undefined") {
    return;
  }
  var latInput = document.getElementById(el.dataset.latitudeInput);
  var lngInput = document.getElementById(el.dataset.longitudeInput);
  if (!latInput || !lngInput) {
    return;
  }
  el.hidden = false;
  var help = document.querySelector("[data-location-picker-help]");
  if (help) {
    help.hidden = false;
  }

  // The model keeps six decimals (about 0.1 m): no more precision than it can store.
  var DECIMALS = 6;

  // Datums (stations/datum.py): the boxes hold numbers in the datum chosen beside them, the
  // tiles are drawn in MAP_TILE_DATUM; gcoord (vendored) converts between the two, so the
  // marker sits where the numbers are on these tiles and a click fills the chosen datum.
  var datumInput = document.getElementById(el.dataset.datumInput);
  var tileDatum = el.dataset.tileDatum || "wgs84";
  var CRS = { wgs84: "WGS84", gcj02: "GCJ02", bd09: "BD09" };
  function inputDatum() {
    return (datumInput && CRS[datumInput.value] && datumInput.value) || "wgs84";
  }
  function shift(lat, lng, from, to) {
    if (from === to) {
      return [lat, lng];
    }
    if (typeof gcoord === "undefined") {
      return null;
    }
    var p = gcoord.transform([lng, lat], gcoord[CRS[from]], gcoord[CRS[to]]);
    return [p[1], p[0]];
  }

  function typed() {
    var lat = parseFloat(latInput.value);
    var lng = parseFloat(lngInput.value);
    if (!isFinite(lat) || !isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
      return null;
    }
    var onTiles = shift(lat, lng, inputDatum(), tileDatum);
    return onTiles ? L.latLng(onTiles[0], onTiles[1]) : null;
  }

  var map = L.map(el, { scrollWheelZoom: false, maxZoom: 19, zoomControl: false });
  window.relayMapControls(map, el);
  if (el.dataset.tileUrl) {
    L.tileLayer(el.dataset.tileUrl, {
      maxZoom: 19,
      attribution: el.dataset.tileAttribution,
    }).addTo(map);
  }
  // South,west,north,east of the city box the form's rules accept; a little room around it.
  var box = (el.dataset.bounds || "").split(",").map(parseFloat);
  if (box.length === 4 && box.every(isFinite)) {
    map.setMaxBounds(L.latLngBounds([box[0], box[1]], [box[2], box[3]]).pad(0.05));
    map.options.maxBoundsViscosity = 1.0;
  }
  var start = typed();
  var centre = L.latLng(parseFloat(el.dataset.centerLat), parseFloat(el.dataset.centerLng));
  map.setView(start || centre, start ? 16 : 10);

  var marker = null;
  function place(latlng) {
    if (marker) {
      marker.setLatLng(latlng);
    } else {
      marker = L.marker(latlng, { draggable: true, keyboard: false, alt: el.dataset.markerAlt })
        .addTo(map);
      marker.on("dragend", function () {
        fill(marker.getLatLng());
      });
    }
  }
  function fill(latlng) {
    var wrapped = latlng.wrap();
    var given = shift(wrapped.lat, wrapped.lng, tileDatum, inputDatum());
    if (!given) {
      return;
    }
    latInput.value = given[0].toFixed(DECIMALS);
    lngInput.value = given[1].toFixed(DECIMALS);
    // Anything listening (e.g. a change-tracking warning) hears it as if typed.
    latInput.dispatchEvent(new Event("change", { bubbles: true }));
    lngInput.dispatchEvent(new Event("change", { bubbles: true }));
  }
  if (start) {
    place(start);
  }

  map.on("click", function (event) {
    place(event.latlng);
    fill(event.latlng);
  });

  function follow() {
    var latlng = typed();
    if (latlng) {
      place(latlng);
      map.panTo(latlng);
    }
  }
  latInput.addEventListener("input", follow);
  lngInput.addEventListener("input", follow);
  if (datumInput) {
    // The same numbers in another datum are another place: the marker moves to it.
    datumInput.addEventListener("change", follow);
  }
})();
