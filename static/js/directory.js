// The directory's map and "near me" button. No inline script: data comes from the page's
// data-* attributes and its JSON data block (json_script), so a strict CSP holds.
(function () {
  "use strict";

  // --- Near me: ask the browser where it is, then reload the list nearest first. -------
  var nearButton = document.querySelector("[data-near-me]");
  var nearStatus = document.querySelector("[data-near-status]");
  if (nearButton && "geolocation" in navigator) {
    nearButton.hidden = false;
    nearButton.addEventListener("click", function () {
      nearStatus.textContent = nearButton.getAttribute("data-locating");
      nearStatus.classList.remove("text-danger");
      nearButton.disabled = true;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          var url = new URL(window.location.href);
          url.searchParams.set(
            "near",
            position.coords.latitude.toFixed(5) + "," + position.coords.longitude.toFixed(5)
          );
          url.searchParams.delete("page");
          window.location.assign(url.toString());
        },
        function () {
          nearButton.disabled = false;
          nearStatus.classList.add("text-danger");
          nearStatus.textContent = nearButton.getAttribute("data-denied");
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
      );
    });
  }

  // --- The map: the stations of the page the list shows (the page embeds their points;
  // every match would be megabytes at national size), clustered; the list works without it.
  var el = document.getElementById("station-map");
  var dataBlock = document.getElementById("station-points");
  if (!el || !dataBlock) {
    return;
  }

  // Leaflet and its clustering are a third of the directory's first load: fetch them only
  // when the map comes into view (at once where the browser cannot tell).
  function addScript(src, then) {
    var script = document.createElement("script");
    script.src = src;
    script.onload = then;
    document.body.appendChild(script);
  }

  function loadMap() {
    [el.dataset.leafletCss, el.dataset.clusterCss, el.dataset.clusterThemeCss].forEach(function (href) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      document.head.appendChild(link);
    });
    addScript(el.dataset.leafletJs, function () {
      addScript(el.dataset.clusterJs, drawMap);
    });
  }

  if ("IntersectionObserver" in window) {
    var watcher = new IntersectionObserver(
      function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) {
          watcher.disconnect();
          loadMap();
        }
      },
      { rootMargin: "200px" }
    );
    watcher.observe(el);
  } else {
    loadMap();
  }

  function drawMap() {
    var points = JSON.parse(dataBlock.textContent);
    var centre = [parseFloat(el.dataset.centerLat), parseFloat(el.dataset.centerLng)];
    var map = L.map(el, { scrollWheelZoom: false, maxZoom: 19, zoomControl: false });
    window.relayMapControls(map, el);
    if (el.dataset.tileUrl) {
      L.tileLayer(el.dataset.tileUrl, {
        maxZoom: 19,
        attribution: el.dataset.tileAttribution,
      }).addTo(map);
    }

    var cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 45 });
    var bounds = [];
    points.forEach(function (p) {
      var marker = L.marker([p.lat, p.lng], { title: p.name, alt: p.name });
      // Built as DOM nodes, never as HTML strings: a station name cannot inject markup.
      var popup = document.createElement("div");
      var link = document.createElement("a");
      link.href = p.url;
      link.textContent = p.name;
      link.className = "fw-semibold";
      popup.appendChild(link);
      if (p.open !== null) {
        var state = document.createElement("div");
        state.className = "small " + (p.open ? "text-success" : "text-muted");
        state.textContent = p.open ? el.dataset.openLabel : el.dataset.closedLabel;
        popup.appendChild(state);
      }
      marker.bindPopup(popup);
      cluster.addLayer(marker);
      bounds.push([p.lat, p.lng]);
    });
    map.addLayer(cluster);

    if (el.dataset.nearLat) {
      var here = [parseFloat(el.dataset.nearLat), parseFloat(el.dataset.nearLng)];
      L.circleMarker(here, { radius: 8, color: "#0d6efd", fillOpacity: 0.8 }).addTo(map);
      bounds.push(here);
      // The visitor and the few nearest stations, not the whole city.
      map.fitBounds(bounds.slice(0, 5).concat([here]), { padding: [30, 30], maxZoom: 15 });
    } else if (bounds.length) {
      map.fitBounds(bounds, { padding: [20, 20], maxZoom: 15 });
    } else {
      map.setView(centre, 10);
    }
  }
})();
