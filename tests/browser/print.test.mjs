// Print (issue 21, item 5): every page type of the bundled site, and the two longest measure plans,
// printed to PDF by Chromium (page.pdf, the page's own @page sizes) and read back with poppler's
// pdfinfo and pdftotext -bbox: A4, portrait for text pages and landscape for the pages of wide
// tables; no navigation, search or low-vision switch; the report period, the «по состоянию на» date
// and the page's address in the header; links followed by their full address; every table whole
// (its last column's header is on the sheet, no word runs off the page) and type no smaller than 7 pt.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, buildSite, launchBrowser, pagesByKind, removeTempDirs, serve, tempDir } from './helpers.mjs';

const LANDSCAPE = new Set(['measures', 'indicators']);
const EXTRA = { 'measures (Kirov)': 'programmes/kirov-rsoko/measures/index.html',
  'measures (Zima)': 'programmes/zima-2022/measures/index.html' };
const A4 = [595, 842];  // points, ±1

function pdfPages(file) {
  const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const pages = [];
  for (const [, w, h, body] of xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const words = [...body.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
      .map(([, x0, y0, x1, y1, t]) => ({ x0: +x0, y0: +y0, x1: +x1, y1: +y1, t: t.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"') }));
    pages.push({ width: +w, height: +h, words });
  }
  return pages;
}

const squash = (s) => s.replace(/\s+/g, '');

let browser, server, out, kinds, dir;
before(async () => {
  browser = await launchBrowser();
  out = buildSite(REPO, 'print');
  kinds = { ...pagesByKind(out), ...EXTRA };
  server = await serve(out);
  dir = tempDir('pdf');
});
after(async () => {
  await server?.close();
  await browser?.close();
  removeTempDirs();
});

describe('printed pages', { concurrency: 2 }, () => {
  for (const kind of ['home', 'site_dashboard', 'organisations', 'programme', 'indicators', 'indicator', 'measures',
    'dashboard', 'organisation', 'page', '404', ...Object.keys(EXTRA)]) {
    test(`${kind}: A4 ${LANDSCAPE.has(kind.split(' ')[0]) ? 'landscape' : 'portrait'}, header, nothing clipped`, async () => {
      const path = kinds[kind];
      assert.ok(path, `no ${kind} page`);
      const context = await browser.newContext();
      // Printed from the low-vision mode too: its larger type must not break the printed tables.
      if (kind.startsWith('measures')) await context.addInitScript(() => localStorage.setItem('vitrina-a11y', '1'));
      const page = await context.newPage();
      try {
        await page.goto(server.url + path, { waitUntil: 'load' });
        await page.emulateMedia({ media: 'print' });
        for (const sel of ['.site-header', '.site-nav', '.site-search', '[data-a11y-toggle]', '.tabs', '.skip-link']) {
          for (const el of await page.locator(sel).all()) assert.equal(await el.isVisible(), false, `${sel} printed`);
        }
        // What the tables must show whole: each table's header cells (the last column most of all).
        const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
        const heads = await page.evaluate((shownSrc) => {
          const isShown = new Function(`return ${shownSrc}`)();
          return [...document.querySelectorAll('main table thead tr:first-child')].filter(isShown)
            .map((tr) => [...tr.children].filter(isShown).map((th) => th.textContent.trim()).filter(Boolean));
        }, shown.toString());
        const links = await page.evaluate((shownSrc) => {
          const isShown = new Function(`return ${shownSrc}`)();
          return [...document.querySelectorAll('main a[data-print-url]')].filter(isShown).map((a) => ({ href: a.href, inTable: !!a.closest('table, .cards') }));
        }, shown.toString());

        const file = join(dir, `${kind.replace(/\W+/g, '_')}.pdf`);
        writeFileSync(file, await page.pdf({ preferCSSPageSize: true }));
        const pages = pdfPages(file);
        assert.ok(pages.length >= 1 && pages.length <= 30, `${pages.length} pages`);
        const landscape = LANDSCAPE.has(kind.split(' ')[0]);
        for (const p of pages) {
          const [w, h] = landscape ? [A4[1], A4[0]] : A4;
          assert.ok(Math.abs(p.width - w) <= 1 && Math.abs(p.height - h) <= 1, `page ${p.width}×${p.height}, want ${w}×${h}`);
          for (const word of p.words) {
            assert.ok(word.x0 >= 0 && word.x1 <= p.width, `«${word.t}» runs off the page (${word.x0}–${word.x1} of ${p.width})`);
            assert.ok(word.y1 - word.y0 >= 7, `«${word.t}» is ${(word.y1 - word.y0).toFixed(1)} pt high`);
          }
        }
        const text = squash(pages.map((p) => p.words.map((w) => w.t).join(' ')).join(' '));
        const first = squash(pages[0].words.map((w) => w.t).join(' '));
        // The header names the report period and the same «по состоянию на» date as the page's footer.
        const header = await page.evaluate(() => document.querySelector('.print-header')?.textContent.trim() || '');
        const asOf = await page.evaluate(() => document.querySelector('.site-footer .as-of')?.textContent.trim() || '');
        assert.ok(asOf && header.includes('Отчётный период: ') && header.endsWith(`по состоянию на ${asOf}`), `header «${header}»`);
        assert.ok(first.includes(squash(header)), 'report period and date on top of the first sheet');
        assert.ok(first.includes(squash(server.url + path)), 'the page address on top');
        for (const words of ['Версия для слабовидящих', 'Найти', 'Перейти к содержанию']) {
          assert.ok(!text.includes(squash(words)), `«${words}» printed`);
        }
        // A multi-line cell's words interleave with its neighbours' in the text: a header is whole when
        // each of its words is on the sheet.
        const words = new Set(pages.flatMap((p) => p.words.map((w) => w.t)));
        for (const row of heads) {
          for (const h of row) {
            for (const w of h.split(/\s+/)) assert.ok(words.has(w), `table header «${h}» is not whole on the sheet («${w}»)`);
          }
        }
        // Every link shown is followed by its address. An address wrapped in a table cell or a card
        // interleaves with its neighbours' words in the text, so the addresses are counted by their start.
        const opening = squash(`(${new URL(server.url).origin}/`);
        assert.ok(text.split(opening).length - 1 >= links.length, `${links.length} links, fewer addresses printed`);
        const single = links.filter((l) => !l.inTable).map((l) => l.href);
        if (single.length) assert.ok(single.some((href) => text.includes(squash(`(${href})`))), 'no address printed whole');
      } finally {
        await context.close();
      }
    });
  }
});
