// Site search with Pagefind (https://pagefind.app), progressive enhancement only: the form in the
// header stays hidden without JavaScript, and the index (pagefind/ beside index.html, built after
// the HTML) is loaded only when the reader starts to search. Russian word forms are matched by
// Pagefind's stemmer because every page says <html lang="ru">.
(function () {
  var form = document.querySelector('[data-search]');
  var panel = document.querySelector('[data-search-results]');
  if (!form || !panel || !('fetch' in window)) return;
  var input = form.querySelector('input[type=search]');
  var status = panel.querySelector('.search-status');
  var list = panel.querySelector('.search-list');
  var text = function (key) { return form.getAttribute('data-' + key) || ''; };
  // {{root}} is relative ("../../") on ordinary pages and absolute on 404.html; either way the
  // index lives at <root>pagefind/, and Pagefind derives result URLs from where it was loaded.
  var base = new URL((form.getAttribute('data-root') || '') + 'pagefind/', document.baseURI).href;
  var engine = null;
  var seq = 0;

  function load() {
    if (!engine) {
      engine = import(base + 'pagefind.js').then(function (pf) {
        return pf.options({ excerptLength: 24 }).then(function () { pf.init(); return pf; });
      });
      engine.catch(function () {});
    }
    return engine;
  }

  // Pagefind's excerpts are escaped text with <mark> around the hits; keep exactly that and no
  // other markup.
  function excerpt(html, into) {
    var parts = String(html).split(/(<mark>|<\/mark>)/);
    var marked = false;
    var decode = document.createElement('textarea');
    parts.forEach(function (p) {
      if (p === '<mark>') { marked = true; return; }
      if (p === '</mark>') { marked = false; return; }
      if (!p) return;
      decode.innerHTML = p;
      var t = document.createTextNode(decode.value);
      if (marked) { var m = document.createElement('mark'); m.appendChild(t); into.appendChild(m); }
      else into.appendChild(t);
    });
  }

  function show(message) {
    panel.hidden = false;
    status.textContent = message;
  }

  function run(query) {
    var q = query.trim();
    var mine = ++seq;
    list.textContent = '';
    if (!q) { panel.hidden = true; status.textContent = ''; return; }
    show(text('loading'));
    load().then(function (pf) {
      return pf.search(q);
    }).then(function (res) {
      if (mine !== seq) return null;
      return Promise.all(res.results.slice(0, 10).map(function (r) { return r.data(); })).then(function (data) {
        if (mine !== seq) return;
        list.textContent = '';
        show(data.length ? text('found') + ' ' + res.results.length : text('none'));
        data.forEach(function (d) {
          var li = document.createElement('li');
          var a = document.createElement('a');
          a.href = d.url;
          a.textContent = (d.meta && d.meta.title) || d.url;
          var p = document.createElement('p');
          excerpt(d.excerpt || '', p);
          li.appendChild(a);
          li.appendChild(p);
          list.appendChild(li);
        });
      });
    }).catch(function () {
      if (mine === seq) show(text('unavailable'));
    });
  }

  form.hidden = false;
  var timer = 0;
  input.addEventListener('focus', function () { if (location.protocol !== 'file:') load(); });
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 250);
  });
  input.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape') { input.value = ''; run(''); }
  });
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    clearTimeout(timer);
    run(input.value);
  });
  // A query in the address (index.html?q=…, the form's own action) is searched at once, so a
  // search can be linked to.
  var initial = new URLSearchParams(location.search).get('q');
  if (initial) { input.value = initial; run(initial); }
})();
