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
  // The journal grid ([data-journal-grid]): a keystroke sets the focused cell and saves it at once (the
  // row and column totals come back out of band); arrow keys move between cells; a click cycles the
  // attendance. Without this file every cell is a link to its own small form.
  var MOVES = {ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0]};
  var CYCLE = {"": "present", present: "absent", absent: "excused", excused: "clear"};
  var pendingFocus = null;

  function journalKeys(grid) {
    if (!grid._keys) {
      grid._keys = {};
      (grid.getAttribute("data-keys") || "").split(",").forEach(function (pair) {
        var at = pair.lastIndexOf(":");
        if (at > 0) { grid._keys[pair.slice(0, at)] = pair.slice(at + 1); }
      });
    }
    return grid._keys;
  }

  function cellLink(target) {
    var link = target && target.closest ? target.closest("a[data-cell]") : null;
    return link && link.closest("[data-journal-grid]") ? link : null;
  }

  function saveCell(link, code) {
    var cell = link.parentElement;
    pendingFocus = cell.id;
    window.htmx.ajax("POST", link.getAttribute("href"), {source: link, target: cell, swap: "outerHTML",
                                                         values: {set: code}});
  }

  function moveFocus(link, step) {
    var cell = link.parentElement;
    var rows = cell.closest("tbody").rows;
    var row = rows[cell.parentElement.sectionRowIndex + step[0]];
    var next = row ? row.cells[cell.cellIndex + step[1]] : null;
    var target = next ? next.querySelector("a[data-cell]") : null;
    if (target) { target.focus(); }
  }

  document.addEventListener("keydown", function (event) {
    var link = cellLink(event.target);
    if (!link || event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (MOVES[event.key]) {
      event.preventDefault();
      moveFocus(link, MOVES[event.key]);
      return;
    }
    var keys = journalKeys(link.closest("[data-journal-grid]"));
    var key = event.key === " " ? "Space" : event.key;
    var code = keys[key] || keys[key.toLowerCase()];
    if (code) {
      event.preventDefault();
      saveCell(link, code);
    }
  });

  document.addEventListener("click", function (event) {
    var link = cellLink(event.target);
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    event.preventDefault();
    var state = link.parentElement.className.replace("mark", "").trim();
    saveCell(link, CYCLE[state] || "present");
  });

  document.addEventListener("htmx:afterSettle", function () {
    if (!pendingFocus) { return; }
    var active = document.activeElement;
    if (!active || active === document.body) {
      var cell = document.getElementById(pendingFocus);
      var link = cell ? cell.querySelector("a[data-cell]") : null;
      if (link) { link.focus(); }
    }
    pendingFocus = null;
  });

  // The header search's dropdown closes with Escape (the box keeps its text and the focus).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !event.target.closest || !event.target.closest(".header-search")) { return; }
    var results = document.getElementById("search-results");
    if (results) { results.innerHTML = ""; }
  });
})();
