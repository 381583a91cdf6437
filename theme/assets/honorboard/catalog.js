/* honorboard lecture catalog: facets, sort and instant Chinese search, all offline.
   Search is substring matching (子串) over a build-time haystack per lecture, plus pinyin
   initials and the speaker's full pinyin. Facets, sort and query live in the URL. */
(function () {
  "use strict";
  var root = document.querySelector("[data-hb-catalog]");
  if (!root) return;
  var form = root.querySelector("form");
  var list = root.querySelector(".hb-catalog__list");
  var status = root.querySelector(".hb-catalog__status");
  var empty = root.querySelector(".hb-catalog__empty");
  var cards = Array.prototype.slice.call(list.children);
  var FACETS = ["topic", "lecturer", "branch", "year"];
  var index = null;   // id -> [haystack, pinyin]

  function normalise(text) { return text.toLowerCase().replace(/\s+/g, ""); }

  function loadIndex() {
    return fetch(root.getAttribute("data-index"), { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        index = {};
        data.items.forEach(function (it) { index[it[0]] = [normalise(it[1]), it[2]]; });
      })
      .catch(function () {
        // without the index, search the text on the cards themselves
        index = {};
        cards.forEach(function (c) { index[c.getAttribute("data-id")] = [normalise(c.textContent), ""]; });
      });
  }

  function matches(card, query) {
    if (!query) return true;
    var entry = index && index[card.getAttribute("data-id")];
    var hay = entry ? entry[0] : normalise(card.textContent);
    if (hay.indexOf(query) !== -1) return true;
    if (entry && /^[a-z0-9]+$/.test(query)) {
      return entry[1].split(" ").some(function (py) { return py.indexOf(query) !== -1; });
    }
    return false;
  }

  function state() {
    var s = { q: form.elements.q.value.trim(), sort: form.elements.sort.value };
    FACETS.forEach(function (f) { s[f] = form.elements[f].value; });
    return s;
  }

  function writeUrl(s) {
    var params = new URLSearchParams();
    if (s.q) params.set("q", s.q);
    FACETS.forEach(function (f) { if (s[f]) params.set(f, s[f]); });
    if (s.sort && s.sort !== "date") params.set("sort", s.sort);
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function readUrl() {
    var params = new URLSearchParams(location.search);
    if (params.has("q")) form.elements.q.value = params.get("q");
    FACETS.forEach(function (f) {
      var v = params.get(f);
      if (v === null) return;
      var select = form.elements[f];
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === v; });
      if (known) select.value = v;
    });
    if (params.get("sort") === "views") form.elements.sort.value = "views";
  }

  function apply() {
    var s = state();
    var query = normalise(s.q);
    var shown = 0;
    var sorted = cards.slice().sort(function (a, b) {
      if (s.sort === "views") return b.getAttribute("data-views") - a.getAttribute("data-views");
      return a.getAttribute("data-date") < b.getAttribute("data-date") ? 1 : -1;
    });
    sorted.forEach(function (card) {
      var ok = FACETS.every(function (f) { return !s[f] || card.getAttribute("data-" + f) === s[f]; }) && matches(card, query);
      card.hidden = !ok;
      if (ok) shown += 1;
      list.appendChild(card);  // re-appending moves the node: no copies, no growth
    });
    status.textContent = shown === cards.length ? "共 " + cards.length + " 讲" : "找到 " + shown + " 讲（共 " + cards.length + " 讲）";
    empty.hidden = shown !== 0;
    writeUrl(s);
  }

  readUrl();
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  apply();
  loadIndex().then(apply);
  root.setAttribute("data-ready", "true");
})();
