// Self-tests of check_responses.mjs (ctest: api_check_responses): a small OpenAPI document
// (fixtures/openapi.json) and recordings that must pass or fail for a stated reason.
//   node --test tests/api/check_responses.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync, truncateSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkResponses, compileDocument, MAX_LINE_BYTES, MAX_RECORDS_BYTES } from './check_responses.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, 'fixtures');
const checker = join(here, 'check_responses.mjs');
const projectDocument = join(here, '..', '..', 'api', 'openapi.json');

const fixtureDocument = () => JSON.parse(readFileSync(join(fixtures, 'openapi.json'), 'utf-8'));
const compiled = compileDocument(fixtureDocument());

function check(name) {
  return checkResponses(compiled, readFileSync(join(fixtures, name)), name);
}

function checkLines(...records) {
  return checkResponses(compiled, Buffer.from(records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n'), 'inline');
}

function run(...args) {
  return spawnSync(process.execPath, [checker, ...args], { encoding: 'utf-8', timeout: 20000 });
}

test('valid responses pass, through $ref, a range, default, nullable, text and no body', () => {
  const { failures, warnings, summary } = check('valid.jsonl');
  assert.deepEqual(failures, []);
  assert.deepEqual(warnings, []);
  assert.equal(summary, '8 record(s) checked, 4 of 4 operation(s) covered, 0 failure(s)');
});

test('the command exits 0 on valid responses and prints the summary', () => {
  const result = run(join(fixtures, 'openapi.json'), join(fixtures, 'valid.jsonl'));
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /8 record\(s\) checked, 4 of 4 operation\(s\) covered, 0 failure\(s\)/);
});

test('a wrong type fails, naming line, operation, status and the field', () => {
  assert.deepEqual(check('wrong-type.jsonl').failures,
    ['wrong-type.jsonl:1: GET /things/{name} -> 200: /size must be integer']);
  const result = run(join(fixtures, 'openapi.json'), join(fixtures, 'wrong-type.jsonl'));
  assert.equal(result.status, 1);
  assert.match(result.stderr, /wrong-type\.jsonl:1: GET \/things\/\{name\} -> 200: \/size must be integer/);
});

test('a missing required field fails on its own line', () => {
  assert.deepEqual(check('missing-required.jsonl').failures,
    ["missing-required.jsonl:2: GET /things/{name} -> 200: / must have required property 'size'"]);
});

test('a property beyond additionalProperties: false fails and is named', () => {
  assert.deepEqual(check('additional-property.jsonl').failures,
    ['additional-property.jsonl:1: GET /things/{name} -> 200: / must NOT have additional properties: "colour"']);
});

test('an undocumented status fails (no default response to fall back on)', () => {
  assert.deepEqual(check('undocumented-status.jsonl').failures,
    ['undocumented-status.jsonl:1: GET /things/{name} -> 500: status 500 is not documented for this operation']);
});

test('an unknown route or method fails', () => {
  assert.deepEqual(check('unknown-route.jsonl').failures, [
    'unknown-route.jsonl:1: GET /widgets -> 200: the document has no such operation',
    'unknown-route.jsonl:2: POST /notes -> 201: the document has no such operation',
  ]);
});

test('a response through components/responses is checked against its schema', () => {
  assert.deepEqual(check('ref-response-mismatch.jsonl').failures,
    ['ref-response-mismatch.jsonl:1: GET /things/{name} -> 404: /error must match pattern "^[a-z_]+\\.[a-z_]+$"']);
});

test('null passes only where the schema is nullable', () => {
  assert.deepEqual(check('null-not-nullable.jsonl').failures,
    ['null-not-nullable.jsonl:1: GET /notes -> 200: /0/text must be string']);
});

test('an empty recording fails: nothing was checked', () => {
  assert.deepEqual(check('empty.jsonl').failures, ['empty.jsonl: no records (nothing was checked)']);
  const result = run(join(fixtures, 'openapi.json'), join(fixtures, 'empty.jsonl'));
  assert.equal(result.status, 1);
});

test('operations never seen are listed as a warning, not a failure', () => {
  const { failures, warnings } = check('wrong-type.jsonl');
  assert.equal(failures.length, 1);
  assert.deepEqual(warnings,
    ['warning: 3 documented operation(s) never seen: DELETE /things/{name}, GET /notes, GET /metrics']);
});

test('an undocumented content type, or a body where none is documented, fails', () => {
  const { failures } = checkLines(
    { method: 'GET', route: '/metrics', status: 200, content_type: 'application/json', body: 'x' },
    { method: 'DELETE', route: '/things/{name}', status: 204, content_type: 'application/json', body: {} });
  assert.deepEqual(failures, [
    'inline:1: GET /metrics -> 200: content type "application/json" is not documented (documented: text/plain)',
    'inline:2: DELETE /things/{name} -> 204: documented without a body, but the response has one',
  ]);
});

test('a line that is not a record fails with its number; the others are still checked', () => {
  const good = { method: 'GET', route: '/metrics', status: 200, content_type: 'text/plain', body: 'up 1' };
  const { failures, summary } = checkLines(
    '{"method": "GET",',
    { ...good, path: '/metrics' },
    { method: 'GET', route: '/metrics', status: 200, body: 'up 1' },
    { ...good, status: 99 },
    { ...good, method: 'FETCH' },
    { ...good, route: 'metrics' },
    '[]',
    good);
  assert.equal(failures.length, 7);
  assert.match(failures[0], /^inline:1: not JSON/);
  assert.match(failures[1], /^inline:2: unknown field path/);
  assert.match(failures[2], /^inline:3: missing field content_type/);
  assert.match(failures[3], /^inline:4: status: expected an integer from 100 to 599, got 99/);
  assert.match(failures[4], /^inline:5: method: expected one of/);
  assert.match(failures[5], /^inline:6: route: expected a route template starting with \//);
  assert.match(failures[6], /^inline:7: expected a JSON object/);
  assert.match(summary, /^1 record\(s\) checked/);
});

test('bytes that are not UTF-8 fail with the line number', () => {
  const { failures } = checkResponses(compiled, Buffer.from([0x7b, 0xff, 0x7d, 0x0a]), 'inline');
  assert.deepEqual(failures, ['inline:1: not UTF-8']);
});

test('a line over the limit is refused without being parsed', () => {
  const buffer = Buffer.alloc(MAX_LINE_BYTES + 2, 0x20);
  buffer[buffer.length - 1] = 0x0a;
  const { failures } = checkResponses(compiled, buffer, 'inline');
  assert.deepEqual(failures, [`inline:1: line longer than ${MAX_LINE_BYTES} bytes`]);
});

test('a file over the limit is refused before it is read', () => {
  const folder = mkdtempSync(join(tmpdir(), 'check-responses-'));
  try {
    const big = join(folder, 'big.jsonl');
    writeFileSync(big, '');
    truncateSync(big, MAX_RECORDS_BYTES + 1); // sparse: takes no disk
    const result = run(join(fixtures, 'openapi.json'), big);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /over the limit of 268435456/);
  } finally {
    rmSync(folder, { recursive: true });
  }
});

test('a typo in a schema keyword fails the document (strict mode)', () => {
  const document = fixtureDocument();
  document.components.schemas.Thing.requird = ['name'];
  assert.throws(() => compileDocument(document), /components\.schemas\.Thing: strict mode: unknown keyword: "requird"/);
});

test('a typo in a component schema that no response uses fails the document too', () => {
  const document = fixtureDocument();
  document.components.schemas.Unused = { type: 'object', propertes: {} };
  assert.throws(() => compileDocument(document), /components\.schemas\.Unused: strict mode: unknown keyword: "propertes"/);
});

test('a required property that the schema does not define fails the document', () => {
  const document = fixtureDocument();
  document.paths['/metrics'].get.responses['200'].content['text/plain'].schema =
    { type: 'object', required: ['nmae'], properties: { name: { type: 'string' } } };
  assert.throws(() => compileDocument(document), /paths\.\/metrics\.get\.responses\.200\.content\.text\/plain\.schema: .*"nmae"/);
});

test('a $ref that names nothing fails the document', () => {
  const document = fixtureDocument();
  document.paths['/notes'].get.responses['200'].content['application/json'].schema.items.$ref = '#/components/schemas/Nope';
  assert.throws(() => compileDocument(document), /can't resolve reference/);
  const other = fixtureDocument();
  other.paths['/things/{name}'].get.responses['404'].$ref = '#/components/responses/Gone';
  assert.throws(() => compileDocument(other), /paths\.\/things\/\{name\}\.get\.responses\.404: \$ref "#\/components\/responses\/Gone" names no response/);
});

test('OpenAPI 3.0 rules: nullable needs a type, type is one name, a status key is a code', () => {
  const untyped = fixtureDocument();
  untyped.components.schemas.Note.properties.author = { nullable: true };
  assert.throws(() => compileDocument(untyped), /"nullable" cannot be used without "type"/);
  const union = fixtureDocument();
  union.components.schemas.Note.properties.author = { type: ['string', 'null'] };
  assert.throws(() => compileDocument(union), /author\.type: OpenAPI 3\.0 takes one type name/);
  const status = fixtureDocument();
  status.paths['/metrics'].get.responses['2xx'] = { description: 'lower case' };
  assert.throws(() => compileDocument(status), /responses\.2xx: not a status code/);
});

test("the project's api/openapi.json compiles in strict mode", () => {
  const project = compileDocument(JSON.parse(readFileSync(projectDocument, 'utf-8')));
  assert.ok(project.operations.has('GET /me'));
});

test('a 405 to a method a documented path lacks is checked against the Error schema', () => {
  const error = { error: 'request.method' };
  const base = { method: 'PUT', route: '/things/{name}', status: 405, content_type: 'application/json' };
  assert.deepEqual(checkLines({ ...base, body: error }).failures, []);
  assert.equal(checkLines({ ...base, body: { oops: 1 } }).failures.length, 1);
  // Any other status to that method, or a 405 on a path the document lacks, is undocumented.
  assert.equal(checkLines({ ...base, status: 200, body: error }).failures.length, 1);
  assert.equal(checkLines({ ...base, route: '/nowhere', body: error }).failures.length, 1);
});
