// The browser's search (themes/default/assets/search.js) against the index `vitrina build`
// writes (generator/output/search): the same words and stems on both sides, every page found
// by its title and by another form of a word it has, and an incremental rebuild that finds
// the changed page and never a removed one. No browser: the engine reads the files directly.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = process.env.VITRINA_BIN ? resolve(process.env.VITRINA_BIN) : join(REPO, 'build', 'generator', 'vitrina');

// search.js as the browser loads it, in a context without a document: it only defines the engine.
function loadSearch() {
  const context = { TextEncoder, Set, Map, URL };
  context.globalThis = context;
  vm.runInNewContext(readFileSync(join(REPO, 'themes/default/assets/search.js'), 'utf8'), context);
  return context.vitrinaSearch;
}
const S = loadSearch();

const dirs = [];
function build(site, out, args = []) {
  const r = spawnSync(BIN, ['build', '-v', '--site', site, '--out', out, ...args],
    { encoding: 'utf8', env: { ...process.env, VITRINA_SHARE: REPO, NO_COLOR: '1' } });
  assert.equal(r.status, 0, `vitrina build failed:\n${r.stderr}`);
  return r.stderr;
}
const engineFor = (out) => new S.Engine(join(out, 'search') + '/', async (p) => JSON.parse(readFileSync(p, 'utf8')));
async function urls(engine, query) {
  const res = await engine.search(query);
  return Promise.all(res.results.map(async (r) => (await engine.page(r.page)).url));
}
// Every stem of the index with its postings, and the bucket it was found in.
function allStems(out) {
  const m = JSON.parse(readFileSync(join(out, 'search/index.json'), 'utf8'));
  const stems = new Map();
  for (let b = 0; b < m.buckets; b++) {
    for (const [s, postings] of Object.entries(JSON.parse(readFileSync(join(out, `search/terms/${b}.json`), 'utf8')))) {
      stems.set(s, { bucket: b, postings });
    }
  }
  return { manifest: m, stems };
}
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

describe('the stemmer', () => {
  test('stems Snowball\'s Russian vocabulary as Snowball does (Debian\'s snowball-data)', (t) => {
    const dir = '/usr/share/snowball/data/russian';
    if (!existsSync(join(dir, 'voc.txt'))) { t.skip('snowball-data is not installed (scripts/install-deps.sh --test)'); return; }
    const voc = readFileSync(join(dir, 'voc.txt'), 'utf8').split('\n');
    const expected = readFileSync(join(dir, 'output.txt'), 'utf8').split('\n');
    const wrong = [];
    for (let i = 0; i < voc.length; i++) {
      if (!voc[i]) continue;
      const got = S.stem(S.words(voc[i])[0]);  // «ё» → «е» first, as Snowball does
      if (got !== expected[i]) wrong.push(`${voc[i]}: ${got} ≠ ${expected[i]}`);
    }
    assert.ok(voc.length > 40000);
    assert.deepEqual(wrong.slice(0, 20), []);
  });

  test('splits words like the index: case, «ё», digits, punctuation, stop words', () => {
    assert.deepEqual([...S.words('Ёлки И ПАЛКИ, 2024 год: ИКТ-компетентность в школах №5; Excel/CSV', ['и', 'в'])],
      ['елки', 'палки', 'год', 'икт', 'компетентность', 'школах', 'excel', 'csv']);
    assert.deepEqual([...S.words('Straße ÀÉ', [])], ['straße', 'àé']);
  });
});

describe('the index of the demo site', () => {
  let out, index, engine;
  before(() => {
    out = join(mkdtempSync(join(tmpdir(), 'vitrina-search-')), 'output');
    dirs.push(dirname(out));
    build(join(REPO, 'examples/demo'), out);
    index = allStems(out);
    engine = engineFor(out);
  });

  test('the browser finds each stem in the bucket the build put it in', () => {
    for (const [s, { bucket }] of index.stems) assert.equal(S.bucketOf(s, index.manifest.buckets), bucket, s);
  });

  test('every page is found by its title, and by another form of a word of its body', async () => {
    const byPage = new Map();  // page → its stems
    for (const [s, { postings }] of index.stems) {
      for (let i = 0; i < postings.length; i += 2) {
        if (!byPage.has(postings[i])) byPage.set(postings[i], []);
        byPage.get(postings[i]).push(s);
      }
    }
    assert.equal(byPage.size, index.manifest.pages);
    let inflected = 0;
    for (let page = 0; page < index.manifest.pages; page++) {
      const { url, title } = await engine.page(page);
      // Every word of the title is an indexed stem of the page (the same splitting and stems).
      for (const w of S.words(title, index.manifest.stop)) assert.ok(byPage.get(page).includes(S.stem(w)), `${url}: «${w}»`);
      assert.ok((await urls(engine, title)).includes(url), `${url} by its title «${title}»`);
      // A Russian word of the page in a form it may not have: stem + a case ending.
      const word = byPage.get(page).filter((s) => /^[а-я]{4,}$/.test(s))
        .map((s) => ['ами', 'ах', 'ов', 'ом', 'у', 'ы'].map((e) => s + e).find((f) => S.stem(f) === s))
        .find(Boolean);
      if (!word) continue;
      inflected++;
      assert.ok((await urls(engine, word + ' ')).includes(url), `${url} by «${word}»`);
    }
    assert.ok(inflected > index.manifest.pages * 0.9, `${inflected} of ${index.manifest.pages} pages checked by an inflected word`);
  });

  test('the last word is also a beginning; every word must be on the page', async () => {
    const full = await urls(engine, 'наставничества ');
    assert.ok(full.length > 0);
    const typing = await urls(engine, 'наставнич');
    for (const u of full) assert.ok(typing.includes(u), u);
    assert.deepEqual(await urls(engine, 'наставничества щщщъъъ'), []);
    assert.deepEqual(await urls(engine, 'и в на'), []);
  });
});

describe('after an incremental rebuild', () => {
  test('a changed value is found on its page, and a removed page is never a result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vitrina-search-rebuild-'));
    dirs.push(dir);
    const site = join(dir, 'site'), out = join(dir, 'output');
    cpSync(join(REPO, 'examples/demo'), site, { recursive: true });
    build(site, out);
    const file = join(site, 'data/programmes/sredneryabinovskiy-2018/indicators.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    const ind = data.indicators[0];
    const page = `programmes/sredneryabinovskiy-2018/indicators/${ind.id}/index.html`;
    assert.deepEqual(await urls(engineFor(out), 'квазикристаллами'), []);

    // One value: the indicator's name gains a word no page had.
    ind.name = `${ind.name} (квазикристаллы)`;
    writeFileSync(file, JSON.stringify(data, null, 2));
    let log = build(site, out);
    assert.match(log, /программ из кэша поиска: 2,/);
    const found = await urls(engineFor(out), 'квазикристаллами');
    assert.equal(found[0], page, 'the indicator\'s own page first (the word is in its title)');
    for (const u of found) assert.match(readFileSync(join(out, u), 'utf8'), /квазикристаллы/);

    // The indicator goes: its page is removed, and no search finds it any more.
    data.indicators = data.indicators.filter((i) => i.id !== ind.id);
    writeFileSync(file, JSON.stringify(data, null, 2));
    for (const other of ['programme.json', 'measures.json']) {  // what linked to it links to another
      const f = join(site, 'data/programmes/sredneryabinovskiy-2018', other);
      writeFileSync(f, readFileSync(f, 'utf8').replaceAll(`"${ind.id}"`, `"${data.indicators[0].id}"`));
    }
    log = build(site, out);
    assert.match(log, /программ из кэша поиска: 2,/);
    assert.equal(existsSync(join(out, page)), false);
    const engine = engineFor(out);
    assert.deepEqual(await urls(engine, 'квазикристаллами'), []);
    for (const q of ['доля', 'педагогических', 'программа', 'мероприятие', 'организации']) {
      for (const u of await urls(engine, q)) assert.ok(existsSync(join(out, u)), `«${q}» found ${u}, which is not in the site`);
    }
  });
});
