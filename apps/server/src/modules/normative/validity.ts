/**
 * 有效期: a document in force from its 施行日期 for N years ends the day before the same calendar date N years later
 * (29 February → 28 February in a common year). No national figure (DOMAIN.md §4.4): N is county data (settings.ts).
 */
import type { LegalDate } from '@yifa/contracts';

export function validUntilOf(effectiveOn: LegalDate, years: number): LegalDate {
  const [y, m, d] = effectiveOn.split('-').map(Number);
  const target = new Date(Date.UTC(y + years, m - 1, 1));
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  target.setUTCDate(target.getUTCDate() - 1);
  return target.toISOString().slice(0, 10);
}
