import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../lib/api.ts';
import { fmtDateTime } from '../../lib/format.ts';
import { hasString, t } from '../../lib/i18n.ts';
import { FormError, useFormSubmit } from '../components/forms.tsx';

interface Token { id: string; name: string; prefix: string; username?: string; scopes: string[]; expiresAt: string | null; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }

/** The server's TOKEN_SCOPES (apps/server/src/platform/authz.ts); it rejects any other value. */
const SCOPES = ['cases:read', 'cases:write', 'metrics:read', 'admin', 'open311'];
/** A scope as words ('查看统计（metrics:read）'); an unknown one as its key. */
const scopeLabel = (s: string) => (hasString(`token.scope.${s}`) ? t(`token.scope.${s}`) : s);
const scopeOptions = SCOPES.map((value) => ({ value, label: scopeLabel(value) }));

/** API 令牌: issue (shown once), list with scopes and last use, revoke. */
export default function Tokens() {
  const { message } = App.useApp();
  const [items, setItems] = useState<Token[]>([]);
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const [form] = Form.useForm();
  const { submit: send, busy, error: formError, setError: setFormError } = useFormSubmit(form, { opening: open });

  const load = useCallback(() => api.get<Token[] | { items: Token[] }>('/api/v1/tokens')
    .then((r) => setItems(Array.isArray(r) ? r : r.items), (e: Error) => message.error(e.message)), [message]);
  useEffect(() => { void load(); }, [load]);

  async function submit() {
    const r = await send((v, keyFor) => api.post<{ token: string }>('/api/v1/tokens', {
      name: v.name, scopes: v.scopes ?? [], expiresAt: v.expiresAt ? (v.expiresAt as Dayjs).toISOString() : undefined,
    }, { 'Idempotency-Key': keyFor() }));
    if (!r) return;
    setShown(r.token); setOpen(false); await load();
  }

  return (
    <Card title={t('nav.tokens')} size="small" extra={<Button type="primary" onClick={() => { form.resetFields(); setFormError(null); setOpen(true); }}>{t('token.create')}</Button>}>
      {shown && <Alert type="warning" showIcon closable onClose={() => setShown(null)} style={{ marginBottom: 12 }} title={t('token.once')}
        description={<Typography.Text copyable code data-testid="new-token">{shown}</Typography.Text>} />}
      <Table<Token> rowKey="id" size="small" dataSource={items} pagination={false} columns={[
        { title: t('token.name'), dataIndex: 'name' },
        { title: t('token.prefix'), dataIndex: 'prefix', render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
        { title: t('token.owner'), dataIndex: 'username' },
        { title: t('token.scopes'), dataIndex: 'scopes', render: (s: string[]) => s.map((x) => <Tag key={x}>{scopeLabel(x)}</Tag>) },
        { title: t('token.expiresAt'), dataIndex: 'expiresAt', render: (v: string | null) => (v ? fmtDateTime(v) : t('token.never')) },
        { title: t('token.lastUsedAt'), dataIndex: 'lastUsedAt', render: fmtDateTime },
        { title: t('user.status'), key: 's', render: (_, r) => (r.revokedAt ? <Tag>{t('token.revoked')}</Tag> : <Tag color="green">{t('token.active')}</Tag>) },
        { title: '', key: 'op', render: (_, r) => !r.revokedAt && (
          <Popconfirm title={t('token.revokeConfirm')} onConfirm={async () => {
            try { await api.post(`/api/v1/tokens/${r.id}/revoke`); await load(); } catch (e) { message.error((e as Error).message); }
          }}><Button size="small" danger>{t('token.revoke')}</Button></Popconfirm>
        ) },
      ]} />
      <Modal open={open} title={t('token.create')} onCancel={() => setOpen(false)} onOk={() => void submit()} confirmLoading={busy} destroyOnHidden>
        <FormError error={formError} />
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('token.name')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="scopes" label={t('token.scopes')} extra={t('token.scopesHelp')} rules={[{ required: true, message: t('token.scopesRequired') }]}><Select mode="multiple" options={scopeOptions} /></Form.Item>
          <Form.Item name="expiresAt" label={t('token.expiresAt')}><DatePicker showTime style={{ width: '100%' }} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
