// Indicator charts (issue 21): a threshold's words («не менее 50») never cover a bar's value, another
// threshold's words, or a bar, measured in Chromium with getBBox. On data built to hit the case
// (thresholds over eight years, facts a little above or below them, so that the usual place of the
// words over the line at the year's left runs into the fact's value) and on every indicator chart of
// the bundled site.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, buildSite, htmlFiles, launchBrowser, removeTempDirs, serve, tempDir } from './helpers.mjs';

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];

// tests/fixtures/minimal with a longer period and three indicators whose thresholds sit right at
// their facts: one run of «не менее 50» with facts 50,5 … 52; a rising «не менее» every year with
// facts just over it; «не более 10» with facts just under it.
function crowdedSite() {
  const dir = join(tempDir('charts-site'), 'site');
  cpSync(join(REPO, 'tests', 'fixtures', 'minimal'), dir, { recursive: true, filter: (src) => !src.includes('.vitrina') });
  const prog = join(dir, 'data', 'programmes', 'alpha');
  const programme = JSON.parse(readFileSync(join(prog, 'programme.json'), 'utf8'));
  programme.period = { start: YEARS[0], end: YEARS.at(-1), printed: `${YEARS[0]}-${YEARS.at(-1)} годы` };
  writeFileSync(join(prog, 'programme.json'), JSON.stringify(programme, null, 2));
  const threshold = (id, name, op, level, fact) => ({
    id, name, kind: 'count', unit: 'чел.', better: op === '>=' ? 'higher' : 'lower', precision: 1,
    targets: YEARS.map((year, i) => ({ year, value: level(i), op, printed: `${op === '>=' ? 'не менее' : 'не более'} ${level(i)}` })),
    facts: YEARS.map((year, i) => ({ year, value: fact(i) })),
  });
  const indicators = JSON.parse(readFileSync(join(prog, 'indicators.json'), 'utf8'));
  indicators.indicators.push(
    threshold('run', 'Участники, не менее 50 каждый год', '>=', () => 50, (i) => 50.5 + (i % 3) * 0.5),
    threshold('rising', 'Участники, порог растёт', '>=', (i) => 50 + i, (i) => 50.4 + i),
    threshold('below', 'Вакансии, не более 10', '<=', () => 10, (i) => 9.8 - (i % 2) * 0.2),
  );
  writeFileSync(join(prog, 'indicators.json'), JSON.stringify(indicators, null, 2));
  return dir;
}

// Runs in the page: the boxes of every chart's threshold words, values and bars, and the pairs
// that intersect.
function chartOverlaps() {
  const found = { targets: 0, values: 0, overlaps: [] };
  for (const svg of document.querySelectorAll('svg.chart')) {
    // getBBox is in the element's own user space: mapped into the chart's (a plot moved down by
    // words written above it is a translated <g>).
    const box = (el) => {
      const b = el.getBBox();
      const m = svg.getCTM().inverse().multiply(el.getCTM());
      const p = (x, y) => new DOMPoint(x, y).matrixTransform(m);
      const a = p(b.x, b.y), c = p(b.x + b.width, b.y + b.height);
      return { x0: a.x, y0: a.y, x1: c.x, y1: c.y, text: el.textContent || el.getAttribute('class') };
    };
    const inPlot = (el) => !el.closest('title, desc') && Number(el.getAttribute('height') ?? 1) > 0;
    const targets = [...svg.querySelectorAll('text.target-label')].map(box);
    const values = [...svg.querySelectorAll('text.value')].map(box);
    const bars = [...svg.querySelectorAll('rect.bar-fact, rect.bar-plan')].filter(inPlot).map(box)
      .filter((b) => b.y1 < svg.viewBox.baseVal.height - 20);  // the legend's samples are not in the plot
    found.targets += targets.length;
    found.values += values.length;
    const hit = (a, b) => a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5;
    targets.forEach((t, i) => {
      for (const o of [...values, ...bars, ...targets.slice(i + 1)]) {
        if (hit(t, o)) found.overlaps.push(`«${t.text}» covers «${o.text}»`);
      }
    });
  }
  return found;
}

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => {
  await browser?.close();
  removeTempDirs();
});

describe('threshold words on the charts', { concurrency: 1 }, () => {
  const servers = [];
  after(async () => { for (const s of servers) await s.close(); });

  async function check(out, paths) {
    const server = await serve(out);
    servers.push(server);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const totals = { targets: 0, values: 0 };
    const problems = [];
    try {
      for (const path of paths) {
        await page.goto(server.url + path, { waitUntil: 'load' });
        const r = await page.evaluate(chartOverlaps);
        totals.targets += r.targets;
        totals.values += r.values;
        problems.push(...r.overlaps.map((o) => `${path}: ${o}`));
      }
    } finally {
      await page.close();
    }
    return { totals, problems };
  }

  test('data built to crowd them: the words cover no value, bar or other words', async () => {
    const out = buildSite(crowdedSite(), 'charts-crowded');
    const paths = ['run', 'rising', 'below'].map((id) => `programmes/alpha/indicators/${id}/index.html`);
    const { totals, problems } = await check(out, paths);
    assert.ok(totals.targets >= 1 + YEARS.length + 1, `threshold words drawn: ${totals.targets}`);
    assert.ok(totals.values >= 3 * YEARS.length, `values written on the bars: ${totals.values}`);
    assert.deepEqual(problems, []);
  });

  test('every indicator chart of the bundled site', async () => {
    const out = buildSite(REPO, 'charts-bundled');
    const paths = htmlFiles(out).map((f) => f.slice(out.length + 1).split('\\').join('/'))
      .filter((p) => /^programmes\/[^/]+\/indicators\/[^/]+\/index\.html$/.test(p))
      .filter((p) => readFileSync(join(out, p), 'utf8').includes('class="target-label"'));
    assert.ok(paths.length > 0, 'no bundled chart has a threshold');
    const { problems } = await check(out, paths);
    assert.deepEqual(problems, []);
  });
});
