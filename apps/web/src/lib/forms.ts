/**
 * Problem+json `errors[].path` → form fields, for every form of the console (antd, see
 * console/components/forms.tsx) and the portal (plain React, usePublicForm below).
 */
import { useCallback, useState } from 'react';
import { ApiError } from './api.ts';
import { useIdempotencyKeys, type KeyFor } from './idempotency.ts';

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

/**
 * A portal form's submission: busy flag, one Idempotency-Key per opened form, and the server's
 * field errors keyed by their dotted path ('applicantName', 'parties.applicant.name', 'files.0');
 * what belongs to no field shown is under '_'.
 */
export function usePublicForm(opts: ProblemOptions = {}) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const { keyFor, renew } = useIdempotencyKeys();
  const { prefixes, known } = opts;
  const submit = useCallback(async <R>(send: (keyFor: KeyFor) => Promise<R>): Promise<R | undefined> => {
    setBusy(true); setErrors({});
    try {
      const r = await send(keyFor);
      renew();
      return r;
    } catch (e) {
      const { fields, other } = e instanceof ApiError ? problemToFields(e, { prefixes, known }) : { fields: [], other: [] };
      const next: Record<string, string> = Object.fromEntries(fields.map((f) => [f.name.join('.'), f.errors.join('；')]));
      const summary = problemSummary(e, fields, other);
      if (summary) next._ = summary;
      setErrors(next);
      return undefined;
    } finally { setBusy(false); }
  }, [keyFor, renew, prefixes, known]);
  return { errors, setErrors, busy, submit, keyFor };
}
