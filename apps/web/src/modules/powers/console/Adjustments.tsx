import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Input, Space, Table, Tag } from 'antd';
import { api, newIdempotencyKey } from '../../../lib/api.ts';
import { problemText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { useAbility } from '../../../console/session.ts';
import type { Adjustment } from '../types.ts';

const COLOR: Record<string, string> = { approved: 'green', rejected: 'red', proposed: 'gold' };

/** 权责清单调整: the proposed, approved and rejected adjustments; those who may approve decide here. */
export default function Adjustments() {
  const { message, modal } = App.useApp();
  const mayDecide = useAbility('powers.approve');
  const [rows, setRows] = useState<Adjustment[]>([]);
  const load = useCallback(() => api.get<Adjustment[]>('/api/v1/powers/adjustments').then(setRows, (e: Error) => message.error(e.message)), [message]);
  useEffect(() => { void load(); }, [load]);
  const decide = (a: Adjustment, verdict: 'approve' | 'reject') => {
    let note = '';
    const key = newIdempotencyKey(); // one per opened dialog: a retry of its OK does not decide twice
    modal.confirm({
      title: t(`powers.adjust.${verdict}`),
      content: <Input.TextArea aria-label={t('powers.adjust.note')} placeholder={t('powers.adjust.note')} onChange={(e) => { note = e.target.value; }} />,
      onOk: async () => {
        try { await api.post(`/api/v1/powers/adjustments/${a.id}/${verdict}`, { note }, { 'Idempotency-Key': key }); void load(); }
        catch (e) { message.error(problemText(e)); throw e; }
      },
    });
  };
  return (
    <Card title={t('powers.adjust.title')}>
      <Table rowKey="id" size="small" dataSource={rows} pagination={{ pageSize: 20 }} columns={[
        { title: t('powers.adjust.effectiveOn'), dataIndex: 'effectiveOn', width: 110 },
        { title: t('powers.adjust.kind'), dataIndex: 'kind', width: 90, render: (k: string) => t(`powers.kind.${k}`) },
        { title: t('powers.adjust.item'), render: (_: unknown, a) => `${a.after?.code ?? a.before?.code ?? ''} ${a.after?.name ?? a.before?.name ?? ''}` },
        { title: t('powers.adjust.reason'), dataIndex: 'reason' }, { title: t('powers.adjust.proposer'), dataIndex: 'proposedByName', width: 90 },
        { title: t('powers.adjust.status'), dataIndex: 'status', width: 170, render: (s: string, a) => (s === 'proposed' && mayDecide
          ? <Space>
            <Button size="small" type="primary" onClick={() => decide(a, 'approve')}>{t('powers.adjust.approve')}</Button>
            <Button size="small" danger onClick={() => decide(a, 'reject')}>{t('powers.adjust.reject')}</Button>
          </Space>
          : <Tag color={COLOR[s]}>{t(`powers.adj.${s}`)}</Tag>) },
      ]} />
    </Card>
  );
}
