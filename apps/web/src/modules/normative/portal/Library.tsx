import { useEffect, useState } from 'react';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import { Link } from '../../../portal/components/Link.tsx';

interface Item { id: string; title: string; regNo: string; docNo: string | null; orgName: string; statusLabel: string; publishedOn: string; url: string }
interface Result { total: number; items: Item[]; statuses: { value: string; label: string }[] }

/** 规范性文件库: search (two-character words are found), filter by 制定机关, status and year; each document at its stable address. */
export default function Library() {
  const [q, setQ] = useState('');
  const [orgId, setOrgId] = useState('');
  const [status, setStatus] = useState('');
  const [year, setYear] = useState('');
  const [orgs, setOrgs] = useState<{ id: string; name: string }[]>([]);
  const [data, setData] = useState<Result | null>(null);
  const load = (query: string) => api.get<Result>('/api/v1/public/normative/docs', {
    q: query || undefined, orgId: orgId || undefined, status: status || undefined, year: year || undefined, limit: 50,
  }).then(setData, () => setData({ total: 0, items: [], statuses: [] }));
  useEffect(() => { api.get<{ id: string; name: string }[]>('/api/v1/public/normative/orgs').then(setOrgs, () => setOrgs([])); }, []);
  useEffect(() => { void load(q.trim()); }, [orgId, status, year]); // eslint-disable-line react-hooks/exhaustive-deps
  const years = Array.from({ length: 8 }, (_, i) => String(new Date().getFullYear() - i));
  return (
    <section className="card" aria-labelledby="norm-lib">
      <h1 id="norm-lib">{t('normative.library.title')}</h1>
      <form role="search" onSubmit={(e) => { e.preventDefault(); void load(q.trim()); }} className="row">
        <label htmlFor="norm-q" className="sr-only">{t('normative.filter.q')}</label>
        <input id="norm-q" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('normative.filter.q')} />
        <button type="submit">{t('normative.filter.go')}</button>
      </form>
      <div className="row">
        <label htmlFor="norm-org">{t('normative.filter.org')}</label>
        <select id="norm-org" value={orgId} onChange={(e) => setOrgId(e.target.value)}>
          <option value="">{t('normative.filter.all')}</option>{orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </select>
        <label htmlFor="norm-status">{t('normative.filter.state')}</label>
        <select id="norm-status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('normative.filter.all')}</option>{data?.statuses.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
        </select>
        <label htmlFor="norm-year">{t('normative.filter.year')}</label>
        <select id="norm-year" value={year} onChange={(e) => setYear(e.target.value)}>
          <option value="">{t('normative.filter.all')}</option>{years.map((y) => <option key={y} value={y}>{y}</option>)}
        </select>
      </div>
      <p className="muted" data-testid="norm-total">{t('normative.library.total', { n: data?.total ?? 0 })}</p>
      <ul>{data?.items.map((i) => (
        <li key={i.id}><Link to={i.url}>{i.title}</Link> <span className="muted">{i.regNo} · {i.docNo} · {i.orgName} · {i.statusLabel} · {i.publishedOn}</span></li>
      ))}</ul>
      <p><Link to="/p/normative/consultations">{t('normative.library.consultations')}</Link></p>
    </section>
  );
}
