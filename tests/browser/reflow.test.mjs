// Reflow (issue 21, item 1): at 320, 360, 768 and 1280 px, in the normal and the low-vision mode,
// no page scrolls sideways as a whole and no element's content runs out of its box; a table wider
// than the screen scrolls inside its own region, which is labelled and reached with Tab, and keeps
// its first column in view. Every page type of the bundled site and the demonstration region, plus
// the pages the issue names (Belomorsk's measures, Strezhevoy's key4 year table) and every
// programme's dashboard (the rating card's word).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO, buildSite, htmlFiles, launchBrowser, pagesByKind, removeTempDirs, serve } from './helpers.mjs';

const WIDTHS = [320, 360, 768, 1280];
const SITES = [
  { name: 'bundled', dir: REPO, extra: ['programmes/belomorsk-2022/measures/index.html',
    'programmes/strezhevoy-2021/indicators/key4/index.html', 'programmes/kirov-rsoko/measures/index.html',
    'programmes/kirov-rsoko/index.html', 'programmes/zima-2022/measures/index.html'] },
  { name: 'demo', dir: join(REPO, 'examples', 'demo'), extra: [] },
];

// Runs in the page: what overflows at the current width.
function overflowProblems() {
  const problems = [];
  const de = document.documentElement;
  if (de.scrollWidth > de.clientWidth) problems.push(`the page scrolls sideways: ${de.scrollWidth} px in ${de.clientWidth} px`);
  const describe = (el) => `<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? ` class="${el.className}"` : ''}> «${el.textContent.trim().replace(/\s+/g, ' ').slice(0, 50)}»`;
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg, .visually-hidden, [hidden]')) continue;
    const details = el.parentElement?.closest('details');  // a closed <details> shows only its summary
    if (details && !details.open && !el.closest('summary')) continue;
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.display === 'inline' || cs.display === 'contents') continue;
    if (el.matches('table, thead, tbody, tfoot, tr')) continue;  // a table's width is its region's business
    if (cs.overflowX === 'auto' || cs.overflowX === 'scroll') {
      if (el.scrollWidth > el.clientWidth + 1) {
        const name = el.getAttribute('aria-label') || (el.getAttribute('aria-labelledby') || '').split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent.trim() || '').join(' ').trim();
        if (!name) problems.push(`scrolling region without a name: ${describe(el)}`);
        // Reached with Tab itself, or through the links it holds (the programme's tabs on a phone).
        if (el.tabIndex < 0 && !el.querySelector('a[href], button, input, select, textarea, [tabindex="0"]')) {
          problems.push(`scrolling region not reached with Tab: ${describe(el)}`);
        }
        const first = el.querySelector('tbody tr:not(.section-row) > :first-child');
        if (first && getComputedStyle(first).position !== 'sticky') problems.push(`first column scrolls away: ${describe(el)}`);
      }
      continue;
    }
    if (cs.overflowX !== 'visible') continue;
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
      problems.push(`overflows its box by ${el.scrollWidth - el.clientWidth} px: ${describe(el)}`);
    }
  }
  return problems;
}

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => {
  await browser?.close();
  removeTempDirs();
});

for (const site of SITES) {
  describe(`${site.name} site reflows`, { concurrency: 2 }, () => {
    let out, server, pages;
    before(async () => {
      out = buildSite(site.dir, `reflow-${site.name}`);
      const dashboards = htmlFiles(out).map((f) => f.slice(out.length + 1).split('\\').join('/'))
        .filter((p) => /^programmes\/[^/]+\/dashboard\/index\.html$/.test(p));
      pages = [...new Set([...Object.values(pagesByKind(out)), ...site.extra, ...dashboards])];
      server = await serve(out);
    });
    after(async () => server?.close());

    for (const mode of ['normal', 'low-vision']) {
      test(`${mode} mode: every page at ${WIDTHS.join(', ')} px`, async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        if (mode === 'low-vision') await context.addInitScript(() => localStorage.setItem('vitrina-a11y', '1'));
        const page = await context.newPage();
        const found = [];
        try {
          for (const path of pages) {
            await page.setViewportSize({ width: 1280, height: 800 });
            await page.goto(server.url + path, { waitUntil: 'load' });
            assert.equal(await page.evaluate(() => document.documentElement.classList.contains('a11y')), mode === 'low-vision');
            for (const width of WIDTHS) {
              await page.setViewportSize({ width, height: 800 });
              for (const p of await page.evaluate(overflowProblems)) found.push(`${path} at ${width} px: ${p}`);
            }
          }
        } finally {
          await context.close();
        }
        assert.deepEqual(found.slice(0, 40), [], `${found.length} problems`);
      });
    }
  });
}
