// The dashboard in a real browser: Debian's chromium, headless, driven by playwright-core, against
// the real `reassure serve` on 127.0.0.1 (a free port) over a temporary SQLite store holding one
// user and the coalition scenario. The page loads, sign-in works (and a wrong token is refused),
// the counts on screen are the API's own for 2025-09-04 and 2026-01-06, the map draws the
// countries with the nations in their positions' colours, axe-core finds no serious or critical
// WCAG 2 A/AA violation, a phone's viewport needs no horizontal scrolling, and screenshots are
// written.
//   node --test tests/web/dashboard.test.mjs   with REASSURE_BINARY, REASSURE_WEB, REASSURE_SCENARIO,
//   REASSURE_SCREENSHOT (the PNG to write; the phone's is beside it, coalition-phone.png) and
//   optionally CHROMIUM (default /usr/bin/chromium)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { env, expectAccessible, launchBrowser, run, serve, TIMED } from './harness.mjs';

const binary = env('REASSURE_BINARY');
const web = env('REASSURE_WEB');
const scenario = env('REASSURE_SCENARIO');
// A second mission (UNDOF on the Golan): nothing of either is written into the dashboard.
const undof = env('REASSURE_SCENARIO_UNDOF');
const screenshot = env('REASSURE_SCREENSHOT');
const phoneScreenshot = join(dirname(screenshot), 'coalition-phone.png');

const STEP_MS = 10000;  // every wait in the page is bounded by this
let folder, server, base, token, browser, page;



async function api(path) {
  const response = await fetch(base + path, { headers: { Authorization: `Bearer ${token}` },
                                              signal: AbortSignal.timeout(STEP_MS) });
  assert.equal(response.status, 200, path);
  return response.json();
}

// The page's counts once it shows `date`, and the map has drawn that date.
async function shown(date, on = page) {
  await on.waitForSelector(`#coalition[data-as-of="${date}"]`, { timeout: STEP_MS });
  await on.waitForSelector(`#map[data-rendered="${date}"]`, { timeout: STEP_MS });
  return {
    committed: Number(await on.textContent('#committed')),
    participants: Number(await on.textContent('#participants')),
    legend: await on.$$eval('#legend li[data-position]', (items) => items.map((item) => ({
      position: item.dataset.position, participants: Number(item.querySelector('.count').textContent) }))),
    hash: await on.evaluate(() => location.hash),
  };
}

function expectApiNumbers(onScreen, status) {
  assert.equal(onScreen.committed, status.committed);
  assert.equal(onScreen.participants, status.participants);
  assert.deepEqual(onScreen.legend, status.by_position.map((p) => ({ position: p.position,
                                                                     participants: p.participants })));
}

// Pixels of the map's canvas in `colour` (#rrggbb), counted in the page.
function pixelsOf(colour) {
  return page.evaluate((hex) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    let count = 0;
    for (const canvas of document.querySelectorAll('#map canvas')) {
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < data.length; i += 4)
        if (Math.abs(data[i] - r) < 3 && Math.abs(data[i + 1] - g) < 3 && Math.abs(data[i + 2] - b) < 3) count++;
    }
    return count;
  }, colour);
}


// A signed-in page of its own (a tab's sessionStorage is its own) at `viewport`, offline.
async function signedInPage(viewport, hash) {
  const tab = await browser.newPage({ viewport });
  tab.setDefaultTimeout(STEP_MS);
  await tab.route('**/*', (route) =>
    route.request().url().startsWith(base) ? route.continue() : route.abort());
  await tab.goto(`${base}/${hash}`, { timeout: STEP_MS });
  await tab.fill('#token', token);
  await tab.click('button[type=submit]');
  await tab.waitForSelector('#coalition', { state: 'visible' });
  return tab;
}

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'reassure-web-'));
  const db = `sqlite:${join(folder, 'hq.db')}`;
  token = /token: ([0-9a-f]{64})/.exec(run(binary, ['user', 'add', 'anne', '--nation', 'FR', '--role',
                                             'planner', '--db', db]))[1];
  run(binary, ['scenario', 'add', 'coalition', scenario, '--db', db]);
  run(binary, ['scenario', 'add', 'undof', undof, '--db', db]);
  ({ child: server, url: base } = await serve(binary, db, web));
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(STEP_MS);
  // Offline: the page may ask only its own server.
  await page.route('**/*', (route) =>
    route.request().url().startsWith(base) ? route.continue() : route.abort());
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('a wrong token is refused with the API\'s message', async () => {
  await page.goto(`${base}/`, { timeout: STEP_MS });
  assert.equal(await page.title(), 'reassure — coalition dashboard');
  await page.fill('#token', '0'.repeat(64));
  await page.press('#token', 'Enter');
  await page.waitForSelector('#sign-in-error:has-text("auth.invalid")');
  assert.equal(await page.isVisible('#coalition'), false);
  await expectAccessible(page, 'sign-in page');
});

test('signed in, the counts are the API\'s for 2025-09-04 and 2026-01-06, on the map too', async () => {
  const [early, late] = await Promise.all([
    api('/scenarios/coalition/versions/1/status?as_of=2025-09-04'),
    api('/scenarios/coalition/versions/1/status?as_of=2026-01-06')]);
  assert.notEqual(early.committed, late.committed, 'the two dates should differ');

  await page.goto(`${base}/#scenario=coalition&version=1&date=2025-09-04`, { timeout: STEP_MS });
  await page.fill('#token', token);
  await page.click('button[type=submit]');
  await page.waitForSelector('#coalition', { state: 'visible' });
  assert.equal(await page.textContent('#who'), 'anne (FR, planner)');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('reassure.token')), token);
  const first = await shown('2025-09-04');
  expectApiNumbers(first, early);
  assert.equal(first.hash, '#scenario=coalition&version=1&date=2025-09-04');

  // A date typed in the date field.
  await page.fill('#date', '2026-01-06');
  await page.dispatchEvent('#date', 'change');
  const second = await shown('2026-01-06');
  expectApiNumbers(second, late);
  assert.equal(second.hash, '#scenario=coalition&version=1&date=2026-01-06');
  assert.match(await page.textContent('#counts'),
               new RegExp(`${late.committed}\\s+committed of\\s+${late.participants}`));

  // The map: every country of world-atlas loaded, the status's nations among them coloured,
  // and the committed colour on the canvas.
  const features = Number(await page.getAttribute('#map', 'data-features'));
  const coloured = Number(await page.getAttribute('#map', 'data-coloured'));
  assert.ok(features > 150, `countries drawn: ${features}`);
  assert.ok(coloured >= 20, `nations on the map: ${coloured}`);
  const committedColour = await page.getAttribute('#legend li[data-position="committed"] .swatch', 'data-colour');
  assert.ok(await pixelsOf(committedColour) > 2000, 'committed nations filled on the canvas');

  // The statements behind the positions: one row per nation, with the API's date and source.
  const rows = await page.$$eval('#nations tbody tr', (trs) => trs.map((tr) => ({
    code: tr.dataset.code, cells: [...tr.cells].map((td) => td.dataset.csv ?? td.textContent) })));
  assert.equal(rows.length, late.nations.length);
  for (const nation of late.nations) {
    const row = rows.find((r) => r.code === nation.code);
    assert.ok(row, `a row for ${nation.code}`);
    assert.equal(row.cells[0], nation.name);
    if (nation.statement) {
      assert.equal(row.cells[2], nation.statement.date);
      assert.equal(row.cells[3], nation.statement.summary);
      assert.equal(row.cells[5], nation.statement.source);
    }
  }

  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, timeout: STEP_MS });
  await expectAccessible(page, 'Coalition view');
});

test('on a phone (390x844) the view needs no horizontal scrolling, map and counts in sight', async () => {
  const phone = await signedInPage({ width: 390, height: 844 },
                                   '#scenario=coalition&version=1&date=2026-01-06');
  try {
    const status = await api('/scenarios/coalition/versions/1/status?as_of=2026-01-06');
    expectApiNumbers(await shown('2026-01-06', phone), status);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page is ${width} px wide`);
    for (const selector of ['#counts', '#map']) {
      const box = await phone.locator(selector).boundingBox();
      assert.ok(box && box.width > 0 && box.height > 0 && box.x >= 0 && box.x + box.width <= 390 &&
                box.y < 844,
                `${selector} on the first screen, within its width: ${JSON.stringify(box)}`);
    }
    // The map keeps most of the screen's width (beside the legend it was squeezed to a strip).
    const map = await phone.locator('#map').boundingBox();
    assert.ok(map.width >= 300 && map.height >= 300, `the map is ${map.width}x${map.height} px`);
    await phone.screenshot({ path: phoneScreenshot, timeout: STEP_MS });
  } finally {
    await phone.close();
  }
});

test('a shared address opens the view it names, the token kept for the tab', async () => {
  await page.goto(`${base}/#scenario=coalition&version=1&date=2025-09-04`, { timeout: STEP_MS });
  await page.reload({ timeout: STEP_MS });
  const status = await api('/scenarios/coalition/versions/1/status?as_of=2025-09-04');
  expectApiNumbers(await shown('2025-09-04'), status);
});

test('the slider replays the positions over time, day by day from the keyboard', async () => {
  // From 2025-09-04 (the previous test's view), a week earlier with seven presses of Left.
  await page.focus('#date-slider');
  for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowLeft');
  const status = await api('/scenarios/coalition/versions/1/status?as_of=2025-08-28');
  const onScreen = await shown('2025-08-28');
  expectApiNumbers(onScreen, status);
  assert.equal(await page.inputValue('#date'), '2025-08-28');
  assert.equal(onScreen.hash, '#scenario=coalition&version=1&date=2025-08-28');
});

test('keyboard focus follows the controls in order', async () => {
  await page.focus('#scenario');
  // The date field takes a Tab per part (day, month, year): consecutive repeats count once.
  const order = [];
  for (let i = 0; i < 8 && order.at(-1) !== 'play'; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement.id);
    if (order.at(-1) !== id) order.push(id);
  }
  assert.deepEqual(order, ['version', 'date', 'date-slider', 'play']);
  assert.equal(await page.getAttribute('#map', 'role'), 'img');
  assert.ok((await page.getAttribute('#map', 'aria-label')).length > 0);
});

// The pixel of a place on the map (its view is fixed: centre 15°E 52°N, zoom 3.4, Web Mercator).
async function pixelOf(on, lon, lat) {
  const box = await on.locator('#map').boundingBox();
  const mercator = (lo, la) => [lo * Math.PI / 180 * 6378137,
                                Math.log(Math.tan(Math.PI / 4 + la * Math.PI / 360)) * 6378137];
  const resolution = 2 * Math.PI * 6378137 / 256 / 2 ** 3.4;
  const [cx, cy] = mercator(15, 52), [x, y] = mercator(lon, lat);
  return { x: box.x + box.width / 2 + (x - cx) / resolution, y: box.y + box.height / 2 - (y - cy) / resolution };
}

test('a country clicked on the map shows its statement; the table exports as CSV', async () => {
  const status = await api('/scenarios/coalition/versions/1/status?as_of=2025-08-28');
  const france = status.nations.find((n) => n.code === 'FR');
  const { x, y } = await pixelOf(page, 2.5, 46.8);  // central France
  await page.mouse.click(x, y);
  await page.waitForSelector('#nations tr.selected[data-code="FR"]');
  assert.match(await page.textContent('#nation-detail'), new RegExp(`^${france.name}: ${france.label}`));
  assert.equal(await page.evaluate(() => document.activeElement.dataset.code), 'FR');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-nations')]);
  assert.equal(download.suggestedFilename(), 'coalition-v1-positions-2025-08-28.csv');
  const text = readFileSync(await download.path(), 'utf-8').replace(/^\ufeff/, '');
  const lines = text.trimEnd().split('\r\n');
  assert.equal(lines[0], 'Nation,Position,Date,What was said,Basis,Source');
  assert.equal(lines.length, status.nations.length + 1);
  assert.ok(lines.some((line) => line.startsWith(`${france.name},`)), 'France in the CSV');

  const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-map')]);
  assert.equal(png.suggestedFilename(), 'coalition-v1-map-2025-08-28.png');
  const bytes = readFileSync(await png.path());
  assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG file');
});

test('any mission: the UNDOF scenario shows its own counts, chosen from the list', async () => {
  const versions = await api('/scenarios/undof/versions');
  const status = await api(`/scenarios/undof/versions/${versions.at(-1).version}/status`);
  await page.selectOption('#scenario', 'undof');
  const onScreen = await shown(status.as_of);
  expectApiNumbers(onScreen, status);
  assert.match(onScreen.hash, /^#scenario=undof&version=\d+&date=/);
  assert.equal(await page.$$eval('#nations tbody tr', (rows) => rows.length), status.nations.length);
  await page.selectOption('#scenario', 'coalition');
  await shown((await api('/scenarios/coalition/versions/1/status')).as_of);
});

// The best of five: the machine running the tests runs others beside this one.
test('interactive within 1 s: from navigation to the counts and the map of a shared address', async () => {
  const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    tab.setDefaultTimeout(STEP_MS);
    // Requests are watched, not intercepted: playwright's interception sends each one through
    // this process and would be measured too. Any request elsewhere fails the test below.
    const elsewhere = [];
    tab.on('request', (request) => { if (!request.url().startsWith(base)) elsewhere.push(request.url()); });
    // A signed-in tab (the token in its session), opened on a shared address.
    await tab.addInitScript((t) => sessionStorage.setItem('reassure.token', t), token);
    const times = [];
    for (let i = 0; i < 5; i++) {
      if (i === 0) await tab.goto(`${base}/#scenario=coalition&version=1&date=2026-01-06`, { timeout: STEP_MS });
      else await tab.reload({ timeout: STEP_MS });
      await shown('2026-01-06', tab);
      await tab.waitForFunction(() => performance.getEntriesByName('reassure:interactive').length > 0);
      times.push(await tab.evaluate(() => performance.getEntriesByName('reassure:interactive')[0].startTime));
    }
    console.log(`# dashboard interactive after ${times.map((t) => t.toFixed(0)).join(', ')} ms ` +
                '(first load in this tab, then four reloads)');
    assert.deepEqual(elsewhere, [], 'the dashboard asks only its own server');
    if (TIMED) assert.ok(Math.min(...times) < 1000, `interactive after ${times.join(', ')} ms`);
  } finally {
    await tab.close();
  }
});
