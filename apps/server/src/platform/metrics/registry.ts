/**
 * A metric is defined once: key, Chinese label, definition, unit, legal basis, one SQL query over
 * a period and an org scope, and a drill-down that returns the records behind the number.
 * Dashboards, the API, exports and reports all use these definitions; a figure is never typed in.
 */
import type { Conn } from '../db/client.ts';

export interface MetricScope {
  /** Inclusive legal dates. */
  from: string;
  to: string;
  /** Org subtree (materialised path prefix) or null for everything the viewer may see. */
  orgPath: string | null;
  /** Region (tenancy). */
  region: string;
}

export interface MetricValue {
  value: number | null;
  numerator?: number;
  denominator?: number;
}

export interface MetricDimension { key: string; label: string }

export interface MetricDef {
  key: string;
  module: string;
  label: string;
  /** Formula in words, with what the denominator excludes. */
  definition: string;
  unit: '件' | '%' | '日' | '工作日' | '小时' | '次' | '个' | '元';
  basis: string;
  dimensions: MetricDimension[];
  compute(conn: Conn, scope: MetricScope, groupBy?: string): Promise<MetricValue & { groups?: { key: string; label: string; value: number | null; numerator?: number; denominator?: number }[] }>;
  drilldown(conn: Conn, scope: MetricScope, opts: { group?: string; groupBy?: string; limit: number; offset: number }): Promise<{ columns: { key: string; label: string }[]; items: Record<string, unknown>[]; total: number }>;
}

export function ratio(numerator: number, denominator: number): MetricValue {
  return { value: denominator === 0 ? null : Math.round((numerator / denominator) * 10000) / 100, numerator, denominator };
}
