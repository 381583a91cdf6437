/* honorboard lobby screen player: runs unattended for months.
   - slides play in order for their data-seconds, then loop; the DOM is built once by the
     server and only classes and text change here (no node grows per loop);
   - exactly three timers exist: the slide timeout, the minute clock, the poll timeout;
   - outside data-hours the stage goes black and wakes by itself (spans across midnight work);
   - version.json is polled (60 s ± 20 % jitter) with ?screen=<id>&build=<shown build>, which the
     host's access log keeps for `honorboard stats` (a ?preview in an office does not report);
     a new build is loaded only after its page
     was fetched successfully; any failure keeps the current slides and backs off (to 10 min);
   - every five minutes the stage drifts a few pixels, against burn-in.
   No service worker: intranet hosts serve plain HTTP, where they are unavailable. */
(function () {
  "use strict";
  var stage = document.querySelector("[data-hb-screen]");
  if (!stage) return;
  var slides = Array.prototype.slice.call(stage.querySelectorAll(".slide"));
  var bar = stage.querySelector(".progress span");
  var clock = stage.querySelector("[data-clock]");
  var date = stage.querySelector("[data-date]");
  var build = stage.getAttribute("data-build");
  var versionUrl = stage.getAttribute("data-version");
  var screenId = stage.getAttribute("data-screen");
  var WEEK = ["日", "一", "二", "三", "四", "五", "六"];
  var POLL = 60000, MAX_BACKOFF = 600000;
  var current = -1, slideTimer = null, pollTimer = null, backoff = POLL;

  // --- hours --------------------------------------------------------------------------
  // ?preview: a person looking at a screen from the office, at any hour, sees it playing
  var preview = /(^|[?&])preview(=|&|$)/.test(location.search.slice(1));
  var hours = null;
  var spec = stage.getAttribute("data-hours");
  if (spec && !preview) {
    var parts = spec.split("-");
    hours = { start: +parts[0], end: +parts[1] };
  }
  function isOn(now) {
    if (!hours || hours.start === hours.end) return true;
    var m = now.getHours() * 60 + now.getMinutes();
    return hours.start < hours.end ? (m >= hours.start && m < hours.end) : (m >= hours.start || m < hours.end);
  }

  // --- clock, date, hours, drift: one timer, each minute --------------------------------------
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var now = new Date();
    clock.textContent = pad(now.getHours()) + ":" + pad(now.getMinutes());
    date.textContent = now.getFullYear() + "年" + (now.getMonth() + 1) + "月" + now.getDate() + "日 星期" + WEEK[now.getDay()];
    stage.classList.toggle("is-off", !isOn(now));
    var step = Math.floor(now.getTime() / 300000) % 8;  // a new offset every five minutes
    var dx = [0, 2, 4, 2, 0, -2, -4, -2][step], dy = [0, 2, 0, -2, 0, 2, 0, -2][step];
    stage.style.transform = "translate(" + dx + "px," + dy + "px)";
  }

  // --- slides ---------------------------------------------------------------------------
  function preload(slide) {
    // images are in the DOM from the start; wait (a little) until the next slide's are decoded
    var imgs = Array.prototype.slice.call(slide.querySelectorAll("img"));
    var decoded = Promise.all(imgs.map(function (img) { return img.decode ? img.decode().catch(function () {}) : null; }));
    var limit = new Promise(function (resolve) { setTimeout(resolve, 3000); });
    return Promise.race([decoded, limit]);
  }

  function progress(seconds) {
    bar.style.transition = "none";
    bar.style.width = "0";
    void bar.offsetWidth;  // apply the reset before starting the next run
    bar.style.transition = "width " + seconds + "s linear";
    bar.style.width = "100%";
  }

  function show(index) {
    if (current >= 0) {
      slides[current].classList.remove("on");
      slides[current].setAttribute("aria-hidden", "true");
    }
    current = index;
    var slide = slides[current];
    slide.classList.add("on");
    slide.setAttribute("aria-hidden", "false");
    stage.setAttribute("data-slide", String(current));
    var seconds = +slide.getAttribute("data-seconds") || 15;
    progress(seconds);
    clearTimeout(slideTimer);
    slideTimer = setTimeout(next, seconds * 1000);
  }

  function next() {
    var index = (current + 1) % slides.length;
    preload(slides[index]).then(function () { show(index); });
  }

  // --- deploys ------------------------------------------------------------------------------
  function schedule(delay) {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(poll, delay * (0.8 + 0.4 * Math.random()));
  }

  function fail() {
    backoff = Math.min(backoff * 2, MAX_BACKOFF);
    schedule(backoff);
  }

  function poll() {
    var report = preview || !screenId ? "" : "screen=" + encodeURIComponent(screenId) + "&build=" + encodeURIComponent(build) + "&";
    fetch(versionUrl + "?" + report + "t=" + Date.now(), { cache: "no-store" })
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
      .then(function (v) {
        if (!v || typeof v.build !== "string") throw new Error("bad version.json");
        if (v.build === build) { backoff = POLL; schedule(POLL); return; }
        // a new build: load it only once its page has arrived whole and is a screen page
        var target = location.pathname + "?v=" + encodeURIComponent(v.build) + (preview ? "&preview" : "");
        return fetch(target, { cache: "no-store" })
          .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.text(); })
          .then(function (html) {
            if (html.indexOf("data-hb-screen") === -1) throw new Error("not a screen page");
            location.replace(target);
          });
      })
      .catch(fail);
  }

  // the clock shows minutes: wake on each minute boundary (10,080 wake-ups a week, not 604,800)
  function minutely() {
    tick();
    setTimeout(minutely, 60000 - (Date.now() % 60000) + 20);
  }
  minutely();
  if (slides.length) show(0);
  schedule(POLL);
  window.honorboardScreen = { slides: slides.length, current: function () { return current; } };
})();
