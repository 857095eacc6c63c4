import { useEffect, useState } from 'react';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import type { ScreenProps } from '../../types.ts';

interface View { title: string; indexNo: string; orgName: string; docNo: string | null; formedOn: string; publishedOn: string; summary: string; body: string }

/** One published 行政处罚决定 (/p/enforcement/decisions/:id); a withdrawn one answers 404 (Art. 48 ¶2). */
export default function Decision({ params }: ScreenProps) {
  const [it, setIt] = useState<View | null>(null);
  const [gone, setGone] = useState(false);
  useEffect(() => {
    api.get<View>(`/api/v1/public/enforcement/decisions/${params.id}`).then(setIt, () => setGone(true));
  }, [params.id]);
  if (gone) return <section className="card"><p role="alert">{t('enforcement.decisions.gone')}</p></section>;
  if (!it) return <section className="card"><p>{t('common.loading')}</p></section>;
  return (
    <article className="card">
      <h1>{it.title}</h1>
      <dl className="pf-facts">
        <dt>{t('enforcement.decisions.org')}</dt><dd>{it.orgName}</dd>
        {it.docNo && <><dt>{t('enforcement.decisions.docNo')}</dt><dd>{it.docNo}</dd></>}
        <dt>{t('enforcement.decisions.decidedOn')}</dt><dd>{it.formedOn}</dd>
        <dt>{t('enforcement.decisions.publishedOn')}</dt><dd>{it.publishedOn}</dd>
        <dt>{t('enforcement.decisions.indexNo')}</dt><dd>{it.indexNo}</dd>
      </dl>
      <p>{it.summary}</p>
      <div style={{ whiteSpace: 'pre-wrap' }}>{it.body}</div>
    </article>
  );
}
