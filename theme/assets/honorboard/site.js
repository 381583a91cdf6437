/* honorboard: large-text / high-contrast switches, the star board's category filter and the
   lecture player (speed, resume where the visitor left off, a message when a video cannot play).
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
      // the big ▶ over the player until it first plays: over the cover picture ([data-hb-play])
      // or the drawn cover ([data-hb-poster]); pressing it plays, any play removes it
      var poster = player.querySelector("[data-hb-play], [data-hb-poster]");
      var bar = player.querySelector(".hb-player__bar");

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
        if (bar) bar.hidden = true;
        video.hidden = true; // out of sight and of the accessibility tree; its source stays inspectable
      }

      // listen first, then look: an error that came before this script ran shows in the state
      if (last) last.addEventListener("error", fail);
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
      if (bar && !failed) {
        setupSpeed(player, video);
        setupResume(player, video, poster);
        bar.hidden = false;
      }
    });
  }

  // Speed and the place to resume from are kept in this browser only (localStorage): nothing is
  // sent anywhere. The video is never asked for before the visitor presses play (preload="none":
  // the host counts a request for the file as a view), so resuming waits for that press.
  var RATE_KEY = "hb-rate";
  var RESUME_KEY = "hb-resume:"; // + the page's path, which holds the lecture id (two sites on one host stay apart)
  var RATES = [0.75, 1, 1.25, 1.5];
  var MIN_RESUME = 5; // seconds in: less is no place to come back to
  var SAVE_EVERY = 5000; // ms between saves while playing

  function load(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }

  function keep(key, value) {
    try {
      if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value);
    } catch (e) { /* private mode or full: the player still works, it just forgets */ }
  }

  // 754 → "12:34", 3754 → "1:02:34"
  function clock(seconds) {
    var s = Math.floor(seconds), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    var tail = ("0" + (s % 60)).slice(-2);
    return h ? h + ":" + ("0" + m).slice(-2) + ":" + tail : m + ":" + tail;
  }

  function setupSpeed(player, video) {
    var buttons = player.querySelectorAll("[data-hb-rate]");
    function mark() {
      buttons.forEach(function (b) {
        b.setAttribute("aria-pressed", String(Number(b.getAttribute("data-hb-rate")) === video.playbackRate));
      });
    }
    function set(rate) {
      video.defaultPlaybackRate = rate; // survives the load that pressing play starts
      video.playbackRate = rate;
    }
    var stored = Number(load(RATE_KEY));
    if (RATES.indexOf(stored) >= 0) set(stored);
    mark();
    buttons.forEach(function (b) {
      b.addEventListener("click", function () {
        var rate = Number(b.getAttribute("data-hb-rate"));
        set(rate);
        keep(RATE_KEY, String(rate));
        mark();
      });
    });
    video.addEventListener("ratechange", mark); // the browser's own menu changes it too
  }

  function setupResume(player, video, poster) {
    var notice = player.querySelector("[data-hb-resume]");
    if (!notice) return;
    var key = RESUME_KEY + location.pathname.replace(/index\.html$/, "");
    var saved = Number(load(key)) || 0;
    var resumeAt = saved >= MIN_RESUME ? saved : 0; // where the next play starts; 0: where the video is
    var lastSave = 0;

    function nearEnd(t) { // in the last 10 s (of a short video, its last 5 %): next time starts afresh
      var d = video.duration;
      return d > 0 && t >= d - Math.min(10, d * 0.05);
    }

    function remember(now) {
      if (resumeAt || (!now && Date.now() - lastSave < SAVE_EVERY)) return; // not yet at the saved place
      lastSave = Date.now();
      var t = video.currentTime;
      keep(key, t >= MIN_RESUME && !nearEnd(t) ? t.toFixed(1) : null);
    }

    function play() {
      if (poster) poster.hidden = true;
      var started = video.play();
      if (started && started.catch) started.catch(function () { /* the error handler speaks */ });
    }

    // any way of pressing play (the video's own button, the drawn cover, ours) resumes
    video.addEventListener("play", function () {
      notice.hidden = true;
      if (!resumeAt) return;
      var t = resumeAt;
      function seek() {
        video.currentTime = nearEnd(t) ? 0 : t;
        resumeAt = 0;
      }
      if (video.readyState >= 1) seek(); else video.addEventListener("loadedmetadata", seek, { once: true });
    });
    video.addEventListener("timeupdate", function () { remember(false); });
    video.addEventListener("pause", function () { remember(true); });
    video.addEventListener("seeked", function () { if (video.paused) remember(true); });
    video.addEventListener("ended", function () { resumeAt = 0; keep(key, null); });
    window.addEventListener("pagehide", function () { if (!video.paused || video.currentTime) remember(true); });

    if (!resumeAt) return;
    notice.querySelector(".hb-resume__text").textContent = "上次看到 " + clock(resumeAt) + "。";
    var go = notice.querySelector("[data-hb-resume-go]");
    go.textContent = "从 " + clock(resumeAt) + " 继续播放";
    go.addEventListener("click", play);
    notice.querySelector("[data-hb-resume-restart]").addEventListener("click", function () {
      resumeAt = 0;
      keep(key, null);
      play();
    });
    notice.hidden = false;
  }

  // Chinese titles break between words, never inside one (抗日 stays whole): the browser's own
  // dictionary (Intl.Segmenter) finds the words and each is kept on one line, a number with the
  // character after it (120师, 二十大) and a 第 before it. A word longer than a short line may
  // still break; without Intl.Segmenter the title breaks as the browser likes, as before.
  var NUMERAL = /^[0-9０-９.,一二三四五六七八九十百千万两零〇]+$/;
  var NUMBER = /^第?[0-9０-９.,一二三四五六七八九十百千万两零〇]+$/;

  // A quoted name (“桶前值守”, “网格连心·组团服务”) is cut at its · 、 only: pieces of up to
  // four characters stay whole with their quotes, where the dictionary would split 值守 or 组团.
  var QUOTED = /([“‘「『《][^“”‘’「」『』《》]{1,16}[”’」』》])/;
  var SHORT = 4;

  function segments(segmenter, text, parts) {
    Array.from(segmenter.segment(text)).forEach(function (s) {
      var last = parts[parts.length - 1];
      var glue = last && last.word && s.isWordLike && (
        (NUMBER.test(last.text) && (s.segment.length === 1 || NUMERAL.test(s.segment))) || // 120师, 第35期, 八四
        (last.text === "第" && NUMERAL.test(s.segment)));                                  // 第35
      if (glue) last.text += s.segment; else parts.push({ text: s.segment, word: s.isWordLike });
    });
  }

  function quoted(segmenter, text, parts) {
    var open = text[0], close = text[text.length - 1];
    var pieces = text.slice(1, -1).split(/(?<=[·・、])/);
    pieces.forEach(function (piece, i) {
      var head = i === 0 ? open : "", tail = i === pieces.length - 1 ? close : "";
      if (piece.replace(/[·・、\s]/g, "").length <= SHORT) {
        parts.push({ text: head + piece + tail, word: true });
        return;
      }
      var from = parts.length;
      segments(segmenter, piece, parts);
      parts[from].text = head + parts[from].text;
      parts[parts.length - 1].text += tail;
    });
  }

  function keepWords() {
    if (!window.Intl || !Intl.Segmenter) return;
    var segmenter = new Intl.Segmenter("zh", { granularity: "word" });
    document.querySelectorAll(".hb-lecture-page h1, .hb-lecture__title, .hb-cover__title, " +
      ".hb-wall__place, .hb-wall__branch, .hb-wall__brand, .hb-wall .hb-person__note, .hb-wall .hb-award__citation, " +
      ".hb-wall .hb-person__extra, .hb-honor-branch > :is(strong, span), .hb-honor-team > strong").forEach(function (el) {
      if (el.children.length || !el.textContent.trim()) return; // plain text only, and only once
      var parts = [];
      el.textContent.split(QUOTED).forEach(function (run, i) {
        if (!run) return;
        if (i % 2) quoted(segmenter, run, parts); else segments(segmenter, run, parts);
      });
      el.textContent = "";
      parts.forEach(function (part) {
        if (part.word && part.text.length > 1 && part.text.length <= 8) {
          var span = document.createElement("span");
          span.className = "hb-word";
          span.textContent = part.text;
          el.appendChild(span);
        } else {
          el.appendChild(document.createTextNode(part.text));
        }
      });
    });
  }

  function start() { nameSearchDialog(); setupSwitches(); setupFacets(); keepWords(); setupPlayers(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
