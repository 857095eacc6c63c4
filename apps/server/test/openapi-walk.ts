/**
 * Walk the API as its OpenAPI document describes it: every operation (plus the Open311 routes,
 * which the document leaves out), with a plausible request built from the operation's schemas.
 * Used by the route × token-scope matrix and by the malformed-input fuzz.
 */
import crypto from 'node:crypto';
import type { App } from '../src/app.ts';

export interface JsonSchema {
  type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; enum?: unknown[];
  pattern?: string; format?: string; minLength?: number; maxLength?: number; minimum?: number; maximum?: number; minItems?: number;
  default?: unknown; nullable?: boolean; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; const?: unknown; additionalProperties?: unknown;
}
export interface Param { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema: JsonSchema }
export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** The document's path template: /api/v1/cases/{id}. */
  path: string;
  params: Param[];
  body?: JsonSchema;
  /** Open311 GeoReport v2 (outside the document; its own error format). */
  open311?: boolean;
}

const STRING: JsonSchema = { type: 'string' };

/** The Open311 routes (registered outside /api/v1 and hidden from the document). */
export const OPEN311_OPERATIONS: Operation[] = [
  { method: 'GET', path: '/open311/v2/discovery.json', params: [], open311: true },
  { method: 'GET', path: '/open311/v2/services.xml', params: [], open311: true },
  { method: 'GET', path: '/open311/v2/services/{code}.json', params: [{ name: 'code', in: 'path', required: true, schema: STRING }], open311: true },
  {
    method: 'GET', path: '/open311/v2/requests.json', open311: true,
    params: ['start_date', 'end_date', 'status', 'service_code', 'service_request_id', 'page', 'page_size', 'jurisdiction_id']
      .map((name) => ({ name, in: 'query', schema: STRING })),
  },
  { method: 'GET', path: '/open311/v2/requests/{id}.xml', params: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], open311: true },
  { method: 'GET', path: '/open311/v2/servicerequestupdates.xml', params: [{ name: 'start_date', in: 'query', schema: { type: 'string' } }], open311: true },
  {
    method: 'POST', path: '/open311/v2/requests.json', params: [], open311: true,
    body: {
      type: 'object', required: ['api_key', 'service_code', 'description', 'lat', 'long'],
      properties: Object.fromEntries(['api_key', 'service_code', 'description', 'lat', 'long', 'phone', 'address_string'].map((k) => [k, STRING])),
    },
  },
];

/** Every operation of the OpenAPI document, then the Open311 ones. */
type DocOperation = { parameters?: Param[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } };
export function operations(doc: { paths: Record<string, Record<string, DocOperation>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const body = op.requestBody?.content?.['application/json']?.schema;
      out.push({ method: method.toUpperCase() as Operation['method'], path, params: op.parameters ?? [], body });
    }
  }
  return [...out, ...OPEN311_OPERATIONS];
}

const KNOWN_PATTERNS: Record<string, string> = {
  '^\\d{4}-\\d{2}-\\d{2}$': '2026-06-15',
  '^\\d{6}$': '990101',
  '^1\\d{10}$': '13800000000',
  '^1\\d{10}$|^0\\d{2,3}-?\\d{7,8}$': '13800000000',
  '^[0-9A-Z]{15,18}$': '110101199001011234',
  '^QJ-\\d{4}-\\d{6}$': 'QJ-2026-000001',
  '^.+〔\\d{4}〕[1-9]\\d*号$': '示府办公开〔2026〕1号',
  '^(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$': '06-15',
  '^(0[1-9]|1[0-2])-\\d{2}(\\.\\.(0[1-9]|1[0-2])-\\d{2})?$': '10-01..10-07',
  '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$': '12990101MB0000009X',
};

/** A plausible value for a schema (valid where the schema says enough; the walk does not need more). */
export function sample(s: JsonSchema | undefined, depth = 0): unknown {
  if (!s || depth > 6) return undefined;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.length) return sample(alt.find((x) => x.type !== 'null') ?? alt[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string': {
      if (s.pattern?.includes('[0-9a-f]{8}')) return crypto.randomUUID();
      if (s.pattern && KNOWN_PATTERNS[s.pattern]) return KNOWN_PATTERNS[s.pattern];
      if (s.format === 'date-time' || s.pattern?.includes('T(?:')) return '2026-06-15T10:00:00+08:00';
      if (s.pattern) return 'abc_1';
      return '测试内容'.repeat(Math.max(1, Math.ceil((s.minLength ?? 4) / 4))).slice(0, Math.max(s.minLength ?? 4, Math.min(s.maxLength ?? 8, 8)));
    }
    case 'integer': case 'number': return s.minimum !== undefined && s.minimum > 1 ? s.minimum : Math.min(1, s.maximum ?? 1);
    case 'boolean': return true;
    case 'array': return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items, depth + 1));
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) {
        const x = sample(v, depth + 1);
        if (x !== undefined) o[k] = x;
      }
      return o;
    }
    default: return undefined;
  }
}

/** URL-encode; a lone surrogate (not encodable as UTF-8) is sent as the invalid UTF-8 bytes it would be. */
export function enc(v: unknown): string {
  const s = typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
  try { return encodeURIComponent(s); } catch { return encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '')) + '%ED%A0%80'; }
}

/** The path with its parameters filled (values are URL-encoded). */
export function fillPath(op: Operation, values: Record<string, unknown> = {}): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const p = op.params.find((x) => x.in === 'path' && x.name === name);
    return enc(values[name] ?? sample(p?.schema) ?? 'x');
  });
}

/** A query string from values (arrays repeat the key). */
export function queryString(values: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) parts.push(`${enc(k)}=${enc(x)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** A plausible request for an operation: path parameters, required query parameters, a body from its schema. */
export function plausible(op: Operation, overrides: { path?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown } = {}) {
  const query: Record<string, unknown> = {};
  for (const p of op.params) if (p.in === 'query' && p.required) query[p.name] = sample(p.schema);
  Object.assign(query, overrides.query);
  const body = overrides.body !== undefined ? overrides.body : op.body ? sample(op.body) : undefined;
  return { method: op.method, url: fillPath(op, overrides.path) + queryString(query), body };
}

export async function openapiDocument(app: App) {
  const r = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  return r.json();
}
