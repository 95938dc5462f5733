// Shared helpers of the browser suite: build a site with the vitrina binary (search index
// included), serve it on 127.0.0.1, start Debian's Chromium through playwright-core, run axe.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOTS = join(REPO, 'screenshots');
const require = createRequire(join(REPO, 'package.json'));

export function vitrinaBin() {
  const bin = process.env.VITRINA_BIN ? resolve(process.env.VITRINA_BIN) : join(REPO, 'build', 'generator', 'vitrina');
  if (!existsSync(bin)) throw new Error(`vitrina binary not found at ${bin}: build it and set VITRINA_BIN`);
  return bin;
}

const tempDirs = [];
export function tempDir(prefix) {
  const d = mkdtempSync(join(tmpdir(), `vitrina-browser-${prefix}-`));
  tempDirs.push(d);
  return d;
}
export function removeTempDirs() {
  for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

// Builds `site` (a folder with data/) into a new temporary folder and returns its path. The
// templates and theme under test are this checkout's (VITRINA_SHARE), whichever binary is used.
// The build writes the search index (search/) with the pages.
export function buildSite(site, name) {
  const out = join(tempDir(name), 'output');
  const env = { ...process.env, VITRINA_SHARE: process.env.VITRINA_SHARE || REPO, NO_COLOR: '1' };
  const r = spawnSync(vitrinaBin(), ['build', '--quiet', '--site', site, '--out', out], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vitrina build --site ${site} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return out;
}

export function htmlFiles(dir) {
  const found = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) found.push(p);
    }
  };
  walk(dir);
  return found.sort();
}

// One page of every type, by the `page-<template>` class the layout puts on <body>; the first
// such page in path order, except that an indicator with a chart is preferred.
export const PAGE_KINDS = ['home', 'site_dashboard', 'organisations', 'programme', 'indicators', 'indicator',
  'measures', 'dashboard', 'organisation', 'page', '404'];
export function pagesByKind(out) {
  const pick = {};
  for (const f of htmlFiles(out)) {
    const html = readFileSync(f, 'utf8');
    const kind = /<body class="page-([a-z_0-9]+)"/.exec(html)?.[1];
    if (!kind) continue;
    const rel = relative(out, f).split(sep).join('/');
    if (!pick[kind] || (kind === 'indicator' && !pick[kind].chart && html.includes('<svg'))) {
      pick[kind] = { path: rel, chart: html.includes('<svg') };
    }
  }
  return Object.fromEntries(Object.entries(pick).map(([k, v]) => [k, v.path]));
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8', '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm', '.png': 'image/png', '.ico': 'image/x-icon',
};

// A static file server on 127.0.0.1 and an ephemeral port. Folders serve index.html; a missing
// file gets 404.html with status 404, as a web server configured for the site would.
export async function serve(root) {
  const server = createServer((req, res) => {
    let path;
    try { path = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { res.writeHead(400).end(); return; }
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) { res.writeHead(403).end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    let status = 200;
    if (!existsSync(file)) { status = 404; file = join(root, '404.html'); }
    res.writeHead(status, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    if (req.method === 'HEAD') { res.end(); return; }
    createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(ok); }) };
}

export async function launchBrowser() {
  const { chromium } = require('playwright-core');
  // launch() gives every run a new, empty temporary profile (user-data-dir) and removes it on close.
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
  });
}

// Records what a page reports as broken: console errors, uncaught exceptions, failed requests
// and HTTP errors (the deliberate 404 page aside).
export function watch(page) {
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  // net::ERR_ABORTED is a request the page itself cancelled by navigating or reloading (a favicon
  // still loading when a link is followed: it made the low-vision test flaky in CI). A file that
  // is missing answers 404 (below) and a server that is down fails otherwise, so nothing is lost.
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText || '';
    if (why !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${why}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('dialog', (d) => { problems.push(`dialog: ${d.type()} ${d.message()}`); d.dismiss().catch(() => {}); });
  return problems;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export async function axe(page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), WCAG_TAGS);
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
    v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 3).join(' ')}`).join('\n'));
}
