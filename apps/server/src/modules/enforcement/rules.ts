/**
 * Pure functions of the 行政处罚 case: the 裁量基准 range that applies, and the 加处罚款 of Art. 72 (property-tested in
 * rules.test.ts). Module code passes them what the ledger and the tables said; they do no date arithmetic of their own.
 */
import { SURCHARGE_RULES } from './workflow.ts';

export type Circumstance = '轻微' | '一般' | '较重' | '严重';
/** A 基准 row in force on the day of 告知. */
export interface DiscretionRow { id: string; version: string; circumstance: string; min: number; max: number; basis: string }
export interface AppliedDiscretion { id: string; version: string; circumstance: string; min: number; max: number; basis: string; deviates: boolean }

/** The range of the recorded 情形 among the rows in force, and whether the proposed fine leaves it (null: no 基准 for it). */
export function applyDiscretion(rows: readonly DiscretionRow[], circumstance: string | undefined, fine: number | undefined): AppliedDiscretion | null {
  if (!circumstance) return null;
  const b = rows.find((r) => r.circumstance === circumstance);
  if (!b) return null;
  const deviates = fine !== undefined && fine !== null && (fine < b.min || fine > b.max);
  return { ...b, deviates };
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
