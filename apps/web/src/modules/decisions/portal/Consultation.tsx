import { useEffect, useState } from 'react';
import { api, ApiError } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import { Field, FormAlert } from '../../../portal/components/Field.tsx';
import type { ScreenProps } from '../../types.ts';

interface View {
  id: string; title: string; orgName: string; open: boolean; startOn: string; endOn: string; daysLeft: number; shortReason: string | null; draft: string;
  explanation: string; adoption: string | null; hearing: { hearingOn: string; participants: string[]; held: boolean } | null;
  comments: { id: string; name: string; body: string; createdAt: string; answer: string | null; answerReason: string | null }[];
}

/** A decision draft open for comment (Art. 15): read it, comment (name and phone optional; shown masked), then read each answer. */
export default function Consultation({ params }: ScreenProps) {
  const [v, setV] = useState<View | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const [form, setForm] = useState({ body: '', name: '', phone: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState(false);
  const load = () => api.get<View>(`/api/v1/public/decisions/consultations/${params.id}`).then(setV, (e: Error) => setErr(e.message));
  useEffect(() => { void load(); }, [params.id]); // eslint-disable-line react-hooks/exhaustive-deps
  const submit = async () => {
    setErrors({});
    try {
      await api.post(`/api/v1/public/decisions/consultations/${params.id}/comments`, {
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
      <p className="muted">{v.orgName} · {t('decisions.consult.period', { start: v.startOn, end: v.endOn })} ·{' '}
        {v.open ? <strong data-testid="dec-days-left">{t('decisions.consult.daysLeft', { n: v.daysLeft })}</strong> : t('decisions.consult.closed')}</p>
      {v.shortReason && <p>{t('decisions.consult.short', { reason: v.shortReason })}</p>}
      {v.hearing && <p>{t('decisions.consult.hearing', { on: v.hearing.hearingOn, names: v.hearing.participants.join('、') })}</p>}
      <section><h2>{t('decisions.consult.draft')}</h2><div style={{ whiteSpace: 'pre-wrap' }}>{v.draft}</div></section>
      <section><h2>{t('decisions.consult.explanation')}</h2><div style={{ whiteSpace: 'pre-wrap' }}>{v.explanation}</div></section>
      {v.adoption && <section><h2>{t('decisions.consult.adoption')}</h2><div style={{ whiteSpace: 'pre-wrap' }} data-testid="dec-adoption">{v.adoption}</div></section>}
      {v.open && <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <FormAlert error={errors._} />
        <Field id="dec-body" label={t('decisions.comment.body')} error={errors.body}>
          <textarea id="dec-body" rows={5} value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} />
        </Field>
        <Field id="dec-name" label={t('decisions.comment.name')} error={errors.name}>
          <input id="dec-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </Field>
        <Field id="dec-phone" label={t('decisions.comment.phone')} error={errors.phone}>
          <input id="dec-phone" value={form.phone} onChange={(e) => setForm({ ...form, phone: e.target.value })} />
        </Field>
        <button type="submit">{t('decisions.comment.submit')}</button>
        {sent && <p role="status" data-testid="dec-sent">{t('decisions.comment.thanks')}</p>}
      </form>}
      <section>
        <h2>{t('decisions.consult.comments')}</h2>
        {v.comments.length ? <ul data-testid="dec-comments">{v.comments.map((c) => (
          <li key={c.id}><strong>{c.name}</strong>：{c.body}
            {c.answer && <div className="muted">{t('decisions.comment.answered', { answer: c.answer, reason: c.answerReason ?? '' })}</div>}</li>
        ))}</ul> : <p className="muted">{t('decisions.comment.none')}</p>}
      </section>
    </article>
  );
}
