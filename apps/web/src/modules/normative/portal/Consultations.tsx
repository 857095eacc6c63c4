import { useEffect, useState } from 'react';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import { Link } from '../../../portal/components/Link.tsx';

interface Row { id: string; title: string; orgName: string; open: boolean; commentStart: string; commentEnd: string; comments: number; url: string }

/** 征求意见: drafts open for comment, then those closed (their page shows the 采纳情况). */
export default function Consultations() {
  const [rows, setRows] = useState<Row[] | null>(null);
  useEffect(() => { api.get<Row[]>('/api/v1/public/normative/consultations').then(setRows, () => setRows([])); }, []);
  const part = (open: boolean) => (rows ?? []).filter((r) => r.open === open);
  return (
    <section className="card" aria-labelledby="norm-consult">
      <h1 id="norm-consult">{t('normative.consult.title')}</h1>
      {[true, false].map((open) => (
        <section key={String(open)}>
          <h2>{t(open ? 'normative.consult.open' : 'normative.consult.closed')}</h2>
          <ul>{part(open).map((r) => (
            <li key={r.id}><Link to={r.url}>{r.title}</Link> <span className="muted">{r.orgName} · {t('normative.consult.period', { start: r.commentStart, end: r.commentEnd })}</span></li>
          ))}</ul>
        </section>
      ))}
    </section>
  );
}
