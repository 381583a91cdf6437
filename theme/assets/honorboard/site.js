/* honorboard: large-text / high-contrast switches and the star board's category filter.
   Plain DOM, no dependencies; runs once per page load (navigation.instant is off). */
(function () {
  "use strict";
  var KEYS = { large: "hb-large", contrast: "hb-contrast" };

  function store(key, on) {
    try { localStorage.setItem(key, on ? "1" : "0"); } catch (e) { /* private mode: still works for this page */ }
  }

  function setupSwitches() {
    document.querySelectorAll("[data-hb-switch]").forEach(function (button) {
      var cls = KEYS[button.getAttribute("data-hb-switch")];
      button.setAttribute("aria-pressed", String(document.documentElement.classList.contains(cls)));
      button.addEventListener("click", function () {
        var on = document.documentElement.classList.toggle(cls);
        button.setAttribute("aria-pressed", String(on));
        store(cls, on);
      });
    });
  }

  function setupFacets() {
    document.querySelectorAll("[data-hb-facet]").forEach(function (group) {
      var scope = group.closest(".hb-board") || document;
      group.addEventListener("click", function (event) {
        var button = event.target.closest("button");
        if (!button) return;
        var value = button.getAttribute("data-value");
        group.querySelectorAll("button").forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
        scope.querySelectorAll(".hb-award").forEach(function (card) {
          card.hidden = value !== "" && card.getAttribute("data-category") !== value;
        });
        // a branch or floor with nobody left in the chosen category disappears too
        scope.querySelectorAll(".hb-wall__group, .hb-board__branch, .hb-board__floor, .hb-board__unit").forEach(function (box) {
          box.hidden = !box.querySelector(".hb-award:not([hidden])");
        });
      });
    });
  }

  // Material's search dialog has no accessible name (axe: aria-dialog-name); give it one.
  function nameSearchDialog() {
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (d) {
      d.setAttribute("aria-label", "站内搜索");
    });
  }

  function start() { nameSearchDialog(); setupSwitches(); setupFacets(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
