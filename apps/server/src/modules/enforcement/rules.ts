/**
 * Pure functions of the 行政处罚 case: the 裁量基准 range that applies, and the 加处罚款 of Art. 72 (property-tested in
 * rules.test.ts). Module code passes them what the ledger and the tables said; they do no date arithmetic of their own.
 */
import { SURCHARGE_RULES } from './workflow.ts';

export type Circumstance = '轻微' | '一般' | '较重' | '严重';
/** A 基准 row in force on the day of 告知. */
export interface DiscretionRow { id: string; version: string; circumstance: string; min: number; max: number; basis: string }
/** 从轻 / 减轻 / 从重 情节 (《行政处罚法》第三十二条 从轻或者减轻; 从重 by the 基准). */
export const FACTORS = ['从轻', '减轻', '从重'] as const;
/**
 * The applied range: the 情形's row (`min`–`max`), narrowed by the 情节 to `from`–`to` — 从轻: the lower `share` of the range, 从重: the
 * upper `share`, both: the whole range (they offset), 减轻: below the row's minimum (0–min). `share` is a county setting (unsourced).
 */
export interface AppliedDiscretion {
  id: string; version: string; circumstance: string; min: number; max: number; basis: string; factors: string[]; from: number; to: number; deviates: boolean;
}

/** The range of the recorded 情形 and 情节 among the rows in force, and whether the proposed fine leaves it (null: no 基准 for it). */
export function applyDiscretion(
  rows: readonly DiscretionRow[], circumstance: string | undefined, fine: number | undefined, factors: readonly string[] = [], share = 0.5,
): AppliedDiscretion | null {
  if (!circumstance) return null;
  const b = rows.find((r) => r.circumstance === circumstance);
  if (!b) return null;
  const span = (b.max - b.min) * share;
  const lighter = factors.includes('从轻'); const heavier = factors.includes('从重');
  const [from, to] = factors.includes('减轻') ? [0, b.min]
    : lighter && !heavier ? [b.min, Math.round(b.min + span)]
      : heavier && !lighter ? [Math.round(b.max - span), b.max] : [b.min, b.max];
  const deviates = fine !== undefined && fine !== null && (fine < from || fine > to);
  return { ...b, factors: [...factors], from, to, deviates };
}

/**
 * 加处罚款 (Art. 72 ¶1 (一)): `daysLate` whole days past the payment period (the ledger's due date to the payment date), at the rule's
 * rate per day of the fine, capped at the fine. In 元 rounded to the fen.
 */
export function lateSurcharge(fine: number, daysLate: number, rule: (typeof SURCHARGE_RULES)[number] = SURCHARGE_RULES[0]): number {
  if (!(fine > 0) || !(daysLate > 0)) return 0;
  const raw = Math.round(fine * 100 * rule.ratePerDay * Math.floor(daysLate)) / 100;
  return rule.capAtFine ? Math.min(raw, fine) : raw;
}
