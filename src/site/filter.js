// The filters of the list of all actions, in place: a choice per filter (lever, ministry,
// health, deadline) hides the rows that do not match them all, and says how many are
// shown. Without this script the same filters are links to a page per choice, built by
// `pan site`. Loaded from the site's own folder (the pages' Content-Security-Policy
// forbids inline scripts); it only reads the page and writes text, never markup.
(function () {
  "use strict";
  var nav = document.querySelector("nav.filters");
  var table = document.getElementById("t-actions");
  if (!nav || !table || !table.tBodies.length) return;
  var rows = table.tBodies[0].rows;
  var chosen = {};
  var form = document.createElement("form");
  form.className = "filter-form";
  form.setAttribute("aria-labelledby", "filters-h");
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  var status = document.createElement("p");
  status.setAttribute("role", "status");
  function apply() {
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = true;
      for (var k in chosen) {
        if (!chosen[k]) continue;
        var values = (r.getAttribute("data-" + k) || "").split(" ");
        if (values.indexOf(chosen[k]) < 0) { ok = false; break; }
      }
      r.hidden = !ok;
      if (ok) shown++;
    }
    var form_ = shown === 0 ? "data-shown-zero" : shown === 1 ? "data-shown-one" : "data-shown-many";
    status.textContent = (nav.getAttribute(form_) || "{}").replace("{}", String(shown));
  }
  var facets = nav.querySelectorAll(".facet");
  for (var f = 0; f < facets.length; f++) {
    (function (facet) {
      var name = facet.getAttribute("data-facet");
      var field = document.createElement("div");
      var label = document.createElement("label");
      var select = document.createElement("select");
      select.id = "filter-" + name;
      label.htmlFor = select.id;
      label.textContent = facet.querySelector("h3").textContent;
      var links = facet.querySelectorAll("a[data-value]");
      for (var i = 0; i < links.length; i++) {
        var o = document.createElement("option");
        o.value = links[i].getAttribute("data-value");
        o.textContent = links[i].textContent;
        select.appendChild(o);
      }
      select.addEventListener("change", function () {
        chosen[name] = select.value;
        apply();
      });
      field.appendChild(label);
      field.appendChild(select);
      form.appendChild(field);
    })(facets[f]);
  }
  form.appendChild(status);
  var links = nav.querySelectorAll(".facet");
  for (var j = 0; j < links.length; j++) links[j].hidden = true;
  var intro = nav.querySelector("p.muted");
  if (intro) intro.hidden = true;
  nav.appendChild(form);
  apply();
})();
