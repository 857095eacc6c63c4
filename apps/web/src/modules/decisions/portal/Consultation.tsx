import { useEffect, useState } from 'react';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import { CommentForm } from '../../../portal/components/CommentForm.tsx';
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
  const load = () => api.get<View>(`/api/v1/public/decisions/consultations/${params.id}`).then(setV, (e: Error) => setErr(e.message));
  useEffect(() => { void load(); }, [params.id]); // eslint-disable-line react-hooks/exhaustive-deps
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
      {v.open && <CommentForm url={`/api/v1/public/decisions/consultations/${params.id}/comments`} prefix="dec" strings="decisions" onSent={() => void load()} />}
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
