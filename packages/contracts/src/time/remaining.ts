import { CLOCK_UNIT_ZH, type ClockUnit } from './ledger.ts';

/** What a deadline card says of a clock's time left, as people say it. */
export interface RemainingZh {
  /** 计时中 / 已超期 / 今日到期 …, for the card's status tag (running clocks only). */
  overdue: boolean;
  /** 剩余 1 天 23 小时, 剩余 3 个工作日, 今日到期, 已超期 2 日. */
  text: string;
}

/**
 * Time left in plain Chinese, from a clock's `remaining` in its unit (negative when overdue). Hours are said in
 * whole days, hours and minutes (23.94 → 23 小时 56 分钟), never as a decimal; day units as whole days.
 */
export function remainingZh(remaining: number, unit: ClockUnit): RemainingZh {
  const overdue = remaining < 0;
  if (unit !== 'hours') {
    if (remaining === 0) return { overdue: false, text: '今日到期' };
    return { overdue, text: `${overdue ? '已超期' : '剩余'} ${Math.abs(remaining)} ${CLOCK_UNIT_ZH[unit]}` };
  }
  const minutes = Math.floor(Math.abs(remaining) * 60 + 1e-6);
  const d = Math.floor(minutes / 1440); const h = Math.floor((minutes % 1440) / 60); const m = minutes % 60;
  const parts = [d ? `${d} 天` : '', h ? `${h} 小时` : '', !d && m ? `${m} 分钟` : ''].filter(Boolean);
  if (parts.length === 0) return { overdue, text: overdue ? '刚刚超期' : '即将到期' };
  return { overdue, text: `${overdue ? '已超期' : '剩余'} ${parts.join(' ')}` };
}
