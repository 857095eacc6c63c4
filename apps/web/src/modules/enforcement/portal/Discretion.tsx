import { useEffect, useState } from 'react';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';

interface Row {
  id: string; powerCode: string; powerName: string; circumstance: string; description: string; minFine: string; maxFine: string; basis: string;
  version: string; effectiveFrom: string;
}

/** 行政处罚裁量基准 as published (《行政处罚法》第三十四条): per 行政处罚 item of the 权责清单, per 情形, the fine range and its basis. */
export default function Discretion() {
  const [rows, setRows] = useState<Row[] | null>(null);
  useEffect(() => { api.get<Row[]>('/api/v1/public/enforcement/discretion').then(setRows, () => setRows([])); }, []);
  const byPower = new Map<string, Row[]>();
  for (const r of rows ?? []) byPower.set(`${r.powerCode} ${r.powerName}`, [...(byPower.get(`${r.powerCode} ${r.powerName}`) ?? []), r]);
  return (
    <section className="card" aria-labelledby="edisc-title">
      <h1 id="edisc-title">{t('enforcement.discretion.title')}</h1>
      <p className="muted">{t('enforcement.discretion.intro')}</p>
      {rows === null && <p>{t('common.loading')}</p>}
      {[...byPower.entries()].map(([power, list]) => (
        <div key={power}>
          <h2>{power}</h2>
          <table className="pf-table">
            <thead><tr><th>{t('enforcement.discretion.circumstance')}</th><th>{t('enforcement.discretion.description')}</th>
              <th>{t('enforcement.discretion.range')}</th><th>{t('enforcement.discretion.basis')}</th>
              <th>{t('enforcement.discretion.effective')}</th></tr></thead>
            <tbody>{list.map((r) => (
              <tr key={r.id}><td>{r.circumstance}</td><td>{r.description}</td><td>{Number(r.minFine)}–{Number(r.maxFine)} 元</td>
                <td>{r.basis}（{r.version}）</td><td>{r.effectiveFrom}</td></tr>
            ))}</tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
