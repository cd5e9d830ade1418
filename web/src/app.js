// The dashboard: sign in with a bearer token (GET /me; kept in sessionStorage, so it ends with
// the tab), then the coalition view of a stored scenario version as of a date: the counts, the
// legend and the map, all from GET /scenarios/{name}/versions/{version}/status?as_of=DATE.
// The address's hash (#scenario=..&version=..&date=..) names the view, so it can be shared;
// `view=` picks another view than the Coalition (Force: force.js).
import './app.css';
import { apiGet, ApiError, segment } from './api.js';
import { isDate, toDate, toDay } from './dates.js';
import { CoalitionMap } from './map.js';
import { ForceView } from './force.js';
import { updateHash } from './hash.js';

const TOKEN_KEY = 'reassure.token';
const $ = (id) => document.getElementById(id);

// Colours of positions: "committed" always green, the others in the order the API lists them.
// Not participating (a former participant, a nation outside the coalition): greys.
const COMMITTED = '#1a9850';
const PALETTE = ['#fdae61', '#74add1', '#d73027', '#9e6ac8', '#fee090', '#c7e9b4', '#f1b6da'];
const NOT_PARTICIPANT = '#b0b6bd';

const state = { token: '', me: null, map: null, status: null, request: 0, timer: 0, views: {}, view: '' };

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
const VIEWS = { force: ForceView };
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

async function signIn(token) {
  showError('sign-in-error', null);
  try {
    state.me = await apiGet('/me', token);
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

async function loadScenarios(wanted) {
  try {
    const scenarios = await apiGet('/scenarios', state.token);
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

function colourOf(status) {
  const colours = new Map();
  let next = 0;
  for (const entry of status.by_position) {
    if (entry.position === 'committed') colours.set(entry.position, COMMITTED);
    else colours.set(entry.position, PALETTE[next++ % PALETTE.length]);
  }
  return (nation) => (nation.participant ? colours.get(nation.position) || NOT_PARTICIPANT
                                         : NOT_PARTICIPANT);
}

// Shows the status as of `date` ('' = the version's own as_of). Only the latest request's
// answer is shown, so a fast-moving slider never leaves an older date on screen.
async function showStatus(date, newVersion = false) {
  const request = ++state.request;
  const name = $('scenario').value, version = $('version').value;
  if (!name || !version) return;
  const query = date ? `?as_of=${date}` : '';
  let status;
  try {
    status = await apiGet(
      `/scenarios/${segment(name)}/versions/${segment(version)}/status${query}`, state.token);
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
  const legend = status.by_position.map((entry) => {
    const item = document.createElement('li');
    item.dataset.position = entry.position;
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = colour({ participant: true, position: entry.position });
    swatch.dataset.colour = colour({ participant: true, position: entry.position });
    const label = document.createElement('span');
    label.textContent = entry.label;
    const count = document.createElement('span');
    count.className = 'count';
    count.textContent = String(entry.participants);
    item.append(swatch, label, count);
    return item;
  });
  const outside = document.createElement('li');
  const swatch = document.createElement('span');
  swatch.className = 'swatch';
  swatch.style.background = NOT_PARTICIPANT;
  outside.append(swatch, document.createTextNode('Not participating'));
  $('legend').replaceChildren(...legend, outside);
  const rows = status.nations.map((nation) => {
    const row = document.createElement('tr');
    row.dataset.code = nation.code;
    for (const text of [nation.name, nation.participant ? nation.label : `${nation.label} (${nation.standing})`]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    return row;
  });
  $('nations').tBodies[0].replaceChildren(...rows);
  $('coalition').dataset.asOf = status.as_of;
  if (state.map) state.map.show(status, colour);
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

// To the view named, from a link or the address: the Coalition's map is made when first shown.
async function switchTo(view) {
  await showView(view);
  if (view === 'coalition' && !state.map) {
    state.map = new CoalitionMap($('map'));
    await state.map.load('assets/countries.json').catch((error) => showError('status-error', error));
    await loadScenarios(readHash());
  } else if (view === 'coalition') {
    state.map.map.updateSize();
  }
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
