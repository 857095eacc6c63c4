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

/** The acts a clock waits for, and acts that end the duty without meeting it although the workflow does not stop the clock. */
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
 */
export function clockOutcome(alias: string, caseIdCol: string, clock: string | RawBuilder<string>, acts: ClockActs | { acts: RawBuilder<string[]>; ends: RawBuilder<string[]> }, now: Date): RawBuilder<unknown> {
  const key = typeof clock === 'string' ? sql`${clock}` : clock;
  const actList = Array.isArray(acts.acts) ? actionList(acts.acts as readonly string[]) : acts.acts as RawBuilder<string[]>;
  const endList = acts.ends === undefined ? actionList([]) : Array.isArray(acts.ends) ? actionList(acts.ends as readonly string[]) : acts.ends as RawBuilder<string[]>;
  // Aliases inside are t_-prefixed so that they never shadow the caller's (r, o, c…).
  const outcome = sql`case
      when t_o.act_at is not null and t_o.due_at is not null then case when t_o.act_at <= t_o.due_at then 'met' else 'late' end
      when t_o.act_at is not null then case t_o.met_deadline when true then 'met' when false then 'late' else 'unknown' end
      when t_o.ended_at is not null and t_o.due_at is null then case when t_o.met_deadline then 'void' else 'unknown' end
      when t_o.ended_at is not null then case when t_o.due_at < t_o.ended_at then 'late' else 'void' end
      when t_o.due_at is not null and t_o.due_at < ${now} then 'late'
      else 'pending' end`;
  return sql`left join lateral (
    select t_x.*, case t_x.outcome when 'met' then t_x.act_at when 'late' then coalesce(t_x.due_at, t_x.act_at) when 'unknown' then coalesce(t_x.act_at, t_x.ended_at) end as settled_at
    from (
      select t_o.due_at, t_o.act_at, t_o.ended_at, ${outcome} as outcome
      from (
        select t_k.due_at, t_k.met_deadline,
          (select min(t_e.occurred_at) from case_events t_e where t_e.case_id = t_k.case_id and t_e.action = any(${actList}) and t_e.occurred_at >= t_r.round_at) as act_at,
          least(case when t_r.last_stop >= t_r.round_at then t_r.last_stop end,
            (select min(t_e.occurred_at) from case_events t_e where t_e.case_id = t_k.case_id and t_e.action = any(${endList}) and t_e.occurred_at >= t_r.round_at)) as ended_at
        from clocks t_k
        cross join lateral (
          select max((t_j->>'at')::timestamptz) filter (where t_j->>'kind' in ('start', 'restart')) as round_at,
            max((t_j->>'at')::timestamptz) filter (where t_j->>'kind' = 'stop') as last_stop
          from jsonb_array_elements(t_k.entries) t_j
        ) t_r
        where t_k.case_id = ${sql.raw(caseIdCol)} and t_k.key = ${key}
      ) t_o
    ) t_x
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
