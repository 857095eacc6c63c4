/**
 * Backups. A backup holds every record of the county (personal data encrypted, but everything else
 * in clear): it is written readable by its owner only (0600). pg_dump and pg_restore get the
 * connection from libpq's environment variables (PGHOST, PGUSER, PGPASSWORD …), never from their
 * command line, where any local user could read the password in `ps`.
 */
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

/** libpq URL parameters and the environment variables that carry them. */
const PARAMS: Record<string, string> = {
  host: 'PGHOST', hostaddr: 'PGHOSTADDR', port: 'PGPORT', user: 'PGUSER', password: 'PGPASSWORD', dbname: 'PGDATABASE',
  sslmode: 'PGSSLMODE', sslrootcert: 'PGSSLROOTCERT', sslcert: 'PGSSLCERT', sslkey: 'PGSSLKEY', sslcrl: 'PGSSLCRL',
  application_name: 'PGAPPNAME', connect_timeout: 'PGCONNECT_TIMEOUT', options: 'PGOPTIONS', target_session_attrs: 'PGTARGETSESSIONATTRS',
};

/** A postgres:// URL as libpq environment variables (userinfo and path decoded; query parameters mapped). */
export function libpqEnv(url: string): Record<string, string> {
  const u = new URL(url);
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new Error('DATABASE_URL 应为 postgres:// 地址');
  const env: Record<string, string> = {};
  if (u.hostname) env.PGHOST = decodeURIComponent(u.hostname.replace(/^\[|\]$/g, ''));
  if (u.port) env.PGPORT = u.port;
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const db = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (db) env.PGDATABASE = db;
  for (const [k, v] of u.searchParams) if (PARAMS[k]) env[PARAMS[k]] = v;
  return env;
}

export interface Invocation { cmd: string; args: string[]; env: Record<string, string> }

/** pg_dump in custom format to its standard output (the caller opens the file). */
export function pgDumpInvocation(url: string): Invocation {
  return { cmd: 'pg_dump', args: ['--format=custom', '--no-password'], env: libpqEnv(url) };
}

/** pg_restore into the URL's database: --dbname is the database's name only, the rest comes from the environment. */
export function pgRestoreInvocation(url: string, file: string): Invocation {
  const env = libpqEnv(url);
  return { cmd: 'pg_restore', args: ['--clean', '--if-exists', '--no-owner', '--no-password', '--dbname', env.PGDATABASE ?? 'postgres', file], env };
}

/** Create (or replace) a file only its owner can read, then write it. */
export function openPrivateFile(file: string): number {
  const fd = fs.openSync(file, 'w', 0o600);
  fs.fchmodSync(fd, 0o600); // an existing file keeps its old mode on open: set it
  return fd;
}

export function writePrivateFile(file: string, data: Uint8Array): void {
  const fd = openPrivateFile(file);
  try { fs.writeSync(fd, data); } finally { fs.closeSync(fd); }
}

export function pgDump(url: string, file: string): void {
  const { cmd, args, env } = pgDumpInvocation(url);
  const fd = openPrivateFile(file);
  try {
    execFileSync(cmd, args, { stdio: ['ignore', fd, 'inherit'], env: { ...process.env, ...env } });
  } finally { fs.closeSync(fd); }
}

export function pgRestore(url: string, file: string): void {
  const { cmd, args, env } = pgRestoreInvocation(url, file);
  execFileSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
}
