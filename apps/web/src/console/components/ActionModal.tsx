import { useEffect, useMemo, useState } from 'react';
import { Alert, Form, Modal, Typography } from 'antd';
import { ApiError, newIdempotencyKey } from '../../lib/api.ts';
import { problemToFields } from '../../lib/forms.ts';
import { t } from '../../lib/i18n.ts';
import type { TreeNode } from './data.ts';
import { initialValues, SchemaFields, toInput, type JsonSchema } from './SchemaForm.tsx';

/**
 * A form generated from an action's JSON schema. One Idempotency-Key per opening of the form, so a
 * double click or a retry after a lost answer does not act twice. Field errors from a 400 are put
 * on the fields; other problems (409 …) are shown above the form.
 */
export function ActionModal(props: {
  open: boolean; title: string; schema?: JsonSchema | null; confirm?: string; okText?: string;
  prefixes?: string[];
  /** Org tree for fields holding an org id. */
  orgs?: TreeNode[];
  onSubmit: (input: Record<string, unknown>, idempotencyKey: string) => Promise<void>;
  onClose: () => void;
}) {
  const { open, title, schema, confirm, onSubmit, onClose } = props;
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useMemo(() => (open ? newIdempotencyKey() : ''), [open]);
  const known = Object.keys(schema?.properties ?? {});

  useEffect(() => { if (open) { form.resetFields(); form.setFieldsValue(initialValues(schema)); setError(null); } }, [open, schema, form]);

  async function submit() {
    let values: Record<string, unknown>;
    try { values = await form.validateFields(); } catch { return; }
    setBusy(true); setError(null);
    try {
      await onSubmit(toInput(schema, values), key);
      onClose();
    } catch (e) {
      if (e instanceof ApiError) {
        const { fields, other } = problemToFields(e, known, props.prefixes);
        form.setFields(fields);
        if (other.length) setError(other.join('；'));
        else if (!fields.length) setError(e.text);
        else setError(e.title);
      } else setError((e as Error).message);
    } finally { setBusy(false); }
  }

  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={submit} confirmLoading={busy}
      okText={props.okText ?? t('common.submit')} okButtonProps={{ danger: !!confirm }} destroyOnHidden width={560}>
      {confirm && <Alert type="warning" showIcon title={confirm} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      {/* The form's name prefixes every field id (action_content), so no field can take a page landmark's id (<main id="content">). */}
      <Form form={form} layout="vertical" name="action">
        <SchemaFields schema={schema} orgs={props.orgs} />
        {!known.length && !confirm && <Typography.Paragraph>{t('case.confirmAction', { action: title })}</Typography.Paragraph>}
      </Form>
    </Modal>
  );
}
