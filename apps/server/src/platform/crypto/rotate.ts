/**
 * Key rotation: re-encrypt every field still under an old key with the current key. Tables and
 * columns holding ciphertexts are listed here and by modules (ModuleManifest.encryptedColumns).
 */
import { sql } from 'kysely';
import type { Ctx } from '../context.ts';

export interface EncryptedColumns { table: string; id: string; columns: string[] }

export const SPINE_ENCRYPTED: EncryptedColumns[] = [
  { table: 'users', id: 'id', columns: ['phone_enc'] },
  { table: 'case_parties', id: 'id', columns: ['name_enc', 'phone_enc', 'id_no_enc', 'address_enc'] },
  { table: 'consultation_comments', id: 'id', columns: ['name_enc', 'phone_enc'] },
];

export async function reencryptAll(ctx: Ctx, onProgress?: (done: number, total: number) => void): Promise<{ rewritten: number }> {
  const targets = [...SPINE_ENCRYPTED, ...ctx.registry.modules.flatMap((m) => m.encryptedColumns ?? [])];
  let rewritten = 0;
  let done = 0;
  for (const t of targets) {
    const rows = await sql<Record<string, string | null>>`select ${sql.ref(t.id)} as id, ${sql.join(t.columns.map((c) => sql.ref(c)))} from ${sql.table(t.table)}`.execute(ctx.db);
    for (const row of rows.rows) {
      const set: Record<string, string> = {};
      for (const c of t.columns) {
        const v = row[c];
        if (v && ctx.crypto.isStale(v)) set[c] = ctx.crypto.encrypt(ctx.crypto.decrypt(v));
      }
      const cols = Object.keys(set);
      if (cols.length) {
        await sql`update ${sql.table(t.table)} set ${sql.join(cols.map((c) => sql`${sql.ref(c)} = ${set[c]}`))} where ${sql.ref(t.id)} = ${row.id}`.execute(ctx.db);
        rewritten += cols.length;
      }
      onProgress?.(++done, rows.rows.length);
    }
  }
  return { rewritten };
}
