import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Badge, Button, Card, Checkbox, Col, Drawer, Form, Input, List, Row, Select, Space, Statistic, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { api, ApiError } from '../../../lib/api.ts';
import { problemToFields } from '../../../lib/forms.ts';
import { fmtDateTime } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { navigate, useLocation } from '../../../lib/router.ts';
import { listOrgs, type Org } from '../../components/data.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { SchemaFields, toInput, type JsonSchema } from '../../components/SchemaForm.tsx';
import { useSession } from '../../session.ts';
import './strings.ts';

interface Cat { id: string; code: string; name: string; initials: string; keywords: string; orgId: string | null; orgName: string | null; groupName: string | null; parentCode: string | null; leaf: boolean; limitRule: string | null; limit: { label: string; length: number; unit: string; sourced: boolean } | null; facts: { code: string; label: string; datatype: string; required: boolean; values?: { key: string; name: string }[] }[]; active: boolean }
interface Dup { number: string; reason: string; categoryName: string; state: string; acceptedAt: string; description: string }
interface Kb { id: string; question: string; answer: string; basis: string; version: number }
interface Ticket { id: string; number: string; channelLabel: string; ticketType: string; categoryName: string; state: string; title: string; dueAt: string | null; warningLevel: string; leadOrg: string | null; returnCount: number; returnReason: string | null; returnNote: string | null; satisfaction: string | null; supervised: boolean }

const TYPES = ['咨询', '求助', '投诉', '举报', '建议'];
const UNIT: Record<string, string> = { workdays: '个工作日', hours: '小时', days: '日' };

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => { const h = setTimeout(() => setV(value), ms); return () => clearTimeout(h); }, [value, ms]);
  return v;
}

/** Intake built for speed: phone first, category by Chinese or pinyin initials, duplicates and answers while typing. */
function Intake({ cats, orgs }: { cats: Cat[]; orgs: Org[] }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dups, setDups] = useState<Dup[]>([]);
  const [kb, setKb] = useState<Kb[]>([]);
  const [done, setDone] = useState<{ number: string; id: string } | null>(null);
  const phoneRef = useRef<{ focus: () => void } | null>(null);
  const phone = Form.useWatch('phone', form) as string | undefined;
  const description = Form.useWatch('description', form) as string | undefined;
  const townshipId = Form.useWatch('townshipId', form) as string | undefined;
  const categoryCode = Form.useWatch('categoryCode', form) as string | undefined;
  const ticketType = Form.useWatch('ticketType', form) as string | undefined;
  const dPhone = useDebounced(phone, 300); const dDesc = useDebounced(description, 500);
  const leaves = useMemo(() => cats.filter((c) => c.leaf && c.active), [cats]);
  const cat = leaves.find((c) => c.code === categoryCode);
  const towns = orgs.filter((o) => o.kind === 'township');

  useEffect(() => {
    if (!(dPhone && dPhone.length >= 7) && !(dDesc && dDesc.length >= 6)) { setDups([]); return; }
    api.post<Dup[]>('/api/v1/hotline/duplicates', { phone: dPhone || undefined, description: dDesc || undefined, townshipId: townshipId || undefined }).then(setDups, () => setDups([]));
  }, [dPhone, dDesc, townshipId]);
  useEffect(() => {
    if (!dDesc || dDesc.length < 4) { setKb([]); return; }
    api.get<Kb[]>('/api/v1/hotline/kb', { q: dDesc.slice(0, 60) }).then((r) => setKb(r.slice(0, 5)), () => setKb([]));
  }, [dDesc]);
  useEffect(() => { if (cat?.orgId) form.setFieldValue('leadOrgId', cat.orgId); }, [cat, form]);

  async function submit(mode: 'dispatch' | 'instant' | 'register', mergeInto?: string) {
    let v: Record<string, unknown>;
    try { v = await form.validateFields(); } catch { return; }
    setBusy(true); setError(null);
    try {
      const attributes = Object.fromEntries(Object.entries(v).filter(([k, x]) => k.startsWith('attr_') && x !== undefined && x !== '').map(([k, x]) => [k.slice(5), x]));
      const c = await api.post<{ id: string; number: string }>('/api/v1/cases', { type: 'hotline_ticket', input: {
        channel: v.channel, ticketType: v.ticketType, categoryCode: v.categoryCode ?? '', urgency: v.urgency, description: v.description ?? '', address: v.address || undefined,
        townshipId: v.townshipId || undefined, anonymous: !!v.anonymous, confidential: !!v.confidential, attributes, parties: { name: v.name || undefined, phone: v.phone || undefined },
      } });
      if (mergeInto) await api.post(`/api/v1/cases/${c.id}/actions`, { action: 'merge', input: { masterNumber: mergeInto } });
      else if (mode === 'instant') await api.post(`/api/v1/cases/${c.id}/actions`, { action: 'instant_answer', input: { answer: v.answer ?? '', kbId: v.kbId || undefined } });
      else if (mode === 'dispatch') await api.post(`/api/v1/cases/${c.id}/actions`, { action: 'dispatch', input: { leadOrgId: v.leadOrgId, assistOrgIds: v.assistOrgIds ?? [] } });
      setDone({ number: c.number, id: c.id });
      message.success(t('hlc.saved', { number: c.number }));
      form.resetFields(); setDups([]); setKb([]);
      phoneRef.current?.focus();
    } catch (e) {
      if (e instanceof ApiError) {
        const { fields, other } = problemToFields(e, undefined, ['body.input.parties', 'body.input.attributes', 'body.input', 'body']);
        form.setFields(fields.map((f) => ({ ...f, name: f.name.length === 1 && cats.some((c) => c.facts.some((x) => x.code === f.name[0])) ? [`attr_${f.name[0]}`] : f.name })));
        setError(other.join('；') || (fields.length ? null : e.text));
      } else setError((e as Error).message);
    } finally { setBusy(false); }
  }

  return (
    <Row gutter={16}>
      <Col xs={24} lg={15}>
        {done && <Alert type="success" showIcon style={{ marginBottom: 12 }} data-testid="hl-created" message={<span>{t('hlc.saved', { number: done.number })} <a onClick={() => navigate(`/console/cases/${done.id}`)}>{t('hlc.open')}</a></span>} />}
        {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={error} />}
        <Form form={form} layout="vertical" initialValues={{ channel: 'phone', ticketType: '投诉', urgency: 'normal' }}
          onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void submit(ticketType === '咨询' && form.getFieldValue('answer') ? 'instant' : 'dispatch'); } }}>
          <Row gutter={12}>
            <Col span={8}><Form.Item name="phone" label={t('hl.f.phone')}><Input ref={(r) => { phoneRef.current = r; }} autoFocus id="hl-phone" inputMode="tel" /></Form.Item></Col>
            <Col span={8}><Form.Item name="name" label={t('hl.f.name')}><Input id="hl-name" /></Form.Item></Col>
            <Col span={8}><Form.Item name="channel" label={t('hlc.channel')}><Select id="hl-channel" options={[{ value: 'phone', label: '电话' }, { value: 'web', label: '网站' }, { value: 'mailbox', label: '书记县长信箱' }]} /></Form.Item></Col>
          </Row>
          <Row gutter={12}>
            <Col span={8}><Form.Item name="ticketType" label={t('hl.f.type')}><Select id="hl-type" options={TYPES.map((x) => ({ value: x, label: x }))} /></Form.Item></Col>
            <Col span={10}>
              <Form.Item name="categoryCode" label={t('hl.f.category')} extra={cat?.limit ? t('hlc.limit', { n: cat.limit.length, unit: UNIT[cat.limit.unit] ?? '', org: cat.orgName ?? '' }) : t('hlc.catHelp')}>
                <Select id="hl-category" showSearch placeholder={t('hl.f.categorySearch')}
                  filterOption={(input, o) => { const c = leaves.find((x) => x.code === o?.value); const q = input.trim().toLowerCase(); return !!c && (c.name.includes(q) || c.initials.includes(q) || c.keywords.includes(q) || c.code.startsWith(q)); }}
                  options={leaves.map((c) => ({ value: c.code, label: `${c.groupName ? `${c.groupName} / ` : ''}${c.name}` }))} />
              </Form.Item>
            </Col>
            <Col span={6}><Form.Item name="urgency" label={t('hlc.urgency')}><Select id="hl-urgency" options={[{ value: 'normal', label: '一般' }, { value: 'high', label: '紧急' }, { value: 'urgent', label: '特急' }]} /></Form.Item></Col>
          </Row>
          {cat?.facts.map((f) => (
            <Form.Item key={f.code} name={`attr_${f.code}`} label={f.label} rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : []}>
              {f.values ? <Select options={f.values.map((v) => ({ value: v.key, label: v.name }))} /> : <Input />}
            </Form.Item>
          ))}
          <Form.Item name="description" label={t('hl.f.description')}><Input.TextArea id="hl-description" rows={4} /></Form.Item>
          <Row gutter={12}>
            <Col span={8}><Form.Item name="townshipId" label={t('hl.f.township')}><Select id="hl-township" allowClear showSearch optionFilterProp="label" options={towns.map((o) => ({ value: o.id, label: o.name }))} /></Form.Item></Col>
            <Col span={16}><Form.Item name="address" label={t('hl.f.address')}><Input id="hl-address" /></Form.Item></Col>
          </Row>
          <Space>
            <Form.Item name="anonymous" valuePropName="checked" noStyle><Checkbox>{t('hl.f.anonymous')}</Checkbox></Form.Item>
            <Form.Item name="confidential" valuePropName="checked" noStyle><Checkbox>{t('hl.f.confidential')}</Checkbox></Form.Item>
          </Space>
          <Card size="small" style={{ marginTop: 12 }} title={t('hlc.dispatchOrAnswer')}>
            <Row gutter={12}>
              <Col span={12}><Form.Item name="leadOrgId" label={t('hlc.lead')}><Select id="hl-lead" showSearch optionFilterProp="label" options={orgs.map((o) => ({ value: o.id, label: o.name }))} /></Form.Item></Col>
              <Col span={12}><Form.Item name="assistOrgIds" label={t('hlc.assist')}><Select mode="multiple" showSearch optionFilterProp="label" options={orgs.map((o) => ({ value: o.id, label: o.name }))} /></Form.Item></Col>
            </Row>
            <Form.Item name="answer" label={t('hlc.answer')}><Input.TextArea id="hl-answer" rows={2} /></Form.Item>
            <Form.Item name="kbId" hidden><Input /></Form.Item>
            <Space wrap>
              <Button type="primary" loading={busy} onClick={() => submit('dispatch')} data-testid="hl-dispatch">{t('hlc.registerDispatch')}</Button>
              <Button loading={busy} onClick={() => submit('instant')} data-testid="hl-instant">{t('hlc.instant')}</Button>
              <Button loading={busy} onClick={() => submit('register')}>{t('hlc.registerOnly')}</Button>
              <Typography.Text type="secondary">{t('hlc.keys')}</Typography.Text>
            </Space>
          </Card>
        </Form>
      </Col>
      <Col xs={24} lg={9}>
        <Card size="small" title={<span>{t('hlc.dups')} <Badge count={dups.length} /></span>} style={{ marginBottom: 12 }} data-testid="hl-dups">
          <List size="small" dataSource={dups} locale={{ emptyText: t('hlc.noDups') }} renderItem={(d) => (
            <List.Item actions={[<a key="m" onClick={() => submit('register', d.number)}>{t('hlc.merge')}</a>]}>
              <List.Item.Meta title={<span>{d.number} <Tag>{d.categoryName}</Tag></span>} description={<span>{d.reason}<br />{d.description}</span>} />
            </List.Item>
          )} />
        </Card>
        <Card size="small" title={t('hlc.kb')}>
          <List size="small" dataSource={kb} locale={{ emptyText: t('hlc.noKb') }} renderItem={(k) => (
            <List.Item actions={[<a key="u" onClick={() => { form.setFieldsValue({ answer: k.answer, kbId: k.id }); }}>{t('hlc.useAnswer')}</a>]}>
              <List.Item.Meta title={k.question} description={<Typography.Paragraph ellipsis={{ rows: 3 }} style={{ margin: 0 }}>{k.answer}</Typography.Paragraph>} />
            </List.Item>
          )} />
        </Card>
      </Col>
    </Row>
  );
}

const LEVEL: Record<string, { color: string; text: string }> = { yellow: { color: 'gold', text: '黄牌' }, red: { color: 'red', text: '红牌' }, normal: { color: 'default', text: '正常' } };

/** Ticket lists: dispatcher board, supervision (overdue, 黄牌/红牌, 退单 disputes, 督办), callbacks. */
function Tickets({ view }: { view: string }) {
  const [data, setData] = useState<{ items: Ticket[]; total: number } | null>(null);
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const load = useCallback(() => { api.get<{ items: Ticket[]; total: number }>('/api/v1/hotline/tickets', { view, q: q || undefined, limit: 20, offset }).then(setData, () => setData({ items: [], total: 0 })); }, [view, q, offset]);
  useEffect(load, [load]);
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Input.Search placeholder={t('hlc.search')} allowClear onSearch={(v) => { setOffset(0); setQ(v); }} style={{ width: 260 }} />
        <ExportButton path="/api/v1/hotline/tickets" query={{ view, q: q || undefined }} name={`12345-${view}`} />
      </Space>
      <Table<Ticket> rowKey="id" size="small" loading={!data} dataSource={data?.items} data-testid={`hl-list-${view}`}
        pagination={{ total: data?.total, pageSize: 20, current: offset / 20 + 1, onChange: (p) => setOffset((p - 1) * 20) }}
        onRow={(r) => ({ onClick: () => navigate(`/console/cases/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('hlc.number'), dataIndex: 'number', render: (v: string, r) => <span>{v}{r.supervised && <Tag color="volcano" style={{ marginLeft: 4 }}>督办</Tag>}</span> },
          { title: t('hlc.channel'), dataIndex: 'channelLabel' }, { title: t('hl.f.type'), dataIndex: 'ticketType' }, { title: t('hl.f.category'), dataIndex: 'categoryName' },
          { title: t('hlc.title2'), dataIndex: 'title', ellipsis: true }, { title: t('hlc.state'), dataIndex: 'state', render: (s: string) => t(`hlc.state.${s}`) },
          { title: t('hlc.lead'), dataIndex: 'leadOrg' },
          ...(view === 'returns' ? [{ title: t('hlc.returnReason'), dataIndex: 'returnReason', render: (v: string, r: Ticket) => <span>{v}<br /><Typography.Text type="secondary">{r.returnNote}</Typography.Text></span> }] : []),
          { title: t('hlc.due'), dataIndex: 'dueAt', render: (v: string | null, r) => <span>{fmtDateTime(v)} <Tag color={LEVEL[r.warningLevel]?.color}>{LEVEL[r.warningLevel]?.text}</Tag></span> },
        ]} />
    </>
  );
}

interface MetricValue { key: string; label: string; unit: string; value: number | null; numerator?: number; denominator?: number; definition: string; groups?: { key: string; label: string; value: number | null; numerator?: number; denominator?: number }[] }
const KEYS = ['intake', 'on_time_rate', 'completion_rate', 'response_rate', 'callback_rate', 'satisfaction_rate', 'resolution_rate', 'return_rate', 'return_rounds', 'redo_rate', 'avg_handling_hours'];

/** Hotline dashboard: every metric for the line, grouped by org / month / …, with drill-down. */
function Stats() {
  const [line, setLine] = useState<'hotline' | 'mailbox'>('hotline');
  const [groupBy, setGroupBy] = useState('org');
  const [year, setYear] = useState('2026');
  const [values, setValues] = useState<MetricValue[]>([]);
  const [hot, setHot] = useState<{ categories: { key: string; current: number; previous: number }[]; townships: { key: string; current: number; previous: number }[] } | null>(null);
  const [words, setWords] = useState<{ word: string; tickets: number }[]>([]);
  const [drill, setDrill] = useState<{ title: string; columns: { key: string; label: string }[]; items: Record<string, unknown>[] } | null>(null);
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  useEffect(() => {
    Promise.all(KEYS.map((k) => api.get<MetricValue>(`/api/v1/metrics/${line}.${k}`, { ...period, groupBy }).catch(() => null))).then((r) => setValues(r.filter((x): x is MetricValue => !!x)));
    api.get<typeof hot>('/api/v1/hotline/hotspots', { line }).then(setHot, () => setHot(null));
    api.get<{ keywords: { word: string; tickets: number }[] }>('/api/v1/hotline/keywords', { line, top: 20 }).then((r) => setWords(r.keywords), () => setWords([]));
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [line, groupBy, year]);
  const open = async (m: MetricValue, group?: string, groupLabel?: string) => {
    const d = await api.get<{ columns: { key: string; label: string }[]; items: Record<string, unknown>[] }>(`/api/v1/metrics/${m.key}/drilldown`, { ...period, groupBy: group ? groupBy : undefined, group, limit: 200 });
    setDrill({ title: `${m.label}${group ? ` · ${groupLabel ?? group}` : ''}`, ...d });
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select value={line} onChange={setLine} options={[{ value: 'hotline', label: '12345热线' }, { value: 'mailbox', label: '书记县长信箱' }]} />
        <Select value={groupBy} onChange={setGroupBy} style={{ width: 140 }} options={[['org', '主办单位'], ['month', '月份'], ['channel', '渠道'], ['type', '诉求类型'], ['category', '事项'], ['township', '乡镇']].map(([value, label]) => ({ value, label }))} />
        <Select value={year} onChange={setYear} options={['2024', '2025', '2026'].map((y) => ({ value: y, label: `${y}年` }))} />
      </Space>
      <Row gutter={[12, 12]}>
        {values.map((m) => (
          <Col key={m.key} xs={24} md={12} xl={8}>
            <Card size="small" title={<Typography.Text title={m.definition}>{m.label}</Typography.Text>} data-testid={`hl-metric-${m.key}`}>
              <a onClick={() => void open(m)}><Statistic value={m.value ?? '—'} suffix={m.value !== null ? m.unit : undefined} /></a>
              {m.denominator !== undefined && <Typography.Text type="secondary">{m.numerator} / {m.denominator}</Typography.Text>}
              <Table size="small" pagination={false} rowKey="key" dataSource={m.groups ?? []} style={{ marginTop: 8 }}
                onRow={(g) => ({ onClick: () => void open(m, g.key, g.label), style: { cursor: 'pointer' } })}
                columns={[{ title: '', dataIndex: 'label' }, { title: m.unit, dataIndex: 'value', align: 'right' as const }]} />
            </Card>
          </Col>
        ))}
        <Col xs={24} md={12}>
          <Card size="small" title={t('hlc.hotspots')}>
            <Typography.Text strong>{t('hl.f.category')}</Typography.Text>
            <List size="small" dataSource={hot?.categories ?? []} renderItem={(h) => <List.Item>{h.key}：{h.previous} → {h.current}</List.Item>} />
            <Typography.Text strong>{t('hl.f.township')}</Typography.Text>
            <List size="small" dataSource={hot?.townships ?? []} renderItem={(h) => <List.Item>{h.key}：{h.previous} → {h.current}</List.Item>} />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('hlc.keywords')}>
            <Space wrap>{words.map((w) => <Tag key={w.word}>{w.word} {w.tickets}</Tag>)}</Space>
          </Card>
        </Col>
      </Row>
      <Drawer open={!!drill} onClose={() => setDrill(null)} width={900} title={drill?.title}>
        <Table size="small" rowKey={(r) => String(r.id ?? r.number)} dataSource={drill?.items ?? []} pagination={{ pageSize: 50 }}
          columns={(drill?.columns ?? []).map((c) => ({ title: c.label, dataIndex: c.key, render: (v: unknown) => (typeof v === 'boolean' ? (v ? '是' : '否') : typeof v === 'string' && /T\d\d:/.test(v) ? fmtDateTime(v) : String(v ?? '')) }))} />
      </Drawer>
    </>
  );
}

/** 派单目录 admin: tree as a table, add or change a node by code. */
function CatalogAdmin({ cats, orgs, reload }: { cats: Cat[]; orgs: Org[]; reload: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  async function save() {
    const v = await form.validateFields();
    setError(null);
    try {
      await api.post('/api/v1/hotline/catalog', { code: v.code ?? '', name: v.name ?? '', parentCode: v.parentCode || undefined, orgId: v.orgId || undefined, limitRule: v.limitRule || undefined, keywords: v.keywords ?? '', active: v.active !== false });
      message.success(t('hlc.catSaved')); form.resetFields(); reload();
    } catch (e) {
      if (e instanceof ApiError) { const { fields, other } = problemToFields(e, undefined, ['body']); form.setFields(fields); setError(other.join('；') || null); }
    }
  }
  return (
    <Row gutter={16}>
      <Col xs={24} lg={15}>
        <Table<Cat> rowKey="code" size="small" dataSource={cats} pagination={false} onRow={(r) => ({ onClick: () => form.setFieldsValue({ ...r, orgId: r.orgId ?? undefined }), style: { cursor: 'pointer' } })}
          columns={[
            { title: '编码', dataIndex: 'code' }, { title: '名称', dataIndex: 'name', render: (v: string, r) => (r.leaf ? <span style={{ paddingLeft: 16 }}>{v}</span> : <strong>{v}</strong>) },
            { title: '拼音首字母', dataIndex: 'initials' }, { title: '主办单位', dataIndex: 'orgName' },
            { title: '默认时限', dataIndex: 'limit', render: (l: Cat['limit']) => (l ? <span>{l.length}{UNIT[l.unit]} {!l.sourced && <Tag>可配置</Tag>}</span> : '') },
            { title: '必填要素', dataIndex: 'facts', render: (f: Cat['facts']) => f.filter((x) => x.required).map((x) => x.label).join('、') },
          ]} />
      </Col>
      <Col xs={24} lg={9}>
        <Card size="small" title={t('hlc.catEdit')}>
          {error && <Alert type="error" message={error} style={{ marginBottom: 8 }} />}
          <Form form={form} layout="vertical">
            <Form.Item name="code" label="编码"><Input /></Form.Item>
            <Form.Item name="name" label="名称"><Input /></Form.Item>
            <Form.Item name="parentCode" label="上级编码"><Select allowClear options={cats.filter((c) => !c.leaf).map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))} /></Form.Item>
            <Form.Item name="orgId" label="主办单位（末级事项）"><Select allowClear showSearch optionFilterProp="label" options={orgs.map((o) => ({ value: o.id, label: o.name }))} /></Form.Item>
            <Form.Item name="limitRule" label="办理时限规则"><Select allowClear options={[{ value: 'hotline.citizen', label: '一般（默认5个工作日）' }, { value: 'hotline.citizen.complex', label: '复杂（默认15个工作日）' }, { value: 'hotline.citizen.sameday', label: '紧急（默认24小时）' }]} /></Form.Item>
            <Form.Item name="keywords" label="关键词（逗号分隔）"><Input /></Form.Item>
            <Button type="primary" onClick={() => void save()}>{t('common.save')}</Button>
          </Form>
        </Card>
      </Col>
    </Row>
  );
}

interface KbEntry extends Kb { categoryCode: string | null; keywords: string; editedAt: string }
interface KbVersion { version: number; question: string; answer: string; basis: string; keywords: string; editedAt: string }

/**
 * 知识库 (admins): search the answers in force, add one, or revise one — a revision is a new version
 * (the old ones stay, shown in the history) and names the version it revises, so two admins editing
 * the same entry cannot overwrite each other silently.
 */
function KbAdmin({ cats }: { cats: Cat[] }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<KbEntry[]>([]);
  const [editing, setEditing] = useState<KbEntry | null>(null);
  const [history, setHistory] = useState<KbVersion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => api.get<KbEntry[]>('/api/v1/hotline/kb', q.trim() ? { q: q.trim() } : {}).then(setRows, (e: Error) => setError(e.message)), [q]);
  useEffect(() => { void load(); }, [load]);
  const edit = (r: KbEntry | null) => {
    setEditing(r); setError(null); form.resetFields();
    if (r) form.setFieldsValue({ question: r.question, answer: r.answer, basis: r.basis, keywords: r.keywords, categoryCode: r.categoryCode ?? undefined });
  };
  async function save() {
    const v = await form.validateFields();
    setBusy(true); setError(null);
    try {
      const body = { question: v.question ?? '', answer: v.answer ?? '', basis: v.basis ?? '', keywords: v.keywords ?? '', categoryCode: v.categoryCode || undefined };
      const r = editing ? await api.put<{ id: string; version: number }>(`/api/v1/hotline/kb/${editing.id}`, { ...body, version: editing.version }) : await api.post<{ id: string; version: number }>('/api/v1/hotline/kb', body);
      message.success(t('hlc.kbAdmin.saved', { version: r.version }));
      edit(null); await load();
    } catch (e) {
      if (e instanceof ApiError) { const { fields, other } = problemToFields(e, undefined, ['body']); form.setFields(fields); setError(other.join('；') || (fields.length ? null : e.message)); }
    } finally { setBusy(false); }
  }
  const leafs = cats.filter((c) => c.leaf).map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }));
  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <Space style={{ marginBottom: 8 }}>
          <Input.Search allowClear aria-label={t('hlc.kbAdmin.search')} placeholder={t('hlc.kbAdmin.search')} onSearch={setQ} style={{ width: 320 }} />
          <Button onClick={() => edit(null)}>{t('hlc.kbAdmin.new')}</Button>
        </Space>
        <Table<KbEntry> rowKey="id" size="small" dataSource={rows} pagination={{ pageSize: 20 }} data-testid="kb-table"
          onRow={(r) => ({ onClick: () => edit(r), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('hlc.kbAdmin.question'), dataIndex: 'question' },
            { title: t('hlc.kbAdmin.category'), dataIndex: 'categoryCode', render: (c: string | null) => (c ? cats.find((x) => x.code === c)?.name ?? c : '—') },
            { title: t('hlc.kbAdmin.version'), dataIndex: 'version', width: 70 },
            { title: t('hlc.kbAdmin.editedAt'), dataIndex: 'editedAt', width: 150, render: fmtDateTime },
          ]} />
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={editing ? t('hlc.kbAdmin.revise', { version: editing.version }) : t('hlc.kbAdmin.add')}
          extra={editing && <Button size="small" onClick={() => api.get<KbVersion[]>(`/api/v1/hotline/kb/${editing.id}/versions`).then(setHistory, (e: Error) => message.error(e.message))}>{t('hlc.kbAdmin.history')}</Button>}>
          {error && <Alert type="error" title={error} style={{ marginBottom: 8 }} />}
          <Form form={form} layout="vertical">
            <Form.Item name="question" label={t('hlc.kbAdmin.question')}><Input /></Form.Item>
            <Form.Item name="answer" label={t('hlc.kbAdmin.answer')}><Input.TextArea rows={5} /></Form.Item>
            <Form.Item name="basis" label={t('hlc.kbAdmin.basis')}><Input /></Form.Item>
            <Form.Item name="keywords" label={t('hlc.kbAdmin.keywords')}><Input /></Form.Item>
            <Form.Item name="categoryCode" label={t('hlc.kbAdmin.category')}><Select allowClear showSearch optionFilterProp="label" options={leafs} /></Form.Item>
            <Button type="primary" loading={busy} onClick={() => void save()}>{editing ? t('hlc.kbAdmin.saveRevision') : t('common.save')}</Button>
          </Form>
        </Card>
      </Col>
      <Drawer open={!!history} onClose={() => setHistory(null)} title={t('hlc.kbAdmin.history')} size="large">
        <Timeline items={(history ?? []).map((h) => ({ key: h.version, children: (
          <div data-testid={`kb-version-${h.version}`}>
            <Typography.Text strong>{t('hlc.kbAdmin.versionN', { version: h.version })}</Typography.Text> <Typography.Text type="secondary">{fmtDateTime(h.editedAt)}</Typography.Text>
            <div>{h.question}</div><Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{h.answer}</Typography.Paragraph>
          </div>
        ) }))} />
      </Drawer>
    </Row>
  );
}

interface Settings {
  maxRedo: number; duplicateDays: number; extensionApprover: string; source: 'default' | 'county'; version: number;
  defaults: Record<string, string | number>; sources: Record<string, string>; schema: JsonSchema;
}

/** 热线设置 (admins): the form is built from the server's schema; each field shows its basis and default. */
function SettingsAdmin() {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [s, setS] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const show = useCallback((r: Settings) => {
    setS(r);
    form.setFieldsValue(Object.fromEntries(Object.keys(r.schema.properties ?? {}).map((k) => [k, r[k as keyof Settings]])));
  }, [form]);
  useEffect(() => { api.get<Settings>('/api/v1/hotline/settings').then(show, (e: Error) => setError(e instanceof ApiError ? e.text : e.message)); }, [show]);
  const schema = useMemo<JsonSchema | null>(() => s && {
    ...s.schema,
    properties: Object.fromEntries(Object.entries(s.schema.properties ?? {}).map(([k, p]) => {
      const d = s.defaults[k];
      return [k, { ...p, description: t('hlc.settings.basis', { basis: s.sources[k] ?? t('hlc.settings.unsourced'), def: p['x-enumLabels']?.[String(d)] ?? String(d) }) }];
    })),
  }, [s]);
  async function save() {
    if (!s) return;
    let v: Record<string, unknown>;
    try { v = await form.validateFields(); } catch { return; }
    setBusy(true); setError(null);
    try {
      show(await api.put<Settings>('/api/v1/hotline/settings', { ...toInput(schema, v), version: s.version }));
      message.success(t('hlc.settings.saved'));
    } catch (e) {
      if (e instanceof ApiError) {
        const { fields, other } = problemToFields(e, undefined, ['body']);
        form.setFields(fields);
        setError(other.join('；') || (fields.length ? null : e.text));
      } else setError((e as Error).message);
    } finally { setBusy(false); }
  }
  return (
    <Card size="small" title={t('hlc.settings.title')} style={{ maxWidth: 720 }}>
      {s && <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="hl-settings-source"
        message={s.source === 'county' ? t('hlc.settings.county', { version: s.version }) : t('hlc.settings.default')} />}
      {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={error} />}
      <Form form={form} layout="vertical" name="hl-settings" onFinish={() => void save()}>
        <SchemaFields schema={schema} />
        <Button type="primary" htmlType="submit" loading={busy} disabled={!s}>{t('common.save')}</Button>
      </Form>
    </Card>
  );
}

export default function HotlinePage() {
  const { hasRole } = useSession();
  const { search } = useLocation();
  const [cats, setCats] = useState<Cat[]>([]);
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [counts, setCounts] = useState<Record<string, number>>({});
  const reload = useCallback(() => { api.get<Cat[]>('/api/v1/hotline/catalog', { all: 'true' }).then(setCats, () => setCats([])); }, []);
  useEffect(() => {
    reload();
    listOrgs().then(setOrgs, () => setOrgs([]));
    api.get<Record<string, number>>('/api/v1/hotline/summary').then(setCounts, () => setCounts({}));
  }, [reload]);
  const tab = search.get('tab') ?? (hasRole('dispatcher') ? 'intake' : 'board');
  const items = [
    ...(hasRole('dispatcher') ? [{ key: 'intake', label: t('hlc.tab.intake'), children: <Intake cats={cats} orgs={orgs} /> }] : []),
    { key: 'board', label: <span>{t('hlc.tab.board')} <Badge count={counts.toDispatch ?? 0} /></span>, children: <Tickets view="board" /> },
    { key: 'returns', label: <span>{t('hlc.tab.returns')} <Badge count={counts.returns ?? 0} /></span>, children: <Tickets view="returns" /> },
    { key: 'callbacks', label: <span>{t('hlc.tab.callbacks')} <Badge count={counts.callbacks ?? 0} /></span>, children: <Tickets view="callbacks" /> },
    { key: 'overdue', label: <span>{t('hlc.tab.overdue')} <Badge count={counts.overdue ?? 0} /></span>, children: <Tickets view="overdue" /> },
    { key: 'yellow', label: t('hlc.tab.yellow'), children: <Tickets view="yellow" /> },
    { key: 'red', label: <span>{t('hlc.tab.red')} <Badge count={counts.red ?? 0} /></span>, children: <Tickets view="red" /> },
    { key: 'supervised', label: t('hlc.tab.supervised'), children: <Tickets view="supervised" /> },
    { key: 'all', label: t('hlc.tab.all'), children: <Tickets view="all" /> },
    ...(hasRole('leader', 'supervisor', 'admin', 'dispatcher') ? [{ key: 'stats', label: t('hlc.tab.stats'), children: <Stats /> }] : []),
    ...(hasRole('admin') ? [{ key: 'catalog', label: t('hlc.tab.catalog'), children: <CatalogAdmin cats={cats} orgs={orgs} reload={reload} /> }] : []),
    ...(hasRole('admin') ? [{ key: 'kb', label: t('hlc.tab.kb'), children: <KbAdmin cats={cats} /> }] : []),
    ...(hasRole('admin') ? [{ key: 'settings', label: t('hlc.tab.settings'), children: <SettingsAdmin /> }] : []),
  ];
  return (
    <>
      <Typography.Title level={3}>{t('hlc.title')}</Typography.Title>
      <Tabs activeKey={tab} destroyInactiveTabPane onChange={(k) => navigate(`/console/hotline?tab=${k}`)} items={items} />
    </>
  );
}
