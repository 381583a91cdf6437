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
        scope.querySelectorAll(".hb-wall__group").forEach(function (box) {
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

  // A lecture video that cannot load (missing file, unsupported format, network cut) would sit
  // at 0:00 for ever: swap it for a message in Chinese that says so and offers the file.
  var VIDEO_FAILED = {
    lead: "视频暂时无法播放：文件不存在或格式不受支持。可以",
    network: "视频加载中断：网络连接出现问题。可以刷新页面重试、",
    tail: "，或联系管理员。"
  };

  function setupPlayers() {
    document.querySelectorAll("[data-hb-player]").forEach(function (player) {
      var video = player.querySelector("video");
      var status = player.querySelector(".hb-player__status");
      if (!video || !status) return;
      var sources = video.querySelectorAll("source");
      var last = sources[sources.length - 1];
      var failed = false;
      var poster = player.querySelector("[data-hb-poster]");

      function fail() {
        if (failed) return;
        failed = true;
        var href = (last && last.getAttribute("src")) || video.getAttribute("src") || "";
        var network = video.error && video.error.code === 2; // MEDIA_ERR_NETWORK
        var link = document.createElement("a");
        link.href = href;
        link.textContent = "下载视频";
        status.textContent = "";
        status.appendChild(document.createTextNode(network ? VIDEO_FAILED.network : VIDEO_FAILED.lead));
        status.appendChild(link);
        status.appendChild(document.createTextNode(VIDEO_FAILED.tail));
        player.classList.add("hb-player--failed");
        try { video.pause(); } catch (e) { /* nothing to stop */ }
        if (poster) poster.hidden = true;
        video.hidden = true; // out of sight and of the accessibility tree; its source stays inspectable
      }

      // listen first, then look: an error that came before this script ran shows in the state
      if (last) last.addEventListener("error", fail);
      // the drawn cover over a video without a cover picture: pressing it plays; any play removes it
      if (poster) {
        poster.addEventListener("click", function () {
          poster.hidden = true;
          video.focus();
          var started = video.play();
          if (started && started.catch) started.catch(function () { /* the error handler speaks */ });
        });
        video.addEventListener("play", function () { poster.hidden = true; });
      }
      video.addEventListener("error", fail);
      if (video.error || video.networkState === 3 /* NETWORK_NO_SOURCE: every source failed */) fail();
    });
  }

  function start() { nameSearchDialog(); setupSwitches(); setupFacets(); setupPlayers(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
