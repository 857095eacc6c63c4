import { useEffect, useState } from 'react';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import { Link } from '../../../portal/components/Link.tsx';

interface Org { id: string; name: string }
interface Item { id: string; indexNo: string; title: string; orgName: string; categoryLabel: string; publishedOn: string; url: string }

/** 政府信息公开目录: browse by org and category, search (two-character words are found). */
export default function Browse() {
  const [q, setQ] = useState('');
  const [orgId, setOrgId] = useState('');
  const [category, setCategory] = useState('');
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [cats, setCats] = useState<Record<string, string>>({});
  const [data, setData] = useState<{ total: number; items: Item[] } | null>(null);
  const load = (query: string, o: string, c: string) => api.get<{ total: number; items: Item[] }>('/api/v1/public/disclosure/items', {
    q: query || undefined, orgId: o || undefined, category: c || undefined, limit: 50,
  }).then(setData, () => setData({ total: 0, items: [] }));
  useEffect(() => {
    api.get<Org[]>('/api/v1/public/disclosure/orgs').then(setOrgs, () => setOrgs([]));
    api.get<{ categories: Record<string, string> }>('/api/v1/public/disclosure/rules').then((r) => setCats(r.categories), () => setCats({}));
  }, []);
  useEffect(() => { void load(q.trim(), orgId, category); }, [orgId, category]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <section className="card" aria-labelledby="disc-cat">
      <h1 id="disc-cat">{t('disclosure.browse.title')}</h1>
      <form role="search" onSubmit={(e) => { e.preventDefault(); void load(q.trim(), orgId, category); }} className="row">
        <label htmlFor="disc-q" className="sr-only">{t('disclosure.browse.search')}</label>
        <input id="disc-q" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('disclosure.browse.search')} />
        <button type="submit">{t('disclosure.browse.go')}</button>
      </form>
      <div className="row">
        <label htmlFor="disc-org">{t('disclosure.field.org')}</label>
        <select id="disc-org" value={orgId} onChange={(e) => setOrgId(e.target.value)}>
          <option value="">{t('disclosure.browse.all')}</option>{orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </select>
        <label htmlFor="disc-category">{t('disclosure.browse.category')}</label>
        <select id="disc-category" value={category} onChange={(e) => setCategory(e.target.value)}>
          <option value="">{t('disclosure.browse.all')}</option>{Object.entries(cats).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </select>
      </div>
      <p className="muted">{t('disclosure.browse.total', { n: data?.total ?? 0 })}</p>
      <ul>{data?.items.map((i) => (
        <li key={i.id}><Link to={i.url}>{i.title}</Link> <span className="muted">{i.indexNo} · {i.orgName} · {i.categoryLabel} · {i.publishedOn}</span></li>
      ))}</ul>
      <p>
        <Link to="/p/disclosure/apply">{t('disclosure.apply.title')}</Link>{' · '}
        <Link to="/p/disclosure/reports">{t('disclosure.reports.title')}</Link>
      </p>
    </section>
  );
}
