import { addDays, formatDateZh, isLegalDate, weekday, type LegalDate } from './dates.ts';
import type { CalendarYearData } from './calendar-data.ts';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

export interface DayInfo {
  date: LegalDate;
  kind: DayKind;
  /** true for working days (ordinary weekdays and 调休 make-up days). */
  working: boolean;
  /** festival name for a holiday, or the festival a make-up day belongs to. */
  name?: string;
}

/** Thrown when a computation needs a year whose official schedule is not loaded. */
export class CalendarYearUnknownError extends Error {
  constructor(readonly year: number) {
    super(`${year}年法定节假日安排尚未载入，无法按工作日计算。请管理员在国务院办公厅通知发布后载入该年度安排。`);
    this.name = 'CalendarYearUnknownError';
  }
}

export interface LoadedYear {
  year: number;
  notice: string;
  source: string;
  holidays: Map<LegalDate, string>;
  workdays: Map<LegalDate, string>;
}

/** Expand 'MM-DD..MM-DD' ranges into dates of the year; validates every date. */
export function expandYear(data: CalendarYearData): LoadedYear {
  const holidays = new Map<LegalDate, string>();
  const workdays = new Map<LegalDate, string>();
  for (const h of data.holidays) {
    const [a, b = a] = h.days.split('..');
    let d = `${data.year}-${a}`;
    const end = `${data.year}-${b}`;
    if (!isLegalDate(d) || !isLegalDate(end) || end < d) throw new Error(`无效的日期范围：${data.year} ${h.days}`);
    for (; d <= end; d = addDays(d, 1)) holidays.set(d, h.name);
  }
  for (const w of data.workdays) {
    const d = `${data.year}-${w}`;
    if (!isLegalDate(d)) throw new Error(`无效的调休日期：${d}`);
    if (holidays.has(d)) throw new Error(`${d} 不能既是放假日又是调休上班日`);
    workdays.set(d, nearestHolidayName(holidays, d));
  }
  return { year: data.year, notice: data.notice, source: data.source, holidays, workdays };
}

function nearestHolidayName(holidays: Map<LegalDate, string>, d: LegalDate): string {
  let best: string | undefined;
  let bestDist = Infinity;
  for (const [h, name] of holidays) {
    const dist = Math.abs(Date.parse(h) - Date.parse(d));
    if (dist < bestDist) { bestDist = dist; best = name; }
  }
  return best ?? '调休';
}

/**
 * The working-day calendar: weekends are days off, official holidays are days off, and 调休
 * make-up days are working days. Only loaded years are known; any question about another year
 * throws CalendarYearUnknownError instead of guessing from weekends.
 */
export class WorkCalendar {
  private readonly years = new Map<number, LoadedYear>();

  constructor(years: Iterable<LoadedYear> = []) {
    for (const y of years) this.years.set(y.year, y);
  }

  static fromData(data: CalendarYearData[]): WorkCalendar {
    return new WorkCalendar(data.map(expandYear));
  }

  loadedYears(): number[] {
    return [...this.years.keys()].sort();
  }

  hasYear(year: number): boolean {
    return this.years.has(year);
  }

  year(year: number): LoadedYear | undefined {
    return this.years.get(year);
  }

  day(date: LegalDate): DayInfo {
    const y = this.years.get(Number(date.slice(0, 4)));
    if (!y) throw new CalendarYearUnknownError(Number(date.slice(0, 4)));
    const holiday = y.holidays.get(date);
    if (holiday) return { date, kind: 'holiday', working: false, name: holiday };
    const makeup = y.workdays.get(date);
    if (makeup) return { date, kind: 'makeup_workday', working: true, name: makeup };
    const wd = weekday(date);
    if (wd === 0 || wd === 6) return { date, kind: 'weekend', working: false };
    return { date, kind: 'workday', working: true };
  }

  isWorkday(date: LegalDate): boolean {
    return this.day(date).working;
  }

  /** The first working day on or after `date`. */
  nextWorkdayOnOrAfter(date: LegalDate): LegalDate {
    let d = date;
    for (let i = 0; i < 400; i++, d = addDays(d, 1)) if (this.isWorkday(d)) return d;
    throw new Error(`no working day within 400 days of ${formatDateZh(date)}`);
  }

  /** Working days in (a, b]: the count of working days after a up to and including b. */
  workdaysBetween(a: LegalDate, b: LegalDate): number {
    if (b === a) return 0;
    if (b < a) return -this.workdaysBetween(b, a);
    let n = 0;
    for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (this.isWorkday(d)) n++;
    return n;
  }
}
