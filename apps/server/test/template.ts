/**
 * The migrated, seeded template every test file starts from: built once per run (global setup),
 * cloned per file — a PGlite data-dir dump, or a PostgreSQL `CREATE DATABASE … TEMPLATE`.
 */
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../src/config.ts';
import { newSigningKeyPem } from '../src/platform/crypto/field-crypto.ts';

/** The tests' keys: a fixed data key; a signing key made per process (checkpoints are signed and verified within a file). */
export const TEST_KEYRING = { current: 'k1', keys: { k1: '0f'.repeat(32) }, signing: newSigningKeyPem() };
/** The tests' "now": a Monday in 2026 (all clocks are injected). */
export const TEST_NOW = '2026-06-15T10:00:00+08:00';
export const TEMPLATE_DUMP = path.join(os.tmpdir(), `yifa-test-template-${process.env.YIFA_TEST_RUN ?? 'local'}.tar`);
// (lower case: PostgreSQL folds the unquoted name it is created with, and a run id with capitals then named no database)
export const PG_TEMPLATE_DB = `yifa_tpl_${(process.env.YIFA_TEST_RUN ?? 'local').replace(/\W/g, '').toLowerCase()}`;

export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ ...process.env, DATA_DIR: path.join(os.tmpdir(), 'yifa-test-unused'), DATABASE_URL: '' });
  return { ...base, dataKey: '0f'.repeat(32), jobs: false, logLevel: 'silent', rateLimit: { login: 1000, public: 1000 }, defaultRegion: '990101', ...overrides };
}

export function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}
