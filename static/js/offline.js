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

  // A staff login ended on this phone (unions/staff_traces.py sets relay_forget): drop
  // what the inspection pages' worker kept for it, and the worker, before anything else.
  var forgetting = document.cookie.split(";").some(function (c) {
    return c.trim().indexOf("relay_forget=") === 0;
  });
  var forgotten = forgetting ? forgetStaffPages() : Promise.resolve();

  function forgetStaffPages() {
    var jobs = [];
    var isStaff = function (url) {
      return new URL(url, window.location.href).pathname.indexOf("/staff/") === 0;
    };
    if (window.caches) {
      jobs.push(
        caches.keys().then(function (keys) {
          return Promise.all(
            keys.map(function (key) {
              if (key.indexOf("relay-inspections-") === 0) {
                return caches.delete(key);
              }
              return caches.open(key).then(function (cache) {
                return cache.keys().then(function (requests) {
                  return Promise.all(
                    requests.filter(function (r) {
                      return isStaff(r.url);
                    }).map(function (r) {
                      return cache.delete(r);
                    })
                  );
                });
              });
            })
          );
        })
      );
    }
    if ("serviceWorker" in navigator && navigator.serviceWorker.getRegistrations) {
      jobs.push(
        navigator.serviceWorker.getRegistrations().then(function (registrations) {
          return Promise.all(
            registrations.filter(function (r) {
              return isStaff(r.scope);
            }).map(function (r) {
              return r.unregister();
            })
          );
        })
      );
    }
    return Promise.all(jobs).then(
      function () {
        document.cookie = "relay_forget=; Max-Age=0; path=/; SameSite=Lax";
      },
      function () {}
    );
  }

  // Logging out empties this phone's storage (Clear-Site-Data), the outbox of checks not
  // yet sent included: say so first, and let the inspector stay to send them.
  var logout = document.querySelector("form[data-logout]");
  if (logout && window.indexedDB && indexedDB.databases) {
    logout.addEventListener("submit", function (event) {
      if (logout.getAttribute("data-confirmed")) {
        return;
      }
      event.preventDefault();
      unsentChecks().then(function (n) {
        var text = logout.getAttribute("data-msg-unsent").replace("{n}", String(n));
        if (n === 0 || window.confirm(text)) {
          logout.setAttribute("data-confirmed", "1");
          logout.submit();
        }
      });
    });
  }

  // A logout never waits on the count: a browser whose IndexedDB never answers (its list
  // of databases, or an outbox another tab holds open) lets the inspector out after two
  // seconds without asking.
  var COUNT_LIMIT_MS = 2000;

  function unsentChecks() {
    var limit = new Promise(function (resolve) {
      window.setTimeout(function () { resolve(0); }, COUNT_LIMIT_MS);
    });
    return Promise.race([countOutbox(), limit]);
  }

  function countOutbox() {
    // Never opens (and so never creates) the outbox's database when there is none.
    return indexedDB.databases().then(function (found) {
      if (!found.some(function (d) { return d.name === "relay-inspections"; })) {
        return 0;
      }
      return new Promise(function (resolve) {
        var request = indexedDB.open("relay-inspections");
        request.onblocked = function () {
          resolve(0);
        };
        request.onsuccess = function () {
          var db = request.result;
          if (!db.objectStoreNames.contains("outbox")) {
            db.close();
            resolve(0);
            return;
          }
          var counting = db.transaction("outbox", "readonly").objectStore("outbox").count();
          counting.onsuccess = function () {
            db.close();
            resolve(counting.result);
          };
          counting.onerror = function () {
            db.close();
            resolve(0);
          };
        };
        request.onerror = function () {
          resolve(0);
        };
      });
    }, function () {
      return 0;
    });
  }

  if (!("serviceWorker" in navigator) || !root.hasAttribute("data-sw")) {
    return;
  }
  var savable = root.getAttribute("data-offline-page") === "yes";
  // Whether this page came through the worker (and so is saved already).
  var controlled = !!navigator.serviceWorker.controller;
  forgotten.then(function () {
    return navigator.serviceWorker.register(root.getAttribute("data-sw"), { scope: "/" });
  }).then(function () {
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
