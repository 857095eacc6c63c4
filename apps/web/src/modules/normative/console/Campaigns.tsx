import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Drawer, Form, Input, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { api } from '../../../lib/api.ts';
import { problemText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { useSession } from '../../../console/session.ts';

interface Campaign { id: string; title: string; kind: string; basis: string; startedOn: string; documents: number; decided: number }
interface Item { caseId: string; title: string; regNo: string; docNo: string | null; orgName: string; validUntil: string | null; decision: string | null; reason: string | null }
const DECISIONS = ['继续有效', '修改', '废止', '宣布失效'];

/** 清理: campaigns (annual / ad hoc) listing the documents in force, and a decision per document (废止 and 宣布失效 are applied). */
export default function Campaigns() {
  const { message } = App.useApp();
  const { can } = useSession();
  const [rows, setRows] = useState<Campaign[]>([]);
  const [open, setOpen] = useState<(Campaign & { items: Item[] }) | null>(null);
  const [starting, setStarting] = useState(false);
  const [deciding, setDeciding] = useState<Item | null>(null);
  const [form] = Form.useForm();
  const [decision] = Form.useForm();
  const load = useCallback(() => api.get<Campaign[]>('/api/v1/normative/campaigns').then(setRows, (e: Error) => message.error(e.message)), [message]);
  useEffect(() => { void load(); }, [load]);
  const show = async (id: string) => {
    try { setOpen(await api.get<Campaign & { items: Item[] }>(`/api/v1/normative/campaigns/${id}`)); } catch (e) { message.error(problemText(e)); }
  };
  const start = async () => {
    const v = await form.validateFields();
    try { await api.post('/api/v1/normative/campaigns', v); setStarting(false); void load(); } catch (e) { message.error(problemText(e)); }
  };
  const decide = async () => {
    if (!open || !deciding) return;
    const v = await decision.validateFields();
    try {
      await api.post(`/api/v1/normative/campaigns/${open.id}/decisions`, { caseId: deciding.caseId, ...v });
      setDeciding(null); void show(open.id); void load();
    } catch (e) { message.error(problemText(e)); }
  };
  return (
    <Card title={t('normative.campaigns.title')} extra={can('normative.manage') && <Button type="primary" onClick={() => { form.resetFields(); setStarting(true); }}>
      {t('normative.campaigns.start')}</Button>}>
      <Table rowKey="id" size="small" dataSource={rows} pagination={false} columns={[
        { title: t('normative.campaigns.name'), dataIndex: 'title', render: (v: string, r: Campaign) => <a onClick={() => void show(r.id)}>{v}</a> },
        { title: t('normative.campaigns.kind'), dataIndex: 'kind', width: 100, render: (k: string) => t(`normative.campaigns.kind.${k}`) },
        { title: t('normative.campaigns.startedOn'), dataIndex: 'startedOn', width: 120 },
        { title: t('normative.campaigns.progress'), width: 120, render: (_: unknown, r: Campaign) => `${r.decided} / ${r.documents}` },
      ]} />
      <Drawer width={900} open={!!open} title={open?.title} onClose={() => setOpen(null)}>
        <Table rowKey="caseId" size="small" dataSource={open?.items ?? []} pagination={{ pageSize: 50 }} columns={[
          { title: t('normative.col.regNo'), dataIndex: 'regNo', width: 140 },
          { title: t('normative.col.title'), dataIndex: 'title' },
          { title: t('normative.col.org'), dataIndex: 'orgName', width: 160 },
          { title: t('normative.col.validUntil'), dataIndex: 'validUntil', width: 110 },
          { title: t('normative.campaigns.decision'), dataIndex: 'decision', width: 160, render: (d: string | null, r: Item) => (d
            ? <Tag>{d}</Tag>
            : can('normative.manage') && <Button size="small" onClick={() => { decision.resetFields(); setDeciding(r); }}>{t('normative.campaigns.decide')}</Button>) },
        ]} />
      </Drawer>
      <Modal open={starting} title={t('normative.campaigns.start')} onCancel={() => setStarting(false)} onOk={() => void start()} destroyOnHidden>
        <Form form={form} layout="vertical" name="normative-campaign" initialValues={{ kind: 'annual' }}>
          <Form.Item name="title" label={t('normative.campaigns.name')} rules={[{ required: true, min: 4, message: t('normative.campaigns.name') }]}><Input /></Form.Item>
          <Form.Item name="kind" label={t('normative.campaigns.kind')}>
            <Radio.Group options={['annual', 'adhoc'].map((k) => ({ value: k, label: t(`normative.campaigns.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="basis" label={t('normative.campaigns.basis')} rules={[{ required: true, min: 4, message: t('normative.campaigns.basis') }]}><Input /></Form.Item>
        </Form>
      </Modal>
      <Modal open={!!deciding} title={deciding?.title} onCancel={() => setDeciding(null)} onOk={() => void decide()} destroyOnHidden>
        <Form form={decision} layout="vertical" name="normative-decision">
          <Form.Item name="decision" label={t('normative.campaigns.decision')} rules={[{ required: true, message: t('normative.campaigns.decision') }]}>
            <Select options={DECISIONS.map((d) => ({ value: d, label: d }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('normative.campaigns.reason')} rules={[{ required: true, min: 4, message: t('normative.campaigns.reason') }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Space />
        </Form>
      </Modal>
    </Card>
  );
}
