import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Col, Form, Input, Row, Select, Table } from 'antd';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import { FormError, useFormSubmit } from '../../../console/components/forms.tsx';
import { useAbility } from '../../../console/session.ts';
import type { Service } from './Intake.tsx';

interface Scenario { id: string; name: string; description: string; materials: { name: string; required: boolean }[]; services: { id: string; name: string }[] }

/** 情景式服务 (一件事一次办): the scenarios, and a new one from two or more items (their materials merged). */
export default function Scenarios() {
  const { message } = App.useApp();
  const mayCreate = useAbility('approvals.scenario.manage');
  const [rows, setRows] = useState<Scenario[]>([]);
  const [services, setServices] = useState<Service[]>([]);
  const [form] = Form.useForm();
  const { submit, busy, error } = useFormSubmit(form, { prefixes: ['body'] });
  const load = useCallback(() => api.get<Scenario[]>('/api/v1/approvals/scenarios').then(setRows, (e: Error) => message.error(e.message)), [message]);
  useEffect(() => { void load(); api.get<Service[]>('/api/v1/powers/services').then(setServices, () => undefined); }, [load]);
  async function create() {
    const r = await submit((v, keyFor) => api.post<{ materials: unknown[] }>('/api/v1/approvals/scenarios', v, { 'Idempotency-Key': keyFor() }));
    if (!r) return;
    message.success(t('approvals.scenarios.created', { n: r.materials.length }));
    form.resetFields(); void load();
  }
  return (
    <Row gutter={16}>
      <Col xs={24} lg={mayCreate ? 14 : 24}>
        <Card title={t('approvals.scenarios.title')}>
          <Table rowKey="id" size="small" dataSource={rows} pagination={false} columns={[
            { title: t('approvals.scenarios.name'), dataIndex: 'name' },
            { title: t('approvals.scenarios.included'), render: (_: unknown, s) => s.services.map((x) => x.name).join('、') },
            { title: t('approvals.scenarios.materials'), render: (_: unknown, s) => s.materials.length },
          ]} />
        </Card>
      </Col>
      {mayCreate && <Col xs={24} lg={10}>
        <Card title={t('approvals.scenarios.create')}>
          <FormError error={error} />
          <Form form={form} layout="vertical" name="scenario" onFinish={() => void create()}>
            <Form.Item name="name" label={t('approvals.scenarios.name')} rules={[{ required: true }]}>
              <Input placeholder={t('approvals.scenarios.example')} />
            </Form.Item>
            <Form.Item name="description" label={t('approvals.scenarios.desc')}><Input.TextArea rows={2} /></Form.Item>
            <Form.Item name="serviceIds" label={t('approvals.scenarios.services')} rules={[{ required: true }]}>
              <Select mode="multiple" optionFilterProp="label" options={services.map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>{t('approvals.scenarios.create')}</Button>
          </Form>
        </Card>
      </Col>}
    </Row>
  );
}
