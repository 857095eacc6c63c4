/**
 * The deadline ledger: pure computation of a legal clock from its entries and the calendar.
 *
 * A clock is a list of entries: one `start`, then any of `pause`/`resume` (补正, 第三方意见, 鉴定,
 * 中止…), `extend` (approver, reason, amount), `restart` (a 补正 restarts a disclosure clock
 * from the day the supplement arrives) and finally `stop`. The start day is never counted
 * (期间开始之日不计算在期间内): counting starts the next day. A paused clock does not count the days
 * after the day it was paused up to and including the day it resumed. A natural-day period whose
 * last day is not a working day ends on the next working day when the rule says so (rollForward).
 *
 * Nothing here reads the clock of the machine: `now` is always passed in.
 */
import { CalendarYearUnknownError, type WorkCalendar } from './calendar.ts';
import {
  addDays, diffDays, endOfLegalDate, formatDateZh, formatInstantZh, formatMonthDayZh, legalDateOf,
  WEEKDAY_ZH, weekday, type LegalDate,
} from './dates.ts';

export type ClockUnit = 'workdays' | 'days' | 'hours';
export const CLOCK_UNIT_ZH: Record<ClockUnit, string> = { workdays: '个工作日', days: '日', hours: '小时' };

export type ClockEntry =
  | { kind: 'start'; at: string; unit: ClockUnit; length: number; rollForward?: boolean; note?: string }
  | { kind: 'pause'; at: string; reason: string }
  | { kind: 'resume'; at: string; note?: string }
  /** rule/label/basis: an extension granted under a rule of its own (e.g. 延迟答复), not the clock's rule. */
  | { kind: 'extend'; at: string; amount: number; approver: string; reason: string; rule?: string; label?: string; basis?: string }
  | { kind: 'restart'; at: string; reason: string; length?: number }
  | { kind: 'stop'; at: string; note?: string };

export type WarningLevel = 'normal' | 'yellow' | 'red';
export type ClockStatus = 'running' | 'paused' | 'stopped' | 'unknown';

export interface ClockWarning {
  /** 黄牌 when no more than this much time remains (in the clock's own unit). */
  yellowWithin: number;
}

export interface ClockView {
  status: ClockStatus;
  unit: ClockUnit;
  /** Length after extensions. */
  totalLength: number;
  /** Last legal day of the period (for day units), or the legal date of dueAt (hours). */
  dueDate: LegalDate | null;
  /** The instant the period ends: 23:59:59.999 Beijing time of the last day, or start + hours. */
  dueAt: string | null;
  /**
   * Remaining in the clock's unit (negative when overdue); for a stopped clock, at stop time. null when it cannot
   * be counted: a period whose last day lies in a year not loaded, or an overdue clock counted into such a year.
   */
  remaining: number | null;
  level: WarningLevel;
  /** For a stopped clock: was it stopped within the period? */
  metDeadline: boolean | null;
  /**
   * The year that is not loaded: when status is 'unknown', and for a clock stopped on time before that year's days
   * could matter (status 'stopped', metDeadline true, dueDate null: on time whatever that year holds).
   */
  unknownYear?: number;
  /** Plain Chinese, sentence by sentence, that a citizen can read. */
  explanation: string[];
}

interface Interval { from: LegalDate; to: LegalDate | null; reason: string }

/** Validate the order of entries; returns a Chinese message or null. */
export function checkEntries(entries: ClockEntry[]): string | null {
  if (entries.length === 0 || entries[0].kind !== 'start') return '计时必须以"起算"开始';
  let paused = false;
  let stopped = false;
  let last = entries[0].at;
  for (const e of entries.slice(1)) {
    // A restart after a stop opens a new round of the same clock (e.g. a second consultation).
    if (stopped && e.kind !== 'restart') return '计时已结束，不能再变更';
    if (Date.parse(e.at) < Date.parse(last)) return '计时记录的时间不能早于上一条记录';
    last = e.at;
    if (e.kind === 'start') return '计时只能起算一次';
    if (e.kind === 'pause') { if (paused) return '计时已暂停'; paused = true; }
    if (e.kind === 'resume') { if (!paused) return '计时未暂停，无需恢复'; paused = false; }
    if (e.kind === 'extend' && !(e.amount > 0)) return '延长期限必须为正数';
    if (e.kind === 'restart') { paused = false; stopped = false; }
    if (e.kind === 'stop') stopped = true;
  }
  return null;
}

/**
 * Compute a clock. Throws only on malformed entries. A year that is not loaded yields status 'unknown' only where
 * the answer depends on it: a clock stopped before its unknown days could matter is decided (on time), and a
 * period whose last day is known is overdue after it even if today (or the stop) lies in an unknown year.
 */
export function computeClock(entries: ClockEntry[], calendar: WorkCalendar, now: Date, warning: ClockWarning = { yellowWithin: 0 }): ClockView {
  const problem = checkEntries(entries);
  if (problem) throw new Error(problem);
  const start = entries[0] as Extract<ClockEntry, { kind: 'start' }>;
  const unit = start.unit;
  try {
    const v = unit === 'hours' ? computeHours(entries, start, now, warning) : computeDays(entries, start, calendar, now, warning);
    return v.metDeadline === true ? withEarlierRounds(v, entries, calendar, now, warning) : v;
  } catch (err) {
    if (!(err instanceof CalendarYearUnknownError)) throw err;
    return {
      status: 'unknown', unit, totalLength: totalLengthOf(entries), dueDate: null, dueAt: null, remaining: null,
      level: 'normal', metDeadline: null, unknownYear: err.year, explanation: [err.message],
    };
  }
}

/**
 * A clock that runs in rounds (a restart after a stop: a second consultation, a 重办) keeps one deadline per round:
 * it counts as met only if every round was. The view shows the last round; an earlier late round is said.
 */
function withEarlierRounds(v: ClockView, entries: ClockEntry[], calendar: WorkCalendar, now: Date, warning: ClockWarning): ClockView {
  for (let i = entries.length - 1; i > 0; i--) {
    if (entries[i].kind !== 'restart' || entries[i - 1].kind !== 'stop') continue;
    // entries before this round end with its stop: computed on their own (recursively, for rounds before them)
    const earlier = computeClock(entries.slice(0, i), calendar, now, warning);
    if (earlier.metDeadline === false) {
      return { ...v, metDeadline: false, explanation: [...v.explanation, `此前一轮计时已超过期限（${formatInstantZh(entries[i - 1].at)}办结），本项期限记为未按期完成。`] };
    }
    return v;
  }
  return v;
}

/**
 * The entries since the counting origin: the start, or the last restart. A restart (a 补正 received, a new round) begins
 * the statutory period anew: what was counted before and any extension granted before it no longer apply — an
 * extension needs a new approval (issue 10 item 5).
 */
export function sinceOrigin(entries: readonly ClockEntry[]): ClockEntry[] {
  let originIdx = 0;
  entries.forEach((e, i) => { if (e.kind === 'restart') originIdx = i; });
  return entries.slice(originIdx);
}

/** The extensions in force: those granted since the origin. */
export function extensionsInForce(entries: readonly ClockEntry[]): Extract<ClockEntry, { kind: 'extend' }>[] {
  return sinceOrigin(entries).filter((e): e is Extract<ClockEntry, { kind: 'extend' }> => e.kind === 'extend');
}

function totalLengthOf(entries: ClockEntry[]): number {
  let length = (entries[0] as Extract<ClockEntry, { kind: 'start' }>).length;
  for (const e of entries) {
    if (e.kind === 'restart' && e.length !== undefined) length = e.length;
  }
  return length + extensionsInForce(entries).reduce((s, e) => s + e.amount, 0);
}

function computeDays(entries: ClockEntry[], start: Extract<ClockEntry, { kind: 'start' }>, cal: WorkCalendar, now: Date, warning: ClockWarning): ClockView {
  const unit = start.unit;
  const today = legalDateOf(now);
  const say: string[] = [];
  // The counting origin: the start, or the last restart (which discards what was counted before).
  let originIdx = 0;
  entries.forEach((e, i) => { if (e.kind === 'restart') originIdx = i; });
  const origin = entries[originIdx];
  const originDate = legalDateOf(origin.at);
  let length = start.length;
  say.push(`自${formatDateZh(legalDateOf(start.at))}${start.note ? `（${start.note}）` : ''}起算，期限${start.length}${CLOCK_UNIT_ZH[unit]}，起算当日不计入。`);
  for (const e of entries) {
    if (e.kind === 'restart') {
      if (e.length !== undefined) length = e.length;
      say.push(`${formatDateZh(legalDateOf(e.at))}${e.reason}，期限自该日重新计算${e.length !== undefined ? `为${e.length}${CLOCK_UNIT_ZH[unit]}` : ''}，此前已计算的期间不再计入。`);
    }
  }
  // Extensions count only since the origin: one granted before a restart ended with the period it extended.
  for (const e of entries) {
    if (e.kind !== 'extend') continue;
    const line = `${formatDateZh(legalDateOf(e.at))}经${e.approver}批准${e.label ? `${e.label}，` : ''}延长${e.amount}${CLOCK_UNIT_ZH[unit]}（理由：${e.reason}${e.basis ? `；依据：${e.basis}` : ''}）`;
    if (entries.indexOf(e) < originIdx) say.push(`${line}；该延长在期限重新计算前批准，不再适用，如需延长应重新批准。`);
    else {
      length += e.amount;
      say.push(`${line}。`);
    }
  }
  // Pause intervals after the origin. A day d is not counted if from < d <= to.
  const pauses: Interval[] = [];
  let open: Interval | null = null;
  for (const e of entries.slice(originIdx + 1)) {
    if (e.kind === 'pause') open = { from: legalDateOf(e.at), to: null, reason: e.reason };
    if (e.kind === 'resume' && open) { open.to = legalDateOf(e.at); pauses.push(open); open = null; }
  }
  const stop = entries.slice(originIdx).find((e) => e.kind === 'stop');
  const pausedNow = open !== null && !stop;
  if (open) {
    // Still paused: provisional due date as if the clock resumed today (or at the stop).
    pauses.push({ from: open.from, to: stop ? legalDateOf(stop.at) : today, reason: open.reason });
  }
  for (const p of pauses) {
    const days = diffDays(p.from, p.to ?? today);
    say.push(p === pauses[pauses.length - 1] && pausedNow
      ? `${formatDateZh(p.from)}起因${p.reason}暂停计时，至今${days}日不计入；恢复计时后到期日相应顺延。`
      : `${formatDateZh(p.from)}至${formatDateZh(p.to as string)}因${p.reason}暂停计时，其间${days}日不计入。`);
  }
  const inPause = (d: LegalDate) => pauses.some((p) => d > p.from && d <= (p.to as string));

  // Walk the days.
  let counted = 0;
  let d = originDate;
  const skippedHolidays = new Map<string, LegalDate[]>();
  const makeupCounted: LegalDate[] = [];
  let weekendsSkipped = 0;
  let guard = 0;
  const stopDate = stop ? legalDateOf(stop.at) : null;
  try {
    while (counted < length) {
      d = addDays(d, 1);
      if (++guard > 3660) throw new Error('期限过长');
      if (inPause(d)) continue;
      if (unit === 'workdays') {
        const info = cal.day(d);
        if (!info.working) {
          if (info.kind === 'holiday') {
            const list = skippedHolidays.get(info.name as string) ?? [];
            list.push(d);
            skippedHolidays.set(info.name as string, list);
          } else weekendsSkipped++;
          continue;
        }
        if (info.kind === 'makeup_workday') makeupCounted.push(d);
      }
      counted++;
    }
  } catch (err) {
    // The walk reached a day of a year that is not loaded (d) before the period ended. A clock stopped before the
    // unknown days could matter is decided: count every unknown day before the stop as a working day; if the period
    // still is not used up on the eve of the stop day, the stop day is on or before the last day — on time.
    if (!(err instanceof CalendarYearUnknownError) || !stopDate) throw err;
    let most = counted;
    for (let x = d; x < stopDate; x = addDays(x, 1)) if (!inPause(x)) most++;
    if (most >= length) throw err;
    return metWithoutDueDate({ unit, length, stop: stop!, year: err.year, say });
  }
  let due = d;
  if (length === 0) due = originDate;
  if (unit === 'workdays') {
    for (const [name, days] of skippedHolidays) say.push(`${describeRange(days)}为${name}放假，不计入。`);
    if (weekendsSkipped > 0) say.push(`其间星期六、星期日共${weekendsSkipped}日不计入。`);
    for (const m of makeupCounted) say.push(`${formatMonthDayZh(m)}（${WEEKDAY_ZH[weekday(m)]}）为调休上班日，计入。`);
    say.push(`第${length}个工作日为${formatDateZh(due)}（${WEEKDAY_ZH[weekday(due)]}），为期限届满之日。`);
  } else {
    say.push(`第${length}日为${formatDateZh(due)}（${WEEKDAY_ZH[weekday(due)]}）。`);
    if (start.rollForward) {
      let info;
      try { info = cal.day(due); } catch (err) {
        // Rolling forward only lengthens the period: a stop on or before the natural last day is on time.
        if (!(err instanceof CalendarYearUnknownError) || !stopDate || stopDate > due) throw err;
        return metWithoutDueDate({ unit, length, stop: stop!, year: err.year, say });
      }
      if (!info.working) {
        const next = cal.nextWorkdayOnOrAfter(due);
        say.push(`该日为${info.kind === 'holiday' ? `${info.name}放假日` : '休息日'}，期限顺延至其后第一个工作日${formatDateZh(next)}（${WEEKDAY_ZH[weekday(next)]}）。`);
        due = next;
      }
    }
  }
  const dueAt = endOfLegalDate(due);
  const at = stop ? new Date(stop.at) : now;
  const atDate = legalDateOf(at);
  const overdue = at.getTime() > dueAt.getTime();
  // The last day is known; counting the working days left may need an unknown year (a stop or today past
  // the period, in a year not loaded): the clock is then overdue all the same, only the count is unknown.
  let remaining: number | null = diffDays(atDate, due);
  if (unit === 'workdays') {
    try { remaining = cal.workdaysBetween(atDate, due); } catch (err) {
      if (!(err instanceof CalendarYearUnknownError) || !overdue) throw err;
      remaining = null;
    }
  }
  return finish({ unit, length, due, dueAt, remaining, overdue, stop, pausedNow, warning, say });
}

function describeRange(days: LegalDate[]): string {
  const runs: LegalDate[][] = [];
  for (const d of days) {
    const last = runs[runs.length - 1];
    if (last && diffDays(last[last.length - 1], d) === 1) last.push(d);
    else runs.push([d]);
  }
  return runs.map((r) => (r.length === 1 ? formatMonthDayZh(r[0]) : `${formatMonthDayZh(r[0])}至${formatMonthDayZh(r[r.length - 1])}`)).join('、');
}

function computeHours(entries: ClockEntry[], start: Extract<ClockEntry, { kind: 'start' }>, now: Date, warning: ClockWarning): ClockView {
  const say: string[] = [];
  let originIdx = 0;
  entries.forEach((e, i) => { if (e.kind === 'restart') originIdx = i; });
  let length = start.length;
  say.push(`自${formatInstantZh(start.at)}${start.note ? `（${start.note}）` : ''}起计，时限${start.length}小时。`);
  for (const e of entries) {
    if (e.kind === 'restart') {
      if (e.length !== undefined) length = e.length;
      say.push(`${formatInstantZh(e.at)}${e.reason}，时限自该时重新计算。`);
    }
    if (e.kind === 'extend') {
      say.push(entries.indexOf(e) < originIdx
        ? `${formatInstantZh(e.at)}经${e.approver}批准延长${e.amount}小时（理由：${e.reason}）；该延长在时限重新计算前批准，不再适用。`
        : `${formatInstantZh(e.at)}经${e.approver}批准延长${e.amount}小时（理由：${e.reason}）。`);
    }
  }
  length += extensionsInForce(entries).reduce((s, e) => s + e.amount, 0);
  const stop = entries.slice(originIdx).find((e) => e.kind === 'stop');
  let pausedMs = 0;
  let pauseAt: number | null = null;
  for (const e of entries.slice(originIdx + 1)) {
    if (e.kind === 'pause') pauseAt = Date.parse(e.at);
    if (e.kind === 'resume' && pauseAt !== null) {
      pausedMs += Date.parse(e.at) - pauseAt;
      say.push(`${formatInstantZh(new Date(pauseAt))}至${formatInstantZh(e.at)}暂停计时，不计入。`);
      pauseAt = null;
    }
  }
  const pausedNow = pauseAt !== null && !stop;
  if (pauseAt !== null) {
    const until = stop ? Date.parse(stop.at) : now.getTime();
    pausedMs += until - pauseAt;
    say.push(`${formatInstantZh(new Date(pauseAt))}起暂停计时，恢复后到期时间相应顺延。`);
  }
  const dueAt = new Date(Date.parse(entries[originIdx].at) + length * 3600_000 + pausedMs);
  say.push(`应于${formatInstantZh(dueAt)}前完成。`);
  const at = stop ? new Date(stop.at) : now;
  const remaining = Math.floor((dueAt.getTime() - at.getTime()) / 3600_000 * 100) / 100;
  return finish({ unit: 'hours', length, due: legalDateOf(dueAt), dueAt, remaining, overdue: at.getTime() > dueAt.getTime(), stop, pausedNow, warning, say });
}

/**
 * A clock stopped while its last day is still unknown (it lies in a year not loaded), but certainly on or
 * after the stop day: met, whatever that year's calendar holds. The due date stays unknown.
 */
function metWithoutDueDate(p: { unit: ClockUnit; length: number; stop: ClockEntry; year: number; say: string[] }): ClockView {
  p.say.push(`${formatInstantZh(p.stop.at)}办结。${p.year}年法定节假日安排尚未载入，但即使将该年度办结前的每一日都计为工作日，`
    + `办结前已计算的期间也不足${p.length}${CLOCK_UNIT_ZH[p.unit]}，故在期限内完成；期限届满之日待该年度安排载入后确定。`);
  return {
    status: 'stopped', unit: p.unit, totalLength: p.length, dueDate: null, dueAt: null, remaining: null, level: 'normal',
    metDeadline: true, unknownYear: p.year, explanation: p.say,
  };
}

function finish(p: {
  unit: ClockUnit; length: number; due: LegalDate; dueAt: Date; remaining: number | null; overdue: boolean;
  stop: ClockEntry | undefined; pausedNow: boolean; warning: ClockWarning; say: string[];
}): ClockView {
  const level: WarningLevel = p.overdue ? 'red' : p.remaining !== null && p.remaining <= p.warning.yellowWithin ? 'yellow' : 'normal';
  if (p.stop) {
    p.say.push(`${formatInstantZh(p.stop.at)}办结，${p.overdue ? '已超过期限' : '在期限内完成'}。`);
  } else if (p.overdue) {
    p.say.push('已超过期限（红牌）。');
  } else if (level === 'yellow') {
    p.say.push(`距期限届满仅剩${p.remaining}${CLOCK_UNIT_ZH[p.unit]}（黄牌预警）。`);
  }
  return {
    status: p.stop ? 'stopped' : p.pausedNow ? 'paused' : 'running',
    unit: p.unit,
    totalLength: p.length,
    dueDate: p.due,
    dueAt: p.dueAt.toISOString(),
    remaining: p.remaining,
    level: p.stop ? (p.overdue ? 'red' : 'normal') : level,
    metDeadline: p.stop ? !p.overdue : null,
    explanation: p.say,
  };
}

/** Convenience for the stable `/calendar/due` endpoint: a period from a date. */
export function dueFrom(calendar: WorkCalendar, from: LegalDate, amount: number, unit: 'workdays' | 'days', rollForward = true): ClockView {
  return computeClock(
    [{ kind: 'start', at: endOfLegalDate(from).toISOString(), unit, length: amount, rollForward: unit === 'days' ? rollForward : false }],
    calendar, endOfLegalDate(from),
  );
}
