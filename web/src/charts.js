// Small charts drawn as inline SVG from figures the API gave (nothing is computed here but
// scales), each with its table as the text alternative and its exports: CSV for the table,
// SVG and PNG (through a canvas) for the chart. Shared by the dashboard's views.
import { downloadCsv, downloadPng, downloadSvg } from './export.js';
const SVG = 'http://www.w3.org/2000/svg';
let serial = 0;

function svgNode(name, attributes = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

// "87.5 %" from 0.875; figures as the API gives them, rounded only for display.
export function percent(rate) {
  return `${(Math.round(rate * 1000) / 10).toFixed(1)} %`;
}

export function number(value) {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

// A horizontal bar chart: one group per row, one bar per series. rows: [{label, values: [..]}],
// series: [{name, colour}]. max: the scale's end (default the largest value).
export function barChart({ title, rows, series, unit = '', max }) {
  const id = `chart-${++serial}`;
  const labelWidth = 190, barHeight = 14, gap = 6, width = 640, right = 70;
  const group = series.length * barHeight + gap * 2;
  const legendHeight = 22;
  const height = legendHeight + rows.length * group + 24;
  const top = Math.max(max || 0, ...rows.flatMap((row) => row.values), 1e-9);
  const scale = (value) => ((width - labelWidth - right) * value) / top;
  const svg = svgNode('svg', {
    xmlns: SVG, viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
    'aria-labelledby': `${id}-title`, class: 'chart', 'font-family': 'system-ui, sans-serif',
    'font-size': 12,
  });
  svg.append(svgNode('title', { id: `${id}-title` }, title));
  svg.append(svgNode('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }));
  series.forEach((s, i) => {
    const x = labelWidth + i * 150;
    svg.append(svgNode('rect', { x, y: 5, width: 12, height: 12, fill: s.colour }));
    svg.append(svgNode('text', { x: x + 16, y: 15, fill: '#1d252c' }, s.name));
  });
  rows.forEach((row, r) => {
    const y = legendHeight + r * group + gap;
    svg.append(svgNode('text', {
      x: labelWidth - 8, y: y + (series.length * barHeight) / 2 + 4, 'text-anchor': 'end',
      fill: '#1d252c',
    }, row.label));
    row.values.forEach((value, i) => {
      const bar = svgNode('rect', {
        x: labelWidth, y: y + i * barHeight, width: Math.max(scale(value), 0.5),
        height: barHeight - 2, fill: series[i].colour, 'data-value': value,
      });
      bar.append(svgNode('title', {}, `${row.label}, ${series[i].name}: ${number(value)}${unit}`));
      svg.append(bar);
      svg.append(svgNode('text', {
        x: labelWidth + scale(value) + 4, y: y + i * barHeight + barHeight - 4, fill: '#1d252c',
      }, `${number(value)}${unit}`));
    });
  });
  svg.append(svgNode('line', {
    x1: labelWidth, x2: labelWidth, y1: legendHeight, y2: height - 20, stroke: '#5b6670',
  }));
  return svg;
}

// A table: columns [{key, label, numeric}], rows of objects; caption for screen readers.
export function table(columns, rows, caption) {
  const node = document.createElement('table');
  if (caption) node.createCaption().textContent = caption;
  const head = node.createTHead().insertRow();
  for (const column of columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = column.label;
    head.append(th);
  }
  const body = node.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const column of columns) {
      const cell = tr.insertCell();
      const value = row[column.key];
      if (value instanceof Node) cell.append(value);
      else cell.textContent = value === undefined || value === null ? '' : String(value);
      if (column.numeric) cell.className = 'numeric';
    }
  }
  return node;
}

// The table as CSV rows: the header, then each row by its columns.
function csvRows(columns, rows) {
  return [columns.map((c) => c.label), ...rows.map((row) => columns.map((c) => row[c.csv || c.key]))];
}

function button(text, label, action) {
  const node = document.createElement('button');
  node.type = 'button';
  node.textContent = text;
  node.setAttribute('aria-label', label);
  node.addEventListener('click', action);
  return node;
}

// A figure: its heading, the chart (if any), its table (open when there is no chart, else in a
// disclosure as the chart's text alternative) and the export buttons.
// name: the files' base name; columns, rows: the table's; chart: an SVG from barChart;
// collapsed: a table without a chart in a disclosure too (a long one, the map's alternative).
export function figure({ name, title, columns, rows, chart, caption, collapsed = false }) {
  const section = document.createElement('section');
  section.className = 'figure';
  section.dataset.figure = name;
  const heading = document.createElement('h3');
  heading.id = `figure-${name}`;
  heading.textContent = title;
  section.setAttribute('aria-labelledby', heading.id);
  section.append(heading);
  const tableNode = table(columns, rows, caption || title);
  tableNode.dataset.table = name;
  if (chart || collapsed) {
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = `${title}: table (${rows.length} rows)`;
    details.append(summary, tableNode);
    if (chart) {
      chart.dataset.chart = name;
      const holder = document.createElement('div');
      holder.className = 'chart-holder';
      holder.append(chart);
      section.append(holder);
    }
    section.append(details);
  } else {
    section.append(tableNode);
  }
  const exports = document.createElement('p');
  exports.className = 'exports';
  exports.append(button('CSV', `${title}: download the table as CSV`, () =>
    downloadCsv(`${name}.csv`, csvRows(columns, rows))));
  if (chart) {
    exports.append(button('SVG', `${title}: download the chart as SVG`, () =>
      downloadSvg(`${name}.svg`, chart)));
    exports.append(button('PNG', `${title}: download the chart as PNG`, () =>
      downloadPng(`${name}.png`, chart)));
  }
  section.append(exports);
  return section;
}
