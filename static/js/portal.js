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

// <select data-autosubmit> sends its form when the choice changes (a list's status filter).
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field && field.hasAttribute && field.hasAttribute("data-autosubmit") && field.form) {
    field.form.submit();
  }
});
