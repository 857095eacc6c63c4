import type { ClockUnit } from './ledger.ts';
import type { LegalDate } from './dates.ts';

/**
 * A deadline rule: law as data. Every clock a case starts names one of these. When a law changes,
 * a new row with a later `effectiveFrom` is added and a case uses the rule in force on the day it
 * was filed. Rules marked `sourced: false` have no national source: the value is a default that a
 * county may override (table `rule_overrides`), and the UI says so.
 */
export interface ClockRule {
  key: string;
  label: string;
  unit: ClockUnit;
  length: number;
  /** Natural-day periods: if the last day is not a working day, end on the next working day. */
  rollForward?: boolean;
  /** 黄牌 when no more than this remains (in the rule's unit). */
  yellowWithin: number;
  /** Upper bound for extensions in the rule's unit (undefined = no extension allowed by this rule). */
  maxExtension?: number;
  /** Article and instrument, e.g. '《政府信息公开条例》第三十三条第二款'. */
  basis: string;
  effectiveFrom: LegalDate;
  effectiveTo?: LegalDate;
  /** false = no national source found: a configurable default (DOMAIN.md "unsourced"). */
  sourced: boolean;
  /** May a county override the length? Always true for unsourced rules. */
  configurable: boolean;
  /**
   * What kind of limit it is, as shown on deadline cards: 法定 (set by law), 承诺 (the county's published promise,
   * shorter than the law's) or 本地规定 (a local default without a national source). Defaults from `sourced`.
   */
  limitKind?: LimitKind;
}

export type LimitKind = 'statutory' | 'promised' | 'local';

/** The kind of limit a rule sets (`limitKind`, else 法定 when sourced and 本地规定 when not). */
export function limitKindOf(rule: Pick<ClockRule, 'limitKind' | 'sourced'>): LimitKind {
  return rule.limitKind ?? (rule.sourced ? 'statutory' : 'local');
}

/** Pick the version of a rule in force on a date (the filing date of the case). */
export function ruleInForce(rules: ClockRule[], key: string, on: LegalDate): ClockRule | undefined {
  return rules
    .filter((r) => r.key === key && r.effectiveFrom <= on && (!r.effectiveTo || on <= r.effectiveTo))
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
}
