// Exports of what a view shows: a table as CSV (RFC 4180), a chart (inline SVG) as SVG or PNG.
// Each is a download made in the page from what is on screen, so an export always equals the
// view, and nothing is asked of the server again.

// One CSV field: quoted when it holds a comma, a quote or a line break; a leading = + - @ is
// prefixed with ' so a spreadsheet does not run it as a formula (CSV injection); a negative
// number is left as it is.
export function csvField(value) {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows) {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

// The rows of an HTML table as text: its header rows and body rows, cell by cell; a cell may
// say what it exports with data-csv (a link's address, a number without its formatting).
export function tableRows(table) {
  const rows = [];
  for (const row of table.querySelectorAll('tr')) {
    if (row.hidden) continue;
    rows.push([...row.cells].map((cell) => cell.dataset.csv ?? cell.textContent.trim()));
  }
  return rows;
}

function download(filename, blob) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadCsv(filename, rows) {
  // The byte order mark makes spreadsheets read the file as UTF-8 (names like Türkiye).
  download(filename, new Blob(['\ufeff', toCsv(rows)], { type: 'text/csv;charset=utf-8' }));
}

export function svgText(svg) {
  const copy = svg.cloneNode(true);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return new XMLSerializer().serializeToString(copy);
}

export function downloadSvg(filename, svg) {
  download(filename, new Blob([svgText(svg)], { type: 'image/svg+xml' }));
}

// The SVG drawn on a canvas at twice its size (its width and height, or as laid out), then
// saved as PNG.
export async function downloadPng(filename, svg, scale = 2) {
  const laid = svg.getBoundingClientRect();
  const box = { width: Number(svg.getAttribute('width')) || laid.width,
                height: Number(svg.getAttribute('height')) || laid.height };
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText(svg))}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(box.width * scale);
  canvas.height = Math.ceil(box.height * scale);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the browser could not draw the chart as PNG');
  download(filename, blob);
}

// A canvas (the map) saved as PNG as it is drawn.
export async function downloadCanvasPng(filename, canvas) {
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the browser could not save the map as PNG');
  download(filename, blob);
}
