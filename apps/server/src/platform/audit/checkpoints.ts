/**
 * Signed checkpoints of the hash chains. A checkpoint states, at a moment: for every audit chain its
 * head (seq, hash), and for the case events a digest of every event (id, hash) up to the highest id.
 * It is signed (SM2 with SM3; HMAC-SM3 when no signing key is configured), stored append-only, published
 * on the portal (`GET /api/v1/public/audit/checkpoints`) and exported as a file a supervisor keeps
 * (`yifa audit checkpoint FILE`). `verifyAgainstCheckpoint` then catches what the chains alone cannot:
 * rows deleted from the end with the head rolled back, whole cases deleted, or chains rewritten and
 * re-hashed by someone holding the chain key — for everything written before the checkpoint.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Conn } from '../db/client.ts';
import type { Ctx } from '../context.ts';
import { canonicalJson, hmacSm3 } from '../crypto/sm.ts';
import { verifySm2, type FieldCrypto } from '../crypto/field-crypto.ts';
import type { Job } from '../jobs/runner.ts';
import type { ChainProblem } from './chain.ts';

export interface CheckpointBody {
  format: 'yifa-audit-checkpoint/1';
  createdAt: string;
  /** Case events with id ≤ maxId: how many, and SM3 over "id:hash\n" in id order. */
  events: { maxId: string; count: number; digest: string };
  /** Every audit chain's head. */
  audit: { chain: string; seq: string; hash: string }[];
}

export interface Checkpoint {
  id?: string;
  body: CheckpointBody;
  alg: 'SM2-SM3' | 'HMAC-SM3';
  keyId: string;
  signature: string;
  /** SM2: the public key that verifies it (also at /api/v1/public/audit/key). */
  publicKey?: string;
}

/** The events digest up to an id, page by page (the same computation at signing and at verification). */
async function eventsDigest(db: Conn, maxId: string): Promise<{ count: number; digest: string }> {
  const h = crypto.createHash('sm3');
  let count = 0;
  let after = '0';
  for (;;) {
    const rows = await db.selectFrom('caseEvents').select(['id', 'hash']).where('id', '>', after).where('id', '<=', maxId).orderBy('id').limit(10000).execute();
    if (!rows.length) break;
    for (const r of rows) h.update(`${r.id}:${r.hash}\n`);
    count += rows.length;
    after = rows[rows.length - 1].id;
  }
  return { count, digest: h.digest('hex') };
}

function sign(crypto: FieldCrypto, body: CheckpointBody): Omit<Checkpoint, 'body'> {
  const data = canonicalJson(body);
  if (crypto.signer) return { alg: 'SM2-SM3', keyId: crypto.signer.keyId, signature: crypto.signer.sign(data), publicKey: crypto.signer.publicKeyPem };
  return { alg: 'HMAC-SM3', keyId: 'chain', signature: hmacSm3(crypto.chainKey, data) };
}

/** Take a checkpoint now, in one consistent read, and store it. */
export async function createCheckpoint(ctx: Ctx): Promise<Checkpoint> {
  return ctx.db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const max = await sql<{ id: string | null }>`select max(id)::text as id from case_events`.execute(trx);
    const maxId = max.rows[0].id ?? '0';
    const heads = await trx.selectFrom('chainHeads').select(['chain', 'seq', 'hash']).orderBy('chain').execute();
    const body: CheckpointBody = {
      format: 'yifa-audit-checkpoint/1', createdAt: ctx.clock.now().toISOString(),
      events: { maxId, ...(await eventsDigest(trx, maxId)) },
      audit: heads.map((h) => ({ chain: h.chain, seq: String(h.seq), hash: h.hash })),
    };
    const s = sign(ctx.crypto, body);
    const row = await trx.insertInto('auditCheckpoints').values({
      createdAt: body.createdAt, body: JSON.stringify(body), alg: s.alg, keyId: s.keyId, signature: s.signature,
    }).returning('id').executeTakeFirstOrThrow();
    return { id: row.id, body, ...s };
  });
}

/** Stored checkpoints, newest first, with the public key that verifies SM2 ones. */
export async function listCheckpoints(ctx: Ctx, limit: number): Promise<Checkpoint[]> {
  const rows = await ctx.db.selectFrom('auditCheckpoints').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id, body: r.body, alg: r.alg, keyId: r.keyId, signature: r.signature,
    ...(r.alg === 'SM2-SM3' && ctx.crypto.signer?.keyId === r.keyId ? { publicKey: ctx.crypto.signer.publicKeyPem } : {}),
  }));
}

/** Is the checkpoint's signature good? SM2 needs only the public key (in the file or given); HMAC needs the chain key. */
export function checkpointSignatureOk(cp: Checkpoint, opts: { crypto?: FieldCrypto; publicKey?: string }): boolean {
  const data = canonicalJson(cp.body);
  if (cp.alg === 'SM2-SM3') {
    const pub = opts.publicKey ?? cp.publicKey ?? (opts.crypto?.signer?.keyId === cp.keyId ? opts.crypto.signer.publicKeyPem : undefined);
    return !!pub && verifySm2(pub, data, cp.signature);
  }
  return !!opts.crypto && hmacSm3(opts.crypto.chainKey, data) === cp.signature;
}

/**
 * What the database says against a checkpoint: every event up to its id still there with the same hashes, every
 * audit chain still passing through its head. (Run verifyChains too: it checks every link after the checkpoint.)
 */
export async function verifyAgainstCheckpoint(db: Conn, cp: Checkpoint, opts: { crypto?: FieldCrypto; publicKey?: string }): Promise<ChainProblem[]> {
  const problems: ChainProblem[] = [];
  const label = `校验点（${cp.body.createdAt}）`;
  if (!checkpointSignatureOk(cp, opts)) {
    problems.push({ table: 'audit_checkpoints', id: cp.id ?? cp.body.createdAt, message: `${label}的签名无效：校验点被改动，或不是本系统签发` });
    return problems;
  }
  const ev = await eventsDigest(db, cp.body.events.maxId);
  if (ev.count !== cp.body.events.count || ev.digest !== cp.body.events.digest) {
    problems.push({
      table: 'case_events', id: cp.body.events.maxId,
      message: `${label}之前的案件事件已被改动（校验点记录 ${cp.body.events.count} 条，现有 ${ev.count} 条${ev.count === cp.body.events.count ? '，内容不同' : ''}）：事件被删除、插入或改写`,
    });
  }
  for (const h of cp.body.audit) {
    const r = await db.selectFrom('auditLog').select(['hash']).where('chain', '=', h.chain).where('seq', '=', h.seq).executeTakeFirst();
    if (!r) problems.push({ table: 'audit_log', id: h.chain, message: `审计链 ${h.chain} 已不含${label}时的第 ${h.seq} 条记录：末尾记录被删除并回退链头` });
    else if (r.hash !== h.hash) problems.push({ table: 'audit_log', id: h.chain, message: `审计链 ${h.chain} 第 ${h.seq} 条与${label}不符：链被改写` });
  }
  return problems;
}

/** A checkpoint a day, when something was written since the last one. */
export const checkpointJob: Job = {
  name: 'audit-checkpoint',
  everyMs: 24 * 3600_000,
  lockId: 71003,
  async run(ctx) {
    const last = await ctx.db.selectFrom('auditCheckpoints').select('body').orderBy('id', 'desc').executeTakeFirst();
    const heads = await ctx.db.selectFrom('chainHeads').select(['chain', 'seq']).orderBy('chain').execute();
    const max = await sql<{ id: string | null }>`select max(id)::text as id from case_events`.execute(ctx.db);
    const same = last && last.body.events.maxId === (max.rows[0].id ?? '0')
      && JSON.stringify(last.body.audit.map((a) => [a.chain, a.seq])) === JSON.stringify(heads.map((h) => [h.chain, String(h.seq)]));
    if (same) return { created: false };
    const cp = await createCheckpoint(ctx);
    return { created: true, id: cp.id, events: cp.body.events.count, chains: cp.body.audit.length };
  },
};
