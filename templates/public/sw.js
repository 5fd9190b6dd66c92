{% autoescape off %}// The relay portal's service worker (served at /sw.js by stations/views/offline.py).
// It keeps the app shell (CSS, JS, icons) and, network first, the public pages a worker
// opened: the home page, the directory and station pages. Nothing else is ever stored:
// no staff page, no form, no POST, and no response marked private (signed-in users').
"use strict";

var SHELL_CACHE = "relay-shell-{{ version }}";
var PAGE_CACHE = "relay-pages-v1";
var SHELL = {{ shell_json }};
var STATIC = "{{ static_prefix }}";
var DIRECTORY = "{{ directory }}";
var HOME = "{{ home }}";
// The last directory page seen, whatever its filters, for a directory URL never opened.
var LAST_DIRECTORY = DIRECTORY + "?offline=last";
var STATION_PAGE = /^\/stations\/[A-Za-z0-9]+\/$/;
var MAX_PAGES = 60;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL_CACHE).then(function (cache) {
      return cache.addAll(SHELL);
    }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("relay-shell-") === 0 && name !== SHELL_CACHE;
      }).map(function (name) {
        return caches.delete(name);
      }));
    }).then(function () {
      return self.clients.claim();
    })
  );
});

function isPublicPage(url) {
  if (url.origin !== self.location.origin) {
    return false;
  }
  return url.pathname === HOME || url.pathname === DIRECTORY || STATION_PAGE.test(url.pathname);
}

function storable(response) {
  if (!response || !response.ok || response.type !== "basic") {
    return false;
  }
  var control = (response.headers.get("Cache-Control") || "").toLowerCase();
  return control.indexOf("private") === -1 && control.indexOf("no-store") === -1;
}

function trim(cache) {
  return cache.keys().then(function (keys) {
    var extra = keys.length - MAX_PAGES;
    return Promise.all(keys.slice(0, Math.max(extra, 0)).map(function (key) {
      return cache.delete(key);
    }));
  });
}

// The body is read whole before anything is stored: Chromium answers a match for a put whose
// body is still streaming, and such a copy was not there yet when the page moved on.
function savePage(url, response) {
  var init = { status: response.status, statusText: response.statusText, headers: response.headers };
  return response.arrayBuffer().then(function (body) {
    return caches.open(PAGE_CACHE).then(function (cache) {
      var saves = [cache.put(url, new Response(body, init))];
      if (new URL(url).pathname === DIRECTORY) {
        saves.push(cache.put(new URL(LAST_DIRECTORY, url).href, new Response(body, init)));
      }
      return Promise.all(saves).then(function () {
        return trim(cache);
      });
    });
  });
}

// Pages vary on Cookie and Accept-Language; offline, any saved copy beats none.
var ANY_COPY = { ignoreVary: true };

function savedPage(url) {
  return caches.open(PAGE_CACHE).then(function (cache) {
    return cache.match(url, ANY_COPY).then(function (hit) {
      if (hit || new URL(url).pathname !== DIRECTORY) {
        return hit;
      }
      return cache.match(new URL(LAST_DIRECTORY, url).href, ANY_COPY);
    });
  });
}

// Mark a saved page as read offline: offline.js shows when it was saved.
function offlineCopy(response) {
  return response.text().then(function (html) {
    var marked = html.replace('data-served="network"', 'data-served="offline"');
    return new Response(marked, {
      status: 200,
      headers: { "Content-Type": response.headers.get("Content-Type") || "text/html" },
    });
  });
}

function networkFirst(request) {
  return fetch(request).then(function (response) {
    if (storable(response)) {
      savePage(request.url, response.clone());
    }
    return response;
  }).catch(function () {
    return savedPage(request.url).then(function (hit) {
      return hit ? offlineCopy(hit) : Response.error();
    });
  });
}

// Static files never change under one URL in production (hashed names): the cached copy
// is the file, and one fetched for the first time (the map's Leaflet) is kept for offline.
function staticFirst(request) {
  return caches.match(request).then(function (hit) {
    return hit || fetch(request).then(function (response) {
      if (response.ok && response.type === "basic") {
        var copy = response.clone();
        caches.open(SHELL_CACHE).then(function (cache) {
          return cache.put(request, copy);
        });
      }
      return response;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") {
    return; // POSTs (feedback, a visit tap) always go to the server, never to a cache
  }
  var url = new URL(request.url);
  if (url.origin === self.location.origin && url.pathname.indexOf(STATIC) === 0) {
    event.respondWith(staticFirst(request));
  } else if (request.mode === "navigate" && isPublicPage(url)) {
    event.respondWith(networkFirst(request));
  }
});

// A page opened before this worker controlled it asks to be saved (offline.js).
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.save) {
    var url = new URL(data.save, self.location.origin);
    if (isPublicPage(url)) {
      // From the browser's HTTP cache when it still holds the page: do not download it twice.
      var again = { credentials: "same-origin", cache: "force-cache" };
      event.waitUntil(fetch(url.href, again).then(function (response) {
        return storable(response) ? savePage(url.href, response) : null;
      }).catch(function () {}));
    }
  }
});
{% endautoescape %}
