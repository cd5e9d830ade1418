#!/usr/bin/env node
// Checks recorded API responses against the OpenAPI 3.0 document: every response the server
// gave must be documented (its operation, its status) and its body must match the documented
// schema for its media type. The records come from the C++ API tests run with
// REASSURE_RECORD_RESPONSES=<file>, one JSON object per line (docs/api.md, "Responses against
// the document").
//
//   node tests/api/check_responses.mjs api/openapi.json responses.jsonl
//
// Exit 0: every record matches. Exit 1: a record fails, the file holds no record, or the
// document itself is not sound (a schema ajv's strict mode refuses, a $ref that names nothing).
// Exit 2: wrong arguments or a file that cannot be read.

import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

let Ajv;
let addFormats;
try {
  ({ default: Ajv } = await import('ajv'));
  ({ default: addFormats } = await import('ajv-formats'));
} catch (error) {
  console.error(`check_responses: cannot load ajv (${error.message}); run \`make deps\` (npm ci)`);
  process.exit(2);
}

// Bounds on what is read, so that a runaway recording fails clearly instead of exhausting memory.
export const MAX_RECORDS_BYTES = 256 * 1024 * 1024;
export const MAX_LINE_BYTES = 64 * 1024 * 1024;
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
// A body wrong in every element of a long array gives as many errors: the first few say enough.
const MAX_REASONS_SHOWN = 10;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const RECORD_FIELDS = ['method', 'route', 'status', 'content_type', 'body'];
const SCHEMA_REF = '#/components/schemas/';
const RESPONSE_REF = '#/components/responses/';
// The components' schemas are added to ajv under this id; the document's "#/components/schemas/X"
// becomes "components#/definitions/X".
const COMPONENTS_ID = 'components';

// --- The document --------------------------------------------------------------------------

// An OpenAPI 3.0 Schema Object as the JSON Schema (draft-07) that ajv validates. What differs:
// `nullable` (ajv knows it, and needs `type` beside it, as OpenAPI 3.0.3 says), boolean
// exclusiveMinimum/exclusiveMaximum (draft-04 style), `type` that must be a single name,
// extensions (x-...), and $ref, which may only name a component schema here.
export function toJsonSchema(schema, where, problems) {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    problems.push(`${where}: a schema must be an object`);
    return {};
  }
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-')) continue;
    const at = `${where}.${key}`;
    switch (key) {
      case '$ref':
        if (typeof value !== 'string' || !value.startsWith(SCHEMA_REF)) {
          problems.push(`${at}: only "${SCHEMA_REF}<name>" is supported, got ${JSON.stringify(value)}`);
        } else {
          out.$ref = `${COMPONENTS_ID}#/definitions/${value.slice(SCHEMA_REF.length)}`;
        }
        break;
      case 'type':
        if (typeof value !== 'string') {
          problems.push(`${at}: OpenAPI 3.0 takes one type name (use nullable for null), got ${JSON.stringify(value)}`);
        }
        out.type = value;
        break;
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        const bound = key === 'exclusiveMinimum' ? 'minimum' : 'maximum';
        if (typeof value !== 'boolean') {
          problems.push(`${at}: OpenAPI 3.0 takes true or false here, got ${JSON.stringify(value)}`);
        } else if (value) {
          if (typeof schema[bound] !== 'number') problems.push(`${at}: true needs ${bound} beside it`);
          else out[key] = schema[bound];
        }
        break;
      }
      case 'minimum':
      case 'maximum': {
        const exclusive = key === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum';
        if (schema[exclusive] !== true) out[key] = value;
        break;
      }
      case 'properties':
        out.properties = mapSchemas(value, at, problems);
        break;
      case 'items':
      case 'not':
        out[key] = toJsonSchema(value, at, problems);
        break;
      case 'additionalProperties':
        out[key] = typeof value === 'boolean' ? value : toJsonSchema(value, at, problems);
        break;
      case 'allOf':
      case 'anyOf':
      case 'oneOf':
        if (!Array.isArray(value)) {
          problems.push(`${at}: expected an array of schemas`);
        } else {
          out[key] = value.map((item, i) => toJsonSchema(item, `${at}[${i}]`, problems));
        }
        break;
      default:
        // Everything else (enum, format, pattern, example, discriminator...) means the same to
        // ajv or is an annotation it is told about; strict mode refuses any it does not know.
        out[key] = value;
    }
  }
  return out;
}

function mapSchemas(schemas, where, problems) {
  if (typeof schemas !== 'object' || schemas === null || Array.isArray(schemas)) {
    problems.push(`${where}: expected an object of schemas`);
    return {};
  }
  const out = {};
  for (const [name, schema] of Object.entries(schemas)) {
    out[name] = toJsonSchema(schema, `${where}.${name}`, problems);
  }
  return out;
}

function newAjv() {
  // strict: a keyword, format or `required` name that ajv does not know fails the document, so a
  // typo cannot silently accept every body. allErrors: report every mismatch of a body at once.
  const ajv = new Ajv({ strict: true, allErrors: true, discriminator: true });
  addFormats(ajv);
  // OpenAPI's own annotations, which validate nothing.
  ajv.addVocabulary(['example', 'xml', 'externalDocs']);
  return ajv;
}

// A response object, following "#/components/responses/X" (a chain of them too).
function resolveResponse(document, response, where, problems) {
  for (let hops = 0; hops < 16; ++hops) {
    if (typeof response !== 'object' || response === null) {
      problems.push(`${where}: a response must be an object`);
      return null;
    }
    if (response.$ref === undefined) return response;
    const ref = response.$ref;
    const name = typeof ref === 'string' && ref.startsWith(RESPONSE_REF) ? ref.slice(RESPONSE_REF.length) : null;
    const target = name === null ? undefined : document.components?.responses?.[name];
    if (target === undefined) {
      problems.push(`${where}: $ref ${JSON.stringify(ref)} names no response in components.responses`);
      return null;
    }
    where = `components.responses.${name}`;
    response = target;
  }
  problems.push(`${where}: $ref chain longer than 16`);
  return null;
}

// A name as one token of a JSON pointer (RFC 6901).
function escapePointer(name) {
  return name.replaceAll('~', '~0').replaceAll('/', '~1');
}

// "text/plain; version=0.0.4; charset=utf-8" -> "text/plain"
function mediaTypeOf(contentType) {
  return contentType.split(';')[0].trim().toLowerCase();
}

// Every operation of the document with each of its responses, and a compiled validator for each
// documented media type; throws an Error listing every problem of the document.
export function compileDocument(document) {
  const problems = [];
  if (typeof document !== 'object' || document === null || typeof document.openapi !== 'string' ||
      !document.openapi.startsWith('3.0.')) {
    throw new Error('not an OpenAPI 3.0 document (no "openapi": "3.0.x")');
  }
  const ajv = newAjv();
  const components = mapSchemas(document.components?.schemas ?? {}, 'components.schemas', problems);
  try {
    ajv.addSchema({ $id: COMPONENTS_ID, definitions: components });
  } catch (error) {
    problems.push(`components.schemas: ${error.message}`);
  }
  // Each component schema compiled now, used by a response or not, so that a typo in any fails.
  for (const name of Object.keys(components)) {
    try {
      ajv.compile({ $ref: `${COMPONENTS_ID}#/definitions/${escapePointer(name)}` });
    } catch (error) {
      problems.push(`components.schemas.${name}: ${error.message}`);
    }
  }

  const operations = new Map();
  for (const [route, pathItem] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = pathItem?.[method];
      if (operation === undefined) continue;
      const key = `${method.toUpperCase()} ${route}`;
      const where = `paths.${route}.${method}.responses`;
      const responses = new Map();
      for (const [status, declared] of Object.entries(operation.responses ?? {})) {
        if (!/^([1-5](\d\d|XX)|default)$/.test(status)) {
          problems.push(`${where}.${status}: not a status code, a range such as 4XX, or default`);
          continue;
        }
        const response = resolveResponse(document, declared, `${where}.${status}`, problems);
        if (response !== null) responses.set(status, compileResponse(ajv, response, `${where}.${status}`, problems));
      }
      if (responses.size === 0) problems.push(`${where}: no response documented`);
      operations.set(key, { key, responses });
    }
  }
  // A method a path lacks is answered 405 with an Error (docs/api.md, "Errors"), on every path:
  // that answer is checked against the Error schema rather than an operation.
  let methodNotAllowed = null;
  if (components.Error !== undefined) {
    try {
      methodNotAllowed = ajv.compile({ $ref: `${COMPONENTS_ID}#/definitions/Error` });
    } catch (error) {
      problems.push(`components.schemas.Error: ${error.message}`);
    }
  }
  if (problems.length > 0) throw new Error(`the document is not sound:\n  ${problems.join('\n  ')}`);
  return { operations, paths: new Set(Object.keys(document.paths ?? {})), methodNotAllowed };
}

function compileResponse(ajv, response, where, problems) {
  const content = new Map();
  for (const [mediaType, media] of Object.entries(response.content ?? {})) {
    const at = `${where}.content.${mediaType}.schema`;
    if (media?.schema === undefined) {
      content.set(mediaTypeOf(mediaType), () => true); // documented without a schema: any body
      continue;
    }
    const before = problems.length;
    const schema = toJsonSchema(media.schema, at, problems);
    if (problems.length > before) continue;
    try {
      content.set(mediaTypeOf(mediaType), ajv.compile(schema));
    } catch (error) {
      problems.push(`${at}: ${error.message}`);
    }
  }
  return { content };
}

// --- The records -------------------------------------------------------------------------

// Each line of the buffer with its number, bounded, as UTF-8 text; a final newline ends the last
// line rather than starting an empty one.
function* linesOf(buffer) {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  for (let number = 1; start < buffer.length; ++number) {
    let end = buffer.indexOf(0x0a, start);
    if (end === -1) end = buffer.length;
    if (end - start > MAX_LINE_BYTES) {
      yield { number, error: `line longer than ${MAX_LINE_BYTES} bytes` };
    } else {
      let text = null;
      try {
        text = decoder.decode(buffer.subarray(start, end));
      } catch {
        yield { number, error: 'not UTF-8' };
      }
      if (text !== null) yield { number, text: text.endsWith('\r') ? text.slice(0, -1) : text };
    }
    start = end + 1;
  }
}

// The record of one line, or the reason it is not one.
function readRecord(text) {
  let record;
  try {
    record = JSON.parse(text);
  } catch (error) {
    return { error: `not JSON (${error.message})` };
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { error: 'expected a JSON object' };
  }
  const unknown = Object.keys(record).filter((key) => !RECORD_FIELDS.includes(key));
  if (unknown.length > 0) return { error: `unknown field ${unknown.join(', ')} (fields: ${RECORD_FIELDS.join(', ')})` };
  const missing = RECORD_FIELDS.filter((key) => !(key in record));
  if (missing.length > 0) return { error: `missing field ${missing.join(', ')}` };
  if (typeof record.method !== 'string' || !METHODS.includes(record.method.toLowerCase())) {
    return { error: `method: expected one of ${METHODS.join(', ')} (any case), got ${JSON.stringify(record.method)}` };
  }
  if (typeof record.route !== 'string' || !record.route.startsWith('/')) {
    return { error: `route: expected a route template starting with /, got ${JSON.stringify(record.route)}` };
  }
  if (!Number.isInteger(record.status) || record.status < 100 || record.status > 599) {
    return { error: `status: expected an integer from 100 to 599, got ${JSON.stringify(record.status)}` };
  }
  if (typeof record.content_type !== 'string') {
    return { error: `content_type: expected a string ("" when there is no body), got ${JSON.stringify(record.content_type)}` };
  }
  return { record };
}

// The documented response for a status: the exact code, else its range (4XX), else default.
function responseFor(operation, status) {
  const code = String(status);
  return operation.responses.get(code) ?? operation.responses.get(`${code[0]}XX`) ?? operation.responses.get('default');
}

function describeError(error) {
  const path = error.instancePath === '' ? '/' : error.instancePath;
  let detail = '';
  if (error.params?.additionalProperty !== undefined) detail = `: ${JSON.stringify(error.params.additionalProperty)}`;
  else if (error.params?.allowedValues !== undefined) detail = `: ${JSON.stringify(error.params.allowedValues)}`;
  return `${path} ${error.message}${detail}`;
}

// Why a record does not match the document: a list of reasons, empty when it matches.
function checkRecord(compiled, record) {
  const key = `${record.method.toUpperCase()} ${record.route}`;
  const operation = compiled.operations.get(key);
  if (operation === undefined) {
    if (record.status === 405 && compiled.paths?.has(record.route) && compiled.methodNotAllowed) {
      const validate = compiled.methodNotAllowed;
      return { key, reasons: validate(record.body) ? [] : validate.errors.map(describeError) };
    }
    return { key, reasons: ['the document has no such operation'] };
  }
  const response = responseFor(operation, record.status);
  if (response === undefined) return { key, reasons: [`status ${record.status} is not documented for this operation`] };
  if (response.content.size === 0) {
    return { key, reasons: record.body === '' ? [] : ['documented without a body, but the response has one'] };
  }
  const mediaType = mediaTypeOf(record.content_type);
  const [type] = mediaType.split('/');
  const validate = response.content.get(mediaType) ?? response.content.get(`${type}/*`) ?? response.content.get('*/*');
  if (validate === undefined) {
    const documented = [...response.content.keys()].join(', ');
    return { key, reasons: [`content type ${JSON.stringify(record.content_type)} is not documented (documented: ${documented})`] };
  }
  return { key, reasons: validate(record.body) ? [] : validate.errors.map(describeError) };
}

// Checks every record of a JSONL buffer; `source` names the file in the messages.
// Returns { failures, warnings, summary }: failures and warnings are lines to print.
export function checkResponses(compiled, buffer, source = 'responses') {
  const failures = [];
  const seen = new Set();
  let records = 0;
  for (const line of linesOf(buffer)) {
    const at = `${source}:${line.number}`;
    if (line.error !== undefined) {
      failures.push(`${at}: ${line.error}`);
      continue;
    }
    const { record, error } = readRecord(line.text);
    if (error !== undefined) {
      failures.push(`${at}: ${error}`);
      continue;
    }
    ++records;
    const { key, reasons } = checkRecord(compiled, record);
    if (compiled.operations.has(key)) seen.add(key);
    if (reasons.length > 0) {
      const shown = reasons.slice(0, MAX_REASONS_SHOWN);
      if (reasons.length > shown.length) shown.push(`and ${reasons.length - shown.length} more`);
      failures.push(`${at}: ${key} -> ${record.status}: ${shown.join('; ')}`);
    }
  }
  if (records === 0 && failures.length === 0) failures.push(`${source}: no records (nothing was checked)`);
  const unseen = [...compiled.operations.keys()].filter((key) => !seen.has(key));
  const warnings = unseen.length === 0 ? [] : [`warning: ${unseen.length} documented operation(s) never seen: ${unseen.join(', ')}`];
  const summary = `${records} record(s) checked, ${seen.size} of ${compiled.operations.size} operation(s) covered, ${failures.length} failure(s)`;
  return { failures, warnings, summary };
}

// --- The command -------------------------------------------------------------------------

function readBounded(path, limit, what) {
  const size = statSync(path).size;
  if (size > limit) throw new Error(`${path}: ${what} of ${size} bytes is over the limit of ${limit}`);
  return readFileSync(path);
}

export function main(args) {
  if (args.length !== 2) {
    console.error('usage: check_responses.mjs <openapi.json> <responses.jsonl>');
    return 2;
  }
  const [documentPath, recordsPath] = args;
  let document;
  let buffer;
  try {
    document = JSON.parse(readBounded(documentPath, MAX_DOCUMENT_BYTES, 'a document').toString('utf-8'));
    buffer = readBounded(recordsPath, MAX_RECORDS_BYTES, 'a recording');
  } catch (error) {
    console.error(`check_responses: ${error.message}`);
    return 2;
  }
  let compiled;
  try {
    compiled = compileDocument(document);
  } catch (error) {
    console.error(`check_responses: ${documentPath}: ${error.message}`);
    return 1;
  }
  const { failures, warnings, summary } = checkResponses(compiled, buffer, recordsPath);
  for (const failure of failures) console.error(failure);
  for (const warning of warnings) console.log(warning);
  console.log(`check_responses: ${summary}`);
  return failures.length === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
