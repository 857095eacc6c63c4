import { App, Form, Input, Modal } from 'antd';
import { api } from '../lib/api.ts';
import { t } from '../lib/i18n.ts';
import { FormError, useFormSubmit } from './components/forms.tsx';

export function ChangePassword({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const { submit: send, busy, error } = useFormSubmit(form, { opening: open, known: ['currentPassword', 'newPassword'] });

  async function submit() {
    const ok = await send((v) => api.post('/api/v1/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword }).then(() => true));
    if (!ok) return;
    message.success(t('pw.done'));
    form.resetFields();
    onClose();
  }

  return (
    <Modal open={open} title={t('pw.title')} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} okText={t('common.save')} destroyOnHidden>
      <FormError error={error} />
      <Form form={form} layout="vertical">
        <Form.Item name="currentPassword" label={t('pw.current')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('pw.new')} rules={[{ required: true }]} extra={t('pw.hint')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="confirm" label={t('pw.confirm')} dependencies={['newPassword']} rules={[{ required: true },
          ({ getFieldValue }) => ({ validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('pw.mismatch')))) })]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
