// The dashboard's Force view in a real browser (Debian's chromium, headless, playwright-core)
// against the real `reassure serve` on 127.0.0.1 over a temporary SQLite store holding the
// coalition scenario and a small marked one (tests/engine/marked: pledges released to some
// nations only), and users of two nations. The figures on screen are the API's plan (fill,
// shortfalls, burden), the map draws the theatre's sites, the contact line and one symbol per
// assignment shown, a user of another nation sees none of the pledges not released to it, the
// view works from the keyboard, axe-core finds no serious or critical WCAG 2 A/AA violation,
// a phone's viewport needs no horizontal scrolling, and a screenshot is written.
//   node --test tests/web/force.test.mjs   with REASSURE_BINARY, REASSURE_WEB, REASSURE_SCENARIO,
//   REASSURE_MARKED (tests/engine/marked/scenario.yaml), REASSURE_SCREENSHOT (the PNG to write;
//   the phone's is beside it, force-phone.png, and the whole page's, force-page.png) and optionally CHROMIUM (default /usr/bin/chromium)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { env, expectAccessible, launchBrowser, run, serve } from './harness.mjs';

const binary = env('REASSURE_BINARY');
const web = env('REASSURE_WEB');
const scenario = env('REASSURE_SCENARIO');
const marked = env('REASSURE_MARKED');
const screenshot = env('REASSURE_SCREENSHOT');
const phoneScreenshot = join(dirname(screenshot), 'force-phone.png');

const STEP_MS = 10000;  // every wait in the page is bounded by this
const PLAN_MS = 40000;  // a plan not in the cache yet is solved (Prefer: wait=30)
const LINE_COLOUR = '#b2182b';  // the contact line's stroke (web/src/forcemap.js)
let folder, server, base, browser, page;
const tokens = {};



async function api(path, token, { body } = {}) {
  const response = await fetch(base + path, {
    method: body ? 'POST' : 'GET',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Prefer: 'wait=30' },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(PLAN_MS),
  });
  assert.equal(response.status, 200, path);
  return response.json();
}

// The plan a user may see, as the API gives it (the job's result).
async function planOf(name, variant, token) {
  const job = await api(`/scenarios/${name}/versions/1/plans`, token, { body: { variant } });
  assert.equal(job.state, 'done');
  return job.result;
}

async function signedInPage(viewport, hash, token) {
  const tab = await browser.newPage({ viewport });
  tab.setDefaultTimeout(STEP_MS);
  await tab.route('**/*', (route) =>
    route.request().url().startsWith(base) ? route.continue() : route.abort());
  await tab.goto(`${base}/${hash}`, { timeout: STEP_MS });
  await tab.fill('#token', token);
  await tab.click('button[type=submit]');
  await tab.waitForSelector('#force', { state: 'visible' });
  return tab;
}

// The view once it shows the plan of `variant` and the map has drawn what it was last given.
async function shown(on, variant) {
  await on.waitForSelector(`#force[data-plan="${variant}"]`, { timeout: PLAN_MS });
  await on.waitForFunction(() => {
    const map = document.getElementById('force-map');
    return map.dataset.generation && map.dataset.rendered === map.dataset.generation;
  }, null, { timeout: STEP_MS }).catch(async (error) => {
    const map = await on.$eval('#force-map', (m) => JSON.stringify({ ...m.dataset, w: m.clientWidth, h: m.clientHeight }));
    throw new Error(`${error.message}; the map: ${map}`);
  });
}

// A table's cells, row by row, as text.
function tableRows(on, selector) {
  return on.$$eval(`${selector} tbody tr`, (rows) =>
    rows.map((row) => [...row.cells].map((cell) => cell.textContent)));
}

const percentText = (rate) => `${(Math.round(rate * 1000) / 10).toFixed(1)} %`;
const numberText = (value) => (Number.isInteger(value) ? String(value) : value.toFixed(2));

function pixelsOf(on, colour) {
  return on.evaluate((hex) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    let count = 0;
    for (const canvas of document.querySelectorAll('#force-map canvas')) {
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < data.length; i += 4)
        if (Math.abs(data[i] - r) < 3 && Math.abs(data[i + 1] - g) < 3 && Math.abs(data[i + 2] - b) < 3) count++;
    }
    return count;
  }, colour);
}


before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'reassure-force-'));
  const db = `sqlite:${join(folder, 'hq.db')}`;
  const user = (name, nation, role) => /token: ([0-9a-f]{64})/.exec(
    run(binary, ['user', 'add', name, '--nation', nation, '--role', role, '--db', db]))[1];
  tokens.fr = user('anne', 'FR', 'planner');
  tokens.it = user('ilaria', 'IT', 'observer');
  run(binary, ['scenario', 'add', 'coalition', scenario, '--db', db]);
  run(binary, ['scenario', 'add', 'marked', marked, '--db', db]);
  ({ child: server, url: base } = await serve(binary, db, web));
  browser = await launchBrowser();
  page = await signedInPage({ width: 1280, height: 800 },
                            '#view=force&scenario=coalition&version=1&variant=base&rotation=all', tokens.fr);
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('the Force view shows the API\'s plan: fill, shortfalls, burden, on the map too', async () => {
  const [plan, theatre] = await Promise.all([
    planOf('coalition', 'base', tokens.fr),
    api('/scenarios/coalition/versions/1/theatre', tokens.fr)]);
  await shown(page, 'base');
  const f = plan.forcegen;
  assert.equal(await page.textContent('#force-fill'), percentText(f.fill_rate));
  assert.equal(await page.textContent('#force-filled-personnel'), numberText(f.fill.total.filled_personnel));
  assert.equal(await page.textContent('#force-required-personnel'), numberText(f.fill.total.required_personnel));
  assert.equal(Number(await page.textContent('#force-shortfall-count')), f.shortfalls.length);
  assert.ok(f.shortfalls.length > 0, 'the coalition plan has shortfalls to show');

  const domains = await tableRows(page, '[data-table="fill-by-domain"]');
  assert.deepEqual(domains.map((r) => [r[0], Number(r[1]), Number(r[2])]),
                   f.fill.by_domain.map((d) => [d.key, d.required_units, d.filled_units]));
  const rotations = await tableRows(page, '[data-table="fill-by-rotation"]');
  assert.deepEqual(rotations.map((r) => [r[0], r[1], Number(r[2]), Number(r[3])]),
                   f.fill.by_rotation.map((d) => [d.key, `${d.start} to ${d.end}`, d.required_units, d.filled_units]));
  const burden = await tableRows(page, '[data-table="burden"]');
  assert.deepEqual(burden.map((r) => [r[0], Number(r[2]), Number(r[3]), r[5]]),
                   f.burden.map((b) => [b.nation, b.personnel_rotations, b.peak_personnel, percentText(b.share)]));
  const shortfalls = await tableRows(page, '[data-table="shortfalls"]');
  assert.deepEqual(shortfalls.map((r) => [r[0], Number(r[4]), Number(r[6]), r[7]]),
                   f.shortfalls.map((s) => [s.requirement, s.rotation, s.missing_units, s.why]));
  // Each chart draws one bar per figure of its table.
  assert.equal(await page.locator('[data-chart="fill-by-domain"] rect[data-value]').count(), 3 * f.fill.by_domain.length);
  assert.deepEqual(await page.$$eval('[data-chart="fill-by-rotation"] rect[data-value]', (bars) => bars.map((b) => Number(b.dataset.value))),
                   f.fill.by_rotation.flatMap((r) => [r.required_units, r.filled_units, r.required_units - r.filled_units]));
  assert.equal(await page.locator('[data-chart="burden"] rect[data-value]').count(), f.burden.length);

  // The map: the theatre's sites and line, one symbol per assignment shown (every rotation).
  const sites = theatre.features.filter((x) => x.properties.kind === 'site').length;
  assert.equal(Number(await page.getAttribute('#force-map', 'data-sites')), sites);
  assert.ok(Number(await page.getAttribute('#force-map', 'data-lines')) >= 1);
  assert.equal(Number(await page.getAttribute('#force-map', 'data-symbols')), f.assignments.length);
  assert.equal((await tableRows(page, '[data-table="units"]')).length, f.assignments.length);
  assert.ok(await pixelsOf(page, LINE_COLOUR) > 300, 'the contact line is drawn on the canvas');

  // Filtered to the first rotation: the symbols are that rotation's assignments, the hash says so.
  await page.selectOption('#force-rotation', '1');
  await shown(page, 'base');
  const first = f.assignments.filter((a) => a.rotation === 1);
  assert.equal(Number(await page.getAttribute('#force-map', 'data-symbols')), first.length);
  assert.equal((await tableRows(page, '[data-table="units"]')).length, first.length);
  assert.match(await page.evaluate(() => location.hash), /[#&]view=force&.*rotation=1/);
  // The mouse on a symbol names the unit it stands for.
  const [x, y] = (await page.getAttribute('#force-map', 'data-first-symbol')).split(',').map(Number);
  const box = await page.locator('#force-map').boundingBox();
  await page.mouse.move(box.x + x, box.y + y);
  await page.waitForSelector('#force-map .map-tip:not([hidden])');
  const tips = first.map((a) => `${a.nation} ${a.capability} (${a.pledge}): ${a.units} at ${a.site}, rotation ${a.rotation}`);
  assert.ok(tips.includes(await page.textContent('#force-map .map-tip')));
  await page.mouse.move(0, 0);
  await page.waitForSelector('#force-map .map-tip', { state: 'hidden' });
  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, timeout: STEP_MS });
  // The whole page, charts and tables below the map.
  await page.screenshot({ path: join(dirname(screenshot), 'force-page.png'), fullPage: true, timeout: STEP_MS });
  await expectAccessible(page, 'Force view');
});

test('a shortfall shows, from the keyboard, the pledges that could have filled it', async () => {
  const plan = await planOf('coalition', 'base', tokens.fr);
  await page.selectOption('#force-rotation', 'all');
  await shown(page, 'base');
  const f = plan.forcegen;
  // The first shortfall whose capability has pledges left out of the plan, if any; else the first.
  const index = Math.max(0, f.shortfalls.findIndex((s) => f.excluded.some((e) => e.capability === s.capability)));
  const s = f.shortfalls[index];
  await page.focus(`[data-table="shortfalls"] button[data-shortfall="${index}"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#force-candidates-title');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'force-candidates-title');
  const excluded = f.excluded.filter((e) => e.capability === s.capability);
  const elsewhere = f.assignments.filter((a) => a.capability === s.capability && a.rotation === s.rotation &&
                                               a.requirement !== s.requirement);
  assert.equal(Number(await page.getAttribute('#force-candidates', 'data-excluded')), excluded.length);
  assert.equal(Number(await page.getAttribute('#force-candidates', 'data-elsewhere')), elsewhere.length);
  const listed = await tableRows(page, '#force-candidates [data-table="excluded"]');
  assert.deepEqual(listed.map((r) => [r[0], r[1], r[3]]), excluded.map((e) => [e.pledge, e.nation, e.reason]));
  await expectAccessible(page, 'Force view with a shortfall\'s pledges');

  // The burden's table exports as CSV: a header and a line per nation, the API's shares.
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: STEP_MS }),
    page.click('[data-figure="burden"] .exports button:has-text("CSV")')]);
  const csv = readFileSync(await download.path(), 'utf-8').replace(/^\ufeff/, '').trim().split('\r\n');
  assert.equal(csv.length, f.burden.length + 1);
  assert.equal(csv[1].split(',')[0], f.burden[0].nation);
  assert.equal(Number(csv[1].split(',').at(-1)), f.burden[0].share);
  // The chart exports as SVG and PNG.
  const [svg] = await Promise.all([page.waitForEvent('download', { timeout: STEP_MS }),
                                   page.click('[data-figure="burden"] .exports button:has-text("SVG")')]);
  assert.match(readFileSync(await svg.path(), 'utf-8'), /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  const [png] = await Promise.all([page.waitForEvent('download', { timeout: STEP_MS }),
                                   page.click('[data-figure="burden"] .exports button:has-text("PNG")')]);
  assert.deepEqual([...readFileSync(await png.path()).subarray(1, 4)], [...Buffer.from('PNG')]);
});

test('a user of another nation sees none of the pledges not released to it', async () => {
  const [fr, it] = await Promise.all([planOf('marked', 'base', tokens.fr), planOf('marked', 'base', tokens.it)]);
  // The scenario's markings (tests/engine/marked): de-coy is released to DE and FR (aggregated
  // for others), pl-coy to PL only (withheld).
  assert.ok(fr.forcegen.assignments.some((a) => a.pledge === 'de-coy'));
  const tab = await signedInPage({ width: 1280, height: 800 },
                                 '#view=force&scenario=marked&version=1&variant=base&rotation=all', tokens.it);
  try {
    await shown(tab, 'base');
    const units = await tableRows(tab, '[data-table="units"]');
    const pledges = units.map((r) => r[8]);
    assert.deepEqual(pledges, it.forcegen.assignments.map((a) => a.pledge));
    assert.ok(!pledges.includes('de-coy') && !pledges.includes('pl-coy'), pledges.join());
    assert.ok(pledges.includes('restricted'), 'the aggregated pledge is one restricted row');
    assert.ok(!units.some((r) => r[1] === 'PL' || r[1] === 'DE'), 'no restricted nation named');
    const text = await tab.textContent('#force');
    assert.ok(!text.includes('pl-coy') && !text.includes('de-coy'), 'no restricted pledge anywhere in the view');
    assert.equal(await tab.textContent('#force-fill'), percentText(it.forcegen.fill_rate));
    assert.equal(Number(await tab.getAttribute('#force-map', 'data-symbols')), it.forcegen.assignments.length);
    const burden = await tableRows(tab, '[data-table="burden"]');
    assert.deepEqual(burden.map((r) => r[0]), it.forcegen.burden.map((b) => b.nation));
  } finally {
    await tab.close();
  }
  // France, to whom de-coy is released, sees it by name.
  const own = await signedInPage({ width: 1280, height: 800 },
                                 '#view=force&scenario=marked&version=1&variant=base&rotation=all', tokens.fr);
  try {
    await shown(own, 'base');
    const pledges = (await tableRows(own, '[data-table="units"]')).map((r) => r[8]);
    assert.ok(pledges.includes('de-coy') && !pledges.includes('pl-coy'), pledges.join());
  } finally {
    await own.close();
  }
});

test('a variant is chosen from the list the theatre gives, and planned', async () => {
  const theatre = await api('/scenarios/coalition/versions/1/theatre', tokens.fr);
  const options = await page.$$eval('#force-variant option', (list) => list.map((o) => o.value));
  assert.deepEqual(options, theatre.variants.map((v) => v.name));
  const variant = 'germany-commits';
  const plan = await planOf('coalition', variant, tokens.fr);
  await page.selectOption('#force-variant', variant);
  await shown(page, variant);
  assert.equal(await page.textContent('#force-fill'), percentText(plan.forcegen.fill_rate));
  assert.match(await page.evaluate(() => location.hash), new RegExp(`variant=${variant}`));
  await page.selectOption('#force-variant', 'base');
  await shown(page, 'base');
  // Another scenario: its own versions, theatre and plan (the fill differs from the coalition's).
  const marked = await planOf('marked', 'base', tokens.fr);
  await page.selectOption('#force-scenario', 'marked');
  await page.waitForFunction((text) => document.getElementById('force-fill')?.textContent === text &&
    document.getElementById('force').dataset.plan === 'base', percentText(marked.forcegen.fill_rate));
  await shown(page, 'base');
  assert.equal(Number(await page.getAttribute('#force-map', 'data-sites')), 1);
  assert.match(await page.evaluate(() => location.hash), /scenario=marked/);
  await page.selectOption('#force-scenario', 'coalition');
  await page.waitForFunction(() => document.getElementById('force-map').dataset.sites !== '1');
  await shown(page, 'base');
});

test('a plan still being solved shows its job\'s progress until it ends', async () => {
  // The request is made not to wait (Prefer: wait=0), so that a plan not yet in the cache
  // answers 202 with its job, which the page follows at GET /jobs/{id}.
  await page.route('**/plans', (route) =>
    route.continue({ headers: { ...route.request().headers(), prefer: 'wait=0' } }));
  try {
    await page.evaluate(() => {
      window.progressSeen = [];
      const holder = document.getElementById('force-progress');
      new MutationObserver(() => {
        if (!holder.hidden) window.progressSeen.push(document.getElementById('force-progress-text').textContent);
      }).observe(holder, { attributes: true, childList: true, subtree: true, characterData: true });
    });
    const variant = 'two-year-mission';
    await page.selectOption('#force-variant', variant);
    await shown(page, variant);
    const seen = await page.evaluate(() => window.progressSeen);
    assert.ok(seen.some((text) => new RegExp(`^Planning ${variant} \\((queued|running)\\): \\d+ of \\d+ parts`).test(text)),
              `progress shown: ${JSON.stringify(seen)}`);
    assert.equal(await page.isVisible('#force-progress'), false);
    const plan = await planOf('coalition', variant, tokens.fr);
    assert.equal(await page.textContent('#force-fill'), percentText(plan.forcegen.fill_rate));
  } finally {
    await page.unroute('**/plans');
  }
  await page.selectOption('#force-variant', 'base');
  await shown(page, 'base');
});

test('the views switch from the keyboard, and the controls take focus in order', async () => {
  await page.focus('#views a[data-view="coalition"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#coalition', { state: 'visible' });
  assert.equal(await page.isVisible('#force'), false);
  assert.equal(await page.getAttribute('#views a[data-view="coalition"]', 'aria-current'), 'page');
  assert.doesNotMatch(await page.evaluate(() => location.hash), /view=/);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.view), 'force');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#force', { state: 'visible' });
  await shown(page, 'base');
  assert.match(await page.evaluate(() => location.hash), /view=force/);
  await page.focus('#force-scenario');
  const order = [];
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate(() => document.activeElement.id));
  }
  assert.deepEqual(order, ['force-version', 'force-variant', 'force-rotation', 'force-nation', 'force-domain']);
});

test('on a phone (390x844) the Force view needs no horizontal scrolling', async () => {
  const phone = await signedInPage({ width: 390, height: 844 },
                                   '#view=force&scenario=coalition&version=1&variant=base&rotation=1', tokens.fr);
  try {
    await shown(phone, 'base');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page is ${width} px wide`);
    const map = await phone.locator('#force-map').boundingBox();
    assert.ok(map.width >= 300 && map.height >= 300 && map.x >= 0 && map.x + map.width <= 390,
              `the map is ${JSON.stringify(map)}`);
    await phone.screenshot({ path: phoneScreenshot, timeout: STEP_MS });
  } finally {
    await phone.close();
  }
});
