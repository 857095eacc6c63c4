import { useEffect, useState } from 'react';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import { Link } from '../../../portal/components/Link.tsx';

interface Item { no: number; title: string; scope: string; standard: string; leadOrgName: string; addedOn: string | null }
interface Catalog { id: string; title: string; ownerName: string; publishedOn: string; consent: { partyBody: string; consentRef: string }; items: Item[] }

/** The published 决策事项目录 (Art. 3 ¶3), items added during the year marked as such. */
export default function Catalogs() {
  const [rows, setRows] = useState<Catalog[] | null>(null);
  useEffect(() => { api.get<Catalog[]>('/api/v1/public/decisions/catalogs').then(setRows, () => setRows([])); }, []);
  return (
    <section className="card" aria-labelledby="dec-catalogs">
      <h1 id="dec-catalogs">{t('decisions.catalog.title')}</h1>
      <p><Link to="/p/decisions/consultations">{t('decisions.consult.title')}</Link></p>
      {rows && !rows.length && <p className="muted">{t('decisions.catalog.empty')}</p>}
      {(rows ?? []).map((c) => (
        <section key={c.id}>
          <h2>{c.ownerName} {c.title}</h2>
          <p className="muted">{t('decisions.catalog.consent', { party: c.consent.partyBody, ref: c.consent.consentRef, on: c.publishedOn })}</p>
          <table>
            <thead><tr><th>#</th><th>{t('decisions.catalog.item')}</th><th>{t('decisions.catalog.scope')}</th><th>{t('decisions.catalog.standard')}</th>
              <th>{t('decisions.catalog.lead')}</th></tr></thead>
            <tbody>{c.items.map((i) => (
              <tr key={i.no}><td>{i.no}</td><td>{i.title}{i.addedOn && <span className="muted">（{t('decisions.catalog.added', { on: i.addedOn })}）</span>}</td>
                <td>{i.scope}</td><td>{i.standard}</td><td>{i.leadOrgName}</td></tr>
            ))}</tbody>
          </table>
        </section>
      ))}
    </section>
  );
}
