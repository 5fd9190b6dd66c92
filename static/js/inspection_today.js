// The inspector's day: planned visits re-sorted nearest first from the phone's position.
// Without a position (refused, no fix, indoors) the server's order stands and says so.
(function () {
  "use strict";
  var page = document.querySelector("[data-today-page]");
  var list = document.querySelector("[data-today-list]");
  if (!page || !list) {
    return;
  }
  if ("serviceWorker" in navigator) {
    var swUrl = page.getAttribute("data-sw-url");
    navigator.serviceWorker.register(swUrl, { scope: swUrl.replace(/sw\.js$/, "") }).catch(function () {});
  }
  function metres(lat1, lng1, lat2, lng2) {
    var rad = Math.PI / 180;
    var dLat = (lat2 - lat1) * rad;
    var dLng = (lng2 - lng1) * rad;
    var h =
      Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
    return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
  }
  function label(m) {
    return m >= 1000
      ? (m / 1000).toFixed(1) + " " + page.getAttribute("data-msg-km")
      : Math.round(m) + " " + page.getAttribute("data-msg-m");
  }
  function sort(coords) {
    var items = Array.prototype.slice.call(list.querySelectorAll("[data-lat]"));
    items.forEach(function (li) {
      var lat = parseFloat(li.getAttribute("data-lat"));
      var lng = parseFloat(li.getAttribute("data-lng"));
      var d = isNaN(lat) || isNaN(lng) ? Infinity : metres(coords.latitude, coords.longitude, lat, lng);
      li.setAttribute("data-metres", String(d));
      li.querySelector("[data-distance]").textContent = isFinite(d) ? label(d) : "";
    });
    items
      .sort(function (a, b) {
        return parseFloat(a.getAttribute("data-metres")) - parseFloat(b.getAttribute("data-metres"));
      })
      .forEach(function (li) {
        list.appendChild(li);
      });
    page.querySelector("[data-sort-note]").textContent = page.getAttribute("data-msg-sorted");
  }
  if (navigator.geolocation) {
    navigator.geolocation.getCurrentPosition(
      function (found) {
        sort(found.coords);
      },
      function () {},
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 }
    );
  }
})();
