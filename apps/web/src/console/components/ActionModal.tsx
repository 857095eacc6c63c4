import { useEffect } from 'react';
import { Alert, Form, Modal, Typography } from 'antd';
import { OccurredAtField, occurredAtOf } from './OccurredAt.tsx';
import { t } from '../../lib/i18n.ts';
import type { TreeNode } from './data.ts';
import { FormError, useFormSubmit } from './forms.tsx';
import { initialValues, SchemaFields, toInput, type JsonSchema } from './SchemaForm.tsx';

/**
 * A form generated from an action's JSON schema. One Idempotency-Key per opening of the form, so a
 * double click or a retry after a lost answer does not act twice. Field errors from a 400 are put
 * on the fields; other problems (409 …) are shown above the form.
 */
export function ActionModal(props: {
  open: boolean; title: string; schema?: JsonSchema | null; confirm?: string; danger?: boolean; okText?: string;
  prefixes?: string[];
  /** Org tree for fields holding an org id. */
  orgs?: TreeNode[];
  /** The user may record the act with the time it happened (补录, permission case.record_late): offer 实际发生时间. */
  recordLate?: boolean;
  onSubmit: (input: Record<string, unknown>, idempotencyKey: string, occurredAt?: string) => Promise<void>;
  onClose: () => void;
}) {
  const { open, title, schema, confirm, onSubmit, onClose } = props;
  const [form] = Form.useForm();
  const known = [...Object.keys(schema?.properties ?? {}), ...(props.recordLate ? ['occurredAt'] : [])];
  const { submit, busy, error, setError } = useFormSubmit(form, { opening: open, known, prefixes: props.prefixes });

  useEffect(() => { if (open) { form.resetFields(); form.setFieldsValue(initialValues(schema)); setError(null); } }, [open, schema, form, setError]);

  async function ok() {
    const done = await submit((values, keyFor) => {
      const { occurredAt, ...rest } = values;
      return onSubmit(toInput(schema, rest), keyFor(), occurredAtOf(occurredAt)).then(() => true);
    });
    if (done) onClose();
  }

  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={() => void ok()} confirmLoading={busy}
      okText={props.okText ?? t('common.submit')} okButtonProps={{ danger: !!props.danger }} destroyOnHidden width={560}>
      {confirm && <Alert type="warning" showIcon title={confirm} style={{ marginBottom: 12 }} />}
      <FormError error={error} />
      {/* The form's name prefixes every field id (action_content), so no field can take a page landmark's id (<main id="content">). */}
      <Form form={form} layout="vertical" name="action">
        <SchemaFields schema={schema} orgs={props.orgs} />
        {!Object.keys(schema?.properties ?? {}).length && !confirm && <Typography.Paragraph>{t('case.confirmAction', { action: title })}</Typography.Paragraph>}
        {props.recordLate && <OccurredAtField />}
      </Form>
    </Modal>
  );
}
