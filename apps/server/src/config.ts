import net from 'node:net';
import path from 'node:path';

/** Settings from the environment; nothing secret has a default that ships. */
export interface Config {
  port: number;
  host: string;
  /** Embedded data directory (PGlite data, keys, lock). */
  dataDir: string;
  /** When set, run on this PostgreSQL server instead of the embedded database. */
  databaseUrl?: string;
  /** A streaming replica for figures (metrics, dashboards, their drill-downs and exports); writes never go there. */
  databaseReadUrl?: string;
  /** Field-encryption key (hex, 32 bytes = SM4 key + MAC key). Generated into dataDir when embedded. */
  dataKey?: string;
  /** SM2 private key (PKCS#8 PEM, or a path to one) that signs audit checkpoints. Generated into dataDir when embedded. */
  signingKey?: string;
  /** Default region of this deployment (demo: 示范县). */
  defaultRegion: string;
  logLevel: string;
  /**
   * Reverse proxies whose X-Forwarded-For is believed (TRUST_PROXY: comma-separated addresses or
   * CIDRs). Empty (the default): the address is the peer's, whatever a client writes in headers.
   */
  trustProxy: string[];
  /** Rate limits (requests per minute per IP). */
  rateLimit: { login: number; public: number };
  /**
   * Session idle timeout (minutes) and login lockout (docs/SECURITY.md): `lockAfter` failures from one
   * address lock that address out of the account, `accountLockAfter` from all addresses lock the
   * account, each for `lockMinutes` (also the window failures are counted in).
   */
  session: { idleMinutes: number; lockAfter: number; accountLockAfter: number; lockMinutes: number; secureCookie: boolean };
  /** Run periodic jobs (deadline sweep, outbox) in this process. */
  jobs: boolean;
  /**
   * How long (ms) an API token's lookup is cached in this process (AUTH_CACHE_MS, default 2000; 0: off). A revoke in this
   * process takes effect at once; one made by another process on the same database within this time (auth/token-cache.ts).
   */
  authCacheMs?: number;
  /** Built web app to serve (apps/web/dist) when present. */
  webDist: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = path.resolve(import.meta.dirname, '../../..');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? path.join(root, 'data')),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReadUrl: env.DATABASE_READ_URL || undefined,
    dataKey: env.YIFA_DATA_KEY || undefined,
    signingKey: env.YIFA_SIGNING_KEY || undefined,
    defaultRegion: env.YIFA_REGION ?? '990101',
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    rateLimit: { login: Number(env.RATE_LIMIT_LOGIN ?? 10), public: Number(env.RATE_LIMIT_PUBLIC ?? 120) },
    session: {
      idleMinutes: Number(env.SESSION_IDLE_MINUTES ?? 30),
      lockAfter: 5,
      accountLockAfter: 20,
      lockMinutes: 15,
      secureCookie: cookieSecure(env),
    },
    jobs: env.YIFA_JOBS !== 'off',
    authCacheMs: Number(env.AUTH_CACHE_MS ?? 2000),
    webDist: path.join(root, 'apps/web/dist'),
  };
}

/** TRUST_PROXY: '127.0.0.1, 10.0.0.0/8, ::1' → each entry checked (an address, or an address/prefix). */
export function parseTrustProxy(value: string | undefined): string[] {
  const list = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of list) {
    const [addr, bits, ...rest] = entry.split('/');
    const family = net.isIP(addr);
    const okBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!family || !okBits || rest.length) throw new Error(`TRUST_PROXY: "${entry}" 不是 IP 地址或 CIDR（例：127.0.0.1,10.0.0.0/8）`);
  }
  return list;
}

/**
 * Session cookie `Secure` (sent over HTTPS only): COOKIE_SECURE=true|false when set; otherwise on,
 * except for local development — the server listening on localhost only, or NODE_ENV development/test.
 */
export function cookieSecure(env: NodeJS.ProcessEnv): boolean {
  const v = env.COOKIE_SECURE?.trim().toLowerCase();
  if (v) {
    if (['true', '1', 'yes'].includes(v)) return true;
    if (['false', '0', 'no'].includes(v)) return false;
    throw new Error(`COOKIE_SECURE 应为 true 或 false，而不是 "${env.COOKIE_SECURE}"`);
  }
  const local = ['localhost', '127.0.0.1', '::1'].includes((env.HOST ?? '0.0.0.0').trim());
  return !(local || env.NODE_ENV === 'development' || env.NODE_ENV === 'test');
}
