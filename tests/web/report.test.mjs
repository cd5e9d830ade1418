// The report of `reassure plan --out` in a real browser, opened from its file with no server:
// Debian's chromium, headless, driven by playwright-core. The page asks nothing of any network
// (every request is refused and counted), the map draws the countries in the positions' colours
// from the data the page carries, the counts and legend equal coalition.json written beside it,
// the theatre's map draws the first rotation's units as symbols and the plan's charts are
// there with their tables, the static tables are still there, axe-core finds no serious or critical WCAG 2 A/AA
// violation, and a screenshot is written.
//   node --test tests/web/report.test.mjs   with REASSURE_BINARY, REASSURE_SCREENSHOT_DIR and
//   optionally CHROMIUM (default /usr/bin/chromium)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { env, expectAccessible, launchBrowser } from './harness.mjs';

const binary = env('REASSURE_BINARY');
const screenshots = env('REASSURE_SCREENSHOT_DIR');
const STEP_MS = 10000;

let folder, browser, page;
const asked = [];

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'reassure-report-'));
  execFileSync(binary, ['plan', '--out', join(folder, 'out')], { encoding: 'utf-8', timeout: 60000 });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(STEP_MS);
  // The report opens offline: anything but the file itself is refused and remembered.
  const self = pathToFileURL(join(folder, 'out', 'report.html')).href;
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === self) return route.continue();
    asked.push(url);
    return route.abort();
  });
});

after(async () => {
  await browser?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('the report opens from its file and draws the coalition map from the data it carries', async () => {
  const status = JSON.parse(readFileSync(join(folder, 'out', 'coalition.json'), 'utf-8'));
  await page.goto(pathToFileURL(join(folder, 'out', 'report.html')).href, { timeout: STEP_MS });
  await page.waitForSelector('#report-app', { state: 'visible' });
  await page.waitForSelector(`#map[data-rendered="${status.as_of}"]`);
  assert.equal(await page.textContent('#report-app .counts'),
               `${status.committed} committed of ${status.participants}`);
  assert.deepEqual(
    await page.$$eval('#legend li[data-position]', (items) => items.map((item) => ({
      position: item.dataset.position, participants: Number(item.querySelector('.count').textContent) }))),
    status.by_position.map((p) => ({ position: p.position, participants: p.participants })));
  assert.ok(Number(await page.getAttribute('#map', 'data-features')) > 150, 'the countries drawn');
  assert.ok(Number(await page.getAttribute('#map', 'data-coloured')) >= 20, 'the nations coloured');
  // The force: the first rotation's units as symbols on the theatre's map, and the plan's charts
  // with their tables, as the Force view draws them.
  const plan = JSON.parse(readFileSync(join(folder, 'out', 'plan.json'), 'utf-8')).forcegen;
  const first = Math.min(...plan.assignments.map((a) => a.rotation));
  await page.waitForSelector('#force-map[data-symbols]');
  assert.equal(Number(await page.getAttribute('#force-map', 'data-symbols')),
               plan.assignments.filter((a) => a.rotation === first).length);
  assert.ok(Number(await page.getAttribute('#force-map', 'data-sites')) > 0, 'the sites drawn');
  assert.deepEqual(await page.$$eval('#report-figures .figure', (nodes) => nodes.map((n) => n.dataset.figure)),
                   ['fill-by-domain', 'fill-by-rotation', 'burden']);
  assert.equal(await page.$$eval('[data-table="burden"] tbody tr', (rows) => rows.length), plan.burden.length);
  // The tables that need no script are still there.
  assert.ok(await page.isVisible('h2:has-text("Force generation")'));
  assert.deepEqual(asked, [], 'the report asked nothing of any network');

  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, 'report.png'), timeout: STEP_MS });
  await expectAccessible(page, 'report.html');
});
