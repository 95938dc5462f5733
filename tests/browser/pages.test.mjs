// Every page type of the bundled site and of the demonstration region, in Chromium: loads with no
// console error and no failed request, axe-core finds no WCAG 2.1 A/AA violation in the normal and
// in the low-vision mode; screenshots of the bundled site's pages at 375 and 1280 px (and 1280 px
// in the low-vision mode) go to screenshots/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PAGE_KINDS, REPO, SCREENSHOTS, axe, buildSite, launchBrowser, pagesByKind, removeTempDirs, serve, watch } from './helpers.mjs';

const SITES = [
  { name: 'bundled', dir: REPO, screenshots: true },
  { name: 'demo', dir: join(REPO, 'examples', 'demo') },
];

let browser;
before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  removeTempDirs();
});

// docs/site-pages.md shows every page type at 360 and 1280 px, made by tests/browser/screenshots.mjs
// (scripts/site-screenshots.sh) from the demonstration region.
test('docs/site-pages.md has a screenshot of every page type at 360 and 1280 px', () => {
  const doc = readFileSync(join(REPO, 'docs', 'site-pages.md'), 'utf8');
  for (const kind of PAGE_KINDS) {
    for (const width of [360, 1280]) {
      const img = `img/site-${kind}-${width}.jpg`;
      assert.ok(doc.includes(`](${img})`), `docs/site-pages.md does not show ${img}`);
      const bytes = readFileSync(join(REPO, 'docs', img));
      assert.ok(bytes[0] === 0xff && bytes[1] === 0xd8 && bytes.length > 5000, `${img} is not a screenshot`);
    }
  }
});

for (const site of SITES) {
  describe(`${site.name} site`, { concurrency: 2 }, () => {
    let out, server, kinds;
    before(async () => {
      out = buildSite(site.dir, site.name);
      kinds = pagesByKind(out);
      server = await serve(out);
    });
    after(async () => server?.close());

    test('has a page of every type', () => {
      assert.deepEqual(PAGE_KINDS.filter((k) => !kinds[k]), [], `page types found: ${JSON.stringify(kinds)}`);
    });

    // What a web server answers for a missing deep path is 404.html: its stylesheet, script and
    // links must work from there, so html_site.cpp makes them absolute on that page.
    test('404.html answered for a missing deep path loads its assets', async () => {
      const url = `${server.url}programmes/no-such/page/`;
      const context = await browser.newContext();
      const page = await context.newPage();
      const problems = watch(page);
      try {
        const response = await page.goto(url, { waitUntil: 'load' });
        assert.equal(response.status(), 404);
        assert.equal(await page.locator('link[rel=stylesheet]').evaluate((l) => !!l.sheet), true, 'stylesheet loaded');
        const bad = problems.filter((p) => p !== `HTTP 404: ${url}` && !/^console: Failed to load resource.*404/.test(p));
        assert.deepEqual(bad, []);
        await page.locator('main a').first().click();
        assert.equal(new URL(page.url()).pathname, '/index.html');
      } finally {
        await context.close();
      }
    });

    for (const kind of PAGE_KINDS) {
      test(`${kind}: clean load, no axe violations (normal and low-vision), screenshots`, async () => {
        assert.ok(kinds[kind], `no ${kind} page`);
        const url = server.url + kinds[kind];
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const problems = watch(page);
        try {
          const response = await page.goto(url, { waitUntil: 'load' });
          assert.equal(response.status(), 200);
          assert.ok(await page.locator('main#main h1').first().isVisible(), 'the page has a visible <h1> in <main>');
          assert.equal(await page.locator('link[rel=stylesheet]').evaluate((l) => !!l.sheet), true, 'stylesheet loaded');

          const normal = await axe(page);
          assert.deepEqual(normal, [], `axe, normal mode, ${kinds[kind]}:\n${normal.join('\n')}`);
          if (site.screenshots) {
            await page.screenshot({ path: join(SCREENSHOTS, `${site.name}-${kind}-1280.png`), fullPage: true });
            await page.setViewportSize({ width: 375, height: 800 });
            await page.screenshot({ path: join(SCREENSHOTS, `${site.name}-${kind}-375.png`), fullPage: true });
            await page.setViewportSize({ width: 1280, height: 900 });
          }

          // Low-vision mode through the header link, as a reader would switch it on.
          await page.locator('[data-a11y-toggle]').click();
          assert.equal(await page.evaluate(() => document.documentElement.classList.contains('a11y')), true);
          assert.equal(await page.evaluate(() => localStorage.getItem('vitrina-a11y')), '1');
          const low = await axe(page);
          assert.deepEqual(low, [], `axe, low-vision mode, ${kinds[kind]}:\n${low.join('\n')}`);
          if (site.screenshots) await page.screenshot({ path: join(SCREENSHOTS, `${site.name}-${kind}-1280-a11y.png`) });

          assert.deepEqual(problems, [], `problems on ${kinds[kind]}`);
        } finally {
          await context.close();
        }
      });
    }
  });
}
