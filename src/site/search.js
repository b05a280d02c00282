// The search of a site built by `pan site`: filters the index (window.panSearch, set by
// search-index.js) as the reader types. Results are built as elements with their text set
// as text, never as HTML. Without this script the page still works (it points to the list
// of every action).
(function () {
  "use strict";

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function run() {
    var data = window.panSearch;
    var form = document.getElementById("search-form");
    var input = document.getElementById("q");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    if (!data || !form || !input || !status || !list) {
      return;
    }
    var kinds = {};
    data.kinds.forEach(function (k) {
      kinds[k[0]] = k[1];
    });
    var order = "loaimgc";
    var limit = 100;

    function say(key, n) {
      return (status.getAttribute("data-" + key) || "").replace("{}", String(n));
    }

    function search() {
      var q = fold(input.value.trim());
      list.textContent = "";
      if (!q) {
        status.textContent = "";
        return;
      }
      var terms = q.split(/\s+/);
      var hits = [];
      data.items.forEach(function (item, i) {
        var hay = item[4];
        for (var t = 0; t < terms.length; t++) {
          if (hay.indexOf(terms[t]) < 0) {
            return;
          }
        }
        var code = fold(item[1]);
        var rank = code === q ? 0 : code.indexOf(q) === 0 ? 1 : 2;
        hits.push([rank, order.indexOf(item[0]), i, item]);
      });
      hits.sort(function (a, b) {
        return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
      });
      hits.slice(0, limit).forEach(function (h) {
        var item = h[3];
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = item[3];
        var kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = kinds[item[0]] || "";
        var code = document.createElement("strong");
        code.textContent = item[1];
        var title = document.createElement("span");
        title.textContent = item[2];
        if (data.textLang) {
          title.lang = data.textLang;
        }
        a.appendChild(kind);
        a.appendChild(document.createTextNode(" "));
        a.appendChild(code);
        a.appendChild(document.createTextNode(" "));
        a.appendChild(title);
        li.appendChild(a);
        list.appendChild(li);
      });
      var text =
        hits.length === 0 ? say("none", 0) : hits.length === 1 ? say("one", 1) : say("many", hits.length);
      if (hits.length > limit) {
        text += " " + say("more", limit);
      }
      status.textContent = text;
    }

    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 150);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      search();
      try {
        window.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
      } catch (e) {
        // Some browsers refuse it for pages opened from a folder: the search still works.
      }
    });
    var given = new URLSearchParams(window.location.search).get("q");
    if (given) {
      input.value = given;
      search();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
