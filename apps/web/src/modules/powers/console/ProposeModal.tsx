import { App, Form, Input, Modal, Select, DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import type { Org } from '../../../console/components/data.ts';
import { FormError, useFormSubmit } from '../../../console/components/forms.tsx';
import { useToday } from '../../../console/session.ts';
import type { PowerItem } from '../types.ts';

const KINDS = ['modify', 'abolish', 'delegate', 'revoke_delegation'];

/** 提出调整 of one item: a dated, reasoned change that takes effect once approved. */
export function ProposeModal({ item, orgs, onClose }: { item: PowerItem | null; orgs: Org[]; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const today = useToday();
  const kind = Form.useWatch('kind', form) as string | undefined;
  const { submit, busy, error } = useFormSubmit(form, {
    opening: item?.id ?? null, prefixes: ['body.change.changes', 'body.change', 'body'], rename: (n) => (n[0] === 'townshipIds' ? ['towns'] : n),
  });
  async function ok() {
    const r = await submit((v, keyFor) => {
      const itemId = item!.id;
      const change = kind === 'modify' ? { kind, itemId, changes: { name: v.name } }
        : kind === 'delegate' ? { kind, itemId, townshipIds: v.towns } : { kind, itemId };
      const body = { change, effectiveOn: (v.effectiveOn as Dayjs).format('YYYY-MM-DD'), reason: v.reason, documentNo: v.documentNo || undefined };
      return api.post('/api/v1/powers/adjustments', body, { 'Idempotency-Key': keyFor() }).then(() => true);
    });
    if (r) { message.success(t('powers.adjust.sent')); form.resetFields(); onClose(); }
  }
  return (
    <Modal open={!!item} title={t('powers.list.propose')} onOk={() => void ok()} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <FormError error={error} />
      <Form form={form} layout="vertical" name="propose" initialValues={{ kind: 'modify', effectiveOn: today ? dayjs(today) : undefined }}>
        <Form.Item name="kind" label={t('powers.adjust.kind')}><Select options={KINDS.map((k) => ({ value: k, label: t(`powers.kind.${k}`) }))} /></Form.Item>
        {kind === 'modify' && <Form.Item name="name" label={t('powers.adjust.name')} rules={[{ required: true }]}><Input /></Form.Item>}
        {kind === 'delegate' && <Form.Item name="towns" label={t('powers.adjust.towns')} rules={[{ required: true }]}>
          <Select mode="multiple" options={orgs.filter((o) => o.kind === 'township').map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>}
        <Form.Item name="effectiveOn" label={t('powers.adjust.effectiveOn')} rules={[{ required: true }]}><DatePicker /></Form.Item>
        <Form.Item name="reason" label={t('powers.adjust.reason')} rules={[{ required: true, min: 4 }]}><Input.TextArea rows={3} /></Form.Item>
        <Form.Item name="documentNo" label={t('powers.adjust.documentNo')}><Input /></Form.Item>
      </Form>
    </Modal>
  );
}
