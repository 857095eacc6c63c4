import { useEffect, useState } from 'react';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import type { ScreenProps } from '../../types.ts';
import { Link } from '../../../portal/components/Link.tsx';
import { APPLICANT_KINDS } from '../reportLayout.ts';

interface ReportRow { id: string; orgName: string; year: number; docNo: string | null; publishedOn: string }
interface ReportSnap { orgName: string; year: number; docNo: string | null; rendered: Record<string, string>; table3: Record<string, Record<string, number>> }
/** The rows of table 三 shown on the portal, with their labels. */
const T3: [string, string][] = [
  ['new', 't3.new'], ['carried_in', 't3.carried_in'], ['leaf:1', 'leaf.1'], ['leaf:2', 'leaf.2.short'],
  ['closed', 't3.closedRow'], ['carried_out', 't3.carried_out'],
];

/** Published annual reports (/p/disclosure/reports, /p/disclosure/reports/:id: the snapshot frozen at publication). */
export default function Reports({ params }: ScreenProps) {
  const id = params.id;
  const [list, setList] = useState<ReportRow[]>([]);
  const [snap, setSnap] = useState<ReportSnap | null>(null);
  useEffect(() => {
    if (!id) api.get<ReportRow[]>('/api/v1/public/disclosure/reports').then(setList, () => setList([]));
    else api.get<ReportSnap>(`/api/v1/public/disclosure/reports/${id}`).then(setSnap, () => setSnap(null));
  }, [id]);
  if (id) {
    if (!snap) return <section className="card"><p>{t('common.loading')}</p></section>;
    return (
      <article className="card">
        <h1>{t('disclosure.reports.titleOf', { org: snap.orgName, year: snap.year })}</h1>
        {snap.docNo && <p className="muted">{snap.docNo}</p>}
        <h2>{t('disclosure.report.s1')}</h2><p>{snap.rendered.一}</p>
        <h2>{t('disclosure.report.s3')}</h2>
        <div style={{ overflowX: 'auto' }}><table><thead><tr><th />{APPLICANT_KINDS.map((c) => <th key={c}>{t(`disclosure.kind.${c}`)}</th>)}</tr></thead>
          <tbody>{T3.map(([k, l]) => (
            <tr key={k}><th scope="row">{t(`disclosure.${l}`)}</th>{APPLICANT_KINDS.map((c) => <td key={c}>{snap.table3[k][c]}</td>)}</tr>
          ))}</tbody></table></div>
        <h2>{t('disclosure.report.s5')}</h2><p>{snap.rendered.五}</p>
        <h2>{t('disclosure.report.s6')}</h2><p>{snap.rendered.六}</p>
      </article>
    );
  }
  return (
    <section className="card"><h1>{t('disclosure.reports.title')}</h1>
      <ul>{list.map((r) => <li key={r.id}>
        <Link to={`/p/disclosure/reports/${r.id}`}>{t('disclosure.reports.titleOf', { org: r.orgName, year: r.year })}</Link>
        {' '}<span className="muted">{r.docNo} · {r.publishedOn}</span>
      </li>)}</ul>
      {list.length === 0 && <p className="muted">{t('disclosure.reports.none')}</p>}
    </section>
  );
}
