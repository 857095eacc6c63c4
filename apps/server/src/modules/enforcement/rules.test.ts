/** Properties of the pure 行政处罚 functions: 加处罚款 (Art. 72) and the 裁量基准 range. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyDiscretion, lateSurcharge } from './rules.ts';

describe('加处罚款 (Art. 72 ¶1 (一))', () => {
  it('is 0 on time, 3% of the fine per day late, never above the fine, never decreasing with time', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: -30, max: 400 }), (fine, days) => {
      const s = lateSurcharge(fine, days);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(fine);
      if (days <= 0) expect(s).toBe(0);
      else expect(s).toBeCloseTo(Math.min(fine, fine * 0.03 * days), 1);
      expect(lateSurcharge(fine, days + 1)).toBeGreaterThanOrEqual(s);
    }));
  });
  it('reaches the cap after 34 days (34 × 3% > 100%)', () => {
    expect(lateSurcharge(1000, 1)).toBe(30);
    expect(lateSurcharge(1000, 33)).toBe(990);
    expect(lateSurcharge(1000, 34)).toBe(1000);
    expect(lateSurcharge(0, 10)).toBe(0);
  });
});

describe('裁量基准 range', () => {
  const rows = [{ id: 'a', version: '2026版', circumstance: '一般', min: 5000, max: 10000, basis: '基准' }];
  it('deviates exactly when the fine is outside [min, max]; no 情形 or no row: nothing applies', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 20000 }), (fine) => {
      expect(applyDiscretion(rows, '一般', fine)!.deviates).toBe(fine < 5000 || fine > 10000);
    }));
    expect(applyDiscretion(rows, undefined, 1)).toBeNull();
    expect(applyDiscretion(rows, '严重', 1)).toBeNull();
    expect(applyDiscretion(rows, '一般', undefined)!.deviates).toBe(false);
  });
  it('情节 narrow the range: 从轻 the lower share, 从重 the upper, both the whole, 减轻 below the minimum; always within 0–max', () => {
    fc.assert(fc.property(fc.subarray(['从轻', '减轻', '从重']), fc.double({ min: 0.1, max: 0.9, noNaN: true }), (factors, share) => {
      const a = applyDiscretion(rows, '一般', undefined, factors, share)!;
      expect(a.from).toBeGreaterThanOrEqual(0);
      expect(a.from).toBeLessThanOrEqual(a.to);
      expect(a.to).toBeLessThanOrEqual(10000);
      if (factors.includes('减轻')) expect([a.from, a.to]).toEqual([0, 5000]);
      else if (factors.includes('从轻') && !factors.includes('从重')) expect(a).toMatchObject({ from: 5000, to: Math.round(5000 + 5000 * share) });
      else if (factors.includes('从重') && !factors.includes('从轻')) expect(a).toMatchObject({ from: Math.round(10000 - 5000 * share), to: 10000 });
      else expect([a.from, a.to]).toEqual([5000, 10000]);
    }));
    expect(applyDiscretion(rows, '一般', 8000, ['从轻'])!.deviates).toBe(true);
    expect(applyDiscretion(rows, '一般', 8000, ['从重'])!.deviates).toBe(false);
  });
});
