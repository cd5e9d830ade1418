// The Force view's map: the world's countries as a base (no tiles: the dashboard is offline),
// the theatre from GET .../theatre (zones, areas, lines, sites) and the plan's assigned units as
// military symbols (milsymbol, MIL-STD-2525C, friendly) at their sites, drawn by OpenLayers on
// a 2D canvas. Several units at one site are set out in a small grid above it.
import OlMap from 'ol/Map.js';
import View from 'ol/View.js';
import Feature from 'ol/Feature.js';
import Point from 'ol/geom/Point.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorImageLayer from 'ol/layer/VectorImage.js';
import VectorSource from 'ol/source/Vector.js';
import GeoJSON from 'ol/format/GeoJSON.js';
import { Circle, Fill, Icon, Stroke, Style } from 'ol/style.js';
import { fromLonLat, toLonLat } from 'ol/proj.js';
import { createEmpty, extend, getCenter, isEmpty } from 'ol/extent.js';
import { getDistance } from 'ol/sphere.js';
import ms from 'milsymbol';
import { loadCountries } from './map.js';

export const LINE_COLOUR = '#b2182b';
const ZONE_FILL = 'rgba(244, 109, 67, 0.18)';
const AREA_FILL = 'rgba(69, 117, 180, 0.22)';
const SYMBOL_SIZE = 16;
// Sites with units this far (metres on the ground) from the middle of the line and zones widen
// the first view to them; farther ones (a headquarters in Paris) are left to panning.
const FIT_RANGE_M = 1500e3;

// The symbol of a unit by its capability's domain (capabilities.yaml): its battle dimension
// (ground, air, sea surface) and, for ground units, the function the domain stands for.
// Letter SIDCs of MIL-STD-2525C: S (warfighting), F (friend), dimension, P (present), function.
const FUNCTION_OF_DOMAIN = {
  land: 'SFGPUCI----',        // ground unit, infantry
  enablers: 'SFGPUU-----',    // ground unit, combat support
  logistics: 'SFGPUSS----',   // ground unit, supply
  training: 'SFGPU------',    // ground unit
  monitoring: 'SFGPUCR----',  // ground unit, reconnaissance
  air: 'SFAPMF-----',         // air, military fixed wing
  sea: 'SFSPC------',         // sea surface, combatant
};
export function sidcOf(domain) {
  return FUNCTION_OF_DOMAIN[domain] || 'SFGPU------';
}

const countryStyle = new Style({
  fill: new Fill({ color: '#eef1f4' }),
  stroke: new Stroke({ color: '#9aa3ad', width: 0.5 }),
});
const theatreStyles = {
  zone: new Style({ fill: new Fill({ color: ZONE_FILL }),
                    stroke: new Stroke({ color: '#d6604d', width: 1, lineDash: [4, 3] }) }),
  area: new Style({ fill: new Fill({ color: AREA_FILL }), stroke: new Stroke({ color: '#4575b4', width: 1 }) }),
  line: new Style({ stroke: new Stroke({ color: LINE_COLOUR, width: 2.5 }) }),
  site: new Style({ image: new Circle({ radius: 3.5, fill: new Fill({ color: '#1d252c' }),
                                        stroke: new Stroke({ color: '#ffffff', width: 1 }) }) }),
};

export class TheatreMap {
  constructor(element) {
    this.element = element;
    this.countries = new VectorSource();
    this.theatre = new VectorSource();
    this.units = new VectorSource();
    this.symbols = new Map();  // cache of rendered symbols by SIDC and label
    this.map = new OlMap({
      target: element,
      layers: [
        new VectorLayer({ source: this.countries, style: countryStyle }),
        new VectorLayer({ source: this.theatre, style: (f) => theatreStyles[f.get('kind')] }),
        new VectorImageLayer({ source: this.units }),
      ],
      view: new View({ center: fromLonLat([32, 48.5]), zoom: 5 }),
      controls: [],
    });
    // What a symbol stands for, under the mouse pointer (the units' table says it for everyone).
    this.tip = document.createElement('div');
    this.tip.className = 'map-tip';
    this.tip.hidden = true;
    element.append(this.tip);
    this.map.on('pointermove', (event) => {
      const feature = this.map.forEachFeatureAtPixel(event.pixel, (f) => (f.get('assignment') ? f : undefined));
      this.tip.hidden = !feature;
      if (!feature) return;
      const a = feature.get('assignment');
      this.tip.textContent = `${a.nation} ${a.capability} (${a.pledge}): ${a.units} at ${a.site}, rotation ${a.rotation}`;
      this.tip.style.left = `${event.pixel[0] + 12}px`;
      this.tip.style.top = `${event.pixel[1] + 12}px`;
    });
    element.addEventListener('pointerleave', () => {
      this.tip.hidden = true;
    });
    this.generation = 0;
    this.map.on('rendercomplete', () => {
      // Where the first symbol stands on screen (its anchor), for a test to point at it.
      const first = this.units.getFeatures()[0];
      if (first) {
        const [x, y] = this.map.getPixelFromCoordinate(first.getGeometry().getCoordinates());
        const [dx, dy] = first.get('displacement');
        element.dataset.firstSymbol = `${Math.round(x + dx)},${Math.round(y - dy)}`;
      }
      element.dataset.rendered = String(this.generation);
    });
  }

  async loadCountries(url) {
    this.countries.addFeatures(await loadCountries(url));
  }

  // The countries already in memory (the report carries them).
  addCountries(features) {
    this.countries.addFeatures(features);
  }

  // The theatre's FeatureCollection; the view fits its lines and zones, then the sites near them
  // that hold units (every site would take in headquarters far away and shrink it to a dot).
  showTheatre(collection) {
    const features = new GeoJSON().readFeatures(collection, { featureProjection: 'EPSG:3857' });
    this.theatre.clear();
    this.theatre.addFeatures(features);
    this.sites = new Map();
    const extent = createEmpty();
    for (const f of features) {
      if (f.get('kind') === 'site') this.sites.set(f.get('id'), f.getGeometry().getCoordinates());
      if (f.get('kind') === 'line' || f.get('kind') === 'zone') extend(extent, f.getGeometry().getExtent());
    }
    this.extent = isEmpty(extent) ? null : extent;
    this.needsFit = true;
    this.fit();
    const count = (kind) => features.filter((f) => f.get('kind') === kind).length;
    this.element.dataset.sites = String(count('site'));
    this.element.dataset.lines = String(count('line'));
    this.element.dataset.zones = String(count('zone'));
    this.changed();
  }

  symbol(domain, nation) {
    const key = `${domain}|${nation}`;
    let entry = this.symbols.get(key);
    if (!entry) {
      const sym = new ms.Symbol(sidcOf(domain), { size: SYMBOL_SIZE, uniqueDesignation: nation });
      const size = sym.getSize(), anchor = sym.getAnchor();
      entry = { src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(sym.asSVG())}`,
                width: size.width, height: size.height, anchor: [anchor.x, anchor.y] };
      this.symbols.set(key, entry);
    }
    return entry;
  }

  // One symbol per assignment shown, at its site; k at one site in a grid of ceil(sqrt(k))
  // columns above the site's point. Returns how many were drawn.
  showUnits(assignments) {
    this.units.clear();
    const bySite = new Map();
    for (const a of assignments) {
      if (!this.sites || !this.sites.has(a.site)) continue;
      if (!bySite.has(a.site)) bySite.set(a.site, []);
      bySite.get(a.site).push(a);
    }
    const features = [];
    for (const [site, list] of bySite) {
      const columns = Math.ceil(Math.sqrt(list.length));
      list.forEach((a, i) => {
        const sym = this.symbol(a.domain, a.nation);
        const column = i % columns, row = Math.floor(i / columns);
        const dx = (column - (columns - 1) / 2) * (sym.width + 2);
        const dy = (row + 0.5) * (sym.height + 2) + 4;
        const feature = new Feature({ geometry: new Point(this.sites.get(site)), assignment: a,
                                      displacement: [dx, dy] });
        feature.setStyle(new Style({ image: new Icon({
          src: sym.src, width: sym.width, height: sym.height, anchor: sym.anchor,
          anchorXUnits: 'pixels', anchorYUnits: 'pixels', displacement: [dx, dy],
        }) }));
        features.push(feature);
      });
    }
    this.units.addFeatures(features);
    // The first units of a theatre widen the view to their sites (hubs and ports away from the
    // line); later filters keep the view the user has.
    if (this.needsFit && this.extent && features.length) {
      const middle = toLonLat(getCenter(this.extent));
      for (const f of features) {
        const at = f.getGeometry().getCoordinates();
        if (getDistance(middle, toLonLat(at)) <= FIT_RANGE_M) extend(this.extent, f.getGeometry().getExtent());
      }
      this.needsFit = false;
      this.fit();
    }
    this.element.dataset.symbols = String(features.length);
    this.element.dataset.unitSites = String(bySite.size);
    this.changed();
    return features.length;
  }

  fit() {
    const size = this.map.getSize();
    if (this.extent && size && size[0] > 0 && size[1] > 0)
      this.map.getView().fit(this.extent, { padding: [24, 24, 24, 24], size });
  }

  // What the page has asked the map to draw, counted: the test waits until data-rendered
  // equals data-generation (OpenLayers' rendercomplete after the last change).
  changed() {
    this.generation += 1;
    this.element.dataset.generation = String(this.generation);
    this.map.render();
  }

  // Once the view is shown (a hidden map has no size).
  resize() {
    this.map.updateSize();
    this.fit();
    this.changed();
  }
}
