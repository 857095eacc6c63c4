import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, List, Modal, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../lib/api.ts';
import { t } from '../../lib/i18n.ts';
import { FormError, useFormSubmit } from '../components/forms.tsx';
import { useToday } from '../session.ts';

interface Rule {
  key: string; label: string; unit: string; length: number; yellowWithin: number; maxExtension: number | null; basis: string;
  sourced: boolean; configurable: boolean; local: boolean; effectiveFrom: string;
}
interface Local { id: string; length: number; yellowWithin: number | null; effectiveFrom: string; basis: string; setAt: string; setByName: string | null }

/**
 * 期限规则: every deadline rule in force today with its length and legal basis. A rule with no national number (无全国规定) is
 * configurable: the county sets its own length from a date on, citing its own instrument; matters filed from that date use it,
 * those filed before (and their running clocks) keep theirs. Statutory rules are shown, not editable.
 */
export default function Rules() {
  const { message } = App.useApp();
  const today = useToday();
  const [rules, setRules] = useState<Rule[]>([]);
  const [editing, setEditing] = useState<Rule | null>(null);
  const [history, setHistory] = useState<Local[]>([]);
  const [form] = Form.useForm();
  const { submit, busy, error, setError } = useFormSubmit(form, { opening: editing, known: ['length', 'yellowWithin', 'effectiveFrom', 'basis'] });
  const load = useCallback(() => api.get<{ items: Rule[] }>('/api/v1/rules').then((r) => setRules(r.items), (e: Error) => message.error(e.message)), [message]);
  useEffect(() => { void load(); }, [load]);
  const edit = async (r: Rule) => {
    form.resetFields(); setError(null);
    form.setFieldsValue({ length: r.length, yellowWithin: r.yellowWithin, effectiveFrom: dayjs(today) });
    setEditing(r);
    setHistory((await api.get<{ items: Local[] }>(`/api/v1/rules/${r.key}/local`).catch(() => ({ items: [] }))).items);
  };
  const save = async () => {
    const r = await submit((v) => api.put(`/api/v1/rules/${editing!.key}`, {
      length: v.length, ...(v.yellowWithin !== undefined && v.yellowWithin !== null ? { yellowWithin: v.yellowWithin } : {}),
      effectiveFrom: (v.effectiveFrom as dayjs.Dayjs).format('YYYY-MM-DD'), basis: v.basis,
    }));
    if (!r) return;
    message.success(t('rules.saved'));
    setEditing(null);
    await load();
  };
  return (
    <Card size="small" title={t('nav.rules')}>
      <Typography.Paragraph type="secondary">{t('rules.help')}</Typography.Paragraph>
      <Table rowKey="key" size="small" dataSource={rules} pagination={{ pageSize: 50 }} columns={[
        { title: t('rules.col.label'), dataIndex: 'label', width: 260,
          render: (v: string, r: Rule) => <>{v}<div><Typography.Text type="secondary">{r.key}</Typography.Text></div></> },
        { title: t('rules.col.length'), width: 140, render: (_: unknown, r: Rule) => t('rules.length', { n: r.length, unit: t(`rules.unit.${r.unit}`) }) },
        { title: t('rules.col.basis'), dataIndex: 'basis' },
        { title: t('rules.col.kind'), width: 170, render: (_: unknown, r: Rule) => <>
          {r.sourced ? <Tag color="blue">{t('rules.sourced')}</Tag> : <Tag color="orange">{t('rules.unsourced')}</Tag>}
          {r.local && <Tag color="green">{t('rules.local')}</Tag>}
        </> },
        { title: '', width: 110, render: (_: unknown, r: Rule) => (r.configurable
          ? <Button size="small" onClick={() => void edit(r)}>{t('rules.edit')}</Button>
          : <Typography.Text type="secondary">{t('rules.statutory')}</Typography.Text>) },
      ]} />
      <Modal open={!!editing} title={editing ? t('rules.editTitle', { label: editing.label }) : ''} onCancel={() => setEditing(null)}
        onOk={() => void save()} confirmLoading={busy} destroyOnHidden width={640}>
        <FormError error={error} />
        <Form form={form} layout="vertical" name="rule">
          <Form.Item name="length" label={t('rules.field.length', { unit: editing ? t(`rules.unit.${editing.unit}`) : '' })}
            rules={[{ required: true, message: t('common.required', { label: t('rules.col.length') }) }]}>
            <InputNumber min={1} max={3650} precision={0} />
          </Form.Item>
          <Form.Item name="yellowWithin" label={t('rules.field.yellow')}><InputNumber min={0} max={3650} precision={0} /></Form.Item>
          <Form.Item name="effectiveFrom" label={t('rules.field.from')}
            rules={[{ required: true, message: t('common.required', { label: t('rules.field.from') }) }]}>
            <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') < today} />
          </Form.Item>
          <Form.Item name="basis" label={t('rules.field.basis')} rules={[{ required: true, min: 4, message: t('rules.field.basisHelp') }]}>
            <Input placeholder={t('rules.field.basisHelp')} />
          </Form.Item>
        </Form>
        {editing && <Typography.Paragraph type="secondary">{t('rules.default', { basis: editing.basis })}</Typography.Paragraph>}
        <List size="small" header={t('rules.history')} dataSource={history} locale={{ emptyText: t('rules.noHistory') }} renderItem={(h) => (
          <List.Item>{t('rules.historyItem', { from: h.effectiveFrom, n: h.length, basis: h.basis, by: h.setByName ?? '' })}</List.Item>
        )} />
      </Modal>
    </Card>
  );
}
