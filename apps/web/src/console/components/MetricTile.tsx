import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { Card, Select, Spin, Statistic, Tooltip, Typography } from 'antd';
import { api, type Query } from '../../lib/api.ts';
import { fmtDateTime, fmtValue } from '../../lib/format.ts';
import { CaseLink } from './CaseLink.tsx';
import { t } from '../../lib/i18n.ts';
import type { CaseTypeInfo, MetricDef } from './data.ts';

const BarChart = lazy(() => import('./BarChart.tsx'));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export interface MetricValue {
  key: string; label: string; unit: string; value: number | null; numerator?: number; denominator?: number;
  groups?: { key: string; label: string; value: number | null }[];
}

/**
 * Some metrics (the spine's) group by a case type and list raw type/state codes: show them as the
 * workflow's labels. Other labels pass through.
 */
export function labeller(types: CaseTypeInfo[]) {
  const byType = new Map(types.map((x) => [x.type, x]));
  return {
    group: (key: string, label: string) => (label === key ? byType.get(key)?.label ?? label : label),
    /** A drill-down cell in words: types and states by their labels, instants in Beijing time, case numbers as links to the case. */
    cell: (col: string, v: unknown, row: Record<string, unknown>): ReactNode => {
      if (typeof v !== 'string') return fmtValue(v);
      if (col === 'number' || col === 'case_number') return <CaseLink number={v} id={typeof row.id === 'string' && UUID.test(row.id) ? row.id : undefined} />;
      if (col === 'type') return byType.get(v)?.label ?? v;
      if (col === 'state' && typeof row.type === 'string') return byType.get(row.type)?.states[v]?.label ?? v;
      if (INSTANT.test(v)) return fmtDateTime(v);
      return v;
    },
  };
}
export type Labeller = ReturnType<typeof labeller>;

/** One metric: its value (a click drills into the records), a chart by the chosen dimension, its basis. */
export function MetricTile({ def, period, org, onDrill, labels }: {
  def: MetricDef; period: Query; org?: string; labels: Labeller; onDrill: (group?: string, groupBy?: string, groupLabel?: string) => void;
}) {
  const [groupBy, setGroupBy] = useState<string | undefined>(def.dimensions[0]?.key);
  const [v, setV] = useState<MetricValue | null>(null);
  const [err, setErr] = useState<string | null>(null);
  // A county has dozens of metrics: a tile asks the server only once it scrolls into view.
  const box = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    if (seen || !box.current) return;
    if (typeof IntersectionObserver === 'undefined') { setSeen(true); return; }
    const io = new IntersectionObserver((es) => { if (es.some((e) => e.isIntersecting)) setSeen(true); }, { rootMargin: '200px' });
    io.observe(box.current);
    return () => io.disconnect();
  }, [seen]);
  useEffect(() => {
    if (!seen) return;
    let live = true;
    setV(null); setErr(null);
    api.get<MetricValue>(`/api/v1/metrics/${encodeURIComponent(def.key)}`, { ...period, org, groupBy })
      .then((x) => { if (live) setV(x); }, (e: Error) => { if (live) setErr(e.message); });
    return () => { live = false; };
  }, [seen, def.key, period, org, groupBy]);
  return (
    <Card ref={box} size="small" style={{ height: '100%' }} title={<Tooltip title={def.definition}>{def.label}</Tooltip>} data-testid={`metric-${def.key}`}
      extra={def.dimensions.length > 0 && <Select size="small" value={groupBy} onChange={setGroupBy} style={{ width: 120 }} allowClear
        placeholder={t('dash.groupBy')} aria-label={t('dash.groupBy')} options={def.dimensions.map((d) => ({ value: d.key, label: d.label }))} />}>
      {err ? <Typography.Text type="danger">{err}</Typography.Text> : !v ? <Spin /> : (
        <>
          <div className="tile" role="button" tabIndex={0} onClick={() => onDrill(undefined, groupBy)}
            onKeyDown={(e) => { if (e.key === 'Enter') onDrill(undefined, groupBy); }}>
            <Statistic value={v.value ?? '—'} suffix={v.value !== null ? v.unit : undefined} />
            {v.denominator !== undefined && <Typography.Text type="secondary">{t('dash.fraction', { n: v.numerator ?? 0, d: v.denominator })}</Typography.Text>}
          </div>
          {v.groups && v.groups.length > 0 && (
            <Suspense fallback={<Spin />}>
              <BarChart data={v.groups.map((g) => ({ ...g, label: labels.group(g.key, g.label) }))} unit={v.unit} label={def.label}
                onClick={(g) => { const x = v.groups?.find((y) => y.key === g); onDrill(g, groupBy, x ? labels.group(x.key, x.label) : undefined); }} />
            </Suspense>
          )}
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }} ellipsis={{ rows: 2, tooltip: def.basis }}>
            {t('clock.basis')}：{def.basis}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
