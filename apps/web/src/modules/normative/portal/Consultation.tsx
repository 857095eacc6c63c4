import { useEffect, useState } from 'react';
import { api, ApiError } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import { Field, FormAlert } from '../../../portal/components/Field.tsx';
import type { ScreenProps } from '../../types.ts';

interface View {
  id: string; title: string; orgName: string; open: boolean; startOn: string; endOn: string; draft: string; explanation: string; adoption: string | null;
  comments: { id: string; name: string; body: string; createdAt: string }[];
}

/** A draft open for comment: read it, comment (name and phone optional; shown masked), and after close read the 采纳情况. */
export default function Consultation({ params }: ScreenProps) {
  const [v, setV] = useState<View | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const [form, setForm] = useState({ body: '', name: '', phone: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState(false);
  const load = () => api.get<View>(`/api/v1/public/normative/consultations/${params.id}`).then(setV, (e: Error) => setErr(e.message));
  useEffect(() => { void load(); }, [params.id]); // eslint-disable-line react-hooks/exhaustive-deps
  const submit = async () => {
    setErrors({});
    try {
      await api.post(`/api/v1/public/normative/consultations/${params.id}/comments`, {
        body: form.body, ...(form.name ? { name: form.name } : {}), ...(form.phone ? { phone: form.phone } : {}),
      });
      setSent(true); setForm({ body: '', name: '', phone: '' });
      void load();
    } catch (e) {
      if (e instanceof ApiError && e.errors.length) setErrors(Object.fromEntries(e.errors.map((x) => [x.path.replace(/^body\./, ''), x.message])));
      else setErrors({ _: (e as Error).message });
    }
  };
  if (err) return <section className="card"><p role="alert">{err}</p></section>;
  if (!v) return <section className="card"><p>{t('common.loading')}</p></section>;
  return (
    <article className="card">
      <h1>{v.title}</h1>
      <p className="muted">{v.orgName} · {t('normative.consult.period', { start: v.startOn, end: v.endOn })} · {t(v.open ? 'normative.consult.open' : 'normative.consult.closed')}</p>
      <section><h2>{t('normative.doc.draft')}</h2><div style={{ whiteSpace: 'pre-wrap' }}>{v.draft}</div></section>
      <section><h2>{t('normative.doc.explanation')}</h2><div style={{ whiteSpace: 'pre-wrap' }}>{v.explanation}</div></section>
      {v.adoption && <section><h2>{t('normative.doc.adoption')}</h2><div style={{ whiteSpace: 'pre-wrap' }} data-testid="norm-adoption">{v.adoption}</div></section>}
      {v.open && <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <FormAlert error={errors._} />
        <Field id="norm-body" label={t('normative.comment.body')} error={errors.body}>
          <textarea id="norm-body" rows={5} value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} />
        </Field>
        <Field id="norm-name" label={t('normative.comment.name')} error={errors.name}>
          <input id="norm-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </Field>
        <Field id="norm-phone" label={t('normative.comment.phone')} error={errors.phone}>
          <input id="norm-phone" value={form.phone} onChange={(e) => setForm({ ...form, phone: e.target.value })} />
        </Field>
        <button type="submit">{t('normative.comment.submit')}</button>
        {sent && <p role="status" data-testid="norm-sent">{t('normative.comment.thanks')}</p>}
      </form>}
      <section>
        <h2>{t('normative.consult.comments')}</h2>
        {v.comments.length ? <ul>{v.comments.map((c) => <li key={c.id}><strong>{c.name}</strong>：{c.body}</li>)}</ul> : <p className="muted">{t('normative.comment.none')}</p>}
      </section>
    </article>
  );
}
