/* SPDX-License-Identifier: EUPL-1.2 */
// Draws the forecast fan charts with vega-embed. Each chart container names the <script
// type="application/json"> holding its Vega-Lite spec (built server-side by web/charts.py), so
// the page carries no inline script. Charts are drawn on load and again after htmx swaps in the
// results of a run that just finished; a container is only ever drawn once.
(function () {
  "use strict";

  // Dutch number and date formats, so the axes match the tables (1.234, "apr 2020").
  var NL_FORMAT = { decimal: ",", thousands: ".", grouping: [3], currency: ["€ ", ""] };
  var NL_TIME = {
    dateTime: "%A %e %B %Y %X",
    date: "%d-%m-%Y",
    time: "%H:%M:%S",
    periods: ["", ""],
    days: ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
    shortDays: ["zo", "ma", "di", "wo", "do", "vr", "za"],
    months: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
      "september", "oktober", "november", "december"],
    shortMonths: ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
  };

  // The Content-Security-Policy forbids eval: Vega evaluates its expressions with the vendored
  // interpreter (ast + expr) instead of compiling them with new Function. No <style> is injected
  // either (defaultStyle, disableDefaultStyle): app.css styles the embed and the tooltip.
  function options() {
    var opts = {
      actions: false,
      renderer: "svg",
      ast: true,
      expr: window.vega.expressionInterpreter,
      defaultStyle: false,
      tooltip: { disableDefaultStyle: true }
    };
    if ((document.documentElement.lang || "").slice(0, 2) === "nl") {
      opts.formatLocale = NL_FORMAT;
      opts.timeFormatLocale = NL_TIME;
    }
    return opts;
  }

  function draw(root) {
    if (typeof window.vegaEmbed !== "function" || !window.vega || !window.vega.expressionInterpreter) return;
    var containers = (root || document).querySelectorAll("[data-vega-spec]");
    Array.prototype.forEach.call(containers, function (el) {
      if (el.getAttribute("data-drawn")) return;
      var source = document.getElementById(el.getAttribute("data-vega-spec"));
      if (!source) return;
      el.setAttribute("data-drawn", "1");
      window.vegaEmbed(el, JSON.parse(source.textContent), options()).catch(function (error) {
        el.textContent = el.getAttribute("data-error") || String(error);
        if (window.console) window.console.error(error);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function () { draw(document); });
})();
