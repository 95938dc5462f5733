// Site search, progressive enhancement only: the form in the header stays hidden without
// JavaScript, and the index (search/ beside index.html, written by `vitrina build`, see
// generator/output/search/search_index.h) is loaded only when the reader starts to search.
// The query is split and stemmed by the same rules the index was made with
// (generator/output/search/search_text.cpp); tests/search/ checks both against each other and
// the stemmer against Snowball's own vocabulary.
(function (root) {
  'use strict';

  // ---- words: letters and digits of Latin, Latin-1 and Cyrillic, lower-cased, «ё» as «е» ----
  function wordChar(c) {
    var cp = c.charCodeAt(0);
    if ((cp >= 48 && cp <= 57) || (cp >= 97 && cp <= 122)) return c;
    if (cp >= 65 && cp <= 90) return String.fromCharCode(cp + 32);
    if (cp >= 0xC0 && cp <= 0x24F && cp !== 0xD7 && cp !== 0xF7) return cp <= 0xDE ? String.fromCharCode(cp + 32) : c;
    if (cp === 0x401 || cp === 0x451) return 'е';
    if (cp >= 0x410 && cp <= 0x42F) return String.fromCharCode(cp + 32);
    if (cp >= 0x400 && cp <= 0x40F) return String.fromCharCode(cp + 80);
    if (cp >= 0x430 && cp <= 0x4FF) return c;
    return '';
  }

  // The words of `text`; with `stop` (a list), numbers and stop words are left out. With
  // `spans`, each word is {word, start, end} (its place in `text`, for highlighting).
  function words(text, stop, spans) {
    var out = [], word = '', letter = false, start = 0;
    var skip = stop ? new Set(stop) : null;
    function flush(end) {
      if (word && (!skip || (letter && word.length <= 120 && !skip.has(word)))) {
        out.push(spans ? { word: word, start: start, end: end } : word);
      }
      word = '';
      letter = false;
    }
    for (var i = 0; i < text.length; i++) {
      var c = wordChar(text[i]);
      if (!c) { flush(i); continue; }
      if (!word) start = i;
      if (c.charCodeAt(0) > 57) letter = true;
      word += c;
    }
    flush(text.length);
    return out;
  }

  // ---- the Snowball Russian stemmer, written from the published algorithm ----
  var VOWELS = 'аеиоуыэюя';
  var GERUND = [['в', 'вши', 'вшись'], ['ив', 'ивши', 'ившись', 'ыв', 'ывши', 'ывшись']];
  var ADJECTIVE = [[], ['ее', 'ие', 'ые', 'ое', 'ими', 'ыми', 'ей', 'ий', 'ый', 'ой', 'ем', 'им', 'ым', 'ом', 'его',
    'ого', 'ему', 'ому', 'их', 'ых', 'ую', 'юю', 'ая', 'яя', 'ою', 'ею']];
  var PARTICIPLE = [['ем', 'нн', 'вш', 'ющ', 'щ'], ['ивш', 'ывш', 'ующ']];
  var REFLEXIVE = [[], ['ся', 'сь']];
  var VERB = [['ла', 'на', 'ете', 'йте', 'ли', 'й', 'л', 'ем', 'н', 'ло', 'но', 'ет', 'ют', 'ны', 'ть', 'ешь', 'нно'],
    ['ила', 'ыла', 'ена', 'ейте', 'уйте', 'ите', 'или', 'ыли', 'ей', 'уй', 'ил', 'ыл', 'им', 'ым', 'ен', 'ило', 'ыло',
      'ено', 'ят', 'ует', 'уют', 'ит', 'ыт', 'ены', 'ить', 'ыть', 'ишь', 'ую', 'ю']];
  var NOUN = [[], ['а', 'ев', 'ов', 'ие', 'ье', 'е', 'иями', 'ями', 'ами', 'еи', 'ии', 'и', 'ией', 'ей', 'ой', 'ий', 'й',
    'иям', 'ям', 'ием', 'ем', 'ам', 'ом', 'о', 'у', 'ах', 'иях', 'ях', 'ы', 'ь', 'ию', 'ью', 'ю', 'ия', 'ья', 'я']];
  var DERIVATIONAL = [[], ['ост', 'ость']];
  var TIDY = [[], ['ейш', 'ейше', 'н', 'ь']];

  function stem(word) {
    var w = word, n = w.length, i = 0;
    var isV = function (c) { return VOWELS.indexOf(c) >= 0; };
    while (i < n && !isV(w[i])) i++;
    if (i >= n) return w;
    var rv = i + 1, r2 = n;  // RV: after the first vowel; R2: R1 of R1
    i = rv;
    while (i < n && isV(w[i])) i++;
    if (i < n) {
      i++;
      while (i < n && !isV(w[i])) i++;
      if (i < n) {
        i++;
        while (i < n && isV(w[i])) i++;
        if (i < n) r2 = i + 1;
      }
    }
    // The longest ending of `groups` inside RV: {group, at} or null. Endings of group 0 count
    // only after «а» or «я» (inside RV too); when the longest one is not, nothing matches.
    function ending(groups) {
      var best = null;
      for (var g = 0; g < 2; g++) {
        for (var k = 0; k < groups[g].length; k++) {
          var e = groups[g][k];
          var at = w.length - e.length;
          if (at >= rv && w.endsWith(e) && (!best || e.length > w.length - best.at)) best = { group: g, at: at };
        }
      }
      if (best && best.group === 0 && !(best.at - 1 >= rv && (w[best.at - 1] === 'а' || w[best.at - 1] === 'я'))) return null;
      return best;
    }
    function cut(groups) {
      var m = ending(groups);
      if (m) w = w.slice(0, m.at);
      return !!m;
    }
    if (!cut(GERUND)) {
      cut(REFLEXIVE);
      if (cut(ADJECTIVE)) cut(PARTICIPLE);
      else if (!cut(VERB)) cut(NOUN);
    }
    if (w.length > rv && w.endsWith('и')) w = w.slice(0, -1);
    var d = ending(DERIVATIONAL);
    if (d && d.at >= r2) w = w.slice(0, d.at);
    var t = ending(TIDY);
    if (t) {
      var e = w.slice(t.at);
      if (e === 'н') {
        if (t.at - 1 >= rv && w[t.at - 1] === 'н') w = w.slice(0, -1);
      } else {
        w = w.slice(0, t.at);
        if (e !== 'ь' && w.length - 2 >= rv && w.endsWith('нн')) w = w.slice(0, -1);
      }
    }
    return w;
  }

  // FNV-1a of the UTF-8 bytes of the stem's first three characters: the index's bucket.
  function bucketOf(s, buckets) {
    var bytes = new TextEncoder().encode(Array.from(s).slice(0, 3).join(''));
    var h = 2166136261;
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 16777619) >>> 0;
    return h & (buckets - 1);
  }

  // ---- the engine: `base` is the URL of search/, `getJson(url)` a promise of parsed JSON ----
  function Engine(base, getJson) {
    var cache = {};
    var get = function (path) {
      if (!cache[path]) cache[path] = getJson(base + path);
      return cache[path];
    };
    var manifest = null;
    this.manifest = function () { return manifest || (manifest = get('index.json')); };

    // The words of a query, each with its stem; the last word, unless followed by a space,
    // also finds the longer stems it is the beginning of (the reader may still be typing).
    this.terms = function (query, m) {
      var list = words(query, m.stop);
      return list.map(function (w, i) {
        var s = stem(w);
        return { word: w, stem: s, prefix: i === list.length - 1 && !/\s$/.test(query) && s.length >= 3 };
      });
    };

    // Pages that have every word of the query, best first: [{page, score}].
    this.search = function (query) {
      var self = this;
      return this.manifest().then(function (m) {
        var terms = self.terms(query, m);
        if (!terms.length) return { terms: terms, results: [] };
        return Promise.all(terms.map(function (t) {
          return get('terms/' + bucketOf(t.stem, m.buckets) + '.json').catch(function () { return {}; });
        })).then(function (buckets) {
          var scores = null;
          terms.forEach(function (t, k) {
            var found = new Map();
            var add = function (postings, factor) {
              for (var i = 0; i + 1 < postings.length; i += 2) {
                found.set(postings[i], Math.max(found.get(postings[i]) || 0, postings[i + 1] * factor));
              }
            };
            var b = buckets[k];
            if (Object.prototype.hasOwnProperty.call(b, t.stem)) add(b[t.stem], 1);
            if (t.prefix) {
              Object.keys(b).forEach(function (s) { if (s !== t.stem && s.startsWith(t.stem)) add(b[s], 0.5); });
            }
            var idf = Math.log(1 + m.pages / Math.max(found.size, 1));
            var next = new Map();
            found.forEach(function (w, page) {
              if (scores === null || scores.has(page)) next.set(page, (scores ? scores.get(page) : 0) + idf * w);
            });
            scores = next;
          });
          var results = Array.from(scores, function (e) { return { page: e[0], score: e[1] }; });
          results.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
          return { terms: terms, results: results };
        });
      });
    };

    // The page's address (relative to the site's root) and title.
    this.page = function (number) {
      return this.manifest().then(function (m) {
        var first = 0;
        for (var g = 0; g < m.groups.length; g++) {
          var owner = m.groups[g][0], count = m.groups[g][1];
          if (number < first + count) {
            return get(owner ? 'programmes/' + owner + '.json' : 'site.json').then(function (table) {
              var row = table[number - first];
              return { url: row[0], title: row[1] };
            });
          }
          first += count;
        }
        return null;
      });
    };
  }

  root.vitrinaSearch = { words: words, stem: stem, bucketOf: bucketOf, Engine: Engine };

  // ---- the form in the page header ----
  if (typeof document === 'undefined') return;
  var form = document.querySelector('[data-search]');
  var panel = document.querySelector('[data-search-results]');
  if (!form || !panel || !('fetch' in window)) return;
  var input = form.querySelector('input[type=search]');
  var status = panel.querySelector('.search-status');
  var list = panel.querySelector('.search-list');
  var text = function (key) { return form.getAttribute('data-' + key) || ''; };
  // {{root}} is relative ("../../") on ordinary pages and absolute on 404.html.
  var siteRoot = new URL(form.getAttribute('data-root') || './', document.baseURI).href;
  var fetchOk = function (url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ': ' + r.status);
      return r;
    });
  };
  var engine = new Engine(siteRoot + 'search/', function (url) {
    return fetchOk(url).then(function (r) { return r.json(); });
  });
  var seq = 0;

  // An excerpt of the page around the first word the query found, the found words marked:
  // read from the page itself (the index keeps no copy of the text).
  function excerpt(url, terms, into) {
    return fetchOk(url).then(function (r) { return r.text(); }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, 'text/html');
      var body = doc.querySelector('[data-search-body]');
      if (!body) return;
      body.querySelectorAll('[data-search-ignore], svg, script, style').forEach(function (e) { e.remove(); });
      var plain = body.textContent.replace(/\s+/g, ' ').trim();
      var all = words(plain, null, true);
      var hit = function (w) {
        var s = stem(w.word);
        return terms.some(function (t) { return s === t.stem || (t.prefix && s.startsWith(t.stem)); });
      };
      var first = all.findIndex(hit);
      var from = Math.max(0, first - 8), to = Math.min(all.length, from + 24);
      if (!all.length) return;
      var at = all[from].start;
      if (from > 0) into.appendChild(document.createTextNode('… '));
      for (var i = from; i < to; i++) {
        into.appendChild(document.createTextNode(plain.slice(at, all[i].start)));
        var t = document.createTextNode(plain.slice(all[i].start, all[i].end));
        if (hit(all[i])) { var mark = document.createElement('mark'); mark.appendChild(t); into.appendChild(mark); }
        else into.appendChild(t);
        at = all[i].end;
      }
      into.appendChild(document.createTextNode(to < all.length ? ' …' : plain.slice(at)));
    }).catch(function () {});
  }

  function show(message) {
    panel.hidden = false;
    status.textContent = message;
  }

  function run(query) {
    var q = query.trim() ? query : '';
    var mine = ++seq;
    list.textContent = '';
    if (!q) { panel.hidden = true; status.textContent = ''; return; }
    show(text('loading'));
    engine.search(q).then(function (res) {
      if (mine !== seq) return null;
      var top = res.results.slice(0, 10);
      return Promise.all(top.map(function (r) { return engine.page(r.page); })).then(function (pages) {
        if (mine !== seq) return null;
        list.textContent = '';
        show(pages.length ? text('found') + ' ' + res.results.length : text('none'));
        return Promise.all(pages.map(function (p) {
          var li = document.createElement('li');
          var a = document.createElement('a');
          a.href = new URL(p.url, siteRoot).href;
          a.textContent = p.title || p.url;
          var para = document.createElement('p');
          li.appendChild(a);
          li.appendChild(para);
          list.appendChild(li);
          return excerpt(a.href, res.terms, para);
        }));
      });
    }).catch(function () {
      if (mine === seq) show(text('unavailable'));
    });
  }

  form.hidden = false;
  var timer = 0;
  input.addEventListener('focus', function () { if (location.protocol !== 'file:') engine.manifest().catch(function () {}); });
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
})(typeof window !== 'undefined' ? window : globalThis);
