/**
 * The facts of a case as staff see them: the fields a workflow declares (`facts`), in its order,
 * with server-side labels (one source of truth), enum codes as words and org ids as names. Fields
 * not declared are a module's working state and are not shown.
 */
import { z } from 'zod';
import { formatInstantZh, UUID_RE, type ActionDef, type FactKind, type Workflow } from '@yifa/contracts';
import type { Conn } from '../db/client.ts';

/** The part of a field's JSON Schema (zod's toJSONSchema) that decides its label and kind. */
interface Prop {
  type?: string | string[]; title?: string; enum?: unknown[]; const?: unknown; format?: string; pattern?: string; maxLength?: number;
  items?: Prop; anyOf?: Prop[]; oneOf?: Prop[]; 'x-enumLabels'?: Record<string, string>;
}

export interface FactPlan { key: string; label: string; kind: FactKind; labels?: Readonly<Record<string, string>>; unitField?: string }
export type FactValue = string | number | boolean | string[] | Record<string, string>;
export interface FactView { key: string; label: string; kind: FactKind; value: FactValue }

/** Collapse optional/nullable (`anyOf: [X, null]`) into X and unions of consts into an enum. */
function norm(s: Prop): Prop {
  const alts = s.anyOf ?? s.oneOf;
  if (alts) {
    const nonNull = alts.filter((a) => a.type !== 'null');
    if (nonNull.length === 1) return { ...norm(nonNull[0]!), title: s.title ?? nonNull[0]!.title };
    if (nonNull.every((a) => a.const !== undefined)) return { ...s, enum: nonNull.map((a) => a.const) };
  }
  if (Array.isArray(s.type)) return { ...s, type: s.type.find((x) => x !== 'null') };
  return s;
}

function kindOf(key: string, s: Prop): FactKind {
  if (/(^o|O)rgIds?$/.test(key)) return 'org';
  if (s.enum) return 'enum';
  if (s.type === 'boolean') return 'boolean';
  if (s.type === 'number' || s.type === 'integer') return 'number';
  if (s.type === 'array') return s.items && norm(s.items).enum ? 'enum' : 'list';
  if (s.type === 'object') return 'pairs';
  if (s.format === 'date' || s.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return 'date';
  if (s.format === 'date-time') return 'datetime';
  return (s.maxLength ?? 0) > 200 ? 'longText' : 'text';
}

const plans = new WeakMap<Workflow, FactPlan[]>();

/**
 * The resolved declarations of a workflow: label and kind from the declaration, else from the
 * field's schema in the create input or, failing that, an action's input. Throws for a fact
 * without a label, so that a bad declaration stops the server at start (Registry.add).
 */
export function factPlan(w: Workflow): FactPlan[] {
  const known = plans.get(w);
  if (known) return known;
  const props: Record<string, Prop> = {};
  const inputs = [w.create.input, ...Object.values(w.transitions).flatMap((acts) => Object.values(acts ?? {}).map((a) => (a as ActionDef<string>).input))];
  for (const input of inputs) {
    if (!input) continue;
    const json = z.toJSONSchema(input, { unrepresentable: 'any', io: 'input' }) as { properties?: Record<string, Prop> };
    for (const [k, p] of Object.entries(json.properties ?? {})) props[k] ??= norm(p);
  }
  const plan = (w.facts ?? []).map((f) => {
    const s = props[f.key] ?? {};
    const label = f.label ?? s.title;
    if (!label) throw new Error(`${w.type}: fact ${f.key} has no label (declare one, or give the input field a title)`);
    const labels = f.labels ?? s['x-enumLabels'] ?? (s.items ? norm(s.items)['x-enumLabels'] : undefined);
    return { key: f.key, label, kind: f.kind ?? kindOf(f.key, s), ...(labels ? { labels } : {}), ...(f.unitField ? { unitField: f.unitField } : {}) };
  });
  plans.set(w, plan);
  return plan;
}

function read(data: Record<string, unknown>, path: string): unknown {
  let v: unknown = data;
  for (const part of path.split('.')) v = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);
const text = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

function display(f: FactPlan, v: unknown, orgNames: Map<string, string>): FactValue {
  const word = (x: unknown) => (f.kind === 'org' ? orgNames.get(String(x)) : f.labels?.[String(x)]) ?? text(x);
  switch (f.kind) {
    case 'org': case 'enum': return Array.isArray(v) ? v.map(word) : word(v);
    case 'list': return [v].flat().map(word);
    case 'boolean': return Boolean(v);
    case 'number': case 'days': case 'workdays': case 'money': return Number.isFinite(Number(v)) ? Number(v) : text(v);
    case 'pairs': return typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => !empty(x)).map(([k, x]) => [k, [x].flat().map(text).join('、')]))
      : text(v);
    default: return text(v);
  }
}

/** The declared facts of a case that have a value, in declaration order; org ids resolved to names in one query. */
export async function caseFacts(conn: Conn, w: Workflow, data: Record<string, unknown>, known: ReadonlyMap<string, string> = new Map()): Promise<FactView[]> {
  const present = factPlan(w).map((f) => ({ f, v: read(data, f.key) })).filter(({ v }) => !empty(v));
  // org names the caller already has (the case's holders) are not read again
  const ids = [...new Set(present.filter(({ f }) => f.kind === 'org').flatMap(({ v }) => [v].flat()))].filter((x): x is string => typeof x === 'string' && UUID_RE.test(x) && !known.has(x));
  const orgNames = new Map([...known, ...(ids.length ? (await conn.selectFrom('orgs').select(['id', 'name']).where('id', 'in', ids).execute()).map((o) => [o.id, o.name] as const) : [])]);
  const kindOfFact = (f: FactPlan): FactKind => {
    const unit = f.unitField ? read(data, f.unitField) : undefined;
    return unit === 'days' || unit === 'workdays' ? unit : f.kind;
  };
  return present.map(({ f, v }) => ({ key: f.key, label: f.label, kind: kindOfFact(f), value: display(f, v, orgNames) }));
}

/** One field of an act's input as staff read it on the timeline: its title and its value in words. */
export interface InputDetail { label: string; value: string }

const inputSchemas = new WeakMap<z.ZodType, Prop>();
function inputSchema(input: z.ZodType): Prop {
  let s = inputSchemas.get(input);
  if (!s) inputSchemas.set(input, s = z.toJSONSchema(input, { unrepresentable: 'any', io: 'input' }) as Prop);
  return s;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * An act's input in words, by its input schema: only titled fields (untitled ones are working state), enum codes as their
 * labels, org ids as names, other ids left out, nested objects as "申请人·姓名", instants in Beijing time. No code reaches
 * a screen: a field the schema does not describe is not shown.
 */
export function describeInput(schema: z.ZodType | undefined, values: Record<string, unknown>, orgNames: ReadonlyMap<string, string>): InputDetail[] {
  if (!schema || !values || typeof values !== 'object') return [];
  const out: InputDetail[] = [];
  const text0 = (x: unknown) => (typeof x === 'object' && x !== null ? '' : String(x));
  const word = (p: Prop, x: unknown): string | null => {
    if (x === null || x === undefined || x === '') return null;
    if (typeof x === 'boolean') return x ? '是' : '否';
    if (typeof x === 'string' && UUID_RE.test(x)) return orgNames.get(x) ?? null;
    const labels = p['x-enumLabels'];
    if (labels && typeof x === 'string') return labels[x] ?? x;
    if (typeof x === 'string' && ISO_INSTANT.test(x) && !Number.isNaN(Date.parse(x))) return formatInstantZh(x);
    return typeof x === 'object' ? null : String(x);
  };
  const walk = (props: Record<string, Prop>, data: Record<string, unknown>, prefix: string) => {
    for (const [key, raw] of Object.entries(props)) {
      const p = norm(raw); const v = data[key];
      if (!p.title || empty(v)) continue;
      const label = `${prefix}${p.title}`;
      const nested = (p as { properties?: Record<string, Prop> }).properties;
      if (nested && typeof v === 'object' && !Array.isArray(v)) { walk(nested, v as Record<string, unknown>, `${label}·`); continue; }
      let text: string | null;
      if (Array.isArray(v)) {
        const item = p.items ? norm(p.items) : {};
        const fields = (item as { properties?: Record<string, Prop> }).properties;
        if (fields) {
          // a list of records (a meeting's views): each record's values in order, records apart — "副县长乙，不同意，建议先行试点；县长，同意"
          const record = (x: unknown) => (x && typeof x === 'object' ? Object.entries(fields)
            .map(([k, f]) => word(norm(f), (x as Record<string, unknown>)[k])).filter((w) => w !== null).join('，') : '');
          text = v.map(record).filter(Boolean).join('；') || `${v.length} 项`;
        } else {
          const words = v.map((x) => word({ ...item, 'x-enumLabels': item['x-enumLabels'] ?? p['x-enumLabels'] }, x));
          text = words.every((x) => x !== null) ? words.join('、') : `${v.length} 项`;
        }
      } else if (typeof v === 'object') {
        text = Object.values(v as Record<string, unknown>).filter((x) => !empty(x)).map((x) => [x].flat().map(text0).join('、')).join('；');
      } else text = word(p, v);
      if (text) out.push({ label, value: text });
    }
  };
  walk((inputSchema(schema) as { properties?: Record<string, Prop> }).properties ?? {}, values, '');
  return out;
}
