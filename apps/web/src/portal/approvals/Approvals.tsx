import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../../lib/api.ts';
import { t } from '../../lib/i18n.ts';
import { linkClick, match } from '../../lib/router.ts';
import './approvals.css';

interface PowerRow { id: string; code: string; name: string; type: string; orgName: string; basisLaw: string; basisArticle: string; duties: string[]; level: string; townshipKind: string | null; delegatedToCount: number }
interface Service { id: string; code: string; name: string; orgName: string; powerName: string; powerType: string; basisLaw: string; basisArticle: string; statutoryDays: number; promisedDays: number; instant: boolean; materials: { name: string; required: boolean }[]; fees: string; guide: string; online: boolean; jointMode: string | null }
interface Scenario { id: string; name: string; description: string; materials: { name: string }[]; services: { id: string; name: string }[] }

const TYPES = ['行政许可', '行政处罚', '行政强制', '行政征收', '行政给付', '行政检查', '行政确认', '行政奖励', '行政裁决', '其他行政权力', '公共服务'];
const fieldErrors = (e: unknown) => e instanceof ApiError ? Object.fromEntries(e.errors.map((x) => [x.path.split('.').pop() ?? x.path, x.message])) : {};
const Link = ({ to, children }: { to: string; children: ReactNode }) => <a href={to} onClick={(e) => linkClick(e, to)}>{children}</a>;

function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: ReactNode }) {
  return (
    <div className="pf-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error && <p className="pf-error" id={`${id}-err`} role="alert">{error}</p>}
    </div>
  );
}

/** 权责清单 on the portal: search by keyword, filter by type and level. */
export function PowersPage() {
  const [q, setQ] = useState({ q: '', type: '', level: '' });
  const [data, setData] = useState<{ total: number; items: PowerRow[] } | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const load = (f = q) => api.get<{ total: number; items: PowerRow[] }>('/api/v1/public/powers', { q: f.q || undefined, type: f.type || undefined, level: f.level || undefined, limit: 200 }).then(setData, (e: Error) => setErr(e.message));
  useEffect(() => { void load(); }, []); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <section className="card" aria-labelledby="pw-title">
      <h1 id="pw-title">{t('pp.powers.title')}</h1>
      <p className="muted">{t('pp.powers.intro')}</p>
      <form className="pf-row" role="search" onSubmit={(e) => { e.preventDefault(); void load(); }}>
        <Field id="pw-q" label={t('pp.search.label')}><input id="pw-q" value={q.q} onChange={(e) => setQ({ ...q, q: e.target.value })} /></Field>
        <Field id="pw-type" label={t('pp.type')}><select id="pw-type" value={q.type} onChange={(e) => setQ({ ...q, type: e.target.value })}><option value="">{t('pp.all')}</option>{TYPES.map((x) => <option key={x}>{x}</option>)}</select></Field>
        <Field id="pw-level" label={t('pp.level')}><select id="pw-level" value={q.level} onChange={(e) => setQ({ ...q, level: e.target.value })}><option value="">{t('pp.all')}</option><option value="county">{t('ap.level.county')}</option><option value="township">{t('ap.level.township')}</option></select></Field>
        <button type="submit" className="pf-btn">{t('pp.search')}</button>
      </form>
      {err && <p className="alert" role="alert">{err}</p>}
      {data && <p aria-live="polite">{t('pp.results', { n: data.total })}</p>}
      <ul className="pf-list">
        {data?.items.map((p) => (
          <li key={p.id}>
            <h2>{p.name} <span className="badge">{p.type}</span></h2>
            <dl className="facts">
              <div><dt>{t('ap.col.code')}</dt><dd className="mono">{p.code}</dd></div>
              <div><dt>{t('ap.col.org')}</dt><dd>{p.orgName}</dd></div>
              <div><dt>{t('ap.col.basis')}</dt><dd>{p.basisLaw}{p.basisArticle}</dd></div>
              <div><dt>{t('ap.col.level')}</dt><dd>{p.level === 'county' ? t('ap.level.county') : t('pp.township', { kind: p.townshipKind ?? '' })}</dd></div>
              <div><dt>{t('pp.duties')}</dt><dd>{p.duties.join('、')}</dd></div>
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ServicesPage() {
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<Service[]>([]);
  const load = (s = q) => api.get<Service[]>('/api/v1/public/services', { q: s || undefined }).then(setRows, () => setRows([]));
  useEffect(() => { void load(); }, []); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <section className="card" aria-labelledby="sv-title">
      <h1 id="sv-title">{t('pp.services.title')}</h1>
      <p className="muted">{t('pp.services.intro')}</p>
      <form className="pf-row" role="search" onSubmit={(e) => { e.preventDefault(); void load(); }}>
        <Field id="sv-q" label={t('pp.search.label')}><input id="sv-q" value={q} onChange={(e) => setQ(e.target.value)} /></Field>
        <button type="submit" className="pf-btn">{t('pp.search')}</button>
      </form>
      <ul className="pf-list">
        {rows.map((s) => (
          <li key={s.id}>
            <h2><Link to={`/p/services/${s.id}`}>{s.name}</Link></h2>
            <p className="muted">{s.orgName} · {s.instant ? t('pp.instant') : `${t('pp.promised')} ${t('pp.wd', { n: s.promisedDays })}`}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 办事指南 of one item, with the online application form. */
export function ServiceGuide({ id }: { id: string }) {
  const [s, setS] = useState<Service | null>(null);
  const [f, setF] = useState<Record<string, string>>({});
  const [have, setHave] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => { api.get<Service>(`/api/v1/public/services/${id}`).then(setS, () => setS(null)); }, [id]);
  if (!s) return <section className="card"><p>{t('common.loading')}</p></section>;
  async function submit(e: FormEvent) {
    e.preventDefault(); setBusy(true); setErrors({});
    try {
      const r = await api.post<{ number: string }>('/api/v1/public/cases', { type: 'approval', input: { serviceId: s!.id, channel: 'online', applicantName: f.name, applicantPhone: f.phone, applicantIdNo: f.idNo || undefined, materials: have } });
      setDone(r.number);
    } catch (err) { setErrors(fieldErrors(err)); if (!(err instanceof ApiError) || !err.errors.length) setErrors({ form: (err as Error).message }); }
    finally { setBusy(false); }
  }
  return (
    <>
      <section className="card" aria-labelledby="g-title">
        <h1 id="g-title">{s.name}</h1>
        <dl className="facts">
          <div><dt>{t('pp.handler')}</dt><dd>{s.orgName}</dd></div>
          <div><dt>{t('ap.col.basis')}</dt><dd>{s.basisLaw}{s.basisArticle}</dd></div>
          <div><dt>{t('pp.statutory')}</dt><dd>{t('pp.wd', { n: s.statutoryDays })}{s.jointMode && <><br />{t('pp.joint', { mode: s.jointMode })}</>}</dd></div>
          <div><dt>{t('pp.promised')}</dt><dd>{s.instant ? t('pp.instant') : t('pp.wd', { n: s.promisedDays })}</dd></div>
          <div><dt>{t('pp.fees')}</dt><dd>{s.fees}</dd></div>
        </dl>
        <h2>{t('pp.materials')}</h2>
        <ol>{s.materials.map((m) => <li key={m.name}>{m.name}</li>)}</ol>
        <h2>{t('pp.guide')}</h2>
        <p>{s.guide}</p>
      </section>
      <section className="card" aria-labelledby="ap-title">
        <h2 id="ap-title">{t('pp.apply')}</h2>
        {!s.online ? <p>{t('pp.apply.offline')}</p> : done ? <p className="pf-ok" role="status">{t('pp.apply.done', { number: done })} <Link to={`/p/track/${done}`}>{t('portal.track.title')}</Link></p> : (
          <form onSubmit={submit} noValidate>
            <Field id="ap-name" label={t('pp.apply.name')} error={errors.applicantName}><input id="ap-name" required value={f.name ?? ''} onChange={(e) => setF({ ...f, name: e.target.value })} /></Field>
            <Field id="ap-phone" label={t('pp.apply.phone')} error={errors.applicantPhone}><input id="ap-phone" inputMode="tel" required value={f.phone ?? ''} onChange={(e) => setF({ ...f, phone: e.target.value })} /></Field>
            <Field id="ap-id" label={t('pp.apply.idNo')} error={errors.applicantIdNo}><input id="ap-id" value={f.idNo ?? ''} onChange={(e) => setF({ ...f, idNo: e.target.value })} /></Field>
            <fieldset className="pf-field"><legend>{t('pp.apply.have')}</legend>
              {s.materials.map((m) => <label key={m.name} className="pf-check"><input type="checkbox" checked={have.includes(m.name)} onChange={(e) => setHave(e.target.checked ? [...have, m.name] : have.filter((x) => x !== m.name))} /> {m.name}</label>)}
            </fieldset>
            {errors.form && <p className="alert" role="alert">{errors.form}</p>}
            <button type="submit" className="pf-btn" disabled={busy}>{t('pp.apply.submit')}</button>
          </form>
        )}
      </section>
    </>
  );
}

export function ScenariosPage() {
  const [rows, setRows] = useState<Scenario[]>([]);
  const [pick, setPick] = useState<Scenario | null>(null);
  const [f, setF] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => { api.get<Scenario[]>('/api/v1/public/scenarios').then(setRows, () => setRows([])); }, []);
  async function submit(e: FormEvent) {
    e.preventDefault(); setErrors({});
    try {
      const r = await api.post<{ number: string }>(`/api/v1/public/scenarios/${pick!.id}/apply`, { channel: 'online', applicantName: f.name, applicantPhone: f.phone, materials: pick!.materials.map((m) => m.name), form: { 说明: f.note ?? '' } });
      setDone(r.number);
    } catch (err) { setErrors(fieldErrors(err)); }
  }
  return (
    <section className="card" aria-labelledby="sc-title">
      <h1 id="sc-title">{t('pp.sc.title')}</h1>
      <p className="muted">{t('pp.sc.intro')}</p>
      <ul className="pf-list">
        {rows.map((s) => (
          <li key={s.id}>
            <h2>{s.name}</h2>
            <p>{s.description}</p>
            <p className="muted">{s.services.map((x) => x.name).join(' + ')}</p>
            <button type="button" className="pf-btn" onClick={() => { setPick(s); setDone(null); }}>{t('pp.sc.apply')}</button>
          </li>
        ))}
      </ul>
      {pick && (done ? <p className="pf-ok" role="status">{t('pp.sc.done', { number: done })} <Link to={`/p/bundles/${done}`}>{t('pp.sc.track')}</Link></p> : (
        <form onSubmit={submit} noValidate aria-label={pick.name}>
          <h2>{pick.name}</h2>
          <Field id="sc-name" label={t('pp.apply.name')} error={errors.applicantName}><input id="sc-name" value={f.name ?? ''} onChange={(e) => setF({ ...f, name: e.target.value })} /></Field>
          <Field id="sc-phone" label={t('pp.apply.phone')} error={errors.applicantPhone}><input id="sc-phone" inputMode="tel" value={f.phone ?? ''} onChange={(e) => setF({ ...f, phone: e.target.value })} /></Field>
          <p>{t('pp.materials')}：{pick.materials.map((m) => m.name).join('、')}</p>
          <button type="submit" className="pf-btn">{t('pp.apply.submit')}</button>
        </form>
      ))}
    </section>
  );
}

export function BundlePage({ number }: { number: string }) {
  const [b, setB] = useState<{ scenario: string; combined: string; parts: { number: string; itemName: string; stateLabel: string }[] } | null>(null);
  const [err, setErr] = useState<string | null>(null);
  useEffect(() => { api.get<typeof b>(`/api/v1/public/bundles/${encodeURIComponent(number)}`).then(setB, (e: Error) => setErr(e.message)); }, [number]);
  if (err) return <p className="alert" role="alert">{err}</p>;
  if (!b) return <p>{t('common.loading')}</p>;
  return (
    <section className="card" aria-labelledby="bd-title">
      <h1 id="bd-title">{b.scenario} · {number}</h1>
      <p>{t('pp.sc.status')}：<span className="badge">{b.combined}</span></p>
      <ul className="pf-list">{b.parts.map((p) => <li key={p.number}><Link to={`/p/track/${p.number}`}>{p.number}</Link> {p.itemName} — {p.stateLabel}</li>)}</ul>
    </section>
  );
}

interface Lookup { number: string; title: string; open: { invitationId: string }[]; ratings: { id: string; levelLabel: string; rectification: { state: string; feedback: string | null } | null; canRateRectification: boolean; followupLevel: number | null }[] }
function Levels({ name, value, onChange, legend }: { name: string; value: number; onChange: (n: number) => void; legend: string }) {
  return (
    <fieldset className="pf-field pf-levels"><legend>{legend}</legend>
      {[5, 4, 3, 2, 1].map((n) => <label key={n} className="pf-check"><input type="radio" name={name} value={n} checked={value === n} onChange={() => onChange(n)} /> {t(`pp.level.${n}`)}</label>)}
    </fieldset>
  );
}

/** 好差评 on the portal: find the handling by number + phone, rate it, rate the rectification, see the ranking. */
export function RatePage() {
  const [f, setF] = useState({ number: '', phone: '' });
  const [look, setLook] = useState<Lookup | null>(null);
  const [level, setLevel] = useState(0);
  const [follow, setFollow] = useState(0);
  const [comment, setComment] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [rank, setRank] = useState<{ items: { rank: number; orgName: string; n: number; satisfaction: number | null; bad: number }[] } | null>(null);
  useEffect(() => { api.get<typeof rank>('/api/v1/public/ratings/ranking').then(setRank, () => undefined); }, []);
  const find = async (e?: FormEvent) => {
    e?.preventDefault(); setErrors({}); setMsg(null);
    try { setLook(await api.post<Lookup>('/api/v1/public/ratings/lookup', { number: f.number.trim().toUpperCase(), phone: f.phone.trim() })); }
    catch (err) { setLook(null); setErrors({ ...fieldErrors(err), form: (err as Error).message }); }
  };
  async function rate(e: FormEvent) {
    e.preventDefault();
    try {
      const r = await api.post<{ rectificationNumber: string | null }>('/api/v1/public/ratings', { number: look!.number, phone: f.phone.trim(), level, comment: comment || undefined });
      await find();
      setMsg(r.rectificationNumber ? `${t('pp.rate.thanks')}${t('pp.rate.bad', { number: r.rectificationNumber })}` : t('pp.rate.thanks'));
    } catch (err) { setErrors({ ...fieldErrors(err), form: (err as Error).message }); }
  }
  async function rateFollowup(id: string) {
    try { await api.post(`/api/v1/public/ratings/${id}/followup`, { number: look!.number, phone: f.phone.trim(), level: follow }); await find(); setMsg(t('pp.rate.thanks')); }
    catch (err) { setErrors({ form: (err as Error).message }); }
  }
  return (
    <>
      <section className="card" aria-labelledby="rt-title">
        <h1 id="rt-title">{t('pp.rate.title')}</h1>
        <p className="muted">{t('pp.rate.intro')}</p>
        <form className="pf-row" onSubmit={find} noValidate>
          <Field id="rt-number" label={t('pp.rate.number')} error={errors.number}><input id="rt-number" value={f.number} onChange={(e) => setF({ ...f, number: e.target.value })} /></Field>
          <Field id="rt-phone" label={t('pp.rate.phone')} error={errors.phone}><input id="rt-phone" inputMode="tel" value={f.phone} onChange={(e) => setF({ ...f, phone: e.target.value })} /></Field>
          <button type="submit" className="pf-btn">{t('pp.rate.find')}</button>
        </form>
        {errors.form && <p className="alert" role="alert">{errors.form}</p>}
        {msg && <p className="pf-ok" role="status">{msg}</p>}
        {look && <>
          <h2>{look.number} · {look.title}</h2>
          {look.open.length > 0 ? (
            <form onSubmit={rate}>
              <Levels name="level" legend={t('pp.rate.level')} value={level} onChange={setLevel} />
              <Field id="rt-comment" label={t('pp.rate.comment')}><textarea id="rt-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} /></Field>
              <button type="submit" className="pf-btn" disabled={!level}>{t('pp.rate.submit')}</button>
            </form>
          ) : look.ratings.length === 0 && <p>{t('pp.rate.none')}</p>}
          {look.ratings.map((r) => (
            <div key={r.id} className="pf-rating">
              <p>{t('pp.rate.yours')}：<span className="badge">{r.levelLabel}</span></p>
              {r.rectification?.feedback && <p>{t('pp.rate.rectification')}：{r.rectification.feedback}</p>}
              {r.canRateRectification && <div>
                <Levels name={`f-${r.id}`} legend={t('pp.rate.followup')} value={follow} onChange={setFollow} />
                <button type="button" className="pf-btn" disabled={!follow} onClick={() => void rateFollowup(r.id)}>{t('pp.rate.submit')}</button>
              </div>}
            </div>
          ))}
        </>}
      </section>
      {rank && <section className="card" aria-labelledby="rk-title">
        <h2 id="rk-title">{t('pp.rate.ranking')}</h2>
        <table className="pf-table">
          <thead><tr><th scope="col">{t('pp.rank.rank')}</th><th scope="col">{t('pp.rank.org')}</th><th scope="col">{t('pp.rank.n')}</th><th scope="col">{t('pp.rank.sat')}</th><th scope="col">{t('pp.rank.bad')}</th></tr></thead>
          <tbody>{rank.items.map((r) => <tr key={r.orgName}><td>{r.rank}</td><td>{r.orgName}</td><td>{r.n}</td><td>{r.satisfaction === null ? '—' : `${r.satisfaction}%`}</td><td>{r.bad}</td></tr>)}</tbody>
        </table>
      </section>}
    </>
  );
}

/** The portal pages of this module, by path (null when the path is not ours). */
export function approvalsPage(pathname: string): ReactNode | null {
  if (pathname === '/p/powers') return <PowersPage />;
  if (pathname === '/p/services') return <ServicesPage />;
  const g = match('/p/services/:id', pathname);
  if (g) return <ServiceGuide id={g.id} />;
  if (pathname === '/p/scenarios') return <ScenariosPage />;
  const b = match('/p/bundles/:number', pathname);
  if (b) return <BundlePage number={b.number} />;
  if (pathname === '/p/rate') return <RatePage />;
  return null;
}
