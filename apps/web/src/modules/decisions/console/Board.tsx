import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Drawer, Input, List, Select, Space, Table, Typography } from 'antd';
import { api, download } from '../../../lib/api.ts';
import { problemText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';

interface Row { id: string; number: string; title: string; state: string; stateLabel: string }
interface Comment { id: string; name: string | null; phone: string | null; body: string; status: string; hiddenReason: string | null; answer: string | null;
  answerReason: string | null }
const ANSWERS = ['采纳', '部分采纳', '不采纳'];

/** The 承办单位's board: its 重大行政决策 in every step, and the public comments on a draft to answer (or hide) with a reason. */
export default function Board() {
  const { message } = App.useApp();
  const [rows, setRows] = useState<Row[]>([]);
  const [open, setOpen] = useState<Row | null>(null);
  const [items, setItems] = useState<Comment[]>([]);
  const load = useCallback(() => api.get<{ items: Row[] }>('/api/v1/cases', { type: 'major_decision', limit: 200 })
    .then((r) => setRows(r.items), (e: Error) => message.error(e.message)), [message]);
  useEffect(() => { void load(); }, [load]);
  const loadComments = useCallback(async (r: Row) => {
    try { setItems((await api.get<{ items: Comment[] }>(`/api/v1/decisions/cases/${r.id}/comments`)).items); setOpen(r); } catch (e) { message.error(problemText(e)); }
  }, [message]);
  return (
    <Card title={t('decisions.board.title')}>
      <Typography.Paragraph type="secondary">{t('decisions.board.hint')}</Typography.Paragraph>
      <Table rowKey="id" size="small" dataSource={rows} pagination={{ pageSize: 20 }} locale={{ emptyText: t('decisions.board.empty') }} columns={[
        { title: t('decisions.col.number'), dataIndex: 'number', width: 160 },
        { title: t('decisions.col.title'), dataIndex: 'title' },
        { title: t('decisions.col.state'), dataIndex: 'stateLabel', width: 150 },
        { title: '', width: 240, render: (_: unknown, r: Row) => <Space>
          <a href={`/console/cases/${r.id}`}>{t('decisions.board.open')}</a>
          <Button size="small" onClick={() => void loadComments(r)}>{t('decisions.board.comments')}</Button>
          <Button size="small" onClick={() => download(`/api/v1/decisions/cases/${r.id}/archive`, {}, `${r.number}-归档.zip`, { body: {} })
            .catch((e: unknown) => message.error(problemText(e)))}>{t('decisions.board.archive')}</Button>
        </Space> },
      ]} />
      <Drawer width={720} open={!!open} title={open?.title} onClose={() => setOpen(null)} destroyOnHidden>
        <List dataSource={items} locale={{ emptyText: t('decisions.comment.none') }} renderItem={(c) => (
          <List.Item><List.Item.Meta title={`${c.name ?? '匿名'} ${c.phone ?? ''}`} description={<>
            <div>{c.body}</div>
            {c.status === 'hidden' ? <Typography.Text type="secondary">{t('decisions.comment.hidden', { reason: c.hiddenReason ?? '' })}</Typography.Text>
              : <CommentReply c={c} onDone={() => open && void loadComments(open)} />}
          </>} /></List.Item>
        )} />
      </Drawer>
    </Card>
  );
}

function CommentReply({ c, onDone }: { c: Comment; onDone: () => void }) {
  const { message } = App.useApp();
  const [answer, setAnswer] = useState<string | undefined>(c.answer ?? undefined);
  const [reason, setReason] = useState(c.answerReason ?? '');
  const post = async (path: string, body: Record<string, unknown>) => {
    try { await api.post(`/api/v1/decisions/comments/${c.id}/${path}`, body); onDone(); } catch (e) { message.error(problemText(e)); }
  };
  return (
    <Space wrap>
      <Select aria-label={t('decisions.comment.answer')} placeholder={t('decisions.comment.answer')} style={{ width: 120 }} value={answer} onChange={setAnswer}
        options={ANSWERS.map((a) => ({ value: a, label: a }))} />
      <Input aria-label={t('decisions.comment.reason')} placeholder={t('decisions.comment.reason')} style={{ width: 280 }} value={reason}
        onChange={(e) => setReason(e.target.value)} />
      <Button size="small" type="primary" onClick={() => void post('answer', { answer, reason })}>{t('decisions.comment.answer')}</Button>
      <Button size="small" danger onClick={() => void post('hide', { reason })}>{t('decisions.comment.hide')}</Button>
    </Space>
  );
}
