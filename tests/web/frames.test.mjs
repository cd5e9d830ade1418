// 20,000 military symbols on the theatre's map, panned and zoomed in a real browser, with the
// time of every frame measured. The harness is the report of `reassure plan --out` (it draws the
// theatre with the Force view's own map, TheatreMap): its data are rewritten to hold 2,000 sites
// spread over the theatre and 20,000 units of the first rotation at them, then the page is
// dragged and zoomed with the mouse while requestAnimationFrame records each frame's time.
// Printed: the frames, their median, 95th percentile and longest, and those over 50 ms; held to
// (in the release build): median under 20 ms and at most 10 % of the frames over 50 ms.
//   node --test tests/web/frames.test.mjs   with REASSURE_BINARY, REASSURE_TIMING and optionally
//   CHROMIUM (default /usr/bin/chromium)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { env, launchBrowser, TIMED } from './harness.mjs';

const binary = env('REASSURE_BINARY');
const SYMBOLS = 20000, SITES = 2000;
const STEP_MS = 60000;

let folder, browser;

// A small deterministic generator (the same page every run).
function random(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

// The report's data with SITES sites over the theatre's lines and zones and SYMBOLS units.
function crowded(html) {
  const open = '<script type="application/json" id="report-data">';
  const start = html.indexOf(open) + open.length, end = html.indexOf('</script>', start);
  const data = JSON.parse(html.slice(start, end));
  const next = random(7);
  const features = data.theatre.features.filter((f) => f.properties.kind !== 'site');
  const domains = ['land', 'air', 'maritime', 'logistics', 'monitoring', 'enablers', 'training'];
  const nations = ['FR', 'GB', 'DE', 'PL', 'IT', 'TR', 'NL', 'SE'];
  for (let i = 0; i < SITES; i++)
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [30 + 9 * next(), 46 + 5 * next()] },
                    properties: { kind: 'site', id: `site-${i}`, label: `site ${i}` } });
  data.theatre.features = features;
  const first = data.plan.forcegen.assignments[0];
  data.plan.forcegen.assignments = Array.from({ length: SYMBOLS }, (_, i) => ({
    ...first, pledge: `pledge-${i}`, site: `site-${i % SITES}`, rotation: 1,
    nation: nations[Math.floor(next() * nations.length)], domain: domains[Math.floor(next() * domains.length)] }));
  const text = JSON.stringify(data).replaceAll('<', '\\u003c');
  return html.slice(0, start) + text + html.slice(end);
}

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'reassure-frames-'));
  execFileSync(binary, ['plan', '--out', join(folder, 'out')], { encoding: 'utf-8', timeout: 60000 });
  const page = join(folder, 'out', 'report.html');
  writeFileSync(join(folder, 'out', 'crowded.html'), crowded(readFileSync(page, 'utf-8')));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('20,000 symbols pan and zoom with frames measured', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(STEP_MS);
  await page.goto(pathToFileURL(join(folder, 'out', 'crowded.html')).href, { timeout: STEP_MS });
  await page.waitForSelector('#force-map[data-symbols]');
  assert.equal(Number(await page.getAttribute('#force-map', 'data-symbols')), SYMBOLS);
  await page.evaluate(() => document.getElementById('force-map').scrollIntoView());
  await page.waitForTimeout(1000);  // the first drawing of the symbols is not a frame of panning
  const box = await page.locator('#force-map').boundingBox();
  await page.evaluate(() => {
    window.frameTimes = [];
    let last = performance.now();
    const frame = (now) => {
      window.frameTimes.push(now - last);
      last = now;
      if (!window.stopFrames) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  const x = box.x + box.width / 2, y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 0; i < 60; i++) await page.mouse.move(x + 200 * Math.sin(i / 10), y + 100 * Math.cos(i / 10));
  await page.mouse.up();
  for (let i = 0; i < 10; i++) {
    await page.mouse.wheel(0, i < 5 ? -120 : 120);
    await page.waitForTimeout(100);
  }
  await page.waitForTimeout(500);
  const times = await page.evaluate(() => {
    window.stopFrames = true;
    return window.frameTimes.slice(1);
  });
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.floor(q * (sorted.length - 1))];
  const slow = times.filter((t) => t > 50).length;
  console.log(`# ${SYMBOLS} symbols: ${times.length} frames while panning and zooming, median ` +
              `${at(0.5).toFixed(1)} ms, 95th percentile ${at(0.95).toFixed(1)} ms, longest ` +
              `${sorted.at(-1).toFixed(1)} ms, ${slow} over 50 ms`);
  assert.ok(times.length > 60, `only ${times.length} frames`);
  if (TIMED) {
    assert.ok(at(0.5) < 20, `median frame ${at(0.5)} ms`);
    assert.ok(slow <= times.length / 10, `${slow} of ${times.length} frames over 50 ms`);
  }
  await page.close();
});
