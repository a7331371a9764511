/* tthc-monitor console: follows a running import once a second until it is done. The page
   itself shows the state at load time and a "refresh" link, so it works without this. */
(function () {
  'use strict';
  var holder = document.getElementById('import-state');
  if (!holder || !window.fetch) return;
  var state = JSON.parse(holder.textContent || '{}');
  if (state.finished) return;
  var numbers = new Intl.NumberFormat(state.lang === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: 0 });
  var failures = 0;

  function part(name) {
    return document.querySelector('[data-import="' + name + '"]');
  }
  function setText(name, value) {
    var node = part(name);
    if (node) node.textContent = value;
  }
  function two(n) {
    return (n < 10 ? '0' : '') + n;
  }
  /* dd/MM/yyyy HH:mm:ss in Asia/Ho_Chi_Minh (UTC+7, no daylight saving), as the server writes it. */
  function localDateTime(iso) {
    if (!iso) return '—';
    var d = new Date(new Date(iso).getTime() + 7 * 3600000);
    return two(d.getUTCDate()) + '/' + two(d.getUTCMonth() + 1) + '/' + d.getUTCFullYear() + ' ' + two(d.getUTCHours()) + ':' + two(d.getUTCMinutes()) + ':' + two(d.getUTCSeconds());
  }

  function show(data) {
    var finished = data.status === 'done' || data.status === 'failed';
    var status = part('status');
    if (status) {
      status.textContent = (state.statusWords && state.statusWords[data.status]) || data.status;
      status.className = 'work-status work-status-' + data.status;
    }
    var bar = part('bar');
    if (bar) {
      if (finished) {
        bar.max = 1;
        bar.value = 1;
      } else if (data.rowsExpected !== null) {
        bar.max = Math.max(data.rowsExpected, data.rowsRead, 1);
        bar.value = data.rowsRead;
      }
    }
    setText('rowsRead', numbers.format(data.rowsRead));
    ['created', 'updated', 'unchanged', 'stale', 'rejected'].forEach(function (name) {
      setText(name, numbers.format(data.counts[name]));
    });
    setText('finishedAt', localDateTime(data.finishedAt));
    var queue = part('queue');
    if (queue && state.queueWords) {
      var waiting = data.status === 'queued' && data.queuePosition !== null && data.queuePosition !== undefined;
      queue.textContent = !waiting ? '' : data.queuePosition === 0 ? state.queueWords.next : state.queueWords.ahead.replace('{{count}}', numbers.format(data.queuePosition));
      queue.hidden = !waiting;
    }
    var error = part('error');
    if (error) {
      error.textContent = data.error || '';
      error.hidden = !data.error;
    }
    if (finished) {
      var refresh = part('refresh');
      if (refresh) refresh.hidden = true;
      showRejected(data.rejectedRows || []);
    }
    return finished;
  }

  function showRejected(rows) {
    var body = part('rejectedRows');
    var section = part('rejectedSection');
    if (!body || !section) return;
    var labels = Array.prototype.map.call(section.querySelectorAll('thead th'), function (th) {
      return th.textContent;
    });
    var classes = ['num', 'work-break work-span2', 'work-break work-span'];
    while (body.firstChild) body.removeChild(body.firstChild);
    rows.forEach(function (row) {
      var tr = document.createElement('tr');
      [String(row.line), row.code || '—', (row.errors || []).join('; ')].forEach(function (value, index) {
        var td = document.createElement('td');
        td.textContent = value;
        td.className = classes[index];
        if (labels[index]) td.setAttribute('data-label', labels[index]);
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    section.hidden = rows.length === 0;
  }

  function poll() {
    fetch(state.progressUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(function (response) {
        if (response.status === 404 || response.status === 403) throw new Error('stop');
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (data) {
        failures = 0;
        if (!show(data)) setTimeout(poll, 1000);
      })
      .catch(function (error) {
        // A signed-out session or a restart: keep the "refresh" link, try again a little later.
        if (error && error.message === 'stop') return;
        failures += 1;
        if (failures < 30) setTimeout(poll, Math.min(10000, 1000 * (failures + 1)));
      });
  }

  setTimeout(poll, 1000);
})();
