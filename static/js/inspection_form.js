// The check form on a phone: kinds narrow the stations, a search narrows them further, the
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

  // --- Stations: only those where the chosen kind may be logged, filtered by the search. ---
  var select = form.querySelector("[data-station-select]");
  var search = form.querySelector("[data-station-search]");
  var options = Array.prototype.slice.call(select.options, 1);
  var params = new URLSearchParams(window.location.search);

  function chosenKind() {
    var checked = form.querySelector('input[name="kind"]:checked');
    return checked ? checked.value : "";
  }

  function filterStations() {
    var kind = chosenKind();
    var words = (search.value || "").trim().toLowerCase();
    var current = select.value;
    while (select.options.length > 1) {
      select.remove(1);
    }
    options.forEach(function (option) {
      var kinds = (option.getAttribute("data-kinds") || "").split(" ");
      var text = (option.getAttribute("data-search") || "").toLowerCase();
      var fitsKind = !kind || kinds.indexOf(kind) !== -1;
      var fitsWords = !words || text.indexOf(words) !== -1 || option.value === current;
      if (fitsKind && fitsWords) {
        select.add(option);
      }
    });
    select.value = current;
    if (select.value !== current) {
      select.value = "";
    }
    showDistance();
  }

  if (params.get("kind")) {
    var kindBox = form.querySelector('input[name="kind"][value="' + params.get("kind") + '"]');
    if (kindBox) {
      kindBox.checked = true;
    }
  }
  if (params.get("station") && !select.value) {
    select.value = params.get("station");
  }
  // The visit begins with its first answer: the check is scored on the checklist version
  // current then (the server refuses an older version for a visit begun after a newer one
  // was published), so the time is stamped once, here, and kept however late it is sent.
  var visitedAt = form.querySelector("[data-visited-at]");
  form.addEventListener("change", function (event) {
    if (event.target.name === "kind") {
      filterStations();
    }
    if (event.target === select) {
      showDistance();
    }
    if (event.target.closest && event.target.closest(".check-item") && !visitedAt.value) {
      visitedAt.value = new Date().toISOString();
    }
  });
  search.addEventListener("input", filterStations);

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

  filterStations();
  locate();
})();
