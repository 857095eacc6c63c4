import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../lib/api.ts';
import { t } from '../../lib/i18n.ts';
import { linkClick } from '../../lib/router.ts';

interface Org { id: string; name: string }
interface Receipt { number: string; clocks: { label: string; dueDate: string | null }[] }
const KINDS = ['natural', 'business', 'research', 'public_interest', 'legal_service', 'other'];

/** 政府信息公开申请 on the portal: the number and the due date come back at once. */
export function DisclosureApply() {
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [f, setF] = useState<Record<string, string>>({ applicantKind: 'natural', format: '电子', via: '电子邮件' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => { api.get<Org[]>('/api/v1/public/disclosure/orgs').then(setOrgs, () => setOrgs([])); }, []);
  const set = (k: string) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  async function submit(e: FormEvent) {
    e.preventDefault(); setBusy(true); setErrors({});
    try {
      const r = await api.post<Receipt>('/api/v1/public/cases', { type: 'disclosure_request', input: {
        orgId: f.orgId, channel: 'online', applicantKind: f.applicantKind, description: f.description, format: f.format, via: f.via,
        parties: { applicant: { name: f.name, idNo: f.idNo, phone: f.phone, email: f.email || undefined } },
      } });
      setReceipt(r);
    } catch (err) {
      if (err instanceof ApiError) setErrors(Object.fromEntries(err.errors.map((x) => [x.path.split('.').pop() ?? x.path, x.message])));
    } finally { setBusy(false); }
  }
  if (receipt) {
    const due = receipt.clocks.find((c) => c.dueDate)?.dueDate;
    return (
      <section className="card" aria-live="polite">
        <h1>{t('disc.apply.done')}</h1>
        <p>{t('disc.apply.number')}<strong data-testid="disc-number">{receipt.number}</strong></p>
        <p>{t('disc.apply.due')}<strong data-testid="disc-due">{due}</strong></p>
        <p><a href={`/p/track/${receipt.number}`} onClick={(e) => linkClick(e, `/p/track/${receipt.number}`)}>{t('portal.track.title')}</a></p>
      </section>
    );
  }
  const field = (k: string, label: string, input: React.ReactNode) => (
    <div className="field"><label htmlFor={`disc-${k}`}>{label}</label>{input}{errors[k] && <p className="error" role="alert">{errors[k]}</p>}</div>
  );
  return (
    <section className="card" aria-labelledby="disc-apply">
      <h1 id="disc-apply">{t('disc.apply.title')}</h1>
      <p className="muted">{t('disc.apply.help')}</p>
      <form onSubmit={submit} noValidate>
        {field('orgId', t('disc.f.org'), <select id="disc-orgId" value={f.orgId ?? ''} onChange={set('orgId')}><option value="">{t('disc.f.choose')}</option>{orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}</select>)}
        {field('applicantKind', t('disc.f.kind'), <select id="disc-applicantKind" value={f.applicantKind} onChange={set('applicantKind')}>{KINDS.map((k) => <option key={k} value={k}>{t(`disc.kind.${k}`)}</option>)}</select>)}
        {field('name', t('disc.f.name'), <input id="disc-name" value={f.name ?? ''} onChange={set('name')} />)}
        {field('idNo', t('disc.f.idNo'), <input id="disc-idNo" value={f.idNo ?? ''} onChange={set('idNo')} autoComplete="off" />)}
        {field('phone', t('disc.f.phone'), <input id="disc-phone" value={f.phone ?? ''} onChange={set('phone')} inputMode="tel" />)}
        {field('email', t('disc.f.email'), <input id="disc-email" value={f.email ?? ''} onChange={set('email')} inputMode="email" />)}
        {field('description', t('disc.f.description'), <textarea id="disc-description" value={f.description ?? ''} onChange={set('description')} rows={4} />)}
        {field('format', t('disc.f.format'), <select id="disc-format" value={f.format} onChange={set('format')}><option>纸质</option><option>电子</option></select>)}
        {field('via', t('disc.f.via'), <select id="disc-via" value={f.via} onChange={set('via')}>{['邮寄', '电子邮件', '当面领取', '网上获取'].map((v) => <option key={v}>{v}</option>)}</select>)}
        <button type="submit" disabled={busy}>{busy ? t('common.loading') : t('disc.apply.submit')}</button>
      </form>
    </section>
  );
}

interface Item { id: string; indexNo: string; title: string; orgName: string; categoryLabel: string; publishedOn: string; url: string }
/** 政府信息公开目录: browse by org and category, search (two-character words are found). */
export function DisclosureCatalogue() {
  const [q, setQ] = useState('');
  const [orgId, setOrgId] = useState('');
  const [category, setCategory] = useState('');
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [cats, setCats] = useState<Record<string, string>>({});
  const [data, setData] = useState<{ total: number; items: Item[] } | null>(null);
  const load = (query: string, o: string, c: string) => api.get<{ total: number; items: Item[] }>('/api/v1/public/disclosure/items', { q: query || undefined, orgId: o || undefined, category: c || undefined, limit: 50 })
    .then(setData, () => setData({ total: 0, items: [] }));
  useEffect(() => {
    api.get<Org[]>('/api/v1/public/disclosure/orgs').then(setOrgs, () => setOrgs([]));
    api.get<{ categories: Record<string, string> }>('/api/v1/public/disclosure/rules').then((r) => setCats(r.categories), () => setCats({}));
  }, []);
  useEffect(() => { void load(q.trim(), orgId, category); }, [orgId, category]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <section className="card" aria-labelledby="disc-cat">
      <h1 id="disc-cat">{t('disc.cat.title')}</h1>
      <form role="search" onSubmit={(e) => { e.preventDefault(); void load(q.trim(), orgId, category); }} className="row">
        <label htmlFor="disc-q" className="sr-only">{t('disc.cat.search')}</label>
        <input id="disc-q" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('disc.cat.search')} />
        <button type="submit">{t('disc.cat.go')}</button>
      </form>
      <div className="row">
        <label htmlFor="disc-org">{t('disc.f.org')}</label>
        <select id="disc-org" value={orgId} onChange={(e) => setOrgId(e.target.value)}><option value="">{t('disc.cat.all')}</option>{orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}</select>
        <label htmlFor="disc-category">{t('disc.cat.category')}</label>
        <select id="disc-category" value={category} onChange={(e) => setCategory(e.target.value)}><option value="">{t('disc.cat.all')}</option>{Object.entries(cats).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select>
      </div>
      <p className="muted">{t('disc.cat.total', { n: data?.total ?? 0 })}</p>
      <ul>{data?.items.map((i) => <li key={i.id}><a href={i.url} onClick={(e) => linkClick(e, i.url)}>{i.title}</a> <span className="muted">{i.indexNo} · {i.orgName} · {i.categoryLabel} · {i.publishedOn}</span></li>)}</ul>
      <p>
        <a href="/p/disclosure/apply" onClick={(e) => linkClick(e, '/p/disclosure/apply')}>{t('disc.apply.title')}</a>{' · '}
        <a href="/p/disclosure/reports" onClick={(e) => linkClick(e, '/p/disclosure/reports')}>{t('disc.portal.reports')}</a>
      </p>
    </section>
  );
}

interface ItemView { title: string; indexNo: string; orgName: string; categoryLabel: string; docNo: string | null; formedOn: string; publishedOn: string; summary: string; body: string }
/** One published item at its stable address. */
export function DisclosureItem({ id }: { id: string }) {
  const [it, setIt] = useState<ItemView | null>(null);
  const [err, setErr] = useState<string | null>(null);
  useEffect(() => { api.get<ItemView>(`/api/v1/public/disclosure/items/${id}`).then(setIt, (e: Error) => setErr(e.message)); }, [id]);
  if (err) return <section className="card"><p role="alert">{err}</p></section>;
  if (!it) return <section className="card"><p>{t('common.loading')}</p></section>;
  return (
    <article className="card">
      <h1>{it.title}</h1>
      <dl>
        <dt>{t('disc.item.indexNo')}</dt><dd>{it.indexNo}</dd><dt>{t('disc.f.org')}</dt><dd>{it.orgName}</dd>
        <dt>{t('disc.cat.category')}</dt><dd>{it.categoryLabel}</dd>{it.docNo && <><dt>{t('disc.item.docNo')}</dt><dd>{it.docNo}</dd></>}
        <dt>{t('disc.item.formedOn')}</dt><dd>{it.formedOn}</dd><dt>{t('disc.item.publishedOn')}</dt><dd>{it.publishedOn}</dd>
      </dl>
      <p>{it.summary}</p>
      {it.body && <div style={{ whiteSpace: 'pre-wrap' }}>{it.body}</div>}
    </article>
  );
}

interface ReportRow { id: string; orgName: string; year: number; docNo: string | null; publishedOn: string }
interface ReportSnap { orgName: string; year: number; docNo: string | null; rendered: Record<string, string>; table3: Record<string, Record<string, number>> }
const T3: [string, string][] = [['new', '一、本年新收政府信息公开申请数量'], ['carried_in', '二、上年结转政府信息公开申请数量'], ['leaf:1', '（一）予以公开'], ['leaf:2', '（二）部分公开'],
  ['closed', '三、本年度办理结果（七）总计'], ['carried_out', '四、结转下年度继续办理']];
/** Published annual reports (the snapshot frozen at publication). */
export function DisclosureReports({ id }: { id?: string }) {
  const [list, setList] = useState<ReportRow[]>([]);
  const [snap, setSnap] = useState<ReportSnap | null>(null);
  useEffect(() => { if (!id) api.get<ReportRow[]>('/api/v1/public/disclosure/reports').then(setList, () => setList([])); else api.get<ReportSnap>(`/api/v1/public/disclosure/reports/${id}`).then(setSnap, () => setSnap(null)); }, [id]);
  if (id) {
    if (!snap) return <section className="card"><p>{t('common.loading')}</p></section>;
    const cols = ['natural', 'business', 'research', 'public_interest', 'legal_service', 'other', 'total'];
    return (
      <article className="card">
        <h1>{snap.orgName}{snap.year}{t('disc.portal.reportTitle')}</h1>
        {snap.docNo && <p className="muted">{snap.docNo}</p>}
        <h2>一、总体情况</h2><p>{snap.rendered.一}</p>
        <h2>三、收到和处理政府信息公开申请情况</h2>
        <div style={{ overflowX: 'auto' }}><table><thead><tr><th />{cols.map((c) => <th key={c}>{t(`disc.kind.${c}`)}</th>)}</tr></thead>
          <tbody>{T3.map(([k, l]) => <tr key={k}><th scope="row">{l}</th>{cols.map((c) => <td key={c}>{snap.table3[k][c]}</td>)}</tr>)}</tbody></table></div>
        <h2>五、存在的主要问题及改进情况</h2><p>{snap.rendered.五}</p>
        <h2>六、其他需要报告的事项</h2><p>{snap.rendered.六}</p>
      </article>
    );
  }
  return (
    <section className="card"><h1>{t('disc.portal.reports')}</h1>
      <ul>{list.map((r) => <li key={r.id}><a href={`/p/disclosure/reports/${r.id}`} onClick={(e) => linkClick(e, `/p/disclosure/reports/${r.id}`)}>{r.orgName}{r.year}{t('disc.portal.reportTitle')}</a> <span className="muted">{r.docNo} · {r.publishedOn}</span></li>)}</ul>
      {list.length === 0 && <p className="muted">{t('disc.portal.noReports')}</p>}
    </section>
  );
}
