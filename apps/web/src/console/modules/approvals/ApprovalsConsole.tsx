import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Modal, Progress, Radio, Row, Select, Space, Statistic, Table, Tabs, Tag, Timeline, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { api, ApiError, download, newIdempotencyKey, upload } from '../../../lib/api.ts';
import { fmtDate, fmtDateTime } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { navigate, useLocation } from '../../../lib/router.ts';
import { listOrgs, type Org } from '../../components/data.ts';
import { problemToFields } from '../../../lib/forms.ts';
import { useSession } from '../../session.ts';

interface Material { name: string; required: boolean }
interface Service { id: string; code: string; name: string; orgName: string; statutoryDays: number; promisedDays: number; instant: boolean; materials: Material[]; online: boolean; powerCode: string }
interface PowerItem { id: string; code: string; name: string; type: string; orgId: string; orgName: string; basisLaw: string; basisArticle: string; duties: string[]; level: 'county' | 'township'; townshipKind: string | null; status: string; delegable: boolean; delegatedOn: string | null; delegatedTo: string[] }
interface Adjustment { id: string; kind: string; itemId: string | null; effectiveOn: string; reason: string; documentNo: string | null; status: string; proposedByName: string; proposedAt: string; decidedByName: string | null; decisionNote: string | null; after: { code?: string; name?: string } | null; before: { code?: string; name?: string } | null }

const TYPES = ['行政许可', '行政处罚', '行政强制', '行政征收', '行政给付', '行政检查', '行政确认', '行政奖励', '行政裁决', '其他行政权力', '公共服务'];
const XLSX_COLUMNS = ['职权编码', '职权名称', '职权类型', '实施主体编码', '实施依据', '依据条款', '责任事项', '层级', '乡镇类别', '可下放', '下放日期', '下放乡镇编码', '生效日期'];

function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.errors.length ? e.errors.map((x) => x.message).join('；') : e.message;
  return (e as Error).message;
}

/** 窗口收件: pick the item, tick the materials received, the applicant, done — the case page takes over. */
function Intake() {
  const { message } = App.useApp();
  const [services, setServices] = useState<Service[]>([]);
  const [sel, setSel] = useState<Service | null>(null);
  const [got, setGot] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  useEffect(() => { api.get<Service[]>('/api/v1/powers/services').then(setServices, (e: Error) => message.error(e.message)); }, [message]);
  const missing = sel ? sel.materials.filter((m) => m.required && !got.includes(m.name)) : [];
  async function submit(v: Record<string, string>) {
    if (!sel) return;
    setBusy(true);
    try {
      const r = await api.post<{ id: string; number: string }>('/api/v1/cases', { type: 'approval', input: { serviceId: sel.id, channel: 'window', applicantKind: v.applicantKind, applicantName: v.applicantName, applicantPhone: v.applicantPhone, applicantIdNo: v.applicantIdNo || undefined, materials: got } }, { 'Idempotency-Key': newIdempotencyKey() });
      message.success(t('ap.intake.done', { number: r.number }));
      navigate(`/console/cases/${r.id}`);
    } catch (e) {
      if (e instanceof ApiError) form.setFields(e.errors.map((x) => ({ name: x.path.split('.').pop()!, errors: [x.message] })));
      message.error(errorText(e));
    } finally { setBusy(false); }
  }
  return (
    <Row gutter={16}>
      <Col xs={24} lg={12}>
        <Card title={t('ap.intake.service')}>
          <Select showSearch style={{ width: '100%' }} placeholder={t('ap.intake.pick')} optionFilterProp="label" aria-label={t('ap.intake.service')}
            options={services.map((s) => ({ value: s.id, label: `${s.name}（${s.orgName}）` }))}
            onChange={(id: string) => { setSel(services.find((s) => s.id === id) ?? null); setGot([]); }} />
          {sel && <>
            <Typography.Paragraph style={{ marginTop: 12 }}>
              {sel.instant ? t('ap.intake.instant') : t('ap.intake.limits', { s: sel.statutoryDays, p: t('ap.intake.promised', { n: sel.promisedDays }) })}
            </Typography.Paragraph>
            <Typography.Title level={5}>{t('ap.intake.materials')}</Typography.Title>
            <Checkbox.Group value={got} onChange={(v) => setGot(v as string[])} style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
              options={sel.materials.map((m) => ({ value: m.name, label: m.name }))} />
            <div style={{ marginTop: 12 }}>{missing.length ? <Tag color="orange">{t('ap.intake.missing', { n: missing.length })}</Tag> : <Tag color="green">{t('ap.intake.complete')}</Tag>}</div>
          </>}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('ap.intake.name')}>
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ applicantKind: 'person' }} disabled={!sel}>
            <Form.Item name="applicantKind" label={t('ap.intake.kind')}><Radio.Group options={[{ value: 'person', label: t('ap.intake.person') }, { value: 'organisation', label: t('ap.intake.org') }]} /></Form.Item>
            <Form.Item name="applicantName" label={t('ap.intake.name')} rules={[{ required: true }]}><Input /></Form.Item>
            <Form.Item name="applicantPhone" label={t('ap.intake.phone')} rules={[{ required: true }]}><Input inputMode="tel" /></Form.Item>
            <Form.Item name="applicantIdNo" label={t('ap.intake.idNo')}><Input /></Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>{t('ap.intake.submit')}</Button>
          </Form>
        </Card>
      </Col>
    </Row>
  );
}

interface AppRow { caseId: string; number: string; itemName: string; orgName: string; channel: string; state: string; trips: number; corrections: number; decision: string | null; receivedAt: string; dueAt: string | null; warningLevel: string }
function Queue() {
  const { message } = App.useApp();
  const [rows, setRows] = useState<AppRow[]>([]);
  const [state, setState] = useState<string | undefined>();
  const [states, setStates] = useState<Record<string, { label: string }>>({});
  useEffect(() => { api.get<{ type: string; states: Record<string, { label: string }> }[]>('/api/v1/case-types').then((r) => setStates((Array.isArray(r) ? r : []).find((x) => x.type === 'approval')?.states ?? {}), () => undefined); }, []);
  useEffect(() => { api.get<AppRow[]>('/api/v1/approvals/applications', { state }).then(setRows, (e: Error) => message.error(e.message)); }, [state, message]);
  return (
    <Card extra={<Select allowClear placeholder={t('ap.state.all')} style={{ width: 200 }} value={state} onChange={setState} options={Object.entries(states).map(([k, s]) => ({ value: k, label: s.label }))} />}>
      <Table rowKey="caseId" size="small" dataSource={rows} pagination={{ pageSize: 20 }} onRow={(r) => ({ onClick: () => navigate(`/console/cases/${r.caseId}`), style: { cursor: 'pointer' } })} columns={[
        { title: t('ap.col.number'), dataIndex: 'number' }, { title: t('ap.col.item'), dataIndex: 'itemName' }, { title: t('ap.col.org'), dataIndex: 'orgName' },
        { title: t('ap.col.channel'), dataIndex: 'channel', render: (c: string) => t(`ap.channel.${c}`) },
        { title: t('ap.col.state'), dataIndex: 'state', render: (s: string) => states[s]?.label ?? s },
        { title: t('ap.col.trips'), dataIndex: 'trips' }, { title: t('ap.col.corrections'), dataIndex: 'corrections' },
        { title: t('ap.col.due'), dataIndex: 'dueAt', render: (d: string | null, r) => d ? <Tag color={r.warningLevel === 'red' ? 'red' : r.warningLevel === 'yellow' ? 'gold' : 'green'}>{fmtDate(d)}</Tag> : '—' },
        { title: t('ap.col.received'), dataIndex: 'receivedAt', render: fmtDateTime },
      ]} />
    </Card>
  );
}

/** 权责清单 editor: search, detail with adjustment history, propose an adjustment, import/export, as-of and diff. */
function Powers() {
  const { message } = App.useApp();
  const { hasRole } = useSession();
  const [q, setQ] = useState<{ q?: string; type?: string; level?: string }>({});
  const [data, setData] = useState<{ total: number; items: PowerItem[] }>({ total: 0, items: [] });
  const [detail, setDetail] = useState<{ item: PowerItem; history: Adjustment[] } | null>(null);
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [proposeFor, setProposeFor] = useState<PowerItem | null>(null);
  const [adding, setAdding] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<{ total: number; imported: number; rejected: { row: number; errors: { column: string; message: string }[] }[] } | null>(null);
  const [diff, setDiff] = useState<{ added: PowerItem[]; removed: PowerItem[]; changed: { code: string; name: string; fields: { field: string }[] }[] } | null>(null);
  const [range, setRange] = useState<[string, string]>([dayjs().subtract(1, 'year').format('YYYY-MM-DD'), dayjs().format('YYYY-MM-DD')]);
  const load = useCallback(() => api.get<{ total: number; items: PowerItem[] }>('/api/v1/powers/items', { ...q, limit: 500 }).then(setData, (e: Error) => message.error(e.message)), [q, message]);
  useEffect(() => { void load(); }, [load]);
  useEffect(() => { listOrgs().then(setOrgs, () => undefined); }, []);
  const open = async (id: string) => setDetail(await api.get(`/api/v1/powers/items/${id}`));
  async function doImport(file: File) {
    setProgress(0); setReport(null);
    try {
      const r = await upload<{ taskId?: string; total: number; imported: number; rejected: [] }>('/api/v1/powers/import', file, (p) => setProgress(Math.min(p, 99)));
      if (r.taskId) {
        for (;;) {
          await new Promise((res) => setTimeout(res, 500));
          const tk = await api.get<{ status: string; done: number; total: number; result?: typeof report; error?: string }>(`/api/v1/tasks/${r.taskId}`);
          setProgress(tk.total ? Math.round((tk.done / tk.total) * 100) : 0);
          if (tk.status === 'done') { setReport(tk.result ?? null); break; }
          if (tk.status === 'failed') { message.error(tk.error ?? ''); break; }
        }
      } else setReport(r);
      setProgress(100);
      void load();
    } catch (e) { message.error(errorText(e)); setProgress(null); }
  }
  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('ap.powers.search')} onSearch={(v) => setQ({ ...q, q: v || undefined })} style={{ width: 240 }} />
        <Select allowClear placeholder={t('ap.powers.allTypes')} style={{ width: 150 }} onChange={(v?: string) => setQ({ ...q, type: v })} options={TYPES.map((x) => ({ value: x, label: x }))} />
        <Select allowClear placeholder={t('ap.powers.allLevels')} style={{ width: 120 }} onChange={(v?: string) => setQ({ ...q, level: v })} options={[{ value: 'county', label: t('ap.level.county') }, { value: 'township', label: t('ap.level.township') }]} />
        {hasRole('admin', 'handler') && <Button type="primary" onClick={() => setAdding(true)}>{t('ap.kind.add')}</Button>}
        <Button onClick={() => void download('/api/v1/powers/export.xlsx', {}, '权责清单.xlsx')}>{t('ap.powers.export')}</Button>
        {hasRole('admin') && <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(f) => { void doImport(f); return false; }}><Button>{t('ap.powers.import')}</Button></Upload>}
        <DatePicker.RangePicker value={[dayjs(range[0]), dayjs(range[1])]} onChange={(v) => v && v[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])} />
        <Button onClick={() => api.get<typeof diff>('/api/v1/powers/diff', { from: range[0], to: range[1] }).then(setDiff, (e: Error) => message.error(errorText(e)))}>{t('ap.powers.diff')}</Button>
      </Space>
      {progress !== null && <Progress percent={progress} size="small" />}
      {report && <Card size="small" title={t('ap.powers.imported', { imported: report.imported, rejected: report.rejected.length, total: report.total })} style={{ marginBottom: 12 }}>
        <Typography.Paragraph type="secondary">{t('ap.powers.layout', { cols: XLSX_COLUMNS.join('、') })}</Typography.Paragraph>
        {report.rejected.slice(0, 200).map((r) => <div key={r.row}>{t('ap.powers.rejectedRow', { row: r.row })}：{r.errors.map((e) => `${e.column} ${e.message}`).join('；')}</div>)}
      </Card>}
      {diff && <Card size="small" style={{ marginBottom: 12 }} title={`${range[0]} → ${range[1]}`} extra={<Button size="small" onClick={() => setDiff(null)}>{t('common.close')}</Button>}>
        <div>{t('ap.powers.added')}：{diff.added.map((x) => `${x.code} ${x.name}`).join('；') || '—'}</div>
        <div>{t('ap.powers.removed')}：{diff.removed.map((x) => `${x.code} ${x.name}`).join('；') || '—'}</div>
        <div>{t('ap.powers.changed')}：{diff.changed.map((x) => `${x.code} ${x.name}（${x.fields.map((f) => f.field).join('、')}）`).join('；') || '—'}</div>
      </Card>}
      <Typography.Text type="secondary">{t('ap.powers.count', { n: data.total })}</Typography.Text>
      <Table rowKey="id" size="small" dataSource={data.items} pagination={{ pageSize: 20 }} onRow={(r) => ({ onClick: () => void open(r.id), style: { cursor: 'pointer' } })} columns={[
        { title: t('ap.col.code'), dataIndex: 'code', width: 110 }, { title: t('ap.col.name'), dataIndex: 'name' }, { title: t('ap.col.type'), dataIndex: 'type', width: 110 },
        { title: t('ap.col.org'), dataIndex: 'orgName' }, { title: t('ap.col.level'), dataIndex: 'level', width: 110, render: (l: string, r) => l === 'county' ? t('ap.level.county') : `${t('ap.level.township')}（${r.townshipKind}）` },
        { title: t('ap.col.delegated'), dataIndex: 'delegatedTo', width: 80, render: (d: string[]) => d.length ? <Tag color="blue">{d.length}</Tag> : '' },
        { title: t('ap.col.status'), dataIndex: 'status', width: 80, render: (s: string) => t(`ap.status.${s}`) },
      ]} />
      <Drawer width={640} open={!!detail} onClose={() => setDetail(null)} title={detail ? `${detail.item.code} ${detail.item.name}` : ''}
        extra={detail && (hasRole('admin', 'handler')) ? <Button onClick={() => setProposeFor(detail.item)}>{t('ap.powers.propose')}</Button> : null}>
        {detail && <>
          <Descriptions column={1} size="small" bordered items={[
            { key: 't', label: t('ap.col.type'), children: detail.item.type }, { key: 'o', label: t('ap.col.org'), children: orgs.find((o) => o.id === detail.item.orgId)?.name },
            { key: 'b', label: t('ap.col.basis'), children: `${detail.item.basisLaw}${detail.item.basisArticle}` }, { key: 'd', label: t('pp.duties'), children: detail.item.duties.join('、') },
            { key: 'dl', label: t('ap.col.delegated'), children: detail.item.delegatedTo.map((id) => orgs.find((o) => o.id === id)?.name).join('、') || '—' },
          ]} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('ap.powers.history')}</Typography.Title>
          <Timeline items={detail.history.map((h) => ({ children: <div><b>{h.effectiveOn}</b> {t(`ap.kind.${h.kind}`)} · {t(`ap.adj.${h.status}`)}<div>{h.reason}{h.documentNo ? `（${h.documentNo}）` : ''}</div><Typography.Text type="secondary">{h.proposedByName}{h.decidedByName ? ` → ${h.decidedByName}：${h.decisionNote ?? ''}` : ''}</Typography.Text></div> }))} />
        </>}
      </Drawer>
      <ProposeModal item={proposeFor} orgs={orgs} onClose={() => setProposeFor(null)} />
      <AddItemModal open={adding} orgs={orgs} onClose={() => setAdding(false)} />
    </Card>
  );
}

function ProposeModal({ item, orgs, onClose }: { item: PowerItem | null; orgs: Org[]; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form) as string | undefined;
  async function ok() {
    const v = await form.validateFields();
    const change = kind === 'modify' ? { kind, itemId: item!.id, changes: { name: v.name } } : kind === 'delegate' ? { kind, itemId: item!.id, townshipIds: v.towns } : { kind, itemId: item!.id };
    try {
      await api.post('/api/v1/powers/adjustments', { change, effectiveOn: v.effectiveOn.format('YYYY-MM-DD'), reason: v.reason, documentNo: v.documentNo || undefined });
      message.success(t('ap.adjust.sent'));
      form.resetFields(); onClose();
    } catch (e) { message.error(errorText(e)); }
  }
  return (
    <Modal open={!!item} title={t('ap.powers.propose')} onOk={() => void ok()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'modify', effectiveOn: dayjs() }}>
        <Form.Item name="kind" label={t('ap.adjust.kind')}><Select options={['modify', 'abolish', 'delegate', 'revoke_delegation'].map((k) => ({ value: k, label: t(`ap.kind.${k}`) }))} /></Form.Item>
        {kind === 'modify' && <Form.Item name="name" label={t('ap.adjust.name')} rules={[{ required: true }]}><Input /></Form.Item>}
        {kind === 'delegate' && <Form.Item name="towns" label={t('ap.adjust.towns')} rules={[{ required: true }]}><Select mode="multiple" options={orgs.filter((o) => o.kind === 'township').map((o) => ({ value: o.id, label: o.name }))} /></Form.Item>}
        <Form.Item name="effectiveOn" label={t('ap.adjust.effectiveOn')} rules={[{ required: true }]}><DatePicker /></Form.Item>
        <Form.Item name="reason" label={t('ap.adjust.reason')} rules={[{ required: true, min: 4 }]}><Input.TextArea rows={3} /></Form.Item>
        <Form.Item name="documentNo" label={t('ap.adjust.documentNo')}><Input /></Form.Item>
      </Form>
    </Modal>
  );
}

function AddItemModal({ open, orgs, onClose }: { open: boolean; orgs: Org[]; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const level = Form.useWatch('level', form) as string | undefined;
  async function ok() {
    const v = await form.validateFields();
    try {
      await api.post('/api/v1/powers/adjustments', {
        change: { kind: 'add', item: { code: v.code, name: v.name, type: v.type, orgId: v.orgId, basisLaw: v.basisLaw, basisArticle: v.basisArticle ?? '', duties: v.duties ?? [], level: v.level, townshipKind: v.level === 'township' ? v.townshipKind : undefined, delegable: !!v.delegable } },
        effectiveOn: v.effectiveOn.format('YYYY-MM-DD'), reason: v.reason, documentNo: v.documentNo || undefined,
      });
      message.success(t('ap.adjust.sent'));
      form.resetFields(); onClose();
    } catch (e) {
      if (e instanceof ApiError) form.setFields(e.errors.map((x) => ({ name: x.path.split('.').pop()!, errors: [x.message] })));
      message.error(errorText(e));
    }
  }
  return (
    <Modal open={open} title={t('ap.kind.add')} onOk={() => void ok()} onCancel={onClose} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" initialValues={{ level: 'county', type: '行政许可', effectiveOn: dayjs() }}>
        <Row gutter={12}>
          <Col span={8}><Form.Item name="code" label={t('ap.col.code')} rules={[{ required: true }]}><Input /></Form.Item></Col>
          <Col span={16}><Form.Item name="name" label={t('ap.col.name')} rules={[{ required: true }]}><Input /></Form.Item></Col>
          <Col span={8}><Form.Item name="type" label={t('ap.col.type')}><Select options={TYPES.map((x) => ({ value: x, label: x }))} /></Form.Item></Col>
          <Col span={16}><Form.Item name="orgId" label={t('ap.col.org')} rules={[{ required: true }]}><Select showSearch optionFilterProp="label" options={orgs.filter((o) => o.kind !== 'village').map((o) => ({ value: o.id, label: o.name }))} /></Form.Item></Col>
          <Col span={16}><Form.Item name="basisLaw" label={t('ap.col.basis')} rules={[{ required: true }]}><Input /></Form.Item></Col>
          <Col span={8}><Form.Item name="basisArticle" label={t('ap.col.article')}><Input /></Form.Item></Col>
        </Row>
        <Form.Item name="duties" label={t('pp.duties')} rules={[{ required: true }]}><Select mode="tags" open={false} tokenSeparators={[',', '，', '、', '；']} /></Form.Item>
        <Space wrap>
          <Form.Item name="level" label={t('ap.col.level')}><Radio.Group options={[{ value: 'county', label: t('ap.level.county') }, { value: 'township', label: t('ap.level.township') }]} /></Form.Item>
          {level === 'township' && <Form.Item name="townshipKind" label={t('ap.col.townshipKind')} rules={[{ required: true }]}><Radio.Group options={['法定', '赋予']} /></Form.Item>}
          <Form.Item name="delegable" valuePropName="checked" label=" "><Checkbox>{t('ap.col.delegable')}</Checkbox></Form.Item>
        </Space>
        <Form.Item name="effectiveOn" label={t('ap.adjust.effectiveOn')} rules={[{ required: true }]}><DatePicker /></Form.Item>
        <Form.Item name="reason" label={t('ap.adjust.reason')} rules={[{ required: true, min: 4 }]}><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="documentNo" label={t('ap.adjust.documentNo')}><Input /></Form.Item>
      </Form>
    </Modal>
  );
}

function Adjustments() {
  const { message, modal } = App.useApp();
  const { hasRole } = useSession();
  const [rows, setRows] = useState<Adjustment[]>([]);
  const load = useCallback(() => api.get<Adjustment[]>('/api/v1/powers/adjustments').then(setRows, (e: Error) => message.error(e.message)), [message]);
  useEffect(() => { void load(); }, [load]);
  const decide = (a: Adjustment, verdict: 'approve' | 'reject') => {
    let note = '';
    modal.confirm({
      title: t(`ap.adj.${verdict}`), content: <Input.TextArea aria-label={t('ap.adj.note')} placeholder={t('ap.adj.note')} onChange={(e) => { note = e.target.value; }} />,
      onOk: async () => { try { await api.post(`/api/v1/powers/adjustments/${a.id}/${verdict}`, { note }); void load(); } catch (e) { message.error(errorText(e)); throw e; } },
    });
  };
  return (
    <Table rowKey="id" size="small" dataSource={rows} pagination={{ pageSize: 20 }} columns={[
      { title: t('ap.col.effective'), dataIndex: 'effectiveOn', width: 110 }, { title: t('ap.col.kind'), dataIndex: 'kind', width: 90, render: (k: string) => t(`ap.kind.${k}`) },
      { title: t('ap.col.name'), render: (_: unknown, a) => `${a.after?.code ?? a.before?.code ?? ''} ${a.after?.name ?? a.before?.name ?? ''}` },
      { title: t('ap.col.reason'), dataIndex: 'reason' }, { title: t('ap.col.proposer'), dataIndex: 'proposedByName', width: 90 },
      { title: t('ap.col.status'), dataIndex: 'status', width: 170, render: (s: string, a) => s === 'proposed' && hasRole('admin', 'leader')
        ? <Space><Button size="small" type="primary" onClick={() => decide(a, 'approve')}>{t('ap.adj.approve')}</Button><Button size="small" danger onClick={() => decide(a, 'reject')}>{t('ap.adj.reject')}</Button></Space>
        : <Tag color={s === 'approved' ? 'green' : s === 'rejected' ? 'red' : 'gold'}>{t(`ap.adj.${s}`)}</Tag> },
    ]} />
  );
}

interface ServiceFull extends Service { powerId: string; orgId: string; baselineMaterials: number; fees: string; guide: string; status: 'active' | 'suspended'; jointMode: JointMode | null }
type JointMode = '统一办理' | '联合办理' | '集中办理';
const JOINT_MODES: JointMode[] = ['统一办理', '联合办理', '集中办理'];
/** 政务服务事项: list and edit (承诺时限 ≤ 法定时限, only powers in the current 权责清单; the server checks both and audits the change). */
function Services() {
  const { message } = App.useApp();
  const { hasRole } = useSession();
  const [rows, setRows] = useState<ServiceFull[]>([]);
  const [powers, setPowers] = useState<PowerItem[]>([]);
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [edit, setEdit] = useState<ServiceFull | null>(null);
  const [form] = Form.useForm();
  const jointMode = Form.useWatch('jointMode', form) as JointMode | undefined;
  const load = useCallback(() => api.get<ServiceFull[]>('/api/v1/powers/services').then(setRows, (e: Error) => message.error(e.message)), [message]);
  useEffect(() => {
    void load();
    api.get<{ items: PowerItem[] }>('/api/v1/powers/items', { status: 'active', limit: 500 }).then((r) => setPowers(r.items), () => undefined);
    listOrgs().then(setOrgs, () => undefined);
  }, [load]);
  const open = (s: ServiceFull) => { setEdit(s); form.setFieldsValue({ ...s, materials: s.materials.map((m) => m.name) }); };
  async function save() {
    if (!edit) return;
    const v = await form.validateFields();
    const materials = (v.materials as string[] ?? []).map((name) => ({ name, required: edit.materials.find((m) => m.name === name)?.required ?? true }));
    try {
      await api.put(`/api/v1/powers/services/${edit.id}`, {
        powerId: v.powerId, orgId: v.orgId, code: v.code, name: v.name, statutoryDays: v.statutoryDays, promisedDays: v.promisedDays, instant: !!v.instant,
        materials, baselineMaterials: v.baselineMaterials, fees: v.fees ?? '', guide: v.guide ?? '', online: !!v.online, status: v.status, jointMode: v.jointMode ?? null,
      });
      message.success(t('ap.svc.saved'));
      setEdit(null); void load();
    } catch (e) {
      if (e instanceof ApiError) form.setFields(e.errors.filter((x) => x.path.startsWith('body.')).map((x) => ({ name: x.path.split('.')[1], errors: [x.message] })));
      message.error(errorText(e));
    }
  }
  const canEdit = hasRole('admin', 'handler');
  return (
    <Card>
      <Table rowKey="id" size="small" dataSource={rows} pagination={{ pageSize: 20 }} columns={[
        { title: t('ap.col.code'), dataIndex: 'code', width: 100 }, { title: t('ap.col.name'), dataIndex: 'name' }, { title: t('ap.svc.power'), dataIndex: 'powerCode', width: 100 },
        { title: t('ap.col.org'), dataIndex: 'orgName' }, { title: t('ap.svc.statutory'), dataIndex: 'statutoryDays', width: 110, render: (n: number, s: ServiceFull) => (s.jointMode ? `${n}（${s.jointMode}）` : n) }, { title: t('ap.svc.promised'), dataIndex: 'promisedDays', width: 90 },
        { title: t('ap.col.materials'), render: (_: unknown, s) => s.materials.length, width: 70 },
        { title: t('ap.col.status'), dataIndex: 'status', width: 80, render: (x: string) => t(`ap.status.${x}`) },
        ...(canEdit ? [{ title: '', key: 'edit', width: 80, render: (_: unknown, s: ServiceFull) => <Button size="small" onClick={() => open(s)}>{t('ap.svc.edit')}</Button> }] : []),
      ]} />
      <Modal open={!!edit} title={edit ? `${t('ap.svc.edit')}：${edit.name}` : ''} onOk={() => void save()} onCancel={() => setEdit(null)} width={680} forceRender>
        <Form form={form} layout="vertical">
          <Row gutter={12}>
            <Col span={8}><Form.Item name="code" label={t('ap.col.code')} rules={[{ required: true }]}><Input /></Form.Item></Col>
            <Col span={16}><Form.Item name="name" label={t('ap.col.name')} rules={[{ required: true }]}><Input /></Form.Item></Col>
            <Col span={12}><Form.Item name="powerId" label={t('ap.svc.power')} rules={[{ required: true }]}><Select showSearch optionFilterProp="label" options={powers.map((x) => ({ value: x.id, label: `${x.code} ${x.name}` }))} /></Form.Item></Col>
            <Col span={12}><Form.Item name="orgId" label={t('ap.col.org')} rules={[{ required: true }]}><Select showSearch optionFilterProp="label" options={orgs.filter((o) => o.kind !== 'village').map((o) => ({ value: o.id, label: o.name }))} /></Form.Item></Col>
            <Col span={24}><Form.Item name="jointMode" label={t('ap.svc.joint')} extra={t('ap.svc.joint.hint')}><Select allowClear placeholder={t('ap.svc.joint.none')} options={JOINT_MODES.map((x) => ({ value: x, label: x }))} /></Form.Item></Col>
            <Col span={6}><Form.Item name="statutoryDays" label={t('ap.svc.statutory')} rules={[{ required: true }]}><InputNumber min={0} max={jointMode ? 45 : 20} precision={0} /></Form.Item></Col>
            <Col span={6}><Form.Item name="promisedDays" label={t('ap.svc.promised')} dependencies={['statutoryDays']} rules={[{ required: true }, ({ getFieldValue }) => ({ validator: (_r, v: number) => v > getFieldValue('statutoryDays') ? Promise.reject(new Error(t('ap.svc.overStatutory'))) : Promise.resolve() })]}><InputNumber min={0} max={60} precision={0} /></Form.Item></Col>
            <Col span={6}><Form.Item name="baselineMaterials" label={t('ap.svc.baseline')} rules={[{ required: true }]}><InputNumber min={0} precision={0} /></Form.Item></Col>
            <Col span={6}><Form.Item name="status" label={t('ap.col.status')}><Select options={['active', 'suspended'].map((x) => ({ value: x, label: t(`ap.status.${x}`) }))} /></Form.Item></Col>
          </Row>
          <Form.Item name="materials" label={t('ap.col.materials')}><Select mode="tags" open={false} tokenSeparators={['，', '、', '；']} /></Form.Item>
          <Form.Item name="fees" label={t('ap.svc.fees')}><Input /></Form.Item>
          <Form.Item name="guide" label={t('ap.svc.guide')}><Input.TextArea rows={3} /></Form.Item>
          <Space>
            <Form.Item name="instant" valuePropName="checked"><Checkbox>{t('ap.svc.instant')}</Checkbox></Form.Item>
            <Form.Item name="online" valuePropName="checked"><Checkbox>{t('ap.svc.online')}</Checkbox></Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}

interface Scenario { id: string; name: string; description: string; materials: Material[]; services: { id: string; name: string }[] }
function Scenarios() {
  const { message } = App.useApp();
  const [rows, setRows] = useState<Scenario[]>([]);
  const [services, setServices] = useState<Service[]>([]);
  const [form] = Form.useForm();
  const load = useCallback(() => api.get<Scenario[]>('/api/v1/approvals/scenarios').then(setRows, (e: Error) => message.error(e.message)), [message]);
  useEffect(() => { void load(); api.get<Service[]>('/api/v1/powers/services').then(setServices, () => undefined); }, [load]);
  async function create(v: { name: string; description?: string; serviceIds: string[] }) {
    try {
      const r = await api.post<{ materials: Material[] }>('/api/v1/approvals/scenarios', v);
      message.success(t('ap.sc.created', { n: r.materials.length }));
      form.resetFields(); void load();
    } catch (e) {
      if (e instanceof ApiError) form.setFields(e.errors.map((x) => ({ name: x.path.split('.')[1], errors: [x.message] })));
      message.error(errorText(e));
    }
  }
  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <Table rowKey="id" size="small" dataSource={rows} pagination={false} columns={[
          { title: t('ap.sc.name'), dataIndex: 'name' }, { title: t('ap.col.services'), render: (_: unknown, s) => s.services.map((x) => x.name).join('、') },
          { title: t('ap.col.materials'), render: (_: unknown, s) => s.materials.length },
        ]} />
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('ap.sc.create')}>
          <Form form={form} layout="vertical" onFinish={create}>
            <Form.Item name="name" label={t('ap.sc.name')} rules={[{ required: true }]}><Input placeholder={t('ap.sc.example')} /></Form.Item>
            <Form.Item name="description" label={t('ap.sc.desc')}><Input.TextArea rows={2} /></Form.Item>
            <Form.Item name="serviceIds" label={t('ap.sc.services')} rules={[{ required: true }]}><Select mode="multiple" optionFilterProp="label" options={services.map((s) => ({ value: s.id, label: s.name }))} /></Form.Item>
            <Button type="primary" htmlType="submit">{t('ap.sc.create')}</Button>
          </Form>
        </Card>
      </Col>
    </Row>
  );
}

interface RatingRow { id: string; caseNumber: string; itemName: string; orgName: string; level: number; levelLabel: string; channelLabel: string; comment: string | null; active: boolean; ratedAt: string; excluded: boolean; rectificationCaseId: string | null; rectificationNumber: string | null; rectificationState: string | null; rectificationStateLabel: string | null; warningLevel: string | null }
function Ratings() {
  const { message } = App.useApp();
  const [bad, setBad] = useState(true);
  const [rows, setRows] = useState<RatingRow[]>([]);
  useEffect(() => { api.get<RatingRow[]>('/api/v1/ratings', { bad: bad ? 'true' : undefined }).then(setRows, (e: Error) => message.error(e.message)); }, [bad, message]);
  return (
    <Card title={bad ? t('ap.rt.ledger') : t('ap.tab.ratings')} extra={<Checkbox checked={bad} onChange={(e) => setBad(e.target.checked)}>{t('ap.rt.badOnly')}</Checkbox>}>
      <Table rowKey="id" size="small" dataSource={rows} pagination={{ pageSize: 20 }} columns={[
        { title: t('ap.col.number'), dataIndex: 'caseNumber' }, { title: t('ap.col.item'), dataIndex: 'itemName' }, { title: t('ap.col.org'), dataIndex: 'orgName' },
        { title: t('ap.col.rating'), dataIndex: 'levelLabel', render: (l: string, r) => <Tag color={r.level <= 2 ? 'red' : 'green'}>{l}</Tag> },
        { title: t('ap.col.channel'), dataIndex: 'channelLabel' }, { title: t('ap.col.active'), dataIndex: 'active', render: (a: boolean) => a ? '✓' : t('ap.rt.default') },
        { title: t('ap.col.comment'), dataIndex: 'comment' }, { title: t('ap.col.ratedAt'), dataIndex: 'ratedAt', render: fmtDateTime },
        { title: t('ap.col.rectification'), render: (_: unknown, r) => r.excluded ? <Tag>{t('ap.rt.excluded')}</Tag> : r.rectificationCaseId
          ? <a href={`/console/cases/${r.rectificationCaseId}`} onClick={(e) => { e.preventDefault(); navigate(`/console/cases/${r.rectificationCaseId}`); }}>{r.rectificationNumber} · {r.rectificationStateLabel}</a> : '' },
      ]} />
    </Card>
  );
}

const DASH = ['approvals.count', 'approvals.on_time_promise_rate', 'approvals.on_time_statutory_rate', 'approvals.instant_ratio', 'approvals.avg_trips', 'approvals.promise_compression', 'approvals.material_reduction',
  'approvals.scenarios', 'powers.items', 'powers.delegation_rate', 'powers.service_delegation_rate', 'powers.license_transfers', 'ratings.count', 'ratings.active_rate', 'ratings.satisfaction_rate', 'ratings.bad_count', 'ratings.rectification_rate', 'ratings.rectification_on_time_rate', 'ratings.realname_callback_rate'];
function Dashboard() {
  const [from, setFrom] = useState(dayjs().startOf('year').format('YYYY-MM-DD'));
  const [to, setTo] = useState(dayjs().format('YYYY-MM-DD'));
  const [vals, setVals] = useState<Record<string, { label: string; value: number | null; unit: string }>>({});
  useEffect(() => {
    void Promise.all(DASH.map((k) => api.get<{ label: string; value: number | null; unit: string }>(`/api/v1/metrics/${k}`, { from, to }).then((v) => [k, v] as const, () => null)))
      .then((r) => setVals(Object.fromEntries(r.filter((x): x is NonNullable<typeof x> => !!x))));
  }, [from, to]);
  return (
    <Card title={t('ap.dash.title')} extra={<DatePicker.RangePicker aria-label={t('ap.dash.period')} value={[dayjs(from), dayjs(to)]} onChange={(v) => { if (v?.[0] && v[1]) { setFrom(v[0].format('YYYY-MM-DD')); setTo(v[1].format('YYYY-MM-DD')); } }} />}>
      <Row gutter={[16, 16]}>
        {DASH.filter((k) => vals[k]).map((k) => (
          <Col key={k} xs={12} md={8} lg={6}>
            <Card size="small" hoverable onClick={() => navigate(`/console/dashboard?metric=${k}`)}>
              <Statistic title={vals[k].label} value={vals[k].value ?? '—'} suffix={vals[k].value === null ? '' : vals[k].unit} />
            </Card>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

interface PowersSettings { approvalBureauId: string | null; approvalBureauName: string | null; updatedAt: string | null }

/** 设置 (admins): which department is the 行政审批局 — the destination that makes a 行政许可 item's org change a 划转. */
function Settings() {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [current, setCurrent] = useState<PowersSettings | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    listOrgs().then(setOrgs, () => undefined);
    api.get<PowersSettings>('/api/v1/powers/settings').then((s) => { setCurrent(s); form.setFieldsValue({ approvalBureauId: s.approvalBureauId ?? undefined }); }, (e: Error) => message.error(e.message));
  }, [form, message]);
  async function save(v: { approvalBureauId?: string }) {
    setSaving(true);
    try {
      const s = await api.put<PowersSettings>('/api/v1/powers/settings', v);
      setCurrent(s);
      message.success(t('common.saved'));
    } catch (e) {
      const { fields, other } = e instanceof ApiError && e.errors.length ? problemToFields(e, ['approvalBureauId']) : { fields: [], other: [errorText(e)] };
      form.setFields(fields);
      if (other.length) message.error(other.join('；'));
    } finally { setSaving(false); }
  }
  const departments = orgs.filter((o) => o.kind === 'department').map((o) => ({ value: o.id, label: o.name }));
  return (
    <Card title={t('ap.set.title')}>
      <Typography.Paragraph type="secondary">{t('ap.set.help')}</Typography.Paragraph>
      <Form form={form} layout="vertical" style={{ maxWidth: 520 }} onFinish={save}>
        <Form.Item name="approvalBureauId" label={t('ap.set.bureau')} extra={t('ap.set.basis')} rules={[{ required: true, message: t('ap.set.required') }]}>
          <Select showSearch optionFilterProp="label" options={departments} placeholder={t('ap.set.none')} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>{t('common.save')}</Button>
          {current?.updatedAt && <Typography.Text type="secondary" data-testid="powers-settings-updated">{t('ap.set.updated', { at: fmtDateTime(current.updatedAt), name: current.approvalBureauName ?? '' })}</Typography.Text>}
        </Space>
      </Form>
    </Card>
  );
}

/** The 政务服务 workspace: window intake, queues, the 权责清单 editor, scenarios, 好差评 and statistics. */
export default function ApprovalsConsole() {
  const { search } = useLocation();
  const { hasRole } = useSession();
  const tab = search.get('tab') ?? 'intake';
  const items = useMemo(() => [
    ...(hasRole('dispatcher', 'handler') ? [{ key: 'intake', label: t('ap.tab.intake'), children: <Intake /> }] : []),
    { key: 'queue', label: t('ap.tab.queue'), children: <Queue /> },
    { key: 'powers', label: t('ap.tab.powers'), children: <Powers /> },
    { key: 'adjust', label: t('ap.tab.adjust'), children: <Adjustments /> },
    { key: 'services', label: t('ap.tab.services'), children: <Services /> },
    { key: 'scenarios', label: t('ap.tab.scenarios'), children: <Scenarios /> },
    { key: 'ratings', label: t('ap.tab.ratings'), children: <Ratings /> },
    { key: 'dashboard', label: t('ap.tab.dashboard'), children: <Dashboard /> },
    ...(hasRole('admin') ? [{ key: 'settings', label: t('ap.tab.settings'), children: <Settings /> }] : []),
  ], [hasRole]);
  const active = items.some((i) => i.key === tab) ? tab : items[0].key;
  return <Tabs activeKey={active} destroyOnHidden items={items} onChange={(k) => navigate(`/console/approvals?tab=${k}`)} />;
}
