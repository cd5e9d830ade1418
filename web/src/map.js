// The map of the coalition: the world's countries (world-atlas, Natural Earth 1:110m, served with
// the dashboard) drawn by OpenLayers on a 2D canvas (no WebGL: it renders without a GPU), each
// nation of the status filled with its position's colour.
import 'ol/ol.css';
import OlMap from 'ol/Map.js';
import View from 'ol/View.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { Fill, Stroke, Style } from 'ol/style.js';
import { fromLonLat } from 'ol/proj.js';
import { feature as topoFeature } from 'topojson-client';
import countries from 'i18n-iso-countries';

const NOT_IN_STATUS = new Style({
  fill: new Fill({ color: '#eceff2' }),
  stroke: new Stroke({ color: '#9aa3ad', width: 0.5 }),
});

// A country's ISO alpha-2 code from its ISO numeric id; the few shapes without one (Kosovo,
// northern Cyprus, Somaliland) are matched by name against the status's nations.
function alpha2Of(feature) {
  const id = feature.getId();
  return id === undefined ? undefined : countries.numericToAlpha2(String(id));
}

// A ring crossing the antimeridian (Russia's Chukotka, Fiji) jumps from +180 to -180 degrees of
// longitude and would be drawn as a band across the whole map: its western points are moved
// one turn east, so the shape continues past +180 instead.
function unwrapRing(ring) {
  let west = Infinity, east = -Infinity;
  for (const [lon] of ring) {
    west = Math.min(west, lon);
    east = Math.max(east, lon);
  }
  if (east - west <= 180) return ring;
  return ring.map(([lon, lat]) => [lon < 0 ? lon + 360 : lon, lat]);
}

function unwrapGeometry(geometry) {
  if (!geometry) return geometry;
  if (geometry.type === 'Polygon') return { ...geometry, coordinates: geometry.coordinates.map(unwrapRing) };
  if (geometry.type === 'MultiPolygon')
    return { ...geometry, coordinates: geometry.coordinates.map((polygon) => polygon.map(unwrapRing)) };
  return geometry;
}

// The world's countries as OpenLayers features (Web Mercator), from world-atlas's topology.
export function countriesOf(topology) {
  const collection = topoFeature(topology, topology.objects.countries);
  for (const feature of collection.features) feature.geometry = unwrapGeometry(feature.geometry);
  return new GeoJSON().readFeatures(collection, { featureProjection: 'EPSG:3857' });
}

// The same from the served file; asked: the answer of fetch(url) if the page asked for it already.
export async function loadCountries(url, asked = null) {
  const response = await (asked || fetch(url));
  if (!response.ok) throw new Error(`the map's countries (${url}) answered ${response.status}`);
  return countriesOf(await response.json());
}

export class CoalitionMap {
  // onSelect(code): a nation of the status was clicked on the map.
  constructor(element, onSelect = () => {}) {
    this.element = element;
    this.onRendered = () => {};
    this.byCode = new Map();  // alpha-2 -> {colour, nation}
    this.byName = new Map();
    this.styles = new Map();
    this.source = new VectorSource();
    const layer = new VectorLayer({ source: this.source, style: (f) => this.styleOf(f) });
    this.map = new OlMap({
      target: element,
      layers: [layer],
      view: new View({ center: fromLonLat([15, 52]), zoom: 3.4 }),
      controls: [],
    });
    // Drawn means drawn with the countries: the status may come before them.
    this.map.on('rendercomplete', () => {
      if (!this.loaded) return;
      element.dataset.rendered = this.asOf || '';
      if (this.asOf) this.onRendered();
    });
    this.map.on('singleclick', (event) => {
      const feature = this.map.forEachFeatureAtPixel(event.pixel, (f) => f);
      const entry = feature && this.entryOf(feature);
      if (entry) onSelect(entry.nation.code);
    });
  }

  async load(url, asked = null) {
    this.addCountries(await loadCountries(url, asked));
  }

  // The countries already in memory (the report carries them).
  loadTopology(topology) {
    this.addCountries(countriesOf(topology));
  }

  addCountries(features) {
    this.source.addFeatures(features);
    this.loaded = true;
    this.element.dataset.features = String(features.length);
    this.countColoured();
  }

  // nations: the status's nations; colourOf(nation): its fill.
  show(status, colourOf) {
    this.byCode = new Map();
    this.byName = new Map();
    for (const nation of status.nations) {
      const entry = { colour: colourOf(nation), nation };
      this.byCode.set(nation.code, entry);
      this.byName.set(nation.name, entry);
    }
    this.asOf = status.as_of;
    this.countColoured();
    this.element.dataset.rendered = '';
    this.source.changed();
  }

  countColoured() {
    let coloured = 0;
    for (const f of this.source.getFeatures()) if (this.entryOf(f)) coloured += 1;
    this.element.dataset.coloured = String(coloured);
  }

  entryOf(feature) {
    return this.byCode.get(alpha2Of(feature)) || this.byName.get(feature.get('name'));
  }

  styleOf(feature) {
    const entry = this.entryOf(feature);
    if (!entry) return NOT_IN_STATUS;
    let style = this.styles.get(entry.colour);
    if (!style) {
      style = new Style({
        fill: new Fill({ color: entry.colour }),
        stroke: new Stroke({ color: '#2b3440', width: 0.8 }),
      });
      this.styles.set(entry.colour, style);
    }
    return style;
  }
}
