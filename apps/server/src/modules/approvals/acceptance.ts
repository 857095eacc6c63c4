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
import type { CaseFacts } from '../../platform/cases/case-type.ts';
import { readSettings } from '../../platform/settings/settings.ts';
import { APPROVALS_SETTINGS } from './settings.ts';

const ART32_ONCE = '《行政许可法》第三十二条第一款第（四）项：申请材料不齐全或者不符合法定形式的，应当当场或者在五日内一次告知申请人需要补正的全部内容';
const ART43 = '《行政许可法》第四十三条：依法应当先经下级行政机关审查后报上级行政机关决定的行政许可，下级行政机关应当在法定期限内将初步审查意见和全部申请材料直接报送上级行政机关';

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

export async function guardApproval(trx: Tx, c: CaseFacts, action: string, actor: Actor, ctx: Ctx, at: Date, allowed: string[]): Promise<Record<string, unknown> | void> {
  const except = (...names: string[]) => allowed.filter((a) => !names.includes(a));
  // Art. 32 ¶1(4): everything to supplement is told once.
  if (action === 'notify_correction' && Number(c.data.corrections ?? 0) >= 1) {
    throw new AppError('transition_not_allowed', `${ART32_ONCE}：本件已一次告知过补正，不能再次告知。补正后材料仍不齐全的，可以受理后依法审查，或作出不予受理决定`,
      { allowedActions: except('notify_correction') });
  }
  // Art. 43: the higher organ decides; this county forwards its opinion (and never decides such an item itself).
  if (c.data.preReview && (action === 'approve' || action === 'deny')) {
    throw new AppError('transition_not_allowed', `${ART43}：本事项须报上级行政机关决定，请报送初步审查意见`, { allowedActions: except('approve', 'deny') });
  }
  if (!c.data.preReview && action === 'forward') {
    throw new AppError('transition_not_allowed', '本事项由本机关决定，无须报送上级行政机关（《行政许可法》第四十三条只适用于须报上级决定的事项）', { allowedActions: except('forward') });
  }
  if ((action === 'approve' || action === 'deny' || action === 'forward') && actor.kind !== 'system') await assertSeparateDuties(trx, c, actor);
  if (action === 'extend' && c.state === 'reviewing' && !c.data.jointMode) {
    // Art. 42 ¶1: 本行政机关负责人 — a leader of the deciding organ itself, not a leader of the county above it.
    if (!actor.grants.some((g) => g.role === 'leader' && g.orgId === c.orgId)) {
      const org = await trx.selectFrom('orgs').select('name').where('id', '=', c.orgId).executeTakeFirstOrThrow();
      throw forbidden(`延长期限须经本行政机关负责人批准（《行政许可法》第四十二条第一款），请报${org.name}负责人审批`);
    }
  }
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
    const missing = (c.data.missingMaterials as string[] | undefined) ?? [];
    // Art. 32 ¶1(4)/(5): an application is accepted when its materials are complete; incomplete ones get the one-time notice first.
    if (action === 'accept' && missing.length && !Number(c.data.corrections ?? 0)) {
      throw new AppError('transition_not_allowed', `申请材料不齐全（缺：${missing.join('、')}），不能受理：请一次性告知申请人补正全部内容（${ART32_ONCE}）`,
        { allowedActions: except('accept'), missing });
    }
    return;
  }
  if (BARRED.includes(action)) throw barred(lapse.receivedOn, allowed);
  return { deemedAcceptedOn: lapse.receivedOn, deemed: `${lapse.dueDate}前未一次告知补正，自收到申请材料之日起即为受理（${ART32_DEEMED}）` };
}

/**
 * 收件/受理 and the decision are separate duties: who accepted an application does not decide it, unless it is a
 * 即办件 and the county's rule allows the window to accept and decide on the spot (settings: sameOfficerInstant).
 */
async function assertSeparateDuties(trx: Tx, c: CaseFacts, actor: Actor): Promise<void> {
  const acceptedBy = await trx.selectFrom('caseEvents').select('actorId').where('caseId', '=', c.id).where('action', '=', 'accept')
    .orderBy('seq', 'desc').executeTakeFirst();
  if (!acceptedBy?.actorId || acceptedBy.actorId !== actor.userId) return;
  if (c.data.instant && (await readSettings(trx, c.regionCode, APPROVALS_SETTINGS)).values.sameOfficerInstant) return;
  throw forbidden(`受理与审批分岗：受理本件的工作人员不能作出许可决定${c.data.instant ? '（本县未规定即办件可由受理人员当场决定）' : ''}，请由审批人员决定`);
}

/** The checks of an action's input against the case (case type `checkInput`). */
export function checkApprovalInput(_trx: Tx, c: CaseFacts, action: string, input: Record<string, unknown>): void {
  const errors: { path: string; message: string }[] = [];
  if (action === 'notify_correction') {
    // Art. 32 ¶1(4): the notice lists everything to supplement — every required material that is missing among it.
    const items = input.items as string[];
    const left = ((c.data.missingMaterials as string[] | undefined) ?? []).filter((m) => !items.includes(m));
    if (left.length) errors.push({ path: 'body.input.items', message: `一次告知须列明需要补正的全部内容，尚缺：${left.join('、')}` });
  }
  if (action === 'materials_submitted') {
    // What arrives is what was asked for.
    const asked = (c.data.correctionItems as string[] | undefined) ?? [];
    (input.materials as string[]).forEach((m, i) => {
      if (!asked.includes(m)) errors.push({ path: `body.input.materials.${i}`, message: `补正通知未要求"${m}"（要求补正：${asked.join('、')}）` });
    });
  }
  if (errors.length) throw new AppError('validation_failed', errors[0].message, { errors });
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
