// The maps and charts of the self-contained report that `reassure plan --out` writes
// (report.html): the same parts as the dashboard, drawn from the data the report carries in
// <script type="application/json" id="report-data"> ({status, plan, theatre, countries}), with no
// server
// and no network. Without scripts the report's tables still say everything.
import './report.css';
import { CoalitionMap, countriesOf } from './map.js';
import { colourOf, legendItems } from './coalition.js';
import { planFigures } from './force.js';
import { TheatreMap } from './forcemap.js';

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function coalitionSection(data) {
  const { status } = data;
  const mapElement = element('div', {
    id: 'map', class: 'report-map', role: 'img',
    'aria-label': `Map of the nations coloured by their position as of ${status.as_of}`,
  });
  const legend = element('ul', { id: 'legend' });
  const section = element('section', { id: 'report-coalition', 'aria-labelledby': 'report-coalition-title' },
    element('h2', { id: 'report-coalition-title' }, `The coalition on the map, as of ${status.as_of}`),
    element('p', { class: 'counts' }, `${status.committed} committed of ${status.participants}`),
    element('div', { class: 'view' }, mapElement,
            element('aside', {}, element('h3', {}, 'Positions'), legend)));
  return { section, mapElement, legend };
}

// The plan on the theatre's map (the first rotation's units at their sites, as military symbols)
// and its charts, as the dashboard's Force view draws them.
function forceSection(data) {
  const f = data.plan.forcegen;
  const first = f.assignments.length ? Math.min(...f.assignments.map((a) => a.rotation)) : 1;
  const shown = f.assignments.filter((a) => a.rotation === first);
  const mapElement = element('div', { id: 'force-map', class: 'report-map', role: 'img',
                                      'aria-label': `Map of the theatre with the ${shown.length} units of rotation ${first} at their sites; the report's table of assignments lists them` });
  const section = element('section', { id: 'report-force', 'aria-labelledby': 'report-force-title' },
    element('h2', { id: 'report-force-title' }, `The force on the theatre's map, rotation ${first}`),
    mapElement,
    element('div', { id: 'report-figures', class: 'figures' }, ...planFigures(f)));
  return { section, mapElement, shown };
}

function start() {
  const source = document.getElementById('report-data');
  const root = document.getElementById('report-app');
  if (!source || !root) return;
  const data = JSON.parse(source.textContent);
  const coalition = coalitionSection(data);
  root.append(coalition.section);
  root.hidden = false;
  const colour = colourOf(data.status);
  coalition.legend.replaceChildren(...legendItems(data.status, colour));
  const map = new CoalitionMap(coalition.mapElement);
  map.loadTopology(data.countries);
  map.show(data.status, colour);
  if (data.plan && data.plan.forcegen && data.theatre) {
    const force = forceSection(data);
    root.append(force.section);
    const theatre = new TheatreMap(force.mapElement);
    theatre.addCountries(countriesOf(data.countries));
    theatre.showTheatre(data.theatre);
    theatre.showUnits(force.shown);
  }
}

start();
