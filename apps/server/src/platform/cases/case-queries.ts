import { sql, type Expression, type SqlBool } from 'kysely';
import { legalDateOf, type ActionDef, type PublicAnswerDef, type Role, type Workflow } from '@yifa/contracts';
import { camelKeys, type Conn } from '../db/client.ts';
import { can, grantCovers, type Actor } from '../authz.ts';
import { notFound } from '../http/problem.ts';
import { caseClocks, clockViews, orderClocks, type ClockRowView, type ClockViewSource } from '../time/ledger-store.ts';
import type { Ctx } from '../context.ts';
import { allowedActions, canViewCase } from './engine.ts';
import { caseFacts, describeInput, type FactView, type InputDetail } from './facts.ts';
import { redactText } from '../crypto/redact.ts';

/** Paths of the orgs currently holding a case (owner, lead, assist, supervise). */
export async function orgPathsOfCase(conn: Conn, caseId: string): Promise<string[]> {
  const rows = await conn.selectFrom('caseOrgs').innerJoin('orgs', 'orgs.id', 'caseOrgs.orgId')
    .select('orgs.path').where('caseOrgs.caseId', '=', caseId).where('caseOrgs.until', 'is', null).execute();
  return rows.map((r) => r.path);
}

export interface TimelineEntry {
  seq: number;
  action: string;
  label: string;
  fromState: string | null;
  toState: string;
  stateLabel: string;
  actorName: string;
  occurredAt: string;
  /** Set when the act was recorded later than it happened (补录): when it was keyed in. */
  recordedAt: string | null;
  input: Record<string, unknown>;
  /** The input in words (titled fields, labels not codes, names not ids): what screens show. `input` stays for API clients. */
  details: InputDetail[];
  public: boolean;
}

export interface PartyView {
  id: string; role: string; kind: string; name: string | null; phone: string | null; idNo: string | null; confidential: boolean; canReveal: boolean;
}

export interface CaseView {
  id: string; type: string; typeLabel: string; number: string; regionCode: string; orgId: string; orgName: string;
  state: string; stateLabel: string; terminal: boolean; title: string; data: Record<string, unknown>; filedOn: string;
  /** The facts the case type declares for staff, in order, labelled (see facts.ts); `data` stays for API clients. */
  facts: FactView[];
  version: number; dueAt: string | null; warningLevel: string; createdAt: string; updatedAt: string; closedAt: string | null;
  orgs: { orgId: string; orgName: string; role: string }[];
  parties: PartyView[];
  timeline: TimelineEntry[];
  clocks: ClockRowView[];
  abilities: { view: true; reveal: boolean; recordLate: boolean; actions: { name: string; label: string; to: string; confirm?: string; danger: boolean; hasInput: boolean }[] };
  /** The receipt's code (with the number, the citizen tracks the case on the portal): for staff to give to a caller. */
  trackingCode: string;
}

function actionLabel(ctx: Ctx, type: string, action: string): string {
  if (action === 'open') return ctx.registry.workflow(type)?.create.label ?? '登记';
  const w = ctx.registry.workflow(type);
  for (const acts of Object.values(w?.transitions ?? {})) {
    const a = (acts as Record<string, ActionDef<string>>)[action];
    if (a) return a.label;
  }
  return action;
}

/** May this actor see the identity of a confidential party (举报人)? Only the handling chain. */
export function inHandlingChain(actor: Actor, holders: { path: string; role: string }[]): boolean {
  return actor.grants.some((g) => (g.role === 'handler' || g.role === 'dispatcher') &&
    holders.some((h) => h.role !== 'supervise' && grantCovers({ ...g, subtree: g.role === 'dispatcher' ? g.subtree : false }, h.path)));
}

/**
 * The strings of 36 characters in the acts' inputs and the case's data, at any depth, that are UUIDs (the form UUID_RE
 * accepts): the org ids they may name. (The length is checked before the pattern: long texts are not matched at all.)
 */
const UUIDS_NAMED = sql`select s::uuid from (select jsonb_path_query(x.v, 'strict $.** ? (@.type() == "string")') #>> '{}' as s
    from (select e.input as v from case_events e where e.case_id = cases.id union all select cases.data) x) y
  where length(s) = 36 and s ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;

/** The case row as the view reads it: with its holders, events, parties, clocks and the names of the orgs it names by id. */
export function caseViewRow(conn: Conn, caseId: string) {
  return conn.selectFrom('cases').innerJoin('orgs', 'orgs.id', 'cases.orgId')
    .selectAll('cases').select('orgs.name as orgName')
    .select([
      sql<{ orgId: string; orgName: string; path: string; role: string }[]>`(select coalesce(json_agg(json_build_object(
        'orgId', co.org_id, 'orgName', o.name, 'path', o.path, 'role', co.role)), '[]')
        from case_orgs co join orgs o on o.id = co.org_id where co.case_id = cases.id and co.until is null)`.as('holders'),
      sql<(Omit<TimelineEntry, 'label' | 'stateLabel'>)[]>`(select coalesce(json_agg(json_build_object(
        'seq', e.seq, 'action', e.action, 'fromState', e.from_state, 'toState', e.to_state, 'actorName', e.actor_name,
        'occurredAt', e.occurred_at, 'recordedAt', e.recorded_at, 'input', e.input, 'public', e.public) order by e.seq), '[]')
        from case_events e where e.case_id = cases.id)`.as('events'),
      sql<{ id: string; role: string; kind: string; nameMasked: string | null; phoneMasked: string | null; idNoMasked: string | null; confidential: boolean }[]>`(select coalesce(json_agg(json_build_object(
        'id', p.id, 'role', p.role, 'kind', p.kind, 'nameMasked', p.name_masked, 'phoneMasked', p.phone_masked, 'idNoMasked', p.id_no_masked,
        'confidential', p.confidential)), '[]')
        from case_parties p where p.case_id = cases.id)`.as('parties'),
      sql<ClockViewSource[]>`(select coalesce(json_agg(json_build_object(
        'key', k.key, 'ruleKey', k.rule_key, 'label', k.label, 'basis', k.basis, 'yellowWithin', k.yellow_within, 'entries', k.entries) order by k.updated_at), '[]')
        from clocks k where k.case_id = cases.id)`.as('clocks'),
      // the names of the orgs the facts and the acts' inputs name (by id), for the facts and the timeline in words
      sql<Record<string, string>>`(select coalesce(json_object_agg(o.id, o.name), '{}') from orgs o where o.id in (${UUIDS_NAMED}))`.as('orgNames'),
    ])
    .where('cases.id', '=', caseId);
}
export type CaseViewRow = NonNullable<Awaited<ReturnType<ReturnType<typeof caseViewRow>['executeTakeFirst']>>>;

/** The case view row as JSON (read inside another statement: see PendingCase.assignNumberReading), typed as caseViewRow reads it. */
export function caseViewRowOfJson(j: Record<string, unknown>): CaseViewRow {
  const row = camelKeys(j);
  for (const k of ['dueAt', 'createdAt', 'updatedAt', 'closedAt'] as const) if (typeof row[k] === 'string') row[k] = new Date(row[k]);
  return row as unknown as CaseViewRow;
}

export async function getCaseView(ctx: Ctx, conn: Conn, caseId: string, actor: Actor): Promise<CaseView> {
  if (!/^[0-9a-f-]{36}$/i.test(caseId)) throw notFound('案件');
  // One statement: the case row with its holders, events, parties and clocks (read together, so they agree).
  const c = await caseViewRow(conn, caseId).executeTakeFirst();
  if (!c) throw notFound('案件');
  return caseViewOf(ctx, conn, c, actor);
}

/** The view of a case row read by caseViewRow, for this actor (404 when they may not see it). */
export async function caseViewOf(ctx: Ctx, conn: Conn, c: CaseViewRow, actor: Actor): Promise<CaseView> {
  const holders = c.holders;
  const orgPaths = holders.map((h) => h.path);
  const w = ctx.registry.workflow(c.type);
  if (!w) throw notFound('案件类型');
  if (!canViewCase(actor, w, orgPaths)) throw notFound('案件');
  // JSON carries timestamps as text (in the session's time zone); the view speaks UTC ISO like every other field.
  const events = c.events.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt), recordedAt: e.recordedAt ? new Date(e.recordedAt) : null }));
  const parties = c.parties;
  const mayReveal = can(actor, 'case.reveal', { orgPaths });
  const chain = inHandlingChain(actor, holders);
  const offered = ctx.registry.caseTypes.get(c.type)?.offered;
  const today = legalDateOf(ctx.clock.now());
  const acts = allowedActions(w, c.state, actor, orgPaths).filter((a) => !offered || offered(c.data as Record<string, unknown>, a, today));
  const names = new Map([[c.orgId, c.orgName], ...holders.map((h) => [h.orgId, h.orgName] as const), ...Object.entries(c.orgNames)]);
  const inputOf = (action: string, from: string | null) =>
    action === 'open' ? w.create.input : (from ? (w.transitions[from]?.[action] as ActionDef<string> | undefined)?.input : undefined);
  return {
    id: c.id, type: c.type, typeLabel: w.label, number: c.number, regionCode: c.regionCode, orgId: c.orgId, orgName: c.orgName,
    state: c.state, stateLabel: w.states[c.state]?.label ?? c.state, terminal: w.states[c.state]?.terminal ?? false,
    title: c.title, data: c.data, facts: await caseFacts(conn, w, c.data, names), filedOn: String(c.filedOn), version: c.version,
    dueAt: c.dueAt ? c.dueAt.toISOString() : null, warningLevel: c.warningLevel, createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(), closedAt: c.closedAt ? c.closedAt.toISOString() : null,
    orgs: holders.map((h) => ({ orgId: h.orgId, orgName: h.orgName, role: h.role })),
    parties: parties.map((p) => {
      const hidden = p.confidential && !chain;
      return {
        id: p.id, role: p.role, kind: p.kind,
        name: hidden ? '（保密）' : p.nameMasked, phone: hidden ? '（保密）' : p.phoneMasked, idNo: hidden ? null : p.idNoMasked,
        confidential: p.confidential, canReveal: mayReveal && (!p.confidential || chain),
      };
    }),
    timeline: events.map((e) => ({
      seq: e.seq, action: e.action, label: actionLabel(ctx, c.type, e.action), fromState: e.fromState, toState: e.toState,
      stateLabel: w.states[e.toState]?.label ?? e.toState, actorName: e.actorName, occurredAt: e.occurredAt.toISOString(),
      recordedAt: e.recordedAt ? e.recordedAt.toISOString() : null, input: e.input,
      details: describeInput(inputOf(e.action, e.fromState), e.input, names), public: e.public,
    })),
    clocks: orderClocks(clockViews(ctx, await ctx.calendar.get(conn), c.clocks, ctx.clock.now()), ctx.registry.deadlines.get(c.type)?.main),
    trackingCode: ctx.crypto.trackingCode(c.id),
    abilities: {
      view: true,
      reveal: mayReveal,
      recordLate: can(actor, 'case.record_late', { orgPaths }),
      actions: acts.map((name) => {
        const a = w.transitions[c.state]?.[name] as ActionDef<string>;
        return { name, label: a.label, to: a.to, confirm: a.confirm, danger: a.danger ?? false, hasInput: !!a.input };
      }),
    },
  };
}

export interface ListCasesQuery {
  type?: string; state?: string; orgId?: string; level?: 'normal' | 'yellow' | 'red'; overdue?: boolean;
  open?: boolean; actionable?: boolean; q?: string; limit: number; cursor?: string;
}

/**
 * SQL condition: the case is held by an org covered by one of the grants. With `actionable`,
 * only states where that grant's role has an action (from the workflow tables).
 */
function visibility(ctx: Ctx, actor: Actor, actionable: boolean): Expression<SqlBool> {
  const parts = actor.grants.map((g) => {
    const scope = g.subtree ? sql`o.path like ${g.orgPath + '%'}` : sql`o.id = ${g.orgId}`;
    const held = sql`exists (select 1 from case_orgs co join orgs o on o.id = co.org_id where co.case_id = cases.id and co.until is null and ${scope})`;
    if (!actionable) return held;
    const byType: ReturnType<typeof sql>[] = [];
    for (const [type, t] of ctx.registry.caseTypes) {
      const states = Object.entries(t.workflow.transitions)
        .filter(([, acts]) => Object.values(acts ?? {}).some((a) => (a as ActionDef<string>).roles.includes(g.role as Role)))
        .map(([s]) => s);
      if (states.length) byType.push(sql`(cases.type = ${type} and cases.state in (${sql.join(states)}))`);
    }
    if (!byType.length) return sql`false`;
    return sql`(${held} and (${sql.join(byType, sql` or `)}))`;
  });
  if (!parts.length) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

export async function listCases(ctx: Ctx, conn: Conn, actor: Actor, q: ListCasesQuery) {
  const now = ctx.clock.now();
  // The filtered set, shared by the page and its counts (counts follow the filters, not the cursor).
  const filtered = () => {
    let query = conn.selectFrom('cases').innerJoin('orgs', 'orgs.id', 'cases.orgId').where(visibility(ctx, actor, !!q.actionable));
    if (q.type) query = query.where('cases.type', '=', q.type);
    if (q.state) query = query.where('cases.state', '=', q.state);
    if (q.orgId) query = query.where(sql<SqlBool>`exists (select 1 from case_orgs co2 join orgs o2 on o2.id = co2.org_id where co2.case_id = cases.id and co2.until is null and o2.path like (select path from orgs where id = ${q.orgId}) || '%')`);
    if (q.open) query = query.where('cases.closedAt', 'is', null);
    if (q.level) query = query.where('cases.warningLevel', '=', q.level);
    if (q.overdue) query = query.where('cases.closedAt', 'is', null).where('cases.dueAt', '<', now);
    if (q.q) query = query.where((eb) => eb.or([eb('cases.title', 'ilike', `%${q.q}%`), eb('cases.number', 'ilike', `%${q.q}%`)]));
    return query;
  };
  let query = filtered().select(['cases.id', 'cases.type', 'cases.number', 'cases.title', 'cases.state', 'cases.orgId', 'orgs.name as orgName',
    'cases.filedOn', 'cases.dueAt', 'cases.warningLevel', 'cases.updatedAt', 'cases.closedAt'])
    // the unit handling it now (the 主办 unit once dispatched, else the owner): what a 承办单位 column shows
    .select(sql<string>`coalesce((select ho.name from case_orgs hc join orgs ho on ho.id = hc.org_id
      where hc.case_id = cases.id and hc.role = 'lead' and hc.until is null limit 1), orgs.name)`.as('handlingOrgName'));
  // Cursor: "<dueAt ms or 'z'>|<id>" ordered by due_at nulls last, id.
  if (q.cursor) {
    const [due, id] = q.cursor.split('|');
    if (due === 'z') query = query.where('cases.dueAt', 'is', null).where('cases.id', '>', id);
    else query = query.where((eb) => eb.or([
      eb('cases.dueAt', '>', new Date(Number(due))),
      eb('cases.dueAt', 'is', null),
      eb.and([eb('cases.dueAt', '=', new Date(Number(due))), eb('cases.id', '>', id)]),
    ]));
  }
  const rows = await query.orderBy(sql`cases.due_at asc nulls last`).orderBy('cases.id').limit(q.limit + 1).execute();
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > q.limit && last ? `${last.dueAt ? last.dueAt.getTime() : 'z'}|${last.id}` : null;
  const counts = await filtered().select([
    sql<number>`count(*)::int`.as('total'),
    sql<number>`count(*) filter (where cases.warning_level = 'yellow' and cases.closed_at is null)::int`.as('yellow'),
    sql<number>`count(*) filter (where cases.warning_level = 'red' and cases.closed_at is null)::int`.as('red'),
  ]).executeTakeFirstOrThrow();
  return {
    items: page.map((r) => ({
      // free text a citizen typed into a title (older cases) never reaches a list unmasked
      ...r, title: redactText(r.title), filedOn: String(r.filedOn), dueAt: r.dueAt ? r.dueAt.toISOString() : null, updatedAt: r.updatedAt.toISOString(),
      closedAt: r.closedAt ? r.closedAt.toISOString() : null,
      typeLabel: ctx.registry.workflow(r.type)?.label ?? r.type,
      stateLabel: ctx.registry.workflow(r.type)?.states[r.state]?.label ?? r.state,
    })),
    nextCursor,
    /** Totals of the filtered set (all pages). */
    counts,
  };
}

/** What a citizen gives besides the number: the code on the receipt, or the phone they gave. */
export interface TrackFactor { code?: string; phone?: string }

/**
 * The public view of a case by its number and a second factor (the receipt's code or the phone given): state, the
 * handling unit, public timeline, due dates. Never personal data: the title comes from the category, free text in the
 * public fields is redacted, and a confidential matter shows only its number and state. A wrong number and a wrong
 * factor answer the same 404, so nobody learns which numbers exist.
 */
export async function trackCase(ctx: Ctx, conn: Conn, number: string, region: string, factor: TrackFactor | 'owner') {
  const c = await conn.selectFrom('cases').innerJoin('orgs', 'orgs.id', 'cases.orgId')
    .select(['cases.id', 'cases.type', 'cases.number', 'cases.state', 'cases.filedOn', 'cases.closedAt', 'cases.data', 'orgs.name as orgName'])
    .where('cases.number', '=', number.trim().toUpperCase()).where('cases.regionCode', '=', region).executeTakeFirst();
  if (!c && factor !== 'owner') {
    // a number of a module's own (a 情景式 receipt…)
    for (const m of ctx.registry.modules) {
      const v = await m.publicTrack?.(ctx, conn, number, region, factor);
      if (v) return v;
    }
  }
  const t = c ? ctx.registry.caseTypes.get(c.type) : undefined;
  // an internal record (a catalogue item, an adjustment of the 权责清单) is not a 案件 the public tracks
  if (!c || !t || (factor !== 'owner' && t.workflow.internal) || !(factor === 'owner' || await factorFits(ctx, conn, c.id, factor))) {
    throw notFound('办件（编号与查询码或联系电话不符）');
  }
  const w = t.workflow;
  const base = {
    number: c.number, type: c.type, typeLabel: w.label, title: t.publicTitle?.(c.data) ?? w.label,
    state: c.state, stateLabel: w.states[c.state]?.label ?? c.state, filedOn: String(c.filedOn),
    closedAt: c.closedAt ? c.closedAt.toISOString() : null, ...(factor === 'owner' ? { trackingCode: ctx.crypto.trackingCode(c.id) } : {}),
  };
  if (t.confidential?.(c.data)) return { ...base, confidential: true, orgName: null, facts: {}, answer: null, timeline: [], clocks: [] };
  // The unit handling it now: the 主办 unit once dispatched, else the owner.
  const lead = await conn.selectFrom('caseOrgs').innerJoin('orgs', 'orgs.id', 'caseOrgs.orgId').select('orgs.name')
    .where('caseOrgs.caseId', '=', c.id).where('caseOrgs.role', '=', 'lead').where('caseOrgs.until', 'is', null).executeTakeFirst();
  const names = (await conn.selectFrom('caseParties').select('nameEnc').where('caseId', '=', c.id).execute()).map((p) => ctx.crypto.decryptOpt(p.nameEnc));
  const events = await conn.selectFrom('caseEvents').select(['seq', 'action', 'toState', 'occurredAt']).where('caseId', '=', c.id).where('public', '=', true).orderBy('seq').execute();
  const clocks = orderClocks(await caseClocks(ctx, conn, c.id, ctx.clock.now()), ctx.registry.deadlines.get(c.type)?.main);
  const facts: Record<string, unknown> = {};
  for (const f of t.publicFields ?? []) if (f in c.data) facts[f] = typeof c.data[f] === 'string' ? redactText(c.data[f] as string, names) : c.data[f];
  return {
    ...base, confidential: false, orgName: lead?.name ?? c.orgName, facts,
    answer: await publicAnswer(conn, w, c.id, names, lead?.name ?? c.orgName),
    timeline: events.map((e) => ({ label: actionLabel(ctx, c.type, e.action), stateLabel: w.states[e.toState]?.label ?? e.toState, occurredAt: e.occurredAt.toISOString() })),
    clocks: clocks.map((k) => ({ label: k.label, status: k.status, dueDate: k.dueDate, level: k.level, metDeadline: k.metDeadline, explanation: k.explanation, basis: k.basis })),
  };
}

/** The public part of an answer, as the tracking page shows it (see PublicAnswerDef). */
export interface PublicAnswerView {
  action: string; label: string; outcome: string; text: string | null; fields: { label: string; value: string }[];
  /** The act's real time (recorded later: when it happened). */
  occurredAt: string;
  /** The unit that answered: the org of the person who took the act, else the unit handling the case. */
  orgName: string;
}

/** The actions of a workflow that answer the citizen, by name (an action name means one thing across states). */
function answerDefs(w: Workflow): Map<string, { label: string; def: PublicAnswerDef }> {
  const m = new Map<string, { label: string; def: PublicAnswerDef }>();
  for (const acts of Object.values(w.transitions)) {
    for (const [name, a] of Object.entries(acts ?? {}) as [string, ActionDef<string>][]) if (a.answer) m.set(name, { label: a.label, def: a.answer });
  }
  return m;
}

/**
 * The latest answer of a case: the last public act whose action the workflow declares as an answer (`ActionDef.answer`), only
 * its declared fields, free text redacted (the parties' names and any phone, ID or e-mail typed into it).
 */
async function publicAnswer(conn: Conn, w: Workflow, caseId: string, names: (string | null)[], handling: string): Promise<PublicAnswerView | null> {
  const defs = answerDefs(w);
  if (!defs.size) return null;
  const e = await conn.selectFrom('caseEvents').leftJoin('orgs', 'orgs.id', 'caseEvents.actorOrgId')
    .select(['caseEvents.action', 'caseEvents.input', 'caseEvents.occurredAt', 'orgs.name as orgName'])
    .where('caseEvents.caseId', '=', caseId).where('caseEvents.public', '=', true).where('caseEvents.action', 'in', [...defs.keys()])
    .orderBy('caseEvents.seq', 'desc').limit(1).executeTakeFirst();
  if (!e) return null;
  const { label, def } = defs.get(e.action)!;
  const input = e.input as Record<string, unknown>;
  const str = (v: unknown): string | null => (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) ? null
    : Array.isArray(v) ? v.map((x) => str(x)).filter(Boolean).join('；') : redactText(String(v), names));
  const outcome = typeof def.outcome === 'string' ? def.outcome
    : (def.outcome.labels?.[String(input[def.outcome.field])] ?? str(input[def.outcome.field]) ?? label);
  return {
    action: e.action, label, outcome, text: def.text ? str(input[def.text]) : null,
    fields: (def.fields ?? []).flatMap((f) => { const v = str(input[f.key]); return v ? [{ label: f.label, value: v }] : []; }),
    occurredAt: e.occurredAt.toISOString(), orgName: e.orgName ?? handling,
  };
}

/** Does the factor fit the case: its receipt code, or the phone of one of its parties (by the blind index)? */
export async function factorFits(ctx: Ctx, conn: Conn, caseId: string, f: TrackFactor): Promise<boolean> {
  if (f.code && f.code.trim().toUpperCase() === ctx.crypto.trackingCode(caseId)) return true;
  if (!f.phone) return false;
  const idx = ctx.crypto.blindIndex(f.phone);
  return !!(await conn.selectFrom('caseParties').select('id').where('caseId', '=', caseId).where('phoneIndex', '=', idx).executeTakeFirst());
}
