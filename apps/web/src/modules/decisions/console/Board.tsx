import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Space, Table, Typography } from 'antd';
import { api, download } from '../../../lib/api.ts';
import { problemText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { ConsultationComments } from '../../../console/components/ConsultationComments.tsx';

interface Row { id: string; number: string; title: string; state: string; stateLabel: string }

/** The 承办单位's board: its 重大行政决策 in every step, the public comments on a draft to answer (or hide) with a reason, the 归档. */
export default function Board() {
  const { message } = App.useApp();
  const [rows, setRows] = useState<Row[]>([]);
  const [open, setOpen] = useState<Row | null>(null);
  const load = useCallback(() => api.get<{ items: Row[] }>('/api/v1/cases', { type: 'major_decision', limit: 200 })
    .then((r) => setRows(r.items), (e: Error) => message.error(e.message)), [message]);
  useEffect(() => { void load(); }, [load]);
  const closeComments = useCallback(() => setOpen(null), []);
  return (
    <Card title={t('decisions.board.title')}>
      <Typography.Paragraph type="secondary">{t('decisions.board.hint')}</Typography.Paragraph>
      <Table rowKey="id" size="small" dataSource={rows} pagination={{ pageSize: 20 }} locale={{ emptyText: t('decisions.board.empty') }} columns={[
        { title: t('decisions.col.number'), dataIndex: 'number', width: 160 },
        { title: t('decisions.col.title'), dataIndex: 'title' },
        { title: t('decisions.col.state'), dataIndex: 'stateLabel', width: 150 },
        { title: '', width: 240, render: (_: unknown, r: Row) => <Space>
          <a href={`/console/cases/${r.id}`}>{t('decisions.board.open')}</a>
          <Button size="small" onClick={() => setOpen(r)}>{t('decisions.board.comments')}</Button>
          <Button size="small" onClick={() => download(`/api/v1/decisions/cases/${r.id}/archive`, {}, `${r.number}-归档.zip`, { body: {} })
            .catch((e: unknown) => message.error(problemText(e)))}>{t('decisions.board.archive')}</Button>
        </Space> },
      ]} />
      <ConsultationComments target={open} onClose={closeComments} />
    </Card>
  );
}
