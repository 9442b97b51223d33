/**
 * Hostile input, generated from the OpenAPI description (`/api/docs-json`) with fast-check: for every operation,
 * requests a signed-in client of an allowed role could send by mistake or malice — wrong types, unknown fields,
 * "false" for booleans, numeric strings, huge strings, deep JSON, oversize bodies, malformed JSON, bad content
 * types and charsets, garbage path and query parameters, and for uploads path traversal in file names, declared
 * types that do not match the bytes, missing or extra files. Every operation the description lists is covered,
 * so a new route is fuzzed without a change here.
 *
 * Asserted for every response: no 5xx; no stack trace or source location in the body; every 4xx is the API's
 * error shape (a stable `code`); an oversize JSON body is a 413. After each batch of requests that were all
 * reads or all got 4xx, the row counts of every table (operational ones aside) must be unchanged: no partial
 * writes.
 *
 * Used by test/reliability/fuzz.e2e-spec.ts (a few dozen requests per operation) and by
 * `npm run fuzz -- --runs 10000` (scripts/reliability/fuzz.ts).
 */
import fc from 'fast-check';
import http from 'node:http';
import { randomUUID } from 'node:crypto';

// ---- what the fuzzer is given ---------------------------------------------------------------------------------

export interface Session {
  cookie: string;
  csrfToken: string;
}

export interface FuzzTarget {
  baseUrl: string;
  /** A signed-in session per role (UNIT_HEAD, COUNCIL_SECRETARY, COUNCIL_MEMBER, AUDITOR, ADMIN). */
  sessions: Record<string, Session>;
  /** Real ids to put in path parameters now and then, by kind: candidate, unit, account (a throwaway one), evidence. */
  ids: Record<string, string>;
  /** Row counts of the tables a refused request must not change. */
  countRows(): Promise<Record<string, number>>;
}

export interface FuzzOptions {
  runsPerOperation: number;
  seed: number;
  concurrency: number;
  /** Requests per partial-write check (counts before and after). */
  batchSize?: number;
  /** Operations to leave out, as `METHOD /path`, with the reason in the report. */
  exclude?: Record<string, string>;
  /** Only operations whose `METHOD /path` matches. */
  only?: RegExp;
  /** Largest upload any route accepts, to send one just past it; 0: skip. */
  maxUploadBytes?: number;
  log?: (line: string) => void;
}

export interface Violation {
  operation: string;
  kind: '5xx' | 'stack-trace' | 'error-shape' | 'oversize-not-413' | 'partial-write' | 'transport';
  request: string;
  status?: number;
  response?: string;
  detail?: string;
}

export interface FuzzReport {
  seed: number;
  operations: { operation: string; role: string | null; requests: number; statuses: Record<string, number>; ms: number; checkedForWrites: number }[];
  excluded: Record<string, string>;
  totalRequests: number;
  statuses: Record<string, number>;
  violations: Violation[];
  ms: number;
}

// ---- the OpenAPI description ----------------------------------------------------------------------------------

interface Schema {
  type?: string | Schema;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  $ref?: string;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
  $ref?: string;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body: { kind: 'json' | 'multipart'; schema: Schema } | null;
}
interface OpenApi {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema>; parameters?: Record<string, Parameter> };
}

function operationsOf(doc: OpenApi): Operation[] {
  const resolve = (s: Schema): Schema => (s?.$ref ? resolve(doc.components!.schemas![s.$ref.split('/').pop()!]!) : s);
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const parameters = (op.parameters ?? []).map((p) => (p.$ref ? doc.components!.parameters![p.$ref.split('/').pop()!]! : p));
      const content = op.requestBody?.content ?? {};
      const json = content['application/json'];
      const multipart = content['multipart/form-data'];
      const body = multipart ? { kind: 'multipart' as const, schema: resolveDeep(multipart.schema, resolve) } : json ? { kind: 'json' as const, schema: resolveDeep(json.schema, resolve) } : null;
      ops.push({ method: method.toUpperCase(), path, parameters: parameters.map((p) => ({ ...p, schema: p.schema ? resolveDeep(p.schema, resolve) : undefined })), body });
    }
  }
  return ops;
}

function resolveDeep(schema: Schema, resolve: (s: Schema) => Schema, depth = 0): Schema {
  const s = resolve(schema);
  if (depth > 6 || !s) return s ?? {};
  return {
    ...s,
    ...(typeof s.type === 'object' ? { ...resolveDeep(s.type, resolve, depth + 1) } : {}),
    properties: s.properties ? Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, resolveDeep(v, resolve, depth + 1)])) : undefined,
    items: s.items ? resolveDeep(s.items, resolve, depth + 1) : undefined,
  };
}

// ---- generators ---------------------------------------------------------------------------------------------

const typeOf = (s: Schema): string | undefined => (typeof s.type === 'string' ? s.type : s.enum ? 'string' : s.properties ? 'object' : undefined);

/** A value the schema accepts (mostly), so that the hostile part is what the server has to handle. */
function validValue(s: Schema, ids: Record<string, string>, name = ''): fc.Arbitrary<unknown> {
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  switch (typeOf(s)) {
    case 'integer':
    case 'number': {
      const min = s.minimum ?? 0;
      const max = Math.min(s.maximum ?? min + 1000, min + 1_000_000);
      return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(s.items ?? {}, ids, name), { maxLength: 3 });
    case 'object': {
      const props = Object.entries(s.properties ?? {});
      if (props.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20 }), { maxKeys: 3 });
      const required = new Set(s.required ?? []);
      return fc.record(Object.fromEntries(props.map(([k, v]) => [k, validValue(v, ids, k)])), { requiredKeys: [...required].filter((k) => s.properties![k]) });
    }
    default:
      if (s.format === 'uuid' || /Id$/.test(name)) return fc.constantFrom(...Object.values(ids), randomUUID());
      if (s.format === 'date') return fc.constantFrom('2025-06-01', '2024-02-29', '2025-12-31');
      return fc.string({ minLength: Math.max(1, s.minLength ?? 1), maxLength: Math.max(1, Math.min(s.maxLength ?? 40, 40)) });
  }
}

const deepJson = (depth: number): unknown => {
  let v: unknown = 'đáy';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

/**
 * Percent-encodes any JavaScript string, lone surrogates included: those go out as the three bytes a careless
 * encoder would send (WTF-8, e.g. %ED%A0%80), which is what a hostile client can put in a URL.
 */
function encodeLoosely(text: string): string {
  let out = '';
  for (const ch of text) {
    const unit = ch.charCodeAt(0);
    if (ch.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(ch);
    }
  }
  return out;
}

/** Values of the wrong kind for a field, whatever its schema says. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('false', 'true', '0', '1', '1e3', '-1', ' 12 ', '0x1F', 'NaN', 'Infinity', '', ' ', 'null', 'undefined', '[]', '{}'),
  fc.constantFrom(true, false, null, 0, -1, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e308, 3.14, -0),
  fc.constantFrom(['một'], [], {}, { $ne: null }, { __proto__: { admin: true } }, JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}')),
  fc.constantFrom("' OR 1=1 --", '"; DROP TABLE candidate; --', '../../../../etc/passwd', '%00', '\u0000\u0001\u0002', '\u202Egnp.exe', '<script>alert(1)</script>', '${7*7}', '{{7*7}}', 'Ａ'.repeat(300)),
  fc.constantFrom('2025-02-30', '2025-13-01', '0000-00-00', '99999-01-01', '2025-06-01T25:61:00Z', '01/06/2025'),
  // Text that is not Unicode (lone UTF-16 surrogates), bidirectional controls, and long Vietnamese text.
  fc.constantFrom('\ud800', 'Nguy\udfffn', '\udbff\udbff', 'a\ud83d', '\u202Eabc\u202C', 'tên\u2066ẩn\u2069', '\u200F\u200E', '\u061C'),
  fc.integer({ min: 4_990, max: 5_010 }).map((n) => 'ạ'.repeat(n)),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 2, max: 60 }).map(deepJson),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.anything({ maxDepth: 3 }),
);

/** A JSON body: a mostly valid one with something wrong, or something that is not the expected object at all. */
function jsonBody(s: Schema, ids: Record<string, string>): fc.Arbitrary<unknown> {
  const valid = validValue(s, ids);
  const props = Object.keys(s.properties ?? {});
  const variants: fc.Arbitrary<unknown>[] = [
    valid,
    fc.tuple(valid, fc.string({ minLength: 1, maxLength: 30 }), fc.anything({ maxDepth: 2 })).map(([v, k, x]) => (isObject(v) ? { ...v, [k]: x } : v)),
    hostileValue,
    fc.integer({ min: 33, max: 3000 }).map(deepJson),
  ];
  if (props.length > 0) {
    variants.push(
      fc.tuple(valid, fc.constantFrom(...props), hostileValue).map(([v, k, x]) => (isObject(v) ? { ...v, [k]: x } : v)),
      fc.tuple(valid, fc.constantFrom(...props)).map(([v, k]) => {
        if (!isObject(v)) return v;
        const copy: Record<string, unknown> = { ...v };
        delete copy[k];
        return copy;
      }),
      fc.record(Object.fromEntries(props.map((k) => [k, hostileValue]))),
    );
  }
  return fc.oneof(...variants);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What an HTTP client can put in a path: anything outside printable ASCII, and spaces, percent-encoded. */
const pathSafe = (s: string) => s.replace(/[^\x21-\x7e]|[#?]/gu, (c) => encodeURIComponent(c));

const garbageSegment = fc.oneof(
  fc.constantFrom('..', '%2e%2e', '..%2f..%2fetc%2fpasswd', '%00', 'null', 'undefined', '-1', '0', '1e99', "1' OR '1'='1", '%E0%A4%A', 'ｉｄ', '%2F', ' ', 'NaN').map(pathSafe),
  fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent),
  fc.integer({ min: 300, max: 4000 }).map((n) => 'a'.repeat(n)),
  fc.uuid().map((u) => u.toUpperCase()),
  fc.constant(randomUUID()),
);

const DANGEROUS_FILE_NAMES = [
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fshadow',
  'minh-chung.pdf\u0000.exe',
  '/etc/hosts',
  'C:\\boot.ini',
  '....//....//x.pdf',
  '\u202Efdp.exe',
  'a'.repeat(1000) + '.pdf',
  '.pdf',
  ' ',
  'CON',
  'báo cáo "thành tích".pdf',
];
const CONTENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'application/x-msdownload', 'text/html', 'application/octet-stream', 'text/csv', 'image/svg+xml', ''];
const SAMPLE_BYTES: Record<string, Buffer> = {
  pdf: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1'),
  png: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
  html: Buffer.from('<html><script>alert(1)</script></html>'),
  csv: Buffer.from('year,field,collective,individual\n2001,ECONOMY,1,2\n'),
  exe: Buffer.from('4d5a90000300000004000000ffff0000', 'hex'),
  empty: Buffer.alloc(0),
};

interface Part {
  field: string;
  fileName?: string;
  contentType?: string;
  data: Buffer;
}

function multipartParts(s: Schema): fc.Arbitrary<Part[]> {
  const fileFields = Object.entries(s.properties ?? {}).filter(([, v]) => v.format === 'binary').map(([k]) => k);
  const textFields = Object.entries(s.properties ?? {}).filter(([, v]) => v.format !== 'binary').map(([k]) => k);
  const file = fc.record({
    field: fc.oneof(fc.constantFrom(...(fileFields.length ? fileFields : ['file'])), fc.constantFrom('files', 'file[]', '')),
    fileName: fc.oneof(fc.constantFrom(...DANGEROUS_FILE_NAMES), fc.string({ maxLength: 60 })),
    contentType: fc.constantFrom(...CONTENT_TYPES),
    data: fc.oneof(fc.constantFrom(...Object.values(SAMPLE_BYTES)), fc.uint8Array({ maxLength: 4096 }).map((a) => Buffer.from(a))),
  });
  const text = fc.record({
    field: fc.oneof(textFields.length ? fc.constantFrom(...textFields) : fc.constant('note'), fc.string({ minLength: 1, maxLength: 20 })),
    data: hostileValue.map((v) => Buffer.from(typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined'))),
  });
  return fc.tuple(fc.array(file, { maxLength: 3 }), fc.array(text, { maxLength: 4 })).map(([a, b]) => [...a, ...b]);
}

function encodeMultipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----fuzz${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.field.replace(/"/g, '%22')}"${p.fileName !== undefined ? `; filename="${p.fileName.replace(/"/g, '%22')}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.contentType ? `Content-Type: ${p.contentType}\r\n` : ''}\r\n`, 'utf8'), p.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

// ---- one request ----------------------------------------------------------------------------------------------

interface HostileRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** What the request is, for the report. */
  note: string;
  expect413?: boolean;
}

const JSON_LIMIT = 256 * 1024;

function requestArbitrary(op: Operation, ids: Record<string, string>): fc.Arbitrary<Omit<HostileRequest, 'headers'> & { headers: Record<string, string> }> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const pathValue = (p: Parameter) => fc.oneof({ weight: 2, arbitrary: fc.constant(realIdFor(op.path, p.name, ids)) }, { weight: 3, arbitrary: garbageSegment });
  const path = fc.tuple(...pathParams.map(pathValue)).map((values) => pathParams.reduce((acc, p, i) => acc.replace(`{${p.name}}`, String(values[i])), op.path));
  const query = fc
    .array(
      fc.tuple(
        queryParams.length ? fc.oneof(fc.constantFrom(...queryParams.map((q) => q.name)), fc.string({ minLength: 1, maxLength: 10 })) : fc.string({ minLength: 1, maxLength: 10 }),
        fc.oneof(hostileValue.map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '')), fc.constantFrom('2025', '1', 'true', 'ECONOMY')),
      ),
      { maxLength: 4 },
    )
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${encodeLoosely(k)}=${encodeLoosely(v.slice(0, 1500))}`).join('&')}` : ''));
  const extraHeaders = fc.oneof(
    { weight: 8, arbitrary: fc.constant({} as Record<string, string>) },
    { weight: 1, arbitrary: fc.constantFrom<Record<string, string>>({ 'idempotency-key': 'x' }, { 'idempotency-key': randomUUID() }, { 'x-request-id': '../../etc' }, { accept: 'application/xml' }) },
  );

  type Built = { body?: Buffer; contentType?: string; note: string; expect413?: boolean };
  const jsonish = (s: Schema): fc.Arbitrary<Built> =>
    fc.oneof(
      { weight: 10, arbitrary: jsonBody(s, ids).map((v) => ({ body: Buffer.from(JSON.stringify(v) ?? 'null'), contentType: 'application/json', note: 'json' })) },
      { weight: 1, arbitrary: fc.integer({ min: JSON_LIMIT + 1, max: 2 * JSON_LIMIT }).map((n) => ({ body: Buffer.from(JSON.stringify({ x: 'a'.repeat(n) })), contentType: 'application/json', note: 'oversize json', expect413: true })) },
      { weight: 1, arbitrary: fc.constantFrom('{', '{"a":', '[1,2', '{"a":1,}', "{'a':1}", 'undefined', '\u0000', '{"a":"\\uZZZZ"}').map((t) => ({ body: Buffer.from(t), contentType: 'application/json', note: 'malformed json' })) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/json; charset=koi8-r', 'application/json; charset=utf-16', 'image/png', ''), jsonBody(s, ids))
          .map(([ct, v]) => ({ body: Buffer.from(JSON.stringify(v) ?? ''), contentType: ct, note: `content-type ${ct || '(none)'}` })),
      },
    );
  const body: fc.Arbitrary<Built> = !op.body
    ? fc.oneof({ weight: 3, arbitrary: fc.constant<Built>({ note: 'no body' }) }, { weight: 1, arbitrary: jsonish({}) })
    : op.body.kind === 'json'
      ? jsonish(op.body.schema)
      : fc.oneof(
          { weight: 6, arbitrary: multipartParts(op.body.schema).map((parts) => ({ ...encodeMultipart(parts), note: `multipart ${parts.map((p) => `${p.field}:${p.fileName ?? ''}:${p.contentType ?? ''}`).join(',')}` })) },
          { weight: 1, arbitrary: jsonish({}) },
          { weight: 1, arbitrary: fc.constant<Built>({ body: Buffer.from('--x\r\nbroken'), contentType: 'multipart/form-data; boundary=x', note: 'truncated multipart' }) },
        );
  return fc.tuple(path, query, body, extraHeaders).map(([p, q, b, h]) => ({
    method: op.method,
    path: `${p}${q}`,
    body: b.body,
    headers: { ...h, ...(b.contentType !== undefined && b.body ? { 'content-type': b.contentType } : {}) },
    note: b.note,
    expect413: b.expect413,
  }));
}

function realIdFor(path: string, name: string, ids: Record<string, string>): string {
  if (name === 'year') return '2025';
  if (name === 'candidateId') return ids.candidate ?? randomUUID();
  if (name === 'unitId') return ids.unit ?? randomUUID();
  if (name === 'evidenceId') return ids.evidence ?? randomUUID();
  if (name === 'id') {
    if (path.startsWith('/api/candidates/')) return ids.candidate ?? randomUUID();
    if (path.startsWith('/api/units/')) return ids.unit ?? randomUUID();
    if (path.startsWith('/api/accounts/')) return ids.account ?? randomUUID();
  }
  return ids[name] ?? randomUUID();
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function send(baseUrl: string, req: HostileRequest): Promise<{ status: number; body: string }> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const r = http.request(
      { host: url.hostname, port: url.port, method: req.method, path: req.path, agent, headers: { ...req.headers, ...(req.body ? { 'content-length': String(req.body.length) } : {}) }, timeout: 60_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(new Error('no answer within 60 s')));
    r.on('error', reject);
    r.end(req.body);
  });
}

const STACK = /\n\s+at\s|\bat\s+\S+\s+\([^)]*:\d+:\d+\)|\.(?:ts|js|mjs):\d+:\d+|node_modules\/|QueryFailedError|TypeORMError/;

function describeRequest(req: HostileRequest): string {
  const body = req.body ? req.body.subarray(0, 400).toString('utf8') + (req.body.length > 400 ? `… (${req.body.length} bytes)` : '') : '';
  return `${req.method} ${req.path.slice(0, 300)} [${req.note}] ${JSON.stringify(req.headers)} ${body}`;
}

// ---- the run --------------------------------------------------------------------------------------------------

const ROLE_ORDER = ['UNIT_HEAD', 'COUNCIL_SECRETARY', 'COUNCIL_MEMBER', 'AUDITOR', 'ADMIN'];

/** The first role the access guard lets through (a refusal by role is a 403 with code FORBIDDEN before any input is read). */
async function roleFor(target: FuzzTarget, op: Operation): Promise<string | null> {
  if (op.path.startsWith('/health') || op.path === '/api/auth/sign-in') return null;
  for (const role of ROLE_ORDER) {
    const session = target.sessions[role];
    if (!session) continue;
    const probe = await send(target.baseUrl, {
      method: op.method,
      path: op.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000'),
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
      body: op.method === 'GET' ? undefined : Buffer.from('{}'),
      note: 'role probe',
    });
    if (!(probe.status === 403 && /"code":"FORBIDDEN"/.test(probe.body))) return role;
  }
  return ROLE_ORDER[0]!;
}

export async function fetchOperations(baseUrl: string): Promise<Operation[]> {
  const doc = await send(baseUrl, { method: 'GET', path: '/api/docs-json', headers: {}, note: 'docs' });
  if (doc.status !== 200) throw new Error(`/api/docs-json answered ${doc.status}`);
  return operationsOf(JSON.parse(doc.body) as OpenApi);
}

export async function runFuzz(target: FuzzTarget, options: FuzzOptions): Promise<FuzzReport> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const batchSize = options.batchSize ?? 50;
  const report: FuzzReport = { seed: options.seed, operations: [], excluded: {}, totalRequests: 0, statuses: {}, violations: [], ms: 0 };
  const operations = (await fetchOperations(target.baseUrl)).filter((op) => !options.only || options.only.test(`${op.method} ${op.path}`));

  for (const [index, op] of operations.entries()) {
    const name = `${op.method} ${op.path}`;
    const reason = options.exclude?.[name];
    if (reason) {
      report.excluded[name] = reason;
      continue;
    }
    const opStarted = performance.now();
    const role = await roleFor(target, op);
    const session = role ? target.sessions[role]! : null;
    const auth: Record<string, string> = session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {};
    const statuses: Record<string, number> = {};
    let checkedForWrites = 0;
    const record = (req: HostileRequest, res: { status: number; body: string }) => {
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      report.statuses[res.status] = (report.statuses[res.status] ?? 0) + 1;
      report.totalRequests++;
      const v = (kind: Violation['kind'], detail?: string) => report.violations.push({ operation: name, kind, request: describeRequest(req), status: res.status, response: res.body.slice(0, 600), detail });
      if (res.status >= 500) v('5xx');
      if (STACK.test(res.body)) v('stack-trace');
      if (res.status >= 400 && !/^\{.*"code":"[A-Z_]+".*\}$/s.test(res.body)) v('error-shape');
      // A request whose line or headers are also too long is refused for those first (431), before its body is read.
      if (req.expect413 && res.status !== 413 && !(res.status === 431 && res.body.includes('"REQUEST_HEADERS_TOO_LARGE"'))) v('oversize-not-413');
    };

    const arbitrary = requestArbitrary(op, target.ids);
    const fixed: HostileRequest[] = [];
    if (op.body?.kind === 'multipart' && options.maxUploadBytes) {
      const field = Object.entries(op.body.schema.properties ?? {}).find(([, v]) => v.format === 'binary')?.[0] ?? 'file';
      fixed.push({ method: op.method, path: op.path.replace(/\{[^}]+\}/g, (m) => realIdFor(op.path, m.slice(1, -1), target.ids)), note: 'oversize upload', ...encodeBody(field, options.maxUploadBytes + 1) });
    }
    for (let done = 0; done < options.runsPerOperation; done += batchSize) {
      const n = Math.min(batchSize, options.runsPerOperation - done);
      const generated = fc.sample(arbitrary, { numRuns: n, seed: options.seed + index * 1_000_003 + done });
      const batch: HostileRequest[] = [...(done === 0 ? fixed : []), ...generated].map((r) => ({ ...r, headers: { ...auth, ...r.headers } }));
      const before = await target.countRows();
      const results: { req: HostileRequest; res: { status: number; body: string } }[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(options.concurrency, batch.length) }, async () => {
          while (next < batch.length) {
            const req = batch[next++]!;
            try {
              const res = await send(target.baseUrl, req);
              results.push({ req, res });
              record(req, res);
            } catch (error) {
              report.violations.push({ operation: name, kind: 'transport', request: describeRequest(req), detail: error instanceof Error ? error.message : String(error) });
            }
          }
        }),
      );
      // Reads never write, whatever they answer; other requests must not write when refused.
      if (results.every((r) => r.req.method === 'GET' || (r.res.status >= 400 && r.res.status < 500))) {
        const after = await target.countRows();
        const changed = Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
        if (changed.length > 0) {
          report.violations.push({
            operation: name,
            kind: 'partial-write',
            request: `one of ${batch.length} requests, all answered 4xx: ${batch.slice(0, 3).map(describeRequest).join(' | ')}`,
            detail: changed.map((t) => `${t}: ${before[t]} → ${after[t]}`).join(', '),
          });
        }
        checkedForWrites += results.length;
      }
    }
    const ms = performance.now() - opStarted;
    report.operations.push({ operation: name, role, requests: Object.values(statuses).reduce((a, b) => a + b, 0), statuses, ms, checkedForWrites });
    log(`${name} as ${role ?? 'anonymous'}: ${JSON.stringify(statuses)} in ${(ms / 1000).toFixed(1)} s`);
  }
  report.ms = performance.now() - started;
  return report;
}

function encodeBody(field: string, size: number): { body: Buffer; headers: Record<string, string> } {
  const { body, contentType } = encodeMultipart([{ field, fileName: 'qua-lon.pdf', contentType: 'application/pdf', data: Buffer.concat([SAMPLE_BYTES.pdf!, Buffer.alloc(size)]) }]);
  return { body, headers: { 'content-type': contentType } };
}

/**
 * Row counts of every table of the public schema, in one statement. Left out: tables that a refused request
 * legitimately writes or that are not records (sessions, sign-in attempts, idempotency keys, the migrations
 * table) and, in the audit trail, the account streams (refusals and failed sign-ins are audited there).
 */
export async function countRowsQuery(query: (sql: string) => Promise<unknown[]>): Promise<Record<string, number>> {
  const tables = ((await query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`)) as { table_name: string }[])
    .map((r) => r.table_name)
    .filter((t) => !['session', 'sign_in_attempt', 'idempotency_key', 'schema_migration'].includes(t));
  const parts = tables.map((t) => `SELECT '${t}' AS t, count(*)::int AS n FROM "${t}"${t === 'audit_event' ? ` WHERE stream NOT LIKE 'account:%'` : ''}`);
  const rows = (await query(parts.join(' UNION ALL '))) as { t: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

export function summarise(report: FuzzReport): string {
  const lines = [
    `seed ${report.seed}: ${report.totalRequests} requests over ${report.operations.length} operations in ${(report.ms / 1000).toFixed(1)} s`,
    `statuses: ${JSON.stringify(report.statuses)}`,
    `checked for partial writes: ${report.operations.reduce((a, o) => a + o.checkedForWrites, 0)} requests`,
    `violations: ${report.violations.length}`,
    ...Object.entries(report.excluded).map(([op, why]) => `excluded ${op}: ${why}`),
    ...report.violations.slice(0, 20).map((v) => `  ${v.kind} ${v.operation}: ${v.status ?? ''} ${v.detail ?? ''}\n    request: ${v.request}\n    response: ${v.response ?? ''}`),
  ];
  return lines.join('\n');
}
