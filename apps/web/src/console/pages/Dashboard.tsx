import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Drawer, Empty, Row, Select, Space, Spin, Statistic, Table, Tooltip, TreeSelect, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, type Query } from '../../lib/api.ts';
import { fmtValue } from '../../lib/format.ts';
import { t, tf } from '../../lib/i18n.ts';
import { caseTypes, listOrgs, orgTree, type CaseTypeInfo, type TreeNode } from '../components/data.ts';
import { ExportButton } from '../components/ExportButton.tsx';

const BarChart = lazy(() => import('./BarChart.tsx'));

interface MetricDef { key: string; label: string; definition: string; unit: string; basis: string; module: string; dimensions: { key: string; label: string }[] }
interface MetricValue { key: string; label: string; unit: string; value: number | null; numerator?: number; denominator?: number; groups?: { key: string; label: string; value: number | null }[] }
interface Drill { columns: { key: string; label: string }[]; items: Record<string, unknown>[]; total?: number; nextCursor: string | null }

/**
 * Some metrics (the spine's) group by a case type and list raw type/state codes: show them as the
 * workflow's labels. Other labels pass through.
 */
function labeller(types: CaseTypeInfo[]) {
  const byType = new Map(types.map((x) => [x.type, x]));
  return {
    group: (key: string, label: string) => (label === key ? byType.get(key)?.label ?? label : label),
    cell: (col: string, v: unknown, row: Record<string, unknown>) => {
      if (typeof v !== 'string') return fmtValue(v);
      if (col === 'type') return byType.get(v)?.label ?? v;
      if (col === 'state' && typeof row.type === 'string') return byType.get(row.type)?.states[v]?.label ?? v;
      return v;
    },
  };
}
type Labeller = ReturnType<typeof labeller>;

function MetricTile({ def, period, org, onDrill, labels }: { def: MetricDef; period: Query; org?: string; labels: Labeller; onDrill: (group?: string, groupBy?: string, groupLabel?: string) => void }) {
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
      extra={def.dimensions.length > 0 && <Select size="small" value={groupBy} onChange={setGroupBy} style={{ width: 120 }} allowClear placeholder={t('dash.groupBy')}
        options={def.dimensions.map((d) => ({ value: d.key, label: d.label }))} />}>
      {err ? <Typography.Text type="danger">{err}</Typography.Text> : !v ? <Spin /> : (
        <>
          <div className="tile" role="button" tabIndex={0} onClick={() => onDrill(undefined, groupBy)} onKeyDown={(e) => { if (e.key === 'Enter') onDrill(undefined, groupBy); }}>
            <Statistic value={v.value ?? '—'} suffix={v.value !== null ? v.unit : undefined} />
            {v.denominator !== undefined && <Typography.Text type="secondary">{t('dash.fraction', { n: v.numerator ?? 0, d: v.denominator })}</Typography.Text>}
          </div>
          {v.groups && v.groups.length > 0 && (
            <Suspense fallback={<Spin />}>
              <BarChart data={v.groups.map((g) => ({ ...g, label: labels.group(g.key, g.label) }))} unit={v.unit} label={def.label}
                onClick={(g) => { const x = v.groups?.find((y) => y.key === g); onDrill(g, groupBy, x ? labels.group(x.key, x.label) : undefined); }} />
            </Suspense>
          )}
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }} ellipsis={{ rows: 2, tooltip: def.basis }}>{t('clock.basis')}：{def.basis}</Typography.Paragraph>
        </>
      )}
    </Card>
  );
}

export default function Dashboard() {
  const { message } = App.useApp();
  const [defs, setDefs] = useState<MetricDef[] | null>(null);
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('year'), dayjs()]);
  const [org, setOrg] = useState<string | undefined>();
  const [orgs, setOrgs] = useState<TreeNode[]>([]);
  const [module, setModule] = useState<string | undefined>();
  const [drill, setDrill] = useState<{ def: MetricDef; group?: string; groupBy?: string; groupLabel?: string } | null>(null);
  const [rows, setRows] = useState<Drill | null>(null);
  const [drillLoading, setDrillLoading] = useState(false);
  const [types, setTypes] = useState<CaseTypeInfo[]>([]);
  const labels = useMemo(() => labeller(types), [types]);

  useEffect(() => {
    api.get<MetricDef[] | { items: MetricDef[] }>('/api/v1/metrics').then((r) => setDefs(Array.isArray(r) ? r : r.items), (e: Error) => { message.error(e.message); setDefs([]); });
    listOrgs().then((o) => setOrgs(orgTree(o)), () => undefined);
    caseTypes().then(setTypes, () => undefined);
  }, [message]);

  const period = useMemo<Query>(() => ({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') }), [range]);
  const drillQuery = useMemo<Query>(() => ({ ...period, org, group: drill?.group, groupBy: drill?.groupBy }), [period, org, drill]);

  const loadDrill = useCallback(async (cursor: string | null) => {
    if (!drill) return;
    setDrillLoading(true);
    try {
      const r = await api.get<Drill>(`/api/v1/metrics/${encodeURIComponent(drill.def.key)}/drilldown`, { ...drillQuery, cursor: cursor ?? undefined });
      setRows((old) => (cursor && old ? { ...r, items: [...old.items, ...r.items] } : r));
    } catch (e) { message.error((e as Error).message); }
    finally { setDrillLoading(false); }
  }, [drill, drillQuery, message]);
  useEffect(() => { setRows(null); void loadDrill(null); }, [loadDrill]);

  const modules = [...new Set((defs ?? []).map((d) => d.module))];
  const shown = (defs ?? []).filter((d) => !module || d.module === module);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('nav.dashboard')}</Typography.Title>
          <span data-testid="dash-period"><DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} aria-label={t('dash.period')} /></span>
          <TreeSelect treeData={orgs} value={org} onChange={setOrg} allowClear placeholder={t('dash.allOrgs')} style={{ width: 240 }} treeDefaultExpandAll showSearch treeNodeFilterProp="title" aria-label={t('dash.org')} />
          {modules.length > 1 && <Select value={module} onChange={setModule} allowClear placeholder={t('dash.allModules')} style={{ width: 140 }} aria-label={t('dash.module')} options={modules.map((m) => ({ value: m, label: tf(`module.${m}`, m) }))} />}
        </Space>
      </Card>
      {defs === null ? <Spin /> : shown.length === 0 ? <Empty description={t('dash.none')} /> : (
        <Row gutter={[16, 16]}>
          {shown.map((d) => (
            <Col key={d.key} xs={24} md={12} xl={8}>
              <MetricTile def={d} period={period} org={org} labels={labels} onDrill={(group, groupBy, groupLabel) => setDrill({ def: d, group, groupBy, groupLabel })} />
            </Col>
          ))}
        </Row>
      )}
      <Drawer open={!!drill} size={820} onClose={() => setDrill(null)} destroyOnHidden
        title={drill ? `${drill.def.label}${drill.group ? ` · ${drill.groupLabel ?? drill.group}` : ''} · ${t('dash.drill')}` : ''}
        extra={drill && <ExportButton path={`/api/v1/metrics/${encodeURIComponent(drill.def.key)}/drilldown`} query={drillQuery} name={drill.def.label} />}>
        {drill && <Typography.Paragraph type="secondary">{drill.def.definition}</Typography.Paragraph>}
        {rows?.total !== undefined && <Typography.Paragraph data-testid="drill-total">{t('dash.total', { n: rows.total })}</Typography.Paragraph>}
        <Table size="small" loading={drillLoading} dataSource={rows?.items ?? []} pagination={false} scroll={{ x: 'max-content' }}
          rowKey={(r) => String(r.id ?? r.number ?? JSON.stringify(r))}
          columns={(rows?.columns ?? []).map((c) => ({ title: c.label, dataIndex: c.key, key: c.key, render: (v: unknown, r: Record<string, unknown>) => labels.cell(c.key, v, r) }))} />
        {rows?.nextCursor && <div style={{ textAlign: 'center', marginTop: 12 }}><Button onClick={() => void loadDrill(rows.nextCursor)}>{t('common.loadMore')}</Button></div>}
      </Drawer>
    </Space>
  );
}
