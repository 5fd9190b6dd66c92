// The check form on a phone: the station is chosen from the plan, the nearest or a search
// (a page of candidates at a time), the kind narrows them, the
// phone's position and its distance from the station are shown before saving, photos are
// made smaller on the phone, and a check that cannot be sent now waits in the outbox
// (inspection_outbox.js). The score is the server's: it is shown once the check is saved.
(function () {
  "use strict";
  var page = document.querySelector("[data-check-page]");
  var form = document.querySelector("[data-check-form]");
  if (!page || !form) {
    return;
  }
  var msg = function (name) {
    return form.getAttribute("data-msg-" + name) || "";
  };
  var MAX_SIDE = 1600;
  var QUALITY = 0.8;
  var MAX_PHOTOS = 10;
  var MAX_BYTES = 10 * 1024 * 1024;

  // --- Offline: the service worker keeps this page, its assets and the day's data. ---
  if ("serviceWorker" in navigator) {
    var swUrl = page.getAttribute("data-sw-url");
    navigator.serviceWorker
      .register(swUrl, { scope: swUrl.replace(/sw\.js$/, "") })
      .then(function () {
        var note = document.querySelector("[data-offline-ready]");
        if (note) {
          note.hidden = false;
        }
      })
      .catch(function () {});
  }

  // --- Stations: the plan first, then the nearest to the phone, then a search by name,
  // address or plaque number; each a page of candidates from stations.json, never the whole
  // scope. Every station the phone is shown is kept (localStorage), so that without signal
  // the search and "near me" still work over the plan and the stations already seen. ---
  var select = form.querySelector("[data-station-select]");
  var search = document.querySelector("[data-station-search]");
  var finder = document.querySelector("[data-station-finder]");
  var note = form.querySelector("[data-station-note]");
  var stationsUrl = select.getAttribute("data-stations-url");
  var params = new URLSearchParams(window.location.search);
  // A search's matches come first while there is one; then the plan, the nearest and
  // the stations checked lately. Each station is shown once, in its first group.
  var GROUPS = ["selected", "found", "planned", "near", "recent"];
  var SEEN_KEY = "relay-check-stations:" + (select.getAttribute("data-user") || "");
  var SEEN_MAX = 500;
  var PAGE = 20;
  var known = {};
  var groups = {};
  GROUPS.forEach(function (g) {
    groups[g] = [];
  });

  function chosenKind() {
    var checked = form.querySelector('input[name="kind"]:checked');
    return checked ? checked.value : "";
  }

  function rowOf(option) {
    return {
      id: option.value,
      name: option.getAttribute("data-name") || "",
      plaque_number: option.getAttribute("data-plaque") || "",
      district: option.getAttribute("data-district") || "",
      address: option.getAttribute("data-address") || "",
      latitude: option.getAttribute("data-lat") || "",
      longitude: option.getAttribute("data-lng") || "",
      kinds: (option.getAttribute("data-kinds") || "").split(" ").filter(Boolean),
      planned: option.getAttribute("data-planned") === "1",
    };
  }

  function keep(row) {
    row.id = String(row.id);
    known[row.id] = row;
    return row.id;
  }

  function seen() {
    try {
      return JSON.parse(window.localStorage.getItem(SEEN_KEY) || "[]");
    } catch (e) {
      return [];
    }
  }

  function remember(rows) {
    var ids = {};
    var merged = rows.concat(seen()).filter(function (row) {
      var id = String(row.id);
      if (ids[id]) {
        return false;
      }
      ids[id] = true;
      return true;
    });
    try {
      window.localStorage.setItem(SEEN_KEY, JSON.stringify(merged.slice(0, SEEN_MAX)));
    } catch (e) {
      // A full or disabled storage only costs the offline search its memory.
    }
  }

  Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
    var name = group.getAttribute("data-group");
    Array.prototype.forEach.call(group.querySelectorAll("option"), function (option) {
      groups[name].push(keep(rowOf(option)));
    });
  });
  remember(
    Object.keys(known).map(function (id) {
      return known[id];
    })
  );

  function optionFor(row) {
    var option = document.createElement("option");
    option.value = row.id;
    option.setAttribute("data-kinds", row.kinds.join(" "));
    option.setAttribute("data-lat", row.latitude);
    option.setAttribute("data-lng", row.longitude);
    option.setAttribute("data-name", row.name);
    option.setAttribute("data-plaque", row.plaque_number);
    option.setAttribute("data-district", row.district);
    option.setAttribute("data-address", row.address);
    option.setAttribute("data-planned", row.planned ? "1" : "");
    option.textContent =
      (row.planned ? "★ " : "") + row.name + (row.plaque_number ? " · " + row.plaque_number : "");
    return option;
  }

  // The <select> drawn again from the groups: only stations where the chosen kind may be
  // logged, each once (in its first group), the current choice kept while it fits.
  function draw() {
    var kind = chosenKind();
    var current = select.value;
    while (select.children.length > 1) {
      select.removeChild(select.lastChild);
    }
    var placed = {};
    GROUPS.forEach(function (name) {
      var ids = groups[name].filter(function (id) {
        var row = known[id];
        return row && !placed[id] && (!kind || row.kinds.indexOf(kind) !== -1);
      });
      if (!ids.length) {
        return;
      }
      var group = document.createElement("optgroup");
      group.label = select.getAttribute("data-group-" + name) || name;
      group.setAttribute("data-group", name);
      ids.forEach(function (id) {
        placed[id] = true;
        group.appendChild(optionFor(known[id]));
      });
      select.appendChild(group);
    });
    select.value = current;
    if (select.value !== current) {
      select.value = "";
    }
    showDistance();
  }

  function say(text) {
    if (note && text) {
      note.textContent = text;
    }
  }

  function words(row) {
    return [row.name, row.plaque_number, row.district, row.address].join(" ").toLowerCase();
  }

  // Without signal: the same question asked of the stations this phone has seen.
  function askThePhone(group, query) {
    var rows = seen().map(function (row) {
      keep(row);
      return row;
    });
    if (query.q) {
      var wanted = query.q.toLowerCase();
      rows = rows.filter(function (row) {
        return words(row).indexOf(wanted) !== -1;
      });
    }
    if (query.near) {
      rows.forEach(function (row) {
        var lat = parseFloat(row.latitude);
        var lng = parseFloat(row.longitude);
        row.distance = isNaN(lat) || isNaN(lng) ? Infinity : metres(query.near[0], query.near[1], lat, lng);
      });
      rows.sort(function (a, b) {
        return a.distance - b.distance;
      });
    }
    groups[group] = rows.slice(0, PAGE).map(function (row) {
      return row.id;
    });
    say(note && note.getAttribute("data-msg-offline"));
    draw();
  }

  var asked = {};
  function ask(group, query) {
    var n = (asked[group] = (asked[group] || 0) + 1);
    var url =
      stationsUrl +
      "?" +
      (query.q
        ? "q=" + encodeURIComponent(query.q)
        : "near=" + query.near[0].toFixed(6) + "," + query.near[1].toFixed(6));
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok || response.redirected) {
          throw new Error("http " + response.status);
        }
        return response.json();
      })
      .then(
        function (body) {
          if (n !== asked[group]) {
            return;
          }
          groups[group] = body.stations.map(keep);
          remember(body.stations);
          if (group === "found") {
            say(body.stations.length ? "" : note && note.getAttribute("data-msg-none"));
          }
          draw();
        },
        function () {
          if (n === asked[group]) {
            askThePhone(group, query);
          }
        }
      );
  }

  var searchTimer = null;
  function searchNow() {
    window.clearTimeout(searchTimer);
    var q = (search.value || "").trim();
    if (!q) {
      groups.found = [];
      draw();
      return;
    }
    ask("found", { q: q });
  }
  search.addEventListener("input", function () {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(searchNow, 300);
  });
  finder.addEventListener("submit", function (event) {
    event.preventDefault();
    searchNow();
  });

  if (params.get("kind")) {
    var kindBox = form.querySelector('input[name="kind"][value="' + params.get("kind") + '"]');
    if (kindBox) {
      kindBox.checked = true;
    }
  }
  // The visit begins with its first answer: the check is scored on the checklist version
  // current then (the server refuses an older version for a visit begun after a newer one
  // was published), so the time is stamped once, here, and kept however late it is sent.
  var visitedAt = form.querySelector("[data-visited-at]");
  form.addEventListener("change", function (event) {
    if (event.target.name === "kind") {
      draw();
    }
    if (event.target === select) {
      showDistance();
    }
    if (event.target.closest && event.target.closest(".check-item") && !visitedAt.value) {
      visitedAt.value = new Date().toISOString();
    }
  });

  // --- Position: the browser's GPS, its accuracy, and the distance from the station. ---
  var position = null;
  var positionText = form.querySelector("[data-position-text]");
  var distanceText = form.querySelector("[data-distance-text]");

  function metres(lat1, lng1, lat2, lng2) {
    var r = 6371008.8;
    var rad = Math.PI / 180;
    var dLat = (lat2 - lat1) * rad;
    var dLng = (lng2 - lng1) * rad;
    var h =
      Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
    return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  function showDistance() {
    var option = select.options[select.selectedIndex];
    if (!position || !option || !option.value) {
      distanceText.textContent = "";
      return;
    }
    var lat = parseFloat(option.getAttribute("data-lat"));
    var lng = parseFloat(option.getAttribute("data-lng"));
    if (isNaN(lat) || isNaN(lng)) {
      distanceText.textContent = msg("no-station-place");
      return;
    }
    var d = Math.round(metres(position.latitude, position.longitude, lat, lng));
    distanceText.textContent = msg("distance") + " " + d + " " + msg("metres");
  }

  function locate() {
    if (!navigator.geolocation) {
      positionText.textContent = msg("no-gps");
      return;
    }
    positionText.textContent = msg("locating");
    navigator.geolocation.getCurrentPosition(
      function (found) {
        position = found.coords;
        form.querySelector("[data-lat]").value = position.latitude.toFixed(6);
        form.querySelector("[data-lng]").value = position.longitude.toFixed(6);
        form.querySelector("[data-accuracy]").value = String(Math.round(position.accuracy));
        positionText.textContent =
          position.latitude.toFixed(5) + ", " + position.longitude.toFixed(5) + " · " +
          msg("accuracy") + " ±" + Math.round(position.accuracy) + " " + msg("metres");
        showDistance();
        ask("near", { near: [position.latitude, position.longitude] });
      },
      function () {
        positionText.textContent = msg("no-gps");
      },
      { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 }
    );
  }
  form.querySelector("[data-locate]").addEventListener("click", locate);

  // --- Photos: resized on the phone (longest side 1600 px, JPEG 0.8) and kept as Blobs. ---
  var photos = [];
  var photoInput = form.querySelector("[data-photo-input]");
  var thumbs = form.querySelector("[data-photo-thumbs]");
  var photoError = form.querySelector('[data-error-for="photos"]');

  function drawThumbs() {
    thumbs.textContent = "";
    photos.forEach(function (blob, i) {
      var figure = document.createElement("figure");
      var img = document.createElement("img");
      img.src = URL.createObjectURL(blob);
      img.alt = "";
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "btn btn-sm btn-light";
      remove.setAttribute("aria-label", msg("remove"));
      remove.textContent = "×";
      remove.addEventListener("click", function () {
        photos.splice(i, 1);
        drawThumbs();
      });
      figure.appendChild(img);
      figure.appendChild(remove);
      thumbs.appendChild(figure);
    });
  }

  function decode(file) {
    if (window.createImageBitmap) {
      return createImageBitmap(file, { imageOrientation: "from-image" }).catch(function () {
        return createImageBitmap(file);
      });
    }
    return new Promise(function (resolve, reject) {
      var img = new Image();
      img.onload = function () {
        resolve(img);
      };
      img.onerror = reject;
      img.src = URL.createObjectURL(file);
    });
  }

  function shrink(file) {
    if (["image/jpeg", "image/png"].indexOf(file.type) === -1) {
      return Promise.reject(new Error("type"));
    }
    return decode(file).then(function (image) {
      var scale = Math.min(1, MAX_SIDE / Math.max(image.width, image.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(image.width * scale));
      canvas.height = Math.max(1, Math.round(image.height * scale));
      canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve, reject) {
        canvas.toBlob(
          function (blob) {
            return blob ? resolve(blob) : reject(new Error("encode"));
          },
          "image/jpeg",
          QUALITY
        );
      });
    });
  }

  photoInput.addEventListener("change", function () {
    var files = Array.prototype.slice.call(photoInput.files || []);
    photoError.textContent = "";
    var room = MAX_PHOTOS - photos.length;
    if (files.length > room) {
      photoError.textContent = msg("photo-many");
      files = files.slice(0, Math.max(0, room));
    }
    Promise.all(
      files.map(function (file) {
        return shrink(file).then(
          function (blob) {
            if (blob.size > MAX_BYTES) {
              photoError.textContent = msg("photo-big");
              return null;
            }
            return blob;
          },
          function () {
            photoError.textContent = msg("photo-bad");
            return null;
          }
        );
      })
    ).then(function (blobs) {
      blobs.forEach(function (blob) {
        if (blob) {
          photos.push(blob);
        }
      });
      // The originals never leave the phone: only the smaller copies are sent.
      photoInput.value = "";
      drawThumbs();
    });
  });

  // --- Saving: check what the phone can check, then send or keep on the phone. ---
  var errorsBox = document.querySelector("[data-form-errors]");
  var notice = document.querySelector("[data-form-notice]");
  var saveButton = form.querySelector("[data-save]");

  function clearErrors() {
    form.querySelectorAll("[data-error-for]").forEach(function (el) {
      el.textContent = "";
    });
    errorsBox.classList.add("d-none");
    errorsBox.textContent = "";
  }

  function showErrors(errors, message) {
    var first = null;
    var loose = [];
    Object.keys(errors).forEach(function (field) {
      var place = form.querySelector('[data-error-for="' + field + '"]');
      var text = [].concat(errors[field]).join(" ");
      if (place) {
        place.textContent = text;
        first = first || place;
      } else {
        loose.push(text);
      }
    });
    errorsBox.textContent = [message || errorsBox.getAttribute("data-default") || ""].concat(loose).join(" ");
    errorsBox.classList.remove("d-none");
    (first || errorsBox).scrollIntoView({ block: "center" });
  }

  function localCheck() {
    var errors = {};
    if (!chosenKind()) {
      errors.kind = msg("kind");
    }
    if (!select.value) {
      errors.station = msg("station");
    }
    form.querySelectorAll("[data-item]").forEach(function (item) {
      var code = item.getAttribute("data-item");
      if (!form.querySelector('input[name="item_' + code + '"]:checked')) {
        errors["item_" + code] = msg("missing");
      }
    });
    return errors;
  }

  function fields() {
    var data = new FormData(form);
    var out = {};
    data.forEach(function (value, name) {
      if (typeof value !== "string" || name === "csrfmiddlewaretoken") {
        return;
      }
      out[name] = value;
    });
    return out;
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    // Older phones: a version-4 UUID from the same random source.
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) {
      return (x + 256).toString(16).slice(1);
    }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function startNext(message) {
    // Ready for the next station: a new key, answers and photos cleared, kind kept.
    form.querySelectorAll('.check-item input[type="radio"]').forEach(function (r) {
      r.checked = false;
    });
    form.querySelectorAll(".note-input, #check-note").forEach(function (el) {
      el.value = "";
    });
    photos = [];
    drawThumbs();
    visitedAt.value = "";
    form.querySelector("[data-key]").value = uuid();
    notice.textContent = message;
    notice.classList.remove("d-none");
    window.scrollTo(0, 0);
  }

  var keyField = form.querySelector("[data-key]");
  if (!keyField.value) {
    keyField.value = uuid();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearErrors();
    notice.classList.add("d-none");
    var problems = localCheck();
    if (Object.keys(problems).length) {
      showErrors(problems);
      return;
    }
    if (!visitedAt.value) {
      visitedAt.value = new Date().toISOString();
    }
    var option = select.options[select.selectedIndex];
    var record = {
      key: keyField.value,
      fields: fields(),
      photos: photos.slice(),
      label: option ? option.textContent.replace(/^★\s*/, "") : "",
      savedAt: new Date().toISOString(),
    };
    var outbox = window.RelayOutbox;
    var keep = function (message) {
      return outbox.save(record).then(function () {
        startNext(message);
      });
    };
    saveButton.disabled = true;
    var sent = navigator.onLine ? outbox.send(record) : Promise.resolve({ outcome: "offline" });
    sent
      .then(function (result) {
        if (result.outcome === "sent") {
          window.location.assign(result.body.url);
          return null;
        }
        if (result.outcome === "refused") {
          showErrors((result.body && result.body.errors) || {}, result.body && result.body.message);
          return null;
        }
        if (result.outcome === "conflict") {
          // The key already names another check: keep this copy, say why, in the queue.
          record.error = result.error;
          record.conflict = true;
          return keep(result.error);
        }
        if (result.outcome === "login") {
          outbox.showLogin(true);
          return keep(msg("saved-login"));
        }
        return keep(msg("saved-offline"));
      })
      .then(
        function () {
          saveButton.disabled = false;
        },
        function () {
          saveButton.disabled = false;
        }
      );
  });

  // The station a link names (?station=): drawn by the server online; offline the kept copy
  // of the form may be another link's (no station chosen, or another one), so the phone
  // finds it among the stations it has seen. This runs last: draw() also writes the distance
  // line, looked up in the position part above, and before that it was undefined there.
  var wanted = params.get("station");
  if (wanted && select.value !== wanted) {
    if (!known[wanted]) {
      seen().forEach(function (row) {
        if (String(row.id) === wanted) {
          keep(row);
        }
      });
    }
    if (known[wanted] && groups.selected.indexOf(wanted) === -1) {
      groups.selected.push(wanted);
      draw();
    }
    select.value = wanted;
  }
  draw();
  locate();
})();
