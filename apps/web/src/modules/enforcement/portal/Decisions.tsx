import { useEffect, useState } from 'react';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import { Link } from '../../../portal/components/Link.tsx';

interface Item { id: string; title: string; summary: string; docNo: string | null; orgName: string; publishedOn: string; url: string }

/** 行政执法公示: the published 行政处罚决定 (7 WD, 118号), searchable (two-character words are found); withdrawn ones are gone. */
export default function Decisions() {
  const [q, setQ] = useState('');
  const [data, setData] = useState<{ total: number; items: Item[] } | null>(null);
  const load = (query: string) => api.get<{ total: number; items: Item[] }>('/api/v1/public/enforcement/decisions', { q: query || undefined, limit: 50 })
    .then(setData, () => setData({ total: 0, items: [] }));
  useEffect(() => { void load(''); }, []);
  return (
    <section className="card" aria-labelledby="ed-title">
      <h1 id="ed-title">{t('enforcement.decisions.title')}</h1>
      <p className="muted">{t('enforcement.decisions.intro')}</p>
      <form role="search" onSubmit={(e) => { e.preventDefault(); void load(q.trim()); }} className="row">
        <label htmlFor="ed-q" className="sr-only">{t('enforcement.decisions.search')}</label>
        <input id="ed-q" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('enforcement.decisions.search')} />
        <button type="submit">{t('enforcement.decisions.go')}</button>
      </form>
      <p className="muted" data-testid="ed-total">{t('enforcement.decisions.total', { n: data?.total ?? 0 })}</p>
      <ul>{data?.items.map((i) => (
        <li key={i.id}><Link to={i.url}>{i.title}</Link> <span className="muted">{i.orgName} · {i.publishedOn}</span><br />
          <span className="muted">{i.summary}</span></li>
      ))}</ul>
      <p><Link to="/p/enforcement/certificate">{t('enforcement.cert.title')}</Link></p>
    </section>
  );
}
