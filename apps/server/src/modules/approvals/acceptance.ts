/**
 * What 《行政许可法》 asks of an approval beyond its workflow table: the case type's guard and a periodic job.
 *
 * Art. 32 ¶1(4) deemed acceptance: when the 5-WD intake check (clock `intake`, its current round) has passed
 * while the application is still 已收件 — no 受理, 不予受理 or 补正 notice — it is accepted as of the day its
 * materials were received (the 收件, or the receipt of the 补正 materials when the check restarted). The job
 * records it (`deem_accept`, a system action); a 受理 by staff after the deadline is recorded the same way
 * (`deemedAcceptedOn` = that day, so both decision clocks start from it); a 补正 notice or 不予受理 is refused (409).
 *
 * Art. 42 ¶2: an item handled 统一/联合/集中办理 is extended only with the approval of 本级人民政府负责人 — a
 * leader of the county government itself, not of a department (ordinary items: the engine's role check).
 */
import { legalDateOf, type ClockEntry } from '@yifa/contracts';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz.ts';
import type { Job } from '../../platform/jobs/runner.ts';
import { AppError, forbidden } from '../../platform/http/problem.ts';
import { caseClocks } from '../../platform/time/ledger-store.ts';
import { performInTrx } from '../../platform/cases/engine.ts';
import { ART32_DEEMED } from './workflow.ts';

/** Actions a deemed acceptance rules out: the intake is over. */
const BARRED = ['notify_correction', 'refuse'];

/** The intake check when it has run out while still running: the day the materials were received and the last day. */
async function intakeLapse(ctx: Ctx, trx: Tx, caseId: string, at: Date): Promise<{ receivedOn: string; dueDate: string } | null> {
  const k = (await caseClocks(ctx, trx, caseId, at)).find((x) => x.key === 'intake');
  if (!k || k.status !== 'running' || k.level !== 'red' || !k.dueDate) return null;
  const origin = [...k.entries].reverse().find((e: ClockEntry) => e.kind === 'restart' || e.kind === 'start')!;
  return { receivedOn: legalDateOf(origin.at), dueDate: k.dueDate };
}

function barred(receivedOn: string, allowed: string[]): AppError {
  const rest = allowed.filter((a) => !BARRED.includes(a));
  return new AppError('transition_not_allowed',
    `依${ART32_DEEMED}，本件自${receivedOn}（收到申请材料之日）起即为受理，不能再一次性告知补正或不予受理；不予许可的，请在审查后作出决定并说明理由。${rest.length ? `可执行：${rest.join('、')}` : ''}`,
    { allowedActions: rest });
}

export async function guardApproval(trx: Tx, c: { id: string; state: string; regionCode: string; data: Record<string, unknown> }, action: string, actor: Actor, ctx: Ctx, at: Date, allowed: string[]): Promise<Record<string, unknown> | void> {
  if (action === 'extend' && c.state === 'reviewing' && c.data.jointMode) {
    const gov = await trx.selectFrom('orgs').select('path').where('regionCode', '=', c.regionCode).where('kind', '=', 'government').where('dissolvedOn', 'is', null).executeTakeFirst();
    if (!actor.grants.some((g) => g.role === 'leader' && g.orgPath === gov?.path)) {
      throw forbidden(`${String(c.data.jointMode)}事项延长期限须经本级人民政府负责人批准（《行政许可法》第四十二条第二款），请报县人民政府领导审批`);
    }
  }
  if (c.data.deemedAcceptedOn && BARRED.includes(action)) throw barred(String(c.data.deemedAcceptedOn), allowed);
  if (c.state !== 'received' || !['accept', 'deem_accept', ...BARRED].includes(action)) return;
  const lapse = await intakeLapse(ctx, trx, c.id, at);
  if (!lapse) {
    if (action === 'deem_accept') throw new AppError('transition_not_allowed', '受理审查期限尚未届满，不能视为受理', { allowedActions: allowed });
    return;
  }
  if (BARRED.includes(action)) throw barred(lapse.receivedOn, allowed);
  return { deemedAcceptedOn: lapse.receivedOn, deemed: `${lapse.dueDate}前未一次告知补正，自收到申请材料之日起即为受理（${ART32_DEEMED}）` };
}

/** Records every deemed acceptance that is due, one transaction per case; a rerun finds nothing left to do. */
export const deemedAcceptanceJob: Job = {
  name: 'approvals-deemed-acceptance',
  everyMs: 5 * 60_000,
  lockId: 71051,
  async run(ctx, now) {
    const due = await ctx.db.selectFrom('clocks as k').innerJoin('cases as c', 'c.id', 'k.caseId').select('c.id')
      .where('c.type', '=', 'approval').where('c.state', '=', 'received').where('k.key', '=', 'intake').where('k.status', '=', 'running')
      .where('k.dueAt', '<', now).orderBy('k.dueAt').orderBy('c.id').execute();
    const at: Ctx = { ...ctx, clock: { now: () => now } };
    let deemed = 0;
    const failed: string[] = [];
    for (const { id } of due) {
      try {
        await ctx.db.transaction().execute((trx) => performInTrx(at, trx, { caseId: id, action: 'deem_accept', input: {}, actor: ctx.registry.systemActor('approvals', '受理审查期限届满') }));
        deemed++;
      } catch (err) {
        // Acted on meanwhile, or not yet due by the current calendar: nothing to record.
        if (!(err instanceof AppError && err.code === 'transition_not_allowed')) failed.push(id);
      }
    }
    return { candidates: due.length, deemed, failed };
  },
};
