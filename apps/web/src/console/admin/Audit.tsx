import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Progress, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, type Query } from '../../lib/api.ts';
import { fmtDateTime } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { ExportButton } from '../components/ExportButton.tsx';

interface AuditRow { id: string; seq: number; occurredAt: string; actorName: string; ip: string | null; action: string; targetType: string; targetId: string | null; detail: unknown;
  actionLabel: string; targetLabel: string; targetName: string | null }
interface Task { status: 'running' | 'done' | 'failed'; done: number; total: number; error?: string; result?: { checked: number; ok: boolean; problems: { table: string; id: string; message: string }[] } }

export default function Audit() {
  const { message } = App.useApp();
  const [filters, setFilters] = useState<Query>({});
  const [items, setItems] = useState<AuditRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [task, setTask] = useState<Task | null>(null);
  const [verifyOpen, setVerifyOpen] = useState(false);
  const timer = useRef<number | null>(null);
  const query = useMemo<Query>(() => ({ limit: 50, ...filters }), [filters]);

  const load = useCallback(async (more: string | null) => {
    setLoading(true);
    try {
      const r = await api.get<{ items: AuditRow[]; nextCursor: string | null }>('/api/v1/audit', { ...query, cursor: more ?? undefined });
      setItems((old) => (more ? [...old, ...r.items] : r.items)); setCursor(r.nextCursor);
    } catch (e) { message.error((e as Error).message); }
    finally { setLoading(false); }
  }, [query, message]);
  useEffect(() => { void load(null); }, [load]);
  useEffect(() => () => { if (timer.current) window.clearTimeout(timer.current); }, []);

  async function verify() {
    setVerifyOpen(true); setTask({ status: 'running', done: 0, total: 0 });
    try {
      const { taskId } = await api.post<{ taskId: string }>('/api/v1/tasks/audit-verify');
      const poll = async () => {
        try {
          const s = await api.get<Task>(`/api/v1/tasks/${taskId}`);
          setTask(s);
          if (s.status === 'running') timer.current = window.setTimeout(poll, 700);
        } catch (e) { setTask({ status: 'failed', done: 0, total: 0, error: (e as Error).message }); }
      };
      await poll();
    } catch (e) { setTask({ status: 'failed', done: 0, total: 0, error: (e as Error).message }); }
  }

  const pct = task && task.total ? Math.floor((task.done / task.total) * 100) : task?.status === 'done' ? 100 : 0;

  return (
    <Card size="small" title={t('nav.audit')} extra={<Space>
      <ExportButton path="/api/v1/audit" query={query} name={t('nav.audit')} />
      <Button type="primary" onClick={() => void verify()}>{t('audit.verify')}</Button>
    </Space>}>
      <Form layout="inline" style={{ marginBottom: 12, rowGap: 8 }} onFinish={(v: { action?: string; targetType?: string; targetId?: string; range?: [Dayjs, Dayjs] }) => setFilters({
        action: v.action, targetType: v.targetType, targetId: v.targetId,
        from: v.range?.[0]?.format('YYYY-MM-DD'), to: v.range?.[1]?.format('YYYY-MM-DD'),
      })}>
        <Form.Item name="action"><Input placeholder={t('audit.action')} allowClear style={{ width: 150 }} /></Form.Item>
        <Form.Item name="targetType"><Input placeholder={t('audit.targetType')} allowClear style={{ width: 120 }} /></Form.Item>
        <Form.Item name="targetId"><Input placeholder={t('audit.targetId')} allowClear style={{ width: 180 }} /></Form.Item>
        <Form.Item name="range"><DatePicker.RangePicker /></Form.Item>
        <Form.Item><Button htmlType="submit">{t('common.filter')}</Button></Form.Item>
      </Form>
      <Table<AuditRow> rowKey="id" size="small" loading={loading} dataSource={items} pagination={false} scroll={{ x: 1000 }}
        expandable={{ expandedRowRender: (r) => <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(r.detail, null, 2)}</pre>, rowExpandable: (r) => !!r.detail }}
        columns={[
          { title: '#', dataIndex: 'seq', width: 70 },
          { title: t('audit.time'), dataIndex: 'occurredAt', width: 160, render: fmtDateTime },
          { title: t('audit.actor'), dataIndex: 'actorName', width: 140 },
          { title: 'IP', dataIndex: 'ip', width: 120 },
          { title: t('audit.action'), dataIndex: 'actionLabel', width: 170 },
          { title: t('audit.targetType'), dataIndex: 'targetLabel', width: 100 },
          { title: t('audit.target'), key: 'target', ellipsis: true, render: (_, r) => r.targetName ?? (r.targetId ? t('audit.targetRecord') : '—') },
        ]} />
      {cursor && <div style={{ textAlign: 'center', marginTop: 12 }}><Button onClick={() => void load(cursor)}>{t('common.loadMore')}</Button></div>}
      <Modal open={verifyOpen} title={t('audit.verify')} footer={<Button onClick={() => setVerifyOpen(false)}>{t('common.close')}</Button>} onCancel={() => setVerifyOpen(false)}>
        {task && <>
          <Progress percent={pct} status={task.status === 'failed' || (task.result && !task.result.ok) ? 'exception' : task.status === 'done' ? 'success' : 'active'} />
          <Typography.Paragraph type="secondary">{t('audit.progress', { done: task.done, total: task.total || '…' })}</Typography.Paragraph>
          {task.error && <Alert type="error" showIcon title={task.error} />}
          {task.result && (task.result.ok
            ? <Alert type="success" showIcon title={t('audit.ok', { checked: task.result.checked })} />
            : <>
              <Alert type="error" showIcon title={t('audit.broken', { n: task.result.problems.length })} style={{ marginBottom: 8 }} />
              <Table size="small" rowKey={(r) => `${r.table}-${r.id}`} dataSource={task.result.problems} pagination={{ pageSize: 5 }}
                columns={[{ title: t('audit.table'), dataIndex: 'table' }, { title: 'ID', dataIndex: 'id' }, { title: t('import.message'), dataIndex: 'message' }]} />
            </>)}
        </>}
      </Modal>
    </Card>
  );
}
