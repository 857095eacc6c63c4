import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WorkCalendar, CalendarYearUnknownError } from './calendar.ts';
import { OFFICIAL_CALENDAR } from './calendar-data.ts';
import { addDays, legalDateOf, weekday } from './dates.ts';
import { dueFrom } from './ledger.ts';

const cal = WorkCalendar.fromData(OFFICIAL_CALENDAR);
const due = (from: string, n: number, unit: 'workdays' | 'days' = 'workdays') => dueFrom(cal, from, n, unit).dueDate;

describe('WorkCalendar: unknown years are never guessed', () => {
  it('refuses 2027 (not loaded) instead of falling back to weekends', () => {
    expect(() => cal.isWorkday('2027-10-01')).toThrow(CalendarYearUnknownError);
    expect(dueFrom(cal, '2026-12-20', 20, 'workdays').status).toBe('unknown');
    expect(dueFrom(cal, '2026-12-20', 20, 'workdays').unknownYear).toBe(2027);
  });
  it('also refuses years before the data', () => {
    expect(() => cal.isWorkday('2020-06-01')).toThrow(CalendarYearUnknownError);
  });
});

// Per year: a long holiday, each make-up working day (Saturday or Sunday), and the year end.
describe.each([
  { year: 2021, off: ['2021-02-11', '2021-10-07', '2021-01-01'], makeup: ['2021-02-07', '2021-02-20', '2021-04-25', '2021-05-08', '2021-09-18', '2021-09-26', '2021-10-09'], ordinary: '2021-12-31' },
  { year: 2022, off: ['2022-01-31', '2022-10-03', '2022-12-31'], makeup: ['2022-01-29', '2022-01-30', '2022-04-02', '2022-04-24', '2022-05-07', '2022-10-08', '2022-10-09'], ordinary: '2022-12-30' },
  { year: 2023, off: ['2023-01-02', '2023-01-27', '2023-09-29', '2023-10-06'], makeup: ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08'], ordinary: '2023-12-29' },
  { year: 2024, off: ['2024-02-10', '2024-02-17', '2024-06-10', '2024-10-07'], makeup: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'], ordinary: '2024-12-31' },
  { year: 2025, off: ['2025-01-28', '2025-02-04', '2025-05-31', '2025-10-08'], makeup: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'], ordinary: '2025-12-31' },
  { year: 2026, off: ['2026-02-15', '2026-02-23', '2026-06-19', '2026-10-07'], makeup: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'], ordinary: '2026-12-31' },
])('$year', ({ off, makeup, ordinary }) => {
  it('days off are not working days', () => { for (const d of off) expect(cal.isWorkday(d), d).toBe(false); });
  it('make-up Saturdays and Sundays are working days', () => {
    for (const d of makeup) {
      expect([0, 6], d).toContain(weekday(d));
      expect(cal.isWorkday(d), d).toBe(true);
      expect(cal.day(d).kind).toBe('makeup_workday');
    }
  });
  it('an ordinary weekday at the year end is a working day', () => { expect(cal.isWorkday(ordinary)).toBe(true); });
});

describe('due dates across holidays (checked by hand)', () => {
  it('National Day 2021: 1 WD after 09-30 is 10-08; 5 WD counts the make-up Saturday 10-09', () => {
    expect(due('2021-09-30', 1)).toBe('2021-10-08');
    expect(due('2021-09-30', 5)).toBe('2021-10-13');
    expect(due('2021-09-30', 20)).toBe('2021-11-03');
  });
  it('Spring Festival 2024: from 02-08, 1 WD is 02-09 and 2 WD is the make-up Sunday 02-18', () => {
    expect(due('2024-02-08', 1)).toBe('2024-02-09');
    expect(due('2024-02-08', 2)).toBe('2024-02-18');
  });
  it('crosses a year end: 2025-12-30 + 3 WD skips the 2026 New Year holiday and counts the make-up Sunday 01-04', () => {
    expect(due('2025-12-30', 3)).toBe('2026-01-05');
  });
  it('natural days roll forward to the next working day when the last day is off', () => {
    expect(due('2021-09-20', 11, 'days')).toBe('2021-10-08'); // day 11 = 10-01 (National Day) → 10-08
    expect(due('2021-09-20', 10, 'days')).toBe('2021-09-30');
  });
  it('the start day is not counted; amount 0 ends on the start day', () => {
    expect(due('2026-06-15', 1)).toBe('2026-06-16');
    expect(due('2026-06-15', 0)).toBe('2026-06-15');
  });
  it('the explanation names the holidays skipped and the make-up day counted', () => {
    const v = dueFrom(cal, '2021-09-30', 20, 'workdays');
    const text = v.explanation.join('');
    expect(text).toContain('国庆节放假');
    expect(text).toContain('10月9日（星期六）为调休上班日，计入');
    expect(text).toContain('第20个工作日为2021年11月3日');
  });
});

describe('legal dates are Beijing dates whatever the server time zone', () => {
  it('an event at 20:00 +08:00 counts on its Chinese date, and 23:30 UTC is the next Chinese day', () => {
    expect(legalDateOf('2021-09-30T20:00:00+08:00')).toBe('2021-09-30');
    expect(legalDateOf('2021-09-30T16:30:00Z')).toBe('2021-10-01');
    expect(legalDateOf(new Date('2021-09-29T23:30:00Z'))).toBe('2021-09-30');
  });
});

describe('properties', () => {
  const dateArb = fc.integer({ min: 0, max: 6 * 365 - 120 }).map((n) => addDays('2021-01-01', n));
  it('a working-day due date is always a working day, and counting back gives N', () => {
    fc.assert(fc.property(dateArb, fc.integer({ min: 1, max: 60 }), (from, n) => {
      const d = due(from, n)!;
      expect(cal.isWorkday(d)).toBe(true);
      expect(cal.workdaysBetween(from, d)).toBe(n);
    }), { numRuns: 400 });
  });
  it('a natural-day due date with roll-forward is a working day, on or after from + N', () => {
    fc.assert(fc.property(dateArb, fc.integer({ min: 1, max: 60 }), (from, n) => {
      const d = due(from, n, 'days')!;
      expect(cal.isWorkday(d)).toBe(true);
      expect(d >= addDays(from, n)).toBe(true);
      // and no working day lies between from + N and the rolled date
      for (let x = addDays(from, n); x < d; x = addDays(x, 1)) expect(cal.isWorkday(x)).toBe(false);
    }), { numRuns: 300 });
  });
  it('due dates are monotonic in N', () => {
    fc.assert(fc.property(dateArb, fc.integer({ min: 1, max: 40 }), (from, n) => {
      expect(due(from, n)! < due(from, n + 1)!).toBe(true);
    }), { numRuns: 200 });
  });
});
