/**
 * (c) Due-date computations per second: the platform's `dueFrom` (official calendar with
 * holidays and 调休 make-up days, full ClockView) against a naive loop that counts weekdays
 * with plain Date arithmetic — the cheapest thing that could be called "20 working days".
 */
import { dueFrom, OFFICIAL_CALENDAR, WorkCalendar } from '@yifa/contracts';

export interface RateResult { label: string; ops: number; seconds: number; opsPerSec: number }

/** Random legal dates 2021-01-01 … 2026-11-30 (20 working days later stays inside the loaded years). */
export function randomDates(n: number, seed = 20260101): string[] {
  let s = seed >>> 0;
  const rnd = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
  const lo = Date.UTC(2021, 0, 1);
  const days = Math.floor((Date.UTC(2026, 10, 30) - lo) / 86_400_000);
  return Array.from({ length: n }, () => new Date(lo + Math.floor(rnd() * (days + 1)) * 86_400_000).toISOString().slice(0, 10));
}

/** Count `n` weekdays after `from` (Sat/Sun skipped, no holidays). */
export function naiveDue(from: string, n: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}

function rate(label: string, dates: string[], seconds: number, fn: (date: string) => string): RateResult {
  let sink = 0;
  // Warm-up (JIT) on a slice, then run whole passes until the time is up.
  for (let i = 0; i < Math.min(dates.length, 2000); i++) sink += fn(dates[i]).length;
  let ops = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  let i = 0;
  while (performance.now() < end) {
    // Chunks of 250 calls between clock reads, cycling through the dates.
    for (let k = 0; k < 250; k++, i = (i + 1) % dates.length) sink += fn(dates[i]).length;
    ops += 250;
  }
  const elapsed = (performance.now() - t0) / 1000;
  if (sink === 0) throw new Error('unreachable');
  return { label, ops, seconds: elapsed, opsPerSec: ops / elapsed };
}

export function benchDue(seconds: number): { platform: RateResult; baseline: RateResult; ratio: number; sample: { from: string; platform: string; naive: string } } {
  const cal = WorkCalendar.fromData(OFFICIAL_CALENDAR);
  const dates = randomDates(2000);
  const baseline = rate('naive weekday loop', dates, seconds, (d) => naiveDue(d, 20));
  const platform = rate("dueFrom(cal, d, 20, 'workdays')", dates, seconds, (d) => dueFrom(cal, d, 20, 'workdays').dueDate ?? '');
  const from = '2024-09-27'; // straddles the National Day holiday and its make-up days
  return {
    platform, baseline, ratio: platform.opsPerSec / baseline.opsPerSec,
    sample: { from, platform: String(dueFrom(cal, from, 20, 'workdays').dueDate), naive: naiveDue(from, 20) },
  };
}
