// The Force view: the plan of a variant of a stored scenario version, as far as the user's
// nation may see it (POST .../plans, the job followed at GET /jobs/{id} while it is solved),
// drawn on the theatre's map (GET .../theatre) as military symbols at their sites, with its
// fill, shortfalls and burden as charts and tables. Every figure is the API's; the page only
// sorts, filters and draws. The hash holds view=force, the scenario, version, variant and the
// filters (rotation, nation, domain).
import { apiGet, apiRequest, ApiError, segment } from './api.js';
import { barChart, figure, number, percent } from './charts.js';
import { sidcOf, TheatreMap } from './forcemap.js';
import { readHash, updateHash } from './hash.js';
import ms from 'milsymbol';

const REQUIRED = '#9aa3ad';
const FILLED = '#1a9850';
const BURDEN = '#4575b4';
const SHORT = '#d73027';
const WAIT_SECONDS = 30;  // Prefer: wait=30 on the plan's request, 5 on each look at its job
const ALL = 'all';

const TEMPLATE = `
<h2 id="force-title">Force</h2>
<form id="force-choice" class="controls" onsubmit="return false">
  <label for="force-scenario">Scenario</label>
  <select id="force-scenario"></select>
  <label for="force-version">Version</label>
  <select id="force-version"></select>
  <label for="force-variant">Variant</label>
  <select id="force-variant"></select>
</form>
<form id="force-filters" class="controls" onsubmit="return false">
  <label for="force-rotation">Rotation</label>
  <select id="force-rotation"></select>
  <label for="force-nation">Nation</label>
  <select id="force-nation"></select>
  <label for="force-domain">Domain</label>
  <select id="force-domain"></select>
</form>
<p id="force-error" class="error" role="alert"></p>
<p id="force-progress" aria-live="polite" hidden>
  <progress id="force-progress-bar" max="1" value="0" aria-labelledby="force-progress-text"></progress>
  <span id="force-progress-text"></span>
</p>
<p id="force-summary" aria-live="polite"></p>
<div class="view">
  <div id="force-map" role="img" aria-label="Map of the theatre"></div>
  <aside aria-labelledby="force-legend-title">
    <h3 id="force-legend-title">Units by domain</h3>
    <ul id="force-legend" class="symbols"></ul>
  </aside>
</div>
<div id="force-units"></div>
<div id="force-figures" class="figures"></div>
<section id="force-shortfalls" aria-labelledby="force-shortfalls-title">
  <h3 id="force-shortfalls-title">Shortfalls</h3>
  <div id="force-shortfall-list"></div>
  <div id="force-candidates"></div>
</section>`;

const byId = (id) => document.getElementById(id);

function fillSelect(select, values, chosen) {
  select.replaceChildren(...values.map(([value, text]) => new Option(text, value)));
  if (values.some(([value]) => value === chosen)) select.value = chosen;
}

function showError(error) {
  byId('force-error').textContent = error ? (error instanceof ApiError
    ? `${error.message} (${error.code})` : String(error.message || error)) : '';
}

const days = (row) => (row.start ? `${row.start} to ${row.end}` : '');

export class ForceView {
  constructor(section, token) {
    this.section = section;
    this.token = token;
    this.request = 0;
    this.plan = null;
    this.theatre = null;
    section.innerHTML = TEMPLATE;
    this.map = new TheatreMap(byId('force-map'));
    this.ready = this.map.loadCountries('assets/countries.json').catch(showError);
    byId('force-scenario').addEventListener('change', () =>
      this.pickScenario(byId('force-scenario').value, '').catch(showError));
    byId('force-version').addEventListener('change', () => this.load());
    byId('force-variant').addEventListener('change', () => this.loadPlan());
    for (const id of ['force-rotation', 'force-nation', 'force-domain'])
      byId(id).addEventListener('change', () => this.render());
  }

  // Shown (again): the scenario and version of the hash, else the first and latest.
  async show() {
    const wanted = readHash();
    this.map.resize();
    try {
      const scenarios = await apiGet('/scenarios', this.token);
      if (scenarios.length === 0) throw new Error('no stored scenario is released to you');
      fillSelect(byId('force-scenario'), scenarios.map((s) => [s.name, s.name]), wanted.scenario);
      await this.pickScenario(byId('force-scenario').value, wanted.version);
    } catch (error) {
      showError(error);
    }
  }

  async pickScenario(name, version) {
    const versions = await apiGet(`/scenarios/${segment(name)}/versions`, this.token);
    const latest = versions.length ? String(versions[versions.length - 1].version) : '';
    fillSelect(byId('force-version'), versions.map((v) => [String(v.version), `v${v.version}`]),
               version || latest);
    if (!versions.some((v) => String(v.version) === byId('force-version').value))
      byId('force-version').value = latest;
    await this.load();
  }

  path(suffix) {
    return `/scenarios/${segment(byId('force-scenario').value)}/versions/${
      segment(byId('force-version').value)}${suffix}`;
  }

  // The version's theatre (its variants among it), then the plan.
  async load() {
    const request = ++this.request;
    const wanted = readHash();
    try {
      const theatre = await apiGet(this.path('/theatre'), this.token);
      if (request !== this.request) return;
      this.theatre = theatre;
      fillSelect(byId('force-variant'),
                 theatre.variants.map((v) => [v.name, v.name === 'base' ? 'base' : v.name]),
                 wanted.variant || byId('force-variant').value || 'base');
      await this.ready;
      this.map.showTheatre(theatre);
    } catch (error) {
      if (request === this.request) showError(error);
      return;
    }
    await this.loadPlan(request);
  }

  // POST .../plans; a job still solving after WAIT_SECONDS is followed at GET /jobs/{id},
  // its progress shown, until it ends. Only the newest request's answer is shown.
  async loadPlan(request = ++this.request) {
    const variant = byId('force-variant').value || 'base';
    updateHash({ scenario: byId('force-scenario').value, version: byId('force-version').value,
                 variant });
    showError(null);
    this.section.dataset.plan = '';
    try {
      let { body: job } = await apiRequest(this.path('/plans'), this.token,
                                           { method: 'POST', body: { variant }, wait: WAIT_SECONDS });
      while (job.state === 'queued' || job.state === 'running') {
        if (request !== this.request) return;
        this.progress(job);
        ({ body: job } = await apiRequest(`/jobs/${segment(job.id)}`, this.token, { wait: 5 }));
      }
      if (request !== this.request) return;
      this.progress(null);
      const result = job.result;
      if (!result || !result.forcegen) {
        const problem = result && result.problems && result.problems[0];
        throw new Error(problem ? `${problem.message} (${problem.code})` : `the plan's job ended ${job.state}`);
      }
      this.plan = result;
      this.fillFilters(readHash());
      this.render();
    } catch (error) {
      if (request === this.request) {
        this.progress(null);
        showError(error);
      }
    }
  }

  progress(job) {
    const holder = byId('force-progress');
    if (!job) {
      holder.hidden = true;
      return;
    }
    const p = job.progress;
    holder.hidden = false;
    byId('force-progress-bar').max = Math.max(p.components, 1);
    byId('force-progress-bar').value = p.components_done;
    byId('force-progress-text').textContent =
      `Planning ${p.variant || byId('force-variant').value} (${job.state}): ${p.components_done} of ${
        p.components} parts of the model solved, ${p.seconds.toFixed(1)} s`;
  }

  fillFilters(wanted) {
    const f = this.plan.forcegen;
    fillSelect(byId('force-rotation'), [[ALL, 'all rotations'], ...f.fill.by_rotation.map((r) =>
      [String(r.key), `rotation ${r.key} (${days(r)})`])], wanted.rotation || String(f.fill.by_rotation[0]?.key ?? ALL));
    const nations = [...new Set(f.assignments.map((a) => a.nation))].sort();
    fillSelect(byId('force-nation'), [[ALL, 'all nations'], ...nations.map((n) => [n, n])], wanted.nation || ALL);
    fillSelect(byId('force-domain'), [[ALL, 'all domains'], ...f.fill.by_domain.map((d) => [d.key, d.key])],
               wanted.domain || ALL);
  }

  filters() {
    return { rotation: byId('force-rotation').value || ALL, nation: byId('force-nation').value || ALL,
             domain: byId('force-domain').value || ALL };
  }

  render() {
    if (!this.plan) return;
    const f = this.plan.forcegen;
    const filters = this.filters();
    updateHash({ rotation: filters.rotation === ALL ? 'all' : filters.rotation,
                 nation: filters.nation === ALL ? '' : filters.nation,
                 domain: filters.domain === ALL ? '' : filters.domain });
    const keep = (row) => (filters.rotation === ALL || String(row.rotation) === filters.rotation) &&
      (filters.domain === ALL || row.domain === filters.domain);
    const assignments = f.assignments.filter((a) => keep(a) &&
      (filters.nation === ALL || a.nation === filters.nation));
    const shortfalls = f.shortfalls.filter(keep);

    const total = f.fill.total;
    byId('force-summary').innerHTML = '';
    byId('force-summary').append(
      'Fill ', span('force-fill', percent(f.fill_rate)), ' of the personnel needed (',
      span('force-filled-personnel', number(total.filled_personnel)), ' of ',
      span('force-required-personnel', number(total.required_personnel)),
      ' personnel-rotations); ', span('force-shortfall-count', String(f.shortfalls.length)),
      ` shortfalls; plan ${f.status} (${this.plan.variant}, as of ${this.plan.as_of}).`);

    const drawn = this.map.showUnits(assignments);
    byId('force-map').setAttribute('aria-label',
      `Map of the theatre: ${this.map.element.dataset.sites} sites, ${this.map.element.dataset.lines} lines, ${
        this.map.element.dataset.zones} zones and ${drawn} unit symbols; the table "Units at their sites" lists them`);
    this.legend(assignments);
    this.unitsTable(assignments);
    this.figures(f);
    this.shortfalls(shortfalls, f);
    this.section.dataset.plan = `${this.plan.variant}`;
  }

  legend(assignments) {
    const domains = [...new Set(assignments.map((a) => a.domain))].sort();
    byId('force-legend').replaceChildren(...domains.map((domain) => {
      const item = document.createElement('li');
      const image = document.createElement('img');
      image.alt = '';
      image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(
        new ms.Symbol(sidcOf(domain), { size: 14 }).asSVG())}`;
      const count = assignments.filter((a) => a.domain === domain).length;
      item.append(image, ` ${domain}: ${count}`);
      return item;
    }));
  }

  unitsTable(assignments) {
    const columns = [
      { key: 'site', label: 'Site' }, { key: 'nation', label: 'Nation' },
      { key: 'capability', label: 'Capability' }, { key: 'domain', label: 'Domain' },
      { key: 'rotation', label: 'Rotation', numeric: true }, { key: 'days', label: 'Days' },
      { key: 'units', label: 'Units', numeric: true }, { key: 'personnel', label: 'Personnel', numeric: true },
      { key: 'pledge', label: 'Pledge' }];
    const rows = assignments.map((a) => ({ ...a, days: days(a) }));
    const node = figure({ name: 'units', title: 'Units at their sites', columns, rows, collapsed: true,
                          caption: `Units at their sites (${rows.length} shown)` });
    byId('force-units').replaceChildren(node);
  }

  figures(f) {
    byId('force-figures').replaceChildren(...planFigures(f));
  }

  shortfalls(shortfalls, f) {
    const columns = [
      { key: 'requirement', label: 'Requirement' }, { key: 'capability', label: 'Capability' },
      { key: 'domain', label: 'Domain' }, { key: 'site', label: 'Site' },
      { key: 'rotation', label: 'Rotation', numeric: true }, { key: 'days', label: 'Days' },
      { key: 'missing_units', label: 'Units short', numeric: true }, { key: 'why', label: 'Reason' },
      { key: 'action', label: 'Pledges', csv: 'code' }];
    const rows = shortfalls.map((s, i) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Pledges';
      button.dataset.shortfall = String(i);
      button.setAttribute('aria-label', `Pledges that could have filled ${s.requirement}, rotation ${s.rotation}`);
      button.setAttribute('aria-controls', 'force-candidates');
      button.addEventListener('click', () => this.candidates(s, f));
      return { ...s, days: days(s), action: button };
    });
    const node = figure({ name: 'shortfalls', title: 'Shortfalls', columns, rows,
                          caption: `Shortfalls (${rows.length} shown of ${f.shortfalls.length})` });
    node.querySelector('h3').remove();  // the section's own heading names it
    byId('force-shortfall-list').replaceChildren(node);
    byId('force-candidates').replaceChildren();
  }

  // The pledges that could have filled a shortfall, from the plan: those of its capability left
  // out of every plan (with the reason each gave) and those of its capability serving other
  // lines in the same rotation (used elsewhere).
  candidates(s, f) {
    const excluded = f.excluded.filter((e) => e.capability === s.capability);
    const elsewhere = f.assignments.filter((a) => a.capability === s.capability &&
      a.rotation === s.rotation && a.requirement !== s.requirement);
    const panel = byId('force-candidates');
    const heading = document.createElement('h4');
    heading.id = 'force-candidates-title';
    heading.tabIndex = -1;
    heading.textContent = `Pledges of ${s.capability} for ${s.requirement}, rotation ${s.rotation} (${days(s)})`;
    const reason = document.createElement('p');
    reason.textContent = `Short by ${s.missing_units} units: ${s.why}.`;
    const out = figure({ name: 'excluded', title: `Left out of every plan (${excluded.length})`,
      columns: [{ key: 'pledge', label: 'Pledge' }, { key: 'nation', label: 'Nation' },
                { key: 'units', label: 'Units', numeric: true }, { key: 'reason', label: 'Why' }],
      rows: excluded });
    const used = figure({ name: 'used-elsewhere', title: `Serving other lines in this rotation (${elsewhere.length})`,
      columns: [{ key: 'pledge', label: 'Pledge' }, { key: 'nation', label: 'Nation' },
                { key: 'requirement', label: 'Requirement' }, { key: 'site', label: 'Site' },
                { key: 'units', label: 'Units', numeric: true }],
      rows: elsewhere });
    panel.replaceChildren(heading, reason, out, used);
    panel.dataset.excluded = String(excluded.length);
    panel.dataset.elsewhere = String(elsewhere.length);
    heading.focus();
  }
}

function span(id, text) {
  const node = document.createElement('span');
  node.id = id;
  node.textContent = text;
  return node;
}

// The plan's charts with their tables and exports: units needed, filled and short by domain and
// by rotation, and the burden by nation. The Force view and the report of `plan --out` draw them.
export function planFigures(f) {
  const unitsColumns = [
    { key: 'label', label: 'Domain' }, { key: 'required_units', label: 'Units needed (unit-rotations)', numeric: true },
    { key: 'filled_units', label: 'Units filled', numeric: true },
    { key: 'missing_units', label: 'Units short', numeric: true },
    { key: 'required_personnel', label: 'Personnel needed (personnel-rotations)', numeric: true },
    { key: 'filled_personnel', label: 'Personnel filled', numeric: true },
    { key: 'rate', label: 'Fill rate' }];
  const fillRows = (fills, label) => fills.map((d) => ({
    ...d, label: label(d), missing_units: number(d.required_units - d.filled_units), rate: percent(d.fill_rate) }));
  const series = [{ name: 'needed', colour: REQUIRED }, { name: 'filled', colour: FILLED },
                  { name: 'short', colour: SHORT }];
  const chartOf = (title, rows) => barChart({
    title, series, rows: rows.map((r) => ({
      label: r.label, values: [r.required_units, r.filled_units, r.required_units - r.filled_units] })) });

  const domainRows = fillRows(f.fill.by_domain, (d) => d.key);
  const rotationRows = fillRows(f.fill.by_rotation, (r) => `R${r.key} ${r.start || ''}`);
  const rotationColumns = [{ key: 'key', label: 'Rotation' }, { key: 'days', label: 'Days' },
                           ...unitsColumns.slice(1)];
  for (const row of rotationRows) row.days = days(row);
  const burdenRows = f.burden.map((b) => ({ ...b, share_text: percent(b.share) }));
  const burdenColumns = [
    { key: 'nation', label: 'Nation' }, { key: 'name', label: 'Name' },
    { key: 'personnel_rotations', label: 'Personnel-rotations', numeric: true },
    { key: 'peak_personnel', label: 'Peak personnel', numeric: true },
    { key: 'unit_rotations', label: 'Unit-rotations', numeric: true },
    { key: 'share_text', label: 'Share of the filled total', csv: 'share' }];
  return [
    figure({ name: 'fill-by-domain', title: 'Units needed, filled and short by domain', columns: unitsColumns,
             rows: domainRows, chart: chartOf('Units needed, filled and short by domain (unit-rotations)', domainRows) }),
    figure({ name: 'fill-by-rotation', title: 'Units needed, filled and short by rotation', columns: rotationColumns,
             rows: rotationRows, chart: chartOf('Units needed, filled and short by rotation (unit-rotations)', rotationRows) }),
    figure({ name: 'burden', title: 'Burden by nation', columns: burdenColumns, rows: burdenRows,
             chart: barChart({ title: 'Burden by nation (personnel-rotations)',
                               series: [{ name: 'personnel-rotations', colour: BURDEN }],
                               rows: f.burden.map((b) => ({ label: b.name || b.nation, values: [b.personnel_rotations] })) }) })];
}
