import { useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Col, Form, Input, Radio, Row, Select, Tag, Typography } from 'antd';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import { navigate } from '../../../lib/router.ts';
import { FormError, useFormSubmit } from '../../../console/components/forms.tsx';
import { OccurredAtField, occurredAtOf } from '../../../console/components/OccurredAt.tsx';
import { useAbility } from '../../../console/session.ts';

export interface Service {
  id: string; code: string; name: string; orgName: string; statutoryDays: number; promisedDays: number; instant: boolean;
  materials: { name: string; required: boolean }[]; online: boolean; powerCode: string;
}

/** 窗口收件: pick the item, tick the materials received, the applicant, done — the case page takes over. */
export default function Intake() {
  const { message } = App.useApp();
  const [services, setServices] = useState<Service[]>([]);
  const [sel, setSel] = useState<Service | null>(null);
  const [got, setGot] = useState<string[]>([]);
  const [form] = Form.useForm();
  const recordLate = useAbility('case.record_late'); // materials received earlier (by post, before the system was up) keep their real time
  // One key for this application: a double click or a retry after a lost answer registers it once.
  const { submit, busy, error } = useFormSubmit(form, {
    opening: sel?.id ?? null, known: ['applicantKind', 'applicantName', 'applicantPhone', 'applicantIdNo', 'occurredAt'],
  });
  useEffect(() => { api.get<Service[]>('/api/v1/powers/services').then(setServices, (e: Error) => message.error(e.message)); }, [message]);
  const missing = sel ? sel.materials.filter((m) => m.required && !got.includes(m.name)) : [];
  async function send() {
    if (!sel) return;
    const r = await submit((v, keyFor) => api.post<{ id: string; number: string }>('/api/v1/cases', {
      type: 'approval',
      input: {
        serviceId: sel.id, channel: 'window', applicantKind: v.applicantKind, applicantName: v.applicantName, applicantPhone: v.applicantPhone,
        applicantIdNo: v.applicantIdNo || undefined, materials: got,
      },
      occurredAt: occurredAtOf(v.occurredAt),
    }, { 'Idempotency-Key': keyFor() }));
    if (!r) return;
    message.success(t('approvals.intake.done', { number: r.number }));
    navigate(`/console/cases/${r.id}`);
  }
  return (
    <Row gutter={16}>
      <Col xs={24} lg={12}>
        <Card title={t('approvals.intake.service')}>
          <Select showSearch style={{ width: '100%' }} placeholder={t('approvals.intake.pick')} optionFilterProp="label"
            aria-label={t('approvals.intake.service')}
            options={services.map((s) => ({ value: s.id, label: t('approvals.intake.serviceOf', { name: s.name, org: s.orgName }) }))}
            onChange={(id: string) => { setSel(services.find((s) => s.id === id) ?? null); setGot([]); }} />
          {sel && <>
            <Typography.Paragraph style={{ marginTop: 12 }}>
              {sel.instant ? t('approvals.intake.instant') : t('approvals.intake.limits', { s: sel.statutoryDays, p: sel.promisedDays })}
            </Typography.Paragraph>
            <Typography.Title level={5}>{t('approvals.intake.materials')}</Typography.Title>
            <Checkbox.Group value={got} onChange={(v) => setGot(v as string[])} style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
              options={sel.materials.map((m) => ({ value: m.name, label: m.name }))} />
            <div style={{ marginTop: 12 }}>
              {missing.length
                ? <Tag color="orange">{t('approvals.intake.missing', { n: missing.length })}</Tag>
                : <Tag color="green">{t('approvals.intake.complete')}</Tag>}
            </div>
          </>}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('approvals.intake.applicant')}>
          <FormError error={error} />
          <Form form={form} layout="vertical" name="intake" onFinish={() => void send()} initialValues={{ applicantKind: 'person' }} disabled={!sel}>
            <Form.Item name="applicantKind" label={t('approvals.intake.kind')}>
              <Radio.Group options={[{ value: 'person', label: t('approvals.intake.person') }, { value: 'organisation', label: t('approvals.intake.org') }]} />
            </Form.Item>
            <Form.Item name="applicantName" label={t('approvals.intake.name')} rules={[{ required: true }]}><Input /></Form.Item>
            <Form.Item name="applicantPhone" label={t('approvals.intake.phone')} rules={[{ required: true }]}><Input inputMode="tel" /></Form.Item>
            <Form.Item name="applicantIdNo" label={t('approvals.intake.idNo')}><Input /></Form.Item>
            {recordLate && <OccurredAtField />}
            <Button type="primary" htmlType="submit" loading={busy}>{t('approvals.intake.submit')}</Button>
          </Form>
        </Card>
      </Col>
    </Row>
  );
}
