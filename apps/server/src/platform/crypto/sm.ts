import crypto from 'node:crypto';

/** SM3 (GB/T 32905) hex digest. */
export function sm3(data: string | Buffer): string {
  return crypto.createHash('sm3').update(data).digest('hex');
}

/** HMAC-SM3 hex. */
export function hmacSm3(key: Buffer, data: string | Buffer): string {
  return crypto.createHmac('sm3', key).update(data).digest('hex');
}

/** A random token (base64url) for sessions, CSRF and API tokens. */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

/** Deeper than this, a value is refused (a hostile body nested thousands of levels would overflow the stack). */
export const MAX_JSON_DEPTH = 64;
export class NestingTooDeep extends Error {
  constructor(readonly limit = MAX_JSON_DEPTH) { super(`nested deeper than ${limit} levels`); }
}

/** JSON with sorted keys, so the same value always hashes the same. Throws NestingTooDeep past MAX_JSON_DEPTH. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value, 0));
}
function sortKeys(v: unknown, depth: number): unknown {
  if (depth > MAX_JSON_DEPTH) throw new NestingTooDeep();
  if (Array.isArray(v)) return v.map((x) => sortKeys(x, depth + 1));
  if (v instanceof Date) return v.toISOString();
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k], depth + 1)]));
  }
  return v;
}
