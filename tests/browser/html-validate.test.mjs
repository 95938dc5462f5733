// html-validate (config .htmlvalidate.json: html-validate:recommended with the relaxations
// explained in README.md) reports no error on any generated page of the bundled site, the
// demonstration region and the minimal fixture.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { REPO, buildSite, htmlFiles, removeTempDirs } from './helpers.mjs';

const require = createRequire(join(REPO, 'package.json'));
const { HtmlValidate, StaticConfigLoader } = require('html-validate');

after(() => removeTempDirs());

const SITES = [
  ['bundled', REPO],
  ['demo', join(REPO, 'examples', 'demo')],
  ['minimal', join(REPO, 'tests', 'fixtures', 'minimal')],
];

for (const [name, dir] of SITES) {
  test(`html-validate: no errors on any page of the ${name} site`, async () => {
    const config = require(join(REPO, '.htmlvalidate.json'));
    const validator = new HtmlValidate(new StaticConfigLoader(config));
    const out = buildSite(dir, name);
    const files = htmlFiles(out);
    assert.ok(files.length > 5, `pages: ${files.length}`);
    const errors = [];
    for (const f of files) {
      const report = await validator.validateFile(f);
      for (const r of report.results)
        for (const m of r.messages)
          if (m.severity === 2) errors.push(`${relative(out, f)}:${m.line}:${m.column} [${m.ruleId}] ${m.message}`);
    }
    assert.deepEqual(errors.slice(0, 40), [], `${errors.length} errors`);
  });
}
