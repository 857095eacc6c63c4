import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Checkbox, Col, Form, Input, Modal, Row, Segmented, Select, Space, Statistic, Table, Tag, TreeSelect, Typography } from 'antd';
import { api, type Query } from '../../lib/api.ts';
import { fmtDate, fmtDateTime } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { navigate } from '../../lib/router.ts';
import { ActionModal } from '../components/ActionModal.tsx';
import { useAbility } from '../session.ts';
import { caseTypes, listOrgs, orgTree, type CaseTypeInfo, type TreeNode } from '../components/data.ts';
import { ExportButton } from '../components/ExportButton.tsx';
import { SavedFilters, ShortcutHelp, useQueueKeys } from '../components/queue.tsx';
import { LevelTag } from '../components/LevelTag.tsx';
import { OwnFigures } from '../components/OwnFigures.tsx';

interface CaseRow {
  id: string; type: string; typeLabel: string; number: string; title: string; state: string; stateLabel: string;
  orgName: string; handlingOrgName: string; filedOn: string; dueAt: string | null; warningLevel: string; updatedAt: string; closedAt: string | null;
}
interface CaseList { items: CaseRow[]; nextCursor: string | null; counts: { total: number; yellow: number; red: number } }

/** 工作台: the cases to act on (or all visible), ordered by deadline, with 正常/黄牌/红牌, filters, counts, export, 新建. */
export default function Workbench() {
  const { message } = App.useApp();
  const [filters, setFilters] = useState<Query>({});
  const [rows, setRows] = useState<CaseRow[]>([]);
  const [counts, setCounts] = useState<CaseList['counts'] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [types, setTypes] = useState<CaseTypeInfo[]>([]);
  const [orgs, setOrgs] = useState<TreeNode[]>([]);
  const [form] = Form.useForm();
  const recordLate = useAbility('case.record_late'); // a receipt keyed in after it arrived keeps its real time
  // a handler's own unit's figures (a leader has the cockpit instead)
  const [mayOwn, hasCockpit] = [useAbility('metrics.own'), useAbility('dashboard.view')];
  const ownFigures = mayOwn && !hasCockpit;
  const typeSel = Form.useWatch('type', form) as string | undefined;
  const [chooseOpen, setChooseOpen] = useState(false);
  const [creating, setCreating] = useState<CaseTypeInfo | null>(null);

  // 待我办理 = cases this user may act on now; 全部案件 = every case the user may see (supervisors, leaders).
  const [scope, setScope] = useState<'mine' | 'all'>('mine');
  const [withClosed, setWithClosed] = useState(false);
  const query = useMemo<Query>(() => ({ actionable: scope === 'mine', open: !withClosed, limit: 50, ...filters }), [filters, scope, withClosed]);

  const load = useCallback(async (more: string | null) => {
    setLoading(true);
    try {
      const r = await api.get<CaseList>('/api/v1/cases', { ...query, cursor: more ?? undefined });
      setRows((old) => (more ? [...old, ...r.items] : r.items));
      setCursor(r.nextCursor);
      setCounts(r.counts);
    } catch (e) { message.error((e as Error).message); }
    finally { setLoading(false); }
  }, [query, message]);

  useEffect(() => { void load(null); }, [load]);
  useEffect(() => {
    caseTypes().then(setTypes, () => undefined);
    listOrgs().then((o) => setOrgs(orgTree(o)), () => undefined);
  }, []);

  // The server says which types this user may open (from the workflow's create roles).
  const creatable = types.filter((ct) => ct.canCreate ?? ct.create.allowed ?? false);
  const stateOptions = typeSel ? Object.entries(types.find((x) => x.type === typeSel)?.states ?? {}).map(([k, s]) => ({ value: k, label: s.label })) : [];

  const openRow = useCallback((r: CaseRow) => navigate(`/console/cases/${r.id}`), []);
  const keys = useQueueKeys(rows, openRow);
  const filterName = [filters.q, types.find((x) => x.type === filters.type)?.label, filters.level ? t(`level.${filters.level}`) : null,
    filters.overdue ? t('work.overdue') : null].filter(Boolean).join(' · ') || t('work.title');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col xs={8}><Card size="small"><Statistic title={t(scope === 'mine' ? 'work.total' : 'work.totalAll')} value={counts?.total ?? '—'} /></Card></Col>
        <Col xs={8}><Card size="small" className="tile" onClick={() => { form.setFieldsValue({ level: 'yellow' }); setFilters({ ...filters, level: 'yellow' }); }}>
          <Statistic title={t('level.yellow')} value={counts?.yellow ?? '—'} styles={{ content: { color: '#d48806' } }} /></Card></Col>
        <Col xs={8}><Card size="small" className="tile" onClick={() => { form.setFieldsValue({ level: 'red' }); setFilters({ ...filters, level: 'red' }); }}>
          <Statistic title={t('level.red')} value={counts?.red ?? '—'} styles={{ content: { color: '#cf1322' } }} /></Card></Col>
      </Row>
      <Card size="small" title={<Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{t(scope === 'mine' ? 'work.title' : 'work.titleAll')}</Typography.Title>
        <Segmented size="small" value={scope} onChange={(v) => setScope(v as 'mine' | 'all')} aria-label={t('work.scope')}
          options={[{ value: 'mine', label: t('work.scope.mine') }, { value: 'all', label: t('work.scope.all') }]} />
        <Checkbox checked={withClosed} onChange={(e) => setWithClosed(e.target.checked)}>{t('work.withClosed')}</Checkbox>
      </Space>}
        extra={<Space>
          <ExportButton path="/api/v1/cases" query={query} name={t('work.title')} />
          {creatable.length > 0 && <Button type="primary" onClick={() => setChooseOpen(true)}>{t('work.new')}</Button>}
        </Space>}>
        <Form form={form} layout="inline" style={{ marginBottom: 12, rowGap: 8 }}
          onFinish={(v: Record<string, unknown>) => setFilters(Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '' && x !== false)) as Query)}>
          <Form.Item name="q"><Input.Search placeholder={t('work.search')} allowClear onSearch={() => form.submit()} style={{ width: 200 }} /></Form.Item>
          <Form.Item name="type"><Select placeholder={t('work.type')} allowClear style={{ width: 140 }} options={types.map((x) => ({ value: x.type, label: x.label }))}
            onChange={() => form.setFieldsValue({ state: undefined })} /></Form.Item>
          <Form.Item name="state"><Select placeholder={t('work.state')} allowClear style={{ width: 120 }} options={stateOptions} disabled={!typeSel} /></Form.Item>
          <Form.Item name="orgId"><TreeSelect placeholder={t('work.org')} allowClear treeData={orgs} style={{ width: 180 }} treeDefaultExpandAll showSearch treeNodeFilterProp="title" /></Form.Item>
          <Form.Item name="level"><Select placeholder={t('work.level')} allowClear style={{ width: 100 }}
            options={['normal', 'yellow', 'red'].map((l) => ({ value: l, label: t(`level.${l}`) }))} /></Form.Item>
          <Form.Item name="overdue" valuePropName="checked"><Checkbox>{t('work.overdue')}</Checkbox></Form.Item>
          <Form.Item><Space><Button htmlType="submit" type="primary" ghost>{t('common.filter')}</Button>
            <Button onClick={() => { form.resetFields(); setFilters({}); }}>{t('common.reset')}</Button>
            <SavedFilters list="workbench" current={Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, String(v)]))}
              name={filterName} apply={(f) => {
                const v = { ...f, ...(f.overdue ? { overdue: f.overdue === 'true' } : {}) };
                form.resetFields(); form.setFieldsValue(v); setFilters(v as Query);
              }} />
            <ShortcutHelp open={keys.help} onOpenChange={keys.setHelp} /></Space></Form.Item>
        </Form>
        <Table<CaseRow> rowKey="id" size="middle" dataSource={rows} loading={loading} pagination={false} scroll={{ x: 900 }}
          rowClassName={(r, i) => `${keys.rowClassName(r, i)} row-${r.warningLevel}`}
          onRow={(r) => ({ onClick: () => navigate(`/console/cases/${r.id}`), onKeyDown: (e) => { if (e.key === 'Enter') navigate(`/console/cases/${r.id}`); }, tabIndex: 0 })}
          columns={[
            { title: t('work.level'), dataIndex: 'warningLevel', width: 76, render: (l: string, r) => (r.closedAt ? <Tag>{t('case.closed')}</Tag> : <LevelTag level={l} />) },
            { title: t('work.dueAt'), dataIndex: 'dueAt', width: 140, render: (v: string | null) => fmtDateTime(v) },
            { title: t('case.number'), dataIndex: 'number', width: 140, render: (v: string, r) => <a href={`/console/cases/${r.id}`} onClick={(e) => e.preventDefault()}>{v}</a> },
            { title: t('case.title'), dataIndex: 'title', ellipsis: true },
            { title: t('work.type'), dataIndex: 'typeLabel', width: 104 },
            { title: t('work.state'), dataIndex: 'stateLabel', width: 100 },
            { title: t('work.handlingOrg'), dataIndex: 'handlingOrgName', width: 130, ellipsis: true },
            { title: t('case.filedOn'), dataIndex: 'filedOn', width: 100, render: (v: string) => fmtDate(v) },
          ]} />
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          {cursor ? <Button onClick={() => void load(cursor)} loading={loading}>{t('common.loadMore')}</Button>
            : rows.length > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>}
        </div>
      </Card>
      {ownFigures && <OwnFigures />}
      <Modal open={chooseOpen} title={t('work.chooseType')} footer={null} onCancel={() => setChooseOpen(false)}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          {creatable.map((ct) => (
            <Button key={ct.type} block onClick={() => { setChooseOpen(false); setCreating(ct); }}>{ct.label} · {ct.create.label}</Button>
          ))}
        </Space>
      </Modal>
      <ActionModal open={!!creating} title={creating ? `${creating.label} · ${creating.create.label}` : ''} schema={creating?.create.schema} orgs={orgs}
        recordLate={recordLate} onClose={() => setCreating(null)}
        onSubmit={async (input, key, occurredAt) => {
          const r = await api.post<{ id: string; number?: string }>('/api/v1/cases', { type: creating?.type, input, occurredAt }, { 'Idempotency-Key': key });
          message.success(t('work.created', { number: r.number ?? '' }));
          navigate(`/console/cases/${r.id}`);
        }} />
    </Space>
  );
}
