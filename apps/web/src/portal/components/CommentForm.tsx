import { useState } from 'react';
import { api, ApiError } from '../../lib/api.ts';
import { t } from '../../lib/i18n.ts';
import { Field, FormAlert } from './Field.tsx';

/**
 * A public comment on a draft (公开征求意见), shared by the consultation pages of 规范性文件 and 重大行政决策: the text, a name
 * and a phone (both optional; the server encrypts them and shows them masked). `prefix` names the fields' ids.
 */
export function CommentForm({ url, prefix, onSent }: { url: string; prefix: string; onSent: () => void }) {
  const [form, setForm] = useState({ body: '', name: '', phone: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState(false);
  const submit = async () => {
    setErrors({});
    try {
      await api.post(url, { body: form.body, ...(form.name ? { name: form.name } : {}), ...(form.phone ? { phone: form.phone } : {}) });
      setSent(true); setForm({ body: '', name: '', phone: '' });
      onSent();
    } catch (e) {
      if (e instanceof ApiError && e.errors.length) setErrors(Object.fromEntries(e.errors.map((x) => [x.path.replace(/^body\./, ''), x.message])));
      else setErrors({ _: (e as Error).message });
    }
  };
  return (
    <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <FormAlert error={errors._} />
      <Field id={`${prefix}-body`} label={t('consult.comment.body')} error={errors.body}>
        <textarea id={`${prefix}-body`} rows={5} value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} />
      </Field>
      <Field id={`${prefix}-name`} label={t('consult.comment.name')} error={errors.name}>
        <input id={`${prefix}-name`} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      </Field>
      <Field id={`${prefix}-phone`} label={t('consult.comment.phone')} error={errors.phone}>
        <input id={`${prefix}-phone`} value={form.phone} onChange={(e) => setForm({ ...form, phone: e.target.value })} />
      </Field>
      <button type="submit">{t('consult.comment.submit')}</button>
      {sent && <p role="status" data-testid={`${prefix}-sent`}>{t('consult.comment.thanks')}</p>}
    </form>
  );
}
