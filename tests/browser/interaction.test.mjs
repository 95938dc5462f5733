// What a reader does on the bundled site: keyboard only, the low-vision switch, search; and that
// data text with markup, quotes and ampersands is shown literally and never runs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { REPO, buildSite, htmlFiles, launchBrowser, pagesByKind, removeTempDirs, serve, tempDir, watch } from './helpers.mjs';

let browser, bundled, server, kinds;
before(async () => {
  browser = await launchBrowser();
  bundled = buildSite(REPO, 'bundled');
  kinds = pagesByKind(bundled);
  server = await serve(bundled);
});
after(async () => {
  await server?.close();
  await browser?.close();
  removeTempDirs();
});

async function withPage(options, fn) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = watch(page);
  try {
    await fn(page, problems);
  } finally {
    await context.close();
  }
}

describe('keyboard', () => {
  test('the first Tab focuses the visible skip link; Enter moves focus to <main id="main">', async () => {
    await withPage({}, async (page, problems) => {
      await page.goto(server.url + kinds.indicator);
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => ({ cls: document.activeElement.className, href: document.activeElement.getAttribute('href') }));
      assert.deepEqual(first, { cls: 'skip-link', href: '#main' });
      const box = await page.locator('.skip-link').boundingBox();
      assert.ok(box && box.x >= 0 && box.y >= 0 && box.width > 10, `skip link is on screen when focused: ${JSON.stringify(box)}`);
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
      assert.ok(page.url().endsWith('#main'));
      // The next Tab continues inside the content, not back in the header.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => !!document.activeElement.closest('main')), true);
      assert.deepEqual(problems, []);
    });
  });

  test('the low-vision switch and the search field are reachable and usable with the keyboard', async () => {
    await withPage({}, async (page) => {
      await page.goto(server.url + kinds.home);
      const order = [];
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        order.push(await page.evaluate(() => document.activeElement.matches('[data-a11y-toggle]') ? 'toggle'
          : document.activeElement.id === 'site-search-q' ? 'search' : document.activeElement.tagName));
        if (order.at(-1) === 'toggle') {
          await page.keyboard.press('Enter');
          assert.equal(await page.evaluate(() => document.documentElement.classList.contains('a11y')), true);
          await page.keyboard.press('Space');
          assert.equal(await page.evaluate(() => document.documentElement.classList.contains('a11y')), false);
        }
        if (order.at(-1) === 'search') break;
      }
      assert.ok(order.includes('toggle'), `toggle reached: ${order}`);
      assert.ok(order.includes('search'), `search reached: ${order}`);
    });
  });
});

describe('low-vision mode', () => {
  test('switches on from the header link, persists across navigation and reloads, and switches off', async () => {
    await withPage({}, async (page, problems) => {
      await page.goto(server.url + kinds.home);
      const isOn = () => page.evaluate(() => document.documentElement.classList.contains('a11y'));
      const toggle = page.locator('[data-a11y-toggle]');
      assert.equal(await isOn(), false);
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      const before = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
      await toggle.click();
      assert.equal(await isOn(), true);
      assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
      assert.equal(await page.evaluate(() => localStorage.getItem('vitrina-a11y')), '1');
      const larger = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
      assert.ok(parseFloat(larger) > parseFloat(before), `larger type: ${before} → ${larger}`);
      assert.equal(await page.evaluate(() => location.hash), '', 'the switch does not navigate');

      // A link followed from the page: the new page starts in the mode (set in <head>, no flash).
      await page.locator('.site-nav a[href$="dashboard/index.html"]').click();
      await page.waitForURL(/dashboard\/index\.html$/);
      assert.equal(await isOn(), true);
      assert.equal(await page.locator('[data-a11y-toggle]').getAttribute('aria-pressed'), 'true');
      assert.equal(await page.locator('svg').first().isVisible(), false, 'charts give way to their tables');
      await page.goto(server.url + kinds.indicator);
      assert.equal(await isOn(), true);

      await page.locator('[data-a11y-toggle]').click();
      assert.equal(await isOn(), false);
      await page.reload();
      assert.equal(await isOn(), false);
      assert.equal(await page.evaluate(() => localStorage.getItem('vitrina-a11y')), '0');
      assert.deepEqual(problems, []);
    });
  });

  test('without JavaScript the link still switches the mode (CSS :target) and the page reads fully', async () => {
    await withPage({ javaScriptEnabled: false }, async (page, problems) => {
      await page.goto(server.url + kinds.indicators);
      assert.equal(await page.locator('[data-search]').isVisible(), false, 'the search form needs JavaScript and hides without it');
      assert.ok(await page.locator('main table').first().isVisible());
      const before = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
      await page.locator('[data-a11y-toggle]').click();
      const after = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
      assert.ok(parseFloat(after) > parseFloat(before), `larger type: ${before} → ${after}`);
      assert.deepEqual(problems, []);
    });
  });
});

describe('search', () => {
  test('the index exists and covers the content pages only (not 404.html)', () => {
    const manifest = JSON.parse(readFileSync(join(bundled, 'search', 'index.json'), 'utf8'));
    const tables = [join(bundled, 'search', 'site.json'),
      ...manifest.groups.filter((g) => g[0]).map((g) => join(bundled, 'search', 'programmes', `${g[0]}.json`))];
    const indexed = tables.flatMap((t) => JSON.parse(readFileSync(t, 'utf8')).map((row) => row[0]));
    assert.equal(indexed.length, manifest.pages);
    assert.ok(manifest.pages > 100, `pages indexed: ${manifest.pages}`);
    assert.ok(!indexed.includes('404.html'));
    for (const f of htmlFiles(bundled)) {
      const html = readFileSync(f, 'utf8');
      assert.match(html, /<main id="main"[^>]* data-search-body/, f);
      if (!f.endsWith('404.html')) assert.ok(indexed.includes(relative(bundled, f).split(sep).join('/')), f);
    }
  });

  for (const word of ['наставникам', 'педагогов']) {
    test(`an inflected form «${word}» finds an indicator page`, async () => {
      await withPage({}, async (page, problems) => {
        await page.goto(server.url + kinds.home);
        const form = page.locator('form[role=search]');
        assert.equal(await form.isVisible(), true);
        const input = page.getByLabel('Поиск по сайту');
        await input.fill(word);
        await input.press('Enter');
        const results = page.locator('[data-search-results] .search-list li a');
        await results.first().waitFor({ timeout: 15000 });
        const hrefs = await results.evaluateAll((as) => as.map((a) => a.href));
        assert.ok(hrefs.some((h) => /\/programmes\/[^/]+\/indicators\/[^/]+\/(index\.html)?$/.test(h)),
          `an indicator page among the results: ${hrefs.join(' ')}`);
        const status = await page.locator('[data-search-results] .search-status').textContent();
        assert.match(status, /^Найдено страниц: \d+$/);
        assert.ok(await page.locator('.search-list mark').count() > 0, 'hits are highlighted in the excerpts');
        // A result opens its page, found by a different form of the word than the query.
        const target = hrefs.find((h) => /\/indicators\/[^/]+\//.test(h));
        await page.goto(target);
        const text = (await page.locator('main').textContent()).toLowerCase();
        assert.ok(/наставни|педагог/.test(text));
        assert.deepEqual(problems, []);
      });
    });
  }

  test('a query in the address (?q=) is searched on load; a nonsense word finds nothing', async () => {
    await withPage({}, async (page, problems) => {
      await page.goto(server.url + kinds.indicator + '?q=' + encodeURIComponent('педагогических'));
      await page.locator('.search-list li').first().waitFor({ timeout: 15000 });
      assert.equal(await page.getByLabel('Поиск по сайту').inputValue(), 'педагогических');
      await page.getByLabel('Поиск по сайту').fill('щщщъъъ');
      await page.getByLabel('Поиск по сайту').press('Enter');
      await page.waitForFunction(() => document.querySelector('.search-status').textContent === 'Ничего не найдено.');
      assert.equal(await page.locator('.search-list li').count(), 0);
      await page.getByLabel('Поиск по сайту').press('Escape');
      assert.equal(await page.locator('[data-search-results]').isVisible(), false);
      assert.deepEqual(problems, []);
    });
  });
});

describe('escaping of data text', () => {
  const TITLE = 'Программа «Альфа» <script>alert(1)</script> & Co';
  let out, variant, srv, srvVariant;
  before(async () => {
    out = buildSite(join(REPO, 'tests', 'fixtures', 'minimal'), 'minimal');
    srv = await serve(out);
    // The same fixture with ASCII quotes and markup in strings that end up in attributes too
    // (a glossary expansion is the title="" of its <abbr>).
    const site = join(tempDir('quotes'), 'site');
    cpSync(join(REPO, 'tests', 'fixtures', 'minimal'), site, { recursive: true });
    const pj = join(site, 'data', 'programmes', 'alpha', 'programme.json');
    const prog = JSON.parse(readFileSync(pj, 'utf8'));
    prog.title = `${TITLE} "double" 'single' <img src=x onerror=alert(2)>`;
    prog.glossary[0].expansion = 'Управление "образования" & <b onmouseover=alert(3)>';
    writeFileSync(pj, JSON.stringify(prog, null, 2));
    variant = buildSite(site, 'quotes');
    srvVariant = await serve(variant);
  });
  after(async () => {
    await srv?.close();
    await srvVariant?.close();
  });

  test('the programme title with <script> and & is escaped in every generated file', () => {
    for (const f of htmlFiles(out)) {
      const html = readFileSync(f, 'utf8');
      assert.ok(!html.includes('<script>alert'), `raw <script> in ${f}`);
      if (html.includes('Альфа')) assert.ok(!/Альфа» <|& Co/.test(html), `unescaped title in ${f}`);
    }
    const passport = readFileSync(join(out, 'programmes', 'alpha', 'index.html'), 'utf8');
    assert.ok(passport.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co'));
  });

  test('in the browser: no dialog fires and the text shows literally', async () => {
    const kindsMin = pagesByKind(out);
    for (const kind of ['home', 'programme', 'indicators', 'measures', 'dashboard', 'site_dashboard', 'page', 'organisation']) {
      await withPage({}, async (page, problems) => {
        await page.goto(srv.url + kindsMin[kind]);
        await page.waitForTimeout(50);
        assert.deepEqual(problems, [], `${kind}: ${problems}`);
        assert.equal(await page.locator('main script, main img').count(), 0, kind);
        const text = await page.locator('main').textContent();
        assert.ok(text.includes(TITLE), `${kind} shows the title literally`);
      });
    }
    await withPage({}, async (page) => {
      await page.goto(srv.url + 'programmes/alpha/index.html');
      assert.equal(await page.locator('h1').textContent(), TITLE);
      assert.ok((await page.title()).startsWith(TITLE));
    });
  });

  test('ASCII quotes and markup in text and in attributes stay text', async () => {
    await withPage({}, async (page, problems) => {
      await page.goto(srvVariant.url + 'programmes/alpha/index.html');
      await page.locator('abbr').first().hover();
      await page.waitForTimeout(50);
      assert.deepEqual(problems, []);
      assert.equal(await page.locator('h1').textContent(), `${TITLE} "double" 'single' <img src=x onerror=alert(2)>`);
      const titles = await page.locator('abbr[title]').evaluateAll((els) => els.map((e) => e.getAttribute('title')));
      assert.ok(titles.includes('Управление "образования" & <b onmouseover=alert(3)>'), JSON.stringify(titles));
      assert.equal(await page.locator('main img, main b[onmouseover]').count(), 0);
    });
  });
});

// kainjow/mustache has no `{{#list.0}}` (a list's first element), so sections that show a
// heading or a wrapper once for a non-empty list use has_* flags set by views.cpp.
describe('sections behind has_* flags (views.cpp)', () => {
  const read = (rel) => readFileSync(join(bundled, rel), 'utf8');
  test('an indicator with method details has the «Методика» heading', () => {
    const page = htmlFiles(bundled).find((f) => /\/indicators\/[^/]+\/index\.html$/.test(f) && readFileSync(f, 'utf8').includes('<dl class="meta"><dt>'));
    assert.ok(page, 'an indicator page with method details');
    assert.ok(readFileSync(page, 'utf8').includes('<h2>Методика</h2>'));
  });
  test('measure notes are shown on the measures page', () => {
    assert.ok(read('programmes/kirov-rsoko/measures/index.html').includes('<details class="notes">'));
  });
  test('an organisation page lists its measures', () => {
    assert.ok(read('programmes/belomorsk-2022/organisations/imco/index.html').includes('<h2>Мероприятия</h2>'));
  });
});
