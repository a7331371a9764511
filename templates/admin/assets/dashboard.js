/* tthc-monitor console: the dashboard's trend chart and the widget preview's height.
 * The figures come from a <script type="application/json"> block (never executed); the table
 * under the chart shows the same numbers, so the page works without this file. */
(function () {
  'use strict';

  function drawTrend() {
    var source = document.getElementById('trend-data');
    var box = document.getElementById('trend-chart-box');
    var canvas = document.getElementById('trend-chart');
    if (!source || !box || !canvas || typeof window.Chart !== 'function') return;
    var data;
    try { data = JSON.parse(source.textContent || '{}'); } catch (e) { return; }
    if (!data.labels || !data.labels.length) return;

    box.hidden = false;
    var narrow = box.clientWidth < 600;
    var percent = new Intl.NumberFormat(data.locale, { maximumFractionDigits: 2 });
    var count = new Intl.NumberFormat(data.locale, { maximumFractionDigits: 0 });
    var blue = '#0b57a4';
    var gold = '#f2b705';

    new window.Chart(canvas, {
      data: {
        labels: data.labels,
        datasets: [
          {
            type: 'line', label: data.names.onTime, data: data.onTime, yAxisID: 'percent',
            borderColor: blue, backgroundColor: blue, borderWidth: 2, pointRadius: 3, spanGaps: true, order: 1
          },
          {
            type: 'bar', label: data.names.settled, data: data.settled, yAxisID: 'count',
            backgroundColor: 'rgba(242, 183, 5, 0.45)', borderColor: gold, borderWidth: 1, order: 2
          }
        ]
      },
      options: {
        locale: data.locale,
        responsive: true,
        aspectRatio: narrow ? 1.1 : 3,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 14 } },
          tooltip: {
            callbacks: {
              label: function (item) {
                var value = item.raw;
                if (value === null || value === undefined) return item.dataset.label + ': —';
                return item.dataset.label + ': ' + (item.dataset.yAxisID === 'percent' ? percent.format(value) + '%' : count.format(value));
              }
            }
          }
        },
        scales: {
          percent: {
            type: 'linear', position: 'left', suggestedMin: 80, max: 100,
            ticks: { callback: function (value) { return percent.format(value) + '%'; } }
          },
          count: {
            type: 'linear', position: 'right', beginAtZero: true,
            grid: { drawOnChartArea: false },
            ticks: { precision: 0, callback: function (value) { return count.format(value); } }
          }
        }
      }
    });
  }

  // The widget preview sizes itself like embed.js does: from the height its page reports.
  function sizePreview() {
    var frame = document.getElementById('widget-preview');
    if (!frame) return;
    // About as wide as a portal's side column (through the CSSOM: the page's CSP allows it).
    frame.style.maxWidth = '420px';
    frame.style.display = 'block';
    window.addEventListener('message', function (event) {
      if (event.origin !== window.location.origin || event.source !== frame.contentWindow) return;
      var data = event.data;
      if (!data || data.type !== 'tthc-widget:height' || typeof data.height !== 'number' || !isFinite(data.height)) return;
      frame.height = String(Math.min(2000, Math.max(100, Math.ceil(data.height))));
    });
  }

  function start() {
    drawTrend();
    sizePreview();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
