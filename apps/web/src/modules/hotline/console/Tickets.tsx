import { useCallback, useEffect, useState } from 'react';
import { Badge, Input, Space, Table, Tabs, Tag, Typography } from 'antd';
import { api } from '../../../lib/api.ts';
import { fmtDateTime } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { navigate, useLocation } from '../../../lib/router.ts';
import { useCaseType } from '../../../console/components/data.ts';
import { ExportButton } from '../../../console/components/ExportButton.tsx';
import { LevelTag } from '../../../console/components/LevelTag.tsx';

interface Ticket {
  id: string; number: string; channelLabel: string; ticketType: string; categoryName: string; state: string; title: string; dueAt: string | null;
  warningLevel: string;
  leadOrg: string | null; returnCount: number; returnReason: string | null; returnNote: string | null; satisfaction: string | null; supervised: boolean;
}

/** The queues of the 12345 desk, with the counts of the summary that has them (GET /api/v1/hotline/summary). */
const VIEWS: { key: string; count?: string }[] = [
  { key: 'board', count: 'toDispatch' }, { key: 'returns', count: 'returns' }, { key: 'callbacks', count: 'callbacks' }, { key: 'overdue', count: 'overdue' },
  { key: 'yellow' }, { key: 'red', count: 'red' }, { key: 'supervised' }, { key: 'all' },
];

/** One queue: search, export, and the tickets (state labels from the workflow, GET /api/v1/case-types). */
function Queue({ view }: { view: string }) {
  const [data, setData] = useState<{ items: Ticket[]; total: number } | null>(null);
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const states = useCaseType('hotline_ticket')?.states ?? {};
  const load = useCallback(() => {
    api.get<{ items: Ticket[]; total: number }>('/api/v1/hotline/tickets', { view, q: q || undefined, limit: 20, offset })
      .then(setData, () => setData({ items: [], total: 0 }));
  }, [view, q, offset]);
  useEffect(load, [load]);
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Input.Search placeholder={t('hotline.tickets.search')} allowClear onSearch={(v) => { setOffset(0); setQ(v); }} style={{ width: 260 }} />
        <ExportButton path="/api/v1/hotline/tickets" query={{ view, q: q || undefined }} name={`12345-${view}`} />
      </Space>
      <Table<Ticket> rowKey="id" size="small" loading={!data} dataSource={data?.items} data-testid={`hl-list-${view}`}
        pagination={{ total: data?.total, pageSize: 20, current: offset / 20 + 1, onChange: (p) => setOffset((p - 1) * 20) }}
        onRow={(r) => ({ onClick: () => navigate(`/console/cases/${r.id}`), style: { cursor: 'pointer' } })}
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

/** 工单: the dispatcher's board and the supervision queues (逾期, 黄牌/红牌, 退单争议, 督办, 待回访), `?view=`. */
export default function Tickets() {
  const { search } = useLocation();
  const [counts, setCounts] = useState<Record<string, number>>({});
  useEffect(() => { api.get<Record<string, number>>('/api/v1/hotline/summary').then(setCounts, () => setCounts({})); }, []);
  const view = VIEWS.some((v) => v.key === search.get('view')) ? (search.get('view') as string) : 'board';
  return (
    <>
      <Typography.Title level={3}>{t('hotline.title')}</Typography.Title>
      <Tabs activeKey={view} destroyOnHidden onChange={(k) => navigate(`/console/hotline/tickets?view=${k}`)} items={VIEWS.map((v) => ({
        key: v.key,
        label: v.count ? <span>{t(`hotline.view.${v.key}`)} <Badge count={counts[v.count] ?? 0} /></span> : t(`hotline.view.${v.key}`),
        children: <Queue view={v.key} />,
      }))} />
    </>
  );
}
