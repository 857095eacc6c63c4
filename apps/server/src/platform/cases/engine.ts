/**
 * The case engine. `openCase` and `perform` are the only writers of cases, case_events and
 * clocks. Each runs in one transaction: permission, transition (409 naming the allowed
 * actions), input (400 naming every bad field), append a hash-chained event, update the case
 * row, move clocks, audit. Replaying an Idempotency-Key returns the first result.
 */
import { randomUUID } from 'node:crypto';
import { legalDateOf, type ActionDef, type Role, type Workflow } from '@yifa/contracts';
import { sql, type Insertable, type OperationNodeSource } from 'kysely';
import type { z } from 'zod';
import type { Tx } from '../db/client.ts';
import type { DB } from '../db/schema.gen.ts';
import { AppError, notFound } from '../http/problem.ts';
import { zodIssuesToFieldErrors } from '../http/validation.ts';
import { can, policy, rolesOver, scopeAllows, type Actor } from '../authz.ts';
import {
  auditAndSealInTrx, auditChainFor, auditWrites, eventHash, GENESIS, SEAL_COLUMNS, sealWrite, takeHeadSql, type CaseSealInput, type TakenHead,
} from '../audit/chain.ts';
import { readAsJson, withWrites, writeTogether, type LastWrites } from '../db/last-writes.ts';
import {
  clockChangesWrite, clockRowsJson, clockRowsOf, configurationJson, planClockEffects, primeConfiguration, summariseClocks, type ClockChanges,
  type ClockRow, type ClockSummary, type ConfigurationRow,
} from '../time/ledger-store.ts';
import { maskIdNo, maskName, maskPhone } from '../crypto/mask.ts';
import type { Ctx } from '../context.ts';
import type { CaseType } from './case-type.ts';
import type { CaseEventNotice, OpenedCaseNotice } from '../registry.ts';
import { readSettings } from '../settings/settings.ts';
import { SPINE_SETTINGS } from '../spine-settings.ts';
import { addDays, formatInstantZh } from '@yifa/contracts';
import { contactsOf, noticesWrite, writeNoticesInTrx } from '../notifications/notices.ts';
import { staffAlertWrite, writeStaffAlertInTrx } from '../notifications/alerts.ts';

const roleLabel = (r: string) => policy.roles.get(r)?.label ?? r;

export interface PerformRequest {
  caseId: string;
  action: string;
  input: unknown;
  actor: Actor;
  idempotencyKey?: string | null;
  /** Optimistic check: the version the client saw (If-Match). */
  expectedVersion?: number | null;
  /**
   * When the act really happened, if it is recorded later (an answer posted on Friday and keyed on Monday): not in the
   * future, not before the case's previous act, within the county's window (spine setting recordLateDays); needs
   * case.record_late. Clocks, facts, metrics and letters then use it; the event says when it was recorded.
   */
  occurredAt?: Date | null;
  /**
   * A query of one row (the case's view, for the response) read in the act's last statement, with its audit record and
   * seal: returned as `row` (JSON, see writeTogetherReading) — not on a replay, which writes nothing.
   */
  read?: OperationNodeSource;
}

/**
 * For a module's route whose body is a case type's input (a thin wrapper around the engine): the engine names bad
 * fields `body.input.<field>`, the route's client knows them as `body.<field>`.
 */
export async function inputAsBody<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof AppError) || !e.extra.errors) throw e;
    throw new AppError(e.code, e.detail, { ...e.extra, errors: e.extra.errors.map((x) => ({ ...x, path: x.path.replace(/^body\.input(?=\.|$)/, 'body') })) });
  }
}

export function caseTypeOf(ctx: Ctx, type: string): CaseType {
  const t = ctx.registry.caseTypes.get(type);
  if (!t) throw notFound('案件类型');
  return t;
}

/**
 * May the actor take this action on a case held by these orgs? A declared `permission` decides (can(), with its module's
 * policy), else the roles the actor holds over the holders. Never the platform's own `system` actions.
 */
export function mayTake(a: ActionDef<string>, actor: Actor, orgPaths: string[], roles: Set<Role> = rolesOver(actor, { orgPaths })): boolean {
  if (a.system) return false;
  return a.permission ? can(actor, a.permission, { orgPaths }) : a.roles.some((r) => roles.has(r));
}

/** Actions the actor may take on a case in its state (never the platform's own `system` actions). */
export function allowedActions(w: Workflow, state: string, actor: Actor, orgPaths: string[]): string[] {
  const roles = rolesOver(actor, { orgPaths });
  return Object.entries(w.transitions[state] ?? {})
    .filter(([, a]) => mayTake(a as ActionDef<string>, actor, orgPaths, roles))
    .map(([name]) => name);
}

/** May the actor see a case of this type held by these orgs (the workflow's `view` permissions, default case.view)? */
export function canViewCase(actor: Actor, w: Workflow, orgPaths: string[]): boolean {
  return (w.view ?? ['case.view']).some((p) => can(actor, p, { orgPaths }));
}

/** May the actor open a case of this type for an org (any org when `orgPath` is omitted)? */
export function mayCreate(w: Workflow, actor: Actor, orgPath?: string): boolean {
  const resource = orgPath ? { orgPaths: [orgPath] } : {};
  return w.create.permission ? can(actor, w.create.permission, resource) : w.create.roles.some((r) => rolesOver(actor, resource).has(r));
}

function parseInput(schema: z.ZodObject | undefined, input: unknown, prefix: string): Record<string, unknown> {
  if (!schema) return {};
  const r = schema.safeParse(input ?? {});
  if (!r.success) throw new AppError('validation_failed', '提交的内容有误，请检查标出的字段', { errors: zodIssuesToFieldErrors(r.error.issues, prefix) });
  return r.data as Record<string, unknown>;
}

/** An event row and its hash, chained to `prevHash`. `recordedAt`: when an act recorded later was keyed in. */
function eventRow(e: {
  caseId: string; seq: number; prevHash: string; action: string; fromState: string | null; toState: string;
  actor: Actor; input: Record<string, unknown>; public: boolean; at: Date; idempotencyKey: string | null; recordedAt?: Date;
}) {
  const row = {
    caseId: e.caseId, seq: e.seq, action: e.action, fromState: e.fromState, toState: e.toState,
    actorId: e.actor.userId, actorName: e.actor.name, actorOrgId: e.actor.orgId, input: e.input, public: e.public,
    occurredAt: e.at, idempotencyKey: e.idempotencyKey, ...(e.recordedAt ? { recordedAt: e.recordedAt } : {}),
  };
  const hash = eventHash(e.prevHash, row);
  return { hash, values: { ...row, input: JSON.stringify(row.input), prevHash: e.prevHash, hash } };
}

/** Tolerance for "now": a time given this close to the present is the present (a clock on the client a little ahead). */
const NOW_TOLERANCE_MS = 5 * 60_000;

/**
 * When an act happened: now, or — recorded later — the time given, checked: not in the future, not before `floor` (the
 * case's previous act), not more than the county's recordLateDays back; never by the public. `late` is set when the act
 * is recorded after it happened; the caller then checks the permission (mayRecordLate) on the case's orgs.
 */
async function actTime(ctx: Ctx, conn: Tx, actor: Actor, requested: Date | null | undefined,
  o: { floor: Date | null; region: string }): Promise<{ at: Date; late: boolean }> {
  const now = ctx.clock.now();
  if (!requested) return { at: now, late: false };
  const bad = (m: string) => new AppError('validation_failed', m, { errors: [{ path: 'body.occurredAt', message: m }] });
  if (Number.isNaN(requested.getTime())) throw bad('不是有效的时间');
  if (requested.getTime() > now.getTime() + NOW_TOLERANCE_MS) throw bad('实际发生时间不能晚于现在');
  if (now.getTime() - requested.getTime() <= NOW_TOLERANCE_MS) return { at: now, late: false };
  if (actor.kind === 'public') throw new AppError('forbidden', '公众提交的时间即收到时间，不能补录');
  if (o.floor && requested.getTime() < o.floor.getTime()) throw bad(`实际发生时间不能早于上一办理环节（${formatInstantZh(o.floor)}）`);
  const { recordLateDays } = (await readSettings(conn, o.region, SPINE_SETTINGS)).values;
  if (legalDateOf(requested) < addDays(legalDateOf(now), -recordLateDays)) throw bad(`最多补录 ${recordLateDays} 日内发生的办理行为（本县设置）`);
  return { at: requested, late: true };
}

/** May the actor record an act later than it happened on a case held by these orgs (the platform itself may)? */
function assertMayRecordLate(actor: Actor, orgPaths: string[]): void {
  if (actor.kind === 'system' || can(actor, 'case.record_late', { orgPaths })) return;
  throw new AppError('forbidden', `按实际发生时间补录需要权限：${policy.permission('case.record_late').label}`);
}

/**
 * Strip personal data from what is stored in events: `parties`, and the create input's fields the
 * workflow declares personal (they reach the case only as parties: encrypted, masked).
 */
function withoutParties(input: Record<string, unknown>, personal: readonly string[] = []): Record<string, unknown> {
  const { parties: _p, ...rest } = input;
  for (const k of personal) delete rest[k];
  return rest;
}

async function notifyModules(ctx: Ctx, trx: Tx, e: CaseEventNotice): Promise<void> {
  for (const m of ctx.registry.modules) if (m.onCaseEvent) await m.onCaseEvent(trx, e, ctx);
}

/** Open a case of a type, numbered at once. Returns the new case id. */
export async function openCaseInTrx(
  ctx: Ctx, trx: Tx, type: string, rawInput: unknown, actor: Actor, idempotencyKey: string | null, opts: { occurredAt?: Date | null } = {},
): Promise<string> {
  const opened = await openCasePendingInTrx(ctx, trx, type, rawInput, actor, idempotencyKey, opts);
  await opened.assignNumber();
  return opened.caseId;
}

/** A case opened but not yet numbered: number it last before COMMIT (reading its view in the same statement: assignNumberReading). */
export interface PendingCase {
  caseId: string;
  regionCode: string;
  /** The placeholder the case carries until assignNumber (a response read before the number: see assignNumberReading). */
  pendingNumber: string;
  /** The case's clocks as written. */
  clocks: readonly ClockRow[];
  /**
   * Take the number, write the audit record and seal the row; returns the number. Call once, last in the transaction;
   * given `last`, the audit record and the seal are added to it for the caller to send with its own last write.
   */
  assignNumber(last?: LastWrites): Promise<string>;
  /**
   * assignNumber, with `read` — a query of one row, e.g. the case view for the response — run in the number's statement
   * (one round trip less; the counter's lock is then held for the read's time too). The row is given as JSON
   * (`to_json`: snake_case keys, timestamps as text) and reads what the transaction wrote before, the number not yet.
   */
  assignNumberReading(read: OperationNodeSource, last?: LastWrites): Promise<{ number: string; row: Record<string, unknown> }>;
}

/**
 * Open a case of a type (see openCaseInTrx): everything but the number, which assignNumber takes — so that a route can
 * read the case for its response before the counter's row lock is taken, and hold that lock for the fewest statements.
 */
export async function openCasePendingInTrx(
  ctx: Ctx, trx: Tx, type: string, rawInput: unknown, actor: Actor, idempotencyKey: string | null, opts: { occurredAt?: Date | null } = {},
): Promise<PendingCase> {
  const t = caseTypeOf(ctx, type);
  const w = t.workflow;
  const staff = actor.kind === 'user' || actor.kind === 'token';
  if (actor.kind === 'token' && !scopeAllows(actor, 'case.create')) throw new AppError('forbidden', '该令牌的权限范围不含登记案件（需要 cases:write）');
  if (staff && !mayCreate(w, actor)) throw new AppError('forbidden', `您不能新建${w.label}`);
  if (actor.kind === 'public' && !w.create.public) throw new AppError('unauthenticated');
  const input = parseInput(w.create.input, rawInput, 'body.input');
  // Received earlier than it is registered (a letter signed for on Friday, keyed on Monday): the receipt's real time.
  const { at, late } = await actTime(ctx, trx, actor, opts.occurredAt, { floor: null, region: ctx.config.defaultRegion });
  const decision = await t.open(input, actor, ctx, trx, at);
  // The owner and, for staff, the other orgs the case is opened for, in one read (none when the hook has read them all).
  const otherIds = staff ? (decision.orgs ?? []).map((o) => o.orgId) : [];
  const known = staff ? (decision.orgs ?? []).flatMap((o) => (o.known ? [{ id: o.orgId, ...o.known }] : [])) : [];
  const found = decision.owner && known.length === otherIds.length ? [{ id: decision.orgId, ...decision.owner, dissolvedOn: null }, ...known]
    : await trx.selectFrom('orgs').select(['id', 'path', 'regionCode', 'dissolvedOn']).where('id', 'in', [decision.orgId, ...otherIds]).execute();
  const org = found.find((o) => o.id === decision.orgId);
  if (!org || org.dissolvedOn) throw new AppError('validation_failed', '承办机构无效', { errors: [{ path: 'body.input.orgId', message: '机构不存在或已撤销' }] });
  if (staff) {
    // The actor must hold a create role on the owner or on an org the case is opened for.
    const others = found.filter((o) => otherIds.includes(o.id));
    if (others.length !== otherIds.length) throw new AppError('validation_failed', '相关机构无效', { errors: [{ path: 'body.input', message: '相关机构不存在' }] });
    const paths = [org.path, ...others.map((o) => o.path)];
    if (!paths.some((p) => mayCreate(w, actor, p))) throw new AppError('forbidden', '您不能为该机构新建案件');
  }
  const now = ctx.clock.now();
  if (late) assertMayRecordLate(actor, [org.path, ...found.filter((o) => otherIds.includes(o.id)).map((o) => o.path)]);
  const filedOn = legalDateOf(at);
  // The id is made here so that the first event's hash, the clocks and the queue fields are known before the row is written.
  const caseId = randomUUID();
  const clocks = await planClockEffects(ctx, trx, { id: caseId, filedOn, regionCode: org.regionCode, data: decision.data }, w.create.clocks ?? [], input,
    actor.name, at, [], now);
  const parties = (decision.parties ?? []).map((p) => ({
    id: randomUUID(), caseId, role: p.role, kind: p.kind,
    nameEnc: ctx.crypto.encryptOpt(p.name), nameMasked: p.kind === 'organisation' ? (p.name ?? null) : maskName(p.name),
    phoneEnc: ctx.crypto.encryptOpt(p.phone), phoneMasked: maskPhone(p.phone), phoneIndex: p.phone ? ctx.crypto.blindIndex(p.phone) : null,
    idNoEnc: ctx.crypto.encryptOpt(p.idNo), idNoMasked: maskIdNo(p.idNo), addressEnc: ctx.crypto.encryptOpt(p.address),
    emailEnc: ctx.crypto.encryptOpt(p.email), confidential: p.confidential ?? false,
  }));
  const number = pendingNumber(caseId);
  const summary = summariseClocks(await ctx.calendar.get(trx), clocks.clocks, now);
  // the citizen's notice of receipt, if the workflow declares one (the first event's seq is 1), written with the row; notices,
  // alerts and the modules' projections see the placeholder number, replaced when the number is taken
  // (what the notice needs is known here: the row about to be written and the parties as given — nothing is read back)
  const notice = w.create.notify ? await noticesWrite(ctx, trx, { caseId, event: w.create.notify, seq: 1, at, known: {
    c: { id: caseId, type, number, state: w.initial, data: decision.data, regionCode: org.regionCode, orgId: org.id,
      dueAt: summary.dueAt ? new Date(summary.dueAt) : null },
    contacts: contactsOf(parties.map((row, i) => ({ ...row, phone: decision.parties![i].phone, email: decision.parties![i].email }))),
  } }) : null;
  const opened: OpenedCaseNotice = {
    caseId, type, number, orgId: org.id, regionCode: org.regionCode, action: 'open', fromState: null, toState: w.initial, terminal: false,
    input: withoutParties(input), actorId: actor.userId, actorName: actor.name, at, ...(late ? { recordedAt: now } : {}),
    opened: { state: w.initial, data: decision.data, createdAt: at, updatedAt: now, closedAt: w.states[w.initial]?.terminal ? at : null,
      clocks: clocks.clocks, parties: parties.map((p) => ({ id: p.id, phoneIndex: p.phoneIndex })) },
  };
  // the in-app notice to the staff who must act first (declared in the workflow), to the lead units it is opened for if any
  const alert = w.create.alert ? staffAlertWrite(trx, {
    alert: w.create.alert, caseId, number, title: decision.title, ownerOrgId: org.id, seq: 1, actorName: actor.name, actorId: actor.userId ?? null, at,
    leads: (decision.orgs ?? []).filter((o) => o.role === 'lead').map((o) => o.orgId),
  }) : null;
  // One statement: the row (numbered last, below), holders, first event, parties, new clocks, the notice, the alert and the
  // modules' writes.
  await insertCaseInTrx(trx, {
    caseId, w, regionCode: org.regionCode, orgId: org.id, state: w.initial, title: decision.title, data: decision.data, summary,
    holders: [{ orgId: org.id, role: 'owner' as const }, ...(decision.orgs ?? []).map((o) => ({ orgId: o.orgId, role: o.role }))],
    input: withoutParties(input, w.create.personal), actor, at, now,
    idempotencyKey, recordedAt: late ? now : undefined, parties, newClocks: clocks.changed,
    also: [notice, alert, ...ctx.registry.modules.flatMap((m) => m.caseOpenWrites?.(trx, opened, ctx) ?? [])].filter((x) => x !== null),
  });
  await notifyModules(ctx, trx, opened);
  let assigned: string | null = null;
  const assign = async (last?: LastWrites, read?: OperationNodeSource) => {
    if (assigned) throw new Error(`case ${caseId} is numbered already`);
    // the number, the audit chain's head and the row as sealed in one statement; then the audit record and the seal in
    // one more — or, given `last`, with the caller's own last write (runCommand's Idempotency-Key record)
    const taken = await assignNumberInTrx(ctx, trx, { caseId, prefix: w.prefix, regionCode: org.regionCode, filedOn }, read);
    const writes = [...auditWrites(trx, { id: actor.userId, name: actor.name, ip: actor.ip }, {
      action: 'case.open', targetType: 'case', targetId: caseId,
      detail: { type, number: taken.number, ...(late ? { recordedLate: true, occurredAt: at.toISOString() } : {}) },
    }, now, taken.head), sealWrite(trx, taken.sealed)];
    if (last) last.add(...writes);
    else await writeTogether(trx, writes);
    assigned = taken.number;
    return taken;
  };
  return {
    caseId, regionCode: org.regionCode, pendingNumber: number, clocks: clocks.clocks,
    assignNumber: async (last) => assigned ?? (await assign(last)).number,
    async assignNumberReading(read, last) {
      const { number: n, read: row } = await assign(last, read);
      return { number: n, row: row! };
    },
  };
}

/**
 * The placeholder number a new case carries inside its transaction until assignNumberInTrx (unique, never committed:
 * the number replaces it in the same transaction).
 */
export const pendingNumber = (caseId: string) => `~${caseId}`;

/**
 * The case row at version 1 in one statement: the row under its placeholder number, its holders, its first event ('open'),
 * its parties and clocks, and what the caller writes with it (`also`: the notice of receipt). The number is taken last
 * (assignNumberInTrx).
 */
async function insertCaseInTrx(trx: Tx, c: {
  caseId: string; w: Workflow; regionCode: string; orgId: string; state: string; title: string; data: Record<string, unknown>;
  /** The queue fields of the case's clocks (summariseClocks). */
  summary: ClockSummary;
  holders: { orgId: string; role: 'owner' | 'lead' | 'assist' | 'supervise' }[]; input: Record<string, unknown>; actor: Actor; idempotencyKey: string | null;
  /** at: when the case was received (filed); now: when it is written; recordedAt: set when received earlier than written. */
  at: Date; now: Date; recordedAt?: Date;
  /** Written in the same statement: the parties (encrypted), the new case's clocks and the caller's writes of other tables (`also`). */
  parties?: Insertable<DB['caseParties']>[]; newClocks?: ClockChanges['changed']; also?: readonly OperationNodeSource[];
}): Promise<void> {
  const filedOn = legalDateOf(c.at);
  const s = c.summary;
  const event = eventRow({
    caseId: c.caseId, seq: 1, prevHash: GENESIS, action: 'open', fromState: null, toState: c.state, actor: c.actor,
    input: c.input, public: true, at: c.at, idempotencyKey: c.idempotencyKey, recordedAt: c.recordedAt,
  });
  const parties = c.parties ?? [];
  const clocks = c.newClocks ?? [];
  const withs = trx
    .with('holders', (db) => db.insertInto('caseOrgs').values(c.holders.map((h) => ({ caseId: c.caseId, orgId: h.orgId, role: h.role, since: c.at }))))
    .with('event', (db) => db.insertInto('caseEvents').values(event.values))
    // Empty lists insert nothing (a VALUES list cannot be empty: select no row instead).
    .with('parties', (db) => (parties.length ? db.insertInto('caseParties').values(parties)
      : db.insertInto('caseParties').expression(db.selectFrom('caseParties').selectAll().where(sql<boolean>`false`))))
    .with('clocks', (db) => (clocks.length ? db.insertInto('clocks').values(clocks.map((k) => ({ ...k, entries: JSON.stringify(k.entries) })))
      : db.insertInto('clocks').expression(db.selectFrom('clocks').selectAll().where(sql<boolean>`false`))));
  await withWrites(withs, c.also ?? []).insertInto('cases').values({
    id: c.caseId, type: c.w.type, number: pendingNumber(c.caseId), regionCode: c.regionCode, orgId: c.orgId, state: c.state, title: c.title,
    data: JSON.stringify(c.data), filedOn, version: 1, headHash: event.hash, dueAt: s.dueAt, warningLevel: s.level, createdBy: c.actor.userId,
    createdAt: c.at, updatedAt: c.now, closedAt: c.w.states[c.state]?.terminal ? c.at : null,
  }).execute();
}

/**
 * Number a new case, last in its transaction: one statement takes the next number (the case_counters row lock, held from
 * here to COMMIT: every create of a type in a region-year waits on it, so it is held for as few statements as possible),
 * writes it on the case, replaces the placeholder in what was written before it (the notices and alerts of this case, the
 * modules' declared copies) and takes the head of the case's audit chain for the record that follows. Gap-free as before:
 * a transaction that rolls back gives its number back.
 */
async function assignNumberInTrx(
  ctx: Ctx, trx: Tx, c: { caseId: string; prefix: string; regionCode: string; filedOn: string }, read?: OperationNodeSource,
): Promise<{ number: string; head: TakenHead; sealed: CaseSealInput; read: Record<string, unknown> | null }> {
  const year = Number(c.filedOn.slice(0, 4));
  const token = pendingNumber(c.caseId);
  const chain = auditChainFor(c.regionCode, c.caseId);
  const copies = ctx.registry.caseNumberCopies.map((x, i) => {
    const col = sql.id(x.column);
    return sql`, ${sql.id(`copy${i}`)} as (update ${sql.table(x.table)} set ${col} = replace(${col}, ${token}, (select number from num))
      where ${sql.id(x.caseIdColumn)} = ${c.caseId} and ${col} like ${`%${token}%`})`;
  });
  // the numbered row as the seal covers it (SEAL_COLUMNS over `numbered`: its holders were written by earlier statements)
  const r = await sql<CaseSealInput & { headSeq: string; headHashTaken: string; read: Record<string, unknown> | null }>`
    with n as (
      insert into case_counters (prefix, region_code, year, last) values (${c.prefix}, ${c.regionCode}, ${year}, 1)
      on conflict (prefix, region_code, year) do update set last = case_counters.last + 1 returning last
    ), num as (select ${`${c.prefix}-${year}-`}::text || lpad(last::text, greatest(6, length(last::text)), '0') as number from n),
    numbered as (update cases set number = (select number from num) where id = ${c.caseId} returning *),
    told as (update notifications set title = replace(title, ${token}, (select number from num)), body = replace(body, ${token}, (select number from num))
      where case_id = ${c.caseId} and (strpos(title, ${token}) > 0 or strpos(body, ${token}) > 0))
    ${sql.join(copies, sql``)},
    head as (${takeHeadSql(chain)})
    select ${SEAL_COLUMNS}, (select seq from head) as head_seq, (select hash from head) as head_hash_taken,
      ${readAsJson(read)} as read from numbered c`.execute(trx);
  const { headSeq, headHashTaken, read: row, ...sealed } = r.rows[0];
  return { number: sealed.number, head: { chain, seq: headSeq, hash: headHashTaken }, sealed, read: row };
}

/**
 * Adopt a record kept before its workflow existed (a database made by yifa 0.1): its case is opened directly in the state
 * the record is in, dated when the record was made, by the module's system actor — no create input, no clocks, no
 * module notice (the record is the module's own; the caller links it). The first event says which record it adopted. Then
 * the record's actions go through performInTrx like any other. Returns the case id and number.
 */
export async function adoptCaseInTrx(ctx: Ctx, trx: Tx, type: string, a: {
  orgId: string; title: string; data: Record<string, unknown>; state: string; at: Date; actor: Actor; record: { table: string; id: string };
}): Promise<{ caseId: string; number: string }> {
  const w = caseTypeOf(ctx, type).workflow;
  if (a.actor.kind !== 'system') throw new Error('only a module (its system actor) adopts a record');
  if (!(a.state in w.states)) throw new Error(`${type}: unknown state ${a.state}`);
  const org = await trx.selectFrom('orgs').select(['id', 'regionCode']).where('id', '=', a.orgId).executeTakeFirstOrThrow();
  const caseId = randomUUID();
  await insertCaseInTrx(trx, {
    caseId, w, regionCode: org.regionCode, orgId: org.id, state: a.state, title: a.title, data: a.data, summary: { dueAt: null, level: 'normal' },
    holders: [{ orgId: org.id, role: 'owner' }], input: { adopted: a.record }, actor: a.actor, at: a.at, now: ctx.clock.now(), idempotencyKey: null,
  });
  const { number, head, sealed } = await assignNumberInTrx(ctx, trx, { caseId, prefix: w.prefix, regionCode: org.regionCode, filedOn: legalDateOf(a.at) });
  const detail = { type, number, record: a.record, state: a.state };
  const audit = auditWrites(trx, { id: null, name: a.actor.name, ip: null }, { action: 'case.adopt', targetType: 'case', targetId: caseId, detail },
    ctx.clock.now(), head);
  await writeTogether(trx, [...audit, sealWrite(trx, sealed)]);
  return { caseId, number };
}

/** Perform an action on a case. Returns the case id (the caller reads the fresh view). */
export async function performInTrx(ctx: Ctx, trx: Tx, req: PerformRequest): Promise<{ caseId: string; replayed: boolean; row?: Record<string, unknown> }> {
  const c = await trx.selectFrom('cases').selectAll().where('id', '=', req.caseId).forUpdate().executeTakeFirst();
  if (!c) throw notFound('案件');
  // Once the row is locked (a statement of its own: what it reads must be as of the lock), in one read: its holders, the
  // act an Idempotency-Key was used for, the previous act's time (an act recorded later may not precede it), its clocks,
  // and the county's configuration for the rest of the transaction (its clocks' rules are resolved on the filing date).
  const around = (await sql<{ orgPaths: string[]; prior: string | null; floor: Date | null; clocks: Parameters<typeof clockRowsOf>[0];
    configuration: ConfigurationRow; }>`select
    (select coalesce(json_agg(o.path), '[]') from case_orgs co join orgs o on o.id = co.org_id where co.case_id = ${c.id} and co.until is null) as org_paths,
    ${req.idempotencyKey ? sql`(select action from case_events where case_id = ${c.id} and idempotency_key = ${req.idempotencyKey})`
    : sql`null::text`} as prior,
    ${req.occurredAt ? sql`(select occurred_at from case_events where case_id = ${c.id} order by seq desc limit 1)` : sql`null::timestamptz`} as floor,
    ${clockRowsJson(c.id)} as clocks, ${configurationJson(c.regionCode, c.filedOn)} as configuration`.execute(trx)).rows[0];
  primeConfiguration(trx, c.regionCode, c.filedOn, around.configuration);
  const orgPaths = around.orgPaths;
  // The platform itself (a job, a follow-up) acts on any case; people and tokens only on what they see.
  const system = req.actor.kind === 'system';
  const t = caseTypeOf(ctx, c.type);
  const w = t.workflow;
  if (!canViewCase(req.actor, w, orgPaths)) throw notFound('案件');

  if (around.prior !== null) {
    if (around.prior !== req.action) throw new AppError('idempotency_mismatch', '该幂等键已用于另一个操作');
    return { caseId: c.id, replayed: true };
  }
  const roles = rolesOver(req.actor, { orgPaths });
  if (!scopeAllows(req.actor, 'case.act')) throw new AppError('forbidden', '该令牌的权限范围不含办理案件（需要 cases:write）');
  const everActs = Object.values(w.transitions).some((acts) => Object.values(acts ?? {}).some((a) => mayTake(a as ActionDef<string>, req.actor, orgPaths, roles)));
  if (!system && !everActs) throw new AppError('forbidden', `您对该${w.label}只有查看权限`);

  const allowed = allowedActions(w, c.state, req.actor, orgPaths);
  const def = w.transitions[c.state]?.[req.action] as ActionDef<string> | undefined;
  if (def?.system && !system) throw new AppError('forbidden', `"${def.label}"由系统自动执行`);
  if (def && !system && !mayTake(def, req.actor, orgPaths, roles)) {
    const need = def.permission ? `权限：${policy.permission(def.permission).label}` : `以下角色之一：${def.roles.map(roleLabel).join('、')}`;
    throw new AppError('forbidden', `"${def.label}"需要${need}`);
  }
  const now = ctx.clock.now();
  // The act's real time (recorded later: not before the previous act); guards, clocks and facts read it.
  const { at, late } = await actTime(ctx, trx, req.actor, req.occurredAt, { floor: around.floor, region: c.regionCode });
  if (late) assertMayRecordLate(req.actor, orgPaths);
  const extra = await t.guard?.(trx, c, req.action, req.actor, ctx, at, allowed);
  if (!def) {
    throw new AppError('transition_not_allowed', `${w.label}当前状态为"${w.states[c.state]?.label ?? c.state}"，不能执行"${req.action}"。${allowed.length ? `可执行：${allowed.map((a) => `${a}（${(w.transitions[c.state] as Record<string, ActionDef<string>>)[a].label}）`).join('、')}` : '您当前没有可执行的操作'}`, { allowedActions: allowed, state: c.state });
  }
  if (req.expectedVersion !== undefined && req.expectedVersion !== null && req.expectedVersion !== c.version) {
    throw new AppError('version_conflict', `您看到的是第 ${req.expectedVersion} 版，当前已是第 ${c.version} 版，请刷新后重试`, { allowedActions: allowed, version: c.version });
  }
  const input = { ...parseInput(def.input, req.input, 'body.input'), ...extra };
  await t.checkInput?.(trx, c, req.action, input, req.actor, ctx, at);

  const current = clockRowsOf(around.clocks);
  const changes = def.clocks?.length ? await planClockEffects(ctx, trx, c, def.clocks, input, req.actor.name, at, current, now)
    : { clocks: current, changed: [] };
  const clocks = changes.clocks;
  const event = eventRow({
    caseId: c.id, seq: c.version + 1, prevHash: c.headHash, action: req.action, fromState: c.state, toState: def.to,
    actor: req.actor, input, public: def.public ?? false, at, idempotencyKey: req.idempotencyKey ?? null, recordedAt: late ? now : undefined,
  });
  const data = t.reduce ? t.reduce(c.data, req.action, input) : c.data;
  const s = summariseClocks(await ctx.calendar.get(trx), clocks, now);
  const terminal = w.states[def.to as keyof typeof w.states]?.terminal ?? false;
  // The event, the changed clocks, the modules' writes for the act and the case row's new head in one statement.
  const act = { caseId: c.id, type: c.type, regionCode: c.regionCode, action: req.action };
  const moduleWrites = ctx.registry.modules.flatMap((m) => m.caseActWrites?.(trx, act, ctx) ?? []);
  await withWrites(trx.with('event', (db) => db.insertInto('caseEvents').values(event.values)), [clockChangesWrite(trx, changes), ...moduleWrites])
    .updateTable('cases').set({
    state: def.to, version: c.version + 1, headHash: event.hash, updatedAt: now, data: JSON.stringify(data),
    dueAt: s.dueAt, warningLevel: s.level, closedAt: terminal ? at : null,
  }).where('id', '=', c.id).execute();
  await t.afterAction?.(trx, { id: c.id, data }, req.action, input, ctx, at);
  // the notice this act sends the citizen (declared in the workflow table), in the act's transaction, once per event
  if (def.notify) await writeNoticesInTrx(ctx, trx, { caseId: c.id, event: def.notify, seq: c.version + 1, at });
  await notifyModules(ctx, trx, {
    caseId: c.id, type: c.type, number: c.number, orgId: c.orgId, regionCode: c.regionCode, action: req.action, fromState: c.state, toState: def.to,
    terminal, input, actorId: req.actor.userId, actorName: req.actor.name, at, ...(late ? { recordedAt: now } : {}),
  });
  // the in-app notice to the staff who must act next (declared too), after the modules have seen the act (a 派单's module
  // sets the lead holders) so that 'lead' is the unit just chosen
  if (def.alert) {
    await writeStaffAlertInTrx(trx, {
      alert: def.alert, caseId: c.id, number: c.number, title: c.title, ownerOrgId: c.orgId, seq: c.version + 1, actorName: req.actor.name,
      actorId: req.actor.userId ?? null, at,
    });
  }
  // last: the audit record and the seal of the row as the modules and alerts left it (with the caller's read)
  const actor = { id: req.actor.userId, name: req.actor.name, ip: req.actor.ip };
  const entry = {
    action: `case.${req.action}`, targetType: 'case',
    detail: { number: c.number, from: c.state, to: def.to, ...(late ? { recordedLate: true, occurredAt: at.toISOString() } : {}) },
  };
  if (!req.read) {
    await auditAndSealInTrx(trx, c.id, c.regionCode, actor, entry, now);
    return { caseId: c.id, replayed: false };
  }
  return { caseId: c.id, replayed: false, row: await auditAndSealInTrx(trx, c.id, c.regionCode, actor, entry, now, req.read) };
}
