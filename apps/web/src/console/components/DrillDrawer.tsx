import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Drawer, Table, Typography } from 'antd';
import { api, type Query } from '../../lib/api.ts';
import { t } from '../../lib/i18n.ts';
import type { MetricDef } from './data.ts';
import { ExportButton } from './ExportButton.tsx';
import type { Labeller } from './MetricTile.tsx';

interface Rows { columns: { key: string; label: string }[]; items: Record<string, unknown>[]; total?: number; nextCursor: string | null }

/** What a drill-down opens: a metric, over a period and org, optionally one group of one dimension (a ranking's row). */
export interface DrillTarget { def: MetricDef; group?: string; groupBy?: string; groupLabel?: string }

/**
 * The records behind a figure (the metric's own drill-down: the same query as the figure), exportable, each case number a
 * link to its case page. Used by every board: the dashboard's tiles, the cockpit's headlines and rankings.
 */
export function DrillDrawer({ drill, query, labels, onClose }: { drill: DrillTarget | null; query: Query | null; labels: Labeller; onClose: () => void }) {
  const { message } = App.useApp();
  const [rows, setRows] = useState<Rows | null>(null);
  const [loading, setLoading] = useState(false);
  const drillQuery = useMemo<Query>(() => ({ ...query, group: drill?.group, groupBy: drill?.groupBy }), [query, drill]);
  const load = useCallback(async (cursor: string | null) => {
    if (!drill) return;
    setLoading(true);
    try {
      const r = await api.get<Rows>(`/api/v1/metrics/${encodeURIComponent(drill.def.key)}/drilldown`, { ...drillQuery, cursor: cursor ?? undefined });
      setRows((old) => (cursor && old ? { ...r, items: [...old.items, ...r.items] } : r));
    } catch (e) { message.error((e as Error).message); }
    finally { setLoading(false); }
  }, [drill, drillQuery, message]);
  useEffect(() => { setRows(null); void load(null); }, [load]);

  return (
    <Drawer open={!!drill} size={820} onClose={onClose} destroyOnHidden
      title={drill ? `${drill.def.label}${drill.group ? ` · ${drill.groupLabel ?? drill.group}` : ''} · ${t('dash.drill')}` : ''}
      extra={drill && <ExportButton path={`/api/v1/metrics/${encodeURIComponent(drill.def.key)}/drilldown`} query={drillQuery} name={drill.def.label} />}>
      {drill && <Typography.Paragraph type="secondary">{drill.def.definition}</Typography.Paragraph>}
      {rows?.total !== undefined && <Typography.Paragraph data-testid="drill-total">{t('dash.total', { n: rows.total })}</Typography.Paragraph>}
      <Table size="small" loading={loading} dataSource={rows?.items ?? []} pagination={false} scroll={{ x: 'max-content' }}
        rowKey={(r) => String(r.id ?? r.number ?? JSON.stringify(r))}
        columns={(rows?.columns ?? []).map((c) => ({
          title: c.label, dataIndex: c.key, key: c.key, render: (v: unknown, r: Record<string, unknown>) => labels.cell(c.key, v, r),
        }))} />
      {rows?.nextCursor && <div style={{ textAlign: 'center', marginTop: 12 }}>
        <Button onClick={() => void load(rows.nextCursor)}>{t('common.loadMore')}</Button>
      </div>}
    </Drawer>
  );
}
