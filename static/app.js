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
    var classes = link.parentElement.classList;
    if (classes.contains("graded")) { return; }  // the cell's own form: a cycle to «н» would erase the grade
    event.preventDefault();
    var state = ["present", "absent", "excused"].filter(function (name) { return classes.contains(name); })[0] || "";
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

  // In-place edits (a form.cell-form swapped into a plan cell, a roadmap cell, an agreement's obligation):
  // Escape cancels as «Отмена» does; opening one cancels any other still open, so one cell is edited at a
  // time; after a save or a cancel the focus goes back to the cell's own «изменить» link (or, when the
  // server returned the form with an error, to its field), not to the page's body.
  var inlineFocus = null;
  var inlineOpening = null;

  function targetId(element) {
    var selector = element.getAttribute("hx-target") || "";
    return selector.charAt(0) === "#" ? selector.slice(1) : null;
  }

  // «Отмена» of a form just swapped in: htmx binds its links when the swap settles, and the field has the focus
  // before that; a click in between would only follow the link's anchor. So bind it first (htmx.process does
  // nothing to an element already bound).
  function clickCancel(form) {
    var links = form.querySelectorAll(".actions a[hx-get]");
    if (!links.length) { return false; }
    var link = links[links.length - 1];
    window.htmx.process(link);
    link.click();
    return true;
  }

  function cancelInline(form) {
    if (form.querySelector(".actions a[hx-get]")) {
      form.setAttribute("data-quiet-cancel", "");  // cancelled for another cell: the focus stays there
      clickCancel(form);
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !event.target.closest) { return; }
    var form = event.target.closest("form.cell-form");
    if (!form) { return; }
    event.preventDefault();
    clickCancel(form);
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var source = event.detail.elt;
    if (!source || !source.closest) { return; }
    var form = source.closest("form.cell-form");
    if (form) {
      if (!form.hasAttribute("data-quiet-cancel")) { inlineFocus = targetId(form); }
    } else if (source.matches("a[hx-get]") && source.closest("td.cell, tr[id^='obligation-']")) {
      inlineOpening = targetId(source);
    }
  });

  document.addEventListener("htmx:afterSettle", function () {
    if (inlineOpening) {
      var opened = document.getElementById(inlineOpening);
      var openedForm = opened ? opened.querySelector("form.cell-form") : null;
      inlineOpening = null;
      if (openedForm) {
        document.querySelectorAll("form.cell-form").forEach(function (other) {
          if (other !== openedForm && !other.hasAttribute("data-quiet-cancel")) { cancelInline(other); }
        });
      }
    }
    if (!inlineFocus) { return; }
    var element = document.getElementById(inlineFocus);
    inlineFocus = null;
    if (!element) { return; }
    var form = element.querySelector("form.cell-form");
    var target = form ? form.querySelector("[aria-invalid=true], textarea, input:not([type=hidden]), select")
                      : element.querySelector("a.cell-edit, a[hx-get]");
    if (target) { target.focus(); }
  });

  // The header search's dropdown closes with Escape (the box keeps its text and the focus).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !event.target.closest || !event.target.closest(".header-search")) { return; }
    var results = document.getElementById("search-results");
    if (results) { results.innerHTML = ""; }
  });
})();
