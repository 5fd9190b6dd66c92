// Service worker of the inspection pages (served by inspections/views/offline.py, which puts
// self.RELAY_OFFLINE in front of this file: the version, the static assets and the pages).
// Pages and the day's data: network first, the kept copy when there is no signal. Static
// assets: the kept copy first. Nothing else is touched; a POST is never answered from here
// (sending is the outbox's job, with its idempotency key).
"use strict";

var CONFIG = self.RELAY_OFFLINE;
var CACHE = "relay-inspections-" + CONFIG.version;
var PAGES = CONFIG.pages;
var ASSETS = CONFIG.assets;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      // One by one: a page this role may not open (403) must not stop the others.
      return Promise.all(
        ASSETS.concat(PAGES).map(function (url) {
          return fetch(url, { credentials: "same-origin" }).then(
            function (response) {
              if (response.ok && !response.redirected) {
                return cache.put(url, response);
              }
              return null;
            },
            function () {
              return null;
            }
          );
        })
      );
    }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(
        keys.filter(function (key) {
          return key.indexOf("relay-inspections-") === 0 && key !== CACHE;
        }).map(function (key) {
          return caches.delete(key);
        })
      );
    }).then(function () {
      return self.clients.claim();
    })
  );
});

function pageKey(url) {
  // The form is one page whatever station its query names (?station=12&kind=flying).
  return PAGES.indexOf(url.pathname) !== -1 ? url.pathname : null;
}

function networkFirst(request, key) {
  return fetch(request).then(
    function (response) {
      if (response.redirected && response.url.indexOf(CONFIG.login) !== -1) {
        // The login has ended: what this phone kept for that login goes with it.
        caches.delete(CACHE);
        return response;
      }
      if (response.ok && !response.redirected) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) {
          cache.put(key, copy);
        });
      }
      return response;
    },
    function () {
      return caches.open(CACHE).then(function (cache) {
        return cache.match(key).then(function (kept) {
          return (
            kept ||
            new Response("离线：此页没有保存在手机上。", {
              status: 503,
              headers: { "Content-Type": "text/plain; charset=utf-8" },
            })
          );
        });
      });
    }
  );
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") {
    return;
  }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  var key = pageKey(url);
  if (key) {
    event.respondWith(networkFirst(request, key));
    return;
  }
  if (ASSETS.indexOf(url.pathname) !== -1) {
    event.respondWith(
      caches.open(CACHE).then(function (cache) {
        return cache.match(url.pathname).then(function (kept) {
          return kept || fetch(request);
        });
      })
    );
  }
});
