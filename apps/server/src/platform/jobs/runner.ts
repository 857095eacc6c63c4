/**
 * Periodic jobs: the deadline sweep (黄牌 before a deadline, 红牌 when overdue, escalation
 * notices) and outbox delivery. A job is a function of (ctx, now); the runner calls it on an
 * interval and, on a PostgreSQL server, guards it with an advisory lock so that one process runs it.
 * Tests call `runJob` directly with an injected time.
 *
 * Why not pg-boss: the jobs here are sweeps over tables we already index, not queued messages;
 * a 60-line runner works the same on PGlite and PostgreSQL and keeps tests deterministic.
 */
import { sql } from 'kysely';
import { MIGRATE_LOCK, SEED_LOCK } from '../db/locks.ts';
import type { Ctx } from '../context.ts';
import { recomputeOpenClocks } from '../time/ledger-store.ts';
import { deliverOutbox, notifyInTrx } from '../notifications/outbox.ts';
import { checkpointJob } from '../audit/checkpoints.ts';

export interface Job { name: string; everyMs: number; lockId: number; run(ctx: Ctx, now: Date): Promise<Record<string, unknown>> }

export const deadlineSweep: Job = {
  name: 'deadline-sweep',
  everyMs: 5 * 60_000,
  lockId: 71001,
  async run(ctx, now) {
    return ctx.db.transaction().execute(async (trx) => {
      const r = await recomputeOpenClocks(ctx, trx, now);
      for (const x of r.raised) {
        const c = await trx.selectFrom('cases').select(['number', 'title', 'orgId']).where('id', '=', x.caseId).executeTakeFirstOrThrow();
        const holders = await trx.selectFrom('caseOrgs').select(['orgId', 'role']).where('caseId', '=', x.caseId).where('until', 'is', null).execute();
        const label = x.level === 'red' ? '红牌：已超期' : '黄牌：即将到期';
        for (const h of holders) {
          await notifyInTrx(trx, { orgId: h.orgId, title: `${label} ${c.number}`, body: `${c.title}——${x.label}${x.level === 'red' ? '已超过期限' : '即将届满'}。`, caseId: x.caseId, dedupeKey: `${x.caseId}:${x.key}:${x.level}:${h.orgId}`, at: now });
        }
      }
      const broken = r.broken.length ? { brokenClocks: r.broken.slice(0, 20) } : {};
      return { recomputed: r.recomputed, raised: r.raised.length, broken: r.broken.length, ...broken };
    });
  },
};

export const outboxDelivery: Job = {
  name: 'outbox',
  everyMs: 10_000,
  lockId: 71002,
  run: (ctx, now) => deliverOutbox(ctx.db, ctx.transports, now, (enc) => ctx.crypto.decryptOpt(enc)) as Promise<Record<string, unknown>>,
};

/**
 * Planner statistics: PGlite has no autovacuum, and a server's may be off or slow after a bulk load; without statistics
 * the planner picks an org-wide index to find one case's holders. ANALYZE every hour (tables the app role does not own
 * are skipped by PostgreSQL with a warning: there the owner's autovacuum is in charge).
 */
export const analyzeJob: Job = {
  name: 'analyze',
  everyMs: 60 * 60_000,
  lockId: 71004,
  async run(ctx) {
    const t0 = performance.now();
    await analyzeDatabase(ctx);
    return { ms: Math.round(performance.now() - t0) };
  },
};

/** ANALYZE the whole database (after seeding, after a bulk import, and hourly from the jobs runner). */
export async function analyzeDatabase(ctx: Ctx): Promise<void> {
  await sql`analyze`.execute(ctx.db);
}

export const JOBS: Job[] = [deadlineSweep, outboxDelivery, checkpointJob, analyzeJob];

const running = new Set<string>();

export async function runJob(ctx: Ctx, job: Job, now = ctx.clock.now()): Promise<Record<string, unknown> | null> {
  if (running.has(job.name)) return null;
  running.add(job.name);
  try {
    if (ctx.database.kind === 'pglite') return await runLocked(ctx, job, now);
    // On a server, several processes may run jobs: a session advisory lock on a dedicated
    // connection makes sure one of them does.
    return await ctx.db.connection().execute(async (conn) => {
      const got = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${job.lockId}) as ok`.execute(conn);
      if (!got.rows[0].ok) return null;
      try { return await runLocked(ctx, job, now); } finally { await sql`select pg_advisory_unlock(${job.lockId})`.execute(conn); }
    });
  } finally {
    running.delete(job.name);
  }
}

async function runLocked(ctx: Ctx, job: Job, now: Date): Promise<Record<string, unknown>> {
  await ctx.db.insertInto('jobRuns').values({ name: job.name, lastStartedAt: now }).onConflict((oc) => oc.column('name').doUpdateSet({ lastStartedAt: now })).execute();
  const result = await job.run(ctx, now);
  await ctx.db.updateTable('jobRuns').set({ lastFinishedAt: ctx.clock.now(), lastResult: JSON.stringify(result) }).where('name', '=', job.name).execute();
  return result;
}

/** The spine's jobs and every module's. */
/** Every periodic job; each holds its own advisory lock id (two jobs sharing one would skip each other's runs). */
export function allJobs(ctx: Ctx): Job[] {
  const jobs = [...JOBS, ...ctx.registry.modules.flatMap((m) => m.jobs ?? [])];
  const seen = new Map<number, string>([[MIGRATE_LOCK, 'migrations'], [SEED_LOCK, 'demo seed']]);
  for (const j of jobs) {
    const other = seen.get(j.lockId);
    if (other) throw new Error(`job ${j.name}: advisory lock ${j.lockId} is also ${other}'s`);
    seen.set(j.lockId, j.name);
  }
  return jobs;
}

/** Run every job on its interval; `ran` is told of each run that happened (not skipped: another process held it). */
export function startJobs(ctx: Ctx, log: (msg: string, err?: unknown) => void, ran?: (job: Job, startedAt: number, ms: number) => void): () => void {
  const go = (job: Job) => {
    const t0 = Date.now();
    runJob(ctx, job).then((r) => { if (r) ran?.(job, t0, Date.now() - t0); }, (err) => log(`job ${job.name} failed`, err));
  };
  const timers = allJobs(ctx).map((job) => setInterval(() => go(job), job.everyMs));
  // First sweep soon after start.
  const first = setTimeout(() => go(deadlineSweep), 2000);
  return () => { timers.forEach(clearInterval); clearTimeout(first); };
}
