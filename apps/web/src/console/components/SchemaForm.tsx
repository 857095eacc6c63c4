import { DatePicker, Form, Input, InputNumber, Select, Switch, TreeSelect } from 'antd';
import { t } from '../../lib/i18n.ts';
import type { TreeNode } from './data.ts';
import type { FormInstance, Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';

/** The part of JSON Schema (as produced by zod's toJSONSchema) that action forms use. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: (string | number)[];
  const?: string | number;
  format?: string;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  pattern?: string;
  'x-enumLabels'?: Record<string, string>;
  enumLabels?: Record<string, string>;
}

/** Collapse `anyOf: [X, {type:'null'}]` (optional/nullable) into X; enums of consts into an enum. */
export function norm(s: JsonSchema): JsonSchema {
  const alts = s.anyOf ?? s.oneOf;
  if (alts) {
    const nonNull = alts.filter((a) => a.type !== 'null');
    if (nonNull.length === 1) return { ...norm(nonNull[0]), title: s.title ?? nonNull[0].title, description: s.description ?? nonNull[0].description };
    if (nonNull.every((a) => a.const !== undefined)) return { ...s, type: 'string', enum: nonNull.map((a) => a.const as string) };
  }
  if (Array.isArray(s.type)) return { ...s, type: s.type.find((x) => x !== 'null') };
  return s;
}

function isDate(s: JsonSchema) { return s.type === 'string' && s.format === 'date'; }
function isDateTime(s: JsonSchema) { return s.type === 'string' && s.format === 'date-time'; }

/** Fields holding an org id (`orgId`, `draftingOrgId`, …) are picked from the org tree. */
export const isOrgField = (name: string) => /(^o|O)rgId$/.test(name);

function field(name: string, raw: JsonSchema, required: boolean, orgs?: TreeNode[]) {
  const s = norm(raw);
  const label = s.title ?? raw.title ?? name;
  const rules: Rule[] = [];
  if (required) rules.push({ required: true, message: t('common.required', { label }) });
  const labels = s['x-enumLabels'] ?? s.enumLabels ?? {};
  const common = { name, label, rules, extra: s.description ?? raw.description, key: name };
  if (s.enum) {
    return <Form.Item {...common}><Select allowClear={!required} options={s.enum.map((v) => ({ value: v, label: labels[String(v)] ?? String(v) }))} /></Form.Item>;
  }
  if (s.type === 'array') {
    const it = norm(s.items ?? {});
    const itemLabels = it['x-enumLabels'] ?? it.enumLabels ?? {};
    if (it.enum) return <Form.Item {...common}><Select mode="multiple" options={it.enum.map((v) => ({ value: v, label: itemLabels[String(v)] ?? String(v) }))} /></Form.Item>;
    return <Form.Item {...common}><Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} /></Form.Item>;
  }
  if (orgs && s.type === 'string' && isOrgField(name)) {
    return <Form.Item {...common}><TreeSelect treeData={orgs} showSearch treeNodeFilterProp="title" treeDefaultExpandAll allowClear={!required} /></Form.Item>;
  }
  if (isDate(s)) return <Form.Item {...common}><DatePicker style={{ width: '100%' }} /></Form.Item>;
  if (isDateTime(s)) return <Form.Item {...common}><DatePicker showTime style={{ width: '100%' }} /></Form.Item>;
  if (s.type === 'boolean') return <Form.Item {...common} valuePropName="checked"><Switch /></Form.Item>;
  if (s.type === 'number' || s.type === 'integer') {
    return <Form.Item {...common}><InputNumber style={{ width: '100%' }} precision={s.type === 'integer' ? 0 : undefined} min={s.minimum} max={s.maximum} /></Form.Item>;
  }
  if (s.type === 'object') {
    return <Form.Item {...common} extra={(common.extra ? common.extra + ' ' : '') + t('common.json')}><Input.TextArea autoSize={{ minRows: 2 }} /></Form.Item>;
  }
  const long = !s.maxLength || s.maxLength > 120;
  return (
    <Form.Item {...common}>
      {long ? <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={s.maxLength} showCount={!!s.maxLength} />
        : <Input maxLength={s.maxLength} />}
    </Form.Item>
  );
}

/**
 * The fields of an action/create schema as antd Form.Items, rendered inside a parent <Form> that
 * has a `name`: antd prefixes the field ids with it, so a field named `content` cannot collide with
 * <main id="content"> (the skip-link target) and labels stay tied to their inputs.
 */
export function SchemaFields({ schema, orgs }: { schema: JsonSchema | null | undefined; orgs?: TreeNode[] }) {
  const props = schema?.properties ?? {};
  const req = new Set(schema?.required ?? []);
  return <>{Object.entries(props).map(([k, s]) => field(k, s, req.has(k), orgs))}</>;
}

/** Form values → API input: dates to 'YYYY-MM-DD', empty strings dropped, JSON objects parsed. */
export function toInput(schema: JsonSchema | null | undefined, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, raw] of Object.entries(schema?.properties ?? {})) {
    const s = norm(raw);
    let v = values[k];
    if (v === undefined || v === null || v === '') continue;
    if (dayjs.isDayjs(v)) v = isDateTime(s) ? (v as Dayjs).toISOString() : (v as Dayjs).format('YYYY-MM-DD');
    else if (s.type === 'object' && typeof v === 'string') { try { v = JSON.parse(v); } catch { /* the server reports it */ } }
    out[k] = v;
  }
  return out;
}

/** Default values from the schema (`default`). */
export function initialValues(schema: JsonSchema | null | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, raw] of Object.entries(schema?.properties ?? {})) {
    const s = norm(raw);
    if (s.default === undefined) continue;
    out[k] = isDate(s) && typeof s.default === 'string' ? dayjs(s.default) : s.default;
  }
  return out;
}

export function fieldTitles(schema: JsonSchema | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, s] of Object.entries(schema?.properties ?? {})) out[k] = norm(s).title ?? s.title ?? k;
  return out;
}

/** For each enum field, its value → label map (`x-enumLabels`), so stored codes read as words. */
export function enumLabels(schema: JsonSchema | null | undefined): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [k, raw] of Object.entries(schema?.properties ?? {})) {
    const s = norm(raw);
    const labels = s['x-enumLabels'] ?? s.enumLabels ?? (s.type === 'array' && s.items ? norm(s.items)['x-enumLabels'] : undefined);
    if (labels) out[k] = labels;
  }
  return out;
}

export type { FormInstance };
