import type { ReactNode } from 'react';
import { Button, DatePicker, Form, Input, InputNumber, Select, Switch, TreeSelect } from 'antd';
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
  minItems?: number;
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

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
/** A calendar date: `format: date`, or the pattern of the server's zDate ('YYYY-MM-DD'): a date picker, never free text. */
function isDate(s: JsonSchema) { return s.type === 'string' && (s.format === 'date' || s.pattern === DATE_PATTERN); }
function isDateTime(s: JsonSchema) { return s.type === 'string' && s.format === 'date-time'; }
/** An object with declared fields (an applicant with name, phone…): a group of fields, never a JSON textarea. */
function isGroup(s: JsonSchema) { return s.type === 'object' && !!s.properties && Object.keys(s.properties).length > 0; }

/** Fields holding an org id (`orgId`, `draftingOrgId`, …) are picked from the org tree. */
export const isOrgField = (name: string) => /(^o|O)rgId$/.test(name);

type Path = (string | number)[];

/** What a field's schema asks of its text, as form rules with plain messages (请填写…, …格式不正确, 至少/最多 N 个字). */
function textRules(s: JsonSchema, label: string): Rule[] {
  const rules: Rule[] = [];
  if (s.type !== 'string' || isDate(s) || isDateTime(s)) return rules;
  if (s.format === 'email') rules.push({ type: 'email', message: t('form.badFormat', { label }) });
  else if (s.pattern) {
    try { rules.push({ pattern: new RegExp(s.pattern), message: t('form.badFormat', { label }) }); } catch { /* a pattern JS cannot read: the server checks it */ }
  }
  if (s.minLength && s.minLength > 1) rules.push({ min: s.minLength, message: t('form.minLength', { label, n: s.minLength }) });
  if (s.maxLength) rules.push({ max: s.maxLength, message: t('form.maxLength', { label, n: s.maxLength }) });
  return rules;
}

function field(path: Path, raw: JsonSchema, required: boolean, orgs?: TreeNode[]): ReactNode {
  const s = norm(raw);
  const name = String(path[path.length - 1]);
  const label = s.title ?? raw.title ?? name;
  const rules: Rule[] = [];
  if (required) rules.push({ required: true, message: t('common.required', { label }) });
  rules.push(...textRules(s, label));
  const labels = s['x-enumLabels'] ?? s.enumLabels ?? {};
  const key = path.join('.');
  const common = { name: path.length === 1 ? path[0] : path, label, rules, extra: s.description ?? raw.description, key };
  if (isGroup(s)) {
    const req = new Set(s.required ?? []);
    return (
      <fieldset key={key} className="schema-group" data-testid={`group-${key}`}>
        <legend>{label}</legend>
        {Object.entries(s.properties ?? {}).map(([k, sub]) => field([...path, k], sub, req.has(k), orgs))}
      </fieldset>
    );
  }
  if (s.enum) {
    return <Form.Item {...common}><Select allowClear={!required} options={s.enum.map((v) => ({ value: v, label: labels[String(v)] ?? String(v) }))} /></Form.Item>;
  }
  if (s.type === 'array' && isGroup(norm(s.items ?? {}))) return rows(path, s, label, required, orgs);
  if (s.type === 'array') {
    const it = norm(s.items ?? {});
    const itemLabels = it['x-enumLabels'] ?? it.enumLabels ?? {};
    if (it.enum) return <Form.Item {...common}><Select mode="multiple" options={it.enum.map((v) => ({ value: v, label: itemLabels[String(v)] ?? String(v) }))} /></Form.Item>;
    if (orgs && (name === 'orgIds' || name.endsWith('OrgIds'))) {
      return <Form.Item {...common}><TreeSelect treeData={orgs} multiple showSearch treeNodeFilterProp="title" treeDefaultExpandAll /></Form.Item>;
    }
    return <Form.Item {...common} extra={common.extra ?? t('form.tagsHelp')}><Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} /></Form.Item>;
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
    // a free set of named values (事项要素): one line per name and value
    return <Form.Item {...common} extra={common.extra ?? t('form.pairsHelp')}><Input.TextArea autoSize={{ minRows: 2 }} placeholder={t('form.pairsPlaceholder')} /></Form.Item>;
  }
  const inputMode = /phone|tel|mobile/i.test(name) ? 'tel' : s.format === 'email' ? 'email' : undefined;
  const long = !s.maxLength || s.maxLength > 120;
  return (
    <Form.Item {...common}>
      {long ? <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={s.maxLength} showCount={!!s.maxLength} />
        : <Input maxLength={s.maxLength} inputMode={inputMode} />}
    </Form.Item>
  );
}

/**
 * A list of records (a meeting's views: speaker, view, remarks): one fieldset per row with the item's fields, a button to add a
 * row and one to remove each. Field names inside are relative to the list, so errors the server names `views.1.name` land on
 * the second row's field. At least `minItems` rows (one when required) before the form is sent.
 */
function rows(path: Path, s: JsonSchema, label: string, required: boolean, orgs?: TreeNode[]): ReactNode {
  const it = norm(s.items ?? {});
  const req = new Set(it.required ?? []);
  const key = path.join('.');
  const min = Math.max(s.minItems ?? 0, required ? 1 : 0);
  return (
    <Form.List key={key} name={path.length === 1 ? path[0] : path} initialValue={min ? Array.from({ length: min }, () => ({})) : undefined}
      rules={min ? [{ validator: async (_r, v: unknown[] | undefined) => {
        if ((v?.length ?? 0) < min) throw new Error(t('form.rowsMin', { label, n: min }));
      } }] : []}>
      {(items, { add, remove }, { errors }) => (
        <fieldset className="schema-group" data-testid={`rows-${key}`}>
          <legend>{label}</legend>
          {items.map((item, i) => (
            <fieldset key={item.key} className="schema-group" data-testid={`row-${key}-${i}`}>
              <legend>{t('form.rowN', { n: i + 1 })}</legend>
              {Object.entries(it.properties ?? {}).map(([k, sub]) => field([item.name, k], sub, req.has(k), orgs))}
              <Button size="small" onClick={() => remove(item.name)}>{t('form.rowRemove', { n: i + 1 })}</Button>
            </fieldset>
          ))}
          <Button type="dashed" onClick={() => add({})}>{t('form.rowAdd', { label })}</Button>
          <Form.ErrorList errors={errors} />
        </fieldset>
      )}
    </Form.List>
  );
}

/**
 * The fields of an action/create schema as antd Form.Items, rendered inside a parent <Form> that
 * has a `name`: antd prefixes the field ids with it, so a field named `content` cannot collide with
 * <main id="content"> (the skip-link target) and labels stay tied to their inputs. Nested objects are
 * groups of fields, dates are date pickers, enums are selects with their labels, patterns are checked.
 */
export function SchemaFields({ schema, orgs }: { schema: JsonSchema | null | undefined; orgs?: TreeNode[] }) {
  const props = schema?.properties ?? {};
  const req = new Set(schema?.required ?? []);
  return <>{Object.entries(props).map(([k, s]) => field([k], s, req.has(k), orgs))}</>;
}

/** 'name：value' lines → { name: value } (the free set of named values of a record field). */
function parsePairs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([^:：=]+?)\s*[:：=]\s*(.*?)\s*$/.exec(line);
    if (m && m[1]) out[m[1]] = m[2] ?? '';
  }
  return out;
}

/** Form values → API input: dates to 'YYYY-MM-DD', empty strings dropped, groups recursively, named values parsed. */
export function toInput(schema: JsonSchema | null | undefined, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, raw] of Object.entries(schema?.properties ?? {})) {
    const s = norm(raw);
    let v = values?.[k];
    if (v === undefined || v === null || v === '') continue;
    if (isGroup(s) && typeof v === 'object') {
      v = toInput(s, v as Record<string, unknown>);
      if (Object.keys(v as object).length === 0) continue;
    } else if (s.type === 'array' && Array.isArray(v) && isGroup(norm(s.items ?? {}))) {
      v = v.map((row) => toInput(norm(s.items ?? {}), (row ?? {}) as Record<string, unknown>)).filter((row) => Object.keys(row).length > 0);
    } else if (dayjs.isDayjs(v)) v = isDateTime(s) ? (v as Dayjs).toISOString() : (v as Dayjs).format('YYYY-MM-DD');
    else if (s.type === 'object' && typeof v === 'string') v = parsePairs(v);
    out[k] = v;
  }
  return out;
}

/** Default values from the schema (`default`), groups recursively. */
export function initialValues(schema: JsonSchema | null | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, raw] of Object.entries(schema?.properties ?? {})) {
    const s = norm(raw);
    if (isGroup(s)) {
      const inner = initialValues(s);
      if (Object.keys(inner).length) out[k] = inner;
      continue;
    }
    if (s.default === undefined) continue;
    if (s.type === 'object' && s.default && typeof s.default === 'object') {
      out[k] = Object.entries(s.default as Record<string, unknown>).map(([n, x]) => `${n}：${String(x)}`).join('\n');
    } else out[k] = isDate(s) && typeof s.default === 'string' ? dayjs(s.default) : s.default;
  }
  return out;
}

export type { FormInstance };
