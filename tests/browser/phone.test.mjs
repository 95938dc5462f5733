// A phone's first screen (issue 21). At 320 × 568 px:
// * the site header (title, navigation, low-vision switch, search) is compact: the first heading of
//   <main> starts within the first 60 % of the screen on the home page, a programme's passport and an
//   indicator page, and the page does not scroll sideways;
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, buildSite, launchBrowser, pagesByKind, removeTempDirs, serve } from './helpers.mjs';

const PHONE = { width: 320, height: 568 };
const FIRST_SCREEN_SHARE = 0.6;

// Runs in the page: where <main>'s first heading starts and whether the page scrolls sideways.
function firstScreen() {
  const h = document.querySelector('main h1, main h2');
  const de = document.documentElement;
  return { heading: h ? h.getBoundingClientRect().top + scrollY : null, text: h?.textContent.trim().slice(0, 60),
    scrollWidth: de.scrollWidth, clientWidth: de.clientWidth };
}

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => {
  await browser?.close();
  removeTempDirs();
});

describe('on a 320 px phone', { concurrency: 1 }, () => {
  let out, server, kinds;
  before(async () => {
    out = buildSite(REPO, 'phone');
    kinds = pagesByKind(out);
    server = await serve(out);
  });
  after(async () => server?.close());

  test(`the first heading starts within the first ${FIRST_SCREEN_SHARE * 100} % of the screen, no sideways scroll`, async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    try {
      // The home page, one page of each programme type and every programme's passport (their tabs
      // and breadcrumbs differ in length).
      for (const kind of ['home', 'programme', 'indicator']) assert.ok(kinds[kind], `no ${kind} page`);
      const passports = readdirSync(join(out, 'programmes')).map((id) => `programmes/${id}/index.html`);
      for (const path of new Set([kinds.home, kinds.programme, kinds.indicator, ...passports])) {
        await page.goto(server.url + path, { waitUntil: 'load' });
        const s = await page.evaluate(firstScreen);
        assert.ok(s.heading !== null, `${path}: no heading in <main>`);
        assert.ok(s.heading <= PHONE.height * FIRST_SCREEN_SHARE,
          `${path}: the first heading («${s.text}») starts at ${Math.round(s.heading)} px, below ${PHONE.height * FIRST_SCREEN_SHARE} px of a ${PHONE.height} px screen`);
        assert.ok(s.scrollWidth <= s.clientWidth, `${path}: the page scrolls sideways (${s.scrollWidth} px in ${s.clientWidth} px)`);
      }
    } finally {
      await context.close();
    }
  });
});
