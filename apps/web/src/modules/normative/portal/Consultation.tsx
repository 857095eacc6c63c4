import { useEffect, useState } from 'react';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import { CommentForm } from '../../../portal/components/CommentForm.tsx';
import type { ScreenProps } from '../../types.ts';

interface View {
  id: string; title: string; orgName: string; open: boolean; startOn: string; endOn: string; draft: string; explanation: string; adoption: string | null;
  comments: { id: string; name: string; body: string; createdAt: string }[];
}

/** A draft open for comment: read it, comment (name and phone optional; shown masked), and after close read the 采纳情况. */
export default function Consultation({ params }: ScreenProps) {
  const [v, setV] = useState<View | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const load = () => api.get<View>(`/api/v1/public/normative/consultations/${params.id}`).then(setV, (e: Error) => setErr(e.message));
  useEffect(() => { void load(); }, [params.id]); // eslint-disable-line react-hooks/exhaustive-deps
  if (err) return <section className="card"><p role="alert">{err}</p></section>;
  if (!v) return <section className="card"><p>{t('common.loading')}</p></section>;
  return (
    <article className="card">
      <h1>{v.title}</h1>
      <p className="muted">{v.orgName} · {t('normative.consult.period', { start: v.startOn, end: v.endOn })} · {t(v.open ? 'normative.consult.open' : 'normative.consult.closed')}</p>
      <section><h2>{t('normative.doc.draft')}</h2><div style={{ whiteSpace: 'pre-wrap' }}>{v.draft}</div></section>
      <section><h2>{t('normative.doc.explanation')}</h2><div style={{ whiteSpace: 'pre-wrap' }}>{v.explanation}</div></section>
      {v.adoption && <section><h2>{t('normative.doc.adoption')}</h2><div style={{ whiteSpace: 'pre-wrap' }} data-testid="norm-adoption">{v.adoption}</div></section>}
      {v.open && <CommentForm url={`/api/v1/public/normative/consultations/${params.id}/comments`} prefix="norm" strings="normative" onSent={() => void load()} />}
      <section>
        <h2>{t('normative.consult.comments')}</h2>
        {v.comments.length ? <ul>{v.comments.map((c) => <li key={c.id}><strong>{c.name}</strong>：{c.body}</li>)}</ul> : <p className="muted">{t('normative.comment.none')}</p>}
      </section>
    </article>
  );
}
