/**
 * Honest on-time figures (issue 10, "Honest figures"). A clock is met only by the act it waits for — an answer,
 * a decision, a signature — done by its deadline; a clock stopped by anything else (withdrawal, termination,
 * 并单, a return…) is never met. And an on-time rate's denominator is every item whose deadline was settled in
 * the period, answered or not: an item overdue and never answered is counted late, so that a figure cannot
 * improve by not answering.
 *
 * Per clock of a case, `clockOutcome` reads the ledger (clocks: entries, due_at, met_deadline) and the case's
 * events (when the awaited act happened in the clock's current round) and gives:
 *   met      the act happened by the deadline                       → numerator and denominator, placed on the act
 *   late     the act came after the deadline, or the deadline passed
 *            without it (still open, or ended otherwise afterwards) → denominator, placed on the deadline
 *   void     ended otherwise (withdrawn, terminated…) before the
 *            deadline, without the act: the duty ended               → not counted
 *   pending  open and not yet due                                   → not counted yet
 *   unknown  acted (or ended) while the deadline cannot be placed
 *            because its year's calendar is not loaded, and the
 *            ledger cannot decide without it                         → counted apart as undecided, placed on the act
 * `settled_at` is when the outcome was settled (the act if met, the deadline if late): the period places it.
 */
import { sql, type RawBuilder } from 'kysely';

/**
 * The acts a clock waits for (each stops the clock when done), and acts that end the round without meeting it although
 * the workflow does not stop the clock (e.g. 退单 for 签收: 改派 starts a new round).
 */
export interface ClockActs { acts: readonly string[]; ends?: readonly string[] }

/** A case type's clocks as metrics know them; `main` is the clock of 办结 (the spine's 按期办结率 reads it). */
export interface CaseDeadlines { main?: string; clocks: Record<string, ClockActs> }

export type Outcome = 'met' | 'late' | 'void' | 'pending' | 'unknown';
export const OUTCOME_ZH: Record<Outcome, string> = {
  met: '按时', late: '逾期', void: '未到期即终止（不计）', pending: '未到期（不计）', unknown: '无法判断（日历未载入）',
};

/** A text[] literal of action names (declared in code). */
export const actionList = (acts: readonly string[]): RawBuilder<string[]> => sql<string[]>`array[${sql.join(acts.length ? acts : [''])}]::text[]`;

/**
 * `left join lateral (…) <alias> on true`: the outcome of clock `clock` of the case `caseIdCol` (raw SQL column).
 * Columns: due_at, act_at, ended_at, outcome, settled_at. `clock` and the act lists may be SQL (one per case type).
 * `at.now`: when the figure is computed. `at.from`: the period's start, when the records are placed by settled_at —
 * an outcome is never settled after its deadline, so clocks due before it are skipped (none is read for them).
 * `at.actAt`: SQL giving when the act happened, where the module keeps it in its projection (first answer, decision…),
 * instead of looking it up in the events; it counts only if it falls in the clock's current round.
 *
 * `at.tables`: where the clocks and the events are read (default: the tables themselves) — the 12345 rollup computes a
 * ticket's outcomes as they were before its latest acts from a copy of its clocks and events (modules/hotline/rollups.ts).
 *
 * The act stops the clock (every declared act does): the events are only searched for it when the clock's current
 * round ended with a stop, and the acts that end a round without stopping it (`ends`) only where declared.
 */
export function clockOutcome(
  alias: string, caseIdCol: string, clock: string | RawBuilder<string>, acts: ClockActs | { acts: RawBuilder<string[]>; ends: RawBuilder<string[]> },
  at: { now: Date; from?: Date; actAt?: string; tables?: { clocks: string; events: string } },
): RawBuilder<unknown> {
  const tables = { clocks: sql.raw(at.tables?.clocks ?? 'clocks'), events: sql.raw(at.tables?.events ?? 'case_events') };
  const now = at.now;
  const k = sql.raw(`${alias}_k`);
  const window = at.from ? sql` and (${k}.due_at is null or ${k}.due_at >= ${at.from})` : sql``;
  const key = typeof clock === 'string' ? sql`${clock}` : clock;
  const list = (l: readonly string[] | RawBuilder<string[]>) => (Array.isArray(l) ? actionList(l) : l as RawBuilder<string[]>);
  const firstOf = (actions: RawBuilder<string[]>) => sql`(select min(t_e.occurred_at) from ${tables.events} t_e
            where t_e.case_id = t_r.case_id and t_e.action = any(${actions}) and t_e.occurred_at >= t_r.round_at)`;
  const act = at.actAt ? sql`case when (${sql.raw(at.actAt)}) >= t_r.round_at then (${sql.raw(at.actAt)}) end`
    : sql`case when t_r.last_stop is not null then ${firstOf(list(acts.acts))} end`;
  const ends = acts.ends === undefined || (Array.isArray(acts.ends) && acts.ends.length === 0) ? sql`null::timestamptz`
    : Array.isArray(acts.ends) ? firstOf(list(acts.ends)) : sql`case when cardinality(${acts.ends}) > 0 then ${firstOf(list(acts.ends))} end`;
  // Aliases inside are t_-prefixed so that they never shadow the caller's (r, o, c…).
  const outcome = sql`case
      when t_o.act_at is not null and t_o.due_at is not null then case when t_o.act_at <= t_o.due_at then 'met' else 'late' end
      when t_o.act_at is not null then case t_o.met_deadline when true then 'met' when false then 'late' else 'unknown' end
      when t_o.ended_at is not null and t_o.due_at is null then case when t_o.met_deadline then 'void' else 'unknown' end
      when t_o.ended_at is not null then case when t_o.due_at < t_o.ended_at then 'late' else 'void' end
      when t_o.due_at is not null and t_o.due_at < ${now} then 'late'
      else 'pending' end`;
  // The current round starts at the last restart (a new dispatch, a corrected request…), else at the start;
  // it ended with a stop if the last entry is one.
  const restart = sql.lit('$[*] ? (@.kind == "restart").at');
  // The clock row is joined (a hash join over many records); the lateral part only computes, reading the events
  // when the act is not projected or the round's end must be known. Its aliases are prefixed with the caller's
  // alias, so that two outcomes can be joined to the same records.
  return sql`left join ${tables.clocks} ${k} on ${k}.case_id = ${sql.raw(caseIdCol)} and ${k}.key = ${key}${window}
  left join lateral (
    select t_x.*, case t_x.outcome when 'met' then t_x.act_at when 'late' then coalesce(t_x.due_at, t_x.act_at)
      when 'unknown' then coalesce(t_x.act_at, t_x.ended_at) end as settled_at
    from (
      select t_o.due_at, t_o.act_at, t_o.ended_at, ${outcome} as outcome
      from (
        -- how the round ended otherwise is only looked for when the act was not done
        select t_r.due_at, t_r.met_deadline, t_r.act_at, case when t_r.act_at is null then least(t_r.last_stop, ${ends}) end as ended_at
        from (
          select t_r.*, ${act} as act_at
          from (
            select ${k}.case_id, ${k}.due_at, ${k}.met_deadline,
              (case when ${k}.entries @> '[{"kind": "restart"}]' then jsonb_path_query_array(${k}.entries, ${restart}) ->> -1
                else ${k}.entries -> 0 ->> 'at' end)::timestamptz as round_at,
              case when ${k}.entries -> -1 ->> 'kind' = 'stop' then (${k}.entries -> -1 ->> 'at')::timestamptz end as last_stop
            where ${k}.id is not null
            offset 0 -- computed once per record (not inlined into every use below)
          ) t_r
        ) t_r
      ) t_o
    ) t_x
    offset 0 -- the outcome and its date once per record: inlined, every use of k.settled_at or k.outcome in the caller's
    -- conditions and aggregates repeated the nested cases (a hotline rollup pass read 37,000 records in 5.5 s, now 1.3 s)
  ) ${sql.raw(alias)} on true`;
}

/** The records settled in the period (met, late or undecided). */
export function settledIn(alias: string, s: { from: Date; to: Date }): RawBuilder<unknown> {
  return sql`${sql.raw(alias)}.settled_at >= ${s.from} and ${sql.raw(alias)}.settled_at <= ${s.to}`;
}

/** The ratio value of an on-time metric over `clockOutcome` records (kit `value`). */
export const onTime = (alias: string) => ({
  ratio: { num: `${alias}.outcome = 'met'`, den: `${alias}.outcome in ('met', 'late')`, unknown: `${alias}.outcome = 'unknown'` },
});

/** Drill-down columns of an on-time metric: the deadline, the act, the outcome. */
export const outcomeSelect = (alias: string) => `${alias}.due_at as deadline_at, ${alias}.act_at as done_at, `
  + `case ${alias}.outcome ${Object.entries(OUTCOME_ZH).map(([k, v]) => `when '${k}' then '${v}'`).join(' ')} end as outcome`;
export const OUTCOME_COLUMNS = [{ key: 'deadlineAt', label: '期限' }, { key: 'doneAt', label: '完成时间' }, { key: 'outcome', label: '结果' }];

/** How every on-time metric treats stopped and undecided clocks (appended to its definition). */
export const ON_TIME_RULES = '只有期限所等待的行为（答复、决定、签收等）在期限内作出才计为按时；撤回、终止办理、并单、退回等其他原因停止的计时不算按时：'
  + '在期限届满前停止的不计入分子和分母（义务已终止），届满后才停止的计为逾期。分母为统计期内期限届满（应办结）的全部事项，办结与否：'
  + '期限内完成的按完成时间计入，逾期的（含至今未办）按期限届满时间计入，未到期的暂不计入。期限跨入尚未载入法定节假日安排的年度、'
  + '无法判断是否按时的，单独列为"无法判断"，不计为逾期。';
