import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Drawer, Input, InputNumber, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { api, download } from '../../../lib/api.ts';
import { problemText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { navigate } from '../../../lib/router.ts';
import { useSession } from '../../../console/session.ts';
import { listOrgs, type Org } from '../../../console/components/data.ts';
import { useNamedPeriods } from '../../../console/components/PeriodPicker.tsx';
import { APPLICANT_KINDS, GROUP_SPAN, LEAVES, ORGANISATION_KINDS, T2_DECISIONS, T4_GROUPS, T4_RESULTS } from '../reportLayout.ts';
import './disclosure.css';

type Cells = Record<string, Record<string, number>>;
interface Report {
  orgName: string; year: number; docNo: string | null; status: string; dueOn: string; publishedOn: string | null;
  sections: Record<string, string>; rendered: Record<string, string>; figures: Record<string, string>;
  table2: Record<string, Record<string, number>>; table3: Cells; table4: Cells; problems: { message: string; cells: string[] }[];
}
interface Drill { table: string; row: string; col: string; label: string }

const leafLabel = (leaf: string) => t(`disclosure.leaf.${leaf}`);

/** 年度报告编辑器: tables computed live (every number opens its records), sections 一/五/六 with live figures. */
export default function ReportEditor() {
  const { message } = App.useApp();
  const named = useNamedPeriods();
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [orgId, setOrgId] = useState<string>();
  const [chosenYear, setYear] = useState<number | null>(null);
  const [scope, setScope] = useState<'org' | 'government'>('org');
  const [rep, setRep] = useState<Report | null>(null);
  const [edit, setEdit] = useState<Record<string, string>>({});
  const [docNo, setDocNo] = useState('');
  const [drill, setDrill] = useState<Drill | null>(null);
  const [drillRows, setDrillRows] = useState<Record<string, unknown>[]>([]);
  const [error, setError] = useState<string | null>(null);
  // The report due now is last year's (the server's 上年).
  const lastYear = named.find((p) => p.key === 'lastYear')?.from.slice(0, 4);
  const year = chosenYear ?? (lastYear ? Number(lastYear) : null);
  const { user } = useSession();
  useEffect(() => {
    listOrgs().then((o) => {
      const list = o.filter((x) => ['government', 'department', 'township'].includes(x.kind));
      // the user's own agency first (the report they make), else the first department
      const own = user.grants.map((g) => list.find((x) => x.id === g.orgId)).find((x) => !!x);
      setOrgs(list); setOrgId((v) => v ?? (own ?? list.find((x) => x.kind === 'department'))?.id);
    }, () => setOrgs([]));
  }, [user]);
  /** 政府整体 is the government's report: switching to it selects the government (and back, the user's agency). */
  function chooseScope(next: 'org' | 'government') {
    setScope(next);
    if (next === 'government') {
      const gov = orgs.find((x) => x.kind === 'government');
      if (gov) setOrgId(gov.id);
    } else {
      const own = user.grants.map((g) => orgs.find((x) => x.id === g.orgId && x.kind !== 'government')).find((x) => !!x);
      setOrgId((v) => (orgs.find((x) => x.id === v)?.kind === 'government' ? (own ?? orgs.find((x) => x.kind === 'department'))?.id : v));
    }
  }
  const q = useCallback(() => ({ orgId: orgId!, year: year!, scope }), [orgId, year, scope]);
  const load = useCallback(async () => {
    if (!orgId || !year) return;
    try {
      const r = await api.get<Report>('/api/v1/disclosure/reports', q());
      setRep(r); setEdit(r.sections); setDocNo(r.docNo ?? ''); setError(null);
    } catch (e) { setError((e as Error).message); setRep(null); }
  }, [orgId, year, q]);
  useEffect(() => { void load(); }, [load]);
  useEffect(() => {
    if (!drill) return;
    api.get<{ items: Record<string, unknown>[] }>('/api/v1/disclosure/reports/cell', { ...q(), table: drill.table, row: drill.row, col: drill.col, limit: 500 })
      .then((r) => setDrillRows(r.items), (e: Error) => message.error(e.message));
  }, [drill, q, message]);

  const num = (table: string, row: string, col: string, v: number, label: string) => (
    <button type="button" className="link-button" data-cell={`${table}:${row}:${col}`} onClick={() => setDrill({ table, row, col, label })}>{v}</button>
  );
  async function save() {
    try {
      const r = await api.put<Report>(`/api/v1/disclosure/reports?orgId=${orgId}&year=${year}&scope=${scope}`, { docNo: docNo || null, sections: edit });
      setRep(r); message.success(t('disclosure.report.saved'));
    } catch (e) { message.error(problemText(e)); }
  }
  async function publish() {
    try {
      await api.post(`/api/v1/disclosure/reports/publish?orgId=${orgId}&year=${year}&scope=${scope}`);
      message.success(t('disclosure.report.published'));
      void load();
    } catch (e) { message.error(problemText(e)); }
  }
  const published = rep?.status === 'published';
  const section = (k: '一' | '五' | '六', title: string, rows: number) => rep && (
    <Card title={title}>
      <Input.TextArea rows={rows} value={edit[k]} onChange={(e) => setEdit({ ...edit, [k]: e.target.value })} disabled={published} aria-label={title} />
      <p className="preview">{rep.rendered[k]}</p>
      {k === '六' && <Typography.Paragraph type="secondary">
        {t('disclosure.report.figures')}{Object.keys(rep.figures).map((f) => `{{${f}}}`).join(' ')}
      </Typography.Paragraph>}
    </Card>
  );
  const t3 = rep?.table3;
  const col = (key: string, dataIndex: string) => ({ title: t(key), dataIndex });
  const caseLink = (v: string, r: Record<string, unknown>) => <a onClick={() => navigate(`/console/cases/${String(r.caseId ?? r.id)}`)}>{v}</a>;
  const drillColumns = drill?.table === '2'
    ? [col('disclosure.item.indexNo', 'indexNo'), col('disclosure.item.title', 'title'), col('disclosure.item.publishedOn', 'publishedOn')]
    : [{ ...col('disclosure.drill.number', 'number'), render: caseLink }, ...(drill?.table === '4'
      ? [col('disclosure.drill.caseNo', 'caseNo'), col('disclosure.drill.filedOn', 'filedOn'), col('disclosure.drill.concludedOn', 'concludedOn')]
      : [col('disclosure.drill.title', 'title'), col('disclosure.drill.receivedOn', 'receivedOn'), col('disclosure.drill.closedOn', 'closedOn')])];
  const fileName = rep && year ? t('disclosure.reports.titleOf', { org: rep.orgName, year }) : '';
  const exportAs = (format: 'docx' | 'xlsx') => download('/api/v1/disclosure/reports/export', { ...q(), format }, `${fileName}.${format}`);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3}>{t('disclosure.report.title')}</Typography.Title>
      <Space wrap>
        <Select style={{ minWidth: 240 }} value={orgId} onChange={setOrgId} options={orgs.map((o) => ({ value: o.id, label: o.name }))}
          aria-label={t('disclosure.field.org')} showSearch optionFilterProp="label" />
        <InputNumber value={year} min={2008} max={2100} onChange={(v) => v && setYear(v)} aria-label={t('disclosure.report.year')} />
        <Radio.Group value={scope} onChange={(e) => chooseScope(e.target.value)}
          options={[{ value: 'org', label: t('disclosure.report.scopeOrg') }, { value: 'government', label: t('disclosure.report.scopeGov') }]} />
        {rep && <Tag color={published ? 'green' : 'default'}>{published ? t('disclosure.report.statusPublished') : t('disclosure.report.statusDraft')}</Tag>}
        {rep && <span>{t('disclosure.report.due', { date: rep.dueOn })}</span>}
      </Space>
      {error && <Alert type="error" title={error} />}
      {rep && rep.problems.length > 0 && <Alert type="error" title={t('disclosure.report.identityFails')}
        description={<ul>{rep.problems.map((p) => <li key={p.message}>{p.message}</li>)}</ul>} />}
      {rep && t3 && (
        <>
          {section('一', t('disclosure.report.s1'), 4)}
          <Card title={t('disclosure.report.s2')}>
            <table className="gov-table"><tbody>
              <tr><th colSpan={4}>{t('disclosure.t2.art20_1')}</th></tr>
              <tr>{['content', 'issued', 'abolished', 'valid'].map((h) => <th key={h}>{t(`disclosure.t2.${h}`)}</th>)}</tr>
              {['art20_1_rule', 'art20_1_normative'].map((k) => <tr key={k}><td>{t(`disclosure.t2.${k}`)}</td>
                {['issued', 'abolished', 'valid'].map((m) => <td key={m}>{num('2', k, m, rep.table2[k][m], t(`disclosure.t2.${k}`))}</td>)}</tr>)}
              {T2_DECISIONS.flatMap(({ head, rows, measure: m }) => [
                <tr key={`${head}-h`}><th colSpan={4}>{t(`disclosure.t2.${head}`)}</th></tr>,
                <tr key={`${head}-c`}><th>{t('disclosure.t2.content')}</th><th colSpan={3}>{t(`disclosure.t2.${m}`)}</th></tr>,
                ...rows.map((k) => <tr key={k}>
                  <td>{t(`disclosure.t2.${k}`)}</td><td colSpan={3}>{num('2', k, m, rep.table2[k][m], t(`disclosure.t2.${k}`))}</td>
                </tr>),
              ])}
            </tbody></table>
          </Card>
          <Card title={t('disclosure.report.s3')}>
            <table className="gov-table" data-testid="table3"><thead>
              <tr><th colSpan={3} rowSpan={3}>{t('disclosure.t3.identity')}</th><th colSpan={7}>{t('disclosure.t3.applicants')}</th></tr>
              <tr>
                <th rowSpan={2}>{t('disclosure.kind.natural')}</th><th colSpan={5}>{t('disclosure.t3.organisations')}</th>
                <th rowSpan={2}>{t('disclosure.kind.total')}</th>
              </tr>
              <tr>{ORGANISATION_KINDS.map((x) => <th key={x}>{t(`disclosure.kind.${x}`)}</th>)}</tr>
            </thead><tbody>
              {['new', 'carried_in'].map((row) => <tr key={row} data-row={row}><td colSpan={3}>{t(`disclosure.t3.${row}`)}</td>
                {APPLICANT_KINDS.map((k) => <td key={k}>{num('3', row, k, t3[row][k], t(`disclosure.t3.${row}`))}</td>)}</tr>)}
              {LEAVES.map(({ leaf, group, first }, i) => (
                <tr key={leaf} data-row={`leaf:${leaf}`}>
                  {i === 0 && <td rowSpan={LEAVES.length + 1}>{t('disclosure.t3.results')}</td>}
                  {!group ? <td colSpan={2}>{leafLabel(leaf)}</td>
                    : <>{first && <td rowSpan={GROUP_SPAN[group]}>{t(`disclosure.leafGroup.${group}`)}</td>}<td>{leafLabel(leaf)}</td></>}
                  {APPLICANT_KINDS.map((k) => <td key={k}>{num('3', `leaf:${leaf}`, k, t3[`leaf:${leaf}`][k], leafLabel(leaf))}</td>)}
                </tr>
              ))}
              <tr data-row="closed"><td colSpan={2}>{t('disclosure.t3.closed')}</td>
                {APPLICANT_KINDS.map((k) => <td key={k}>{num('3', 'closed', k, t3.closed[k], t('disclosure.t3.closed'))}</td>)}</tr>
              <tr data-row="carried_out"><td colSpan={3}>{t('disclosure.t3.carried_out')}</td>
                {APPLICANT_KINDS.map((k) => <td key={k}>{num('3', 'carried_out', k, t3.carried_out[k], t('disclosure.t3.carried_out'))}</td>)}</tr>
            </tbody></table>
          </Card>
          <Card title={t('disclosure.report.s4')}>
            <table className="gov-table"><thead>
              <tr><th colSpan={5}>{t('disclosure.t4.review')}</th><th colSpan={10}>{t('disclosure.t4.litigation')}</th></tr>
              <tr>{T4_RESULTS.map((x) => <th key={x} rowSpan={2}>{t(`disclosure.t4.${x}`)}</th>)}
                <th colSpan={5}>{t('disclosure.t4.litigation_direct')}</th><th colSpan={5}>{t('disclosure.t4.litigation_after_review')}</th></tr>
              <tr>{[0, 1].flatMap((i) => T4_RESULTS.map((x) => <th key={`${i}${x}`}>{t(`disclosure.t4.${x}`)}</th>))}</tr>
            </thead><tbody><tr>
              {T4_GROUPS.flatMap((k) => T4_RESULTS.map((r) => (
                <td key={k + r}>{num('4', k, r, rep.table4[k][r], `${t(`disclosure.t4.${k}`)} · ${t(`disclosure.t4.${r}`)}`)}</td>
              )))}
            </tr></tbody></table>
          </Card>
          {section('五', t('disclosure.report.s5'), 3)}
          {section('六', t('disclosure.report.s6'), 3)}
          <Space wrap>
            <Input style={{ width: 260 }} placeholder={t('disclosure.report.docNoExample')} value={docNo} onChange={(e) => setDocNo(e.target.value)}
              aria-label={t('disclosure.report.docNo')} disabled={published} />
            <Button onClick={save} disabled={published}>{t('disclosure.report.save')}</Button>
            <Button type="primary" onClick={publish} disabled={published || rep.problems.length > 0}>{t('disclosure.report.publish')}</Button>
            <Button onClick={() => exportAs('docx')}>{t('disclosure.report.docx')}</Button>
            <Button onClick={() => exportAs('xlsx')}>{t('common.exportXlsx')}</Button>
          </Space>
        </>
      )}
      <Drawer open={!!drill} size={720} title={drill ? t('disclosure.report.drillOf', { label: drill.label }) : ''}
        onClose={() => { setDrill(null); setDrillRows([]); }}>
        <Table size="small" rowKey={(r) => String(r.id)} dataSource={drillRows} pagination={{ pageSize: 20 }} columns={drillColumns} />
      </Drawer>
    </Space>
  );
}
