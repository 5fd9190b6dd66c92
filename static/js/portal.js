// Site-wide behaviour, loaded on every page (no inline script, so a strict CSP holds).
// A form with data-confirm asks before it is sent: approving, rejecting for good,
// revoking. The question is the one the server's ACTIONS table gives.
// A button may ask its own question (保存并重新提交 beside a plain save).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var button = event.submitter;
  var question =
    (button && button.getAttribute && button.getAttribute("data-confirm")) ||
    (form && form.getAttribute && form.getAttribute("data-confirm"));
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// A "select all" box: <input type="checkbox" data-check-all="station"> ticks every
// checkbox named "station" on the page (the review queue's bulk approval).
document.addEventListener("change", function (event) {
  var box = event.target;
  var name = box && box.getAttribute && box.getAttribute("data-check-all");
  if (!name) {
    return;
  }
  document.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(function (other) {
    other.checked = box.checked;
  });
});

// Leaflet's controls speak the page's language: the map element carries the words
// (templates/partials/_map_words.html) and both maps (directory.js, station_form.js) call
// this once Leaflet is loaded, having made the map with { zoomControl: false }.
window.relayMapControls = function (map, el) {
  var words = el.dataset;
  L.control.zoom({ zoomInTitle: words.zoomInTitle, zoomOutTitle: words.zoomOutTitle }).addTo(map);
  // Leaflet's own credit, its link kept, its words ours (built as nodes: no markup from data).
  var prefix = document.createElement("span");
  var link = document.createElement("a");
  link.href = "https://leafletjs.com";
  link.title = words.attributionTitle;
  link.textContent = "Leaflet";
  prefix.append(words.attributionLabel + " ", link);
  map.attributionControl.setPrefix(prefix.innerHTML);
  map.on("popupopen", function (event) {
    var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
    if (close) {
      close.setAttribute("aria-label", words.closePopup);
      close.title = words.closePopup;
    }
  });
};

// <select data-autosubmit> sends its form when the choice changes (a list's status filter).
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field && field.hasAttribute && field.hasAttribute("data-autosubmit") && field.form) {
    field.form.submit();
  }
});
