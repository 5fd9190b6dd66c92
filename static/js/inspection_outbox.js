// Checks waiting on the phone (IndexedDB), sent when the network is back, each exactly once:
// a check carries its idempotency key, so a send repeated after a lost reply is harmless;
// a key the server already holds for another content (409) is shown, and the copy kept.
// Used by the check form and the today page; no inline script (a strict CSP holds).
(function () {
  "use strict";
  var DB_NAME = "relay-inspections";
  var STORE = "outbox";
  var panel = document.querySelector("[data-outbox]");
  if (!panel || !window.indexedDB) {
    return;
  }
  var msg = function (name) {
    return panel.getAttribute("data-msg-" + name) || "";
  };
  var me = panel.getAttribute("data-user");
  var sending = false;

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "key" });
      };
      request.onsuccess = function () {
        resolve(request.result);
      };
      request.onerror = function () {
        reject(request.error);
      };
    });
  }

  function tx(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var t = db.transaction(STORE, mode);
        var result = work(t.objectStore(STORE));
        t.oncomplete = function () {
          db.close();
          resolve(result && result.result !== undefined ? result.result : undefined);
        };
        t.onerror = function () {
          db.close();
          reject(t.error);
        };
      });
    });
  }

  function all() {
    return tx("readonly", function (store) {
      return store.getAll();
    }).then(function (rows) {
      return (rows || []).sort(function (a, b) {
        return a.savedAt < b.savedAt ? -1 : 1;
      });
    });
  }

  function put(record) {
    return tx("readwrite", function (store) {
      store.put(record);
    });
  }

  function remove(key) {
    return tx("readwrite", function (store) {
      store.delete(key);
    });
  }

  function cookie(name) {
    var found = document.cookie.split(";").map(function (c) {
      return c.trim();
    }).filter(function (c) {
      return c.indexOf(name + "=") === 0;
    })[0];
    return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
  }

  // The token is read when sending, never when saving: a check saved before a new login
  // must carry the new session's token. Production keeps the cookie from scripts; then the
  // day's data gives a fresh one (and tells whether the login has ended).
  function csrfToken() {
    var fromCookie = cookie("csrftoken");
    if (fromCookie) {
      return Promise.resolve(fromCookie);
    }
    return fetch(panel.getAttribute("data-day-url"), {
      credentials: "same-origin",
      cache: "no-store",
      redirect: "manual",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      if (response.type === "opaqueredirect" || !response.ok) {
        throw new Error("login");
      }
      return response.json().then(function (day) {
        return day.csrf_token;
      });
    });
  }

  function formData(record) {
    var data = new FormData();
    if (record.user) {
      // Whose check it is: the server refuses it from any other account.
      data.append("owner", record.user);
    }
    Object.keys(record.fields).forEach(function (name) {
      [].concat(record.fields[name]).forEach(function (value) {
        data.append(name, value);
      });
    });
    (record.photos || []).forEach(function (blob, i) {
      var ext = blob.type === "image/png" ? ".png" : ".jpg";
      data.append("photos", blob, "photo-" + (i + 1) + ext);
    });
    return data;
  }

  function errorText(body) {
    var parts = [];
    Object.keys((body && body.errors) || {}).forEach(function (field) {
      parts = parts.concat(body.errors[field]);
    });
    return parts.join(" ") || (body && body.message) || "";
  }

  // One send. Resolves to {outcome: "sent"|"refused"|"offline"|"login"|"server", ...}.
  function send(record) {
    return csrfToken().then(
      function (token) {
        return fetch(panel.getAttribute("data-send-url"), {
          method: "POST",
          body: formData(record),
          credentials: "same-origin",
          redirect: "manual",
          headers: { "X-CSRFToken": token, Accept: "application/json" },
        }).then(
          function (response) {
            if (response.type === "opaqueredirect" || response.status === 401 || response.status === 403) {
              return { outcome: "login" };
            }
            if (response.status === 200 || response.status === 201) {
              return response.json().then(function (body) {
                return { outcome: "sent", body: body };
              });
            }
            if (response.status === 409) {
              // The key was used for another check: the server names both; this copy was
              // not saved and stays here for the inspector to read.
              return response.json().then(
                function (body) {
                  return { outcome: "conflict", body: body, error: (body && body.message) || "" };
                },
                function () {
                  return { outcome: "conflict", error: "" };
                }
              );
            }
            if (response.status === 400) {
              return response.json().then(
                function (body) {
                  return { outcome: "refused", body: body, error: errorText(body) };
                },
                function () {
                  return { outcome: "refused", error: "" };
                }
              );
            }
            return { outcome: "server" };
          },
          function () {
            return { outcome: "offline" };
          }
        );
      },
      function (error) {
        return { outcome: error && error.message === "login" ? "login" : "offline" };
      }
    );
  }

  function showLogin(show) {
    var box = panel.querySelector("[data-outbox-login]");
    box.classList.toggle("d-none", !show);
    if (show) {
      box.textContent = msg("login") + " ";
      var link = document.createElement("a");
      link.href = panel.getAttribute("data-login-url");
      link.className = "alert-link";
      link.textContent = msg("login-link");
      box.appendChild(link);
    }
  }

  function addSent(body) {
    var box = document.querySelector("[data-sent]");
    if (!box || !body) {
      return;
    }
    box.classList.remove("d-none");
    var li = document.createElement("li");
    li.className = "list-group-item d-flex justify-content-between align-items-center gap-2";
    li.setAttribute("data-testid", "sent-item");
    var text = document.createElement("span");
    text.textContent = body.station + " · " + msg("sent") + " · " + msg("score") + " " + body.score;
    var link = document.createElement("a");
    link.href = body.url;
    link.className = "btn btn-sm btn-outline-success";
    link.textContent = msg("view");
    li.appendChild(text);
    li.appendChild(link);
    box.querySelector("[data-sent-list]").appendChild(li);
  }

  function render() {
    return all().then(function (rows) {
      panel.classList.toggle("d-none", rows.length === 0);
      panel.querySelector("[data-outbox-count]").textContent = String(rows.length);
      var list = panel.querySelector("[data-outbox-list]");
      list.textContent = "";
      rows.forEach(function (record) {
        var li = document.createElement("li");
        li.className = "list-group-item";
        li.setAttribute("data-testid", "outbox-item");
        var title = document.createElement("div");
        title.className = "fw-semibold";
        title.textContent = record.label;
        var meta = document.createElement("div");
        meta.className = "small text-muted";
        meta.textContent =
          new Date(record.savedAt).toLocaleString() +
          (record.photos && record.photos.length ? " · " + record.photos.length + " " + msg("photos") : "");
        li.appendChild(title);
        li.appendChild(meta);
        var state = document.createElement("div");
        state.className = "small";
        if (record.user && record.user !== me) {
          state.textContent = msg("other-user");
        } else if (record.error) {
          state.className = "small outbox-error";
          state.setAttribute("data-testid", "outbox-error");
          state.textContent = msg(record.conflict ? "conflict" : "refused") + " " + record.error;
          if (record.conflict) {
            state.setAttribute("data-testid", "outbox-conflict");
          }
        } else {
          state.textContent = record.note || msg("waiting");
        }
        li.appendChild(state);
        if (record.error) {
          var discard = document.createElement("button");
          discard.type = "button";
          discard.className = "btn btn-sm btn-outline-danger mt-2";
          discard.textContent = msg("discard");
          discard.addEventListener("click", function () {
            if (window.confirm(msg("discard-confirm"))) {
              remove(record.key).then(render);
            }
          });
          li.appendChild(discard);
        }
        list.appendChild(li);
      });
      return rows;
    });
  }

  // Send every waiting check of this account, one at a time, oldest first.
  function sendAll() {
    if (sending) {
      return Promise.resolve();
    }
    sending = true;
    return all()
      .then(function (rows) {
        // A check the server refused waits for a person to read why; resending it
        // unchanged would be refused again.
        var mine = rows.filter(function (r) {
          return (!r.user || r.user === me) && !r.error;
        });
        return mine.reduce(function (chain, record) {
          return chain.then(function (stop) {
            if (stop) {
              return stop;
            }
            return send(record).then(function (result) {
              if (result.outcome === "sent") {
                addSent(result.body);
                return remove(record.key);
              }
              if (result.outcome === "refused" || result.outcome === "conflict") {
                record.error = result.error || msg("server");
                record.conflict = result.outcome === "conflict";
                return put(record);
              }
              record.note = result.outcome === "server" ? msg("server") : msg("offline");
              if (result.outcome === "login") {
                showLogin(true);
              }
              // No signal or no login: the rest would fail the same way; try later.
              return put(record).then(function () {
                return result.outcome === "server" ? false : true;
              });
            });
          });
        }, Promise.resolve(false));
      })
      .then(
        function () {
          sending = false;
          return render();
        },
        function () {
          sending = false;
          return render();
        }
      );
  }

  function save(record) {
    record.user = me;
    return put(record).then(render);
  }

  window.RelayOutbox = { save: save, send: send, sendAll: sendAll, render: render, showLogin: showLogin };
  panel.querySelector("[data-outbox-send]").addEventListener("click", sendAll);
  window.addEventListener("online", sendAll);
  render().then(function (rows) {
    if (rows.length && navigator.onLine) {
      sendAll();
    }
  });
})();
