// Dates as the API writes them (YYYY-MM-DD, UTC days) and as the slider counts them (days since
// 1970-01-01).
const DAY_MS = 86400000;

export function isDate(text) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(day) && toDate(Math.round(day / DAY_MS)) === text;
}
export function toDay(text) {
  return Math.round(Date.parse(`${text}T00:00:00Z`) / DAY_MS);
}
export function toDate(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
