import { useEffect, useState } from 'react';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import { Field } from '../../../portal/components/Field.tsx';
import { POWER_TYPES } from '../types.ts';

interface PowerRow {
  id: string; code: string; name: string; type: string; orgName: string; basisLaw: string; basisArticle: string; duties: string[]; level: string;
  townshipKind: string | null; delegatedToCount: number;
}

/** 权责清单 on the portal: search by keyword, filter by type and level. */
export default function PowersPage() {
  const [q, setQ] = useState({ q: '', type: '', level: '' });
  const [data, setData] = useState<{ total: number; items: PowerRow[] } | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const load = (f = q) => api.get<{ total: number; items: PowerRow[] }>('/api/v1/public/powers', {
    q: f.q || undefined, type: f.type || undefined, level: f.level || undefined, limit: 200,
  }).then(setData, (e: Error) => setErr(e.message));
  useEffect(() => { void load(); }, []); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <section className="card" aria-labelledby="pw-title">
      <h1 id="pw-title">{t('powers.portal.title')}</h1>
      <p className="muted">{t('powers.portal.intro')}</p>
      <form className="pf-row" role="search" onSubmit={(e) => { e.preventDefault(); void load(); }}>
        <Field id="pw-q" label={t('powers.portal.keyword')}><input id="pw-q" value={q.q} onChange={(e) => setQ({ ...q, q: e.target.value })} /></Field>
        <Field id="pw-type" label={t('powers.portal.type')}>
          <select id="pw-type" value={q.type} onChange={(e) => setQ({ ...q, type: e.target.value })}>
            <option value="">{t('powers.portal.all')}</option>{POWER_TYPES.map((x) => <option key={x}>{x}</option>)}
          </select>
        </Field>
        <Field id="pw-level" label={t('powers.portal.level')}>
          <select id="pw-level" value={q.level} onChange={(e) => setQ({ ...q, level: e.target.value })}>
            <option value="">{t('powers.portal.all')}</option>
            <option value="county">{t('powers.level.county')}</option>
            <option value="township">{t('powers.level.township')}</option>
          </select>
        </Field>
        <button type="submit" className="pf-btn">{t('powers.portal.search')}</button>
      </form>
      {err && <p className="alert" role="alert">{err}</p>}
      {data && <p aria-live="polite">{t('powers.portal.results', { n: data.total })}</p>}
      <ul className="pf-list">
        {data?.items.map((p) => (
          <li key={p.id}>
            <h2>{p.name} <span className="badge">{p.type}</span></h2>
            <dl className="facts">
              <div><dt>{t('powers.col.code')}</dt><dd className="mono">{p.code}</dd></div>
              <div><dt>{t('powers.col.org')}</dt><dd>{p.orgName}</dd></div>
              <div><dt>{t('powers.col.basis')}</dt><dd>{p.basisLaw}{p.basisArticle}</dd></div>
              <div><dt>{t('powers.col.level')}</dt>
                <dd>{p.level === 'county' ? t('powers.level.county') : t('powers.level.townshipKind', { kind: p.townshipKind ?? '' })}</dd></div>
              <div><dt>{t('powers.col.duties')}</dt><dd>{p.duties.join('、')}</dd></div>
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}
