// A phone's first screen and the low-vision mode's headings (issue 21). At 320 × 568 px:
// * the site header (title, navigation, low-vision switch, search) is compact: the first heading of
//   <main> starts within the first 60 % of the screen on the home page, a programme's passport and an
//   indicator page, and the page does not scroll sideways;
// * in the low-vision mode (type 137.5 % as large), the header still leaves room: the first heading
//   of <main> starts within the first two thirds of the screen on the same pages;
// * in the low-vision mode, no heading runs out of its box, and a word of a heading is
//   split across lines only where the browser hyphenates it or, where it cannot hyphenate Russian (as
//   Debian's Chromium without its hyphenation dictionaries), where the word alone is wider than the
//   line; and the headings are sized so that a word of up to 17 letters («профессионального») is
//   never that wide;
// * on a demo site (site.json `demo`: a note under the header on every page), the note in the
//   low-vision mode keeps type larger than the normal mode's text but takes at most a quarter of
//   the screen (it took 320 of 568 px, so that a demo page showed no content on its first screen).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, buildSite, launchBrowser, pagesByKind, removeTempDirs, serve } from './helpers.mjs';

const PHONE = { width: 320, height: 568 };
const FIRST_SCREEN_SHARE = 0.6;
const LOW_VISION_FIRST_SCREEN_SHARE = 2 / 3;
const WHOLE_WORD_LETTERS = 17;
const DEMO_NOTE_SHARE = 1 / 4;

// Runs in the page: where <main>'s first heading starts and whether the page scrolls sideways.
function firstScreen() {
  const h = document.querySelector('main h1, main h2');
  const de = document.documentElement;
  return { heading: h ? h.getBoundingClientRect().top + scrollY : null, text: h?.textContent.trim().slice(0, 60),
    scrollWidth: de.scrollWidth, clientWidth: de.clientWidth };
}

// Runs in the page: does this Chromium hyphenate Russian? «дом профессионального» in a box 7em
// wide: a hyphenating browser puts the first syllables of the long word on the first line after
// «дом» («дом про-»); one that cannot moves the whole word to the next line.
function hyphenates() {
  const p = document.createElement('p');
  p.lang = 'ru';
  p.style.cssText = 'width:7em;hyphens:auto;-webkit-hyphens:auto;font-size:16px;overflow-wrap:normal;position:absolute;left:0';
  p.textContent = 'дом профессионального';
  document.body.append(p);
  const text = p.firstChild;
  const top = (i) => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1); return Math.round(r.getClientRects()[0].top); };
  const hyphenated = top(0) === top(4);
  p.remove();
  return hyphenated;
}

// Runs in the page: headings that run out of their box and words split across lines (with the
// word's own width, measured unbroken, and the width of the heading's line).
function headingWords() {
  const found = { overflowing: [], split: [] };
  for (const el of document.querySelectorAll('h1, h2, h3, h4, .site-title, dt, caption')) {
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || el.closest('[hidden], .visually-hidden, svg') || !el.getClientRects().length) continue;
    if (cs.overflowX === 'visible' && el.scrollWidth > el.clientWidth + 1) {
      found.overflowing.push(`<${el.tagName.toLowerCase()}> «${el.textContent.trim().slice(0, 50)}» by ${el.scrollWidth - el.clientWidth} px`);
    }
    const box = cs.display === 'inline' ? el.parentElement : el;  // an inline title's line is its block's
    const bs = getComputedStyle(box);
    const line = box.clientWidth - parseFloat(bs.paddingLeft) - parseFloat(bs.paddingRight);
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const texts = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n);
    for (const n of texts) {
      for (const m of n.data.matchAll(/[^\s\-‐‑–—/]+/g)) {  // a break after a hyphen or a slash is a line break, not a split
        const r = document.createRange();
        r.setStart(n, m.index);
        r.setEnd(n, m.index + m[0].length);
        const lines = new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top)));
        if (lines.size < 2) continue;
        const probe = document.createElement('span');
        probe.style.whiteSpace = 'nowrap';
        probe.textContent = m[0];
        n.parentNode.insertBefore(probe, n);
        const width = probe.getBoundingClientRect().width;
        probe.remove();
        found.split.push({ word: m[0], width: Math.round(width), line: Math.round(line), tag: el.tagName.toLowerCase() });
      }
    }
  }
  return found;
}

let browser;
before(async () => { browser = await launchBrowser(); });

// A browser context of the phone's size, in the low-vision mode when `lowVision` (the switch's
// choice as site.js keeps it in localStorage).
async function phoneContext(lowVision) {
  const context = await browser.newContext({ viewport: PHONE });
  if (lowVision) await context.addInitScript(() => localStorage.setItem('vitrina-a11y', '1'));
  return context;
}
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

  // The home page, one page of each programme type and every programme's passport (their tabs and
  // breadcrumbs differ in length): <main>'s first heading starts within `share` of the screen and
  // no page scrolls sideways; in the low-vision mode when `lowVision`.
  async function checkFirstScreens(share, lowVision) {
    const context = await phoneContext(lowVision);
    const page = await context.newPage();
    try {
      for (const kind of ['home', 'programme', 'indicator']) assert.ok(kinds[kind], `no ${kind} page`);
      const passports = readdirSync(join(out, 'programmes')).map((id) => `programmes/${id}/index.html`);
      for (const path of new Set([kinds.home, kinds.programme, kinds.indicator, ...passports])) {
        await page.goto(server.url + path, { waitUntil: 'load' });
        if (lowVision) assert.equal(await page.evaluate(() => document.documentElement.className), 'a11y', `${path}: not in the low-vision mode`);
        const s = await page.evaluate(firstScreen);
        const limit = Math.round(PHONE.height * share);
        assert.ok(s.heading !== null, `${path}: no heading in <main>`);
        assert.ok(s.heading <= limit,
          `${path}: the first heading («${s.text}») starts at ${Math.round(s.heading)} px, below ${limit} px of a ${PHONE.height} px screen`);
        assert.ok(s.scrollWidth <= s.clientWidth, `${path}: the page scrolls sideways (${s.scrollWidth} px in ${s.clientWidth} px)`);
      }
    } finally {
      await context.close();
    }
  }

  test(`the first heading starts within the first ${FIRST_SCREEN_SHARE * 100} % of the screen, no sideways scroll`, async () => {
    await checkFirstScreens(FIRST_SCREEN_SHARE, false);
  });

  test('low-vision mode: the first heading starts within the first two thirds of the screen, no sideways scroll', async () => {
    await checkFirstScreens(LOW_VISION_FIRST_SCREEN_SHARE, true);
  });

  test('low-vision mode: headings fit their boxes and split a word only where it must', async () => {
    const context = await phoneContext(true);
    const page = await context.newPage();
    const problems = [];
    try {
      await page.goto(server.url + kinds.home, { waitUntil: 'load' });
      const hyphenating = await page.evaluate(hyphenates);
      const paths = [...new Set([...Object.values(kinds), 'organisations/index.html', 'programmes/kirov-rsoko/index.html',
        'programmes/strezhevoy-2021/index.html', 'programmes/belomorsk-2022/index.html'])];
      for (const path of paths) {
        await page.goto(server.url + path, { waitUntil: 'load' });
        assert.equal(await page.evaluate(() => document.documentElement.className), 'a11y', `${path}: not in the low-vision mode`);
        const { overflowing, split } = await page.evaluate(headingWords);
        problems.push(...overflowing.map((o) => `${path}: ${o} runs out of its box`));
        for (const w of split) {
          // A hyphenating browser shows a hyphen at its own breaks; otherwise only a word wider than
          // the line may break.
          if (hyphenating) continue;
          if (w.width < w.line) problems.push(`${path}: <${w.tag}> «${w.word}» (${w.width} px) is split on a ${w.line} px line`);
          else if ([...w.word].length <= WHOLE_WORD_LETTERS) problems.push(`${path}: <${w.tag}> «${w.word}» is split (${w.width} px on a ${w.line} px line)`);
        }
      }
    } finally {
      await context.close();
    }
    assert.deepEqual(problems, []);
  });
});

describe('a demo site on a 320 px phone', { concurrency: 1 }, () => {
  let out, server;
  before(async () => {
    out = buildSite(join(REPO, 'examples', 'demo'), 'phone-demo');
    server = await serve(out);
  });
  after(async () => server?.close());

  test('low-vision mode: the demo note takes at most a quarter of the screen, in type larger than the normal mode\'s', async () => {
    const note = () => {
      const n = document.querySelector('.demo-banner');
      return n && { height: n.getBoundingClientRect().height, size: parseFloat(getComputedStyle(n).fontSize),
        text: n.textContent.trim(), bodySize: parseFloat(getComputedStyle(document.body).fontSize) };
    };
    const passport = `programmes/${readdirSync(join(out, 'programmes')).sort()[0]}/index.html`;
    const normal = await phoneContext(false);
    const lowVision = await phoneContext(true);
    try {
      const plain = await normal.newPage();
      const large = await lowVision.newPage();
      for (const path of ['index.html', passport]) {
        await plain.goto(server.url + path, { waitUntil: 'load' });
        const before = await plain.evaluate(note);
        assert.ok(before, `${path}: no demo note`);
        await large.goto(server.url + path, { waitUntil: 'load' });
        assert.equal(await large.evaluate(() => document.documentElement.className), 'a11y', `${path}: not in the low-vision mode`);
        const n = await large.evaluate(note);
        assert.equal(n.text, before.text, `${path}: the same note in both modes`);
        assert.match(n.text, /^Демонстрационные данные\. .*вымышлены/, path);
        const limit = Math.round(PHONE.height * DEMO_NOTE_SHARE);
        assert.ok(n.height <= limit, `${path}: the demo note is ${Math.round(n.height)} px high, more than ${limit} px of a ${PHONE.height} px screen`);
        assert.ok(n.size >= 1.2 * before.bodySize,
          `${path}: the note's type is ${n.size} px in the low-vision mode, not larger than the normal mode's ${before.bodySize} px text`);
      }
    } finally {
      await normal.close();
      await lowVision.close();
    }
  });
});
