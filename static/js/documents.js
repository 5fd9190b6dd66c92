/* Documents panel (documents/templates/documents/_panel_body.html): make and retry buttons
   post in the background, and the rows refresh themselves while a document is queued or
   rendering.
   Without JavaScript the forms post normally and the page reloads. */
(function () {
  "use strict";
  if (window.relayDocumentsPanel) { return; }
  window.relayDocumentsPanel = true;

  var FIRST_DELAY = 1000;
  var MAX_DELAY = 8000;

  function setMessage(panel, text) {
    var box = panel.querySelector("[data-documents-message]");
    if (box) { box.textContent = text || ""; }
  }

  function schedule(panel, delay) {
    window.clearTimeout(panel._relayTimer);
    panel._relayTimer = window.setTimeout(function () { refresh(panel, delay); }, delay);
  }

  function refresh(panel, delay) {
    fetch(panel.dataset.statusUrl, {
      headers: { "Accept": "application/json" },
      credentials: "same-origin",
      cache: "no-store"
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (data) {
      var rows = panel.querySelector("[data-documents-rows]");
      if (rows && typeof data.html === "string") { rows.innerHTML = data.html; }
      if (data.pending) { schedule(panel, Math.min((delay || FIRST_DELAY) * 1.5, MAX_DELAY)); }
    }).catch(function () {
      // A network hiccup or an expired session: try again, more slowly.
      schedule(panel, MAX_DELAY);
    });
  }

  function submit(panel, form) {
    var button = form.querySelector("button");
    if (button) { button.disabled = true; }
    setMessage(panel, "");
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "Accept": "application/json", "X-Requested-With": "XMLHttpRequest" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) { setMessage(panel, data.error || response.statusText); }
      });
    }).catch(function (error) {
      setMessage(panel, String(error));
    }).then(function () {
      refresh(panel, FIRST_DELAY);
    });
  }

  function setup(panel) {
    panel.addEventListener("submit", function (event) {
      var form = event.target.closest("form[data-documents-action]");
      if (!form || !window.fetch) { return; }
      event.preventDefault();
      submit(panel, form);
    });
    if (panel.querySelector("[data-pending]")) { schedule(panel, FIRST_DELAY); }
  }

  function start() {
    document.querySelectorAll("[data-documents-panel]").forEach(setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
