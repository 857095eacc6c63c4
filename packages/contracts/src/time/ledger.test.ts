import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WorkCalendar } from './calendar.ts';
import { OFFICIAL_CALENDAR } from './calendar-data.ts';
import { computeClock, type ClockEntry } from './ledger.ts';
import { addDays } from './dates.ts';

const cal = WorkCalendar.fromData(OFFICIAL_CALENDAR);
const at = (d: string, t = '10:00') => new Date(`${d}T${t}:00+08:00`).toISOString();
const start = (d: string, length = 20, unit: 'workdays' | 'days' | 'hours' = 'workdays'): ClockEntry => ({ kind: 'start', at: at(d), unit, length });

describe('deadline ledger', () => {
  it('rejects malformed entry lists', () => {
    expect(() => computeClock([], cal, new Date())).toThrow();
    expect(() => computeClock([start('2021-03-01'), { kind: 'resume', at: at('2021-03-02') }], cal, new Date())).toThrow(/未暂停/);
    expect(() => computeClock([start('2021-03-01'), { kind: 'stop', at: at('2021-03-02') }, { kind: 'pause', at: at('2021-03-03'), reason: 'x' }], cal, new Date())).toThrow(/已结束/);
  });

  it('a pause (third-party consultation) does not count the days paused', () => {
    // 2021-03-01 (Mon) + 20 WD = 2021-03-29. Paused 03-03 → 03-10 (5 working days 03-04..03-10) → 2021-04-06 (清明 04-03..05 skipped).
    const base = computeClock([start('2021-03-01')], cal, new Date(at('2021-03-02')));
    expect(base.dueDate).toBe('2021-03-29');
    const v = computeClock([start('2021-03-01'), { kind: 'pause', at: at('2021-03-03'), reason: '征求第三方意见' }, { kind: 'resume', at: at('2021-03-10') }], cal, new Date(at('2021-03-11')));
    expect(v.dueDate).toBe('2021-04-06');
    expect(v.explanation.join('')).toContain('征求第三方意见暂停计时');
  });

  it('while paused the clock is "paused" with a provisional due date', () => {
    const v = computeClock([start('2021-03-01'), { kind: 'pause', at: at('2021-03-03'), reason: '补正' }], cal, new Date(at('2021-03-05')));
    expect(v.status).toBe('paused');
    expect(v.dueDate).toBe('2021-03-31'); // two working days (03-04, 03-05) not counted so far
  });

  it('an extension adds to the period and is explained with approver and reason', () => {
    const v = computeClock([start('2021-03-01'), { kind: 'extend', at: at('2021-03-20'), amount: 20, approver: '公开办主任', reason: '需调取档案' }], cal, new Date(at('2021-03-21')));
    expect(v.totalLength).toBe(40);
    expect(v.dueDate).toBe('2021-04-26'); // counts the make-up Sunday 04-25, skips 清明 04-03..05
    expect(v.explanation.join('')).toContain('经公开办主任批准延长20个工作日');
  });

  it('a restart (补正 received) counts the full period again from the restart day', () => {
    const v = computeClock([start('2021-03-01'), { kind: 'restart', at: at('2021-03-15'), reason: '收到补正后的申请' }], cal, new Date(at('2021-03-16')));
    expect(v.dueDate).toBe('2021-04-13'); // 03-15 + 20 WD, skipping 清明 04-03..05
  });

  it('warning levels: normal, 黄牌 within the margin, 红牌 when overdue; stopped clocks say if they were on time', () => {
    const e = [start('2021-03-01', 5)];
    expect(computeClock(e, cal, new Date(at('2021-03-02')), { yellowWithin: 1 }).level).toBe('normal');
    expect(computeClock(e, cal, new Date(at('2021-03-07')), { yellowWithin: 1 }).level).toBe('yellow');
    expect(computeClock(e, cal, new Date(at('2021-03-09')), { yellowWithin: 1 }).level).toBe('red');
    const late = computeClock([...e, { kind: 'stop', at: at('2021-03-10') }], cal, new Date(at('2021-04-01')));
    expect(late.status).toBe('stopped');
    expect(late.metDeadline).toBe(false);
    const onTime = computeClock([...e, { kind: 'stop', at: at('2021-03-08', '23:00') }], cal, new Date(at('2021-04-01')));
    expect(onTime.metDeadline).toBe(true);
  });

  it('hours: natural hours from the start, pauses added', () => {
    const v = computeClock([start('2021-10-01', 24, 'hours')], cal, new Date(at('2021-10-01', '12:00')));
    expect(v.dueAt).toBe(new Date(at('2021-10-02')).toISOString());
    const p = computeClock([start('2021-10-01', 2, 'hours'), { kind: 'pause', at: at('2021-10-01', '11:00'), reason: 'x' }, { kind: 'resume', at: at('2021-10-01', '12:00') }], cal, new Date(at('2021-10-01', '12:00')));
    expect(p.dueAt).toBe(new Date(at('2021-10-01', '13:00')).toISOString());
  });

  it('an unloaded year gives status unknown with a clear message, never a guess', () => {
    const v = computeClock([start('2026-12-15')], cal, new Date(at('2026-12-16')));
    expect(v.status).toBe('unknown');
    expect(v.explanation[0]).toContain('2027年法定节假日安排尚未载入');
  });

  it('a restart after a stop opens a new round (a second consultation); only a restart may follow a stop', () => {
    const first: ClockEntry[] = [start('2021-03-01', 15), { kind: 'stop', at: at('2021-03-05') }];
    expect(() => computeClock([...first, { kind: 'extend', at: at('2021-03-08'), amount: 1, approver: 'x', reason: 'y' }], cal, new Date())).toThrow(/已结束/);
    const v = computeClock([...first, { kind: 'restart', at: at('2021-03-08'), reason: '发出征求意见书' }], cal, new Date(at('2021-03-09')));
    expect(v.status).toBe('running');
    expect(v.dueDate).toBe('2021-03-29'); // 03-08 + 15 WD
    expect(v.explanation.join('')).toContain('发出征求意见书，期限自该日重新计算');
    const done = computeClock([...first, { kind: 'restart', at: at('2021-03-08'), reason: '再征求' }, { kind: 'stop', at: at('2021-03-10') }], cal, new Date(at('2021-03-11')));
    expect(done.status).toBe('stopped');
    expect(done.metDeadline).toBe(true);
  });

  it('an extension under a rule of its own (延迟答复) is explained with its label and basis', () => {
    const v = computeClock([start('2021-03-01'), { kind: 'extend', at: at('2021-03-02'), amount: 30, approver: '局长', reason: '数量明显超过合理范围', rule: 'r', label: '延迟答复', basis: '第三十五条' }], cal, new Date(at('2021-03-03')));
    expect(v.totalLength).toBe(50);
    expect(v.explanation.join('')).toContain('经局长批准延迟答复，延长30个工作日（理由：数量明显超过合理范围；依据：第三十五条）');
  });

  it('a clock in rounds is met only if every round was: a late first round stays a missed deadline', () => {
    const late: ClockEntry[] = [start('2021-03-01', 5), { kind: 'stop', at: at('2021-03-15') }];
    const again: ClockEntry[] = [...late, { kind: 'restart', at: at('2021-03-16'), reason: '重办' }, { kind: 'stop', at: at('2021-03-17') }];
    const v = computeClock(again, cal, new Date(at('2021-03-18')));
    expect(v.dueDate).toBe('2021-03-23'); // the last round's own period
    expect(v.metDeadline).toBe(false);
    expect(v.explanation.at(-1)).toContain('此前一轮计时已超过期限');
    // a round in time after rounds in time: met; a running round: not decided yet
    const fine: ClockEntry[] = [start('2021-03-01', 5), { kind: 'stop', at: at('2021-03-02') }, { kind: 'restart', at: at('2021-03-03'), reason: '重办' }, { kind: 'stop', at: at('2021-03-04') }];
    expect(computeClock(fine, cal, new Date(at('2021-03-05'))).metDeadline).toBe(true);
    expect(computeClock(again.slice(0, 3), cal, new Date(at('2021-03-17'))).metDeadline).toBeNull();
  });

  it('property: a clock in rounds is met exactly when each round, computed alone, was met; it is due when its last round is', () => {
    const day = fc.integer({ min: 0, max: 30 });
    fc.assert(fc.property(fc.integer({ min: 1, max: 10 }), fc.array(fc.tuple(day, day), { minLength: 1, maxLength: 4 }), (length, rounds) => {
      // each round: a gap (days after the previous stop), then answered after `dur` days; every round runs the clock's length anew
      const entries: ClockEntry[] = [];
      const alone: ReturnType<typeof computeClock>[] = [];
      let d = '2021-03-01';
      for (const [i, [gap, dur]] of rounds.entries()) {
        d = addDays(d, gap);
        const stop = addDays(d, dur);
        const own: ClockEntry[] = [{ kind: 'start', at: at(d), unit: 'workdays', length }, { kind: 'stop', at: at(stop, '11:00') }];
        alone.push(computeClock(own, cal, new Date(at(stop, '12:00'))));
        entries.push(i === 0 ? own[0] : { kind: 'restart', at: at(d), reason: '重办' }, own[1]);
        d = addDays(stop, 1);
      }
      const v = computeClock(entries, cal, new Date(at(d)));
      expect(v.status).toBe('stopped');
      expect(v.dueAt).toBe(alone.at(-1)!.dueAt);
      expect(v.metDeadline).toBe(alone.every((r) => r.metDeadline));
    }), { numRuns: 200 });
  });
});

describe('a restart begins the statutory period anew (issue 10 item 5)', () => {
  const now = new Date(at('2026-06-30'));
  it('an extension granted before a restart no longer applies; one granted after it does', () => {
    const before: ClockEntry[] = [start('2026-04-01'), { kind: 'extend', at: at('2026-04-02'), amount: 10, approver: '负责人', reason: '调档' },
      { kind: 'pause', at: at('2026-04-03'), reason: '补正' }, { kind: 'restart', at: at('2026-04-10'), reason: '收到补正' }];
    const plain: ClockEntry[] = [start('2026-04-10')];
    const v = computeClock(before, cal, now);
    expect(v.totalLength).toBe(20);
    expect(v.dueDate).toBe(computeClock(plain, cal, now).dueDate);
    expect(v.explanation.join('')).toContain('不再适用');
    const after = computeClock([...before, { kind: 'extend', at: at('2026-04-13'), amount: 5, approver: '负责人', reason: '涉及第三方' }], cal, now);
    expect(after.totalLength).toBe(25);
  });

  it('property: whatever was extended before the last restart, the due date is that of a clock started at the restart', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 1, max: 20 }), { maxLength: 3 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 15 }),
      (amounts, restartAfter, extendAfter) => {
        const s = '2026-02-02';
        const r = addDays(s, restartAfter);
        const entries: ClockEntry[] = [start(s), ...amounts.map((a, i) => ({ kind: 'extend' as const, at: at(s, `1${i}:00`), amount: a, approver: '负责人',
          reason: '理由' })),
          { kind: 'restart', at: at(r), reason: '收到补正' }];
        const fresh: ClockEntry[] = [start(r)];
        if (extendAfter > 0) {
          const e: ClockEntry = { kind: 'extend', at: at(r, '11:00'), amount: extendAfter, approver: '负责人', reason: '理由' };
          entries.push(e);
          fresh.push(e);
        }
        expect(computeClock(entries, cal, now).dueDate).toBe(computeClock(fresh, cal, now).dueDate);
      },
    ), { seed: 20261130, numRuns: 200 });
  });
});
