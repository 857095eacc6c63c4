import { useEffect, useState } from 'react';
import { Card, Spin, Statistic, Tooltip, Typography } from 'antd';
import { api, type Query } from '../../lib/api.ts';
import { t } from '../../lib/i18n.ts';
import type { MetricDef } from './data.ts';
import { moduleName } from './MetricBoard.tsx';
import type { MetricValue } from './MetricTile.tsx';

/** The same period a year earlier (同比): 2026-01-01..2026-06-30 → 2025-01-01..2025-06-30 (29 Feb → 28 Feb). */
export function yearBefore(p: { from: string; to: string }): { from: string; to: string } {
  const back = (d: string) => {
    const y = Number(d.slice(0, 4)) - 1;
    const md = d.slice(5) === '02-29' ? '02-28' : d.slice(5);
    return `${y}-${md}`;
  };
  return { from: back(p.from), to: back(p.to) };
}

export const fmt = (v: number | null | undefined, unit: string) => (v === null || v === undefined ? '—' : unit === '%' ? `${v}%` : `${v}`);

/** One headline: the figure (a click lists its records), the unit, and the change against the same period last year. */
export function Headline({ def, query, onDrill }: { def: MetricDef; query: Query; onDrill: () => void }) {
  const [now, setNow] = useState<MetricValue | null>(null);
  const [before, setBefore] = useState<MetricValue | null>(null);
  const [err, setErr] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const last = yearBefore({ from: String(query.from), to: String(query.to) });
    api.get<MetricValue>(`/api/v1/metrics/${encodeURIComponent(def.key)}`, query).then((v) => live && setNow(v), (e: Error) => live && setErr(e.message));
    api.get<MetricValue>(`/api/v1/metrics/${encodeURIComponent(def.key)}`, { ...query, ...last }).then((v) => live && setBefore(v), () => undefined);
    return () => { live = false; };
  }, [def.key, query]);
  const delta = now?.value !== null && now?.value !== undefined && before?.value !== null && before?.value !== undefined
    ? Math.round((now.value - before.value) * 100) / 100 : null;
  return (
    <Card size="small" hoverable onClick={onDrill} data-testid={`headline-${def.key}`} className="cockpit-headline">
      {err ? <Typography.Text type="danger">{err}</Typography.Text> : !now ? <Spin /> : (
        <Tooltip title={def.definition}>
          <Statistic title={<>{def.label} <Typography.Text type="secondary" style={{ fontSize: 12 }}>· {moduleName(def.module)}</Typography.Text></>}
            value={fmt(now.value, def.unit)} suffix={def.unit === '%' ? undefined : def.unit} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="headline-yoy">
            {delta === null ? t('cockpit.noComparison')
              : t('cockpit.yoy', { sign: delta > 0 ? '+' : '', delta: def.unit === '%' ? `${delta} 个百分点` : `${delta}`, before: fmt(before?.value, def.unit) })}
          </Typography.Text>
        </Tooltip>
      )}
    </Card>
  );
}
