/**
 * The case engine. `openCase` and `perform` are the only writers of cases, case_events and
 * clocks. Each runs in one transaction: permission, transition (409 naming the allowed
 * actions), input (400 naming every bad field), append a hash-chained event, update the case
 * row, move clocks, audit. Replaying an Idempotency-Key returns the first result.
 */
import { legalDateOf, type ActionDef, type Role, type Workflow } from '@yifa/contracts';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Tx } from '../db/client.ts';
import { AppError, notFound } from '../http/problem.ts';
import { zodIssuesToFieldErrors } from '../http/validation.ts';
import { can, rolesOver, type Actor } from '../authz.ts';
import { appendAuditInTrx, eventHash, GENESIS } from '../audit/chain.ts';
import { applyClockEffectsInTrx, summariseClocksInTrx } from '../time/ledger-store.ts';
import { maskIdNo, maskName, maskPhone } from '../crypto/mask.ts';
import type { Ctx } from '../context.ts';
import type { CaseType } from './case-type.ts';
import type { CaseEventNotice } from '../registry.ts';
import { orgPathsOfCase } from './case-queries.ts';

export interface PerformRequest {
  caseId: string;
  action: string;
  input: unknown;
  actor: Actor;
  idempotencyKey?: string | null;
  /** Optimistic check: the version the client saw (If-Match). */
  expectedVersion?: number | null;
  /** In-process only (a module's job): a `system` action, performed without the actor's grants. */
  system?: boolean;
}

export function caseTypeOf(ctx: Ctx, type: string): CaseType {
  const t = ctx.registry.caseTypes.get(type);
  if (!t) throw notFound('案件类型');
  return t;
}

/** Actions the actor may take on a case in its state (never the platform's own `system` actions). */
export function allowedActions(w: Workflow, state: string, roles: Set<Role>): string[] {
  return Object.entries(w.transitions[state] ?? {})
    .filter(([, a]) => !(a as ActionDef<string>).system && (a as ActionDef<string>).roles.some((r) => roles.has(r)))
    .map(([name]) => name);
}

function parseInput(schema: z.ZodObject | undefined, input: unknown, prefix: string): Record<string, unknown> {
  if (!schema) return {};
  const r = schema.safeParse(input ?? {});
  if (!r.success) throw new AppError('validation_failed', '提交的内容有误，请检查标出的字段', { errors: zodIssuesToFieldErrors(r.error.issues, prefix) });
  return r.data as Record<string, unknown>;
}

async function nextNumberInTrx(trx: Tx, prefix: string, region: string, year: number): Promise<string> {
  const r = await trx.insertInto('caseCounters').values({ prefix, regionCode: region, year, last: 1 })
    .onConflict((oc) => oc.columns(['prefix', 'regionCode', 'year']).doUpdateSet({ last: sql`case_counters.last + 1` }))
    .returning('last').executeTakeFirstOrThrow();
  return `${prefix}-${year}-${String(r.last).padStart(6, '0')}`;
}

async function appendEventInTrx(trx: Tx, e: {
  caseId: string; seq: number; prevHash: string; action: string; fromState: string | null; toState: string;
  actor: Actor; input: Record<string, unknown>; public: boolean; at: Date; idempotencyKey: string | null;
}): Promise<string> {
  const row = {
    caseId: e.caseId, seq: e.seq, action: e.action, fromState: e.fromState, toState: e.toState,
    actorId: e.actor.userId, actorName: e.actor.name, actorOrgId: e.actor.orgId, input: e.input, public: e.public,
    occurredAt: e.at, idempotencyKey: e.idempotencyKey,
  };
  const hash = eventHash(e.prevHash, row);
  await trx.insertInto('caseEvents').values({ ...row, input: JSON.stringify(row.input), prevHash: e.prevHash, hash }).execute();
  return hash;
}

/** Strip personal data (parties) from what is stored in events. */
function withoutParties(input: Record<string, unknown>): Record<string, unknown> {
  const { parties: _p, ...rest } = input;
  return rest;
}

async function notifyModules(ctx: Ctx, trx: Tx, e: CaseEventNotice): Promise<void> {
  for (const m of ctx.registry.modules) if (m.onCaseEvent) await m.onCaseEvent(trx, e, ctx);
}

/** Open a case of a type. Returns the new case id. */
export async function openCaseInTrx(ctx: Ctx, trx: Tx, type: string, rawInput: unknown, actor: Actor, idempotencyKey: string | null): Promise<string> {
  const t = caseTypeOf(ctx, type);
  const w = t.workflow;
  const roles = rolesOver(actor);
  if (actor.kind !== 'public' && !w.create.roles.some((r) => roles.has(r))) throw new AppError('forbidden', `您不能新建${w.label}`);
  if (actor.kind === 'public' && !w.create.public) throw new AppError('unauthenticated');
  const input = parseInput(w.create.input, rawInput, 'body.input');
  const decision = await t.open(input, actor, ctx, trx);
  const org = await trx.selectFrom('orgs').select(['id', 'path', 'regionCode', 'dissolvedOn']).where('id', '=', decision.orgId).executeTakeFirst();
  if (!org || org.dissolvedOn) throw new AppError('validation_failed', '承办机构无效', { errors: [{ path: 'body.input.orgId', message: '机构不存在或已撤销' }] });
  if (actor.kind !== 'public') {
    // The actor must hold a create role on the owner or on an org the case is opened for.
    const others = decision.orgs?.length
      ? await trx.selectFrom('orgs').select(['id', 'path']).where('id', 'in', decision.orgs.map((o) => o.orgId)).execute()
      : [];
    if (others.length !== (decision.orgs?.length ?? 0)) throw new AppError('validation_failed', '相关机构无效', { errors: [{ path: 'body.input', message: '相关机构不存在' }] });
    const paths = [org.path, ...others.map((o) => o.path)];
    if (!paths.some((p) => w.create.roles.some((r) => rolesOver(actor, { orgPaths: [p] }).has(r)))) {
      throw new AppError('forbidden', '您不能为该机构新建案件');
    }
  }
  const now = ctx.clock.now();
  const filedOn = legalDateOf(now);
  const number = await nextNumberInTrx(trx, w.prefix, org.regionCode, Number(filedOn.slice(0, 4)));
  const created = await trx.insertInto('cases').values({
    type, number, regionCode: org.regionCode, orgId: org.id, state: w.initial, title: decision.title,
    data: JSON.stringify(decision.data), filedOn, version: 0, headHash: GENESIS, createdBy: actor.userId,
    createdAt: now, updatedAt: now,
  }).returning('id').executeTakeFirstOrThrow();
  const caseId = created.id;
  const holders = [{ orgId: org.id, role: 'owner' as const }, ...(decision.orgs ?? [])];
  await trx.insertInto('caseOrgs').values(holders.map((h) => ({ caseId, orgId: h.orgId, role: h.role, since: now }))).execute();
  for (const p of decision.parties ?? []) {
    await trx.insertInto('caseParties').values({
      caseId, role: p.role, kind: p.kind,
      nameEnc: ctx.crypto.encryptOpt(p.name), nameMasked: p.kind === 'organisation' ? (p.name ?? null) : maskName(p.name),
      phoneEnc: ctx.crypto.encryptOpt(p.phone), phoneMasked: maskPhone(p.phone), phoneIndex: p.phone ? ctx.crypto.blindIndex(p.phone) : null,
      idNoEnc: ctx.crypto.encryptOpt(p.idNo), idNoMasked: maskIdNo(p.idNo), addressEnc: ctx.crypto.encryptOpt(p.address),
      confidential: p.confidential ?? false,
    }).execute();
  }
  const hash = await appendEventInTrx(trx, {
    caseId, seq: 1, prevHash: GENESIS, action: 'open', fromState: null, toState: w.initial, actor,
    input: withoutParties(input), public: true, at: now, idempotencyKey,
  });
  await applyClockEffectsInTrx(ctx, trx, { id: caseId, filedOn, regionCode: org.regionCode, data: decision.data }, w.create.clocks ?? [], input, actor.name, now);
  const s = await summariseClocksInTrx(ctx, trx, caseId, now);
  await trx.updateTable('cases').set({ version: 1, headHash: hash, dueAt: s.dueAt, warningLevel: s.level }).where('id', '=', caseId).execute();
  await appendAuditInTrx(trx, { id: actor.userId, name: actor.name, ip: actor.ip }, { action: 'case.open', targetType: 'case', targetId: caseId, detail: { type, number } }, now, org.regionCode);
  await notifyModules(ctx, trx, { caseId, type, number, orgId: org.id, action: 'open', fromState: null, toState: w.initial, terminal: false, input: withoutParties(input), actorId: actor.userId, at: now });
  return caseId;
}

/** Perform an action on a case. Returns the case id (the caller reads the fresh view). */
export async function performInTrx(ctx: Ctx, trx: Tx, req: PerformRequest): Promise<{ caseId: string; replayed: boolean }> {
  const c = await trx.selectFrom('cases').selectAll().where('id', '=', req.caseId).forUpdate().executeTakeFirst();
  if (!c) throw notFound('案件');
  const orgPaths = await orgPathsOfCase(trx, c.id);
  if (!req.system && !can(req.actor, 'case.view', { orgPaths })) throw notFound('案件');
  const t = caseTypeOf(ctx, c.type);
  const w = t.workflow;

  if (req.idempotencyKey) {
    const prior = await trx.selectFrom('caseEvents').select(['action']).where('caseId', '=', c.id).where('idempotencyKey', '=', req.idempotencyKey).executeTakeFirst();
    if (prior) {
      if (prior.action !== req.action) throw new AppError('idempotency_mismatch', '该幂等键已用于另一个操作');
      return { caseId: c.id, replayed: true };
    }
  }
  const roles = rolesOver(req.actor, { orgPaths });
  if (req.actor.kind === 'token' && !(req.actor.scopes ?? []).includes('cases:write')) throw new AppError('forbidden', '该令牌没有 cases:write 权限');
  const everRoles = new Set(Object.values(w.transitions).flatMap((acts) => Object.values(acts ?? {}).flatMap((a) => [...(a as ActionDef<string>).roles])));
  if (!req.system && ![...roles].some((r) => everRoles.has(r))) throw new AppError('forbidden', `您对该${w.label}只有查看权限`);

  const allowed = allowedActions(w, c.state, roles);
  const def = w.transitions[c.state]?.[req.action] as ActionDef<string> | undefined;
  if (def && !!def.system !== !!req.system) throw new AppError('forbidden', def.system ? `"${def.label}"由系统自动执行` : '系统只执行系统操作');
  if (def && !req.system && !def.roles.some((r) => roles.has(r))) throw new AppError('forbidden', `"${def.label}"需要以下角色之一：${def.roles.join('、')}`);
  const now = ctx.clock.now();
  const extra = await t.guard?.(trx, c, req.action, req.actor, ctx, now, allowed);
  if (!def) {
    throw new AppError('transition_not_allowed', `${w.label}当前状态为"${w.states[c.state]?.label ?? c.state}"，不能执行"${req.action}"。${allowed.length ? `可执行：${allowed.map((a) => `${a}（${(w.transitions[c.state] as Record<string, ActionDef<string>>)[a].label}）`).join('、')}` : '您当前没有可执行的操作'}`, { allowedActions: allowed, state: c.state });
  }
  if (req.expectedVersion !== undefined && req.expectedVersion !== null && req.expectedVersion !== c.version) {
    throw new AppError('version_conflict', `您看到的是第 ${req.expectedVersion} 版，当前已是第 ${c.version} 版，请刷新后重试`, { allowedActions: allowed, version: c.version });
  }
  const input = { ...parseInput(def.input, req.input, 'body.input'), ...extra };

  await applyClockEffectsInTrx(ctx, trx, c, def.clocks ?? [], input, req.actor.name, now);
  const hash = await appendEventInTrx(trx, {
    caseId: c.id, seq: c.version + 1, prevHash: c.headHash, action: req.action, fromState: c.state, toState: def.to,
    actor: req.actor, input, public: def.public ?? false, at: now, idempotencyKey: req.idempotencyKey ?? null,
  });
  const data = t.reduce ? t.reduce(c.data, req.action, input) : c.data;
  const s = await summariseClocksInTrx(ctx, trx, c.id, now);
  const terminal = w.states[def.to as keyof typeof w.states]?.terminal ?? false;
  await trx.updateTable('cases').set({
    state: def.to, version: c.version + 1, headHash: hash, updatedAt: now, data: JSON.stringify(data),
    dueAt: s.dueAt, warningLevel: s.level, closedAt: terminal ? now : null,
  }).where('id', '=', c.id).execute();
  await t.afterAction?.(trx, { id: c.id, data }, req.action, input, ctx, now);
  await appendAuditInTrx(trx, { id: req.actor.userId, name: req.actor.name, ip: req.actor.ip }, { action: `case.${req.action}`, targetType: 'case', targetId: c.id, detail: { number: c.number, from: c.state, to: def.to } }, now, c.regionCode);
  await notifyModules(ctx, trx, { caseId: c.id, type: c.type, number: c.number, orgId: c.orgId, action: req.action, fromState: c.state, toState: def.to, terminal, input, actorId: req.actor.userId, at: now });
  return { caseId: c.id, replayed: false };
}
