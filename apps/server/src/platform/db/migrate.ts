import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './client.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/**
 * Apply the hand-written SQL migrations in order, each in its own transaction, once.
 * Returns the names applied. On a PostgreSQL server the app-role grants are refreshed after.
 */
export async function migrate(database: Database, onProgress?: (name: string) => void): Promise<string[]> {
  await database.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const files = fs.readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  for (const file of files) {
    const done = await sql<{ n: number }>`select count(*)::int as n from schema_migrations where name = ${file}`.execute(database.db);
    if (done.rows[0].n > 0) continue;
    onProgress?.(file);
    const body = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
    try {
      await database.exec(`BEGIN;\n${body}\n;INSERT INTO schema_migrations (name) VALUES ('${file.replace(/'/g, "''")}');\nCOMMIT;`);
    } catch (err) {
      await database.exec('ROLLBACK').catch(() => undefined);
      throw new Error(`迁移 ${file} 失败：${(err as Error).message}`, { cause: err });
    }
    applied.push(file);
  }
  if (database.kind === 'postgres') await database.exec(fs.readFileSync(path.join(MIGRATIONS_DIR, 'grants.sql'), 'utf8'));
  return applied;
}
