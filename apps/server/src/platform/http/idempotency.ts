import type { Tx } from '../db/client.ts';
import { LastWrites } from '../db/last-writes.ts';
import { canonicalJson, sm3 } from '../crypto/sm.ts';
import type { Actor } from '../authz.ts';
import type { Ctx } from '../context.ts';
import { AppError } from './problem.ts';

export interface CommandResult<T> { status: number; body: T; replayed: boolean }

class LostRace extends Error {}

function actorKey(a: Actor): string {
  return a.tokenId ? `token:${a.tokenId}` : a.userId ? `user:${a.userId}` : `ip:${a.ip ?? '-'}`;
}

/**
 * Run a state change in one transaction. With an Idempotency-Key the first response is stored
 * in the same transaction; a replay (same actor, same key, same request) returns it unchanged,
 * and a different request under the same key is refused (422). What `fn` adds to `last` (a new
 * case's audit record and seal) is written with that record, in one statement before COMMIT.
 *
 * Nothing is read before the work (issue 12: one round trip fewer for every first request, the common
 * case). A replay is recognised when its work ends: its record meets the stored one (ON CONFLICT), or
 * its work fails — the state may have moved on since the first request (a unit dissolved, a period
 * closed) and the answer must still be the first one — and is then answered from the stored record,
 * its own writes rolled back. A different request under the key gets 422 either way.
 */
export async function runCommand<T>(
  ctx: Ctx, actor: Actor, key: string | null | undefined, request: unknown,
  fn: (trx: Tx, last: LastWrites) => Promise<{ status: number; body: T }>,
): Promise<CommandResult<T>> {
  if (key !== undefined && key !== null && (key.length < 8 || key.length > 200)) {
    throw new AppError('validation_failed', 'Idempotency-Key 长度应为 8–200 个字符', { errors: [{ path: 'headers.idempotency-key', message: '长度应为 8–200 个字符' }] });
  }
  const who = actorKey(actor);
  const requestHash = sm3(canonicalJson(request ?? null));
  const replay = async (): Promise<CommandResult<T> | null> => {
    if (!key) return null;
    const prior = await ctx.db.selectFrom('idempotencyKeys').selectAll().where('actorKey', '=', who).where('key', '=', key).executeTakeFirst();
    if (!prior) return null;
    if (prior.requestHash !== requestHash) throw new AppError('idempotency_mismatch', '该 Idempotency-Key 已用于内容不同的请求');
    return { status: prior.status, body: prior.response as T, replayed: true };
  };
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const last = new LastWrites();
      const r = await fn(trx, last);
      if (key) {
        const stored = await last.flush(trx, trx.insertInto('idempotencyKeys')
          .values({ key, actorKey: who, requestHash, status: r.status, response: JSON.stringify(r.body) })
          .onConflict((oc) => oc.columns(['actorKey', 'key']).doNothing()).returning('key'));
        if (!stored) throw new LostRace();
      } else {
        await last.flush(trx);
      }
      return { ...r, replayed: false };
    });
  } catch (err) {
    // (a database that fails here too keeps the first error; a different request under the key is 422)
    const r = key ? await replay().catch((e: unknown) => { if (e instanceof AppError) throw e; return null; }) : null;
    if (r) return r;
    if (err instanceof LostRace) throw new Error('Idempotency-Key record met but not found'); // cannot happen: the record is never deleted
    throw err;
  }
}
