import { useCallback, useEffect, useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../../lib/api.ts';
import { problemText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { listOrgs, type Org } from '../../../console/components/data.ts';
import { FormError, useFormSubmit } from '../../../console/components/forms.tsx';
import './disclosure.css';

interface Item {
  id: string; indexNo: string; title: string; categoryLabel: string; status: string; formedOn: string; publishDue: string | null; publishedOn: string | null;
  late: boolean | null; overdue: boolean; orgName: string;
}
const STATUSES = ['draft', 'review', 'published', 'withdrawn'];

/** 政府信息公开目录管理: draft → 保密审查 → publish; revise / withdraw; late publication flagged. */
export default function Catalogue() {
  const { message, modal } = App.useApp();
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [cats, setCats] = useState<Record<string, string>>({});
  const [items, setItems] = useState<Item[]>([]);
  const [status, setStatus] = useState<string | undefined>();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const { submit, busy, error } = useFormSubmit(form, { opening: open, prefixes: ['body'] });
  const load = useCallback(() => api.get<{ items: Item[] }>('/api/v1/disclosure/items', { status, limit: 500 })
    .then((r) => setItems(r.items), (e: Error) => message.error(e.message)), [status, message]);
  useEffect(() => { void load(); }, [load]);
  useEffect(() => {
    listOrgs().then((o) => setOrgs(o.filter((x) => ['government', 'department', 'township'].includes(x.kind))), () => setOrgs([]));
    api.get<{ categories: Record<string, string> }>('/api/v1/public/disclosure/rules').then((r) => setCats(r.categories), () => setCats({}));
  }, []);
  async function act(id: string, path: string, body?: unknown) {
    try { await api.post(`/api/v1/disclosure/items/${id}/${path}`, body); message.success(t('common.saved')); void load(); }
    catch (e) { message.error(problemText(e)); }
  }
  async function create() {
    const ok = await submit((v, keyFor) => api.post('/api/v1/disclosure/items', { ...v, formedOn: (v.formedOn as Dayjs).format('YYYY-MM-DD') },
      { 'Idempotency-Key': keyFor() }).then(() => true));
    if (ok) { setOpen(false); form.resetFields(); void load(); }
  }
  const review = (id: string, approve: boolean) => modal.confirm({
    title: approve ? t('disclosure.catalogue.approve') : t('disclosure.catalogue.reject'),
    content: <Input.TextArea id="review-opinion" rows={3} placeholder={t('disclosure.catalogue.opinion')} aria-label={t('disclosure.catalogue.opinion')} />,
    onOk: () => act(id, 'review', { approve, opinion: (document.getElementById('review-opinion') as HTMLTextAreaElement | null)?.value ?? '' }),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('disclosure.catalogue.heading')}</Typography.Title>
      <Space>
        <Select allowClear placeholder={t('disclosure.item.status')} aria-label={t('disclosure.item.status')} style={{ width: 160 }}
          value={status} onChange={setStatus}
          options={STATUSES.map((value) => ({ value, label: t(`disclosure.status.${value}`) }))} />
        <Button type="primary" onClick={() => setOpen(true)}>{t('disclosure.catalogue.new')}</Button>
      </Space>
      <Table rowKey="id" dataSource={items} size="small" columns={[
        { title: t('disclosure.item.indexNo'), dataIndex: 'indexNo' }, { title: t('disclosure.item.title'), dataIndex: 'title' },
        { title: t('disclosure.browse.category'), dataIndex: 'categoryLabel' }, { title: t('disclosure.item.org'), dataIndex: 'orgName' },
        { title: t('disclosure.item.status'), dataIndex: 'status', render: (s: string) => <Tag>{t(`disclosure.status.${s}`)}</Tag> },
        { title: t('disclosure.item.formedOn'), dataIndex: 'formedOn' },
        {
          title: t('disclosure.item.due'), dataIndex: 'publishDue',
          render: (v: string | null, r: Item) => <>{v}{r.overdue && <Tag color="red">{t('disclosure.catalogue.overdue')}</Tag>}</>,
        },
        {
          title: t('disclosure.item.publishedOn'), dataIndex: 'publishedOn',
          render: (v: string | null, r: Item) => <>{v}{r.late && <Tag color="red">{t('disclosure.catalogue.late')}</Tag>}</>,
        },
        { title: t('disclosure.item.actions'), render: (_: unknown, r: Item) => <Space>
          {r.status === 'draft' && <Button size="small" onClick={() => act(r.id, 'submit')}>{t('disclosure.catalogue.submit')}</Button>}
          {r.status === 'review' && <>
            <Button size="small" onClick={() => review(r.id, true)}>{t('disclosure.catalogue.approve')}</Button>
            <Button size="small" onClick={() => review(r.id, false)}>{t('disclosure.catalogue.reject')}</Button>
          </>}
          {r.status === 'published' && <Button size="small" danger onClick={() => modal.confirm({
            title: t('disclosure.catalogue.withdraw'), onOk: () => act(r.id, 'withdraw', { reason: t('disclosure.catalogue.withdrawReason') }),
          })}>{t('disclosure.catalogue.withdraw')}</Button>}
        </Space> },
      ]} />
      <Modal open={open} title={t('disclosure.catalogue.new')} onOk={() => void create()} confirmLoading={busy} onCancel={() => setOpen(false)} destroyOnHidden>
        <FormError error={error} />
        <Form form={form} layout="vertical" name="disclosure-item">
          <Form.Item name="orgId" label={t('disclosure.field.org')} rules={[{ required: true }]}>
            <Select options={orgs.map((o) => ({ value: o.id, label: o.name }))} showSearch optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="title" label={t('disclosure.item.title')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="summary" label={t('disclosure.item.summary')}><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="category" label={t('disclosure.browse.category')} rules={[{ required: true }]}>
            <Select options={Object.entries(cats).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="docNo" label={t('disclosure.item.docNo')}><Input /></Form.Item>
          <Form.Item name="formedOn" label={t('disclosure.item.formedOnHelp')} rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item name="amountWan" label={t('disclosure.item.amountWan')}><InputNumber min={0} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
