/**
 * Problem+json `errors[].path` → form fields, for every form of the console (antd, see
 * console/components/forms.tsx) and the portal (plain React, usePublicForm below).
 */
import { useCallback, useState } from 'react';
import { ApiError } from './api.ts';
import { useIdempotencyKeys, type KeyFor } from './idempotency.ts';
import { t } from './i18n.ts';

/** antd's setFields entry (declared here so the portal can use this file without antd). */
export interface FieldData { name: (string | number)[]; errors: string[] }

export const DEFAULT_PREFIXES = ['body.input', 'body.values', 'body', 'query'];

/**
 * Turn a problem's `errors[].path` into a form field name.
 * `body.input.reason` → ['reason'] (with prefix 'body.input'), `body.name` → ['name'],
 * `body.holidays.0.days` → ['holidays', 0, 'days'].
 */
export function fieldName(path: string, prefixes: string[] = DEFAULT_PREFIXES): (string | number)[] {
  let p = path;
  for (const pre of prefixes) {
    if (p === pre) return [];
    if (p.startsWith(pre + '.')) { p = p.slice(pre.length + 1); break; }
  }
  return p.split('.').filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export interface ProblemOptions {
  /** Path prefixes to strip (default: body.input, body.values, body, query). */
  prefixes?: string[];
  /** The form's top-level field names: an error on any other field is shown above the form. */
  known?: string[];
  /** Rename a field (a fact `x` of the server is the form field `attr_x`). */
  rename?: (name: (string | number)[]) => (string | number)[];
}

/** Field errors for `form.setFields`, plus the messages that belong to no known field (shown above the form). */
export function problemToFields(err: ApiError, opts: ProblemOptions = {}): { fields: FieldData[]; other: string[] } {
  const byName = new Map<string, FieldData>();
  const other: string[] = [];
  for (const e of err.errors) {
    const raw = fieldName(e.path, opts.prefixes);
    const name = raw.length && opts.rename ? opts.rename(raw) : raw;
    if (!name.length || (opts.known && !opts.known.includes(String(name[0])))) { other.push(e.message); continue; }
    const key = name.join('.');
    const f = byName.get(key) ?? { name, errors: [] };
    f.errors.push(e.message);
    byName.set(key, f);
  }
  return { fields: [...byName.values()], other };
}

/** What to say above a form after a failed request: the messages of no field, else the problem's text unless fields carry it. */
export function problemSummary(err: unknown, fields: FieldData[] = [], other: string[] = []): string | null {
  if (!(err instanceof ApiError)) return (err as Error).message;
  if (other.length) return other.join('；');
  return fields.length ? null : err.text;
}

/** The text of any error, with every field message (for a toast where there are no fields to mark). */
export function problemText(err: unknown): string {
  if (err instanceof ApiError) return err.errors.length ? err.errors.map((x) => x.message).join('；') : err.text;
  return (err as Error).message;
}

/** How a portal field is checked before sending: the label names it in the message; `kind` checks its shape. */
export interface FieldRule {
  label: string;
  required?: boolean;
  /** A choice (select): "请选择…" instead of "请填写…". */
  choice?: boolean;
  kind?: 'mobile' | 'phone' | 'email' | 'idNo';
  min?: number;
}

const SHAPES: Record<NonNullable<FieldRule['kind']>, [RegExp, string]> = {
  mobile: [/^1\d{10}$/, 'form.bad.mobile'],
  phone: [/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, 'form.bad.phone'],
  email: [/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'form.bad.email'],
  idNo: [/^(\d{17}[\dXx]|\d{15})$/, 'form.bad.idNo'],
};

/** Check a portal form's values before sending: plain Chinese per field ("请填写联系电话", "手机号码格式不正确"), keyed like the server's. */
export function checkFields(values: Record<string, string | undefined>, rules: Record<string, FieldRule>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, r] of Object.entries(rules)) {
    const v = (values[key] ?? '').trim();
    if (!v) { if (r.required) out[key] = t(r.choice ? 'form.choose' : 'form.required', { label: r.label }); continue; }
    if (r.min && [...v].length < r.min) out[key] = t('form.tooShort', { label: r.label, n: r.min });
    else if (r.kind && !SHAPES[r.kind][0].test(v)) out[key] = t(SHAPES[r.kind][1]);
  }
  return out;
}

/** A validator's own words (“无效输入：期望 string，实际接收 undefined”, “Invalid input”) — never shown to a citizen as they are. */
const VALIDATOR_TEXT = /无效(输入|字符串|选项|值)|期望|实际接收|必须满足|Invalid|Expected|Required/i;

/** A server message for a field, in plain words: the validator's text becomes "请填写<label>" (missing) or "<label>格式不正确". */
export function plainMessage(message: string, label?: string): string {
  if (!VALIDATOR_TEXT.test(message)) return message;
  const missing = /undefined|null|Required/i.test(message);
  if (!label) return t(missing ? 'form.requiredAny' : 'form.badAny');
  return t(missing ? 'form.required' : 'form.bad', { label });
}

/**
 * A portal form's submission: busy flag, one Idempotency-Key per opened form, and the server's
 * field errors keyed by their dotted path ('applicantName', 'parties.applicant.name', 'files.0');
 * what belongs to no field shown is under '_'.
 */
export function usePublicForm(opts: ProblemOptions & { labels?: Record<string, string> } = {}) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const { keyFor, renew } = useIdempotencyKeys();
  const { prefixes, known, labels } = opts;
  /** `precheck`: the form's own checks (checkFields); any error there stops the request. */
  const submit = useCallback(async <R>(send: (keyFor: KeyFor) => Promise<R>, precheck?: Record<string, string>): Promise<R | undefined> => {
    if (precheck && Object.keys(precheck).length) { setErrors(precheck); return undefined; }
    setBusy(true); setErrors({});
    try {
      const r = await send(keyFor);
      renew();
      return r;
    } catch (e) {
      const { fields, other } = e instanceof ApiError ? problemToFields(e, { prefixes, known }) : { fields: [], other: [] };
      const next: Record<string, string> = Object.fromEntries(fields.map((f) => {
        const key = f.name.join('.');
        return [key, f.errors.map((m) => plainMessage(m, labels?.[key] ?? labels?.[String(f.name[0])])).join('；')];
      }));
      const summary = problemSummary(e, fields, other);
      if (summary) next._ = plainMessage(summary);
      setErrors(next);
      return undefined;
    } finally { setBusy(false); }
  }, [keyFor, renew, prefixes, known, labels]);
  return { errors, setErrors, busy, submit, keyFor };
}
