// Screenshots of every page type for docs/site-pages.md, made from the real site so they stay
// current: the demonstration region (examples/demo: facts, statuses, ratings) is built with this
// checkout's templates and theme, served on 127.0.0.1 and shown in Debian's Chromium at 360 px (a
// phone) and 1280 px (a desktop), saved as docs/img/site-<type>-<width>.jpg: at 1280 px the first
// screen, at 360 px the content from the top of <main> (the header is in the 1280 px pictures).
// Run through scripts/site-screenshots.sh.
import { join } from 'node:path';
import { PAGE_KINDS, REPO, buildSite, launchBrowser, pagesByKind, removeTempDirs, serve } from './helpers.mjs';

const SCREEN_WIDTHS = { 360: 1100, 1280: 800 };  // width: height of the picture
const screenshotPath = (kind, width) => join(REPO, 'docs', 'img', `site-${kind}-${width}.jpg`);

const out = buildSite(join(REPO, 'examples', 'demo'), 'screenshots');
const kinds = pagesByKind(out);
const server = await serve(out);
const browser = await launchBrowser();
try {
  for (const [width, height] of Object.entries(SCREEN_WIDTHS)) {
    const context = await browser.newContext({ viewport: { width: +width, height }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const kind of PAGE_KINDS) {
      if (!kinds[kind]) throw new Error(`the demo site has no ${kind} page`);
      await page.goto(server.url + kinds[kind], { waitUntil: 'load' });
      const top = +width < 768 ? await page.locator('main').evaluate((m) => m.getBoundingClientRect().top + scrollY) : 0;
      const full = await page.evaluate(() => document.documentElement.scrollHeight);
      const clip = { x: 0, y: top, width: +width, height: Math.min(height, full - top) };
      await page.screenshot({ path: screenshotPath(kind, width), type: 'jpeg', quality: 70, fullPage: true, clip });
      console.log(screenshotPath(kind, width).slice(REPO.length + 1));
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
  removeTempDirs();
}
