import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Badge, Button, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { api } from '../../../lib/api.ts';
import { fmtDateTime } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { navigate, useLocation } from '../../../lib/router.ts';
import { listOrgs, useCaseType, type Org } from '../../../console/components/data.ts';
import { ExportButton } from '../../../console/components/ExportButton.tsx';
import { LevelTag } from '../../../console/components/LevelTag.tsx';
import { BatchSummary, performEach, SavedFilters, ShortcutHelp, useQueueKeys } from '../../../console/components/queue.tsx';
import { useSession, type Grant } from '../../../console/session.ts';

interface Ticket {
  id: string; number: string; channelLabel: string; ticketType: string; categoryName: string; state: string; title: string; dueAt: string | null;
  warningLevel: string;
  leadOrg: string | null; returnCount: number; returnReason: string | null; returnNote: string | null; satisfaction: string | null; supervised: boolean;
}

/** The queues of the 12345 desk, with the counts of the summary that has them (GET /api/v1/hotline/summary). */
const VIEWS: { key: string; count?: string }[] = [
  { key: 'to_sign' }, { key: 'handling' },
  { key: 'board', count: 'toDispatch' }, { key: 'returns', count: 'returns' }, { key: 'callbacks', count: 'callbacks' }, { key: 'overdue', count: 'overdue' },
  { key: 'yellow' }, { key: 'red', count: 'red' }, { key: 'supervised' }, { key: 'all' },
];
/** The unit's own queues (tickets it leads), for handlers; the desk's queues, for dispatchers. */
const OWN = ['to_sign', 'handling'];
const DESK = ['board', 'returns', 'callbacks'];

/**
 * Each role lands on its own queue: a dispatcher on the board (待派单, 退单待审核), a handler on their unit's 待签收, a
 * supervisor or leader on the overview; the tabs offered follow the roles held.
 */
export function queuesFor(grants: readonly Grant[]): { views: string[]; home: string } {
  const roles = new Set(grants.map((g) => g.role));
  const desk = roles.has('dispatcher') || roles.has('admin');
  const own = roles.has('handler');
  const views = VIEWS.map((v) => v.key).filter((k) => (OWN.includes(k) ? own : DESK.includes(k) ? desk || !own : true));
  const home = desk ? 'board' : own ? 'to_sign' : 'all';
  return { views: views.includes(home) ? views : [home, ...views], home };
}

/** One queue: search, export, and the tickets (state labels from the workflow, GET /api/v1/case-types). */
function Queue({ view }: { view: string }) {
  const { modal } = App.useApp();
  const { search } = useLocation();
  const [data, setData] = useState<{ items: Ticket[]; total: number } | null>(null);
  const [q, setQ] = useState(search.get('q') ?? '');
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const states = useCaseType('hotline_ticket')?.states ?? {};
  const load = useCallback(() => {
    api.get<{ items: Ticket[]; total: number }>('/api/v1/hotline/tickets', { view, q: q || undefined, limit: 20, offset })
      .then(setData, () => setData({ items: [], total: 0 }));
  }, [view, q, offset]);
  useEffect(load, [load]);
  const open = useCallback((r: Ticket) => navigate(`/console/cases/${r.id}`), []);
  const keys = useQueueKeys(data?.items, open);
  // batch acts: 签收 on the unit's queue, 派单 (to one unit) on the board
  const batch = view === 'to_sign' || view === 'board';
  const [dispatching, setDispatching] = useState(false);
  const [lead, setLead] = useState<string | undefined>();
  const [orgs, setOrgs] = useState<Org[]>([]);
  useEffect(() => { if (dispatching && !orgs.length) listOrgs().then(setOrgs, () => setOrgs([])); }, [dispatching, orgs.length]);
  async function actOnSelected(action: string, title: string, input: Record<string, unknown> = {}) {
    setBusy(true);
    const rows = (data?.items ?? []).filter((r) => selected.includes(r.id));
    const r = await performEach(rows.map((x) => ({ id: x.id, label: x.number })), action, input);
    setBusy(false);
    setSelected([]);
    modal[r.failed.length ? 'warning' : 'success']({ title, content: <BatchSummary r={r} /> });
    load();
  }
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search placeholder={t('hotline.tickets.search')} allowClear defaultValue={q} key={q} onSearch={(v) => { setOffset(0); setQ(v); }}
          style={{ width: 260 }} />
        <SavedFilters list="hotline.tickets" current={{ view, q }} name={`${t(`hotline.view.${view}`)}${q ? `：${q}` : ''}`}
          apply={(f) => {
            setOffset(0);
            if (f.view && f.view !== view) navigate(`/console/hotline/tickets?view=${f.view}&q=${encodeURIComponent(f.q ?? '')}`);
            else setQ(f.q ?? '');
          }} />
        <ExportButton path="/api/v1/hotline/tickets" query={{ view, q: q || undefined }} name={`12345-${view}`} />
        {view === 'to_sign' && (
          <Button type="primary" disabled={!selected.length} loading={busy} data-testid="batch-sign"
            onClick={() => void actOnSelected('sign', t('hotline.tickets.batchSign'))}>
            {t('hotline.tickets.batchSign')}{selected.length ? `（${t('queue.batch.selected', { n: selected.length })}）` : ''}
          </Button>
        )}
        {view === 'board' && (
          <Button type="primary" disabled={!selected.length} loading={busy} onClick={() => setDispatching(true)} data-testid="batch-dispatch">
            {t('hotline.tickets.batchDispatch')}{selected.length ? `（${t('queue.batch.selected', { n: selected.length })}）` : ''}
          </Button>
        )}
        <ShortcutHelp open={keys.help} onOpenChange={keys.setHelp} />
      </Space>
      <Modal open={dispatching} title={t('hotline.tickets.batchDispatch')} okButtonProps={{ disabled: !lead }} destroyOnHidden
        onCancel={() => setDispatching(false)}
        onOk={() => { setDispatching(false); void actOnSelected('dispatch', t('hotline.tickets.batchDispatch'), { leadOrgId: lead }); }}>
        <Typography.Paragraph type="secondary">{t('hotline.tickets.batchDispatchHelp', { n: selected.length })}</Typography.Paragraph>
        <Select showSearch optionFilterProp="label" style={{ width: '100%' }} placeholder={t('hotline.intake.lead')} value={lead} onChange={setLead}
          options={orgs.map((o) => ({ value: o.id, label: o.name }))} aria-label={t('hotline.intake.lead')} />
      </Modal>
      <Table<Ticket> rowKey="id" size="small" loading={!data} dataSource={data?.items} data-testid={`hl-list-${view}`}
        pagination={{ total: data?.total, pageSize: 20, current: offset / 20 + 1, onChange: (p) => setOffset((p - 1) * 20) }}
        rowSelection={batch ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) } : undefined}
        rowClassName={keys.rowClassName}
        onRow={(r) => ({ onClick: () => open(r) })}
        columns={[
          {
            title: t('hotline.tickets.number'), dataIndex: 'number',
            render: (v: string, r) => <span>{v}{r.supervised && <Tag color="volcano" style={{ marginLeft: 4 }}>{t('hotline.tickets.supervised')}</Tag>}</span>,
          },
          { title: t('hotline.intake.channel'), dataIndex: 'channelLabel' }, { title: t('hotline.field.type'), dataIndex: 'ticketType' },
          { title: t('hotline.field.category'), dataIndex: 'categoryName' },
          { title: t('hotline.tickets.subject'), dataIndex: 'title', ellipsis: true },
          { title: t('hotline.tickets.state'), dataIndex: 'state', render: (s: string) => states[s]?.label ?? s },
          { title: t('hotline.intake.lead'), dataIndex: 'leadOrg' },
          ...(view === 'returns' ? [{
            title: t('hotline.tickets.returnReason'), dataIndex: 'returnReason',
            render: (v: string, r: Ticket) => <span>{v}<br /><Typography.Text type="secondary">{r.returnNote}</Typography.Text></span>,
          }] : []),
          {
            title: t('hotline.tickets.due'), dataIndex: 'dueAt',
            render: (v: string | null, r) => <span>{fmtDateTime(v)} <LevelTag level={r.warningLevel} /></span>,
          },
        ]} />
    </>
  );
}

/** 工单: the unit's own queues (待签收, 办理中), the dispatcher's board and the supervision queues (逾期, 黄牌/红牌, 退单争议, 督办, 待回访), `?view=`. */
export default function Tickets() {
  const { search } = useLocation();
  const { user } = useSession();
  const { views, home } = useMemo(() => queuesFor(user.grants), [user.grants]);
  const [counts, setCounts] = useState<Record<string, number>>({});
  useEffect(() => { api.get<Record<string, number>>('/api/v1/hotline/summary').then(setCounts, () => setCounts({})); }, []);
  const view = views.includes(search.get('view') ?? '') ? (search.get('view') as string) : home;
  return (
    <>
      <Typography.Title level={3}>{t('hotline.title')}</Typography.Title>
      <Tabs activeKey={view} destroyOnHidden onChange={(k) => navigate(`/console/hotline/tickets?view=${k}`)}
        items={VIEWS.filter((v) => views.includes(v.key)).map((v) => ({
        key: v.key,
        label: v.count ? <span>{t(`hotline.view.${v.key}`)} <Badge count={counts[v.count] ?? 0} /></span> : t(`hotline.view.${v.key}`),
        children: <Queue view={v.key} />,
      }))} />
    </>
  );
}
