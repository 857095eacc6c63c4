import { useEffect, useState } from 'react';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import { Field } from '../../../portal/components/Field.tsx';
import { Link } from '../../../portal/components/Link.tsx';
import type { PublicService } from './types.ts';

/** 办事指南: the service items, searchable; each opens its guide with the online application. */
export default function Services() {
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<PublicService[]>([]);
  const load = (s = q) => api.get<PublicService[]>('/api/v1/public/services', { q: s || undefined }).then(setRows, () => setRows([]));
  useEffect(() => { void load(); }, []); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <section className="card" aria-labelledby="sv-title">
      <h1 id="sv-title">{t('approvals.portal.services')}</h1>
      <p className="muted">{t('approvals.portal.servicesIntro')}</p>
      <form className="pf-row" role="search" onSubmit={(e) => { e.preventDefault(); void load(); }}>
        <Field id="sv-q" label={t('approvals.portal.keyword')}><input id="sv-q" value={q} onChange={(e) => setQ(e.target.value)} /></Field>
        <button type="submit" className="pf-btn">{t('approvals.portal.search')}</button>
      </form>
      <ul className="pf-list">
        {rows.map((s) => (
          <li key={s.id}>
            <h2><Link to={`/p/services/${s.id}`}>{s.name}</Link></h2>
            <p className="muted">
              {s.orgName} · {s.instant ? t('approvals.portal.instant') : `${t('approvals.portal.promised')} ${t('approvals.portal.wd', { n: s.promisedDays })}`}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
