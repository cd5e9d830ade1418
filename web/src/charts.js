// Small charts drawn as inline SVG from figures the API gave (nothing is computed here but
// scales), each with its table as the text alternative and its exports: CSV for the table,
// SVG and PNG (through a canvas) for the chart. Shared by the dashboard's views.
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

// RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled.
export function csvOf(columns, rows) {
  const field = (value) => {
    const text = value === undefined || value === null ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [columns.map((c) => field(c.label)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => field(row[c.csv || c.key])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function svgText(svg) {
  return new XMLSerializer().serializeToString(svg);
}

// The chart drawn on a canvas at twice its size, as a PNG.
export async function pngOf(svg) {
  const image = new Image();
  const width = Number(svg.getAttribute('width')), height = Number(svg.getAttribute('height'));
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText(svg))}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width * 2;
  canvas.height = height * 2;
  const context = canvas.getContext('2d');
  context.scale(2, 2);
  context.drawImage(image, 0, 0, width, height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
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
    download(`${name}.csv`, new Blob([csvOf(columns, rows)], { type: 'text/csv' }))));
  if (chart) {
    exports.append(button('SVG', `${title}: download the chart as SVG`, () =>
      download(`${name}.svg`, new Blob([svgText(chart)], { type: 'image/svg+xml' }))));
    exports.append(button('PNG', `${title}: download the chart as PNG`, async () =>
      download(`${name}.png`, await pngOf(chart))));
  }
  section.append(exports);
  return section;
}
