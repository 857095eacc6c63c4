/**
 * The deadline ledger in the database: clock rows whose `entries` are the truth and whose
 * status/due/level are recomputed from them and the calendar. Modules never touch clocks
 * directly: the case engine applies a workflow's clock effects through here.
 */
import {
  computeClock, ruleInForce, checkEntries, effectClock, extensionsInForce, legalDateOf, limitKindOf, isLegalDate, startOfLegalDate, type ClockEntry,
  type ClockEffect, type ClockRule, type ClockView, type LimitKind, type WorkCalendar,
} from '@yifa/contracts';
import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { Conn, Tx } from '../db/client.ts';
import type { ClocksTable } from '../db/schema.gen.ts';
import { AppError, invalid, notFound } from '../http/problem.ts';
import { appendAuditInTrx } from '../audit/chain.ts';
import type { Ctx } from '../context.ts';
import { latestSettingsJson, primeSettings } from '../settings/settings.ts';

export interface ClockRowView extends ClockView {
  key: string;
  ruleKey: string;
  label: string;
  basis: string;
  sourced: boolean;
  /** 法定 / 承诺 / 本地规定 (the rule's `limitKind`). */
  limitKind: LimitKind;
  entries: ClockEntry[];
}

type OverrideRow = { ruleKey: string; length: number; yellowWithin: number | null; basis: string };
/** What configurationJson reads: the county's rule overrides in force on a date, and its latest module settings. */
export interface ConfigurationRow { overrides: OverrideRow[]; settings: Parameters<typeof primeSettings>[2] }

/**
 * The county's configuration a transaction reads once, as one JSON value: the newest override of every configurable rule
 * in force on `on` and the latest settings of every module — for a statement that reads something else to take along
 * (the engine's read after an act's row lock, a module's first read at intake); then primeConfiguration.
 */
export function configurationJson(region: string, on: string): RawBuilder<ConfigurationRow> {
  return sql`json_build_object('overrides', (select coalesce(json_agg(json_build_object('ruleKey', o.rule_key, 'length', o.length,
      'yellowWithin', o.yellow_within, 'basis', o.basis)), '[]')
    from (select distinct on (rule_key) rule_key, length, yellow_within, basis from rule_overrides
      where region_code = ${region} and effective_from <= ${on}::date order by rule_key, effective_from desc, id desc) o),
    'settings', ${latestSettingsJson(region)})`;
}

/**
 * Within one transaction the county's overrides in force on a date are read once for every configurable rule (a 12345
 * intake opens several clocks), with the county's latest module settings for the rest of the transaction (a notice's
 * template, …: settings.ts primeSettings) — by overridesOn's own read, or by another statement that took
 * configurationJson along (primeConfiguration). Outside a transaction nothing is kept.
 */
const overridesOfTrx = new WeakMap<object, Map<string, Promise<Map<string, OverrideRow>>>>();
const overridesMemo = (conn: Conn) => {
  let memo = overridesOfTrx.get(conn);
  if (!memo) overridesOfTrx.set(conn, memo = new Map());
  return memo;
};

/** Keep the configuration a statement of transaction `trx` read (configurationJson) for the rest of it. */
export function primeConfiguration(trx: Conn, region: string, on: string, row: ConfigurationRow): void {
  if (!trx.isTransaction) return;
  primeSettings(trx, region, row.settings);
  overridesMemo(trx).set(`${region}|${on}`, Promise.resolve(new Map(row.overrides.map((o) => [o.ruleKey, o]))));
}

function overridesOn(conn: Conn, region: string, on: string): Promise<Map<string, OverrideRow>> {
  const read = async () => {
    const r = (await sql<{ c: ConfigurationRow }>`select ${configurationJson(region, on)} as c`.execute(conn)).rows[0].c;
    if (conn.isTransaction) primeSettings(conn, region, r.settings);
    return new Map(r.overrides.map((o) => [o.ruleKey, o]));
  };
  if (!conn.isTransaction) return read();
  const memo = overridesMemo(conn);
  const k = `${region}|${on}`;
  let p = memo.get(k);
  if (!p) memo.set(k, p = read());
  return p;
}

/** The rule in force on a date for a region, with the county's override applied. */
export async function resolveRule(ctx: Ctx, conn: Conn, key: string, on: string, region: string): Promise<ClockRule> {
  const rule = ruleInForce(ctx.registry.rules, key, on);
  if (!rule) throw new Error(`没有在 ${on} 有效的期限规则 ${key}`);
  if (!rule.configurable) return rule;
  const o = (await overridesOn(conn, region, on)).get(key);
  if (!o) return rule;
  return { ...rule, length: o.length, yellowWithin: o.yellowWithin ?? rule.yellowWithin, basis: `${o.basis}（本地设定，默认依据：${rule.basis}）` };
}

/** A configurable rule's county values, newest first, with who set each (the rule must exist: 404 otherwise). */
export async function ruleOverrideHistory(ctx: Ctx, region: string, key: string) {
  const declared = ctx.registry.rules.filter((r) => r.key === key);
  if (!declared.length) throw notFound('期限规则');
  const items = await ctx.db.selectFrom('ruleOverrides as o').leftJoin('users as u', 'u.id', 'o.setBy')
    .select(['o.id', 'o.length', 'o.yellowWithin', 'o.effectiveFrom', 'o.basis', 'o.setAt', 'u.displayName as setByName'])
    .where('o.regionCode', '=', region).where('o.ruleKey', '=', key)
    .orderBy('o.effectiveFrom', 'desc').orderBy('o.id', 'desc').execute();
  return { key, configurable: declared.some((r) => r.configurable), items };
}

/**
 * The county's own value of a configurable rule from `effectiveFrom` on (the route checks the fields: a date from today, a
 * 黄牌 margin below the length, the county's instrument as basis), audited in the same transaction. A statutory rule is
 * refused, naming the key. Cases filed from that date get it (a rule resolves on the case's filed date).
 */
export async function setRuleOverride(ctx: Ctx, by: { id: string | null; name: string; ip?: string | null }, region: string, key: string,
  v: { length: number; yellowWithin?: number; effectiveFrom: string; basis: string }) {
  const rule = ruleInForce(ctx.registry.rules, key, v.effectiveFrom) ?? ruleInForce(ctx.registry.rules, key, legalDateOf(ctx.clock.now()));
  if (!rule) throw notFound('期限规则');
  if (!rule.configurable) throw invalid([{ path: 'params.key', message: `该期限由${rule.basis}规定，不能由本县修改` }]);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const o = await trx.insertInto('ruleOverrides').values({ // set_at: the database's now(), as the hotline rollups compare
      regionCode: region, ruleKey: rule.key, length: v.length, yellowWithin: v.yellowWithin ?? null, effectiveFrom: v.effectiveFrom as never,
      basis: v.basis, setBy: by.id,
    }).returning('id').executeTakeFirstOrThrow();
    await appendAuditInTrx(trx, by, { action: 'rules.set', targetType: 'rule', targetId: rule.key, detail: {
      length: v.length, unit: rule.unit, yellowWithin: v.yellowWithin ?? null, effectiveFrom: v.effectiveFrom, basis: v.basis, default: rule.length,
    } }, ctx.clock.now());
    return o;
  });
  return { id: row.id, key: rule.key, length: v.length, unit: rule.unit, effectiveFrom: v.effectiveFrom };
}

/** What a clock's view is computed from. */
export interface ClockViewSource { key: string; ruleKey: string; label: string; basis: string; yellowWithin: number; entries: ClockEntry[] }

function view(row: ClockViewSource, cal: WorkCalendar, now: Date, rule: ClockRule | undefined): ClockRowView {
  const v = computeClock(row.entries, cal, now, { yellowWithin: row.yellowWithin });
  const sourced = rule?.sourced ?? true;
  return { ...v, key: row.key, ruleKey: row.ruleKey, label: row.label, basis: row.basis, sourced, limitKind: limitKindOf({ sourced, limitKind: rule?.limitKind }), entries: row.entries };
}

/**
 * The rule a `ruleField` picks: the fact holds a whole key or its last part ('urgent' → `rule`.urgent). A case's facts may
 * pick `rule` or a variant of it (approvals.decision → approvals.decision.joint), never another rule.
 */
export function variantRule(rule: string, fact: unknown, clock: string): string {
  if (fact === undefined || fact === null || fact === '') return rule;
  const v = String(fact);
  const key = /^[A-Za-z0-9_-]+$/.test(v) ? `${rule}.${v}` : v;
  if (key !== rule && !key.startsWith(`${rule}.`)) throw new Error(`clock ${clock}: rule ${key} is not a variant of ${rule}`);
  return key;
}

/** A clock row as stored. */
export type ClockRow = Selectable<ClocksTable>;

/** The clocks of a case as stored, in the order they last changed. */
export async function loadClocks(conn: Conn, caseId: string): Promise<ClockRow[]> {
  return clockRowsOf((await sql<{ k: ClockJson[] }>`select ${clockRowsJson(caseId)} as k`.execute(conn)).rows[0].k);
}

/** A case's clocks in the order they last changed, as one JSON value: a subquery for a caller's combined read (clockRowsOf). */
export function clockRowsJson(caseId: string): RawBuilder<ClockJson[]> {
  return sql`(select coalesce(json_agg(json_build_object('id', k.id, 'caseId', k.case_id, 'key', k.key, 'ruleKey', k.rule_key, 'label', k.label,
    'basis', k.basis, 'yellowWithin', k.yellow_within, 'maxExtension', k.max_extension, 'entries', k.entries, 'status', k.status, 'dueAt', k.due_at,
    'level', k.level, 'metDeadline', k.met_deadline, 'updatedAt', k.updated_at) order by k.updated_at), '[]') from clocks k where k.case_id = ${caseId})`;
}
type ClockJson = Omit<ClockRow, 'dueAt' | 'updatedAt'> & { dueAt: string | null; updatedAt: string };
/** The rows of clockRowsJson, their times as the driver gives them (Date, to the millisecond). */
export const clockRowsOf = (rows: readonly ClockJson[]): ClockRow[] =>
  rows.map((k) => ({ ...k, dueAt: k.dueAt ? new Date(k.dueAt) : null, updatedAt: new Date(k.updatedAt) }));

/** One action's clock effects worked out in memory: the case's clocks after them, and the rows they insert or change. */
export interface ClockChanges { clocks: ClockRow[]; changed: ClockRow[] }

/**
 * Work out one action's clock effects on a case's clocks (`current`, as stored) without writing them; the
 * rules in force are read through `conn`. Throws the same 400s as applying them.
 */
export async function planClockEffects(
  ctx: Ctx, conn: Conn, c: { id: string; filedOn: string; regionCode: string; data?: Record<string, unknown> }, effects: readonly ClockEffect[],
  input: Record<string, unknown>, actorName: string, at: Date, current: readonly ClockRow[], now: Date = at,
): Promise<ClockChanges> {
  // `at`: when the act happened (its entries' time); `now`: when the stored status and level are computed (later for an act recorded later).
  const asOf = at.getTime() > now.getTime() ? at : now;
  const clocks = [...current];
  const changed = new Map<string, ClockRow>();
  const put = (row: ClockRow) => {
    const i = clocks.findIndex((k) => k.id === row.id);
    if (i >= 0) clocks[i] = row; else clocks.push(row);
    changed.set(row.id, row);
  };
  const recomputed = (row: ClockRow, entries: ClockEntry[], v: ClockView): ClockRow => ({
    ...row, entries, status: v.status, dueAt: v.dueAt ? new Date(v.dueAt) : null, level: v.level, metDeadline: v.metDeadline, updatedAt: now,
  });
  if (effects.length === 0) return { clocks, changed: [] };
  const cal = await ctx.calendar.get(conn);
  for (const e of effects) {
    if ('stopAll' in e) {
      // the case ends early: every clock still running (or paused) stops now; stopped ones stay as they are
      for (const k of clocks.filter((x) => x.status !== 'stopped')) {
        const entries: ClockEntry[] = [...k.entries, { kind: 'stop', at: at.toISOString() }];
        put(recomputed(k, entries, computeClock(entries, cal, asOf, { yellowWithin: k.yellowWithin })));
      }
      continue;
    }
    const key = effectClock(e) as string;
    const row = clocks.find((k) => k.key === key);
    // ifRunning: nothing to do on a clock that never started or has stopped
    if (!('start' in e) && e.ifRunning && (!row || row.status === 'stopped')) continue;
    // ifMet: only when the named clock ended within its period (it is stopped by an earlier effect of this action, or before)
    if ('ifMet' in e && e.ifMet && clocks.find((k) => k.key === e.ifMet)?.metDeadline === false) continue;
    if ('start' in e && row && e.rounds && row.status === 'stopped') {
      const again: ClockEntry[] = [...row.entries, { kind: 'restart', at: at.toISOString(), reason: e.note ?? '再次起算' }];
      put(recomputed(row, again, computeClock(again, cal, asOf, { yellowWithin: row.yellowWithin })));
      continue;
    }
    if ('start' in e) {
      if (row) throw new Error(`clock ${key} already started`);
      const ruleKey = variantRule(e.rule, e.ruleField ? c.data?.[e.ruleField] : undefined, key);
      const rule = await resolveRule(ctx, conn, ruleKey, c.filedOn, c.regionCode);
      let length = rule.length;
      if (e.lengthField) {
        const raw = input[e.lengthField] ?? c.data?.[e.lengthField];
        const n = Number(raw);
        if (!Number.isInteger(n) || n < 0 || n > rule.length) {
          throw new AppError('validation_failed', `${rule.label}应为 0 至 ${rule.length} 的整数（${rule.basis}）`, { errors: [{ path: `body.input.${e.lengthField}`, message: `应为 0 至 ${rule.length} 的整数` }] });
        }
        length = n;
      }
      let startAt = at;
      if (e.atField && input[e.atField] !== undefined && input[e.atField] !== null && input[e.atField] !== '') {
        const d = String(input[e.atField]);
        if (!isLegalDate(d) || d > legalDateOf(at)) {
          throw new AppError('validation_failed', `${rule.label}的起算日期不能晚于今天`, { errors: [{ path: `body.input.${e.atField}`, message: '应为不晚于今天的日期（YYYY-MM-DD）' }] });
        }
        startAt = startOfLegalDate(d);
      }
      const entries: ClockEntry[] = [{ kind: 'start', at: startAt.toISOString(), unit: rule.unit, length, rollForward: rule.rollForward, note: e.note }];
      const fresh = {
        id: randomUUID(), caseId: c.id, key, ruleKey: rule.key, label: e.label ?? rule.label, basis: rule.basis, yellowWithin: rule.yellowWithin,
        maxExtension: rule.maxExtension ?? null,
      };
      put(recomputed({ ...fresh, entries, status: 'running', dueAt: null, level: 'normal', metDeadline: null, updatedAt: now }, entries, computeClock(entries,
        cal, asOf, { yellowWithin: rule.yellowWithin })));
      continue;
    }
    if (!row) throw new Error(`clock ${key} was never started`);
    const entries = [...row.entries];
    const stamp = at.toISOString();
    if ('stop' in e) entries.push({ kind: 'stop', at: stamp });
    else if ('pause' in e) entries.push({ kind: 'pause', at: stamp, reason: e.reason });
    else if ('resume' in e) entries.push({ kind: 'resume', at: stamp });
    else if ('restart' in e) entries.push({ kind: 'restart', at: stamp, reason: e.reason });
    else {
      const amount = Number(input[e.amountField]);
      if (e.rule) {
        // An extension under a rule of its own: its own cap (none if the rule sets none), its own basis.
        const rule = await resolveRule(ctx, conn, e.rule, c.filedOn, c.regionCode);
        const own = extensionsInForce(row.entries).filter((x) => x.rule === rule.key).reduce((s, x) => s + x.amount, 0);
        if (rule.maxExtension !== undefined && own + amount > rule.maxExtension) {
          throw new AppError('validation_failed', `${rule.label}总计不能超过${rule.maxExtension}（${rule.basis}）`, { errors: [{ path: `body.input.${e.amountField}`, message: `最多还能延长${rule.maxExtension - own}（依据：${rule.basis}）` }] });
        }
        entries.push({ kind: 'extend', at: stamp, amount, approver: actorName, reason: String(input[e.reasonField] ?? ''), rule: rule.key, label: rule.label, basis: rule.basis });
      } else {
        // since the last restart: an extension granted before it no longer applies, nor counts against the cap (issue 10 item 5)
        const already = extensionsInForce(row.entries).filter((x) => !x.rule).reduce((s, x) => s + x.amount, 0);
        if (row.maxExtension === null) throw new AppError('validation_failed', `${row.label}不允许延长`, { errors: [{ path: `body.input.${e.amountField}`, message: `${row.label}依法不能延长` }] });
        if (already + amount > row.maxExtension) {
          throw new AppError('validation_failed', `延长总计不能超过${row.maxExtension}（${row.basis}）`, {
            errors: [{ path: `body.input.${e.amountField}`, message: `最多还能延长${row.maxExtension - already}（依据：${row.basis}）` }],
          });
        }
        entries.push({ kind: 'extend', at: stamp, amount, approver: actorName, reason: String(input[e.reasonField] ?? '') });
      }
    }
    const problem = checkEntries(entries);
    if (problem) throw new AppError('validation_failed', `${row.label}：${problem}`, { errors: [{ path: 'body.action', message: problem }] });
    put(recomputed(row, entries, computeClock(entries, cal, asOf, { yellowWithin: row.yellowWithin })));
  }
  return { clocks, changed: [...changed.values()] };
}

/**
 * Planned clock changes as one upsert (new clocks inserted, changed ones updated), not yet sent (null: none changed) — the
 * engine sends it with the act's event and case row.
 */
export function clockChangesWrite(trx: Tx, changes: ClockChanges) {
  if (changes.changed.length === 0) return null;
  return trx.insertInto('clocks').values(changes.changed.map((k) => ({ ...k, entries: JSON.stringify(k.entries) })))
    .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({
      entries: eb.ref('excluded.entries'), status: eb.ref('excluded.status'), dueAt: eb.ref('excluded.dueAt'), level: eb.ref('excluded.level'),
      metDeadline: eb.ref('excluded.metDeadline'), updatedAt: eb.ref('excluded.updatedAt'),
    })));
}

/** Clocks of a case, computed now, with their explanations. */
export async function caseClocks(ctx: Ctx, conn: Conn, caseId: string, now: Date): Promise<ClockRowView[]> {
  return clockViews(ctx, await ctx.calendar.get(conn), await loadClocks(conn, caseId), now);
}

/** Clock rows (as stored, or as read in a case view) computed now, with their explanations. */
export function clockViews(ctx: Ctx, cal: WorkCalendar, rows: readonly ClockViewSource[], now: Date): ClockRowView[] {
  return rows.map((r) => view(r, cal, now, ctx.registry.rules.find((x) => x.key === r.ruleKey)));
}

/**
 * The order deadline cards and receipts show a case's clocks in: the case's main clock (the one its 办结 is measured by,
 * `deadlines[type].main`) first, then running or paused ones before stopped ones, then as they last changed. Clocks written
 * in one statement share their time, so the order never depends on how the database returns them.
 */
export function orderClocks<T extends { key: string; status: string }>(clocks: readonly T[], main?: string): T[] {
  const rank = (c: T) => (c.key === main ? 0 : c.status === 'running' || c.status === 'paused' ? 1 : 2);
  return clocks.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i).map((x) => x.c);
}

/** The case row's queue fields: earliest running due and worst level among open clocks. */
export async function summariseClocksInTrx(ctx: Ctx, conn: Conn, caseId: string, now: Date): Promise<ClockSummary> {
  return summariseClocks(await ctx.calendar.get(conn), await loadClocks(conn, caseId), now);
}

export interface ClockSummary { dueAt: string | null; level: 'normal' | 'yellow' | 'red' }

/** The queue fields from a case's clocks in memory (e.g. as just written). */
export function summariseClocks(cal: WorkCalendar, rows: readonly ClockViewSource[], now: Date): ClockSummary {
  const clocks = rows.map((r) => computeClock(r.entries, cal, now, { yellowWithin: r.yellowWithin }));
  const open = clocks.filter((c) => c.status === 'running' || c.status === 'paused');
  const dueAt = open.map((c) => c.dueAt).filter((d): d is string => !!d).sort()[0] ?? null;
  const level = open.some((c) => c.level === 'red') ? 'red' : open.some((c) => c.level === 'yellow') ? 'yellow' : 'normal';
  return { dueAt, level };
}

/** Open clocks read and recomputed between two turns of the event loop. */
const SWEEP_PAGE = 500;

/**
 * Recompute every open clock (after a calendar year is loaded, and by the deadline sweep).
 * Returns the clocks whose warning level rose, for notifications.
 */
export async function recomputeOpenClocks(ctx: Ctx, conn: Conn, now: Date): Promise<{
  recomputed: number;
  raised: { caseId: string; key: string; label: string; level: 'yellow' | 'red' }[];
  broken: { caseId: string; key: string; error: string }[];
}> {
  const cal = await ctx.calendar.get(conn);
  // The open clocks' ids first, then the clocks a page at a time, requests served between pages: 15,000 open clocks read
  // in one result (parsed, mapped) and computed in one piece held the event loop for 100–250 ms.
  const ids = (await conn.selectFrom('clocks').select('id').where('status', 'in', ['running', 'paused', 'unknown']).orderBy('id').execute()).map((x) => x.id);
  const raised: { caseId: string; key: string; label: string; level: 'yellow' | 'red' }[] = [];
  // A clock whose ledger cannot be computed (altered outside the engine) is reported and left as it is: one bad row
  // must not stop every other case's 黄牌 and 红牌.
  const broken: { caseId: string; key: string; error: string }[] = [];
  const touched = new Set<string>();
  const rank = { normal: 0, yellow: 1, red: 2 } as const;
  for (let p = 0; p < ids.length; p += SWEEP_PAGE) {
    if (p > 0) await new Promise((go) => setImmediate(go));
    const page = await conn.selectFrom('clocks').selectAll().where(sql<boolean>`id = any(${ids.slice(p, p + SWEEP_PAGE)}::uuid[])`).orderBy('id').execute();
    for (const r of page) {
      let v: ReturnType<typeof computeClock>;
      try { v = computeClock(r.entries, cal, now, { yellowWithin: r.yellowWithin }); } catch (err) {
        broken.push({ caseId: r.caseId, key: r.key, error: err instanceof Error ? err.message : String(err) });
        continue;
      }
      const dueChanged = (v.dueAt ?? null) !== (r.dueAt ? r.dueAt.toISOString() : null);
      if (v.status === r.status && v.level === r.level && !dueChanged) continue;
      if (rank[v.level] > rank[r.level] && v.level !== 'normal') raised.push({ caseId: r.caseId, key: r.key, label: r.label, level: v.level });
      // metDeadline too: a stopped clock that was 'unknown' is decided once its year is loaded (or needs it no longer).
      await conn.updateTable('clocks').set({ status: v.status, dueAt: v.dueAt, level: v.level, metDeadline: v.metDeadline, updatedAt: now })
        .where('id', '=', r.id).execute();
      touched.add(r.caseId);
    }
  }
  const unreadable = new Set(broken.map((x) => x.caseId)); // (its summary would read the broken clock again)
  for (const caseId of touched) {
    if (unreadable.has(caseId)) continue;
    const s = await summariseClocksInTrx(ctx, conn, caseId, now);
    await conn.updateTable('cases').set({ dueAt: s.dueAt, warningLevel: s.level }).where('id', '=', caseId).execute();
  }
  return { recomputed: touched.size, raised, broken };
}

export { legalDateOf };
