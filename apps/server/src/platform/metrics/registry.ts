/**
 * A metric is defined once: key, Chinese label, definition, unit, legal basis, one SQL query over
 * a period and an org scope, and a drill-down that returns the records behind the number.
 * Dashboards, the API, exports, module pages and reports all read these definitions (most are built
 * with the kit in ./kit.ts); a figure is never typed in, and never counted by a second query.
 */
import type { Conn } from '../db/client.ts';

export interface MetricScope {
  /** Inclusive legal dates. */
  from: string;
  to: string;
  /** Org subtree (materialised path prefix) or null for everything the viewer may see. */
  orgPath: string | null;
  /** Only the org of `orgPath` itself, not its subtree (a report of one org; honoured by kit metrics). */
  orgExact?: boolean;
  /** Region (tenancy). */
  region: string;
  /** The moment the figure is computed at: an open item whose deadline passed before it counts as late. */
  now: Date;
}

export interface MetricValue {
  value: number | null;
  numerator?: number;
  denominator?: number;
  /**
   * Items of the period whose timeliness cannot be decided yet (their clock runs into a year whose calendar is not
   * loaded): neither in the numerator nor in the denominator, and said, instead of being counted late.
   */
  unknown?: number;
}

export interface MetricGroup extends MetricValue { key: string; label: string }

export interface MetricDimension { key: string; label: string }

/** Which records a drill-down lists: those of the numerator, of the denominator, or the undecided ones. */
export type MetricPart = 'numerator' | 'denominator' | 'unknown';
export const METRIC_PARTS: readonly MetricPart[] = ['numerator', 'denominator', 'unknown'];

export interface DrillOptions { group?: string; groupBy?: string; part?: MetricPart; limit: number; offset: number }

export interface DrillResult { columns: { key: string; label: string }[]; items: Record<string, unknown>[]; total: number }

export interface MetricDef {
  key: string;
  module: string;
  label: string;
  /** Formula in words: what the denominator excludes, and how stopped or undecided clocks count. */
  definition: string;
  unit: '件' | '%' | '日' | '工作日' | '小时' | '次' | '个' | '元' | '万元' | '人';
  basis: string;
  dimensions: MetricDimension[];
  /** A ratio's named numerator and denominator (and undecided items): the parts its drill-down can list. */
  parts?: { numerator: string; denominator: string; unknown?: string };
  compute(conn: Conn, scope: MetricScope, groupBy?: string): Promise<MetricValue & { groups?: MetricGroup[] }>;
  drilldown(conn: Conn, scope: MetricScope, opts: DrillOptions): Promise<DrillResult>;
}

export function ratio(numerator: number, denominator: number): MetricValue {
  return { value: denominator === 0 ? null : Math.round((numerator / denominator) * 10000) / 100, numerator, denominator };
}
