// The rankings page's two charts (Chart.js, vendored). The numbers come from the
// <script type="application/json" id="rankings-data"> block; the tables under each chart
// say the same for readers without script or with a screen reader.
(function () {
  "use strict";
  var source = document.getElementById("rankings-data");
  if (!source || typeof window.Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var colour = "#0d6efd";

  function draw(id, series, horizontal) {
    var canvas = document.getElementById(id);
    if (!canvas || !series.length) return;
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: series.map(function (d) { return d.label; }),
        datasets: [{ data: series.map(function (d) { return d.value; }), backgroundColor: colour }]
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: horizontal ? { x: { min: 0, max: 100 } } : { y: { beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  }

  draw("chart-districts", data.districts, true);
  draw("chart-histogram", data.histogram, false);
})();
