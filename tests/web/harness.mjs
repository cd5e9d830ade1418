// What every browser test shares: its settings from the environment, the program run and served
// on 127.0.0.1, Debian's chromium launched headless as the issue asks, and axe-core's check.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

// A setting from the environment (ctest sets them), or its fallback; none is an error.
export const env = (name, fallback) => {
  const value = process.env[name] || fallback;
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

// Held to the speed targets in a release build; a sanitized one only prints them
// (REASSURE_TIMING=report, set by tests/CMakeLists.txt).
export const TIMED = process.env.REASSURE_TIMING !== 'report';

// `reassure ARGS...`, its standard output (bounded).
export function run(binary, args) {
  return execFileSync(binary, args, { encoding: 'utf-8', timeout: 30000 });
}

// `reassure serve` over `db` with the dashboard `web` on a free port, read from its first line
// (bounded): {child, url}.
export function serve(binary, db, web) {
  const child = spawn(binary, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--web', web,
                               '--rate-limit', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('reassure serve printed no port in 10 s')), 10000);
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    });
    child.on('exit', (code) => reject(new Error(`reassure serve exited with ${code}`)));
  });
}

// Debian's chromium (or CHROMIUM), headless, with no network of its own.
export function launchBrowser() {
  return chromium.launch({
    executablePath: env('CHROMIUM', '/usr/bin/chromium'), headless: true, timeout: 30000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf-8');

// axe-core's WCAG 2 A and AA rules on the page as it is; every serious or critical violation is
// printed (rule, impact, the elements) and fails the test.
export async function expectAccessible(on, what) {
  await on.addScriptTag({ content: axeSource });
  const violations = await on.evaluate(async () => (await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'],
  })).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`));
  for (const violation of violations) console.log(`${what}: ${violation}`);
  assert.deepEqual(violations, [], `${what}: axe-core violations`);
}
