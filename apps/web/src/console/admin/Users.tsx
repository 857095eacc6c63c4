import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Drawer, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, TreeSelect } from 'antd';
import { api, type Query } from '../../lib/api.ts';
import { t } from '../../lib/i18n.ts';
import { listOrgs, orgTree, type Org } from '../components/data.ts';
import { ExportButton } from '../components/ExportButton.tsx';
import { FormError, useFormSubmit } from '../components/forms.tsx';
import { ImportCard } from './Orgs.tsx';

interface UserGrant { id: string; role: string; orgId: string; orgName?: string; subtree: boolean; revokedAt?: string | null }
interface User { id: string; username: string; displayName: string; orgName?: string; status: string; phone?: string | null; grants?: UserGrant[]; lockedUntil?: string | null }

/** A role that may be granted: the spine's and those the modules declare (GET /api/v1/roles). */
interface RoleInfo { key: string; label: string; description: string | null; module: string }

/** 用户: list, create with an initial role, grant and revoke roles on orgs, import, export. */
export default function Users() {
  const { message } = App.useApp();
  const [items, setItems] = useState<User[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [loading, setLoading] = useState(false);
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [dlg, setDlg] = useState<null | 'create' | { grant: User }>(null);
  const [importOpen, setImportOpen] = useState(false);
  const [form] = Form.useForm();
  const [roles, setRoles] = useState<RoleInfo[]>([]);
  const { submit: send, busy, error: formError, setError: setFormError } = useFormSubmit(form, { opening: dlg });
  const [created, setCreated] = useState<{ username: string } | null>(null);
  const query: Query = useMemo(() => ({ q, limit: 50 }), [q]);

  const load = useCallback(async (more: string | null) => {
    setLoading(true);
    try {
      const r = await api.get<{ items: User[]; nextCursor: string | null } | User[]>('/api/v1/users', { ...query, cursor: more ?? undefined });
      const list = Array.isArray(r) ? r : r.items;
      setItems((old) => (more ? [...old, ...list] : list));
      setCursor(Array.isArray(r) ? null : r.nextCursor);
    } catch (e) { message.error((e as Error).message); }
    finally { setLoading(false); }
  }, [query, message]);
  useEffect(() => { void load(null); }, [load]);
  useEffect(() => {
    listOrgs().then(setOrgs, () => undefined);
    api.get<RoleInfo[]>('/api/v1/roles').then(setRoles, () => undefined);
  }, []);
  const roleOptions = roles.map((r) => ({ value: r.key, label: r.label }));
  const roleName = (key: string) => roles.find((r) => r.key === key)?.label ?? key;
  const tree = useMemo(() => orgTree(orgs), [orgs]);
  const orgName = (id: string) => orgs.find((o) => o.id === id)?.name ?? id;

  async function submit() {
    const ok = await send(async (v, keyFor) => {
      if (dlg === 'create') {
        // The server takes the initial grants as [{role, subtree}] on the user's own org.
        await api.post<{ id: string }>('/api/v1/users', {
          username: v.username, displayName: v.displayName, orgId: v.orgId, password: v.password, phone: v.phone || undefined,
          grants: v.role ? [{ role: v.role, subtree: !!v.subtree }] : [],
        }, { 'Idempotency-Key': keyFor() });
        setCreated({ username: String(v.username) });
      } else if (dlg && typeof dlg === 'object') {
        await api.post(`/api/v1/users/${dlg.grant.id}/grants`, { role: v.role, orgId: v.orgId, subtree: !!v.subtree }, { 'Idempotency-Key': keyFor() });
        message.success(t('common.saved'));
      }
      return true;
    });
    if (!ok) return;
    setDlg(null);
    await load(null);
  }

  async function revoke(u: User, g: UserGrant) {
    try { await api.post(`/api/v1/users/${u.id}/grants/${g.id}/revoke`); message.success(t('user.revoked')); await load(null); }
    catch (e) { message.error((e as Error).message); }
  }

  return (
    <Card title={t('nav.users')} size="small" extra={<Space>
      <Input.Search placeholder={t('user.search')} allowClear onSearch={setQ} style={{ width: 180 }} />
      <ExportButton path="/api/v1/users" query={query} name={t('nav.users')} />
      <Button onClick={() => setImportOpen(true)}>{t('import.title')}</Button>
      <Button type="primary" onClick={() => { form.resetFields(); setFormError(null); setDlg('create'); }}>{t('user.create')}</Button>
    </Space>}>
      {created && <Alert type="success" showIcon closable onClose={() => setCreated(null)} style={{ marginBottom: 12 }}
        title={t('user.created', { username: created.username })} />}
      <Table<User> rowKey="id" size="small" loading={loading} dataSource={items} pagination={false} scroll={{ x: 800 }} columns={[
        { title: t('user.username'), dataIndex: 'username', width: 140 },
        { title: t('user.displayName'), dataIndex: 'displayName', width: 120 },
        { title: t('user.org'), dataIndex: 'orgName', width: 200, ellipsis: true },
        { title: t('user.status'), dataIndex: 'status', width: 90, render: (s: string, u) => <>{t(`user.status.${s}`)}{u.lockedUntil && <Tag color="orange" style={{ marginLeft: 4 }}>{t('user.locked')}</Tag>}</> },
        { title: t('user.grants'), key: 'grants', render: (_, u) => (
          <Space wrap size={4}>{(u.grants ?? []).filter((g) => !g.revokedAt).map((g) => (
            <Popconfirm key={g.id} title={t('user.revokeConfirm')} onConfirm={() => void revoke(u, g)}>
              <Tag closable onClose={(e) => e.preventDefault()} style={{ cursor: 'pointer' }}>
                {roleName(g.role)} @ {g.orgName ?? orgName(g.orgId)}{g.subtree ? t('user.subtree') : ''}
              </Tag>
            </Popconfirm>
          ))}</Space>
        ) },
        { title: '', key: 'op', width: 100, render: (_, u) => <Button size="small" onClick={() => { form.resetFields(); setFormError(null); setDlg({ grant: u }); }}>{t('user.grant')}</Button> },
      ]} />
      {cursor && <div style={{ textAlign: 'center', marginTop: 12 }}><Button onClick={() => void load(cursor)}>{t('common.loadMore')}</Button></div>}
      <Modal open={!!dlg} title={dlg === 'create' ? t('user.create') : dlg ? `${t('user.grant')} · ${dlg.grant.displayName}` : ''} onCancel={() => setDlg(null)}
        onOk={() => void submit()} confirmLoading={busy} destroyOnHidden>
        <FormError error={formError} />
        <Form form={form} layout="vertical">
          {dlg === 'create' ? <>
            <Form.Item name="username" label={t('user.username')} rules={[{ required: true }]}><Input autoComplete="off" /></Form.Item>
            <Form.Item name="displayName" label={t('user.displayName')} rules={[{ required: true }]}><Input /></Form.Item>
            <Form.Item name="orgId" label={t('user.org')} rules={[{ required: true, message: t('user.orgRequired') }]}><TreeSelect treeData={tree} treeDefaultExpandAll showSearch treeNodeFilterProp="title" /></Form.Item>
            <Form.Item name="password" label={t('user.initialPassword')} extra={t('user.initialPasswordHelp')} rules={[{ required: true, message: t('user.passwordRequired') }]}><Input.Password autoComplete="new-password" /></Form.Item>
            <Form.Item name="phone" label={t('user.phone')}><Input autoComplete="off" /></Form.Item>
            <Form.Item name="role" label={t('user.initialRole')}><Select allowClear options={roleOptions} /></Form.Item>
            <Form.Item name="subtree" valuePropName="checked"><Checkbox>{t('user.subtreeLabel')}</Checkbox></Form.Item>
          </> : <>
            <Form.Item name="role" label={t('user.role')} rules={[{ required: true }]}><Select options={roleOptions} /></Form.Item>
            <Form.Item name="orgId" label={t('work.org')} rules={[{ required: true }]}><TreeSelect treeData={tree} treeDefaultExpandAll showSearch treeNodeFilterProp="title" /></Form.Item>
            <Form.Item name="subtree" valuePropName="checked"><Checkbox>{t('user.subtreeLabel')}</Checkbox></Form.Item>
          </>}
        </Form>
      </Modal>
      <Drawer open={importOpen} title={t('import.title')} size={560} onClose={() => setImportOpen(false)} destroyOnHidden>
        <ImportCard path="/api/v1/users/import" help={t('user.importHelp')} onDone={() => void load(null)} />
      </Drawer>
    </Card>
  );
}
