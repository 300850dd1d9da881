/* SPDX-License-Identifier: EUPL-1.2 */
// The intake table's keyboard (web/intaketable). The rows are one tab stop (roving tabindex):
// j/k or the arrow keys move between rows, Enter or "c" confirms a routine row (not decided,
// no shortfall), "o" opens the row's override form and Escape closes it again. A row that is
// not routine opens its override form on Enter or "c": its proposal does not fit, so the chair
// chooses. After a decision htmx swaps that applicant's rows only; the focus then moves to the
// next undecided row, or to the message when the decision was refused.
(function () {
  "use strict";

  var pending = null; // the reference of the row whose decision is on its way

  function table() {
    return document.querySelector("table[data-keyboard=chair]");
  }

  function rows() {
    var t = table();
    return t ? Array.prototype.slice.call(t.querySelectorAll("tr[data-row]")) : [];
  }

  function activate(row) {
    rows().forEach(function (r) {
      r.tabIndex = r === row ? 0 : -1;
    });
    if (row) row.focus();
  }

  function undecidedFrom(row) {
    var all = rows();
    var start = all.indexOf(row);
    for (var k = 1; k <= all.length; k++) {
      var r = all[(start + k) % all.length];
      if (r.dataset.settled !== "true") return r;
    }
    return null;
  }

  function caseOf(el) {
    return el && el.closest ? el.closest("tbody[data-case]") : null;
  }

  function openOverride(body) {
    var details = body.querySelector("details[data-override]");
    if (!details) return;
    details.open = true;
    var first = details.querySelector("select, input:not([type=hidden]), textarea");
    if (first) first.focus();
  }

  function confirmRow(row, body) {
    if (row.dataset.settled === "true") return;
    if (row.dataset.routine !== "true") {
      openOverride(body);
      return;
    }
    var form = body.querySelector("form[data-confirm]");
    if (!form || form.classList.contains("htmx-request")) return; // already on its way
    pending = body.dataset.case;
    form.requestSubmit();
  }

  document.addEventListener("keydown", function (event) {
    if (!table() || event.altKey || event.ctrlKey || event.metaKey) return;
    var body = caseOf(event.target);
    if (!body) return;
    var row = body.querySelector("tr[data-row]");
    if (event.target !== row) {
      // Inside a row's form or link: only Escape is ours (it closes the override form).
      var details = event.target.closest("details[data-override]");
      if (event.key === "Escape" && details) {
        details.open = false;
        activate(row);
        event.preventDefault();
      }
      return;
    }
    var all = rows();
    var at = all.indexOf(row);
    switch (event.key) {
      case "j":
      case "ArrowDown":
        if (at + 1 < all.length) activate(all[at + 1]);
        break;
      case "k":
      case "ArrowUp":
        if (at > 0) activate(all[at - 1]);
        break;
      case "Home":
        activate(all[0]);
        break;
      case "End":
        activate(all[all.length - 1]);
        break;
      case "Enter":
      case "c":
        confirmRow(row, body);
        break;
      case "o":
        openOverride(body);
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  // A click or Tab into a row makes it the row that j/k move from.
  document.addEventListener("focusin", function (event) {
    var body = caseOf(event.target);
    if (!body || !table()) return;
    var row = body.querySelector("tr[data-row]");
    if (row) {
      rows().forEach(function (r) {
        r.tabIndex = r === row ? 0 : -1;
      });
    }
  });

  document.addEventListener("submit", function (event) {
    var body = caseOf(event.target);
    if (body && table()) pending = body.dataset.case;
  });

  document.addEventListener("htmx:afterSettle", function () {
    if (!pending) return;
    var body = document.getElementById("case-" + pending);
    pending = null;
    if (!body) return;
    var problem = body.querySelector("[role=alert]");
    if (problem) {
      problem.focus();
      return;
    }
    var row = body.querySelector("tr[data-row]");
    if (row && row.dataset.settled === "true") {
      activate(undecidedFrom(row) || row);
    } else if (row) {
      activate(row);
    }
  });

  function start() {
    var all = rows();
    if (!all.length) return;
    var first = all.filter(function (r) {
      return r.dataset.settled !== "true";
    })[0];
    // Keyboard-first: the first undecided row has the focus, unless a refused form has it.
    var alert = document.querySelector("#intake-table [role=alert]");
    if (alert) {
      alert.focus();
      markActive(caseOf(alert));
    } else {
      activate(first || all[0]);
    }
  }

  function markActive(body) {
    var row = body ? body.querySelector("tr[data-row]") : null;
    rows().forEach(function (r) {
      r.tabIndex = r === row ? 0 : -1;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
