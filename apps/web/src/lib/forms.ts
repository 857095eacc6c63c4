import type { ApiError } from './api.ts';

/** antd's setFields entry (declared here so the portal can use this file without antd). */
export interface FieldData { name: (string | number)[]; errors: string[] }

/**
 * Turn a problem's `errors[].path` into form field names.
 * `body.input.reason` → ['reason'] (with prefix 'body.input'), `body.name` → ['name'],
 * `body.holidays.0.days` → ['holidays', 0, 'days'].
 */
export function fieldName(path: string, prefixes: string[] = ['body.input', 'body', 'query']): (string | number)[] {
  let p = path;
  for (const pre of prefixes) {
    if (p === pre) return [];
    if (p.startsWith(pre + '.')) { p = p.slice(pre.length + 1); break; }
  }
  return p.split('.').filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Field errors for `form.setFields`, plus the messages that belong to no known field
 * (shown above the form).
 */
export function problemToFields(err: ApiError, known?: string[], prefixes?: string[]): { fields: FieldData[]; other: string[] } {
  const byName = new Map<string, FieldData>();
  const other: string[] = [];
  for (const e of err.errors) {
    const name = fieldName(e.path, prefixes);
    if (!name.length || (known && !known.includes(String(name[0])))) { other.push(e.message); continue; }
    const key = name.join('.');
    const f = byName.get(key) ?? { name, errors: [] };
    f.errors.push(e.message);
    byName.set(key, f);
  }
  return { fields: [...byName.values()], other };
}
