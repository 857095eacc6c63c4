import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Input, Modal, Radio, Table, Tag, Typography } from 'antd';
import { api, newIdempotencyKey } from '../../../lib/api.ts';
import { problemText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { useSession } from '../../../console/session.ts';

interface Flag {
  id: string; lawId: string; lawTitle: string; caseId: string; caseNumber: string; caseTitle: string; article: string; effectiveOn: string | null;
  flaggedAt: string; flagReason: string; flagChangeOn: string; resolvedAt: string | null; resolvedByName: string | null; resolution: string | null;
}

/** 依据变化待清理: documents whose cited law was amended or repealed after they took effect; 处理 records what was done. */
export default function Flags() {
  const { message } = App.useApp();
  const { can } = useSession();
  const [state, setState] = useState<'open' | 'resolved' | 'all'>('open');
  const [items, setItems] = useState<Flag[]>([]);
  const [resolving, setResolving] = useState<{ flag: Flag; text: string; key: string } | null>(null);
  const load = useCallback(() => api.get<{ items: Flag[] }>('/api/v1/laws/flags', { state, limit: 500 })
    .then((r) => setItems(r.items), (e: Error) => message.error(problemText(e))), [state, message]);
  useEffect(() => { void load(); }, [load]);
  async function resolve() {
    if (!resolving) return;
    try {
      await api.post(`/api/v1/laws/flags/${resolving.flag.id}/resolve`, { resolution: resolving.text }, { 'Idempotency-Key': resolving.key });
      message.success(t('laws.flags.done'));
      setResolving(null); void load();
    } catch (e) { message.error(problemText(e)); }
  }
  return (
    <Card title={t('laws.flags.title')}>
      <Radio.Group value={state} onChange={(e) => setState(e.target.value)} style={{ marginBottom: 12 }} aria-label={t('laws.flags.state')}
        options={(['open', 'resolved', 'all'] as const).map((s) => ({ value: s, label: t(`laws.flags.${s}`) }))} optionType="button" />
      <Table rowKey="id" size="small" dataSource={items} pagination={{ pageSize: 20 }} columns={[
        { title: t('laws.citation.case'), dataIndex: 'caseTitle', render: (v: string,
          r: Flag) => <a href={`/console/cases/${r.caseId}`}>{r.caseNumber} {v}</a> },
        { title: t('laws.flags.law'), dataIndex: 'lawTitle', render: (v: string, r: Flag) => `《${v}》${r.article}` },
        { title: t('laws.citation.effectiveOn'), dataIndex: 'effectiveOn', width: 110 },
        { title: t('laws.flags.reason'), dataIndex: 'flagReason', width: 130, render: (v: string) => <Tag color="red">{v}</Tag> },
        { title: t('laws.flags.changeOn'), dataIndex: 'flagChangeOn', width: 110 },
        {
          title: t('laws.flags.state'), dataIndex: 'resolvedAt', render: (v: string | null, r: Flag) => (v
            ? <Typography.Text type="secondary">{`${r.resolvedByName ?? ''}：${r.resolution ?? ''}`}</Typography.Text>
            : can('laws.resolve') && <Button size="small" onClick={() => setResolving({ flag: r, text: '',
              key: newIdempotencyKey() })}>{t('laws.flags.resolve')}</Button>),
        },
      ]} />
      <Modal open={!!resolving} title={resolving ? `${t('laws.flags.resolve')}：${resolving.flag.caseTitle}` : ''} onOk={() => void resolve()}
        onCancel={() => setResolving(null)} destroyOnHidden>
        <Input.TextArea rows={3} aria-label={t('laws.flags.resolution')} placeholder={t('laws.flags.resolution')} value={resolving?.text}
          onChange={(e) => resolving && setResolving({ ...resolving, text: e.target.value })} />
      </Modal>
    </Card>
  );
}
