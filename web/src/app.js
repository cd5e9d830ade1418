// The dashboard: sign in with a bearer token (GET /me; kept in sessionStorage, so it ends with
// the tab), then the coalition view of a stored scenario version as of a date: the counts, the
// legend and the map, all from GET /scenarios/{name}/versions/{version}/status?as_of=DATE.
// The address's hash (#scenario=..&version=..&date=..) names the view, so it can be shared;
// `view=` picks another view than the Coalition (Force: force.js, Compare: compare.js).
import './app.css';
import { apiGet, ApiError, segment } from './api.js';
import { isDate, toDate, toDay } from './dates.js';
import { CoalitionMap } from './map.js';
import { colourOf, legendItems, nationRow } from './coalition.js';
import { downloadCanvasPng, downloadCsv, tableRows } from './export.js';
import { CompareView } from './compare.js';
import { ForceView } from './force.js';
import { updateHash } from './hash.js';

const TOKEN_KEY = 'reassure.token';
const $ = (id) => document.getElementById(id);

const state = { token: '', me: null, map: null, status: null, request: 0, timer: 0, selected: '',
                interactive: false, prefetched: null, asked: null, views: {}, view: '' };

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  return { scenario: params.get('scenario') || '', version: params.get('version') || '',
           date: params.get('date') || '' };
}
function writeHash() {
  updateHash({ scenario: $('scenario').value, version: $('version').value, date: $('date').value });
}

// The views, each a section of index.html and a link of the nav; the Coalition is the default.
// A view other than the Coalition is made when first shown: {section id: class}.
const VIEWS = { force: ForceView, compare: CompareView };
function currentView() {
  const view = new URLSearchParams(location.hash.slice(1)).get('view');
  return view in VIEWS ? view : 'coalition';
}
async function showView(view) {
  state.view = view;
  for (const link of document.querySelectorAll('#views a')) {
    if (link.dataset.view === view) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  for (const name of ['coalition', ...Object.keys(VIEWS)]) $(name).hidden = name !== view;
  updateHash({ view: view === 'coalition' ? '' : view });
  if (view === 'coalition') return;
  if (!state.views[view]) state.views[view] = new VIEWS[view]($(view), state.token);
  await state.views[view].show();
}

function showError(id, error) {
  $(id).textContent = error ? (error instanceof ApiError ? `${error.message} (${error.code})`
                                                        : String(error.message || error)) : '';
}

// The status a shared address names, asked at once beside /me, the lists and the map's countries
// (they do not depend on one another), so the first view costs one round trip, not five.
function statusPath(name, version, date) {
  return `/scenarios/${segment(name)}/versions/${segment(version)}/status${date ? `?as_of=${date}` : ''}`;
}
function prefetchStatus(token, wanted) {
  if (!wanted.scenario || !wanted.version) return;
  const path = statusPath(wanted.scenario, wanted.version, isDate(wanted.date) ? wanted.date : '');
  const promise = apiGet(path, token);
  promise.catch(() => {});  // an error is shown when the view asks for it
  state.prefetched = { path, promise };
}

async function signIn(token) {
  showError('sign-in-error', null);
  const wanted = readHash();
  const me = apiGet('/me', token);
  const scenarios = apiGet('/scenarios', token);
  scenarios.catch(() => {});
  prefetchStatus(token, wanted);
  const countries = state.map ? null : fetch('assets/countries.json');
  countries?.catch(() => {});
  try {
    state.me = await me;
  } catch (error) {
    sessionStorage.removeItem(TOKEN_KEY);
    $('sign-in').hidden = false;
    showError('sign-in-error', error);
    return;
  }
  state.token = token;
  sessionStorage.setItem(TOKEN_KEY, token);
  $('who').textContent = `${state.me.name} (${state.me.nation}, ${state.me.role})`;
  $('who').hidden = false;
  $('sign-out').hidden = false;
  $('sign-in').hidden = true;
  $('views').hidden = false;
  state.asked = { wanted, scenarios, countries };
  await switchTo(currentView());
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  location.hash = '';
  location.reload();
}

function fillSelect(select, values, chosen) {
  select.replaceChildren(...values.map(([value, text]) => new Option(text, value)));
  if (values.some(([value]) => value === chosen)) select.value = chosen;
}

async function loadScenarios(wanted, asked = null) {
  try {
    const scenarios = await (asked || apiGet('/scenarios', state.token));
    fillSelect($('scenario'), scenarios.map((s) => [s.name, s.name]), wanted.scenario);
    if (scenarios.length === 0) {
      showError('status-error', new Error('no stored scenario is released to you'));
      return;
    }
    await loadVersions(wanted);
  } catch (error) {
    showError('status-error', error);
  }
}

async function loadVersions(wanted) {
  const name = $('scenario').value;
  const versions = await apiGet(`/scenarios/${segment(name)}/versions`, state.token);
  const latest = versions.length ? String(versions[versions.length - 1].version) : '';
  fillSelect($('version'), versions.map((v) => [String(v.version), `v${v.version}`]),
             wanted.version || latest);
  if (!versions.some((v) => String(v.version) === $('version').value)) $('version').value = latest;
  await showStatus(isDate(wanted.date) ? wanted.date : '', true);
}

// The slider's range: the version's statements' dates and its as_of, with two months each side.
function setSliderRange(status) {
  const days = status.nations.filter((n) => n.statement && isDate(n.statement.date))
    .map((n) => toDay(n.statement.date));
  days.push(toDay(status.as_of));
  const slider = $('date-slider');
  slider.min = String(Math.min(...days) - 61);
  slider.max = String(Math.max(...days) + 61);
}

// Shows the status as of `date` ('' = the version's own as_of). Only the latest request's
// answer is shown, so a fast-moving slider never leaves an older date on screen.
async function showStatus(date, newVersion = false) {
  const request = ++state.request;
  const name = $('scenario').value, version = $('version').value;
  if (!name || !version) return;
  const path = statusPath(name, version, date);
  const prefetched = state.prefetched && state.prefetched.path === path ? state.prefetched.promise : null;
  state.prefetched = null;
  let status;
  try {
    status = await (prefetched || apiGet(path, state.token));
  } catch (error) {
    if (request === state.request) showError('status-error', error);
    return;
  }
  if (request !== state.request) return;
  showError('status-error', null);
  state.status = status;
  if (newVersion) setSliderRange(status);
  $('date').value = status.as_of;
  $('date-slider').value = String(toDay(status.as_of));
  writeHash();
  render(status);
}

function render(status) {
  $('committed').textContent = String(status.committed);
  $('participants').textContent = String(status.participants);
  $('as-of-text').textContent = `as of ${status.as_of}`;
  const colour = colourOf(status);
  $('legend').replaceChildren(...legendItems(status, colour));
  const rows = status.nations.map((nation) => nationRow(nation));
  $('nations').tBodies[0].replaceChildren(...rows);
  $('coalition').dataset.asOf = status.as_of;
  if (state.selected) selectNation(state.selected, false);
  if (state.map) state.map.show(status, colour);
}

// A nation chosen on the map: its row is marked and brought into sight, and the detail line
// (a polite live region) says its position and statement.
function selectNation(code, focus = true) {
  state.selected = code;
  let chosen = null;
  for (const row of $('nations').tBodies[0].rows) {
    const selected = row.dataset.code === code;
    row.classList.toggle('selected', selected);
    if (selected) chosen = row;
  }
  const nation = state.status && state.status.nations.find((n) => n.code === code);
  $('nation-detail').textContent = nation
    ? `${nation.name}: ${nation.label}` +
      (nation.statement ? ` since ${nation.statement.date}. ${nation.statement.summary}` : ', no statement')
    : '';
  if (chosen && focus) {
    chosen.scrollIntoView({ block: 'nearest' });
    chosen.focus({ preventScroll: true });
  }
}

// The first time the counts and the map both show a status, the page is in use: the mark lets
// the browser test measure the time from navigation to a usable view.
function markInteractive() {
  if (state.interactive || !state.status) return;
  state.interactive = true;
  performance.mark('reassure:interactive');
}

function exportNations() {
  const status = state.status;
  if (!status) return;
  downloadCsv(`${$('scenario').value}-v${$('version').value}-positions-${status.as_of}.csv`,
              tableRows($('nations')));
}

async function exportMap() {
  const canvas = $('map').querySelector('canvas');
  if (!canvas || !state.status) return;
  await downloadCanvasPng(`${$('scenario').value}-v${$('version').value}-map-${state.status.as_of}.png`,
                          canvas).catch((error) => showError('status-error', error));
}

function replay() {
  const button = $('play');
  if (state.timer) {
    clearInterval(state.timer);
    state.timer = 0;
    button.setAttribute('aria-pressed', 'false');
    button.textContent = 'Replay';
    return;
  }
  const slider = $('date-slider');
  if (Number(slider.value) >= Number(slider.max)) slider.value = slider.min;
  button.setAttribute('aria-pressed', 'true');
  button.textContent = 'Stop';
  state.timer = setInterval(() => {
    const day = Math.min(Number(slider.value) + 7, Number(slider.max));
    slider.value = String(day);
    showStatus(toDate(day));
    if (day >= Number(slider.max)) replay();
  }, 400);
}

// To the view named, from a link or the address. The Coalition's map and its choice of scenario,
// version and date are made first, whatever the view: Compare compares the version chosen there.
async function switchTo(view) {
  if (!state.map) {
    const { wanted, scenarios, countries } = state.asked || { wanted: readHash() };
    state.asked = null;
    state.map = new CoalitionMap($('map'), (code) => selectNation(code));
    state.map.onRendered = markInteractive;
    state.map.load('assets/countries.json', countries).catch((error) => showError('status-error', error));
    await loadScenarios(wanted, scenarios);
  }
  await showView(view);
  if (view === 'coalition') state.map.map.updateSize();
}

function start() {
  $('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    signIn($('token').value.trim());
  });
  $('sign-out').addEventListener('click', signOut);
  $('scenario').addEventListener('change', () => loadVersions({}).catch((e) => showError('status-error', e)));
  $('version').addEventListener('change', () => showStatus($('date').value, true));
  $('date').addEventListener('change', () => {
    if (isDate($('date').value)) showStatus($('date').value);
  });
  let debounce = 0;
  $('date-slider').addEventListener('input', () => {
    $('date').value = toDate(Number($('date-slider').value));
    clearTimeout(debounce);
    debounce = setTimeout(() => showStatus($('date').value), 120);
  });
  $('play').addEventListener('click', replay);
  $('export-nations').addEventListener('click', exportNations);
  $('export-map').addEventListener('click', exportMap);
  for (const link of document.querySelectorAll('#views a'))
    link.addEventListener('click', (event) => {
      event.preventDefault();
      switchTo(link.dataset.view);
    });
  window.addEventListener('hashchange', () => {
    if (state.me && currentView() !== state.view) {
      switchTo(currentView());
      return;
    }
    if (state.view !== 'coalition') {
      if (state.me) state.views[state.view].show();
      return;
    }
    const wanted = readHash();
    if (state.me && (wanted.scenario !== $('scenario').value || wanted.version !== $('version').value ||
                     wanted.date !== $('date').value))
      loadScenarios(wanted);
  });
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) signIn(token);
  else $('token').focus();
}

start();
