/**
 * Issue 10 item 12: a clock that runs into a year whose calendar is not loaded. A decision taken after
 * N counted working days, all in known years, is on time whatever the unknown year holds; only a
 * decision whose timeliness really depends on the unknown days is unknown.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WorkCalendar } from './calendar.ts';
import { OFFICIAL_CALENDAR, type CalendarYearData } from './calendar-data.ts';
import { addDays, weekday } from './dates.ts';
import { computeClock, type ClockEntry } from './ledger.ts';

const known = WorkCalendar.fromData(OFFICIAL_CALENDAR); // 2021–2026
const at = (d: string, t = '10:00') => new Date(`${d}T${t}:00+08:00`).toISOString();
const start = (d: string, length: number): ClockEntry => ({ kind: 'start', at: at(d), unit: 'workdays', length });
const stop = (d: string, t = '16:00'): ClockEntry => ({ kind: 'stop', at: at(d, t) });
const extend = (d: string, amount: number): ClockEntry => ({ kind: 'extend', at: at(d), amount, approver: '局长', reason: '情况复杂' });
const later = new Date(at('2027-03-01'));

describe('a clock reaching into a year whose calendar is not loaded', () => {
  it('a December decision on a 20 + 10 WD clock, taken after fewer counted days than the period, is on time', () => {
    // 2026-12-01 + 30 WD runs into 2027; by 12-28 only 18 working days (12-02 … 12-25) had been counted.
    const v = computeClock([start('2026-12-01', 20), extend('2026-12-10', 10), stop('2026-12-28')], known, later);
    expect(v).toMatchObject({ status: 'stopped', metDeadline: true, dueDate: null, level: 'normal', unknownYear: 2027 });
    expect(v.explanation.join('')).toContain('在期限内完成');
  });

  it('a decision in the unknown year is still on time when even counting every unknown day cannot reach the period', () => {
    // 22 working days in December 2026 after 12-01, plus at most 3 unknown days (01-01 … 01-03) before the decision on 01-04: 25 < 30.
    const v = computeClock([start('2026-12-01', 30), stop('2027-01-04')], known, later);
    expect(v).toMatchObject({ status: 'stopped', metDeadline: true, unknownYear: 2027 });
  });

  it('a decision whose timeliness depends on the unknown days stays unknown (never counted late)', () => {
    // 22 known working days, 23-day period: the decision on 2027-01-05 is late only if one of 01-01 … 01-04 is a working day.
    const v = computeClock([start('2026-12-01', 23), stop('2027-01-05')], known, later);
    expect(v).toMatchObject({ status: 'unknown', metDeadline: null, unknownYear: 2027 });
  });

  it('a decision in the unknown year after a deadline that fell in a known year is late', () => {
    // 2026-11-02 + 20 WD = 2026-11-30; decided 2027-01-05.
    const v = computeClock([start('2026-11-02', 20), stop('2027-01-05')], known, later);
    expect(v).toMatchObject({ status: 'stopped', metDeadline: false, dueDate: '2026-11-30', level: 'red' });
  });

  it('an open clock whose period runs into the unknown year stays unknown', () => {
    const v = computeClock([start('2026-12-01', 30)], known, new Date(at('2026-12-20')));
    expect(v).toMatchObject({ status: 'unknown', metDeadline: null, unknownYear: 2027 });
  });

  it('an open clock that fell due in a known year is overdue even when today is in an unknown year', () => {
    const v = computeClock([start('2026-11-02', 20)], known, new Date(at('2027-01-05')));
    expect(v).toMatchObject({ status: 'running', level: 'red', dueDate: '2026-11-30', remaining: null });
  });

  it('time paused before the decision is not counted, in known and unknown years alike', () => {
    // 21 WD period, 22 known working days in December, but 12-07 … 12-11 (5 WD) paused: 17 known + at most 3 unknown before 01-04 < 21.
    const paused: ClockEntry[] = [{ kind: 'pause', at: at('2026-12-06'), reason: '补正' }, { kind: 'resume', at: at('2026-12-11') }];
    const v = computeClock([start('2026-12-01', 21), ...paused, stop('2027-01-04')], known, later);
    expect(v).toMatchObject({ status: 'stopped', metDeadline: true });
  });
});

/** A 2027 calendar: any set of days off among its first 60 days, and any weekend days made working days. */
const year2027 = fc.record({
  off: fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { maxLength: 20 }),
  makeup: fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { maxLength: 6 }),
}).map(({ off, makeup }): CalendarYearData => {
  const day = (i: number) => addDays('2027-01-01', i);
  const offDays = off.map(day);
  const work = makeup.map(day).filter((d) => [0, 6].includes(weekday(d)) && !offDays.includes(d));
  const holidays = offDays.map((d) => ({ name: '假日', days: d.slice(5) }));
  return { year: 2027, notice: '假设的2027年安排', source: 'test', holidays, workdays: work.map((d) => d.slice(5)) };
});

describe('property: a decided clock never changes its answer when the unknown year is loaded', () => {
  it('whatever 2027 holds, a clock decided without it keeps its answer; one stopped before 2027 is always decided', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 45 }), fc.integer({ min: 0, max: 80 }),
      fc.option(fc.integer({ min: 1, max: 15 })), year2027,
      (startOffset, length, stopAfter, ext, y2027) => {
        const s = addDays('2026-11-01', startOffset);
        const stopDay = addDays(s, stopAfter);
        const entries: ClockEntry[] = [start(s, length), ...(ext ? [extend(s, ext)] : []), stop(stopDay)];
        const partial = computeClock(entries, known, later);
        const full = computeClock(entries, WorkCalendar.fromData([...OFFICIAL_CALENDAR, y2027]), later);
        expect(full.status).toBe('stopped');
        if (partial.status === 'stopped') expect(partial.metDeadline).toBe(full.metDeadline);
        else expect(partial.status).toBe('unknown');
        if (stopDay < '2027-01-01') expect(partial.status).toBe('stopped');
      },
    ), { numRuns: 400, seed: 20261201 });
  });
});
