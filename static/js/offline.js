// Offline reading of the public pages: registers the service worker (/sw.js) and, on a page
// the worker served from its cache because there is no signal, says when it was saved.
(function () {
  "use strict";
  var root = document.documentElement;

  if (root.getAttribute("data-served") === "offline") {
    var notice = document.querySelector("[data-offline-notice]");
    if (notice) {
      notice.textContent = notice
        .getAttribute("data-text")
        .replace("{time}", root.getAttribute("data-rendered-at") || "");
      notice.hidden = false;
    }
  }

  if (!("serviceWorker" in navigator) || !root.hasAttribute("data-sw")) {
    return;
  }
  var savable = root.getAttribute("data-offline-page") === "yes";
  // Whether this page came through the worker (and so is saved already).
  var controlled = !!navigator.serviceWorker.controller;
  navigator.serviceWorker.register(root.getAttribute("data-sw"), { scope: "/" }).then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    // The first page opened came before the worker controlled it: ask it to save this one.
    if (savable && !controlled && registration.active) {
      registration.active.postMessage({ save: window.location.href });
    }
  }).catch(function () {
    // No service worker (private mode, an old browser): the site works as before, online.
  });
})();
