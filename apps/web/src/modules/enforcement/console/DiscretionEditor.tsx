import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../../lib/api.ts';
import { problemText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';
import { useSession } from '../../../console/session.ts';
import { FormError, useFormSubmit } from '../../../console/components/forms.tsx';

interface Row { id: string; powerCode: string; powerName: string; circumstance: string; description: string; minFine: string; maxFine: string; basis: string;
  version: string; effectiveFrom: string }
interface Power { id: string; code: string; name: string }
const CIRCUMSTANCES = ['轻微', '一般', '较重', '严重'];

/**
 * 裁量基准 editor: per 行政处罚 item of the 权责清单 and 情形, a fine range with its basis. Versioned by date: a change is a new row
 * with a later 施行日期 (the case applies the row in force on the day of 告知; earlier versions stay for the cases that applied them).
 */
export default function DiscretionEditor() {
  const { message } = App.useApp();
  const { can } = useSession();
  const [rows, setRows] = useState<Row[]>([]);
  const [powers, setPowers] = useState<Power[]>([]);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const { submit, busy, error } = useFormSubmit(form, { opening: open, prefixes: ['body'] });
  const load = useCallback(() => api.get<Row[]>('/api/v1/enforcement/discretion').then(setRows, (e: Error) => message.error(problemText(e))), [message]);
  useEffect(() => {
    void load();
    api.get<{ items: Power[] }>('/api/v1/powers/items', { type: '行政处罚', status: 'active', limit: 500 })
      .then((r) => setPowers(r.items), () => setPowers([]));
  }, [load]);
  async function save() {
    const r = await submit((v, keyFor) => api.post('/api/v1/enforcement/discretion', {
      powerId: v.powerId, circumstance: v.circumstance, description: v.description, minFine: v.minFine, maxFine: v.maxFine, basis: v.basis,
      version: v.version, effectiveFrom: (v.effectiveFrom as Dayjs | null)?.format('YYYY-MM-DD'),
    }, { 'Idempotency-Key': keyFor() }));
    if (r) { message.success(t('enforcement.discretion.saved')); setOpen(false); void load(); }
  }
  return (
    <Card title={t('enforcement.discretion.title')}
      extra={can('enforcement.officers.manage')
        && <Button type="primary" onClick={() => { form.resetFields(); setOpen(true); }}>{t('enforcement.discretion.add')}</Button>}>
      <Typography.Paragraph type="secondary">{t('enforcement.discretion.versioning')}</Typography.Paragraph>
      <Table<Row> rowKey="id" size="small" dataSource={rows} pagination={{ pageSize: 50 }} columns={[
        { key: 'power', title: t('enforcement.discretion.power'), render: (_, r) => `${r.powerCode} ${r.powerName}` },
        { key: 'c', dataIndex: 'circumstance', title: t('enforcement.discretion.circumstance'), width: 80 },
        { key: 'd', dataIndex: 'description', title: t('enforcement.discretion.description') },
        { key: 'range', title: t('enforcement.discretion.range'), width: 150, render: (_, r) => `${Number(r.minFine)}–${Number(r.maxFine)} 元` },
        { key: 'basis', title: t('enforcement.discretion.basis'), render: (_, r) => `${r.basis}（${r.version}）` },
        { key: 'from', dataIndex: 'effectiveFrom', title: t('enforcement.discretion.effective'), width: 110 },
      ]} />
      <Modal open={open} title={t('enforcement.discretion.add')} onOk={() => void save()} confirmLoading={busy} onCancel={() => setOpen(false)}
        width={640} forceRender>
        <FormError error={error} />
        <Form form={form} layout="vertical" name="discretion">
          <Row gutter={12}>
            <Col span={24}><Form.Item name="powerId" label={t('enforcement.discretion.power')} rules={[{ required: true }]}>
              <Select showSearch optionFilterProp="label" options={powers.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))} />
            </Form.Item></Col>
            <Col span={8}><Form.Item name="circumstance" label={t('enforcement.discretion.circumstance')} rules={[{ required: true }]}>
              <Select options={CIRCUMSTANCES.map((c) => ({ value: c, label: c }))} />
            </Form.Item></Col>
            <Col span={8}><Form.Item name="minFine" label={t('enforcement.discretion.min')} rules={[{ required: true }]}>
              <InputNumber min={0} /></Form.Item></Col>
            <Col span={8}><Form.Item name="maxFine" label={t('enforcement.discretion.max')} rules={[{ required: true }]}>
              <InputNumber min={0} /></Form.Item></Col>
            <Col span={24}><Form.Item name="description" label={t('enforcement.discretion.description')} rules={[{ required: true }]}>
              <Input.TextArea rows={2} placeholder={t('enforcement.discretion.factors')} />
            </Form.Item></Col>
            <Col span={12}><Form.Item name="basis" label={t('enforcement.discretion.basisOnly')} rules={[{ required: true }]}>
              <Input /></Form.Item></Col>
            <Col span={6}><Form.Item name="version" label={t('enforcement.discretion.version')} rules={[{ required: true }]}>
              <Input /></Form.Item></Col>
            <Col span={6}><Form.Item name="effectiveFrom" label={t('enforcement.discretion.effective')} rules={[{ required: true }]}>
              <DatePicker /></Form.Item></Col>
          </Row>
        </Form>
      </Modal>
    </Card>
  );
}
