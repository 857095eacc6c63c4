import { useState } from 'react';
import { api, ApiError } from '../../lib/api.ts';
import { t } from '../../lib/i18n.ts';
import { Field, FormAlert } from './Field.tsx';

/**
 * A public comment on a draft (公开征求意见), shared by the consultation pages of 规范性文件 and 重大行政决策: the text, a name
 * and a phone (both optional; the server encrypts them and shows them masked) — or, where the county requires a verified phone
 * (`codeUrl`), a mobile number and the SMS code sent to it. `prefix` names the fields' ids.
 */
export function CommentForm({ url, codeUrl, prefix, onSent }: { url: string; codeUrl?: string; prefix: string; onSent: () => void }) {
  const [form, setForm] = useState({ body: '', name: '', phone: '', code: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState(false);
  const [codeSent, setCodeSent] = useState<string | null>(null);
  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.errors.length) setErrors(Object.fromEntries(e.errors.map((x) => [x.path.replace(/^body\./, ''), x.message])));
    else setErrors({ _: (e as Error).message });
  };
  const submit = async () => {
    setErrors({});
    try {
      await api.post(url, { body: form.body, ...(form.name ? { name: form.name } : {}), ...(form.phone ? { phone: form.phone } : {}),
        ...(form.code ? { code: form.code } : {}) });
      setSent(true); setForm({ body: '', name: '', phone: '', code: '' }); setCodeSent(null);
      onSent();
    } catch (e) { fail(e); }
  };
  // where the county requires a verified phone: the code goes by SMS to the number typed
  const sendCode = async () => {
    setErrors({});
    try { setCodeSent((await api.post<{ sentTo: string }>(codeUrl!, { phone: form.phone })).sentTo); } catch (e) { fail(e); }
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
      <Field id={`${prefix}-phone`} label={t(codeUrl ? 'consult.comment.mobile' : 'consult.comment.phone')} error={errors.phone}>
        <input id={`${prefix}-phone`} inputMode="tel" value={form.phone} onChange={(e) => setForm({ ...form, phone: e.target.value })} />
      </Field>
      {codeUrl && <>
        <button type="button" onClick={() => void sendCode()}>{t('consult.comment.getCode')}</button>
        {codeSent && <p role="status">{t('consult.comment.codeSent', { to: codeSent })}</p>}
        <Field id={`${prefix}-code`} label={t('consult.comment.code')} error={errors.code}>
          <input id={`${prefix}-code`} inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={form.code}
            onChange={(e) => setForm({ ...form, code: e.target.value })} />
        </Field>
      </>}
      <button type="submit">{t('consult.comment.submit')}</button>
      {sent && <p role="status" data-testid={`${prefix}-sent`}>{t('consult.comment.thanks')}</p>}
    </form>
  );
}
