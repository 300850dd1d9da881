/* SPDX-License-Identifier: EUPL-1.2 */
// After htmx replaces the case list (filter, sort, page), move focus to the results heading so
// keyboard and screen-reader users hear the new count instead of losing their place.
document.addEventListener("htmx:afterSettle", function (event) {
  var target = event.detail && event.detail.target;
  if (target && target.id === "case-list") {
    var heading = document.getElementById("results-heading");
    if (heading) heading.focus();
  }
});
