import { useCallback, useEffect, useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, ApiError } from '../../../lib/api.ts';
import { problemToFields } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { listOrgs, type Org } from '../../components/data.ts';
import './disclosure.css';

interface Item { id: string; indexNo: string; title: string; categoryLabel: string; status: string; formedOn: string; publishDue: string | null; publishedOn: string | null; late: boolean | null; overdue: boolean; orgName: string }
const STATUS: Record<string, string> = { draft: '草稿', review: '待保密审查', published: '已公开', withdrawn: '已撤回' };

/** 政府信息公开目录管理: draft → 保密审查 → publish; revise / withdraw; late publication flagged. */
export default function Catalogue() {
  const { message, modal } = App.useApp();
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [cats, setCats] = useState<Record<string, string>>({});
  const [items, setItems] = useState<Item[]>([]);
  const [status, setStatus] = useState<string | undefined>();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const load = useCallback(() => api.get<{ items: Item[] }>('/api/v1/disclosure/items', { status, limit: 500 }).then((r) => setItems(r.items), (e: Error) => message.error(e.message)), [status, message]);
  useEffect(() => { void load(); }, [load]);
  useEffect(() => {
    listOrgs().then((o) => setOrgs(o.filter((x) => ['government', 'department', 'township'].includes(x.kind))), () => setOrgs([]));
    api.get<{ categories: Record<string, string> }>('/api/v1/public/disclosure/rules').then((r) => setCats(r.categories), () => setCats({}));
  }, []);
  async function act(id: string, path: string, body?: unknown) {
    try { await api.post(`/api/v1/disclosure/items/${id}/${path}`, body); message.success(t('common.saved')); void load(); }
    catch (e) { message.error((e as Error).message); }
  }
  async function create() {
    const v = await form.validateFields();
    try {
      await api.post('/api/v1/disclosure/items', { ...v, formedOn: (v.formedOn as Dayjs).format('YYYY-MM-DD') });
      setOpen(false); form.resetFields(); void load();
    } catch (e) {
      if (e instanceof ApiError) { const { fields, other } = problemToFields(e); form.setFields(fields); if (other.length) message.error(other.join('；')); }
      else message.error((e as Error).message);
    }
  }
  const review = (id: string, approve: boolean) => modal.confirm({
    title: approve ? t('disc.cat.approve') : t('disc.cat.reject'),
    content: <Input.TextArea id="review-opinion" rows={3} placeholder={t('disc.cat.opinion')} />,
    onOk: () => act(id, 'review', { approve, opinion: (document.getElementById('review-opinion') as HTMLTextAreaElement | null)?.value ?? '' }),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('disc.cat.manage')}</Typography.Title>
      <Space>
        <Select allowClear placeholder={t('disc.cat.status')} style={{ width: 160 }} value={status} onChange={setStatus} options={Object.entries(STATUS).map(([value, label]) => ({ value, label }))} />
        <Button type="primary" onClick={() => setOpen(true)}>{t('disc.cat.new')}</Button>
      </Space>
      <Table rowKey="id" dataSource={items} size="small" columns={[
        { title: '索引号', dataIndex: 'indexNo' }, { title: '名称', dataIndex: 'title' }, { title: '类别', dataIndex: 'categoryLabel' }, { title: '机构', dataIndex: 'orgName' },
        { title: '状态', dataIndex: 'status', render: (s: string) => <Tag>{STATUS[s]}</Tag> },
        { title: '生成日期', dataIndex: 'formedOn' }, { title: '应公开日期', dataIndex: 'publishDue', render: (v: string | null, r: Item) => <>{v}{r.overdue && <Tag color="red">{t('disc.cat.overdue')}</Tag>}</> },
        { title: '公开日期', dataIndex: 'publishedOn', render: (v: string | null, r: Item) => <>{v}{r.late && <Tag color="red">{t('disc.cat.late')}</Tag>}</> },
        { title: '操作', render: (_: unknown, r: Item) => <Space>
          {r.status === 'draft' && <Button size="small" onClick={() => act(r.id, 'submit')}>{t('disc.cat.submit')}</Button>}
          {r.status === 'review' && <><Button size="small" onClick={() => review(r.id, true)}>{t('disc.cat.approve')}</Button><Button size="small" onClick={() => review(r.id, false)}>{t('disc.cat.reject')}</Button></>}
          {r.status === 'published' && <Button size="small" danger onClick={() => modal.confirm({ title: t('disc.cat.withdraw'), onOk: () => act(r.id, 'withdraw', { reason: '撤回' }) })}>{t('disc.cat.withdraw')}</Button>}
        </Space> },
      ]} />
      <Modal open={open} title={t('disc.cat.new')} onOk={create} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="orgId" label={t('disc.f.org')} rules={[{ required: true }]}><Select options={orgs.map((o) => ({ value: o.id, label: o.name }))} showSearch optionFilterProp="label" /></Form.Item>
          <Form.Item name="title" label="名称" rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="summary" label="内容概述"><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="category" label="类别" rules={[{ required: true }]}><Select options={Object.entries(cats).map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Form.Item name="docNo" label="文号"><Input /></Form.Item>
          <Form.Item name="formedOn" label="生成日期（形成或变更之日）" rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item name="amountWan" label="收费金额（万元，行政事业性收费适用）"><InputNumber min={0} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
