import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { api, ApiError } from '../lib/api.ts';
import { problemToFields } from '../lib/forms.ts';
import { t } from '../lib/i18n.ts';

export function ChangePassword({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    let v: { currentPassword: string; newPassword: string };
    try { v = await form.validateFields(); } catch { return; } // the form shows what is missing
    setBusy(true); setError(null);
    try {
      await api.post('/api/v1/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success(t('pw.done'));
      form.resetFields();
      onClose();
    } catch (e) {
      if (e instanceof ApiError) {
        const { fields, other } = problemToFields(e, ['currentPassword', 'newPassword']);
        form.setFields(fields);
        setError(other.length ? other.join('；') : fields.length ? null : e.text);
      } else setError((e as Error).message);
    } finally { setBusy(false); }
  }

  return (
    <Modal open={open} title={t('pw.title')} onCancel={onClose} onOk={submit} confirmLoading={busy} okText={t('common.save')} destroyOnHidden>
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 12 }} />}
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
