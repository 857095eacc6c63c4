import { useEffect, useState, type ReactNode } from 'react';
import { api } from '../../lib/api.ts';
import { t } from '../../lib/i18n.ts';
import { CommentForm } from './CommentForm.tsx';

/** What the server's consultationView returns (platform/consultations/comments.ts), plus what a module adds. */
export interface ConsultationView {
  id: string; title: string; orgName: string; open: boolean; startOn: string; endOn: string; daysLeft: number; shortReason: string | null;
  draft: string; explanation: string; adoption: string | null; phoneVerification: boolean; hiddenCount: number;
  comments: { id: string; name: string; body: string; createdAt: string; answer: string | null; answerReason: string | null }[];
}

/**
 * A draft open for public comment (公开征求意见), one page for every module that consults: the draft and its 说明, the period
 * and days left, the comment form while open (name and phone optional; shown masked), the comments, and once the 采纳情况 is
 * published the answer to each. `url` is the module's public consultation; `prefix` names the test ids; `draftTitle` the draft's
 * heading; `extra` renders what the module adds (a 重大行政决策's hearing).
 */
export function ConsultationPage<V extends ConsultationView>({ url, prefix, draftTitle, extra }: {
  url: string; prefix: string; draftTitle: string; extra?: (v: V) => ReactNode;
}) {
  const [v, setV] = useState<V | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const load = () => api.get<V>(url).then(setV, (e: Error) => setErr(e.message));
  useEffect(() => { void load(); }, [url]); // eslint-disable-line react-hooks/exhaustive-deps
  if (err) return <section className="card"><p role="alert">{err}</p></section>;
  if (!v) return <section className="card"><p>{t('common.loading')}</p></section>;
  return (
    <article className="card">
      <h1>{v.title}</h1>
      <p className="muted">{v.orgName} · {t('consult.period', { start: v.startOn, end: v.endOn })} ·{' '}
        {v.open ? <strong data-testid={`${prefix}-days-left`}>{t('consult.daysLeft', { n: v.daysLeft })}</strong> : t('consult.closed')}</p>
      {v.shortReason && <p>{t('consult.short', { reason: v.shortReason })}</p>}
      {extra?.(v)}
      <section><h2>{draftTitle}</h2><div style={{ whiteSpace: 'pre-wrap' }}>{v.draft}</div></section>
      <section><h2>{t('consult.explanation')}</h2><div style={{ whiteSpace: 'pre-wrap' }}>{v.explanation}</div></section>
      {v.adoption && <section><h2>{t('consult.adoption')}</h2>
        <div style={{ whiteSpace: 'pre-wrap' }} data-testid={`${prefix}-adoption`}>{v.adoption}</div></section>}
      {v.open && <CommentForm url={`${url}/comments`} prefix={prefix} onSent={() => void load()}
        codeUrl={v.phoneVerification ? `/api/v1/public/consultations/${v.id}/phone-code` : undefined} />}
      <section>
        <h2>{t('consult.comments')}</h2>
        {v.comments.length ? <ul data-testid={`${prefix}-comments`}>{v.comments.map((c) => (
          <li key={c.id}><strong>{c.name}</strong>：{c.body}
            {c.answer && <div className="muted">{t('consult.answered', { answer: c.answer, reason: c.answerReason ?? '' })}</div>}</li>
        ))}</ul> : <p className="muted">{t('consult.none')}</p>}
        {v.hiddenCount > 0 && <p className="muted" data-testid={`${prefix}-hidden`}>{t('consult.hiddenCount', { n: v.hiddenCount })}</p>}
      </section>
    </article>
  );
}
