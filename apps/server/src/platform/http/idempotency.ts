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
  const first = await replay();
  if (first) return first;
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
    if (err instanceof LostRace) {
      const r = await replay();
      if (r) return r;
    }
    throw err;
  }
}
