import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { App, Card, Col, Empty, Radio, Row, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { api, type Query } from '../../lib/api.ts';
import { fmtDateTime } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { navigate, useQueryState } from '../../lib/router.ts';
import { caseTypes, metricDefs, type CaseTypeInfo, type MetricDef } from '../components/data.ts';
import { CaseLink } from '../components/CaseLink.tsx';
import { DrillDrawer, type DrillTarget } from '../components/DrillDrawer.tsx';
import { labeller, type MetricValue } from '../components/MetricTile.tsx';
import { Headline, fmt } from '../components/Headline.tsx';
import { PeriodPicker, resolvePeriod, useNamedPeriods, type Period } from '../components/PeriodPicker.tsx';

const BarChart = lazy(() => import('../components/BarChart.tsx'));

/**
 * The few figures a leader opens the cockpit for (the 2021 report's headline sentences): on-time, satisfaction, 办件量, 好差评,
 * 公开, 合法性审查, overdue. Only those registered (and visible to the viewer) are shown; every one drills to its records.
 */
const HEADLINES = [
  'hotline.intake', 'hotline.on_time_rate', 'hotline.satisfaction_rate', 'approvals.count', 'approvals.on_time_promise_rate',
  'ratings.count', 'ratings.satisfaction_rate', 'disclosure.items_published', 'legality_review.count', 'cases.overdue_open',
];
/** Rankings of departments and townships; `low` = a smaller value ranks first (overdue, bad ratings, returns). */
const RANKINGS: { key: string; low?: boolean }[] = [
  { key: 'hotline.on_time_rate' }, { key: 'hotline.satisfaction_rate' }, { key: 'cases.overdue_open', low: true },
  { key: 'approvals.on_time_promise_rate' }, { key: 'ratings.satisfaction_rate' }, { key: 'ratings.bad_count', low: true },
  { key: 'hotline.return_rate', low: true }, { key: 'cases.closed_on_time_rate' },
];
const RANK_DIMENSIONS = ['org', 'township'];

interface OverdueCase { id: string; number: string; title: string; typeLabel: string; handlingOrgName: string; dueAt: string | null; warningLevel: string }

/** A ranking of departments or townships by one metric; a row opens that unit's records. */
function Ranking({ defs, query, onDrill }: { defs: MetricDef[]; query: Query; onDrill: (d: DrillTarget) => void }) {
  const { message } = App.useApp();
  const options = RANKINGS.map((r) => ({ ...r, def: defs.find((d) => d.key === r.key) })).filter((r) => r.def && r.def.dimensions.some((x) => RANK_DIMENSIONS.includes(x.key)));
  const [key, setKey] = useState<string | undefined>(options[0]?.key);
  const chosen = options.find((o) => o.key === key) ?? options[0];
  const dims = chosen?.def?.dimensions.filter((d) => RANK_DIMENSIONS.includes(d.key)) ?? [];
  const [dim, setDim] = useState<string>('org');
  const groupBy = dims.some((d) => d.key === dim) ? dim : dims[0]?.key;
  const [rows, setRows] = useState<{ key: string; label: string; value: number | null; numerator?: number; denominator?: number }[] | null>(null);
  useEffect(() => {
    if (!chosen?.def || !groupBy) return;
    let live = true;
    setRows(null);
    api.get<MetricValue>(`/api/v1/metrics/${encodeURIComponent(chosen.def.key)}`, { ...query, groupBy })
      .then((v) => live && setRows(v.groups ?? []), (e: Error) => { message.error(e.message); setRows([]); });
    return () => { live = false; };
  }, [chosen?.def, groupBy, query, message]);
  if (!chosen?.def) return <Empty description={t('dash.none')} />;
  const def = chosen.def;
  // units only: records not yet with a unit (未派单) are no unit's and have no row of their own here
  const sorted = (rows ?? []).filter((r) => r.key !== '').sort((a, b) => {
    if (a.value === null) return 1;
    if (b.value === null) return -1;
    return chosen.low ? a.value - b.value : b.value - a.value;
  });
  return (
    <Card size="small" title={t('cockpit.ranking')} data-testid="cockpit-ranking" extra={(
      <Space wrap>
        <Select value={chosen.key} onChange={setKey} style={{ width: 220 }} aria-label={t('cockpit.rankBy')}
          options={options.map((o) => ({ value: o.key, label: o.def!.label }))} />
        <Radio.Group value={groupBy} onChange={(e) => setDim(e.target.value)} optionType="button" size="small"
          options={dims.map((d) => ({ value: d.key, label: d.key === 'township' ? t('cockpit.townships') : t('cockpit.departments') }))} />
      </Space>
    )}>
      <Table size="small" rowKey="key" loading={rows === null} dataSource={sorted} pagination={{ pageSize: 10, hideOnSinglePage: true }}
        onRow={(r) => ({ onClick: () => onDrill({ def, group: r.key, groupBy, groupLabel: r.label }), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('cockpit.rank'), key: 'rank', width: 60, render: (_, __, i) => i + 1 },
          { title: groupBy === 'township' ? t('cockpit.township') : t('cockpit.unit'), dataIndex: 'label' },
          { title: def.label, dataIndex: 'value', align: 'right', render: (v: number | null) => <Typography.Link>{fmt(v, def.unit)}</Typography.Link> },
          ...(def.unit === '%' ? [{ title: t('cockpit.counts'), key: 'nd', align: 'right' as const, render: (_: unknown, r: { numerator?: number; denominator?: number }) => `${r.numerator ?? 0} / ${r.denominator ?? 0}` }] : []),
        ]} />
    </Card>
  );
}

/** The overdue cases still open, the oldest deadline first: each opens its case page. */
function OverdueBoard() {
  const [items, setItems] = useState<OverdueCase[] | null>(null);
  const [total, setTotal] = useState(0);
  useEffect(() => {
    api.get<{ items: OverdueCase[]; counts: { total: number } }>('/api/v1/cases', { overdue: 'true', open: 'true', limit: 10 })
      .then((r) => { setItems(r.items); setTotal(r.counts.total); }, () => setItems([]));
  }, []);
  return (
    <Card size="small" title={t('cockpit.overdue', { n: total })} data-testid="cockpit-overdue">
      <Table size="small" rowKey="id" loading={items === null} dataSource={items ?? []} pagination={false}
        columns={[
          { title: t('cockpit.number'), dataIndex: 'number', render: (n: string, r) => <CaseLink number={n} id={r.id} /> },
          { title: t('cockpit.caseTitle'), dataIndex: 'title', ellipsis: { showTitle: true } },
          { title: t('work.handlingOrg'), dataIndex: 'handlingOrgName', ellipsis: true },
          { title: t('work.dueAt'), dataIndex: 'dueAt', render: (d: string | null) => <Tag color="red">{fmtDateTime(d)}</Tag> },
        ]} />
    </Card>
  );
}

/** Month by month, this period: how many 12345 tickets came in (a bar opens that month's tickets). */
function MonthTrend({ def, query, onDrill }: { def: MetricDef | undefined; query: Query; onDrill: (d: DrillTarget) => void }) {
  const [groups, setGroups] = useState<{ key: string; label: string; value: number | null }[] | null>(null);
  useEffect(() => {
    if (!def) return;
    api.get<MetricValue>(`/api/v1/metrics/${encodeURIComponent(def.key)}`, { ...query, groupBy: 'month' }).then((v) => setGroups(v.groups ?? []), () => setGroups([]));
  }, [def, query]);
  if (!def) return null;
  const sorted = [...(groups ?? [])].sort((a, b) => a.key.localeCompare(b.key));
  return (
    <Card size="small" title={t('cockpit.trend', { label: def.label })} data-testid="cockpit-trend">
      {groups === null ? <Spin /> : sorted.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
        <Suspense fallback={<Spin />}>
          <BarChart data={sorted} unit={def.unit} label={def.label} onClick={(k) => onDrill({ def, group: k, groupBy: 'month', groupLabel: k })} />
        </Suspense>
      )}
    </Card>
  );
}

/** 领导驾驶舱: the headline figures with 同比, rankings of departments and townships, the overdue board and the month trend. */
export default function Cockpit() {
  const { message } = App.useApp();
  const { params, set } = useQueryState();
  const named = useNamedPeriods();
  const [defs, setDefs] = useState<MetricDef[] | null>(null);
  const [types, setTypes] = useState<CaseTypeInfo[]>([]);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const labels = useMemo(() => labeller(types), [types]);
  useEffect(() => {
    metricDefs().then(setDefs, (e: Error) => { message.error(e.message); setDefs([]); });
    caseTypes().then(setTypes, () => undefined);
  }, [message]);
  const period = resolvePeriod({ key: params.get('period'), from: params.get('from'), to: params.get('to') }, named);
  const setPeriod = (p: Period) => set(p.key ? { period: p.key, from: null, to: null } : { period: null, from: p.from, to: p.to });
  const [from, to] = [period?.from, period?.to];
  const query = useMemo<Query | null>(() => (from && to ? { from, to } : null), [from, to]);
  const headlines = HEADLINES.map((k) => defs?.find((d) => d.key === k)).filter((d): d is MetricDef => !!d);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('nav.cockpit')}</Typography.Title>
          <PeriodPicker value={period} onChange={setPeriod} named={named} />
          <Typography.Link onClick={() => navigate('/console/dashboard')}>{t('cockpit.allMetrics')}</Typography.Link>
        </Space>
      </Card>
      {!defs || !query ? <Spin /> : (
        <>
          <Row gutter={[12, 12]}>
            {headlines.map((d) => (
              <Col key={d.key} xs={12} md={8} xl={6} xxl={4}><Headline def={d} query={query} onDrill={() => setDrill({ def: d })} /></Col>
            ))}
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}><Ranking defs={defs} query={query} onDrill={setDrill} /></Col>
            <Col xs={24} xl={12}><OverdueBoard /></Col>
            <Col xs={24}><MonthTrend def={defs.find((d) => d.key === 'hotline.intake')} query={query} onDrill={setDrill} /></Col>
          </Row>
        </>
      )}
      <DrillDrawer drill={drill} query={query} labels={labels} onClose={() => setDrill(null)} />
    </Space>
  );
}
