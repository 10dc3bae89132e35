/* Chart drawing, table search and print expansion: a few lines, no external code. */
(function () {
  // Each chart's figure is inert JSON beside its box; it is drawn when it comes near the
  // viewport, so the page opens fast however many charts it holds.
  var charts = Array.prototype.slice.call(document.querySelectorAll(".netscan-chart"));
  function draw(box) {
    if (!window.Plotly || box.getAttribute("data-drawn")) { return; }
    box.setAttribute("data-drawn", "1");
    var spec = JSON.parse(document.getElementById(box.getAttribute("data-spec")).textContent);
    window.Plotly.newPlot(box, spec.data, spec.layout, spec.config);
  }
  function drawAll() { charts.forEach(draw); }
  if ("IntersectionObserver" in window) {
    var watcher = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { watcher.unobserve(entry.target); draw(entry.target); }
      });
    }, { rootMargin: "300px 0px" });
    charts.forEach(function (box) { watcher.observe(box); });
  } else {
    drawAll();
  }
  window.addEventListener("beforeprint", drawAll);
  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-filter"));
    var status = document.getElementById(input.getAttribute("aria-describedby"));
    if (!table) { return; }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    input.addEventListener("input", function () {
      var query = input.value.trim().toLocaleLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var match = !query || row.textContent.toLocaleLowerCase().indexOf(query) !== -1;
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      if (status) { status.textContent = status.getAttribute("data-template").replace("{n}", shown); }
    });
  });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.setAttribute("open", ""); });
  });
})();
