import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Input, List, Select, Space, Typography } from 'antd';
import { api } from '../../lib/api.ts';
import { problemText } from '../../lib/forms.ts';
import { t } from '../../lib/i18n.ts';

interface Comment {
  id: string; name: string | null; phone: string | null; body: string; status: 'shown' | 'hidden'; hiddenReason: string | null;
  answer: string | null; answerReason: string | null; createdAt: string;
}
interface Comments { total: number; unanswered: number; closed: boolean; items: Comment[] }
const ANSWERS = ['采纳', '部分采纳', '不采纳'];

/**
 * The public comments on a draft, for the unit that consults (公开征求意见, shared by 规范性文件 and 重大行政决策): answer each
 * (采纳 / 部分采纳 / 不采纳 with the reason — published with the 采纳情况), or 不予展示 with the reason (and 恢复展示). Read-only
 * once the 采纳情况 is published. `target` is the case whose comments are shown; null closes the drawer.
 */
export function ConsultationComments({ target, onClose }: { target: { id: string; title: string } | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [data, setData] = useState<Comments | null>(null);
  const load = useCallback(async (id: string) => {
    try { setData(await api.get<Comments>(`/api/v1/consultations/cases/${id}/comments`)); } catch (e) { message.error(problemText(e)); onClose(); }
  }, [message, onClose]);
  useEffect(() => { setData(null); if (target) void load(target.id); }, [target, load]);
  return (
    <Drawer width={760} open={!!target} title={target?.title} onClose={onClose} destroyOnHidden>
      {data && <Alert style={{ marginBottom: 12 }} type={data.closed ? 'info' : data.unanswered ? 'warning' : 'success'} showIcon
        message={data.closed ? t('consult.staff.closed') : t('consult.staff.summary', { total: data.total, unanswered: data.unanswered })} />}
      <List dataSource={data?.items ?? []} loading={!data && !!target} locale={{ emptyText: t('consult.none') }} renderItem={(c) => (
        <List.Item><List.Item.Meta title={`${c.name ?? t('consult.staff.anonymous')} ${c.phone ?? ''}`} description={<>
          <div style={{ whiteSpace: 'pre-wrap' }}>{c.body}</div>
          {c.status === 'hidden' && <Typography.Text type="secondary">{t('consult.staff.hidden', { reason: c.hiddenReason ?? '' })}</Typography.Text>}
          {data?.closed || c.status === 'hidden'
            ? <Space>
              {c.answer && <Typography.Text>{t('consult.answered', { answer: c.answer, reason: c.answerReason ?? '' })}</Typography.Text>}
              {!data?.closed && <Show id={c.id} onDone={() => target && void load(target.id)} />}
            </Space>
            : <Reply c={c} onDone={() => target && void load(target.id)} />}
        </>} /></List.Item>
      )} />
    </Drawer>
  );
}

function Reply({ c, onDone }: { c: Comment; onDone: () => void }) {
  const { message } = App.useApp();
  const [answer, setAnswer] = useState<string | undefined>(c.answer ?? undefined);
  const [reason, setReason] = useState(c.answerReason ?? '');
  const post = async (path: string, body: Record<string, unknown>) => {
    try { await api.post(`/api/v1/consultations/comments/${c.id}/${path}`, body); onDone(); } catch (e) { message.error(problemText(e)); }
  };
  return (
    <Space wrap>
      <Select aria-label={t('consult.staff.answer')} placeholder={t('consult.staff.answer')} style={{ width: 120 }} value={answer} onChange={setAnswer}
        options={ANSWERS.map((a) => ({ value: a, label: a }))} />
      <Input aria-label={t('consult.staff.reason')} placeholder={t('consult.staff.reason')} style={{ width: 300 }} value={reason}
        onChange={(e) => setReason(e.target.value)} />
      <Button size="small" type="primary" onClick={() => void post('answer', { answer, reason })}>{t('consult.staff.answer')}</Button>
      <Button size="small" danger onClick={() => void post('hide', { reason })}>{t('consult.staff.hide')}</Button>
      {c.answer && <Typography.Text type="success">{t('consult.answered', { answer: c.answer, reason: c.answerReason ?? '' })}</Typography.Text>}
    </Space>
  );
}

function Show({ id, onDone }: { id: string; onDone: () => void }) {
  const { message } = App.useApp();
  const show = () => api.post(`/api/v1/consultations/comments/${id}/show`, {}).then(onDone, (e: unknown) => message.error(problemText(e)));
  return <Button size="small" onClick={() => void show()}>
    {t('consult.staff.show')}</Button>;
}
