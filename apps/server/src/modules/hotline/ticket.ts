/**
 * The behaviour of a 工单 that a workflow table cannot say: which org holds it, who of the holders may act
 * (only the 主办 unit signs, returns and replies: the guard, with the 退单 window and the 重办 limit), 并单,
 * and the flat projection (hotline_tickets) that metrics read. Its clocks are declared in workflow.ts.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { legalDateOf } from '@yifa/contracts';
import { sql, type OperationNodeSource, type Selectable } from 'kysely';
import type { Conn, Tx } from '../../platform/db/client.ts';
import { writeTogether } from '../../platform/db/last-writes.ts';
import type { HotlineCatalogTable } from '../../platform/db/schema.gen.ts';
import { designatedOrgJson, designationMissing, requireDesignated, type DesignatedOrgRow } from '../../platform/orgs/designations.ts';
import { redactText } from '../../platform/crypto/redact.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Actor } from '../../platform/authz.ts';
import { grantCovers } from '../../platform/authz.ts';
import { AppError } from '../../platform/http/problem.ts';
import type { CaseType } from '../../platform/cases/case-type.ts';
import type { CaseEventNotice, OpenedCaseNotice } from '../../platform/registry.ts';
import { performInTrx } from '../../platform/cases/engine.ts';
import { hotlineWorkflow } from './workflow.ts';
import { hotlineSettings } from './settings.ts';
import { configurationJson, primeConfiguration, type ConfigurationRow } from '../../platform/time/ledger-store.ts';

export const TICKET = 'hotline_ticket';

/** Actors created by the Open311 route (their tickets get channel open311). */
export const open311Actors = new WeakSet<Actor>();

type Data = Record<string, unknown>;

/** Set while a historical row is replayed (import): the importer acts for the units of the time. */
export const replaying = new AsyncLocalStorage<boolean>();

/** The org designated as the county's 12345 centre on a date: it owns every ticket (示范县: 政务服务和大数据管理局). */
export async function centreOrg(ctx: Ctx, conn: Conn, region: string, on: string): Promise<{ id: string; path: string }> {
  return requireDesignated(ctx, conn, region, 'hotline_centre', on, 'body.type');
}

type Leaf = Pick<Selectable<HotlineCatalogTable>, 'name' | 'orgId' | 'limitRule' | 'facts'>;

/**
 * What an intake checks its input against, in one statement: the centre designated on the day (the ticket's owner), the
 * 派单目录 leaf of the category, and whether the township is a live township of the county.
 */
async function intakeFacts(trx: Tx, region: string, on: string, code: string, townshipId: string | null) {
  const r = (await sql<{ centre: DesignatedOrgRow | null; leaf: Leaf | null; townshipKind: string | null; configuration: ConfigurationRow }>`
    select ${designatedOrgJson(region, 'hotline_centre', on)} as centre,
      (select json_build_object('name', c.name, 'orgId', c.org_id, 'limitRule', c.limit_rule, 'facts', c.facts) from hotline_catalog c
        where c.region_code = ${region} and c.code = ${code} and c.active and c.org_id is not null limit 1) as leaf,
      (select o.kind from orgs o where o.id = ${townshipId}::uuid and o.region_code = ${region} and o.dissolved_on is null) as township_kind,
      ${configurationJson(region, on)} as configuration`
    .execute(trx)).rows[0];
  // the county's configuration, for the clocks the ticket opens (their rules resolved on the filing date) and its notice
  primeConfiguration(trx, region, on, r.configuration);
  return r;
}

export const hotlineCaseType: CaseType = {
  workflow: hotlineWorkflow,
  guard: guardTicket,
  async open(input, actor, ctx, trx, at) {
    const region = ctx.config.defaultRegion;
    const { centre, leaf, townshipKind } = await intakeFacts(trx, region, legalDateOf(at), String(input.categoryCode),
      input.townshipId ? String(input.townshipId) : null);
    if (!centre) throw designationMissing(ctx, 'hotline_centre', 'body.type');
    const errors: { path: string; message: string }[] = [];
    if (!leaf) errors.push({ path: 'body.input.categoryCode', message: '派单目录中没有该事项（或不是末级事项）' });
    const attrs = (input.attributes ?? {}) as Record<string, unknown>;
    for (const f of leaf?.facts ?? []) {
      const v = attrs[f.code];
      if (f.required && (v === undefined || v === '' || (Array.isArray(v) && v.length === 0))) errors.push({ path: `body.input.attributes.${f.code}`, message: `请填写${f.label}` });
      if (v !== undefined && f.values && ![v].flat().every((x) => f.values!.some((o) => o.key === String(x)))) errors.push({ path: `body.input.attributes.${f.code}`, message: `${f.label}的取值无效` });
    }
    if (input.townshipId && townshipKind !== 'township') errors.push({ path: 'body.input.townshipId', message: '请选择本县的乡镇（街道）' });
    // The channel says how the ticket came in; only staff may record a phone call or an import.
    let channel = String(input.channel);
    if (open311Actors.has(actor)) channel = 'open311';
    else if (actor.kind === 'public') channel = channel === 'mailbox' ? 'mailbox' : 'web';
    else if (channel === 'open311') errors.push({ path: 'body.input.channel', message: 'Open311 渠道只能通过接口提交' });
    if (errors.length) throw new AppError('validation_failed', '提交的内容有误，请检查标出的字段', { errors });
    // The open event records this validated input: it must say the channel the case says, not the input's default 'phone'.
    input.channel = channel;
    const parties = (input.parties ?? {}) as { name?: string; phone?: string };
    const { parties: _p, title, ...facts } = input;
    const confidential = Boolean(input.confidential) || input.ticketType === '举报';
    return {
      orgId: centre.id, owner: centre.dissolvedOn ? undefined : { path: centre.path, regionCode: centre.regionCode },
      // Lists show the title: the citizen's words in it are masked (the description itself stays for the handling chain).
      title: redactText(String(title ?? `${leaf!.name}：${String(input.description).replace(/\s+/g, ' ').slice(0, 30)}`), [parties.name]),
      data: {
        ...facts, channel, confidential, line: channel === 'mailbox' ? 'mailbox' : 'hotline', categoryName: leaf!.name,
        limitRule: leaf!.limitRule ?? 'hotline.citizen', suggestedOrgId: leaf!.orgId, returnCount: 0, redoCount: 0,
        // the 事项要素 under the 派单目录's names of the time (codes and list keys as words), shown to the handler
        attributeFacts: Object.fromEntries(leaf!.facts.filter((f) => attrs[f.code] !== undefined)
          .map((f) => [f.label, [attrs[f.code]].flat().map((x) => f.values?.find((o) => o.key === String(x))?.name ?? String(x)).join('、')])),
      },
      parties: parties.phone || parties.name ? [{
        role: input.ticketType === '举报' ? '举报人' : '诉求人', kind: 'person', name: input.anonymous ? null : (parties.name ?? null),
        phone: parties.phone ?? null, confidential,
      }] : [],
    };
  },
  reduce(data, action, input) {
    switch (action) {
      case 'instant_answer': return { ...data, answer: input.answer, kbId: input.kbId ?? null, closeKind: 'instant' };
      case 'dispatch': return { ...data, leadOrgId: input.leadOrgId, assistOrgIds: input.assistOrgIds, dispatchNote: input.note ?? null };
      case 'redispatch': return { ...data, leadOrgId: input.leadOrgId, assistOrgIds: input.assistOrgIds, lastRuling: { kind: '改派', text: input.ruling } };
      case 'return': return { ...data, returnCount: Number(data.returnCount ?? 0) + 1, lastReturn: { reasonCode: input.reasonCode, note: input.note, suggestedOrgId: input.suggestedOrgId ?? null } };
      case 'reject_return': return { ...data, lastRuling: { kind: '驳回退单', text: input.ruling } };
      case 'reply': return { ...data, result: input.result, replyContent: input.content, contactMethod: input.contactMethod };
      case 'feedback': return { ...data, feedback: input.summary };
      case 'callback': return { ...data, callback: { reached: input.reached, satisfaction: input.satisfaction ?? null, resolved: input.resolved ?? null, note: input.note ?? null } };
      case 'redo': return { ...data, redoCount: Number(data.redoCount ?? 0) + 1, redoReason: input.reason };
      case 'supervise': return { ...data, supervised: true, supervisions: Number(data.supervisions ?? 0) + 1, lastSupervision: { level: input.level, reason: input.reason } };
      case 'merge': return { ...data, masterNumber: String(input.masterNumber).trim().toUpperCase() };
      case 'close': return { ...data, closeKind: data.closeKind ?? 'normal', closeNote: input.note ?? null };
      case 'follow_master': return { ...data, closeKind: 'merged' };
      case 'terminate': return { ...data, closeKind: 'terminated', termination: { reasonCode: input.reasonCode, note: input.note } };
      default: return data;
    }
  },
  publicFields: ['ticketType', 'categoryName', 'channel', 'result', 'masterNumber'],
  publicTitle: (d) => `${String(d.ticketType ?? '诉求')}：${String(d.categoryName ?? '')}`,
  confidential: (d) => d.confidential === true,
};

/** Only the 主办 unit's handlers sign, return, reply and report (协办 units help the 主办); an import acts for the units of the time. */
async function assertLeadUnit(trx: Tx, actor: Actor, leadOrgId: unknown, label: string): Promise<void> {
  if (replaying.getStore()) return;
  const lead = typeof leadOrgId === 'string' ? await trx.selectFrom('orgs').select('path').where('id', '=', leadOrgId).executeTakeFirst() : undefined;
  if (!lead || !actor.userId) throw new AppError('forbidden', `只有主办单位可以${label}`);
  if (!actor.grants.some((g) => g.role === 'handler' && grantCovers(g, lead.path))) throw new AppError('forbidden', `只有主办单位的承办人可以${label}（协办单位请配合主办单位办理）`);
}

const LEAD_ONLY: Record<string, string> = { sign: '签收', return: '退单', request_extension: '申请延期', reply: '答复诉求人', feedback: '反馈' };
type Callback = { reached?: boolean; satisfaction?: string; resolved?: boolean } | undefined;
const negative = (cb: Callback) => !!cb?.reached && (cb.satisfaction === '不满意' || cb.resolved === false);

/**
 * What the local rules ask of a 工单 action beyond the table, checked before anything is written: only the 主办
 * unit acts for the units; 退单 within 24 h of the (last) dispatch and before the unit replied (安阳 Art. 50); the
 * county's 延期 approver; 重办 only after a negative 回访 and at most `maxRedo` times; a duplicate follows a closed master.
 */
export async function guardTicket(
  trx: Tx, c: { id: string; state: string; regionCode: string; data: Data }, action: string, actor: Actor, _ctx: Ctx, at: Date,
): Promise<void> {
  // an action the state does not offer is the engine's 409
  if (!hotlineWorkflow.transitions[c.state as keyof typeof hotlineWorkflow.transitions]?.[action]) return;
  const data = c.data;
  if (LEAD_ONLY[action]) await assertLeadUnit(trx, actor, data.leadOrgId, LEAD_ONLY[action]);
  switch (action) {
    case 'return': {
      // 安阳 Art. 50: 24 h from dispatch (the sign clock's due time; 改派 restarts it), also after 签收
      // as long as the unit has not replied since the (last) dispatch.
      const sign = await trx.selectFrom('clocks').select(['dueAt']).where('caseId', '=', c.id).where('key', '=', 'sign').executeTakeFirst();
      const stay = c.state === 'handling' ? ['reply', 'request_extension'] : ['sign'];
      if (sign?.dueAt && at > sign.dueAt) {
        throw new AppError('transition_not_allowed', `已超过退单时限（派单后24小时，《安阳市政务服务条例》第五十条），不能退单，请${c.state === 'handling' ? '继续办理' : '签收办理'}或申请协调`, { allowedActions: stay });
      }
      if (c.state === 'handling') {
        const last = await trx.selectFrom('caseEvents').select('action').where('caseId', '=', c.id).where('action', 'in', ['dispatch', 'redispatch', 'reply'])
          .orderBy('seq', 'desc').limit(1).executeTakeFirst();
        if (last?.action === 'reply') throw new AppError('transition_not_allowed', '承办单位已答复过诉求人，不能再退单', { allowedActions: stay });
      }
      return;
    }
    case 'approve_extension':
    case 'reject_extension': {
      if (replaying.getStore()) return;
      const { extensionApprover } = await hotlineSettings(trx, c.regionCode);
      // the approver's role must cover the 主办 unit (安阳 Art. 50: 承办单位负责人) — or the ticket's owner (the centre)
      const paths = await trx.selectFrom('cases as k').innerJoin('orgs as o', 'o.id', 'k.orgId').select('o.path')
        .select((eb) => eb.selectFrom('orgs').select('path').where('id', '=', typeof data.leadOrgId === 'string' ? data.leadOrgId : null).as('leadPath'))
        .where('k.id', '=', c.id).executeTakeFirstOrThrow();
      if (!actor.grants.some((g) => g.role === extensionApprover && (grantCovers(g, paths.leadPath ?? paths.path) || grantCovers(g, paths.path)))) {
        throw new AppError('forbidden', `本县延期由“${ROLE_ZH[extensionApprover]}”审批（热线设置）`);
      }
      return;
    }
    case 'redo': {
      if (!negative(data.callback as Callback)) throw new AppError('transition_not_allowed', '只有回访不满意或未解决的工单才能重办', { allowedActions: ['close'] });
      const { maxRedo } = await hotlineSettings(trx, c.regionCode);
      if (Number(data.redoCount ?? 0) >= maxRedo) throw new AppError('transition_not_allowed', `重办次数已达上限（${maxRedo} 次），请办结并说明`, { allowedActions: ['close'] });
      return;
    }
    case 'follow_master': {
      const m = typeof data.masterId === 'string' ? await trx.selectFrom('cases').select('closedAt').where('id', '=', data.masterId).executeTakeFirst() : undefined;
      if (!m?.closedAt) throw new AppError('transition_not_allowed', '主工单尚未办结，并入的工单随主工单办结', { allowedActions: [] });
      return;
    }
    default:
  }
}

async function setHolders(trx: Tx, caseId: string, region: string, lead: string, assists: string[], at: Date): Promise<void> {
  const ids = [lead, ...assists];
  const errors: { path: string; message: string }[] = [];
  if (new Set(ids).size !== ids.length) errors.push({ path: 'body.input.assistOrgIds', message: '协办单位不能与主办单位重复' });
  const orgs = await trx.selectFrom('orgs').select(['id', 'kind']).where('id', 'in', ids).where('regionCode', '=', region).where('dissolvedOn', 'is', null).execute();
  if (!orgs.some((o) => o.id === lead)) errors.push({ path: 'body.input.leadOrgId', message: '主办单位不存在或已撤销' });
  assists.forEach((a, i) => { if (!orgs.some((o) => o.id === a)) errors.push({ path: `body.input.assistOrgIds.${i}`, message: '协办单位不存在或已撤销' }); });
  if (errors.length) throw new AppError('validation_failed', '派单对象有误', { errors });
  await trx.updateTable('caseOrgs').set({ until: at }).where('caseId', '=', caseId).where('role', 'in', ['lead', 'assist']).where('until', 'is', null).execute();
  await trx.insertInto('caseOrgs').values(ids.map((orgId, i) => ({ caseId, orgId, role: i === 0 ? 'lead' as const : 'assist' as const, since: at }))).execute();
}

const ROLE_ZH: Record<string, string> = { leader: '领导', supervisor: '督查', dispatcher: '调度' };

/** Open311 / FixMyStreet status vocabulary for public updates. */
const FMS_STATUS: Record<string, string> = {
  open: 'OPEN', dispatch: 'ACTION_SCHEDULED', redispatch: 'ACTION_SCHEDULED', sign: 'IN_PROGRESS', approve_extension: 'ACTION_SCHEDULED',
  reply: 'IN_PROGRESS', feedback: 'IN_PROGRESS', callback: 'IN_PROGRESS', redo: 'IN_PROGRESS', instant_answer: 'CLOSED',
  merge: 'DUPLICATE', follow_master: 'DUPLICATE', close: 'CLOSED', terminate: 'CLOSED',
};

/**
 * The Open311 status update an act of a 工单 publishes, if any — given the master's number for a 并单 — written with the
 * ticket's projection, in its statement.
 */
function statusUpdate(trx: Tx, e: CaseEventNotice): ((masterNumber?: string) => OperationNodeSource) | null {
  const status = FMS_STATUS[e.action];
  const def = e.action === 'open' ? null : hotlineWorkflow.transitions[e.fromState as keyof typeof hotlineWorkflow.transitions]?.[e.action];
  if (!status || !(e.action === 'open' || def?.public)) return null;
  const result = (master?: string) => (e.action === 'reply' ? `：${String(e.input.result)}` : e.action === 'terminate' ? `：${String(e.input.reasonCode)}`
    : e.action === 'merge' || e.action === 'follow_master' ? `：并入 ${String(master)}` : '');
  return (master) => trx.insertInto('hotlineUpdates').values({
    caseId: e.caseId, regionCode: e.regionCode, status: e.action === 'reply' && e.input.result === '已解决' ? 'FIXED' : status,
    description: `${e.action === 'open' ? '已受理' : def!.label}${result(master)}`, updatedAt: e.at,
  });
}

/**
 * A new 工单's writes, sent in the statement that writes its case row (manifest caseOpenWrites): the projection, built
 * from what the engine holds (no read back), its mark for the rollup refresher (no state before: in no rollup row yet)
 * and the Open311 update '已受理'.
 */
export function hotlineOpenWrites(trx: Tx, e: OpenedCaseNotice): readonly OperationNodeSource[] {
  if (e.type !== TICKET) return [];
  const known: TicketSource = {
    id: e.caseId, regionCode: e.regionCode, orgId: e.orgId, number: e.number, ...e.opened, leadPath: null,
    events: [{ action: 'open', occurredAt: e.at, input: e.input }], clockRows: e.opened.clocks,
    phoneIndex: [...e.opened.parties].sort((a, b) => (a.id < b.id ? -1 : 1))[0]?.phoneIndex ?? null,
  };
  return [...ticketWrites(trx, e.caseId, known), trx.insertInto('hotlineRollupDirty').values({ regionCode: e.regionCode, caseId: e.caseId }),
    statusUpdate(trx, e)!()];
}

/**
 * After every act on a 工单, in its transaction: the holders (派单/改派), the 并单 link, the checks that need the
 * action's input (the master of a 并单, a note when a negative 回访 is closed without 重办), the Open311 update and
 * the projection. The clocks are the workflow table's: the engine has moved them already. (A new 工单: hotlineOpenWrites.)
 */
export async function onHotlineEvent(trx: Tx, e: CaseEventNotice, ctx: Ctx): Promise<void> {
  if (e.type !== TICKET || e.action === 'open') return;
  // the case's facts are read only for the acts that need them
  let facts: Data | undefined;
  const data = async () => (facts ??= (await trx.selectFrom('cases').select('data').where('id', '=', e.caseId).executeTakeFirstOrThrow()).data as Data);
  const c = { id: e.caseId, regionCode: e.regionCode, number: e.number };
  switch (e.action) {
    case 'dispatch':
    case 'redispatch':
      await setHolders(trx, c.id, c.regionCode, String(e.input.leadOrgId), (e.input.assistOrgIds as string[] | undefined) ?? [], e.at);
      break;
    case 'close':
      const d = await data();
      if (negative(d.callback as Callback) && Number(d.redoCount ?? 0) < (await hotlineSettings(trx, c.regionCode)).maxRedo && !e.input.note) {
        throw new AppError('validation_failed', '回访不满意或未解决且未重办，办结须说明理由', { errors: [{ path: 'body.input.note', message: '请说明不重办的理由' }] });
      }
      break;
    case 'merge': {
      const masterNo = String((await data()).masterNumber);
      const m = await trx.selectFrom('cases').select(['id', 'state', 'closedAt']).where('type', '=', TICKET).where('regionCode', '=', c.regionCode).where('number', '=', masterNo).executeTakeFirst();
      if (!m || m.id === c.id || m.state === 'merged') throw new AppError('validation_failed', '主工单无效', { errors: [{ path: 'body.input.masterNumber', message: m?.id === c.id ? '不能并入自身' : '没有该工单，或该工单本身已被并单' }] });
      await trx.updateTable('cases').set({ data: sql`data || ${JSON.stringify({ masterId: m.id })}::jsonb` }).where('id', '=', c.id).execute();
      if (m.closedAt) await followMaster(ctx, trx, m.id, masterNo, c.id);
      break;
    }
    default: break;
  }
  if (e.terminal) {
    const dups = await trx.selectFrom('cases').select('id').where('type', '=', TICKET).where('state', '=', 'merged').where(sql<boolean>`data->>'masterId' = ${c.id}`).execute();
    for (const d of dups) await followMaster(ctx, trx, c.id, c.number, d.id);
  }
  const update = statusUpdate(trx, e);
  const dup = e.action === 'merge' || e.action === 'follow_master';
  await projectTicketInTrx(ctx, trx, c.id, update ? [update(dup ? String((await data()).masterNumber) : undefined)] : []);
}

/** The duplicate follows its master: closed with it (as the system, on the 12345 centre's behalf). */
async function followMaster(ctx: Ctx, trx: Tx, _masterId: string, masterNumber: string, dupId: string): Promise<void> {
  const d = await trx.selectFrom('cases').select(['regionCode', 'state']).where('id', '=', dupId).executeTakeFirstOrThrow();
  if (d.state !== 'merged') return;
  await performInTrx(ctx, trx, { caseId: dupId, action: 'follow_master', input: { masterNumber }, actor: ctx.registry.systemActor('hotline', '随主工单办结') });
}

/** What the projection reads of a ticket: its case row, events, clocks, the caller's phone index and the lead unit's path. */
interface TicketSource {
  id: string; regionCode: string; orgId: string; number: string; state: string; data: unknown; createdAt: Date; updatedAt: Date; closedAt: Date | null;
  events: readonly { action: string; occurredAt: Date | string; input: unknown }[];
  clockRows: readonly { key: string; dueAt: Date | string | null; metDeadline: boolean | null; status: string }[];
  phoneIndex: string | null; leadPath: string | null;
}

/** Rebuild a ticket's row in hotline_tickets from its case, events and clocks (and write `also` in the same statement). */
export async function projectTicketInTrx(ctx: Ctx, trx: Tx, caseId: string, also: readonly OperationNodeSource[] = []): Promise<void> {
  // One read: the case with its events, clocks, the caller's phone index and the lead unit's path (every act re-projects).
  const c: TicketSource = await trx.selectFrom('cases').selectAll('cases').select((eb) => [
    sql<{ action: string; occurredAt: string; input: Data }[]>`coalesce((select json_agg(json_build_object('action', e.action, 'occurredAt', e.occurred_at,
      'input', e.input) order by e.seq) from case_events e where e.case_id = ${eb.ref('cases.id')}), '[]'::json)`.as('events'),
    sql<{ key: string; dueAt: string | null; metDeadline: boolean | null; status: string }[]>`coalesce((select json_agg(json_build_object('key', k.key,
      'dueAt', k.due_at, 'metDeadline', k.met_deadline, 'status', k.status)) from clocks k where k.case_id = ${eb.ref('cases.id')}), '[]'::json)`.as('clockRows'),
    sql<string | null>`(select p.phone_index from case_parties p where p.case_id = ${eb.ref('cases.id')} order by p.id limit 1)`.as('phoneIndex'),
    sql<string | null>`(select o.path from orgs o where o.id = (${eb.ref('cases.data')}->>'leadOrgId')::uuid)`.as('leadPath'),
  ]).where('id', '=', caseId).executeTakeFirstOrThrow();
  await writeTogether(trx, [...ticketWrites(trx, caseId, c), ...also]);
}

/**
 * The write of a ticket's projection from its source: its row in hotline_tickets. A source whose `leadPath` is null but
 * names a lead unit has the path looked up in the write. (Its rollup mark is written with the act: hotlineActWrites.)
 */
function ticketWrites(trx: Tx, caseId: string, c: TicketSource): OperationNodeSource[] {
  const d = c.data as Data;
  const at = (v: Date | string | null | undefined) => (v ? new Date(v) : null);
  const events = c.events.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt) }));
  const clocks = c.clockRows.map((k) => ({ ...k, dueAt: at(k.dueAt) }));
  const k = (key: string) => clocks.find((x) => x.key === key);
  const first = (a: string) => events.find((x) => x.action === a)?.occurredAt ?? null;
  const last = (a: string) => [...events].reverse().find((x) => x.action === a);
  const leadPath = typeof d.leadOrgId !== 'string' ? null
    : c.leadPath ?? sql<string | null>`(select path from orgs where id = ${d.leadOrgId}::uuid)`;
  const party = { phoneIndex: c.phoneIndex };
  const cb = last('callback');
  const cbIn = (cb?.input ?? {}) as Data;
  const replied = first('reply') ?? first('instant_answer');
  const citizen = k('citizen');
  const row = {
    regionCode: c.regionCode, orgId: c.orgId, number: c.number, line: (d.line === 'mailbox' ? 'mailbox' : 'hotline') as 'hotline' | 'mailbox',
    channel: String(d.channel), ticketType: String(d.ticketType), categoryCode: String(d.categoryCode), categoryName: String(d.categoryName ?? ''),
    townshipId: typeof d.townshipId === 'string' ? d.townshipId : null, leadOrgId: typeof d.leadOrgId === 'string' ? d.leadOrgId : null, leadOrgPath: leadPath,
    state: c.state, description: String(d.description ?? ''), phoneIndex: party?.phoneIndex ?? null,
    acceptedAt: c.createdAt, acceptedOn: legalDateOf(c.createdAt), dispatchedAt: first('dispatch'),
    signDueAt: k('sign')?.dueAt ?? null, signedAt: last('sign')?.occurredAt ?? null,
    signedInTime: k('sign')?.status === 'stopped' ? (k('sign')?.metDeadline ?? null) : null,
    repliedAt: replied, citizenDueAt: citizen?.dueAt ?? null,
    repliedInTime: citizen?.status === 'stopped' && replied ? (citizen.metDeadline ?? null) : null,
    instant: d.closeKind === 'instant', returnCount: events.filter((x) => x.action === 'return').length,
    redoCount: events.filter((x) => x.action === 'redo').length, callbackAt: cb?.occurredAt ?? null,
    callbackReached: cb ? Boolean(cbIn.reached) : null,
    satisfaction: (cb && cbIn.reached ? cbIn.satisfaction : null) as '满意' | '基本满意' | '不满意' | null,
    resolved: cb && cbIn.reached && typeof cbIn.resolved === 'boolean' ? cbIn.resolved : null,
    mergedInto: typeof d.masterId === 'string' ? d.masterId : null, supervised: events.some((x) => x.action === 'supervise'),
    closedAt: c.closedAt, closedOn: c.closedAt ? legalDateOf(c.closedAt) : null, updatedAt: c.updatedAt,
  };
  return [trx.insertInto('hotlineTickets').values({ caseId, ...row }).onConflict((oc) => oc.column('caseId').doUpdateSet(row))];
}

/**
 * A ticket as its rollup mark keeps it (SQL over `t`, its hotline_tickets row): the row without the description, its
 * clocks and its events (what the metrics read of them).
 */
export const TICKET_STATE = `jsonb_build_object('ticket', to_jsonb(t) - 'description',
  'clocks', (select coalesce(jsonb_agg(to_jsonb(k)), '[]') from clocks k where k.case_id = t.case_id),
  'events', (select coalesce(jsonb_agg(jsonb_build_object('case_id', x.case_id, 'seq', x.seq, 'action', x.action, 'occurred_at', x.occurred_at)), '[]')
    from case_events x where x.case_id = t.case_id))`;

/**
 * The rollup mark of an act on a 工单 (manifest caseActWrites), in the act's own statement, whose snapshot still holds the
 * ticket as it was before the act (TICKET_STATE), which the rollup's figures subtract until the next refresh folds the
 * act in (rollups.ts). A ticket's earliest mark since the last refresh is its state in the rollup; later marks only say
 * that it changed again.
 */
export function hotlineActWrites(trx: Tx, e: { caseId: string; type: string; regionCode: string }): readonly OperationNodeSource[] {
  if (e.type !== TICKET) return [];
  return [sql`insert into hotline_rollup_dirty (region_code, case_id, old)
    select ${e.regionCode}, ${e.caseId}::uuid, (select ${sql.raw(TICKET_STATE)} from hotline_tickets t where t.case_id = ${e.caseId}::uuid)`];
}
