import { useCallback, useEffect, useState } from 'react';
import { App, Space, Table, Tag } from 'antd';
import { api } from '../../../lib/api.ts';
import { fmtDateTime } from '../../../lib/format.ts';
import { t } from '../../../lib/i18n.ts';
import { navigate } from '../../../lib/router.ts';
import { ShortcutHelp, usePagedQueueKeys } from '../../../console/components/queue.tsx';

interface RatingRow {
  id: string; caseNumber: string; itemName: string; orgName: string; level: number; levelLabel: string; channelLabel: string; comment: string | null;
  active: boolean;
  ratedAt: string; excluded: boolean; rectificationCaseId: string | null; rectificationNumber: string | null; rectificationState: string | null;
  rectificationStateLabel: string | null; warningLevel: string | null;
}

/** The ratings (`bad`: only 不满意 and 非常不满意, each with its rectification case and its state); j / k / Enter open a rectification. */
export function RatingsTable({ bad }: { bad: boolean }) {
  const { message } = App.useApp();
  const [rows, setRows] = useState<RatingRow[]>([]);
  useEffect(() => {
    api.get<RatingRow[]>('/api/v1/ratings', { bad: bad ? 'true' : undefined }).then(setRows, (e: Error) => message.error(e.message));
  }, [bad, message]);
  const open = (id: string) => (e: { preventDefault(): void }) => { e.preventDefault(); navigate(`/console/cases/${id}`); };
  const openRow = useCallback((r: RatingRow) => { if (r.rectificationCaseId) navigate(`/console/cases/${r.rectificationCaseId}`); }, []);
  const keys = usePagedQueueKeys(rows, openRow);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space><ShortcutHelp open={keys.help} onOpenChange={keys.setHelp} /></Space>
      <Table rowKey="id" size="small" dataSource={rows} pagination={keys.pagination} rowClassName={keys.rowClassName} columns={[
        { title: t('ratings.col.number'), dataIndex: 'caseNumber' }, { title: t('ratings.col.item'), dataIndex: 'itemName' },
        { title: t('ratings.col.org'), dataIndex: 'orgName' },
        { title: t('ratings.col.rating'), dataIndex: 'levelLabel', render: (l: string, r) => <Tag color={r.level <= 2 ? 'red' : 'green'}>{l}</Tag> },
        { title: t('ratings.col.channel'), dataIndex: 'channelLabel' },
        { title: t('ratings.col.active'), dataIndex: 'active', render: (a: boolean) => (a ? '✓' : t('ratings.default')) },
        { title: t('ratings.col.comment'), dataIndex: 'comment' }, { title: t('ratings.col.ratedAt'), dataIndex: 'ratedAt', render: fmtDateTime },
        { title: t('ratings.col.rectification'), render: (_: unknown, r) => (r.excluded ? <Tag>{t('ratings.excluded')}</Tag> : r.rectificationCaseId
          ? <a href={`/console/cases/${r.rectificationCaseId}`} onClick={open(r.rectificationCaseId)}>
            {t('ratings.rectificationOf', { number: r.rectificationNumber ?? '', state: r.rectificationStateLabel ?? '' })}
          </a> : '') },
      ]} />
    </Space>
  );
}
