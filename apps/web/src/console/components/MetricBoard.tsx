import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { App, Button, Card, Col, Empty, Row, Select, Space, Spin, TreeSelect, Typography } from 'antd';
import type { Query } from '../../lib/api.ts';
import { t } from '../../lib/i18n.ts';
import { navigate, useQueryState } from '../../lib/router.ts';
import { WEB_MODULES } from '../../modules/index.ts';
import { useSession } from '../session.ts';
import { caseTypes, listOrgs, metricDefs, orgTree, type CaseTypeInfo, type MetricDef, type TreeNode } from './data.ts';
import { DrillDrawer, type DrillTarget } from './DrillDrawer.tsx';
import { labeller, MetricTile } from './MetricTile.tsx';
import { PeriodPicker, resolvePeriod, useNamedPeriods, type Period } from './PeriodPicker.tsx';

export const moduleName = (id: string) => { const m = WEB_MODULES.find((x) => x.id === id); return m ? t(m.label) : t(id === 'spine' ? 'module.spine' : id); };

/**
 * Registered metrics as tiles (value, chart, basis; a click lists the records behind the figure,
 * exportable), with one period (named periods from the server, or a range) and one org scope.
 * The dashboard shows them all; a module's statistics page shows its own (`modules`, `select`).
 * The state is in the address: `?period=lastYear` or `?from=&to=`, `?org=`, `?metric=a,b` (only
 * these tiles), `?module=` — so a board can link to the dashboard showing the same figures.
 */
export function MetricBoard({ title, modules, select, moduleFilter, extra }: {
  title: ReactNode; modules?: string[]; select?: (d: MetricDef) => boolean; moduleFilter?: boolean; extra?: ReactNode;
}) {
  const { message } = App.useApp();
  const { can } = useSession();
  const { params, set } = useQueryState();
  const named = useNamedPeriods();
  const [defs, setDefs] = useState<MetricDef[] | null>(null);
  const [orgs, setOrgs] = useState<TreeNode[]>([]);
  const [types, setTypes] = useState<CaseTypeInfo[]>([]);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const labels = useMemo(() => labeller(types), [types]);

  useEffect(() => {
    metricDefs().then(setDefs, (e: Error) => { message.error(e.message); setDefs([]); });
    listOrgs().then((o) => setOrgs(orgTree(o)), () => undefined);
    caseTypes().then(setTypes, () => undefined);
  }, [message]);

  const period = resolvePeriod({ key: params.get('period'), from: params.get('from'), to: params.get('to') }, named);
  const org = params.get('org') ?? undefined;
  const module = params.get('module') ?? undefined;
  const only = params.get('metric')?.split(',').filter(Boolean);
  const setPeriod = (p: Period) => set(p.key ? { period: p.key, from: null, to: null } : { period: null, from: p.from, to: p.to });

  const [from, to] = [period?.from, period?.to];
  const query = useMemo<Query | null>(() => (from && to ? { from, to } : null), [from, to]);

  const mine = (defs ?? []).filter((d) => (!modules || modules.includes(d.module)) && (!select || select(d)));
  const shown = mine.filter((d) => (!module || d.module === module) && (!only || only.includes(d.key)));
  const moduleIds = [...new Set(mine.map((d) => d.module))];
  const toDashboard = () => {
    const q = new URLSearchParams({ metric: shown.map((d) => d.key).join(',') });
    for (const k of ['period', 'from', 'to', 'org']) { const v = params.get(k); if (v) q.set(k, v); }
    navigate(`/console/dashboard?${q}`);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>{title}</Typography.Title>
          <PeriodPicker value={period} onChange={setPeriod} named={named} />
          <TreeSelect treeData={orgs} value={org} onChange={(v?: string) => set({ org: v })} allowClear placeholder={t('dash.allOrgs')} style={{ width: 240 }}
            treeDefaultExpandAll showSearch treeNodeFilterProp="title" aria-label={t('dash.org')} />
          {moduleFilter && moduleIds.length > 1 && <Select value={module} onChange={(v?: string) => set({ module: v })} allowClear
            placeholder={t('dash.allModules')} style={{ width: 160 }} aria-label={t('dash.module')}
            options={moduleIds.map((m) => ({ value: m, label: moduleName(m) }))} />}
          {only && <Button onClick={() => set({ metric: null })}>{t('dash.showAll')}</Button>}
          {!moduleFilter && shown.length > 0 && can('dashboard.view') && <Button type="link" onClick={toDashboard}>{t('dash.openInDashboard')}</Button>}
          {extra}
        </Space>
        {only && <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>{t('dash.onlyThese', { n: shown.length })}</Typography.Paragraph>}
      </Card>
      {defs === null || !query ? <Spin /> : shown.length === 0 ? <Empty description={t('dash.none')} /> : (
        <Row gutter={[16, 16]}>
          {shown.map((d) => (
            <Col key={d.key} xs={24} md={12} xl={8}>
              <MetricTile def={d} period={query} org={org} labels={labels}
                onDrill={(group, groupBy, groupLabel) => setDrill({ def: d, group, groupBy, groupLabel })} />
            </Col>
          ))}
        </Row>
      )}
      <DrillDrawer drill={drill} query={query ? { ...query, org } : null} labels={labels} onClose={() => setDrill(null)} />
    </Space>
  );
}
