import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Drawer, Input, InputNumber, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { api, ApiError, download } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import { navigate } from '../../../lib/router.ts';
import { listOrgs, type Org } from '../../components/data.ts';
import './disclosure.css';

type Cells = Record<string, Record<string, number>>;
interface Report {
  orgName: string; year: number; docNo: string | null; status: string; dueOn: string; publishedOn: string | null;
  sections: Record<string, string>; rendered: Record<string, string>; figures: Record<string, string>;
  table2: Record<string, Record<string, number>>; table3: Cells; table4: Cells; problems: { message: string; cells: string[] }[];
}
const KINDS = ['natural', 'business', 'research', 'public_interest', 'legal_service', 'other', 'total'];
const LEAVES: [string, string, string][] = [
  ['1', '（一）予以公开', ''], ['2', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', ''],
  ['3.1', '（三）不予公开', '1.属于国家秘密'], ['3.2', '', '2.其他法律行政法规禁止公开'], ['3.3', '', '3.危及“三安全一稳定”'], ['3.4', '', '4.保护第三方合法权益'],
  ['3.5', '', '5.属于三类内部事务信息'], ['3.6', '', '6.属于四类过程性信息'], ['3.7', '', '7.属于行政执法案卷'], ['3.8', '', '8.属于行政查询事项'],
  ['4.1', '（四）无法提供', '1.本机关不掌握相关政府信息'], ['4.2', '', '2.没有现成信息需要另行制作'], ['4.3', '', '3.补正后申请内容仍不明确'],
  ['5.1', '（五）不予处理', '1.信访举报投诉类申请'], ['5.2', '', '2.重复申请'], ['5.3', '', '3.要求提供公开出版物'], ['5.4', '', '4.无正当理由大量反复申请'], ['5.5', '', '5.要求行政机关确认或重新出具已获取信息'],
  ['6.1', '（六）其他处理', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'], ['6.2', '', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'], ['6.3', '', '3.其他'],
];
const GROUP_SPAN: Record<string, number> = { '3.1': 8, '4.1': 3, '5.1': 5, '6.1': 3 };

interface Drill { table: string; row: string; col: string; label: string }

/** 年度报告编辑器: tables computed live (every number opens its records), sections 一/五/六 with live figures. */
export default function ReportEditor() {
  const { message } = App.useApp();
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [orgId, setOrgId] = useState<string>();
  const [year, setYear] = useState(new Date().getFullYear() - 1);
  const [scope, setScope] = useState<'org' | 'government'>('org');
  const [rep, setRep] = useState<Report | null>(null);
  const [edit, setEdit] = useState<Record<string, string>>({});
  const [docNo, setDocNo] = useState('');
  const [drill, setDrill] = useState<Drill | null>(null);
  const [drillRows, setDrillRows] = useState<Record<string, unknown>[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { listOrgs().then((o) => { const list = o.filter((x) => ['government', 'department', 'township'].includes(x.kind)); setOrgs(list); setOrgId((v) => v ?? list.find((x) => x.kind === 'department')?.id); }, () => setOrgs([])); }, []);
  const q = useCallback(() => ({ orgId: orgId!, year, scope }), [orgId, year, scope]);
  const load = useCallback(async () => {
    if (!orgId) return;
    try {
      const r = await api.get<Report>('/api/v1/disclosure/reports', q());
      setRep(r); setEdit(r.sections); setDocNo(r.docNo ?? ''); setError(null);
    } catch (e) { setError((e as Error).message); setRep(null); }
  }, [orgId, q]);
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
    try { const r = await api.put<Report>(`/api/v1/disclosure/reports?orgId=${orgId}&year=${year}&scope=${scope}`, { docNo: docNo || null, sections: edit }); setRep(r); message.success(t('disc.report.saved')); }
    catch (e) { message.error(e instanceof ApiError ? [e.text, ...e.errors.map((x) => x.message)].join('；') : (e as Error).message); }
  }
  async function publish() {
    try { await api.post(`/api/v1/disclosure/reports/publish?orgId=${orgId}&year=${year}&scope=${scope}`); message.success(t('disc.report.published')); void load(); }
    catch (e) { message.error((e as Error).message); }
  }
  const t3 = rep?.table3;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3}>{t('disc.report.title')}</Typography.Title>
      <Space wrap>
        <Select style={{ minWidth: 240 }} value={orgId} onChange={setOrgId} options={orgs.map((o) => ({ value: o.id, label: o.name }))} aria-label={t('disc.f.org')} showSearch optionFilterProp="label" />
        <InputNumber value={year} min={2008} max={2100} onChange={(v) => v && setYear(v)} aria-label={t('disc.report.year')} />
        <Radio.Group value={scope} onChange={(e) => setScope(e.target.value)} options={[{ value: 'org', label: t('disc.report.scopeOrg') }, { value: 'government', label: t('disc.report.scopeGov') }]} />
        {rep && <Tag color={rep.status === 'published' ? 'green' : 'default'}>{rep.status === 'published' ? t('disc.report.statusPublished') : t('disc.report.statusDraft')}</Tag>}
        {rep && <span>{t('disc.report.due', { date: rep.dueOn })}</span>}
      </Space>
      {error && <Alert type="error" message={error} />}
      {rep && rep.problems.length > 0 && <Alert type="error" message={t('disc.report.identityFails')} description={<ul>{rep.problems.map((p) => <li key={p.message}>{p.message}</li>)}</ul>} />}
      {rep && t3 && (
        <>
          <Card title="一、总体情况"><Input.TextArea rows={4} value={edit.一} onChange={(e) => setEdit({ ...edit, 一: e.target.value })} disabled={rep.status === 'published'} /><p className="preview">{rep.rendered.一}</p></Card>
          <Card title="二、主动公开政府信息情况">
            <table className="gov-table"><tbody>
              <tr><th colSpan={4}>第二十条第（一）项</th></tr>
              <tr><th>信息内容</th><th>本年制发件数</th><th>本年废止件数</th><th>现行有效件数</th></tr>
              {[['art20_1_rule', '规章'], ['art20_1_normative', '行政规范性文件']].map(([k, l]) => <tr key={k}><td>{l}</td>{['issued', 'abolished', 'valid'].map((m) => <td key={m}>{num('2', k, m, rep.table2[k][m], l)}</td>)}</tr>)}
              <tr><th colSpan={4}>第二十条第（五）项</th></tr><tr><th>信息内容</th><th colSpan={3}>本年处理决定数量</th></tr>
              <tr><td>行政许可</td><td colSpan={3}>{num('2', 'art20_5_license', 'decisions', rep.table2.art20_5_license.decisions, '行政许可')}</td></tr>
              <tr><th colSpan={4}>第二十条第（六）项</th></tr><tr><th>信息内容</th><th colSpan={3}>本年处理决定数量</th></tr>
              {[['art20_6_penalty', '行政处罚'], ['art20_6_coercion', '行政强制']].map(([k, l]) => <tr key={k}><td>{l}</td><td colSpan={3}>{num('2', k, 'decisions', rep.table2[k].decisions, l)}</td></tr>)}
              <tr><th colSpan={4}>第二十条第（八）项</th></tr><tr><th>信息内容</th><th colSpan={3}>本年收费金额（单位：万元）</th></tr>
              <tr><td>行政事业性收费</td><td colSpan={3}>{num('2', 'art20_8_fee', 'amountWan', rep.table2.art20_8_fee.amountWan, '行政事业性收费')}</td></tr>
            </tbody></table>
          </Card>
          <Card title="三、收到和处理政府信息公开申请情况">
            <table className="gov-table" data-testid="table3"><thead>
              <tr><th colSpan={3} rowSpan={3}>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th><th colSpan={7}>申请人情况</th></tr>
              <tr><th rowSpan={2}>自然人</th><th colSpan={5}>法人或其他组织</th><th rowSpan={2}>总计</th></tr>
              <tr>{['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((x) => <th key={x}>{x}</th>)}</tr>
            </thead><tbody>
              <tr data-row="new"><td colSpan={3}>一、本年新收政府信息公开申请数量</td>{KINDS.map((k) => <td key={k}>{num('3', 'new', k, t3.new[k], '本年新收')}</td>)}</tr>
              <tr data-row="carried_in"><td colSpan={3}>二、上年结转政府信息公开申请数量</td>{KINDS.map((k) => <td key={k}>{num('3', 'carried_in', k, t3.carried_in[k], '上年结转')}</td>)}</tr>
              {LEAVES.map(([leaf, group, label], i) => (
                <tr key={leaf} data-row={`leaf:${leaf}`}>
                  {i === 0 && <td rowSpan={LEAVES.length + 1}>三、本年度办理结果</td>}
                  {label === '' ? <td colSpan={2}>{group}</td> : <>{GROUP_SPAN[leaf] && <td rowSpan={GROUP_SPAN[leaf]}>{group}</td>}<td>{label}</td></>}
                  {KINDS.map((k) => <td key={k}>{num('3', `leaf:${leaf}`, k, t3[`leaf:${leaf}`][k], label || group)}</td>)}
                </tr>
              ))}
              <tr data-row="closed"><td colSpan={2}>（七）总计</td>{KINDS.map((k) => <td key={k}>{num('3', 'closed', k, t3.closed[k], '总计')}</td>)}</tr>
              <tr data-row="carried_out"><td colSpan={3}>四、结转下年度继续办理</td>{KINDS.map((k) => <td key={k}>{num('3', 'carried_out', k, t3.carried_out[k], '结转下年度')}</td>)}</tr>
            </tbody></table>
          </Card>
          <Card title="四、政府信息公开行政复议、行政诉讼情况">
            <table className="gov-table"><thead>
              <tr><th colSpan={5}>行政复议</th><th colSpan={10}>行政诉讼</th></tr>
              <tr>{['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((x) => <th key={x} rowSpan={2}>{x}</th>)}<th colSpan={5}>未经复议直接起诉</th><th colSpan={5}>复议后起诉</th></tr>
              <tr>{[0, 1].flatMap((i) => ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((x) => <th key={`${i}${x}`}>{x}</th>))}</tr>
            </thead><tbody><tr>
              {['review', 'litigation_direct', 'litigation_after_review'].flatMap((k) => ['upheld', 'corrected', 'other', 'pending', 'total'].map((r) => <td key={k + r}>{num('4', k, r, rep.table4[k][r], k)}</td>))}
            </tr></tbody></table>
          </Card>
          <Card title="五、存在的主要问题及改进情况"><Input.TextArea rows={3} value={edit.五} onChange={(e) => setEdit({ ...edit, 五: e.target.value })} disabled={rep.status === 'published'} /><p className="preview">{rep.rendered.五}</p></Card>
          <Card title="六、其他需要报告的事项"><Input.TextArea rows={3} value={edit.六} onChange={(e) => setEdit({ ...edit, 六: e.target.value })} disabled={rep.status === 'published'} /><p className="preview">{rep.rendered.六}</p>
            <Typography.Paragraph type="secondary">{t('disc.report.figures')}{Object.keys(rep.figures).map((k) => `{{${k}}}`).join(' ')}</Typography.Paragraph>
          </Card>
          <Space wrap>
            <Input style={{ width: 260 }} placeholder="示府办公开〔2021〕3号" value={docNo} onChange={(e) => setDocNo(e.target.value)} aria-label={t('disc.report.docNo')} disabled={rep.status === 'published'} />
            <Button onClick={save} disabled={rep.status === 'published'}>{t('disc.report.save')}</Button>
            <Button type="primary" onClick={publish} disabled={rep.status === 'published' || rep.problems.length > 0}>{t('disc.report.publish')}</Button>
            <Button onClick={() => download('/api/v1/disclosure/reports/export', { ...q(), format: 'docx' }, `${rep.orgName}${year}年政府信息公开工作年度报告.docx`)}>{t('disc.report.docx')}</Button>
            <Button onClick={() => download('/api/v1/disclosure/reports/export', { ...q(), format: 'xlsx' }, `${rep.orgName}${year}年政府信息公开工作年度报告.xlsx`)}>{t('common.exportXlsx')}</Button>
          </Space>
        </>
      )}
      <Drawer open={!!drill} width={720} title={drill ? `${t('disc.report.drill')}：${drill.label}` : ''} onClose={() => { setDrill(null); setDrillRows([]); }}>
        <Table size="small" rowKey={(r) => String(r.id)} dataSource={drillRows} pagination={{ pageSize: 20 }}
          columns={drill?.table === '2'
            ? [{ title: '索引号', dataIndex: 'indexNo' }, { title: '名称', dataIndex: 'title' }, { title: '公开日期', dataIndex: 'publishedOn' }]
            : [{ title: '编号', dataIndex: 'number', render: (v: string, r) => <a onClick={() => navigate(`/console/cases/${String(r.caseId ?? r.id)}`)}>{v}</a> },
              { title: '标题', dataIndex: drill?.table === '4' ? 'caseNo' : 'title' }, { title: drill?.table === '4' ? '立案日期' : '收到日期', dataIndex: drill?.table === '4' ? 'filedOn' : 'receivedOn' },
              { title: drill?.table === '4' ? '审结日期' : '办结日期', dataIndex: drill?.table === '4' ? 'concludedOn' : 'closedOn' }]} />
      </Drawer>
    </Space>
  );
}
