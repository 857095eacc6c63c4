import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Form, Select, Table, Tag, Typography } from 'antd';
import { api } from '../../lib/api.ts';
import { fmtDateTime } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { navigate } from '../../lib/router.ts';

interface Row {
  id: string; channelLabel: string; recipientMasked: string | null; templateLabel: string | null; title: string; body: string;
  status: 'pending' | 'sent' | 'failed'; statusLabel: string; attempts: number; lastError: string | null; transportLabel: string | null;
  createdAt: string; sentAt: string | null; caseId: string | null; caseNumber: string | null;
}
const STATUS_COLOR = { pending: 'processing', sent: 'success', failed: 'error' } as const;

/**
 * 消息发送记录: the SMS and e-mail notices to citizens (GET /api/v1/notifications/outbox) — recipient masked, template, status,
 * attempts, last error; where no gateway is configured the LOG transport marks them "仅记录".
 */
export default function MessageLog() {
  const { message } = App.useApp();
  const [filters, setFilters] = useState<{ status?: string; channel?: string }>({});
  const [rows, setRows] = useState<Row[]>([]);
  const [loading, setLoading] = useState(false);
  const load = useCallback(async () => {
    setLoading(true);
    try { setRows(await api.get<Row[]>('/api/v1/notifications/outbox', filters)); } catch (e) { message.error((e as Error).message); }
    finally { setLoading(false); }
  }, [filters, message]);
  useEffect(() => { void load(); }, [load]);
  return (
    <Card size="small" title={t('nav.messageLog')} extra={<Button onClick={() => void load()}>{t('messageLog.refresh')}</Button>}>
      <Typography.Paragraph type="secondary">{t('messageLog.help')}</Typography.Paragraph>
      <Form layout="inline" style={{ marginBottom: 12 }} onValuesChange={(_, v: { status?: string; channel?: string }) => setFilters(v)}>
        <Form.Item name="status"><Select allowClear placeholder={t('messageLog.status')} style={{ width: 140 }} options={[
          { value: 'pending', label: t('messageLog.status.pending') }, { value: 'sent', label: t('messageLog.status.sent') },
          { value: 'failed', label: t('messageLog.status.failed') }]} /></Form.Item>
        <Form.Item name="channel"><Select allowClear placeholder={t('messageLog.channel')} style={{ width: 140 }} options={[
          { value: 'sms', label: t('messageLog.channel.sms') }, { value: 'email', label: t('messageLog.channel.email') }]} /></Form.Item>
      </Form>
      <Table<Row> rowKey="id" size="small" loading={loading} dataSource={rows} pagination={{ pageSize: 50 }} scroll={{ x: 1100 }}
        expandable={{ expandedRowRender: (r) => <Typography.Paragraph style={{ margin: 0 }}>{r.body}</Typography.Paragraph> }}
        columns={[
          { title: t('messageLog.createdAt'), dataIndex: 'createdAt', width: 150, render: fmtDateTime },
          { title: t('messageLog.channel'), dataIndex: 'channelLabel', width: 90 },
          { title: t('messageLog.recipient'), dataIndex: 'recipientMasked', width: 140 },
          { title: t('messageLog.template'), dataIndex: 'templateLabel', width: 210 },
          { title: t('messageLog.case'), dataIndex: 'caseNumber', width: 160,
            render: (v: string | null, r) => (v && r.caseId ? <a onClick={() => navigate(`/console/cases/${r.caseId}`)}>{v}</a> : '—') },
          { title: t('messageLog.status'), dataIndex: 'statusLabel', width: 100, render: (v: string, r) => <Tag color={STATUS_COLOR[r.status]}>{v}</Tag> },
          { title: t('messageLog.via'), dataIndex: 'transportLabel', width: 140, render: (v: string | null) => v ?? '—' },
          { title: t('messageLog.attempts'), dataIndex: 'attempts', width: 80 },
          { title: t('messageLog.error'), dataIndex: 'lastError', ellipsis: true, render: (v: string | null) => v ?? '—' },
        ]} />
    </Card>
  );
}
