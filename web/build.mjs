// Bundles the dashboard (web/src/) into OUT_DIR with esbuild, offline: every module comes from
// node_modules/ (npm ci from package-lock.json). Writes index.html, app.js, app.css, report.js,
// report.css (the report of `reassure plan --out`) and the map's
// country boundaries (world-atlas, Natural Earth 1:110m) as countries.json.
//   node web/build.mjs OUT_DIR
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = process.argv[2];
if (!out) {
  console.error('usage: node web/build.mjs OUT_DIR');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', 'package.json'));
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, 'src', 'app.js')],
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'esm',
  target: ['chrome110'],
  outfile: join(out, 'app.js'),
  loader: { '.css': 'css' },
  logLevel: 'warning',
});
// The report's script (report.js, report.css): `reassure plan --out` writes it inline into
// report.html, so the report opens from a file with no server; an IIFE runs from file://.
await build({
  entryPoints: [join(here, 'src', 'report.js')],
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'iife',
  target: ['chrome110'],
  outfile: join(out, 'report.js'),
  loader: { '.css': 'css' },
  logLevel: 'warning',
});
copyFileSync(join(here, 'src', 'index.html'), join(out, 'index.html'));
copyFileSync(require.resolve('world-atlas/countries-110m.json'), join(out, 'countries.json'));
// esbuild writes the imported CSS (ol.css, app.css) beside app.js as app.css.
readFileSync(join(out, 'app.css'));
readFileSync(join(out, 'report.css'));
