import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { remainingZh } from './remaining.ts';

describe('remainingZh: time left as people say it', () => {
  it('says hours in whole hours and minutes, never a decimal', () => {
    expect(remainingZh(23.94, 'hours').text).toBe('剩余 23 小时 56 分钟');
    expect(remainingZh(47.5, 'hours').text).toBe('剩余 1 天 23 小时');
    expect(remainingZh(24, 'hours').text).toBe('剩余 1 天');
    expect(remainingZh(0.5, 'hours').text).toBe('剩余 30 分钟');
    expect(remainingZh(0.001, 'hours').text).toBe('即将到期');
  });
  it('says overdue clocks are overdue, by how much', () => {
    expect(remainingZh(-3.25, 'hours')).toEqual({ overdue: true, text: '已超期 3 小时 15 分钟' });
    expect(remainingZh(-2, 'workdays')).toEqual({ overdue: true, text: '已超期 2 个工作日' });
    expect(remainingZh(-1, 'days')).toEqual({ overdue: true, text: '已超期 1 日' });
  });
  it('says day units in whole days, and the last day as 今日到期', () => {
    expect(remainingZh(3, 'workdays').text).toBe('剩余 3 个工作日');
    expect(remainingZh(0, 'workdays')).toEqual({ overdue: false, text: '今日到期' });
  });
  it('never prints a decimal point, whatever the hours', () => {
    fc.assert(fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), (h) => {
      const r = remainingZh(h, 'hours');
      expect(r.text).not.toMatch(/\d\.\d/);
      expect(r.overdue).toBe(h < 0);
    }));
  });
});
