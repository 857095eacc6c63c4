/**
 * Legal dates. Every legal date is a calendar day in China Standard Time (Asia/Shanghai, UTC+8,
 * no daylight saving since 1991), whatever the server's own time zone. Dates are carried as
 * 'YYYY-MM-DD' strings; instants as ISO strings or Date. This file is the only place that turns
 * one into the other; modules never do date arithmetic (they ask the deadline ledger).
 */
export type LegalDate = string;

const CST_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
export const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The Chinese legal date of an instant (20:00 UTC is already the next day in Beijing). */
export function legalDateOf(instant: Date | string): LegalDate {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** True if s is a real calendar date 'YYYY-MM-DD' (rejects 2021-02-30). */
export function isLegalDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  return new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
}

function toUtcMs(d: LegalDate): number {
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
}

export function addDays(d: LegalDate, n: number): LegalDate {
  return new Date(toUtcMs(d) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from a to b (b - a). */
export function diffDays(a: LegalDate, b: LegalDate): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(d: LegalDate): number {
  return new Date(toUtcMs(d)).getUTCDay();
}

export const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/**
 * An instant some hours after (negative: before) another. For protocol windows and demo data that step through
 * hours; never for a legal period, which the deadline ledger counts.
 */
export function addHours(instant: Date | string, hours: number): Date {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + Math.round(hours * 3600_000));
}

/** The instant of a Beijing wall-clock time on a legal date ('2026-06-15', 9 → 09:00 Beijing). */
export function beijingTime(d: LegalDate, hour: number, minute = 0): Date {
  return new Date(toUtcMs(d) - CST_OFFSET_MS + (hour * 60 + minute) * 60_000);
}

/** The last instant of a legal date, 23:59:59.999 in Beijing. */
export function endOfLegalDate(d: LegalDate): Date {
  return new Date(toUtcMs(d) + DAY_MS - CST_OFFSET_MS - 1);
}

/** The first instant of a legal date, 00:00 in Beijing. */
export function startOfLegalDate(d: LegalDate): Date {
  return new Date(toUtcMs(d) - CST_OFFSET_MS);
}

/** An instant as a W3C/ISO datetime with the +08:00 offset (e.g. for Open311). */
export function toCstIso(instant: Date | string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + CST_OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

/** '2021年10月8日' */
export function formatDateZh(d: LegalDate): string {
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}

/** '10月8日' (within an explanation where the year is obvious) */
export function formatMonthDayZh(d: LegalDate): string {
  return `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}

/** '2021年10月8日 14:05' in Beijing time. */
export function formatInstantZh(instant: Date | string): string {
  const iso = toCstIso(instant);
  return `${formatDateZh(iso.slice(0, 10))} ${iso.slice(11, 16)}`;
}

/** The period of the same number of days immediately before [from, to] (inclusive legal dates), e.g. for 环比. */
export function previousPeriod(from: LegalDate, to: LegalDate): { from: LegalDate; to: LegalDate; days: number } {
  const days = diffDays(from, to) + 1;
  return { from: addDays(from, -days), to: addDays(from, -1), days };
}
