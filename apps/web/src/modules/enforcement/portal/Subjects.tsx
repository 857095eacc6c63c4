import { useEffect, useState } from 'react';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';

interface Power { id: string; code: string; name: string; type: string; basis: string; delegatedFrom: string | null }
interface Entry { orgId: string; orgName: string; kind: string; basis: string; entrustedBy: string | null; officers: number; powers: Power[] }
interface List { year: number; version: number; asOf: string; publishedOn: string; entries: Entry[] }

/** 行政执法主体 (事前公示, 118号): the list a year was published with (latest version), each 主体 with its powers and certified officers. */
export default function Subjects() {
  const [year, setYear] = useState(() => new URLSearchParams(window.location.search).get('year') ?? '');
  const [data, setData] = useState<{ years: number[]; list: List | null } | null>(null);
  useEffect(() => {
    api.get<{ years: number[]; list: List | null }>('/api/v1/public/enforcement/subjects', { year: year || undefined })
      .then(setData, () => setData((d) => ({ years: d?.years ?? [], list: null })));
  }, [year]);
  const pick = (y: string) => {
    setYear(y);
    window.history.replaceState(null, '', `/p/enforcement/subjects?year=${y}`);
  };
  const list = data?.list;
  return (
    <section className="card" aria-labelledby="es-title">
      <h1 id="es-title">{t('enforcement.subjects.title')}</h1>
      <p className="muted">{t('enforcement.subjects.intro')}</p>
      {data && data.years.length > 0 && (
        <p><label htmlFor="es-year">{t('enforcement.subjects.year')} </label>
          <select id="es-year" value={year || String(list?.year ?? '')} onChange={(e) => pick(e.target.value)}>
            {data.years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select></p>
      )}
      {data && !list && <p>{t('enforcement.subjects.none')}</p>}
      {list && (<>
        <p className="muted" data-testid="es-version">{t('enforcement.subjects.version', { v: list.version, on: list.publishedOn, asOf: list.asOf })}</p>
        {list.entries.map((e) => (
          <article key={e.orgId} aria-labelledby={`es-${e.orgId}`} style={{ marginBottom: 16 }}>
            <h2 id={`es-${e.orgId}`}>{e.orgName}</h2>
            <p className="muted">{t('enforcement.subjects.kind')}：{e.kind}
              {e.entrustedBy ? `（${t('enforcement.subjects.entrusted', { org: e.entrustedBy })}）` : ''}{e.basis ? `；${e.basis}` : ''}
              {' · '}{t('enforcement.subjects.officers', { n: e.officers })} · {t('enforcement.subjects.powers', { n: e.powers.length })}</p>
            <table>
              <thead><tr><th>{t('enforcement.subjects.code')}</th><th>{t('enforcement.subjects.power')}</th><th>{t('enforcement.subjects.type')}</th>
                <th>{t('enforcement.subjects.basis')}</th></tr></thead>
              <tbody>{e.powers.map((p) => (
                <tr key={p.id}><td>{p.code}</td><td>{p.name}{p.delegatedFrom ? t('enforcement.subjects.delegated', { org: p.delegatedFrom }) : ''}</td>
                  <td>{p.type}</td><td>{p.basis}</td></tr>
              ))}</tbody>
            </table>
          </article>
        ))}
      </>)}
    </section>
  );
}
