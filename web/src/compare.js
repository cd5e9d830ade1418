// The Compare view: two or more variants of the chosen scenario version side by side, and
// "what if" a nation leaves or joins with a pledge, asked as a what-if (an inline variant,
// docs/api.md "What-ifs") and answered with the exact plan. Every figure is the API's own
// (POST .../comparisons; the job followed at GET /jobs/{id} with Prefer: wait while it solves),
// shown in tables with the cells that differ from the reference (the first variant) marked;
// each table exports as CSV. The address's hash holds the view, the variants and the what-if:
// #view=compare&scenario=..&version=..&variants=base,france-leaves&whatif=leaves:FR
import { apiGet, apiRequest, ApiError, segment } from './api.js';
import { downloadCsv } from './export.js';
import { updateHash } from './hash.js';

const $ = (id) => document.getElementById(id);

const state = { token: () => '', choices: null, request: 0, key: '' };

function hashParams() {
  return new URLSearchParams(location.hash.slice(1));
}
function version() {
  return { name: $('scenario').value, version: $('version').value };
}
function versionPath() {
  const { name, version: number } = version();
  return `/scenarios/${segment(name)}/versions/${segment(number)}`;
}

function showError(error) {
  $('compare-error').textContent = error ? (error instanceof ApiError ? `${error.message} (${error.code})`
                                                                     : String(error.message || error)) : '';
}

// The variants of the version as checkboxes, the nations and capabilities of the what-if forms.
async function loadChoices() {
  const { name, version: number } = version();
  if (!name || !number) return;
  const key = `${name}@${number}`;
  if (state.key === key && state.choices) return;
  state.choices = await apiGet(`${versionPath()}/variants`, state.token());
  state.key = key;
  const wanted = (hashParams().get('variants') || 'base').split(',').filter(Boolean);
  const boxes = state.choices.variants.map((variant, i) => {
    const item = document.createElement('li');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = `compare-variant-${i}`;
    box.value = variant.name;
    box.checked = wanted.includes(variant.name);
    const label = document.createElement('label');
    label.htmlFor = box.id;
    label.textContent = variant.name;
    const description = document.createElement('span');
    description.className = 'description';
    description.id = `compare-variant-${i}-description`;
    description.textContent = variant.description || '';
    box.setAttribute('aria-describedby', description.id);
    item.append(box, label, description);
    return item;
  });
  $('compare-variants').replaceChildren(...boxes);
  const nations = state.choices.nations.map((n) => new Option(`${n.name} (${n.code})`, n.code));
  $('whatif-leaves-nation').replaceChildren(...nations);
  $('whatif-joins-nation').replaceChildren(...nations.map((o) => new Option(o.text, o.value)));
  $('whatif-joins-capability').replaceChildren(
    ...state.choices.capabilities.map((c) => new Option(`${c.name} (${c.domain})`, c.id)));
  $('whatif-joins-from').max = String(state.choices.rotations);
  const whatIf = hashParams().get('whatif') || '';
  const [kind, nation] = whatIf.split(':');
  if (kind === 'leaves' && nation) $('whatif-leaves-nation').value = nation;
  $('whatif-leaves-nation').dispatchEvent(new Event('change'));
}

function checked() {
  return [...$('compare-variants').querySelectorAll('input:checked')].map((box) => box.value);
}

// A what-if of the hash: "leaves:FR" or "joins:PL:infantry-company:2:1".
function whatIfOf(text) {
  const [kind, nation, capability, quantity, from] = (text || '').split(':');
  if (kind === 'leaves' && nation) return { name: `${nation.toLowerCase()}-leaves`, description: `What if ${nation} leaves`, remove_nations: [nation] };
  if (kind === 'joins' && nation && capability) {
    const id = `${nation.toLowerCase()}-whatif-${capability}`;
    return {
      name: `${nation.toLowerCase()}-joins`,
      description: `What if ${nation} joins with ${quantity} × ${capability} from rotation ${from}`,
      add: { pledges: [{ id, nation, capability, quantity: Number(quantity), available_from: Number(from),
                         basis: 'assumption', source: 'what-if asked on the dashboard' }] },
    };
  }
  return null;
}

// Asks the comparison and follows its job until it is done, showing its progress.
async function solve(variants) {
  const path = `${versionPath()}/comparisons`;
  let { body: job } = await apiRequest(path, state.token(), { method: 'POST', body: { variants }, wait: 5 });
  while (job.state === 'queued' || job.state === 'running') {
    const p = job.progress;
    $('compare-progress').textContent = p
      ? `Solving ${p.variant} (${p.variant_index + 1} of ${p.variants}): ${p.components_done} of ${p.components} parts, ${p.seconds.toFixed(1)} s`
      : 'Queued';
    ({ body: job } = await apiRequest(`/jobs/${segment(job.id)}`, state.token(), { wait: 5 }));
  }
  if (job.state !== 'done' || !job.result || !job.result.compare) {
    const problem = job.result && job.result.problems && job.result.problems[0];
    throw new Error(problem ? `${problem.message} (${problem.code})` : `the comparison ${job.state}`);
  }
  return job.result;
}

export async function runCompare(whatIfText) {
  const request = ++state.request;
  const started = performance.now();
  showError(null);
  const names = checked();
  const whatIf = whatIfOf(whatIfText);
  const variants = whatIf ? [names[0] || 'base', whatIf] : names;
  if (variants.length < 2) {
    showError(new Error('choose two variants or more, or ask a what-if'));
    return;
  }
  updateHash({ view: 'compare', variants: names.join(','), whatif: whatIfText || '' });
  $('compare-progress').textContent = 'Solving…';
  $('compare').setAttribute('aria-busy', 'true');
  let result;
  try {
    result = await solve(variants);
  } catch (error) {
    if (request === state.request) {
      showError(error);
      $('compare-progress').textContent = '';
      $('compare').removeAttribute('aria-busy');
    }
    return;
  }
  if (request !== state.request) return;
  render(result.compare);
  const ms = performance.now() - started;
  $('compare-progress').textContent = `Answered in ${(ms / 1000).toFixed(2)} s`;
  $('compare').removeAttribute('aria-busy');
  // For the browser test: the time from the click to the figures on screen.
  $('compare-results').dataset.ms = String(Math.round(ms));
  $('compare-results').dataset.variants = result.compare.map((entry) => entry.variant).join(',');
}

const percent = (rate) => `${(100 * rate).toFixed(1)}%`;
const number = (value) => (value === null || value === undefined ? '–'
  : Number.isInteger(value) ? String(value) : Number(value).toFixed(2));

// One table: a row per figure or group, a column per variant; a cell that differs from the
// reference's is marked (colour and the words "differs", for screen readers too).
function table(id, caption, heading, rows, entries) {
  const figure = document.createElement('figure');
  const t = document.createElement('table');
  t.id = id;
  const cap = document.createElement('caption');
  cap.textContent = caption;
  const head = document.createElement('tr');
  for (const text of [heading, ...entries.map((e) => e.variant)]) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = text;
    head.append(th);
  }
  const thead = document.createElement('thead');
  thead.append(head);
  const tbody = document.createElement('tbody');
  for (const row of rows) {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = row.label;
    tr.append(th);
    row.values.forEach((value, i) => {
      const td = document.createElement('td');
      td.textContent = value;
      td.dataset.value = value;
      if (i > 0 && value !== row.values[0]) {
        td.className = 'differs';
        const note = document.createElement('span');
        note.className = 'visually-hidden';
        note.textContent = ` (differs from ${entries[0].variant})`;
        td.append(note);
      }
      tr.append(td);
    });
    tbody.append(tr);
  }
  t.append(cap, thead, tbody);
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = `Export “${caption}” as CSV`;
  button.addEventListener('click', () => exportCsv(caption, heading, rows, entries));
  figure.append(t, button);
  return figure;
}

// A table of the comparison as CSV rows: the figure, then one column per variant.
function csvRows(heading, rows, entries) {
  return [[heading, ...entries.map((e) => e.variant)], ...rows.map((row) => [row.label, ...row.values])];
}
function exportCsv(caption, heading, rows, entries) {
  downloadCsv(`${caption.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.csv`, csvRows(heading, rows, entries));
}

// Rows of a figure grouped by key (domain, rotation, nation) across the variants.
function grouped(entries, list, key, value) {
  const keys = [];
  for (const entry of entries)
    for (const item of entry[list] || [])
      if (!keys.includes(String(item[key]))) keys.push(String(item[key]));
  return keys.map((k) => ({
    label: k,
    values: entries.map((entry) => {
      const item = (entry[list] || []).find((i) => String(i[key]) === k);
      return item ? value(item) : '–';
    }),
  }));
}

function render(entries) {
  const summary = [
    ['Status', (e) => e.status],
    ['Objective', (e) => number(e.objective)],
    ['Fill', (e) => percent(e.fill_rate)],
    ['Filled personnel', (e) => number(e.filled_personnel)],
    ['Required personnel', (e) => number(e.required_personnel)],
    ['Shortfall lines', (e) => number(e.shortfall_lines)],
    ['Missing personnel', (e) => number(e.shortfall_personnel)],
    ['Nations contributing', (e) => number(e.nations_contributing)],
  ].map(([label, f]) => ({ label, values: entries.map(f) }));
  const fill = (item) => `${percent(item.fill_rate)} (${number(item.filled_personnel)}/${number(item.required_personnel)})`;
  const missing = (item) => `${number(item.missing_personnel)} in ${item.lines} line${item.lines === 1 ? '' : 's'}`;
  $('compare-results').replaceChildren(
    table('compare-summary', 'Summary', 'Figure', summary, entries),
    table('compare-fill-domain', 'Fill by domain', 'Domain',
          grouped(entries, 'fill_by_domain', 'key', fill), entries),
    table('compare-fill-rotation', 'Fill by rotation', 'Rotation',
          grouped(entries, 'fill_by_rotation', 'key', fill), entries),
    table('compare-shortfalls-domain', 'Shortfalls by domain', 'Domain',
          grouped(entries, 'shortfalls_by_domain', 'domain', missing), entries),
    table('compare-shortfalls-rotation', 'Shortfalls by rotation', 'Rotation',
          grouped(entries, 'shortfalls_by_rotation', 'rotation', missing), entries),
    table('compare-burden', 'Burden by nation (personnel-rotations)', 'Nation',
          grouped(entries, 'burden', 'nation', (b) => number(b.personnel_rotations)), entries));
}

// Shows or hides the view as the hash says; loads the version's variants when shown.
export async function showCompare() {
  $('compare-version').textContent = `${version().name} v${version().version}`;
  try {
    await loadChoices();
    const whatIf = hashParams().get('whatif');
    if (hashParams().get('variants') && (checked().length > 1 || whatIf)) await runCompare(whatIf);
  } catch (error) {
    showError(error);
  }
}

export function initCompare(token) {
  state.token = token;
  $('compare-form').addEventListener('submit', (event) => {
    event.preventDefault();
    runCompare('');
  });
  $('whatif-leaves').addEventListener('submit', (event) => {
    event.preventDefault();
    runCompare(`leaves:${$('whatif-leaves-nation').value}`);
  });
  $('whatif-joins').addEventListener('submit', (event) => {
    event.preventDefault();
    const from = $('whatif-joins-from').value || '1';
    runCompare(`joins:${$('whatif-joins-nation').value}:${$('whatif-joins-capability').value}:` +
               `${$('whatif-joins-quantity').value}:${from}`);
  });
  $('whatif-leaves-nation').addEventListener('change', () => {
    const option = $('whatif-leaves-nation').selectedOptions[0];
    $('whatif-leaves-button').textContent = `What if ${option ? option.value : 'it'} leaves?`;
  });
}

// The Compare view as the dashboard's views are: made when first shown, shown again on return.
// It compares variants of the scenario and version chosen in the Coalition view.
export class CompareView {
  constructor(section, token) {
    this.section = section;
    initCompare(() => token);
  }
  show() {
    return showCompare();
  }
}
