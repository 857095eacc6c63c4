import { useEffect, useState } from 'react';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import { Link } from '../../../portal/components/Link.tsx';

interface Row { kind: string; id: string; title: string; orgName: string; open: boolean; startOn: string; endOn: string; comments: number; url: string }

/** 征求意见 and 听证会 on 重大行政决策 drafts: those running, then those ended (their page shows the 采纳情况). */
export default function Consultations() {
  const [rows, setRows] = useState<Row[] | null>(null);
  useEffect(() => { api.get<Row[]>('/api/v1/public/decisions/consultations').then(setRows, () => setRows([])); }, []);
  const part = (open: boolean) => (rows ?? []).filter((r) => r.open === open);
  return (
    <section className="card" aria-labelledby="dec-consult">
      <h1 id="dec-consult">{t('decisions.consult.title')}</h1>
      {[true, false].map((open) => (
        <section key={String(open)}>
          <h2>{t(open ? 'decisions.consult.open' : 'decisions.consult.closed')}</h2>
          <ul>{part(open).map((r) => (
            <li key={`${r.kind}-${r.id}`}>[{r.kind}] <Link to={r.url}>{r.title}</Link>{' '}
              <span className="muted">{r.orgName} · {t('decisions.consult.period', { start: r.startOn, end: r.endOn })}</span></li>
          ))}</ul>
        </section>
      ))}
    </section>
  );
}
