import { App, Checkbox, Col, DatePicker, Form, Input, Modal, Radio, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import type { Org } from '../../../console/components/data.ts';
import { FormError, useFormSubmit } from '../../../console/components/forms.tsx';
import { useToday } from '../../../console/session.ts';
import { POWER_TYPES } from '../types.ts';

/** 新增 a power to the list: proposed as an adjustment of kind `add`, effective once approved. */
export function AddItemModal({ open, orgs, onClose }: { open: boolean; orgs: Org[]; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const today = useToday();
  const level = Form.useWatch('level', form) as string | undefined;
  const { submit, busy, error } = useFormSubmit(form, { opening: open, prefixes: ['body.change.item', 'body.change', 'body'] });
  async function ok() {
    const r = await submit((v, keyFor) => api.post('/api/v1/powers/adjustments', {
      change: {
        kind: 'add', item: {
          code: v.code, name: v.name, type: v.type, orgId: v.orgId, basisLaw: v.basisLaw, basisArticle: v.basisArticle ?? '', duties: v.duties ?? [],
          level: v.level,
          townshipKind: v.level === 'township' ? v.townshipKind : undefined, delegable: !!v.delegable,
        },
      },
      effectiveOn: (v.effectiveOn as Dayjs).format('YYYY-MM-DD'), reason: v.reason, documentNo: v.documentNo || undefined,
    }, { 'Idempotency-Key': keyFor() }).then(() => true));
    if (r) { message.success(t('powers.adjust.sent')); form.resetFields(); onClose(); }
  }
  return (
    <Modal open={open} title={t('powers.kind.add')} onOk={() => void ok()} confirmLoading={busy} onCancel={onClose} destroyOnHidden width={640}>
      <FormError error={error} />
      <Form form={form} layout="vertical" name="add-power"
        initialValues={{ level: 'county', type: POWER_TYPES[0], effectiveOn: today ? dayjs(today) : undefined }}>
        <Row gutter={12}>
          <Col span={8}><Form.Item name="code" label={t('powers.col.code')} rules={[{ required: true }]}><Input /></Form.Item></Col>
          <Col span={16}><Form.Item name="name" label={t('powers.col.name')} rules={[{ required: true }]}><Input /></Form.Item></Col>
          <Col span={8}><Form.Item name="type" label={t('powers.col.type')}>
            <Select options={POWER_TYPES.map((x) => ({ value: x, label: x }))} />
          </Form.Item></Col>
          <Col span={16}><Form.Item name="orgId" label={t('powers.col.org')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={orgs.filter((o) => o.kind !== 'village').map((o) => ({ value: o.id, label: o.name }))} />
          </Form.Item></Col>
          <Col span={16}><Form.Item name="basisLaw" label={t('powers.col.basis')} rules={[{ required: true }]}><Input /></Form.Item></Col>
          <Col span={8}><Form.Item name="basisArticle" label={t('powers.col.article')}><Input /></Form.Item></Col>
        </Row>
        <Form.Item name="duties" label={t('powers.col.duties')} rules={[{ required: true }]}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，', '、', '；']} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="level" label={t('powers.col.level')}>
            <Radio.Group options={[{ value: 'county', label: t('powers.level.county') }, { value: 'township', label: t('powers.level.township') }]} />
          </Form.Item>
          {level === 'township' && <Form.Item name="townshipKind" label={t('powers.col.townshipKind')} rules={[{ required: true }]}>
            <Radio.Group options={['法定', '赋予']} />
          </Form.Item>}
          <Form.Item name="delegable" valuePropName="checked" label=" "><Checkbox>{t('powers.col.delegable')}</Checkbox></Form.Item>
        </Space>
        <Form.Item name="effectiveOn" label={t('powers.adjust.effectiveOn')} rules={[{ required: true }]}><DatePicker /></Form.Item>
        <Form.Item name="reason" label={t('powers.adjust.reason')} rules={[{ required: true, min: 4 }]}><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="documentNo" label={t('powers.adjust.documentNo')}><Input /></Form.Item>
      </Form>
    </Modal>
  );
}
