import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, ApiError } from '../../lib/api.ts';
import { fmtDateTime } from '../../lib/format.ts';
import { problemToFields } from '../../lib/forms.ts';
import { t } from '../../lib/i18n.ts';

interface Token { id: string; name: string; prefix: string; username?: string; scopes: string[]; expiresAt: string | null; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }

/** The server's TOKEN_SCOPES (apps/server/src/platform/authz.ts); it rejects any other value. */
const SCOPES = ['cases:read', 'cases:write', 'metrics:read', 'admin', 'open311'];
const scopeOptions = SCOPES.map((value) => ({ value, label: t(`token.scope.${value}`) }));

export default function Tokens() {
  const { message } = App.useApp();
  const [items, setItems] = useState<Token[]>([]);
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const [form] = Form.useForm();
  const [formError, setFormError] = useState<string | null>(null);

  const load = useCallback(() => api.get<Token[] | { items: Token[] }>('/api/v1/tokens')
    .then((r) => setItems(Array.isArray(r) ? r : r.items), (e: Error) => message.error(e.message)), [message]);
  useEffect(() => { void load(); }, [load]);

  async function submit() {
    let v: { name: string; scopes: string[]; expiresAt?: Dayjs };
    try { v = await form.validateFields(); } catch { return; }
    setFormError(null);
    try {
      const r = await api.post<{ token: string }>('/api/v1/tokens', { name: v.name, scopes: v.scopes ?? [], expiresAt: v.expiresAt ? v.expiresAt.toISOString() : undefined });
      setShown(r.token); setOpen(false); await load();
    } catch (e) {
      if (e instanceof ApiError) { const { fields, other } = problemToFields(e); form.setFields(fields); setFormError(other.join('；') || (fields.length ? null : e.text)); }
      else setFormError((e as Error).message);
    }
  }

  return (
    <Card title={t('nav.tokens')} size="small" extra={<Button type="primary" onClick={() => { form.resetFields(); setFormError(null); setOpen(true); }}>{t('token.create')}</Button>}>
      {shown && <Alert type="warning" showIcon closable onClose={() => setShown(null)} style={{ marginBottom: 12 }} title={t('token.once')}
        description={<Typography.Text copyable code data-testid="new-token">{shown}</Typography.Text>} />}
      <Table<Token> rowKey="id" size="small" dataSource={items} pagination={false} columns={[
        { title: t('token.name'), dataIndex: 'name' },
        { title: t('token.prefix'), dataIndex: 'prefix', render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
        { title: t('token.owner'), dataIndex: 'username' },
        { title: t('token.scopes'), dataIndex: 'scopes', render: (s: string[]) => s.map((x) => <Tag key={x}>{x}</Tag>) },
        { title: t('token.expiresAt'), dataIndex: 'expiresAt', render: (v: string | null) => (v ? fmtDateTime(v) : t('token.never')) },
        { title: t('token.lastUsedAt'), dataIndex: 'lastUsedAt', render: fmtDateTime },
        { title: t('user.status'), key: 's', render: (_, r) => (r.revokedAt ? <Tag>{t('token.revoked')}</Tag> : <Tag color="green">{t('token.active')}</Tag>) },
        { title: '', key: 'op', render: (_, r) => !r.revokedAt && (
          <Popconfirm title={t('token.revokeConfirm')} onConfirm={async () => {
            try { await api.post(`/api/v1/tokens/${r.id}/revoke`); await load(); } catch (e) { message.error((e as Error).message); }
          }}><Button size="small" danger>{t('token.revoke')}</Button></Popconfirm>
        ) },
      ]} />
      <Modal open={open} title={t('token.create')} onCancel={() => setOpen(false)} onOk={submit} destroyOnHidden>
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('token.name')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="scopes" label={t('token.scopes')} extra={t('token.scopesHelp')} rules={[{ required: true, message: t('token.scopesRequired') }]}><Select mode="multiple" options={scopeOptions} /></Form.Item>
          <Form.Item name="expiresAt" label={t('token.expiresAt')}><DatePicker showTime style={{ width: '100%' }} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
