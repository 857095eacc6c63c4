import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Table, Timeline, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { OrgKinds } from '@yifa/contracts/common/roles';
import { api } from '../../lib/api.ts';
import { fmtDateTime } from '../../lib/format.ts';
import { t } from '../../lib/i18n.ts';
import { listOrgs, type Org } from '../components/data.ts';
import { FormError, useFormSubmit } from '../components/forms.tsx';
import { useSession } from '../session.ts';

interface Period { orgId: string; orgName: string; validFrom: string; validTo: string | null; basis: string; setByName: string | null; setAt: string }
interface Designation { key: string; label: string; basis: string; kinds: string[] | null; module: string; current: Period | null; history: Period[] }

const kindName = (k: string) => OrgKinds[k as keyof typeof OrgKinds] ?? k;

/**
 * 机构职能指定: which org of the county holds each legal role the modules declare (司法局, 行政审批局,
 * 12345 热线工作机构 …), from a date, with the history (GET/PUT /api/v1/designations).
 */
export default function Designations() {
  const { message } = App.useApp();
  const { can, user } = useSession();
  const [rows, setRows] = useState<Designation[] | null>(null);
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [editing, setEditing] = useState<Designation | null>(null);
  const [form] = Form.useForm();
  const { submit, busy, error } = useFormSubmit(form, { opening: editing?.key ?? null, prefixes: ['body'] });
  const load = useCallback(() => api.get<Designation[]>('/api/v1/designations')
    .then(setRows, (e: Error) => { message.error(e.message); setRows([]); }), [message]);
  useEffect(() => { void load(); listOrgs().then(setOrgs, () => undefined); }, [load]);
  // The org picker offers only orgs of the kinds the role admits (a 司法局 is a department).
  const choices = useMemo(() => orgs.filter((o) => !editing?.kinds || editing.kinds.includes(o.kind))
    .map((o) => ({ value: o.id, label: o.name })), [orgs, editing]);
  const open = (d: Designation) => {
    setEditing(d);
    form.resetFields();
    form.setFieldsValue({ orgId: d.current?.orgId, validFrom: user.today ? dayjs(user.today) : undefined });
  };
  async function save() {
    if (!editing) return;
    const r = await submit((v, keyFor) => api.put<{ current: { name?: string } | null }>(`/api/v1/designations/${encodeURIComponent(editing.key)}`, {
      orgId: v.orgId, validFrom: (v.validFrom as Dayjs | undefined)?.format('YYYY-MM-DD'), basis: (v.basis as string | undefined)?.trim() || undefined,
    }, { 'Idempotency-Key': keyFor() }));
    if (!r) return;
    message.success(t('designation.saved', { org: orgs.find((o) => o.id === form.getFieldValue('orgId'))?.name ?? '' }));
    setEditing(null);
    void load();
  }
  return (
    <Card title={t('designation.title')}>
      <Typography.Paragraph type="secondary">{t('designation.help')}</Typography.Paragraph>
      <Table<Designation> rowKey="key" size="small" loading={!rows} dataSource={rows ?? []} pagination={false} data-testid="designations"
        expandable={{
          rowExpandable: (d) => d.history.length > 0,
          expandedRowRender: (d) => <Timeline items={d.history.map((h) => ({
            key: h.validFrom,
            content: <div>
              <strong>{h.orgName}</strong> {t('designation.since', { date: h.validFrom })}{h.validTo ? ` ${t('designation.to', { date: h.validTo })}` : ''}
              {h.basis && <div>{h.basis}</div>}
              <Typography.Text type="secondary">{t('designation.setBy', { name: h.setByName ?? '', at: fmtDateTime(h.setAt) })}</Typography.Text>
            </div>,
          }))} />,
        }}
        columns={[
          { title: t('designation.role'), dataIndex: 'label', width: 240 },
          { title: t('designation.current'), key: 'current', width: 260, render: (_, d) => (d.current
            ? <span data-testid={`designation-${d.key}`}>
              {d.current.orgName} <Typography.Text type="secondary">{t('designation.since', { date: d.current.validFrom })}</Typography.Text>
            </span>
            : <Typography.Text type="secondary" data-testid={`designation-${d.key}`}>{t('designation.none')}</Typography.Text>) },
          { title: t('designation.basis'), dataIndex: 'basis', ellipsis: { showTitle: false }, render: (b: string) => <Tooltip title={b}>{b}</Tooltip> },
          ...(can('settings.manage') ? [{
            title: '', key: 'op', width: 90,
            render: (_: unknown, d: Designation) => <Button size="small" onClick={() => open(d)}>{t('designation.designate')}</Button>,
          }] : []),
        ]} />
      <Modal open={!!editing} title={editing ? `${t('designation.designate')} · ${editing.label}` : ''} onOk={() => void save()} confirmLoading={busy}
        onCancel={() => setEditing(null)} destroyOnHidden>
        {editing && <Typography.Paragraph type="secondary">{editing.basis}</Typography.Paragraph>}
        <FormError error={error} />
        <Form form={form} layout="vertical" name="designation">
          <Form.Item name="orgId" label={t('designation.org')} rules={[{ required: true }]}
            extra={editing?.kinds && t('designation.kinds', { kinds: editing.kinds.map(kindName).join('、') })}>
            <Select showSearch optionFilterProp="label" options={choices} />
          </Form.Item>
          <Form.Item name="validFrom" label={t('designation.validFrom')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="basis" label={t('designation.document')}><Input maxLength={300} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
