/**
 * Backups are readable by their owner only, and the database password never appears on a command
 * line (issue 10 #20): pg_dump/pg_restore get it from the environment.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { libpqEnv, pgDump, pgDumpInvocation, pgRestoreInvocation, writePrivateFile } from './backup.ts';

const URL_WITH_SECRET = 'postgres://yifa%40ops:s3cr%3Ait@db.example:6543/yifa_prod?sslmode=verify-full&application_name=yifa';
const mode = (f: string) => fs.statSync(f).mode & 0o777;
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'yifa-backup-'));

describe('pg_dump / pg_restore invocations', () => {
  it('the URL becomes libpq environment variables, decoded', () => {
    expect(libpqEnv(URL_WITH_SECRET)).toEqual({
      PGHOST: 'db.example', PGPORT: '6543', PGUSER: 'yifa@ops', PGPASSWORD: 's3cr:it', PGDATABASE: 'yifa_prod', PGSSLMODE: 'verify-full', PGAPPNAME: 'yifa',
    });
  });

  it('no argument carries the URL, the user or the password', () => {
    for (const inv of [pgDumpInvocation(URL_WITH_SECRET), pgRestoreInvocation(URL_WITH_SECRET, 'x.dump')]) {
      const line = inv.args.join(' ');
      expect(line).not.toMatch(/postgres:|s3cr|yifa@ops|db\.example/);
      expect(inv.env.PGPASSWORD).toBe('s3cr:it');
    }
    expect(pgRestoreInvocation(URL_WITH_SECRET, 'x.dump').args)
      .toEqual(['--clean', '--if-exists', '--no-owner', '--no-password', '--dbname', 'yifa_prod', 'x.dump']);
  });
});

describe('backup files', () => {
  it('are created 0600, and an existing file is made 0600 too', () => {
    const dir = tmp();
    const f = path.join(dir, 'b.tar.gz');
    writePrivateFile(f, Buffer.from('x'));
    expect(mode(f)).toBe(0o600);
    fs.writeFileSync(path.join(dir, 'old'), 'y', { mode: 0o644 });
    writePrivateFile(path.join(dir, 'old'), Buffer.from('z'));
    expect(mode(path.join(dir, 'old'))).toBe(0o600);
  });

  it('`yifa backup` of the embedded database writes the dump and the keys 0600', () => {
    const dir = tmp();
    const root = path.resolve(import.meta.dirname, '../../../../..');
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/cli.ts'), 'backup', path.join(dir, 'b')], {
      cwd: root, encoding: 'utf8', timeout: 120_000,
      env: { ...process.env, DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '', YIFA_JOBS: 'off', YIFA_DATA_KEY: '' },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(mode(path.join(dir, 'b.tar.gz'))).toBe(0o600);
    expect(mode(path.join(dir, 'b.keys.json'))).toBe(0o600);
  }, 150_000);

  const url = process.env.TEST_DATABASE_URL;
  const hasPgDump = spawnSync('pg_dump', ['--version']).status === 0;
  it.skipIf(!url || !hasPgDump)('pg_dump runs with the credentials in its environment and writes 0600', () => {
    const f = path.join(tmp(), 'db.dump');
    pgDump(url!, f);
    expect(mode(f)).toBe(0o600);
    expect(execFileSync('pg_restore', ['--list', f], { encoding: 'utf8' })).toMatch(new RegExp(`dbname: ${new URL(url!).pathname.slice(1) || 'postgres'}`));
  });
});
