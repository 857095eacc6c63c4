import { useEffect, useState } from 'react';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import type { ScreenProps } from '../../types.ts';

interface ItemView {
  title: string; indexNo: string; orgName: string; categoryLabel: string; docNo: string | null; formedOn: string; publishedOn: string;
  summary: string; body: string;
}

/** One published item at its stable address (/p/disclosure/items/:id). */
export default function Item({ params }: ScreenProps) {
  const [it, setIt] = useState<ItemView | null>(null);
  const [err, setErr] = useState<string | null>(null);
  useEffect(() => { api.get<ItemView>(`/api/v1/public/disclosure/items/${params.id}`).then(setIt, (e: Error) => setErr(e.message)); }, [params.id]);
  if (err) return <section className="card"><p role="alert">{err}</p></section>;
  if (!it) return <section className="card"><p>{t('common.loading')}</p></section>;
  return (
    <article className="card">
      <h1>{it.title}</h1>
      <dl>
        <dt>{t('disclosure.item.indexNo')}</dt><dd>{it.indexNo}</dd><dt>{t('disclosure.field.org')}</dt><dd>{it.orgName}</dd>
        <dt>{t('disclosure.browse.category')}</dt><dd>{it.categoryLabel}</dd>{it.docNo && <><dt>{t('disclosure.item.docNo')}</dt><dd>{it.docNo}</dd></>}
        <dt>{t('disclosure.item.formedOn')}</dt><dd>{it.formedOn}</dd><dt>{t('disclosure.item.publishedOn')}</dt><dd>{it.publishedOn}</dd>
      </dl>
      <p>{it.summary}</p>
      {it.body && <div style={{ whiteSpace: 'pre-wrap' }}>{it.body}</div>}
    </article>
  );
}
