import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Drawer, Form, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { api, newIdempotencyKey } from '../../../lib/api.ts';
import { problemText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { CitedBases } from '../../laws/console/CitedBases.tsx';
import { AdvisorPanel } from '../../advisors/console/AdvisorPanel.tsx';

interface Row { id: string; number: string; title: string; state: string; stateLabel: string; orgName: string; dueAt: string | null; warningLevel: string }
interface Detail { id: string; version: number; title: string; filedOn: string; data: Record<string, unknown>; abilities: { actions: { name: string }[] } }
type Checklists = Record<string, { basis: string; items: string[] }>;
interface Kinds { kinds: string[]; urgentReasons: string[] }
const LEVEL_COLOR: Record<string, string> = { normal: 'default', yellow: 'gold', red: 'red' };

/** 司法局's 合法性审查 queue, ordered by the review clock; the 审查 drawer answers the kind's checklist item by item. */
export default function ReviewQueue() {
  const { message } = App.useApp();
  const [rows, setRows] = useState<Row[]>([]);
  const [lists, setLists] = useState<Checklists>({});
  const [kinds, setKinds] = useState<Kinds>({ kinds: [], urgentReasons: [] });
  const [open, setOpen] = useState<Detail | null>(null);
  const [key, setKey] = useState('');
  const [form] = Form.useForm();
  const load = useCallback(() => api.get<{ items: Row[] }>('/api/v1/cases', { type: 'legality_review', open: true, limit: 200 })
    .then((r) => setRows(r.items), (e: Error) => message.error(e.message)), [message]);
  useEffect(() => {
    void load();
    api.get<Checklists>('/api/v1/legality-review/checklists').then(setLists, () => undefined);
    api.get<Kinds>('/api/v1/legality-review/kinds').then(setKinds, () => undefined);
  }, [load]);
  const review = async (id: string) => {
    try {
      const d = await api.get<Detail>(`/api/v1/cases/${id}`);
      form.resetFields();
      setKey(newIdempotencyKey());
      setOpen(d);
    } catch (e) { message.error(problemText(e)); }
  };
  const kind = String(open?.data.kind ?? '规范性文件');
  const list = lists[kind];
  const can = (a: string) => !!open?.abilities.actions.some((x) => x.name === a);
  const act = async (action: string, input: Record<string, unknown>) => {
    if (!open) return;
    try {
      await api.post(`/api/v1/cases/${open.id}/actions`, { action, input, version: open.version }, { 'Idempotency-Key': key });
      message.success(t('legality-review.done'));
      setOpen(null);
      void load();
    } catch (e) { message.error(problemText(e)); }
  };
  const conclude = async () => {
    const v = await form.validateFields();
    const checklist = (list?.items ?? []).map((item, i) => ({ item, answer: v[`a${i}`], ...(v[`n${i}`] ? { note: v[`n${i}`] } : {}) }));
    const input: Record<string, unknown> = { conclusion: v.conclusion, opinionNo: v.opinionNo, opinion: v.opinion, checklist };
    if (v.changes) input.changes = v.changes;
    if (v.urgentReason) input.urgentReason = v.urgentReason;
    await act('conclude', input);
  };
  return (
    <Card title={t('legality-review.queue.title')}>
      <Table rowKey="id" size="small" dataSource={rows} pagination={{ pageSize: 20 }} columns={[
        { title: t('legality-review.col.number'), dataIndex: 'number', width: 150 },
        { title: t('legality-review.col.title'), dataIndex: 'title' },
        { title: t('legality-review.col.state'), dataIndex: 'stateLabel', width: 110 },
        { title: t('legality-review.col.due'), dataIndex: 'dueAt', width: 120, render: (d: string | null) => (d ? d.slice(0, 10) : '—') },
        { title: t('legality-review.col.level'), dataIndex: 'warningLevel', width: 80,
          render: (l: string) => <Tag color={LEVEL_COLOR[l]}>{t(`legality-review.level.${l}`)}</Tag> },
        { title: '', width: 160, render: (_: unknown, r: Row) => <Space>
          <Button size="small" type="primary" onClick={() => void review(r.id)}>{t('legality-review.review')}</Button>
          <a href={`/console/cases/${r.id}`}>{t('legality-review.open')}</a>
        </Space> },
      ]} />
      <Drawer width={720} open={!!open} title={open?.title} onClose={() => setOpen(null)} destroyOnHidden>
        <Typography.Paragraph>{t('legality-review.kind', { kind })}</Typography.Paragraph>
        {open && <CitedBases caseId={open.id} on={open.filedOn} />}
        {open && <AdvisorPanel caseId={open.id} version={open.version} actions={open.abilities.actions.map((a) => a.name)}
          onDone={() => void review(open.id)} />}
        {can('conclude') && list ? (
          <Form form={form} layout="vertical" name="legality-conclude">
            <Typography.Title level={5}>{t('legality-review.checklist', { basis: list.basis })}</Typography.Title>
            {list.items.map((item, i) => (
              <Space key={item} direction="vertical" style={{ width: '100%', marginBottom: 8 }}>
                <Form.Item name={`a${i}`} label={`${i + 1}. ${item}`} rules={[{ required: true, message: item }]} style={{ marginBottom: 4 }}>
                  <Radio.Group options={['符合', '不符合', '不适用'].map((a) => ({ value: a, label: t(`legality-review.answer.${a}`) }))} />
                </Form.Item>
                <Form.Item name={`n${i}`} style={{ marginBottom: 0 }}><Input placeholder={t('legality-review.note')} aria-label={`${item} ${t('legality-review.note')}`} /></Form.Item>
              </Space>
            ))}
            <Form.Item name="conclusion" label={t('legality-review.conclusion')} rules={[{ required: true }]}>
              <Select options={['合法', '修改后合法', '不合法'].map((v) => ({ value: v, label: v }))} />
            </Form.Item>
            <Form.Item name="opinionNo" label={t('legality-review.opinionNo')} rules={[{ required: true }]}><Input placeholder="示司审〔2026〕1号" /></Form.Item>
            <Form.Item name="opinion" label={t('legality-review.opinion')} rules={[{ required: true }]}><Input.TextArea autoSize={{ minRows: 3 }} /></Form.Item>
            <Form.Item name="changes" label={t('legality-review.changes')}><Input.TextArea autoSize={{ minRows: 2 }} /></Form.Item>
            <Form.Item name="urgentReason" label={t('legality-review.urgent')}>
              <Select allowClear options={kinds.urgentReasons.map((v) => ({ value: v, label: v }))} />
            </Form.Item>
            <Button type="primary" onClick={() => void conclude()}>{t('legality-review.conclude')}</Button>
          </Form>
        ) : <Typography.Text type="secondary">{t('legality-review.notActionable')}</Typography.Text>}
        {can('request_materials') && (
          <Form layout="vertical" name="legality-supplement" style={{ marginTop: 24 }} onFinish={(v: { items: string }) => void act('request_materials',
            { items: v.items })}>
            <Form.Item name="items" label={t('legality-review.supplementItems')} rules={[{ required: true }]}><Input.TextArea autoSize={{ minRows: 2 }} /></Form.Item>
            <Button htmlType="submit">{t('legality-review.supplement')}</Button>
          </Form>
        )}
      </Drawer>
    </Card>
  );
}
