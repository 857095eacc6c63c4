import { useEffect, useMemo, useState } from 'react';
import { Card, Col, Row, Typography } from 'antd';
import type { Query } from '../../lib/api.ts';
import { t } from '../../lib/i18n.ts';
import { caseTypes, metricDefs, type CaseTypeInfo, type MetricDef } from './data.ts';
import { DrillDrawer, type DrillTarget } from './DrillDrawer.tsx';
import { Headline } from './Headline.tsx';
import { labeller } from './MetricTile.tsx';
import { useNamedPeriods } from './PeriodPicker.tsx';

/**
 * The figures of the unit a handler works for (metrics.own), this year with 同比 — the same registered metrics the leader's
 * cockpit shows, scoped by the server to the handler's own unit, each opening its records. Only those registered are shown.
 */
const OWN = ['cases.filed', 'cases.closed_on_time_rate', 'cases.overdue_open', 'hotline.on_time_rate', 'hotline.satisfaction_rate',
  'approvals.on_time_promise_rate', 'ratings.satisfaction_rate'];

export function OwnFigures() {
  const [defs, setDefs] = useState<MetricDef[]>([]);
  const [types, setTypes] = useState<CaseTypeInfo[]>([]);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const year = useNamedPeriods().find((p) => p.key === 'thisYear');
  const [from, to] = [year?.from, year?.to];
  const query = useMemo<Query | null>(() => (from && to ? { from, to } : null), [from, to]);
  const labels = useMemo(() => labeller(types), [types]);
  useEffect(() => {
    metricDefs().then(setDefs, () => setDefs([]));
    caseTypes().then(setTypes, () => undefined);
  }, []);
  const shown = OWN.map((k) => defs.find((d) => d.key === k)).filter((d): d is MetricDef => !!d);
  if (!query || !shown.length) return null;
  return (
    <Card size="small" data-testid="own-figures"
      title={<>{t('own.title')} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('own.period', { from: String(from), to: String(to) })}</Typography.Text></>}>
      <Row gutter={[12, 12]}>
        {shown.map((d) => <Col key={d.key} xs={12} md={8} xl={6} xxl={4}><Headline def={d} query={query} onDrill={() => setDrill({ def: d })} /></Col>)}
      </Row>
      <DrillDrawer drill={drill} query={query} labels={labels} onClose={() => setDrill(null)} />
    </Card>
  );
}
