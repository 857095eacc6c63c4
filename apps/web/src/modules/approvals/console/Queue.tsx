import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Card, Select, Space, Table } from 'antd';
import { api } from '../../../lib/api.ts';
import { fmtDate, fmtDateTime } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { navigate } from '../../../lib/router.ts';
import { useCaseType } from '../../../console/components/data.ts';
import { LevelTag } from '../../../console/components/LevelTag.tsx';
import { SavedFilters, ShortcutHelp, usePagedQueueKeys } from '../../../console/components/queue.tsx';

interface AppRow {
  caseId: string; number: string; itemName: string; orgName: string; channel: string; state: string; trips: number; corrections: number;
  decision: string | null; receivedAt: string; dueAt: string | null; warningLevel: string;
}

/** 办件队列: the applications, filtered by state (the workflow's labels, a filter can be saved), due dates in their warning colour; j / k / Enter. */
export default function Queue() {
  const { message } = App.useApp();
  const [rows, setRows] = useState<AppRow[]>([]);
  const [state, setState] = useState<string | undefined>();
  const states = useCaseType('approval')?.states ?? {};
  useEffect(() => { api.get<AppRow[]>('/api/v1/approvals/applications', { state }).then(setRows, (e: Error) => message.error(e.message)); }, [state, message]);
  const keyed = useMemo(() => rows.map((r) => ({ ...r, id: r.caseId })), [rows]);
  const openRow = useCallback((r: AppRow) => navigate(`/console/cases/${r.caseId}`), []);
  const keys = usePagedQueueKeys(keyed, openRow);
  return (
    <Card title={t('approvals.queue.title')} extra={<Space>
      <Select allowClear placeholder={t('approvals.queue.allStates')} aria-label={t('approvals.col.state')}
        style={{ width: 200 }} value={state} onChange={setState} options={Object.entries(states).map(([k, s]) => ({ value: k, label: s.label }))} />
      <SavedFilters list="approvals" current={state ? { state } : {}} name={state ? states[state]?.label ?? state : t('approvals.queue.allStates')}
        apply={(q) => setState(q.state)} />
      <ShortcutHelp open={keys.help} onOpenChange={keys.setHelp} />
    </Space>}>
      <Table rowKey="caseId" size="small" dataSource={keyed} pagination={keys.pagination} rowClassName={keys.rowClassName}
        onRow={(r) => ({ onClick: () => openRow(r) })} columns={[
          { title: t('approvals.col.number'), dataIndex: 'number' }, { title: t('approvals.col.item'), dataIndex: 'itemName' },
          { title: t('approvals.col.org'), dataIndex: 'orgName' },
          { title: t('approvals.col.channel'), dataIndex: 'channel', render: (c: string) => t(`approvals.channel.${c}`) },
          { title: t('approvals.col.state'), dataIndex: 'state', render: (s: string) => states[s]?.label ?? s },
          { title: t('approvals.col.trips'), dataIndex: 'trips' }, { title: t('approvals.col.corrections'), dataIndex: 'corrections' },
          {
            title: t('approvals.col.due'), dataIndex: 'dueAt',
            render: (d: string | null, r) => (d ? <LevelTag level={r.warningLevel}>{fmtDate(d)}</LevelTag> : '—'),
          },
          { title: t('approvals.col.received'), dataIndex: 'receivedAt', render: fmtDateTime },
        ]} />
    </Card>
  );
}
