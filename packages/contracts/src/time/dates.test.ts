import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, diffDays, previousPeriod } from './dates.ts';

describe('previousPeriod', () => {
  it('is the period of the same length just before, across month, leap-day and year ends', () => {
    expect(previousPeriod('2026-04-01', '2026-04-30')).toEqual({ from: '2026-03-02', to: '2026-03-31', days: 30 });
    expect(previousPeriod('2024-03-01', '2024-03-31')).toEqual({ from: '2024-01-30', to: '2024-02-29', days: 31 });
    expect(previousPeriod('2027-01-01', '2027-01-01')).toEqual({ from: '2026-12-31', to: '2026-12-31', days: 1 });
  });
  it('property: adjacent, same length, never overlapping', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 400 }), (a, n) => {
      const from = addDays('2021-01-01', a);
      const to = addDays(from, n);
      const p = previousPeriod(from, to);
      expect(diffDays(p.from, p.to)).toBe(diffDays(from, to));
      expect(addDays(p.to, 1)).toBe(from);
    }), { seed: 7 });
  });
});
