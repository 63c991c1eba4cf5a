// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";
  // Upload progress for forms that carry a <progress data-upload-progress> (e.g. a big plan file).
  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = event.target.closest ? event.target.closest("form") : null;
    var bar = form ? form.querySelector("progress[data-upload-progress]") : null;
    if (!bar || !event.detail.lengthComputable) { return; }
    bar.hidden = false;
    if (event.detail.loaded >= event.detail.total) {
      bar.removeAttribute("value");  // uploaded: now the server reads the file (indeterminate)
      var note = form.querySelector("[data-upload-status]");
      if (note) { note.textContent = note.getAttribute("data-reading-text"); }
    } else {
      bar.max = event.detail.total;
      bar.value = event.detail.loaded;
    }
  });
  // The header search's dropdown closes with Escape (the box keeps its text and the focus).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !event.target.closest || !event.target.closest(".header-search")) { return; }
    var results = document.getElementById("search-results");
    if (results) { results.innerHTML = ""; }
  });
})();
