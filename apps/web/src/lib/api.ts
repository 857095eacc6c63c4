import { t } from './i18n.ts';

/**
 * fetch wrapper for the yifa API: JSON in and out, same-origin cookies, the session's CSRF token
 * on every write, and RFC 9457 problem responses turned into ApiError.
 */

export interface FieldError { path: string; message: string }

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: FieldError[] = [],
    readonly allowedActions?: string[],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }
  /** Text to show a person: the server's detail, else its title. */
  get text(): string { return this.detail || this.title; }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void { csrfToken = token; }
export function getCsrfToken(): string | null { return csrfToken; }

type ExpiredHandler = (e: ApiError) => void;
let onSessionExpired: ExpiredHandler | null = null;
/** Called when any call answers 401 session_expired (the console sends the user to the login page). */
export function setSessionExpiredHandler(h: ExpiredHandler | null): void { onSessionExpired = h; }

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function toError(res: Response): Promise<ApiError> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const p = await res.json() as Record<string, unknown>;
      const { code, title, detail, errors, allowedActions, ...extra } = p;
      return new ApiError(res.status, String(code ?? 'http_' + res.status), String(title ?? res.statusText),
        typeof detail === 'string' ? detail : undefined, Array.isArray(errors) ? errors as FieldError[] : [],
        Array.isArray(allowedActions) ? allowedActions as string[] : undefined, extra);
    } catch { /* fall through */ }
  }
  return new ApiError(res.status, 'http_' + res.status, res.statusText || t('common.requestFailed'), undefined);
}

function handle(err: ApiError): never {
  if (err.status === 401 && err.code === 'session_expired') { csrfToken = null; onSessionExpired?.(err); }
  throw err;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...opts.headers };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) { body = JSON.stringify(opts.body); headers['content-type'] = 'application/json'; }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', t('common.networkError'), undefined);
  }
  if (!res.ok) handle(await toError(res));
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, { body: body ?? {}, headers }),
  put: <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('PUT', path, { body: body ?? {}, headers }),
  del: <T>(path: string) => request<T>('DELETE', path, {}),
};

/** Multipart upload with progress (XMLHttpRequest: fetch has no upload progress). */
export function upload<T>(path: string, file: File, onProgress?: (percent: number) => void, field = 'file'): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress?.(Math.round((e.loaded / e.total) * 100)); };
    xhr.onerror = () => reject(new ApiError(0, 'network', t('common.networkError'), undefined));
    xhr.onload = () => {
      const res = new Response(xhr.responseText || null, { status: xhr.status, headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' } });
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(100);
        resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
      } else {
        toError(res).then((err) => { try { handle(err); } catch (e) { reject(e); } }, reject);
      }
    };
    const fd = new FormData();
    fd.append(field, file);
    xhr.send(fd);
  });
}

/**
 * Download an export (the server answers `format=xlsx` with a file). Uses fetch so that a problem
 * response can be shown instead of saving an error page.
 */
export async function download(path: string, query: Query, fallbackName: string, post?: { body: unknown; headers?: Record<string, string> }): Promise<void> {
  // A POST that answers with a file (e.g. a 补打 of a 文书): JSON body, the CSRF header, the caller's Idempotency-Key.
  const init: RequestInit = post ? {
    method: 'POST', body: JSON.stringify(post.body),
    headers: { 'content-type': 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}), ...post.headers },
  } : {};
  const res = await fetch(withQuery(path, query), { credentials: 'same-origin', ...init });
  if (!res.ok) handle(await toError(res));
  const blob = await res.blob();
  const cd = res.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/i.exec(cd) ?? /filename="?([^";]+)"?/i.exec(cd);
  const name = m ? decodeURIComponent(m[1]) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url; a.download = name;
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A read shared by every caller (types, metrics, periods …): asked once, asked again only after it failed. */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => (p ??= load().catch((e: unknown) => { p = null; throw e; }));
}

export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID(); // secure contexts only
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
