// The Coalition view's parts, shared by the dashboard (app.js) and the self-contained report of
// `reassure plan --out` (report.js): the positions' colours, the legend and the statements table.

// Colours of positions: "committed" always green, the others in the order the API lists them.
// Not participating (a former participant, a nation outside the coalition): greys.
export const COMMITTED = '#1a9850';
const PALETTE = ['#fdae61', '#74add1', '#d73027', '#9e6ac8', '#fee090', '#c7e9b4', '#f1b6da'];
export const NOT_PARTICIPANT = '#b0b6bd';


export function colourOf(status) {
  const colours = new Map();
  let next = 0;
  for (const entry of status.by_position) {
    if (entry.position === 'committed') colours.set(entry.position, COMMITTED);
    else colours.set(entry.position, PALETTE[next++ % PALETTE.length]);
  }
  return (nation) => (nation.participant ? colours.get(nation.position) || NOT_PARTICIPANT
                                         : NOT_PARTICIPANT);
}

// The legend: one item per position (swatch, label, participants), then "Not participating".
export function legendItems(status, colour) {
  const items = status.by_position.map((entry) => {
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
  return [...items, outside];
}

// A link when the source is an address (several are separated by " ; "), text otherwise.
function sourceCell(source) {
  const cell = document.createElement('td');
  cell.dataset.csv = source || '';
  (source || '').split(' ; ').filter(Boolean).forEach((part, index) => {
    if (index) cell.append(document.createTextNode(' ; '));
    if (/^https?:\/\//.test(part)) {
      const link = document.createElement('a');
      link.href = part;
      link.rel = 'noreferrer';
      link.textContent = new URL(part).hostname;
      link.title = part;
      cell.append(link);
    } else {
      cell.append(document.createTextNode(part));
    }
  });
  return cell;
}

export function nationRow(nation) {
  const row = document.createElement('tr');
  row.dataset.code = nation.code;
  const statement = nation.statement || {};
  const position = nation.participant ? nation.label : `${nation.label} (${nation.standing})`;
  const doubtful = statement.doubtful_source ? ' (source in doubt)' : '';
  for (const text of [nation.name, position, statement.date || 'no statement',
                      statement.summary || '', (statement.basis || '') + doubtful]) {
    const cell = document.createElement('td');
    cell.textContent = text;
    row.append(cell);
  }
  row.append(sourceCell(statement.source));
  row.tabIndex = -1;
  return row;
}
